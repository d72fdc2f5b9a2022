//! Integration tests of the gazetteer through the crate's public API: the golden cases shared
//! with the Python tests (`tests/data/gazetteer.json`), then what the table cannot express:
//! saving and loading, corrupt bytes, `contains`, `entries_named`, `set_disabled`.

use _barq::gazetteer::{Config, Entry, Gazetteer, Match};
use _barq::{Lexicon, Normalizer, Options};
use serde_json::{json, Value};
use std::sync::Arc;

const CASES: &str = include_str!("data/gazetteer.json");

fn cases() -> Vec<Value> {
    let all: Value = serde_json::from_str(CASES).expect("gazetteer.json is JSON");
    all["cases"].as_array().expect("a list of cases").clone()
}

/// The normalizer of a case's options: a preset name, or option switches on top of the
/// default options (as `barq.Normalizer(**switches)`).
fn case_normalizer(options: &Value) -> Option<Normalizer> {
    match &options["normalizer"] {
        Value::Null => None,
        Value::String(name) => Some(Normalizer::preset(name).expect("a known preset")),
        Value::Object(switches) => {
            let mut o = Options::default();
            for (name, on) in switches {
                o.set(name, on.as_bool().expect("a bool"))
                    .expect("a known option");
            }
            Some(Normalizer::new(o))
        }
        other => panic!("bad normalizer {other}"),
    }
}

/// A lexicon in which each written form occurs as often as the case says.
fn case_lexicon(counts: &Value) -> Option<Arc<Lexicon>> {
    let counts = counts.as_object()?;
    let texts: Vec<&str> = counts
        .iter()
        .flat_map(|(word, n)| std::iter::repeat_n(word.as_str(), n.as_u64().unwrap() as usize))
        .collect();
    Some(Arc::new(Lexicon::from_texts(texts, Some(1)).unwrap()))
}

fn case_entry(e: &Value) -> Entry {
    let term = e["term"].as_str().unwrap().to_string();
    let flag = |name: &str| e[name].as_bool().unwrap_or(false);
    Entry {
        label: e["label"].as_str().map(str::to_string),
        id: e["id"].as_str().unwrap_or(&term).to_string(),
        meta: e.get("meta").map(Value::to_string),
        exact: flag("exact"),
        ignore: flag("ignore"),
        term,
    }
}

