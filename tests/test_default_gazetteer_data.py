"""The shipped default gazetteer file is well-formed and holds what its README promises.

Standard library only: these check the data file itself, independent of barq.Gazetteer.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections import defaultdict
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "python" / "barq" / "data"
GAZETTEER = DATA / "default_gazetteer.tsv.gz"
COLUMNS = ("term", "label", "id", "meta", "exact", "ignore")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
# Common words that must never be gazetteer terms (a subset of the generator's stop-list).
NEVER_TERMS = ["على", "من", "عمل", "أمل", "سلام", "نعمة", "الأمل", "كان", "الحكومة", "مالي"]


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with gzip.open(GAZETTEER, "rt", encoding="utf-8", newline="") as f:
        header = f.readline()
        assert header == "\t".join(COLUMNS) + "\n"
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        out = []
        for line_no, fields in enumerate(reader, start=2):
            assert len(fields) == len(COLUMNS), f"line {line_no}: {fields!r}"
            out.append(dict(zip(COLUMNS, fields, strict=True)))
    return out


@pytest.fixture(scope="module")
def entities(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows that name an entity (not the longer names matched only to be ignored)."""
    return [r for r in rows if not r["ignore"]]


@pytest.fixture(scope="module")
def ids_by_term(entities: list[dict[str, str]]) -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for row in entities:
        index[row["term"]].add(row["id"])
    return index


def test_file_is_small_and_deterministically_gzipped() -> None:
    raw = GAZETTEER.read_bytes()
    assert len(raw) < 2_000_000
    assert raw[:2] == b"\x1f\x8b" and raw[4:8] == b"\0\0\0\0", "gzip mtime must be 0"


def test_rows_are_well_formed(rows: list[dict[str, str]]) -> None:
    assert len(rows) > 5000
    for row in rows:
        assert row["term"] and row["term"] == row["term"].strip(), row
        assert "  " not in row["term"], row
        assert row["exact"] in {"", "true"} and row["ignore"] in {"", "true"}, row
        if row["ignore"]:
            assert not (row["label"] or row["id"] or row["meta"] or row["exact"]), row
            continue
        assert row["label"] in {"GPE", "LOC", "ORG"}, row
        assert row["id"], row
        if row["meta"]:
            assert isinstance(json.loads(row["meta"]), dict), row


def test_rows_are_sorted_and_unique(rows: list[dict[str, str]]) -> None:
    keys = [tuple(r[c] for c in COLUMNS) for r in rows]
    assert keys == sorted(set(keys))


def test_aliases_of_an_entity_share_label_and_meta(entities: list[dict[str, str]]) -> None:
    seen: dict[str, tuple[str, str]] = {}
    for row in entities:
        assert seen.setdefault(row["id"], (row["label"], row["meta"])) == (
            row["label"],
            row["meta"],
        ), row


def test_no_short_or_stop_terms(rows: list[dict[str, str]]) -> None:
    never = {w.translate(FOLD) for w in NEVER_TERMS}
    for row in rows:
        term = row["term"]
        assert len(term.replace(" ", "")) >= 3, row
        assert all(len(w) >= 2 for w in term.replace("-", " ").split()), row
        assert term.translate(FOLD) not in never, row


def test_contains_major_places_and_organisations(ids_by_term: dict[str, set[str]]) -> None:
    expected = {
        "سوريا": "ISO:SY",
        "مصر": "ISO:EG",
        "العراق": "ISO:IQ",
        "المملكة العربية السعودية": "ISO:SA",
        "الولايات المتحدة": "ISO:US",
        "دمشق": "geonames:170654",
        "القاهرة": "geonames:360630",
        "بغداد": "geonames:98182",
        "حلب": "geonames:170063",
        "الأمم المتحدة": "Q1065",
        "مجلس الأمن": "Q37470",
        "حلف شمال الأطلسي": "Q7184",
        "الناتو": "Q7184",
        "الاتحاد الأوروبي": "Q458",
        "جامعة الدول العربية": "Q7172",
        "منظمة الصحة العالمية": "Q7817",
        "اليونيسف": "Q740308",
        "مجلس التعاون الخليجي": "org:gcc",
        "أوبك": "Q7795",
        "ريف دمشق": "adm1:SY:rif-dimashq",
        "ولاية وهران": "dz-wilaya:31",
        "الشرق الأوسط": "loc:middle-east",
    }
    for term, ident in expected.items():
        assert ident in ids_by_term.get(term, set()), (term, ident, ids_by_term.get(term))


def test_labels_and_meta_of_well_known_entities(entities: list[dict[str, str]]) -> None:
    by_id = {r["id"]: r for r in entities}
    damascus = json.loads(by_id["geonames:170654"]["meta"])
    assert by_id["geonames:170654"]["label"] == "GPE"
    assert damascus["country"] == "SY" and damascus["kind"] == "capital"
    assert damascus["en"] == "Damascus"
    assert by_id["Q1065"]["label"] == "ORG"
    assert by_id["ISO:SY"]["label"] == "GPE"
    assert json.loads(by_id["ISO:SY"]["meta"])["kind"] == "country"
    assert by_id["loc:red-sea"]["label"] == "LOC"


def test_attribution_and_readme_ship_beside_the_data() -> None:
    attribution = (DATA / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for source in ("GeoNames", "CLDR", "Wikidata", "countrynames", "country-list", "CC BY 4.0"):
        assert source in attribution
    assert (DATA / "README.md").is_file()
