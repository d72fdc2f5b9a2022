"""barq.Stemmer and barq.stem: the Lucene scheme, batches (Arrow too), pickling, errors.

The expected stems are worked out by hand from the rules of Lucene's ArabicNormalizer and
ArabicStemmer (every rule and length boundary is covered by the Rust tests of src/stem); the
comparison with Lucene itself at the end runs where Java and the Lucene jars are installed.
"""

from __future__ import annotations

import gzip
import json
import os
import pickle
import random
import shutil
import subprocess
from pathlib import Path

import barq
import pandas as pd
import pyarrow as pa
import pytest
from barq import Stemmer, stem
from hypothesis import given, settings
from hypothesis import strategies as st

# (word, its Lucene stem)
CASES = [
    # normalization alone: the word keeps its length but not its letters
    ("أحمد", "احمد"),
    ("آمال", "امال"),
    ("مستشفى", "مستشف"),
    ("جميـــلة", "جميل"),
    ("الْمَدْرَسَةُ", "مدرس"),
    # each prefix
    ("الطالبات", "طالب"),
    ("والمعلمون", "معلم"),
    ("بالقاهرة", "قاهر"),
    ("كالأسد", "اسد"),
    ("فالحياة", "حيا"),
    ("للطلاب", "طلاب"),
    ("وكتب", "كتب"),
    # each suffix (ية and ة are heh after normalization)
    ("كتابها", "كتاب"),
    ("كتابان", "كتاب"),
    ("مدرسين", "مدرس"),
    ("عربيه", "عرب"),
    ("عربية", "عرب"),
    ("سيارتي", "سيارت"),
    ("سياراتها", "سيار"),
    # too short to lose anything, or nothing to lose
    ("في", "في"),
    ("وبر", "وبر"),
    ("بيروت", "بيروت"),
    # the rules know no words
    ("والد", "الد"),
    ("بكين", "بك"),
    ("إلى", "ال"),
    # Java counts an emoji as two units: و + 😀 + ب is long enough to lose و
    ("و😀ب", "😀ب"),
    ("كتابه😀", "كتابه😀"),
    # other scripts pass through
    ("hello", "hello"),
    ("café", "café"),
    ("COVID-19", "COVID-19"),
    ("", ""),
]


@pytest.mark.parametrize(("word", "expected"), CASES)
def test_lucene_stems(word, expected):
    assert stem(word) == expected
    assert Stemmer().stem(word) == expected
    assert Stemmer("lucene")(word) == expected


def test_a_sentence_with_diacritics_and_tatweel():
    text = "وَصَلَتِ الطّالِباتُ إلى المَدْرَسَـــةِ بِالسَّيّاراتِ."
    assert Stemmer().stems(text) == ["صلت", "طالب", "ال", "مدرس", "سيار", "."]


def test_stems_align_with_the_tokens():
    text = "زارت الوفود #بيروت_اليوم في 3 أيام 👍🏽 https://example.com/الأخبار"
    tokens = barq.Tokenizer().tokenize(text)
    stems = Stemmer().stems(text)
    assert len(stems) == len(tokens)
    for token, s in zip(tokens, stems, strict=True):
        assert s == (stem(token.text) if token.kind == "word" else token.text)
    assert stems[1] == "وفود"
    assert Stemmer().stems("") == [] and Stemmer().stems(" \n\t") == []


def test_a_word_that_is_its_own_stem_comes_back_as_itself():
    words = ["hello", "café", "بيروت", "كتب😀"]
    for word in words:
        assert Stemmer().stem(word) is word
    assert all(s is w for s, w in zip(Stemmer().stem_batch(words), words, strict=True))


def test_the_function_caches_one_stemmer_per_scheme():
    assert barq._cached_stemmer("lucene") is barq._cached_stemmer("lucene")
    assert stem("والكتب", scheme="lucene") == "كتب"


def test_batch_equals_the_loop_and_keeps_missing_values():
    words = [w for w, _ in CASES] + [None, float("nan"), pd.NA]
    out = Stemmer().stem_batch(words)
    assert out[: len(CASES)] == [s for _, s in CASES]
    assert out[len(CASES) :] == [None, None, None]
    assert Stemmer().stem_batch(iter(["بالقلم", None])) == ["قلم", None]
    assert Stemmer().stem_batch(("بالقلم",), threads=1) == ["قلم"]
    assert Stemmer().stem_batch([]) == []


def test_stems_batch_equals_the_loop():
    texts = ["وصلت السيارات إلى المدينة", None, "", "كتبها بالقلم 2025!"]
    out = Stemmer().stems_batch(texts, threads=2)
    assert out == [None if t is None else Stemmer().stems(t) for t in texts]


