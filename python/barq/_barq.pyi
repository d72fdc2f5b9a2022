"""Type stubs and user documentation of barq's native module."""

from collections.abc import Iterable
from typing import Any, Literal, final

__all__ = [
    "Aligned",
    "Normalizer",
    "Span",
    "Token",
    "Tokenizer",
    "__version__",
    "_normalizer_from_dict",
]

__version__: str

@final
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

    def __new__(cls, preset: str | None = None, **options: bool) -> Normalizer: ...
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
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
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

@final
class Token:
    """One token: its text, half-open code-point offsets into the original string, its kind
    and, when the tokenizer has a normalizer, its normalized form.

    ``original[token.start:token.end] == token.text`` always holds. Tokens are immutable,
    hashable, compare by value and pickle.
    """

    def __new__(
        cls, text: str, start: int, end: int, kind: str, norm: str | None = None
    ) -> Token: ...
    @property
    def text(self) -> str:
        """The token as written in the original text."""
    @property
    def start(self) -> int:
        """Code-point index of the first character in the original text."""
    @property
    def end(self) -> int:
        """Code-point index one past the last character in the original text."""
    @property
    def kind(self) -> str:
        """One of ``"word"``, ``"number"``, ``"punct"``, ``"symbol"``, ``"url"``, ``"email"``,
        ``"hashtag"``, ``"mention"``, ``"emoji"``."""
    @property
    def norm(self) -> str | None:
        """The token normalized by the tokenizer's normalizer (None without one)."""
    def __reduce__(self) -> tuple[Any, ...]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Span:
    """A span of a text (a sentence): half-open code-point offsets and its text."""

    def __new__(cls, text: str, start: int, end: int) -> Span: ...
    @property
    def text(self) -> str:
        """The span's text, ``original[start:end]``."""
    @property
    def start(self) -> int:
        """Code-point index of the first character."""
    @property
    def end(self) -> int:
        """Code-point index one past the last character."""
    def __reduce__(self) -> tuple[Any, ...]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Tokenizer:
    """Cuts Arabic news and social text into tokens with offsets into the original.

    ``Tokenizer(normalizer=None, mode="default")``. A :class:`Normalizer` fills
    :attr:`Token.norm`; offsets always refer to the original text.

    Tokenization is lossless: the tokens are in order, never overlap and cover every character
    that is not white space (``str.isspace``); invisible controls (RLM, ZWSP, ...) belong to the
    token they touch.

    ``mode="default"`` keeps whole: words with their diacritics, tatweel and inner ZWNJ;
    numbers with their separators in both digit systems (``1,000.5``, ``٣٫٥``, ``١٬٠٠٠``,
    ``12:30``, ``2025/01/15``); URLs (``https://``, ``www.``, bare ``name.com``), emails,
    ``#هاشتاق_عربي``, ``@mention``; emoji sequences (ZWJ, skin tones, flags, keycaps,
    variation selectors); initialisms (``U.S.``). Punctuation is one token per character
    except ``...``: ``لـ”قوات`` is ``لـ``, ``”``, ``قوات``. A number followed by letters is two
    tokens: ``2025م`` is ``2025`` and ``م``; digits end an Arabic word (``كورونا19``) but stay in
    a Latin one (``mp3``).

    ``mode="camel"`` reproduces camel_tools 1.6 ``simple_word_tokenize`` token for token (every
    punctuation and symbol character split off, emoji sequences kept), with offsets and kinds.

    ``ValueError`` for an unknown mode, ``TypeError`` for a normalizer that is not a
    :class:`Normalizer`. Tokenizers pickle and compare with ``==``.
    """

    def __new__(cls, normalizer: Normalizer | None = None, mode: str = "default") -> Tokenizer: ...
    @property
    def mode(self) -> str:
        """``"default"`` or ``"camel"``."""
    @property
    def normalizer(self) -> Normalizer | None:
        """The normalizer that fills :attr:`Token.norm`, or None."""
    def tokenize(self, text: str) -> list[Token]:
        """The tokens of ``text``. ``TypeError`` for a non-str, ``ValueError`` for a lone
        surrogate (with its position); an empty or white-space-only text gives ``[]``."""
    def __call__(self, text: str) -> list[Token]:
        """Same as :meth:`tokenize`."""
    def words(self, text: str) -> list[str]:
        """The surface strings of the tokens of ``text`` (faster than :meth:`tokenize`)."""
    def offsets(self, text: str) -> list[tuple[int, int]]:
        """The ``(start, end)`` code-point offsets of the tokens of ``text``."""
    def tokenize_batch(
        self,
        texts: Iterable[str | None],
        threads: int | None = None,
        output: Literal["tokens", "words", "offsets"] = "tokens",
    ) -> list[Any]:
        """Tokenize many texts on all cores without the GIL, in order; ``None`` and NaN give
        ``None``. Each result is a list of :class:`Token` (``output="tokens"``), of surface
        strings (``"words"``, the fastest) or of ``(start, end)`` tuples (``"offsets"``).
        ``threads`` (or ``BARQ_NUM_THREADS``) caps the threads; 1 runs inline."""
    def sentences(self, text: str) -> list[Span]:
        """The sentences of ``text``, trimmed of white space.

        A sentence ends after ``.`` ``!`` ``?`` ``؟`` ``…`` ``...`` (runs like ``؟!`` stay
        together) with the closing quotes and brackets after it, and at every line break. Not
        inside numbers, URLs, emails or initialisms; not after a title (``Dr.``, ``Prof.``),
        a single letter before a word (``د. سامي``, ``J. Smith``), or before a lower-case Latin
        letter. Always uses the default rules, whatever the mode."""
    def __reduce__(self) -> tuple[Any, ...]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
