"""Normalize a pandas 3 ``str`` column: the Arrow path against the list-of-str path.

Reads the news articles of ``../shared/data/news`` (gzipped JSON lines, field ``text``) into a
pandas Series of the Arrow-backed ``str`` dtype and times, best of ``--reps``:

* ``arrow``: ``Normalizer.normalize_batch(series)``: the texts are read from the Arrow buffers in
  place, the result is a ``str`` Series with the same index;
* ``arrow (pyarrow)``: the same on the ``pyarrow.ChunkedArray`` itself (no pandas wrapping);
* ``list``: ``normalize_batch(texts)`` on a ready-made ``list[str]``;
* ``tolist + list``: ``normalize_batch(series.tolist())``, what a user without the Arrow path
  does (the ``tolist`` makes a Python ``str`` of every text);
* ``series.map(n)``: one call per row;
* ``camel``: ``series.map(camel pipeline)`` (normalize_unicode, dediac_ar, normalize_alef_ar,
  normalize_alef_maksura_ar, normalize_teh_marbuta_ar) when camel_tools is importable, here or
  in the interpreter given by ``--camel-python``. That pipeline does less than the ``search``
  preset; the ratio is indicative.

Run from the repository root::

    python benchmarks/bench_arrow.py                 # writes benchmarks/results/arrow.md
    python benchmarks/bench_arrow.py --quick         # 2000 articles, no results file
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
NEWS = REPO.parent / "shared" / "data" / "news" / "news_ant_v2_multisource.jsonl.gz"

CAMEL_CODE = """
import gzip, json, sys, time
import pandas as pd
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar, normalize_unicode,
)
path, limit, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
texts = []
with gzip.open(path, "rt", encoding="utf-8") as f:
    for line in f:
        texts.append(json.loads(line).get("text") or "")
        if limit and len(texts) >= limit:
            break
s = pd.Series(texts, dtype="str")
def camel(t):
    return normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(
        dediac_ar(normalize_unicode(t)))))
best = float("inf")
for _ in range(reps):
    t0 = time.perf_counter()
    s.map(camel)
    best = min(best, time.perf_counter() - t0)
print(best)
"""


def load(limit: int) -> list[str]:
    if not NEWS.exists():
        sys.exit(f"bench_arrow: {NEWS.relative_to(REPO.parent)} not found")
    texts = []
    with gzip.open(NEWS, "rt", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line).get("text") or "")
            if limit and len(texts) >= limit:
                break
    return texts


def best_of(reps: int, fn: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def camel_time(python: str | None, limit: int, reps: int) -> float | None:
    if python is None:
        try:
            import camel_tools  # noqa: F401
        except ImportError:
            return None
        python = sys.executable
    out = subprocess.run(
        [python, "-c", CAMEL_CODE, str(NEWS), str(limit), str(reps)],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        print(f"bench_arrow: camel run failed: {out.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="articles to read (0: all)")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="2000 articles, no results file")
    parser.add_argument("--camel-python", help="an interpreter with camel_tools and pandas")
    args = parser.parse_args()
    limit = 2000 if args.quick else args.limit

    import barq
    import pandas as pd
    import pyarrow as pa

    texts = load(limit)
    series = pd.Series(texts, dtype="str")
    chunked = series.array.__arrow_array__()
    assert isinstance(chunked, pa.ChunkedArray)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    n = barq.Normalizer.preset("search")

    # the paths agree
    assert n.normalize_batch(series).tolist() == n.normalize_batch(texts)

    timings: dict[str, float] = {
        "arrow: normalize_batch(str Series) -> str Series": best_of(
            args.reps, lambda: n.normalize_batch(series)
        ),
        "arrow: normalize_batch(pyarrow.ChunkedArray)": best_of(
            args.reps, lambda: n.normalize_batch(chunked)
        ),
        "list: normalize_batch(list[str]) -> list": best_of(
            args.reps, lambda: n.normalize_batch(texts)
        ),
        "normalize_batch(series.tolist())": best_of(
            args.reps, lambda: n.normalize_batch(series.tolist())
        ),
        "arrow, threads=1": best_of(args.reps, lambda: n.normalize_batch(series, threads=1)),
        "list, threads=1": best_of(args.reps, lambda: n.normalize_batch(texts, threads=1)),
        "series.map(n) (one call per row)": best_of(args.reps, lambda: series.map(n)),
    }
    camel = camel_time(args.camel_python, limit, args.reps)
    if camel is not None:
        timings["series.map(camel pipeline)"] = camel

    base = timings["arrow: normalize_batch(str Series) -> str Series"]
    lines = [
        "# Normalizing a pandas `str` column: Arrow path vs list path",
        "",
        f"{len(texts)} news articles, {mb:.1f} MB of UTF-8, in a pandas {pd.__version__} "
        f"`str` Series (pyarrow {pa.__version__}); preset `search`; best of {args.reps}; "
        f"{os.cpu_count()} logical cores, {platform.machine()}, Python "
        f"{platform.python_version()}; {datetime.date.today().isoformat()}.",
        "Written by `python benchmarks/bench_arrow.py`. `ratio` is time / time of the first row "
        "(higher = slower than the Arrow path).",
        "",
        "| path | seconds | MB/s | ratio |",
        "|---|---:|---:|---:|",
    ]
    for name, seconds in timings.items():
        lines.append(f"| {name} | {seconds:.3f} | {mb / seconds:.0f} | {seconds / base:.2f} |")
    lines += [
        "",
        f"Load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (a shared "
        "machine: with other work running, threads=2 gains little and rows within ~15% of each "
        "other are within the noise).",
    ]
    if camel is None:
        lines += ["", "camel_tools was not importable; pass `--camel-python` to include it."]
    report = "\n".join(lines) + "\n"
    print(report)
    if not args.quick:
        out = REPO / "benchmarks" / "results" / "arrow.md"
        out.write_text(report, encoding="utf-8")
        print(f"wrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
