"""The golden gazetteer cases of tests/data/gazetteer.json (shared with tests/gazetteer.rs)
through barq.Gazetteer. The expected matches there were written by hand from the documented
matching semantics, not copied from barq."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import barq
import pytest

CASES_PATH = Path(__file__).parent / "data" / "gazetteer.json"
CASES = json.loads(CASES_PATH.read_text(encoding="utf-8"))["cases"]


def normalizer(spec: Any) -> barq.Normalizer | None:
    """A preset name, or option switches on top of the default options."""
    if spec is None:
        return None
    if isinstance(spec, str):
        return barq.Normalizer.preset(spec)
    return barq.Normalizer(**spec)


def lexicon(counts: dict[str, int] | None) -> barq.Lexicon | None:
    """A lexicon in which each written form occurs as often as the case says."""
    if counts is None:
        return None
    texts = [word for word, n in counts.items() for _ in range(n)]
    return barq.Lexicon.from_texts(texts, threads=1)


def gazetteer(case: dict[str, Any]) -> barq.Gazetteer:
    options = dict(case.get("options", {}))
    options["normalizer"] = normalizer(options.get("normalizer"))
    g = barq.Gazetteer(lexicon=lexicon(case.get("lexicon")), **options)
    for entry in case["entries"]:
        assert g.add(**entry), entry
    return g


def as_dict(m: barq.Match) -> dict[str, Any]:
    out = {
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "prefix": m.prefix,
        "label": m.label,
        "id": m.id,
        "variant": m.variant,
    }
    if m.meta is not None:
        out["meta"] = m.meta
    return out


def test_the_cases_are_many_and_named_once():
    names = [c["name"] for c in CASES]
    assert len(names) >= 40
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden_case(case):
    text = case["text"]
    for m in case["matches"]:
        assert text[m["start"] : m["end"]] == m["text"], "the expected text is not the slice"
    g = gazetteer(case)
    found = g.find(text)
    for m in found:
        assert text[m.start : m.end] == m.text
        assert text[m.start - len(m.prefix) : m.start] == m.prefix
        assert m.term in [e["term"] for e in case["entries"]]
    assert [as_dict(m) for m in found] == case["matches"]
    # the batch, a pickled copy and the bytes round trip agree
    assert g.find_batch([text, None, text], threads=1) == [found, None, found]
    assert pickle.loads(pickle.dumps(g)).find(text) == found
    assert barq.Gazetteer.from_bytes(g.to_bytes()).find(text) == found
