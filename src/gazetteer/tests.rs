//! Unit tests of the gazetteer that need its internals or more than a table row. What a
//! golden case can express (a gazetteer, a text, its matches) is in
//! `tests/data/gazetteer.json`, run by `tests/gazetteer.rs` and
//! `tests/test_gazetteer_golden.py`.

use super::*;
use crate::lexicon::Lexicon;
use std::sync::Arc;

fn entry(term: &str, label: &str, id: &str) -> Entry {
    let mut e = Entry::new(term);
    e.label = Some(label.to_string());
    e.id = id.to_string();
    e
}

fn gazetteer(terms: &[(&str, &str, &str)], config: Config) -> Gazetteer {
    let mut g = Gazetteer::new(None, config);
    for (t, l, i) in terms {
        g.add(entry(t, l, i)).unwrap();
    }
    g
}

/// The matched surfaces, prefixes and ids.
fn found(g: &Gazetteer, text: &str) -> Vec<(String, String, String)> {
    g.find(text)
        .iter()
        .map(|m| {
            (
                text[m.start..m.end].to_string(),
                text[m.word_start..m.start].to_string(),
                g.entry(m.entry).id.clone(),
            )
        })
        .collect()
}

#[test]
fn bad_terms_are_errors() {
    let mut g = Gazetteer::new(None, Config::default());
    assert!(g.add(entry("", "X", "x")).is_err());
    assert!(g.add(entry("   ", "X", "x")).is_err());
    let err = g.add(entry("\u{064E}\u{0651}", "X", "x")).unwrap_err();
    assert!(err.message().contains("normalizes to nothing"), "{err}");
    assert!(g.add(entry("ـــ", "X", "x")).is_err());
}

#[test]
fn duplicates_are_ignored_and_contains_normalizes() {
    let mut g = Gazetteer::new(None, Config::default());
    assert!(g.add(entry("القاهرة", "GPE", "cairo")).unwrap());
    assert!(!g.add(entry("القاهرة", "GPE", "cairo")).unwrap());
    assert_eq!(g.len(), 1);
    assert!(g.contains("القاهره"));
    assert!(!g.contains("قاهرة"));
}

#[test]
fn bytes_round_trip_and_corruption_is_detected() {
    let g = gazetteer(
        &[
            ("قوات سوريا الديمقراطية", "ORG", "sdf"),
            ("قسد", "ORG", "sdf"),
        ],
        Config::default(),
    );
    let bytes = g.to_bytes();
    let back = Gazetteer::from_bytes(&bytes).unwrap();
    let text = "اشتبكت قسد مع وقوات سوريا الديمقراطية";
    assert_eq!(back.find(text), g.find(text));
    assert!(Gazetteer::from_bytes(&bytes[..bytes.len() - 3]).is_err());
    assert!(Gazetteer::from_bytes(b"PK\x03\x04 not a gazetteer").is_err());
    let mut flipped = bytes.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    assert!(Gazetteer::from_bytes(&flipped).is_err());
}

#[test]
fn gazetteer_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Gazetteer>();
}

/// Make the word table answer `alias`'s hash with `target`'s id and root, as a 64-bit hash
/// collision between a text word and a gazetteer word would.
fn collide(g: &mut Gazetteer, alias: &str, target: &str) {
    let info = g.index.word_id(&g.normalizer().normalize(target)).unwrap();
    let hash = g.index.hash(&g.normalizer().normalize(alias));
    g.index.table.insert(hash, info.id, info.stop);
    *g.index.table.root_mut(hash) = info.root;
}

#[test]
fn a_text_word_sharing_a_term_words_hash_does_not_match() {
    let mut g = gazetteer(
        &[("دمشق", "GPE", "dam"), ("ريف دمشق", "GPE", "rif")],
        Config::default(),
    );
    collide(&mut g, "حلب", "دمشق");
    collide(&mut g, "بادية", "ريف");
    assert!(found(&g, "وصل الوفد إلى حلب").is_empty());
    assert!(found(&g, "في ريف حلب").is_empty());
    // A failed check on the longer candidate leaves the shorter one.
    assert_eq!(found(&g, "بادية دمشق")[0].2, "dam");
    assert_eq!(found(&g, "من ريف دمشق")[0].2, "rif");
    assert_eq!(found(&g, "وبدمشق")[0].1, "وب");
}

