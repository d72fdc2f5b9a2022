"""The ``.barq`` dask accessor on a real two-process ``distributed.LocalCluster``, compared
method by method with the pandas accessor on the same texts cut into several partitions."""

from __future__ import annotations

import pickle
import subprocess
import sys

import barq
import pytest

pd = pytest.importorskip("pandas")
dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
import barq.dask  # noqa: E402, F401
import barq.pandas  # noqa: E402, F401

ENTRIES = [
    ("بغداد", "GPE", "BGW"),
    ("دمشق", "GPE", "DAM"),
    ("بيروت", "GPE", "BEY"),
    ("عمان", "GPE", "AMM"),
    ("الأمم المتحدة", "ORG", "UN"),
]
# Diacritics, tatweel, emoji, proclitics, an empty text and missing values (None and NaN).
TEXTS = [
    "وصلَ وفدُ الأمم المتحدة إلى بغـــداد صباحَ اليوم 🌅",
    None,
    "قال مسؤولٌ في بغداد إنّ محادثات عمّان ستُستأنف الأسبوعَ المقبل",
    "الطقس في عمان مشمس 😎 وفي دمشق غائم",
    float("nan"),
    "تستقبل بيروت وفداً من الأمم المتحدة للمرة الثانية",
    "",
    "وبغداد مدينةٌ عريقة، ولبيروت تاريخٌ طويل",
    "لا ذِكرَ لأيّ مدينة في هذه الجملة",
    "اجتمع ممثلو الأمم المتحدة في دمشق ثم سافروا إلى بغداد",
    "🚀🚀 إطلاق تطبيقٍ جديد في عمّان",
    "المــؤتمر الصحفي في دِمَشْقَ انتهى قبل الظهر",
]
PARTITIONS = 4


@pytest.fixture(scope="module")
def client():
    """Two worker processes of one thread each: every task's functions and arguments (the
    gazetteer, a tokenizer) are pickled to another process."""
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def g() -> barq.Gazetteer:
    return barq.Gazetteer(ENTRIES)


def _series(kind: str) -> pd.Series:
    index = pd.Index(range(100, 100 + len(TEXTS)), name="doc_id")
    if kind == "object":
        return pd.Series(TEXTS, index=index, name="headline", dtype=object)
    return pd.Series(TEXTS, index=index, name="headline", dtype="string[pyarrow]")


def _dask(s: pd.Series, partitions: int = PARTITIONS) -> dd.Series:
    # dask would turn an object Series into string[pyarrow]; keep the dtype under test
    with dask.config.set({"dataframe.convert-string": False}):
        ds = dd.from_pandas(s, npartitions=partitions)
        ds = ds.persist()  # the conversion is decided when the graph is built
    assert ds.npartitions == partitions
    return ds


@pytest.fixture(scope="module", params=["object", "string[pyarrow]"])
def texts(request, client):
    """The pandas Series and the same texts as a dask Series of several partitions, for an
    object and an Arrow-backed string dtype."""
    s = _series(request.param)
    ds = _dask(s)
    assert ds.dtype == s.dtype
    return s, ds


def test_series_methods_match_pandas(texts, g):
    s, ds = texts
    tok = barq.Tokenizer(clitics="atb")
    cases = [
        (ds.barq.normalize(), s.barq.normalize()),
        (ds.barq.normalize(teh_marbuta=False), s.barq.normalize(teh_marbuta=False)),
        (ds.barq.transliterate("bw"), s.barq.transliterate("bw")),
        (ds.barq.tokenize(), s.barq.tokenize()),
        (ds.barq.tokenize(clitics="atb"), s.barq.tokenize(clitics="atb")),
        (ds.barq.tokenize(tok), s.barq.tokenize(tok)),
        (ds.barq.tokenize(arrow=False), s.barq.tokenize(arrow=False)),
        (ds.barq.stem(), s.barq.stem()),
        (ds.barq.stem("barq"), s.barq.stem("barq")),
        (ds.barq.find(g), s.barq.find(g)),
        (ds.barq.find(g, arrow=True), s.barq.find(g, arrow=True)),
    ]
    computed = dask.compute(*(lazy for lazy, _ in cases))
    for out, (_, expected) in zip(computed, cases, strict=True):
        pd.testing.assert_series_equal(out, expected)
    # the texts really were processed: matches with offsets into the original text
    found = computed[-2]
    assert [m.text for m in found.loc[100]] == ["الأمم المتحدة", "بغـــداد"]
    assert all(
        s.loc[doc][m.start : m.end] == m.text for doc, ms in found.dropna().items() for m in ms
    )
    assert computed[4].loc[107][:2] == ["و", "بغداد"]


