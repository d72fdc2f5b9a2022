"""Benchmark barq.Gazetteer against daachorse, ahocorasick_rs, pyahocorasick, flashtext, spaCy.

Measures, on Arabic term lists of 1k/10k/100k/1M terms (real names from
``../shared/data/gazetteer-sources`` and ``../shared/data/ner`` first, then distinct 1-3 word
n-grams of the news corpus) and the news articles of ``../shared/data/news``:

* find: one document at a time, single thread, MB/s and the ratio barq/peer (best of 3);
  barq ``find_batch`` with ``threads=1`` and with all threads;
* build: time and peak RSS, each build in a fresh subprocess (peak RSS, `VmHWM`);
* pickle: size and ``dumps`` + ``loads`` time.

Every tool gets the same term list. barq does more work than the peers (normalization, word
boundaries, proclitics, precision rules); daachorse (a charwise double-array Aho-Corasick),
ahocorasick_rs and pyahocorasick match raw substrings.

Run from the repository root::

    python benchmarks/bench_gazetteer.py            # writes benchmarks/results/gazetteer.md
    python benchmarks/bench_gazetteer.py --quick    # small smoke run, no results file
"""

from __future__ import annotations

import argparse
import datetime
import gc
import gzip
import json
import os
import pickle
import platform
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
NEWS = "news/news_ant_v2_multisource.jsonl.gz"
TOOLS = ("barq", "daachorse", "ahocorasick_rs", "pyahocorasick", "flashtext", "spacy")
ARABIC_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")
HAS_ARABIC = re.compile(r"[\u0621-\u064A]")
REPS = 3


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


def _die(message: str) -> None:
    print(f"bench_gazetteer: {message}", file=sys.stderr)
    sys.exit(2)


def _read_tsv(path: Path, delimiter: str = "\t") -> Iterator[dict[str, str]]:
    import csv

    with open(path, encoding="utf-8-sig", newline="") as f:
        yield from csv.DictReader(f, delimiter=delimiter)


def _clean(term: str) -> str:
    return " ".join(term.replace("\u0640", "").split())


def real_names(data: Path) -> list[tuple[str, str]]:
    """(term, label) from the NER entity lists and the gazetteer sources, most useful first."""
    out: list[tuple[str, str]] = []
    ner = sorted((data / "ner").glob("*/*.entities.tsv"))
    rows = [r for p in ner for r in _read_tsv(p)]
    rows.sort(key=lambda r: -int(r.get("count") or 0))
    out += [(r["entity"], r["type"]) for r in rows]
    src = data / "gazetteer-sources"
    for r in _read_tsv(src / "countrynames_ar/countrynames_arabic_variants.tsv"):
        out.append((r["arabic"], "GPE"))
    for r in _read_tsv(src / "country_list_ar/country_ar.csv", ","):
        out.append((r["value"], "GPE"))
    for name, label in (
        ("territories_ar", "GPE"),
        ("timezone_exemplar_cities_ar", "GPE"),
        ("currencies_ar", "CURRENCY"),
        ("languages_ar", "LANGUAGE"),
    ):
        out += [(r["arabic"], label) for r in _read_tsv(src / f"cldr_babel/{name}.tsv")]
    cities = list(_read_tsv(src / "wikidata_world_cities/world-cities.csv", ","))
    cities.sort(key=lambda r: -int(r.get("Population") or 0))
    for r in cities:
        out += [(r["CityNameAr"], "GPE"), (r["CountryNameAr"], "GPE")]
    for name in ("cities15000", "cities1000"):
        geo = list(_read_tsv(src / f"geonames_cities_ar/{name}_arabic_names.tsv"))
        geo.sort(key=lambda r: -int(r.get("population") or 0))
        for r in geo:
            out += [(n, "GPE") for n in re.split(r"[,|;،]", r["arabic_names"])]
    for name, col in (("wilayas", "nom_ar"), ("dairas", "nom_ar"), ("communes", "nom_ar")):
        out += [(r[col], "GPE") for r in _read_tsv(src / f"algeria_admin/{name}.tsv")]
    return out


