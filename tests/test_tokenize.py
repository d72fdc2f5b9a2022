"""Tokenization and sentence splitting (golden cases shared with tests/tokenize.rs)."""

from __future__ import annotations

import gzip
import itertools
import json
import pickle
from pathlib import Path

import barq
import pytest
from barq import Normalizer, Span, Token, Tokenizer
from hypothesis import given, settings
from hypothesis import strategies as st

GOLDEN = json.loads((Path(__file__).parent / "data" / "tokenize.json").read_text("utf-8"))
SHARED = Path(__file__).resolve().parents[2] / "shared"
NEWS = SHARED / "data" / "news" / "news_ant_v2_multisource.jsonl.gz"
KINDS = {"word", "number", "punct", "symbol", "url", "email", "hashtag", "mention", "emoji"}


@pytest.mark.parametrize("case", GOLDEN["tokens"], ids=lambda c: c["name"])
def test_golden_tokens(case):
    tokens = Tokenizer().tokenize(case["text"])
    assert [[t.text, t.kind] for t in tokens] == case["tokens"]


@pytest.mark.parametrize("case", GOLDEN["sentences"], ids=lambda c: c["name"])
def test_golden_sentences(case):
    assert barq.sentences(case["text"]) == case["sentences"]
    spans = Tokenizer().sentences(case["text"])
    assert [case["text"][s.start : s.end] for s in spans] == case["sentences"]


def test_tokens_carry_code_point_offsets_into_the_original():
    text = "قالَ الرئيسُ: «سنبدأ» 👍🏽"
    tokens = Tokenizer().tokenize(text)
    assert [(t.start, t.end) for t in tokens] == [
        (0, 4),
        (5, 12),
        (12, 13),
        (14, 15),
        (15, 20),
        (20, 21),
        (22, 24),
    ]
    for t in tokens:
        assert text[t.start : t.end] == t.text


def test_norm_is_the_normalized_token_and_offsets_stay_on_the_original():
    t = Tokenizer(normalizer=Normalizer.preset("search"))
    tokens = t.tokenize("وَصَلَتْ  الرِّسالـــةُ")
    assert [(x.text, x.norm, x.start, x.end) for x in tokens] == [
        ("وَصَلَتْ", "وصلت", 0, 8),
        ("الرِّسالـــةُ", "الرساله", 10, 23),
    ]
    assert Tokenizer().tokenize("كلمة")[0].norm is None


def test_words_and_module_functions():
    text = "سافر إلى الرياض، ثم عاد. وانتهى!"
    assert Tokenizer().words(text) == [
        "سافر",
        "إلى",
        "الرياض",
        "،",
        "ثم",
        "عاد",
        ".",
        "وانتهى",
        "!",
    ]
    assert barq.tokenize(text) == Tokenizer().words(text)
    assert barq.sentences(text) == ["سافر إلى الرياض، ثم عاد.", "وانتهى!"]
    assert Tokenizer().offsets("ب جـ") == [(0, 1), (2, 4)]


def test_camel_mode_splits_every_punctuation_and_symbol():
    t = Tokenizer(mode="camel")
    assert t.words("دفع 1,000.5 لـ”جيش” #وسم 👍🏽!") == [
        "دفع", "1", ",", "000", ".", "5", "لـ", "”", "جيش", "”", "#", "وسم", "👍🏽", "!",
    ]  # fmt: skip
    assert t.mode == "camel"


@pytest.mark.parametrize("text", ["", "   ", "\n\t\u00a0\u3000"])
def test_empty_and_white_space_give_nothing(text):
    assert Tokenizer().tokenize(text) == []
    assert Tokenizer(mode="camel").tokenize(text) == []
    assert barq.tokenize(text) == []
    assert barq.sentences(text) == []


def test_bad_input_raises_clear_errors():
    t = Tokenizer()
    with pytest.raises(TypeError, match="text must be str, not int"):
        t.tokenize(5)
    with pytest.raises(ValueError, match="lone surrogate at position 3"):
        t.tokenize("مرحب\ud800"[1:])
    with pytest.raises(ValueError, match='unknown tokenizer mode "farasa"'):
        Tokenizer(mode="farasa")
    with pytest.raises(TypeError):
        Tokenizer(normalizer="search")
    with pytest.raises(TypeError, match="single str"):
        t.tokenize_batch("نص")
    with pytest.raises(TypeError, match=r"texts\[1\] must be str or None, not int"):
        t.tokenize_batch(["نص", 3])
    with pytest.raises(ValueError, match="threads must be a positive integer"):
        t.tokenize_batch(["نص"], threads=0)
    with pytest.raises(ValueError, match='unknown output "ids"'):
        t.tokenize_batch(["نص"], output="ids")
    with pytest.raises(ValueError, match='unknown token kind "verb"'):
        Token("ب", 0, 1, "verb")


