"""Calibration on a held-out fifth of a training split (AQMAR or Wojood).

The training sentences of the corpus are split: every fifth sentence is the dev set, the rest
builds the gazetteer (one entry per distinct surface + label, most frequent first) and calibrates
it; P/R/F1 (exact span + label, spans from the start of the word) are measured on the dev set for
a few settings of ``min_precision`` and ``min_count``, and for ``Gazetteer.from_annotations``.
This shows what link probability does when the text it is applied to resembles the text it was
estimated on; ``eval_gazetteer_ner.py`` measures it on the corpora's own test splits.

Usage (from the repository root)::

    python benchmarks/eval_calibrate_dev.py [aqmar|wojood]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "ner"
TRAIN = {
    "aqmar": DATA / "aqmar" / "aqmar.train.spans.jsonl",
    "wojood": DATA / "wojood_sample" / "wojood.train.spans.jsonl",
}


def load(path: Path) -> tuple[list[str], list[list[tuple[int, int, str]]]]:
    texts, mentions = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                obj = json.loads(line)
                texts.append(obj["text"])
                mentions.append([(e["start"], e["end"], e["type"]) for e in obj["entities"]])
    return texts, mentions


def main() -> None:
    import barq

    name = sys.argv[1] if len(sys.argv) > 1 else "aqmar"
    texts, mentions = load(TRAIN[name])
    fit = [i for i in range(len(texts)) if i % 5]
    dev = [i for i in range(len(texts)) if i % 5 == 0]
    fit_texts, fit_mentions = [texts[i] for i in fit], [mentions[i] for i in fit]
    dev_texts, dev_mentions = [texts[i] for i in dev], [mentions[i] for i in dev]
    counts = Counter(
        (t[s:e], label) for t, ms in zip(fit_texts, fit_mentions, strict=True) for s, e, label in ms
    )
    entries = [(s, label, f"{label}:{s}") for (s, label), _ in counts.most_common()]
    gold = {(i, s, e, label) for i, ms in enumerate(dev_mentions) for s, e, label in ms}

    def score(g: barq.Gazetteer) -> str:
        found = g.find_batch(dev_texts)
        pred = {
            (i, m.start - len(m.prefix), m.end, m.label) for i, ms in enumerate(found) for m in ms
        }
        tp = len(pred & gold)
        p, r = tp / max(len(pred), 1), tp / len(gold)
        return f"P {100 * p:.1f}  R {100 * r:.1f}  F1 {200 * p * r / max(p + r, 1e-9):.1f}"

    print(f"{name}: {len(fit)} sentences to build and calibrate, {len(dev)} to score")
    print(f"  not calibrated:                  {score(barq.Gazetteer(entries))}")
    for min_precision in (0.3, 0.5, 0.7):
        for min_count in (1, 2, 3):
            g = barq.Gazetteer(entries)
            g.calibrate(fit_texts, fit_mentions, min_precision=min_precision, min_count=min_count)
            print(f"  calibrate({min_precision}, {min_count}):            {score(g)}")
    g = barq.Gazetteer.from_annotations(fit_texts, fit_mentions, min_precision=0.5)
    print(f"  from_annotations(0.5):           {score(g)}")


if __name__ == "__main__":
    main()