def news_texts(data: Path) -> Iterator[str]:
    with gzip.open(data / NEWS, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text")
            if text:
                yield text


def documents(data: Path, mb: float) -> list[str]:
    """The first ``mb`` megabytes (UTF-8) of news articles."""
    docs: list[str] = []
    size = 0
    for text in news_texts(data):
        docs.append(text)
        size += len(text.encode())
        if size >= mb * 1e6:
            break
    return docs


def build_terms(data: Path, n: int, skip_docs: int) -> list[tuple[str, str, str]]:
    """``n`` distinct (term, label, id): real names first, then corpus n-grams (from articles
    after the first ``skip_docs``, i.e. not the benchmark documents) that neither start nor
    end with one of the 300 most frequent words."""
    seen: set[str] = set()
    terms: list[tuple[str, str, str]] = []

    def push(term: str, label: str) -> None:
        term = _clean(term)
        if term and term not in seen and HAS_ARABIC.search(term):
            seen.add(term)
            terms.append((term, label, f"E{len(terms)}"))

    for term, label in real_names(data):
        push(term, label)
        if len(terms) >= n:
            return terms
    counts: Counter[str] = Counter()
    for i, text in enumerate(news_texts(data)):
        if skip_docs <= i < skip_docs + 3000:
            counts.update(ARABIC_WORD.findall(text))
    common = {w for w, _ in counts.most_common(300)}
    del counts
    for i, text in enumerate(news_texts(data)):
        if i < skip_docs:
            continue
        for sentence in re.split(r"[.!?؟،,:;«»\"()\n]", text):
            words = sentence.split()
            for k in (1, 2, 3):
                for j in range(len(words) - k + 1):
                    gram = words[j : j + k]
                    if gram[0] in common or gram[-1] in common:
                        continue
                    if all(ARABIC_WORD.fullmatch(w) for w in gram):
                        push(" ".join(gram), "NGRAM")
                        if len(terms) >= n:
                            return terms
    _die(f"the corpus has only {len(terms)} distinct terms, fewer than {n}")
    return terms


def term_file(data: Path, cache: Path, n_max: int, skip_docs: int) -> Path:
    path = cache / f"terms_{n_max}_{skip_docs}.tsv"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        terms = build_terms(data, n_max, skip_docs)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            for term, label, id_ in terms:
                f.write(f"{term}\t{label}\t{id_}\n")
        tmp.rename(path)
        print(
            f"# built term list ({n_max:,} terms) in {time.perf_counter() - t:.1f} s",
            file=sys.stderr,
        )
    return path


def load_terms(path: Path, n: int) -> list[tuple[str, str, str]]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            term, label, id_ = line.rstrip("\n").split("\t")
            out.append((term, label, id_))
            if len(out) >= n:
                break
    return out


# --------------------------------------------------------------------------------------------
# Tools: build(entries) -> (object, find(doc) -> number of matches)
# --------------------------------------------------------------------------------------------


def _build_barq(entries: list[tuple[str, str, str]], docs: list[str]) -> Any:
    import barq

    return barq.Gazetteer(entries=entries)


def _build_ahocorasick_rs(entries: list[tuple[str, str, str]], docs: list[str]) -> Any:
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(
        [t for t, _, _ in entries], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )


def _build_daachorse(entries: list[tuple[str, str, str]], docs: list[str]) -> Any:
    import daachorse

    # daachorse refuses a pattern given twice
    patterns = list(dict.fromkeys(t for t, _, _ in entries))
    return daachorse.CharwiseDoubleArrayAhoCorasick(
        patterns, match_kind=daachorse.MATCH_KIND_LEFTMOST_LONGEST
    )


def _build_pyahocorasick(entries: list[tuple[str, str, str]], docs: list[str]) -> Any:
    import ahocorasick

    a = ahocorasick.Automaton()
    for i, (term, _, _) in enumerate(entries):
        a.add_word(term, i)
    a.make_automaton()
    return a


def _word_chars(strings: Any) -> set[str]:
    chars = set()
    for s in strings:
        chars.update(s)
    return {c for c in chars if c.isalnum() or c == "_"}


def _build_flashtext(entries: list[tuple[str, str, str]], docs: list[str]) -> Any:
    from flashtext import KeywordProcessor

    kp = KeywordProcessor()
    # flashtext's word characters are [A-Za-z0-9_]: without this every Arabic letter would be
    # a word boundary.
    kp.set_non_word_boundaries(
        kp.non_word_boundaries | _word_chars(t for t, _, _ in entries) | _word_chars(docs)
    )
    for term, _, id_ in entries:
        kp.add_keyword(term, id_)
    return kp


def _build_spacy(entries: list[tuple[str, str, str]], docs: list[str]) -> Any:
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("ar")
    matcher = PhraseMatcher(nlp.vocab)
    by_label: dict[str, list[str]] = {}
    for term, label, _ in entries:
        by_label.setdefault(label, []).append(term)
    for label, terms in by_label.items():
        matcher.add(label, list(nlp.tokenizer.pipe(terms)))
    return nlp, matcher


BUILD: dict[str, Callable[[list[tuple[str, str, str]], list[str]], Any]] = {
    "barq": _build_barq,
    "daachorse": _build_daachorse,
    "ahocorasick_rs": _build_ahocorasick_rs,
    "pyahocorasick": _build_pyahocorasick,
    "flashtext": _build_flashtext,
    "spacy": _build_spacy,
}


def finder(tool: str, obj: Any) -> Callable[[str], int]:
    if tool == "barq":
        return lambda doc: len(obj.find(doc))
    if tool == "daachorse":
        return lambda doc: len(obj.find(doc))
    if tool == "ahocorasick_rs":
        return lambda doc: len(obj.find_matches_as_indexes(doc))
    if tool == "pyahocorasick":
        return lambda doc: sum(1 for _ in obj.iter_long(doc))
    if tool == "flashtext":
        return lambda doc: len(obj.extract_keywords(doc, span_info=True))
    nlp, matcher = obj
    return lambda doc: len(matcher(nlp.make_doc(doc)))


def pickle_target(tool: str, obj: Any) -> Any:
    return obj[1] if tool == "spacy" else obj


# --------------------------------------------------------------------------------------------
# Worker (runs in a fresh subprocess)
# --------------------------------------------------------------------------------------------


def _maxrss_mb() -> float:
    """This process's peak RSS. VmHWM rather than ru_maxrss: on Linux ru_maxrss survives exec,
    so a fresh subprocess would report its parent's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _best(fn: Callable[[], Any], reps: int = REPS) -> tuple[float, Any]:
    best = float("inf")
    result = None
    for _ in range(reps):
        gc.collect()
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def worker(args: argparse.Namespace) -> None:
    data = Path(args.data)
    tool, n = args.worker, args.n
    entries = load_terms(Path(args.terms), n)
    docs = documents(data, args.mb) if (args.find or tool == "flashtext") else []
    # Import the tool's modules before measuring the baseline.
    BUILD[tool](entries[:10], docs[:1])
    gc.collect()
    res: dict[str, Any] = {"tool": tool, "n": len(entries), "rss_base_mb": _maxrss_mb()}
    t = time.perf_counter()
    obj = BUILD[tool](entries, docs)
    res["build_s"] = time.perf_counter() - t
    res["rss_peak_mb"] = _maxrss_mb()
    print(json.dumps(res), flush=True)  # the build numbers survive a later timeout

    if args.pickle:
        target = pickle_target(tool, obj)
        try:
            blob = pickle.dumps(target, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as e:  # noqa: BLE001 - report any pickling failure as n/a
            res["pickle"] = f"n/a ({type(e).__name__})"
        else:
            res["pickle_mb"] = len(blob) / 1e6
            res["dumps_s"], _ = _best(
                lambda: pickle.dumps(target, protocol=pickle.HIGHEST_PROTOCOL)
            )
            res["loads_s"], _ = _best(lambda: pickle.loads(blob))
            del blob
        if tool == "barq":
            path = Path(args.cache) / f"barq_{n}.gaz"
            res["save_s"], _ = _best(lambda: obj.save(str(path)))
            res["load_s"], _ = _best(lambda: type(obj).load(str(path)))
            path.unlink()
        print(json.dumps(res), flush=True)

    if args.find:
        find = finder(tool, obj)
        size = sum(len(d.encode()) for d in docs)
        res["doc_mb"] = size / 1e6
        res["find_s"], res["matches"] = _best(lambda: sum(find(d) for d in docs))
        if tool != "barq":
            # The machine is shared: for the ratio, time barq and the peer in turn in the same
            # process, so both see the same load.
            g = _build_barq(entries, docs)
            peer, mine = float("inf"), float("inf")
            for _ in range(REPS):
                peer = min(peer, _best(lambda: sum(find(d) for d in docs), 1)[0])
                mine = min(mine, _best(lambda: [g.find(d) for d in docs], 1)[0])
            res["paired_ratio"] = peer / mine
            res["paired_barq_s"] = mine
        if tool == "barq":
            nproc = os.cpu_count() or 1
            res["batch1_s"], _ = _best(lambda: obj.find_batch(docs, threads=1))
            res["batchN_s"], _ = _best(lambda: obj.find_batch(docs, threads=None))
            res["threads"] = nproc
            if args.worker_profile:
                res.update(profile_barq(obj, docs, entries))
        print(json.dumps(res), flush=True)


def profile_barq(g: Any, docs: list[str], entries: list[tuple[str, str, str]]) -> dict:
    """Where barq's time goes: scanning/normalizing vs. trie walking vs. Python objects."""
    import barq

    out: dict[str, Any] = {}
    long_doc = "\n".join(docs)
    out["p_long_s"], _ = _best(lambda: g.find(long_doc))
    norm = barq.Normalizer.preset("search")
    out["p_normalize_s"], _ = _best(lambda: [norm.normalize(d) for d in docs])
    # Same number of terms, none of which occurs in the text: Latin-letter words.
    nomatch = barq.Gazetteer(entries=[(f"zq{i:x}x", "X", None) for i in range(len(entries))])
    out["p_nomatch_s"], _ = _best(lambda: [nomatch.find(d) for d in docs])
    nomatch_nc = barq.Gazetteer(
        entries=[(f"zq{i:x}x", "X", None) for i in range(len(entries))], clitics=False
    )
    out["p_nomatch_noclitics_s"], _ = _best(lambda: [nomatch_nc.find(d) for d in docs])
    g_nc = barq.Gazetteer(entries=entries, clitics=False)
    out["p_noclitics_s"], _ = _best(lambda: [g_nc.find(d) for d in docs])
    empty = barq.Gazetteer(entries=[("zqzqzq", "X", None)])
    out["p_tiny_s"], _ = _best(lambda: [empty.find(d) for d in docs])
    out["p_call_overhead_s"], _ = _best(lambda: [empty.find("") for _ in docs])
    return out


# --------------------------------------------------------------------------------------------
# Orchestration
# --------------------------------------------------------------------------------------------


def run_worker(
    args: argparse.Namespace,
    tool: str,
    n: int,
    terms: Path,
    find: bool,
    pickle_: bool,
    timeout: float,
) -> dict[str, Any]:
    cmd = [
        sys.executable,
        __file__,
        "--worker",
        tool,
        "--n",
        str(n),
        "--terms",
        str(terms),
        "--data",
        args.data,
        "--mb",
        str(args.mb),
        "--cache",
        str(args.cache),
    ]
    # The profile builds three more gazetteers of the same size: skip it at 1M terms.
    profile = args.profile and find and n <= 100_000
    cmd += ["--find"] * find + ["--pickle"] * pickle_ + ["--profile"] * profile
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        stdout, status = proc.stdout, "" if proc.returncode == 0 else "error"
        if status:
            print(f"# {tool} {n}: {proc.stderr.strip()[-800:]}", file=sys.stderr)
    except subprocess.TimeoutExpired as e:
        out = e.stdout or b""
        stdout = out.decode() if isinstance(out, bytes) else out
        status = "timeout"
    lines = [json.loads(x) for x in stdout.splitlines() if x.startswith("{")]
    res = lines[-1] if lines else {"tool": tool, "n": n}
    if status:
        res["status"] = status
    return res


def available(tool: str) -> str | None:
    module = {"pyahocorasick": "ahocorasick"}.get(tool, tool)
    try:
        mod = __import__(module)
    except ImportError:
        return None
    from importlib import metadata

    dist = {"ahocorasick_rs": "ahocorasick-rs", "barq": "barq"}.get(tool, tool)
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return getattr(mod, "__version__", "?")


def cpu_model() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _fmt_n(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1000}k"


def _s(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def report(args: argparse.Namespace, results: dict, versions: dict, elapsed: float) -> str:
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Gazetteer benchmark",
        "",
        f"- command: `{args.command_line}`"
        + (
            f" (reran {args.only}; the other results are from the previous full run)"
            if args.only
            else ""
        ),
        f"- date: {now}; total runtime {elapsed / 60:.1f} min",
        f"- machine: {os.cpu_count()} cores ({cpu_model()}), {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; the cores are shared with "
        "other jobs, so absolute numbers are noisy: every timing is the best of 3 and the "
        "ratios matter most",
        "- versions: " + ", ".join(f"{k} {v or 'NOT INSTALLED'}" for k, v in versions.items()),
        f"- terms: the same list for every tool ({args.terms_note})",
        f"- documents: {args.docs_note}, one `find` call per document, single thread",
        "",
        "barq does more per match than the peers: it normalizes (`search` preset), matches "
        "whole words only, strips proclitics (و ف ب ل ك, لل) and applies its precision rules. "
        "daachorse (`CharwiseDoubleArrayAhoCorasick`, leftmost-longest, `find`), "
        "ahocorasick_rs (`MatchKind.LeftmostLongest`, `find_matches_as_indexes`) and "
        "pyahocorasick (`iter_long`) match raw substrings with no normalization and no word "
        "boundaries; flashtext (`extract_keywords(span_info=True)`) was given the Arabic "
        "letters as word characters (its default, `[A-Za-z0-9_]`, makes every Arabic letter a "
        'boundary); spaCy is `spacy.blank("ar")` + `PhraseMatcher` (ORTH), timed as '
        "`matcher(nlp.make_doc(doc))`, i.e. tokenization + matching (it returns all, "
        "overlapping matches).",
        "",
        "## find (single thread, one document at a time)",
        "",
        "MB/s is each tool's best of 3 in its own subprocess. The ratio is measured in the "
        "peer's subprocess, timing the peer and barq (same terms, same documents) in turn, "
        "best of 3 each, so that both see the same load on the shared machine.",
        "",
        "| terms | tool | MB/s | matches | speed barq ÷ tool |",
        "|---|---|---:|---:|---:|",
    ]
    for n in args.find_sizes:
        b = results.get(("barq", n), {})
        for tool in TOOLS:
            r = results.get((tool, n))
            if r is None:
                continue
            if "find_s" not in r:
                lines.append(f"| {_fmt_n(n)} | {tool} | {r.get('status', 'n/a')} | | |")
                continue
            mbs = r["doc_mb"] / r["find_s"]
            ratio = r.get("paired_ratio", 1.0 if tool == "barq" else None)
            lines.append(
                f"| {_fmt_n(n)} | {tool} | {mbs:.2f} | {r['matches']:,} | "
                f"{'' if ratio is None else f'{ratio:.2f}×'} |"
            )
        if "batch1_s" in b:
            for key, what in (("batch1_s", "threads=1"), ("batchN_s", f"threads={b['threads']}")):
                lines.append(
                    f"| {_fmt_n(n)} | barq find_batch {what} | {b['doc_mb'] / b[key]:.2f} | | "
                    f"{b['find_s'] / b[key]:.2f}× vs find |"
                )
    lines += [
        "",
        "## build, peak memory, pickle",
        "",
        "Each build runs in a fresh subprocess; *peak RSS* is the process's `VmHWM` right "
        "after the build (Python, the tool and the term list included), *Δ RSS* is that minus "
        "the peak just before the build. Pickle is `pickle.dumps` + `pickle.loads` "
        "(HIGHEST_PROTOCOL); barq pickles its compiled form (`to_bytes`).",
        "",
        "| terms | tool | build s | peak RSS MB | Δ RSS MB | pickle MB | dumps s | loads s |"
        " dumps+loads s |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in args.build_sizes:
        for tool in TOOLS:
            r = results.get((tool, n))
            if r is None:
                continue
            if "build_s" not in r:
                lines.append(f"| {_fmt_n(n)} | {tool} | {r.get('status', 'error')} |" + " |" * 6)
                continue
            status = f" ({r['status']} later)" if r.get("status") else ""
            if "pickle_mb" in r:
                pk = (
                    f"{r['pickle_mb']:.1f} | {_s(r['dumps_s'])} | {_s(r['loads_s'])} | "
                    f"{_s(r['dumps_s'] + r['loads_s'])}"
                )
            else:
                pk = f"{r.get('pickle', r.get('status', 'n/a'))} | | |"
            lines.append(
                f"| {_fmt_n(n)} | {tool} | {_s(r['build_s'])}{status} | {r['rss_peak_mb']:.0f} | "
                f"{r['rss_peak_mb'] - r['rss_base_mb']:.0f} | {pk} |"
            )
    lines += ["", "## targets", ""]
    lines += targets(args, results)
    prof = [r for (t, _n), r in results.items() if t == "barq" and "p_long_s" in r]
    if prof:
        lines += [
            "",
            "## where barq's find time goes (same documents, single thread)",
            "",
            "| terms | find | one long doc | noclitics | no-match gazetteer | "
            "no-match, noclitics | 1-term gazetteer | normalize only | call overhead |",
            "|---|" + "---:|" * 8,
        ]
        for r in sorted(prof, key=lambda r: r["n"]):
            cols = [
                r["find_s"],
                r["p_long_s"],
                r["p_noclitics_s"],
                r["p_nomatch_s"],
                r["p_nomatch_noclitics_s"],
                r["p_tiny_s"],
                r["p_normalize_s"],
                r["p_call_overhead_s"],
            ]
            lines.append(
                f"| {_fmt_n(r['n'])} | "
                + " | ".join(f"{r['doc_mb'] / c:.1f} MB/s" for c in cols)
                + " |"
            )
        lines.append("")
        lines.append(
            '(call overhead = the same number of `find("")` calls, as MB/s of the '
            "documents' size.)"
        )
    return "\n".join(lines) + "\n"


def targets(args: argparse.Namespace, results: dict) -> list[str]:
    out = []

    def check(ok: bool | None, text: str) -> None:
        mark = "n/a" if ok is None else ("met" if ok else "**MISSED**")
        out.append(f"- {text}: {mark}")

    for n in args.find_sizes:
        d = results.get(("daachorse", n), {})
        if "paired_ratio" in d:
            r, goal = d["paired_ratio"], 1.2 if n < 100_000 else 2.0
            check(r >= goal, f"find ≥ {goal}× daachorse at {_fmt_n(n)} terms ({r:.2f}×)")
        a, f = (results.get((t, n), {}) for t in ("ahocorasick_rs", "flashtext"))
        if "paired_ratio" in a:
            r = a["paired_ratio"]
            check(r >= 1.0, f"find ≥ 1.0× ahocorasick_rs at {_fmt_n(n)} terms ({r:.2f}×)")
        if "paired_ratio" in f:
            r = f["paired_ratio"]
            check(r >= 10.0, f"find ≥ 10× flashtext at {_fmt_n(n)} terms ({r:.2f}×)")
    b = results.get(("barq", 1_000_000), {})
    if "build_s" in b:
        check(b["build_s"] <= 10, f"1M terms build ≤ 10 s ({b['build_s']:.1f} s)")
        check(
            b["rss_peak_mb"] <= 1024,
            f"1M terms peak memory ≤ 1 GB ({b['rss_peak_mb']:.0f} MB process peak, "
            f"{b['rss_peak_mb'] - b['rss_base_mb']:.0f} MB for the build)",
        )
    if "dumps_s" in b:
        t = b["dumps_s"] + b["loads_s"]
        check(t <= 3, f"1M-term pickle round trip ≤ 3 s ({t:.2f} s)")
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--data",
        default=str(REPO.parent / "shared" / "data"),
        help="the shared data directory (default: ../shared/data from the repo root)",
    )
    p.add_argument("--mb", type=float, default=3.0, help="megabytes of news to match (3)")
    p.add_argument("--find-sizes", default="1000,100000,1000000")
    p.add_argument("--build-sizes", default="10000,100000,1000000")
    p.add_argument("--tools", default=",".join(TOOLS))
    p.add_argument(
        "--timeout",
        type=float,
        default=150,
        help="seconds per tool and size before reporting 'timeout' (150)",
    )
    p.add_argument(
        "--cache", default="/tmp/barq-bench-gazetteer", help="where the term lists are cached"
    )
    p.add_argument(
        "--only",
        default="",
        help="rerun only these TOOL:N pairs (e.g. barq:1000000), taking the other results "
        "from the last run's cache",
    )
    p.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "gazetteer.md"))
    p.add_argument(
        "--no-profile", dest="profile", action="store_false", help="skip the barq profiling runs"
    )
    p.add_argument(
        "--quick", action="store_true", help="1k/10k terms, 0.5 MB, no results file (a smoke test)"
    )
    # Internal: run one tool in this (fresh) process.
    p.add_argument("--worker", choices=TOOLS, help=argparse.SUPPRESS)
    p.add_argument("--n", type=int, help=argparse.SUPPRESS)
    p.add_argument("--terms", help=argparse.SUPPRESS)
    p.add_argument("--find", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--pickle", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--profile", dest="worker_profile", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.worker:
        worker(args)
        return

    t0 = time.perf_counter()
    args.command_line = "python " + " ".join([os.path.relpath(__file__, REPO)] + sys.argv[1:])
    data = Path(args.data)
    if not (data / NEWS).exists() or not (data / "gazetteer-sources").is_dir():
        _die(
            f"data not found: expected {data / NEWS} and {data / 'gazetteer-sources'}; "
            "pass --data DIR (the shared data directory)"
        )
    if args.quick:
        args.mb, args.find_sizes, args.build_sizes = 0.5, "1000,10000", "10000"
        args.out = None
    args.find_sizes = [int(x) for x in args.find_sizes.split(",") if x]
    args.build_sizes = [int(x) for x in args.build_sizes.split(",") if x]
    args.cache = Path(args.cache)
    versions = {t: available(t) for t in TOOLS}
    if not versions["barq"]:
        _die("barq is not importable; install it first (maturin develop --release)")
    tools = [t for t in args.tools.split(",") if versions.get(t)]
    for t in args.tools.split(","):
        if not versions.get(t):
            print(f"# {t} is not installed: skipped", file=sys.stderr)
    versions["spacy-model"] = "blank ar" if versions.get("spacy") else None

    docs = documents(data, args.mb)
    args.docs_note = (
        f"the first {len(docs):,} articles of `{NEWS}` "
        f"({sum(len(d.encode()) for d in docs) / 1e6:.1f} MB UTF-8)"
    )
    sizes = sorted(set(args.find_sizes) | set(args.build_sizes))
    # Terms come from articles after the benchmark documents (and after 1000 more).
    terms = term_file(data, args.cache, max(sizes), len(docs) + 1000)
    n_real = sum(1 for t in load_terms(terms, max(sizes)) if t[1] != "NGRAM")
    args.terms_note = (
        f"{n_real:,} distinct real names from `gazetteer-sources` and the NER entity lists, "
        "then distinct 1–3 word n-grams of other news articles that neither start nor end with "
        "one of the corpus's 300 most frequent words; each size is a prefix of the 1M list"
    )

    # Every result is also kept in the cache, so that --only can rerun a few pairs.
    saved_path = args.cache / f"results_{args.mb:g}mb.json"
    saved: dict[str, dict] = {}
    if args.only and saved_path.exists():
        saved = json.loads(saved_path.read_text(encoding="utf-8"))
    only = {tuple(x.split(":")) for x in args.only.split(",")} if args.only else None
    results: dict[tuple[str, int], dict] = {}
    for n in sizes:
        for tool in tools:
            if only is not None and (tool, str(n)) not in only:
                if f"{tool}|{n}" in saved:
                    results[(tool, n)] = saved[f"{tool}|{n}"]
                continue
            find, pickle_ = n in args.find_sizes, n in args.build_sizes
            timeout = args.timeout + (60 if find else 0)
            res = run_worker(args, tool, n, terms, find, pickle_, timeout)
            # Two more fresh builds for a best-of-3 build time, unless builds are slow.
            if pickle_ and "build_s" in res and res["build_s"] < 20 and not res.get("status"):
                for _ in range(REPS - 1):
                    again = run_worker(args, tool, n, terms, False, False, args.timeout)
                    if "build_s" in again:
                        res["build_s"] = min(res["build_s"], again["build_s"])
                        res["rss_peak_mb"] = min(res["rss_peak_mb"], again["rss_peak_mb"])
                        res["rss_base_mb"] = min(res["rss_base_mb"], again["rss_base_mb"])
            results[(tool, n)] = res
            saved[f"{tool}|{n}"] = res
            saved_path.write_text(json.dumps(saved), encoding="utf-8")
            summary = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in res.items()}
            print(f"# {json.dumps(summary)}", file=sys.stderr, flush=True)

    text = report(args, results, versions, time.perf_counter() - t0)
    print(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
