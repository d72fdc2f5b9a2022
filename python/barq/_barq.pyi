"""Type stubs and user documentation of barq's native module."""

import os
from collections.abc import Iterable, Iterator
from typing import Any, final, overload

from typing_extensions import Self, disjoint_base

__all__ = ["__version__", "Normalizer", "Aligned", "Gazetteer", "Match", "_normalizer_from_dict"]

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

    def __new__(cls, preset: str | None = None, **options: bool) -> Self: ...
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
    @overload
    def normalize_batch(
        self,
        texts: list[str | None] | tuple[str | None, ...] | Iterator[str | None],
        threads: int | None = None,
    ) -> list[str | None]: ...
    @overload
    def normalize_batch(self, texts: Any, threads: int | None = None) -> Any:
        """Normalize many texts on all cores without the GIL, in order; ``None`` and NaN give
        ``None``. ``threads`` (or ``BARQ_NUM_THREADS``) caps the threads; 1 runs inline.

        ``texts`` is an iterable of ``str | None``, a pandas Series, or an Arrow string,
        large_string or string_view array or chunked array (anything with
        ``__arrow_c_array__`` / ``__arrow_c_stream__``, read in place without copying the
        text). The result has the form of the input: a ``pyarrow.Array`` / ``ChunkedArray`` of
        the same type and chunking for Arrow input, a Series with the same index, name and
        dtype for a Series (the Arrow-backed ``str`` dtype stays Arrow), else a list.
        ``TypeError`` names the type of a non-string Arrow column."""
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
class Match:
    """One entity found in a text.

    ``text[m.start:m.end] == m.text`` always holds (code-point offsets into the original
    text). ``m.prefix`` is the attached proclitic that was stripped (``""`` if none); the whole
    word begins at ``m.start - len(m.prefix)``.
    """

    def __new__(
        cls,
        start: int,
        end: int,
        text: str,
        term: str,
        label: str | None,
        id: str,
        prefix: str = "",
        meta: Any = None,
    ) -> Self: ...
    @property
    def start(self) -> int:
        """Where the entity begins in the original text (after any proclitic)."""
    @property
    def end(self) -> int:
        """Where the entity ends (after the marks of its last letter)."""
    @property
    def text(self) -> str:
        """The entity as written in the text."""
    @property
    def term(self) -> str:
        """The gazetteer term that matched, as it was added."""
    @property
    def label(self) -> str | None:
        """The entry's label."""
    @property
    def id(self) -> str:
        """The entry's canonical id (shared by aliases; the term when none was given)."""
    @property
    def prefix(self) -> str:
        """The stripped proclitic(s) as written, or ``""``."""
    @property
    def meta(self) -> Any:
        """The entry's JSON-safe metadata, or None."""
    def to_dict(self) -> dict[str, Any]:
        """The match as a JSON-safe dict."""
    def __reduce__(self) -> tuple[Any, ...]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@disjoint_base
class Gazetteer:
    """An Arabic-aware gazetteer: exact spans in the original text, labels and ids.

    Terms and texts are normalized (``normalizer``, default ``Normalizer.preset("search")``)
    and compared word by word: a match starts and ends at word boundaries; any run of white
    space, quotes, tatweel, controls or diacritics between words matches the one space of a
    term; with ``clitics`` a match may start after attached proclitics (و ف ب ل ك, their
    pairs, and ل + ال written لل). ``overlapping=False`` gives leftmost-longest,
    non-overlapping matches (one entry per span: the one written exactly like the text, else
    the first added); ``overlapping=True`` gives every match of every entry. Common words
    (built in, plus ``stopwords``) match only when written exactly like the term and never have
    a proclitic stripped; entries added with ``exact=True`` match only as written.
    """

    def __new__(
        cls,
        entries: Iterable[Any] | None = None,
        normalizer: Normalizer | None = None,
        clitics: bool = True,
        overlapping: bool = False,
        case_sensitive: bool = False,
        stopwords: list[str] | None = None,
    ) -> Self: ...
    def add(
        self,
        term: str,
        label: str | None = None,
        id: str | None = None,
        meta: Any = None,
        exact: bool = False,
    ) -> bool:
        """Add one entry; False when the same term, label and id were already there.
        ``ValueError`` for a term that is empty or normalizes to nothing."""
    def extend(self, entries: Iterable[Any]) -> int:
        """Add entries given as ``str``, ``(term, label[, id[, meta]])`` or
        ``dict(term=, label=, id=, meta=, exact=)``; returns how many were new."""
    def find(self, text: str) -> list[Match]:
        """Every match in ``text``, in order."""
    def find_batch(self, texts: Any, threads: int | None = None) -> list[list[Match] | None]:
        """``find`` over many texts on all cores without the GIL; ``None`` stays ``None``.

        ``texts`` takes every form :meth:`Normalizer.normalize_batch` takes (Arrow string
        arrays and pandas Arrow-backed columns are read in place); the result is always a list
        of lists of :class:`Match`, in input order."""
    def count(self, texts: Any, threads: int | None = None) -> dict[str, int]:
        """For each id, the number of texts that mention it (``texts`` as in
        :meth:`find_batch`)."""
    def to_bytes(self) -> bytes:
        """The compiled gazetteer (versioned and checksummed)."""
    @classmethod
    def from_bytes(cls, data: bytes) -> Gazetteer:
        """Rebuild a gazetteer from :meth:`to_bytes`; ``ValueError`` for foreign, truncated or
        corrupt data."""
    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the compiled gazetteer to ``path``."""
    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Gazetteer:
        """Read a gazetteer written by :meth:`save`."""
    @property
    def normalizer(self) -> Normalizer:
        """The normalizer terms and texts go through."""
    @property
    def clitics(self) -> bool: ...
    @property
    def overlapping(self) -> bool: ...
    @property
    def case_sensitive(self) -> bool: ...
    def entries(self) -> list[dict[str, Any]]:
        """Every entry as a dict (term, label, id, meta, exact), in the order added."""
    def __len__(self) -> int: ...
    def __contains__(self, term: object, /) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
