"""Type stubs and user documentation of barq's native module."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any, Literal, final, overload

from typing_extensions import Self, disjoint_base

__all__ = [
    "Aligned",
    "Gazetteer",
    "Lexicon",
    "MATCH_COLUMNS",
    "Match",
    "Normalizer",
    "Span",
    "Stemmer",
    "Token",
    "Tokenizer",
    "__version__",
    "_aligned_from_segments",
    "_normalizer_from_dict",
    "_resolve_threads",
    "transliterate",
    "transliterate_align",
    "transliterate_batch",
]

__version__: str

#: The fields of a match in Arrow results (``Gazetteer.find_batch(..., arrow=True)``), in order.
MATCH_COLUMNS: tuple[str, ...]

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
    * ``elongation`` (False): every run of three or more of the same Arabic letter (the
      letters of the Arabic, Arabic Supplement and Extended-A/B blocks) → one letter, applied
      to what the other options wrote: جمييييل → جميل, سورياااا → سوريا; pairs stay (مم).
      A removed mark, tatweel or control between the letters does not break a run, a kept one
      does. Latin letters, digits and everything else never collapse (``soooo`` stays). In an
      alignment the kept letter maps to the whole run.

    Presets: ``"light"``, ``"search"``, ``"social"`` (``"search"`` plus ``elongation``),
    ``"default"`` and the camel_tools 1.6 reproductions
    ``"camel_dediac"``, ``"camel_alef"``, ``"camel_alef_maksura"``, ``"camel_teh_marbuta"``,
    ``"camel_unicode"``, ``"camel_arclean"`` (see ``Normalizer.presets()``).

    ```python
    >>> Normalizer()("أَهْلاً بِكُمْ فِي مَكْتَبَتِنَا")
    'اهلا بكم في مكتبتنا'
    >>> Normalizer.preset("search")("إلى المدرسةِ الكبرى")
    'الي المدرسه الكبري'
    >>> Normalizer(teh_marbuta=True).normalize("مدرسة")
    'مدرسه'
    ```
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

        ``texts`` is an iterable of ``str | None`` (the result is a list), or Arrow: a pyarrow
        ``string`` / ``large_string`` / ``string_view`` array or chunked array (anything with
        ``__arrow_c_array__`` / ``__arrow_c_stream__``), or a pandas Series or array of
        Arrow-backed strings (the pandas 3 ``str`` dtype, ``string[pyarrow]``,
        ``ArrowDtype(pa.large_string())``). Arrow texts are read in place, without a copy,
        and normalized straight into the buffers of the result, which is Arrow too: a
        ``pyarrow.Array`` of the input's type for an array, a ``pyarrow.ChunkedArray`` of the
        input's type for a chunked array (its chunks may be cut differently), and a Series
        with the input's index, name and dtype for a Series. Nulls stay null. ``TypeError``
        names the type of a non-string Arrow column; ``ValueError`` for bytes that are not
        UTF-8."""
    def align(self, text: str) -> Aligned:
        """Normalize ``text`` and keep the alignment between the result and ``text``.

        ```python
        >>> text = "قَرَأْتُ الكِتَابَ"
        >>> aligned = Normalizer().align(text)
        >>> aligned.text
        'قرات الكتاب'
        >>> start, end = aligned.to_original(5, 11)
        >>> text[start:end]
        'الكِتَابَ'
        ```"""
    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe description of this normalizer, with a format version."""
    @staticmethod
    def from_dict(d: dict[str, Any]) -> Normalizer:
        """Rebuild a normalizer from :meth:`to_dict`; a dict written before ``elongation``
        existed (without it) reads it as off."""
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
def _aligned_from_segments(text: str, seg_orig: list[int], seg_out: list[int]) -> Aligned: ...
def _resolve_threads(threads: int | None = None) -> int:
    """How many threads a batch call with ``threads`` uses (``BARQ_NUM_THREADS``, else the
    cores, when ``None``); ``ValueError`` for a bad count, as every batch call raises."""

@final
class Match:
    """One entity found in a text.

    ``text[m.start:m.end] == m.text`` always holds (code-point offsets into the original
    text). ``m.prefix`` is the attached proclitic that was stripped (``""`` if none); the whole
    word begins at ``m.start - len(m.prefix)``. Like ``re.Match``, a match keeps a reference
    to the text it was found in and cuts ``text`` and ``prefix`` from it when asked.
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
        variant: str = "exact",
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
    @property
    def variant(self) -> str:
        """How the match was reached: ``"exact"`` when the text writes the entity as the term
        does (diacritics, tatweel, invisible controls, presentation forms and Latin case aside;
        a stripped proclitic is told by :attr:`prefix`), ``"folded"`` when orthographic folding
        (hamza, alef, ى/ي, ة/ه, look-alikes) made them equal."""
    def to_dict(self) -> dict[str, Any]:
        """The match as a JSON-safe dict."""
    def __reduce__(self) -> tuple[Any, ...]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Token:
    """One token: its text, half-open code-point offsets into the original string, its kind
    and, when the tokenizer has a normalizer, its normalized form. A piece of a word split by
    clitic segmentation also has a :attr:`role` and a :attr:`form`.

    ``original[token.start:token.end] == token.text`` always holds. Tokens are immutable,
    hashable, compare by value and pickle.
    """

    def __new__(
        cls,
        text: str,
        start: int,
        end: int,
        kind: str,
        norm: str | None = None,
        role: str | None = None,
        form: str | None = None,
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
        """The token's :attr:`form` normalized by the tokenizer's normalizer (None without
        one)."""
    @property
    def role(self) -> str | None:
        """For a piece of a word split by clitic segmentation, ``"proclitic"``, ``"stem"`` or
        ``"enclitic"``; None for every other token."""
    @property
    def form(self) -> str:
        """The token as a word: its text, with the letters restored that the spelling merged
        (in ``للسلطة``, the piece ``لسلطة`` has the form ``السلطة``; in ``حكومتها``, ``حكومت`` has
        ``حكومة``). The text itself for every other token."""
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

    ``lexicon`` turns on the variant gate: a one-word match reached only through folding or a
    stripped proclitic is dropped when the word as written is itself a common word distinct
    from the term (``المائة`` is not the town ``الماية``, ``ولاية`` is not و + ``لائه``). Here the
    default is no lexicon; ``barq.Gazetteer`` defaults to the shipped one.

    ```python
    >>> g = Gazetteer([("دمشق", "LOC"), ("الأمم المتحدة", "ORG")])
    >>> [(m.text, m.label, m.start) for m in g.find("وصل وفد الأمم المتحدة إلى دمشق")]
    [('الأمم المتحدة', 'ORG', 8), ('دمشق', 'LOC', 26)]
    >>> m = g.find("ودمشق جميلة")[0]
    >>> m.text, m.prefix, m.start
    ('دمشق', 'و', 1)
    ```
    """

    def __new__(
        cls,
        entries: Iterable[Any] | None = None,
        normalizer: Normalizer | None = None,
        clitics: bool = True,
        overlapping: bool = False,
        case_sensitive: bool = False,
        stopwords: list[str] | None = None,
        lexicon: Lexicon | None = None,
    ) -> Self: ...
    def add(
        self,
        term: str,
        label: str | None = None,
        id: str | None = None,
        meta: Any = None,
        exact: bool = False,
        ignore: bool = False,
    ) -> bool:
        """Add one entry; False when the same term, label and id were already there.
        ``exact=True``: match only the term as written (diacritics, tatweel, invisible controls,
        presentation forms and Latin case aside), with no proclitic. ``ignore=True``: match like
        any entry, so that no shorter term matches inside it, but never report it (a phrase
        like ``الرباط الصليبي``, the knee ligament, that holds a place name). ``ValueError`` for
        a term that is empty or normalizes to nothing."""
    def extend(self, entries: Iterable[Any]) -> int:
        """Add entries given as ``str``, ``(term, label[, id[, meta]])`` or
        ``dict(term=, label=, id=, meta=, exact=)``; returns how many were new."""
    def find(self, text: str) -> list[Match]:
        """Every match in ``text``, in order: a list of :class:`Match`, empty when nothing
        matches. Which matches are reported follows the gazetteer's options (``overlapping``,
        ``clitics``, ``case_sensitive``, the variant gate); offsets are code-point indices into
        ``text``, so ``text[m.start:m.end] == m.text``. ``TypeError`` for a non-str,
        ``ValueError`` for a lone surrogate (with its position).

        ```python
        >>> g = Gazetteer([("بيروت", "LOC")])
        >>> text = "سافرت من بيروت وإليها عدت، فبيروت جميلة"
        >>> [(m.text, m.start, m.prefix) for m in g.find(text)]
        [('بيروت', 9, ''), ('بيروت', 28, 'ف')]
        ```"""
    @overload
    def find_batch(
        self,
        texts: list[str | None] | tuple[str | None, ...] | Iterator[str | None],
        threads: int | None = None,
        arrow: Literal[False, None] = None,
    ) -> list[list[Match] | None]: ...
    @overload
    def find_batch(self, texts: Any, threads: int | None = None, arrow: bool | None = None) -> Any:
        """``find`` over many texts on all cores without the GIL; ``None`` stays ``None``.

        ``texts`` takes every form :meth:`Normalizer.normalize_batch` takes. For an iterable
        of ``str`` the result is a list of lists of :class:`Match`. For Arrow texts (read in
        place) the result is Arrow, in the form of the input (``pyarrow.Array``,
        ``pyarrow.ChunkedArray``, or a Series with the input's index and name and a
        ``pandas.ArrowDtype``), of type::

            list<item: struct<start: int64, end: int64, text: large_string,
                              prefix: large_string, term: large_string,
                              label: large_string, id: large_string,
                              variant: large_string>>

        one list per text (null for a missing text), the fields as on :class:`Match` (``label``
        null when the entry has none; ``meta`` is left out). ``arrow=False`` gives the lists
        of :class:`Match` for Arrow texts too; ``arrow=True`` gives a ``pyarrow.Array`` for an
        iterable of ``str``."""
    def count(self, texts: Any, threads: int | None = None) -> dict[str, int]:
        """For each id, the number of texts that mention it (``texts`` as in
        :meth:`find_batch`; Arrow texts are read in place)."""
    def to_bytes(self) -> bytes:
        """The compiled gazetteer (versioned and checksummed)."""
    @classmethod
    def from_bytes(cls, data: bytes) -> Gazetteer:
        """Rebuild a gazetteer from :meth:`to_bytes`; ``ValueError`` for foreign, truncated or
        corrupt data."""
    @staticmethod
    def common_words() -> list[str]:
        """The built-in common words of the precision rules (``stopwords`` adds to them)."""
    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the compiled gazetteer to ``path``: to a new file beside it, renamed over it,
        so that processes that have the old file mapped keep matching with the old contents."""
    @classmethod
    def load(cls, path: str | os.PathLike[str], *, mmap: bool = False) -> Gazetteer:
        """Read a gazetteer written by :meth:`save`.

        ``mmap=True`` maps the file and reads its tables in place instead of copying them:
        every process of a machine that maps one file shares one copy through the page cache
        (the file is still checked: format version, length, checksum and every reference).
        Only files in the current format (version 4) can be mapped; an older one gives
        ``ValueError`` (load it without ``mmap`` and save it again). Changes
        (:meth:`add`, :meth:`extend`, :meth:`disable`, ...) work and copy the tables they touch
        into the process. Every call checks that the file is unchanged (size, modification
        time, inode) and raises ``OSError`` when it was rewritten in place; a file replaced by
        renaming (as :meth:`save` does) leaves the map reading the old contents."""
    @property
    def mapped_path(self) -> str | None:
        """The path of the file this gazetteer is mapped from (``load(path, mmap=True)``), or
        None."""
    @property
    def normalizer(self) -> Normalizer:
        """The normalizer terms and texts go through."""
    @property
    def clitics(self) -> bool:
        """Whether a match may start after attached proclitics (``clitics=`` of the constructor)."""
    @property
    def overlapping(self) -> bool:
        """Whether every match of every entry is reported (True) or only leftmost-longest,
        non-overlapping matches (False)."""
    @property
    def case_sensitive(self) -> bool:
        """Whether Latin letters must match in case (False: ``UN`` matches ``un``)."""
    def entries(self) -> list[dict[str, Any]]:
        """Every entry as a dict (term, label, id, meta, exact, ignore, disabled), in the order
        added."""
    @property
    def lexicon(self) -> Lexicon | None:
        """The lexicon of the variant gate (None: no gate)."""
    def disable(self, terms: str | Iterable[str], id: str | None = None) -> int:
        """Switch terms off: they stay in the gazetteer (and its saved form) but never match.
        A term names the entries added with exactly that term, else every entry whose term
        normalizes like it; ``id`` keeps only the entries with that id. Returns how many entries
        changed; ``KeyError`` naming a term the gazetteer does not have (nothing is changed)."""
    def enable(self, terms: str | Iterable[str], id: str | None = None) -> int:
        """Switch terms on again (see :meth:`disable`)."""
    def _set_disabled(self, entries: list[int], disabled: bool) -> None: ...
    def _tally(
        self,
        texts: Any,
        mentions: list[list[tuple[int, int, str | None]]] | None = None,
        threads: int | None = None,
    ) -> list[tuple[int, int, int, int, int]]: ...
    def __len__(self) -> int: ...
    def __contains__(self, term: object, /) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

