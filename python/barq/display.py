"""Showing matches in notebooks: ``barq.render(text, g.find(text))``.

The text is drawn right-to-left with each match highlighted and labelled. Everything is HTML
escaped; styles are inline (notebook front ends and HTML exports keep them, and they cannot
leak into the rest of the page); the highlight is a translucent tint of the label's colour
over the page's own text colour, so it reads on light and dark themes alike. This module
imports nothing beyond the standard library.
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Rendered", "render", "to_displacy"]

#: Label chip colours, all dark enough for white text (WCAG contrast >= 4.5:1).
PALETTE = (
    "#1d4ed8",  # blue
    "#b45309",  # amber
    "#047857",  # emerald
    "#b91c1c",  # red
    "#6d28d9",  # violet
    "#0e7490",  # cyan
    "#be185d",  # pink
    "#4d7c0f",  # lime
    "#a21caf",  # fuchsia
    "#475569",  # slate
)
#: The labels of the default gazetteer and the usual NER sets keep fixed colours.
KNOWN_LABELS = {
    "GPE": 0,
    "LOC": 2,
    "ORG": 1,
    "PER": 4,
    "PERSON": 4,
    "NORP": 5,
    "FAC": 7,
    "EVENT": 3,
    "DATE": 9,
    "MISC": 8,
}
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def label_color(label: str, colors: Mapping[str, str] | None = None) -> str:
    """The colour (``#rrggbb``) of ``label``: from ``colors`` if given there, a fixed one for
    common labels, else one picked from the palette by a stable hash of the label."""
    if colors and label in colors:
        color = colors[label]
        if not _HEX.fullmatch(color):
            raise ValueError(f"colour of label {label!r} must look like '#1d4ed8', not {color!r}")
        return color
    slot = KNOWN_LABELS.get(label.upper())
    if slot is None:
        slot = zlib.crc32(label.encode("utf-8")) % len(PALETTE)
    return PALETTE[slot]


def _rgba(color: str, alpha: float) -> str:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"


@dataclass(frozen=True)
class Span:
    """One highlighted span: ``text[start:end]`` with its label and a hover title, and the
    ``prefix`` proclitic(s) written right before it (drawn inside the highlight, dimmed)."""

    start: int
    end: int
    label: str
    title: str
    prefix: str = ""

    @property
    def word_start(self) -> int:
        return self.start - len(self.prefix)


def _field(match: Any, name: str) -> Any:
    if isinstance(match, Mapping):
        return match.get(name)
    return getattr(match, name, None)


def _as_span(text: str, match: Any) -> Span:
    if isinstance(match, tuple):
        start, end, label = (*match, None)[:3]
        match = {"start": start, "end": end, "label": label}
    start, end = _field(match, "start"), _field(match, "end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        raise ValueError(
            f"match {match!r} needs integer start < end within the text (0..{len(text)})"
        )
    label = _field(match, "label") or ""
    details = [str(v) for v in (label, _field(match, "id"), _field(match, "term")) if v]
    prefix = _field(match, "prefix")
    if not (isinstance(prefix, str) and text[max(start - len(prefix), 0) : start] == prefix):
        prefix = ""
    return Span(start, end, str(label), " · ".join(dict.fromkeys(details)), prefix)


def _non_overlapping(spans: list[Span]) -> tuple[list[Span], int]:
    """Leftmost first, then longest; a span overlapping one already kept is dropped."""
    kept: list[Span] = []
    dropped = 0
    for span in sorted(spans, key=lambda s: (s.word_start, -s.end)):
        if kept and span.word_start < kept[-1].end:
            dropped += 1
        else:
            kept.append(span)
    return kept, dropped


class Rendered:
    """A text with its matches, ready to show: ``_repr_html_`` draws it in a notebook,
    :attr:`html` is the same markup as a string, :meth:`to_displacy` gives spaCy's format.

    Overlapping matches (from a gazetteer with ``overlapping=True``) cannot all be drawn
    inline: the leftmost, then longest, is kept and the ones overlapping it are skipped
    (:attr:`skipped` says how many). A stripped proclitic (``Match.prefix``, the و of
    وبيروت) is drawn dimmed inside the highlight, so the word keeps its letter joining; the
    displaCy dict keeps the entity's own offsets.
    """

    def __init__(
        self,
        text: str,
        matches: Iterable[Any] | None,
        title: str | None = None,
        colors: Mapping[str, str] | None = None,
    ) -> None:
        if not isinstance(text, str):
            raise TypeError(f"render needs the text as str, not {type(text).__name__}")
        self.text = text
        """The text the matches were found in."""
        self.title = title
        """A heading drawn above the text, or None."""
        self.colors = dict(colors or {})
        """Label → CSS colour overrides (the other labels get the built-in colours)."""
        self.spans, self.skipped = _non_overlapping([_as_span(text, m) for m in matches or ()])
        for span in self.spans:
            label_color(span.label, self.colors)  # reject a bad colour now, not when drawn

    def _mark(self, span: Span) -> str:
        color = label_color(span.label, self.colors)
        mark_style = (
            f"background: {_rgba(color, 0.22)}; color: inherit; "
            f"border-bottom: 2px solid {color}; border-radius: 0.3em; "
            "padding: 0.1em 0.25em; margin: 0 0.1em; line-height: 1;"
        )
        chip_style = (
            f"background: {color}; color: #ffffff; font-size: 0.65em; font-weight: 600; "
            "font-family: system-ui, sans-serif; padding: 0.1em 0.35em; margin-inline-start: "
            "0.35em; border-radius: 0.25em; vertical-align: middle; unicode-bidi: isolate;"
        )
        # A proclitic joins the letter after it (ل in للحكومة): it goes inside the highlight,
        # because padding between the two would break the Arabic letter joining.
        body = html.escape(self.text[span.start : span.end])
        if span.prefix:
            body = f'<span style="opacity: 0.6;">{html.escape(span.prefix)}</span>{body}'
        chip = (
            f'<span dir="ltr" style="{chip_style}">{html.escape(span.label)}</span>'
            if span.label
            else ""
        )
        return (
            f'<mark class="barq-ent" title="{html.escape(span.title)}" '
            f'style="{mark_style}">{body}{chip}</mark>'
        )

    @property
    def html(self) -> str:
        """The markup: a ``<div dir="rtl" lang="ar">`` with one ``<mark>`` per match."""
        parts = []
        if self.title:
            parts.append(
                f'<div style="font-weight: 600; margin-bottom: 0.4em;">'
                f"{html.escape(self.title)}</div>"
            )
        position = 0
        for span in self.spans:
            parts.append(html.escape(self.text[position : span.word_start]))
            parts.append(self._mark(span))
            position = span.end
        parts.append(html.escape(self.text[position:]))
        style = "line-height: 2.4; font-size: 1.15em; white-space: pre-wrap; text-align: start;"
        body = "".join(parts)
        return f'<div class="barq-render" dir="rtl" lang="ar" style="{style}">{body}</div>'

    def _repr_html_(self) -> str:
        return self.html

    def to_displacy(self) -> dict[str, Any]:
        """The spaCy displaCy "manual" format:
        ``displacy.render(r.to_displacy(), style="ent", manual=True)``."""
        return {
            "text": self.text,
            "ents": [{"start": s.start, "end": s.end, "label": s.label} for s in self.spans],
            "title": self.title,
        }

    def __repr__(self) -> str:
        preview = self.text if len(self.text) <= 40 else self.text[:39] + "…"
        return f"Rendered({preview!r}, {len(self.spans)} matches)"


def render(
    text: str,
    matches: Iterable[Any] | None,
    *,
    title: str | None = None,
    colors: Mapping[str, str] | None = None,
) -> Rendered:
    """Show ``text`` right-to-left with each match highlighted and labelled, one colour per
    label (``colors`` maps labels to ``#rrggbb`` to choose them).

    ``matches`` are :class:`barq.Match` objects (``g.find(text)``), or anything with
    ``start``/``end``/``label`` attributes or keys, or ``(start, end, label)`` tuples; code-point
    offsets into ``text``. ``None`` (a missing text's matches) shows the text plain. In a
    notebook the result displays itself; ``.html`` is the markup.
    """
    return Rendered(text, matches, title=title, colors=colors)


def to_displacy(text: str, matches: Iterable[Any] | None, title: str | None = None) -> dict:
    """``{"text", "ents": [{"start", "end", "label"}], "title"}`` for spaCy's displaCy
    (``manual=True``); overlapping matches are skipped as in :func:`render`."""
    return Rendered(text, matches, title=title).to_displacy()
