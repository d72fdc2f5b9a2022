"""The ``barq`` expression namespace for polars.

``import barq.polars`` registers it (``import barq`` alone never imports polars)::

    import polars as pl
    import barq, barq.polars
    df.with_columns(pl.col("text").barq.normalize())        # String
    df.select(pl.col("text").barq.tokenize())               # List(String)
    df.select(pl.col("text").barq.find(g))                  # List(Struct) of matches
    df.select(pl.col("text").barq.mentions(g))              # List(String): ids per row
    df.select(pl.col("text").barq.count(g))                 # one row: documents per id

Every method hands the column to the Rust core through the Arrow C stream interface: polars
exports its strings as ``string_view`` chunk by chunk, and the core reads those buffers in place
(no Python ``str`` per row, no copy of the text). The result is built by the core as Arrow on its
worker threads and imported by polars with ``pl.from_arrow``. Nulls stay nulls. ``threads=``
caps the core's threads, as in the other batch calls. pyarrow must be installed (the core
returns ``pyarrow`` arrays).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import polars as pl

import barq
from barq._barq import Gazetteer as _NativeGazetteer
from barq._barq import _resolve_threads
from barq.gazetteer import Gazetteer

__all__ = ["BarqExprNamespace", "MATCH_DTYPE", "COUNT_DTYPE"]

MATCH_DTYPE = pl.Struct(
    {
        "start": pl.Int64,
        "end": pl.Int64,
        "text": pl.String,
        "prefix": pl.String,
        "term": pl.String,
        "label": pl.String,
        "id": pl.String,
        "variant": pl.String,
    }
)
"""The dtype of one match of :meth:`BarqExprNamespace.find` (the fields of
:meth:`barq.Gazetteer.find_batch`'s Arrow output)."""

COUNT_DTYPE = pl.Struct({"id": pl.String, "documents": pl.Int64})
"""The dtype of one entry of :meth:`BarqExprNamespace.count`."""


@lru_cache(maxsize=8)
def _tokenizer(clitics: str | None) -> Any:
    """A shared tokenizer per clitics scheme (one with clitics takes a moment to build)."""
    return barq.Tokenizer(clitics=clitics)  # type: ignore[attr-defined]


def _texts(series: pl.Series, method: str) -> pl.Series | None:
    """``series`` checked to be text; ``None`` when it holds only nulls without a type."""
    if series.dtype == pl.Null:
        return None
    if series.dtype != pl.String:
        raise TypeError(
            f".barq.{method}() needs a String column, not {series.dtype}; "
            f"cast it with .cast(pl.String) if that is meant"
        )
    return series


def _apply(
    series: pl.Series,
    method: str,
    call: Callable[[Any], Any],
    dtype: pl.DataType,
    threads: int | None,
) -> pl.Series:
    """``call`` on the Arrow stream of ``series``, back as a polars Series of ``dtype`` with the
    input's name."""
    texts = _texts(series, method)
    if texts is None or len(texts) == 0:
        _resolve_threads(threads)  # a bad threads= or BARQ_NUM_THREADS fails here too
        return pl.Series(series.name, [None] * len(series), dtype=dtype)
    # The Series itself goes to the core: it exports `__arrow_c_stream__` (string_view chunks)
    result = pl.from_arrow(call(texts))
    assert isinstance(result, pl.Series)
    if result.dtype != dtype:  # large_string ⇄ string_view: the same polars String
        result = result.cast(dtype)
    return result.alias(series.name)


@pl.api.register_expr_namespace("barq")
class BarqExprNamespace:
    """Arabic text processing on a polars String expression; nulls stay nulls."""

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def _map(
        self, method: str, call: Callable[[Any], Any], dtype: pl.DataType, threads: int | None
    ) -> pl.Expr:
        if threads is not None:
            _resolve_threads(threads)  # threads=0 fails when the expression is built
        return self._expr.map_batches(
            lambda s: _apply(s, method, call, dtype, threads),
            return_dtype=dtype,
            is_elementwise=True,
        )

    def normalize(
        self, preset: str = "search", *, threads: int | None = None, **options: bool
    ) -> pl.Expr:
        """Every text normalized with ``preset`` (default ``"search"``), any of its options
        overridden by keyword (see :class:`barq.Normalizer`): a String expression."""
        normalizer = barq.Normalizer(preset, **options)
        return self._map(
            "normalize",
            lambda t: normalizer.normalize_batch(t, threads=threads),
            pl.String(),
            threads,
        )

    def transliterate(
        self, scheme: str = "bw", *, reverse: bool = False, threads: int | None = None
    ) -> pl.Expr:
        """Every text transliterated into ``scheme`` (``"bw"``, ``"safebw"``, ``"xmlbw"``,
        ``"hsb"``), or back to Arabic with ``reverse=True``: a String expression."""
        barq.transliterate("", scheme=scheme, reverse=reverse)  # a bad scheme fails here
        return self._map(
            "transliterate",
            lambda t: barq.transliterate_batch(t, scheme=scheme, reverse=reverse, threads=threads),
            pl.String(),
            threads,
        )

    def tokenize(self, clitics: str | None = None, *, threads: int | None = None) -> pl.Expr:
        """The tokens of every text (``barq.Tokenizer(clitics=clitics)``; ``"atb"`` or ``"d3"``
        splits clitics off the words): a List(String) expression."""
        tok = _tokenizer(clitics)
        return self._map(
            "tokenize",
            lambda t: tok.tokenize_batch(t, threads=threads, output="words"),
            pl.List(pl.String),
            threads,
        )

    def stem(self, scheme: str = "lucene", *, threads: int | None = None) -> pl.Expr:
        """The stems of every text, one per token of ``barq.Tokenizer()`` (word tokens stemmed
        with ``scheme``, see :class:`barq.Stemmer`; other tokens as they are): a List(String)
        expression aligned with :meth:`tokenize`."""
        stemmer = barq.Stemmer(scheme)
        return self._map(
            "stem",
            lambda t: stemmer.stems_batch(t, threads=threads),
            pl.List(pl.String),
            threads,
        )

    def find(self, gazetteer: Gazetteer, *, threads: int | None = None) -> pl.Expr:
        """The matches of ``gazetteer`` in every text: a List(Struct) expression with the fields
        of :data:`MATCH_DTYPE` (start, end, text, prefix, term, label, id, variant), as
        :meth:`barq.Gazetteer.find_batch` gives them for Arrow input. ``start``/``end`` are
        code-point offsets into the row's text."""
        _check_gazetteer(gazetteer)
        return self._map(
            "find",
            lambda t: gazetteer.find_batch(t, threads=threads),
            pl.List(MATCH_DTYPE),
            threads,
        )

    def mentions(self, gazetteer: Gazetteer, *, threads: int | None = None) -> pl.Expr:
        """The entity ids each text mentions, each once, in order of first mention: a
        List(String) expression (empty list for a text without matches, null for a null)."""
        return self.find(gazetteer, threads=threads).list.eval(
            pl.element().struct.field("id").unique(maintain_order=True)
        )

    def count(self, gazetteer: Gazetteer, *, threads: int | None = None) -> pl.Expr:
        """How many documents mention each entity of ``gazetteer`` (a text naming an entity
        twice, or by two aliases, counts once): an aggregation giving one value per column (or
        per group in ``group_by().agg()``), a list of ``{id, documents}`` structs, most
        frequent first, ties in id order. ``.explode().struct.unnest()`` turns it into a
        table. Null texts mention nothing."""
        _check_gazetteer(gazetteer)
        if threads is not None:
            _resolve_threads(threads)  # threads=0 fails when the expression is built

        def count(series: pl.Series) -> pl.Series:
            texts = _texts(series, "count")
            if texts is None or len(texts) == 0:
                _resolve_threads(threads)  # a bad threads= or BARQ_NUM_THREADS fails here too
                totals = {}
            else:
                totals = gazetteer.count(texts, threads=threads)
            ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
            rows = [{"id": entity, "documents": n} for entity, n in ranked]
            return pl.Series(series.name, [rows], dtype=pl.List(COUNT_DTYPE))

        return self._expr.map_batches(count, return_dtype=pl.List(COUNT_DTYPE), returns_scalar=True)


def _check_gazetteer(gazetteer: Any) -> None:
    if not isinstance(gazetteer, _NativeGazetteer):
        raise TypeError(f"expected a barq.Gazetteer, not {type(gazetteer).__name__}")
