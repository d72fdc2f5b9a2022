"""The Python side of :class:`barq.Lexicon`: the shipped lexicon."""

from __future__ import annotations

import gzip
import os

from barq._barq import Lexicon as _NativeLexicon

__all__ = ["Lexicon"]

_DEFAULT: Lexicon | None = None
DEFAULT_PATH = os.path.join(os.path.dirname(__file__), "data", "lexicon.bin.gz")


class Lexicon(_NativeLexicon):
    """Word frequencies of written forms (diacritics, tatweel and controls removed, Latin
    lowercased; hamza, alef, yeh and teh marbuta kept as written). See ``barq._barq.Lexicon``
    for counting, saving and loading; this class adds the shipped lexicon."""

    @classmethod
    def default(cls) -> Lexicon:
        """The shipped lexicon: the written forms seen at least twice in two thirds of an 8M-word
        corpus of 2018 Arabic news (see ``barq/data/README.md``). Loaded on first use and shared:
        the same object every time."""
        global _DEFAULT
        if _DEFAULT is None:
            with gzip.open(DEFAULT_PATH, "rb") as f:
                _DEFAULT = Lexicon.from_bytes(f.read())
        return _DEFAULT if cls is Lexicon else cls.from_bytes(_DEFAULT.to_bytes())
