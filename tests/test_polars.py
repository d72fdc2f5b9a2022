"""The ``barq`` expression namespace on polars: the same results as the list API."""

from __future__ import annotations

import subprocess
import sys

import barq
import pytest

pl = pytest.importorskip("polars", reason="polars is not installed (it is in the test extra)")
pa = pytest.importorskip("pyarrow", reason="barq.polars needs pyarrow")
import barq.polars  # noqa: E402
from barq.polars import MATCH_DTYPE  # noqa: E402

ENTRIES = [
    ("دمشق", "GPE", "DAM"),
    ("بيروت", "GPE", "BEY"),
    ("القاهرة", "GPE", "CAI"),
    ("جامعة الدول العربية", "ORG", "LAS"),
    ("الجامعة العربية", "ORG", "LAS"),
]
# Diacritics, tatweel, an emoji before a match, a null, a text without matches, an empty text.
TEXTS = [
    "اجتمع وزراءُ جامعةِ الدولِ العربيةِ في القاهـــرة 🇪🇬 أمس",
    None,
    "😀 وصل الوفدُ إلى دِمَشْقَ ثم توجّه إلى بيروت، ومن بيروت إلى دمشق",
    "قالت الجامعة العربية إنّ اجتماعَ القاهرة القادم سيُعقد في دمشق",
    "لا شيء هنا يُذكر 🙂",
    "",
]


@pytest.fixture
def g() -> barq.Gazetteer:
    return barq.Gazetteer(ENTRIES)


@pytest.fixture
def df() -> pl.DataFrame:
    return pl.DataFrame({"text": TEXTS}, schema={"text": pl.String})


def test_import_barq_does_not_import_polars():
    code = "import sys, barq; barq.Gazetteer.default(); assert 'polars' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_normalize_equals_the_list_api_and_keeps_nulls(df):
    out = df.with_columns(norm=pl.col("text").barq.normalize())
    assert out.schema["norm"] == pl.String
    assert out["norm"].to_list() == barq.Normalizer("search").normalize_batch(TEXTS)
    assert out["norm"][1] is None
    kept = df.select(pl.col("text").barq.normalize(teh_marbuta=False, threads=1))
    assert kept["text"].to_list() == barq.Normalizer("search", teh_marbuta=False).normalize_batch(
        TEXTS
    )
    light = df.select(pl.col("text").barq.normalize("light"))["text"].to_list()
    assert light == barq.Normalizer("light").normalize_batch(TEXTS)


def test_find_is_a_list_of_structs_with_the_fields_of_the_matches(df, g):
    out = df.select(pl.col("text").barq.find(g))["text"]
    assert out.dtype == pl.List(MATCH_DTYPE)
    expected = g.find_batch(TEXTS)
    got = out.to_list()
    assert got[1] is None
    for text, rows, matches in zip(TEXTS, got, expected, strict=True):
        if text is None:
            assert matches is None
            continue
        assert [
            (r["start"], r["end"], r["text"], r["prefix"], r["term"], r["label"], r["id"])
            for r in rows
        ] == [(m.start, m.end, m.text, m.prefix, m.term, m.label, m.id) for m in matches]
        assert [r["variant"] for r in rows] == [m.variant for m in matches]
        # code-point offsets into the row's own text, emoji and tatweel included
        assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)
    assert sum(len(rows) for rows in got if rows) >= 7


def test_mentions_gives_each_id_once_in_order_of_first_mention(df, g):
    out = df.select(pl.col("text").barq.mentions(g))["text"]
    assert out.dtype == pl.List(pl.String)
    expected = [
        None if matches is None else list(dict.fromkeys(m.id for m in matches))
        for matches in g.find_batch(TEXTS)
    ]
    assert out.to_list() == expected
    assert expected[2] == ["DAM", "BEY"]


def test_count_is_an_aggregation_of_documents_per_id(df, g):
    out = df.select(pl.col("text").barq.count(g))
    assert out.height == 1
    rows = out["text"][0].to_list()
    counts = g.count(TEXTS)
    assert {r["id"]: r["documents"] for r in rows} == counts
    assert [r["documents"] for r in rows] == sorted(counts.values(), reverse=True)
    table = out.explode("text").unnest("text")
    assert table.columns == ["id", "documents"]
    assert dict(zip(table["id"], table["documents"], strict=True)) == counts


def test_count_per_group(df, g):
    grouped = df.with_columns(source=pl.Series(["a", "a", "b", "b", "a", "b"]))
    out = grouped.group_by("source", maintain_order=True).agg(pl.col("text").barq.count(g))
    for source, rows in zip(out["source"], out["text"].to_list(), strict=True):
        texts = [t for t, s in zip(TEXTS, grouped["source"], strict=True) if s == source]
        assert {r["id"]: r["documents"] for r in rows} == g.count(texts)


def test_tokenize_and_stem_equal_the_list_api(df):
    out = df.select(
        tokens=pl.col("text").barq.tokenize(),
        stems=pl.col("text").barq.stem(),
        own=pl.col("text").barq.stem("barq"),
    )
    assert out.schema["tokens"] == pl.List(pl.String)
    assert out["tokens"].to_list() == barq.Tokenizer().tokenize_batch(TEXTS, output="words")
    assert out["stems"].to_list() == barq.Stemmer("lucene").stems_batch(TEXTS)
    assert out["own"].to_list() == barq.Stemmer("barq").stems_batch(TEXTS)
    assert out["tokens"][1] is None and out["tokens"][5].to_list() == []
    assert [len(t) for t in out["tokens"].to_list() if t] == [
        len(s) for s in out["stems"].to_list() if s
    ]