fn case_gazetteer(case: &Value) -> Gazetteer {
    let options = &case["options"];
    let bool_or = |name: &str, default: bool| options[name].as_bool().unwrap_or(default);
    let defaults = Config::default();
    let config = Config {
        clitics: bool_or("clitics", defaults.clitics),
        overlapping: bool_or("overlapping", defaults.overlapping),
        case_sensitive: bool_or("case_sensitive", defaults.case_sensitive),
    };
    let stopwords: Vec<String> = options["stopwords"]
        .as_array()
        .map(|words| {
            words
                .iter()
                .map(|w| w.as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default();
    let mut g = Gazetteer::with_stopwords(case_normalizer(options), config, stopwords);
    for e in case["entries"].as_array().unwrap() {
        assert!(g.add(case_entry(e)).unwrap(), "entry {e} added twice");
    }
    g.set_lexicon(case_lexicon(&case["lexicon"]));
    g
}

/// The code points `start..end` of `text`.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// A match as the golden file writes it, after checking its offsets against the text.
fn as_json(g: &Gazetteer, text: &str, m: &Match) -> Value {
    // byte and code-point offsets agree
    assert_eq!(m.start_char, text[..m.start].chars().count());
    assert_eq!(m.end_char, text[..m.end].chars().count());
    assert_eq!(m.word_start_char, text[..m.word_start].chars().count());
    let surface = &text[m.start..m.end];
    assert_eq!(slice(text, m.start_char, m.end_char), surface);
    let entry = g.entry(m.entry);
    let mut out = json!({
        "start": m.start_char,
        "end": m.end_char,
        "text": surface,
        "prefix": &text[m.word_start..m.start],
        "label": entry.label,
        "id": entry.id,
        "variant": if m.exact { "exact" } else { "folded" },
    });
    if let Some(meta) = &entry.meta {
        out["meta"] = serde_json::from_str(meta).unwrap();
    }
    out
}

#[test]
fn golden_cases() {
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut names = std::collections::HashSet::new();
    let mut failed = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        assert!(names.insert(name), "two cases named {name:?}");
        let text = case["text"].as_str().unwrap();
        let g = case_gazetteer(case);
        let got: Vec<Value> = g.find(text).iter().map(|m| as_json(&g, text, m)).collect();
        let want = case["matches"].as_array().unwrap();
        for m in want {
            let (start, end) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
            assert_eq!(
                slice(text, start as usize, end as usize),
                m["text"].as_str().unwrap(),
                "case {name:?}: the expected text is not text[start:end]"
            );
        }
        if &got != want {
            failed.push(format!(
                "case {name:?}\n  got:  {}\n  want: {}",
                Value::from(got),
                Value::from(want.clone())
            ));
        }
        // a saved and loaded copy matches alike
        let loaded = Gazetteer::from_bytes(&g.to_bytes()).unwrap();
        assert_eq!(loaded.find(text), g.find(text), "case {name:?}: from_bytes");
        // and so does a mapped one
        let path = std::env::temp_dir().join(format!(
            "barq-golden-{}-{}.gaz",
            std::process::id(),
            names.len()
        ));
        std::fs::write(&path, g.to_bytes()).unwrap();
        let mapped = Gazetteer::map(&path).unwrap();
        assert_eq!(mapped.find(text), g.find(text), "case {name:?}: map");
        assert!(mapped == g, "case {name:?}: map");
        std::fs::remove_file(&path).unwrap();
        // find_into appends after what is there
        let mut appended = g.find("دمشق");
        let before = appended.len();
        g.find_into(text, &mut appended);
        assert_eq!(appended[before..], g.find(text), "case {name:?}");
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn golden_cases_cover_the_options() {
    let cases = cases();
    let has = |f: &dyn Fn(&Value) -> bool| cases.iter().any(f);
    for name in [
        "clitics",
        "overlapping",
        "case_sensitive",
        "normalizer",
        "stopwords",
    ] {
        assert!(
            has(&|c| !c["options"][name].is_null()),
            "no case sets {name}"
        );
    }
    for flag in ["exact", "ignore", "meta"] {
        assert!(
            has(&|c| c["entries"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e.get(flag).is_some())),
            "no case has an entry with {flag}"
        );
    }
    assert!(has(&|c| c.get("lexicon").is_some()));
    for variant in ["exact", "folded"] {
        assert!(has(&|c| c["matches"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["variant"] == variant)));
    }
}

fn entry(term: &str, label: &str, id: &str) -> Entry {
    let mut e = Entry::new(term);
    e.label = Some(label.to_string());
    e.id = id.to_string();
    e
}

/// A gazetteer with a bit of everything: aliases, an exact entry, an ignored one, meta.
fn sample() -> Gazetteer {
    let mut g = Gazetteer::new(None, Config::default());
    for (term, label, id) in [
        ("قوات سوريا الديمقراطية", "ORG", "sdf"),
        ("قسد", "ORG", "sdf"),
        ("دمشق", "GPE", "dam"),
        ("الشام", "GPE", "dam"),
        ("القاهرة", "GPE", "cairo"),
        ("الحكومة", "ORG", "gov"),
    ] {
        g.add(entry(term, label, id)).unwrap();
    }
    g.add(Entry {
        exact: true,
        ..entry("أمل", "PER", "amal")
    })
    .unwrap();
    g.add(Entry {
        ignore: true,
        ..entry("الرباط الصليبي", "X", "ligament")
    })
    .unwrap();
    g.add(Entry {
        meta: Some(r#"{"wikidata":"Q-made-up"}"#.to_string()),
        ..entry("الرباط", "GPE", "rabat")
    })
    .unwrap();
    g
}

const SAMPLE_TEXT: &str = "قالت قسد إن وقوات سوريا الديمقراطية دخلت بالقاهرة، وأرسلت للحكومة \
                           في الشام ودِمَشْقَ رسالة من أمل وامل؛ وأصيب في الرباط الصليبي بالرباط";

#[test]
fn saved_and_loaded_gazetteers_match_alike() {
    let mut g = sample();
    let lexicon: Lexicon =
        Lexicon::from_texts(["زاد الإنتاج في المائة", "وصل الوفد بدمشق"], None).unwrap();
    g.set_lexicon(Some(Arc::new(lexicon)));
    g.set_disabled(&g.entries_named("الشام"), true).unwrap();
    let found = g.find(SAMPLE_TEXT);
    assert_eq!(
        found
            .iter()
            .map(|m| &*g.entry(m.entry).id)
            .collect::<Vec<_>>(),
        ["sdf", "sdf", "cairo", "gov", "dam", "amal", "rabat"]
    );
    let bytes = g.to_bytes();
    let loaded = Gazetteer::from_bytes(&bytes).unwrap();
    assert_eq!(loaded.find(SAMPLE_TEXT), found);
    assert_eq!(loaded.len(), g.len());
    assert!(loaded.entries().eq(g.entries()));
    assert_eq!(loaded.config(), g.config());
    assert_eq!(loaded.normalizer(), g.normalizer());
    assert_eq!(loaded.lexicon(), g.lexicon());
    assert!(loaded.is_disabled(3) && !loaded.is_disabled(2));
    // and saving again gives the same bytes
    assert_eq!(loaded.to_bytes(), bytes);
}

#[test]
fn corrupt_bytes_are_errors_not_panics() {
    let bytes = sample().to_bytes();
    let mut bad: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"PK\x03\x04 not a gazetteer".to_vec(),
        bytes[..bytes.len() - 1].to_vec(),
        bytes[..bytes.len() / 2].to_vec(),
        bytes[..8].to_vec(),
    ];
    // one flipped bit anywhere: a sample of positions, the header and the end included
    for at in (0..bytes.len())
        .step_by(bytes.len() / 50 + 1)
        .chain([bytes.len() - 1])
    {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x10;
        bad.push(flipped);
    }
    for b in &bad {
        let result = std::panic::catch_unwind(|| Gazetteer::from_bytes(b));
        let result = result.expect("from_bytes does not panic");
        assert!(result.is_err(), "{} bytes were read", b.len());
    }
    let error = Gazetteer::from_bytes(&bytes[..bytes.len() - 1]).unwrap_err();
    assert!(!error.message().is_empty());
}

#[test]
fn contains_normalizes_the_term() {
    let g = sample();
    assert!(g.contains("القاهرة"));
    assert!(g.contains("القاهره")); // ة folds to ه
    assert!(g.contains("قوات  سوريا الدِّيمقراطية"));
    assert!(g.contains("الرباط الصليبي")); // an ignored entry is still an entry
    assert!(!g.contains("قاهرة"));
    assert!(!g.contains("قوات سوريا"));
    assert!(!g.contains(""));
    assert!(!g.contains("\u{064E}"));
}

#[test]
fn entries_named_prefers_the_term_as_added() {
    let mut g = sample();
    g.add(entry("القاهره", "GPE", "cairo-h")).unwrap();
    assert_eq!(g.entries_named("دمشق"), [2]);
    // both القاهرة and القاهره were added: each names its own entry
    assert_eq!(g.entries_named("القاهرة"), [4]);
    assert_eq!(g.entries_named("القاهره"), [9]);
    // a spelling that was not added names every entry that normalizes like it
    assert_eq!(g.entries_named("القاهِرَة"), [4, 9]);
    assert_eq!(g.entries_named("حلب"), Vec::<u32>::new());
    assert_eq!(g.entries_named(""), Vec::<u32>::new());
}

#[test]
fn set_disabled_switches_entries_off_and_on() {
    let mut g = sample();
    let text = "من الشام إلى دمشق";
    let ids = |g: &Gazetteer| -> Vec<String> {
        g.find(text)
            .iter()
            .map(|m| g.entry(m.entry).term.clone())
            .collect()
    };
    assert_eq!(ids(&g), ["الشام", "دمشق"]);
    g.set_disabled(&g.entries_named("دمشق"), true).unwrap();
    assert!(g.is_disabled(2));
    assert_eq!(ids(&g), ["الشام"]);
    assert_eq!(g.len(), 9); // kept, never matched
    assert!(g.contains("دمشق"));
    g.set_disabled(&[2], false).unwrap();
    assert_eq!(ids(&g), ["الشام", "دمشق"]);
    // a bad index is an error and changes nothing
    let error = g.set_disabled(&[3, 99], true).unwrap_err();
    assert!(error.message().contains("99"), "{error}");
    assert!(!g.is_disabled(3));
    assert_eq!(ids(&g), ["الشام", "دمشق"]);
}

#[test]
fn bad_terms_are_errors() {
    let mut g = Gazetteer::new(None, Config::default());
    for term in ["", "   ", "\u{064E}\u{0651}", "ـــ", "«»"] {
        assert!(g.add(entry(term, "X", "x")).is_err(), "{term:?}");
    }
    assert!(g.is_empty());
    assert!(g.find("دمشق").is_empty());
}

#[test]
fn entries_get_their_term_as_id_by_default() {
    let e = Entry::new("مجلس الأمن");
    assert_eq!(e.id, "مجلس الأمن");
    assert_eq!(
        (e.label, e.meta, e.exact, e.ignore),
        (None, None, false, false)
    );
}

#[test]
fn equal_gazetteers_match_alike() {
    let a = sample();
    let mut b = Gazetteer::from_bytes(&a.to_bytes()).unwrap();
    assert!(a == b);
    b.set_disabled(&[0], true).unwrap();
    assert!(a != b);
    b.set_disabled(&[0], false).unwrap();
    assert!(a == b);
    let mut c = sample();
    c.add(Entry::new("حمص")).unwrap();
    assert!(a != c);
    let mut d = sample();
    d.set_lexicon(None);
    let mut e = sample();
    e.set_lexicon(Some(Arc::new(
        Lexicon::from_texts(["دمشق دمشق"], None).unwrap(),
    )));
    assert!(d != e);
}

#[test]
fn documents_are_counted_once_per_id() {
    let mut g = Gazetteer::new(None, Config::default());
    let mut sham = Entry::new("دمشق");
    sham.id = "damascus".into();
    let mut alias = Entry::new("الشام");
    alias.id = "damascus".into();
    g.add(sham).unwrap();
    g.add(alias).unwrap();
    g.add(Entry::new("حلب")).unwrap();
    let texts = [
        Some("زرت دمشق ثم الشام ثم دمشق"),
        Some("من حلب إلى دمشق"),
        None,
        Some("لا شيء هنا 😀"),
    ];
    for threads in [Some(1), Some(2)] {
        let counts = g.document_counts(&texts, threads).unwrap();
        assert_eq!(counts.len(), 2);
        assert_eq!(counts["damascus"], 2);
        assert_eq!(counts["حلب"], 1);
    }
    assert!(g.document_counts(&texts, Some(0)).is_err());
}

#[test]
fn switching_terms_by_name_is_all_or_nothing() {
    let mut g = sample();
    let before = g.to_bytes();
    let err = g.switch_terms(&["دمشق", "لا يوجد"], None, true).unwrap_err();
    assert_eq!(err.kind(), _barq::ErrorKind::Missing);
    assert!(err.message().contains("لا يوجد"), "{err}");
    assert_eq!(g.to_bytes(), before, "nothing changed");
    let changed = g.switch_terms(&["دمشق"], None, true).unwrap();
    assert!(changed >= 1);
    assert!(g.find("في دمشق").is_empty());
    assert_eq!(g.switch_terms(&["دمشق"], None, true).unwrap(), 0);
    assert_eq!(g.switch_terms(&["دمشق"], None, false).unwrap(), changed);
}

#[test]
fn camel_profiles_take_no_overrides() {
    use _barq::normalize::{preset, Profile};
    let camel = preset("camel_dediac").unwrap();
    assert_eq!(camel.with_overrides::<&str>(&[]).unwrap(), camel);
    let err = camel.with_overrides(&[("alef", true)]).unwrap_err();
    assert!(err.message().contains("camel_dediac"), "{err}");
    let search = preset("search").unwrap();
    let Profile::Options(o) = search.with_overrides(&[("alef", false)]).unwrap() else {
        panic!("an options profile");
    };
    assert!(!o.alef && o.teh_marbuta);
    let err = search.with_overrides(&[("tashkeel", true)]).unwrap_err();
    assert!(err.message().contains("valid options"), "{err}");
}
