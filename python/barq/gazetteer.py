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
from barq._batch import arrow_frame, batches

if TYPE_CHECKING:
    import pandas

__all__ = ["Gazetteer", "Match"]

_BASE_COLUMNS = ("term", "label", "id")
_DEFAULT_BYTES: bytes | None = None


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
        extra = [c for c in reader.fieldnames if c not in (*_BASE_COLUMNS, "meta", "exact")]
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
            yield (
                line,
                {
                    "term": row["term"],
                    "label": row.get("label") or None,
                    "id": row.get("id") or None,
                    "meta": meta or None,
                    "exact": exact,
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
                },
            )


class Gazetteer(_NativeGazetteer):
    """An Arabic-aware gazetteer: see ``barq._barq.Gazetteer`` for matching and the README
    for the semantics. This class adds loading from files and pandas, and extraction."""

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], **options: Any) -> Gazetteer:
        """Build a gazetteer from ``.csv``/``.tsv`` (header ``term,label,id,...``; other columns
        go to ``meta``) or ``.jsonl`` (spaCy EntityRuler patterns ``{"label", "pattern",
        "id"}``), each optionally gzipped. ``options`` go to the constructor. Errors name the
        path and line."""
        path = os.fspath(path)
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
                    rows.append((doc, m.start, m.end, m.text, m.label, m.id, m.term))
            position += len(found)
        columns = ["doc", "start", "end", "text", "label", "id", "term"]
        if rows or not frames:
            frames.append(pd.DataFrame(rows, columns=columns))
        if len(frames) == 1:
            return frames[0]
        return pd.concat(frames, ignore_index=True)