def test_tokenize_with_clitics(df):
    out = df.select(pl.col("text").barq.tokenize(clitics="atb"))["text"].to_list()
    assert out == barq.Tokenizer(clitics="atb").tokenize_batch(TEXTS, output="words")
    assert out != barq.Tokenizer().tokenize_batch(TEXTS, output="words")


def test_transliterate_both_ways(df):
    bw = df.select(pl.col("text").barq.transliterate())["text"]
    assert bw.to_list() == barq.transliterate_batch(TEXTS)
    back = bw.to_frame().select(pl.col("text").barq.transliterate("bw", reverse=True))["text"]
    assert back.to_list() == barq.transliterate_batch(bw.to_list(), reverse=True)
    hsb = df.select(pl.col("text").barq.transliterate("hsb"))["text"].to_list()
    assert hsb == barq.transliterate_batch(TEXTS, scheme="hsb")


def test_lazy_frame_and_filter(df, g):
    lazy = (
        df.lazy()
        .with_columns(norm=pl.col("text").barq.normalize(), ids=pl.col("text").barq.mentions(g))
        .filter(pl.col("ids").list.contains("DAM"))
        .select("norm")
    )
    out = lazy.collect()
    normalized = barq.Normalizer("search").normalize_batch(TEXTS)
    expected = [
        n
        for n, matches in zip(normalized, g.find_batch(TEXTS), strict=True)
        if matches and any(m.id == "DAM" for m in matches)
    ]
    assert out["norm"].to_list() == expected
    assert len(expected) == 2


def test_chunked_columns_give_the_same_rows(df, g):
    chunked = pl.concat([df, df.slice(2), df], rechunk=False)
    assert chunked["text"].n_chunks() == 3
    texts = chunked["text"].to_list()
    out = chunked.select(
        norm=pl.col("text").barq.normalize(),
        found=pl.col("text").barq.find(g),
        tokens=pl.col("text").barq.tokenize(),
    )
    assert out["norm"].to_list() == barq.Normalizer("search").normalize_batch(texts)
    assert out["tokens"].to_list() == barq.Tokenizer().tokenize_batch(texts, output="words")
    ends = [None if rows is None else [r["end"] for r in rows] for rows in out["found"].to_list()]
    assert ends == [
        None if matches is None else [m.end for m in matches] for matches in g.find_batch(texts)
    ]


def test_sliced_column(df):
    sliced = df.slice(2, 3)
    out = sliced.select(pl.col("text").barq.normalize())["text"].to_list()
    assert out == barq.Normalizer("search").normalize_batch(TEXTS[2:5])


def test_null_and_empty_columns(g):
    nulls = pl.DataFrame({"text": [None, None]})
    assert nulls.schema["text"] == pl.Null
    out = nulls.select(
        norm=pl.col("text").barq.normalize(),
        found=pl.col("text").barq.find(g),
        counts=pl.col("text").barq.count(g),
    )
    assert out.schema["norm"] == pl.String
    assert out.schema["found"] == pl.List(MATCH_DTYPE)
    assert out["norm"].to_list() == [None, None]
    assert out["counts"].to_list() == [[], []]  # the scalar broadcast next to the columns
    empty = pl.DataFrame({"text": []}, schema={"text": pl.String})
    assert empty.select(pl.col("text").barq.tokenize()).height == 0


def test_bad_input_is_a_clear_error(g):
    numbers = pl.DataFrame({"n": [1, 2]})
    with pytest.raises(TypeError, match="String column, not Int64"):
        numbers.select(pl.col("n").barq.normalize())
    with pytest.raises(ValueError, match="search"):
        pl.col("text").barq.normalize("nonsense")
    with pytest.raises(ValueError, match="bw"):
        pl.col("text").barq.transliterate("nonsense")
    with pytest.raises(ValueError, match="lucene"):
        pl.col("text").barq.stem("nonsense")
    with pytest.raises(TypeError, match="barq.Gazetteer"):
        pl.col("text").barq.find(ENTRIES)


def test_streaming_engine_gives_the_eager_result(df, g):
    many = pl.concat([df] * 50, rechunk=False)
    query = many.lazy().select(
        norm=pl.col("text").barq.normalize(), ids=pl.col("text").barq.mentions(g)
    )
    eager = many.select(norm=pl.col("text").barq.normalize(), ids=pl.col("text").barq.mentions(g))
    assert query.collect(engine="streaming").equals(eager)
    counted = many.lazy().select(pl.col("text").barq.count(g)).collect(engine="streaming")
    assert {r["id"]: r["documents"] for r in counted["text"][0]} == g.count(many["text"].to_list())


def test_the_core_reads_the_string_view_that_polars_exports():
    # what makes the no-copy path: the Series' Arrow stream is string_view, and the core
    # answers in that type (it would answer large_string for a converted column)
    s = pl.Series("text", ["وصلنا إلى بيروت", None])
    assert barq.Normalizer("search").normalize_batch(s).type == pa.string_view()
