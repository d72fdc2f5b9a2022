"""The QCRI/Farasa WikiNews gold, read once for the benchmarks that use it.

../shared/data/segmentation/farasa_wikinews (beside the repository) holds the diacritised
articles (WikiNewsTruth.diacritized.txt: one text line per line, blank lines between
articles), the raw text (wikinews.raw.txt: the same lines without diacritics and without the
blank ones) and the gold (wikinews.seg.tsv: one word per row). The `line_id` of a gold row is
the line's index in the diacritised file, so the k-th raw line is the k-th line_id in order,
not line `line_id` of the raw file.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "segmentation" / "farasa_wikinews"


@dataclass
class Line:
    line_id: int
    raw: str
    diacritized: str
    rows: list[dict[str, str]]  # the gold rows: surface, segmentation, pos, alignment


def load() -> list[Line]:
    if not DATA.exists():
        sys.exit(f"the Farasa WikiNews data is not at {DATA}; it lives in ../shared")
    raw = (DATA / "wikinews.raw.txt").read_text("utf-8").split("\n")
    diacritized = (DATA / "WikiNewsTruth.diacritized.txt").read_text("utf-8").split("\n")
    rows: dict[int, list[dict[str, str]]] = defaultdict(list)
    with open(DATA / "wikinews.seg.tsv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows[int(row["line_id"])].append(row)
    return [
        Line(i, raw[k], diacritized[i], rows[i]) for k, i in enumerate(sorted(rows)) if k < len(raw)
    ]


def place(line: str, tokens: list[str]) -> list[tuple[int, int] | None]:
    """Code-point span of each of `tokens` found in order on `line`; None for a token not
    found within a short distance of the previous one."""
    out: list[tuple[int, int] | None] = []
    at = 0
    for token in tokens:
        found = line.find(token, at, at + len(token) + 24)
        if found >= 0:
            out.append((found, found + len(token)))
            at = found + len(token)
        else:
            out.append(None)
    return out
