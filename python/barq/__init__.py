"""barq (برق, "lightning"): fast, offset-preserving Arabic text processing.

Normalization with an alignment back to the original text, Arabic-aware gazetteer matching,
tokenization, light stemming and transliteration, in one Rust core. Offsets are always Python
code-point indices into the original string.
"""

from __future__ import annotations

from functools import cache, lru_cache

from barq._barq import (
    Aligned,
    Match,
    Normalizer,
    Span,
    Stemmer,
    Token,
    Tokenizer,
    __version__,
    transliterate,
    transliterate_align,
    transliterate_batch,
)
from barq.display import render
from barq.gazetteer import Gazetteer
from barq.lexicon import Lexicon

__all__ = [
    "Aligned",
    "Gazetteer",
    "Lexicon",
    "Match",
    "Normalizer",
    "Span",
    "Stemmer",
    "Token",
    "Tokenizer",
    "__version__",
    "normalize",
    "render",
    "segment",
    "sentences",
    "stem",
    "tokenize",
    "transliterate",
    "transliterate_align",
    "transliterate_batch",
]


@lru_cache(maxsize=64)
def _cached_normalizer(preset: str, options: tuple[tuple[str, bool], ...]) -> Normalizer:
    return Normalizer(preset, **dict(options))


def normalize(text: str, preset: str = "search", **options: bool) -> str:
    """Normalize ``text`` with a preset (default ``"search"``), overriding any of its options.

    >>> normalize("الْقَاهِرَةُ")
    'القاهره'
    >>> normalize("الْقَاهِرَةُ", teh_marbuta=False)
    'القاهرة'
    """
    return _cached_normalizer(preset, tuple(sorted(options.items())))(text)


_DEFAULT_TOKENIZER = Tokenizer()


def tokenize(text: str) -> list[str]:
    """The surface strings of the tokens of ``text`` (default rules, see :class:`Tokenizer`).

    >>> tokenize("وصل سعر الذهب إلى 1,000.5 دولار!")
    ['وصل', 'سعر', 'الذهب', 'إلى', '1,000.5', 'دولار', '!']
    """
    return _DEFAULT_TOKENIZER.words(text)


@lru_cache(maxsize=8)
def _segmenting_tokenizer(scheme: str) -> Tokenizer:
    return Tokenizer(clitics=scheme)


def segment(text: str, scheme: str = "atb") -> list[str]:
    """The surface pieces of ``text``: its tokens, with clitics split off the words where the
    shipped lexicon says they are clitics (``scheme`` is ``"atb"`` or ``"d3"``, see
    :class:`Tokenizer`). The pieces are slices of ``text``, in order.

    >>> segment("وبالقاهرة كتبتها للسلطة")
    ['و', 'ب', 'القاهرة', 'كتبت', 'ها', 'ل', 'لسلطة']
    """
    if not isinstance(scheme, str):
        raise TypeError(f"scheme must be a str, not {type(scheme).__name__}")
    return _segmenting_tokenizer(scheme).words(text)


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, trimmed (see :meth:`Tokenizer.sentences`).

    >>> sentences("التقى د. سامي بالوفد. ثم غادر!")
    ['التقى د. سامي بالوفد.', 'ثم غادر!']
    """
    return [span.text for span in _DEFAULT_TOKENIZER.sentences(text)]


@cache
def _cached_stemmer(scheme: str) -> Stemmer:
    # only valid schemes get here (a constructor that raises caches nothing): a few entries
    return Stemmer(scheme)


def stem(word: str, scheme: str = "lucene") -> str:
    """The stem of one word with ``scheme`` (see :class:`Stemmer`); the stemmer is cached.

    >>> stem("والمكتبات")
    'مكتب'
    >>> stem("مَدْرَسَتُها")
    'مدرست'
    >>> stem("مَدْرَسَتُها", scheme="barq")
    'مدرس'
    """
    if not isinstance(scheme, str):
        raise TypeError(f"scheme must be str, not {type(scheme).__name__}")
    return _cached_stemmer(scheme).stem(word)
