"""spaCy's EntityRuler against barq's ``barq_gazetteer`` component at 10k / 100k / 1M terms.

    python benchmarks/bench_spacy.py [--sizes 10000,100000,1000000] [--docs 1000]
        [--modes ruler,barq,barq+tok] [--data PATH] [--out FILE] [--json FILE]

Terms: the entries of barq's embedded default gazetteer (about 9k place and organisation names,
labels and ids) plus synthetic multi-word Arabic terms (two or three words drawn with a fixed
seed from the words of the default gazetteer's terms) up to each size. Documents: the first
``--docs`` articles of the shared news corpus (``../shared/data/news/...jsonl.gz`` next to the
repository, or ``--data``).

Each (mode, size) runs in a fresh Python process, one thread each:

* ``ruler``: ``spacy.blank("ar")`` + ``nlp.add_pipe("entity_ruler")`` with one phrase pattern
  per term (``phrase_matcher_attr`` default, ORTH) added by ``ruler.add_patterns``;
* ``barq``: ``spacy.blank("ar")`` + ``nlp.add_pipe("barq_gazetteer", config={"gazetteer":
  <the terms as TSV>, "threads": 1})``, built by ``Gazetteer.from_file``;
* ``barq+tok``: the same with the ``barq.Tokenizer.v1`` tokenizer (``clitics="atb"``).

Build is the time to add the patterns / build the gazetteer (wall and CPU seconds); memory is
the growth of the process's resident set over the build (and the peak RSS of the process);
docs/s is ``nlp.pipe(docs, batch_size=64)`` over the documents after a warm-up of 20. Writes the
table, with the command, date, machine and versions, to ``benchmarks/results/spacy.md``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import importlib.metadata
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "news" / "news_ant_v2_multisource.jsonl.gz"
DEFAULT_OUT = REPO / "benchmarks" / "results" / "spacy.md"
DEFAULT_TERMS = REPO / "python" / "barq" / "data" / "default_gazetteer.tsv.gz"
MODES = ("ruler", "barq", "barq+tok")


def default_entries() -> list[tuple[str, str, str]]:
    with gzip.open(DEFAULT_TERMS, "rt", encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t")
        return [
            (r["term"], r["label"], r["id"])
            for r in rows
            if r["term"] and r.get("ignore", "") not in ("1", "true", "True")
        ]


def write_terms(size: int, path: Path) -> int:
    """Write ``size`` terms (the default gazetteer's first, then synthetic) as a barq TSV."""
    entries = default_entries()[:size]
    seen = {t for t, _, _ in entries}
    words = sorted({w for t, _, _ in entries for w in t.split() if len(w) > 1})
    rng = random.Random(0)
    i = 0
    while len(entries) < size:
        term = " ".join(rng.choice(words) for _ in range(rng.choice((2, 2, 3))))
        if term not in seen:
            seen.add(term)
            entries.append((term, "SYN", f"syn:{i}"))
            i += 1
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("term\tlabel\tid\n")
        for term, label, id in entries:
            f.write(f"{term}\t{label}\t{id}\n")
    return len(entries)


def load_docs(path: Path, n: int) -> list[str]:
    texts: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text")
            if text:
                texts.append(text)
                if len(texts) == n:
                    break
    return texts


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def child(mode: str, terms: str, data: str, docs: int) -> None:
    """Run one (mode, size) and print its figures as one JSON line."""
    os.environ["BARQ_NUM_THREADS"] = "1"
    import spacy

    texts = load_docs(Path(data), docs + 20)
    warm, texts = texts[:20], texts[20:]
    if mode == "barq+tok":
        cfg = {"nlp": {"tokenizer": {"@tokenizers": "barq.Tokenizer.v1", "clitics": "atb"}}}
        nlp = spacy.blank("ar", config=cfg)
        nlp("تمهيد")  # the segmenter is built on first use
    else:
        nlp = spacy.blank("ar")
    if mode == "ruler":
        with open(terms, encoding="utf-8", newline="") as f:
            patterns = [
                {"label": r["label"], "pattern": r["term"], "id": r["id"]}
                for r in csv.DictReader(f, delimiter="\t")
            ]
        before = rss_mb()
        wall, cpu = time.perf_counter(), time.process_time()
        ruler = nlp.add_pipe("entity_ruler")
        ruler.add_patterns(patterns)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        n_terms = len(patterns)
        del patterns
    else:
        before = rss_mb()
        wall, cpu = time.perf_counter(), time.process_time()
        component = nlp.add_pipe("barq_gazetteer", config={"gazetteer": terms, "threads": 1})
        n_terms = len(component.gazetteer)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    grown = rss_mb() - before
    list(nlp.pipe(warm, batch_size=64))
    t_wall, t_cpu = time.perf_counter(), time.process_time()
    ents = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
    t_wall, t_cpu = time.perf_counter() - t_wall, time.process_time() - t_cpu
    print(
        json.dumps(
            {
                "mode": mode,
                "terms": n_terms,
                "build_wall": wall,
                "build_cpu": cpu,
                "rss_growth_mb": grown,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "docs": len(texts),
                "mb": sum(len(t.encode("utf-8")) for t in texts) / 1e6,
                "pipe_wall": t_wall,
                "pipe_cpu": t_cpu,
                "ents": ents,
            }
        ),
        flush=True,
    )


def version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def table(rows: list[dict], command: str, docs_mb: float) -> str:
    names = {
        "ruler": "EntityRuler (`entity_ruler`, ORTH phrase patterns)",
        "barq": "`barq_gazetteer` (spaCy's tokenizer)",
        "barq+tok": '`barq_gazetteer` + `barq.Tokenizer.v1` (clitics="atb")',
    }
    lines = [
        "# spaCy: EntityRuler against barq_gazetteer",
        "",
        f"`{command}` on {dt.date.today().isoformat()}: one process per row, one thread each; "
        f"{rows[0]['docs'] if rows else 0} news articles ({docs_mb:.1f} MB of UTF-8) through "
        "`nlp.pipe(batch_size=64)`.",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores shared with other work, Python "
        f"{platform.python_version()}, spaCy {version('spacy')}, barq {version('barq')}.",
        "",
        "| terms | pipeline | build s (wall) | build s (CPU) | RSS growth MB | peak RSS MB "
        "| docs/s (wall) | docs/s (CPU) | ents |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['size']:,} | {names[r['mode']]} | {r['error']} | | | | | | |")
            continue
        lines.append(
            f"| {r['terms']:,} | {names[r['mode']]} | {r['build_wall']:.2f} | "
            f"{r['build_cpu']:.2f} | {r['rss_growth_mb']:.0f} | {r['peak_rss_mb']:.0f} | "
            f"{r['docs'] / r['pipe_wall']:.0f} | {r['docs'] / r['pipe_cpu']:.0f} | "
            f"{r['ents']:,} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--sizes", default="10000,100000,1000000")
    p.add_argument("--modes", default=",".join(MODES))
    p.add_argument("--docs", type=int, default=1000)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p.add_argument("--json", type=Path, help="also append each row as a JSON line here")
    p.add_argument(
        "--include", type=Path, help="rows of an earlier run (its --json file) to add to the table"
    )
    p.add_argument("--timeout", type=float, default=3600, help="seconds per row")
    p.add_argument("--child", nargs=2, metavar=("MODE", "TERMS"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        child(args.child[0], args.child[1], str(args.data), args.docs)
        return
    if not args.data.exists():
        sys.exit(f"no news corpus at {args.data}: pass --data (a .jsonl.gz with a text field)")
    modes = args.modes.split(",")
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        sys.exit(f"unknown modes {unknown}; valid: {list(MODES)}")
    command = "python benchmarks/bench_spacy.py " + " ".join(sys.argv[1:])
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in [int(s) for s in args.sizes.split(",")]:
            terms = Path(tmp) / f"terms-{size}.tsv"
            write_terms(size, terms)
            for mode in modes:
                cmd = [sys.executable, __file__, "--child", mode, str(terms)]
                cmd += ["--docs", str(args.docs), "--data", str(args.data)]
                print(f"{mode} {size:,} terms ...", file=sys.stderr, flush=True)
                try:
                    out = subprocess.run(
                        cmd, capture_output=True, text=True, timeout=args.timeout, check=True
                    )
                    row = json.loads(out.stdout.strip().splitlines()[-1])
                except subprocess.TimeoutExpired:
                    row = {"error": f"not done after {args.timeout:.0f} s"}
                except subprocess.CalledProcessError as e:
                    row = {"error": f"failed: {e.stderr.strip().splitlines()[-1:]}"}
                row.update(mode=mode, size=size)
                print(json.dumps(row), file=sys.stderr, flush=True)
                rows.append(row)
                if args.json:
                    with open(args.json, "a", encoding="utf-8") as f:
                        f.write(json.dumps(row) + "\n")
    if args.include:
        with open(args.include, encoding="utf-8") as f:
            rows += [json.loads(line) for line in f if line.strip()]
        command += f" (with the rows of an earlier run: {args.include.name})"
    rows.sort(key=lambda r: (r["size"], MODES.index(r["mode"])))
    docs = load_docs(args.data, args.docs + 20)[20:]
    text = table(rows, command, sum(len(t.encode("utf-8")) for t in docs) / 1e6)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
