"""barq's Lucene stemmer against NLTK's Arabic stemmers, side by side on the same news words.

    python benchmarks/bench_stem.py [--mb 0.5] [--reps 3] [--data PATH] [--no-write]

Loads at least ``--mb`` megabytes (UTF-8) of article texts from the shared news corpus (the
loader of bench_normalize.py), cuts them into tokens with ``barq.Tokenizer`` and keeps the word
tokens (not timed). Then times, one thread against one thread, in one process, every stemmer
from a list of words in to a list of stems out:

* NLTK: ``ISRIStemmer``, ``ARLSTem``, ``ARLSTem2`` and ``SnowballStemmer("arabic")``, ``.stem``
  per word (the peers that are not installed are left out, with the reason);
* barq: ``Stemmer().stem_batch(words, threads=1)``, and ``barq.stem`` per word;
* barq ``Stemmer("barq").stem_batch(words, threads=1)``: the lexicon-aware scheme;
* barq ``Stemmer().stems_batch(texts, threads=1)``: from the texts themselves, tokenizing too
  (its words per second count every token it returns, punctuation and numbers included).

The runs are interleaved (every tool once, then again), each string is copied into a new
``str`` before every run (not timed: CPython caches a str's UTF-8 form once asked), and the
table shows the best run of each, the median, and the ratio to ISRI of the best runs. The
stemmers disagree by design; only their speed is compared. Needs barq (a release build:
``maturin develop --release``) and nltk. Writes ``benchmarks/results/stem.md``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_normalize import DEFAULT_DATA, REPO, load_texts  # noqa: E402

DEFAULT_OUT = REPO / "benchmarks" / "results" / "stem.md"

#: A stemmer to time: (words, the texts they come from) in, a list out.
Tool = Callable[[list[str], list[str]], list]


def per_word(stem: Callable[[str], str]) -> Tool:
    return lambda words, _texts: [stem(w) for w in words]


def peers() -> tuple[dict[str, Tool], list[str]]:
    """NLTK's stemmers that can be loaded, and why the others cannot."""
    found: dict[str, Tool] = {}
    missing: list[str] = []
    try:
        from nltk.stem.arlstem import ARLSTem
        from nltk.stem.arlstem2 import ARLSTem2
        from nltk.stem.isri import ISRIStemmer
        from nltk.stem.snowball import SnowballStemmer
    except ImportError as e:
        return found, [f"nltk: {e}"]
    found["nltk ISRIStemmer().stem, per word"] = per_word(ISRIStemmer().stem)
    found["nltk ARLSTem().stem, per word"] = per_word(ARLSTem().stem)
    found["nltk ARLSTem2().stem, per word"] = per_word(ARLSTem2().stem)
    found['nltk SnowballStemmer("arabic").stem, per word'] = per_word(
        SnowballStemmer("arabic").stem
    )
    return found, missing


def fresh(texts: list[str]) -> list[str]:
    """New str objects with the same text (no cached UTF-8 form inside them)."""
    return [(t + ".")[:-1] for t in texts]


def main(argv: list[str] | None = None) -> int:
    import barq

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=0.5, help="MB of text to use (default 0.5)")
    parser.add_argument("--reps", type=int, default=3, help="runs per tool (default 3)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="corpus file")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {DEFAULT_OUT}")
    args = parser.parse_args(argv)

    texts = load_texts(args.data, args.mb)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    tokens = barq.Tokenizer().tokenize_batch(texts)
    words = [t.text for doc in tokens for t in doc if t.kind == "word"]
    all_tokens = sum(len(doc) for doc in tokens)
    stemmer = barq.Stemmer()
    run, missing = peers()
    run["barq Stemmer().stem_batch(threads=1)"] = lambda ws, _: stemmer.stem_batch(ws, threads=1)
    run["barq.stem, per word"] = per_word(barq.stem)
    lexical = barq.Stemmer("barq")
    run['barq Stemmer("barq").stem_batch(threads=1)'] = lambda ws, _: lexical.stem_batch(
        ws, threads=1
    )
    from_texts = "barq Stemmer().stems_batch(texts, threads=1), tokenizing too"
    run[from_texts] = lambda _, ts: stemmer.stems_batch(ts, threads=1)

    times: dict[str, list[float]] = {name: [] for name in run}
    for _ in range(args.reps):
        for name, tool in run.items():
            batch, documents = fresh(words), fresh(texts)
            start = time.perf_counter()
            tool(batch, documents)
            times[name].append(time.perf_counter() - start)

    isri = "nltk ISRIStemmer().stem, per word"
    base = min(times[isri]) if isri in times else None
    lines = [
        f"{len(texts)} documents, {megabytes:.2f} MB of UTF-8, {len(words):,} word tokens "
        f"({all_tokens:,} tokens in all); best of {args.reps} runs, one thread each.",
        "",
        "| stemmer | best ms | median ms | words/s | × ISRI |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, runs in times.items():
        best = min(runs)
        count = all_tokens if name == from_texts else len(words)
        ratio = f"{base / best * count / len(words):.1f}" if base else "–"
        lines.append(
            f"| {name} | {best * 1e3:.1f} | {statistics.median(runs) * 1e3:.1f} | "
            f"{count / best:,.0f} | {ratio} |"
        )
    for reason in missing:
        lines.append(f"| not run: {reason} | | | | |")
    lines += [
        "",
        f"`python benchmarks/bench_stem.py --mb {args.mb:g} --reps {args.reps}`; × ISRI is the "
        "ratio of words per second.",
    ]
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        DEFAULT_OUT.write_text("# Stemming speed\n\n" + report + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
