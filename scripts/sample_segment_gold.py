"""Sample news sentences for a hand-made gold clitic segmentation, and check the gold file.

The gold is ``benchmarks/judged/segment_news.tsv``: every Arabic word of 40 sentences drawn at
random from the held-out news articles (line index % 3 == 0 of
``../shared/data/news/news_ant_v2_multisource.jsonl.gz``, the third that neither barq's lexicon
nor its gazetteer reads), segmented by hand in the Penn Arabic Treebank clitic scheme (the rules
are in the file's header). No segmenter or stemmer was run to label it.

Usage (from the repository root)::

    python scripts/sample_segment_gold.py show
        # prints the sampled sentences, their words numbered, to the terminal (for labelling;
        # the corpus text is not ours to copy into files)
    python scripts/sample_segment_gold.py skeleton --out FILE
        # writes the word rows (doc, offsets, word, atb = the word unsplit) to label
    python scripts/sample_segment_gold.py --check
        # verifies every row of the gold file against the corpus and the scheme, prints counts

A word is a maximal run of Arabic letters, Arabic marks and tatweel (see ``WORD``); offsets are
code points into the article's ``text``, so ``text[word_start:word_end] == word``. Sentences are
split simply, on ``. ! ? ؟`` and line breaks; sentences of fewer than 6 or more than 40 words
are skipped, and at most one sentence is drawn from an article.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "data" / "news" / "news_ant_v2_multisource.jsonl.gz"
GOLD = REPO / "benchmarks" / "judged" / "segment_news.tsv"

SEED = 20240613
N_SENTENCES = 40
MIN_WORDS = 6
MAX_WORDS = 40

# Arabic letters (basic and extended, presentation forms), the Arabic marks (harakat, Quranic
# marks, superscript alef) and tatweel. Digits, Arabic punctuation and zero-width controls are
# not word characters.
WORD = re.compile(
    "[\u0620-\u063a\u0640-\u065f\u0670-\u06d3\u06d5-\u06dc\u06df-\u06e8\u06ea-\u06ef"
    "\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]+"
)
SENTENCE_END = re.compile("[.!?\u061f\n]")
# Marks and tatweel are ignored when a piece is compared with the clitic lists.
MARKS = re.compile("[\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")

PROCLITICS = {"و", "ف", "ب", "ل", "ك", "س"}
ENCLITICS = {"ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "ي", "نا", "ني"}
COLUMNS = ["doc", "word_start", "word_end", "word", "atb", "note"]


def held_out(news: Path) -> dict[int, str]:
    """The texts of the held-out articles, by line index (index % 3 == 0)."""
    out = {}
    with gzip.open(news, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 3 == 0:
                out[i] = json.loads(line)["text"]
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of the simple sentences of a text: between sentence ends, stripped."""
    spans = []
    start = 0
    for m in SENTENCE_END.finditer(text + "\n"):
        end = m.start()
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
        start = m.end()
    return spans


def words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The Arabic words of text[start:end], with offsets into text."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, end)]


def draw(articles: dict[int, str]) -> list[tuple[int, int, int]]:
    """The sampled sentences as (doc, start, end), in the order drawn."""
    candidates = []
    for doc in sorted(articles):
        text = articles[doc]
        for s, e in sentences(text):
            if MIN_WORDS <= len(words(text, s, e)) <= MAX_WORDS:
                candidates.append((doc, s, e))
    rng = random.Random(SEED)
    rng.shuffle(candidates)
    picked, seen = [], set()
    for doc, s, e in candidates:
        if doc not in seen:
            seen.add(doc)
            picked.append((doc, s, e))
            if len(picked) == N_SENTENCES:
                break
    return picked


def cmd_show(articles: dict[int, str]) -> None:
    total = 0
    for k, (doc, s, e) in enumerate(draw(articles)):
        ws = words(articles[doc], s, e)
        total += len(ws)
        print(f"== {k} doc {doc} [{s}:{e}] {len(ws)} words")
        print(articles[doc][s:e])
        print(" ".join(f"{i}:{w}" for i, (_, _, w) in enumerate(ws)))
    print(f"{total} words")


