"""Word accuracy of clitic segmentation (the ATB scheme) against gold, barq beside its peers.

    python benchmarks/eval_segment.py --barq-python PY --peers-python PY   # writes the results
    python benchmarks/eval_segment.py --errors dev                         # a sample of dev errors
    python benchmarks/eval_segment.py --systems barq rules --no-write

Results: benchmarks/results/segment_accuracy.md. Each system runs in a worker process under
the interpreter given (`segmenters.py` says how each peer's output becomes clitic pieces);
one that cannot run there is listed as not run with the reason. `--errors test` and
`--errors news` print errors of the held-out parts; nothing else ever prints them.

Gold 1, ../shared/data/segmentation/farasa_wikinews (beside the repository): 18,300 words of
Arabic WikiNews in Farasa's scheme with POS tags, one tag per segment. Dev is line_id < 200,
test line_id >= 200: tune on dev only. Farasa's scheme is finer than the clitic (ATB) scheme;
each gold word is mapped to ATB pieces with its tags:

* proclitics: the leading segments tagged CONJ, PREP, FUT_PART or PART whose form is و ف ب ل
  ك س, while a segment is left after them. The ل of purpose and command before a verb is
  tagged PREP here (ل+ينتهي PREP+V); no PART segment of this gold is a one-letter prefix: the
  PART segments that begin a word are whole words written together with the next (لا+بد,
  أن+لا for ألا, ما+زال), not clitics, so they stay whole, as do من+ما (مما) and حسب+ما.
* the stem: DET (ال) merges into the segment after it (the article stays on its word),
  NSUFF and CASE suffixes merge onto the stem, as does every segment that is not a clitic.
* enclitics: the trailing segments tagged PRON whose form is one of ه ها هم هما هن ك كم كما
  كن ي نا ني, after a stem segment (so و+هو and ب+ذلك keep هو and ذلك as stems). On a verb
  Farasa tags the subject suffixes PRON too (أعلن+ت, يؤمن+ون, أجري+ا+ه): the subject
  markers (ت تم تما تن تا وا و ا ان ون ين ن, and ي, the subject "you" of a feminine
  imperative or imperfect) merge into the verb; the object pronouns split off. نا after a verb
  is "we" (subject) or "us" (object): the diacritised text decides it: a sukun on the letter
  before نا, or a shadda on its ن (كُنَّا, the verb's own ن merged with it), makes it the
  subject; a vowel there makes it the object; a word without marks falls back to the subject
  (counts in the results).
* restored letters (`surface_differs` rows): the gold restores letters the spelling merged
  (للمحتوى is ل+ال+محتوى); the proclitics are matched at the start of the surface word, the
  enclitics at its end, and the stem takes what lies between: ل + لمحتوى. Rows whose surface is
  not the segments with letters left out (the gold spells another word: 34 for 3،4 is kept,
  بأسبوع for أسبوع+ا is not) are excluded, as are the `unaligned` rows (digits and % that the
  raw text joins differently), the 4 rows whose tags and segments differ in number, and rows
  not found on the raw line. The counts are in the results.

Gold 2, benchmarks/judged/segment_news.tsv when it exists: words of news articles none of the
systems was built on, segmented by hand (doc = the article's 0-based line index in
../shared/data/news/news_ant_v2_multisource.jsonl.gz, word_start/word_end = code-point offsets
into its `text`, atb = the pieces joined with '+'; lines starting with '#' are comments). Every
row is checked: text[word_start:word_end] == word and the pieces join to the word.

Scoring: a word is right when the set of its split points equals the gold's. Split points are
compared on the text's skeleton (without diacritics, tatweel and zero-width controls), so a
peer that drops diacritics is scored like one that keeps them. Reported: word accuracy, the
accuracy on words the gold splits and on words it keeps whole, and precision, recall and F1
of split points. Speed: MB of UTF-8 input per second of wall-clock time of the segmentation
call alone, on one thread, the median of `--reps` runs (caches a peer fills are reset before
each run), on the WikiNews text and on the first `--news-mb` MB of article texts of the news
corpus (barq and the fast peers; qalsadi is too slow for it and runs once, on WikiNews).
Beside them, speed only: barq's `Tokenizer()` without clitics, and farasa with its word cache
warm (filled by an untimed pass first).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import statistics
import sys
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import farasa_wikinews
import segmenters as sg

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news" / "news_ant_v2_multisource.jsonl.gz"
JUDGED = ROOT / "benchmarks" / "judged" / "segment_news.tsv"
RESULTS = ROOT / "benchmarks" / "results" / "segment_accuracy.md"
PEERS = ("farasa", "qalsadi", "tashaphyne")
ORDER = ("barq", "nosplit", "rules", "farasa", "qalsadi", "tashaphyne")
FAST = ("barq", "barq-plain", "rules", "farasa", "tashaphyne")
PROCLITIC_TAGS = frozenset(["CONJ", "PREP", "FUT_PART", "PART"])
STEM_AFFIX_TAGS = frozenset(["DET", "NSUFF", "CASE"])
MARKS = frozenset(chr(c) for c in range(0x064B, 0x0653))
SUKUN, SHADDA = "\u0652", "\u0651"


@dataclass
class Word:
    part: str  # "dev", "test" or "news"
    text: int  # index into Gold.texts
    start: int
    end: int
    pieces: list[str]
    where: str
    farasa: str = ""  # the WikiNews gold's own segments, Farasa's scheme


@dataclass
class Gold:
    texts: list[str]
    words: list[Word] = field(default_factory=list)
    excluded: Counter[str] = field(default_factory=Counter)
    decisions: Counter[str] = field(default_factory=Counter)
    examples: dict[str, Counter[str]] = field(default_factory=dict)

    def decide(self, what: str, example: str) -> None:
        self.decisions[what] += 1
        self.examples.setdefault(what, Counter())[example] += 1


def split_marks(diacritized: str) -> tuple[str, list[str]]:
    """The letters of a diacritised line and the marks written on each."""
    base: list[str] = []
    marks: list[str] = []
    for c in diacritized:
        if c in MARKS and base:
            marks[-1] += c
        elif c not in MARKS:
            base.append(c)
            marks.append("")
    return "".join(base), marks


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def na_is_subject(marks: list[str] | None, at: int, gold: Gold, surface: str) -> bool:
    """Whether the نا at letter `at` of a verb is its subject "we" (module docstring)."""
    if marks is None or at < 1:
        gold.decide("verb + نا without marks: taken as subject", surface)
        return True
    if SHADDA in marks[at] or SUKUN in marks[at - 1]:
        gold.decide("verb + نا, subject (sukun before نا, or shadda on its ن): merged", surface)
        return True
    if any(c in marks[at - 1] for c in "\u064e\u064f\u0650"):
        gold.decide("verb + نا, object (vowel before نا): split", surface)
        return False
    gold.decide("verb + نا without marks: taken as subject", surface)
    return True


def left_out(row: dict[str, str]) -> str | None:
    """Why a gold row is not scored (module docstring), or None."""
    segs, tags = row["segmentation"].split("+"), row["pos"].split("+")
    if row["alignment"] == "unaligned":
        return "unaligned in the source (digits, % joined differently)"
    if len(segs) != len(tags):
        return "POS tags and segments differ in number"
    if row["alignment"] == "surface_differs" and not is_subsequence(row["surface"], "".join(segs)):
        return "surface_differs: the gold spells another word"
    return None


def wikinews_pieces(row: dict[str, str], marks: list[str] | None, gold: Gold) -> list[str] | None:
    """The ATB pieces of one gold row (module docstring), or None with the reason counted.
    `marks` are the diacritics on each letter of the surface word, when known."""
    segs, tags, surface = row["segmentation"].split("+"), row["pos"].split("+"), row["surface"]
    lead = 0
    while lead < len(segs) - 1 and tags[lead] in PROCLITIC_TAGS and segs[lead] in sg.PROCLITICS:
        if segs[lead] == "ل" and tags[lead + 1] == "V":
            gold.decide("ل before a verb (purpose/command, tagged PREP): proclitic", surface)
        lead += 1
    verb = "V" in tags
    trail = len(segs)
    while trail - 1 > lead and tags[trail - 1] == "PRON" and segs[trail - 1] in sg.PRONOUNS:
        seg = segs[trail - 1]
        if verb and seg == "ي":
            gold.decide("verb + ي (subject): merged", surface)
            break
        at = len(surface) - len("".join(segs[trail - 1 :]))
        if verb and seg == "نا" and na_is_subject(marks, at, gold, surface):
            break
        trail -= 1
    pieces = sg.surface_pieces(surface, segs[:lead], segs[trail:])
    if pieces is not None and trail < len(segs):
        kind = "object pronoun split off a verb" if verb else "pronoun split off a non-verb"
        gold.decide(kind, "+".join(segs[trail:]))
    if pieces is None:
        gold.excluded["clitics do not fit the surface word"] += 1
        return None
    count_mapping(segs[lead:trail], tags[lead:trail], verb, surface, gold)
    if row["alignment"] == "surface_differs" and len(pieces) > 1:
        gold.decide("letters restored in the gold (ل+ال → ل + ل…): stem absorbs", surface)
    return pieces


def count_mapping(segs: list[str], tags: list[str], verb: bool, surface: str, gold: Gold) -> None:
    """Count what merging the stem's segments into one piece did, for the results."""
    if "DET" in tags:
        gold.decide("DET ال merged into the stem", "ال")
    if "NSUFF" in tags or "CASE" in tags:
        gold.decide("NSUFF/CASE merged onto the stem", surface)
    if verb and "PRON" in tags:
        subjects = [s for s, t in zip(segs, tags, strict=True) if t == "PRON"]
        gold.decide("verb subject suffix (PRON) merged", "+".join(subjects))
    words = [
        s
        for s, t in zip(segs, tags, strict=True)
        if t not in STEM_AFFIX_TAGS and not (verb and t == "PRON")
    ]
    if len(words) > 1:
        gold.decide("two words written together, not clitics: kept whole", "+".join(segs))


