"""barq.Normalizer: every option, the presets, idempotence, alignment, batches, pickling, errors.

Golden cases live in tests/data/normalize_cases.json (shared with tests/normalize.rs); the
expected outputs there and here are written by hand from docs/API.md, not copied from barq.
"""

from __future__ import annotations

import copy
import json
import math
import os
import pickle
import re
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import barq
import pytest
from barq import Aligned, Normalizer
from hypothesis import given, settings
from hypothesis import strategies as st

CASES_PATH = Path(__file__).parent / "data" / "normalize_cases.json"
CASES = json.loads(CASES_PATH.read_text(encoding="utf-8"))["cases"]

OPTION_NAMES = [
    "diacritics",
    "tatweel",
    "alef",
    "alef_maqsura",
    "teh_marbuta",
    "hamza",
    "presentation_forms",
    "digits",
    "lookalikes",
    "punctuation",
    "quotes",
    "controls",
    "whitespace",
    "lowercase",
    "elongation",
]
# The defaults of docs/API.md.
DEFAULTS = {
    "diacritics": True,
    "tatweel": True,
    "alef": True,
    "alef_maqsura": True,
    "teh_marbuta": False,
    "hamza": False,
    "presentation_forms": True,
    "digits": True,
    "lookalikes": True,
    "punctuation": False,
    "quotes": False,
    "controls": True,
    "whitespace": True,
    "lowercase": False,
    "elongation": False,
}
ALL_OFF = dict.fromkeys(OPTION_NAMES, False)
ALL_ON = dict.fromkeys(OPTION_NAMES, True)
SWITCH_PRESETS = ["light", "search", "social", "default"]
CAMEL_PRESETS = [
    "camel_dediac",
    "camel_alef",
    "camel_alef_maksura",
    "camel_teh_marbuta",
    "camel_unicode",
    "camel_arclean",
]
ALL_PRESETS = SWITCH_PRESETS + CAMEL_PRESETS

