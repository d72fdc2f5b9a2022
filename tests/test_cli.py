"""The barq command line and the embedded default gazetteer."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import barq
import pytest


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "barq", *args], input=stdin, capture_output=True, timeout=120
    )


def test_default_gazetteer_finds_places_and_organisations():
    g = barq.Gazetteer.default()
    assert len(g) > 5000
    text = "زار وفد الأمم المتحدة دِمَشْقَ وبيروت ثم عاد إلى القاهرة"
    found = {m.text: m for m in g.find(text)}
    assert found["الأمم المتحدة"].label == "ORG"
    assert found["دِمَشْقَ"].label == "GPE"
    assert found["بيروت"].prefix == "و"
    assert "القاهرة" in found
    for m in g.find(text):
        assert text[m.start : m.end] == m.text
    # built once, then served from the compiled cache: a fresh equal copy each call
    assert barq.Gazetteer.default() == g


def test_annotate_stdin_jsonl():
    text = "وصل المبعوث إلى بغداد قادماً من عمّان"
    p = run("annotate", "-", "--no-progress", stdin=text.encode())
    assert p.returncode == 0, p.stderr
    record = json.loads(p.stdout)
    assert record["doc"] == "stdin:1"
    for m in record["matches"]:
        assert text[m["start"] : m["end"]] == m["text"]
    assert "بغداد" in [m["text"] for m in record["matches"]]


def test_annotate_jsonl_file_with_own_gazetteer_to_csv(tmp_path):
    gaz = tmp_path / "g.csv"
    gaz.write_text("term,label,id\nقسد,ORG,SDF\n", "utf-8")
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "a", "body": "قالت قسد"}, ensure_ascii=False) + "\n", "utf-8")
    out = tmp_path / "out.csv"
    p = run(
        "annotate",
        str(docs),
        "--field",
        "body",
        "--gazetteer",
        str(gaz),
        "--format",
        "csv",
        "-o",
        str(out),
    )
    assert p.returncode == 0, p.stderr
    lines = out.read_text("utf-8").splitlines()
    assert lines[0] == "doc,start,end,text,label,id,term"
    assert lines[1] == "a,5,8,قسد,ORG,SDF,قسد"


def test_normalize_txt_and_csv(tmp_path):
    p = run("normalize", "-", stdin="السَّلامُ عليكم\nأهلاً\n".encode())
    assert p.stdout.decode().splitlines() == ["السلام عليكم", "اهلا"]
    docs = tmp_path / "d.csv"
    docs.write_text("id,text\n1,مرحبـــا\n", "utf-8")
    p = run("normalize", str(docs), "--format", "jsonl", "--preset", "light")
    assert json.loads(p.stdout)["text"] == "مرحبـــا"


def test_transliterate_both_ways(tmp_path):
    p = run("transliterate", "-", stdin="كَتَبَ الدَّرْسَ\nشُكْرًا 😀\n".encode())
    assert p.returncode == 0, p.stderr
    assert p.stdout.decode().splitlines() == [
        "kataba Alda~rosa",
        "$ukorFA 😀",
    ]  # fatha typed before shadda
    p = run("transliterate", "-", "--scheme", "hsb", "--reverse", stdin="šukr ħ\n".encode())
    assert p.stdout.decode() == "شُكر ة\n"
    docs = tmp_path / "d.jsonl"
    docs.write_text(json.dumps({"text": "ذئب"}, ensure_ascii=False) + "\n", "utf-8")
    p = run("transliterate", str(docs), "--scheme", "safebw", "--format", "jsonl")
    assert json.loads(p.stdout) == {"doc": f"{docs}:1", "text": "VQb"}
    p = run("transliterate", "-", "--scheme", "latin", stdin=b"x\n")
    assert p.returncode == 2 and b"invalid choice" in p.stderr


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["annotate", "missing.txt"], b"", "no such file"),
        (["annotate", "-", "--input-format", "jsonl"], b'{"text": "x"\n', "line 1"),
        (["annotate", "-", "--input-format", "jsonl"], b'{"body": "x"}\n', "--field"),
        (["annotate", "-"], b"\xff\xfe\x00garbage", "not UTF-8"),
        (["normalize", "-"], "سطر سليم\n".encode() * 3000 + b"\xff\n", "after line "),
        (["normalize", "-", "--preset", "nope"], b"x", "unknown normalizer preset"),
    ],
)
def test_bad_input_is_one_line_and_nonzero(args, stdin, message):
    p = run(*args, stdin=stdin)
    assert p.returncode != 0
    err = p.stderr.decode()
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_skip_bad_reports_the_count():
    p = run(
        "annotate",
        "-",
        "--input-format",
        "jsonl",
        "--skip-bad",
        stdin='{"text": "دمشق"}\nnot json\n'.encode(),
    )
    assert p.returncode == 0
    assert "skipped 1" in p.stderr.decode()
    assert json.loads(p.stdout)["matches"][0]["text"] == "دمشق"


def test_tokenize_txt_and_jsonl():
    text = "زار الوفد دمشق في ٣٫٥ ساعات #سوريا 👍🏽"
    p = run("tokenize", "-", stdin=text.encode())
    assert p.returncode == 0, p.stderr
    assert p.stdout.decode().split() == barq.tokenize(text)
    p = run("tokenize", "-", "--format", "jsonl", "--preset", "search", stdin=text.encode())
    tokens = json.loads(p.stdout)["tokens"]
    for t in tokens:
        assert text[t["start"] : t["end"]] == t["text"]
    assert [t["kind"] for t in tokens][-2:] == ["hashtag", "emoji"]
    assert tokens[0]["norm"] == "زار"


def test_tokenize_with_clitics_gives_pieces_forms_and_roles():
    text = "وصل الوفد للعاصمة ومعه رسالتها"
    p = run("tokenize", "-", "--clitics", "atb", stdin=text.encode())
    assert p.returncode == 0, p.stderr
    assert p.stdout.decode().split() == barq.segment(text)
    p = run("tokenize", "-", "--clitics", "atb", "--format", "jsonl", stdin=text.encode())
    tokens = json.loads(p.stdout)["tokens"]
    got = [(t["text"], t["form"], t["role"]) for t in tokens]
    assert ("لعاصمة", "العاصمة", "stem") in got and ("ها", "ها", "enclitic") in got
    assert ("الوفد", "الوفد", None) in got
    p = run("tokenize", "-", "--clitics", "farasa", stdin=text.encode())
    assert p.returncode == 2 and b"atb" in p.stderr


def test_audit_lists_suspect_terms_first(tmp_path):
    gaz = tmp_path / "g.tsv"
    # a made-up town: the shipped lexicon has neither كتام nor بكتام, so the gate lets it through
    gaz.write_text("term\tlabel\tid\nكتام\tGPE\ttown\nدمشق\tGPE\tdam\n", "utf-8")
    docs = tmp_path / "docs.txt"
    docs.write_text("قال بكتام إن دمشق بعيدة\nودافع بكتام عن قراره\nرد بكتام\n", "utf-8")
    p = run("audit", str(docs), "--gazetteer", str(gaz), "--no-progress")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.decode().splitlines()
    header = lines[0].split("\t")
    assert header[:5] == ["term", "label", "id", "matches", "documents"]
    first = dict(zip(header, lines[1].split("\t"), strict=True))
    assert (first["term"], first["matches"], first["suspect"]) == ("كتام", "3", "True")
    assert first["reason"] == "mostly after a proclitic"
    p = run("audit", str(docs), "--gazetteer", str(gaz), "--suspect-only", "--format", "jsonl")
    assert [json.loads(x)["term"] for x in p.stdout.decode().splitlines()] == ["كتام"]


def test_audit_of_a_missing_gazetteer_is_one_line():
    p = run("audit", "-", "--gazetteer", "nowhere.csv", stdin="نص".encode())
    assert p.returncode == 2
    assert p.stderr.decode().strip() == "barq: nowhere.csv: no such gazetteer file"


def test_default_gazetteer_leaves_common_words_alone():
    g = barq.Gazetteer.default()
    for text in (
        "ارتفعت الأسعار عشرة في المائة خلال الشهر",
        "دخلت القوات مدينة كبيرة في الشمال",
        "أصدرت الولاية قرارا جديدا، وطلب الموظف بطاقة هوية",
        "أصدر المفتي فتوى جديدة",
    ):
        assert g.find(text) == [], text
    found = {m.text: m.id for m in g.find("قالت واشنطن إن قسد تحرس مخيم الهول قرب الحسكة")}
    assert found["واشنطن"] == "city:US:washington-dc"
    assert found["قسد"] == "org:sdf"
    assert found["مخيم الهول"] == "loc:al-hol-camp"


SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "sample_article.txt"


@pytest.mark.skipif(not SAMPLE.exists(), reason="the shared sample article is not beside the repo")
def test_default_gazetteer_on_the_sample_article():
    text = SAMPLE.read_text(encoding="utf-8")
    found = barq.Gazetteer.default().find(text)
    ids = {m.id for m in found}
    for wanted in (
        "org:islamic-state",
        "org:sdf",
        "org:white-house",
        "org:global-coalition-against-isis",
        "loc:al-hol-camp",
        "loc:al-tanf",
        "loc:syrian-desert",
        "city:US:washington-dc",
    ):
        assert wanted in ids, wanted
    assert all((m.meta or {}).get("en") not in ("Medina", "Huế") for m in found)
    assert all(text[m.start : m.end] == m.text for m in found)


def test_a_reader_that_stops_early_is_not_an_error(tmp_path):
    # `barq tokenize FILE | head -n 1`: the pipe closes while barq still writes
    line = "قال المتحدث إن الوفد وصل إلى دمشق صباحًا 🌍 ثم غادر.\n"
    source = tmp_path / "news.txt"
    source.write_text(line * 20000, encoding="utf-8")
    assert_quiet_when_the_reader_stops(["tokenize", str(source)])


def assert_quiet_when_the_reader_stops(args: list[str]) -> None:
    """Run `barq ARGS | head -n 1`: barq must end with status 0 and nothing on stderr."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "barq", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    with proc.stderr:
        assert proc.wait(timeout=300) == 0
        assert proc.stderr.read() == b""
    assert first


