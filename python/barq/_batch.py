"""Chunked batch calls with an optional progress bar, shared by the pandas accessor and
:meth:`barq.Gazetteer.extract`.

Without ``progress`` a batch goes to the Rust core in one call (the fastest path); with it the
input is cut into chunks of :data:`CHUNK_SIZE` documents so that the bar can advance. Neither
pandas nor tqdm is imported unless the caller already uses them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")

#: Documents per call to the core when a progress bar is shown: large enough that the per-call
#: overhead (thread-pool start, GIL hand-over) stays negligible, small enough to advance often.
CHUNK_SIZE = 4096


def _length(texts: Any) -> int | None:
    try:
        return len(texts)
    except TypeError:
        return None


def _chunks(texts: Any, size: int) -> Iterator[Any]:
    """Consecutive pieces of ``texts``, keeping the input's type where it can be sliced
    (a pandas Series stays a Series, so an Arrow-backed column stays Arrow-backed)."""
    if hasattr(texts, "iloc"):
        for start in range(0, len(texts), size):
            yield texts.iloc[start : start + size]
    elif hasattr(texts, "slice") and hasattr(texts, "__len__"):  # pyarrow arrays
        for start in range(0, len(texts), size):
            yield texts.slice(start, size)
    elif isinstance(texts, (list, tuple)):
        for start in range(0, len(texts), size):
            yield texts[start : start + size]
    else:
        iterator = iter(texts)
        while chunk := list(islice(iterator, size)):
            yield chunk


def progress_bar(total: int | None, desc: str) -> Any:
    """A tqdm bar that draws as a widget in a notebook and as text on a terminal."""
    try:
        from tqdm.auto import tqdm
    except ImportError:
        raise ImportError("progress=True needs tqdm: pip install tqdm") from None
    return tqdm(total=total, desc=desc, unit="doc")


def batches(texts: Any, progress: bool, desc: str) -> Iterator[Any]:
    """``texts`` whole, or chunk by chunk with a progress bar that advances after each chunk
    has been processed by the caller."""
    if not progress:
        yield texts
        return
    with progress_bar(_length(texts), desc) as bar:
        for chunk in _chunks(texts, CHUNK_SIZE):
            yield chunk
            bar.update(_length(chunk) or 0)


def run_batches(call: Callable[[Any], list[T]], texts: Any, progress: bool, desc: str) -> list[T]:
    """``call`` over ``texts`` (see :func:`batches`), the results concatenated in order."""
    results: list[T] = []
    for chunk in batches(texts, progress, desc):
        results.extend(call(chunk))
    return results


def series_result(series: Any, values: Any) -> Any:
    """A Series with the index and name of ``series`` holding the ``pyarrow.ChunkedArray``
    ``values`` without a copy: of ``series``' own dtype when both are strings (the pandas 3
    ``str`` dtype stays ``str``), else of ``pandas.ArrowDtype`` (list and struct results).
    The Rust core calls this only for a pandas input, so pandas is already imported."""
    import pandas as pd
    import pyarrow as pa

    dtype = series.dtype
    if isinstance(dtype, pd.StringDtype) and pa.types.is_large_string(values.type):
        array: Any = pd.arrays.ArrowStringArray(values, dtype=dtype)
    else:
        array = pd.arrays.ArrowExtensionArray(values)
    return pd.Series(array, index=series.index, name=series.name, copy=False)


#: The alignment each buffer of a string array needs (validity, offsets or views, data).
_ALIGNMENT = {"string": 4, "large_string": 8, "string_view": 16}


def _is_aligned(chunk: Any) -> bool:
    width = _ALIGNMENT.get(str(chunk.type))
    if width is None:
        return True
    return all(buffer is None or buffer.address % width == 0 for buffer in chunk.buffers()[1:2])


def aligned_arrow(values: Any) -> Any:
    """``values`` (a ``pyarrow.Array`` or ``ChunkedArray``), or a copy of the chunks whose
    offset (or view) buffer is not aligned for its type: Arrow's import reads through that
    buffer as integers. Buffers rebuilt from a pickle can start at any byte. The Rust core
    calls this for every pyarrow input; an aligned input is returned as it is."""
    import pyarrow as pa

    if isinstance(values, pa.ChunkedArray):
        if all(_is_aligned(chunk) for chunk in values.chunks):
            return values
        chunks = [c if _is_aligned(c) else pa.concat_arrays([c]) for c in values.chunks]
        return pa.chunked_array(chunks, type=values.type)
    if isinstance(values, pa.Array) and not _is_aligned(values):
        return pa.concat_arrays([values])
    return values


def _str_column(values: Any) -> Any:
    """A pandas column (the ``str`` dtype of pandas 3) holding the Arrow strings ``values``."""
    import numpy as np
    import pandas as pd

    try:
        dtype = pd.StringDtype("pyarrow", na_value=np.nan)
        return pd.arrays.ArrowStringArray(values, dtype=dtype)
    except TypeError:  # pandas < 2.3: no str dtype
        return pd.arrays.ArrowExtensionArray(values)


#: The columns of the long match table: :meth:`barq.Gazetteer.extract`, ``barq annotate``.
EXTRACT_COLUMNS = ("doc", "start", "end", "text", "label", "id", "term")


def arrow_frame(found: Any, first: int = 0) -> Any:
    """The long DataFrame of :meth:`barq.Gazetteer.extract` (doc, start, end, text, label, id,
    term) from an Arrow ``find_batch`` result: a Series (``doc`` is its index label) or a
    pyarrow array (``doc`` is the position, counted from ``first``). The columns are taken from
    the Arrow buffers: int64 offsets, ``str`` text columns; no Python object per match."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    index = None
    if isinstance(found, pd.Series):
        index = found.index
        found = found.array.__arrow_array__()
    if isinstance(found, pa.ChunkedArray):
        found = found.combine_chunks() if found.num_chunks != 1 else found.chunk(0)
    parents = pc.list_parent_indices(found).to_numpy()
    items = pc.list_flatten(found)
    doc = index.take(parents) if index is not None else parents + first
    columns: dict[str, Any] = {"doc": doc}
    for name in EXTRACT_COLUMNS[1:3]:
        columns[name] = pc.struct_field(items, name).to_numpy()
    for name in EXTRACT_COLUMNS[3:]:
        columns[name] = _str_column(pc.struct_field(items, name))
    return pd.DataFrame(columns, copy=False)
