"""Clitic segmenters behind one interface, for eval_segment.py and bench_segment.py.

Each system runs in a worker process of its own (`python benchmarks/segmenters.py --worker NAME`,
texts as a JSON list on standard input), so barq and the peers can live in different Python
environments, one system's caches or memory never touch another's timing, and a system that
is not installed is reported as not run with the reason. The worker times only the
segmentation call on one thread; mapping a peer's output onto the ATB pieces and placing them on
the text is done afterwards, untimed.

The output of every system is turned into pieces of the surface text (the ATB scheme: و ف ب ل
ك س before the stem, the pronouns ه ها هم هما هن ك كم كما كن ي نا ني after it, the article ال
left on its word) and then into code-point spans of the text. Peers that strip diacritics or
tatweel are placed on the text's skeleton (the text without them), so a boundary always falls
before the next base letter; the evaluation compares split points on that skeleton too.

How each peer's own output is mapped to clitic pieces:

* farasa 0.0.1 (`segmentation.segmentLine`, the pure-Python port of Farasa's segmenter): its
  pieces are in Farasa's scheme, without POS tags. Leading pieces that are و ف ب ل ك س (while a
  piece is left after them) are proclitics; trailing pieces that are one of the pronouns above
  are enclitics when at least two letters of stem are left before them (its output has a few
  verbs cut after the imperfect prefix, ي+كن, whose كن is no pronoun); everything between, ال
  and the noun and verb suffixes (ة ات ين ون ت وا ...), is the stem. Without a POS tag, a
  final نا or ي is always taken for a pronoun (on a verb نا can be the subject, "we"; ي can
  end a construct plural or dual, مؤسسي): the evaluation counts what this costs by mapping the
  gold segmentation itself the same way. Farasa restores letters
  the spelling merged (للمحتوى is ل+ال+محتوى): the proclitics are matched at the start of the
  surface word and the enclitics at its end, and the stem takes what lies between (لمحتوى).
  Its tokenizer also rewrites a word that starts with لل as لال; the surface word is لل again.
* qalsadi (`analex.Analex().check_text`, one call per paragraph) returns every analysis of each
  word. One is chosen the way qalsadi's own lemmatizer chooses a lemma: the analyses of the
  first kind present in the order stop word, noun, verb; among them the most frequent lemma;
  the first analysis with that lemma. Its procletic gives the proclitics (an initial و or ف,
  then one of ب ل ك س; the article ال, or the ل left of it in لل, and the interrogative أ stay
  on the stem) and its encletic the enclitic.
* tashaphyne (`ArabicLightStemmer.light_stem` on each word of its own `tokenize`): the prefix
  is read like qalsadi's procletic; the suffix gives an enclitic when it ends in one of the
  pronouns (the longest that fits, leaving a stem), the rest of the suffix stays on the stem.
* rules (a plain baseline, no lexicon): on each run of Arabic letters, strip و or ف, then one
  of ب ل ك س, each only when at least 3 letters remain; then strip one of the suffixes هما كما
  هم هن كم كن ها نا ه when at least 3 letters remain (ي and ك are left alone: as single final
  letters they end far more stems, عربي ملك, than they are pronouns).
* no split: every word whole.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# Marks a peer may drop: the Arabic diacritics, the superscript alef, tatweel and the
# zero-width controls (ZWSP, ZWNJ, ZWJ, LRM, RLM, BOM).
SKIP = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + list("\u200b\u200c\u200d")
    + list("\u200e\u200f\ufeff")
)
CONJUNCTIONS = ("و", "ف")
PREFIXES = ("ب", "ل", "ك", "س")
PROCLITICS = frozenset(CONJUNCTIONS + PREFIXES)
# Longest first, so that a suffix search finds هما before ما and ها before ه.
PRONOUNS = ("هما", "كما", "هم", "هن", "كم", "كن", "ها", "نا", "ني", "ه", "ك", "ي")
RULE_SUFFIXES = ("هما", "كما", "هم", "هن", "كم", "كن", "ها", "نا", "ه")
ARABIC_RUN = re.compile("[\u0621-\u064a\u064b-\u065f\u0670\u0640]+")


class Unavailable(Exception):
    """The system cannot run in this environment (the message says why)."""


def fmt(x: float) -> str:
    """A speed or ratio to three significant figures."""
    return f"{x:,.0f}" if x >= 100 else f"{x:.3g}"


def strip_marks(text: str) -> str:
    return "".join(c for c in text if c not in SKIP)


def skeleton(text: str) -> tuple[str, list[int]]:
    """The text without SKIP characters, and for each of its characters the index in `text`
    (with len(text) appended)."""
    keep = [i for i, c in enumerate(text) if c not in SKIP]
    return "".join(text[i] for i in keep), keep + [len(text)]


def to_skeleton(index: list[int], offset: int) -> int:
    """The skeleton position of a code-point offset of the text: kept characters before it."""
    return bisect.bisect_left(index, offset)


def surface_pieces(surface: str, proclitics: list[str], enclitics: list[str]) -> list[str] | None:
    """Pieces of `surface`: the proclitics matched at its start, the enclitics at its end, the
    stem what lies between (it absorbs letters the spelling merged: ل + لمحتوى). None when they
    do not fit."""
    head, tail = "".join(proclitics), "".join(enclitics)
    if not surface.startswith(head) or not surface.endswith(tail):
        return None
    stem = surface[len(head) : len(surface) - len(tail)]
    if not stem:
        return None
    return [*proclitics, stem, *enclitics]


def split_affixes(prefix: str, suffix: str) -> tuple[list[str], list[str]]:
    """Proclitics of a prefix string (و/ف, then ب/ل/ك/س; the rest, ال or أ, stays on the stem)
    and the enclitic at the end of a suffix string, as qalsadi and tashaphyne report them."""
    proclitics = []
    rest = prefix
    if rest[:1] in CONJUNCTIONS:
        proclitics.append(rest[0])
        rest = rest[1:]
    if rest[:1] in PREFIXES:
        proclitics.append(rest[0])
    enclitics = [p for p in PRONOUNS if suffix.endswith(p)][:1]
    return proclitics, enclitics


def farasa_pieces(surface: str, segments: list[str]) -> list[str]:
    """ATB pieces of a word from Farasa-scheme segments without POS (module docstring)."""
    lead = 0
    while lead < len(segments) - 1 and segments[lead] in PROCLITICS:
        lead += 1
    trail = len(segments)
    while (
        trail - 1 > lead
        and segments[trail - 1] in PRONOUNS
        and len("".join(segments[lead : trail - 1])) >= 2
    ):
        trail -= 1
    pieces = surface_pieces(surface, segments[:lead], segments[trail:])
    return pieces or [surface]


def rule_pieces(word: str) -> list[str]:
    proclitics, rest = [], word
    for letters in (CONJUNCTIONS, PREFIXES):
        if rest[:1] in letters and len(rest) - 1 >= 3:
            proclitics.append(rest[0])
            rest = rest[1:]
    enclitics = [s for s in RULE_SUFFIXES if rest.endswith(s) and len(rest) - len(s) >= 3][:1]
    return surface_pieces(word, proclitics, enclitics) or [word]


def place(text: str, words: Iterable[list[str]]) -> tuple[list[tuple[int, int]], int]:
    """Spans in `text` of the pieces of `words` (each word a list of pieces, in text order),
    found in order on the skeleton; returns the spans and how many Arabic words were not
    found."""
    skel, index = skeleton(text)
    spans: list[tuple[int, int]] = []
    at = missed = 0
    for pieces in words:
        pieces = [p for p in (strip_marks(p) for p in pieces) if p]
        word = "".join(pieces)
        if not word:
            continue
        found = skel.find(word, at, at + len(word) + 200)
        if found < 0:
            missed += bool(ARABIC_RUN.search(word))  # a peer's glued punctuation is no loss
            continue
        for piece in pieces:
            spans.append((index[found], index[found + len(piece)]))
            found += len(piece)
        at = found
    return spans, missed


@dataclass
class System:
    """`call` is the timed segmentation call over a list of texts; `spans` turns its output
    (and the texts) into piece spans per text plus a count of words it could not place;
    `reset` undoes caches the call fills, before each timed repetition; `warmup` asks for one
    untimed call first instead (the cache then holds every word of the texts)."""

    name: str
    call: Callable[[list[str]], object]
    spans: Callable[[list[str], object], tuple[list[list[tuple[int, int]]], int]]
    reset: Callable[[], None] = lambda: None
    warmup: bool = False  # one untimed call first (a peer's cache then holds every word)


def placed(texts: list[str], words_per_text: list[list[list[str]]]):
    out, missed = [], 0
    for text, words in zip(texts, words_per_text, strict=True):
        spans, m = place(text, words)
        out.append(spans)
        missed += m
    return out, missed


def barq_system(scheme: str = "atb", threads: int | None = 1) -> System:
    """`threads=None`: barq's default, every core (speed only; all other rows use one)."""
    import barq

    if not hasattr(barq, "segment"):
        raise Unavailable("this barq build has no barq.segment (clitic segmentation) yet")
    tok = barq.Tokenizer(clitics=scheme)

    def spans(texts, _out):
        return [[(t.start, t.end) for t in tok.tokenize(x)] for x in texts], 0

    cores = "threads=1" if threads == 1 else "all cores"
    return System(
        f'barq Tokenizer(clitics="{scheme}"), {cores}',
        lambda texts: tok.tokenize_batch(texts, output="words", threads=threads),
        spans,
    )


