"""The Arabic stemmers that eval_stem.py compares, and how to reach them.

barq and the peers need not live in one environment: a stemmer is always called in a child
process, ``python benchmarks/stemmers.py --stem NAME`` (words as a JSON list on stdin, stems as
JSON on stdout), and the scripts try each interpreter they are given (their own first, then
every ``--peer-python``) until one has it. So barq can stay in the project's venv and NLTK and
tashaphyne in another one.

A stemmer that cannot be made (package missing, barq without ``Stemmer`` yet, a scheme barq does
not know) answers ``{"missing": reason}`` and shows as "not run" with that reason.
"""

from __future__ import annotations

import importlib.metadata
import json
import platform
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve()

StemOne = Callable[[str], str]


class Unavailable(Exception):
    """The stemmer cannot run in this interpreter (the message says why)."""


def barq_stemmer(scheme: str):
    """``barq.Stemmer(scheme=scheme)``; Unavailable when barq lacks it or the scheme."""
    try:
        import barq
    except ImportError as e:
        raise Unavailable(f"barq is not installed here ({e})") from e
    if not hasattr(barq, "Stemmer"):
        raise Unavailable(f"this barq ({getattr(barq, '__version__', '?')}) has no Stemmer yet")
    try:
        return barq.Stemmer(scheme=scheme)
    except (ValueError, TypeError) as e:
        raise Unavailable(f"barq.Stemmer(scheme={scheme!r}) failed: {e}") from e


def _barq(scheme: str) -> StemOne:
    return barq_stemmer(scheme).stem


def _isri() -> StemOne:
    from nltk.stem.isri import ISRIStemmer

    return ISRIStemmer().stem


def _arlstem() -> StemOne:
    from nltk.stem.arlstem import ARLSTem

    return ARLSTem().stem


def _arlstem2() -> StemOne:
    try:
        from nltk.stem.arlstem2 import ARLSTem2
    except ImportError as e:
        raise Unavailable(f"this NLTK has no ARLSTem2 ({e})") from e
    return ARLSTem2().stem


def _snowball() -> StemOne:
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("arabic").stem


def _tashaphyne() -> StemOne:
    from tashaphyne.stemming import ArabicLightStemmer

    # light_stem(word) segments the word and returns get_stem(): the stem, not the root.
    return ArabicLightStemmer().light_stem


def _identity() -> StemOne:
    return str


# name → (factory of a one-word function, package whose version is reported, the call)
STEMMERS: dict[str, tuple[Callable[[], StemOne], str, str]] = {
    'barq "barq"': (
        lambda: _barq("barq"),
        "barq",
        'barq.Stemmer(scheme="barq").stem(w): clitics off, light suffix strip kept only '
        "when the result is a known word",
    ),
    'barq "lucene"': (
        lambda: _barq("lucene"),
        "barq",
        'barq.Stemmer(scheme="lucene").stem(w): Lucene ArabicNormalizer + ArabicStemmer rules',
    ),
    "NLTK ISRI": (_isri, "nltk", "nltk.stem.isri.ISRIStemmer().stem(w) (root-based)"),
    "NLTK ARLSTem": (_arlstem, "nltk", "nltk.stem.arlstem.ARLSTem().stem(w)"),
    "NLTK ARLSTem2": (_arlstem2, "nltk", "nltk.stem.arlstem2.ARLSTem2().stem(w)"),
    "NLTK Snowball": (
        _snowball,
        "nltk",
        'nltk.stem.snowball.SnowballStemmer("arabic").stem(w)',
    ),
    "tashaphyne": (
        _tashaphyne,
        "Tashaphyne",
        "tashaphyne.stemming.ArabicLightStemmer().light_stem(w) (returns get_stem())",
    ),
    "no stemming": (_identity, "", "the word itself (baseline)"),
}


def version_of(package: str) -> str:
    if not package:
        return "Python " + platform.python_version()
    try:
        return f"{package} {importlib.metadata.version(package)}"
    except importlib.metadata.PackageNotFoundError:
        return f"{package} (not installed)"


def make(name: str) -> StemOne:
    """The one-word function of stemmer ``name``; Unavailable when it cannot run here."""
    try:
        return STEMMERS[name][0]()
    except ImportError as e:
        raise Unavailable(f"{STEMMERS[name][1]} is not installed here ({e})") from e


def _serve_stem(name: str) -> None:
    """Child side of stem_elsewhere: words on stdin, stems (or the reason) on stdout."""
    words = json.load(sys.stdin)
    try:
        stem = make(name)
    except Unavailable as e:
        json.dump({"missing": str(e)}, sys.stdout)
        return
    stems = [stem(w) for w in words]
    answer: dict[str, object] = {
        "stems": [s if isinstance(s, str) else w for s, w in zip(stems, words, strict=True)],
        "not_str": sum(not isinstance(s, str) for s in stems),
        "version": version_of(STEMMERS[name][1]),
        "python": sys.executable,
    }
    if name.startswith("barq "):
        # The batch path must give the same stems as the one-word path.
        stemmer = barq_stemmer(name.split('"')[1])
        if hasattr(stemmer, "stem_batch"):
            answer["batch_agrees"] = list(stemmer.stem_batch(words)) == stems
    json.dump(answer, sys.stdout, ensure_ascii=False)


def stem_elsewhere(name: str, words: list[str], pythons: list[str]) -> dict:
    """Stem ``words`` with stemmer ``name`` in the first interpreter of ``pythons`` that has
    it. Returns the child's answer: ``stems`` (one per word), ``version``, ``python``; or
    ``missing`` with every interpreter's reason."""
    reasons = []
    payload = json.dumps(words, ensure_ascii=False)
    for python in pythons:
        try:
            done = subprocess.run(
                [python, str(HERE), "--stem", name],
                input=payload,
                capture_output=True,
                text=True,
                encoding="utf-8",
                check=False,
            )
        except OSError as e:
            reasons.append(f"{python}: {e}")
            continue
        if done.returncode != 0:
            tail = done.stderr.strip().splitlines()[-1:] or ["no message"]
            reasons.append(f"{python}: exit {done.returncode}: {tail[0]}")
            continue
        answer = json.loads(done.stdout)
        if "missing" not in answer:
            return answer
        reasons.append(answer["missing"])
    return {"missing": "; ".join(dict.fromkeys(reasons))}


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--stem":
        _serve_stem(sys.argv[2])
    else:
        sys.exit("usage: stemmers.py --stem NAME  (words as a JSON list on stdin)")
