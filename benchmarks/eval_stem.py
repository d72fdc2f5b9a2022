"""Arabic stemmers measured with Paice's under- and over-stemming indexes on word groups built
from the gold segmentation of the QCRI/Farasa WikiNews corpus.

    python benchmarks/eval_stem.py [--peer-python PATH ...] [--no-write] [--errors NAME]

Reads ``../shared/data/segmentation/farasa_wikinews/wikinews.seg.tsv`` beside the repository
(one word per row: line_id, surface, Farasa segmentation joined by ``+``, one POS tag per
segment, alignment flag) and writes ``benchmarks/results/stem_paice.md``.

How the groups are built (the "lemma" side of Paice's method)
--------------------------------------------------------------

1. A row is used when its alignment is not ``unaligned`` (those 63 rows are digits, ``%`` and
   a few words whose surface is not a raw-text word), its surface is Arabic letters only
   (U+0621–U+063A, U+0641–U+064A: no digits, Latin, punctuation) and it has as many segments
   as POS tags (three rows do not).
2. The word's core is the segments tagged NOUN, ADJ, NUM, ADV or V (from the first such segment
   to the last; in this data there is never more than one). Everything else is an affix and is
   dropped: the proclitics CONJ (و ف), PREP (ب ل ك), DET (ال), FUT_PART (س), a PART prefix,
   and the suffixes NSUFF (ة ات ان ين ون, and ت of ة before a pronoun), CASE (tanween alef)
   and PRON (pronouns, and the subject endings of past-tense verbs: أعلن+ت). Words without
   such a core (prepositions, particles, pronouns and their clitic forms: في، فيما، لها) are
   function words and are left out.
3. The group key is (class, core): class "nominal" for NOUN/ADJ/NUM/ADV, "verbal" for V, so
   the noun عمل and the verb عمل are two groups. In the core, ى is written ي (مستشفى and
   المستشفيات, لدى and لديها share a core; ى turns into ي before a suffix). Hamza forms are
   kept as they are: this text is spelled from a gold-diacritised original, and folding أ إ آ
   to ا would join different words (أمام and إمام, أنفاق and إنفاق, إثر and أثر).
4. A conflation group is the set of distinct surface forms (word types) whose key is the
   same. A surface form seen with more than one key (a homograph: ظهر noun or verb) goes to
   the key it has most often (the first seen on a tie); the count of such forms is reported.
5. The groups are built separately for the test part (line_id >= 200: the headline; the
   segmentation rules are tuned on the lines before) and the dev part (line_id < 200).

Limits: the groups are groups of surface cores, not of dictionary lemmas. Broken plurals do
not join their singular (مليون and ملايين, دولة and دول are apart), nor do a verb's past and
present forms (أعلن and يعلن: the imperfective prefix is part of Farasa's verb segment), nor
masdar and verb; the ى→ي fold also joins the few pairs that differ only there (قوي and قوى);
a homograph counts only under its most frequent reading; Farasa's annotation has its own
inconsistencies. A stemmer that conflates a broken plural with its singular is thus counted as
overstemming here.

Paice's measures (``nltk.metrics.paice.Paice(lemmas, stems)``: both dicts map a key to the
words it holds): UI, the understemming index, is the share of the word pairs of a group that
the stemmer gives different stems; OI, the overstemming index, the share of the pairs from
different groups that it gives one stem; SW = OI / UI, the stemming weight; ERRT, the error
rate relative to truncation, the distance of (UI, OI) from the origin divided by that of the
point where the same line meets the curve of stemmers that cut every word after its first n
letters. Lower is better for UI, OI and ERRT. Every word type of the part is in the count,
one-word groups included (they add to the pairs that must not be merged).

Stemmers run in child processes (see stemmers.py), in this interpreter or in the first
``--peer-python`` that has them, so barq and the peers may live in different environments.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from stemmers import STEMMERS, stem_elsewhere

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "segmentation" / "farasa_wikinews" / "wikinews.seg.tsv"
RESULTS = ROOT / "benchmarks" / "results" / "stem_paice.md"
TEST_FROM_LINE = 200

CORE_CLASS = {"NOUN": "nominal", "ADJ": "nominal", "NUM": "nominal", "ADV": "nominal"}
CORE_CLASS["V"] = "verbal"
ARABIC_WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a]+")

# The words that issue 13 names, with what the rule stemmers do to them.
ISSUE_WORDS = "بيروت لندن بكين والد كتابها وبيروت للحكومة حكومتها فيما كندا".split()


@dataclass
class Part:
    name: str
    skipped: Counter[str] = field(default_factory=Counter)
    tokens: int = 0
    keys_of: dict[str, Counter[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    groups: dict[str, list[str]] = field(default_factory=dict)
    ambiguous: list[str] = field(default_factory=list)

    def finish(self) -> None:
        by_key: dict[str, list[str]] = defaultdict(list)
        for word, keys in self.keys_of.items():
            (cls, core), _ = keys.most_common(1)[0]
            by_key[f"{cls}:{core}"].append(word)
            if len(keys) > 1:
                self.ambiguous.append(word)
        self.groups = {key: sorted(words) for key, words in sorted(by_key.items())}

    @property
    def words(self) -> list[str]:
        return sorted(self.keys_of)


def read_parts(path: Path) -> tuple[Part, Part]:
    test, dev = (
        Part(f"test (line_id ≥ {TEST_FROM_LINE})"),
        Part(f"dev (line_id < {TEST_FROM_LINE})"),
    )
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            part = test if int(row["line_id"]) >= TEST_FROM_LINE else dev
            word = row["surface"]
            segments, tags = row["segmentation"].split("+"), row["pos"].split("+")
            if row["alignment"] == "unaligned":
                part.skipped["unaligned row"] += 1
            elif not ARABIC_WORD.fullmatch(word):
                part.skipped["not Arabic letters only (digits, Latin, punctuation)"] += 1
            elif len(segments) != len(tags):
                part.skipped["segments and POS tags differ in number"] += 1
            else:
                at = [i for i, tag in enumerate(tags) if tag in CORE_CLASS]
                if not at:
                    part.skipped["function word (no NOUN/ADJ/NUM/ADV/V segment)"] += 1
                    continue
                core = "".join(segments[at[0] : at[-1] + 1]).replace("ى", "ي")
                classes = {CORE_CLASS[tags[i]] for i in at}
                cls = "verbal" if classes == {"verbal"} else "nominal"
                part.keys_of[word][(cls, core)] += 1
                part.tokens += 1
    test.finish()
    dev.finish()
    return test, dev


def paice(groups: dict[str, list[str]], stem_of: dict[str, str]):
    from nltk.metrics.paice import Paice

    stems: dict[str, list[str]] = defaultdict(list)
    for words in groups.values():
        for w in words:
            stems[stem_of[w]].append(w)
    return Paice(groups, dict(stems)), len(stems)


def describe(part: Part) -> list[str]:
    sizes = [len(ws) for ws in part.groups.values()]
    multi = [s for s in sizes if s > 1]
    largest = max(part.groups.items(), key=lambda kv: len(kv[1]))
    lines = [
        f"* **{part.name}**: {part.tokens:,} content-word tokens, {len(part.keys_of):,} word "
        f"types in {len(sizes):,} groups; {len(multi):,} groups have two or more words "
        f"({sum(multi):,} words; largest: {len(largest[1])} words, core "
        f"`{largest[0].split(':', 1)[1]}`); {len(part.ambiguous)} types seen under more than "
        "one key (homographs, put under their most frequent key). Rows left out: "
        + "; ".join(f"{reason} {n:,}" for reason, n in part.skipped.most_common())
        + "."
    ]
    return lines


def fmt(x: float, digits: int = 4) -> str:
    if x != x:  # NaN
        return "n/a"
    return f"{x:.{digits}f}"


def table(part: Part, answers: dict[str, dict]) -> list[str]:
    lines = [
        "| stemmer | UI | OI (×10⁻⁴) | SW (×10⁻⁴) | ERRT | stems | words per stem |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, answer in answers.items():
        if "stems" not in answer:
            lines.append(f"| {name} | not run: {answer['missing']} | | | | | |")
            continue
        p, n_stems = paice(part.groups, answer["stem_of"])
        words = len(part.keys_of)
        lines.append(
            f"| {name} | {fmt(p.ui)} | {fmt(p.oi * 1e4, 2)} | {fmt(p.sw * 1e4, 2)} "
            f"| {fmt(p.errt, 3)} | {n_stems:,} | {words / n_stems:.2f} |"
        )
        print(f"  {part.name[:4]} {name:18} UI {p.ui:.4f} OI {p.oi:.2e} ERRT {p.errt:.3f}")
    return lines


def show_errors(part: Part, stem_of: dict[str, str], limit: int = 30) -> None:
    """The dev part's groups a stemmer splits, and its stems that join several groups."""
    print(f"\nUnderstemmed groups of the {part.name} (word → stem):")
    split = [(k, ws) for k, ws in part.groups.items() if len({stem_of[w] for w in ws}) > 1]
    for key, words in sorted(split, key=lambda kv: -len(kv[1]))[:limit]:
        print(f"  {key}: " + ", ".join(f"{w}→{stem_of[w]}" for w in words))
    print(f"{len(split)} groups split")
    key_of = {w: k for k, ws in part.groups.items() for w in ws}
    joined: dict[str, set[str]] = defaultdict(set)
    for w, k in key_of.items():
        joined[stem_of[w]].add(k)
    over = [(s, ks) for s, ks in joined.items() if len(ks) > 1]
    print(f"\nOverstemmed stems of the {part.name} (stem ← groups):")
    for stem, keys in sorted(over, key=lambda kv: -len(kv[1]))[:limit]:
        shown = (f"{k} ({', '.join(part.groups[k][:4])})" for k in sorted(keys))
        print(f"  {stem} ← " + "; ".join(shown))
    print(f"{len(over)} stems join groups")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--peer-python",
        action="append",
        default=[],
        metavar="PATH",
        help="another interpreter to try for stemmers missing here (repeatable)",
    )
    parser.add_argument("--data", type=Path, default=DATA, help="wikinews.seg.tsv")
    parser.add_argument("--out", type=Path, default=RESULTS, help="markdown result file")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--stemmers", nargs="*", help="run only stemmers whose name contains one")
    parser.add_argument(
        "--errors", metavar="NAME", help="print a stemmer's errors on the dev part (not the test)"
    )
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"the Farasa WikiNews gold segmentation is not at {args.data}", file=sys.stderr)
        return 2
    try:
        import nltk.metrics.paice  # noqa: F401
    except ImportError:
        print(
            "nltk is needed for its Paice measures: run this script with an interpreter that "
            "has nltk and pass the one that has barq as --peer-python",
            file=sys.stderr,
        )
        return 2

    test, dev = read_parts(args.data)
    words = sorted(set(test.words) | set(dev.words) | set(ISSUE_WORDS))
    pythons = [sys.executable, *args.peer_python]
    names = [n for n in STEMMERS if not args.stemmers or any(s in n for s in args.stemmers)]
    answers: dict[str, dict] = {}
    for name in names:
        print(f"  stemming {len(words):,} words with {name}", file=sys.stderr, flush=True)
        answer = stem_elsewhere(name, words, pythons)
        if "stems" in answer:
            answer["stem_of"] = dict(zip(words, answer["stems"], strict=True))
        else:
            print(f"  {name}: not run: {answer['missing']}", file=sys.stderr)
        answers[name] = answer

    if args.errors:
        answer = answers.get(args.errors)
        if not answer or "stem_of" not in answer:
            print(f"{args.errors!r} did not run; names: {', '.join(STEMMERS)}", file=sys.stderr)
            return 2
        show_errors(dev, answer["stem_of"])
        return 0

    ran = {n: a for n, a in answers.items() if "stems" in a}
    command = "python benchmarks/eval_stem.py" + "".join(
        " --peer-python PEER_PYTHON" for _ in args.peer_python
    )
    out = [
        "# Stemming: Paice's under- and over-stemming on WikiNews word groups",
        "",
        "Word groups built from the gold segmentation of the QCRI/Farasa WikiNews corpus "
        "(`../shared/data/segmentation/farasa_wikinews/wikinews.seg.tsv`): every content word's "
        "core is its NOUN/ADJ/NUM/ADV/V segment, with the clitics (CONJ, PREP, DET, FUT_PART, "
        "PART) and the suffixes (NSUFF, CASE, PRON) removed; words with the same core and the "
        "same class (nominal or verbal) form one group. The procedure and its limits are in the "
        "docstring of `benchmarks/eval_stem.py` and in `benchmarks/README.md`.",
        "",
        *describe(test),
        *describe(dev),
        "",
        "UI: understemming index (share of the pairs within a group given different stems); "
        "OI: overstemming index (share of the pairs across groups given one stem); SW = OI/UI; "
        "ERRT: error rate relative to truncation (1.0 = as good as cutting words at a fixed "
        "length). Lower is better for UI, OI, ERRT. Computed with "
        "`nltk.metrics.paice.Paice`. *Words per stem*: word types over distinct stems.",
        "",
        f"## Test part (line_id ≥ {TEST_FROM_LINE}): the headline",
        "",
        *table(test, answers),
        "",
        f"## Dev part (line_id < {TEST_FROM_LINE})",
        "",
        *table(dev, answers),
        "",
        "## The words of the issue",
        "",
        "| word | " + " | ".join(ran) + " |",
        "|---|" + "---|" * len(ran),
    ]
    for w in ISSUE_WORDS:
        out.append(f"| {w} | " + " | ".join(a["stem_of"][w] for a in ran.values()) + " |")
    out += ["", "## Stemmers", ""]
    for name, answer in answers.items():
        call = STEMMERS[name][2]
        if "stems" in answer:
            extra = ""
            if "batch_agrees" in answer:
                extra = "; `stem_batch` gives the same stems: " + (
                    "yes" if answer["batch_agrees"] else "**no**"
                )
            if answer.get("not_str"):
                extra += f"; {answer['not_str']} non-str results counted as the word itself"
            out.append(f"* {name}: `{call}` ({answer['version']}{extra})")
        else:
            out.append(f"* {name}: `{call}`: not run: {answer['missing']}")
    out += [
        "",
        "## Run",
        "",
        "```",
        command,
        "```",
        "",
        f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC. Barq and the peers may run "
        "from different environments: each stemmer runs in the first interpreter that has it "
        "(this one, then each `--peer-python`).",
        "",
    ]
    text = "\n".join(out)
    if not args.no_write:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
