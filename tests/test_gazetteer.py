"""barq.Gazetteer: Arabic-aware matching with exact spans in the original text.

The matching cases a table can express (a gazetteer, a text, its matches) are in
tests/data/gazetteer.json, run by tests/test_gazetteer_golden.py; these test the rest of the API.
"""

from __future__ import annotations

import gzip
import json
import pickle

import barq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ENTRIES = [
    ("قوات سوريا الديمقراطية", "ORG", "SDF"),
    ("قسد", "ORG", "SDF"),
    ("سوريا", "GPE", "SY"),
    ("دمشق", "GPE", "DAM"),
    ("القاهرة", "GPE", "CAI"),
    ("الحكومة", "ORG", "GOV"),
    ("التنف", "LOC", "TANF"),
    ("تنظيم الدولة", "ORG", "IS"),
    ("علي", "PER", "ALI"),
    ("NATO", "ORG", "NATO"),
]


@pytest.fixture(scope="module")
def g() -> barq.Gazetteer:
    return barq.Gazetteer(ENTRIES)


def test_offsets_slice_the_original_text(g):
    text = "🇸🇾 قالت «قوات سوريا الديمقراطية» إن دِمَشْقُ هادئة"
    matches = g.find(text)
    assert [m.id for m in matches] == ["SDF", "DAM"]
    for m in matches:
        assert text[m.start : m.end] == m.text
    assert matches[1].text == "دِمَشْقُ"  # all eight code points, trailing damma included


def test_match_fields_and_meta():
    g = barq.Gazetteer()
    g.add("قسد", label="ORG", id="SDF", meta={"wikidata": "Q-test", "n": 1})
    m = g.find("قالت قسد")[0]
    assert (m.start, m.end, m.text, m.term, m.label, m.id) == (5, 8, "قسد", "قسد", "ORG", "SDF")
    assert m.meta == {"wikidata": "Q-test", "n": 1}
    assert m.to_dict()["id"] == "SDF"
    assert pickle.loads(pickle.dumps(m)) == m
    assert "قسد" in repr(m)


def test_extend_forms_and_errors():
    g = barq.Gazetteer()
    n = g.extend(["حلب", ("حمص", "GPE"), ("حماة", "GPE", "HAMA"), {"term": "درعا", "id": "D"}])
    assert n == 4 and len(g) == 4
    assert g.extend([("حلب", None)]) == 0  # same term, label, id: not added again
    assert "حماه" in g and "حمص" in g and "بيروت" not in g
    with pytest.raises(ValueError, match="empty term"):
        g.add("")
    with pytest.raises(ValueError, match="normalizes to nothing"):
        g.add("\u064e\u0651")
    # the term is quoted as Python writes it, invisible characters escaped
    with pytest.raises(ValueError, match=r"term '\\u200c\\u200f' normalizes"):
        g.add("\u200c\u200f")
    with pytest.raises(TypeError, match="entry 1"):
        g.extend(["إدلب", 42])
    with pytest.raises(TypeError):
        g.add(5)
    with pytest.raises(TypeError, match="JSON"):
        g.add("اللاذقية", meta={"x": object()})
    with pytest.raises(ValueError, match="unknown entry key"):
        g.extend([{"term": "طرطوس", "colour": "blue"}])


def test_bad_text(g):
    with pytest.raises(TypeError, match="bytes"):
        g.find(b"x")
    with pytest.raises(ValueError, match="position 2"):
        g.find("دم\ud800شق")
    assert g.find("") == []


def test_batch_and_count(g):
    texts = ["قسد في دمشق", None, "لا شيء هنا", "بدمشق وقسد"]
    batch = g.find_batch(texts, threads=2)
    assert batch[1] is None
    assert batch == [None if t is None else g.find(t) for t in texts]
    assert g.count(texts) == {"SDF": 2, "DAM": 2}
    with pytest.raises(ValueError):
        g.find_batch(texts, threads=0)


