"""barq's "search" normalizer against the peers, side by side on the same Arabic news text.

    python benchmarks/bench_normalize.py [--mb 20] [--reps 5] [--data PATH] [--out FILE]

Loads at least ``--mb`` megabytes (UTF-8) of article texts from the shared news corpus
(``../shared/data/news/news_ant_v2_multisource.jsonl.gz`` next to the repository, or
``--data``: a ``.jsonl`` / ``.jsonl.gz`` file with a ``"text"`` field, or plain text with one
document per line) and runs every tool that is installed on that same list of ``str``, each
in its own subprocess (the repetitions interleaved across tools, so that a busy spell of a
shared machine does not fall on one tool alone), then prints a markdown table and writes it,
with the command, date, machine and versions, to ``benchmarks/results/normalize.md``.

How it measures (see benchmarks/README.md):

* throughput is MB (10^6 bytes) of UTF-8 input per second of wall-clock time for the whole
  list, list in and list out; the table shows the best of ``--reps`` runs and the median;
* before every run each string is copied into a new ``str`` object (not timed), so no tool
  profits from a UTF-8 copy that CPython caches inside a ``str`` after a first conversion;
* peak memory is the growth of the worker's peak resident set size (``VmHWM``, reset through
  ``/proc/self/clear_refs`` just before the run) over its resident size before the run: what
  the call needs on top of the input, its output list included, Python and native allocations
  alike. Where the kernel does not allow the reset, ``ru_maxrss`` is used and the number is a
  lower bound.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import gzip
import importlib.metadata
import json
import os
import pickle
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "news" / "news_ant_v2_multisource.jsonl.gz"
DEFAULT_OUT = REPO / "benchmarks" / "results" / "normalize.md"

# The camel_tools pipeline of the issue, in order.
CAMEL_STEPS = (
    "normalize_unicode → dediac_ar → normalize_alef_ar → normalize_alef_maksura_ar "
    "→ normalize_teh_marbuta_ar"
)

Normalize = Callable[[list[str]], list[str]]


# --------------------------------------------------------------------------------------------
# The tools. Each factory returns the function to time (list of str in, list of str out) after
# importing and configuring everything it needs; an ImportError marks the tool as missing.


def barq_batch(threads: int | None) -> Normalize:
    import barq

    normalizer = barq.Normalizer.preset("search")
    return lambda texts: normalizer.normalize_batch(texts, threads=threads)


def barq_loop() -> Normalize:
    import barq

    normalize = barq.Normalizer.preset("search").normalize
    return lambda texts: [normalize(t) for t in texts]


def camel_pipeline() -> Normalize:
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
        normalize_unicode,
    )

    def one(t: str) -> str:
        t = dediac_ar(normalize_unicode(t))
        return normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(t)))

    return lambda texts: [one(t) for t in texts]


def pyarabic_pipeline() -> Normalize:
    from pyarabic import araby

    def one(t: str) -> str:
        t = araby.strip_diacritics(t)  # harakat, shadda, sukun, small alef, Quranic marks
        t = araby.strip_tatweel(t)
        t = araby.normalize_ligature(t)  # lam-alef ligatures → لا
        t = araby.normalize_hamza(t, method="tasheel")  # أ إ آ → ا, ؤ → و, ئ → ي
        t = araby.normalize_alef(t)  # ٱ → ا (and ى → ا: pyarabic's choice)
        return araby.normalize_teh(t)  # ة → ه

    return lambda texts: [one(t) for t in texts]


def arabic_norm_batch() -> Normalize:
    import arabic_norm

    return lambda texts: arabic_norm.normalize_batch(texts, ta_marbuta=True)


def arabic_norm_loop() -> Normalize:
    import arabic_norm

    normalize = arabic_norm.normalize
    return lambda texts: [normalize(t, ta_marbuta=True) for t in texts]


def arabic_normalize_many() -> Normalize:
    import arabic_normalize

    normalizer = arabic_normalize.Normalizer.search()
    return normalizer.normalize_many


def arabic_normalize_loop() -> Normalize:
    import arabic_normalize

    normalize = arabic_normalize.Normalizer.search().normalize
    return lambda texts: [normalize(t) for t in texts]


def araclean_search() -> Normalize:
    from araclean import normalize

    return lambda texts: [normalize(t, profile="search") for t in texts]


def hf_tokenizers() -> Normalize:
    from tokenizers import Regex, normalizers

    removed = (
        "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"  # diacritics, tatweel
        "\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"  # controls
    )
    normalizer = normalizers.Sequence(
        [
            normalizers.NFKC(),  # presentation forms and ligatures → letters
            normalizers.Replace(Regex(removed), ""),
            normalizers.Replace(Regex("[أإآٱ]"), "ا"),
            normalizers.Replace("ى", "ي"),
            normalizers.Replace("ة", "ه"),
            normalizers.Replace("ؤ", "و"),
            normalizers.Replace("ئ", "ي"),
            normalizers.Replace(Regex(r"\s+"), " "),
            normalizers.Strip(),
            normalizers.Lowercase(),
        ]
    )
    normalize = normalizer.normalize_str
    return lambda texts: [normalize(t) for t in texts]


def python_translate() -> Normalize:
    import barq

    # barq's own per-character map of "search", applied by CPython's str.translate, white space
    # collapsed by split/join: the fastest pure-Python way to do the same folds.
    search = barq.Normalizer.preset("search")
    table: dict[int, str] = {}
    for cp in range(0x10000):
        c = chr(cp)
        if 0xD800 <= cp < 0xE000:
            continue
        if c.isspace():
            table[cp] = " "
            continue
        out = search.normalize(c)
        if out != c:
            table[cp] = out
    return lambda texts: [" ".join(t.translate(table).split()) for t in texts]


# name → (factory, package whose version is reported, what the tool does)
TOOLS: dict[str, tuple[Callable[[], Normalize], str, str]] = {
    "barq normalize_batch (all cores)": (
        lambda: barq_batch(None),
        "barq",
        'preset "search": diacritics, tatweel, alef/hamza/ى/ة folds, presentation forms, '
        "digits, look-alikes, controls, white space, lowercase",
    ),
    "barq normalize_batch (threads=1)": (
        lambda: barq_batch(1),
        "barq",
        "same, one thread",
    ),
    "barq normalize (one call per text)": (barq_loop, "barq", "same, a Python loop of calls"),
    "camel_tools pipeline": (camel_pipeline, "camel-tools", CAMEL_STEPS),
    "pyarabic pipeline": (
        pyarabic_pipeline,
        "PyArabic",
        "strip_diacritics → strip_tatweel → normalize_ligature → normalize_hamza(tasheel) "
        "→ normalize_alef → normalize_teh",
    ),
    "arabic-norm normalize_batch": (
        arabic_norm_batch,
        "arabic-norm",
        "Rust, all cores: tashkeel, tatweel, alef, ى, ة (ta_marbuta=True)",
    ),
    "arabic-norm normalize (loop)": (arabic_norm_loop, "arabic-norm", "same, one call per text"),
    "arabic-normalize normalize_many": (
        arabic_normalize_many,
        "arabic-normalize",
        "Rust: Normalizer.search() (diacritics, tatweel, alef, ى, ة, hamza, Persian letters, "
        "bidi marks, digits)",
    ),
    "arabic-normalize normalize (loop)": (
        arabic_normalize_loop,
        "arabic-normalize",
        "same, one call per text",
    ),
    "araclean search profile": (araclean_search, "araclean", 'normalize(t, profile="search")'),
    "HF tokenizers normalizers": (
        hf_tokenizers,
        "tokenizers",
        "Sequence: NFKC, Replace (diacritics, tatweel, controls, alef, ى, ة, ؤ, ئ, \\s+), "
        "Strip, Lowercase",
    ),
    "Python str.translate": (
        python_translate,
        "",
        "barq's search map through str.translate + split/join (pure-Python baseline)",
    ),
}
REFERENCE = "barq normalize_batch (all cores)"
RUST_SECTION = "## The Rust core alone"
REFERENCE_1 = "barq normalize_batch (threads=1)"


# --------------------------------------------------------------------------------------------
# Loading the corpus.


def load_texts(path: Path, megabytes: float) -> list[str]:
    """The documents of ``path``, in order, until they hold at least ``megabytes`` MB."""
    limit = megabytes * 1e6
    jsonl = path.name.endswith((".jsonl", ".jsonl.gz"))
    opener = gzip.open if path.suffix == ".gz" else open
    texts: list[str] = []
    total = 0
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            text = json.loads(line).get("text") if jsonl else line.rstrip("\n")
            if not isinstance(text, str):
                continue
            texts.append(text)
            total += len(text.encode("utf-8"))
            if total >= limit:
                break
    return texts


# --------------------------------------------------------------------------------------------
# The worker: one tool in a fresh process.


def _status() -> dict[str, int]:
    """VmRSS and VmHWM of this process, in bytes."""
    with open("/proc/self/status", encoding="ascii") as f:
        fields = dict(re.findall(r"^(Vm\w+):\s+(\d+) kB", f.read(), re.M))
    return {k: int(v) * 1024 for k, v in fields.items()}


def _reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux ≥ 4.0); False where that is not allowed."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
    except OSError:
        return False
    return True


def _fresh_copies(texts: list[str]) -> list[str]:
    # A new str object per text, without any cached UTF-8 form.
    return [(t + "\0")[:-1] for t in texts]


def run_worker(tool: str, texts_path: Path) -> None:
    """Serve runs of one tool: a line "run" on stdin runs it once and answers one JSON line."""
    with open(texts_path, "rb") as f:
        texts: list[str] = pickle.load(f)
    try:
        normalize = TOOLS[tool][0]()
    except ImportError as e:
        print(json.dumps({"missing": str(e)}), flush=True)
        return
    normalize(_fresh_copies(texts[:50]))  # warm up: imports, compiled tables, thread pools
    print(json.dumps({"ready": True}), flush=True)
    first = True
    for command in sys.stdin:
        if command.strip() != "run":
            break
        batch = _fresh_copies(texts)
        gc.collect()
        if first:  # the first run also measures memory
            exact = _reset_peak()
            before = _status()
            maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        cpu0, t0 = time.process_time(), time.perf_counter()
        out = normalize(batch)
        result: dict[str, object] = {
            "time": time.perf_counter() - t0,
            "cpu": time.process_time() - cpu0,
        }
        if first:
            after = _status()
            if exact:
                peak = after["VmHWM"] - before["VmRSS"]
            else:
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - maxrss_before
            result.update(peak_bytes=peak, peak_exact=exact)
            result["retained_bytes"] = after["VmRSS"] - before["VmRSS"]
            if len(out) != len(texts):
                raise SystemExit(f"{tool}: {len(out)} outputs for {len(texts)} texts")
            first = False
        del out, batch
        print(json.dumps(result), flush=True)


# --------------------------------------------------------------------------------------------
# The driver.


def version_of(package: str) -> str:
    if not package:
        return platform.python_version()
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def missing_reason(tool: str, error: str) -> str:
    if tool.startswith("araclean") and sys.version_info < (3, 12):
        return (
            f"not run: araclean requires Python ≥ 3.12 and this is {platform.python_version()} "
            "(pip finds no release for it)"
        )
    return f"not run: {error}"


class Worker:
    """One tool in its own process, run on demand."""

    def __init__(self, tool: str, texts_path: Path) -> None:
        self.tool = tool
        cmd = [sys.executable, __file__, "--worker", tool, "--texts", str(texts_path)]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.runs: list[dict] = []
        self.missing = ""
        hello = self._answer()
        if "missing" in hello:
            self.missing = hello["missing"]
            self.close()

    def _answer(self) -> dict:
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        if not line:
            self.proc.wait()
            return {"missing": f"failed (exit code {self.proc.returncode})"}
        return json.loads(line)

    def run(self) -> None:
        if self.missing:
            return
        assert self.proc.stdin is not None
        self.proc.stdin.write("run\n")
        self.proc.stdin.flush()
        answer = self._answer()
        if "missing" in answer:
            self.missing = answer["missing"]
        else:
            self.runs.append(answer)

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait()

    def result(self) -> dict:
        if self.missing or not self.runs:
            return {"tool": self.tool, "missing": self.missing or "no run"}
        times = [r["time"] for r in self.runs]
        best = min(range(len(times)), key=times.__getitem__)
        return {
            "tool": self.tool,
            "best": times[best],
            "median": statistics.median(times),
            "cpu_of_best": self.runs[best]["cpu"],
            **{k: self.runs[0][k] for k in ("peak_bytes", "peak_exact", "retained_bytes")},
        }


def run_all(args: argparse.Namespace, texts: list[str]) -> list[dict]:
    """Every tool, the repetitions interleaved (tool A, B, C, then A, B, C again …) so that a
    busy spell of the machine does not fall on one tool alone."""
    tools = [t for t in TOOLS if not args.tools or any(s in t for s in args.tools)]
    with tempfile.TemporaryDirectory() as tmp:
        texts_path = Path(tmp) / "texts.pickle"
        with open(texts_path, "wb") as f:
            pickle.dump(texts, f, protocol=pickle.HIGHEST_PROTOCOL)
        workers = []
        for tool in tools:
            print(f"  starting {tool}", file=sys.stderr, flush=True)
            workers.append(Worker(tool, texts_path))
        for rep in range(args.reps):
            print(f"  round {rep + 1} of {args.reps}", file=sys.stderr, flush=True)
            for worker in workers:
                worker.run()
        for worker in workers:
            worker.close()
    return [worker.result() for worker in workers]


def ratio(reference: dict | None, result: dict) -> str:
    if not reference or "best" not in reference or "best" not in result:
        return "–"
    return f"{result['best'] / reference['best']:.2f}×"


def table(results: list[dict], total_bytes: int) -> str:
    by_name = {r["tool"]: r for r in results}
    ref, ref1 = by_name.get(REFERENCE), by_name.get(REFERENCE_1)
    lines = [
        "| tool | what it does | MB/s (best) | MB/s (median) | CPU s / wall s "
        "| barq batch (all cores) is | barq batch (1 thread) is | peak memory (MB) |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        name = r["tool"]
        does = TOOLS[name][2]
        if "best" not in r:
            reason = missing_reason(name, r.get("missing", ""))
            lines.append(f"| {name} | {does} | {reason} | | | | | |")
            continue
        mbps = total_bytes / 1e6 / r["best"]
        median = total_bytes / 1e6 / r["median"]
        cpu = r["cpu_of_best"] / r["best"]
        peak = r["peak_bytes"] / 1e6
        mark = "" if r["peak_exact"] else " (≥)"
        lines.append(
            f"| {name} | {does} | {mbps:.1f} | {median:.1f} | {cpu:.2f} "
            f"| {ratio(ref, r)} | {ratio(ref1, r)} | {peak:.0f}{mark} |"
        )
    return "\n".join(lines)


def report(args, texts, results, started, load_before) -> str:
    total_bytes = sum(len(t.encode("utf-8")) for t in texts)
    total_chars = sum(len(t) for t in texts)
    packages = ["barq", "camel-tools", "PyArabic", "arabic-norm", "arabic-normalize"]
    packages += ["araclean", "tokenizers"]
    versions = ", ".join(f"{p} {version_of(p)}" for p in packages)
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    command = "python benchmarks/bench_normalize.py " + " ".join(args.argv)
    return f"""# Normalization benchmark

