"""Clitic segmentation: Tokenizer(clitics=...), Token.role / Token.form and barq.segment.

The golden cases (tests/data/segment.json, barq's own words and sentences) run with the shipped
lexicon, which decides every split.
"""

from __future__ import annotations

import gzip
import json
import pickle
from pathlib import Path

import barq
import pandas as pd
import pyarrow as pa
import pytest
from barq import Lexicon, Normalizer, Token, Tokenizer
from hypothesis import given, settings
from hypothesis import strategies as st

GOLDEN = json.loads((Path(__file__).parent / "data" / "segment.json").read_text("utf-8"))
NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news"
NEWS_FILE = NEWS / "news_ant_v2_multisource.jsonl.gz"

ATB = Tokenizer(clitics="atb")
D3 = Tokenizer(clitics="d3")
PLAIN = Tokenizer()
ROLES = {"proclitic", "stem", "enclitic"}


def grouped(tokenizer: Tokenizer, text: str) -> tuple[str, dict[str, str]]:
    """The pieces of `text` as '+'-joined words, one per unsplit token, and the forms that
    differ from their pieces."""
    pieces = tokenizer.tokenize(text)
    out = []
    for base in PLAIN.tokenize(text):
        inside = [p.text for p in pieces if base.start <= p.start and p.end <= base.end]
        out.append("+".join(inside))
    forms = {p.text: p.form for p in pieces if p.form != p.text}
    return " ".join(out), forms


@pytest.mark.parametrize("case", GOLDEN["atb"], ids=lambda c: c["name"])
def test_golden_atb(case):
    assert grouped(ATB, case["text"]) == (case["pieces"], case.get("forms", {}))


@pytest.mark.parametrize("case", GOLDEN["d3"], ids=lambda c: c["name"])
def test_golden_d3(case):
    assert grouped(D3, case["text"]) == (case["pieces"], case.get("forms", {}))


def test_pieces_have_offsets_roles_and_forms():
    text = "قالَ 😀 إنّهُ سيزورُ للمرّة الأولى بيروتَ، وسيلتقي رئيسَها."
    toks = ATB.tokenize(text)
    got = [(t.text, t.start, t.end, t.role, t.form) for t in toks]
    assert got == [
        ("قالَ", 0, 4, None, "قالَ"),
        ("😀", 5, 6, None, "😀"),
        ("إنّ", 7, 10, "stem", "إنّ"),
        ("هُ", 10, 12, "enclitic", "هُ"),
        ("س", 13, 14, "proclitic", "س"),
        ("يزورُ", 14, 19, "stem", "يزورُ"),
        ("ل", 20, 21, "proclitic", "ل"),
        ("لمرّة", 21, 26, "stem", "المرّة"),
        ("الأولى", 27, 33, None, "الأولى"),
        ("بيروتَ", 34, 40, None, "بيروتَ"),
        ("،", 40, 41, None, "،"),
        ("و", 42, 43, "proclitic", "و"),
        ("س", 43, 44, "proclitic", "س"),
        ("يلتقي", 44, 49, "stem", "يلتقي"),
        ("رئيسَ", 50, 55, "stem", "رئيسَ"),
        ("ها", 55, 57, "enclitic", "ها"),
        (".", 57, 58, None, "."),
    ]
    for t in toks:
        assert text[t.start : t.end] == t.text


def test_norm_is_the_normalized_form():
    t = Tokenizer(normalizer=Normalizer.preset("search"), clitics="atb")
    toks = t.tokenize("لِلحكومةِ حكومتُها")
    assert [(x.text, x.norm) for x in toks] == [
        ("لِ", "ل"),
        ("لحكومةِ", "الحكومه"),
        ("حكومتُ", "حكومه"),
        ("ها", "ها"),
    ]


def test_segment_function_gives_surface_pieces():
    text = "وبالقاهرة كتبتُها للسلطة"
    assert barq.segment(text) == ["و", "ب", "القاهرة", "كتبتُ", "ها", "ل", "لسلطة"]
    assert barq.segment(text, scheme="d3") == [
        "و",
        "ب",
        "ال",
        "قاهرة",
        "كتبتُ",
        "ها",
        "ل",
        "ل",
        "سلطة",
    ]
    assert barq.segment(text) == ATB.words(text)


def test_bad_schemes_and_arguments_raise_clear_errors():
    with pytest.raises(ValueError, match="atb, d3"):
        Tokenizer(clitics="farasa")
    with pytest.raises(ValueError, match="atb, d3"):
        barq.segment("وقال", scheme="ATB")
    with pytest.raises(TypeError, match="scheme must be a str"):
        barq.segment("وقال", scheme=None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="lexicon must be a barq.Lexicon"):
        Tokenizer(clitics="atb", lexicon={"قال": 3})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="surrogate"):
        ATB.tokenize("وقال\ud800")
    with pytest.raises(TypeError):
        ATB.tokenize(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="proclitic, stem, enclitic"):
        Token("و", 0, 1, "word", role="prefix")


def test_a_lexicon_of_ones_own_decides_the_splits():
    # in this lexicon ولد (a boy) is a word of its own and لد is none: no split
    lex = Lexicon.from_texts(["ولد ولد ولد الولد والولد"] * 20)
    t = Tokenizer(clitics="atb", lexicon=lex)
    assert t.words("ولد") == ["ولد"]
    assert t.words("والولد") == ["و", "الولد"]
    assert t.lexicon == lex
    assert Tokenizer(clitics="atb").lexicon == Lexicon.default()
    assert PLAIN.lexicon is None and PLAIN.clitics is None and ATB.clitics == "atb"


