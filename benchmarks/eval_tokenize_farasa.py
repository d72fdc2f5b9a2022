"""Agreement of barq's tokens with the gold words of the QCRI/Farasa WikiNews corpus.

    python benchmarks/eval_tokenize_farasa.py

Reads ../shared/data/segmentation/farasa_wikinews (beside the repository): the raw text, one
article line per line, and the gold segmentation, one word per row. A gold word is the surface
form its clitic segments were merged back into (the `surface` column: و+ال+تلفزيون is
والتلفزيون). Both token sequences are laid over the line's non-space characters, and a token
counts as agreeing when the gold has a token with exactly the same span: precision, recall and
F1 over spans. The gold sometimes leaves out a character of the raw line (a comma, a stray
letter): gold words are placed on the line in order by search, those that cannot be placed are
counted and left out, and tokens that lie only on characters no gold word covers are not
scored. Writes benchmarks/results/tokenize_farasa.md; peers that are installed
are measured too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import barq
import farasa_wikinews

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "tokenize_farasa.md"


def place(line: str, tokens: list[str]) -> list[tuple[int, int]]:
    """Code-point spans of `tokens` found in order on `line`; a token not found within a short
    distance of the previous one is left out."""
    return [span for span in farasa_wikinews.place(line, tokens) if span]


def load() -> list[tuple[str, list[str]]]:
    """Each raw line with its gold words (farasa_wikinews pairs them by line_id)."""
    return [(line.raw, [row["surface"] for row in line.rows]) for line in farasa_wikinews.load()]


def tokenizers() -> dict[str, Callable[[str], list[str]]]:
    found: dict[str, Callable[[str], list[str]]] = {
        "barq Tokenizer()": barq.Tokenizer().words,
        'barq Tokenizer(mode="camel")': barq.Tokenizer(mode="camel").words,
    }
    try:
        from camel_tools.tokenizers.word import simple_word_tokenize

        found["camel_tools simple_word_tokenize"] = simple_word_tokenize
    except ImportError:
        pass
    try:
        from nltk.tokenize import wordpunct_tokenize

        found["nltk wordpunct_tokenize"] = wordpunct_tokenize
    except ImportError:
        pass
    try:
        from pyarabic.araby import tokenize as pyarabic_tokenize

        found["pyarabic araby.tokenize"] = pyarabic_tokenize
    except ImportError:
        pass
    return found


def main() -> None:
    data = load()
    placed = [(line, place(line, gold)) for line, gold in data]
    gold_count = sum(len(g) for _, g in data)
    placed_count = sum(len(p) for _, p in placed)
    rows = []
    misses: Counter[str] = Counter()
    for name, tokenize in tokenizers().items():
        agree = predicted = 0
        for line, gold_spans in placed:
            covered = [False] * len(line)
            for s, e in gold_spans:
                covered[s:e] = [True] * (e - s)
            token_spans = set(place(line, tokenize(line)))
            scored = {(s, e) for s, e in token_spans if any(covered[s:e])}
            agree += len(scored & set(gold_spans))
            predicted += len(scored)
            if name == "barq Tokenizer()":
                misses.update(line[s:e] for s, e in set(gold_spans) - token_spans)
        precision, recall = agree / predicted, agree / placed_count
        f1 = 2 * precision * recall / (precision + recall)
        rows.append((name, precision, recall, f1))
        print(f"{name:40} P {precision:.4f}  R {recall:.4f}  F1 {f1:.4f}")
    lines = [
        "# Agreement with the Farasa WikiNews gold words",
        "",
        f"{len(data)} lines, {placed_count:,} of {gold_count:,} gold words placed on the raw "
        "text. Gold words are the surface forms the clitic segments were merged back into. A "
        "token agrees when a gold word has exactly its span; tokens on characters no gold word "
        "covers are not scored.",
        "Command: `python benchmarks/eval_tokenize_farasa.py`.",
        "",
        "| tokenizer | precision | recall | F1 |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {n} | {p:.4f} | {r:.4f} | {f:.4f} |" for n, p, r, f in rows]
    lines += [
        "",
        "Gold words that barq's default tokens split or merge differently, most frequent first: "
        + ", ".join(f"`{w}` ({c})" for w, c in misses.most_common(12)),
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print(lines[-2])
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
