"""Batch calls pause Python's garbage collector while building results, and always restore it."""

from __future__ import annotations

import gc

import barq

TEXT = "قالت الوزارة إن الوفد وصل إلى دمشق ثم غادر إلى القاهرة. " * 300


def test_collector_state_is_restored_after_batches():
    t = barq.Tokenizer()
    g = barq.Gazetteer([("دمشق", "GPE"), ("القاهرة", "GPE")])
    assert gc.isenabled()
    tokens = t.tokenize_batch([TEXT, TEXT])
    matches = g.find_batch([TEXT, TEXT])
    assert gc.isenabled()
    assert len(tokens[0]) > 2000 and len(matches[0]) == 600
    gc.disable()
    try:
        t.tokenize(TEXT)
        g.find_batch([TEXT])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collector_is_restored_when_building_fails():
    g = barq.Gazetteer([("دمشق", "GPE")])
    try:
        g.find_batch([TEXT, 5])
    except TypeError:
        pass
    assert gc.isenabled()
