"""Gazetteer matching precision / recall / F1 on annotated Arabic NER data.

For each dataset (AQMAR, Wojood public sample) a gazetteer is built from the entity surface
strings of the TRAIN split and run over the TEST split's sentences; its matches are scored
against the TEST split's gold spans. barq and its peers (flashtext, ahocorasick_rs,
pyahocorasick, spaCy PhraseMatcher) are built from the same entries and scored the same way.

Usage (from the repository root)::

    python benchmarks/eval_gazetteer_ner.py [--data ../shared/data/ner] [--no-write]

Data: ``<data>/aqmar/aqmar.{train,test}.*`` and ``<data>/wojood_sample/wojood.{train,test}.*``
(see the README of each folder). The gazetteer comes from ``*.train.entities.tsv``
(type, surface, count); the evaluation uses ``*.test.spans.jsonl`` (sentence text and gold
spans, code-point offsets, end exclusive).

Gazetteer entries: one per distinct (surface, label) of the train split, added in decreasing
train frequency, so that when a surface carries several labels the most frequent one is added
first (barq then reports it first; the peers, which keep one value per pattern, get that
majority label). barq ids are ``LABEL:surface``.

Scoring (micro-averaged over all test mentions):

* exact: a prediction is correct when (sentence, start, end, label) equals a gold mention;
* span: the same with the label ignored (did the tool find the right stretch of text?);
* per label: exact P/R/F1 of each gold label.

The corpora are tokenised and annotate whole tokens, proclitics included (``والعراق`` is a
GPE span of 7 letters). barq reports the entity without a stripped proclitic (``m.start``)
and the proclitic in ``m.prefix``; for scoring, barq's span starts where the whole word starts
(``m.start - len(m.prefix)``), which is the corpus convention. The row "barq, start=m.start"
scores the unmodified spans, for reference.

Oracle: the share of test mentions whose exact (surface, label) — or surface alone, for the
span oracle — is among the train entries: a gazetteer matching exact strings cannot recall
more than that (folding and clitic stripping can add a little on top).

Nothing from the corpora is written to the results file except a handful of entity names;
the error analysis (most frequent false positives / negatives) goes to stdout only.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import re
import shlex
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "ner"
RESULTS = REPO / "benchmarks" / "results" / "gazetteer_ner.md"
DATASETS = (("aqmar", "aqmar/aqmar"), ("wojood_sample", "wojood_sample/wojood"))
REPEATS = 7

# A span: (sentence index, start, end, label); code-point offsets, end exclusive.
Span = tuple[int, int, int, str]
# A matcher: list of sentences -> list of predicted spans.
Matcher = Callable[[list[str]], list[Span]]

# "Word" characters for the boundary filter of the substring matchers: letters, digits, marks.
_WORD = re.compile(r"\w", re.UNICODE)


# --------------------------------------------------------------------------------------------
# data


@dataclass
class Dataset:
    name: str
    entries: list[tuple[str, str, int]]  # (surface, label, train count), most frequent first
    sentences: list[str]
    gold: set[Span]
    gold_text: dict[Span, str] = field(default_factory=dict)
    gold_mentions: int = 0
    # the TRAIN split's sentences and annotated (start, end, label) spans, for calibration
    train_texts: list[str] = field(default_factory=list)
    train_mentions: list[list[tuple[int, int, str]]] = field(default_factory=list)


def load_dataset(data: Path, name: str, stem: str) -> Dataset:
    train_tsv = data / f"{stem}.train.entities.tsv"
    test_jsonl = data / f"{stem}.test.spans.jsonl"
    for path in (train_tsv, test_jsonl):
        if not path.is_file():
            sys.exit(f"error: {path} not found (is --data pointing at shared/data/ner?)")
    entries: list[tuple[str, str, int]] = []
    with open(train_tsv, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header[:3] != ["type", "entity", "count"]:
            sys.exit(f"error: {train_tsv}: unexpected header {header}")
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or not parts[1].strip():
                continue
            entries.append((parts[1], parts[0], int(parts[2])))
    entries.sort(key=lambda e: -e[2])  # stable: keeps file order at equal counts
    sentences: list[str] = []
    gold: set[Span] = set()
    gold_text: dict[Span, str] = {}
    mentions = 0
    with open(test_jsonl, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            obj = json.loads(line)
            s = len(sentences)
            sentences.append(obj["text"])
            for e in obj["entities"]:
                span = (s, e["start"], e["end"], e["type"])
                assert obj["text"][e["start"] : e["end"]] == e["text"], (obj["id"], e)
                gold.add(span)
                gold_text[span] = e["text"]
                mentions += 1
    train_texts, train_mentions = [], []
    with open(data / f"{stem}.train.spans.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                obj = json.loads(line)
                train_texts.append(obj["text"])
                train_mentions.append([(e["start"], e["end"], e["type"]) for e in obj["entities"]])
    return Dataset(name, entries, sentences, gold, gold_text, mentions, train_texts, train_mentions)


def majority_labels(entries: list[tuple[str, str, int]], key=lambda s: s) -> dict[str, str]:
    """One label per pattern (after ``key``): the most frequent in train."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for surface, label, count in entries:
        counts[key(surface)][label] += count
    return {k: c.most_common(1)[0][0] for k, c in counts.items()}


