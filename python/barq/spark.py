"""Gazetteer matching on Spark DataFrames, batch by batch in Arrow.

``import barq.spark`` (needs pyspark and pyarrow; ``import barq`` alone imports neither)::

    import barq, barq.spark
    g = barq.Gazetteer.default()
    barq.spark.find(df, g, "text")        # df plus a column "matches": array<struct<...>>
    barq.spark.extract(df, g, "text", doc="id")   # a row per match: doc, start, end, text, ...
    barq.spark.count(df, g, "text")       # id, documents: documents mentioning each id

Each function is a lazy ``DataFrame.mapInArrow`` (Spark 3.3 or later): the executors hand the
text column to the core as Arrow record batches, read in place, and get Arrow back, so no
Python object is made per row or per match. The gazetteer goes to the executors once, as a
broadcast variable holding its compiled form, and each Python worker process loads it once;
on Spark Connect, which has no broadcast variables, it travels inside the pickled function.
:func:`match_type` and :func:`extract_schema` give the Spark types of the results, for a
``mapInArrow`` / ``mapInPandas`` function of your own.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    DataType,
    LongType,
    StringType,
    StructField,
    StructType,
)

from barq._batch import EXTRACT_COLUMNS
from barq.gazetteer import Gazetteer

__all__ = ["count", "extract", "extract_schema", "find", "match_type"]

#: The fields of one match as ``Gazetteer.find_batch(..., arrow=True)`` builds them.
MATCH_FIELDS = ("start", "end", "text", "prefix", "term", "label", "id", "variant")


def match_type() -> ArrayType:
    """The Spark type of a column of matches: ``array<struct<start: bigint, end: bigint, text,
    prefix, term, label, id, variant: string>>``, the Arrow column of
    :meth:`barq.Gazetteer.find_batch` with ``arrow=True``."""
    fields = [
        StructField(name, LongType() if name in ("start", "end") else StringType())
        for name in MATCH_FIELDS
    ]
    return ArrayType(StructType(fields))


def extract_schema(doc_type: DataType | None = None) -> StructType:
    """The Spark schema of :func:`extract`: doc (``doc_type``, default ``bigint``), start, end
    (``bigint``), text, label, id, term (``string``), the columns of
    :meth:`barq.Gazetteer.extract`."""
    doc_type = doc_type if doc_type is not None else LongType()
    fields = [StructField("doc", doc_type)]
    for name in EXTRACT_COLUMNS[1:]:
        fields.append(StructField(name, LongType() if name in ("start", "end") else StringType()))
    return StructType(fields)


# ---- shipping the gazetteer ----------------------------------------------------------------

#: Gazetteers loaded in this (executor) process, by the key they were shipped under.
_LOADED: dict[str, Gazetteer] = {}


def _ship(df: DataFrame, gazetteer: Gazetteer) -> Callable[[], Gazetteer]:
    """A function that gives ``gazetteer`` on an executor, loading it there once per Python
    worker process: through a broadcast variable where the session has a SparkContext, else
    (Spark Connect) inside the pickled function."""
    if not isinstance(gazetteer, Gazetteer):
        raise TypeError(f"gazetteer must be a barq.Gazetteer, not {type(gazetteer).__name__}")
    key = uuid.uuid4().hex
    try:
        shipped: Any = df.sparkSession.sparkContext.broadcast(gazetteer)
    except Exception:  # Spark Connect: no SparkContext (the error class varies by version)
        shipped = None

    if shipped is not None:
        # the function ships the broadcast handle only, not the gazetteer

        def load() -> Gazetteer:
            g = _LOADED.get(key)
            if g is None:
                g = _LOADED[key] = shipped.value
            return g

        return load

    def load_inline() -> Gazetteer:
        return _LOADED.setdefault(key, gazetteer)

    return load_inline


def _text_column(df: DataFrame, column: str) -> None:
    if column not in df.columns:
        raise ValueError(f"no column {column!r}; the columns are {df.columns}")
    kind = df.schema[column].dataType
    if not isinstance(kind, StringType):
        raise TypeError(f"column {column!r} must be of string type, not {kind.simpleString()}")


# ---- the three operations ------------------------------------------------------------------


def find(
    df: DataFrame,
    gazetteer: Gazetteer,
    column: str = "text",
    *,
    output: str = "matches",
    threads: int | None = None,
) -> DataFrame:
    """``df`` with a column ``output`` of the matches of ``gazetteer`` in the text column
    ``column``: an ``array<struct<...>>`` (:func:`match_type`), null where the text is null.
    Lazy, like every DataFrame transformation. ``threads=`` caps the core's threads in each
    task (default: all cores of the executor)."""
    _text_column(df, column)
    if output in df.columns:
        raise ValueError(f"df already has a column {output!r}; pass another output=")
    load = _ship(df, gazetteer)
    schema = StructType([*df.schema.fields, StructField(output, match_type())])

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        g = load()
        for batch in batches:
            found = g.find_batch(batch.column(column), threads=threads, arrow=True)
            yield pa.RecordBatch.from_arrays(
                [*batch.columns, found], names=[*batch.schema.names, output]
            )

    return df.mapInArrow(run, schema)


def extract(
    df: DataFrame,
    gazetteer: Gazetteer,
    column: str = "text",
    *,
    doc: str = "id",
    threads: int | None = None,
) -> DataFrame:
    """Every match as a long DataFrame with the columns of :meth:`barq.Gazetteer.extract`:
    doc (the value of the column ``doc`` of the text's row, of that column's type), start,
    end, text, label, id, term (:func:`extract_schema`). Lazy."""
    _text_column(df, column)
    if doc not in df.columns:
        raise ValueError(f"no column {doc!r} to name the documents (doc=); columns: {df.columns}")
    load = _ship(df, gazetteer)
    schema = extract_schema(df.schema[doc].dataType)

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        g = load()
        for batch in batches:
            found = g.find_batch(batch.column(column), threads=threads, arrow=True)
            flat = pc.list_flatten(found)
            rows = pc.list_parent_indices(found)
            columns = [batch.column(doc).take(rows)]
            columns += [flat.field(name) for name in EXTRACT_COLUMNS[1:]]
            yield pa.RecordBatch.from_arrays(columns, names=list(EXTRACT_COLUMNS))

    return df.mapInArrow(run, schema)


def count(
    df: DataFrame, gazetteer: Gazetteer, column: str = "text", *, threads: int | None = None
) -> DataFrame:
    """How many rows mention each entity of ``gazetteer`` in the text column ``column`` (a text
    naming an entity twice, or by two aliases, counts once): a DataFrame (id: string,
    documents: bigint), most frequent first, ties in id order — what the pandas accessor's
    ``s.barq.count(g)`` gives, as a table. Each batch is counted by the core, then the counts
    are summed by id."""
    _text_column(df, column)
    load = _ship(df, gazetteer)
    schema = StructType([StructField("id", StringType()), StructField("documents", LongType())])

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        g = load()
        for batch in batches:
            counts = g.count(batch.column(column), threads=threads)
            yield pa.RecordBatch.from_arrays(
                [pa.array(list(counts), pa.string()), pa.array(list(counts.values()), pa.int64())],
                names=["id", "documents"],
            )

    per_batch = df.select(column).mapInArrow(run, schema)
    total = per_batch.groupBy("id").agg(F.sum("documents").cast("bigint").alias("documents"))
    return total.orderBy(F.desc("documents"), F.asc("id"))
