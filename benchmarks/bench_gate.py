"""What the variant gate costs: `Gazetteer.find` throughput with and without it, and against an
earlier barq build, on the same entries and the same news.

Each configuration runs in its own process (two barq builds cannot share one), the processes
take turns for ``--rounds`` rounds, and each reports its best time of three passes; the table
gives every configuration's best over all rounds and its ratio to the first one. Single thread:
one ``find`` per document.

Usage (from the repository root)::

    python benchmarks/bench_gate.py --entries GAZETTEER.tsv.gz [--before PYTHON] [--mb 3]

``--entries`` is a gazetteer file that every configuration loads (``from_file``); ``--before``
is the interpreter of another barq install (say, the last release) to compare with. The news
is the held-out third of ``../shared/data/news`` (see judge_default_gazetteer.py).
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "data" / "news" / "news_ant_v2_multisource.jsonl.gz"


def news(mb: float) -> list[str]:
    texts, size = [], 0
    with gzip.open(NEWS, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 3 == 0:
                text = json.loads(line)["text"]
                texts.append(text)
                size += len(text.encode("utf-8"))
                if size >= mb * 1e6:
                    break
    return texts


def worker(entries: str, gate: str, mb: float) -> None:
    import barq

    options = {} if gate == "default" else {"lexicon": None}
    g = barq.Gazetteer.from_file(entries, **options)
    texts = news(mb)
    best, found = float("inf"), 0
    for _ in range(3):
        t0 = time.perf_counter()
        found = sum(len(g.find(t)) for t in texts)
        best = min(best, time.perf_counter() - t0)
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(json.dumps({"seconds": best, "matches": found, "mb": size / 1e6}))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", required=True)
    parser.add_argument("--before", help="the python of another barq build to compare with")
    parser.add_argument("--mb", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--worker", choices=["default", "none"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.entries, args.worker, args.mb)
        return
    configs = [("this build, gate on (default)", sys.executable, "default")]
    configs.append(("this build, lexicon=None", sys.executable, "none"))
    if args.before:
        configs.append(("--before build", args.before, "default"))
    best: dict[str, dict] = {}
    for _ in range(args.rounds):
        for name, python, gate in configs:
            command = [python, __file__, "--entries", args.entries, "--worker", gate]
            out = subprocess.run(
                [*command, "--mb", str(args.mb)], capture_output=True, text=True, check=True
            )
            result = json.loads(out.stdout)
            if name not in best or result["seconds"] < best[name]["seconds"]:
                best[name] = result
    first = best[configs[0][0]]["seconds"]
    print("| configuration | matches | MB/s | time ÷ first |\n|---|---:|---:|---:|")
    for name, _, _ in configs:
        r = best[name]
        speed, ratio = r["mb"] / r["seconds"], r["seconds"] / first
        print(f"| {name} | {r['matches']:,} | {speed:.1f} | {ratio:.3f} |")


if __name__ == "__main__":
    main()