# Every white-space character of Unicode (the White_Space property); str.isspace also counts
# the ASCII information separators U+001C-001F, which the whitespace option leaves alone.
UNICODE_SPACES = (
    "\t\n\v\f\r \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
INFORMATION_SEPARATORS = "\x1c\x1d\x1e\x1f"
CONTROLS = (
    "\xad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a\u206b\u206c\u206d\u206e\u206f"
    "\ufeff"
)
ZWJ = "\u200d"


def only(*names: str) -> Normalizer:
    """A normalizer with just the named options on."""
    return Normalizer(**{**ALL_OFF, **dict.fromkeys(names, True)})


def case_normalizer(case: dict) -> Normalizer:
    if "preset" in case:
        return Normalizer.preset(case["preset"])
    return only(*case["options"])


def case_id(case: dict) -> str:
    what = case.get("preset") or "+".join(case["options"]) or "none"
    return f"{what}:{case['input'][:12]}"


# ---------------------------------------------------------------------------------------------
# The alphabet of the property tests
# ---------------------------------------------------------------------------------------------

ARABIC_LETTERS = [chr(cp) for cp in range(0x0621, 0x064B) if cp != 0x0640] + list(
    "\u0671\u0672\u0673\u0675\u067e\u0686\u0698\u06af"  # ٱ ٲ ٳ ٵ پ چ ژ گ
    "\u06a9\u06aa\u06cc\u06d0\u06cd\u06d2\u06d3\u06be\u06c1\u06d5\u06c0\u06c2\u06c3"
    "\u066e\u066f\u06ba\u0676\u0678"  # the look-alikes
)
DIACRITICS = [
    chr(cp)
    for cp in [
        *range(0x064B, 0x0660),
        0x0670,
        *range(0x0610, 0x061B),
        *range(0x06D6, 0x06EE),
        0x08D3,
        0x08F0,
        0x08FF,
    ]
]
# The Arabic combining marks (general category M): a span never separates them from their letter.
ARABIC_MARKS = frozenset(c for c in DIACRITICS if unicodedata.category(c).startswith("M"))
EMOJI = [
    "👩",
    "💻",
    "👍",
    "❤",
    "\ufe0f",
    "🏽",
    "🏻",
    "👩\u200d💻",
    "👨\u200d👩\u200d👧",
    "🧑🏽\u200d💻",
    "❤\ufe0f",
    "🏳\ufe0f\u200d🌈",
]
OTHER_ATOMS = [
    "\u0640",  # tatweel
    *"0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹",
    *"،؛؟٪٫٬⸮۔«»“”„‟‘’‚‛‹›.,!?\"'-()",
    *"AaZzÉéİıßẞΣσςΑΩωЖж𐐀𝐀ǅ",
    "\ufefb",
    "\ufef7",
    "\ufdfd",
    "\ufdfa",
    "\ufdf2",
    "\ufdfc",
    "\ufe76",
    "\ufe77",
    *UNICODE_SPACES,
    *INFORMATION_SEPARATORS,
    *CONTROLS,
]
ATOMS = ARABIC_LETTERS + DIACRITICS + EMOJI + OTHER_ATOMS


@st.composite
def letter_runs(draw: st.DrawFn) -> str:
    """A letter written two to five times, now and then with something between the copies (a
    mark, tatweel, a control, a space): what the elongation option collapses, or must not."""
    # three-byte letters in UTF-8 too (U+0870-U+08C9)
    letter = draw(st.sampled_from([*ARABIC_LETTERS, "\u08a0", "\u0870", "o", "I", "٣"]))
    between = draw(st.sampled_from(["", "", "", "\u0640", "\u064e", "\u0651", "\u200c", " "]))
    return between.join(letter * draw(st.integers(2, 5)))


atom = st.one_of(
    st.sampled_from(ATOMS),
    st.sampled_from(ARABIC_LETTERS),
    st.sampled_from(DIACRITICS),
    letter_runs(),
    # presentation forms A and B, assigned or not
    st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
    st.characters(codec="utf-8"),
)
arabic_text = st.lists(atom, max_size=40).map("".join)
option_sets = st.fixed_dictionaries({name: st.booleans() for name in OPTION_NAMES})


# ---------------------------------------------------------------------------------------------
# Every option, on and off
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_golden_case(case):
    assert case_normalizer(case)(case["input"]) == case["expected"]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_every_option_off_is_the_identity(case):
    assert only()(case["input"]) == case["input"]


def test_every_option_has_a_golden_case():
    covered = {name for case in CASES for name in case.get("options", [])}
    assert covered == set(OPTION_NAMES)


# For each option, text that only that option changes: with every other option on, and this
# one off, it comes out unchanged; with this one on too, it does not.
ONLY_THIS_OPTION_CHANGES = {
    "diacritics": "كَتَبَ هٰذَا قال\u06d6",
    "tatweel": "كتــاب",
    "alef": "أمل إيمان آدم ٱسم",
    "alef_maqsura": "على",
    "teh_marbuta": "مدرسة",
    "hamza": "رئيس مؤتمر",
    "presentation_forms": "\ufefb \ufdfd",
    "digits": "٣ ۴",
    "lookalikes": "\u06a9تاب \u06cc \u06be",
    "punctuation": "نعم، لا؟",
    "quotes": "«نعم»",
    "controls": "ب\u200cب\u200fج",
    "whitespace": "نعم\xa0\u2003لا  ",
    "lowercase": "Hello ΑΘΗΝΑ",
    "elongation": "جمييييل",
}


@pytest.mark.parametrize("name", OPTION_NAMES)
def test_option_off_leaves_its_characters(name):
    text = ONLY_THIS_OPTION_CHANGES[name]
    assert Normalizer(**{**ALL_ON, name: False})(text) == text
    assert Normalizer(**ALL_ON)(text) != text
    assert only(name)(text) != text


def test_diacritics_cover_every_documented_mark():
    n = only("diacritics")
    marks = [
        *range(0x064B, 0x0653),  # harakat, tanween, shadda, sukun
        0x0670,  # superscript alef
        *range(0x0610, 0x061B),
        *range(0x0653, 0x0660),
        *range(0x06D6, 0x06EE),  # Quranic annotation marks
    ]
    for cp in marks:
        assert n(f"ب{chr(cp)}ت") == "بت", f"U+{cp:04X}"


def test_diacritics_keep_letters_and_digits():
    text = "".join(ARABIC_LETTERS) + "٠١٢0123"
    assert only("diacritics")(text) == text


@pytest.mark.parametrize("space", list(UNICODE_SPACES))
def test_whitespace_collapses_every_unicode_space(space):
    n = only("whitespace")
    assert n(f"قال{space}نعم") == "قال نعم"
    assert n(f"{space}قال{space * 3}نعم{space}") == "قال نعم"
    assert only()(f"قال{space}نعم") == f"قال{space}نعم"


def test_whitespace_list_is_complete():
    python_spaces = {chr(cp) for cp in range(0x110000) if chr(cp).isspace()}
    assert python_spaces - set(INFORMATION_SEPARATORS) == set(UNICODE_SPACES)


def test_whitespace_leaves_ascii_information_separators():
    text = "أ\x1cب\x1fج"
    assert only("whitespace")(text) == text


@pytest.mark.parametrize("control", list(CONTROLS))
def test_controls_removes_every_documented_control(control):
    assert only("controls")(f"قا{control}ل") == "قال"
    assert only()(f"قا{control}ل") == f"قا{control}ل"


@pytest.mark.parametrize(
    "sequence",
    ["👩\u200d💻", "👨\u200d👩\u200d👧", "🧑🏽\u200d💻", "🏳\ufe0f\u200d🌈", "❤\ufe0f\u200d🔥"],
)
def test_controls_keep_zwj_inside_emoji_sequences(sequence):
    text = f"برمجة {sequence} اليوم"
    assert only("controls")(text) == text
    assert Normalizer()(text) == text
    # ...but not between Arabic letters on either side of it
    assert only("controls")(f"ب{ZWJ}{sequence}") == f"ب{sequence}"


def test_presentation_forms_fold_every_form_to_letters():
    # Every form with a compatibility decomposition becomes its letters (an isolated haraka
    # becomes the bare mark, without the space of its decomposition); the rest stays.
    n = only("presentation_forms")
    for cp in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)]:
        c = chr(cp)
        if unicodedata.category(c) == "Cn" or c == "\ufdfd":
            continue
        assert n(c) == unicodedata.normalize("NFKC", c).strip(" "), f"U+{cp:04X}"


def test_lowercase_leaves_arabic_alone():
    arabic = "".join(ARABIC_LETTERS) + "".join(DIACRITICS)
    assert only("lowercase")(arabic) == arabic


