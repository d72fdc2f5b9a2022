"""Build python/barq/data/lexicon.bin, the lexicon behind `barq.Lexicon.default()`.

Run from the repository root with barq installed:

    python scripts/build_lexicon.py [--news NEWS.jsonl.gz] [--min-count 2]

It counts the written forms (see `barq.Lexicon`) of the titles and texts of the shared news
corpus (../shared/data/news/news_ant_v2_multisource.jsonl.gz: 31,523 articles of 2018 Arabic
news), leaving out every third article (index % 3 == 0), which is held out for judging the
default gazetteer (benchmarks/judge_default_gazetteer.py). Forms seen fewer than `--min-count`
times are dropped (the total still counts them). The output is the lexicon's own compact form
(sorted forms with shared prefixes, varint counts), gzipped with mtime=0, so the same corpus
gives the same bytes.

wordfreq's Arabic list was considered and not used: its data is CC BY-SA 4.0, which would make
the shipped file share-alike, and it folds and tokenizes differently from barq's written forms.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "data" / "news" / "news_ant_v2_multisource.jsonl.gz"
OUTPUT = REPO / "python" / "barq" / "data" / "lexicon.bin.gz"


def tuning_texts(news: Path) -> list[str]:
    """Titles and texts of the articles not held out (index % 3 != 0)."""
    texts = []
    with gzip.open(news, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 3 != 0:
                doc = json.loads(line)
                texts.append(doc.get("title") or "")
                texts.append(doc["text"])
    return texts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--news", type=Path, default=NEWS)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    import barq

    lexicon = barq.Lexicon.from_texts(tuning_texts(args.news), min_count=args.min_count)
    with args.output.open("wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as gz:
        gz.write(lexicon.to_bytes())
    print(
        f"{len(lexicon):,} forms (seen >= {args.min_count} times), {lexicon.total:,} words;"
        f" {args.output.stat().st_size:,} bytes -> {args.output}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
