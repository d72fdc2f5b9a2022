"""Type stubs and user documentation of barq's native module."""

from collections.abc import Iterable
from typing import Any

__version__: str

class Normalizer:
    """An Arabic normalizer: every step switchable, output idempotent, alignment kept.

    ``Normalizer(preset=None, **options)`` starts from ``preset`` (or the defaults below) and
    overrides any option by keyword. An unknown option or preset raises ``ValueError``.

    Options and the characters they touch:

    * ``diacritics`` (True): harakat, tanween, shadda, sukun U+064B–U+065F, superscript alef
      U+0670, Quranic annotation marks U+0610–U+061A and U+06D6–U+06ED, extended Arabic marks
      U+0898–U+089F, U+08CA–U+08E1, U+08E3–U+08FF — removed.
    * ``tatweel`` (True): U+0640 removed.
    * ``alef`` (True): أ إ آ ٱ ٲ ٳ ٵ and U+0773, U+0774 → ا.
    * ``alef_maqsura`` (True): ى → ي.
    * ``teh_marbuta`` (False): ة → ه.
    * ``hamza`` (False): ؤ → و, ئ → ي.
    * ``presentation_forms`` (True): Arabic Presentation Forms-A (U+FB50–U+FDFF) and -B
      (U+FE70–U+FEFF), lam-alef ligatures and word ligatures (ﷲ, ﷺ, ﷽) → base letters.
    * ``digits`` (True): ٠–٩ (U+0660–U+0669) and ۰–۹ (U+06F0–U+06F9) → 0–9.
    * ``lookalikes`` (True): Persian/Urdu look-alikes → Arabic: ک ڪ → ك; ی ې ۍ ے → ي;
      ۓ ٸ → ئ; ٶ → ؤ; ھ ہ ە ۀ ۂ → ه; ۃ → ة; ٮ → ب; ٯ → ق; ں → ن.
    * ``punctuation`` (False): ، ٬ → ``,``; ؛ → ``;``; ؟ ⸮ → ``?``; ٪ → ``%``; ٫ ۔ → ``.``.
    * ``quotes`` (False): « » “ ” „ ‟ → ``"``; ‘ ’ ‚ ‛ ‹ › → ``'``.
    * ``controls`` (True): soft hyphen, ALM U+061C, U+180E, ZWSP/ZWNJ/ZWJ/LRM/RLM
      U+200B–U+200F, embeddings and overrides U+202A–U+202E, U+2060–U+2064, isolates and
      deprecated format controls U+2066–U+206F, BOM U+FEFF — removed; a ZWJ between two emoji
      is kept.
    * ``whitespace`` (True): every run of Unicode white space (``str.isspace`` minus the ASCII
      information separators) → one space; leading and trailing white space removed.
    * ``lowercase`` (False): full Unicode lowercase of cased (non-Arabic) letters.

    Presets: ``"light"``, ``"search"``, ``"default"`` and the camel_tools 1.6 reproductions
    ``"camel_dediac"``, ``"camel_alef"``, ``"camel_alef_maksura"``, ``"camel_teh_marbuta"``,
    ``"camel_unicode"``, ``"camel_arclean"`` (see ``Normalizer.presets()``).
    """

    def __init__(self, preset: str | None = None, **options: bool) -> None: ...
    @staticmethod
    def preset(name: str) -> Normalizer:
        """The normalizer of a named preset; ``ValueError`` lists the valid names."""
    @staticmethod
    def presets() -> list[str]:
        """Every preset name."""
    @property
    def preset_name(self) -> str | None:
        """The preset this normalizer is exactly, or None."""
    @property
    def options(self) -> dict[str, bool] | None:
        """Every option and its value (None for a camel_tools preset)."""
    def __call__(self, text: str) -> str:
        """Normalize ``text`` (same as :meth:`normalize`)."""
    def normalize(self, text: str) -> str:
        """Normalize ``text``. ``TypeError`` for a non-str, ``ValueError`` for a lone
        surrogate (with its position)."""
    def normalize_batch(
        self, texts: Iterable[str | None], threads: int | None = None
    ) -> list[str | None]:
        """Normalize many texts on all cores without the GIL, in order; ``None`` and NaN give
        ``None``. ``threads`` (or ``BARQ_NUM_THREADS``) caps the threads; 1 runs inline."""
    def align(self, text: str) -> Aligned:
        """Normalize ``text`` and keep the alignment between the result and ``text``."""
    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe description of this normalizer, with a format version."""
    @staticmethod
    def from_dict(d: dict[str, Any]) -> Normalizer:
        """Rebuild a normalizer from :meth:`to_dict`."""
    def __reduce__(self) -> tuple[Any, ...]: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class Aligned:
    """A normalized text and the alignment between it and the original text.

    Spans are half-open ``(start, end)`` code-point indices. A span never splits a letter from
    the marks after it, and a character that expanded maps back whole.
    """

    @property
    def text(self) -> str:
        """The normalized text."""
    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that produced normalized ``[start, end)``."""
    def to_normalized(self, start: int, end: int) -> tuple[int, int]:
        """The span of the normalized text that original ``[start, end)`` became."""
    def __len__(self) -> int: ...

def _normalizer_from_dict(d: dict[str, Any]) -> Normalizer: ...