def barq_arrow_system() -> System:
    """The texts as an Arrow array (as a pandas ``str`` column holds them; made once, not
    timed), the words as an Arrow list column: no Python object per word."""
    import barq
    import pyarrow as pa

    tok = barq.Tokenizer(clitics="atb")
    arrays: dict[int, object] = {}

    def call(texts):
        arr = arrays.get(id(texts))
        if arr is None:
            arr = arrays[id(texts)] = pa.array(texts, type=pa.large_string())
        return tok.tokenize_batch(arr, output="words", threads=1)

    def spans(texts, _out):
        return [[(t.start, t.end) for t in tok.tokenize(x)] for x in texts], 0

    return System('barq Tokenizer(clitics="atb"), Arrow in and out, threads=1', call, spans)


def barq_plain_system() -> System:
    import barq

    tok = barq.Tokenizer()
    return System(
        "barq Tokenizer() (no clitics), threads=1",
        lambda texts: tok.tokenize_batch(texts, output="words", threads=1),
        lambda texts, _out: ([[(t.start, t.end) for t in tok.tokenize(x)] for x in texts], 0),
    )


def nosplit_system() -> System:
    def call(texts):
        return [[[m.group()] for m in ARABIC_RUN.finditer(t)] for t in texts]

    return System("no split", call, lambda texts, out: placed(texts, out))


