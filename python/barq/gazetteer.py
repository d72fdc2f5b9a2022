"""The Python side of :class:`barq.Gazetteer`: loading from files and pandas, and extraction."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from barq._barq import Gazetteer as _NativeGazetteer
from barq._barq import Match
from barq._batch import EXTRACT_COLUMNS, arrow_frame, batches
from barq.lexicon import Lexicon

if TYPE_CHECKING:
    import pandas

__all__ = ["Gazetteer", "Match"]

_BASE_COLUMNS = ("term", "label", "id")
_DEFAULT_BYTES: bytes | None = None
# The default of ``lexicon=``: the shipped lexicon (``None`` turns the variant gate off).
_SHIPPED = object()
# The columns of the tables of calibrate() and audit().
CALIBRATION_COLUMNS = ("term", "label", "id", "matches", "agreeing", "precision", "disabled")
AUDIT_COLUMNS = (
    "term",
    "label",
    "id",
    "matches",
    "documents",
    "exact",
    "folded",
    "prefixed",
    "frequency",
    "suspect",
    "reason",
)
# Proclitics, longest first (as the matcher strips them).
_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")


def _open_text(path: str) -> io.TextIOBase:
    if path.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")  # noqa: SIM115


def _csv_entries(path: str, delimiter: str) -> Iterator[tuple[int, dict[str, Any]]]:
    with _open_text(path) as f:
        reader = csv.DictReader(f, delimiter=delimiter)
        if reader.fieldnames is None or "term" not in reader.fieldnames:
            raise ValueError(
                f"{path}: line 1: the header must have a 'term' column "
                f"(and optionally label, id, ...); found {reader.fieldnames}"
            )
        extra = [
            c for c in reader.fieldnames if c not in (*_BASE_COLUMNS, "meta", "exact", "ignore")
        ]
        for row in reader:
            line = reader.line_num
            if None in row:
                raise ValueError(f"{path}: line {line}: more fields than header columns")
            meta: dict[str, Any] = {}
            if row.get("meta"):
                try:
                    loaded = json.loads(row["meta"])
                except json.JSONDecodeError as e:
                    raise ValueError(f"{path}: line {line}: meta is not valid JSON: {e}") from e
                meta = loaded if isinstance(loaded, dict) else {"meta": loaded}
            meta.update({c: row[c] for c in extra if row.get(c)})
            exact = (row.get("exact") or "").strip().lower() in ("1", "true", "yes")
            ignore = (row.get("ignore") or "").strip().lower() in ("1", "true", "yes")
            yield (
                line,
                {
                    "term": row["term"],
                    "label": row.get("label") or None,
                    "id": row.get("id") or None,
                    "meta": meta or None,
                    "exact": exact,
                    "ignore": ignore,
                },
            )


def _pattern_text(pattern: Any, where: str) -> str:
    if isinstance(pattern, str):
        return pattern
    if isinstance(pattern, list) and pattern and all(isinstance(t, dict) for t in pattern):
        words = []
        for token in pattern:
            value = next((token[k] for k in ("ORTH", "TEXT", "LOWER", "NORM") if k in token), None)
            if not isinstance(value, str):
                raise ValueError(
                    f"{where}: only token patterns with ORTH, TEXT, LOWER or NORM strings "
                    f"are supported, not {token!r}"
                )
            words.append(value)
        return " ".join(words)
    raise ValueError(f"{where}: pattern must be a string or a list of token dicts")


def _jsonl_entries(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    with _open_text(path) as f:
        for line, raw in enumerate(f, start=1):
            if not raw.strip():
                continue
            where = f"{path}: line {line}"
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as e:
                raise ValueError(f"{where}: not valid JSON: {e}") from e
            if not isinstance(obj, dict) or ("pattern" not in obj and "term" not in obj):
                raise ValueError(f'{where}: expected an object with "pattern" (or "term")')
            term = _pattern_text(obj.get("pattern", obj.get("term")), where)
            meta = obj.get("meta")
            yield (
                line,
                {
                    "term": term,
                    "label": obj.get("label"),
                    "id": None if obj.get("id") is None else str(obj["id"]),
                    "meta": meta,
                    "exact": bool(obj.get("exact", False)),
                    "ignore": bool(obj.get("ignore", False)),
                },
            )


class Gazetteer(_NativeGazetteer):
    """An Arabic-aware gazetteer: see ``barq._barq.Gazetteer`` for matching and the README
    for the semantics. This class adds the shipped lexicon as the default of ``lexicon=``,
    loading from files and pandas, calibration on annotated text, the audit, and extraction."""

    def __new__(
        cls,
        entries: Any = None,
        normalizer: Any = None,
        clitics: bool = True,
        overlapping: bool = False,
        case_sensitive: bool = False,
        stopwords: list[str] | None = None,
        lexicon: Any = _SHIPPED,
    ) -> Gazetteer:
        if lexicon is _SHIPPED:
            lexicon = Lexicon.default()
        return super().__new__(
            cls, entries, normalizer, clitics, overlapping, case_sensitive, stopwords, lexicon
        )

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], **options: Any) -> Gazetteer:
        """Build a gazetteer from ``.csv``/``.tsv`` (header ``term,label,id,...``; other columns
        go to ``meta``) or ``.jsonl`` (spaCy EntityRuler patterns ``{"label", "pattern",
        "id"}``), each optionally gzipped. ``options`` go to the constructor. Errors name the
        path and line."""
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path must be str or os.PathLike, not {type(path).__name__}")
        path = os.fspath(path)
        if not isinstance(path, str):
            raise TypeError(f"path must be str or os.PathLike, not {type(path).__name__}")
        if not os.path.exists(path):
            raise FileNotFoundError(f"gazetteer file not found: {path}")
        name = path[:-3] if path.endswith(".gz") else path
        if name.endswith(".csv"):
            rows: Iterable[tuple[int, dict[str, Any]]] = _csv_entries(path, ",")
        elif name.endswith(".tsv"):
            rows = _csv_entries(path, "\t")
        elif name.endswith((".jsonl", ".ndjson")):
            rows = _jsonl_entries(path)
        else:
            raise ValueError(
                f"{path}: unknown gazetteer format; use .csv, .tsv or .jsonl (optionally .gz)"
            )
        g = cls(**options)
        try:
            for line, entry in rows:
                try:
                    g.add(**entry)
                except (ValueError, TypeError) as e:
                    raise type(e)(f"{path}: line {line}: {e}") from e
        except UnicodeDecodeError as e:
            raise ValueError(f"{path}: not UTF-8 text: {e}") from e
        except (gzip.BadGzipFile, EOFError) as e:
            raise ValueError(f"{path}: not a valid gzip file: {e}") from e
        return g

    @classmethod
    def default(cls) -> Gazetteer:
        """The embedded default gazetteer: countries and territories, capitals and major cities
        worldwide, Arab-world provinces, regions and major organisations (GPE, LOC, ORG), with
        Arabic aliases. Built on first use and cached; see ``barq/data/README.md`` for coverage
        and ``barq/data/ATTRIBUTION.md`` for the sources' licences."""
        global _DEFAULT_BYTES
        if _DEFAULT_BYTES is None:
            path = os.path.join(os.path.dirname(__file__), "data", "default_gazetteer.tsv.gz")
            _DEFAULT_BYTES = cls.from_file(path).to_bytes()
        return cls.from_bytes(_DEFAULT_BYTES)

    @classmethod
    def from_pandas(
        cls,
        df: pandas.DataFrame,
        term: str = "term",
        label: str | None = "label",
        id: str | None = "id",
        meta: list[str] | None = None,
        **options: Any,
    ) -> Gazetteer:
        """Build a gazetteer from the columns of a DataFrame; ``meta`` names columns whose
        values go to each entry's metadata."""
        missing = [c for c in (term, label, id, *(meta or [])) if c and c not in df.columns]
        if missing:
            raise KeyError(f"DataFrame has no column(s) {missing}; it has {list(df.columns)}")
        g = cls(**options)

        def value(row: Any, column: str | None) -> Any:
            if column is None:
                return None
            v = row[column]
            return None if v is None or v != v else v  # NaN -> None

        for position, (index, row) in enumerate(df.iterrows()):
            m = {c: value(row, c) for c in meta or []}
            try:
                g.add(
                    row[term],
                    label=None if value(row, label) is None else str(value(row, label)),
                    id=None if value(row, id) is None else str(value(row, id)),
                    meta={k: v for k, v in m.items() if v is not None} or None,
                )
            except (ValueError, TypeError) as e:
                raise type(e)(f"row {position} (index {index!r}): {e}") from e
        return g

    def extract(
        self, texts: Any, threads: int | None = None, progress: bool = False
    ) -> pandas.DataFrame:
        """Every match of every text as a long DataFrame with the columns doc (the index label
        of the input, or its position), start, end, text, label, id, term. ``progress=True``
        shows a progress bar (tqdm) that advances in chunks of a few thousand documents."""
        import pandas as pd

        is_series = isinstance(texts, pd.Series)
        frames = []
        rows = []
        position = 0
        for chunk in batches(texts, progress, "extract"):
            found = self.find_batch(chunk, threads=threads)
            if not isinstance(found, list):
                # Arrow texts: an Arrow list<struct> column, flattened without Python objects
                frames.append(arrow_frame(found, position))
                position += len(found)
                continue
            index = list(chunk.index) if is_series else None
            for row, matches in enumerate(found):
                doc = index[row] if index is not None else position + row
                for m in matches or ():
                    rows.append((doc, *(getattr(m, k) for k in EXTRACT_COLUMNS[1:])))
            position += len(found)
        if rows or not frames:
            frames.append(pd.DataFrame(rows, columns=list(EXTRACT_COLUMNS)))
        if len(frames) == 1:
            return frames[0]
        return pd.concat(frames, ignore_index=True)

    # ----------------------------------------------------------------------------------------
    # calibration and audit

    def calibrate(
        self,
        texts: Any,
        mentions: Any,
        min_precision: float = 0.3,
        min_count: int = 2,
        threads: int | None = None,
    ) -> Any:
        """Link probability from annotated text: for every term, how many of its matches in
        ``texts`` agree with an annotated mention. ``mentions[i]`` lists the spans of
        ``texts[i]`` as ``(start, end)`` or ``(start, end, label)`` code-point tuples; a match
        agrees when ``(m.start, m.end)`` or ``(m.start - len(m.prefix), m.end)`` is a mention's
        span (and the labels are equal, when the mention has one). Entries with at least
        ``min_count`` matches and a precision below ``min_precision`` are switched off in place
        (see :meth:`enable`); switching a long term off can let shorter ones match where it
        did, so matching is repeated until nothing more is switched off.

        Returns the per-entry table (term, label, id, matches, agreeing, precision, disabled),
        worst first: a pandas DataFrame when pandas is installed, else a list of dicts."""
        if not 0.0 <= min_precision <= 1.0:
            raise ValueError(f"min_precision must be between 0 and 1, not {min_precision!r}")
        if not isinstance(min_count, int) or min_count < 1:
            raise ValueError(f"min_count must be a positive integer, not {min_count!r}")
        texts = _text_list(texts)
        labels = {e["label"] for e in self.entries()}
        spans = _mention_list(texts, mentions, labels)
        entries = self.entries()
        rows: dict[int, dict[str, Any]] = {}
        for _round in range(8):
            tally = self._tally(texts, spans, threads)
            newly = []
            for index, (matches, _docs, _exact, _prefixed, agreeing) in enumerate(tally):
                if matches == 0 or entries[index]["disabled"]:
                    continue
                precision = agreeing / matches
                off = matches >= min_count and precision < min_precision
                rows[index] = _calibration_row(entries[index], matches, agreeing, off)
                if off:
                    newly.append(index)
            if not newly:
                break
            self._set_disabled(newly, True)
            for index in newly:
                entries[index]["disabled"] = True
        table = sorted(rows.values(), key=lambda r: (r["precision"], -r["matches"], r["term"]))
        return _table(table, CALIBRATION_COLUMNS)

    @classmethod
    def from_annotations(
        cls,
        texts: Any,
        mentions: Any,
        min_precision: float = 0.3,
        min_count: int = 2,
        threads: int | None = None,
        **options: Any,
    ) -> Gazetteer:
        """A gazetteer of the annotated mentions, calibrated on the same texts (see
        :meth:`calibrate`). Each distinct (surface, label) becomes an entry with the id
        ``"LABEL:surface"`` (the surface alone without a label), most frequent first, so that a
        surface annotated with several labels reports its majority label first. A surface
        annotated with its proclitic (``ولبنان``) is left out when the rest is annotated too:
        the matcher strips the proclitic. ``options`` go to the constructor; the calibration
        table is kept as ``g.calibration``."""
        texts = _text_list(texts)
        spans = _mention_list(texts, mentions, None)
        counts: dict[tuple[str, str | None], int] = {}
        for text, doc_spans in zip(texts, spans, strict=True):
            for start, end, label in doc_spans:
                surface = text[start:end].strip()  # type: ignore[index]
                if surface:
                    counts[(surface, label)] = counts.get((surface, label), 0) + 1
        known = set(counts)
        g = cls(**options)
        for (surface, label), _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0])):
            if _is_clitic_form(surface, label, known):
                continue
            ident = f"{label}:{surface}" if label else surface
            try:
                g.add(surface, label=label, id=ident)
            except ValueError:
                continue  # a surface that normalizes to nothing (a lone mark) is no term
        g.calibration = g.calibrate(texts, spans, min_precision, min_count, threads)
        return g

    def audit(self, texts: Any, threads: int | None = None) -> Any:
        """What every term does on ``texts`` (no annotations needed), to clean a list of names:
        per entry with a match, its matches and documents, the share matched exactly, by
        folding and after a proclitic, the lexicon frequency (per million words) of its written
        form, and a ``suspect`` flag with its ``reason``:

        * ``"common word"``: a one-word term whose written form is frequent and inflects like a
          common noun (the lexicon also has it with or without the article, or with a
          possessive suffix: مدينة, المدينة, مدينتها);
        * ``"only reached by folding"``: never written as the term is;
        * ``"mostly after a proclitic"``: most matches strip a proclitic off a longer word.

        Suspects come first, most matched first. Switch terms off with :meth:`disable`. Returns a
        pandas DataFrame when pandas is installed, else a list of dicts."""
        return self._audit_table(self._tally(_text_list(texts), None, threads))

    def _audit_table(self, tallies: list[tuple[int, int, int, int, int]]) -> Any:
        """The audit table from per-entry tallies (``_tally``, summed over chunks of texts)."""
        lexicon = self.lexicon if self.lexicon is not None else Lexicon.default()
        rows = []
        for entry, tally in zip(self.entries(), tallies, strict=True):
            matches, docs, exact, prefixed, _ = tally
            if matches == 0:
                continue
            term = entry["term"]
            one_word = len(term.split()) == 1
            frequency = lexicon.per_million(term) if one_word else None
            reasons = []
            if one_word and _inflects(term, lexicon):
                reasons.append("common word")
            if matches >= 3 and exact == 0:
                reasons.append("only reached by folding")
            if matches >= 3 and prefixed >= 0.8 * matches:
                reasons.append("mostly after a proclitic")
            rows.append(
                {
                    "term": term,
                    "label": entry["label"],
                    "id": entry["id"],
                    "matches": matches,
                    "documents": docs,
                    "exact": exact / matches,
                    "folded": 1 - exact / matches,
                    "prefixed": prefixed / matches,
                    "frequency": frequency,
                    "suspect": bool(reasons),
                    "reason": "; ".join(reasons),
                }
            )
        rows.sort(key=lambda r: (not r["suspect"], -r["matches"], r["term"]))
        return _table(rows, AUDIT_COLUMNS)


