"""barq.transliterate: the four camel_tools schemes both ways, alignment, batches, errors.

The expected outputs are worked out by hand from camel_tools 1.6's charmap files (ar2bw_map.json
and its kin); the comparison with camel_tools itself at the end runs where it is installed.
"""

from __future__ import annotations

import gzip
import json
import math
import random
from importlib import metadata
from pathlib import Path

import barq
import pandas as pd
import pyarrow as pa
import pytest
from barq import Aligned, transliterate, transliterate_align, transliterate_batch
from hypothesis import given
from hypothesis import strategies as st

SCHEMES = ["bw", "safebw", "xmlbw", "hsb"]

# (Arabic, bw, safebw, xmlbw, hsb), each worked out character by character.
CASES = [
    # harakat, sukun, shadda (written after its letter, before the haraka), ta marbuta, alef
    # maqsura, hamza under alef
    (
        "ذَهَبَتْ فاطِمَةُ إلى السّوقِ",
        "*ahabato fATimapu <lY Als~wqi",
        "Vahabato fATimapu IlY Als~wqi",
        "*ahabato fATimapu IlY Als~wqi",
        "ðahabat. fATimaħu Ălý Als~wqi",
    ),
    # every hamza form and tanween
    (
        "سَأَلَ رَئِيسٌ عَنْ مُؤْتَمَرٍ وَآخِرِ جُزْءٍ",
        "sa>ala ra}iysN Eano mu&otamarK wa|xiri juzo'K",
        "saOala raQiysN Eano muWotamarK waMxiri juzoCK",
        "saOala ra}iysN Eano muWotamarK wa|xiri juzo'K",
        "saÂala raŷiysũ ςan. muŵ.tamarĩ waĀxiri juz.'ĩ",
    ),
    # tatweel, sheen, tanween fath
    ("جمـــيلة مستشفى شكرًا", "jm___ylp mst$fY $krFA", "jm___ylp mstcfY ckrFA", None, None),
    # superscript alef, alef wasla, the Persian letters
    ("هٰذا ٱبْن پ چ ڤ گ", "h`*A {bon P J V G", "heVA Lbon P J B G", None, "háðA Äb.n p c v g"),
    # digits (Arabic-Indic ones too), Arabic punctuation, emoji, Latin: all kept as they are
    (
        "العام ٢٠٢٤، أو 2024؟ 👋🏽 Hi",
        "AlEAm ٢٠٢٤، >w 2024؟ 👋🏽 Hi",
        "AlEAm ٢٠٢٤، Ow 2024؟ 👋🏽 Hi",
        "AlEAm ٢٠٢٤، Ow 2024؟ 👋🏽 Hi",
        "AlςAm ٢٠٢٤، Âw 2024؟ 👋🏽 Hi",
    ),
    ("", "", "", "", ""),
]


# (text, scheme, expected) for every example worked out by hand (None: not worked out)
WORKED = [
    pytest.param(case[0], scheme, case[i + 1], id=f"{scheme}-{case[1][:12] or 'empty'}")
    for case in CASES
    for i, scheme in enumerate(SCHEMES)
    if case[i + 1] is not None
]


@pytest.mark.parametrize(("arabic", "scheme", "expected"), WORKED)
def test_hand_worked_examples(arabic, scheme, expected):
    assert transliterate(arabic, scheme=scheme) == expected
    assert len(expected) == len(arabic)
    # back to Arabic, except the Latin that was in the text (H, i of "Hi" are bw letters)
    back = transliterate(expected, scheme=scheme, reverse=True)
    if "Hi" not in arabic:
        assert back == arabic


def test_default_scheme_is_buckwalter():
    assert transliterate("كَتَبَ") == "kataba"
    assert barq.transliterate("kataba", reverse=True) == "كَتَبَ"


def test_reverse_maps_latin_letters_of_the_scheme_and_keeps_the_rest():
    # bw has H, l and o (ح ل sukun) but not e; safebw has e (superscript alef)
    assert transliterate("Hello 3!", reverse=True) == "حeللْ 3!"
    assert transliterate("Hello", scheme="safebw", reverse=True) == "حٰللْ"
    assert transliterate("ħ θ ς", scheme="hsb", reverse=True) == "ة ث ع"
    assert transliterate("ħ θ ς") == "ħ θ ς"


def test_the_schemes_differ_where_buckwalter_has_symbols():
    text = "أَإِؤُئ ذ ش"
    assert [transliterate(text, scheme=s) for s in SCHEMES] == [
        ">a<i&u} * $",
        "OaIiWuQ V c",
        "OaIiWu} * $",
        "ÂaĂiŵuŷ ð š",
    ]


def test_marks_the_maps_do_not_list_are_kept():
    # Quranic marks, hamza above U+0654, subscript alef U+0656 and the extended letters
    text = "\u0610\u0654\u0656 ڭ ۀ"
    for scheme in SCHEMES:
        assert transliterate(text, scheme=scheme) == text
        assert transliterate(text, scheme=scheme, reverse=True) == text