#[test]
fn a_hash_collision_inside_the_vocabulary_changes_the_seed() {
    let mut g = gazetteer(&[("القاهرة", "GPE", "cai")], Config::default());
    collide(&mut g, "الإسكندرية", "القاهرة");
    g.add(entry("الإسكندرية", "GPE", "alx")).unwrap();
    assert_eq!(g.index.seed, 1);
    assert_eq!(
        found(&g, "من القاهرة إلى الاسكندرية")
            .iter()
            .map(|f| f.2.as_str())
            .collect::<Vec<_>>(),
        ["cai", "alx"]
    );
    let loaded = Gazetteer::from_bytes(&g.to_bytes()).unwrap();
    assert_eq!(
        found(&loaded, "من القاهرة إلى الاسكندرية"),
        found(&g, "من القاهرة إلى الاسكندرية")
    );
}

#[test]
fn code_point_offsets_agree_with_byte_offsets() {
    let g = gazetteer(
        &[
            ("دمشق", "GPE", "dam"),
            ("الأمم المتحدة", "ORG", "un"),
            ("Paris", "GPE", "par"),
        ],
        Config::default(),
    );
    let text = "🇸🇾 وَبِدِمَشْقَ، ثم الأمـــم “المتحدة” و paris 👩‍💻 للأمم المتحدة";
    let found = g.find(text);
    assert_eq!(found.len(), 4);
    for m in found {
        assert_eq!(m.start_char, text[..m.start].chars().count());
        assert_eq!(m.end_char, text[..m.end].chars().count());
        assert_eq!(m.word_start_char, text[..m.word_start].chars().count());
    }
}

/// A lexicon from sentences written for these tests, each counted `times` times.
fn lexicon(sentences: &[&str], times: usize) -> Arc<Lexicon> {
    let texts: Vec<&str> = sentences
        .iter()
        .copied()
        .cycle()
        .take(sentences.len() * times)
        .collect();
    Arc::new(Lexicon::from_texts(texts, Some(1)).unwrap())
}

fn news_lexicon() -> Arc<Lexicon> {
    lexicon(
        &[
            "ارتفع عدد السكان عشرة في المائة خلال عام",
            "أعلنت الولاية عن خطة جديدة وقال حاكم ولاية كبيرة إن العمل مستمر",
            "صدرت فتوى جديدة عن المجلس",
            "تحمل بطاقة هوية وطنية",
            "التقى أحمد مع احمد آخر في دمشق وسافر إلى دمشق ثم عاد من دمشق",
            "وصل الوفد بدمشق",
            "قال بلاتر إن الاتحاد بخير",
        ],
        10,
    )
}

fn gated(terms: &[(&str, &str, &str)], lex: Option<Arc<Lexicon>>) -> Gazetteer {
    let mut g = gazetteer(terms, Config::default());
    g.set_lexicon(lex);
    g
}

const TOWNS: &[(&str, &str, &str)] = &[
    ("الماية", "GPE", "town-a"),
    ("لائه", "GPE", "town-b"),
    ("توي", "GPE", "town-c"),
    ("هوئه", "GPE", "town-d"),
    ("لاتر", "GPE", "town-e"),
    ("أحمد", "PER", "ahmad"),
    ("دمشق", "GPE", "dam"),
    ("الحكومة", "ORG", "gov"),
];

#[test]
fn folding_does_not_make_a_common_word_a_name() {
    let text = "زاد الإنتاج عشرة في المائة ثم أصدرت ولاية كبيرة فتوى وطلبت هوية، وقال بلاتر";
    // Without the gate, folding and stripping turn each common word into a town.
    let ungated = gated(TOWNS, None);
    let ids: Vec<String> = found(&ungated, text).into_iter().map(|f| f.2).collect();
    assert_eq!(ids, ["town-a", "town-b", "town-c", "town-d", "town-e"]);
    let g = gated(TOWNS, Some(news_lexicon()));
    assert!(found(&g, text).is_empty(), "{:?}", found(&g, text));
}