# --------------------------------------------------------------------------------------------
# helpers of calibrate and audit


def _text_list(texts: Any) -> list[str | None]:
    if isinstance(texts, str):
        raise TypeError("texts must be an iterable of str, not a single str")
    out: list[str | None] = []
    for i, t in enumerate(texts):
        if t is None or (isinstance(t, float) and t != t):
            out.append(None)
        elif isinstance(t, str):
            out.append(t)
        else:
            raise TypeError(f"texts[{i}] must be str or None, not {type(t).__name__}")
    return out


def _mention_list(
    texts: list[str | None], mentions: Any, labels: set[str | None] | None
) -> list[list[tuple[int, int, str | None]]]:
    """``mentions`` checked against ``texts``: one list of (start, end, label) per text."""
    if isinstance(mentions, str):
        raise TypeError("mentions must be a list (one list of spans per text), not a str")
    mentions = list(mentions)
    if len(mentions) != len(texts):
        raise ValueError(
            f"texts and mentions must have the same length: {len(texts)} texts, "
            f"{len(mentions)} lists of mentions"
        )
    out = []
    for i, (text, spans) in enumerate(zip(texts, mentions, strict=True)):
        doc = []
        for span in spans or ():
            if not isinstance(span, (tuple, list)) or len(span) not in (2, 3):
                raise ValueError(
                    f"mentions[{i}]: a mention is (start, end) or (start, end, label), not {span!r}"
                )
            start, end = span[0], span[1]
            label = span[2] if len(span) == 3 else None
            if not isinstance(start, int) or not isinstance(end, int):
                raise ValueError(f"mentions[{i}]: start and end must be ints, not {span!r}")
            size = 0 if text is None else len(text)
            if not 0 <= start < end <= size:
                raise ValueError(
                    f"mentions[{i}]: span ({start}, {end}) is not inside text {i} "
                    f"(length {size}) with start < end"
                )
            if label is not None and not isinstance(label, str):
                raise ValueError(f"mentions[{i}]: a label must be str, not {label!r}")
            if labels is not None and label is not None and label not in labels:
                known = ", ".join(sorted(x for x in labels if x is not None))
                raise ValueError(
                    f"mentions[{i}]: unknown label {label!r}; the gazetteer's labels are {known}"
                )
            doc.append((start, end, label))
        out.append(doc)
    return out


