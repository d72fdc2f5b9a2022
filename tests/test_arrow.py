"""Arrow input of the batch calls: pyarrow arrays and chunked arrays, pandas Series.

The texts are read from the Arrow buffers in place; string results come back in the form of the
input (a pyarrow array of the same type and chunking, a pandas Series with the same index and
dtype), and every result equals the result of the list path.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
import textwrap

import barq
import pytest
from barq import Normalizer

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

TEXTS = [
    "ذهبَ الطلابُ إلى المكتبةِ صباحًا",
    None,
    "مدرسةٌ جديدة في القاهرة",
    "",
    "ﻻ شيء يُذكر",
    "Hello عالم ١٢٣",
    None,
    "قرأتُ كتابًا عن دمشقَ وبيروت",
]
STRING_TYPES = [pa.string(), pa.large_string(), pa.string_view()]
TYPE_IDS = ["string", "large_string", "string_view"]

search = Normalizer.preset("search")


def gazetteer() -> barq.Gazetteer:
    g = barq.Gazetteer()
    g.add("دمشق", label="GPE", id="damascus")
    g.add("القاهرة", label="GPE", id="cairo")
    g.add("بيروت", label="GPE", id="beirut")
    return g


def expected_normalized(texts: list[str | None]) -> list[str | None]:
    return search.normalize_batch(texts)


# ---------------------------------------------------------------------------------------------
# normalize_batch
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("type_", STRING_TYPES, ids=TYPE_IDS)
def test_normalize_array_returns_array_of_the_same_type(type_):
    arr = pa.array(TEXTS, type=type_)
    out = search.normalize_batch(arr)
    assert isinstance(out, pa.Array)
    assert out.type == type_
    assert out.to_pylist() == expected_normalized(TEXTS)
    assert out.null_count == 2


@pytest.mark.parametrize("type_", STRING_TYPES, ids=TYPE_IDS)
def test_normalize_chunked_array_keeps_the_chunks(type_):
    chunks = [TEXTS[:3], [], TEXTS[3:5], TEXTS[5:]]
    arr = pa.chunked_array(chunks, type=type_)
    out = search.normalize_batch(arr)
    assert isinstance(out, pa.ChunkedArray)
    assert out.type == type_
    assert [len(c) for c in out.chunks] == [len(c) for c in arr.chunks]
    assert out.to_pylist() == expected_normalized(TEXTS)


@pytest.mark.parametrize("type_", STRING_TYPES, ids=TYPE_IDS)
def test_normalize_sliced_array_reads_from_its_offset(type_):
    arr = pa.array(TEXTS, type=type_)
    for start, length in [(1, 4), (3, 5), (7, 1), (2, 0)]:
        part = arr.slice(start, length)
        assert search.normalize_batch(part).to_pylist() == expected_normalized(
            TEXTS[start : start + length]
        )
    chunked = pa.chunked_array([arr, arr]).slice(5, 6)
    assert search.normalize_batch(chunked).to_pylist() == expected_normalized((TEXTS * 2)[5:11])


@pytest.mark.parametrize("type_", STRING_TYPES, ids=TYPE_IDS)
def test_normalize_empty_arrow_input(type_):
    out = search.normalize_batch(pa.array([], type=type_))
    assert isinstance(out, pa.Array) and len(out) == 0 and out.type == type_
    out = search.normalize_batch(pa.chunked_array([], type=type_))
    assert isinstance(out, pa.ChunkedArray) and len(out) == 0 and out.type == type_
    assert search.normalize_batch(pa.array([None, None], type=type_)).to_pylist() == [None, None]


def test_normalize_long_arrow_texts_inline_and_out_of_line():
    # string_view keeps texts of up to 12 bytes inside the view itself
    texts = ["ب", "كتابٌ", "مكتبةُ الجامعة الكبيرة في المدينة" * 50, None]
    for type_ in STRING_TYPES:
        arr = pa.array(texts, type=type_)
        assert search.normalize_batch(arr, threads=2).to_pylist() == expected_normalized(texts)


@pytest.mark.parametrize("threads", [1, 2])
def test_normalize_arrow_equals_list_path_on_many_rows(threads):
    texts = [None if i % 7 == 0 else f"النَّصُّ رقم {i} في المكتبةِ" for i in range(500)]
    arr = pa.chunked_array([texts[:123], texts[123:]], type=pa.large_string())
    out = search.normalize_batch(arr, threads=threads)
    assert out.to_pylist() == search.normalize_batch(texts, threads=threads)


# ---------------------------------------------------------------------------------------------
# pandas
# ---------------------------------------------------------------------------------------------

INDEX = ["a", "b", "c", "d", "e", "f", "g", "h"]


def test_normalize_str_series_returns_str_series_with_the_index():
    dtype = pd.StringDtype("pyarrow", na_value=math.nan)
    s = pd.Series(TEXTS, index=INDEX, name="body", dtype=dtype)
    out = search.normalize_batch(s)
    assert isinstance(out, pd.Series)
    assert out.dtype == s.dtype
    assert out.name == "body"
    assert list(out.index) == INDEX
    expected = expected_normalized(TEXTS)
    for got, want in zip(out.tolist(), expected, strict=True):
        if want is None:
            assert isinstance(got, float) and math.isnan(got)
        else:
            assert got == want


def test_normalize_default_pandas_strings():
    # pandas 3 infers the Arrow-backed str dtype; older pandas object dtype
    s = pd.Series([t if t is not None else math.nan for t in TEXTS], index=range(10, 18))
    out = search.normalize_batch(s)
    assert out.dtype == s.dtype
    assert list(out.index) == list(range(10, 18))
    assert out.isna().tolist() == s.isna().tolist()
    assert out.dropna().tolist() == [t for t in expected_normalized(TEXTS) if t is not None]


def test_normalize_series_with_several_arrow_chunks():
    chunked = pa.chunked_array([TEXTS[:4], TEXTS[4:]], type=pa.large_string())
    s = pd.Series(pd.arrays.ArrowExtensionArray(chunked), index=INDEX)
    out = search.normalize_batch(s)
    assert out.dtype == pd.ArrowDtype(pa.large_string())
    assert out.array.__arrow_array__().num_chunks == 2
    assert out.tolist() == [pd.NA if t is None else t for t in expected_normalized(TEXTS)]


@pytest.mark.parametrize("type_", STRING_TYPES, ids=TYPE_IDS)
def test_normalize_arrow_dtype_series(type_):
    s = pd.Series(TEXTS, index=INDEX[::-1], dtype=pd.ArrowDtype(type_))
    out = search.normalize_batch(s)
    assert out.dtype == pd.ArrowDtype(type_)
    assert list(out.index) == INDEX[::-1]
    assert out.array.__arrow_array__().to_pylist() == expected_normalized(TEXTS)


def test_normalize_object_series_keeps_index_and_missing_values():
    texts = ["مدرسةٌ", None, "إلى", math.nan, "ﻻ"]
    s = pd.Series(texts, index=[5, 4, 3, 2, 1], dtype=object)
    out = search.normalize_batch(s)
    assert out.dtype == object
    assert list(out.index) == [5, 4, 3, 2, 1]
    values = out.tolist()
    assert values[0] == "مدرسه" and values[2] == "الي" and values[4] == "لا"
    assert values[1] is None
    assert isinstance(values[3], float) and math.isnan(values[3])


def test_normalize_python_string_dtype_series():
    s = pd.Series(["إلى", None], index=["x", "y"], dtype=pd.StringDtype("python"))
    out = search.normalize_batch(s)
    assert out.dtype == s.dtype
    assert out["x"] == "الي" and out.isna()["y"]


def test_normalize_pandas_arrow_extension_array_directly():
    arr = pd.array(TEXTS, dtype=pd.ArrowDtype(pa.string()))
    out = search.normalize_batch(arr)
    assert isinstance(out, pa.ChunkedArray)
    assert out.to_pylist() == expected_normalized(TEXTS)


def test_normalize_empty_series():
    s = pd.Series([], dtype=pd.StringDtype("pyarrow", na_value=math.nan))
    out = search.normalize_batch(s)
    assert len(out) == 0 and out.dtype == s.dtype


# ---------------------------------------------------------------------------------------------
# find_batch, count, extract
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("type_", STRING_TYPES, ids=TYPE_IDS)
def test_find_batch_on_arrow_equals_list_path(type_):
    g = gazetteer()
    expected = g.find_batch(TEXTS)
    assert any(expected)
    assert g.find_batch(pa.array(TEXTS, type=type_)) == expected
    assert g.find_batch(pa.chunked_array([TEXTS[:2], TEXTS[2:]], type=type_)) == expected
    assert g.find_batch(pa.array(TEXTS, type=type_).slice(2)) == expected[2:]
    assert g.count(pa.array(TEXTS, type=type_)) == g.count(TEXTS)


def test_find_batch_offsets_are_code_points_of_the_arrow_text():
    g = gazetteer()
    arr = pa.array(["زرتُ دِمَشْقَ أمس"], type=pa.string_view())
    [[m]] = g.find_batch(arr)
    assert "زرتُ دِمَشْقَ أمس"[m.start : m.end] == m.text
    assert m.id == "damascus"


def test_find_batch_and_extract_on_str_series():
    g = gazetteer()
    s = pd.Series(TEXTS, index=INDEX, dtype=pd.StringDtype("pyarrow", na_value=math.nan))
    assert g.find_batch(s) == g.find_batch(TEXTS)
    df = g.extract(s)
    assert sorted(set(df["doc"])) == ["c", "h"]
    assert set(df["id"]) == {"cairo", "damascus", "beirut"}


# ---------------------------------------------------------------------------------------------
# Errors and imports
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arr", "name"),
    [
        (pa.array([1, 2, None]), "int64"),
        (pa.array([1.5]), "double"),
        (pa.array([b"abc"]), "binary"),
        (pa.chunked_array([[True]]), "bool"),
        (pa.array(["a", "b"]).dictionary_encode(), "dictionary<values=string, indices=int32>"),
    ],
)
def test_non_string_arrow_input_is_a_type_error_naming_the_type(arr, name):
    message = (
        f"texts is an Arrow array of type {name}; expected string, large_string or string_view"
    )
    with pytest.raises(TypeError, match=re.escape(message)):
        search.normalize_batch(arr)
    with pytest.raises(TypeError, match="Arrow array of type"):
        gazetteer().find_batch(arr)


def test_non_string_arrow_series_is_a_type_error():
    s = pd.Series([1, 2], dtype=pd.ArrowDtype(pa.int64()))
    with pytest.raises(TypeError, match="type int64"):
        search.normalize_batch(s)
    with pytest.raises(TypeError, match=r"texts\[0\] must be str or None, not int"):
        search.normalize_batch(pd.Series([1, 2]))


def test_importing_barq_imports_neither_pandas_nor_pyarrow():
    code = textwrap.dedent(
        """
        import sys
        import barq
        barq.Normalizer().normalize_batch(["نص", None])
        barq.Gazetteer().find_batch(["نص"])
        print(sorted(m for m in ("pandas", "pyarrow") if m in sys.modules))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