def rules_system() -> System:
    def call(texts):
        return [
            [rule_pieces(strip_marks(m.group())) for m in ARABIC_RUN.finditer(t)] for t in texts
        ]

    return System("prefix/suffix rules", call, lambda texts, out: placed(texts, out))


def farasa_system(warm: bool = False) -> System:
    """`warm`: its word cache is filled by an untimed pass and kept (the speed a long corpus
    approaches as its words repeat); otherwise the cache is as shipped at every run."""
    try:
        from farasa import segmentation
        from farasa.arabic_utils import utilities
    except ImportError as e:
        raise Unavailable(f"farasa is not installed ({e}); pip install farasa==0.0.1") from e
    shipped = dict(segmentation.hmSeenBefore)

    def reset():
        segmentation.hmSeenBefore.clear()
        segmentation.hmSeenBefore.update(shipped)

    def spans(texts, out):
        words_per_text = []
        for text, segmented in zip(texts, out, strict=True):
            # Its tokenizer writes a word starting with لل as لال (the article restored);
            # the surface word starts with لل again.
            surfaces = [
                "لل" + s[3:] if s.startswith("لال") else s
                for s in utilities.tokenize(utilities.removeDiacritics(text))
            ]
            words_per_text.append(
                [
                    farasa_pieces(s, seg.split("+"))
                    for s, seg in zip(surfaces, segmented, strict=True)
                ]
            )
        return placed(texts, words_per_text)

    return System(
        "farasa 0.0.1 (pure-Python port)" + (", word cache warm" if warm else ""),
        lambda texts: [segmentation.segmentLine(t) for t in texts],
        spans,
        (lambda: None) if warm else reset,
        warm,
    )


def qalsadi_choice(analyses) -> tuple[str, str, str]:
    """(word, procletic, encletic) of the analysis qalsadi's lemmatizer would pick."""
    if not analyses:
        return "", "", ""
    for kind in ("is_stopword", "is_noun", "is_verb"):
        chosen = [a for a in analyses if getattr(a, kind)()]
        if chosen:
            break
    else:
        chosen = analyses
    lemmas = Counter(sorted(strip_marks(a.get_lemma() or "") for a in chosen))
    best = lemmas.most_common(1)[0][0]
    a = next(a for a in chosen if strip_marks(a.get_lemma() or "") == best)
    return a.get_word(), a.get_procletic() or "", a.get_encletic() or ""


