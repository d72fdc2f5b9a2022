"""Precision tools: the lexicon, the variant gate, calibration on annotated text, the audit."""

from __future__ import annotations

import pickle

import barq
import pytest
from barq import Gazetteer, Lexicon
from hypothesis import given
from hypothesis import strategies as st

# Small places whose names fold or strip into common words (the ids are made up).
TOWNS = [
    ("الماية", "GPE", "town:maya"),
    ("لائه", "GPE", "town:lae"),
    ("توي", "GPE", "town:tui"),
    ("هوئه", "GPE", "town:hue"),
    ("آئزال", "GPE", "town:aizawl"),
    ("فوجي", "GPE", "town:fuji"),
    ("مدينه", "GPE", "town:medina-alias"),
]
NAMES = [
    ("أحمد", "PER", "ahmad"),
    ("دمشق", "GPE", "damascus"),
    ("القاهرة", "GPE", "cairo"),
    ("الحكومة", "ORG", "government"),
]


def ids(g: Gazetteer, text: str) -> list[str]:
    return [m.id for m in g.find(text)]


# --------------------------------------------------------------------------------------------
# the lexicon


def test_lexicon_counts_written_forms():
    lex = Lexicon.from_texts(["قرأتُ مائة صفحة من الكتاب", "وقرأ أخي مائة أخرى", None])
    assert lex.count("مائة") == 2
    assert lex["مِائَة"] == 2  # diacritics are not part of a written form
    assert lex.count("ماية") == 0  # the hamza is
    assert "الكتاب" in lex and "الكتب" not in lex
    assert lex.total == 9
    assert len(lex) == 8
    assert lex.most_common(1) == [("مائة", 2)]
    assert lex.per_million("مائة") == pytest.approx(2e6 / 9)


def test_lexicon_from_texts_prunes_rare_forms_but_keeps_the_total():
    texts = ["سافر الوفد إلى بغداد", "عاد الوفد من بغداد"]
    lex = Lexicon.from_texts(texts, min_count=2)
    assert lex.count("الوفد") == 2 and lex.count("سافر") == 0
    assert lex.total == 8


def test_lexicon_saves_loads_pickles_and_compares(tmp_path):
    lex = Lexicon.from_texts(["جاء المطر غزيرا على المدينة 🌧️ اليوم"], threads=1)
    path = tmp_path / "news.lex"
    lex.save(path)
    assert Lexicon.load(path) == lex
    assert pickle.loads(pickle.dumps(lex)) == lex
    assert Lexicon.from_bytes(lex.to_bytes()) == lex
    assert lex != Lexicon.from_texts(["جاء المطر"])
    assert repr(lex) == "Lexicon(<6 forms, 6 words>)"


def test_a_corrupt_or_foreign_lexicon_file_is_a_value_error(tmp_path):
    lex = Lexicon.from_texts(["كتب الطالب الدرس"])
    data = lex.to_bytes()
    with pytest.raises(ValueError, match="checksum"):
        Lexicon.from_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    with pytest.raises(ValueError, match="truncated"):
        Lexicon.from_bytes(data[:-3])
    foreign = tmp_path / "gazetteer.barq"
    Gazetteer([("دمشق", "GPE")]).save(foreign)
    with pytest.raises(ValueError, match="not a barq lexicon"):
        Lexicon.load(foreign)
    with pytest.raises(TypeError, match="bytes"):
        Lexicon.from_bytes("not bytes")
    with pytest.raises(TypeError, match="single str"):
        Lexicon.from_texts("نص واحد")


def test_the_shipped_lexicon_knows_common_words():
    lex = Lexicon.default()
    assert lex is Lexicon.default()
    assert lex.total > 1_000_000
    assert lex.count("المائة") > 100 > lex.count("الماية")
    assert lex.count("أحمد") > 100


# --------------------------------------------------------------------------------------------
# the variant gate


@pytest.mark.parametrize(
    "text, claimed",
    [
        ("ارتفعت نسبة البطالة إلى عشرة في المائة هذا العام", "town:maya"),
        ("أعلن حاكم ولاية نيفادا حالة الطوارئ", "town:lae"),
        ("أصدر المفتي فتوى تمنع ذلك", "town:tui"),
        ("طلب الشرطي بطاقة هوية السائق", "town:hue"),
        ("قال إن المشروع لايزال متوقفا", "town:aizawl"),
        ("فوجئ الجمهور بقرار الحكم", "town:fuji"),
        ("دخلت القوات مدينة كبيرة في الشمال", "town:medina-alias"),
    ],
)
def test_folding_and_stripping_do_not_turn_common_words_into_towns(text, claimed):
    # without the gate, each common word is taken for a small town
    assert claimed in ids(Gazetteer(TOWNS, lexicon=None), text)
    assert claimed not in ids(Gazetteer(TOWNS), text)