barq's `"search"` preset against the peers on the same list of `str`
({len(texts):,} news articles, {total_bytes / 1e6:.1f} MB UTF-8, {total_chars:,} characters),
each tool in its own process, best of {args.reps} runs (interleaved: every tool once, then
every tool again …).

{table(results, total_bytes)}

* **MB/s**: MB (10^6 bytes) of UTF-8 input per second of wall-clock time for the whole list,
  list in, list out. **CPU s / wall s** of the best run: above 1 means several threads worked.
* **barq … is N×**: how many times faster barq's `normalize_batch` (all cores, or one thread)
  was than the tool, best run against best run.
* **peak memory**: how far the worker's peak resident set size rose above its size just before
  the run (the input list already loaded): what the call needs on top of its input, its output
  list included. "(≥)" marks a lower bound (`ru_maxrss`, when `/proc/self/clear_refs` cannot
  reset the peak).
* Every run gets new copies of the input strings, so no tool profits from a UTF-8 form that
  CPython caches inside a `str` after a first conversion.
* The tools do comparable, not identical, work: "what it does" says what each one folds; barq
  does the most. camel_tools' pipeline reproduces camel_tools 1.6 and is timed, not compared.

## Run

```
{command}
```

* date: {started:%Y-%m-%d %H:%M} UTC
* machine: {os.cpu_count()} CPUs ({affinity} usable), {cpu_model()}, Linux
  {platform.release()}; load average {load_before} before the run, {load_average()} after
  (a shared machine: other work ran at the same time, so ratios matter more than MB/s)