def test_lowercase_is_full_unicode_lowercase():
    # Greek final sigma aside (lowercased without looking at the word), lowercase is str.lower.
    text = "ÀÉÎ ŒÆ ẞ ǅ İ ΑΒΓΔ ДЖЗ Ⰰ 𐐀𐐁 𝐀"
    assert only("lowercase")(text) == text.lower()


# ---------------------------------------------------------------------------------------------
# Presets
# ---------------------------------------------------------------------------------------------


def test_presets_lists_every_preset():
    assert sorted(Normalizer.presets()) == sorted(ALL_PRESETS)
    for name in Normalizer.presets():
        assert Normalizer.preset(name).preset_name == name
        assert Normalizer(name) == Normalizer.preset(name)


def test_default_preset_is_the_documented_defaults():
    assert Normalizer().options == DEFAULTS
    assert Normalizer.preset("default") == Normalizer()
    assert Normalizer().preset_name == "default"


def test_light_preset_is_lossless_for_reading():
    on = {"presentation_forms", "controls", "whitespace"}
    assert Normalizer.preset("light").options == {name: name in on for name in OPTION_NAMES}
    text = "  قَالَ\u200f أحمدُ:   ﻻ  ٣ «إلى» ـــ "
    assert Normalizer.preset("light")(text) == "قَالَ أحمدُ: لا ٣ «إلى» ـــ"


def test_search_preset_turns_on_everything_but_punctuation_quotes_and_elongation():
    off = {"punctuation", "quotes", "elongation"}
    assert Normalizer.preset("search").options == {name: name not in off for name in OPTION_NAMES}
    # the spellings a search should treat as one
    variants = [
        "مُؤْتَمَرُ القاهرةِ",
        "موتمر القاهره",
        "مؤتمـــر  القاهرة",
        "\ufee3\ufe86\ufe97\ufee4\ufeae ٱلقاهرة",
    ]
    assert {Normalizer.preset("search")(v) for v in variants} == {"موتمر القاهره"}


def test_social_preset_is_search_plus_elongation():
    assert Normalizer.preset("social").options == {
        **Normalizer.preset("search").options,
        "elongation": True,
    }
    # the spellings of social media text that mean one word
    variants = ["جمييييل", "جميــــل", "جمـيـيـيل", "جَمِيييلٌ", "جميل"]
    assert {Normalizer.preset("social")(v) for v in variants} == {"جميل"}
    assert Normalizer.preset("search")("جمييييل") == "جمييييل"


# ---------------------------------------------------------------------------------------------
# Elongation
# ---------------------------------------------------------------------------------------------

# The letters of docs/API.md whose runs the elongation option collapses.
ELONGATION_LETTERS = (
    "\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u0870-\u0887\u0889-\u088e\u08a0-\u08c9"
)
# The rule of docs/API.md, written as a regular expression: a letter and two or more copies of it.
ELONGATED_RUN = re.compile(f"([{ELONGATION_LETTERS}])\\1{{2,}}")


def test_elongation_collapses_runs_and_keeps_pairs():
    n = only("elongation")
    assert n("جمييييل سورياااا واااو") == "جميل سوريا واو"
    assert n("مم ممم الله يحيي") == "مم م الله يحيي"
    # only Arabic letters: Latin letters, digits, emoji and tatweel stay, decided and documented
    text = "soooo www III 1000 ٣٣٣ 😂😂😂 ـــ"
    assert n(text) == text
    # Persian and Urdu letters are Arabic-script letters too
    assert n("گگگل") == "گل"


def test_elongation_sees_what_the_other_options_output():
    text = "جمي\u0640ي\u0640يل ييّي ي\u200cيي أاا"
    # kept, the tatweel, the shadda and the ZWNJ break the runs; a folded alef is another letter
    assert only("elongation")(text) == text
    assert only("elongation", "tatweel", "diacritics", "controls", "alef")(text) == "جميل ي ي ا"
    # white space and punctuation between two letters always break a run
    assert Normalizer.preset("social")("ي ي ي، ي") == "ي ي ي، ي"


@given(options=option_sets, text=arabic_text)
@settings(max_examples=300)
def test_elongation_is_the_documented_rule_on_the_other_options_output(options, text):
    without = Normalizer(**{**options, "elongation": False})(text)
    expected = ELONGATED_RUN.sub(r"\1", without)
    n = Normalizer(**{**options, "elongation": True})
    assert n(text) == expected
    assert n.normalize_batch([text, text + " مم"]) == [expected, n(text + " مم")]
    assert n.align(text).text == expected


@given(text=arabic_text)
@settings(max_examples=200)
def test_a_collapsed_run_maps_to_the_whole_run(text):
    # social is search plus elongation: each run of search's output is one letter of social's,
    # and that letter maps to the original span of the whole run
    search = Normalizer.preset("search").align(text)
    social = Normalizer.preset("social").align(text)
    removed = 0
    for m in ELONGATED_RUN.finditer(search.text):
        kept = m.start() - removed
        assert social.text[kept] == m.group(1)
        assert social.to_original(kept, kept + 1) == search.to_original(m.start(), m.end())
        removed += len(m.group()) - 1
    a = Normalizer.preset("social").align("قال سورياااا")
    assert a.text == "قال سوريا"
    assert a.to_original(4, 9) == (4, 12)
    assert a.to_original(8, 9) == (8, 12)
    assert a.to_normalized(10, 11) == (8, 9)