# --------------------------------------------------------------------------------------------
# scoring


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(pred: set[Span], gold: set[Span]) -> dict:
    exact = prf(len(pred & gold), len(pred), len(gold))
    pred_spans = {s[:3] for s in pred}
    gold_spans = {s[:3] for s in gold}
    span = prf(len(pred_spans & gold_spans), len(pred_spans), len(gold_spans))
    per_label = {}
    for label in sorted({s[3] for s in gold} | {s[3] for s in pred}):
        g = {s for s in gold if s[3] == label}
        p = {s for s in pred if s[3] == label}
        per_label[label] = (*prf(len(p & g), len(p), len(g)), len(g), len(p))
    return {"exact": exact, "span": span, "per_label": per_label, "n_pred": len(pred)}


def oracle(ds: Dataset) -> dict[str, float]:
    pairs = {(s, label) for s, label, _ in ds.entries}
    surfaces = {s for s, _, _ in ds.entries}
    n = len(ds.gold)
    with_label = sum((ds.gold_text[g], g[3]) in pairs for g in ds.gold)
    any_label = len({g[:3] for g in ds.gold if ds.gold_text[g] in surfaces})
    return {
        "exact": with_label / n if n else 0.0,
        "span": any_label / len({g[:3] for g in ds.gold}) if n else 0.0,
    }


# --------------------------------------------------------------------------------------------
# matchers


def leftmost_longest(spans: list[Span]) -> list[Span]:
    """Keep non-overlapping spans per sentence: leftmost first, then longest."""
    out: list[Span] = []
    last: dict[int, int] = {}
    for s in sorted(spans, key=lambda x: (x[0], x[1], -(x[2] - x[1]))):
        if s[1] >= last.get(s[0], -1):
            out.append(s)
            last[s[0]] = s[2]
    return out


def at_word_boundaries(text: str, start: int, end: int) -> bool:
    before = start == 0 or not _WORD.match(text[start - 1])
    after = end == len(text) or not _WORD.match(text[end])
    return before and after


def barq_matcher(entries, word_start=True, **options) -> tuple[Matcher, object]:
    import barq

    g = barq.Gazetteer(entries=[(s, label, f"{label}:{s}") for s, label, _ in entries], **options)

    def run(sentences: list[str]) -> list[Span]:
        out = []
        for i, text in enumerate(sentences):  # find(), not find_batch(): single-threaded like peers
            for m in g.find(text):
                start = m.start - len(m.prefix) if word_start else m.start
                out.append((i, start, m.end, m.label))
        return out

    return run, g


def barq_calibrated(
    entries, ds: Dataset, overlapping: bool = False, **calibration
) -> tuple[Matcher, object]:
    """barq's matcher, calibrated on the TRAIN split (link probability): terms whose train
    matches agree with an annotation less than ``min_precision`` of the time are off."""
    run, g = barq_matcher(entries, overlapping=overlapping)
    if len(entries) == len(ds.entries):  # not for the warm-up
        g.calibrate(ds.train_texts, ds.train_mentions, **calibration)
    return run, g