def qalsadi_system() -> System:
    try:
        import qalsadi.analex
    except ImportError as e:
        raise Unavailable(f"qalsadi is not installed ({e}); pip install qalsadi") from e
    analyzer = qalsadi.analex.Analex()

    def call(texts):
        out = []
        for text in texts:
            words = []
            for paragraph in text.split("\n"):
                if paragraph.strip():
                    words += [qalsadi_choice(w) for w in analyzer.check_text(paragraph)]
            out.append(words)
        return out

    def spans(texts, out):
        words_per_text = []
        for words in out:
            pieces = []
            for word, procletic, encletic in words:
                bare = strip_marks(word)
                pro, enc = split_affixes(strip_marks(procletic), strip_marks(encletic))
                pieces.append(surface_pieces(bare, pro, enc) or [bare])
            words_per_text.append(pieces)
        return placed(texts, words_per_text)

    return System("qalsadi 0.5.1 (Analex, lemmatizer's choice)", call, spans)


def tashaphyne_system() -> System:
    try:
        from tashaphyne.stemming import ArabicLightStemmer
    except ImportError as e:
        raise Unavailable(f"tashaphyne is not installed ({e}); pip install tashaphyne") from e
    stemmer = ArabicLightStemmer()

    def call(texts):
        out = []
        for text in texts:
            words = []
            for w in stemmer.tokenize(text):
                stemmer.light_stem(w)
                words.append(
                    (stemmer.get_unvocalized(), stemmer.get_prefix(), stemmer.get_suffix())
                )
            out.append(words)
        return out

    def spans(texts, out):
        words_per_text = []
        for words in out:
            pieces = []
            for word, prefix, suffix in words:
                pro, enc = split_affixes(prefix, suffix)
                pieces.append(surface_pieces(word, pro, enc) or [word])
            words_per_text.append(pieces)
        return placed(texts, words_per_text)

    return System("tashaphyne 0.3.6 (ArabicLightStemmer)", call, spans)


SYSTEMS: dict[str, Callable[[], System]] = {
    "barq": barq_system,
    "barq-allcores": lambda: barq_system("atb", None),
    "barq-plain": barq_plain_system,
    "barq-arrow": barq_arrow_system,
    "nosplit": nosplit_system,
    "rules": rules_system,
    "farasa": farasa_system,
    "farasa-warm": lambda: farasa_system(warm=True),
    "qalsadi": qalsadi_system,
    "tashaphyne": tashaphyne_system,
}


def worker(name: str, mode: str, reps: int) -> dict:
    """Run one system on the texts read from standard input. mode "spans": one timed call,
    then the spans; mode "time": `reps` timed calls, caches reset before each."""
    texts = json.load(sys.stdin)
    try:
        system = SYSTEMS[name]()
    except Unavailable as e:
        return {"ok": False, "reason": str(e)}
    walls, cpus, out = [], [], None
    if system.warmup:
        system.call(texts)
    for _ in range(1 if mode == "spans" else reps):
        system.reset()
        fresh = [t[:1] + t[1:] for t in texts]  # new str objects: no cached UTF-8 form
        out = None
        cpu, wall = time.process_time(), time.perf_counter()
        out = system.call(fresh)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    result = {"ok": True, "system": system.name, "seconds": walls, "cpu_seconds": cpus}
    if mode == "spans":
        spans, missed = system.spans(texts, out)
        result |= {"spans": spans, "missed": missed}
    return result


def run(name: str, texts: list[str], python: str, mode: str = "spans", reps: int = 1) -> dict:
    """Run the worker for `name` under the interpreter `python`, return its result dict."""
    import subprocess

    cmd = [python, __file__, "--worker", name, "--mode", mode, "--reps", str(reps)]
    proc = subprocess.run(cmd, input=json.dumps(texts), capture_output=True, text=True)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or ["no message"]
        return {"ok": False, "reason": f"worker failed: {tail[0]}"}
    return json.loads(proc.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worker", choices=SYSTEMS, required=True)
    parser.add_argument("--mode", choices=("spans", "time"), default="spans")
    parser.add_argument("--reps", type=int, default=1)
    args = parser.parse_args()
    json.dump(worker(args.worker, args.mode, args.reps), sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