arabic_text = st.text(
    st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.sampled_from(" 0123456789,!😀"),  # none is a Latin letter of a scheme
    ),
    max_size=60,
)


@given(text=arabic_text, scheme=st.sampled_from(SCHEMES))
def test_round_trip_of_arabic_text(text, scheme):
    latin = transliterate(text, scheme=scheme)
    assert len(latin) == len(text)
    assert transliterate(latin, scheme=scheme, reverse=True) == text


@given(text=st.text(), scheme=st.sampled_from(SCHEMES), reverse=st.booleans())
def test_any_text_keeps_its_length_and_batch_equals_loop(text, scheme, reverse):
    out = transliterate(text, scheme=scheme, reverse=reverse)
    assert len(out) == len(text)
    assert transliterate_batch([text, None], scheme=scheme, reverse=reverse, threads=1) == [
        out,
        None,
    ]


# --- alignment ---------------------------------------------------------------------------------


def test_alignment_maps_latin_spans_back_to_the_arabic():
    president = "الر\u0651\u064eئ\u0650يس\u064f"  # الرَّئِيسُ, shadda before fatha
    text = f"قالَ {president}: نَعَمْ 😀"
    a = transliterate_align(text, scheme="bw")
    assert isinstance(a, Aligned)
    assert a.text == transliterate(text) == "qAla Alr~a}iysu: naEamo 😀"
    start = a.text.index("Alr~a}iysu")
    s, e = a.to_original(start, start + len("Alr~a}iysu"))
    assert text[s:e] == president
    s, e = a.to_original(a.text.index("😀"), len(a.text))
    assert text[s:e] == "😀"
    word = text.index("نَعَمْ")
    s, e = a.to_normalized(word, word + len("نَعَمْ"))
    assert a.text[s:e] == "naEamo"
    assert len(a) == len(text)


def test_alignment_of_the_reverse_direction():
    a = transliterate_align("ktb Alwld", scheme="bw", reverse=True)
    assert a.text == "كتب الولد"
    assert a.to_original(4, 9) == (4, 9)


@given(text=st.text(), scheme=st.sampled_from(SCHEMES), reverse=st.booleans())
def test_alignment_is_the_identity(text, scheme, reverse):
    a = transliterate_align(text, scheme=scheme, reverse=reverse)
    assert a.text == transliterate(text, scheme=scheme, reverse=reverse)
    n = len(text)
    for i in range(n):
        assert a.to_original(i, i + 1) == (i, i + 1)
        assert text[slice(*a.to_original(i, n))] == text[i:]
    assert a.to_original(n, n) == (n, n)


# --- batches -----------------------------------------------------------------------------------

TEXTS = ["ذَهَبَ الوَلَدُ", None, "مدرسة ابتدائية", "", "سؤال 😀", float("nan"), "ħ"]


def single(text, scheme="bw", reverse=False):
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    return transliterate(text, scheme=scheme, reverse=reverse)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("threads", [None, 1, 2])
def test_batch_of_a_list_is_the_single_calls(scheme, reverse, threads):
    expected = [single(t, scheme, reverse) for t in TEXTS]
    got = transliterate_batch(TEXTS, scheme=scheme, reverse=reverse, threads=threads)
    assert got == expected
    assert transliterate_batch(iter(TEXTS), scheme=scheme, reverse=reverse) == expected


@pytest.mark.parametrize("dtype", [object, "string[python]", "str"])
def test_batch_of_a_series(dtype):
    s = pd.Series(TEXTS, index=list("abcdefg"), name="t", dtype=dtype)
    got = transliterate_batch(s, scheme="hsb")
    expected = [single(t, "hsb") for t in TEXTS]
    assert [None if pd.isna(v) else v for v in got] == expected
    if dtype == "str":  # Arrow-backed: the result is a Series of the same dtype
        assert isinstance(got, pd.Series) and str(got.dtype) == "str"
        assert list(got.index) == list("abcdefg") and got.name == "t"


@pytest.mark.parametrize("arrow_type", [pa.string(), pa.large_string(), pa.string_view()])
def test_batch_of_arrow(arrow_type):
    values = [None if isinstance(t, float) else t for t in TEXTS]
    array = pa.array(values, type=arrow_type)
    got = transliterate_batch(array, scheme="safebw")
    assert isinstance(got, pa.Array) and got.type == arrow_type
    assert got.to_pylist() == [single(t, "safebw") for t in values]
    chunked = pa.chunked_array([values[:3], values[3:]], type=arrow_type)
    got = transliterate_batch(chunked, scheme="safebw", reverse=True)
    assert isinstance(got, pa.ChunkedArray)
    assert got.to_pylist() == [single(t, "safebw", True) for t in values]


def test_long_text_and_large_batch():
    text = "تَجْرِبَةٌ طَوِيلَةٌ جِدًّا " * 5000
    latin = transliterate(text)
    assert transliterate(latin, reverse=True) == text
    texts = [f"نص رقم {i} 😀" for i in range(5000)]
    assert transliterate_batch(texts, threads=2) == [transliterate(t) for t in texts]


# --- pandas accessor and errors ----------------------------------------------------------------


