"""The ``.barq`` accessor for pandas Series of text.

``import barq.pandas`` registers it (``import barq`` alone never imports pandas)::

    import barq, barq.pandas
    s.barq.normalize()                    # Series of normalized text, same index and name
    s.barq.transliterate("bw")            # Buckwalter (reverse=True: back to Arabic)
    s.barq.stem()                         # Series of lists of stems, one per token
    s.barq.find(barq.Gazetteer.default()) # Series of lists of barq.Match
    s.barq.count(g)                       # documents mentioning each id, most frequent first

Missing values (None, NaN) stay missing. Every method runs the batch functions of the core (all
cores, no GIL; ``threads=`` caps them) and takes ``progress=True`` for a progress bar (tqdm,
as a widget in notebooks) that advances in chunks of a few thousand documents.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pandas as pd

import barq
from barq._batch import batches
from barq.gazetteer import Gazetteer

__all__ = ["BarqSeriesAccessor"]


@lru_cache(maxsize=8)
def _tokenizer(clitics: str | None) -> Any:
    """A shared tokenizer per clitics scheme (one with clitics takes a moment to build)."""
    return barq.Tokenizer(clitics=clitics)  # type: ignore[attr-defined]


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

    def _run(self, call: Any, progress: bool, desc: str, dtype: Any = object) -> pd.Series:
        """``call`` over the Series (chunk by chunk with a progress bar), as one Series. An
        Arrow-backed Series gives Arrow-backed Series (joined without a copy of the values),
        an object Series lists of Python objects."""
        parts = [call(chunk) for chunk in batches(self._series, progress, desc)]
        if parts and all(isinstance(p, pd.Series) for p in parts):
            return parts[0] if len(parts) == 1 else pd.concat(parts)
        values: list[Any] = []
        for part in parts:
            values.extend(part)
        return self._like_input(values, dtype)

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
        dtype = self._series.dtype if isinstance(self._series.dtype, pd.StringDtype) else object
        return self._run(
            lambda chunk: normalizer.normalize_batch(chunk, threads=threads),
            progress,
            "normalize",
            dtype,
        )

    def transliterate(
        self,
        scheme: str = "bw",
        *,
        reverse: bool = False,
        threads: int | None = None,
        progress: bool = False,
    ) -> pd.Series:
        """Transliterate every text into ``scheme`` (``"bw"``, ``"safebw"``, ``"xmlbw"``,
        ``"hsb"``), or back to Arabic with ``reverse=True``, as :func:`barq.transliterate` does.
        Same index and name; a string dtype (such as the Arrow-backed ``str``) is kept, object
        stays object."""
        dtype = self._series.dtype if isinstance(self._series.dtype, pd.StringDtype) else object
        return self._run(
            lambda chunk: barq.transliterate_batch(
                chunk, scheme=scheme, reverse=reverse, threads=threads
            ),
            progress,
            "transliterate",
            dtype,
        )

    def find(
        self,
        gazetteer: Gazetteer,
        *,
        threads: int | None = None,
        progress: bool = False,
        arrow: bool = False,
    ) -> pd.Series:
        """The matches of ``gazetteer`` in every text: a Series (same index and name) of lists
        of :class:`barq.Match`, ``None`` where the text was missing.

        ``arrow=True`` (for an Arrow-backed Series, such as the pandas 3 ``str`` dtype, or any
        other) gives instead an Arrow column built without a Python object per match: dtype
        ``pandas.ArrowDtype`` of ``list<struct<start, end, text, prefix, term, label, id>>``
        (see :meth:`barq.Gazetteer.find_batch`), missing where the text was missing."""
        return self._run(
            lambda chunk: gazetteer.find_batch(chunk, threads=threads, arrow=arrow),
            progress,
            "find",
        )

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
            clitics: str | None = None,
            threads: int | None = None,
            progress: bool = False,
            arrow: bool | None = None,
        ) -> pd.Series:
            """The tokens of every text as lists of str (``tokenizer`` defaults to
            ``barq.Tokenizer(clitics=clitics)``: ``clitics="atb"`` or ``"d3"`` splits clitics
            off the words, see :class:`barq.Tokenizer`); same index and name, missing where the
            text was missing. For an Arrow-backed Series the dtype is ``pandas.ArrowDtype`` of
            ``list<large_string>`` (``arrow=False``: Python lists, as for object Series)."""
            if tokenizer is not None and clitics is not None:
                raise ValueError(
                    "give clitics= to the Tokenizer, not to tokenize(), when passing a tokenizer"
                )
            # barq.Tokenizer is only there in builds that have it (hence the hasattr above)
            tok = tokenizer if tokenizer is not None else _tokenizer(clitics)
            return self._run(
                lambda chunk: tok.tokenize_batch(
                    chunk, threads=threads, output="words", arrow=arrow
                ),
                progress,
                "tokenize",
            )

    def stem(
        self,
        scheme: str = "lucene",
        *,
        threads: int | None = None,
        progress: bool = False,
        arrow: bool | None = None,
    ) -> pd.Series:
        """The stems of every text as lists of str, one per token of ``barq.Tokenizer()``
        (aligned with :meth:`tokenize`: word tokens stemmed with ``scheme``, see
        :class:`barq.Stemmer`, the other tokens as they are); same index and name, missing
        where the text was missing. For an Arrow-backed Series the dtype is
        ``pandas.ArrowDtype`` of ``list<large_string>`` (``arrow=False``: Python lists)."""
        stemmer = barq.Stemmer(scheme)
        return self._run(
            lambda chunk: stemmer.stems_batch(chunk, threads=threads, arrow=arrow),
            progress,
            "stem",
        )
