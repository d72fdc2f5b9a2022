"""Tokenization throughput of barq and its peers, side by side in one run.

    python benchmarks/bench_tokenize.py [--docs N] [--repeat R]

Reads the news corpus from ../shared/data/news (beside the repository) and writes
benchmarks/results/tokenize.md. Every peer that is not installed is skipped. Throughput is in MB
of UTF-8 text per second of wall time; on shared machines only the ratios mean much.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import itertools
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import barq

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news" / "news_ant_v2_multisource.jsonl.gz"
RESULTS = ROOT / "benchmarks" / "results" / "tokenize.md"


def load(docs: int) -> list[str]:
    if not NEWS.exists():
        sys.exit(f"the news corpus is not at {NEWS}; it lives in ../shared beside the repository")
    with gzip.open(NEWS, "rt", encoding="utf-8") as f:
        lines = itertools.islice(f, docs or None)
        return [json.loads(line)["text"] for line in lines]


def peers() -> dict[str, tuple[str, Callable[[list[str]], object]]]:
    """name -> (what it returns, function over the whole corpus)."""
    found: dict[str, tuple[str, Callable[[list[str]], object]]] = {}
    try:
        from camel_tools.tokenizers.word import simple_word_tokenize

        found["camel_tools simple_word_tokenize"] = (
            "str",
            lambda texts: [simple_word_tokenize(t) for t in texts],
        )
    except ImportError:
        pass
    try:
        from pyarabic.araby import tokenize as pyarabic_tokenize

        found["pyarabic araby.tokenize"] = ("str", lambda ts: [pyarabic_tokenize(t) for t in ts])
    except ImportError:
        pass
    try:
        from nltk.tokenize import wordpunct_tokenize

        found["nltk wordpunct_tokenize"] = ("str", lambda ts: [wordpunct_tokenize(t) for t in ts])
    except ImportError:
        pass
    try:
        import spacy

        nlp = spacy.blank("ar")
        found['spaCy blank("ar") tokenizer'] = (
            "str",
            lambda ts: [[tok.text for tok in doc] for doc in nlp.tokenizer.pipe(ts)],
        )
    except ImportError:
        pass
    try:
        from tokenizers.pre_tokenizers import BertPreTokenizer, Whitespace

        for name, pre in (("Whitespace", Whitespace()), ("BertPreTokenizer", BertPreTokenizer())):
            found[f"HF tokenizers {name}"] = (
                "str + offsets",
                lambda ts, pre=pre: [pre.pre_tokenize_str(t) for t in ts],
            )
    except ImportError:
        pass
    return found


def barq_runs() -> dict[str, tuple[str, Callable[[list[str]], object]]]:
    t = barq.Tokenizer()
    camel = barq.Tokenizer(mode="camel")
    return {
        'barq tokenize_batch(output="words")': (
            "str",
            lambda ts: t.tokenize_batch(ts, output="words"),
        ),
        'barq tokenize_batch(output="words", threads=1)': (
            "str",
            lambda ts: t.tokenize_batch(ts, output="words", threads=1),
        ),
        'barq tokenize_batch(output="offsets")': (
            "(start, end)",
            lambda ts: t.tokenize_batch(ts, output="offsets"),
        ),
        "barq tokenize_batch() -> Token": ("Token", lambda ts: t.tokenize_batch(ts)),
        "barq Tokenizer.words (loop)": ("str", lambda ts: [t.words(x) for x in ts]),
        'barq Tokenizer(mode="camel") words batch': (
            "str",
            lambda ts: camel.tokenize_batch(ts, output="words"),
        ),
    }


def measure(fn: Callable[[list[str]], object], texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn(texts)
        best = min(best, time.perf_counter() - start)
        del result
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000, help="articles to read (0: all)")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    texts = load(args.docs)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    rows: dict[str, tuple[str, float]] = {}
    for name, (output, fn) in {**barq_runs(), **peers()}.items():
        slow = "camel_tools" in name or "spaCy" in name or "pyarabic" in name
        seconds = measure(fn, texts, 1 if slow else args.repeat)
        rows[name] = (output, mb / seconds)
        print(f"{name:55} {mb / seconds:8.1f} MB/s", flush=True)

    camel = rows.get("camel_tools simple_word_tokenize", ("", float("nan")))[1]
    others = [v for k, (_, v) in rows.items() if not k.startswith("barq") and "camel" not in k]
    fastest = max(others, default=float("nan"))
    words = rows['barq tokenize_batch(output="words")'][1]
    offsets = rows['barq tokenize_batch(output="offsets")'][1]
    tokens = rows["barq tokenize_batch() -> Token"][1]
    lines = [
        "# Tokenization throughput",
        "",
        f"{len(texts):,} news articles ({mb:.1f} MB of UTF-8) from ../shared/data/news; best of "
        f"{args.repeat} runs (1 for the slow peers); {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, barq {barq.__version__}.",
        f"Command: `python benchmarks/bench_tokenize.py --docs {args.docs} "
        f"--repeat {args.repeat}`.",
        "",
        "| tokenizer | returns | MB/s | × camel_tools |",
        "|---|---|---:|---:|",
    ]
    for name, (output, speed) in sorted(rows.items(), key=lambda kv: -kv[1][1]):
        lines.append(f"| {name} | {output} | {speed:.1f} | {speed / camel:.1f} |")
    lines += [
        "",
        f"- surface strings, all cores: **{words / camel:.1f}× camel_tools**, "
        f"**{words / fastest:.1f}× the fastest other peer**",
        f"- with offsets: `(start, end)` tuples **{offsets / camel:.1f}× camel_tools**, "
        f"Token objects **{tokens / camel:.1f}× camel_tools**",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines[-4:]))
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
