"""Threads and processes: shared objects give the same results from many threads at once, in
forked and spawned worker processes, and every batch entry point honours ``threads=`` and
``BARQ_NUM_THREADS``."""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import itertools
import json
import multiprocessing
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import barq
import pytest
from barq import Gazetteer, Lexicon, Normalizer, Stemmer, Tokenizer

NEWS = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "news"
    / "news_ant_v2_multisource.jsonl.gz"
)

# Text written for these tests: names with proclitics, diacritics, tatweel, quotes, digits and
# Latin, so that every step (folding, clitics, gazetteer gate) has work to do.
OWN_TEXTS = [
    "وصل وفدٌ من القاهرة إلى دمشق صباح الأحد لبحث ملف المياه.",
    "قالت وزارة الخارجيـــة إن «الاتفاق» سيُوقَّع في الرياض خلال أسبوعين.",
    "وبالقاهرة افتُتح معرض الكتاب بمشاركة 1,250 دار نشر من 40 دولة.",
    "أعلنت شركة NATO-Tech أنها ستفتح مكتبًا في بيروت وآخر في عمّان.",
    "للحكومة الجديدة ثلاثة أشهر لتقديم خطتها إلى البرلمان، بحسب المتحدث.",
    "اجتمع الرئيسان في جدة، ثم سافر أحدهما إلى باريس والآخر إلى لندن.",
    "تَنْظِيمُ المُسابَقةِ في الدوحة أثار جدلًا واسعًا بين المشجعين!",
    "سيكتبونها غدًا، وقد كتبتها أمس للمدرسة التي في طرابلس.",
    "",
    "   ",
]

ENTRIES = [
    ("القاهرة", "LOC", "cairo"),
    ("دمشق", "LOC", "damascus"),
    ("الرياض", "LOC", "riyadh"),
    ("بيروت", "LOC", "beirut"),
    ("عمان", "LOC", "amman"),
    ("جدة", "LOC", "jeddah"),
    ("باريس", "LOC", "paris"),
    ("لندن", "LOC", "london"),
    ("الدوحة", "LOC", "doha"),
    ("طرابلس", "LOC", "tripoli"),
    ("وزارة الخارجية", "ORG", "mofa"),
    ("الحكومة", "ORG", "government"),
]


def news_texts(limit: int = 60) -> list[str]:
    """The first ``limit`` news articles of the shared data, or none when it is absent."""
    if not NEWS.exists():
        return []
    texts = []
    with gzip.open(NEWS, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, limit):
            texts.append(json.loads(line)["text"])
    return texts


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return OWN_TEXTS + news_texts()


def make_objects() -> dict[str, Any]:
    """One of each shared object the calls below use."""
    return {
        "normalizer": Normalizer(),
        "tokenizer": Tokenizer(),
        "clitic_tokenizer": Tokenizer(clitics="atb"),
        "stemmer": Stemmer(),
        "lexical_stemmer": Stemmer("barq"),
        "gazetteer": Gazetteer(ENTRIES),
    }


def match_tuple(m: barq.Match) -> tuple:
    return (m.start, m.end, m.text, m.prefix, m.term, m.label, m.id, m.variant)


def results(objects: dict[str, Any], texts: list[str]) -> dict[str, Any]:
    """Everything the calls give for ``texts``: single-text and batch calls on shared objects,
    as plain data that compares with ``==``."""
    n, t, ct = objects["normalizer"], objects["tokenizer"], objects["clitic_tokenizer"]
    st, lst, g = objects["stemmer"], objects["lexical_stemmer"], objects["gazetteer"]
    return {
        "normalize": [n(text) for text in texts],
        "align": [n.align(text).to_original(0, len(n(text))) for text in texts],
        "tokenize": [[(k.text, k.start, k.end, k.kind) for k in t.tokenize(x)] for x in texts],
        "segment": [ct.words(text) for text in texts],
        "stems": [st.stems(text) for text in texts],
        "lexical_stems": [lst.stems(text) for text in texts],
        "transliterate": [barq.transliterate(text) for text in texts],
        "find": [[match_tuple(m) for m in g.find(text)] for text in texts],
        "normalize_batch": n.normalize_batch(texts, threads=2),
        "tokenize_batch": t.tokenize_batch(texts, threads=2, output="words"),
        "stems_batch": st.stems_batch(texts, threads=2),
        "transliterate_batch": barq.transliterate_batch(texts, threads=2),
        "find_batch": [[match_tuple(m) for m in ms] for ms in g.find_batch(texts, threads=2)],
        "count": g.count(texts, threads=2),
        "module": [
            (barq.normalize(x), barq.tokenize(x), barq.segment(x), barq.stem(x.split()[0]))
            for x in texts
            if x.split()
        ],
    }


