//! Integration tests of the normalizer through the crate's public API: the golden cases shared
//! with the Python tests (`tests/data/normalize_cases.json`), the presets and their errors, and
//! properties: idempotence, alignment round trips, batch == loop.

use _barq::normalize::{preset, OPTION_NAMES, PRESET_NAMES};
use _barq::{parallel, Aligned, Error, Normalizer, Options, Profile};
use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::Value;

const CASES: &str = include_str!("data/normalize_cases.json");

fn cases() -> Vec<Value> {
    let all: Value = serde_json::from_str(CASES).expect("normalize_cases.json is JSON");
    all["cases"].as_array().expect("a list of cases").clone()
}

/// The options with just `names` on.
fn only(names: &[&str]) -> Options {
    let mut options = Options::none();
    for name in names {
        options.set(name, true).expect("a known option");
    }
    options
}

fn case_normalizer(case: &Value) -> Normalizer {
    match case.get("preset") {
        Some(name) => Normalizer::preset(name.as_str().unwrap()).unwrap(),
        None => {
            let names: Vec<&str> = case["options"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_str().unwrap())
                .collect();
            Normalizer::new(only(&names))
        }
    }
}

#[test]
fn golden_cases() {
    let cases = cases();
    assert!(cases.len() > 40);
    for case in &cases {
        let input = case["input"].as_str().unwrap();
        let expected = case["expected"].as_str().unwrap();
        let n = case_normalizer(case);
        assert_eq!(n.normalize(input), expected, "case {case}");
        assert_eq!(n.align(input).text(), expected, "case {case}");
        // every option off is the identity
        assert_eq!(Normalizer::new(Options::none()).normalize(input), input);
    }
}

#[test]
fn golden_cases_cover_every_option_and_preset() {
    let cases = cases();
    for name in OPTION_NAMES {
        assert!(
            cases.iter().any(|c| c["options"]
                .as_array()
                .is_some_and(|o| o.iter().any(|n| n == name))),
            "no golden case for option {name}"
        );
    }
    for name in PRESET_NAMES {
        assert!(
            cases.iter().any(|c| c["preset"] == name),
            "no golden case for preset {name}"
        );
    }
}

#[test]
fn the_crate_example() {
    let n = Normalizer::preset("search").unwrap();
    let aligned = n.align("دِمَشْقُ");
    assert_eq!(aligned.text(), "دمشق");
    assert_eq!(aligned.to_original(0, 4).unwrap(), (0, 8));
    assert_eq!(aligned.to_normalized(0, 8).unwrap(), (0, 4));
}

#[test]
fn default_options_are_the_documented_defaults() {
    let on = [
        "diacritics",
        "tatweel",
        "alef",
        "alef_maqsura",
        "presentation_forms",
        "digits",
        "lookalikes",
        "controls",
        "whitespace",
    ];
    assert_eq!(Options::default(), only(&on));
    assert_eq!(
        Normalizer::default(),
        Normalizer::preset("default").unwrap()
    );
    assert_eq!(Normalizer::default().options(), Some(&Options::default()));
}

#[test]
fn presets() {
    assert_eq!(
        preset("light").unwrap(),
        Profile::Options(only(&["presentation_forms", "controls", "whitespace"]))
    );
    let mut search = Options::default();
    for name in ["teh_marbuta", "hamza", "lowercase"] {
        search.set(name, true).unwrap();
    }
    assert_eq!(preset("search").unwrap(), Profile::Options(search));
    for name in PRESET_NAMES {
        let n = Normalizer::preset(name).unwrap();
        assert_eq!(n.options().is_none(), name.starts_with("camel_"), "{name}");
        assert_eq!(n.normalize(""), "");
    }
}

#[test]
fn unknown_names_are_errors_listing_the_valid_ones() {
    let error = Normalizer::preset("serch").unwrap_err();
    assert!(error.message().contains("\"serch\""), "{error}");
    for name in PRESET_NAMES {
        assert!(error.message().contains(name), "{error}");
    }
    let error = Options::default().set("diacritic", true).unwrap_err();
    for name in OPTION_NAMES {
        assert!(error.message().contains(name), "{error}");
    }
    assert_eq!(Options::default().get("diacritic"), None);
    assert_eq!(Options::default().get("diacritics"), Some(true));
}