def cmd_skeleton(articles: dict[int, str], out: Path) -> None:
    if out.exists():
        sys.exit(f"{out} exists: not overwriting hand labels")
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(COLUMNS)
        for doc, s, e in draw(articles):
            for ws, we, word in words(articles[doc], s, e):
                w.writerow([doc, ws, we, word, word, ""])


def read_gold(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or list(rows[0]) != COLUMNS:
        sys.exit(f"{path}: the header row must be {COLUMNS}")
    return rows


def parse(pieces: list[str]) -> tuple[list[str], str, str | None] | None:
    """Split pieces into (proclitics, stem, enclitic), or None if they fit no such shape.

    The stem is the piece after the proclitics; it may itself look like a clitic (لي = ل+ي,
    به = ب+ه: the preposition is the stem its pronoun hangs on). At most one enclitic follows.
    """
    bare = [MARKS.sub("", p) for p in pieces]
    for n_enc in (1, 0) if len(pieces) > 1 else (0,):
        body, enc = (bare[:-1], bare[-1]) if n_enc else (bare, None)
        if enc is not None and enc not in ENCLITICS:
            continue
        if all(p in PROCLITICS for p in body[:-1]):
            return body[:-1], body[-1], enc
    return None


def cmd_check(articles: dict[int, str], gold: Path) -> int:
    rows = read_gold(gold)
    errors = []
    docs, split, ambiguous = set(), 0, 0
    listed = []
    by_clitic: Counter[str] = Counter()
    for n, row in enumerate(rows, start=1):
        where = f"row {n} ({row['doc']}:{row['word_start']})"
        if None in row or None in row.values():
            errors.append(f"{where}: the row must have {len(COLUMNS)} tab-separated fields")
            continue
        try:
            doc, start, end = int(row["doc"]), int(row["word_start"]), int(row["word_end"])
        except ValueError:
            errors.append(f"{where}: doc, word_start and word_end must be integers")
            continue
        listed.append((doc, start, end))
        text = articles.get(doc)
        if text is None:
            errors.append(f"{where}: doc {doc} is not a held-out article (index % 3 == 0)")
            continue
        if text[start:end] != row["word"]:
            errors.append(f"{where}: {row['word']!r} != article[{start}:{end}]")
        if not WORD.fullmatch(row["word"]) or (
            start > 0 and WORD.match(text[start - 1]) or end < len(text) and WORD.match(text[end])
        ):
            errors.append(f"{where}: {row['word']!r} is not a whole word")
        pieces = row["atb"].split("+")
        if "".join(pieces) != row["word"] or any(not p for p in pieces):
            errors.append(f"{where}: pieces {row['atb']!r} do not make up {row['word']!r}")
            continue
        shape = parse(pieces)
        if shape is None:
            errors.append(f"{where}: {row['atb']!r} is not proclitics + stem + enclitic")
            continue
        docs.add(doc)
        procs, _, enc = shape
        if len(pieces) > 1:
            split += 1
        for p in procs:
            by_clitic[p + "+"] += 1
        if enc is not None:
            by_clitic["+" + enc] += 1
        if "ambiguous" in row["note"]:
            ambiguous += 1
    drawn = [
        (doc, ws, we) for doc, s, e in draw(articles) for ws, we, _ in words(articles[doc], s, e)
    ]
    if listed != drawn:
        errors.append(f"the rows are not the words of the sample drawn with seed {SEED}")
    for e in errors:
        print(e)
    print(f"{len(rows)} words in {len(docs)} sentences (one per article); {split} split")
    print(f"{ambiguous} marked ambiguous; {len(errors)} errors")
    print("clitics: " + ", ".join(f"{c} {k}" for c, k in by_clitic.most_common()))
    return 1 if errors else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", nargs="?", choices=["show", "skeleton"])
    ap.add_argument("--check", action="store_true", help="verify the gold file")
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--news", type=Path, default=NEWS)
    ap.add_argument("--out", type=Path, help="where skeleton writes")
    args = ap.parse_args()
    if not args.news.exists():
        sys.exit(f"news corpus not found: {args.news}")
    articles = held_out(args.news)
    if args.check:
        return cmd_check(articles, args.gold)
    if args.command == "show":
        cmd_show(articles)
    elif args.command == "skeleton":
        if args.out is None:
            sys.exit("skeleton needs --out FILE")
        cmd_skeleton(articles, args.out)
    else:
        ap.error("give a command (show, skeleton) or --check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