#[test]
fn spellings_of_one_word_still_match_through_the_gate() {
    let g = gated(TOWNS, Some(news_lexicon()));
    let text = "قال احمد إن الوفد وصل بدمشق وسلم رسالة للحكومة، ثم عاد إلى دِمَشْقَ";
    let ids: Vec<String> = found(&g, text).into_iter().map(|f| f.2).collect();
    assert_eq!(ids, ["ahmad", "dam", "gov", "dam"]);
    let variants: Vec<bool> = g.find(text).iter().map(|m| m.exact).collect();
    // احمد is folded into أحمد; بدمشق, للحكومة and دِمَشْقَ are written as the terms are
    assert_eq!(variants, [false, true, true, true]);
}

#[test]
fn disabled_entries_never_match_and_survive_saving() {
    let mut g = gazetteer(
        &[("دمشق", "GPE", "dam"), ("حلب", "GPE", "alp")],
        Config::default(),
    );
    let text = "من حلب إلى دمشق";
    g.set_disabled(&g.entries_named("دمشق"), true).unwrap();
    assert_eq!(found(&g, text).len(), 1);
    let loaded = Gazetteer::from_bytes(&g.to_bytes()).unwrap();
    assert!(loaded.is_disabled(0));
    assert_eq!(found(&loaded, text), found(&g, text));
    g.set_disabled(&[0], false).unwrap();
    assert_eq!(found(&g, text).len(), 2);
    assert!(g.set_disabled(&[7], true).is_err());
}

#[test]
fn a_lexicon_survives_saving() {
    let g = gated(TOWNS, Some(news_lexicon()));
    let loaded = Gazetteer::from_bytes(&g.to_bytes()).unwrap();
    assert_eq!(**loaded.lexicon().unwrap(), *news_lexicon());
    let text = "عشرة في المائة وقال احمد";
    assert_eq!(found(&loaded, text), found(&g, text));
}

#[test]
fn tally_counts_matches_and_agreement() {
    let g = gazetteer(
        &[("دمشق", "GPE", "dam"), ("علي", "PER", "ali")],
        Config::default(),
    );
    let texts = [Some("زار علي دمشق وبدمشق التقى بعلي"), None, Some("دمشق")];
    let mentions = vec![
        vec![
            Mention {
                start: 8,
                end: 12,
                label: Some("GPE".into()),
            },
            // the whole word, proclitic included
            Mention {
                start: 13,
                end: 19,
                label: None,
            },
            Mention {
                start: 4,
                end: 7,
                label: Some("LOC".into()),
            },
        ],
        vec![],
        vec![],
    ];
    let t = g.tally(&texts, Some(&mentions), Some(2)).unwrap();
    assert_eq!((t[0].matches, t[0].documents, t[0].agreeing), (3, 2, 2));
    assert_eq!((t[0].prefixed, t[0].exact), (1, 3));
    // علي matched twice, but the only mention over it has another label
    assert_eq!((t[1].matches, t[1].agreeing, t[1].prefixed), (2, 0, 1));
}

#[test]
fn stray_marks_before_a_word_are_outside_the_match() {
    // A mark or tatweel glued before the first letter stands between words like a space: the
    // match and its word begin at the letter (found by the reference matcher's comparison).
    let g = gazetteer(&[("دمشق", "GPE", "DAM")], Config::default());
    let text = "في \u{064E}دمشق \u{0651}ـوَبدمشق";
    assert_eq!(
        found(&g, text),
        vec![
            ("دمشق".to_string(), String::new(), "DAM".to_string()),
            ("دمشق".to_string(), "وَب".to_string(), "DAM".to_string()),
        ]
    );
    let m = g.find(text);
    assert_eq!(m[0].word_start_char, 4);
    assert_eq!(m[0].start_char, 4);
}

#[test]
fn one_span_read_two_ways_reports_the_first_added_entry() {
    // للبنان is ل + لبنان and ل + البنان (ل + ال written لل): the same span, both written like
    // the text, so the entry added first is reported, whichever reading found it.
    for (terms, id) in [
        ([("البنان", "X", "a"), ("لبنان", "X", "b")], "a"),
        ([("لبنان", "X", "b"), ("البنان", "X", "a")], "b"),
    ] {
        let g = gazetteer(&terms, Config::default());
        assert_eq!(
            found(&g, "للبنان"),
            vec![("لبنان".to_string(), "ل".to_string(), id.to_string())]
        );
    }
}
