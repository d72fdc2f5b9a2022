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