def flashtext_matcher(entries, arabic_words=False) -> tuple[Matcher, object]:
    from flashtext import KeywordProcessor

    kp = KeywordProcessor()  # case_sensitive=False
    if arabic_words:
        # flashtext's word characters are [A-Za-z0-9_]: every Arabic letter is a boundary.
        for c in range(0x0600, 0x0700):
            ch = chr(c)
            if _WORD.match(ch):
                kp.add_non_word_boundary(ch)
    labels = majority_labels(entries, key=str.lower)
    for surface, label in labels.items():
        kp.add_keyword(surface, label)

    def run(sentences: list[str]) -> list[Span]:
        out = []
        for i, text in enumerate(sentences):
            for label, start, end in kp.extract_keywords(text, span_info=True):
                out.append((i, start, end, label))
        return out

    return run, kp


def ahocorasick_rs_matcher(entries, boundaries=False) -> tuple[Matcher, object]:
    from ahocorasick_rs import AhoCorasick, MatchKind

    labels = majority_labels(entries)
    patterns = list(labels)
    pattern_labels = [labels[p] for p in patterns]
    ac = AhoCorasick(patterns, matchkind=MatchKind.LeftmostLongest)

    def run(sentences: list[str]) -> list[Span]:
        out = []
        for i, text in enumerate(sentences):
            for k, start, end in ac.find_matches_as_indexes(text):
                if boundaries and not at_word_boundaries(text, start, end):
                    continue
                out.append((i, start, end, pattern_labels[k]))
        return out

    return run, ac


def pyahocorasick_matcher(entries) -> tuple[Matcher, object]:
    import ahocorasick

    labels = majority_labels(entries)
    a = ahocorasick.Automaton()
    for surface, label in labels.items():
        a.add_word(surface, (len(surface), label))
    a.make_automaton()

    def run(sentences: list[str]) -> list[Span]:
        out = []
        for i, text in enumerate(sentences):
            for end_index, (length, label) in a.iter_long(text):
                start, end = end_index - length + 1, end_index + 1
                if at_word_boundaries(text, start, end):
                    out.append((i, start, end, label))
        return out

    return run, a


def spacy_matcher(entries, attr="ORTH") -> tuple[Matcher, object]:
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("ar")
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    key = str.lower if attr in ("LOWER", "NORM") else (lambda s: s)
    by_label: dict[str, list] = defaultdict(list)
    for surface, label in majority_labels(entries, key=key).items():
        by_label[label].append(nlp.make_doc(surface))
    for label, docs in by_label.items():
        matcher.add(label, docs)

    def run(sentences: list[str]) -> list[Span]:
        out = []
        for i, doc in enumerate(nlp.tokenizer.pipe(sentences)):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                out.append((i, span.start_char, span.end_char, nlp.vocab.strings[match_id]))
        return leftmost_longest(out)

    return run, nlp


# tool, setting, factory ((entries, dataset) -> (matcher, object))
CONFIGS: list[tuple[str, str, Callable]] = [
    ("barq", "default (clitics, leftmost-longest)", lambda e, d: barq_matcher(e)),
    (
        "barq",
        "calibrate(train, min_precision=0.3, min_count=2)",
        lambda e, d: barq_calibrated(e, d, min_precision=0.3, min_count=2),
    ),
    (
        "barq",
        "calibrate(train, min_precision=0.5, min_count=2)",
        lambda e, d: barq_calibrated(e, d, min_precision=0.5, min_count=2),
    ),
    ("barq", "clitics=False", lambda e, d: barq_matcher(e, clitics=False)),
    ("barq", "overlapping=True", lambda e, d: barq_matcher(e, overlapping=True)),
    (
        "barq",
        "overlapping=True, calibrate(train, 0.3, 2)",
        lambda e, d: barq_calibrated(e, d, overlapping=True, min_precision=0.3, min_count=2),
    ),
    ("barq", "lexicon=None (no variant gate)", lambda e, d: barq_matcher(e, lexicon=None)),
    ("barq", "default, start=m.start", lambda e, d: barq_matcher(e, word_start=False)),
    ("flashtext", "KeywordProcessor default", lambda e, d: flashtext_matcher(e)),
    ("flashtext", "+ Arabic letters as word chars", lambda e, d: flashtext_matcher(e, True)),
    ("ahocorasick_rs", "LeftmostLongest, raw", lambda e, d: ahocorasick_rs_matcher(e)),
    ("ahocorasick_rs", "+ word-boundary filter", lambda e, d: ahocorasick_rs_matcher(e, True)),
    ("pyahocorasick", "iter_long + word-boundary filter", lambda e, d: pyahocorasick_matcher(e)),
    ("spaCy", "PhraseMatcher ORTH", lambda e, d: spacy_matcher(e, "ORTH")),
    ("spaCy", "PhraseMatcher LOWER", lambda e, d: spacy_matcher(e, "LOWER")),
]