@pytest.mark.parametrize("arrow_type", [pa.string(), pa.large_string(), pa.string_view()])
def test_arrow_in_arrow_out(arrow_type):
    words = ["والمكتبات", None, "hello", "أحمد"]
    array = pa.array(words, type=arrow_type)
    out = Stemmer().stem_batch(array)
    assert isinstance(out, pa.Array) and out.type == arrow_type
    assert out.to_pylist() == ["مكتب", None, "hello", "احمد"]
    chunked = Stemmer().stem_batch(pa.chunked_array([array, array]))
    assert isinstance(chunked, pa.ChunkedArray) and chunked.type == arrow_type
    assert chunked.to_pylist() == out.to_pylist() * 2
    assert Stemmer().stem_batch(array, arrow=False) == out.to_pylist()


def test_arrow_for_a_list_and_for_stems():
    out = Stemmer().stem_batch(["بالقلم", None], arrow=True)
    assert out.type == pa.large_string() and out.to_pylist() == ["قلم", None]
    texts = pa.array(["زرنا المدينة", None])
    stems = Stemmer().stems_batch(texts)
    assert stems.type == pa.list_(pa.large_string())
    assert stems.to_pylist() == [["زرنا", "مدين"], None]
    assert Stemmer().stems_batch(texts, arrow=False) == [["زرنا", "مدين"], None]


def test_arrow_backed_series_keep_index_name_and_dtype():
    s = pd.Series(["بالقلم", None, "كتابها"], index=[10, 20, 30], name="w", dtype="string[pyarrow]")
    out = Stemmer().stem_batch(s)
    assert isinstance(out, pd.Series)
    assert out.dtype == s.dtype and out.name == "w" and list(out.index) == [10, 20, 30]
    assert out.tolist()[0] == "قلم" and pd.isna(out.tolist()[1]) and out.tolist()[2] == "كتاب"


def test_pandas_accessor_aligns_with_tokenize():
    import barq.pandas  # noqa: F401

    s = pd.Series(["وصلت السيارات", None, "الكتب 3"], index=list("abc"), name="t", dtype=object)
    out = s.barq.stem()
    assert out.name == "t" and list(out.index) == list("abc")
    assert out["a"] == ["صلت", "سيار"] and out["b"] is None and out["c"] == ["كتب", "3"]
    words = s.barq.tokenize()
    for text, stems, tokens in zip(s, out, words, strict=True):
        if text is None:
            continue
        assert len(stems) == len(tokens)
    assert s.barq.stem(progress=False, threads=1).tolist() == out.tolist()
    arrow_backed = s.astype("string[pyarrow]").barq.stem()
    assert str(arrow_backed.dtype) == "list<item: large_string>[pyarrow]"
    assert list(arrow_backed["a"]) == ["صلت", "سيار"]
    with pytest.raises(ValueError, match="'lucene'"):
        s.barq.stem("isri")


def test_pickle_equality_hash_repr():
    stemmer = Stemmer()
    assert pickle.loads(pickle.dumps(stemmer)) == stemmer
    assert stemmer == Stemmer("lucene") and hash(stemmer) == hash(Stemmer("lucene"))
    assert stemmer != "lucene"
    assert repr(stemmer) == "Stemmer(scheme='lucene')"
    assert eval(repr(stemmer), {"Stemmer": Stemmer}) == stemmer
    assert stemmer.scheme == "lucene" and Stemmer.schemes() == ["lucene", "barq"]
    assert len({Stemmer(), Stemmer()}) == 1