#[test]
fn bad_spans_are_errors() {
    let aligned = Normalizer::default().align("سلام");
    assert!(aligned.to_original(3, 2).is_err());
    assert!(aligned.to_original(0, 5).is_err());
    assert!(aligned.to_normalized(2, 9).is_err());
    let error = aligned.to_normalized(5, 5).unwrap_err();
    assert!(error.message().contains("(5, 5)"), "{error}");
}

#[test]
fn expansions_map_back_to_their_source() {
    let text = "قال \u{FDFD} ثم \u{FEFB}";
    let aligned = Normalizer::default().align(text);
    assert_eq!(aligned.text(), "قال بسم الله الرحمن الرحيم ثم لا");
    for i in 4..26 {
        assert_eq!(aligned.to_original(i, i + 1).unwrap(), (4, 5));
    }
    assert_eq!(aligned.to_normalized(4, 5).unwrap(), (4, 26));
    assert_eq!(aligned.to_original(30, 32).unwrap(), (9, 10));
    assert_eq!(aligned.to_original(31, 32).unwrap(), (9, 10));
}

#[test]
fn emoji_zwj_sequences_stay_whole() {
    let text = "أحب 👩\u{200D}💻 ب\u{200D}ب";
    let n = Normalizer::new(only(&["controls"]));
    let aligned = n.align(text);
    assert_eq!(aligned.text(), "أحب 👩\u{200D}💻 بب");
    for i in 4..7 {
        assert_eq!(aligned.to_original(i, i + 1).unwrap(), (4, 7));
    }
}

#[test]
fn normalize_into_appends_after_existing_text() {
    let n = Normalizer::preset("search").unwrap();
    let mut out = String::from("سابق ");
    n.normalize_into("  المدرسةُ  ", &mut out);
    assert_eq!(out, "سابق المدرسه");
}

#[test]
fn public_types_are_send_and_sync() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Normalizer>();
    send_sync::<Aligned>();
    send_sync::<Options>();
    send_sync::<Profile>();
    send_sync::<Error>();
}

#[test]
fn batch_on_threads_equals_loop() {
    let n = Normalizer::preset("search").unwrap();
    let texts: Vec<String> = (0..500)
        .map(|i| "مدرسةُ ﻻ ٣ Ab\u{200F} ".repeat(i % 9))
        .collect();
    let expected: Vec<String> = texts.iter().map(|t| n.normalize(t)).collect();
    for threads in [Some(1), Some(2), Some(4)] {
        assert_eq!(
            parallel::map(&texts, threads, |t| n.normalize(t)).unwrap(),
            expected
        );
    }
    assert!(parallel::map(&texts, Some(0), |t| n.normalize(t)).is_err());
}

// ------------------------------------------------------------------------------------------
// Properties
// ------------------------------------------------------------------------------------------