def test_tasks_ran_in_the_worker_processes(texts, client, g):
    _, ds = texts
    ds.barq.find(g).compute()
    loaded = client.run(lambda: "barq.dask" in sys.modules)
    assert len(loaded) == 2 and any(loaded.values())


def test_count_adds_up_the_partitions(texts, g):
    s, ds = texts
    lazy = ds.barq.count(g)
    out = lazy.compute()
    expected = s.barq.count(g)
    pd.testing.assert_series_equal(out, expected)
    # an entity named in several partitions is counted in all of them, not in the last one
    per_partition = [ds.get_partition(i).compute().barq.count(g) for i in range(ds.npartitions)]
    assert out["BGW"] == sum(p.get("BGW", 0) for p in per_partition)
    assert out["BGW"] > max(p.get("BGW", 0) for p in per_partition)


def test_extract_combines_the_partitions(texts, g):
    s, ds = texts
    lazy = ds.barq.extract(g)
    assert isinstance(lazy, dd.DataFrame)
    out = lazy.compute()
    expected = s.barq.extract(g)
    pd.testing.assert_frame_equal(out.reset_index(drop=True), expected, check_dtype=False)
    assert out.dtypes.to_dict() == lazy.dtypes.to_dict()
    assert set(out["doc"]) == set(expected["doc"]) and 101 not in set(out["doc"])
    for row in out.itertuples():
        assert s.loc[row.doc][row.start : row.end] == row.text
    # a partition without any match has the meta's dtypes too (not an empty frame of objects)
    quiet = _dask(pd.Series(["لا ذكر لمدينة", None, "من بغداد"], dtype=s.dtype), partitions=2)
    lazy = quiet.barq.extract(g)
    parts = [lazy.get_partition(i).compute() for i in range(2)]
    assert [len(p) for p in parts] == [0, 1]
    for part in parts:
        assert part.dtypes.to_dict() == lazy.dtypes.to_dict()


def test_meta_is_known_without_computing(g):
    with dask.config.set(scheduler=lambda *args, **kwargs: pytest.fail("computed")):
        for kind in ("object", "string[pyarrow]"):
            s = _series(kind)
            ds = dd.from_pandas(s, npartitions=PARTITIONS)
            if kind == "object":
                ds = ds.astype(object)
            cases = [
                (ds.barq.normalize(), s.barq.normalize()),
                (ds.barq.transliterate(), s.barq.transliterate()),
                (ds.barq.tokenize(clitics="d3"), s.barq.tokenize(clitics="d3")),
                (ds.barq.stem(), s.barq.stem()),
                (ds.barq.find(g), s.barq.find(g)),
                (ds.barq.find(g, arrow=True), s.barq.find(g, arrow=True)),
                (ds.barq.count(g), s.barq.count(g)),
            ]
            for lazy, expected in cases:
                assert lazy.dtype == expected.dtype, (kind, lazy.dtype, expected.dtype)
                assert lazy.name == expected.name
                assert lazy.index.name == expected.index.name
            frame = ds.barq.extract(g)
            assert list(frame.columns) == list(s.barq.extract(g).columns)
            assert frame.dtypes["doc"] == s.index.dtype
            assert frame.dtypes["start"] == "int64" and frame.dtypes["end"] == "int64"


def test_bad_arguments_fail_when_called_not_when_computed():
    ds = dd.from_pandas(_series("object"), npartitions=2)
    with pytest.raises(ValueError, match="preset"):
        ds.barq.normalize("no-such-preset")
    with pytest.raises(ValueError, match="clitics"):
        ds.barq.tokenize(clitics="no-such-scheme")
    with pytest.raises(ValueError, match="give clitics"):
        ds.barq.tokenize(barq.Tokenizer(), clitics="atb")
    with pytest.raises(AttributeError, match="Series of text"):
        dd.from_pandas(pd.Series([1, 2, 3]), npartitions=2).barq  # noqa: B018


def test_what_goes_to_the_workers_pickles(g):
    tok = barq.Tokenizer(clitics="atb")
    again = pickle.loads(pickle.dumps(tok))
    assert again.tokenize_batch(TEXTS[7:8]) == tok.tokenize_batch(TEXTS[7:8])
    copy = pickle.loads(pickle.dumps(g))
    assert isinstance(copy, barq.Gazetteer)
    assert copy.find(TEXTS[9]) == g.find(TEXTS[9])


def test_import_barq_does_not_import_dask():
    code = "import sys, barq; assert 'dask' not in sys.modules, 'imported dask'"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
