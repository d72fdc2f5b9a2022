"""The camel_* presets against camel_tools 1.6 itself, character for character.

Runs the whole shared news corpus (31,523 articles, 47 M characters) and the diacritized test
set through barq and through camel_tools, plus every assigned code point and random text.
Skipped when camel_tools 1.6 is not importable or the shared data is not next to the repo.
"""

from __future__ import annotations

import gzip
import json
import unicodedata
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import pytest
from barq import Normalizer
from hypothesis import given, settings
from hypothesis import strategies as st

try:
    CAMEL_VERSION = metadata.version("camel-tools")
except metadata.PackageNotFoundError:
    CAMEL_VERSION = None
if CAMEL_VERSION is None or not CAMEL_VERSION.startswith("1.6"):
    pytest.skip(
        f"needs camel_tools 1.6 to compare against (found {CAMEL_VERSION})",
        allow_module_level=True,
    )

from camel_tools.utils.charmap import CharMapper  # noqa: E402
from camel_tools.utils.dediac import dediac_ar  # noqa: E402
from camel_tools.utils.normalize import (  # noqa: E402
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

CAMEL: dict[str, Callable[[str], str]] = {
    "camel_dediac": dediac_ar,
    "camel_alef": normalize_alef_ar,
    "camel_alef_maksura": normalize_alef_maksura_ar,
    "camel_teh_marbuta": normalize_teh_marbuta_ar,
    "camel_unicode": normalize_unicode,
    "camel_arclean": CharMapper.builtin_mapper("arclean"),
}

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
NEWS = SHARED_DATA / "news" / "news_ant_v2_multisource.jsonl.gz"
DIACRITIZED = SHARED_DATA / "diacritized" / "test.txt"


def first_difference(a: str, b: str) -> int:
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def assert_same(name: str, texts: list[str], what: str) -> None:
    """barq's preset `name` gives camel_tools' output for every text, or a readable report."""
    camel = [CAMEL[name](t) for t in texts]
    barq = Normalizer.preset(name).normalize_batch(texts)
    differing = [i for i, (c, b) in enumerate(zip(camel, barq, strict=True)) if c != b]
    if not differing:
        return
    i = differing[0]
    at = first_difference(camel[i], barq[i])
    window = slice(max(0, at - 20), at + 20)
    pytest.fail(
        f"{name}: {len(differing)} of {len(texts)} {what} differ from camel_tools; "
        f"the first is #{i}, from output character {at}:\n"
        f"  input  {texts[i][window]!r}\n"
        f"  camel  {camel[i][window]!r}\n"
        f"  barq   {barq[i][window]!r}"
    )


@pytest.fixture(scope="module")
def news() -> list[str]:
    if not NEWS.is_file():
        pytest.skip(f"the shared news corpus is not at {NEWS}")
    with gzip.open(NEWS, "rt", encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines]


@pytest.fixture(scope="module")
def diacritized() -> list[str]:
    if not DIACRITIZED.is_file():
        pytest.skip(f"the shared diacritized test set is not at {DIACRITIZED}")
    return DIACRITIZED.read_text(encoding="utf-8").splitlines()


def test_every_camel_preset_is_compared():
    assert sorted(CAMEL) == sorted(p for p in Normalizer.presets() if p.startswith("camel_"))


def test_news_corpus_is_whole(news):
    assert len(news) == 31_523


@pytest.mark.parametrize("name", CAMEL)
def test_news_corpus_matches_camel(name, news):
    assert_same(name, news, "news articles")


@pytest.mark.parametrize("name", CAMEL)
def test_diacritized_text_matches_camel(name, diacritized):
    assert_same(name, diacritized, "lines of diacritized text")


@pytest.mark.parametrize("name", CAMEL)
def test_every_code_point_matches_camel(name):
    # Every code point that this Python's Unicode database assigns, in one string (so marks also
    # meet neighbours they reorder or compose with) and one at a time. barq's NFKC tables may come
    # from a newer Unicode version, where Python leaves not-yet-assigned code points alone.
    assigned = [
        chr(cp)
        for cp in range(0x110000)
        if not 0xD800 <= cp <= 0xDFFF and unicodedata.category(chr(cp)) != "Cn"
    ]
    assert_same(name, ["".join(assigned)], "strings of all code points")
    assert_same(name, assigned, "code points")


camel_text = st.text(
    st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
        st.sampled_from(" \u00a0\u200c\u200d\u200f\u0640ﷲ﷽﷼ﻻ👩\u200d💻"),
        st.characters(codec="utf-8"),
    ).filter(lambda c: unicodedata.category(c) != "Cn"),
    max_size=40,
)


@pytest.mark.parametrize("name", CAMEL)
@given(texts=st.lists(camel_text, min_size=1, max_size=10))
@settings(max_examples=50)
def test_random_text_matches_camel(name, texts):
    assert_same(name, texts, "random texts")
