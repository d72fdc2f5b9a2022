//! Golden cases (shared with tests/test_tokenize.py) and properties of the tokenizer.

use _barq::text::bytes_to_chars;
use _barq::tokenize::{Kind, Mode, Token, Tokenizer};
use _barq::Normalizer;
use proptest::prelude::*;
use serde_json::Value;

fn golden() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tokenize.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn golden_tokens() {
    let t = Tokenizer::default();
    for case in golden()["tokens"].as_array().unwrap() {
        let text = case["text"].as_str().unwrap();
        let got: Vec<(String, &str)> = t
            .tokenize(text)
            .iter()
            .map(|tok| (tok.text(text).to_string(), tok.kind.as_str()))
            .collect();
        let want: Vec<(String, &str)> = case["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_str().unwrap().to_string(), p[1].as_str().unwrap()))
            .collect();
        assert_eq!(got, want, "{}", case["name"]);
    }
}

#[test]
fn golden_sentences() {
    let t = Tokenizer::default();
    for case in golden()["sentences"].as_array().unwrap() {
        let text = case["text"].as_str().unwrap();
        let got: Vec<&str> = t
            .sentences(text)
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect();
        let want: Vec<&str> = case["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert_eq!(got, want, "{}", case["name"]);
    }
}

#[test]
fn camel_mode_splits_every_symbol_but_keeps_emoji_sequences() {
    let t = Tokenizer::new(Mode::Camel, None);
    assert_eq!(
        t.words("دفع 1,000.5 لـ”جيش” #وسم 👍🏽!"),
        [
            "دفع", "1", ",", "000", ".", "5", "لـ", "”", "جيش", "”", "#", "وسم", "👍🏽", "!"
        ]
    );
    let kinds: Vec<Kind> = t.tokenize("عام 2025 ،").iter().map(|t| t.kind).collect();
    assert_eq!(kinds, [Kind::Word, Kind::Number, Kind::Punct]);
}

#[test]
fn empty_and_white_space_give_no_tokens() {
    for mode in [Mode::Default, Mode::Camel] {
        let t = Tokenizer::new(mode, None);
        assert!(t.tokenize("").is_empty());
        assert!(t.tokenize(" \n\t\u{00A0}\u{3000}").is_empty());
        assert!(t.sentences(" \n ").is_empty());
    }
}

#[test]
fn norms_come_from_the_normalizer() {
    let t = Tokenizer::new(Mode::Default, Some(Normalizer::preset("search").unwrap()));
    assert_eq!(t.norm("الْقَاهِرَةُ").as_deref(), Some("القاهره"));
    assert_eq!(Tokenizer::default().norm("ب"), None);
}

#[test]
fn long_tokens_and_inputs_are_linear() {
    let t = Tokenizer::default();
    let units = [
        "ب",
        "1,",
        "#وسم_",
        "😀\u{200D}",
        "..",
        "ـ",
        "a.",
        "a-",
        "a@",
        "@a.",
        "http://x)",
        "U.S.",
    ];
    for unit in units {
        let text = if unit.starts_with("http") {
            format!("{unit}{}", ")".repeat(200_000))
        } else {
            unit.repeat(200_000)
        };
        let start = std::time::Instant::now();
        let tokens = t.tokenize(&text);
        assert!(!tokens.is_empty());
        assert!(
            start.elapsed().as_secs() < 5,
            "{unit:?} took {:?}",
            start.elapsed()
        );
    }
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Tokenizer>();
    check::<Token>();
}

fn assert_lossless(t: &Tokenizer, text: &str) {
    let tokens = t.tokenize(text);
    let mut covered = String::new();
    let mut last = 0;
    for tok in &tokens {
        assert!(tok.start >= last && tok.end > tok.start, "{tokens:?}");
        assert!(text[last..tok.start]
            .chars()
            .all(_barq::text::is_python_space));
        covered.push_str(tok.text(text));
        last = tok.end;
    }
    assert!(text[last..].chars().all(_barq::text::is_python_space));
    let non_space: String = text
        .chars()
        .filter(|&c| !_barq::text::is_python_space(c))
        .collect();
    assert_eq!(covered, non_space);
}

proptest! {
    #[test]
    fn tokenization_is_lossless(text in "[ابتـ\u{064E}\u{0651}\u{200C}\u{200F} \n0-9٠-٩a-z.,،؟!#@_/:%«»”😀👍🏽\u{200D}\u{FE0F}\u{1F1F8}\u{1F1E6}-]{0,40}") {
        for mode in [Mode::Default, Mode::Camel] {
            assert_lossless(&Tokenizer::new(mode, None), &text);
        }
    }

    #[test]
    fn tokenization_is_lossless_on_any_text(text in any::<String>()) {
        assert_lossless(&Tokenizer::default(), &text);
        assert_lossless(&Tokenizer::new(Mode::Camel, None), &text);
    }

    #[test]
    fn char_offsets_match_a_naive_count(text in "[اب a1😀]{0,30}") {
        let tokens = Tokenizer::default().tokenize(&text);
        let mut offsets: Vec<usize> = tokens.iter().flat_map(|t| [t.start, t.end]).collect();
        let naive: Vec<usize> = offsets.iter().map(|&b| text[..b].chars().count()).collect();
        bytes_to_chars(&text, &mut offsets);
        prop_assert_eq!(offsets, naive);
    }

    #[test]
    fn sentences_are_ordered_trimmed_spans(text in "[اب. ؟!\n«»1]{0,40}") {
        let mut last = 0;
        for (s, e) in Tokenizer::default().sentences(&text) {
            prop_assert!(s >= last && e > s);
            let sentence = &text[s..e];
            prop_assert_eq!(sentence.trim(), sentence);
            last = e;
        }
    }
}