# The letters that both barq and araclean (0.3: U+0621-U+063A, U+0641-U+064A) collapse. barq
# also collapses U+0620, U+063B-U+063F and the letters of the Arabic Supplement and Extended
# blocks (پ چ ژ گ ک ی ...), which araclean leaves alone: a documented difference.
SHARED_LETTERS = [chr(cp) for cp in [*range(0x0621, 0x063B), *range(0x0641, 0x064B)]]


@given(
    pieces=st.lists(
        st.one_of(
            st.sampled_from(SHARED_LETTERS),
            st.tuples(st.sampled_from(SHARED_LETTERS), st.integers(2, 6)).map(
                lambda t: t[0] * t[1]
            ),
            # what neither collapses nor removes under only("elongation")
            st.sampled_from(
                [" ", "\u0640", "\u064e", "\u0651", "\u200c", "o", "٣", "7", "،", "😂"]
            ),
        ),
        max_size=30,
    )
)
@settings(max_examples=300)
def test_elongation_agrees_with_araclean(pieces):
    # camel_tools 1.6 has no elongation function (its utils normalize only alef, alef maksura,
    # teh marbuta and Unicode); araclean's reduce_elongation, which the contract names, does.
    araclean = pytest.importorskip("araclean")
    text = "".join(pieces)
    assert only("elongation")(text) == araclean.reduce_elongation(text)


@pytest.mark.parametrize("name", CAMEL_PRESETS)
def test_camel_presets_have_no_options(name):
    n = Normalizer.preset(name)
    assert n.options is None
    assert n.preset_name == name


def test_options_override_a_preset():
    n = Normalizer("search", teh_marbuta=False)
    assert n("المدرسة") == "المدرسة"
    assert n.options == {**Normalizer.preset("search").options, "teh_marbuta": False}
    assert n.preset_name is None
    assert Normalizer(teh_marbuta=True)("مدرسة") == "مدرسه"


def test_unknown_preset_lists_the_valid_names():
    with pytest.raises(ValueError, match="nope") as info:
        Normalizer.preset("nope")
    for name in ALL_PRESETS:
        assert name in str(info.value)
    with pytest.raises(ValueError, match="nope"):
        Normalizer("nope")


def test_unknown_option_lists_the_valid_names():
    with pytest.raises(ValueError, match="diacritic") as info:
        Normalizer(diacritic=True)
    for name in OPTION_NAMES:
        assert name in str(info.value)
    with pytest.raises(ValueError, match="harakat"):
        Normalizer("search", harakat=False)


def test_option_values_must_be_bool():
    with pytest.raises(TypeError, match="diacritics"):
        Normalizer(diacritics="yes")
    with pytest.raises(TypeError, match="int"):
        Normalizer(alef=1)


@pytest.mark.parametrize("name", CAMEL_PRESETS)
def test_camel_presets_take_no_options(name):
    with pytest.raises(ValueError, match=name):
        Normalizer(name, diacritics=True)
    with pytest.raises(ValueError, match=name):
        barq.normalize("نص", preset=name, alef=False)


def test_normalize_function():
    assert barq.normalize("الْقَاهِرَةُ") == "القاهره"  # the search preset by default
    assert barq.normalize("الْقَاهِرَةُ", teh_marbuta=False) == "القاهرة"
    assert barq.normalize("  الْقَاهِرَةُ ", preset="light") == "الْقَاهِرَةُ"
    assert barq.normalize("إلى", preset="camel_alef") == "الى"
    assert barq.normalize("ABC", preset="default", lowercase=True) == "abc"
    with pytest.raises(ValueError, match="nope"):
        barq.normalize("نص", preset="nope")
    with pytest.raises(ValueError, match="lowercas"):
        barq.normalize("نص", lowercas=True)


def test_call_and_normalize_agree():
    n = Normalizer.preset("search")
    text = "مدرسةُ الأمل"
    assert n(text) == n.normalize(text) == "مدرسه الامل"


# ---------------------------------------------------------------------------------------------
# Idempotence
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PRESETS)
@given(text=arabic_text)
@settings(max_examples=100)
def test_presets_are_idempotent(name, text):
    n = Normalizer.preset(name)
    once = n(text)
    assert n(once) == once


@given(options=option_sets, text=arabic_text)
@settings(max_examples=200)
def test_any_options_are_idempotent(options, text):
    n = Normalizer(**options)
    once = n(text)
    assert n(once) == once


# ---------------------------------------------------------------------------------------------
# Alignment
# ---------------------------------------------------------------------------------------------


def check_alignment(n: Normalizer, text: str, data: st.DataObject) -> None:
    a = n.align(text)
    assert isinstance(a, Aligned)
    assert a.text == n(text)
    assert len(a) == len(a.text)
    start = data.draw(st.integers(0, len(a.text)), label="start")
    end = data.draw(st.integers(start, len(a.text)), label="end")
    ostart, oend = a.to_original(start, end)
    assert 0 <= ostart <= oend <= len(text)
    nstart, nend = a.to_normalized(ostart, oend)
    assert 0 <= nstart <= nend <= len(a.text)
    if start == end:
        return
    assert nstart <= start and end <= nend
    # A span never separates a letter from the marks after it.
    assert oend == len(text) or text[oend] not in ARABIC_MARKS
    assert ostart == 0 or text[ostart] not in ARABIC_MARKS
    # The original span normalizes to what it became in context (trimming white space at the
    # ends of the text depends on the context, so compare without it).
    got, want = n(text[ostart:oend]), a.text[nstart:nend]
    if (n.options or {}).get("whitespace"):
        got, want = got.strip(), want.strip()
    assert got == want