def test_stem_txt_jsonl_and_csv(tmp_path):
    text = "وصلت الطالبات إلى المدرسة #اليوم 3"
    p = run("stem", "-", stdin=f"{text}\nوالكتب\n".encode())
    assert p.returncode == 0, p.stderr
    lines = p.stdout.decode().splitlines()
    assert lines == [" ".join(barq.Stemmer().stems(text)), "كتب"]
    assert lines[0].split() == ["صلت", "طالب", "ال", "مدرس", "#اليوم", "3"]
    docs = tmp_path / "d.jsonl"
    docs.write_text(json.dumps({"id": "n1", "text": "بالقلم"}, ensure_ascii=False) + "\n", "utf-8")
    p = run("stem", str(docs), "--format", "jsonl", "--scheme", "lucene")
    assert json.loads(p.stdout) == {"doc": "n1", "stems": ["قلم"]}
    out = tmp_path / "out.csv"
    p = run("stem", "-", "--format", "csv", "-o", str(out), stdin="كتابها جميل\n".encode())
    assert p.returncode == 0, p.stderr
    assert out.read_text("utf-8").splitlines() == ["doc,stems", "stdin:1,كتاب جميل"]
    p = run("stem", "-", "--scheme", "isri", stdin=b"x\n")
    assert p.returncode == 2 and b"invalid choice" in p.stderr


