"""The ``.barq`` accessor for dask Series of text.

``import barq.dask`` registers it (``import barq`` alone never imports dask)::

    import barq, barq.dask
    ds.barq.normalize()                   # dask Series of normalized text, same index and name
    ds.barq.tokenize(clitics="atb")       # dask Series of lists of tokens
    ds.barq.find(g)                       # dask Series of lists of barq.Match
    ds.barq.count(g).compute()            # documents mentioning each id, most frequent first
    ds.barq.extract(g).compute()          # every match as a long table

Each method runs the pandas accessor (:mod:`barq.pandas`) on every partition, so an
Arrow-backed partition (dask's default ``string[pyarrow]``) takes the Arrow path of the core, and
returns a lazy dask collection whose ``meta`` (dtype, name, columns) is what the pandas accessor
gives for the partitions' dtype, known without computing anything. ``count`` adds up the
per-partition document counts; ``extract`` is a dask DataFrame of matches whose ``doc`` column
is the index label of the text. A gazetteer or tokenizer passed in goes to each worker once
(pickled; a gazetteer as its compiled form) rather than inside every task.
"""

from __future__ import annotations

from typing import Any

import dask
import dask.dataframe as dd
import pandas as pd

import barq.pandas  # noqa: F401  (registers the pandas accessor used in every partition)
from barq._batch import EXTRACT_COLUMNS
from barq.gazetteer import Gazetteer
from barq.pandas import _is_text_dtype

__all__ = ["BarqDaskSeriesAccessor"]


def _shared(obj: Any) -> Any:
    """``obj`` as one key of the task graph, so that a large gazetteer or tokenizer is sent to
    each worker once instead of inside every task."""
    return dask.delayed(obj, pure=False) if obj is not None else None


# The functions run on the workers: module-level, so that tasks pickle by reference.


def _normalize(part: pd.Series, preset: str, threads: int | None, options: dict) -> pd.Series:
    return part.barq.normalize(preset, threads=threads, **options)


def _transliterate(part: pd.Series, scheme: str, reverse: bool, threads: int | None) -> pd.Series:
    return part.barq.transliterate(scheme, reverse=reverse, threads=threads)


def _tokenize(
    part: pd.Series,
    tokenizer: Any,
    clitics: str | None,
    threads: int | None,
    arrow: bool | None,
) -> pd.Series:
    return part.barq.tokenize(tokenizer, clitics=clitics, threads=threads, arrow=arrow)


def _stem(part: pd.Series, scheme: str, threads: int | None, arrow: bool | None) -> pd.Series:
    return part.barq.stem(scheme, threads=threads, arrow=arrow)


def _find(part: pd.Series, gazetteer: Gazetteer, threads: int | None, arrow: bool) -> pd.Series:
    return part.barq.find(gazetteer, threads=threads, arrow=arrow)


def _count(part: pd.Series, gazetteer: Gazetteer, threads: int | None) -> pd.Series:
    return part.barq.count(gazetteer, threads=threads)


def _most_frequent_first(total: pd.Series) -> pd.Series:
    """The summed counts ordered as the pandas accessor orders them: most frequent first,
    ties in id order."""
    total = total.astype("int64").rename("documents").rename_axis("id")
    return total.sort_index(kind="stable").sort_values(ascending=False, kind="stable")


def _extract(
    part: pd.Series, gazetteer: Gazetteer, threads: int | None, meta: pd.DataFrame
) -> pd.DataFrame:
    frame = part.barq.extract(gazetteer, threads=threads)
    # A partition without matches (or of object dtype) may infer other dtypes than the meta's.
    dtypes = meta.dtypes.to_dict()
    if frame.dtypes.to_dict() != dtypes:
        frame = frame.astype(dtypes)
    return frame


