"""A pandas 3 ``str`` column through barq: the Arrow path against the list-of-str path and peers.

Reads the news articles of ``../shared/data/news`` (gzipped JSON lines, field ``text``; or
``--data``) into a pandas Series of the Arrow-backed ``str`` dtype and times, side by side in one
run, repetitions interleaved (every case once, then every case again), best of ``--reps``:

Normalization (preset ``search``):

* ``s.barq.normalize()``: the Arrow path; the texts are read from the Arrow buffers in place
  and normalized into the buffers of the resulting ``str`` Series (same index and name);
* ``list path``: what a user without the Arrow path does, conversions included:
  ``pd.Series(n.normalize_batch(s.tolist()), index=s.index, dtype="str")``;
* ``s.map(n)``: one call per row;
* ``s.map(camel pipeline)``: camel_tools' ``normalize_unicode``, ``dediac_ar``,
  ``normalize_alef_ar``, ``normalize_alef_maksura_ar``, ``normalize_teh_marbuta_ar`` per row,
  when camel_tools is importable here or in the interpreter given by ``--camel-python`` (it does
  less than the ``search`` preset). It runs in that interpreter on the same articles, its own
  repetitions interleaved with nothing else running.

Gazetteer extraction (``Gazetteer.default()``):

* ``g.extract(s)``: the long DataFrame (doc, start, end, text, label, id, term) built from the
  Arrow list<struct> result of ``find_batch``, no Python object per match;
* ``loop of g.find``: ``[(doc, m.start, m.end, m.text, m.label, m.id, m.term) for doc, t in
  s.items() for m in g.find(t)]`` into a DataFrame.

Run from the repository root::

    python benchmarks/bench_arrow.py --camel-python PYTHON_WITH_CAMEL_TOOLS
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


def load(path: Path, limit: int) -> list[str]:
    if not path.exists():
        sys.exit(f"bench_arrow: {path.name} not found; pass --data")
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line).get("text") or "")
            if limit and len(texts) >= limit:
                break
    return texts


def interleaved(reps: int, cases: dict[str, Callable[[], Any]]) -> dict[str, float]:
    """Best wall-clock seconds of each case; every case runs once per round."""
    best = dict.fromkeys(cases, float("inf"))
    for _ in range(reps):
        for name, fn in cases.items():
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    return best


def camel_time(python: str | None, path: Path, limit: int, reps: int) -> float | None:
    if python is None:
        try:
            import camel_tools  # noqa: F401
        except ImportError:
            return None
        python = sys.executable
    out = subprocess.run(
        [python, "-c", CAMEL_CODE, str(path), str(limit), str(reps)],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        print(f"bench_arrow: camel run failed: {out.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    return float(out.stdout.strip())


def table(timings: dict[str, float], base: str, mb: float) -> list[str]:
    lines = ["| path | seconds | MB/s | × slower than the first row |", "|---|---:|---:|---:|"]
    for name, seconds in timings.items():
        ratio = seconds / timings[base]
        lines.append(f"| {name} | {seconds:.3f} | {mb / seconds:.0f} | {ratio:.1f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=NEWS, help="a .jsonl.gz with a text field")
    parser.add_argument("--limit", type=int, default=0, help="articles to read (0: all)")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="2000 articles, no results file")
    parser.add_argument("--camel-python", help="an interpreter with camel_tools and pandas")
    args = parser.parse_args()
    limit = 2000 if args.quick else args.limit

    import barq
    import barq.pandas  # noqa: F401  (the .barq accessor)
    import pandas as pd
    import pyarrow as pa

    texts = load(args.data, limit)
    s = pd.Series(texts, dtype="str", name="text")
    assert isinstance(s.array.__arrow_array__(), pa.ChunkedArray)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    n = barq.Normalizer.preset("search")
    g = barq.Gazetteer.default()

    def list_path() -> pd.Series:
        return pd.Series(n.normalize_batch(s.tolist()), index=s.index, dtype="str")

    def find_loop() -> pd.DataFrame:
        rows = [
            (doc, m.start, m.end, m.text, m.label, m.id, m.term)
            for doc, t in s.items()
            for m in g.find(t)
        ]
        return pd.DataFrame(rows, columns=["doc", "start", "end", "text", "label", "id", "term"])

    # the paths agree before they are timed
    assert s.barq.normalize().equals(list_path())
    arrow_frame, loop_frame = g.extract(s), find_loop()
    assert arrow_frame.astype(object).equals(loop_frame.astype(object))
    matches = len(arrow_frame)

    normalize = interleaved(
        args.reps,
        {
            "`s.barq.normalize()` (Arrow in, Arrow out)": lambda: s.barq.normalize(),
            "list path: `pd.Series(n.normalize_batch(s.tolist()), index=s.index, dtype='str')`": (
                list_path
            ),
            "`s.map(n)` (one call per row)": lambda: s.map(n),
        },
    )
    camel = camel_time(args.camel_python, args.data, limit, args.reps)
    if camel is not None:
        normalize["`s.map(camel pipeline)` (camel_tools 1.6)"] = camel
    extract = interleaved(
        args.reps,
        {"`g.extract(s)` (Arrow)": lambda: g.extract(s), "Python loop of `g.find`": find_loop},
    )

    lines = [
        "# A pandas `str` column through barq: Arrow path vs list path vs peers",
        "",
        f"{len(texts)} news articles, {mb:.1f} MB of UTF-8, in a pandas {pd.__version__} "
        f"`str` Series (pyarrow {pa.__version__}); best of {args.reps}, repetitions "
        f"interleaved; {os.cpu_count()} logical cores, {platform.machine()}, Python "
        f"{platform.python_version()}; {datetime.date.today().isoformat()}.",
        "Written by `python benchmarks/bench_arrow.py --camel-python PYTHON`. On these shared, "
        "noisy machines read the ratios, not the absolute numbers.",
        "",
        "## Normalization (preset `search`)",
        "",
        *table(normalize, next(iter(normalize)), mb),
        "",
        f"## Gazetteer extraction (`Gazetteer.default()`, {matches} matches)",
        "",
        *table(extract, next(iter(extract)), mb),
        "",
        f"Load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.",
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