def test_pickle_save_load(g, tmp_path):
    back = pickle.loads(pickle.dumps(g))
    assert isinstance(back, barq.Gazetteer) and back == g
    text = "وقوات سوريا الديمقراطية بدمشق"
    assert back.find(text) == g.find(text)
    path = tmp_path / "g.barq"
    g.save(path)
    assert barq.Gazetteer.load(path) == g
    data = path.read_bytes()
    (tmp_path / "cut.barq").write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match="truncated"):
        barq.Gazetteer.load(tmp_path / "cut.barq")
    (tmp_path / "foreign.barq").write_bytes(b'{"not": "a gazetteer"}')
    with pytest.raises(ValueError, match="not a barq gazetteer"):
        barq.Gazetteer.load(tmp_path / "foreign.barq")
    with pytest.raises(OSError):
        barq.Gazetteer.load(tmp_path / "missing.barq")


def test_from_file_csv_tsv_jsonl(tmp_path):
    csv_path = tmp_path / "g.csv"
    csv_path.write_text("term,label,id,wikidata\nدمشق,GPE,DAM,Q-x\nالشام,GPE,DAM,\n", "utf-8")
    g = barq.Gazetteer.from_file(csv_path)
    assert [m.id for m in g.find("من الشام إلى دمشق")] == ["DAM", "DAM"]
    assert g.find("دمشق")[0].meta == {"wikidata": "Q-x"}

    tsv_path = tmp_path / "g.tsv"
    tsv_path.write_text("term\tlabel\nحلب\tGPE\n", "utf-8")
    assert len(barq.Gazetteer.from_file(tsv_path)) == 1

    jsonl_path = tmp_path / "g.jsonl.gz"
    with gzip.open(jsonl_path, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"label": "ORG", "pattern": "الأمم المتحدة", "id": "UN"}) + "\n")
        f.write(json.dumps({"label": "ORG", "pattern": [{"LOWER": "un"}]}) + "\n")
    g = barq.Gazetteer.from_file(jsonl_path)
    assert [m.id for m in g.find("قالت الأمم المتحدة")] == ["UN"]

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"label": "X", "pattern": "حمص"}\n{oops\n', "utf-8")
    with pytest.raises(ValueError, match="line 2"):
        barq.Gazetteer.from_file(bad)
    empty_term = tmp_path / "empty.csv"
    empty_term.write_text("term,label\nحمص,GPE\n,GPE\n", "utf-8")
    with pytest.raises(ValueError, match="line 3"):
        barq.Gazetteer.from_file(empty_term)
    no_term = tmp_path / "noterm.csv"
    no_term.write_text("name,label\nحمص,GPE\n", "utf-8")
    with pytest.raises(ValueError, match="term"):
        barq.Gazetteer.from_file(no_term)
    with pytest.raises(FileNotFoundError):
        barq.Gazetteer.from_file(tmp_path / "nope.csv")


def test_from_pandas_and_extract():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"term": ["دمشق", "قسد"], "label": ["GPE", "ORG"], "id": ["DAM", "SDF"]})
    g = barq.Gazetteer.from_pandas(df)
    s = pd.Series(["قسد في دمشق", None, "بدمشق"], index=["a", "b", "c"])
    out = g.extract(s)
    assert list(out.columns) == ["doc", "start", "end", "text", "label", "id", "term"]
    assert list(out["doc"]) == ["a", "a", "c"]
    assert list(out["id"]) == ["SDF", "DAM", "DAM"]
    with pytest.raises(KeyError):
        barq.Gazetteer.from_pandas(df, term="name")


ARABIC_WORDS = ["دمشق", "سوريا", "قوات", "الديمقراطية", "قسد", "على", "علي", "حلب", "التنف"]
PIECES = st.sampled_from(
    [*ARABIC_WORDS, "و", "ب", "لل", "ال", " ", "  ", "\u00a0", "ـ", "\u064e", "\u0651", "“", "”"]
    + ["،", ".", "😀", "👩‍💻", "a", "NATO", "\n", "\u200f", "٣"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_property_offsets_and_no_overlap(text):
    g = barq.Gazetteer(ENTRIES)
    matches = g.find(text)
    for m in matches:
        assert text[m.start : m.end] == m.text
        assert text[m.start - len(m.prefix) : m.start] == m.prefix
    for a, b in zip(matches, matches[1:], strict=False):
        assert a.end <= b.start
    assert g.find_batch([text, text], threads=2) == [matches, matches]
