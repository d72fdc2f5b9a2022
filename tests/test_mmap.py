"""Gazetteer.load(path, mmap=True): one mapped gazetteer file read in place by many processes."""

from __future__ import annotations

import multiprocessing
import os
import pickle
from pathlib import Path

import barq
import pytest

ENTRIES = [
    ("قوات سوريا الديمقراطية", "ORG", "SDF"),
    ("قسد", "ORG", "SDF"),
    ("سوريا", "GPE", "SY"),
    ("دمشق", "GPE", "DAM"),
    ("حلب", "GPE", "ALP"),
    ("الأمم المتحدة", "ORG", "UN"),
    ("تنظيم الدولة", "ORG", "IS"),
    ("NATO", "ORG", "NATO"),
]

TEXTS = [
    "قالت «قوات سوريا الديمقراطية» إن دِمَشْقُ هادئة",
    "وصل وفد الأمم المتحدة إلى حلب ثم إلى دمشق",
    "اجتمع NATO وقسد في سوريا",
    "",
    "نص بلا أسماء",
]


def build() -> barq.Gazetteer:
    g = barq.Gazetteer(ENTRIES)
    g.add("عمان", label="GPE", id="AMM", exact=True, meta={"pop": 4})
    return g


@pytest.fixture
def saved(tmp_path) -> tuple[barq.Gazetteer, str]:
    g = build()
    path = str(tmp_path / "places.gaz")
    g.save(path)
    return g, path


def as_tuples(matches):
    return [(m.start, m.end, m.text, m.id, m.label, m.prefix, m.variant) for m in matches]


def test_mapped_matches_like_loaded(saved):
    g, path = saved
    mapped = barq.Gazetteer.load(path, mmap=True)
    loaded = barq.Gazetteer.load(path)
    assert mapped.mapped_path == path
    assert loaded.mapped_path is None
    assert "mapped=" in repr(mapped) and "mapped=" not in repr(loaded)
    for text in TEXTS:
        assert (
            as_tuples(mapped.find(text)) == as_tuples(g.find(text)) == as_tuples(loaded.find(text))
        )
    batch = [as_tuples(ms) for ms in mapped.find_batch(TEXTS)]
    assert batch == [as_tuples(ms) for ms in g.find_batch(TEXTS)]
    assert any(batch)
    assert mapped.count(TEXTS) == g.count(TEXTS)
    assert mapped.entries() == g.entries()
    assert mapped == g and len(mapped) == len(g)
    assert "دمشق" in mapped


def test_mapped_extract_is_the_same_frame(saved):
    pd = pytest.importorskip("pandas")
    g, path = saved
    mapped = barq.Gazetteer.load(path, mmap=True)
    pd.testing.assert_frame_equal(mapped.extract(TEXTS), g.extract(TEXTS))


def test_a_mapped_gazetteer_pickles_as_bytes(saved):
    g, path = saved
    mapped = barq.Gazetteer.load(path, mmap=True)
    back = pickle.loads(pickle.dumps(mapped))
    assert back.mapped_path is None
    assert back == g
    assert mapped.to_bytes() == g.to_bytes()


def test_changing_a_mapped_gazetteer_copies_and_leaves_the_file(saved):
    g, path = saved
    before = Path(path).read_bytes()
    mapped = barq.Gazetteer.load(path, mmap=True)
    mapped.add("بيروت", label="GPE", id="BEY")
    assert mapped.disable("حلب") == 1
    assert [m.id for m in mapped.find("من بيروت إلى حلب ودمشق")] == ["BEY", "DAM"]
    assert Path(path).read_bytes() == before
    again = barq.Gazetteer.load(path, mmap=True)
    assert [m.id for m in again.find("من بيروت إلى حلب")] == ["ALP"]


def test_saving_over_a_mapped_file_keeps_the_map_working(saved):
    g, path = saved
    mapped = barq.Gazetteer.load(path, mmap=True)
    other = build()
    other.add("بيروت", label="GPE", id="BEY")
    other.save(path)  # a new file renamed over the old one
    assert [m.id for m in mapped.find("من بيروت إلى حلب")] == ["ALP"]
    assert [m.id for m in barq.Gazetteer.load(path, mmap=True).find("من بيروت")] == ["BEY"]
    assert not [f for f in os.listdir(os.path.dirname(path)) if f.endswith(".tmp")]


def test_a_file_rewritten_in_place_is_an_error(saved):
    g, path = saved
    mapped = barq.Gazetteer.load(path, mmap=True)
    data = Path(path).read_bytes()
    with open(path, "r+b") as f:  # in place: same inode
        f.write(data + b"\0")
    with pytest.raises(OSError, match="changed since it was mapped; load it again"):
        mapped.find("دمشق")
    with pytest.raises(OSError, match="changed since it was mapped"):
        mapped.find_batch(TEXTS)
    with pytest.raises(OSError, match="changed since it was mapped"):
        pickle.dumps(mapped)


def test_bad_files_are_clear_errors(tmp_path):
    g = build()
    path = tmp_path / "cut.gaz"
    path.write_bytes(g.to_bytes()[:100])
    with pytest.raises(ValueError, match="truncated"):
        barq.Gazetteer.load(path, mmap=True)
    path.write_bytes(b"not a gazetteer at all, just some text")
    with pytest.raises(ValueError, match="not a barq gazetteer"):
        barq.Gazetteer.load(path, mmap=True)
    with pytest.raises(FileNotFoundError, match="cannot read gazetteer"):
        barq.Gazetteer.load(tmp_path / "missing.gaz", mmap=True)
    with pytest.raises(TypeError):
        barq.Gazetteer.load(path, True)  # mmap is keyword-only


def _worker(path: str, texts: list[str], queue) -> None:
    g = barq.Gazetteer.load(path, mmap=True)
    queue.put((os.getpid(), [as_tuples(ms) for ms in g.find_batch(texts)]))


def test_worker_processes_share_one_mapped_file(saved):
    g, path = saved
    want = [as_tuples(ms) for ms in g.find_batch(TEXTS)]
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    workers = [ctx.Process(target=_worker, args=(path, TEXTS, queue)) for _ in range(3)]
    for w in workers:
        w.start()
    results = [queue.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    assert len({pid for pid, _ in results}) == 3
    assert all(found == want for _, found in results)
