"""The ``.barq`` accessor for pandas Series of text.

``import barq.pandas`` registers it (``import barq`` alone never imports pandas)::

    import barq, barq.pandas
    s.barq.normalize()                    # Series of normalized text, same index and name
    s.barq.find(barq.Gazetteer.default()) # Series of lists of barq.Match
    s.barq.count(g)                       # documents mentioning each id, most frequent first

Missing values (None, NaN) stay missing. Every method runs the batch functions of the core (all
cores, no GIL; ``threads=`` caps them) and takes ``progress=True`` for a progress bar (tqdm,
as a widget in notebooks) that advances in chunks of a few thousand documents.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

import barq
from barq._batch import batches, run_batches
from barq.gazetteer import Gazetteer

__all__ = ["BarqSeriesAccessor"]


def _is_text_dtype(dtype: Any) -> bool:
    return isinstance(dtype, pd.StringDtype) or dtype == object  # noqa: E721


@pd.api.extensions.register_series_accessor("barq")
class BarqSeriesAccessor:
    """Arabic text processing on a Series of ``str`` (object dtype, or pandas' string dtypes
    including the Arrow-backed ``str`` of pandas 3); missing values stay missing."""

    def __init__(self, series: pd.Series) -> None:
        if not _is_text_dtype(series.dtype):
            raise AttributeError(
                f"the .barq accessor needs a Series of text (str, string or object dtype), "
                f"not dtype {series.dtype}; convert it with .astype(str) if that is meant"
            )
        self._series = series

    def _like_input(self, values: list[Any], dtype: Any = object) -> pd.Series:
        return pd.Series(values, index=self._series.index, name=self._series.name, dtype=dtype)

    def normalize(
        self,
        preset: str = "search",
        *,
        threads: int | None = None,
        progress: bool = False,
        **options: bool,
    ) -> pd.Series:
        """Normalize every text with ``preset`` (default ``"search"``), overriding any of its
        options by keyword (see :class:`barq.Normalizer`). Same index and name; a string dtype
        (such as the Arrow-backed ``str``) is kept, object stays object."""
        normalizer = barq.Normalizer(preset, **options)
        values = run_batches(
            lambda chunk: normalizer.normalize_batch(chunk, threads=threads),
            self._series,
            progress,
            "normalize",
        )
        dtype = self._series.dtype if isinstance(self._series.dtype, pd.StringDtype) else object
        return self._like_input(values, dtype)

    def find(
        self, gazetteer: Gazetteer, *, threads: int | None = None, progress: bool = False
    ) -> pd.Series:
        """The matches of ``gazetteer`` in every text: a Series (same index and name) of lists
        of :class:`barq.Match`, ``None`` where the text was missing."""
        values = run_batches(
            lambda chunk: gazetteer.find_batch(chunk, threads=threads),
            self._series,
            progress,
            "find",
        )
        return self._like_input(values)

    def count(
        self, gazetteer: Gazetteer, *, threads: int | None = None, progress: bool = False
    ) -> pd.Series:
        """How many documents mention each entity of ``gazetteer`` (a document that names an
        entity twice, or by two aliases, counts once): a Series of ints indexed by entity id
        (index name ``"id"``, Series name ``"documents"``), most frequent first, ties in id
        order. Missing texts mention nothing."""
        totals: dict[str, int] = {}
        for chunk in batches(self._series, progress, "count"):
            for entity, n in gazetteer.count(chunk, threads=threads).items():
                totals[entity] = totals.get(entity, 0) + n
        counts = pd.Series(totals, dtype="int64", name="documents")
        counts.index.name = "id"
        return counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")

    def extract(
        self, gazetteer: Gazetteer, *, threads: int | None = None, progress: bool = False
    ) -> pd.DataFrame:
        """Every match as a long DataFrame (doc, start, end, text, label, id, term), ``doc``
        being this Series' index label; see :meth:`barq.Gazetteer.extract`."""
        return gazetteer.extract(self._series, threads=threads, progress=progress)

    if hasattr(barq, "Tokenizer"):

        def tokenize(
            self,
            tokenizer: Any = None,
            *,
            threads: int | None = None,
            progress: bool = False,
        ) -> pd.Series:
            """The tokens of every text as lists of str (``tokenizer`` defaults to
            ``barq.Tokenizer()``); same index and name, ``None`` where the text was missing."""
            # barq.Tokenizer is only there in builds that have it (hence the hasattr above)
            tok = tokenizer if tokenizer is not None else barq.Tokenizer()  # type: ignore[attr-defined]
            values = run_batches(
                lambda chunk: tok.tokenize_batch(chunk, threads=threads),
                self._series,
                progress,
                "tokenize",
            )
            words = [None if v is None else [t.text for t in v] for v in values]
            return self._like_input(words)
