"""The ``.barq`` pandas accessor and the chunked, progress-reporting batch calls."""

from __future__ import annotations

import subprocess
import sys

import barq
import pytest
from hypothesis import given
from hypothesis import strategies as st

pd = pytest.importorskip("pandas")
import barq._batch  # noqa: E402
import barq.pandas  # noqa: E402, F401

ENTRIES = [
    ("دمشق", "GPE", "DAM"),
    ("بيروت", "GPE", "BEY"),
    ("القاهرة", "GPE", "CAI"),
    ("جامعة الدول العربية", "ORG", "LAS"),
    ("الجامعة العربية", "ORG", "LAS"),
]
TEXTS = [
    "اجتمع وزراء جامعة الدول العربية في القاهرة",
    None,
    "وصل الوفد إلى دِمَشْقَ ثم توجّه إلى بيروت",
    "قالت الجامعة العربية إن اجتماع القاهرة القادم سيُعقد في دمشق",
    "لا شيء هنا",
]


@pytest.fixture
def g() -> barq.Gazetteer:
    return barq.Gazetteer(ENTRIES)


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of two documents, so that progress=True really cuts the input."""
    monkeypatch.setattr(barq._batch, "CHUNK_SIZE", 2)


def test_import_barq_does_not_import_pandas():
    code = (
        "import sys, barq; barq.render('دمشق', [(0, 4, 'GPE')]).html; "
        "barq.Gazetteer.default(); "
        "assert 'pandas' not in sys.modules and 'tqdm' not in sys.modules, 'imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_normalize_keeps_index_name_and_missing_values():
    s = pd.Series(["الْقَاهِرَةُ", None, "مَدْرَسَةٌ"], index=[10, 20, 30], name="headline", dtype=object)
    out = s.barq.normalize()
    assert list(out.index) == [10, 20, 30]
    assert out.name == "headline"
    assert out.dtype == object
    assert out.tolist() == ["القاهره", None, "مدرسه"]
    assert s.barq.normalize(teh_marbuta=False).tolist() == ["القاهرة", None, "مدرسة"]
    assert s.barq.normalize("light").tolist() == ["الْقَاهِرَةُ", None, "مَدْرَسَةٌ"]
    with pytest.raises(ValueError, match="nope"):
        s.barq.normalize("nope")


@pytest.mark.parametrize("dtype", ["str", "string", "string[pyarrow]"])
def test_normalize_keeps_string_dtypes(dtype):
    if "pyarrow" in dtype:
        pytest.importorskip("pyarrow")
    s = pd.Series(["أَحْمَد", None, "بَيْرُوت"], dtype=dtype, name="t")
    out = s.barq.normalize(threads=1)
    assert out.dtype == s.dtype
    assert out.iloc[0] == "احمد" and out.iloc[2] == "بيروت"
    assert out.isna().tolist() == [False, True, False]


def test_normalize_arrow_backed_str_stays_arrow_backed():
    s = pd.Series(["إِلَى اللِّقَاء"] * 3)  # pandas 3 with pyarrow infers the Arrow-backed str
    if getattr(s.dtype, "storage", None) != "pyarrow":
        pytest.skip("needs pandas 3 with pyarrow")
    out = s.barq.normalize()
    assert out.dtype == s.dtype and out.dtype.storage == "pyarrow"
    assert out.tolist() == ["الي اللقاء"] * 3


def test_find_gives_lists_of_matches_and_none_for_missing(g):
    s = pd.Series([*TEXTS, float("nan")], name="body")
    out = s.barq.find(g)
    assert out.name == "body" and list(out.index) == list(s.index)
    assert out.iloc[1] is None and out.iloc[5] is None
    assert [m.id for m in out.iloc[0]] == ["LAS", "CAI"]
    damascus = out.iloc[2][0]
    assert damascus.text == "دِمَشْقَ" and TEXTS[2][damascus.start : damascus.end] == "دِمَشْقَ"
    assert out.iloc[4] == []
    assert out.tolist() == [g.find(t) if isinstance(t, str) else None for t in s]


def test_count_is_documents_per_id_most_frequent_first(g):
    counts = pd.Series(TEXTS).barq.count(g)
    # LAS: two documents (two different aliases); CAI: two; DAM: two (once with diacritics);
    # BEY: one. A document naming القاهرة twice would still count once.
    assert counts.to_dict() == {"CAI": 2, "DAM": 2, "LAS": 2, "BEY": 1}
    assert list(counts.index) == ["CAI", "DAM", "LAS", "BEY"]
    assert counts.index.name == "id" and counts.name == "documents"
    assert counts.dtype == "int64"
    twice = pd.Series(["القاهرة ثم القاهرة"]).barq.count(g)
    assert twice.to_dict() == {"CAI": 1}
    empty = pd.Series(["لا شيء"], dtype=object).barq.count(g)
    assert empty.empty and empty.dtype == "int64"


@pytest.mark.parametrize("values", [[1, 2, 3], [1.5, float("nan")], [True, False]])
def test_non_text_series_has_no_accessor(values):
    s = pd.Series(values)
    with pytest.raises(AttributeError, match="Series of text.*dtype"):
        s.barq  # noqa: B018
    assert not hasattr(s, "barq")


def test_progress_in_chunks_gives_the_same_results(g, small_chunks, capsys):
    pytest.importorskip("tqdm")
    s = pd.Series(TEXTS * 3, index=[f"d{i}" for i in range(15)])
    assert s.barq.normalize(progress=True).equals(s.barq.normalize())
    assert s.barq.find(g, progress=True).tolist() == s.barq.find(g).tolist()
    assert s.barq.count(g, progress=True).equals(s.barq.count(g))
    chunked = g.extract(s, progress=True)
    assert chunked.equals(g.extract(s))
    assert set(chunked["doc"]) == {"d0", "d2", "d3", "d5", "d7", "d8", "d10", "d12", "d13"}
    assert "15/15" in capsys.readouterr().err


def test_extract_progress_over_lists_and_generators(g, small_chunks):
    pytest.importorskip("tqdm")
    plain = g.extract(TEXTS)
    assert g.extract(TEXTS, progress=True).equals(plain)
    assert g.extract(iter(TEXTS), progress=True).equals(plain)
    assert list(plain["doc"]) == [0, 0, 2, 2, 3, 3, 3]


def test_accessor_extract_uses_the_series_index(g):
    s = pd.Series(TEXTS, index=list("abcde"))
    out = s.barq.extract(g)
    assert list(out["doc"]) == ["a", "a", "c", "c", "d", "d", "d"]
    assert list(out["id"][:2]) == ["LAS", "CAI"]


@pytest.mark.skipif(not hasattr(barq, "Tokenizer"), reason="barq.Tokenizer not built yet")
def test_tokenize_gives_lists_of_words():
    s = pd.Series(["زار الوفد بيروت.", None], name="t")
    out = s.barq.tokenize()
    assert out.name == "t"
    assert list(out.iloc[0][:3]) == ["زار", "الوفد", "بيروت"]
    # missing stays missing: None in an object column, NA in an Arrow one (test_arrow.py)
    assert pd.isna(out.iloc[1])


WORDS = st.sampled_from(["دمشق", "بيروت", "القاهرة", "الجامعة", "العربية", "في", "و", "ب"])
TEXT = st.lists(WORDS, max_size=8).map(" ".join)


@given(st.lists(st.one_of(st.none(), TEXT), max_size=12), st.integers(1, 5))
def test_chunked_accessor_equals_a_loop(texts, chunk):
    g = barq.Gazetteer(ENTRIES)
    s = pd.Series(texts, dtype=object)
    original = barq._batch.CHUNK_SIZE
    barq._batch.CHUNK_SIZE = chunk
    try:
        found = s.barq.find(g, progress=True)
        normalized = s.barq.normalize(progress=True)
        counts = s.barq.count(g, progress=True)
    finally:
        barq._batch.CHUNK_SIZE = original
    assert found.tolist() == [None if t is None else g.find(t) for t in texts]
    assert normalized.tolist() == [None if t is None else barq.normalize(t) for t in texts]
    assert counts.to_dict() == g.count(texts)