@disjoint_base
class Lexicon:
    """Word frequencies of written forms: a word as the text spells it, with diacritics,
    tatweel and invisible controls removed, presentation forms made letters and Latin letters
    lowercased; hamza, alef, alef maqsura and teh marbuta are kept as written, so ``المائة`` and
    ``الماية`` are two forms with their own counts. Pickles, saves and loads (versioned and
    checksummed), compares with ``==``.
    """

    def __new__(cls) -> Self: ...
    @classmethod
    def from_texts(cls, texts: Any, threads: int | None = None, min_count: int = 1) -> Self:
        """Count the words of ``texts`` (an iterable of ``str | None``, a pandas Series or an
        Arrow string array) on all cores; forms seen fewer than ``min_count`` times are dropped
        (:attr:`total` still counts them).

        ```python
        >>> lexicon = Lexicon.from_texts(["الكتاب على الطاولة", "قرأت الكتاب"])
        >>> lexicon.count("الكتاب"), lexicon.total
        (2, 5)
        ```"""
    def count(self, word: str) -> int:
        """How often ``word`` occurs (its written form is taken first)."""
    def per_million(self, word: str) -> float:
        """Occurrences of ``word`` per million words counted."""
    def most_common(self, n: int | None = None) -> list[tuple[str, int]]:
        """The ``n`` most frequent forms (all without ``n``), most frequent first."""
    @property
    def total(self) -> int:
        """The number of words counted."""
    def __getitem__(self, word: str, /) -> int: ...
    def __contains__(self, word: object, /) -> bool: ...
    def __len__(self) -> int: ...
    def to_bytes(self) -> bytes:
        """The lexicon as bytes (sorted forms with shared prefixes, varint counts)."""
    @classmethod
    def from_bytes(cls, data: bytes) -> Self:
        """Rebuild a lexicon from :meth:`to_bytes`; ``ValueError`` for foreign, truncated or
        corrupt data."""
    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the lexicon to ``path``."""
    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Self:
        """Read a lexicon written by :meth:`save`."""
    def __eq__(self, other: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

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

    ``clitics="atb"`` splits clitics off the Arabic words, as the Penn Arabic Treebank and UD
    Arabic do: the conjunctions و ف, the prepositions ب ل ك (and the ل of purpose), the future
    marker س and the pronouns ه ها هم هما هن ك كم كما كن ي نا ني become tokens of their own,
    the article stays on its word: ``وبالقاهرة`` is ``و`` ``ب`` ``القاهرة``. ``clitics="d3"``
    also splits the article. A word is split only where ``lexicon`` (default: the shipped
    :meth:`Lexicon.default`) makes the clitic reading the likely one: ``بيروت``, ``لندن``,
    ``والد``, ``فيما`` stay whole, ``وبيروت`` splits once. The pieces are slices of the text
    (lossless as ever), with :attr:`Token.role` and :attr:`Token.form`; :attr:`Token.norm` is
    the normalized form.

    ``ValueError`` for an unknown mode or clitics scheme (listing the valid ones),
    ``TypeError`` for a normalizer that is not a :class:`Normalizer` or a lexicon that is not
    a :class:`Lexicon`. Tokenizers pickle (the shipped lexicon by reference) and compare with
    ``==``.

    ```python
    >>> Tokenizer().words("زرتُ القاهرةَ في 2024، وكانت جميلة!")
    ['زرتُ', 'القاهرةَ', 'في', '2024', '،', 'وكانت', 'جميلة', '!']
    >>> segmenter = Tokenizer(clitics="atb")
    >>> segmenter.words("وبالمدينة مدرستها")
    ['و', 'ب', 'المدينة', 'مدرست', 'ها']
    >>> [token.form for token in segmenter("وبالمدينة مدرستها")]
    ['و', 'ب', 'المدينة', 'مدرسة', 'ها']
    ```
    """

    def __new__(
        cls,
        normalizer: Normalizer | None = None,
        mode: str = "default",
        clitics: Literal["atb", "d3"] | None = None,
        lexicon: Lexicon | None = None,
    ) -> Tokenizer: ...
    @property
    def mode(self) -> str:
        """``"default"`` or ``"camel"``."""
    @property
    def clitics(self) -> str | None:
        """``"atb"``, ``"d3"`` or None (words stay whole)."""
    @property
    def lexicon(self) -> Lexicon | None:
        """The lexicon that decides clitic splits (None without clitics)."""
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
        texts: Any,
        threads: int | None = None,
        output: Literal["tokens", "words", "offsets"] = "tokens",
        arrow: bool | None = None,
    ) -> Any:
        """Tokenize many texts on all cores without the GIL, in order; ``None`` and NaN give
        ``None``. Each result is a list of :class:`Token` (``output="tokens"``), of surface
        strings (``"words"``, the fastest) or of ``(start, end)`` tuples (``"offsets"``).
        ``threads`` (or ``BARQ_NUM_THREADS``) caps the threads; 1 runs inline.

        ``texts`` takes every form :meth:`Normalizer.normalize_batch` takes. For Arrow texts
        (read in place) the result is Arrow, in the form of the input (``pyarrow.Array``,
        ``pyarrow.ChunkedArray``, or a Series with the input's index and name and a
        ``pandas.ArrowDtype``), one list per text (null for a missing text) of type
        ``list<item: struct<start: int64, end: int64, text: large_string, kind: large_string,
        norm: large_string, form: large_string, role: large_string>>`` for ``"tokens"``
        (``norm`` null without a normalizer, ``role`` null for a token that is no piece),
        ``list<item: large_string>`` for ``"words"`` and ``list<item: struct<start: int64,
        end: int64>>`` for ``"offsets"``. ``arrow=False`` gives Python lists for Arrow texts
        too; ``arrow=True`` gives a ``pyarrow.Array`` for an iterable of ``str``."""
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

