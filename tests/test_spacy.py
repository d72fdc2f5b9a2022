"""barq in spaCy: the ``barq.Tokenizer.v1`` tokenizer and the ``barq_gazetteer`` component."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import barq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

spacy = pytest.importorskip("spacy", reason="spaCy is not installed (it is in the test extra)")
import barq.spacy  # noqa: E402

TOKENIZER = {"@tokenizers": "barq.Tokenizer.v1"}
ATB = barq.Tokenizer(clitics="atb")
ENTRIES = [
    ("دمشق", "GPE", "DAM"),
    ("بيروت", "GPE", "BEY"),
    ("جامعة الدول العربية", "ORG", "LAS"),
    ("الدول العربية", "ORG", "ARAB"),
    ("الحكومة", "ORG", "GOV"),
]
TEXTS = [
    "وصل وفدُ جامعةِ الدولِ العربيةِ إلى دِمَشْقَ صباح اليوم",
    "",
    "غادر الوزير بيروت  متوجها\nإلى دمشق، ثم عاد إلى بيروت",
    "لا أسماء هنا 🙂",
    "وبدمشق اجتمع ممثلو الحكومة مع ممثلي الدول العربية",
]


def blank(**tokenizer):
    return spacy.blank("ar", config={"nlp": {"tokenizer": {**TOKENIZER, **tokenizer}}})


@pytest.fixture
def term_file(tmp_path):
    path = tmp_path / "terms.tsv"
    lines = ["term\tlabel\tid", *("\t".join(e) for e in ENTRIES)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def ents(doc):
    return [(e.start_char, e.end_char, e.text, e.label_, e.ent_id_, e.kb_id_) for e in doc.ents]


# --------------------------------------------------------------------------------------------
# tokenizer


WHITE = st.sampled_from([" ", "  ", "\n", " \n ", "\t", "\u00a0", "\r\n", " \u2003 "])
WORD = st.sampled_from(["وصل", "الوفد", "1,000.5", "!", "#سوريا_اليوم", "👍🏽", "وبالقاهرة", "”"])


@pytest.fixture(scope="module")
def atb():
    return blank(clitics="atb")


@settings(max_examples=60)
@given(st.lists(st.tuples(st.one_of(st.just(""), WHITE), WORD), max_size=8), WHITE | st.just(""))
def test_doc_text_is_the_text_and_the_tokens_are_barqs(atb, parts, tail):
    text = "".join(w + t for w, t in parts) + tail
    doc = atb(text)
    assert doc.text == text
    words = [t.text for t in doc if not t.is_space]
    assert words == ATB.words(text)
    for t in doc:
        assert text[t.idx : t.idx + len(t)] == t.text


def test_whitespace_follows_spacys_rules():
    text = " بيروت  دمشق\nغزة "
    doc = blank()(text)
    assert [(t.text, t.whitespace_) for t in doc] == [
        (" ", ""),
        ("بيروت", " "),
        (" ", ""),
        ("دمشق", ""),
        ("\n", ""),
        ("غزة", " "),
    ]
    assert doc.text == text


def test_clitic_pieces_are_adjacent_tokens_with_role_form_and_norm():
    text = "وبالقاهرة كتبتها للسلطة"
    nlp = blank(clitics="atb", normalizer="search")
    doc = nlp(text)
    tokens = barq.Tokenizer(barq.Normalizer("search"), clitics="atb").tokenize(text)
    assert [t.text for t in doc] == [t.text for t in tokens]
    assert [t.norm_ for t in doc] == [t.norm for t in tokens]
    assert [t._.barq_role for t in doc] == [t.role for t in tokens]
    assert [t._.barq_form for t in doc] == [t.form for t in tokens]
    # the pieces of one word have no space between them
    assert [t.whitespace_ for t in doc[:3]] == ["", "", " "]
    assert doc[0]._.barq_role == "proclitic"
    # without clitics words stay whole and have no role
    plain = blank()(text)
    assert len(plain) == 3
    assert all(t._.barq_role is None and t._.barq_form == t.text for t in plain)


def test_without_normalizer_norm_is_spacys_default():
    doc = blank()("زار NATO دِمَشْقَ")
    assert [t.norm_ for t in doc] == [t.lower_ for t in doc]


def test_camel_mode_and_normalizer_options():
    text = "قال: «لا»!"
    doc = blank(mode="camel", normalizer={"punctuation": True, "quotes": True})(text)
    assert [t.text for t in doc] == barq.Tokenizer(mode="camel").words(text)
    expect = barq.Tokenizer(barq.Normalizer(punctuation=True, quotes=True), mode="camel")
    assert [t.norm_ for t in doc] == [t.norm for t in expect.tokenize(text)]


def test_tokenizer_pipe_equals_calls():
    nlp = blank(clitics="atb", normalizer="search")
    texts = [t for t in TEXTS] * 3
    piped = list(nlp.tokenizer.pipe(texts, batch_size=4))
    for text, doc in zip(texts, piped, strict=True):
        one = nlp.tokenizer(text)
        assert doc.text == text
        assert [(t.text, t.norm_, t._.barq_role) for t in doc] == [
            (t.text, t.norm_, t._.barq_role) for t in one
        ]


@pytest.mark.parametrize(
    ("option", "value", "valid"),
    [("mode", "fast", "camel"), ("clitics", "xyz", "d3"), ("normalizer", "nope", "search")],
)
def test_bad_tokenizer_option_names_the_valid_ones(option, value, valid):
    with pytest.raises(ValueError, match=valid):
        blank(**{option: value})


def test_missing_lexicon_path_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="no file at"):
        blank(clitics="atb", lexicon=str(tmp_path / "missing.bin"))


def test_custom_lexicon_decides_splits_and_survives_bytes(tmp_path):
    # a lexicon that has only the whole word: the split no longer pays
    word = "وبيروت"
    lexicon = barq.Lexicon.from_texts([word] * 50)
    path = tmp_path / "lexicon.bin"
    lexicon.save(path)
    nlp = blank(clitics="atb", lexicon=str(path))
    expect = barq.Tokenizer(clitics="atb", lexicon=barq.Lexicon.load(path)).words(word)
    assert [t.text for t in nlp(word)] == expect
    assert expect != ATB.words(word)
    again = blank().from_bytes(nlp.to_bytes())
    assert [t.text for t in again(word)] == expect


# --------------------------------------------------------------------------------------------
# gazetteer component


def test_default_gazetteer_sets_ents_with_labels_and_ids():
    nlp = spacy.blank("ar")
    nlp.add_pipe("barq_gazetteer")
    text = "زار الوزير بغداد ثم القاهرة وعاد إلى عمّان"
    doc = nlp(text)
    matches = barq.Gazetteer.default().find(text)
    assert matches, "the default gazetteer knows these capitals"
    assert [(e.start_char, e.end_char, e.label_, e.ent_id_, e.kb_id_) for e in doc.ents] == [
        (m.start, m.end, m.label, m.id, m.id) for m in matches
    ]
    assert all(t.ent_id_ for e in doc.ents for t in e)


def test_barq_tokenizer_with_clitics_aligns_every_match_exactly(term_file):
    nlp = blank(clitics="atb")
    nlp.add_pipe("barq_gazetteer", config={"gazetteer": term_file, "alignment_mode": "strict"})
    text = TEXTS[4]
    doc = nlp(text)
    g = barq.Gazetteer.from_file(term_file)
    assert [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in doc.ents] == [
        (m.start, m.end, m.label, m.id) for m in g.find(text)
    ]
    assert doc.ents[0].text == "دمشق"


def test_alignment_mode_with_spacys_tokenizer(term_file):
    text = "وبدمشق وفي بيروت"
    expand = spacy.blank("ar")
    expand.add_pipe("barq_gazetteer", config={"gazetteer": term_file})
    # spaCy keeps وبدمشق one token: "expand" labels the token, "contract" finds no token
    assert [e.text for e in expand(text).ents] == ["وبدمشق", "بيروت"]
    contract = spacy.blank("ar")
    contract.add_pipe(
        "barq_gazetteer", config={"gazetteer": term_file, "alignment_mode": "contract"}
    )
    assert [e.text for e in contract(text).ents] == ["بيروت"]


def test_spans_key_keeps_overlapping_matches_and_ents_keep_the_longest(term_file):
    text = TEXTS[0]
    spans = spacy.blank("ar")
    spans.add_pipe(
        "barq_gazetteer",
        config={"gazetteer": term_file, "spans_key": "barq", "overlapping": True},
    )
    doc = spans(text)
    g = barq.Gazetteer.from_file(term_file, overlapping=True)
    found = {(m.start, m.end, m.label, m.id) for m in g.find(text)}
    got = {(s.start_char, s.end_char, s.label_, s.id_) for s in doc.spans["barq"]}
    assert got == found
    assert {"LAS", "ARAB"} <= {s.id_ for s in doc.spans["barq"]}
    assert doc.ents == ()
    overlapping_ents = spacy.blank("ar")
    overlapping_ents.add_pipe(
        "barq_gazetteer", config={"gazetteer": term_file, "overlapping": True}
    )
    assert [e.ent_id_ for e in overlapping_ents(text).ents] == ["LAS", "DAM"]


def test_overwrite_ents(term_file):
    text = "عاد الوفد إلى بيروت"
    patterns = [{"label": "CITY", "pattern": "بيروت"}]
    for overwrite, label in ((False, "CITY"), (True, "GPE")):
        nlp = spacy.blank("ar")
        nlp.add_pipe("entity_ruler").add_patterns(patterns)
        nlp.add_pipe("barq_gazetteer", config={"gazetteer": term_file, "overwrite_ents": overwrite})
        assert [(e.text, e.label_) for e in nlp(text).ents] == [("بيروت", label)]


def test_pipe_equals_calling_each_doc(term_file):
    nlp = blank(clitics="atb")
    nlp.add_pipe("barq_gazetteer", config={"gazetteer": term_file, "threads": 2})
    texts = TEXTS * 7
    piped = [ents(doc) for doc in nlp.pipe(texts, batch_size=3)]
    assert piped == [ents(nlp(t)) for t in texts]
    assert any(piped)


def test_saved_gazetteer_and_entity_ruler_patterns_as_sources(tmp_path, term_file):
    g = barq.Gazetteer.from_file(term_file)
    saved = tmp_path / "places.bin"
    g.save(saved)
    jsonl = tmp_path / "patterns.jsonl"
    jsonl.write_text(
        "\n".join(
            json.dumps({"label": label, "pattern": term, "id": id}, ensure_ascii=False)
            for term, label, id in ENTRIES
        ),
        encoding="utf-8",
    )
    expect = [(m.start, m.end, m.label, m.id) for m in g.find(TEXTS[2])]
    for source in (saved, jsonl):
        nlp = spacy.blank("ar")
        nlp.add_pipe("barq_gazetteer", config={"gazetteer": str(source)})
        doc = nlp(TEXTS[2])
        assert [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in doc.ents] == expect
        assert nlp.get_pipe("barq_gazetteer").labels == ("GPE", "ORG")


def test_entries_without_label_get_the_default_label(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("term\nبيروت\n", encoding="utf-8")
    nlp = spacy.blank("ar")
    nlp.add_pipe("barq_gazetteer", config={"gazetteer": str(path), "default_label": "PLACE"})
    doc = nlp("في بيروت")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [("بيروت", "PLACE", "بيروت")]


def test_pipeline_saves_and_loads_with_its_gazetteer(tmp_path, term_file):
    nlp = blank(clitics="atb", normalizer="search")
    nlp.add_pipe("barq_gazetteer", config={"gazetteer": term_file, "spans_key": "places"})
    before = [nlp(t) for t in TEXTS]
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert isinstance(loaded.tokenizer, barq.spacy.BarqTokenizer)
    assert loaded.tokenizer.clitics == "atb"
    component = loaded.get_pipe("barq_gazetteer")
    assert component.gazetteer == nlp.get_pipe("barq_gazetteer").gazetteer
    for doc, text in zip(before, TEXTS, strict=True):
        again = loaded(text)
        assert [(t.text, t.norm_) for t in again] == [(t.text, t.norm_) for t in doc]
        spans = [(s.start, s.end, s.label_, s.id_) for s in again.spans["places"]]
        assert spans == [(s.start, s.end, s.label_, s.id_) for s in doc.spans["places"]]
    # the same through bytes
    copy = blank(clitics="atb", normalizer="search")
    copy.add_pipe("barq_gazetteer", config={"spans_key": "places"})
    copy.from_bytes(nlp.to_bytes())
    assert copy.get_pipe("barq_gazetteer").gazetteer == component.gazetteer
    assert [t.text for t in copy(TEXTS[4])] == [t.text for t in before[4]]


def test_saved_pipeline_loads_without_its_term_file(tmp_path, term_file):
    nlp = spacy.blank("ar")
    nlp.add_pipe("barq_gazetteer", config={"gazetteer": term_file})
    nlp.to_disk(tmp_path / "pipeline")
    saved = nlp.get_pipe("barq_gazetteer").gazetteer
    Path(term_file).unlink()
    with pytest.raises(ValueError, match="no file at"):
        spacy.load(tmp_path / "pipeline")
    override = {"components": {"barq_gazetteer": {"gazetteer": "default"}}}
    loaded = spacy.load(tmp_path / "pipeline", config=override)
    assert loaded.get_pipe("barq_gazetteer").gazetteer == saved
    assert [e.ent_id_ for e in loaded(TEXTS[2]).ents] == [m.id for m in saved.find(TEXTS[2])]


def test_import_barq_does_not_import_spacy():
    code = "import sys, barq; barq.Tokenizer(); assert 'spacy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_entry_points_work_without_importing_barq():
    code = (
        "import sys, spacy\n"
        "cfg = {'nlp': {'tokenizer': {'@tokenizers': 'barq.Tokenizer.v1', 'clitics': 'atb'}}}\n"
        "nlp = spacy.blank('ar', config=cfg)\n"
        "nlp.add_pipe('barq_gazetteer')\n"
        "doc = nlp('وببغداد اجتمع الوزراء')\n"
        "print(type(nlp.tokenizer).__module__, [t.text for t in doc][:3], doc.ents[0].text)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, timeout=300, capture_output=True, text=True
    )
    assert out.stdout.split() == ["barq.spacy", "['و',", "'ب',", "'بغداد']", "بغداد"]


def test_unknown_gazetteer_path_is_a_clear_error(tmp_path):
    nlp = spacy.blank("ar")
    missing = str(tmp_path / "nowhere.tsv")
    with pytest.raises(ValueError, match="no file at") as e:
        nlp.add_pipe("barq_gazetteer", config={"gazetteer": missing})
    assert "default" in str(e.value) and missing in str(e.value)


@pytest.mark.parametrize(
    ("config", "message"),
    [({"alignment_mode": "loose"}, "expand"), ({"threads": 0}, "threads")],
)
def test_bad_component_options(config, message):
    with pytest.raises(ValueError, match=message):
        spacy.blank("ar").add_pipe("barq_gazetteer", config=config)


def test_unreadable_gazetteer_file_names_the_problem(tmp_path):
    path = tmp_path / "junk.bin"
    path.write_bytes(b"not a gazetteer")
    nlp = spacy.blank("ar")
    nlp.add_pipe("barq_gazetteer", config={"gazetteer": str(path)})
    with pytest.raises(ValueError):
        nlp("بيروت")