def load_wikinews() -> Gold:
    gold = Gold(texts=[])
    for line in farasa_wikinews.load():
        base, marks = split_marks(line.diacritized)
        line_marks = marks if base == line.raw else None
        part = "dev" if line.line_id < 200 else "test"
        gold.texts.append(line.raw)
        at = 0
        for row in line.rows:
            reason = left_out(row)
            if reason:
                gold.excluded[reason] += 1
                continue
            surface = row["surface"]
            start = line.raw.find(surface, at, at + len(surface) + 24)
            if start < 0:
                gold.excluded["not found on the raw line"] += 1
                continue
            end = start + len(surface)
            word_marks = line_marks[start:end] if line_marks else None
            pieces = wikinews_pieces(row, word_marks, gold)
            at = end
            if pieces is not None:
                where = f"line {line.line_id}"
                word = Word(part, len(gold.texts) - 1, start, end, pieces, where)
                word.farasa = row["segmentation"]
                gold.words.append(word)
    return gold


def load_news_gold(path: Path) -> Gold | None:
    if not path.exists():
        return None
    lines = [
        ln for ln in path.read_text("utf-8").split("\n") if ln.strip() and not ln.startswith("#")
    ]
    header = lines[0].split("\t")
    rows = [dict(zip(header, ln.split("\t"), strict=False)) for ln in lines[1:]]
    wanted = {int(r["doc"]) for r in rows}
    if not NEWS.exists():
        sys.exit(f"{path.name} needs the news corpus at {NEWS}")
    texts: dict[int, str] = {}
    with gzip.open(NEWS, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i in wanted:
                texts[i] = json.loads(line)["text"]
            if len(texts) == len(wanted):
                break
    docs = sorted(texts)
    gold = Gold(texts=[texts[d] for d in docs])
    slot = {d: k for k, d in enumerate(docs)}
    for r in rows:
        doc, start, end, word = int(r["doc"]), int(r["word_start"]), int(r["word_end"]), r["word"]
        pieces = r["atb"].split("+")
        if doc not in texts or texts[doc][start:end] != word:
            gold.excluded["word is not text[word_start:word_end]"] += 1
        elif "".join(pieces) != word:
            gold.excluded["pieces do not join to the word"] += 1
        else:
            gold.words.append(Word("news", slot[doc], start, end, pieces, f"doc {doc}"))
    return gold


@dataclass
class Stats:
    words: int = 0
    right: int = 0
    split: int = 0
    split_right: int = 0
    whole_right: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def row(self) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b:.4f}" if b else "—"

        p, r = ratio(self.tp, self.tp + self.fp), ratio(self.tp, self.tp + self.fn)
        f1 = 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0
        whole = self.words - self.split
        return (
            f"{ratio(self.right, self.words)} | {ratio(self.split_right, self.split)} | "
            f"{ratio(self.whole_right, whole)} | {p} | {r} | {f1:.4f}"
        )