# --------------------------------------------------------------------------------------------
# running and reporting


def fmt(x: float) -> str:
    return f"{100 * x:.1f}"


def run_config(ds: Dataset, factory: Callable) -> dict:
    factory(ds.entries[:5], ds)  # warm-up: imports and first-use costs stay out of build ms
    t0 = time.perf_counter()
    matcher, _ = factory(ds.entries, ds)
    build = time.perf_counter() - t0
    best = float("inf")
    pred: list[Span] = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        pred = matcher(ds.sentences)
        best = min(best, time.perf_counter() - t0)
    result = score(set(pred), ds.gold)
    result.update(build_ms=1000 * build, match_ms=1000 * best, pred=set(pred))
    return result


def error_analysis(ds: Dataset, pred: set[Span], top: int = 10) -> str:
    """Print the most frequent false positives / negatives of a run (stdout only); return
    the error categories (counts only) for the results file."""
    gold_spans = {g[:3]: g[3] for g in ds.gold}
    train_surfaces = {s for s, _, _ in ds.entries}
    fp = Counter()
    fp_kind = Counter()
    for p in pred - ds.gold:
        text = ds.sentences[p[0]][p[1] : p[2]]
        if p[:3] in gold_spans:
            kind = "wrong label"
            fp[(text, f"{p[3]}, gold {gold_spans[p[:3]]}")] += 1
        else:
            overlaps = any(
                g[0] == p[0] and g[1] < p[2] and p[1] < g[2] for g in ds.gold
            )  # small data: quadratic is fine
            kind = "overlaps a gold span (boundary)" if overlaps else "no gold span (spurious)"
            fp[(text, p[3])] += 1
        fp_kind[kind] += 1
    fn = Counter()
    fn_kind = Counter()
    pred_spans = {p[:3] for p in pred}
    for g in ds.gold - pred:
        text = ds.gold_text[g]
        if g[:3] in pred_spans:
            kind = "found with another label"
        elif text in train_surfaces:
            kind = "surface in train, missed"
        else:
            kind = "surface not in train (out of gazetteer)"
        fn[(text, g[3])] += 1
        fn_kind[kind] += 1
    print(f"\n### {ds.name}: barq default, error analysis (stdout only)")
    print(f"false positives: {sum(fp.values())}  ", dict(fp_kind.most_common()))
    for (text, label), n in fp.most_common(top):
        print(f"  FP {n:4d}  {text!r}  [{label}]")
    print(f"false negatives: {sum(fn.values())}  ", dict(fn_kind.most_common()))
    for (text, label), n in fn.most_common(top):
        print(f"  FN {n:4d}  {text!r}  [{label}]")

    def kinds(counter: Counter) -> str:
        return "; ".join(f"{kind} {n}" for kind, n in counter.most_common())

    return (
        f"barq default errors: {sum(fp.values())} false positives ({kinds(fp_kind)}); "
        f"{sum(fn.values())} false negatives ({kinds(fn_kind)})."
    )


