"""barq.Gazetteer against the reference matcher (tests/reference_matcher.py), by Hypothesis.

Random small gazetteers (1-20 terms of 1-3 words from a small Arabic alphabet; labels, ids,
aliases, exact, ignored and switched-off entries; clitics, overlapping, case_sensitive,
stopwords, lexicon) and random texts built from the same words, respelled (alef, hamza, ة, ى
forms), decorated (marks, tatweel, ZWNJ), behind proclitics, and mixed with quotes,
punctuation, white space, digits, Latin and emoji. ``g.find`` must equal the reference, and
``find_batch`` must equal ``find`` in a loop, and ``count`` the ids found per text.

BARQ_HYPOTHESIS_EXAMPLES sets the number of examples (300 by default, for CI).
"""

from __future__ import annotations

import collections
import functools
import os

import barq
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from reference_matcher import ReferenceGazetteer

EXAMPLES = int(os.environ.get("BARQ_HYPOTHESIS_EXAMPLES", "300"))
# BARQ_HYPOTHESIS_NO_SHRINK=1: report the first failure as found (shrinking a gazetteer of 20
# entries can take minutes; the message shows the whole input anyway).
PHASES = [Phase.explicit, Phase.reuse, Phase.generate]
if not os.environ.get("BARQ_HYPOTHESIS_NO_SHRINK"):
    PHASES.append(Phase.shrink)
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=PHASES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Letters of the random words: the proclitic letters, the folded ones and a few plain ones.
LETTERS = "ابتدرسلمنويكفعةىأإآؤئه"
# Words that exercise the documented rules (common words, the article, folding).
FIXED_WORDS = [
    "دمشق",
    "الحكومة",
    "القاهرة",
    "أحمد",
    "علي",
    "على",
    "بين",
    "ولي",
    "في",
    "من",
    "إلى",
    "لبنان",
    "البنان",
    "ولاية",
    "الماية",
    "المائة",
    "NATO",
]
PROCLITICS = ["و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"]
MARKS = ["\u064e", "\u0650", "\u064f", "\u0651", "\u0652", "\u064b", "\u0670"]
SEPARATORS = [
    " ",
    " ",
    " ",
    "  ",
    "\u00a0",
    "\n",
    ' "',
    '" ',
    " «",
    "» ",
    "” ",
    " “",
    "‘",
    "’ ",
    "\u200f ",
    " \u064e ",
    " ـ ",
]
OTHER_PIECES = ["،", ",", ".", "؛", "(", ")", "-", "2024", "٣", "NATO", "nato", "abc", "😀"]
RESPELL = {
    "ا": "أإآ",
    "أ": "اإ",
    "إ": "اأ",
    "آ": "ا",
    "ة": "ه",
    "ه": "ة",
    "ى": "ي",
    "ي": "ى",
    "ؤ": "و",
    "ئ": "ي",
}


@functools.lru_cache(maxsize=1)
def default_lexicon() -> barq.Lexicon:
    return barq.Lexicon.default()


def random_word() -> st.SearchStrategy[str]:
    plain = st.text(alphabet=LETTERS, min_size=2, max_size=5)
    return st.one_of(
        plain,
        plain.map(lambda w: "ال" + w),
        st.sampled_from(FIXED_WORDS),
    )


# One other spelling of a whole word (folding makes it the same word): a text's or a lexicon's.
OTHER_SPELLING = str.maketrans({"ة": "ه", "ه": "ة", "ى": "ي", "ي": "ى", "ؤ": "و", "ئ": "ي"})


@st.composite
def written(draw: st.DrawFn, word: str) -> str:
    """``word`` as a text might write it: respelled, with marks, tatweel or a ZWNJ."""
    if draw(st.integers(0, 4)) == 0:
        word = word.translate(OTHER_SPELLING)
    out = []
    for k, c in enumerate(word):
        if c in RESPELL and draw(st.integers(0, 4)) == 0:
            c = draw(st.sampled_from(RESPELL[c]))
        out.append(c)
        roll = draw(st.integers(0, 9))
        if roll == 0:
            out.append(draw(st.sampled_from(MARKS)))
        elif roll == 1 and k + 1 < len(word):
            out.append("\u0640")
        elif roll == 2 and k + 1 < len(word):
            out.append("\u200c")
    return "".join(out)


@st.composite
def with_proclitic(draw: st.DrawFn, word: str) -> str:
    """``word`` behind a proclitic; ل + ال written لل."""
    p = draw(st.sampled_from(PROCLITICS + ["وبال", "بال", "وال", "لل"]))
    if p == "لل":
        return "ل" + word[1:] if word.startswith("ال") else "ل" + word
    if p.endswith("ل") and word.startswith("ال") and draw(st.booleans()):
        return p + word[1:]
    if p.endswith("ال") and word.startswith("ال"):
        p = p[:-2]
    return p + word


