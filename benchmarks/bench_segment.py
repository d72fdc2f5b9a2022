"""Clitic segmentation speed: barq against the peers, one thread against one thread.

    python benchmarks/bench_segment.py --barq-python PY --peers-python PY     # 20 MB of news
    python benchmarks/bench_segment.py --mb 5 --reps 3 --no-write

barq runs `Tokenizer(clitics="atb").tokenize_batch(texts, output="words", threads=1)` on the
first `--mb` MB (UTF-8) of article texts of ../shared/data/news/news_ant_v2_multisource.jsonl.gz,
in file order, beside `Tokenizer()` without clitics (the cost of segmenting) and, as the one
row that may use more than one core, the same call with barq's default thread pool. The peers
are far slower and run on the first `--peer-mb` MB (qalsadi on `--qalsadi-mb`); the ratios
compare MB/s measured on those slices. Each system runs in a worker process of its own
(benchmarks/segmenters.py); only the segmentation call is timed; before every run each text is
copied into a new `str` and the caches a peer fills are reset; the median of the runs is
reported. MB/s is MB (10^6 bytes) of input per second of wall-clock time; CPU s / wall s above
1 shows more than one core at work. Writes benchmarks/results/segment.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
from pathlib import Path

import eval_segment
import segmenters as sg

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "segment.md"
BARQ = ("barq", "barq-arrow", "barq-plain", "barq-allcores")
PEERS = ("rules", "farasa", "farasa-warm", "tashaphyne", "qalsadi")


def measure(name: str, texts: list[str], python: str, reps: int) -> dict:
    res = sg.run(name, texts, python, "time", reps)
    if res["ok"]:
        wall = statistics.median(res["seconds"])
        res["mb"] = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        res["wall"] = wall
        res["mbps"] = res["mb"] / wall
        res["cpu"] = statistics.median(res["cpu_seconds"]) / wall
        res["docs"] = len(texts)
    return res


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="news MB for barq")
    parser.add_argument("--peer-mb", type=float, default=1.0, help="news MB for the peers")
    parser.add_argument("--qalsadi-mb", type=float, default=0.05, help="0 to leave it out")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--peer-reps", type=int, default=3)
    parser.add_argument("--barq-python", default=sys.executable)
    parser.add_argument("--peers-python", default=sys.executable)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    big = eval_segment.news_slice(args.mb)
    if not big:
        sys.exit(f"the news corpus is not at {eval_segment.NEWS}")
    small = eval_segment.news_slice(args.peer_mb)
    tiny = eval_segment.news_slice(args.qalsadi_mb) if args.qalsadi_mb else []
    rows = []
    for name in BARQ:
        rows.append((name, measure(name, big, args.barq_python, args.reps)))
    for name in PEERS:
        texts = tiny if name == "qalsadi" else small
        if not texts:
            continue
        python = args.barq_python if name == "rules" else args.peers_python
        reps = 1 if name == "qalsadi" else args.peer_reps
        rows.append((name, measure(name, texts, python, reps)))
    for name, res in rows:
        if res["ok"]:
            speed = sg.fmt(res["mbps"])
            print(
                f"{res['system']:55} {res['mb']:6.2f} MB {speed:>8} MB/s  CPU/wall {res['cpu']:.2f}"
            )
        else:
            print(f"{name:55} not run: {res['reason']}")
    if not args.no_write:
        write(rows, args)


def write(rows: list[tuple[str, dict]], args) -> None:
    ref = dict(rows).get("farasa", {})
    ref_speed = ref.get("mbps") if ref.get("ok") else None
    out = [
        "# Clitic segmentation speed",
        "",
        f"Command: `python benchmarks/bench_segment.py --mb {args.mb:g} --peer-mb {args.peer_mb:g} "
        f"--qalsadi-mb {args.qalsadi_mb:g} --reps {args.reps} --peer-reps {args.peer_reps}` "
        f"(Python {platform.python_version()}, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} at the end: a shared machine, read the ratios). "
        "News article texts in file order; median of the runs; only the segmentation call timed.",
        "",
        "| system | input | MB/s | CPU s / wall s | cores | × farasa |",
        "|---|---:|---:|---:|---|---:|",
    ]
    for name, res in rows:
        if not res["ok"]:
            out.append(f"| {name} | not run: {res['reason']} | | | | |")
            continue
        cores = "all (may use more than one)" if name == "barq-allcores" else "one"
        times = f"{sg.fmt(res['mbps'] / ref_speed)}×" if ref_speed else "—"
        out.append(
            f"| {res['system']} | {res['mb']:.2f} MB, {res['docs']:,} texts | "
            f"{sg.fmt(res['mbps'])} | {res['cpu']:.2f} | {cores} | {times} |"
        )
    out += [
        "",
        "Every row but the all-cores one runs on one thread. The peers ran on smaller slices "
        "(the first MB of the same texts); × farasa divides MB/s by that of farasa with its "
        "word cache as shipped at every run (a first pass over the texts). With the cache warm "
        "(filled by an untimed pass: every word already seen) it is the most farasa reaches on "
        "a long corpus whose words repeat.",
        "",
    ]
    RESULTS.write_text("\n".join(out), encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