@final
class Stemmer:
    """A light stemmer: strips the affixes of Arabic words by the rules of a named scheme.

    ``Stemmer(scheme="lucene", lexicon=None)``. Two schemes:

    * ``"lucene"``: exactly Lucene's ``ArabicNormalizer`` followed by its ``ArabicStemmer``
      (``org.apache.lucene.analysis.ar``), the ``arabic_normalization`` + ``arabic_stem``
      filters of Elasticsearch and Solr, so an index can be reproduced offline. Normalization
      turns ``آ أ إ`` into ``ا``, ``ى`` into ``ي`` and ``ة`` into ``ه``, and removes tatweel and
      the eight harakat U+064B–U+0652 (nothing else: ``ٱ``, ``ؤ``, ``ئ`` and U+0670 stay). Then
      at most one prefix goes, the first of ``ال وال بال كال فال لل و`` that the word starts
      with, when two letters remain (three for ``و``); then each of the suffixes
      ``ها ان ات ون ين يه ية ه ة ي``, in that order and once each, goes when the word ends with
      it and two letters remain. Lengths are counted after normalization, in UTF-16 code
      units as Java counts them. ``والد`` becomes ``الد`` (too short for ``وال``, long enough
      for ``و``) and ``بكين`` becomes ``بك``: the rules know no words. Other scripts pass through.
    * ``"barq"``: barq's own, which knows words. Diacritics, tatweel and controls go; then the
      clitics the ATB segmenter finds (see :class:`Tokenizer`), with the letters the spelling
      merged restored; then the article (not in ``الذي``, ``الله`` …); then at most one suffix,
      only onto a word ``lexicon`` (default: the shipped :meth:`Lexicon.default`) knows: plural
      ``ات`` (``ترشيحات`` → ``ترشيح``, else the singular in ``ة``), dual ``تان``/``تين``,
      ``ون``/``ين``/``ان`` when the partner ending is attested too (``معلمون`` → ``معلم``; not
      ``لبنان``), ``ة`` (``الجديدة`` → ``جديد``), and a verb's ``وا`` or ``ت`` (``أعلنت`` →
      ``أعلن``). ``حكومتها``, ``للحكومة`` and ``الحكومات`` all give ``حكومة``; ``بيروت``,
      ``لندن`` and ``والد`` stay. Latin is lowercased; Arabic letters are not folded (``أ`` stays
      ``أ``): normalize first for a folded stem.

    ``ValueError`` for an unknown scheme (listing the valid names), ``TypeError`` for a
    scheme that is not a ``str``. Stemmers are immutable, pickle, compare with ``==`` and hash.

    ```python
    >>> Stemmer().stem("والمكتبات")
    'مكتب'
    >>> Stemmer("barq").stems("والمعلمون في مدارسهم")
    ['معلم', 'في', 'مدارس']
    ```
    """

    def __new__(cls, scheme: str = "lucene", lexicon: Lexicon | None = None) -> Stemmer: ...
    @property
    def lexicon(self) -> Lexicon | None:
        """The lexicon of a ``"barq"`` stemmer (None for ``"lucene"``)."""
    @staticmethod
    def schemes() -> list[str]:
        """Every scheme name."""
    @property
    def scheme(self) -> str:
        """The scheme's name."""
    def stem(self, word: str) -> str:
        """The stem of ``word`` (any string: the scheme's rules decide what happens to text
        that is not an Arabic word). ``TypeError`` for a non-str, ``ValueError`` for a lone
        surrogate (with its position)."""
    def __call__(self, word: str) -> str:
        """Same as :meth:`stem`."""
    def stems(self, text: str) -> list[str]:
        """The stems of the tokens of ``text``, one per token of ``Tokenizer().tokenize(text)``
        (so ``stems(text)[i]`` is the stem of ``Tokenizer().words(text)[i]``): word tokens
        stemmed, numbers, punctuation, URLs, hashtags, emoji and the other tokens unchanged."""
    @overload
    def stem_batch(
        self,
        words: list[str | None] | tuple[str | None, ...] | Iterator[str | None],
        threads: int | None = None,
        arrow: Literal[False] | None = None,
    ) -> list[str | None]: ...
    @overload
    def stem_batch(self, words: Any, threads: int | None = None, arrow: bool | None = None) -> Any:
        """The stems of many words on all cores without the GIL, in order; ``None`` and NaN
        give ``None``. ``threads`` (or ``BARQ_NUM_THREADS``) caps the threads; 1 runs inline.

        ``words`` takes every form :meth:`Normalizer.normalize_batch` takes. Arrow words are
        read in place and stemmed straight into the buffers of an Arrow result of the input's
        type and form (``pyarrow.Array``, ``pyarrow.ChunkedArray``, or a Series with the
        input's index, name and dtype); nulls stay null. ``arrow=False`` gives a list for
        Arrow words too; ``arrow=True`` gives a ``pyarrow.Array`` of ``large_string`` for an
        iterable of ``str``."""
    def stems_batch(self, texts: Any, threads: int | None = None, arrow: bool | None = None) -> Any:
        """:meth:`stems` of many texts on all cores without the GIL, in order: a list of lists
        of ``str`` (``None`` for a missing text), aligned with
        ``Tokenizer().tokenize_batch(texts, output="words")``. For Arrow texts (read in
        place) the result is Arrow in the form of the input, of type
        ``list<item: large_string>`` (null for a missing text); ``arrow`` as for
        :meth:`stem_batch`."""
    def __reduce__(self) -> tuple[Any, ...]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def transliterate(
    text: str, scheme: Literal["bw", "safebw", "xmlbw", "hsb"] = "bw", reverse: bool = False
) -> str:
    """Transliterate Arabic ``text`` into a Latin scheme, or back with ``reverse=True``.

    Character for character what camel_tools 1.6 gives with its built-in maps ``ar2bw``,
    ``ar2safebw``, ``ar2xmlbw``, ``ar2hsb`` (and ``bw2ar``, … for ``reverse=True``):

    * ``"bw"``: Buckwalter (``' | > & < }`` for ء آ أ ؤ إ ئ, ``p`` ة, ``Y`` ى, ``*`` ذ,
      ``$`` ش, ``_`` tatweel, ``a u i o ~`` the harakat, sukun and shadda, ``F N K`` tanween,
      a backtick ٰ, ``{`` ٱ);
    * ``"safebw"``: Buckwalter with letters for its symbols (``C M O W I Q`` for ء آ أ ؤ إ ئ,
      ``V`` ذ, ``c`` ش, ``e`` ٰ, ``L`` ٱ, and ``B`` for ڤ; ``_`` and ``~`` as in ``"bw"``);
    * ``"xmlbw"``: Buckwalter without ``< > &`` (``O W I`` for أ ؤ إ);
    * ``"hsb"``: Habash-Soudi-Buckwalter (``Ā Â ŵ Ă ŷ ħ θ ð š Ď ς γ ý`` for
      آ أ ؤ إ ئ ة ث ذ ش ظ ع غ ى, ``ã ũ ĩ`` tanween, ``.`` sukun, ``á`` ٰ).

    Each map covers the 36 letters U+0621–U+064A (hamza forms, ة and ى among them), tatweel,
    the eight marks U+064B–U+0652, superscript alef U+0670, alef wasla ٱ and the Persian
    letters پ چ ڤ گ: 51 characters. Every other character — digits (Arabic-Indic ones too),
    punctuation, other marks, spaces, Latin, emoji — is kept as it is, and every character
    becomes exactly one, so the result has the length of ``text``. The two directions of a
    scheme are inverses: ``transliterate(transliterate(t, s), s, reverse=True) == t`` for every
    ``t`` without the scheme's Latin letters.

    ``ValueError`` for an unknown scheme (naming the valid ones) or a lone surrogate;
    ``TypeError`` for a non-str.

    ```python
    >>> transliterate("كِتاب")
    'kitAb'
    >>> transliterate("kitAb", reverse=True)
    'كِتاب'
    >>> transliterate("شمس", "hsb")
    'šms'
    ```"""