def test_sixteen_threads_on_shared_objects_agree_with_one(texts):
    objects = make_objects()
    expected = results(objects, texts)
    barrier = threading.Barrier(16)
    got: list[Any] = [None] * 16
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            barrier.wait(timeout=60)  # all start together, so the calls really overlap
            got[i] = results(objects, texts)
        except BaseException as e:  # noqa: BLE001 - reported by the main thread
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not errors, errors
    for i, result in enumerate(got):
        assert result is not None, f"thread {i} did not finish"
        for key, value in expected.items():
            assert result[key] == value, f"thread {i}: {key}"


# ---------------------------------------------------------------------------------------------
# processes


def worker_results(objects: dict[str, Any], texts: list[str]) -> dict[str, Any]:
    """What a worker process computes with the objects it was handed (pickled)."""
    return results(objects, texts)


# Set by the parent before it forks: the workers use it without being handed it.
INHERITED: dict[str, Any] = {}


def _inherited_results(texts: list[str]) -> dict[str, Any]:
    return results(INHERITED, texts)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_worker_processes_get_equal_results_from_pickled_objects(method, texts):
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method on this platform")
    objects = make_objects()
    expected = results(objects, texts)
    chunks = [texts[i::2] for i in range(2)]
    context = multiprocessing.get_context(method)
    with context.Pool(2) as pool:
        got = pool.starmap(worker_results, [(objects, chunk) for chunk in chunks])
    for chunk, result in zip(chunks, got, strict=True):
        assert result == results(objects, chunk)
    # and the pieces are the whole: the same per-text results as one process gives
    for key in ("normalize", "tokenize", "segment", "find", "find_batch"):
        assert sorted(got[0][key] + got[1][key]) == sorted(expected[key])


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_forked_workers_use_objects_they_inherit(texts):
    INHERITED.update(make_objects())
    try:
        # the parent has used the objects (and started its worker pools) before forking
        expected = results(INHERITED, texts)
        with multiprocessing.get_context("fork").Pool(2) as pool:
            got = pool.map(_inherited_results, [texts, texts])
    finally:
        INHERITED.clear()
    assert got == [expected, expected]


# ---------------------------------------------------------------------------------------------
# threads= and BARQ_NUM_THREADS at every batch entry point

GAZ = Gazetteer(ENTRIES)
ANNOTATED = ["زار الوفد دمشق ثم القاهرة.", "في بيروت اجتماع."]
MENTIONS = [[(10, 14, "LOC"), (18, 25, "LOC")], [(3, 8, "LOC")]]


def _arrow(texts: list[str]) -> Any:
    pa = pytest.importorskip("pyarrow")
    return pa.array(texts, type=pa.large_string())


@functools.cache
def _lexical_stemmer() -> Stemmer:
    return Stemmer("barq")  # loads the shipped lexicon: once


def _pandas() -> Any:
    return pytest.importorskip("pandas")


def _series(texts: list[str]) -> Any:
    pd = _pandas()
    import barq.pandas  # noqa: F401 - registers the accessor

    return pd.Series(texts, dtype=object)


def _polars_column(texts: list[str], expr: Callable[[Any], Any]) -> Any:
    pl = pytest.importorskip("polars")
    pytest.importorskip("pyarrow")
    import barq.polars  # noqa: F401 - registers the namespace

    return pl.DataFrame({"text": texts}).select(expr(pl.col("text"))).to_series().to_list()


def _dask_series(texts: list[str]) -> Any:
    pd = _pandas()
    dd = pytest.importorskip("dask.dataframe")
    import barq.dask  # noqa: F401 - registers the accessor

    return dd.from_pandas(pd.Series(texts, dtype=object), npartitions=2)


def _dask(texts: list[str], call: Callable[[Any], Any]) -> Any:
    import dask

    with dask.config.set(scheduler="synchronous"):
        result = call(_dask_series(texts)).compute()
    return result.to_dict() if hasattr(result, "to_dict") else result