/// Pieces of text: Arabic letters and look-alikes, marks, tatweel, presentation forms, digits,
/// punctuation and quotes, emoji with ZWJ and skin tones, Latin and Greek, every kind of space
/// and control.
const ATOMS: &[&str] = &[
    // runs for `elongation`: plain, pairs, folded to one letter, broken or joined by a mark,
    // tatweel or control that another option removes or keeps
    "يييي",
    "ااا",
    "مم",
    "أاا",
    "يـيـي",
    "يَيَي",
    "ي\u{200C}يي",
    "ooo",
    "\u{08A0}\u{08A0}\u{08A0}",
    "ا",
    "أ",
    "إ",
    "آ",
    "ٱ",
    "ٲ",
    "ٳ",
    "ٵ",
    "ب",
    "ت",
    "ة",
    "ه",
    "ى",
    "ي",
    "ؤ",
    "ئ",
    "ء",
    "و",
    "ل",
    "م",
    "ن",
    "ک",
    "ی",
    "ھ",
    "ے",
    "ۓ",
    "ٶ",
    "ں",
    "پ",
    "\u{064B}",
    "\u{064E}",
    "\u{0650}",
    "\u{0651}",
    "\u{0652}",
    "\u{0670}",
    "\u{0610}",
    "\u{0653}",
    "\u{0654}",
    "\u{065F}",
    "\u{06D6}",
    "\u{06DE}",
    "\u{06E5}",
    "\u{06ED}",
    "\u{08F0}",
    "\u{0640}",
    "\u{FEFB}",
    "\u{FEF7}",
    "\u{FDFD}",
    "\u{FDFA}",
    "\u{FDF2}",
    "\u{FDFC}",
    "\u{FE76}",
    "\u{FE77}",
    "\u{FE91}",
    "٣",
    "۴",
    "7",
    "،",
    "؛",
    "؟",
    "٪",
    "٫",
    "۔",
    "«",
    "»",
    "“",
    "’",
    ".",
    "\"",
    "👩",
    "💻",
    "🏽",
    "\u{FE0F}",
    "👩\u{200D}💻",
    "🧑🏽\u{200D}💻",
    "❤\u{FE0F}",
    "A",
    "z",
    "İ",
    "ẞ",
    "Σ",
    "ς",
    "Ж",
    "𐐀",
    " ",
    "\t",
    "\n",
    "\u{00A0}",
    "\u{2003}",
    "\u{3000}",
    "\u{2028}",
    "\u{0085}",
    "\u{001C}",
    "\u{00AD}",
    "\u{061C}",
    "\u{200B}",
    "\u{200C}",
    "\u{200D}",
    "\u{200E}",
    "\u{200F}",
    "\u{202B}",
    "\u{2066}",
    "\u{2069}",
    "\u{FEFF}",
];

fn arabic_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(ATOMS).prop_map(str::to_string),
        1 => (0xFB50u32..0xFF00).prop_filter_map("a scalar value", |cp| {
            char::from_u32(cp).map(String::from)
        }),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// The normalizers the properties run: every preset, each option alone, all options but one,
/// and a spread of mixed sets. A fixed pool rather than any option set, because compiling a
/// normalizer's table takes tens of milliseconds in a debug build.
fn pool() -> &'static [Normalizer] {
    static POOL: OnceLock<Vec<Normalizer>> = OnceLock::new();
    POOL.get_or_init(|| {
        let mut pool: Vec<Normalizer> = PRESET_NAMES
            .iter()
            .map(|name| Normalizer::preset(name).unwrap())
            .collect();
        for name in OPTION_NAMES {
            pool.push(Normalizer::new(only(&[name])));
            let mut all_but_one = only(&OPTION_NAMES);
            all_but_one.set(name, false).unwrap();
            pool.push(Normalizer::new(all_but_one));
        }
        let mut state = 0x9E37_79B9u32;
        for _ in 0..12 {
            let mut options = Options::none();
            for name in OPTION_NAMES {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                options.set(name, state >> 31 == 1).unwrap();
            }
            pool.push(Normalizer::new(options));
        }
        pool
    })
}

fn normalizer() -> impl Strategy<Value = Normalizer> {
    (0..pool().len()).prop_map(|i| pool()[i].clone())
}

fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// The alignment round trip of docs/API.md on the normalized span `[start, end)`.
fn check_round_trip(n: &Normalizer, text: &str, start: usize, end: usize) {
    let aligned = n.align(text);
    let (ostart, oend) = aligned.to_original(start, end).unwrap();
    assert!(ostart <= oend && oend <= aligned.original_len());
    let (nstart, nend) = aligned.to_normalized(ostart, oend).unwrap();
    if start == end {
        // An empty span maps to an empty span at the start of its segment: one inside a
        // segment (between the two letters of ﻻ) has no original position that maps back to it.
        assert!(ostart == oend && nstart == nend && nstart <= start);
        return;
    }
    assert!(
        nstart <= start && end <= nend,
        "{start}..{end} -> {nstart}..{nend}"
    );
    let mut got = n.normalize(&chars(text, ostart, oend));
    let mut want = chars(aligned.text(), nstart, nend);
    if n.options().is_some_and(|o| o.whitespace) {
        // trimming at the ends of the text depends on what is around the span
        got = got.trim().to_string();
        want = want.trim().to_string();
    }
    assert_eq!(got, want, "{text:?} {start}..{end}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn normalization_is_idempotent(n in normalizer(), text in arabic_text()) {
        let once = n.normalize(&text);
        prop_assert_eq!(n.normalize(&once), once);
    }

    #[test]
    fn align_gives_the_normalized_text(n in normalizer(), text in arabic_text()) {
        let aligned = n.align(&text);
        prop_assert_eq!(aligned.text(), n.normalize(&text));
        prop_assert_eq!(aligned.original_len(), text.chars().count());
        prop_assert_eq!(aligned.normalized_len(), aligned.text().chars().count());
    }

    #[test]
    fn alignment_round_trip(
        n in normalizer(),
        text in arabic_text(),
        a in 0.0..=1.0f64,
        b in 0.0..=1.0f64,
    ) {
        let len = n.align(&text).normalized_len();
        if len == 0 {
            return Ok(());
        }
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        let start = (a * len as f64) as usize;
        let end = ((b * len as f64) as usize).max(start + 1).min(len);
        if start >= end {
            return Ok(());
        }
        check_round_trip(&n, &text, start, end);
    }

    #[test]
    fn every_single_character_maps_back(n in normalizer(), text in arabic_text()) {
        let aligned = n.align(&text);
        let mut previous = (0, 0);
        for i in 0..aligned.normalized_len() {
            let span = aligned.to_original(i, i + 1).unwrap();
            prop_assert!(span.0 < span.1, "character {} maps to nothing", i);
            // the alignment is monotone
            prop_assert!(span.0 >= previous.0 && span.1 >= previous.1);
            previous = span;
        }
    }

    #[test]
    fn normalize_into_appends(n in normalizer(), prefix in arabic_text(), text in arabic_text()) {
        let mut out = prefix.clone();
        n.normalize_into(&text, &mut out);
        prop_assert_eq!(out, format!("{prefix}{}", n.normalize(&text)));
    }

    #[test]
    fn parallel_map_equals_loop(
        n in normalizer(),
        texts in prop::collection::vec(arabic_text(), 0..24),
        threads in 1usize..4,
    ) {
        let expected: Vec<String> = texts.iter().map(|t| n.normalize(t)).collect();
        let got = parallel::map(&texts, Some(threads), |t| n.normalize(t)).unwrap();
        prop_assert_eq!(got, expected);
    }
}