def test_tokenizers_with_clitics_pickle_compare_and_show_themselves():
    again = pickle.loads(pickle.dumps(ATB))
    assert again == ATB and again.clitics == "atb" and hash(again) == hash(ATB)
    assert ATB != PLAIN and ATB != D3
    # the shipped lexicon travels by reference, not as its counts
    assert len(pickle.dumps(ATB)) < 1000
    own = Tokenizer(clitics="atb", lexicon=Lexicon.from_texts(["قال وقال"]))
    assert pickle.loads(pickle.dumps(own)) == own
    assert repr(ATB) == 'Tokenizer(clitics="atb")'
    tok = ATB.tokenize("للحكومة")[1]
    assert pickle.loads(pickle.dumps(tok)) == tok
    assert repr(tok) == "Token('لحكومة', 1, 7, 'word', role='stem', form='الحكومة')"
    assert tok != Token("لحكومة", 1, 7, "word")
    assert Token("لحكومة", 1, 7, "word", role="stem", form="الحكومة") == tok


TEXTS = [
    "وقال الوزيرُ إنّ حكومتَه ستعلنُ قرارَها للمواطنين",
    None,
    "",
    "فبأيّ حالٍ عدتَ يا عيدُ؟ 🎉 #وبيروت",
    "ولا شيء هنا: iPhone 15, 3.5%",
]


def test_batch_equals_the_loop_and_arrow_carries_forms_and_roles():
    loop = [None if t is None else ATB.tokenize(t) for t in TEXTS]
    assert ATB.tokenize_batch(TEXTS) == loop
    assert ATB.tokenize_batch(TEXTS, threads=1, output="words") == [
        None if t is None else ATB.words(t) for t in TEXTS
    ]
    out = ATB.tokenize_batch(pa.array(TEXTS, type=pa.large_string()))
    rows = out.to_pylist()
    for text, toks, tokens in zip(TEXTS, rows, loop, strict=True):
        if text is None:
            assert toks is None and tokens is None
            continue
        assert [(r["text"], r["form"], r["role"]) for r in toks] == [
            (t.text, t.form, t.role) for t in tokens
        ]
    words = ATB.tokenize_batch(pa.array(TEXTS), output="words").to_pylist()
    assert words == [None if t is None else ATB.words(t) for t in TEXTS]


def test_pandas_and_the_command_line_take_clitics():
    import barq.pandas  # noqa: F401

    s = pd.Series(TEXTS[:2], index=["a", "b"], dtype=object)
    out = s.barq.tokenize(clitics="atb")
    assert out["a"] == ATB.words(TEXTS[0]) and out["b"] is None
    with pytest.raises(ValueError, match="clitics"):
        s.barq.tokenize(PLAIN, clitics="atb")


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------

PIECES = ["و", "ف", "ب", "ل", "ك", "س", "ال", "لل", "بال", "وال", "ه", "ها", "هم", "كم", "نا", "ني"]
WORDS = ["قال", "حكومة", "حكومت", "بيروت", "كتاب", "يعلن", "من", "على", "علي", "إن", "مدينة"]
MARKS = ["\u064e", "\u0650", "\u0651", "\u0652", "\u0640", "\u200c", "\u200f"]
OTHER = [" ", "  ", "، ", ".", "😀", "👍🏽", "abc", "2025", "\n", "«", "»", "#", "\u201d"]


@st.composite
def arabic_texts(draw):
    parts = draw(st.lists(st.sampled_from(PIECES + WORDS + MARKS + OTHER), max_size=30))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(arabic_texts())
def test_pieces_partition_every_token(text):
    base = PLAIN.tokenize(text)
    for scheme in (ATB, D3):
        pieces = scheme.tokenize(text)
        assert [p.text for p in pieces] == [text[p.start : p.end] for p in pieces]
        k = 0
        for b in base:
            inside = []
            while k < len(pieces) and pieces[k].end <= b.end:
                inside.append(pieces[k])
                k += 1
            # contiguous, covering the token, in order
            assert inside[0].start == b.start and inside[-1].end == b.end
            assert all(x.end == y.start for x, y in zip(inside, inside[1:], strict=False))
            if len(inside) == 1:
                assert inside[0] == b and inside[0].role is None
                continue
            roles = [p.role for p in inside]
            assert b.kind == "word" and all(p.kind == "word" for p in inside)
            assert roles.count("stem") == 1 and set(roles) <= ROLES
            stem = roles.index("stem")
            assert all(r == "proclitic" for r in roles[:stem])
            assert all(r == "enclitic" for r in roles[stem + 1 :]) and len(roles) - stem <= 2
        assert k == len(pieces)


@settings(max_examples=200, deadline=None)
@given(arabic_texts())
def test_clitics_none_is_unchanged(text):
    plain = Tokenizer(clitics=None).tokenize(text)
    assert plain == PLAIN.tokenize(text)
    assert all(t.role is None and t.form == t.text for t in plain)
    # clitics only ever split word tokens: every other token is as without them
    others = [t for t in ATB.tokenize(text) if t.role is None]
    assert [t for t in plain if t.kind != "word"] == [t for t in others if t.kind != "word"]


@pytest.mark.skipif(not NEWS_FILE.exists(), reason="the shared news corpus is not beside the repo")
def test_news_articles_stay_lossless_and_batch_equals_loop():
    texts = []
    with gzip.open(NEWS_FILE, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 3 == 0:  # held-out articles
                texts.append(json.loads(line)["text"])
            if len(texts) == 150:
                break
    batch = ATB.tokenize_batch(texts, threads=2)
    split = 0
    for text, toks in zip(texts, batch, strict=True):
        assert toks == ATB.tokenize(text)
        assert "".join(t.text for t in toks) == "".join(text.split())
        split += sum(t.role == "proclitic" for t in toks)
    assert split > 1000  # news text is full of clitics
