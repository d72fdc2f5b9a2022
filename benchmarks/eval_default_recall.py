"""Recall kept: the location mentions of AQMAR and Wojood that the default gazetteer finds.

The precision work on the default gazetteer (dropping common words, people's names, small foreign
towns; the variant gate) must not lose the places it found before. This script lists the gold
location mentions of both corpora (AQMAR ``LOC``; Wojood ``GPE`` and ``LOC``; train, validation
and test splits alike: the default gazetteer was not built from them) that the default gazetteer
finds, a mention being found when a match covers exactly its span (the whole word, so an
attached proclitic may be in the mention or not), whatever the match's label.

Usage (from the repository root)::

    python benchmarks/eval_default_recall.py --save found.json        # with one barq installed
    python benchmarks/eval_default_recall.py --compare found.json     # with another

``--compare`` prints how many of the mentions found in the saved run are still found now, and
the ones lost. ``--overlapping`` counts a place found inside a longer match too (جامعة بيرزيت, a
university now in the gazetteer, holds the town بيرزيت that Wojood annotates inside it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "ner"
FILES = {
    "aqmar": (["aqmar/aqmar.train.spans.jsonl", "aqmar/aqmar.test.spans.jsonl"], {"LOC"}),
    "wojood": (
        [f"wojood_sample/wojood.{s}.spans.jsonl" for s in ("train", "val", "test")],
        {"GPE", "LOC"},
    ),
}


def mentions(data: Path) -> tuple[list[str], list[tuple[str, int, int, int, str]]]:
    texts, gold = [], []
    for corpus, (files, labels) in FILES.items():
        for name in files:
            with open(data / name, encoding="utf-8") as f:
                for line in f:
                    if not line.strip():
                        continue
                    obj = json.loads(line)
                    for e in obj["entities"]:
                        if e["type"] in labels:
                            gold.append((corpus, len(texts), e["start"], e["end"], e["text"]))
                    texts.append(obj["text"])
    return texts, gold


def found(data: Path, overlapping: bool) -> dict[str, list]:
    import barq

    texts, gold = mentions(data)
    g = barq.Gazetteer.default()
    if overlapping:  # every match: a place inside a longer name (جامعة بيرزيت) counts too
        g = barq.Gazetteer(g.entries(), overlapping=True)
    matches = g.find_batch(texts)
    spans = [
        {(m.start, m.end) for m in ms} | {(m.start - len(m.prefix), m.end) for m in ms}
        for ms in matches
    ]
    hits = [g for g in gold if (g[2], g[3]) in spans[g[1]]]
    totals = {c: sum(1 for g in gold if g[0] == c) for c in FILES}
    return {"totals": totals, "found": [list(g) for g in hits]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--save", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument(
        "--overlapping", action="store_true", help="count places inside longer matches too"
    )
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        sys.exit(f"the NER data is not at {args.data}")
    now = found(args.data, args.overlapping)
    for corpus, total in now["totals"].items():
        n = sum(1 for g in now["found"] if g[0] == corpus)
        print(f"{corpus}: {n} of {total} location mentions found ({n / total:.1%})")
    if args.save:
        args.save.write_text(json.dumps(now, ensure_ascii=False), encoding="utf-8")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        current = {tuple(g) for g in now["found"]}
        for corpus in FILES:
            was = [tuple(g) for g in before["found"] if g[0] == corpus]
            kept = [g for g in was if g in current]
            print(
                f"{corpus}: {len(kept)} of the {len(was)} found before are still found"
                f" ({len(kept) / max(len(was), 1):.1%})"
            )
            lost: dict[str, int] = {}
            for g in was:
                if g not in current:
                    lost[g[4]] = lost.get(g[4], 0) + 1
            if lost:
                top = sorted(lost.items(), key=lambda kv: -kv[1])[:25]
                print("  lost: " + ", ".join(f"{t} ({n})" for t, n in top))


if __name__ == "__main__":
    main()
