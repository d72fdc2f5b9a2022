"""The Arrow path of the batch calls: pyarrow arrays and chunked arrays, pandas Arrow-backed Series.

The texts are read from the Arrow buffers in place; results come back as Arrow in the form of
the input (a pyarrow array or chunked array, a pandas Series with the same index and name), and
every result equals the result of the list-of-str path.
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
from hypothesis import given, settings
from hypothesis import strategies as st

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
import barq.pandas  # noqa: E402, F401

TEXTS = [
    "سافرَ الوفدُ إلى دِمَشْقَ صباحًا 🚆 ثم عادَ",
    None,
    "مدرســـةٌ جديدة في القاهرة، قرب النيل",
    "",
    "ﻻ شيء يُذكر هنا",
    "Hello عالم ١٢٣ — Bonjour بيروت!",
    None,
    "قرأتُ كتابًا عن بيروتَ ودمشقَ 📚👩\u200d👩\u200d👧 #كتب",
]
STRING_TYPES = [pa.string(), pa.large_string(), pa.string_view()]
TYPE_IDS = ["string", "large_string", "string_view"]
ENTRIES = [
    ("دمشق", "GPE", "DAM"),
    ("القاهرة", "GPE", "CAI"),
    ("بيروت", "GPE", "BEY"),
    ("النيل", None, "NILE"),
]
MATCH_TYPE = pa.list_(
    pa.struct(
        [
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("text", pa.large_string()),
            ("prefix", pa.large_string()),
            ("term", pa.large_string()),
            ("label", pa.large_string()),
            ("id", pa.large_string()),
            ("variant", pa.large_string()),
        ]
    )
)
TOKEN_TYPE = pa.list_(
    pa.struct(
        [
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("text", pa.large_string()),
            ("kind", pa.large_string()),
            ("norm", pa.large_string()),
            ("form", pa.large_string()),
            ("role", pa.large_string()),
        ]
    )
)
STR = pd.StringDtype("pyarrow", na_value=math.nan)

search = Normalizer.preset("search")
g = barq.Gazetteer(ENTRIES)


def as_dicts(found: list[list[barq.Match] | None]) -> list[list[dict] | None]:
    """The list path's matches in the shape of the Arrow path's rows."""
    fields = ("start", "end", "text", "prefix", "term", "label", "id", "variant")
    return [
        None if ms is None else [{f: getattr(m, f) for f in fields} for m in ms] for ms in found
    ]


def token_dicts(found: list[list[barq.Token] | None]) -> list[list[dict] | None]:
    fields = ("start", "end", "text", "kind", "norm", "form", "role")
    return [
        None if ts is None else [{f: getattr(t, f) for f in fields} for t in ts] for ts in found
    ]


# ---------------------------------------------------------------------------------------------
# normalize_batch
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("type_", STRING_TYPES, ids=TYPE_IDS)
def test_normalize_array_returns_array_of_the_same_type(type_):
    arr = pa.array(TEXTS, type=type_)
    out = search.normalize_batch(arr)
    assert isinstance(out, pa.Array)
    assert out.type == type_
    assert out.to_pylist() == search.normalize_batch(TEXTS)
    assert out.null_count == 2
    out.validate(full=True)


@pytest.mark.parametrize("type_", STRING_TYPES, ids=TYPE_IDS)
def test_normalize_chunked_array_keeps_small_chunks(type_):
    chunks = [TEXTS[:3], [], TEXTS[3:5], TEXTS[5:]]
    arr = pa.chunked_array(chunks, type=type_)
    out = search.normalize_batch(arr)
    assert isinstance(out, pa.ChunkedArray)
    assert out.type == type_
    assert [len(c) for c in out.chunks] == [len(c) for c in arr.chunks]
    assert out.to_pylist() == search.normalize_batch(TEXTS)


@pytest.mark.parametrize("type_", STRING_TYPES, ids=TYPE_IDS)
def test_normalize_sliced_array_reads_from_its_offset(type_):
    arr = pa.array(TEXTS, type=type_)
    for start, length in [(1, 4), (3, 5), (7, 1), (2, 0), (8, 0)]:
        part = arr.slice(start, length)
        expected = search.normalize_batch(TEXTS[start : start + length])
        assert search.normalize_batch(part).to_pylist() == expected
    chunked = pa.chunked_array([arr, arr]).slice(5, 6)
    assert search.normalize_batch(chunked).to_pylist() == search.normalize_batch((TEXTS * 2)[5:11])


def _misaligned(arr):
    """``arr`` rebuilt with its offset (or view) buffer one byte off its alignment, as buffers
    rebuilt from a pickle can be."""
    validity, middle, *rest = arr.buffers()
    shifted = pa.py_buffer(b"\0" + middle.to_pybytes())[1:]
    return pa.Array.from_buffers(arr.type, len(arr), [validity, shifted, *rest], arr.null_count)


@pytest.mark.parametrize("type_", STRING_TYPES, ids=TYPE_IDS)
def test_misaligned_arrow_buffers_are_realigned_before_the_import(type_):
    from barq._batch import aligned_arrow

    arr = pa.array(TEXTS, type=type_)
    bad = _misaligned(arr)
    assert bad.buffers()[1].address % 2 == 1 and bad.to_pylist() == TEXTS
    fixed = aligned_arrow(bad)
    assert fixed.buffers()[1].address % {"string": 4}.get(str(type_), 8) == 0
    assert fixed.to_pylist() == TEXTS
    assert aligned_arrow(arr) is arr  # aligned input: no copy
    chunked = pa.chunked_array([arr, bad])
    first = aligned_arrow(chunked).chunks[0]
    assert first.buffers()[1].address == arr.buffers()[1].address  # an aligned chunk is kept
    assert all(c.buffers()[1].address % 4 == 0 for c in aligned_arrow(chunked).chunks)
    # every batch call reads them right (a debug build aborted here before the realignment)
    assert search.normalize_batch(bad).to_pylist() == search.normalize_batch(TEXTS)
    expected = [[(m.start, m.end, m.id) for m in ms or []] for ms in g.find_batch(TEXTS)]
    got = g.find_batch(chunked).to_pylist()[len(TEXTS) :]
    assert [[(m["start"], m["end"], m["id"]) for m in ms or []] for ms in got] == expected
    extension = pd.arrays.ArrowExtensionArray(pa.chunked_array([bad]))
    assert search.normalize_batch(extension).to_pylist() == search.normalize_batch(TEXTS)


@pytest.mark.parametrize("type_", STRING_TYPES, ids=TYPE_IDS)
def test_normalize_empty_and_all_null_arrow_input(type_):
    out = search.normalize_batch(pa.array([], type=type_))
    assert isinstance(out, pa.Array) and len(out) == 0 and out.type == type_
    out = search.normalize_batch(pa.chunked_array([], type=type_))
    assert isinstance(out, pa.ChunkedArray) and len(out) == 0 and out.type == type_
    assert search.normalize_batch(pa.array([None, None], type=type_)).to_pylist() == [None, None]


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("type_", STRING_TYPES, ids=TYPE_IDS)
def test_normalize_many_pieces_equals_list_path(type_, threads):
    # several MB: the rows are cut into pieces, normalized on the threads and joined again
    texts = [
        None if i % 11 == 0 else f"النَّصُّ رقم {i} في المكتبـــةِ 🌙 " + "كتابٌ " * (i % 97)
        for i in range(9000)
    ]
    expected = search.normalize_batch(texts)
    arr = pa.array(texts, type=type_)
    out = search.normalize_batch(arr, threads=threads)
    assert isinstance(out, pa.Array) and out.type == type_
    assert out.to_pylist() == expected
    chunked = pa.chunked_array([texts[:123], texts[123:]], type=type_)
    out = search.normalize_batch(chunked, threads=threads)
    assert out.num_chunks > 2  # the large chunk was cut into pieces
    assert out.to_pylist() == expected


def test_normalize_long_texts_inline_and_out_of_line_views():
    # string_view keeps texts of up to 12 bytes inside the view itself
    texts = ["ب", "كتابٌ", "مكتبةُ الجامعة الكبيرة في المدينة " * 50, None, "ـــ"]
    for type_ in STRING_TYPES:
        arr = pa.array(texts, type=type_)
        assert search.normalize_batch(arr, threads=2).to_pylist() == search.normalize_batch(texts)


def test_normalize_other_presets_and_options():
    arr = pa.array(TEXTS, type=pa.large_string())
    for n in [Normalizer("light"), Normalizer.preset("camel_unicode"), Normalizer(quotes=True)]:
        assert n.normalize_batch(arr).to_pylist() == n.normalize_batch(TEXTS)


def test_invalid_utf8_in_an_arrow_array_is_a_value_error():
    offsets = pa.array([0, 4, 6], type=pa.int32()).buffers()[1]
    values = pa.py_buffer("با".encode() + b"\xff\xfe")
    arr = pa.Array.from_buffers(pa.string(), 2, [None, offsets, values])
    with pytest.raises(ValueError, match=r"texts\[1\] is not valid UTF-8"):
        search.normalize_batch(arr)
    with pytest.raises(ValueError, match=r"texts\[1\] is not valid UTF-8"):
        g.find_batch(arr)
    # a row that cuts a character in two
    offsets = pa.array([0, 1, 6], type=pa.int32()).buffers()[1]
    arr = pa.Array.from_buffers(pa.string(), 2, [None, offsets, pa.py_buffer("باب".encode())])
    with pytest.raises(ValueError, match=r"texts\[0\] is not valid UTF-8"):
        search.normalize_batch(arr)


# ---------------------------------------------------------------------------------------------
# pandas: normalize
# ---------------------------------------------------------------------------------------------

INDEX = ["a", "b", "c", "d", "e", "f", "g", "h"]


def test_normalize_str_series_returns_str_series_with_the_index():
    s = pd.Series(TEXTS, index=INDEX, name="body", dtype=STR)
    out = search.normalize_batch(s)
    assert isinstance(out, pd.Series)
    assert out.dtype == s.dtype and out.name == "body" and list(out.index) == INDEX
    assert isinstance(out.array.__arrow_array__(), pa.ChunkedArray)
    for got, want in zip(out.tolist(), search.normalize_batch(TEXTS), strict=True):
        if want is None:
            assert isinstance(got, float) and math.isnan(got)
        else:
            assert got == want


def test_accessor_normalize_keeps_index_name_nan_and_dtype():
    s = pd.Series(TEXTS, index=INDEX[::-1], name="t", dtype="str")
    out = s.barq.normalize()
    assert out.dtype == s.dtype and out.name == "t" and list(out.index) == INDEX[::-1]
    assert out.isna().tolist() == s.isna().tolist()
    expected = pd.Series(search.normalize_batch(s.tolist()), index=s.index, name="t", dtype="str")
    assert out.equals(expected)


def test_normalize_series_with_several_arrow_chunks():
    chunked = pa.chunked_array([TEXTS[:4], TEXTS[4:]], type=pa.large_string())
    s = pd.Series(pd.arrays.ArrowExtensionArray(chunked), index=INDEX)
    out = search.normalize_batch(s)
    assert out.dtype == pd.ArrowDtype(pa.large_string())
    assert out.array.__arrow_array__().num_chunks == 2
    assert out.tolist() == [pd.NA if t is None else t for t in search.normalize_batch(TEXTS)]


@pytest.mark.parametrize("type_", STRING_TYPES, ids=TYPE_IDS)
def test_normalize_arrow_dtype_series(type_):
    s = pd.Series(TEXTS, index=INDEX[::-1], dtype=pd.ArrowDtype(type_))
    out = search.normalize_batch(s)
    assert out.dtype == pd.ArrowDtype(type_)
    assert list(out.index) == INDEX[::-1]
    assert out.array.__arrow_array__().to_pylist() == search.normalize_batch(TEXTS)


def test_normalize_object_and_python_string_series_take_the_list_path():
    texts = ["مدرسةٌ", None, "إلى", math.nan, "ﻻ"]
    s = pd.Series(texts, index=[5, 4, 3, 2, 1], dtype=object)
    assert search.normalize_batch(s) == ["مدرسه", None, "الي", None, "لا"]
    s = pd.Series(["إلى", None], index=["x", "y"], dtype=pd.StringDtype("python"))
    assert search.normalize_batch(s) == ["الي", None]
    out = s.barq.normalize()
    assert out.dtype == s.dtype and out["x"] == "الي" and out.isna()["y"]


def test_normalize_pandas_arrow_extension_array_directly():
    arr = pd.array(TEXTS, dtype=pd.ArrowDtype(pa.string()))
    out = search.normalize_batch(arr)
    assert isinstance(out, pa.ChunkedArray)
    assert out.to_pylist() == search.normalize_batch(TEXTS)


def test_normalize_empty_series():
    s = pd.Series([], dtype=STR, name="empty")
    out = search.normalize_batch(s)
    assert len(out) == 0 and out.dtype == s.dtype and out.name == "empty"


def test_accessor_normalize_in_chunks_with_progress(monkeypatch):
    pytest.importorskip("tqdm")
    monkeypatch.setattr(barq._batch, "CHUNK_SIZE", 3)
    s = pd.Series(TEXTS * 2, dtype="str", name="x")
    out = s.barq.normalize(progress=True)
    assert out.equals(s.barq.normalize())
    assert out.dtype == s.dtype and out.name == "x"


# ---------------------------------------------------------------------------------------------
# find_batch, count, extract
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("type_", STRING_TYPES, ids=TYPE_IDS)
def test_find_batch_on_arrow_gives_list_of_struct_equal_to_the_list_path(type_):
    expected = as_dicts(g.find_batch(TEXTS))
    assert sum(map(len, filter(None, expected))) >= 5
    out = g.find_batch(pa.array(TEXTS, type=type_))
    assert isinstance(out, pa.Array) and out.type == MATCH_TYPE
    assert out.to_pylist() == expected
    out = g.find_batch(pa.chunked_array([TEXTS[:2], [], TEXTS[2:]], type=type_))
    assert isinstance(out, pa.ChunkedArray) and out.type == MATCH_TYPE
    assert out.to_pylist() == expected
    assert g.find_batch(pa.array(TEXTS, type=type_).slice(2, 5)).to_pylist() == expected[2:7]
    assert g.count(pa.array(TEXTS, type=type_)) == g.count(TEXTS)
    assert g.count(pa.array(TEXTS, type=type_).slice(5)) == g.count(TEXTS[5:])


def test_find_batch_arrow_offsets_slice_the_original_text():
    out = g.find_batch(pa.array(TEXTS, type=pa.string_view())).to_pylist()
    seen = 0
    for text, matches in zip(TEXTS, out, strict=True):
        assert (matches is None) == (text is None)
        for m in matches or ():
            assert text[m["start"] : m["end"]] == m["text"]
            seen += 1
    assert seen >= 5
    # the entry without a label gives a null label
    assert {m["label"] for ms in out if ms for m in ms} == {"GPE", None}


def test_find_batch_arrow_keyword():
    arr = pa.array(TEXTS)
    assert g.find_batch(arr, arrow=False) == g.find_batch(TEXTS)
    out = g.find_batch(TEXTS, arrow=True)
    assert isinstance(out, pa.Array) and out.type == MATCH_TYPE
    assert out.to_pylist() == as_dicts(g.find_batch(TEXTS))
    assert g.find_batch(iter(TEXTS), arrow=True).to_pylist() == out.to_pylist()


def test_find_batch_on_str_series_gives_arrow_series_with_the_index():
    s = pd.Series(TEXTS, index=INDEX, name="body", dtype=STR)
    out = g.find_batch(s)
    assert isinstance(out, pd.Series) and out.name == "body" and list(out.index) == INDEX
    assert out.dtype == pd.ArrowDtype(MATCH_TYPE)
    assert out.isna().tolist() == [t is None for t in TEXTS]
    assert out.array.__arrow_array__().to_pylist() == as_dicts(g.find_batch(TEXTS))
    assert g.find_batch(s, arrow=False) == g.find_batch(TEXTS)


def test_accessor_find_gives_matches_or_an_arrow_column():
    s = pd.Series(TEXTS, index=INDEX, name="body", dtype="str")
    assert s.barq.find(g).tolist() == g.find_batch(TEXTS)
    out = s.barq.find(g, arrow=True)
    assert out.dtype == pd.ArrowDtype(MATCH_TYPE) and list(out.index) == INDEX
    assert out.array.__arrow_array__().to_pylist() == as_dicts(g.find_batch(TEXTS))
    # an object Series has no Arrow storage; arrow=True builds the column all the same
    obj = pd.Series(TEXTS, index=INDEX, dtype=object)
    out = obj.barq.find(g, arrow=True)
    assert out.dtype == pd.ArrowDtype(MATCH_TYPE) and list(out.index) == INDEX
    assert out.array.__arrow_array__().to_pylist() == as_dicts(g.find_batch(TEXTS))


def expected_extract(texts, docs) -> pd.DataFrame:
    rows = [
        (doc, m.start, m.end, m.text, m.label, m.id, m.term)
        for doc, text in zip(docs, texts, strict=True)
        if text is not None
        for m in g.find(text)
    ]
    return pd.DataFrame(rows, columns=["doc", "start", "end", "text", "label", "id", "term"])


def same_frame(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    return a.astype(object).where(a.notna(), None).equals(b.astype(object).where(b.notna(), None))


def test_extract_of_str_series_is_built_from_arrow_columns():
    s = pd.Series(TEXTS, index=INDEX, dtype="str")
    df = g.extract(s)
    assert list(df.columns) == ["doc", "start", "end", "text", "label", "id", "term"]
    assert same_frame(df, expected_extract(TEXTS, INDEX))
    assert df["start"].dtype == "int64" and df["end"].dtype == "int64"
    assert df["text"].dtype == STR and df["label"].dtype == STR
    assert df["label"].isna().sum() == 1  # the entry without a label
    for doc, start, end, text in zip(df["doc"], df["start"], df["end"], df["text"], strict=True):
        assert s[doc][start:end] == text
    assert same_frame(s.barq.extract(g), df)


@pytest.mark.parametrize("type_", STRING_TYPES, ids=TYPE_IDS)
def test_extract_of_pyarrow_input_counts_docs_by_position(type_):
    expected = expected_extract(TEXTS, range(len(TEXTS)))
    assert same_frame(g.extract(pa.array(TEXTS, type=type_)), expected)
    chunked = pa.chunked_array([TEXTS[:3], TEXTS[3:]], type=type_)
    assert same_frame(g.extract(chunked), expected)


def test_extract_in_chunks_with_progress(monkeypatch):
    pytest.importorskip("tqdm")
    monkeypatch.setattr(barq._batch, "CHUNK_SIZE", 3)
    s = pd.Series(TEXTS * 2, index=[f"d{i}" for i in range(16)], dtype="str")
    assert same_frame(g.extract(s, progress=True), g.extract(s))
    arr = pa.array(TEXTS * 2)
    assert same_frame(g.extract(arr, progress=True), g.extract(TEXTS * 2))


def test_extract_with_no_match_and_empty_input():
    for texts in [pd.Series(["لا شيء هنا", None], dtype="str"), pd.Series([], dtype="str")]:
        df = g.extract(texts)
        assert len(df) == 0
        assert list(df.columns) == ["doc", "start", "end", "text", "label", "id", "term"]


# ---------------------------------------------------------------------------------------------
# tokenize_batch
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("type_", STRING_TYPES, ids=TYPE_IDS)
def test_tokenize_batch_on_arrow_equals_the_list_path(type_):
    arr = pa.array(TEXTS, type=type_).slice(1)
    t = barq.Tokenizer(normalizer=search)
    out = t.tokenize_batch(arr)
    assert isinstance(out, pa.Array) and out.type == TOKEN_TYPE
    assert out.to_pylist() == token_dicts(t.tokenize_batch(TEXTS[1:]))
    words = t.tokenize_batch(arr, output="words")
    assert words.type == pa.list_(pa.large_string())
    assert words.to_pylist() == t.tokenize_batch(TEXTS[1:], output="words")
    offsets = t.tokenize_batch(arr, output="offsets")
    assert offsets.type == pa.list_(pa.struct([("start", pa.int64()), ("end", pa.int64())]))
    assert offsets.to_pylist() == [
        None if o is None else [{"start": s, "end": e} for s, e in o]
        for o in t.tokenize_batch(TEXTS[1:], output="offsets")
    ]
    for text, tokens in zip(TEXTS[1:], out.to_pylist(), strict=True):
        for tok in tokens or ():
            assert text[tok["start"] : tok["end"]] == tok["text"]


def test_tokenize_without_normalizer_has_null_norms_and_arrow_keyword():
    t = barq.Tokenizer()
    out = t.tokenize_batch(pa.chunked_array([TEXTS[:2], TEXTS[2:]]))
    assert isinstance(out, pa.ChunkedArray) and out.type == TOKEN_TYPE
    norms = [tok["norm"] for tokens in out.to_pylist() if tokens for tok in tokens]
    assert norms and all(n is None for n in norms)
    kinds = {tok["kind"] for tokens in out.to_pylist() if tokens for tok in tokens}
    assert {"word", "emoji", "number", "punct", "hashtag"} <= kinds
    arr = pa.array(TEXTS)
    assert t.tokenize_batch(arr, arrow=False) == t.tokenize_batch(TEXTS)
    assert t.tokenize_batch(TEXTS, arrow=True).to_pylist() == out.to_pylist()


def test_accessor_tokenize_on_str_series_is_an_arrow_list_column():
    s = pd.Series(TEXTS, index=INDEX, name="t", dtype="str")
    out = s.barq.tokenize()
    assert out.dtype == pd.ArrowDtype(pa.list_(pa.large_string()))
    assert out.name == "t" and list(out.index) == INDEX
    assert out.isna().tolist() == [t is None for t in TEXTS]
    expected = barq.Tokenizer().tokenize_batch(TEXTS, output="words")
    assert out.array.__arrow_array__().to_pylist() == expected
    assert s.barq.tokenize(arrow=False).tolist() == expected


# ---------------------------------------------------------------------------------------------
# Arrow path == list path, on any text
# ---------------------------------------------------------------------------------------------

ALPHABET = st.sampled_from(list("بتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئىة ـًٌٍَُِّْ،؟ abc١٢٣\u200f🙂👍🏽"))
TEXT = st.text(ALPHABET, max_size=30)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(st.none(), TEXT), max_size=12),
    st.sampled_from(STRING_TYPES),
    st.integers(0, 4),
)
def test_arrow_path_equals_list_path(texts, type_, cut):
    arr = pa.chunked_array([texts[:cut], texts[cut:]], type=type_)
    assert search.normalize_batch(arr).to_pylist() == search.normalize_batch(texts)
    assert g.find_batch(arr).to_pylist() == as_dicts(g.find_batch(texts))
    t = barq.Tokenizer()
    assert t.tokenize_batch(arr, output="words").to_pylist() == t.tokenize_batch(
        texts, output="words"
    )


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
        (pa.array([["أ"]]), "list<string>"),
    ],
)
def test_non_string_arrow_input_is_a_type_error_naming_the_type(arr, name):
    message = (
        f"texts is an Arrow array of type {name}; expected string, large_string or string_view"
    )
    with pytest.raises(TypeError, match=re.escape(message)):
        search.normalize_batch(arr)
    with pytest.raises(TypeError, match=re.escape(message)):
        g.find_batch(arr)
    with pytest.raises(TypeError, match=re.escape(message)):
        g.count(arr)
    with pytest.raises(TypeError, match=re.escape(message)):
        barq.Tokenizer().tokenize_batch(arr)


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
        barq.Gazetteer([("نص", "X")]).find_batch(["نص"])
        barq.Gazetteer().count(["نص"])
        barq.Tokenizer().tokenize_batch(["نص"])
        print(sorted(m for m in ("pandas", "pyarrow") if m in sys.modules))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_match_schema_is_named_once():
    g = barq.Gazetteer([("دمشق", "GPE", "dam")], lexicon=None)
    out = g.find_batch(pa.array(["وصلنا إلى دمشق ليلًا 🌙", None]))
    struct = out.type.value_type
    assert tuple(struct.field(i).name for i in range(struct.num_fields)) == (
        barq._barq.MATCH_COLUMNS
    )
    frame = g.extract(["وصلنا إلى دمشق"])
    assert tuple(frame.columns) == barq._batch.EXTRACT_COLUMNS