def gold_points(text_index: list[int], w: Word) -> set[int]:
    points, at = set(), w.start
    for piece in w.pieces[:-1]:
        at += len(piece)
        points.add(sg.to_skeleton(text_index, at))
    return points


def score(gold: Gold, spans: list[list[list[int]]]):
    """Stats per part, and for each wrong word (word, predicted pieces)."""
    stats: dict[str, Stats] = {}
    wrong: list[tuple[Word, list[str]]] = []
    indexes = [sg.skeleton(t)[1] for t in gold.texts]
    bounds = []
    for index, text_spans in zip(indexes, spans, strict=True):
        points = {sg.to_skeleton(index, x) for s, e in text_spans for x in (s, e)}
        bounds.append(sorted(points))
    for w in gold.words:
        index, b = indexes[w.text], bounds[w.text]
        lo, hi = sg.to_skeleton(index, w.start), sg.to_skeleton(index, w.end)
        predicted = set(b[bisect_right(b, lo) : bisect_left(b, hi)])
        expected = gold_points(index, w)
        s = stats.setdefault(w.part, Stats())
        s.words += 1
        s.split += bool(expected)
        s.tp += len(predicted & expected)
        s.fp += len(predicted - expected)
        s.fn += len(expected - predicted)
        if predicted == expected:
            s.right += 1
            s.split_right += bool(expected)
            s.whole_right += not expected
        else:
            cuts = [w.start] + [index[p] for p in sorted(predicted)] + [w.end]
            text = gold.texts[w.text]
            wrong.append((w, [text[a:z] for a, z in pairwise(cuts)]))
    return stats, wrong