def _frame(df: Any) -> Any:
    """A DataFrame as plain data, missing values as None (NaN would never compare equal)."""
    df = df.reset_index(drop=True).astype(object)
    return df.where(df.notna(), None).to_dict("list")


def _cli(command: list[str], threads: int | None, tmp: Path, texts: list[str]) -> str:
    from barq.cli import main

    source = tmp / "in.txt"
    source.write_text("\n".join(texts) + "\n", encoding="utf-8")
    out = tmp / "out"
    args = [*command, str(source), "-o", str(out), "--no-progress"]
    if threads is not None:
        args += ["--threads", str(threads)]
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        status = main(args)
    if status != 0:  # the CLI's one line on stderr, as an exception the tests can match
        raise ValueError(f"status {status}: {errors.getvalue().strip()}")
    return out.read_text(encoding="utf-8")


def _gaz_file(tmp: Path) -> str:
    path = tmp / "gaz.csv"
    path.write_text("term,label,id\n" + "".join(f"{t},{lab},{i}\n" for t, lab, i in ENTRIES))
    return str(path)


# name -> call(texts, threads, tmp_path); each returns plain data comparable with ==
ENTRY_POINTS: dict[str, Callable[[list[str], int | None, Path], Any]] = {
    "Normalizer.normalize_batch": lambda x, th, _: Normalizer().normalize_batch(x, threads=th),
    "Tokenizer.tokenize_batch": lambda x, th, _: Tokenizer().tokenize_batch(
        x, threads=th, output="words"
    ),
    "Tokenizer.tokenize_batch(tokens)": lambda x, th, _: [
        [(k.text, k.start, k.end) for k in ks] for ks in Tokenizer().tokenize_batch(x, threads=th)
    ],
    "Stemmer.stem_batch": lambda x, th, _: Stemmer().stem_batch(x, threads=th),
    "Stemmer.stems_batch": lambda x, th, _: _lexical_stemmer().stems_batch(x, threads=th),
    "transliterate_batch": lambda x, th, _: barq.transliterate_batch(x, threads=th),
    "Gazetteer.find_batch": lambda x, th, _: [
        [match_tuple(m) for m in ms] for ms in GAZ.find_batch(x, threads=th)
    ],
    "Gazetteer.count": lambda x, th, _: GAZ.count(x, threads=th),
    "Gazetteer.extract": lambda x, th, _: _frame(GAZ.extract(x, threads=th)),
    "Gazetteer.audit": lambda x, th, _: _frame(GAZ.audit(x, threads=th)),
    "Gazetteer.calibrate": lambda x, th, _: _frame(
        Gazetteer(ENTRIES).calibrate(ANNOTATED, MENTIONS, threads=th)
    ),
    "Gazetteer.from_annotations": lambda x, th, _: Gazetteer.from_annotations(
        ANNOTATED, MENTIONS, threads=th
    ).entries(),
    "Lexicon.from_texts": lambda x, th, _: Lexicon.from_texts(x, threads=th).most_common(),
    "arrow: Normalizer.normalize_batch": lambda x, th, _: (
        Normalizer().normalize_batch(_arrow(x), threads=th).to_pylist()
    ),
    "arrow: Gazetteer.find_batch": lambda x, th, _: GAZ.find_batch(
        _arrow(x), threads=th
    ).to_pylist(),
    "pandas: normalize": lambda x, th, _: _series(x).barq.normalize(threads=th).tolist(),
    "pandas: transliterate": lambda x, th, _: _series(x).barq.transliterate(threads=th).tolist(),
    "pandas: tokenize": lambda x, th, _: _series(x).barq.tokenize(threads=th).tolist(),
    "pandas: stem": lambda x, th, _: _series(x).barq.stem(threads=th).tolist(),
    "pandas: find": lambda x, th, _: [
        [match_tuple(m) for m in ms] for ms in _series(x).barq.find(GAZ, threads=th)
    ],
    "pandas: count": lambda x, th, _: _series(x).barq.count(GAZ, threads=th).to_dict(),
    "pandas: extract": lambda x, th, _: _frame(_series(x).barq.extract(GAZ, threads=th)),
    "polars: normalize": lambda x, th, _: _polars_column(x, lambda c: c.barq.normalize(threads=th)),
    "polars: transliterate": lambda x, th, _: _polars_column(
        x, lambda c: c.barq.transliterate(threads=th)
    ),
    "polars: tokenize": lambda x, th, _: _polars_column(x, lambda c: c.barq.tokenize(threads=th)),
    "polars: stem": lambda x, th, _: _polars_column(x, lambda c: c.barq.stem(threads=th)),
    "polars: find": lambda x, th, _: _polars_column(x, lambda c: c.barq.find(GAZ, threads=th)),
    "polars: mentions": lambda x, th, _: _polars_column(
        x, lambda c: c.barq.mentions(GAZ, threads=th)
    ),
    "polars: count": lambda x, th, _: _polars_column(x, lambda c: c.barq.count(GAZ, threads=th)),
    "dask: normalize": lambda x, th, _: _dask(x, lambda s: s.barq.normalize(threads=th)),
    "dask: transliterate": lambda x, th, _: _dask(x, lambda s: s.barq.transliterate(threads=th)),
    "dask: tokenize": lambda x, th, _: _dask(x, lambda s: s.barq.tokenize(threads=th)),
    "dask: stem": lambda x, th, _: _dask(x, lambda s: s.barq.stem(threads=th)),
    "dask: find": lambda x, th, _: {
        k: [match_tuple(m) for m in v]
        for k, v in _dask(x, lambda s: s.barq.find(GAZ, threads=th)).items()
    },
    "dask: count": lambda x, th, _: _dask(x, lambda s: s.barq.count(GAZ, threads=th)),
    "dask: extract": lambda x, th, _: _frame(
        _dask_series(x).barq.extract(GAZ, threads=th).compute(scheduler="synchronous")
    ),
    "cli: normalize": lambda x, th, tmp: _cli(["normalize"], th, tmp, x),
    "cli: tokenize": lambda x, th, tmp: _cli(["tokenize"], th, tmp, x),
    "cli: stem": lambda x, th, tmp: _cli(["stem"], th, tmp, x),
    "cli: transliterate": lambda x, th, tmp: _cli(["transliterate"], th, tmp, x),
    "cli: annotate": lambda x, th, tmp: _cli(
        ["annotate", "--gazetteer", _gaz_file(tmp)], th, tmp, x
    ),
    "cli: audit": lambda x, th, tmp: _cli(["audit", "--gazetteer", _gaz_file(tmp)], th, tmp, x),
}

