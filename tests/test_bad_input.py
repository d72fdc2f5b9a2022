"""What every public call does with bad or extreme input: one table (ROWS) drives both the
checks and the README's "Bad input" table, and a test keeps the two equal.

Each row names calls (keys of CALLS), inputs (keys of INPUTS) and what every call does with
every input: raise an exception of a type whose message contains ``says`` (``{type}`` stands
for the input's type name), or return a result that ``check`` accepts.
"""

from __future__ import annotations

import atexit
import functools
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import barq
import pytest
from barq import Gazetteer, Lexicon, Normalizer, Stemmer, Tokenizer

README = Path(__file__).resolve().parents[1] / "README.md"

# ---------------------------------------------------------------------------------------------
# inputs

# A sentence written for this test (no names in it), repeated into the 100 MB text.
FILLER = "كتب الطالبُ درسه في المساء، ثم نام مبكرًا لأن الامتحان صباحَ الغد. "
NEEDLE = "وزار القاهرة"
BIG_BYTES = 100 * 1024 * 1024


@functools.cache
def big_text() -> str:
    """A text of 100 MB (UTF-8) with the name القاهرة a few words before its end."""
    reps = BIG_BYTES // len(FILLER.encode("utf-8"))
    return FILLER * reps + NEEDLE + " " + FILLER


