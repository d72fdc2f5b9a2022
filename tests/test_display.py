"""barq.render: matches drawn right-to-left in notebooks, and the displaCy format."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import barq
import pytest
from barq.display import KNOWN_LABELS, PALETTE, label_color

TEXT = "وصل وفد الأمم المتحدة إلى دِمَشْقَ قادماً من القاهرة، ثم زار بيروت وللحكومة بيان"


@pytest.fixture
def g() -> barq.Gazetteer:
    return barq.Gazetteer(
        [
            ("الأمم المتحدة", "ORG", "UN"),
            ("دمشق", "GPE", "DAM"),
            ("القاهرة", "GPE", "CAI"),
            ("بيروت", "GPE", "BEY"),
            ("الحكومة", "ORG", "GOV"),
        ]
    )


class _Collector(HTMLParser):
    """The text content and the <mark> elements of a rendering."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.marks: list[str] = []
        self.text: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "mark":
            self._depth += 1
            self.marks.append("")

    def handle_endtag(self, tag):
        if tag == "mark":
            self._depth -= 1

    def handle_data(self, data):
        self.text.append(data)
        if self._depth:
            self.marks[-1] += data


def parse(markup: str) -> _Collector:
    p = _Collector()
    p.feed(markup)
    return p


def test_render_highlights_every_match_right_to_left(g):
    r = barq.render(TEXT, g.find(TEXT))
    assert r._repr_html_() == r.html
    assert r.html.startswith('<div class="barq-render" dir="rtl" lang="ar"')
    marks = parse(r.html).marks
    # each mark holds the entity (with any dimmed proclitic) followed by its label
    assert marks == [
        "الأمم المتحدةORG",
        "دِمَشْقَGPE",
        "القاهرةGPE",
        "بيروتGPE",
        "وللحكومةORG",
    ]
    assert 'title="GPE · DAM · دمشق"' in r.html
    assert repr(r) == "Rendered('وصل وفد الأمم المتحدة إلى دِمَشْقَ قادم…', 5 matches)"


def test_the_text_is_kept_whole(g):
    r = barq.render(TEXT, g.find(TEXT))
    labels = {"ORG", "GPE"}
    content = "".join(t for t in parse(r.html).text if t not in labels)
    assert content == TEXT


def test_a_proclitic_stays_joined_to_its_word(g):
    # padding between ول and لحكومة would break the letter joining: the prefix goes inside
    r = barq.render(TEXT, g.find(TEXT))
    assert '<span style="opacity: 0.6;">ول</span>لحكومة' in r.html
    assert r.to_displacy()["ents"][-1] == {
        "start": TEXT.index("لحكومة"),
        "end": TEXT.index("لحكومة") + len("لحكومة"),
        "label": "ORG",
    }


def test_everything_is_html_escaped():
    text = 'قال <script>alert("x")</script> إن شركة A&B في <دبي>'
    start = text.index("A&B")
    r = barq.render(
        text,
        [
            {"start": start, "end": start + 3, "label": "<b>ORG & co</b>", "id": '"q"'},
            (text.index("دبي"), text.index("دبي") + 3, "GPE"),
        ],
        title="<i>عنوان</i> & more",
    )
    tags = set(parse(r.html).tags)
    assert tags <= {"div", "mark", "span"}
    assert "<script>" not in r.html and "<b>" not in r.html and "<i>" not in r.html
    assert "&lt;script&gt;" in r.html and "A&amp;B" in r.html
    assert "&lt;b&gt;ORG &amp; co&lt;/b&gt;" in r.html
    assert 'title="&lt;b&gt;ORG &amp; co&lt;/b&gt; · &quot;q&quot;"' in r.html
    assert html.unescape(re.sub(r"<[^>]+>", "", r.html)).startswith("<i>عنوان</i> & more")


def test_one_colour_per_label_deterministic():
    assert label_color("GPE") == label_color("GPE") == PALETTE[KNOWN_LABELS["GPE"]]
    assert label_color("GPE") != label_color("ORG")
    assert label_color("قبيلة") == label_color("قبيلة") in PALETTE
    assert label_color("GPE", {"GPE": "#123456"}) == "#123456"
    with pytest.raises(ValueError, match="red"):
        barq.render("دمشق", [(0, 4, "GPE")], colors={"GPE": "red"})


def _luminance(color: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(color[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("color", PALETTE)
def test_label_chips_are_readable(color):
    # white text on every chip colour meets WCAG AA (4.5:1); the highlight itself is a
    # translucent tint under the page's own text colour, so it reads on light and dark pages
    assert (1.05) / (_luminance(color) + 0.05) >= 4.5


def test_overlapping_matches_keep_the_leftmost_longest():
    text = "جامعة الدول العربية في القاهرة"
    g = barq.Gazetteer(
        [("جامعة الدول العربية", "ORG"), ("الدول العربية", "LOC"), ("القاهرة", "GPE")],
        overlapping=True,
    )
    matches = g.find(text)
    assert len(matches) == 3
    r = barq.render(text, matches)
    assert r.skipped == 1
    assert [e["label"] for e in r.to_displacy()["ents"]] == ["ORG", "GPE"]


def test_to_displacy_format(g):
    d = barq.render(TEXT, g.find(TEXT)).to_displacy()
    assert set(d) == {"text", "ents", "title"}
    assert d["text"] == TEXT and d["title"] is None
    for ent, m in zip(d["ents"], g.find(TEXT), strict=True):
        assert ent == {"start": m.start, "end": m.end, "label": m.label}
    assert barq.display.to_displacy(TEXT, g.find(TEXT), title="خبر") == {**d, "title": "خبر"}


def test_plain_text_and_bad_spans():
    r = barq.render("لا شيء هنا", None)
    assert "<mark" not in r.html and "لا شيء هنا" in r.html
    assert barq.render("لا شيء", []).to_displacy()["ents"] == []
    with pytest.raises(ValueError, match="start < end"):
        barq.render("دمشق", [(2, 9, "GPE")])
    with pytest.raises(TypeError, match="NoneType"):
        barq.render(None, [])  # type: ignore[arg-type]


def test_line_breaks_and_unlabelled_matches():
    text = "السطر الأول\nدمشق"
    r = barq.render(text, [(12, 16, None)])
    assert "white-space: pre-wrap" in r.html
    assert parse(r.html).marks == ["دمشق"]
    assert r.to_displacy()["ents"] == [{"start": 12, "end": 16, "label": ""}]
