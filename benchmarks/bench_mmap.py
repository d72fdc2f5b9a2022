"""Many workers, one gazetteer: memory and load time of ``Gazetteer.load(path, mmap=True)``.

Builds a gazetteer of 1M terms (the term list of ``bench_gazetteer.py``: real names from
``../shared/data``, then news n-grams), saves it, then for each way of loading (a baseline
that loads nothing, ``load(path)`` and ``load(path, mmap=True)``) starts N worker processes one
after another. Each worker imports barq, reads the same news articles, loads the gazetteer
(timed), runs ``find_batch`` over the articles (timed) and then waits, so that all N are alive
when their memory is read from ``/proc/PID/smaps_rollup``: RSS counts a shared page in every
process, PSS divides it between the processes that share it (so the PSS total is what the
machine really spends). The page cache is warm (the file was just written), as on a server
whose workers restart.

Run from the repository root (a release build: ``maturin develop --release``)::

    python benchmarks/bench_mmap.py               # writes benchmarks/results/mmap.md
    python benchmarks/bench_mmap.py --quick       # 100k terms, 2 workers, no results file
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import bench_gazetteer as bg  # noqa: E402  (the term list and news reader)

MODES = ("baseline", "load", "mmap")
FIELDS = ("Rss", "Pss", "Shared_Clean", "Private_Clean", "Private_Dirty", "Anonymous")


def smaps(pid: int) -> dict[str, float]:
    """The fields of ``/proc/PID/smaps_rollup``, in MB."""
    out = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3 and parts[0].rstrip(":") in FIELDS:
                out[parts[0].rstrip(":")] = int(parts[1]) / 1024
    return out


def worker(mode: str, path: str, docs_path: str) -> None:
    """Load, match, report one JSON line, then wait for a line on stdin before exiting."""
    import barq

    with open(docs_path, encoding="utf-8") as f:
        docs = json.load(f)
    t = time.perf_counter()
    g = None
    if mode != "baseline":
        g = barq.Gazetteer.load(path, mmap=mode == "mmap")
    load_s = time.perf_counter() - t
    matches, find_s = 0, 0.0
    if g is not None:
        t = time.perf_counter()
        found = g.find_batch(docs, threads=1)
        find_s = time.perf_counter() - t
        matches = sum(len(m) for m in found)
        del found
    print(json.dumps({"load_s": load_s, "find_s": find_s, "matches": matches}), flush=True)
    sys.stdin.readline()


def run_mode(mode: str, path: Path, docs_path: Path, workers: int) -> list[dict]:
    procs = []
    rows = []
    for _ in range(workers):
        p = subprocess.Popen(
            [sys.executable, __file__, "--worker", mode, str(path), str(docs_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        line = p.stdout.readline() if p.stdout else ""
        if not line:
            sys.exit(f"bench_mmap: a {mode} worker died (exit code {p.wait()})")
        procs.append(p)
        rows.append(json.loads(line))
    time.sleep(0.5)
    for p, row in zip(procs, rows, strict=True):
        row.update(smaps(p.pid))
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("\n")
        p.stdin.close()
        p.wait()
    return rows


def span(xs: list[float], f) -> str:
    """The range of ``xs`` (one value when they are all equal), each formatted by ``f``."""
    return f"{f(min(xs))}–{f(max(xs))}" if max(xs) - min(xs) > 1e-9 else f(xs[0])


def table(results: dict[str, list[dict]], workers: int) -> list[str]:
    base = results["baseline"]
    lines = [
        "| load | RSS per worker MB | PSS per worker MB | total RSS MB | total PSS MB "
        "| PSS above baseline MB | load s per worker | find_batch s per worker |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    base_pss = sum(r["Pss"] for r in base)
    names = {
        "baseline": "nothing (Python, barq, the articles)",
        "load": "`load(path)`",
        "mmap": "`load(path, mmap=True)`",
    }
    for mode in MODES:
        rows = results[mode]
        rss = [r["Rss"] for r in rows]
        pss = [r["Pss"] for r in rows]
        load = [r["load_s"] for r in rows]
        find = [r["find_s"] for r in rows]
        extra = "" if mode == "baseline" else f"{sum(pss) - base_pss:,.0f}"
        lines.append(
            f"| {names[mode]} | {span(rss, lambda x: f'{x:,.0f}')} "
            f"| {span(pss, lambda x: f'{x:,.0f}')} | {sum(rss):,.0f} | {sum(pss):,.0f} | {extra} "
            f"| {span(load, lambda x: f'{x:.3f}') if mode != 'baseline' else ''} "
            f"| {span(find, lambda x: f'{x:.2f}') if mode != 'baseline' else ''} |"
        )
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--worker", nargs=3, metavar=("MODE", "PATH", "DOCS"), help=argparse.SUPPRESS)
    ap.add_argument("--terms", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--mb", type=float, default=1.0, help="MB of news each worker matches")
    ap.add_argument("--cache", default="/tmp/barq-bench-gazetteer", help="term list cache")
    ap.add_argument("--quick", action="store_true", help="100k terms, 2 workers, no file")
    args = ap.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    if args.quick:
        args.terms, args.workers = 100_000, 2
    if not os.path.exists("/proc/self/smaps_rollup"):
        sys.exit("bench_mmap: needs Linux (/proc/PID/smaps_rollup)")
    data = REPO.parent / "shared" / "data"
    if not (data / bg.NEWS).exists():
        sys.exit(f"bench_mmap: {data / bg.NEWS} is absent: nothing to measure")
    import barq

    started = time.time()
    cache = Path(args.cache)
    # The term list of bench_gazetteer.py (its default run reads 3 MB of documents first).
    bench_docs = bg.documents(data, 3.0)
    terms = bg.load_terms(bg.term_file(data, cache, 1_000_000, len(bench_docs) + 1000), args.terms)
    docs = bg.documents(data, args.mb)
    docs_path = cache / "mmap_docs.json"
    docs_path.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    t = time.perf_counter()
    g = barq.Gazetteer(terms)
    build_s = time.perf_counter() - t
    path = cache / f"mmap_{args.terms}.gaz"
    g.save(path)
    size_mb = path.stat().st_size / 1e6
    del g, terms
    print(f"# built {args.terms:,} terms in {build_s:.1f} s, {size_mb:.0f} MB", file=sys.stderr)

    results = {}
    for mode in MODES:
        results[mode] = run_mode(mode, path, docs_path, args.workers)
        print(f"# {mode}: {results[mode]}", file=sys.stderr)
    assert len({r["matches"] for m in ("load", "mmap") for r in results[m]}) == 1
    lines = [
        "# Many workers, one mapped gazetteer",
        "",
        f"- command: `python benchmarks/bench_mmap.py{' --quick' if args.quick else ''}`",
        f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; "
        f"total runtime {time.time() - started:.0f} s",
        f"- machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, barq {barq.__version__}; the cores are shared "
        "with other jobs, so timings are noisy",
        f"- gazetteer: {args.terms:,} terms (the term list of `bench_gazetteer.py`), "
        f"built in {build_s:.1f} s, saved as {size_mb:.0f} MB (format version 4)",
        f"- workers: {args.workers} processes started one after another, each loading the "
        f"gazetteer and running `find_batch(threads=1)` over the first {len(docs):,} news "
        f"articles ({sum(len(d.encode()) for d in docs) / 1e6:.1f} MB, "
        f"{results['mmap'][0]['matches']:,} matches); memory read from "
        "`/proc/PID/smaps_rollup` while all of them are alive; the file is in the page cache",
        "",
        *table(results, args.workers),
        "",
        "RSS counts every page a process maps, shared or not; PSS divides each shared page "
        "between the processes that map it, so the PSS total is the memory the machine spends. "
        "*PSS above baseline* is the total PSS minus that of workers that load nothing.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.quick:
        out = HERE / "results" / "mmap.md"
        out.write_text(text, encoding="utf-8")
        print(f"# wrote {out.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