@pytest.mark.parametrize("name", ALL_PRESETS)
@given(text=arabic_text, data=st.data())
@settings(max_examples=100)
def test_preset_alignment_round_trip(name, text, data):
    check_alignment(Normalizer.preset(name), text, data)


@given(options=option_sets, text=arabic_text, data=st.data())
@settings(max_examples=200)
def test_any_options_alignment_round_trip(options, text, data):
    check_alignment(Normalizer(**options), text, data)


@given(text=arabic_text, data=st.data())
@settings(max_examples=200)
def test_original_spans_map_to_normalized_and_back(text, data):
    n = Normalizer.preset("search")
    a = n.align(text)
    start = data.draw(st.integers(0, len(text)), label="start")
    end = data.draw(st.integers(start, len(text)), label="end")
    nstart, nend = a.to_normalized(start, end)
    assert 0 <= nstart <= nend <= len(a.text)
    ostart, oend = a.to_original(nstart, nend)
    if nstart < nend:
        # Widened to whole segments, the round trip covers what was asked for, except characters
        # at its edges that normalization removed altogether.
        assert n(text[start:ostart]) == ""
        assert n(text[oend:end]) == ""


def test_match_covers_the_marks_of_every_letter():
    # the example of docs/API.md
    a = Normalizer.preset("search").align("دِمَشْقُ")
    assert a.text == "دمشق"
    assert a.to_original(0, 4) == (0, 8)
    text = "زرتُ دِمَشْقَ وحَلَبَ أمسِ"
    a = Normalizer.preset("search").align(text)
    assert a.text == "زرت دمشق وحلب امس"
    start = a.text.index("دمشق")
    ostart, oend = a.to_original(start, start + 4)
    assert text[ostart:oend] == "دِمَشْقَ"
    start = a.text.index("حلب")
    ostart, oend = a.to_original(start, start + 3)
    assert text[ostart:oend] == "حَلَبَ"


def test_alignment_of_removed_tatweel_and_controls():
    text = "الـــعـربية\u200f جميلة"
    a = Normalizer().align(text)
    assert a.text == "العربية جميلة"
    start = a.text.index("جميلة")
    ostart, oend = a.to_original(start, start + 5)
    assert text[ostart:oend] == "جميلة"
    ostart, oend = a.to_original(0, 7)
    assert text[ostart:oend].replace("\u0640", "") == "العربية"


@pytest.mark.parametrize(
    ("source", "produced"),
    [("\ufefb", "لا"), ("\ufdfd", "بسم الله الرحمن الرحيم"), ("\ufdfa", "صلى الله عليه وسلم")],
)
def test_expansion_maps_every_produced_char_to_its_source(source, produced):
    text = f"قال {source} ثم"
    a = only("presentation_forms").align(text)
    assert a.text == f"قال {produced} ثم"
    where = text.index(source)
    begin = a.text.index(produced)
    for i in range(begin, begin + len(produced)):
        assert a.to_original(i, i + 1) == (where, where + 1)
    assert a.to_normalized(where, where + 1) == (begin, begin + len(produced))


def test_lowercase_expansion_maps_back():
    a = only("lowercase").align("İZMİR")
    assert a.text == "i\u0307zmi\u0307r"
    assert a.to_original(0, 1) == (0, 1)
    assert a.to_original(1, 2) == (0, 1)
    assert a.to_original(4, 5) == (3, 4)


def test_collapsed_white_space_maps_to_the_whole_run():
    text = "قال \u00a0\t  نعم"
    a = Normalizer().align(text)
    assert a.text == "قال نعم"
    assert a.to_original(3, 4) == (3, 8)
    assert a.to_normalized(5, 6) == (3, 4)


def test_emoji_sequence_maps_back_whole():
    text = "نحب 👩\u200d💻 جدا"
    a = Normalizer().align(text)
    assert a.text == text
    where = text.index("👩")
    begin = a.text.index("👩")
    for i in range(begin, begin + 3):
        assert a.to_original(i, i + 1) == (where, where + 3)


def test_empty_spans():
    text = "  أَهْلًا  "
    a = Normalizer().align(text)
    assert a.text == "اهلا"
    assert a.to_original(len(a.text), len(a.text)) == (len(text), len(text))
    assert a.to_normalized(len(text), len(text)) == (len(a.text), len(a.text))
    assert Normalizer().align("").text == ""
    assert Normalizer().align("").to_original(0, 0) == (0, 0)


@pytest.mark.parametrize("span", [(3, 2), (0, 99), (5, 5), (-1, 2), (0, -1)])
def test_bad_spans_raise_value_error(span):
    a = Normalizer().align("سلام")
    with pytest.raises(ValueError):
        a.to_original(*span)
    with pytest.raises(ValueError):
        a.to_normalized(*span)


def test_aligned_reads_like_its_text():
    a = Normalizer().align("أَهْلًا")
    assert str(a) == "اهلا"
    assert "اهلا" in repr(a)


# ---------------------------------------------------------------------------------------------
# Batches
# ---------------------------------------------------------------------------------------------


def test_batch_keeps_order_and_missing_values():
    n = Normalizer.preset("search")
    texts = ["مدرسةٌ", None, "إلى", float("nan"), "", "ﻻ"]
    assert n.normalize_batch(texts) == ["مدرسه", None, "الي", None, "", "لا"]