def dataset_report(ds: Dataset, rows: list[tuple[str, str, dict | str]]) -> str:
    o = oracle(ds)
    distinct = len({s for s, _, _ in ds.entries})
    lines = [
        f"### {ds.name}",
        "",
        f"Gazetteer: {len(ds.entries)} train entries (distinct surface+label), {distinct} "
        f"distinct surfaces. Test: {len(ds.sentences)} sentences, {len(ds.gold)} gold mentions"
        f" ({ds.gold_mentions} in the file). Oracle recall (test mention's exact surface+label "
        f"in train): {fmt(o['exact'])}; span oracle (surface in train, any label): "
        f"{fmt(o['span'])}.",
        "",
        "| tool | setting | P | R | F1 | span-F1 | build ms | match ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for tool, setting, r in rows:
        if isinstance(r, str):
            lines.append(f"| {tool} | {setting} | – | – | – | – | – | {r} |")
            continue
        p, rec, f1 = r["exact"]
        lines.append(
            f"| {tool} | {setting} | {fmt(p)} | {fmt(rec)} | {fmt(f1)} | {fmt(r['span'][2])} "
            f"| {r['build_ms']:.0f} | {r['match_ms']:.1f} |"
        )
    default = next(r for t, s, r in rows if t == "barq" and s.startswith("default (") and r)
    if isinstance(default, dict):
        lines += [
            "",
            "barq default, per label (exact match):",
            "",
            "| label | gold | pred | P | R | F1 |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for label, (p, rec, f1, n_gold, n_pred) in sorted(
            default["per_label"].items(), key=lambda kv: -kv[1][3]
        ):
            lines.append(f"| {label} | {n_gold} | {n_pred} | {fmt(p)} | {fmt(rec)} | {fmt(f1)} |")
    return "\n".join(lines)


def versions() -> str:
    out = [f"Python {platform.python_version()}"]
    for module, name in (
        ("barq", "barq"),
        ("flashtext", "flashtext"),
        ("ahocorasick_rs", "ahocorasick-rs"),
        ("ahocorasick", "pyahocorasick"),
        ("spacy", "spacy"),
    ):
        try:
            from importlib.metadata import version

            __import__(module)
            out.append(f"{name} {version(name)}")
        except Exception as e:  # report, don't fail
            out.append(f"{name} unavailable ({type(e).__name__})")
    return ", ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared/data/ner dir")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.name}")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(
            f"error: NER data directory {args.data} not found; pass --data DIR pointing at "
            "shared/data/ner (with aqmar/ and wojood_sample/ inside)"
        )
    sections = []
    for name, stem in DATASETS:
        ds = load_dataset(args.data, name, stem)
        rows: list[tuple[str, str, dict | str]] = []
        for tool, setting, factory in CONFIGS:
            try:
                r: dict | str = run_config(ds, factory)
            except ImportError as e:
                r = f"not run: {e.name or e} not installed"
            rows.append((tool, setting, r))
        section = dataset_report(ds, rows)
        print("\n" + section)
        default = rows[0][2]
        if isinstance(default, dict):
            section += "\n\n" + error_analysis(ds, default["pred"])
        sections.append(section)
    if args.no_write:
        return
    command = "python " + " ".join(
        shlex.quote(a) for a in [str(Path(sys.argv[0]).as_posix()), *sys.argv[1:]]
    )
    header = [
        "# Gazetteer matching on Arabic NER test sets",
        "",
        f"Generated by `{command}` (from the repository root) on "
        f"{datetime.date.today().isoformat()}.",
        f"{versions()}.",
        "",
        "A gazetteer of the TRAIN split's entity strings (one entry per distinct surface+label, "
        "majority label first) is run over the TEST split; P/R/F1 are micro-averaged exact "
        "span+label matches, span-F1 ignores the label. barq spans start at the beginning of "
        "the word (proclitic included, the corpora's convention) except in the `start=m.start` "
        "row. Times: build = constructing the matcher; match = best of "
        f"{REPEATS} passes over all test sentences, one call per sentence "
        "(single-threaded; barq uses `find`, not the parallel `find_batch`). "
        "The test sets are a few hundred sentences, so times are indicative only (they vary by "
        "tens of percent between runs). See the module docstring for details.",
        "",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(header) + "\n" + "\n\n".join(sections) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
