//! `Gazetteer::from_bytes` and `Lexicon::from_bytes` on arbitrary bytes, on forged payloads
//! behind a valid header and checksum, and on the bytes of real small gazetteers and lexicons
//! with a few edits; and the round trip of those unedited.
//!
//! Invariants: loading never panics (a bad file is an `Err`); what loads can be matched with,
//! saved and loaded again, equal; an unedited file loads back equal to what wrote it, matches
//! the same and saves to the same bytes.
#![no_main]

mod common;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

use _barq::fuzzing::{frame, HEADER};
use _barq::gazetteer::Gazetteer;
use _barq::Lexicon;
use common::{text_with_terms, GazetteerSpec, TextPiece};

#[derive(Debug, Arbitrary)]
enum Edit {
    Xor { at: u16, mask: u8 },
    Insert { at: u16, byte: u8 },
    Remove { at: u16 },
    Truncate { at: u16 },
}

fn apply(edits: &[Edit], payload: &mut Vec<u8>) {
    for edit in edits.iter().take(8) {
        if payload.is_empty() {
            return;
        }
        let at = |i: u16| usize::from(i) % payload.len();
        match *edit {
            Edit::Xor { at: i, mask } => {
                let i = at(i);
                payload[i] ^= mask;
            }
            Edit::Insert { at: i, byte } => payload.insert(at(i), byte),
            Edit::Remove { at: i } => {
                payload.remove(at(i));
            }
            Edit::Truncate { at: i } => payload.truncate(at(i)),
        }
    }
}

#[derive(Debug, Arbitrary)]
enum Input {
    /// Any bytes, to both readers.
    Raw(Vec<u8>),
    /// Any payload behind a valid header of a file of either kind and any version.
    Forged {
        lexicon: bool,
        version: u8,
        payload: Vec<u8>,
    },
    /// A gazetteer (or the lexicon counted from the texts) saved, edited and loaded.
    Edited {
        gazetteer: GazetteerSpec,
        texts: Vec<Vec<TextPiece>>,
        lexicon: bool,
        edits: Vec<Edit>,
    },
}

/// Use a gazetteer that loaded: match with it, save it and load it again.
fn exercise_gazetteer(g: &Gazetteer, texts: &[String]) {
    for text in texts {
        for m in g.find(text) {
            assert!(m.word_start <= m.start && m.start < m.end && m.end <= text.len());
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            assert!((m.entry as usize) < g.len());
        }
    }
    for e in g.entries().take(4) {
        let _ = g.entries_named(&e.term);
    }
    let bytes = g.to_bytes();
    let again = Gazetteer::from_bytes(&bytes).expect("a loaded gazetteer saves to a valid file");
    assert!(
        again == *g,
        "a loaded gazetteer saved and loaded again differs"
    );
}

fn exercise_lexicon(lex: &Lexicon) {
    let _ = lex.most_common(3);
    let sum: u64 = lex.iter().map(|(_, n)| n).sum();
    assert!(sum <= lex.total());
    let again = Lexicon::from_bytes(&lex.to_bytes()).expect("a loaded lexicon saves validly");
    assert_eq!(&again, lex);
}

const SAMPLE_TEXTS: [&str; 2] = ["وصل الوفد إلى دمشق وبيروت", "قالت الأمم المتحدة في عمان"];

fn load_any(bytes: &[u8], texts: &[String]) {
    if let Ok(g) = Gazetteer::from_bytes(bytes) {
        exercise_gazetteer(&g, texts);
    }
    if let Ok(lex) = Lexicon::from_bytes(bytes) {
        exercise_lexicon(&lex);
    }
}

fuzz_target!(|input: Input| {
    match input {
        Input::Raw(bytes) => {
            let texts: Vec<String> = SAMPLE_TEXTS.iter().map(|t| t.to_string()).collect();
            load_any(&bytes, &texts);
        }
        Input::Forged {
            lexicon,
            version,
            payload,
        } => {
            let magic = if lexicon { b"BARQLEX\0" } else { b"BARQGAZ\0" };
            let bytes = frame(magic, u32::from(version % 4), &payload);
            let texts: Vec<String> = SAMPLE_TEXTS.iter().map(|t| t.to_string()).collect();
            load_any(&bytes, &texts);
        }
        Input::Edited {
            gazetteer,
            texts,
            lexicon,
            edits,
        } => {
            let terms = gazetteer.terms();
            let texts: Vec<String> = texts
                .iter()
                .take(4)
                .map(|pieces| text_with_terms(pieces, &terms))
                .collect();
            let bytes = if lexicon {
                let lex = Lexicon::from_texts(texts.iter().map(String::as_str), Some(1)).unwrap();
                let bytes = lex.to_bytes();
                let back = Lexicon::from_bytes(&bytes).expect("a saved lexicon loads");
                assert_eq!(back, lex);
                assert_eq!(back.to_bytes(), bytes);
                bytes
            } else {
                let g = gazetteer.build(&texts);
                let bytes = g.to_bytes();
                let back = Gazetteer::from_bytes(&bytes).expect("a saved gazetteer loads");
                assert!(back == g, "a gazetteer saved and loaded differs");
                assert_eq!(back.to_bytes(), bytes);
                for text in &texts {
                    assert_eq!(back.find(text), g.find(text), "{text:?}");
                }
                bytes
            };
            if edits.is_empty() {
                return;
            }
            let mut payload = bytes[HEADER..].to_vec();
            apply(&edits, &mut payload);
            let magic: [u8; 8] = bytes[..8].try_into().unwrap();
            let version = u32::from_le_bytes(bytes[8..12].try_into().unwrap());
            load_any(&frame(&magic, version, &payload), &texts);
        }
    }
});