def test_pandas_accessor():
    import barq.pandas  # noqa: F401

    s = pd.Series(["كتاب", None, "قلم"], index=[10, 20, 30], name="w", dtype=object)
    out = s.barq.transliterate()
    assert list(out) == ["ktAb", None, "qlm"] and list(out.index) == [10, 20, 30]
    assert out.name == "w"
    back = out.barq.transliterate(reverse=True)
    assert list(back) == ["كتاب", None, "قلم"]
    arrow = pd.Series(["كتاب", None], dtype="str").barq.transliterate("hsb")
    assert str(arrow.dtype) == "str" and arrow.iloc[0] == "ktAb" and pd.isna(arrow.iloc[1])


def test_unknown_scheme_is_a_value_error_naming_the_valid_ones():
    for call in (
        lambda: transliterate("كتب", scheme="buckwalter"),
        lambda: transliterate_batch(["كتب"], scheme="BW"),
        lambda: transliterate_align("كتب", scheme=""),
    ):
        with pytest.raises(ValueError, match='valid schemes: "bw", "safebw", "xmlbw", "hsb"'):
            call()


def test_bad_types_are_type_errors_naming_the_type():
    with pytest.raises(TypeError, match="text must be str, not int"):
        transliterate(42)
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        transliterate_align("كتب".encode())
    with pytest.raises(TypeError, match="scheme must be str, not int"):
        transliterate("كتب", scheme=1)
    with pytest.raises(TypeError, match="reverse must be True or False, not str"):
        transliterate("كتب", reverse="yes")
    with pytest.raises(TypeError, match=r"texts\[1\] must be str or None, not int"):
        transliterate_batch(["كتب", 3])
    with pytest.raises(TypeError, match="not a single str"):
        transliterate_batch("كتب")
    with pytest.raises(ValueError, match="threads must be a positive integer"):
        transliterate_batch(["كتب"], threads=0)


def test_lone_surrogate_is_a_value_error_with_its_position():
    with pytest.raises(ValueError, match="lone surrogate at position 2"):
        transliterate("كت\ud800ب")
    with pytest.raises(ValueError, match=r"texts\[1\] has a lone surrogate at position 0"):
        transliterate_batch(["كتب", "\udfff"])


# --- camel_tools itself ------------------------------------------------------------------------

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news"


@pytest.fixture(scope="module")
def camel_mappers():
    charmap = pytest.importorskip("camel_tools.utils.charmap")
    version = metadata.version("camel-tools")
    if not version.startswith("1.6"):
        pytest.skip(f"needs camel_tools 1.6 to compare against (found {version})")
    mappers = {}
    for scheme in SCHEMES:
        mappers[scheme, False] = charmap.CharMapper.builtin_mapper(f"ar2{scheme}")
        mappers[scheme, True] = charmap.CharMapper.builtin_mapper(f"{scheme}2ar")
    return mappers


def random_sample(mappers, count=20_000, seed=11):
    """Random strings from the Arabic blocks, every character the maps list (Arabic and Latin),
    ASCII, emoji and any other code point."""
    rng = random.Random(seed)
    listed = sorted({c for m in mappers.values() for c in m._charmap})
    blocks = [(0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF)]
    blocks += [(0xFE70, 0xFEFF), (0x20, 0x7E), (0x80, 0x3FF), (0x1F300, 0x1FAFF)]

    def char():
        roll = rng.random()
        if roll < 0.4:
            return rng.choice(listed)
        if roll < 0.95:
            lo, hi = rng.choice(blocks)
            return chr(rng.randint(lo, hi))
        cp = rng.randint(0, 0x10FFFF)
        return chr(cp) if not 0xD800 <= cp <= 0xDFFF else " "

    return ["".join(char() for _ in range(rng.randint(0, 60))) for _ in range(count)]


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("scheme", SCHEMES)
def test_identical_to_camel_tools(camel_mappers, scheme, reverse):
    mapper = camel_mappers[scheme, reverse]
    every_code_point = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    assert transliterate(every_code_point, scheme=scheme, reverse=reverse) == mapper(
        every_code_point
    )
    texts = random_sample(camel_mappers)
    expected = [mapper(t) for t in texts]
    assert [transliterate(t, scheme=scheme, reverse=reverse) for t in texts] == expected
    assert transliterate_batch(texts, scheme=scheme, reverse=reverse) == expected
    arrow = pa.array(texts, type=pa.large_string())
    got = transliterate_batch(arrow, scheme=scheme, reverse=reverse)
    assert got.to_pylist() == expected


def test_news_identical_to_camel_tools(camel_mappers):
    path = NEWS / "news_ant_v2_multisource.jsonl.gz"
    if not path.is_file():
        pytest.skip(f"the shared news corpus is not at {path}")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for _, line in zip(range(2000), lines, strict=False)]
    for scheme in SCHEMES:
        latin = [camel_mappers[scheme, False](t) for t in texts]
        assert transliterate_batch(texts, scheme=scheme) == latin
        back = [camel_mappers[scheme, True](t) for t in latin]
        assert transliterate_batch(latin, scheme=scheme, reverse=True) == back