def test_spellings_of_one_word_still_match():
    g = Gazetteer(NAMES)
    text = "قال احمد إن الوفد وصل بدمشق قادما من القاهره، ونقل رسالة للحكومة والقاهرة"
    found = g.find(text)
    assert [(m.text, m.prefix, m.id, m.variant) for m in found] == [
        ("احمد", "", "ahmad", "folded"),
        ("دمشق", "ب", "damascus", "exact"),
        ("القاهره", "", "cairo", "folded"),
        ("لحكومة", "ل", "government", "exact"),
        ("القاهرة", "و", "cairo", "exact"),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_variant_is_exact_despite_diacritics_and_tatweel():
    g = Gazetteer(NAMES)
    [m] = g.find("عاد إلى دِمَشـــقَ مساءً")
    assert m.variant == "exact" and m.text == "دِمَشـــقَ"
    [m] = g.find("التقى أَحمَد بالوفد")
    assert m.variant == "exact"


def test_variant_survives_pickling_and_to_dict():
    [m] = Gazetteer(NAMES).find("وصل احمد")
    assert m.to_dict()["variant"] == "folded"
    again = pickle.loads(pickle.dumps(m))
    assert again.variant == "folded" and again == m


def test_a_gazetteer_takes_another_lexicon_or_none():
    own = Lexicon.from_texts(["عشرة في المائة"] * 5)
    g = Gazetteer(TOWNS, lexicon=own)
    assert g.lexicon == own
    assert ids(g, "خمسة في المائة") == []
    assert Gazetteer(TOWNS, lexicon=None).lexicon is None
    assert Gazetteer(TOWNS).lexicon == Lexicon.default()
    with pytest.raises(TypeError, match="lexicon must be a barq.Lexicon"):
        Gazetteer(TOWNS, lexicon={"المائة": 5})


def test_the_lexicon_travels_with_the_gazetteer(tmp_path):
    own = Lexicon.from_texts(["عشرة في المائة"] * 5)
    g = Gazetteer(TOWNS, lexicon=own)
    path = tmp_path / "g.barq"
    g.save(path)
    for again in (Gazetteer.load(path), pickle.loads(pickle.dumps(g))):
        assert again.lexicon == own
        assert again == g
        assert ids(again, "خمسة في المائة") == []
    assert g != Gazetteer(TOWNS, lexicon=None)


# --------------------------------------------------------------------------------------------
# disable / enable


def test_disable_and_enable_terms(tmp_path):
    g = Gazetteer([("حلب", "GPE", "aleppo"), ("دمشق", "GPE", "damascus")], lexicon=None)
    text = "من حلب إلى دمشق"
    assert g.disable("حلب") == 1
    assert ids(g, text) == ["damascus"]
    assert [e["disabled"] for e in g.entries()] == [True, False]
    assert "حلب" in g and len(g) == 2  # kept, only switched off
    path = tmp_path / "g.barq"
    g.save(path)
    assert ids(Gazetteer.load(path), text) == ["damascus"]
    assert ids(pickle.loads(pickle.dumps(g)), text) == ["damascus"]
    assert g.enable(["حلب"]) == 1
    assert ids(g, text) == ["aleppo", "damascus"]


def test_disable_by_id_and_by_normalized_term():
    g = Gazetteer(
        [("واشنطن", "GPE", "town:washington-pa"), ("واشنطن", "GPE", "city:washington-dc")],
        overlapping=True,
        lexicon=None,
    )
    g.disable("واشنطن", id="town:washington-pa")
    assert ids(g, "وصل الوفد إلى واشنطن") == ["city:washington-dc"]
    # a spelling that normalizes like the term names it too
    g.disable("واشنطون" if "واشنطون" in g else "وَاشِنْطُن")
    assert ids(g, "وصل الوفد إلى واشنطن") == []


def test_disable_an_unknown_term_is_a_key_error():
    g = Gazetteer([("حلب", "GPE", "aleppo")])
    with pytest.raises(KeyError, match="حمص"):
        g.disable(["حلب", "حمص"])
    assert ids(g, "في حلب") == ["aleppo"]  # nothing changed
    with pytest.raises(KeyError, match="with id"):
        g.disable("حلب", id="other")
    with pytest.raises(TypeError, match="iterable of str"):
        g.disable(5)


# --------------------------------------------------------------------------------------------
# calibration


TEXTS = [
    "قال علي إن المفاوضات في جنيف ستستأنف",
    "وصل الوفد إلى جنيف صباحا وبجنيف عقد اجتماعه",
    "جلس علي على الكرسي",
    "ذهب علي إلى السوق",
]
MENTIONS = [
    [(4, 7, "PER"), (24, 28, "LOC")],
    [(14, 18), (25, 31, "LOC")],  # the second span includes its proclitic
    [(4, 7, "PER")],
    [],  # a match of علي the annotators did not mark (say, a mistake)
]


def place_gazetteer() -> Gazetteer:
    return Gazetteer(
        [("جنيف", "LOC", "geneva"), ("علي", "PER", "ali"), ("السوق", "LOC", "souq")],
        lexicon=None,
    )


def test_calibrate_reports_link_probability_and_switches_off_poor_terms():
    g = place_gazetteer()
    report = g.calibrate(TEXTS, MENTIONS, min_precision=0.7, min_count=2)
    rows = {r["term"]: r for r in report.to_dict("records")}
    assert (rows["جنيف"]["matches"], rows["جنيف"]["agreeing"]) == (3, 3)
    assert rows["علي"]["precision"] == pytest.approx(2 / 3)
    assert rows["علي"]["disabled"] and not rows["جنيف"]["disabled"]
    # السوق matched once: fewer than min_count, so it stays on despite no agreement
    assert (rows["السوق"]["matches"], rows["السوق"]["disabled"]) == (1, False)
    assert list(report["term"]) == ["السوق", "علي", "جنيف"]  # worst first
    assert "ali" not in ids(g, "قال علي")
    g.enable("علي")
    assert ids(g, "قال علي") == ["ali"]


def test_calibrate_with_labels_counts_only_same_label_mentions():
    g = place_gazetteer()
    mentions = [[(24, 28, "LOC"), (4, 7, "LOC")], [], [], []]
    with pytest.raises(ValueError, match="unknown label 'XYZ'"):
        g.calibrate(TEXTS[:1], [[(4, 7, "XYZ")]])
    report = g.calibrate(TEXTS, mentions, min_precision=0.3, min_count=1)
    rows = {r["term"]: r for r in report.to_dict("records")}
    assert rows["علي"]["agreeing"] == 0


def test_calibration_survives_saving(tmp_path):
    g = place_gazetteer()
    g.calibrate(TEXTS, MENTIONS, min_precision=0.7)
    path = tmp_path / "calibrated.barq"
    g.save(path)
    assert Gazetteer.load(path) == g
    assert ids(Gazetteer.load(path), "قال علي في جنيف") == ["geneva"]


@pytest.mark.parametrize(
    "mentions, message",
    [
        (MENTIONS[:3], "same length"),
        ([[(4, 99)], [], [], []], r"mentions\[0\]: span \(4, 99\) is not inside text 0"),
        ([[], [(7, 7)], [], []], r"mentions\[1\]: span \(7, 7\)"),
        ([[], [], [(-1, 3)], []], r"mentions\[2\]"),
        ([[], [], [], [(1, 2, "ORG")]], r"mentions\[3\]: unknown label 'ORG'"),
        ([[], [], [], ["جنيف"]], r"mentions\[3\]: a mention is"),
    ],
)
def test_calibrate_rejects_bad_mentions(mentions, message):
    with pytest.raises(ValueError, match=message):
        place_gazetteer().calibrate(TEXTS, mentions)


def test_calibrate_accepts_overlapping_mentions_and_checks_its_options():
    g = place_gazetteer()
    g.calibrate(TEXTS[:1], [[(4, 7, "PER"), (4, 28)]], min_count=5)
    with pytest.raises(ValueError, match="min_precision"):
        g.calibrate(TEXTS, MENTIONS, min_precision=1.5)
    with pytest.raises(ValueError, match="min_count"):
        g.calibrate(TEXTS, MENTIONS, min_count=0)


def test_from_annotations_builds_and_calibrates():
    texts = [*TEXTS, "وصل علي إلى ولبنان"]
    mentions = [*MENTIONS, [(4, 7, "PER"), (12, 18, "LOC")]]
    texts.append("زار لبنان")
    mentions.append([(4, 9, "LOC")])
    g = Gazetteer.from_annotations(texts, mentions, min_precision=0.8, clitics=True)
    terms = {e["term"]: e for e in g.entries()}
    # ولبنان is و + لبنان, annotated as one span: the matcher strips the proclitic
    assert "ولبنان" not in terms and terms["لبنان"]["id"] == "LOC:لبنان"
    assert terms["علي"]["disabled"]
    assert set(g.calibration.columns) >= {"term", "matches", "agreeing", "precision"}
    assert ids(g, "في جنيف") == ["LOC:جنيف"]


# --------------------------------------------------------------------------------------------
# the audit


def test_audit_flags_suspect_terms():
    g = Gazetteer(
        [
            ("لاتر", "GPE", "town:latur"),
            ("مدينه", "GPE", "town:medina-alias"),
            ("دمشق", "GPE", "damascus"),
        ],
        lexicon=None,
    )
    texts = [
        "قال بلاتر إن الاتحاد بخير",
        "ودافع بلاتر عن قراره، وانتقد بلاتر خصومه",
        "زرت مدينة صغيرة قرب دمشق",
        "عادت مدينة إلى الهدوء ودمشق كذلك",
        "في مدينة الشمال",
        "دمشق",
    ]
    table = g.audit(texts)
    rows = {r["term"]: r for r in table.to_dict("records")}
    assert rows["لاتر"]["reason"] == "mostly after a proclitic"
    assert rows["لاتر"]["prefixed"] == 1.0 and rows["لاتر"]["documents"] == 2
    assert rows["مدينه"]["reason"] == "only reached by folding"
    assert (rows["مدينه"]["matches"], rows["مدينه"]["folded"]) == (3, 1.0)
    assert not rows["دمشق"]["suspect"] and rows["دمشق"]["prefixed"] == pytest.approx(1 / 3)
    assert list(table["suspect"]) == [True, True, False]
    g.disable(table[table["suspect"]]["term"].tolist())
    assert ids(g, "قال بلاتر في مدينة دمشق") == ["damascus"]


def test_audit_flags_common_words_with_their_frequency():
    lex = Lexicon.from_texts(["مدينة كبيرة، المدينة هادئة، مدينتها جميلة"] * 20)
    g = Gazetteer([("مدينة", "GPE", "y"), ("دمشق", "GPE", "damascus")], lexicon=lex)
    rows = g.audit(["دخلوا مدينة دمشق"]).to_dict("records")
    assert [(r["term"], r["reason"]) for r in rows] == [("مدينة", "common word"), ("دمشق", "")]
    assert rows[0]["frequency"] == pytest.approx(20 / 120 * 1e6)
    assert g.audit([]).empty


def test_default_gazetteer_has_the_shipped_lexicon():
    g = barq.Gazetteer.default()
    assert g.lexicon == Lexicon.default()


def test_an_ignored_phrase_shields_the_place_inside_it(tmp_path):
    g = Gazetteer([("الرباط", "GPE", "rabat")])
    g.add("الرباط الصليبي", ignore=True)
    text = "أصيب المهاجم في الرباط الصليبي قبل أن يعود إلى الرباط"
    [m] = g.find(text)
    assert (m.start, m.id) == (47, "rabat")
    assert [e["ignore"] for e in g.entries()] == [False, True]
    path = tmp_path / "g.tsv"
    path.write_text("term\tlabel\tid\tignore\nالرباط\tGPE\trabat\t\nالرباط الصليبي\t\t\ttrue\n")
    assert [m.id for m in Gazetteer.from_file(path).find(text)] == ["rabat"]
    assert g.count([text]) == {"rabat": 1}


# --------------------------------------------------------------------------------------------
# the tallies behind calibrate and audit agree with find


PIECES = [
    "دمشق",
    "بدمشق",
    "وحلب",
    "حلب",
    "في",
    "المائة",
    "الماية",
    "احمد",
    "أحمد",
    "،",
    "ـ",
    "\u064e",
]
PIECE_TERMS = [("دمشق", "GPE", "damascus"), ("حلب", "GPE", "aleppo"), ("أحمد", "PER", "ahmad")]
PIECE_TERMS += [("الماية", "GPE", "town:maya")]


@given(
    st.lists(st.lists(st.sampled_from(PIECES), max_size=8).map(" ".join), max_size=6),
    st.randoms(use_true_random=False),
)
def test_calibration_counts_are_the_matches_find_reports(texts, rng):
    g = Gazetteer(PIECE_TERMS)
    found = g.find_batch(texts)
    # annotate a random half of the matches, some with the proclitic, some with a label
    mentions = []
    for matches in found:
        spans = []
        for m in matches:
            if rng.random() < 0.5:
                start = m.start - len(m.prefix) if rng.random() < 0.5 else m.start
                spans.append((start, m.end, m.label) if rng.random() < 0.5 else (start, m.end))
        mentions.append(spans)
    report = g.calibrate(texts, mentions, min_precision=0.0)
    expected: dict[str, list[int]] = {}
    for matches, spans in zip(found, mentions, strict=True):
        for m in matches:
            counts = expected.setdefault(m.id, [0, 0])
            counts[0] += 1
            counts[1] += any(
                s[1] == m.end
                and s[0] in (m.start, m.start - len(m.prefix))
                and (len(s) == 2 or s[2] == m.label)
                for s in spans
            )
    got = {r["id"]: [r["matches"], r["agreeing"]] for r in report.to_dict("records")}
    assert got == expected
    assert not any(e["disabled"] for e in g.entries())
