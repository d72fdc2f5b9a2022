"""The examples of docs/API.md run as written: the reference cannot drift from the code."""

import doctest
from pathlib import Path

import pytest

API = Path(__file__).resolve().parents[1] / "docs" / "API.md"


def test_every_example_of_the_api_reference_runs():
    pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    pytest.importorskip("polars")
    pytest.importorskip("spacy")
    result = doctest.testfile(
        str(API), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.attempted > 100
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples of {API} failed"