def test_errors():
    with pytest.raises(
        ValueError, match=r"unknown stemming scheme 'isri'; valid schemes are: 'lucene', 'barq'"
    ):
        Stemmer("isri")
    with pytest.raises(ValueError, match="'lucene'"):
        stem("كتب", scheme="snowball")
    with pytest.raises(TypeError, match="scheme must be str, not int"):
        Stemmer(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="scheme must be str, not list"):
        stem("كتب", scheme=["lucene"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="word must be str, not bytes"):
        Stemmer().stem(b"x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text must be str, not NoneType"):
        Stemmer().stems(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="lone surrogate at position 2"):
        stem("كت\ud800ب")
    with pytest.raises(ValueError, match=r"texts\[1\] has a lone surrogate at position 1"):
        Stemmer().stem_batch(["كتب", "ك\ud800"])
    with pytest.raises(ValueError, match=r"texts\[0\] has a lone surrogate at position 2"):
        Stemmer().stem_batch(["😀ك\udfff"])
    with pytest.raises(TypeError, match=r"texts\[1\] must be str or None, not int"):
        Stemmer().stem_batch(["كتب", 5])
    with pytest.raises(TypeError, match="not a single str"):
        Stemmer().stem_batch("كتب")
    with pytest.raises(ValueError, match="threads"):
        Stemmer().stem_batch(["كتب"], threads=0)
    with pytest.raises(TypeError, match="int64"):
        Stemmer().stem_batch(pa.array([1, 2]))


WORDS = st.text(
    alphabet=st.one_of(
        st.sampled_from("اأإآٱىيةهوالبكفلنتمسـ\u064b\u064e\u0650\u0651\u0652\u0670 😀a"),
        st.characters(exclude_categories=("Cs",)),
    ),
    max_size=12,
)


@given(st.lists(st.one_of(WORDS, st.none()), max_size=30))
def test_batch_is_the_loop(words):
    stemmer = Stemmer()
    expected = [None if w is None else stem(w) for w in words]
    assert stemmer.stem_batch(words) == expected
    assert stemmer.stem_batch(words, threads=2) == expected
    assert stemmer.stem_batch(pa.array(words, type=pa.large_string())).to_pylist() == expected


@given(st.text(max_size=60).filter(lambda t: not any("\ud800" <= c <= "\udfff" for c in t)))
def test_stems_align_with_words(text):
    assert len(Stemmer().stems(text)) == len(barq.tokenize(text))


# --- Lucene itself -----------------------------------------------------------------------------

LUCENE_MAIN = """
import java.io.*;
import java.nio.charset.StandardCharsets;
import org.apache.lucene.analysis.*;
import org.apache.lucene.analysis.ar.*;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Each line of stdin as one token through arabic_normalization + arabic_stem. */
public class BarqLuceneStem {
  public static void main(String[] args) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, "UTF-8");
    for (String line; (line = in.readLine()) != null; ) {
      Tokenizer words = new KeywordTokenizer();
      words.setReader(new StringReader(line));
      TokenStream stems = new ArabicStemFilter(new ArabicNormalizationFilter(words));
      CharTermAttribute term = stems.addAttribute(CharTermAttribute.class);
      stems.reset();
      out.println(stems.incrementToken() ? term.toString() : "");
      stems.end();
      stems.close();
    }
    out.flush();
  }
}
"""


def _lucene_classpath() -> str | None:
    """The jars of Lucene's core and Arabic analysis: ``BARQ_LUCENE_CLASSPATH``, or the ones
    Debian's liblucene8-java installs."""
    if os.environ.get("BARQ_LUCENE_CLASSPATH"):
        return os.environ["BARQ_LUCENE_CLASSPATH"]
    java = Path("/usr/share/java")
    core = sorted(java.glob("lucene-core-*.jar"))
    analysis = sorted(java.glob("lucene-analyzers-common-*.jar")) or sorted(
        java.glob("lucene-analysis-common-*.jar")
    )
    if not core or not analysis:
        return None
    return os.pathsep.join([str(core[-1]), str(analysis[-1])])


@pytest.fixture(scope="module")
def lucene(tmp_path_factory):
    """Stem words with Lucene itself (compiled once), or skip."""
    classpath = _lucene_classpath()
    if classpath is None or not shutil.which("java") or not shutil.which("javac"):
        pytest.skip("needs java, javac and the Lucene jars (BARQ_LUCENE_CLASSPATH) to compare")
    folder = tmp_path_factory.mktemp("lucene")
    (folder / "BarqLuceneStem.java").write_text(LUCENE_MAIN, "utf-8")
    subprocess.run(["javac", "-cp", classpath, "BarqLuceneStem.java"], cwd=folder, check=True)
    classpath = os.pathsep.join([classpath, str(folder)])

    def run(words: list[str]) -> list[str]:
        assert all(w == w.strip() and "\n" not in w and "\r" not in w for w in words)
        out = subprocess.run(
            ["java", "-cp", classpath, "BarqLuceneStem"],
            input="".join(w + "\n" for w in words).encode(),
            capture_output=True,
            check=True,
            timeout=300,
        )
        return out.stdout.decode("utf-8").split("\n")[: len(words)]

    return run


def _random_words(n: int) -> list[str]:
    """``n`` different strings over the letters, marks and lengths the rules look at, and a
    few others (an emoji and a letter outside the BMP count twice in Java's lengths)."""
    rng = random.Random(13)
    alphabet = list("اأإآٱىيةهوالبكفلنتمسرعد") + [chr(c) for c in range(0x064B, 0x0656)]
    alphabet += ["\u0640", "\u0670", "ء", "ؤ", "ئ", "x", "7", "😀", "𝐀", "_"]
    words: set[str] = set()
    while len(words) < n:
        word = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9)))
        if word.strip() == word:
            words.add(word)
    return sorted(words)