def _calibration_row(entry: dict, matches: int, agreeing: int, off: bool) -> dict[str, Any]:
    return {
        "term": entry["term"],
        "label": entry["label"],
        "id": entry["id"],
        "matches": matches,
        "agreeing": agreeing,
        "precision": agreeing / matches,
        "disabled": off,
    }


def _is_clitic_form(surface: str, label: str | None, known: set) -> bool:
    """Whether ``surface`` is a proclitic + another annotated surface of the same label."""
    for prefix in _PROCLITICS:
        rest = surface[len(prefix) :]
        if not surface.startswith(prefix) or len(rest) < 2:
            continue
        if (rest, label) in known:
            return True
        if prefix.endswith("ل") and rest.startswith("ل") and ("ا" + rest, label) in known:
            return True
    return False


def _inflects(
    term: str, lexicon: Lexicon, min_per_million: float = 5.0, share: float = 0.25
) -> bool:
    """Whether the written form ``term`` is frequent (at least ``min_per_million``) and the
    lexicon also has it inflected like a common noun (article toggled, possessive suffix) at
    least ``share`` as often. (scripts/build_default_gazetteer.py uses it too.)"""
    if lexicon.per_million(term) < min_per_million:
        return False
    bare = term[2:] if term.startswith("ال") and len(term) > 3 else term
    stem = bare[:-1] + "ت" if bare.endswith("ة") else bare
    forms = {"ال" + bare, bare, stem + "ها", stem + "هم", stem + "ه"} - {term}
    return sum(lexicon.count(f) for f in forms) >= share * lexicon.count(term)


def _table(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> Any:
    try:
        import pandas as pd
    except ImportError:
        return rows
    return pd.DataFrame(rows, columns=list(columns))
