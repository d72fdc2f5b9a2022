//! Tokenization in both modes, without clitics and with the atb and d3 schemes, and sentence
//! splitting, on texts of Arabic pieces.
//!
//! Invariants: tokens are non-empty, in order, never overlap and lie on char boundaries; what
//! lies between them is white space as `str.isspace` sees it (`text::is_python_space`), so the
//! token texts are every other character of the text (lossless); the pieces of split words
//! cover exactly the word tokens of the tokenizer without clitics; `tokenize_into` appends what
//! `tokenize` gives; forms and norms do not panic. Sentences are non-empty, in order, trimmed
//! spans on char boundaries.
//!
//! The segmenters decide with a lexicon of a few sentences written for this target, or with the
//! lexicon file that `BARQ_FUZZ_LEXICON` names (an uncompressed `Lexicon.to_bytes()`, such as
//! the shipped `python/barq/data/lexicon.bin.gz` unzipped).
#![no_main]

mod common;

use std::sync::{Arc, OnceLock};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

use _barq::text::is_python_space;
use _barq::tokenize::{Clitics, Segmenter};
use _barq::{Lexicon, Mode, Normalizer, Token, Tokenizer};
use common::{text_of, Piece};

/// Sentences written for this target: words with and without clitics.
const SENTENCES: &[&str] = &[
    "وقال المتحدث باسم الوزارة إن الاجتماع سيعقد غدا في العاصمة",
    "وبالمدرسة كتبهم ولأصدقائهم رسائل طويلة",
    "فسيكتبونها للمعلم والطلاب وكتابه الجديد",
    "سافرت إلى بيروت مع أخي وعدنا بعد أسبوعين",
    "والكتاب على الطاولة وبجانبه قلم أزرق",
    "لن نتأخر عن موعدنا معهم ومعكم",
];

fn segmenters() -> &'static [Segmenter; 2] {
    static SEGMENTERS: OnceLock<[Segmenter; 2]> = OnceLock::new();
    SEGMENTERS.get_or_init(|| {
        let lexicon = match std::env::var_os("BARQ_FUZZ_LEXICON") {
            Some(path) => {
                let bytes = std::fs::read(&path).expect("BARQ_FUZZ_LEXICON is readable");
                Lexicon::from_bytes(&bytes).expect("BARQ_FUZZ_LEXICON is a barq lexicon")
            }
            None => Lexicon::from_texts(SENTENCES.iter().copied(), Some(1)).unwrap(),
        };
        let lexicon = Arc::new(lexicon);
        Clitics::ALL.map(|scheme| Segmenter::new(scheme, lexicon.clone()))
    })
}

#[derive(Debug, Arbitrary)]
struct Input {
    camel: bool,
    /// 0: no clitics; 1: atb; 2: d3.
    clitics: u8,
    pieces: Vec<Piece>,
}

fn check_lossless(text: &str, tokens: &[Token]) {
    let mut last = 0;
    for t in tokens {
        assert!(t.start >= last && t.end > t.start, "{text:?}: {tokens:?}");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        let gap = &text[last..t.start];
        assert!(gap.chars().all(is_python_space), "{text:?}: gap {gap:?}");
        last = t.end;
    }
    assert!(last <= text.len());
    assert!(text[last..].chars().all(is_python_space), "{text:?}");
    let covered: String = tokens.iter().map(|t| t.text(text)).collect();
    let non_space: String = text.chars().filter(|&c| !is_python_space(c)).collect();
    assert_eq!(covered, non_space);
}

fuzz_target!(|input: Input| {
    let text = text_of(&input.pieces);
    let mode = if input.camel {
        Mode::Camel
    } else {
        Mode::Default
    };
    let whole = Tokenizer::new(mode, Some(Normalizer::default()));
    let segmenter = match input.clitics % 3 {
        0 => None,
        k => Some(segmenters()[usize::from(k) - 1].clone()),
    };
    let splits = segmenter.is_some();
    let t = whole.clone().with_segmenter(segmenter);

    let tokens = t.tokenize(&text);
    check_lossless(&text, &tokens);
    let mut appended = vec![Token::new(0, 0, _barq::Kind::Symbol)];
    t.tokenize_into(&text, &mut appended);
    assert_eq!(&appended[1..], &tokens[..]);
    for token in &tokens {
        let _ = t.token_norm(&text, token);
        assert!(token.role.is_some() || token.restore.is_none());
    }

    // The pieces of the split words put together are the tokens without clitics.
    let unsplit = whole.tokenize(&text);
    if splits {
        let mut pieces = tokens.iter().peekable();
        for w in &unsplit {
            let first = pieces.next().expect("a piece for every token");
            assert_eq!(first.start, w.start, "{text:?}: {w:?} / {first:?}");
            let mut end = first.end;
            if first.role.is_some() {
                assert_eq!(w.kind, _barq::Kind::Word);
                while end < w.end {
                    let next = pieces.next().expect("the pieces cover the word");
                    assert!(next.role.is_some() && next.start == end, "{text:?}: {w:?}");
                    end = next.end;
                }
            } else {
                assert_eq!(first, w);
            }
            assert_eq!(end, w.end, "{text:?}: {w:?}");
        }
        assert!(pieces.next().is_none());
    } else {
        assert_eq!(unsplit, tokens);
    }

    let sentences = t.sentences(&text);
    let mut last = 0;
    for &(s, e) in &sentences {
        assert!(
            s >= last && e > s && e <= text.len(),
            "{text:?}: {sentences:?}"
        );
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        let sentence = &text[s..e];
        assert_eq!(sentence.trim_matches(is_python_space), sentence, "{text:?}");
        last = e;
    }
});