@st.composite
def gazetteers(draw: st.DrawFn) -> tuple[list, dict, list[str]]:
    pool = draw(st.lists(random_word(), min_size=2, max_size=6, unique=True))
    # Words that are other words behind a proclitic or in another spelling, so that the
    # lexicon's counts of both bear on the variant gate (ولاية against لاية, المائة against
    # الماية).
    for _ in range(draw(st.integers(1, 4))):
        word = draw(st.sampled_from(pool))
        kind = draw(st.integers(0, 3))
        if kind <= 1:
            other = draw(st.sampled_from(PROCLITICS)) + word
        elif kind == 2:
            other = word.translate(OTHER_SPELLING)
        else:  # a word and the article: لبنان and البنان, both read in للبنان
            other = word[1:] if word.startswith("ال") else "ا" + word
        if other not in pool:
            pool.append(other)
    entries: list = []
    for _ in range(draw(st.integers(1, 20))):
        words = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3))
        if draw(st.integers(0, 5)) == 0:
            words = [draw(written(w)) for w in words]  # a term written with marks
        term = " ".join(words)
        label = draw(st.sampled_from([None, "GPE", "ORG"]))
        ident = draw(st.sampled_from([None, "A", "B", "C"]))  # shared ids: aliases
        form = draw(st.integers(0, 5))
        if form == 0:
            entries.append(term)
        elif form == 1:
            entries.append((term, label))
        elif form == 2:
            entries.append((term, label, ident))
        else:
            entry = {"term": term, "label": label, "id": ident}
            flag = draw(st.sampled_from([None, None, "exact", "ignore", "disabled"]))
            if flag:
                entry[flag] = True
            entries.append(entry)
    lexicon_kind = draw(st.sampled_from(["none", "none", "own", "own", "default"]))
    lexicon = None
    if lexicon_kind == "default":
        lexicon = default_lexicon()
    elif lexicon_kind == "own":
        counts = draw(st.lists(st.integers(0, 8), min_size=len(pool), max_size=len(pool)))
        lines = [" ".join([w] * c) for w, c in zip(pool, counts, strict=True)]
        lexicon = barq.Lexicon.from_texts(lines)
    options = {
        "clitics": draw(st.booleans()),
        "overlapping": draw(st.booleans()),
        "case_sensitive": draw(st.integers(0, 4)) == 0,
        "stopwords": draw(st.lists(st.sampled_from(pool), max_size=2)) or None,
        "lexicon": lexicon,
    }
    return entries, options, pool


@st.composite
def texts(draw: st.DrawFn, pool: list[str]) -> str:
    out = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.integers(0, 9))
        if kind <= 5:
            piece = draw(written(draw(st.sampled_from(pool))))
            if draw(st.integers(0, 2)) == 0:
                piece = draw(with_proclitic(piece))
        elif kind <= 7:
            piece = draw(st.sampled_from(OTHER_PIECES))
        else:
            piece = draw(st.sampled_from(MARKS + ["\u0640", "\u200f"]))
        out.append(piece)
        out.append(draw(st.sampled_from(SEPARATORS + ["", "", ""])))
    return "".join(out)


def fast_key(m: barq.Match) -> tuple:
    return (m.start, m.end, m.text, m.prefix, m.term, m.label, m.id, m.variant)


def describe(entries: list, options: dict, text: str) -> str:
    shown = {k: v for k, v in options.items() if k != "lexicon"}
    return f"entries={entries!r}\noptions={shown!r}\ntext={text!r}"


@SETTINGS
@given(st.data())
def test_find_equals_the_reference(data: st.DataObject) -> None:
    entries, options, pool = data.draw(gazetteers())
    g = barq.Gazetteer(entries, **options)
    ref = ReferenceGazetteer(entries, **options)
    batch = data.draw(st.lists(texts(pool), min_size=1, max_size=4))
    found = [g.find(t) for t in batch]
    for text, matches in zip(batch, found, strict=True):
        for m in matches:
            assert text[m.start : m.end] == m.text
        expected = [m.key() for m in ref.find(text)]
        assert [fast_key(m) for m in matches] == expected, describe(entries, options, text)
    assert [[fast_key(m) for m in ms] for ms in g.find_batch(batch, threads=2)] == [
        [fast_key(m) for m in ms] for ms in found
    ]
    # count: per id, the texts that mention it
    assert g.count(batch, threads=2) == dict(
        collections.Counter(i for ms in found for i in {m.id for m in ms})
    )


# The reference restates the documented examples (so it is the documentation's reading, not
# the fast matcher's): README "A short tour" and docs/API.md "Gazetteer".
DOCUMENTED = [
    (
        [
            ("قوات سوريا الديمقراطية", "ORG", "SDF"),
            ("قسد", "ORG", "SDF"),
            ("دمشق", "GPE", "DAM"),
            ("الحكومة", "ORG", "GOV"),
        ],
        "قالت وقوات سوريا الديمقراطية إن «قسد» دخلت دِمَشْقَ بعد بيان للحكومة",
        [(6, 28, "و", "SDF"), (33, 36, "", "SDF"), (43, 51, "", "DAM"), (62, 68, "ل", "GOV")],
    ),
    (
        [("البنك الدولي", "ORG", "WB"), ("بيروت", "GPE", "BEY"), ("الحكومة", "ORG", "GOV")],
        "وصل وفد البنك الدولي إلى بَيْرُوتَ أمس، وقدّم للحكومة خطة",
        [(8, 20, "", "WB"), (25, 34, "", "BEY"), (47, 53, "ل", "GOV")],
    ),
    ([("البنك الدولي", "ORG", "WB")], "وبالبنك الدولي", [(2, 14, "وب", "WB")]),
    ([("البنك الدولي", "ORG", "WB")], "البنك، الدولي", []),
    ([("علي", "PER")], "سلّم الضيف على الوزير", []),
    ([{"term": "عُمان", "id": "OM", "exact": True}], "وعمان", []),
    ([{"term": "عُمان", "id": "OM", "exact": True}], "زار عمان", [(4, 8, "", "OM")]),
    ([("رياض", "GPE")], "الرياض", []),
    ([("الرباط", "GPE", "r"), {"term": "الرباط الصليبي", "ignore": True}], "في الرباط الصليبي", []),
]


@pytest.mark.parametrize(("entries", "text", "spans"), DOCUMENTED)
def test_the_reference_reads_the_documented_examples(entries, text, spans) -> None:
    ref = ReferenceGazetteer(entries)
    assert [(m.start, m.end, m.prefix, m.id) for m in ref.find(text)] == spans