def nopos_agreement(gold: Gold) -> tuple[int, int, Counter[str]]:
    """How often mapping the gold's own Farasa segments without POS (as the farasa peer's
    output is mapped) gives the POS-based pieces: the farasa row's score were its output the
    gold's own segments."""
    agree = 0
    diffs: Counter[str] = Counter()
    for w in gold.words:
        surface = gold.texts[w.text][w.start : w.end]
        mapped = sg.farasa_pieces(surface, w.farasa.split("+"))
        if mapped == w.pieces:
            agree += 1
        else:
            diffs[f"{'+'.join(w.pieces)} → {'+'.join(mapped)}"] += 1
    return agree, len(gold.words), diffs


def news_slice(mb: float) -> list[str]:
    if not NEWS.exists():
        return []
    texts, size = [], 0
    with gzip.open(NEWS, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            texts.append(text)
            size += len(text.encode("utf-8"))
            if size >= mb * 1e6:
                break
    return texts


def mbps(texts: list[str], seconds: list[float]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6 / statistics.median(seconds)


def print_errors(gold: Gold, wrong, part: str, system: str, n: int, seed: int) -> None:
    chosen = [(w, p) for w, p in wrong if w.part == part]
    sample = random.Random(seed).sample(chosen, min(n, len(chosen)))
    print(f"\n{system}: {len(chosen)} wrong words in {part}; {len(sample)} of them:")
    for w, predicted in sorted(sample, key=lambda x: (x[0].text, x[0].start)):
        text = gold.texts[w.text]
        context = text[max(0, w.start - 25) : w.end + 25].replace("\n", " ")
        print(
            f"  {w.where:9} gold {'+'.join(w.pieces):22} got {'+'.join(predicted):22} | {context}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--systems", nargs="+", choices=ORDER, default=list(ORDER))
    parser.add_argument("--barq-python", default=sys.executable, help="interpreter with barq")
    parser.add_argument("--peers-python", default=sys.executable, help="one with the peers")
    parser.add_argument("--reps", type=int, default=3, help="timed runs per system (median)")
    parser.add_argument("--news-mb", type=float, default=1.0, help="news slice for speed")
    parser.add_argument("--errors", choices=("dev", "test", "news"), help="print wrong words")
    parser.add_argument("--errors-system", default="barq", choices=ORDER)
    parser.add_argument("--errors-n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--news-gold", type=Path, default=JUDGED, help="hand-made news gold")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if args.errors and args.errors_system not in args.systems:
        parser.error(f"--errors-system {args.errors_system} is not among --systems")

    wiki = load_wikinews()
    news = load_news_gold(args.news_gold)
    slice_texts = news_slice(args.news_mb)
    results = {}
    for name in args.systems:
        python = args.peers_python if name in PEERS else args.barq_python
        res = {"wiki": sg.run(name, wiki.texts, python)}
        if not res["wiki"]["ok"]:
            print(f"{name:12} not run: {res['wiki']['reason']}")
            results[name] = res
            continue
        if name != "qalsadi":
            res["wiki_time"] = sg.run(name, wiki.texts, python, "time", args.reps)
        if name in FAST and slice_texts:
            res["news_time"] = sg.run(name, slice_texts, python, "time", args.reps)
        if news is not None:
            res["news"] = sg.run(name, news.texts, python)
        results[name] = res
        show(name, res, wiki, news)
        if args.errors and name == args.errors_system:
            g = news if args.errors == "news" else wiki
            key = "news" if args.errors == "news" else "wiki"
            if g is not None and res.get(key, {}).get("ok"):
                _, wrong = score(g, res[key]["spans"])
                print_errors(g, wrong, args.errors, res[key]["system"], args.errors_n, args.seed)
    speed_only = [("barq-plain", args.barq_python, "barq")]
    speed_only.append(("farasa-warm", args.peers_python, "farasa"))
    for name, python, beside in speed_only:
        if beside in args.systems and slice_texts:
            results[name] = {
                "wiki_time": sg.run(name, wiki.texts, python, "time", args.reps),
                "news_time": sg.run(name, slice_texts, python, "time", args.reps),
            }
    if not args.no_write:
        write(results, wiki, news, slice_texts, args)


def show(name: str, res: dict, wiki: Gold, news: Gold | None) -> None:
    stats, _ = score(wiki, res["wiki"]["spans"])
    for part in ("dev", "test"):
        print(f"{name:12} {part:4} {stats[part].row()}")
    if news is not None and res.get("news", {}).get("ok"):
        stats, _ = score(news, res["news"]["spans"])
        print(f"{name:12} news {stats['news'].row()}")


def write(results: dict, wiki: Gold, news: Gold | None, slice_texts: list[str], args) -> None:
    head = "| system | word acc. | acc., words gold splits | acc., words kept whole | "
    head += "split P | split R | split F1 |\n|---|---:|---:|---:|---:|---:|---:|"
    parts = {p: sum(w.part == p for w in wiki.words) for p in ("dev", "test")}
    splits = {p: sum(bool(len(w.pieces) > 1) for w in wiki.words if w.part == p) for p in parts}
    out = [
        "# Clitic segmentation (ATB scheme): word accuracy and speed",
        "",
        "Command: `python benchmarks/eval_segment.py --barq-python PY --peers-python PY` "
        f"(`--reps {args.reps} --news-mb {args.news_mb:g}`); the gold mapping and the scoring "
        "are described in the script's docstring and in benchmarks/README.md, the mapping of "
        "each peer's output in benchmarks/segmenters.py. Everything runs on one thread.",
        "",
    ]
    not_run = [
        f"{n} ({r['wiki']['reason']})"
        for n, r in results.items()
        if "wiki" in r and not r["wiki"]["ok"]
    ]
    if not_run:
        out += ["Not run: " + "; ".join(not_run) + ".", ""]
    for part in ("dev", "test"):
        out += [
            f"## WikiNews {part} (line_id {'< 200' if part == 'dev' else '>= 200'}): "
            f"{parts[part]:,} words, {splits[part]:,} of them split by the gold",
            "",
            head,
        ]
        for res in results.values():
            if res.get("wiki", {}).get("ok"):
                stats, _ = score(wiki, res["wiki"]["spans"])
                out.append(f"| {res['wiki']['system']} | {stats[part].row()} |")
        out.append("")
    if news is not None:
        n_split = sum(len(w.pieces) > 1 for w in news.words)
        out += [
            f"## News words segmented by hand ({args.news_gold.name}): "
            f"{len(news.words):,} words in {len(news.texts)} articles, {n_split} split",
            "",
            "Text none of the systems was built on; no part of it is for tuning.",
            "",
            head,
        ]
        for res in results.values():
            if res.get("news", {}).get("ok"):
                stats, _ = score(news, res["news"]["spans"])
                out.append(f"| {res['news']['system']} | {stats['news'].row()} |")
        if news.excluded:
            out += [
                "",
                "Rows left out: " + ", ".join(f"{k}: {v}" for k, v in news.excluded.items()),
            ]
        out.append("")
    out += speed_table(results, wiki, slice_texts, args)
    out += gold_notes(results, wiki)
    RESULTS.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


def speed_table(results: dict, wiki: Gold, slice_texts: list[str], args) -> list[str]:
    wiki_mb = sum(len(t.encode("utf-8")) for t in wiki.texts) / 1e6
    news_mb = sum(len(t.encode("utf-8")) for t in slice_texts) / 1e6
    out = [
        "## Speed, one thread",
        "",
        f"MB of UTF-8 input per second of the segmentation call alone, median of {args.reps} runs "
        f"(qalsadi: one run). WikiNews: all {len(wiki.texts)} lines, {wiki_mb:.2f} MB. News: the "
        f"first {len(slice_texts):,} article texts of the news corpus, {news_mb:.2f} MB "
        "(qalsadi not run there: too slow). CPU s / wall s is the share of a core the call "
        f"got: the machine's load average was {os.getloadavg()[0]:.1f} on {os.cpu_count()} "
        "CPUs at the end, so read the ratios. × farasa is against farasa with its word cache "
        "as shipped at each run (a first pass); its row with the cache warm (filled by an "
        "untimed pass over the same texts) shows the most it reaches on a long corpus whose "
        "words repeat.",
        "",
        "| system | MB/s WikiNews | MB/s news | CPU s / wall s (news) | × farasa (news) |",
        "|---|---:|---:|---:|---:|",
    ]
    ref = results.get("farasa", {}).get("news_time", {})
    ref_speed = mbps(slice_texts, ref["seconds"]) if ref.get("ok") else None
    for name, res in results.items():
        label = res.get("wiki", {}).get("system") or res.get("wiki_time", {}).get("system", name)
        timing = res.get("wiki_time") or res.get("wiki")
        if name == "nosplit" or not timing or not timing.get("ok"):
            continue
        wiki_speed = sg.fmt(mbps(wiki.texts, timing["seconds"]))
        nt = res.get("news_time", {})
        if nt.get("ok"):
            speed = mbps(slice_texts, nt["seconds"])
            cpu = statistics.median(nt["cpu_seconds"]) / statistics.median(nt["seconds"])
            times = f"{sg.fmt(speed / ref_speed)}×" if ref_speed else "—"
            out.append(f"| {label} | {wiki_speed} | {sg.fmt(speed)} | {cpu:.2f} | {times} |")
        else:
            out.append(f"| {label} | {wiki_speed} | — | — | — |")
    return out + [""]


def gold_notes(results: dict, wiki: Gold) -> list[str]:
    kept = len(wiki.words)
    out = [
        "## The WikiNews gold, mapped to the ATB scheme",
        "",
        f"{kept:,} words scored. Rows left out: "
        + ", ".join(f"{k}: {v}" for k, v in sorted(wiki.excluded.items()))
        + ".",
        "",
        "| mapping decision | words | most frequent |",
        "|---|---:|---|",
    ]
    for what, count in sorted(wiki.decisions.items(), key=lambda x: -x[1]):
        top = ", ".join(f"{e} ({c})" for e, c in wiki.examples[what].most_common(4))
        out.append(f"| {what} | {count:,} | {top} |")
    agree, total, diffs = nopos_agreement(wiki)
    top = ", ".join(f"`{d}` ({c})" for d, c in diffs.most_common(8))
    out += [
        "",
        f"The gold's own Farasa segments, mapped without POS tags as the farasa peer's output "
        f"is, give the same pieces on {agree:,} of {total:,} words ({agree / total:.4f}): what "
        f"the farasa row would score if its output were the gold's segments. The differences: "
        f"{top}.",
        "",
        "Words a system's pieces could not be placed on the text (counted as unsplit): "
        + ", ".join(
            f"{r['wiki']['system']} {r['wiki']['missed']}"
            for r in results.values()
            if r.get("wiki", {}).get("ok")
        )
        + ".",
    ]
    return out + [""]


if __name__ == "__main__":
    main()