def test_batch_accepts_any_iterable():
    n = Normalizer()
    texts = ["أَهْلًا", "بِكُمْ"]
    assert n.normalize_batch(iter(texts)) == ["اهلا", "بكم"]
    assert n.normalize_batch(tuple(texts)) == ["اهلا", "بكم"]
    assert n.normalize_batch(t for t in texts) == ["اهلا", "بكم"]
    assert n.normalize_batch([]) == []


@given(texts=st.lists(st.one_of(st.none(), arabic_text), max_size=30), options=option_sets)
@settings(max_examples=100)
def test_batch_equals_loop(texts, options):
    n = Normalizer(**options)
    expected = [None if t is None else n(t) for t in texts]
    assert n.normalize_batch(texts) == expected
    assert n.normalize_batch(texts, threads=1) == expected
    assert n.normalize_batch(texts, threads=2) == expected


@pytest.mark.parametrize("name", ALL_PRESETS)
def test_batch_equals_loop_for_every_preset(name):
    n = Normalizer.preset(name)
    texts = [f"الدرسُ رقم {i} ﻻ ٣ Ab\u200f" * (i % 7) for i in range(300)]
    expected = [n(t) for t in texts]
    for threads in [None, 1, 2, 3]:
        assert n.normalize_batch(texts, threads=threads) == expected


@pytest.mark.parametrize("threads", [0, -1])
def test_batch_rejects_non_positive_threads(threads):
    with pytest.raises(ValueError, match="threads"):
        Normalizer().normalize_batch(["نص"], threads=threads)


def test_batch_reads_barq_num_threads_on_every_call(monkeypatch):
    n = Normalizer()
    texts = ["أَهْلًا"] * 50
    monkeypatch.setenv("BARQ_NUM_THREADS", "2")
    assert n.normalize_batch(texts) == ["اهلا"] * 50
    monkeypatch.setenv("BARQ_NUM_THREADS", "many")
    with pytest.raises(ValueError, match="BARQ_NUM_THREADS"):
        n.normalize_batch(texts)
    # an explicit threads= wins over the environment
    assert n.normalize_batch(texts, threads=1) == ["اهلا"] * 50
    monkeypatch.delenv("BARQ_NUM_THREADS")
    assert n.normalize_batch(texts) == ["اهلا"] * 50


def run_python(code: str, env: dict[str, str] | None = None) -> str:
    full_env = {k: v for k, v in os.environ.items() if k != "BARQ_NUM_THREADS"}
    full_env.update(env or {})
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