#[test]
fn profiles_have_one_serialized_form() {
    use _barq::normalize::{preset, Profile, PRESET_NAMES};
    for name in PRESET_NAMES {
        let profile = preset(name).unwrap();
        let json = profile.to_json();
        assert!(json.contains("\"format\":\"barq.Normalizer\""), "{json}");
        assert_eq!(Profile::from_json(&json).unwrap(), profile, "{name}");
    }
    // the serde form that gazetteer files of earlier builds hold
    let old = r#"{"camel":"dediac"}"#;
    assert_eq!(
        Profile::from_json(old).unwrap(),
        preset("camel_dediac").unwrap()
    );
    let search = preset("search").unwrap();
    let Profile::Options(o) = search else {
        panic!("options")
    };
    let old = format!(r#"{{"options":{}}}"#, serde_json::to_string(&o).unwrap());
    assert_eq!(Profile::from_json(&old).unwrap(), search);
    // a profile written before `elongation` existed (every other option there) reads it as off
    let social = preset("social").unwrap();
    let before = social.to_json().replace(",\"elongation\":true", "");
    assert!(!before.contains("elongation"), "{before}");
    assert_eq!(Profile::from_json(&before).unwrap(), search);
    assert!(social.to_json().contains("\"elongation\":true"));
    // what is refused, with the reason
    let json = search.to_json();
    for (bad, reason) in [
        (json.replace("\"version\":1", "\"version\":2"), "version"),
        (json.replace("barq.Normalizer", "barq.Gazetteer"), "format"),
        (json.replace("\"alef\"", "\"harakat\""), "harakat"),
        (json.replace(",\"lowercase\":true", ""), "lowercase"),
        ("[1]".to_string(), "object"),
        ("{".to_string(), "JSON"),
    ] {
        let err = Profile::from_json(&bad).unwrap_err();
        assert!(err.message().contains(reason), "{bad}: {err}");
    }
}

#[test]
fn alignments_rebuild_from_their_segments() {
    let n = Normalizer::preset("search").unwrap();
    for text in ["", "وَزارةُ  الصحّة ﻻ 😀", "دِمَشْقُ"] {
        let a = n.align(text);
        let (orig, out) = a.segments();
        let again =
            _barq::Aligned::from_segments(a.text().to_string(), orig.to_vec(), out.to_vec())
                .unwrap();
        assert_eq!(again, a);
        assert_eq!(again.original_len(), text.chars().count());
    }
    let a = n.align("دِمَشْقُ");
    let (orig, out) = a.segments();
    for (o, u) in [
        (orig[1..].to_vec(), out[1..].to_vec()),
        (orig.to_vec(), out[..out.len() - 1].to_vec()),
        (orig.iter().rev().copied().collect(), out.to_vec()),
    ] {
        let err = _barq::Aligned::from_segments(a.text().to_string(), o, u).unwrap_err();
        assert_eq!(err.kind(), _barq::ErrorKind::Format);
    }
}

#[test]
fn a_collapsed_run_aligns_as_one_segment() {
    let n = Normalizer::preset("social").unwrap();
    // سورياااا: the kept alef stands for the four, so the word maps to the whole word
    let a = n.align("في سورياااا اليوم");
    assert_eq!(a.text(), "في سوريا اليوم");
    assert_eq!(a.to_original(3, 8).unwrap(), (3, 11));
    assert_eq!(a.to_original(7, 8).unwrap(), (7, 11));
    // the letters before the run map to themselves, and so does what follows it
    assert_eq!(a.to_original(3, 7).unwrap(), (3, 7));
    assert_eq!(a.to_original(9, 14).unwrap(), (12, 17));
    // any removed letter of the run maps to the kept one
    for i in 7..11 {
        assert_eq!(a.to_normalized(i, i + 1).unwrap(), (7, 8), "{i}");
    }
    // marks and tatweel between the letters of a run are in its segment; a pair stays two
    let a = n.align("جمي\u{064E}ـيـي\u{0651}ل مم");
    assert_eq!(a.text(), "جميل مم");
    assert_eq!(a.to_original(2, 3).unwrap(), (2, 9));
    assert_eq!(a.to_original(3, 4).unwrap(), (9, 10));
    assert_eq!(a.to_original(6, 7).unwrap(), (12, 13));
    // a run that starts inside a ligature (ﻻ is لا) ends in the ligature's segment
    let a = n.align("\u{FEFB}اا");
    assert_eq!(a.text(), "لا");
    assert_eq!(a.to_original(1, 2).unwrap(), (0, 3));
    let (orig, out) = a.segments();
    let again = Aligned::from_segments(a.text().to_string(), orig.to_vec(), out.to_vec()).unwrap();
    assert_eq!(again, a);
}

/// Found by the `normalize` fuzz target: an empty span between the two letters of a ligature
/// has no original position that maps back to it; it maps to the empty span at the ligature's
/// start, and the round trip holds for it in that sense.
#[test]
fn an_empty_span_inside_a_ligature_maps_to_its_start() {
    let n = Normalizer::default();
    let a = n.align("ﻻ أعرف");
    assert_eq!(a.text(), "لا اعرف");
    assert_eq!(a.to_original(1, 1).unwrap(), (0, 0));
    assert_eq!(a.to_normalized(0, 0).unwrap(), (0, 0));
    check_round_trip(&n, "ﻻ أعرف", 1, 1);
}