SOME_TEXTS = [t for t in OWN_TEXTS if t.strip()] * 3


@pytest.fixture
def no_env(monkeypatch):
    monkeypatch.delenv("BARQ_NUM_THREADS", raising=False)
    return monkeypatch


@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_one_and_two_threads_agree(name, no_env, tmp_path):
    call = ENTRY_POINTS[name]
    one = call(SOME_TEXTS, 1, tmp_path)
    assert one, f"{name} gave nothing to compare"
    assert call(SOME_TEXTS, 2, tmp_path) == one
    no_env.setenv("BARQ_NUM_THREADS", "2")
    assert call(SOME_TEXTS, None, tmp_path) == one


@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_threads_zero_is_a_value_error(name, no_env, tmp_path):
    with pytest.raises(ValueError, match="threads must be a positive integer"):
        ENTRY_POINTS[name](SOME_TEXTS, 0, tmp_path)


@pytest.mark.parametrize("value", ["0", "abc", "-2", "1.5"])
@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_a_bad_barq_num_threads_is_a_value_error(name, value, no_env, tmp_path):
    no_env.setenv("BARQ_NUM_THREADS", value)
    with pytest.raises(
        ValueError, match=f'BARQ_NUM_THREADS must be a positive integer, not "{re.escape(value)}"'
    ):
        ENTRY_POINTS[name](SOME_TEXTS, None, tmp_path)
    # an explicit threads= wins over the environment
    ENTRY_POINTS[name](SOME_TEXTS, 1, tmp_path)


@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_an_empty_batch_checks_threads_too(name, no_env, tmp_path):
    """A bad setting is reported even when there is nothing to do, so that it is found on the
    first call rather than on the first non-empty one."""
    with pytest.raises(ValueError, match="threads must be a positive integer"):
        ENTRY_POINTS[name]([], 0, tmp_path)
    no_env.setenv("BARQ_NUM_THREADS", "abc")
    with pytest.raises(ValueError, match="BARQ_NUM_THREADS"):
        ENTRY_POINTS[name]([], None, tmp_path)