# ---- the command line under stress: closed pipes, Ctrl-C, large inputs, bad lines ----------

NEWS = [
    "قال المتحدث إن الوفد وصل إلى دمشق صباحًا 🌍 ثم غادر إلى بيروت",
    "أعلنت وزارة الصحة في بغداد عن افتتاح مستشفى جديد #صحة",
    "سجّل الفريق ثلاثة أهداف في المباراة الأخيرة أمام جمهوره",
    "ارتفعت درجات الحرارة في القاهرة إلى ٤٢ درجة يوم الأحد",
]


def write_jsonl(path: Path, megabytes: float) -> int:
    """A JSONL file of about `megabytes` MB of news-like records; returns its line count."""
    n, size, target = 0, 0, int(megabytes * 1024 * 1024)
    with path.open("w", encoding="utf-8") as f:
        while size < target:
            text = "، ".join(NEWS[(n + k) % len(NEWS)] for k in range(1 + n % 5))
            line = json.dumps({"id": n, "text": text}, ensure_ascii=False) + "\n"
            f.write(line)
            size += len(line.encode())
            n += 1
    return n


EVERY_SUBCOMMAND = ["annotate", "audit", "normalize", "tokenize", "stem", "transliterate"]


@pytest.mark.parametrize("command", EVERY_SUBCOMMAND)
def test_every_subcommand_ends_quietly_when_the_reader_stops(tmp_path, command):
    # `barq COMMAND FILE | head -n 1`: the pipe closes while barq still has lines to write
    source = tmp_path / "news.jsonl"
    write_jsonl(source, 0.8)
    assert_quiet_when_the_reader_stops([command, str(source), "--no-progress"])


