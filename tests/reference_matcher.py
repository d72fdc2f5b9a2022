"""A slow, obviously correct gazetteer matcher: the documented semantics, restated.

This is the reference that ``tests/test_reference_matcher.py`` compares ``barq.Gazetteer`` with.
It is written from the documentation (README "Gazetteer matching semantics" and "Precision
tools", docs/API.md "Gazetteer"), not from the fast matcher's data structures: it cuts the text
into word units, and at every unit tries every reading of the first word (as written, and after
every proclitic), every entry, and every length, then keeps the leftmost-longest accepted match.
Quadratic and proud of it.

It calls ``barq.Normalizer`` (normalization has its own tests) and, for the variant gate, reads a
``barq.Lexicon``'s counts and the built-in common words (``barq.Gazetteer.common_words()``), but
never the gazetteer's matching.

What it knows of the text (the characters the test generates):

* A **word** is a maximal run of letters, digits, marks and tatweel (Unicode categories L, N, M);
  an invisible control between two of them stays inside the word, one after the last letter does
  not. Every other character is a unit of its own (punctuation, emoji, symbols) unless it is a
  **separator**: white space, a quote or an invisible control, which only separates units.
* Units are normalized one by one; a unit that normalizes to nothing (a stray mark, a lone
  tatweel) is left out, so it matches like the space between words.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

import barq

TATWEEL = "\u0640"

# The quotes the `quotes` normalizer option documents, plus the ASCII ones.
QUOTES = frozenset("«»“”„‟‘’‚‛‹›\"'")

# The invisible controls the `controls` normalizer option documents.
CONTROLS = frozenset(
    [chr(0x00AD), chr(0x061C), chr(0x180E), chr(0xFEFF)]
    + [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2060, 0x2065)]
    + [chr(c) for c in range(0x2066, 0x2070)]
)

# The proclitics a match may begin after (README: و ف ب ل ك and their pairs).
PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك")

# A stripped proclitic must leave at least this many letters.
MIN_REST = 2

# The variant gate: a written form seen fewer times is no evidence; a folded form must be seen
# more than this many times as often as the term's own spelling to be another word.
GATE_MIN_COUNT = 3
GATE_RATIO = 2

ALEF_FORMS = str.maketrans({c: "ا" for c in "أإآٱٲٳٵ"})


def is_white_space(c: str) -> bool:
    # Unicode White_Space; Python's isspace adds the information separators U+001C-U+001F.
    return c.isspace() and c not in "\x1c\x1d\x1e\x1f"


def is_separator(c: str) -> bool:
    return is_white_space(c) or c in QUOTES or c in CONTROLS


def is_word_char(c: str) -> bool:
    return c == TATWEEL or unicodedata.category(c)[0] in "LMN"


@dataclass(frozen=True)
class Unit:
    """A unit of a text: code-point span, whether it is a word, its normalized form."""

    start: int
    end: int
    is_word: bool
    norm: str


def cut(text: str) -> list[tuple[int, int, bool]]:
    """The units of ``text``: (start, end, is_word) in code points."""
    units = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if is_word_char(c):
            last, k = i, i + 1
            while k < n and (is_word_char(text[k]) or text[k] in CONTROLS):
                if is_word_char(text[k]):
                    last = k
                k += 1
            units.append((i, last + 1, True))
            i = last + 1
        elif is_separator(c):
            i += 1
        else:
            units.append((i, i + 1, False))
            i += 1
    return units


def text_units(text: str, normalizer: barq.Normalizer) -> list[Unit]:
    """The units of a text, each normalized on its own; empty ones left out."""
    out = []
    for start, end, is_word in cut(text):
        norm = normalizer(text[start:end])
        if norm:
            out.append(Unit(start, end, is_word, norm))
    return out


def term_units(term: str, normalizer: barq.Normalizer) -> list[str]:
    """The words of a term: the normalized term, cut into units."""
    norm = normalizer(term)
    return [norm[s:e] for s, e, _ in cut(norm)]


@dataclass
class RefEntry:
    term: str
    label: str | None
    id: str
    exact: bool = False
    ignore: bool = False
    disabled: bool = False
    index: int = 0
    units: list[str] = field(default_factory=list)
    lights: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RefMatch:
    start: int
    end: int
    text: str
    prefix: str
    term: str
    label: str | None
    id: str
    variant: str

    def key(self) -> tuple[Any, ...]:
        return (
            self.start,
            self.end,
            self.text,
            self.prefix,
            self.term,
            self.label,
            self.id,
            self.variant,
        )


class ReferenceGazetteer:
    """The reference: entries as ``barq.Gazetteer.extend`` takes them (dicts or tuples)."""

    def __init__(
        self,
        entries: list[Any],
        clitics: bool = True,
        overlapping: bool = False,
        case_sensitive: bool = False,
        stopwords: list[str] | None = None,
        lexicon: barq.Lexicon | None = None,
    ) -> None:
        self.clitics = clitics
        self.overlapping = overlapping
        self.lexicon = lexicon
        lower = not case_sensitive
        # The matching normalizer: "search", its lowercase following case_sensitive.
        self.norm = barq.Normalizer("search", lowercase=lower)
        # Written forms: diacritics, tatweel and controls removed, presentation forms made
        # letters, Latin lowercased unless case_sensitive; nothing folded.
        self.light = barq.Normalizer(
            "light", diacritics=True, tatweel=True, controls=True, lowercase=lower
        )
        words = list(barq.Gazetteer.common_words()) + list(stopwords or [])
        self.common_written = {self.light(w) for w in words}
        self.common_folded = {self.norm(w) for w in words}
        self.entries: list[RefEntry] = []
        seen = set()
        for raw in entries:
            e = self._entry(raw)
            if (e.term, e.label, e.id) in seen:
                continue  # adding the same term, label and id again changes nothing
            seen.add((e.term, e.label, e.id))
            e.index = len(self.entries)
            e.units = term_units(e.term, self.norm)
            lights = term_units(e.term, self.light)
            e.lights = lights if len(lights) == len(e.units) else list(e.units)
            self.entries.append(e)

    @staticmethod
    def _entry(raw: Any) -> RefEntry:
        if isinstance(raw, str):
            return RefEntry(raw, None, raw)
        if isinstance(raw, dict):
            term = raw["term"]
            return RefEntry(
                term,
                raw.get("label"),
                raw.get("id") or term,
                exact=bool(raw.get("exact")),
                ignore=bool(raw.get("ignore")),
                disabled=bool(raw.get("disabled")),
            )
        term, *rest = raw
        label = rest[0] if rest else None
        ident = rest[1] if len(rest) > 1 and rest[1] is not None else term
        return RefEntry(term, label, ident)

    # -- the pieces of the semantics ------------------------------------------------------

    def readings(self, unit: Unit) -> list[tuple[int, str, bool]]:
        """Ways the first word of a match may be read: (proclitic length in normalized
        characters, the word left, whether an alef was restored for ل + ال written لل)."""
        out = [(0, unit.norm, False)]
        if not self.clitics or not unit.is_word or unit.norm in self.common_folded:
            return out  # never strip a proclitic from a common word, in any spelling
        for p in PROCLITICS:
            rest = unit.norm[len(p) :]
            if not unit.norm.startswith(p) or len(rest) < MIN_REST:
                continue
            out.append((len(p), rest, False))
            if p.endswith("ل") and rest.startswith("ل"):
                out.append((len(p), "ا" + rest, True))
        return out

    def original_prefix(self, word: str, prefix_len: int) -> int:
        """How many code points of ``word`` (as written) the first ``prefix_len`` normalized
        characters take: the proclitic's letters with their marks and tatweel. The entity
        begins at the first character after them that is written as something."""
        produced = 0
        for i, c in enumerate(word):
            out = self.norm(c)
            if out and produced >= prefix_len:
                return i
            produced += len(out)
        return len(word)

    def count(self, form: str) -> int:
        assert self.lexicon is not None
        return self.lexicon[form]

    def proclitic_plausible(self, whole: str, rest: str) -> bool:
        """The proclitic half of the variant gate (one-word candidates, with a lexicon)."""
        if rest.startswith("ال") and len(rest) >= 4:
            return True  # a proclitic before the article is always stripped
        seen = self.count(self.light(whole))
        return seen < GATE_MIN_COUNT or self.count(rest) >= seen

    def another_word(self, written: str, term: str) -> bool:
        """The folding half of the variant gate: the text's written form is a word of its
        own rather than a spelling of the term's."""
        if written.translate(ALEF_FORMS) == term.translate(ALEF_FORMS):
            return False
        seen = self.count(written)
        return seen >= GATE_MIN_COUNT and seen > GATE_RATIO * self.count(term)

    def accepted(self, e: RefEntry, written: list[str], stripped: bool, gate: bool) -> bool | None:
        """Whether the precision rules let entry ``e`` match a span whose units are written
        ``written``; returns None when refused, else whether it is written like the term."""
        if e.disabled:
            return None
        alike = e.lights == written
        written_only = e.exact or (len(e.lights) == 1 and e.lights[0] in self.common_written)
        if written_only and (not alike or stripped):
            return None
        for w, t in zip(written, e.lights, strict=True):
            if w != t and w in self.common_written:
                return None  # a common word matches a term word only as written
        if not alike and gate and self.another_word(written[0], e.lights[0]):
            return None
        return alike

    # -- matching --------------------------------------------------------------------------

    def spans_at(self, text: str, units: list[Unit], i: int) -> list[dict[str, Any]]:
        """Every accepted (span, entry) starting in unit ``i``, grouped by span: a list of
        dicts with the span and its entries (index, alike), longest span first, then the
        span with the shorter proclitic."""
        spans: dict[tuple[int, int], dict[str, Any]] = {}
        first = units[i]
        whole = text[first.start : first.end]
        for prefix_len, word, alef in self.readings(first):
            cut_at = self.original_prefix(whole, prefix_len)
            for e in self.entries:
                n = len(e.units)
                if i + n > len(units) or e.units[0] != word:
                    continue
                if any(units[i + k].norm != e.units[k] for k in range(1, n)):
                    continue
                rest = ("ا" if alef else "") + self.light(whole[cut_at:])
                written = [rest] + [self.light(text[u.start : u.end]) for u in units[i + 1 : i + n]]
                gate = self.lexicon is not None and n == 1
                if gate and prefix_len and not self.proclitic_plausible(whole, rest):
                    continue
                alike = self.accepted(e, written, prefix_len > 0, gate)
                if alike is None:
                    continue
                span = spans.setdefault(
                    (n, prefix_len),
                    {
                        "units": n,
                        # marks or tatweel before the first letter are not part of the
                        # word: they stand between words like a space
                        "word_start": first.start + self.original_prefix(whole, 0),
                        "start": first.start + cut_at,
                        "end": units[i + n - 1].end,
                        "entries": [],
                    },
                )
                span["entries"].append((e.index, alike))
        return [spans[k] for k in sorted(spans, key=lambda k: (-k[0], k[1]))]

    def match(self, text: str, span: dict[str, Any], e: RefEntry, alike: bool) -> RefMatch:
        return RefMatch(
            span["start"],
            span["end"],
            text[span["start"] : span["end"]],
            text[span["word_start"] : span["start"]],
            e.term,
            e.label,
            e.id,
            "exact" if alike else "folded",
        )

    def find(self, text: str) -> list[RefMatch]:
        units = text_units(text, self.norm)
        out = []
        i = 0
        while i < len(units):
            spans = self.spans_at(text, units, i)
            if self.overlapping:
                for span in spans:
                    for index, alike in span["entries"]:
                        e = self.entries[index]
                        if not e.ignore:
                            out.append((index, self.match(text, span, e, alike)))
                i += 1
                continue
            if not spans:
                i += 1
                continue
            # leftmost (this unit), longest: the first span; one entry for it: the first one
            # written exactly like the text, else the first added. An ignored entry takes the
            # span and reports nothing.
            span = spans[0]
            index, alike = min(span["entries"], key=lambda ea: (not ea[1], ea[0]))
            e = self.entries[index]
            if not e.ignore:
                out.append((index, self.match(text, span, e, alike)))
            i += span["units"]
        if self.overlapping:
            out.sort(key=lambda im: (im[1].start, im[1].end, im[0]))
        return [m for _, m in out]