class BarqDaskSeriesAccessor:
    """Arabic text processing on a dask Series of ``str`` (object, or a string dtype such as
    dask's default ``string[pyarrow]``), partition by partition with the pandas accessor;
    missing values stay missing. Every method is lazy: ``.compute()`` (or ``.persist()``,
    ``.to_parquet()``, ...) runs it."""

    def __init__(self, series: dd.Series) -> None:
        if not _is_text_dtype(series.dtype):
            raise AttributeError(
                f"the .barq accessor needs a Series of text (str, string or object dtype), "
                f"not dtype {series.dtype}; convert it with .astype(str) if that is meant"
            )
        self._series = series

    @property
    def _meta(self) -> pd.Series:
        """The empty pandas Series standing for every partition (dtype, name, index type)."""
        return self._series._meta

    def _map(self, func: Any, meta: Any, *args: Any) -> Any:
        return self._series.map_partitions(func, *args, meta=meta)

    def normalize(
        self, preset: str = "search", *, threads: int | None = None, **options: bool
    ) -> dd.Series:
        """Normalize every text with ``preset`` (default ``"search"``), overriding any of its
        options by keyword, as :meth:`barq.pandas.BarqSeriesAccessor.normalize`: same index,
        name and (string or object) dtype. ``threads=`` caps the threads of each task."""
        meta = _normalize(self._meta, preset, threads, options)  # checks preset and options
        return self._map(_normalize, meta, preset, threads, options)

    def transliterate(
        self, scheme: str = "bw", *, reverse: bool = False, threads: int | None = None
    ) -> dd.Series:
        """Transliterate every text into ``scheme`` (or back to Arabic with ``reverse=True``),
        as :meth:`barq.pandas.BarqSeriesAccessor.transliterate`."""
        meta = _transliterate(self._meta, scheme, reverse, threads)
        return self._map(_transliterate, meta, scheme, reverse, threads)

    def tokenize(
        self,
        tokenizer: Any = None,
        *,
        clitics: str | None = None,
        threads: int | None = None,
        arrow: bool | None = None,
    ) -> dd.Series:
        """The tokens of every text as lists of str, as
        :meth:`barq.pandas.BarqSeriesAccessor.tokenize` (``tokenizer`` defaults to
        ``barq.Tokenizer(clitics=clitics)``, built once per worker process); an Arrow-backed
        Series gives ``pandas.ArrowDtype`` of ``list<large_string>`` unless ``arrow=False``."""
        meta = _tokenize(self._meta, tokenizer, clitics, threads, arrow)  # checks clitics
        return self._map(_tokenize, meta, _shared(tokenizer), clitics, threads, arrow)

    def stem(
        self, scheme: str = "lucene", *, threads: int | None = None, arrow: bool | None = None
    ) -> dd.Series:
        """The stems of every text as lists of str, one per token, as
        :meth:`barq.pandas.BarqSeriesAccessor.stem`."""
        meta = _stem(self._meta, scheme, threads, arrow)  # checks the scheme
        return self._map(_stem, meta, scheme, threads, arrow)

    def find(
        self, gazetteer: Gazetteer, *, threads: int | None = None, arrow: bool = False
    ) -> dd.Series:
        """The matches of ``gazetteer`` in every text: lists of :class:`barq.Match`, ``None``
        where the text was missing (``arrow=True``: an Arrow ``list<struct>`` column), as
        :meth:`barq.pandas.BarqSeriesAccessor.find`."""
        meta = _find(self._meta, gazetteer, threads, arrow)
        return self._map(_find, meta, _shared(gazetteer), threads, arrow)

    def count(self, gazetteer: Gazetteer, *, threads: int | None = None) -> dd.Series:
        """How many documents mention each entity of ``gazetteer``, the counts of the
        partitions added up: a lazy one-partition Series of ints indexed by entity id (index
        name ``"id"``, name ``"documents"``), most frequent first, ties in id order, as
        :meth:`barq.pandas.BarqSeriesAccessor.count`."""
        meta = _count(self._meta, gazetteer, threads)
        per_partition = self._series.map_partitions(
            _count, _shared(gazetteer), threads, meta=meta, clear_divisions=True
        )
        # summed by a tree reduction into one partition, then ordered as pandas orders them
        total = per_partition.to_frame().groupby("id")["documents"].sum(split_out=1)
        return total.map_partitions(_most_frequent_first, meta=meta)

    def extract(self, gazetteer: Gazetteer, *, threads: int | None = None) -> dd.DataFrame:
        """Every match as a long dask DataFrame with the columns of
        :meth:`barq.Gazetteer.extract` (doc, start, end, text, label, id, term), ``doc`` being
        the index label of the text. The frame's own index numbers the matches within each
        partition (so it repeats across partitions and the divisions are unknown); use ``doc``
        to join the matches back to the texts."""
        meta = _extract_meta(self._meta, gazetteer, threads)
        return self._series.map_partitions(
            _extract, _shared(gazetteer), threads, meta, meta=meta, clear_divisions=True
        )


def _extract_meta(meta: pd.Series, gazetteer: Gazetteer, threads: int | None) -> pd.DataFrame:
    """The empty match table of a partition like ``meta``: ``doc`` of the index's dtype, int64
    offsets, and the text columns as the pandas accessor makes them for this dtype."""
    frame = gazetteer.extract(meta, threads=threads)  # checks threads= like the tasks will
    dtypes: dict[str, Any] = {"doc": meta.index.dtype, "start": "int64", "end": "int64"}
    frame = frame.astype(dtypes)
    return frame[list(EXTRACT_COLUMNS)]


dd.extensions.register_series_accessor("barq")(BarqDaskSeriesAccessor)
