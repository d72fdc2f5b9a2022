"""Judged precision of the default gazetteer on news it was not tuned on.

There is no gold annotation for the text users run barq on, so precision is measured the way
``../shared/docs/JUDGING.md`` describes: draw matches uniformly from everything the gazetteer
finds on a held-out news set, judge each in its context by hand, keep the verdicts in the
repository, and count.

The held-out set is every third article of the shared news corpus (``index % 3 == 0``, 10,508
articles). Nothing that builds the default gazetteer or the shipped lexicon reads those articles
(``scripts/build_default_gazetteer.py`` and ``scripts/build_lexicon.py`` take the other two thirds),
and the curation of the gazetteer was done on the other two thirds too.

Usage (from the repository root, with barq installed)::

    python benchmarks/judge_default_gazetteer.py sample --tag after --n 320
        # draws the sample (seed fixed per tag), writes the matches still to judge, with their
        # context, to a work file outside the repository (the corpus text is not ours to copy)
    python benchmarks/judge_default_gazetteer.py score --tag after
        # precision of that sample from the verdicts in benchmarks/judged/verdicts.jsonl
    python benchmarks/judge_default_gazetteer.py compare --tag before
        # what the current gazetteer does with the matches judged for another tag

Verdicts (``benchmarks/judged/verdicts.jsonl``, one JSON object per line): ``doc`` (the
article's id), ``start``/``end`` (code points in its ``text``, where the entity begins after any
proclitic), ``id`` (the entity id claimed), ``text`` (the matched word), ``verdict`` (``ok``,
``wrong_entity``, ``not_entity``, ``adjective``) and ``note``. A verdict belongs to (doc, start,
end, id), so one judged match keeps its verdict in every sample that draws it.

Precision = ok / (N - adjective): a nisba adjective (الحكومة السعودية) is neither counted right nor
wrong, and its count is reported beside the figure.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import zlib
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "data" / "news" / "news_ant_v2_multisource.jsonl.gz"
JUDGED = REPO / "benchmarks" / "judged"
VERDICTS = JUDGED / "verdicts.jsonl"
SAMPLES = JUDGED / "samples.json"
VERDICT_KINDS = ("ok", "wrong_entity", "not_entity", "adjective")
CONTEXT = 100


def held_out(news: Path) -> list[dict]:
    """The held-out articles: every third one of the corpus (index % 3 == 0)."""
    out = []
    with gzip.open(news, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 3 == 0:
                doc = json.loads(line)
                out.append({"doc": doc["id"], "text": doc["text"]})
    return out


def key(doc: str, start: int, end: int, ident: str) -> tuple[str, int, int, str]:
    return (doc, start, end, ident)


def all_matches(docs: list[dict]) -> list[tuple[int, object]]:
    import barq

    g = barq.Gazetteer.default()
    found = g.find_batch([d["text"] for d in docs])
    return [(i, m) for i, ms in enumerate(found) for m in ms]


def seed_of(tag: str) -> int:
    return zlib.crc32(tag.encode("utf-8"))


def draw(docs: list[dict], n: int, tag: str) -> list[dict]:
    matches = all_matches(docs)
    rng = random.Random(seed_of(tag))
    picked = sorted(rng.sample(range(len(matches)), min(n, len(matches))))
    out = []
    for p in picked:
        i, m = matches[p]
        meta = m.meta or {}
        out.append(
            {
                "doc": docs[i]["doc"],
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "prefix": m.prefix,
                "id": m.id,
                "label": m.label,
                "term": m.term,
                "variant": getattr(m, "variant", None),
                "en": meta.get("en", ""),
                "kind": meta.get("kind", ""),
                "country": meta.get("country", ""),
            }
        )
    print(f"{len(matches):,} matches in {len(docs):,} held-out articles; drew {len(out)}")
    return out


def load_verdicts() -> dict[tuple[str, int, int, str], dict]:
    verdicts = {}
    if VERDICTS.exists():
        for line in VERDICTS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                v = json.loads(line)
                if v["verdict"] not in VERDICT_KINDS:
                    raise ValueError(f"unknown verdict {v['verdict']!r} in {v}")
                verdicts[key(v["doc"], v["start"], v["end"], v["id"])] = v
    return verdicts


def load_samples() -> dict[str, dict]:
    return json.loads(SAMPLES.read_text(encoding="utf-8")) if SAMPLES.exists() else {}


def cmd_sample(args: argparse.Namespace) -> None:
    docs = held_out(args.news)
    sample = draw(docs, args.n, args.tag)
    samples = load_samples()
    samples[args.tag] = {
        "seed": seed_of(args.tag),
        "n": len(sample),
        "matches": [[s["doc"], s["start"], s["end"], s["id"]] for s in sample],
    }
    JUDGED.mkdir(parents=True, exist_ok=True)
    SAMPLES.write_text(json.dumps(samples, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    verdicts = load_verdicts()
    texts = {d["doc"]: d["text"] for d in docs}
    todo = [s for s in sample if key(s["doc"], s["start"], s["end"], s["id"]) not in verdicts]
    with open(args.work, "w", encoding="utf-8") as f:
        for s in todo:
            text = texts[s["doc"]]
            word_start = s["start"] - len(s["prefix"])
            s = dict(s)
            s["left"] = text[max(0, word_start - CONTEXT) : word_start]
            s["right"] = text[s["end"] : s["end"] + CONTEXT]
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    print(f"{len(sample) - len(todo)} already judged; {len(todo)} to judge -> {args.work}")


def precision_table(rows: list[dict]) -> tuple[str, float]:
    counts = Counter(r["verdict"] for r in rows)
    n = len(rows)
    denominator = n - counts["adjective"]
    precision = counts["ok"] / denominator if denominator else float("nan")
    lines = [
        f"N = {n}: ok {counts['ok']}, wrong_entity {counts['wrong_entity']}, "
        f"not_entity {counts['not_entity']}, adjective {counts['adjective']}",
        f"precision = ok / (N - adjective) = {counts['ok']} / {denominator} = {precision:.3f}",
    ]
    errors = Counter(
        (r["text"], r["id"], r["verdict"]) for r in rows if r["verdict"] in VERDICT_KINDS[1:3]
    )
    if errors:
        lines.append("errors by term:")
        lines += [f"  {c} x {t} -> {i} ({v})" for (t, i, v), c in errors.most_common()]
    return "\n".join(lines), precision


def cmd_score(args: argparse.Namespace) -> None:
    samples = load_samples()
    if args.tag not in samples:
        sys.exit(f"no sample tagged {args.tag!r}; run `sample --tag {args.tag}` first")
    verdicts = load_verdicts()
    rows, missing = [], 0
    for doc, start, end, ident in samples[args.tag]["matches"]:
        v = verdicts.get(key(doc, start, end, ident))
        if v is None:
            missing += 1
        else:
            rows.append(v)
    if missing:
        print(f"{missing} matches of the sample have no verdict yet")
    table, _ = precision_table(rows)
    print(f"sample {args.tag!r} (seed {samples[args.tag]['seed']}):\n{table}")


def cmd_compare(args: argparse.Namespace) -> None:
    """What the current default gazetteer does with the matches judged for another tag."""
    samples = load_samples()
    verdicts = load_verdicts()
    judged = [verdicts.get(key(*m)) for m in samples[args.tag]["matches"]]
    judged = [v for v in judged if v is not None]
    docs = {d["doc"]: d for d in held_out(args.news)}
    import barq

    g = barq.Gazetteer.default()
    wanted = sorted({v["doc"] for v in judged})
    found = g.find_batch([docs[d]["text"] for d in wanted])
    now = {d: {(m.start, m.end, m.id) for m in ms} for d, ms in zip(wanted, found, strict=True)}
    spans = {d: {(m.start, m.end) for m in ms} for d, ms in zip(wanted, found, strict=True)}
    outcome = Counter()
    for v in judged:
        same = (v["start"], v["end"], v["id"]) in now[v["doc"]]
        other_id = not same and (v["start"], v["end"]) in spans[v["doc"]]
        state = "kept" if same else "relinked" if other_id else "dropped"
        outcome[(v["verdict"], state)] += 1
        if args.verbose and (v["verdict"] == "ok") != (state == "kept"):
            print(f"  {v['verdict']:12} {state:8} {v['text']} {v['id']} {v.get('note', '')}")
    print(f"matches judged for {args.tag!r}, with the current default gazetteer:")
    for verdict in VERDICT_KINDS:
        row = {s: outcome[(verdict, s)] for s in ("kept", "relinked", "dropped")}
        print(f"  {verdict:12} " + ", ".join(f"{s} {c}" for s, c in row.items()))
    ok = sum(outcome[("ok", s)] for s in ("kept", "relinked", "dropped"))
    if ok:
        print(f"  recall kept on the judged ok matches: {outcome[('ok', 'kept')] / ok:.3f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--news", type=Path, default=NEWS)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sample")
    p.add_argument("--tag", required=True)
    p.add_argument("--n", type=int, default=320)
    p.add_argument("--work", default="/tmp/barq_to_judge.jsonl")
    p = sub.add_parser("score")
    p.add_argument("--tag", required=True)
    p = sub.add_parser("compare")
    p.add_argument("--tag", required=True)
    p.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    if not args.news.exists():
        sys.exit(f"the news corpus is not at {args.news}")
    {"sample": cmd_sample, "score": cmd_score, "compare": cmd_compare}[args.command](args)


if __name__ == "__main__":
    main()
