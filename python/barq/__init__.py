"""barq (برق, "lightning"): fast, offset-preserving Arabic text processing.

Normalization with an alignment back to the original text, Arabic-aware gazetteer matching and
tokenization, in one Rust core. Offsets are always Python code-point indices into the original
string.
"""

from __future__ import annotations

from functools import lru_cache

from barq._barq import Aligned, Match, Normalizer, __version__
from barq.display import render
from barq.gazetteer import Gazetteer

__all__ = ["Aligned", "Gazetteer", "Match", "Normalizer", "__version__", "normalize", "render"]


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