def test_ctrl_c_stops_with_status_130_and_no_traceback(tmp_path):
    source = tmp_path / "news.jsonl"
    write_jsonl(source, 30)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "barq", "annotate", str(source), "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    deadline = time.monotonic() + 120
    while not (out.exists() and out.stat().st_size > 0):  # barq is inside its loop
        assert proc.poll() is None, "barq ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    with proc.stderr:
        assert proc.wait(timeout=60) == 130
        err = proc.stderr.read().decode()
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 1
    assert out.stat().st_size < source.stat().st_size  # stopped long before the end


PEAK_RSS = """
import resource, sys
from barq.cli import main
status = main(sys.argv[1:])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux
sys.exit(status)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux only")
@pytest.mark.parametrize(("command", "megabytes"), [("normalize", 50), ("annotate", 15)])
def test_a_large_jsonl_file_streams_in_bounded_memory(tmp_path, command, megabytes):
    def peak_mib(path: Path) -> float:
        args = [command, str(path), "--format", "jsonl", "-o", os.devnull, "--no-progress"]
        p = subprocess.run(
            [sys.executable, "-c", PEAK_RSS, *args], capture_output=True, timeout=600
        )
        assert p.returncode == 0, p.stderr
        return int(p.stdout) / 1024

    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    write_jsonl(small, 1)
    write_jsonl(large, megabytes)
    # holding the large file (or its output) in memory would add at least its size in MB
    assert peak_mib(large) < peak_mib(small) + 15


@pytest.mark.parametrize("command", EVERY_SUBCOMMAND)
def test_skip_bad_says_how_many_lines_it_skipped_for_every_subcommand(command):
    lines = ['{"text": "دمشق"}', "not json", '{"body": "no text field"}', "[1, 2]", ""]
    stdin = "\n".join(lines).encode()
    p = run(command, "-", "--input-format", "jsonl", "--skip-bad", stdin=stdin)
    assert p.returncode == 0, p.stderr
    assert p.stderr.decode().strip().splitlines() == ["barq: skipped 3 bad line(s)"]
    assert p.stdout  # the good line was processed
    p = run(command, "-", "--input-format", "jsonl", stdin=stdin)
    assert p.returncode == 2 and b"line 2" in p.stderr
