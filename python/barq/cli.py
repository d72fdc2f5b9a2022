"""The ``barq`` command line: annotate, normalize, tokenize, stem and transliterate files or
stdin.

Inputs are read as a stream, one document at a time (txt: one document per line, or the whole
file with ``--whole``; JSONL: ``--field``; CSV: ``--column``), and processed in chunks with
the batch functions, so a large file does not have to fit in memory.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from barq._batch import EXTRACT_COLUMNS

TOKEN_COLUMNS = ("doc", "start", "end", "text", "kind", "norm", "form", "role")
"""The columns of ``barq tokenize`` tables."""

CHUNK = 2000
"""Documents per call to the core: the input is read and processed this many at a time."""


class CliError(Exception):
    """A problem with the input or the arguments: one line on stderr, exit status 2."""


def _detect_format(path: str, given: str | None) -> str:
    if given:
        return given
    name = path[:-3] if path.endswith(".gz") else path
    for ext, fmt in ((".jsonl", "jsonl"), (".ndjson", "jsonl"), (".csv", "csv"), (".tsv", "tsv")):
        if name.endswith(ext):
            return fmt
    return "txt"


def _open(path: str) -> TextIO:
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="strict", newline="")
    if not os.path.exists(path):
        raise CliError(f"{path}: no such file")
    if path.endswith(".gz"):
        import gzip

        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")  # noqa: SIM115


def read_documents(path: str, args: argparse.Namespace) -> Iterator[tuple[Any, str, dict]]:
    """Yield (doc id, text, extra fields) for every document of `path`."""
    fmt = _detect_format(path, args.input_format)
    name = "stdin" if path == "-" else path
    args.lines_read = 0
    try:
        with _open(path) as f:
            if fmt == "txt":
                if args.whole:
                    yield name, f.read(), {}
                else:
                    for n, line in enumerate(f, start=1):
                        args.lines_read = n
                        yield f"{name}:{n}", line.rstrip("\r\n"), {}
            elif fmt == "jsonl":
                yield from _read_jsonl(f, name, args)
            else:
                yield from _read_csv(f, name, args, "\t" if fmt == "tsv" else ",")
    except UnicodeDecodeError as e:
        # the text is decoded a block at a time: the bad byte is after the last line read
        where = f"after line {args.lines_read}" if args.lines_read else "in the first lines"
        raise CliError(f"{name}: not UTF-8 text ({e.reason}) {where}") from None
    except (EOFError, OSError) as e:  # gzip.BadGzipFile, a truncated .gz, a folder
        raise CliError(f"{name}: cannot read: {e}") from None


def _read_jsonl(f: TextIO, name: str, args: argparse.Namespace) -> Iterator[tuple]:
    for n, line in enumerate(f, start=1):
        args.lines_read = n
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            if args.skip_bad:
                args.bad += 1
                continue
            raise CliError(f"{name}: line {n}: not valid JSON ({e.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get(args.field), str):
            if args.skip_bad:
                args.bad += 1
                continue
            raise CliError(f'{name}: line {n}: no string field "{args.field}" (use --field)')
        yield obj.get("id", f"{name}:{n}"), obj[args.field], obj


def _read_csv(f: TextIO, name: str, args: argparse.Namespace, delimiter: str) -> Iterator[tuple]:
    reader = csv.DictReader(f, delimiter=delimiter)
    if reader.fieldnames is None or args.column not in reader.fieldnames:
        raise CliError(
            f'{name}: no column "{args.column}" (use --column); columns: {reader.fieldnames}'
        )
    for row in reader:
        yield row.get("id", f"{name}:{reader.line_num}"), row[args.column] or "", dict(row)


def _chunks(docs: Iterator[tuple], size: int = CHUNK) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Writer:
    """Writes one record per document as JSONL, CSV or TSV."""

    def __init__(self, out: TextIO, fmt: str, columns: list[str]):
        self.out, self.fmt, self.columns = out, fmt, columns
        self.csv = None
        """The CSV writer of a csv or tsv output (None for JSONL)."""
        if fmt in ("csv", "tsv"):
            self.csv = csv.writer(out, delimiter="\t" if fmt == "tsv" else ",")
            self.csv.writerow(columns)

    def write(self, record: dict) -> None:
        """Write ``record`` (a dict keyed by column) as one line or one row."""
        if self.csv is None:
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            self.csv.writerow(["" if record.get(c) is None else record[c] for c in self.columns])


def _progress(args: argparse.Namespace) -> Any:
    if args.no_progress or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(unit="doc", file=sys.stderr)


def _run(args: argparse.Namespace, process: Any, columns: list[str]) -> None:
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout  # noqa: SIM115
    writer = Writer(out, args.format, columns)
    bar = _progress(args)
    try:
        for path in args.files:
            for chunk in _chunks(read_documents(path, args)):
                for record in process(chunk):
                    writer.write(record)
                if bar is not None:
                    bar.update(len(chunk))
    finally:
        if bar is not None:
            bar.close()
        if args.output:
            out.close()


def _gazetteer(args: argparse.Namespace) -> Any:
    from barq.gazetteer import Gazetteer

    if not args.gazetteer:
        return Gazetteer.default()
    if not os.path.exists(args.gazetteer):
        raise CliError(f"{args.gazetteer}: no such gazetteer file")
    if args.gazetteer.endswith(".barq"):
        return Gazetteer.load(args.gazetteer)
    return Gazetteer.from_file(args.gazetteer)


def cmd_annotate(args: argparse.Namespace) -> None:
    """``barq annotate``: the gazetteer's matches of every document (JSONL, or a row per
    match)."""
    g = _gazetteer(args)

    def process(chunk: list[tuple]) -> Iterator[dict]:
        results = g.find_batch([text for _, text, _ in chunk], threads=args.threads)
        for (doc, _, fields), matches in zip(chunk, results, strict=True):
            found = [{k: getattr(m, k) for k in EXTRACT_COLUMNS[1:]} for m in matches or []]
            if args.format == "jsonl":
                yield {
                    **{k: v for k, v in fields.items() if k != "matches"},
                    "doc": doc,
                    "matches": found,
                }
            else:
                for m in found:
                    yield {"doc": doc, **m}

    _run(args, process, list(EXTRACT_COLUMNS))


def cmd_audit(args: argparse.Namespace) -> None:
    """``barq audit``: per entry of the gazetteer, how it matched the documents (see
    :meth:`barq.Gazetteer.audit`)."""
    from barq.gazetteer import AUDIT_COLUMNS

    g = _gazetteer(args)
    totals: list[list[int]] | None = None
    bar = _progress(args)
    try:
        for path in args.files:
            for chunk in _chunks(read_documents(path, args)):
                tally = g._tally([text for _, text, _ in chunk], None, args.threads)
                if totals is None:
                    totals = [list(t) for t in tally]
                else:
                    for total, t in zip(totals, tally, strict=True):
                        for k, v in enumerate(t):
                            total[k] += v
                if bar is not None:
                    bar.update(len(chunk))
    finally:
        if bar is not None:
            bar.close()
    table = g._audit_table([tuple(t) for t in totals or [[0] * 5 for _ in range(len(g))]])
    rows = table.to_dict("records") if hasattr(table, "to_dict") else table
    if args.suspect_only:
        rows = [r for r in rows if r["suspect"]]
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout  # noqa: SIM115
    try:
        writer = Writer(out, args.format, list(AUDIT_COLUMNS))
        for row in rows[: args.top] if args.top else rows:
            if row["frequency"] is not None and row["frequency"] == row["frequency"]:
                row["frequency"] = round(row["frequency"], 2)
            else:
                row["frequency"] = None
            for share in ("exact", "folded", "prefixed"):
                row[share] = round(row[share], 3)
            writer.write(row)
    finally:
        if args.output:
            out.close()


def cmd_tokenize(args: argparse.Namespace) -> None:
    """``barq tokenize``: the tokens of every document (a row per token, or the words of each
    line for txt output)."""
    from barq._barq import Normalizer, Tokenizer

    normalizer = Normalizer.preset(args.preset) if args.preset else None
    t = Tokenizer(normalizer=normalizer, mode=args.mode, clitics=args.clitics)

    def process(chunk: list[tuple]) -> Iterator[dict]:
        results = t.tokenize_batch([text for _, text, _ in chunk], threads=args.threads)
        for (doc, _, _), tokens in zip(chunk, results, strict=True):
            rows = [{k: getattr(token, k) for k in TOKEN_COLUMNS[1:]} for token in tokens]
            if args.format == "jsonl":
                yield {"doc": doc, "tokens": rows}
            else:
                for row in rows:
                    yield {"doc": doc, **row}

    if args.format == "txt":
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
        try:
            for path in args.files:
                for chunk in _chunks(read_documents(path, args)):
                    texts = [text for _, text, _ in chunk]
                    for words in t.tokenize_batch(texts, threads=args.threads, output="words"):
                        out.write(" ".join(words) + "\n")
        finally:
            if args.output:
                out.close()
        return
    _run(args, process, list(TOKEN_COLUMNS))


def cmd_stem(args: argparse.Namespace) -> None:
    """``barq stem``: the stems of the tokens of every document."""
    from barq._barq import Stemmer

    stemmer = Stemmer(args.scheme)

    def stems(texts: list[str]) -> list[Any]:
        return stemmer.stems_batch(texts, threads=args.threads)

    def process(chunk: list[tuple]) -> Iterator[dict]:
        for (doc, _, _), found in zip(chunk, stems([t for _, t, _ in chunk]), strict=True):
            if args.format == "jsonl":
                yield {"doc": doc, "stems": found}
            else:
                yield {"doc": doc, "stems": " ".join(found)}

    if args.format == "txt":
        _run_plain(args, lambda texts: [" ".join(found) for found in stems(texts)])
        return
    _run(args, process, ["doc", "stems"])


def cmd_normalize(args: argparse.Namespace) -> None:
    """``barq normalize``: every document normalized with a preset."""
    from barq._barq import Normalizer

    n = Normalizer.preset(args.preset)

    def process(chunk: list[tuple]) -> Iterator[dict]:
        normalized = n.normalize_batch([text for _, text, _ in chunk], threads=args.threads)
        for (doc, _, _), text in zip(chunk, normalized, strict=True):
            yield {"doc": doc, "text": text}

    if args.format == "txt":
        _run_plain(args, lambda texts: n.normalize_batch(texts, threads=args.threads))
        return
    _run(args, process, ["doc", "text"])


def cmd_transliterate(args: argparse.Namespace) -> None:
    """``barq transliterate``: every document in a Latin scheme, or back to Arabic."""
    from barq._barq import transliterate_batch

    def convert(texts: list[str]) -> list[Any]:
        return transliterate_batch(
            texts, scheme=args.scheme, reverse=args.reverse, threads=args.threads
        )

    def process(chunk: list[tuple]) -> Iterator[dict]:
        for (doc, _, _), text in zip(chunk, convert([t for _, t, _ in chunk]), strict=True):
            yield {"doc": doc, "text": text}

    if args.format == "txt":
        _run_plain(args, convert)
        return
    _run(args, process, ["doc", "text"])


def _run_plain(args: argparse.Namespace, convert: Any) -> None:
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        for path in args.files:
            for chunk in _chunks(read_documents(path, args)):
                texts = convert([t for _, t, _ in chunk])
                out.write("".join(t + "\n" for t in texts))
    finally:
        if args.output:
            out.close()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``barq`` command and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="barq",
        description="Fast Arabic normalization, entity annotation, tokenization, stemming and "
        "transliteration.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser, formats: list[str]) -> None:
        p.add_argument("files", nargs="+", metavar="FILE", help="input files; - is stdin")
        p.add_argument("--input-format", choices=["txt", "jsonl", "csv", "tsv"])
        p.add_argument("--field", default="text", help="the JSONL field with the text")
        p.add_argument("--column", default="text", help="the CSV/TSV column with the text")
        p.add_argument("--whole", action="store_true", help="a txt file is one document")
        p.add_argument("--format", choices=formats, default=formats[0], help="output format")
        p.add_argument("-o", "--output", help="write here instead of stdout")
        p.add_argument("--threads", type=int, default=None)
        p.add_argument("--skip-bad", action="store_true", help="skip malformed JSONL lines")
        p.add_argument("--no-progress", action="store_true")

    annotate = sub.add_parser("annotate", help="find gazetteer entities in documents")
    common(annotate, ["jsonl", "csv", "tsv"])
    annotate.add_argument("--gazetteer", help="csv/tsv/jsonl[.gz] or a saved .barq gazetteer")
    annotate.set_defaults(run=cmd_annotate)

    audit = sub.add_parser(
        "audit", help="what every gazetteer term matches in documents, suspects first"
    )
    common(audit, ["tsv", "csv", "jsonl"])
    audit.add_argument("--gazetteer", help="csv/tsv/jsonl[.gz] or a saved .barq gazetteer")
    audit.add_argument("--suspect-only", action="store_true", help="only the suspect terms")
    audit.add_argument("--top", type=int, default=None, help="only the first N rows")
    audit.set_defaults(run=cmd_audit)

    normalize = sub.add_parser("normalize", help="normalize documents")
    common(normalize, ["txt", "jsonl", "csv", "tsv"])
    normalize.add_argument("--preset", default="search")
    normalize.set_defaults(run=cmd_normalize)

    tokenize = sub.add_parser("tokenize", help="tokenize documents")
    common(tokenize, ["txt", "jsonl", "csv", "tsv"])
    tokenize.add_argument("--mode", choices=["default", "camel"], default="default")
    tokenize.add_argument("--preset", default=None, help="fill each token's norm with a preset")
    tokenize.add_argument(
        "--clitics",
        choices=["atb", "d3"],
        default=None,
        help="split clitics off words (atb: conjunctions, prepositions, future sa-, pronouns; "
        "d3: also the article)",
    )
    tokenize.set_defaults(run=cmd_tokenize)

    from barq._barq import Stemmer

    stem = sub.add_parser("stem", help="light-stem the words of documents")
    common(stem, ["txt", "jsonl", "csv", "tsv"])
    stem.add_argument(
        "--scheme", choices=Stemmer.schemes(), default="lucene", help="default: lucene"
    )
    stem.set_defaults(run=cmd_stem)

    transliterate = sub.add_parser(
        "transliterate", help="transliterate documents (Buckwalter and kin, as camel_tools)"
    )
    common(transliterate, ["txt", "jsonl", "csv", "tsv"])
    transliterate.add_argument(
        "--scheme", choices=["bw", "safebw", "xmlbw", "hsb"], default="bw", help="default: bw"
    )
    transliterate.add_argument(
        "--reverse", action="store_true", help="from the scheme's Latin back to Arabic"
    )
    transliterate.set_defaults(run=cmd_transliterate)
    return parser


def _stdout_to_devnull() -> None:
    """Point stdout at devnull, so that the interpreter's last flush at exit cannot fail on a
    closed pipe (and print a traceback) after barq has stopped."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    """Run the ``barq`` command with ``argv`` (default: the process's arguments); returns the
    exit status: 0, 2 for bad input or arguments (one line on stderr), 130 when interrupted.
    ``main(["normalize", "news.txt"])`` does what ``barq normalize news.txt`` does."""
    try:
        args = build_parser().parse_args(argv)
        args.bad = 0
        try:
            from barq._barq import _resolve_threads

            try:
                # checked before reading, so that an empty input does not hide a bad setting
                _resolve_threads(args.threads)
            except ValueError as e:
                raise CliError(str(e).replace("threads must", "--threads must")) from None
            args.run(args)
            sys.stdout.flush()  # inside the try: a reader gone at the last flush is not an error
        finally:
            # lines --skip-bad skipped: said at the end of every run that read JSONL
            if args.bad:
                print(f"barq: skipped {args.bad} bad line(s)", file=sys.stderr)
    except CliError as e:
        print(f"barq: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`barq … | head`): not an error.
        _stdout_to_devnull()
        return 0
    except (ValueError, TypeError, OSError) as e:
        print(f"barq: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        # Ctrl-C: stop at once with the status a shell expects (128 + SIGINT) and no traceback.
        # Output still buffered is dropped: its reader may have been stopped by the same Ctrl-C.
        _stdout_to_devnull()
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