def test_identical_to_lucene(lucene):
    words = [w for w, _ in CASES if w] + _random_words(30000)
    ours = Stemmer().stem_batch(words)
    theirs = lucene(words)
    differ = [(w, o, t) for w, o, t in zip(words, ours, theirs, strict=True) if o != t]
    assert differ == [], f"{len(differ)} of {len(words)} words differ, e.g. {differ[:5]}"


def test_news_identical_to_lucene(lucene):
    path = Path(__file__).resolve().parents[2] / "shared/data/news/news_ant_v2_multisource.jsonl.gz"
    if not path.exists():
        pytest.skip(f"the shared news corpus is not at {path}")
    words: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n == 2000:
                break
            words.update(barq.tokenize(json.loads(line)["text"]))
    tokens = sorted(words)
    ours = Stemmer().stem_batch(tokens)
    theirs = lucene(tokens)
    differ = [(w, o, t) for w, o, t in zip(tokens, ours, theirs, strict=True) if o != t]
    assert differ == [], f"{len(differ)} of {len(tokens)} tokens differ, e.g. {differ[:5]}"


# ---------------------------------------------------------------------------------------------
# The "barq" scheme: clitics, article and a light suffix, onto known words
# ---------------------------------------------------------------------------------------------

BARQ = Stemmer("barq")


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("الحكومة", "حكومة"),
        ("للحكومة", "حكومة"),
        ("وَالحكومةُ", "حكومة"),
        ("حكومتها", "حكومة"),
        ("الحكومات", "حكومة"),
        ("بالسيارات", "سيار"),  # سيار is a word; the plural and the singular meet
        ("ترشيحات", "ترشيح"),
        ("المعلمون", "معلم"),
        ("مدرستها", "مدرس"),
        ("الجديدة", "جديد"),
        ("أعلنوا", "أعلن"),
        ("أعلنت", "أعلن"),
        ("بيت", "بيت"),
        ("عليه", "على"),
        ("سيقولون", "يقولون"),
        # words that only look affixed stay what they are
        ("بيروت", "بيروت"),
        ("وبيروت", "بيروت"),
        ("لندن", "لندن"),
        ("بكين", "بكين"),
        ("كندا", "كندا"),
        ("لبنان", "لبنان"),
        ("فلسطين", "فلسطين"),
        ("والد", "والد"),
        ("فيما", "فيما"),
        ("الذي", "الذي"),
        ("Reuters", "reuters"),  # Latin is lowercased, as in the lexicon's forms
    ],
)
def test_barq_scheme_stems_onto_known_words(word, stem):
    assert BARQ.stem(word) == stem
    assert barq.stem(word, scheme="barq") == stem


def test_barq_scheme_batch_arrow_pickle_and_its_lexicon():
    words = ["للحكومة", None, "سياراتهم", "بيروت", "", "😀"]
    loop = [None if w is None else BARQ.stem(w) for w in words]
    assert BARQ.stem_batch(words) == loop
    assert BARQ.stem_batch(pa.array(words)).to_pylist() == loop
    assert BARQ.stems("وقالت الحكومة إن سياراتها وصلت") == ["قال", "حكومة", "إن", "سيار", "وصل"]
    # the shipped lexicon travels by reference
    assert len(pickle.dumps(BARQ)) < 200 and pickle.loads(pickle.dumps(BARQ)) == BARQ
    assert BARQ.lexicon == barq.Lexicon.default() and Stemmer("lucene").lexicon is None
    own = Stemmer("barq", lexicon=barq.Lexicon.from_texts(["حكومة حكومة"]))
    assert own != BARQ and pickle.loads(pickle.dumps(own)) == own
    assert own.stem("حكومتها") == "حكومة"  # حكومة is a word this lexicon knows
    assert Stemmer("barq", lexicon=barq.Lexicon()).stem("حكومتها") == "حكومتها"  # none known
    with pytest.raises(TypeError, match="lexicon must be a barq.Lexicon"):
        Stemmer("barq", lexicon="words")  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="وفبلكساليتةهانمرحكد\u064e\u0640 ", max_size=12), max_size=20))
def test_barq_scheme_batch_equals_the_loop(words):
    assert BARQ.stem_batch(words, threads=2) == [BARQ.stem(w) for w in words]
