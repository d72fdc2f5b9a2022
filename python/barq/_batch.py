"""Giving batch results the form of a pandas input; the Rust core calls this only when the input
was a pandas Series, so pandas is already imported (importing barq never imports it)."""

from __future__ import annotations

from typing import Any


def series_result(series: Any, values: Any) -> Any:
    """A Series with the index and name of ``series`` holding ``values``: a
    ``pyarrow.ChunkedArray`` (from an Arrow-backed ``series``; the result keeps its dtype and
    wraps the array without a copy) or a list (one value per row, ``None`` for missing)."""
    import pandas as pd

    dtype = series.dtype
    if not isinstance(values, list):
        if isinstance(dtype, pd.StringDtype):
            array: Any = pd.arrays.ArrowStringArray(values, dtype=dtype)
        else:
            array = pd.arrays.ArrowExtensionArray(values)
        return pd.Series(array, index=series.index, name=series.name, copy=False)
    if isinstance(dtype, pd.StringDtype):
        return pd.Series(values, index=series.index, name=series.name, dtype=dtype)
    result = pd.Series(values, index=series.index, name=series.name, dtype=object)
    missing = series.isna().to_numpy()
    if missing.any():
        # keep the input's own missing value (None, NaN, pd.NA) in its place
        result[missing] = series[missing]
    return result