@functools.cache
def files() -> dict[str, Path]:
    """Bad files, made once: foreign, empty, truncated, corrupted, of the other kind, missing."""
    folder = Path(tempfile.mkdtemp(prefix="barq-bad-input-"))
    atexit.register(shutil.rmtree, folder, True)
    saved = Gazetteer([("القاهرة", "LOC")]).to_bytes()
    corrupted = bytearray(saved)
    corrupted[len(saved) // 2] ^= 0xFF
    lexicon = Lexicon.from_texts(["كتب الطالب درسه في المساء"] * 50).to_bytes()
    corrupted_lexicon = bytearray(lexicon)
    corrupted_lexicon[len(lexicon) // 2] ^= 0xFF
    made = {
        "foreign file": b"PK\x03\x04 this is a zip archive, not a barq file" * 4,
        "empty file": b"",
        "truncated file": saved[: len(saved) // 2],
        "corrupted file": bytes(corrupted),
        "a lexicon file": lexicon,
        "truncated lexicon file": lexicon[: len(lexicon) // 2],
        "corrupted lexicon file": bytes(corrupted_lexicon),
        "a gazetteer file": saved,
        "csv without a term column": "name,label\nالقاهرة,LOC\n".encode(),
        "csv not in UTF-8": "term\nCafé\n".encode("latin-1"),
        "jsonl with bad JSON": b'{"pattern": "x", "label": \n',
        "gzip that is not gzip": b"not gzip at all",
        "documents": "زار الوفد القاهرة.\n".encode(),
    }
    paths = {}
    for name, data in made.items():
        suffix = {
            "csv without a term column": ".csv",
            "csv not in UTF-8": ".csv",
            "jsonl with bad JSON": ".jsonl",
            "gzip that is not gzip": ".csv.gz",
            "documents": ".txt",
        }.get(name, ".barq")
        path = folder / (name.replace(" ", "_") + suffix)
        path.write_bytes(data)
        paths[name] = path
    paths["missing file"] = folder / "no_such_file.barq"
    paths["a path in a missing folder"] = folder / "no_such_folder" / "out.barq"
    paths["a folder"] = folder
    return paths


def _file(name: str) -> Callable[[], Any]:
    return lambda: files()[name]


INPUTS: dict[str, Callable[[], Any]] = {
    "None": lambda: None,
    "NaN": lambda: float("nan"),
    "int": lambda: 7,
    "bytes": lambda: "نص".encode(),
    "lone surrogate": lambda: "نص\ud800",
    "empty string": lambda: "",
    "100 MB string": big_text,
    "unknown name": lambda: "colour",
    **{
        name: _file(name)
        for name in [
            "foreign file",
            "empty file",
            "truncated file",
            "corrupted file",
            "a lexicon file",
            "truncated lexicon file",
            "corrupted lexicon file",
            "a gazetteer file",
            "missing file",
            "a path in a missing folder",
            "a folder",
            "csv without a term column",
            "csv not in UTF-8",
            "jsonl with bad JSON",
            "gzip that is not gzip",
        ]
    },
}


def _data(name: str) -> Callable[[], Any]:
    return lambda: files()[name].read_bytes()


INPUTS.update(
    {
        "foreign bytes": _data("foreign file"),
        "truncated bytes": _data("truncated file"),
        "corrupted bytes": _data("corrupted file"),
        "empty bytes": _data("empty file"),
        "truncated lexicon bytes": _data("truncated lexicon file"),
        "corrupted lexicon bytes": _data("corrupted lexicon file"),
        "gazetteer bytes": _data("a gazetteer file"),
        "lexicon bytes": _data("a lexicon file"),
        "a text with a name": lambda: "زار الوفد القاهرة أمس",
    }
)

# ---------------------------------------------------------------------------------------------
# calls: each takes the bad input


@functools.cache
def objects() -> dict[str, Any]:
    return {
        "n": Normalizer(),
        "t": Tokenizer(),
        "st": Stemmer(),
        "g": Gazetteer([("القاهرة", "LOC", "cairo"), ("دمشق", "LOC", "damascus")]),
        "empty": Gazetteer(),
        "lex": Lexicon.from_texts(["كتب الطالب درسه"]),
    }


def _o(name: str) -> Any:
    return objects()[name]


def _pd_series(x: Any) -> Any:
    pd = pytest.importorskip("pandas")
    import barq.pandas  # noqa: F401 - registers the accessor

    return pd.Series([x], dtype=object)


def _pl(x: Any, expr: Callable[[Any], Any]) -> Any:
    pl = pytest.importorskip("polars")
    pytest.importorskip("pyarrow")
    import barq.polars  # noqa: F401 - registers the namespace

    column = pl.Series("text", [x], dtype=pl.String)
    return pl.DataFrame([column]).select(expr(pl.col("text"))).to_series().to_list()


def _cli(args: list[str]) -> tuple[int, str]:
    """``barq ARGS``: the exit status and what it wrote to stderr (argparse exits too)."""
    import contextlib
    import io

    from barq.cli import main

    errors = io.StringIO()
    with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
        try:
            status = main([str(a) for a in args])
        except SystemExit as e:  # argparse
            status = int(e.code or 0)
    return status, errors.getvalue()


class CliFailed(Exception):
    """The CLI's exit status 2 and its stderr, as an exception the table can name."""


def _cli_call(*args: Any) -> Any:
    status, err = _cli(list(args))
    if status != 0:
        raise CliFailed(f"exit status {status}: {err.strip().splitlines()[-1]}")
    return status


def _arrow(x: Any) -> Any:
    pa = pytest.importorskip("pyarrow")
    return pa.array([x], type=pa.large_string())


CALLS: dict[str, Callable[[Any], Any]] = {
    # one text
    "n(x)": lambda x: _o("n")(x),
    "n.align(x)": lambda x: _o("n").align(x),
    "barq.normalize(x)": lambda x: barq.normalize(x),
    "transliterate(x)": lambda x: barq.transliterate(x),
    "transliterate_align(x)": lambda x: barq.transliterate_align(x),
    "t.tokenize(x)": lambda x: _o("t").tokenize(x),
    "t.words(x)": lambda x: _o("t").words(x),
    "t.offsets(x)": lambda x: _o("t").offsets(x),
    "t.sentences(x)": lambda x: _o("t").sentences(x),
    "barq.tokenize(x)": lambda x: barq.tokenize(x),
    "barq.segment(x)": lambda x: barq.segment(x),
    "barq.sentences(x)": lambda x: barq.sentences(x),
    "st.stem(x)": lambda x: _o("st").stem(x),
    "st.stems(x)": lambda x: _o("st").stems(x),
    "barq.stem(x)": lambda x: barq.stem(x),
    "g.find(x)": lambda x: _o("g").find(x),
    "g.add(x)": lambda x: Gazetteer().add(x),
    "g.extend([x])": lambda x: Gazetteer().extend([x]),
    "Gazetteer([x])": lambda x: Gazetteer([x]),
    "lex.count(x)": lambda x: _o("lex").count(x),
    "lex[x]": lambda x: _o("lex")[x],
    # a batch of one
    "n.normalize_batch([x])": lambda x: _o("n").normalize_batch([x]),
    "transliterate_batch([x])": lambda x: barq.transliterate_batch([x]),
    "t.tokenize_batch([x])": lambda x: _o("t").tokenize_batch([x]),
    "st.stem_batch([x])": lambda x: _o("st").stem_batch([x]),
    "st.stems_batch([x])": lambda x: _o("st").stems_batch([x]),
    "g.find_batch([x])": lambda x: _o("g").find_batch([x]),
    "g.count([x])": lambda x: _o("g").count([x]),
    "g.extract([x])": lambda x: _o("g").extract([x]),
    "g.audit([x])": lambda x: _o("g").audit([x]),
    "Lexicon.from_texts([x])": lambda x: Lexicon.from_texts([x]),
    # a batch that is not a list
    "n.normalize_batch(x)": lambda x: _o("n").normalize_batch(x),
    "t.tokenize_batch(x)": lambda x: _o("t").tokenize_batch(x),
    "g.find_batch(x)": lambda x: _o("g").find_batch(x),
    "g.count(x)": lambda x: _o("g").count(x),
    "Lexicon.from_texts(x)": lambda x: Lexicon.from_texts(x),
    # pandas and polars
    "s.barq.normalize()": lambda x: _pd_series(x).barq.normalize().tolist(),
    "s.barq.transliterate()": lambda x: _pd_series(x).barq.transliterate().tolist(),
    "s.barq.tokenize()": lambda x: _pd_series(x).barq.tokenize().tolist(),
    "s.barq.stem()": lambda x: _pd_series(x).barq.stem().tolist(),
    "s.barq.find(g)": lambda x: _pd_series(x).barq.find(_o("g")).tolist(),
    "s.barq.count(g)": lambda x: _pd_series(x).barq.count(_o("g")).to_dict(),
    "s.barq.extract(g)": lambda x: _pd_series(x).barq.extract(_o("g")),
    "col.barq.normalize()": lambda x: _pl(x, lambda c: c.barq.normalize()),
    "col.barq.tokenize()": lambda x: _pl(x, lambda c: c.barq.tokenize()),
    "col.barq.stem()": lambda x: _pl(x, lambda c: c.barq.stem()),
    "col.barq.find(g)": lambda x: _pl(x, lambda c: c.barq.find(_o("g"))),
    "col.barq.count(g)": lambda x: _pl(x, lambda c: c.barq.count(_o("g"))),
    # the empty gazetteer
    "empty.find(x)": lambda x: _o("empty").find(x),
    "empty.find_batch([x])": lambda x: _o("empty").find_batch([x]),
    "empty.count([x])": lambda x: _o("empty").count([x]),
    "empty.extract([x])": lambda x: _o("empty").extract([x]),
    "empty.audit([x])": lambda x: _o("empty").audit([x]),
    "empty.calibrate([x], [[]])": lambda x: _o("empty").calibrate([x], [[]]),
    "Gazetteer.from_bytes(empty.to_bytes())": lambda x: (
        Gazetteer.from_bytes(_o("empty").to_bytes()) == _o("empty")
    ),
    # options by name
    "Normalizer(x)": lambda x: Normalizer(x),
    "Normalizer(**{x: True})": lambda x: Normalizer(**{x: True}),
    "barq.normalize(text, x)": lambda x: barq.normalize("نص", x),
    "Tokenizer(mode=x)": lambda x: Tokenizer(mode=x),
    "Tokenizer(clitics=x)": lambda x: Tokenizer(clitics=x),
    "t.tokenize_batch(texts, output=x)": lambda x: _o("t").tokenize_batch(["نص"], output=x),
    "barq.segment(text, scheme=x)": lambda x: barq.segment("نص", scheme=x),
    "Stemmer(x)": lambda x: Stemmer(x),
    "barq.stem(word, scheme=x)": lambda x: barq.stem("نص", scheme=x),
    "transliterate(text, scheme=x)": lambda x: barq.transliterate("نص", scheme=x),
    "transliterate_batch(texts, scheme=x)": lambda x: barq.transliterate_batch(["نص"], scheme=x),
    "s.barq.normalize(x)": lambda x: _pd_series("نص").barq.normalize(x),
    "s.barq.stem(x)": lambda x: _pd_series("نص").barq.stem(x),
    "s.barq.transliterate(x)": lambda x: _pd_series("نص").barq.transliterate(x),
    "s.barq.tokenize(clitics=x)": lambda x: _pd_series("نص").barq.tokenize(clitics=x),
    "col.barq.normalize(x)": lambda x: _pl("نص", lambda c: c.barq.normalize(x)),
    "col.barq.stem(x)": lambda x: _pl("نص", lambda c: c.barq.stem(x)),
    "col.barq.transliterate(x)": lambda x: _pl("نص", lambda c: c.barq.transliterate(x)),
    "col.barq.tokenize(x)": lambda x: _pl("نص", lambda c: c.barq.tokenize(x)),
    "Gazetteer(**{x: True})": lambda x: Gazetteer(**{x: True}),
    # files and saved bytes
    "Gazetteer.load(x)": lambda x: Gazetteer.load(x),
    "Lexicon.load(x)": lambda x: Lexicon.load(x),
    "Gazetteer.from_bytes(x)": lambda x: Gazetteer.from_bytes(x),
    "Lexicon.from_bytes(x)": lambda x: Lexicon.from_bytes(x),
    "Gazetteer.from_file(x)": lambda x: Gazetteer.from_file(x),
    "g.save(x)": lambda x: _o("g").save(x),
    "barq annotate --gazetteer x": lambda x: _cli_call(
        "annotate", files()["documents"], "--gazetteer", x
    ),
    "barq normalize x": lambda x: _cli_call("normalize", x),
    "barq tokenize x": lambda x: _cli_call("tokenize", x),
    "barq stem --scheme x": lambda x: _cli_call("stem", files()["documents"], "--scheme", x),
    "barq normalize --preset x": lambda x: _cli_call(
        "normalize", files()["documents"], "--preset", x
    ),
}

# ---------------------------------------------------------------------------------------------
# the table


@dataclass(frozen=True)
class Row:
    """Every call of ``calls`` given every input of ``inputs`` raises ``raises`` with ``says``
    in its message, or (``raises=None``) returns a value that ``check(value, input)`` accepts,
    ``says`` then telling what the result is."""

    calls: tuple[str, ...]
    inputs: tuple[str, ...]
    says: str
    raises: type[BaseException] | None = None
    check: Callable[[Any, Any], bool] | None = None

    def outcome(self) -> str:
        if self.raises is None:
            return self.says
        says = self.says.replace("|", "\\|")
        for placeholder, shown in (
            ("{type}", "*type*"),
            ("<path>", "*path*"),
            ("<what>", "*what*"),
        ):
            says = says.replace(placeholder, shown)
        return f"`{self.raises.__name__}`: “{says}”"

    def markdown(self) -> str:
        calls = ", ".join(f"`{c}`" for c in self.calls)
        return f"| {calls} | {', '.join(self.inputs)} | {self.outcome()} |"


NOT_STR = ("None", "NaN", "int", "bytes")
ONE_TEXT = (
    "n(x)",
    "n.align(x)",
    "barq.normalize(x)",
    "transliterate(x)",
    "transliterate_align(x)",
    "t.tokenize(x)",
    "t.words(x)",
    "t.offsets(x)",
    "t.sentences(x)",
    "barq.tokenize(x)",
    "barq.segment(x)",
    "barq.sentences(x)",
    "st.stems(x)",
    "g.find(x)",
    "empty.find(x)",
)
ONE_WORD = ("st.stem(x)", "barq.stem(x)", "lex.count(x)", "lex[x]")
BATCH_LISTS = (
    "n.normalize_batch([x])",
    "transliterate_batch([x])",
    "t.tokenize_batch([x])",
    "st.stem_batch([x])",
    "st.stems_batch([x])",
    "g.find_batch([x])",
    "empty.find_batch([x])",
    "s.barq.normalize()",
    "s.barq.transliterate()",
    "s.barq.tokenize()",
    "s.barq.stem()",
    "s.barq.find(g)",
)
BATCH_COUNTS = ("g.count([x])", "empty.count([x])", "s.barq.count(g)")
BATCH_TABLES = (
    "g.extract([x])",
    "g.audit([x])",
    "empty.extract([x])",
    "empty.audit([x])",
    "empty.calibrate([x], [[]])",
    "s.barq.extract(g)",
    "Lexicon.from_texts([x])",
)
BATCHES = BATCH_LISTS + BATCH_COUNTS + BATCH_TABLES
POLARS = (
    "col.barq.normalize()",
    "col.barq.tokenize()",
    "col.barq.stem()",
    "col.barq.find(g)",
)
WHOLE_BATCHES = (
    "n.normalize_batch(x)",
    "t.tokenize_batch(x)",
    "g.find_batch(x)",
    "g.count(x)",
    "Lexicon.from_texts(x)",
)
SURROGATE = "has a lone surrogate at position 2; it cannot be encoded as UTF-8"


def _equal(expected: Any) -> Callable[[Any, Any], bool]:
    return lambda value, _x: value == expected


def _empty(value: Any, _x: Any) -> bool:
    return len(value) == 0


def _big_normalized(value: str, x: str) -> bool:
    n = Normalizer()
    # normalizing is local: the big text normalizes as its sentences do (each trimmed by the
    # preset, the single space between them kept)
    reps = (len(x) - len(NEEDLE) - 1 - len(FILLER)) // len(FILLER)
    return value == (n(FILLER) + " ") * reps + n(NEEDLE + " " + FILLER)


def _big_found(value: list, x: str) -> bool:
    at = len(x) - len(FILLER) - 1 - len("القاهرة")
    return [(m.start, m.end, m.id) for m in value] == [(at, at + len("القاهرة"), "cairo")]


def _big_tokens(value: Any, x: str) -> bool:
    """Lossless: the tokens are in order, do not overlap and cover all but the spaces."""
    import numpy as np
    import pyarrow.compute as pc

    spans = pc.list_flatten(value.combine_chunks() if hasattr(value, "combine_chunks") else value)
    starts = pc.struct_field(spans, "start").to_numpy()
    ends = pc.struct_field(spans, "end").to_numpy()
    in_order = bool(np.all(starts[1:] >= ends[:-1]) and np.all(ends > starts))
    covered = int((ends - starts).sum()) == len(x) - x.count(" ")
    first = [(int(a), int(b)) for a, b in zip(starts[:5], ends[:5], strict=True)]
    return in_order and covered and first == Tokenizer().offsets(FILLER)[:5]


CALLS['t.tokenize_batch([x], output="offsets", arrow=True)'] = lambda x: _o("t").tokenize_batch(
    _arrow(x), output="offsets"
)


ROWS: list[Row] = [
    # not text
    Row(ONE_TEXT, NOT_STR, "text must be str, not {type}", TypeError),
    Row(ONE_WORD, NOT_STR, "word must be str, not {type}", TypeError),
    Row(("g.add(x)",), NOT_STR, "term must be str, not {type}", TypeError),
    Row(
        ("Gazetteer([x])", "g.extend([x])"),
        NOT_STR,
        "an entry must be str, (term, label[, id[, meta]]) or dict, not {type}",
        TypeError,
    ),
    Row(BATCH_LISTS, ("None", "NaN"), "missing stays missing: `[None]`", check=_equal([None])),
    Row(BATCH_COUNTS, ("None", "NaN"), "counts nothing: `{}`", check=_equal({})),
    Row(BATCH_TABLES, ("None", "NaN"), "no rows (an empty lexicon)", check=_empty),
    Row(POLARS, ("None",), "null stays null", check=_equal([None])),
    Row(("col.barq.count(g)",), ("None",), "counts nothing: `[[]]`", check=_equal([[]])),
    Row(BATCHES, ("int", "bytes"), "texts[0] must be str or None, not {type}", TypeError),
    Row(
        WHOLE_BATCHES,
        ("None", "NaN", "int"),
        "texts must be an iterable of str or None, not {type}",
        TypeError,
    ),
    Row(WHOLE_BATCHES, ("bytes",), "texts must be an iterable of str, not bytes", TypeError),
    Row(
        WHOLE_BATCHES,
        ("empty string", "lone surrogate"),
        "texts must be an iterable of str, not a single str",
        TypeError,
    ),
    # lone surrogates
    Row(ONE_TEXT + ONE_WORD + ("g.add(x)",), ("lone surrogate",), SURROGATE, ValueError),
    Row(
        ("Gazetteer([x])", "g.extend([x])"),
        ("lone surrogate",),
        f"entry 0 ('نص\\ud800'): term {SURROGATE}",
        ValueError,
    ),
    Row(BATCHES, ("lone surrogate",), f"texts[0] {SURROGATE}", ValueError),
    # empty strings
    Row(
        ("n(x)", "barq.normalize(x)", "transliterate(x)", "st.stem(x)", "barq.stem(x)"),
        ("empty string",),
        '`""`',
        check=_equal(""),
    ),
    Row(
        ONE_TEXT[5:] + ("n.align(x)", "transliterate_align(x)"),
        ("empty string",),
        "`[]` (an `Aligned` of length 0)",
        check=_empty,
    ),
    Row(("lex.count(x)", "lex[x]"), ("empty string",), "`0`", check=_equal(0)),
    Row(("g.add(x)",), ("empty string",), "empty term ''", ValueError),
    Row(
        ("Gazetteer([x])", "g.extend([x])"),
        ("empty string",),
        "entry 0 (''): empty term ''",
        ValueError,
    ),
    Row(
        BATCH_LISTS,
        ("empty string",),
        'one result per text: `[""]` or `[[]]`',
        check=lambda v, _x: v in ([""], [[]]),
    ),
    Row(BATCH_COUNTS, ("empty string",), "`{}`", check=_equal({})),
    Row(BATCH_TABLES, ("empty string",), "no rows (an empty lexicon)", check=_empty),
    Row(POLARS, ("empty string",), '`[""]` / `[[]]`', check=lambda v, _x: v in ([""], [[]])),
    # 100 MB
    Row(
        ("n(x)",),
        ("100 MB string",),
        "the text normalized (as its pieces are)",
        check=_big_normalized,
    ),
    Row(
        ("g.find(x)",),
        ("100 MB string",),
        "the one name near the end, at its offset",
        check=_big_found,
    ),
    Row(
        ('t.tokenize_batch([x], output="offsets", arrow=True)',),
        ("100 MB string",),
        "lossless offsets: in order, covering all but the spaces",
        check=_big_tokens,
    ),
]

EMPTY_GAZ = "no entries"
PRESET = 'unknown normalizer preset "colour"; valid presets are: light, search, social'
CLITICS = 'unknown clitics scheme "colour"; valid schemes are: atb, d3 (or None)'
STEM = "unknown stemming scheme 'colour'; valid schemes are: 'lucene', 'barq'"
SCHEME = 'unknown transliteration scheme "colour"; valid schemes: "bw", "safebw", "xmlbw", "hsb"'
NOT_GAZ = "not a barq gazetteer (the data does not start with the barq gazetteer header)"
NOT_LEX = "not a barq lexicon (the data does not start with the barq lexicon header)"
GAZ_FILES = ("Gazetteer.load(x)",)

ROWS += [
    # the empty gazetteer
    Row(("empty.find(x)",), ("a text with a name",), "`[]`", check=_equal([])),
    Row(("empty.find_batch([x])",), ("a text with a name",), "`[[]]`", check=_equal([[]])),
    Row(("empty.count([x])",), ("a text with a name",), "`{}`", check=_equal({})),
    Row(
        ("empty.extract([x])", "empty.audit([x])", "empty.calibrate([x], [[]])"),
        ("a text with a name",),
        "no rows",
        check=_empty,
    ),
    Row(
        ("Gazetteer.from_bytes(empty.to_bytes())",),
        ("a text with a name",),
        "an equal empty gazetteer",
        check=_equal(True),
    ),
    # options by name
    Row(
        (
            "Normalizer(x)",
            "barq.normalize(text, x)",
            "s.barq.normalize(x)",
            "col.barq.normalize(x)",
        ),
        ("unknown name",),
        PRESET,
        ValueError,
    ),
    Row(
        ("Normalizer(**{x: True})",),
        ("unknown name",),
        'unknown normalizer option "colour"; valid options are: diacritics, tatweel',
        ValueError,
    ),
    Row(
        ("Tokenizer(mode=x)",),
        ("unknown name",),
        'unknown tokenizer mode "colour"; valid modes are: default, camel',
        ValueError,
    ),
    Row(
        (
            "Tokenizer(clitics=x)",
            "barq.segment(text, scheme=x)",
            "s.barq.tokenize(clitics=x)",
            "col.barq.tokenize(x)",
        ),
        ("unknown name",),
        CLITICS,
        ValueError,
    ),
    Row(
        ("t.tokenize_batch(texts, output=x)",),
        ("unknown name",),
        'unknown output "colour"; valid outputs are: tokens, words, offsets',
        ValueError,
    ),
    Row(
        ("Stemmer(x)", "barq.stem(word, scheme=x)", "s.barq.stem(x)", "col.barq.stem(x)"),
        ("unknown name",),
        STEM,
        ValueError,
    ),
    Row(
        (
            "transliterate(text, scheme=x)",
            "transliterate_batch(texts, scheme=x)",
            "s.barq.transliterate(x)",
            "col.barq.transliterate(x)",
        ),
        ("unknown name",),
        SCHEME,
        ValueError,
    ),
    Row(
        ("Gazetteer(**{x: True})",),
        ("unknown name",),
        "got an unexpected keyword argument 'colour'",
        TypeError,
    ),
    # saved gazetteers and lexicons
    Row(
        ("Gazetteer.load(x)",),
        ("foreign file", "empty file", "a lexicon file"),
        f"cannot load gazetteer <path>: {NOT_GAZ}",
        ValueError,
    ),
    Row(("Gazetteer.load(x)",), ("truncated file",), "truncated barq gazetteer: ", ValueError),
    Row(
        ("Gazetteer.load(x)",),
        ("corrupted file",),
        "corrupt gazetteer data: checksum mismatch",
        ValueError,
    ),
    Row(
        ("Lexicon.load(x)",),
        ("foreign file", "empty file", "a gazetteer file"),
        f"cannot load lexicon <path>: {NOT_LEX}",
        ValueError,
    ),
    Row(("Lexicon.load(x)",), ("truncated lexicon file",), "truncated barq lexicon", ValueError),
    Row(("Lexicon.load(x)",), ("corrupted lexicon file",), "corrupt lexicon", ValueError),
    Row(
        ("Gazetteer.load(x)", "Lexicon.load(x)"),
        ("missing file",),
        "cannot read <what> <path>: No such file or directory",
        FileNotFoundError,
    ),
    Row(
        ("Gazetteer.load(x)", "Lexicon.load(x)"),
        ("a folder",),
        "cannot read <what> <path>: Is a directory",
        IsADirectoryError,
    ),
    Row(
        ("Gazetteer.load(x)", "Lexicon.load(x)", "g.save(x)"),
        ("bytes", "None"),
        "path must be str or os.PathLike, not {type}",
        TypeError,
    ),
    Row(
        ("g.save(x)",),
        ("a path in a missing folder",),
        "cannot write gazetteer to <path>: No such file or directory",
        FileNotFoundError,
    ),
    Row(
        ("g.save(x)",),
        ("a folder",),
        "cannot write gazetteer to <path>: Is a directory",
        IsADirectoryError,
    ),
    Row(
        ("Gazetteer.from_bytes(x)",),
        ("foreign bytes", "empty bytes", "lexicon bytes"),
        NOT_GAZ,
        ValueError,
    ),
    Row(
        ("Gazetteer.from_bytes(x)",), ("truncated bytes",), "truncated barq gazetteer: ", ValueError
    ),
    Row(("Gazetteer.from_bytes(x)",), ("corrupted bytes",), "checksum mismatch", ValueError),
    Row(
        ("Lexicon.from_bytes(x)",),
        ("foreign bytes", "empty bytes", "gazetteer bytes"),
        NOT_LEX,
        ValueError,
    ),
    Row(
        ("Lexicon.from_bytes(x)",),
        ("truncated lexicon bytes",),
        "truncated barq lexicon",
        ValueError,
    ),
    Row(("Lexicon.from_bytes(x)",), ("corrupted lexicon bytes",), "corrupt lexicon", ValueError),
    Row(
        ("Gazetteer.from_bytes(x)", "Lexicon.from_bytes(x)"),
        ("None", "empty string"),
        "data must be bytes, not {type}",
        TypeError,
    ),
    # gazetteer sources
    Row(
        ("Gazetteer.from_file(x)",),
        ("csv without a term column",),
        "<path>: line 1: the header must have a 'term' column",
        ValueError,
    ),
    Row(("Gazetteer.from_file(x)",), ("csv not in UTF-8",), "<path>: not UTF-8 text", ValueError),
    Row(
        ("Gazetteer.from_file(x)",),
        ("jsonl with bad JSON",),
        "<path>: line 1: not valid JSON",
        ValueError,
    ),
    Row(
        ("Gazetteer.from_file(x)",),
        ("gzip that is not gzip",),
        "<path>: not a valid gzip file",
        ValueError,
    ),
    Row(
        ("Gazetteer.from_file(x)",),
        ("missing file",),
        "gazetteer file not found: <path>",
        FileNotFoundError,
    ),
    Row(
        ("Gazetteer.from_file(x)",),
        ("a gazetteer file", "a folder"),
        "<path>: unknown gazetteer format; use .csv, .tsv or .jsonl (optionally .gz)",
        ValueError,
    ),
    Row(
        ("Gazetteer.from_file(x)",),
        ("bytes", "None"),
        "path must be str or os.PathLike, not {type}",
        TypeError,
    ),
    # the command line
    Row(
        ("barq normalize x", "barq tokenize x"),
        ("missing file",),
        "exit status 2: barq: <path>: no such file",
        CliFailed,
    ),
    Row(
        ("barq normalize x", "barq tokenize x"),
        ("a gazetteer file", "a lexicon file"),
        "exit status 2: barq: <path>: not UTF-8 text (invalid",
        CliFailed,
    ),
    Row(
        ("barq normalize x",),
        ("gzip that is not gzip", "a folder"),
        "exit status 2: barq: <path>: cannot read: ",
        CliFailed,
    ),
    Row(
        ("barq annotate --gazetteer x",),
        ("corrupted file",),
        "exit status 2: barq: cannot load gazetteer <path>: corrupt gazetteer data",
        CliFailed,
    ),
    Row(
        ("barq annotate --gazetteer x",),
        ("csv without a term column",),
        "exit status 2: barq: <path>: line 1: the header must have a 'term' column",
        CliFailed,
    ),
    Row(
        ("barq annotate --gazetteer x",),
        ("missing file",),
        "exit status 2: barq: <path>: no such gazetteer file",
        CliFailed,
    ),
    Row(
        ("barq normalize --preset x",),
        ("unknown name",),
        f"exit status 2: barq: {PRESET}",
        CliFailed,
    ),
    Row(
        ("barq stem --scheme x",),
        ("unknown name",),
        "exit status 2: barq stem: error: argument --scheme: invalid choice: 'colour'",
        CliFailed,
    ),
]


def _expected_message(row: Row, x: Any) -> str:
    """``row.says`` for input ``x``: ``{type}`` is its type, ``<path>`` its path (as Rust's
    ``{:?}`` or Python's ``str`` prints it), ``<what>`` the kind of file."""
    return row.says.replace("{type}", type(x).__name__)


def _matches(message: str, says: str, x: Any) -> bool:
    pattern = re.escape(says)
    pattern = pattern.replace(re.escape("<path>"), r'"?[^"]*"?').replace(
        re.escape("<what>"), r"\w+"
    )
    return re.search(pattern, message) is not None


CASES = [
    pytest.param(row, call, given, id=f"{call} | {given}")
    for row in ROWS
    for call in row.calls
    for given in row.inputs
]


@pytest.mark.parametrize(("row", "call", "given"), CASES)
def test_bad_input(row: Row, call: str, given: str) -> None:
    x = INPUTS[given]()
    if row.raises is None:
        value = CALLS[call](x)
        assert row.check is not None and row.check(value, x), f"{call} gave {value!r:.200}"
        return
    with pytest.raises(row.raises) as caught:
        CALLS[call](x)
    message = str(caught.value)
    assert _matches(message, _expected_message(row, x), x), message


def test_every_call_and_input_is_in_the_table() -> None:
    used_calls = {c for row in ROWS for c in row.calls}
    used_inputs = {i for row in ROWS for i in row.inputs}
    assert set(CALLS) - used_calls == set()
    assert set(INPUTS) - used_inputs == set()


TABLE_START, TABLE_END = "<!-- bad-input-table -->", "<!-- /bad-input-table -->"


def table_lines() -> list[str]:
    return [
        "| call | input | what happens |",
        "|---|---|---|",
        *(row.markdown() for row in ROWS),
    ]


def readme_table() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Bad input\n", 1)[1].split("\n## ", 1)[0]
    table = section.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0]
    return [line for line in table.splitlines() if line.strip()]


def test_the_readme_table_is_the_rows() -> None:
    """The README's table is made from ROWS (print it with ``python tests/test_bad_input.py``)."""
    assert readme_table() == table_lines()


if __name__ == "__main__":
    print("\n".join(table_lines()))