def transliterate_align(
    text: str, scheme: Literal["bw", "safebw", "xmlbw", "hsb"] = "bw", reverse: bool = False
) -> Aligned:
    """:func:`transliterate` ``text`` and keep the alignment with it, as
    :meth:`Normalizer.align` does: ``aligned.text`` is the transliteration and
    ``aligned.to_original(start, end)`` the span of ``text`` it came from. Each character
    becomes one, so the alignment is the identity."""

@overload
def transliterate_batch(
    texts: list[str | None] | tuple[str | None, ...] | Iterator[str | None],
    scheme: Literal["bw", "safebw", "xmlbw", "hsb"] = "bw",
    reverse: bool = False,
    threads: int | None = None,
) -> list[str | None]: ...
@overload
def transliterate_batch(
    texts: Any,
    scheme: Literal["bw", "safebw", "xmlbw", "hsb"] = "bw",
    reverse: bool = False,
    threads: int | None = None,
) -> Any:
    """:func:`transliterate` many texts on all cores without the GIL, in order; ``None`` and
    NaN give ``None``. ``threads`` (or ``BARQ_NUM_THREADS``) caps the threads; 1 runs inline.

    ``texts`` takes every form :meth:`Normalizer.normalize_batch` takes; Arrow texts (pyarrow
    arrays and chunked arrays, Arrow-backed pandas Series) are read in place and the result is
    Arrow in the form of the input, with its type (a Series keeps its index, name and
    dtype)."""