# Counts the threads of the process before and after a batch call (the worker pool's threads
# exist once the call returns).
COUNT_WORKERS = """
    import os, barq
    n = barq.Normalizer()
    before = len(os.listdir("/proc/self/task"))
    assert n.normalize_batch(["أَهْلًا"] * 200, threads={threads}) == ["اهلا"] * 200
    print(len(os.listdir("/proc/self/task")) - before)
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
@pytest.mark.parametrize(
    ("threads", "env", "workers"),
    [("None", "3", 3), ("None", "1", 0), ("1", "", 0), ("2", "", 2), ("2", "3", 2)],
)
def test_batch_thread_count(threads, env, workers):
    out = run_python(COUNT_WORKERS.format(threads=threads), {"BARQ_NUM_THREADS": env})
    assert int(out) == workers


def test_batch_works_in_a_forked_child():
    code = """
        import os, barq
        n = barq.Normalizer()
        texts = ["أَهْلًا"] * 200
        assert n.normalize_batch(texts, threads=2) == ["اهلا"] * 200
        pid = os.fork()
        if pid == 0:
            ok = n.normalize_batch(texts, threads=2) == ["اهلا"] * 200
            os._exit(0 if ok else 1)
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status))
    """
    if not hasattr(os, "fork"):
        pytest.skip("needs os.fork")
    assert run_python(code) == "0"


def test_batch_rejects_a_single_string():
    with pytest.raises(TypeError, match="str"):
        Normalizer().normalize_batch("نص واحد")


def test_batch_rejects_a_non_iterable():
    with pytest.raises(TypeError, match="int"):
        Normalizer().normalize_batch(42)


@pytest.mark.parametrize(("item", "type_name"), [(7, "int"), (b"x", "bytes"), (["x"], "list")])
def test_batch_names_the_bad_item(item, type_name):
    with pytest.raises(TypeError, match=rf"texts\[2\].*{type_name}"):
        Normalizer().normalize_batch(["نص", None, item, "نص"])


def test_batch_reports_a_lone_surrogate():
    with pytest.raises(ValueError, match=r"texts\[1\].*position 3"):
        Normalizer().normalize_batch(["نص", "نصو\ud800"])


# A str is stored with one byte per character (ASCII, Latin-1), two (the BMP) or four, and
# normalize_batch writes each result straight into a new str of its input's length and width:
# the results must be the same strs, of the narrowest width, whatever width the input had.
ascii_text = st.text(st.characters(max_codepoint=0x7F), max_size=40)
latin1_text = st.text(st.characters(max_codepoint=0xFF), max_size=40)
bmp_text = st.lists(
    st.one_of(st.sampled_from(ATOMS), st.characters(max_codepoint=0xFFFF, codec="utf-8")),
    max_size=40,
).map(lambda atoms: "".join(a for a in atoms if max(map(ord, a), default=0) <= 0xFFFF))


def same_str(out: str, expected: str) -> bool:
    # == holds only between strs of the same length and width, and isascii() reads the flag of
    # the str's storage, not its characters: a non-canonical str fails one of them
    return type(out) is str and out == expected and out.isascii() == expected.isascii()


@given(
    texts=st.lists(st.one_of(ascii_text, latin1_text, bmp_text, arabic_text), max_size=20),
    options=option_sets,
)
@settings(max_examples=150)
def test_batch_equals_the_aligned_pass_in_every_width(texts, options):
    n = Normalizer(**options)
    expected = [n.align(t).text for t in texts]
    for threads in [1, 2]:
        out = n.normalize_batch(texts, threads=threads)
        assert all(same_str(o, e) for o, e in zip(out, expected, strict=True))
    assert all(same_str(n(t), e) for t, e in zip(texts, expected, strict=True))


@pytest.mark.parametrize("name", ALL_PRESETS)
def test_batch_results_in_every_width(name):
    n = Normalizer.preset(name)
    texts = [
        "",
        " ",
        "abc",
        "  ABC  def  ",  # ASCII that shrinks
        "\u00a0abc\u00e9",  # Latin-1, Latin-1 result
        "\u00a0abc\u00a0",  # Latin-1 that may become ASCII
        "abc\u064e",  # two bytes a character that may become ASCII
        "caf\u00e9\u0640",  # two bytes that may become Latin-1
        "أَهْلًا  وسهلًا ",
        "\ufdfd" * 3,  # longer than its input: does not fit its own length
        "ﻻ" + "ب" * 40,
        "\u0651" * 50 + "\ufdfa",  # shrinks, then grows
        "❤\u200d❤",  # ZWJ between BMP emoji: the general pass
        "😀 ة 👍🏽",  # four bytes a character
        "x" * 5000 + "\u064e",
    ]
    expected = [n.align(t).text for t in texts]
    for threads in [None, 1, 2]:
        out = n.normalize_batch(texts, threads=threads)
        assert all(same_str(o, e) for o, e in zip(out, expected, strict=True))
    assert all(same_str(n(t), e) for t, e in zip(texts, expected, strict=True))


def test_batch_of_str_subclasses():
    class Text(str):
        pass

    out = Normalizer().normalize_batch([Text("أَهْلًا"), Text("abc")])
    assert out == ["اهلا", "abc"] and all(type(t) is str for t in out)


def test_batch_reports_the_first_lone_surrogate():
    texts = ["\ufdfd" * 3 + "\ud800", "نص", "ﻻ\udc00"]
    with pytest.raises(ValueError, match=r"texts\[0\].*position 3"):
        Normalizer().normalize_batch(texts, threads=2)
    with pytest.raises(ValueError, match=r"texts\[1\].*position 1"):
        Normalizer().normalize_batch(texts[1:] + texts[:1])


def test_batch_on_pandas_series():
    pd = pytest.importorskip("pandas")
    n = Normalizer.preset("search")
    texts = ["مدرسةٌ", None, "إلى", "ﻻ"]
    # an object Series is a list of str: a list comes back
    series = pd.Series(texts, index=[10, 20, 30, 40], dtype=object)
    assert n.normalize_batch(series) == ["مدرسه", None, "الي", "لا"]
    # an Arrow-backed Series (pandas 3 infers one) comes back as one, same index (test_arrow.py)
    series = pd.Series([*texts, float("nan")], index=[1, 2, 3, 4, 5])
    out = n.normalize_batch(series)
    if isinstance(out, list):  # pandas without Arrow-backed strings
        assert out == ["مدرسه", None, "الي", "لا", None]
    else:
        assert out.dtype == series.dtype and list(out.index) == [1, 2, 3, 4, 5]
        assert out.isna().tolist() == [False, True, False, False, True]
        assert out.dropna().tolist() == ["مدرسه", "الي", "لا"]


# ---------------------------------------------------------------------------------------------
# Pickling, equality, repr, to_dict
# ---------------------------------------------------------------------------------------------

CUSTOM = [
    Normalizer(teh_marbuta=True),
    Normalizer("light", digits=True),
    Normalizer(**ALL_OFF),
    Normalizer(**ALL_ON),
]
EVERY_NORMALIZER = [Normalizer.preset(name) for name in ALL_PRESETS] + CUSTOM
SAMPLE = "  قَالَ\u200f: «المؤتمرُ» في ﻻ ٣ إلى   Cairo؟ 👩\u200d💻 "


@pytest.mark.parametrize("n", EVERY_NORMALIZER, ids=repr)
def test_pickle_round_trip(n):
    again = pickle.loads(pickle.dumps(n))
    assert again == n
    assert hash(again) == hash(n)
    assert again.options == n.options
    assert again(SAMPLE) == n(SAMPLE)
    assert copy.deepcopy(n) == n


@pytest.mark.parametrize("n", EVERY_NORMALIZER, ids=repr)
def test_repr_evaluates_to_an_equal_normalizer(n):
    assert repr(n).startswith("Normalizer")
    assert eval(repr(n), {"Normalizer": Normalizer}) == n


def test_repr_names_the_preset_or_the_changed_options():
    assert repr(Normalizer.preset("search")) == 'Normalizer.preset("search")'
    assert repr(Normalizer(teh_marbuta=True)) == "Normalizer(teh_marbuta=True)"


def test_equality_and_hash():
    assert Normalizer() == Normalizer.preset("default") == Normalizer(diacritics=True)
    assert Normalizer() != Normalizer(diacritics=False)
    assert Normalizer.preset("camel_alef") != Normalizer.preset("camel_dediac")
    assert Normalizer() != "default"
    assert len({Normalizer(), Normalizer.preset("default"), Normalizer.preset("search")}) == 2
    assert Normalizer("light", **DEFAULTS) == Normalizer()


@pytest.mark.parametrize("n", EVERY_NORMALIZER, ids=repr)
def test_to_dict_is_json_safe_and_round_trips(n):
    d = n.to_dict()
    assert d["format"] == "barq.Normalizer"
    assert isinstance(d["version"], int)
    d = json.loads(json.dumps(d))
    again = Normalizer.from_dict(d)
    assert again == n
    assert again(SAMPLE) == n(SAMPLE)


def test_from_dict_rejects_a_wrong_version():
    d = Normalizer().to_dict()
    with pytest.raises(ValueError, match="version"):
        Normalizer.from_dict({**d, "version": d["version"] + 1})
    with pytest.raises(ValueError, match="version"):
        Normalizer.from_dict({k: v for k, v in d.items() if k != "version"})


def test_from_dict_rejects_a_wrong_format():
    d = Normalizer().to_dict()
    with pytest.raises(ValueError, match="format"):
        Normalizer.from_dict({**d, "format": "barq.Gazetteer"})
    with pytest.raises(ValueError, match="format"):
        Normalizer.from_dict({k: v for k, v in d.items() if k != "format"})
    with pytest.raises(TypeError, match="list"):
        Normalizer.from_dict([d])


def test_from_dict_reads_a_dict_written_before_elongation_existed():
    d = Normalizer.preset("search").to_dict()
    del d["options"]["elongation"]
    assert Normalizer.from_dict(d) == Normalizer.preset("search")
    d = Normalizer.preset("social").to_dict()
    assert d["options"]["elongation"] is True
    assert Normalizer.from_dict(json.loads(json.dumps(d))) == Normalizer.preset("social")


def test_from_dict_rejects_bad_options():
    d = Normalizer().to_dict()
    with pytest.raises(ValueError, match="harakat"):
        Normalizer.from_dict({**d, "options": {**d["options"], "harakat": True}})
    with pytest.raises(ValueError, match="lowercase"):
        options = {k: v for k, v in d["options"].items() if k != "lowercase"}
        Normalizer.from_dict({**d, "options": options})
    with pytest.raises(ValueError, match="nope"):
        Normalizer.from_dict({**d, "camel": "camel_nope"})


# ---------------------------------------------------------------------------------------------
# Bad and unusual input
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "type_name"), [(42, "int"), (b"\xd9\x86", "bytes"), (["نص"], "list"), (None, "None")]
)
def test_non_str_raises_type_error_naming_the_type(value, type_name):
    n = Normalizer()
    for call in (n, n.normalize, n.align):
        with pytest.raises(TypeError, match=type_name):
            call(value)


def test_lone_surrogate_raises_value_error_with_its_position():
    n = Normalizer()
    for call in (n, n.normalize, n.align):
        with pytest.raises(ValueError, match="position 4"):
            call("مرحب\udc80ا")


@pytest.mark.parametrize("name", ALL_PRESETS)
def test_empty_string(name):
    assert Normalizer.preset(name)("") == ""
    assert Normalizer.preset(name).align("").text == ""


def test_only_white_space_and_controls_normalize_to_empty():
    assert Normalizer()(" \u200f\t\u00a0\u200b ") == ""


def test_str_subclass_is_accepted():
    class Text(str):
        pass

    assert Normalizer()(Text("أَهْلًا")) == "اهلا"


def test_large_text():
    unit = "كَتَبَ الطالبُ الدرسَ\u200f  "
    repeat = 20 * 2**20 // len(unit.encode())
    text = unit * repeat  # about 20 MB of UTF-8
    out = Normalizer()(text)
    assert len(out) == len("كتب الطالب الدرس ") * repeat - 1
    assert out[:34] == "كتب الطالب الدرس كتب الطالب الدرس "
    assert out == ("كتب الطالب الدرس " * repeat)[:-1]


def test_large_text_alignment():
    unit = "قالَ ﻻ "
    text = unit * 200_000
    a = Normalizer().align(text)
    assert a.text == ("قال لا " * 200_000)[:-1]
    last = len(a.text) - 2
    assert a.to_original(last, last + 2) == (len(text) - 2, len(text) - 1)


def test_batch_of_large_texts_uses_threads():
    texts = ["إلى المدرسةِ " * 50_000] * 8
    expected = ("الي المدرسة " * 50_000)[:-1]
    assert Normalizer().normalize_batch(texts, threads=2) == [expected] * 8


def test_nan_alone_is_not_text():
    with pytest.raises(TypeError, match="float"):
        Normalizer()(math.nan)


def test_alignments_pickle_and_compare_by_value():
    import pickle

    n = Normalizer.preset("search")
    a = n.align("قالَ الوزيرُ: «نَعَمْ» 😀")
    again = pickle.loads(pickle.dumps(a))
    assert again == a and hash(again) == hash(a)
    assert again.text == a.text
    assert [again.to_original(i, i + 1) for i in range(len(a))] == [
        a.to_original(i, i + 1) for i in range(len(a))
    ]
    assert a != n.align("قال الوزير")
    with pytest.raises(ValueError, match="segments"):
        barq._barq._aligned_from_segments("نعم", [0, 5], [0, 2])