* Python {platform.python_version()}; {versions}
* data: `{args.data_display}`, the first {len(texts):,} articles
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="MB of text to use (default 20)")
    parser.add_argument("--reps", type=int, default=5, help="runs per tool (default 5)")
    parser.add_argument("--data", type=Path, default=None, help="corpus file")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="markdown result file")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--tools", nargs="*", help="run only tools whose name contains one")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else argv

    if args.worker:
        run_worker(args.worker, args.texts)
        return 0
    if args.reps < 1:
        parser.error("--reps must be at least 1")

    data = args.data or DEFAULT_DATA
    if not data.exists():
        print(
            f"no corpus at {data}: pass --data PATH (a .jsonl/.jsonl.gz file with a "
            '"text" field, or plain text with one document per line)',
            file=sys.stderr,
        )
        return 2
    try:
        args.data_display = str(data.resolve().relative_to(REPO.parent))
    except ValueError:
        args.data_display = str(data)
    started = dt.datetime.now(dt.timezone.utc)
    load_before = load_average()
    texts = load_texts(data, args.mb)
    total = sum(len(t.encode("utf-8")) for t in texts)
    print(f"{len(texts):,} texts, {total / 1e6:.1f} MB from {data}", file=sys.stderr)
    results = run_all(args, texts)
    text = report(args, texts, results, started, load_before)
    print(text)
    if not args.no_write:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        # The section of `cargo bench --bench normalize` results is written by hand: keep it.
        old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if RUST_SECTION in old:
            text += "\n" + old[old.index(RUST_SECTION) :]
        args.out.write_text(text, encoding="utf-8")
        print(f"written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
