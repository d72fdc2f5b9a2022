"""barq.transliterate against camel_tools' CharMapper, side by side on the same Arabic news text.

    python benchmarks/bench_transliterate.py [--mb 3] [--reps 5] [--scheme bw] [--data PATH]

Loads at least ``--mb`` megabytes (UTF-8) of article texts from the shared news corpus (the
loader of bench_normalize.py) and times, one thread against one thread, in one process:

* camel_tools 1.6: ``CharMapper.builtin_mapper("ar2<scheme>").map_string`` per text;
* barq: ``transliterate_batch(texts, scheme=..., threads=1)``, and ``transliterate`` per text.

The runs are interleaved (every tool once, then again), each string is copied into a new ``str``
before every run (not timed), and the table shows the best run of each, the median, and the
ratio to camel_tools of the best runs. Needs barq (a release build) and camel-tools
(``pip install --no-deps camel-tools six`` is enough for its CharMapper).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_normalize import DEFAULT_DATA, load_texts  # noqa: E402

Tool = Callable[[list[str]], list]


def tools(scheme: str, reverse: bool) -> dict[str, Tool]:
    import barq
    from camel_tools.utils.charmap import CharMapper

    name = f"{scheme}2ar" if reverse else f"ar2{scheme}"
    camel = CharMapper.builtin_mapper(name).map_string
    one = barq.transliterate
    return {
        f"camel_tools CharMapper('{name}').map_string, per text": lambda texts: [
            camel(t) for t in texts
        ],
        "barq transliterate_batch(threads=1)": lambda texts: barq.transliterate_batch(
            texts, scheme=scheme, reverse=reverse, threads=1
        ),
        "barq transliterate, per text": lambda texts: [
            one(t, scheme=scheme, reverse=reverse) for t in texts
        ],
    }


def fresh(texts: list[str]) -> list[str]:
    """New str objects with the same text (no cached UTF-8 form inside them)."""
    return [(t + ".")[:-1] for t in texts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=3.0, help="MB of text to use (default 3)")
    parser.add_argument("--reps", type=int, default=5, help="runs per tool (default 5)")
    parser.add_argument("--scheme", default="bw", choices=["bw", "safebw", "xmlbw", "hsb"])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="corpus file")
    args = parser.parse_args(argv)

    texts = load_texts(args.data, args.mb)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} documents, {megabytes:.2f} MB of UTF-8, scheme {args.scheme}\n")
    for reverse in (False, True):
        inputs = texts
        if reverse:
            import barq

            inputs = barq.transliterate_batch(texts, scheme=args.scheme)
        size = sum(len(t.encode("utf-8")) for t in inputs) / 1e6
        run = tools(args.scheme, reverse)
        outputs = {name: tool(inputs) for name, tool in run.items()}
        first = next(iter(outputs.values()))
        assert all(out == first for out in outputs.values()), "the tools disagree"
        times: dict[str, list[float]] = {name: [] for name in run}
        for _ in range(args.reps):
            for name, tool in run.items():
                batch = fresh(inputs)
                start = time.perf_counter()
                tool(batch)
                times[name].append(time.perf_counter() - start)
        camel_best = min(next(iter(times.values())))
        direction = "Latin → Arabic (reverse=True)" if reverse else "Arabic → Latin"
        print(f"{direction}, {size:.2f} MB in, best of {args.reps} runs (outputs identical):\n")
        print("| tool | best ms | median ms | MB/s | × camel_tools |")
        print("|---|---:|---:|---:|---:|")
        for name, runs in times.items():
            best = min(runs)
            print(
                f"| {name} | {best * 1e3:.1f} | {statistics.median(runs) * 1e3:.1f} | "
                f"{size / best:.1f} | {camel_best / best:.1f} |"
            )
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
