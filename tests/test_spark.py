"""barq on Spark: the helpers of ``barq.spark`` and the ``pandas_udf`` / ``mapInPandas`` recipe
of the README, on a local two-core SparkSession, compared with the pandas accessor."""

from __future__ import annotations

import os
import pickle
import shutil
import sys

import pytest

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pytest.importorskip("pyspark", reason="pyspark is not installed")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java and no java is on PATH", allow_module_level=True)

import barq  # noqa: E402
import barq.pandas  # noqa: E402, F401
import barq.spark  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql.functions import pandas_udf  # noqa: E402

# PySpark 4 warns that it does not fully support pandas 3; the tests check what barq relies on.
pytestmark = pytest.mark.filterwarnings(
    "ignore:PySpark does not yet fully support pandas:FutureWarning"
)

TEXTS = [
    "وصل الوفد إلى بغداد صباحاً 🌅",
    None,
    "من بيروت إلى دِمَشْقَ ثم عاد إلى بيروت",
    "وبغـــداد اليوم أهدأ من أمس",
    "",
    "لا شيء هنا يذكر",
    "اجتمعت قسد مع ممثلي الحكومة في دمشق",
    "بغداد وبيروت ودمشق عواصم عربية",
]

ENTRIES = [
    ("بغداد", "GPE", "BGW"),
    ("بيروت", "GPE", "BEY"),
    ("دمشق", "GPE", "DAM"),
    ("قسد", "ORG", "SDF"),
    ("قوات سوريا الديمقراطية", "ORG", "SDF"),
]


@pytest.fixture(scope="module")
def spark():
    # the Python workers must be this Python (the one barq is installed in), not `python3`
    # from PATH: a venv used without activating it (as CI does) is not on PATH
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("barq-tests")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        # small Arrow batches: every partition is processed as several batches
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def gazetteer():
    return barq.Gazetteer(ENTRIES)


@pytest.fixture(scope="module")
def texts():
    # pandas' own text dtype (Arrow-backed str in pandas 3), missing values as NaN
    return pd.Series(TEXTS, index=pd.Index(range(100, 100 + len(TEXTS)), dtype="int64"))


@pytest.fixture(scope="module")
def df(spark, texts):
    rows = list(zip(texts.index.tolist(), TEXTS, strict=True))
    return spark.createDataFrame(rows, "id long, text string").repartition(3)


def _as_tuples(matches):
    fields = barq.spark.MATCH_FIELDS
    return None if matches is None else [tuple(getattr(m, f) for f in fields) for m in matches]


def _rows(frame):
    """The rows of a pandas match table as sorted tuples of Python values."""
    return sorted(tuple(row) for row in frame.astype(object).itertuples(index=False))


def test_find_gives_what_the_pandas_accessor_finds(df, texts, gazetteer):
    out = barq.spark.find(df, gazetteer)
    assert out.schema["matches"].dataType == barq.spark.match_type()
    assert out.columns == ["id", "text", "matches"]
    got = {row["id"]: _as_tuples(row["matches"]) for row in out.collect()}
    want = texts.barq.find(gazetteer)
    assert got == {doc: _as_tuples(found) for doc, found in want.items()}
    assert got[101] is None  # a null text stays null
    for doc, found in got.items():
        for start, end, text, *_ in found or []:
            assert texts[doc][start:end] == text
    assert [m[6] for m in got[103]] == ["BGW"]  # the tatweel is folded, the prefix stripped


def test_extract_gives_the_rows_of_the_pandas_accessor(df, texts, gazetteer):
    out = barq.spark.extract(df, gazetteer, doc="id")
    assert out.schema == barq.spark.extract_schema()
    want = _rows(texts.barq.extract(gazetteer))
    assert len(want) > 5
    assert sorted(tuple(r) for r in out.collect()) == want


def test_extract_keeps_the_type_of_the_doc_column(spark, gazetteer):
    df = spark.createDataFrame([("a-1", "زار بيروت"), ("b-2", None)], "key string, body string")
    out = barq.spark.extract(df, gazetteer, "body", doc="key")
    assert out.schema == barq.spark.extract_schema(df.schema["key"].dataType)
    assert [(r.doc, r.id) for r in out.collect()] == [("a-1", "BEY")]


def test_count_adds_up_batches_as_the_pandas_accessor_counts(df, texts, gazetteer):
    got = [(r.id, r.documents) for r in barq.spark.count(df, gazetteer).collect()]
    want = list(texts.barq.count(gazetteer).items())
    assert got == want
    assert dict(got)["BEY"] == 2  # a text naming Beirut twice counts once


def test_the_pandas_udf_recipe_normalizes_and_tokenizes_like_pandas(df, texts):
    @pandas_udf("string")
    def normalize(s: pd.Series) -> pd.Series:
        import barq.pandas  # noqa: F401  (registers the accessor in the Python worker)

        return s.barq.normalize()

    @pandas_udf("array<string>")
    def tokenize(s: pd.Series) -> pd.Series:
        import barq.pandas  # noqa: F401

        return s.barq.tokenize(arrow=False)

    rows = df.select("id", normalize("text").alias("norm"), tokenize("text").alias("tokens"))
    got = {r.id: (r.norm, r.tokens) for r in rows.collect()}
    norm = texts.astype(object).barq.normalize()
    tokens = texts.astype(object).barq.tokenize()
    assert got == {doc: (norm[doc], tokens[doc]) for doc in texts.index}
    assert got[101] == (None, None)


def test_the_map_in_pandas_recipe_extracts_like_pandas(df, texts, gazetteer):
    def extract(frames):
        for frame in frames:
            yield gazetteer.extract(frame.set_index("id")["text"])

    out = df.mapInPandas(extract, barq.spark.extract_schema())
    assert sorted(tuple(r) for r in out.collect()) == _rows(texts.barq.extract(gazetteer))


def test_the_gazetteer_is_broadcast_not_pickled_into_each_task(df):
    big = barq.Gazetteer.default()
    load = barq.spark._ship(df, big)
    from pyspark import cloudpickle

    # what every task carries is the broadcast handle, a small fraction of the gazetteer
    assert len(cloudpickle.dumps(load)) * 20 < len(pickle.dumps(big))
    assert load() == big and load() is load()  # loaded once per process


def test_bad_arguments_raise_before_anything_runs(df, gazetteer):
    with pytest.raises(ValueError, match="no column 'body'"):
        barq.spark.find(df, gazetteer, "body")
    with pytest.raises(TypeError, match="must be of string type, not bigint"):
        barq.spark.count(df, gazetteer, "id")
    with pytest.raises(TypeError, match="barq.Gazetteer"):
        barq.spark.find(df, ENTRIES)
    with pytest.raises(ValueError, match="already has a column 'text'"):
        barq.spark.find(df, gazetteer, output="text")
    with pytest.raises(ValueError, match="doc="):
        barq.spark.extract(df, gazetteer, doc="key")
