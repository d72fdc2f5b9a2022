"""``pl.col("text").barq.normalize()`` against ``map_elements`` with camel_tools' normalization.

    python benchmarks/bench_polars.py [--mb 40] [--reps 5] [--data PATH] [--out FILE]

Loads at least ``--mb`` megabytes (UTF-8) of article texts from the shared news corpus
(``../shared/data/news/news_ant_v2_multisource.jsonl.gz`` next to the repository, or ``--data``,
a ``.jsonl`` / ``.jsonl.gz`` file with a ``"text"`` field) into a polars DataFrame and times
``df.select(expr)`` for each expression: barq's namespace on one thread (``threads=1``) against
``map_elements`` calling the camel_tools 1.6 pipeline (normalize_unicode, dediac_ar,
normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar; one thread, as polars
runs a Python UDF under the GIL), with barq on every core and ``map_elements`` calling
``barq.Normalizer.normalize`` for reference. The two normalizations differ in what they fold
(timed, not compared). Throughput is MB of UTF-8 input per second of wall-clock time, column in
and column out; the table shows the best of ``--reps`` runs and the median. Writes the table,
with the command, date, machine and versions, to ``benchmarks/results/polars.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import importlib.metadata
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "news" / "news_ant_v2_multisource.jsonl.gz"
DEFAULT_OUT = REPO / "benchmarks" / "results" / "polars.md"


def load(path: Path, mb: float) -> list[str]:
    texts: list[str] = []
    size = 0
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text")
            if not text:
                continue
            texts.append(text)
            size += len(text.encode("utf-8"))
            if size >= mb * 1e6:
                break
    return texts


def camel_one() -> Callable[[str], str] | None:
    try:
        from camel_tools.utils.dediac import dediac_ar
        from camel_tools.utils.normalize import (
            normalize_alef_ar,
            normalize_alef_maksura_ar,
            normalize_teh_marbuta_ar,
            normalize_unicode,
        )
    except ImportError as e:
        print(f"camel_tools row skipped: {e}", file=sys.stderr)
        return None

    def one(t: str) -> str:
        t = dediac_ar(normalize_unicode(t))
        return normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(t)))

    return one


def version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=40.0)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"no news corpus at {args.data}: pass --data PATH (a .jsonl(.gz) with 'text')")

    import barq
    import barq.polars  # noqa: F401
    import polars as pl

    texts = load(args.data, args.mb)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    df = pl.DataFrame({"text": texts}, schema={"text": pl.String})
    normalizer = barq.Normalizer("search")

    rows: list[tuple[str, pl.Expr]] = [
        (
            'barq: pl.col("text").barq.normalize(threads=1)',
            pl.col("text").barq.normalize(threads=1),
        ),
        (
            "map_elements(camel_tools pipeline)",
            pl.col("text").map_elements(one, return_dtype=pl.String),
        )
        if (one := camel_one())
        else ("", pl.lit(None)),
        (
            "map_elements(barq.Normalizer.normalize)",
            pl.col("text").map_elements(normalizer.normalize, return_dtype=pl.String),
        ),
        (
            f'barq: pl.col("text").barq.normalize(), all {os.cpu_count()} cores',
            pl.col("text").barq.normalize(),
        ),
    ]
    rows = [(name, expr) for name, expr in rows if name]
    times: dict[str, list[float]] = {name: [] for name, _ in rows}
    for _ in range(args.reps):  # interleaved, so that a busy spell does not fall on one row
        for name, expr in rows:
            start = time.perf_counter()
            df.select(expr)
            times[name].append(time.perf_counter() - start)

    base = min(times[rows[0][0]])
    lines = [
        "| expression | best s | MB/s (best) | MB/s (median) | time ÷ barq threads=1 |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, _ in rows:
        best, median = min(times[name]), statistics.median(times[name])
        lines.append(
            f"| {name} | {best:.3f} | {mb / best:.1f} | {mb / median:.1f} | {best / base:.1f}× |"
        )
    table = "\n".join(lines)
    print(table)
    command = " ".join(["python", "benchmarks/bench_polars.py", *sys.argv[1:]])
    report = f"""# polars: the barq namespace against map_elements

`{command}` on {dt.date.today()}: {len(texts):,} news articles, {mb:.1f} MB of UTF-8, one
String column; `df.select(expr)` timed, best and median of {args.reps} interleaved runs.
Machine: {platform.machine()}, {os.cpu_count()} cores shared with other work, Python
{platform.python_version()}, polars {version("polars")}, pyarrow {version("pyarrow")},
barq {version("barq")}, camel-tools {version("camel-tools")}.

{table}

barq's row hands the column to the core through the Arrow C stream (`string_view` read in
place) and gets an Arrow column back; `map_elements` builds a Python `str` per row and calls
the function under the GIL. The camel_tools pipeline (normalize_unicode, dediac_ar,
normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar) folds less than barq's
`search` preset, so the outputs differ: the rows are timed, not compared.
"""
    args.out.write_text(report, encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