def test_batch_keeps_order_and_none():
    t = Tokenizer()
    texts = ["أول نص.", None, "", float("nan"), "ثالث 3,5 #وسم"]
    out = t.tokenize_batch(texts, threads=2)
    assert out[1] is None and out[3] is None and out[2] == []
    assert out[0] == t.tokenize("أول نص.")
    assert t.tokenize_batch(texts, output="words")[4] == ["ثالث", "3,5", "#وسم"]
    assert t.tokenize_batch(texts, output="offsets")[0] == [(0, 3), (4, 6), (6, 7)]
    assert t.tokenize_batch(iter(["ب"]), threads=1) == [t.tokenize("ب")]


def test_token_span_and_tokenizer_pickle_compare_and_repr():
    t = Tokenizer(normalizer=Normalizer.preset("search"), mode="camel")
    assert pickle.loads(pickle.dumps(t)) == t
    assert t != Tokenizer() and Tokenizer() == Tokenizer()
    assert repr(t) == 'Tokenizer(normalizer=Normalizer.preset("search"), mode="camel")'
    assert repr(Tokenizer()) == "Tokenizer()"
    token = t.tokenize("الْعِلْمُ")[0]
    assert pickle.loads(pickle.dumps(token)) == token
    assert token == Token("الْعِلْمُ", 0, 9, "word", "العلم")
    assert hash(token) == hash(Token("الْعِلْمُ", 0, 9, "word", "العلم"))
    assert repr(token) == "Token('الْعِلْمُ', 0, 9, 'word', norm='العلم')"
    span = Tokenizer().sentences("جملة. أخرى")[1]
    assert span == Span("أخرى", 6, 10)
    assert pickle.loads(pickle.dumps(span)) == span
    assert repr(span) == "Span('أخرى', 6, 10)"
    with pytest.raises(AttributeError):
        token.start = 3  # type: ignore[misc]


def test_long_tokens_and_large_inputs():
    word = "ب" * 1_000_000
    assert Tokenizer().words(word) == [word]
    text = "كتب الطالب 1,000.5 كلمة. " * 40_000
    tokens = Tokenizer().tokenize(text)
    assert len(tokens) == 5 * 40_000
    assert tokens[-1].end == len(text) - 1


# Property tests -----------------------------------------------------------------------------

PIECES = list("ابتثجـةىأ ًٌٍَُِّْ٠١٢٣0123.,،؛؟!«»“”\"'()#@_:/%-…\n\ta") + [
    "\u200c", "\u200d", "\u200f", "\ufe0f", "😀", "👍", "\U0001f3fd", "\U0001f1f8",
    "http://", "www.",
]  # fmt: skip
ARABIC_SOCIAL = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
ANY_TEXT = st.text(max_size=60)


def _covered(text, tokens):
    return "".join(text[t.start : t.end] for t in tokens)


@settings(max_examples=300)
@given(st.one_of(ARABIC_SOCIAL, ANY_TEXT), st.sampled_from(["default", "camel"]))
def test_offsets_slice_back_and_tokens_are_lossless(text, mode):
    tokens = Tokenizer(mode=mode).tokenize(text)
    last = 0
    for t in tokens:
        assert text[t.start : t.end] == t.text
        assert t.start >= last and t.end > t.start and t.kind in KINDS
        assert text[last : t.start].isspace() or last == t.start
        last = t.end
    assert _covered(text, tokens) == "".join(text.split())


@settings(max_examples=100)
@given(st.lists(st.one_of(st.none(), ARABIC_SOCIAL), max_size=12))
def test_batch_equals_loop(texts):
    t = Tokenizer(normalizer=Normalizer.preset("search"))
    loop = [None if x is None else t.tokenize(x) for x in texts]
    assert t.tokenize_batch(texts, threads=2) == loop
    words = [None if x is None else t.words(x) for x in texts]
    assert t.tokenize_batch(texts, output="words") == words


@settings(max_examples=200)
@given(ARABIC_SOCIAL)
def test_sentences_are_ordered_and_slice_back(text):
    last = 0
    for span in Tokenizer().sentences(text):
        assert text[span.start : span.end] == span.text == span.text.strip()
        assert span.start >= last
        last = span.end


@settings(max_examples=100)
@given(ARABIC_SOCIAL)
def test_pickled_tokens_round_trip(text):
    tokens = Tokenizer(normalizer=Normalizer.preset("light")).tokenize(text)
    assert pickle.loads(pickle.dumps(tokens)) == tokens


# camel_tools compatibility ------------------------------------------------------------------


def test_camel_mode_reproduces_camel_tools_on_news():
    word = pytest.importorskip("camel_tools.tokenizers.word", reason="camel_tools is not installed")
    if not NEWS.exists():
        pytest.skip(f"the news corpus is not at {NEWS} (it lives in ../shared beside the repo)")
    t = Tokenizer(mode="camel")
    with gzip.open(NEWS, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, 2000):
            doc = json.loads(line)
            for text in (doc.get("title") or "", doc.get("text") or ""):
                assert t.words(text) == word.simple_word_tokenize(text)
