//! Matching with small random gazetteers (any normalizer and switches, exact and ignored
//! entries, extra common words, switched-off entries, a lexicon for the variant gate) on texts
//! that hold their terms, after proclitics or not, among other Arabic pieces.
//!
//! Invariants: matches are ordered by position; each lies inside the text on char boundaries,
//! `word_start <= start < end`, and its code-point offsets count the characters before its byte
//! offsets (so Python's `text[start:end]` is the bytes `text[start..end]`); a proclitic is
//! stripped only with `clitics` on and never holds white space; the entry exists and is neither
//! switched off nor `ignore`; without `overlapping`, matches do not overlap; `find_into`
//! appends what `find` gives; and the batch (on a 2- and a 3-thread pool) equals the loop.
#![no_main]

mod common;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

use _barq::gazetteer::{Gazetteer, Match};
use _barq::parallel;
use _barq::text::is_python_space;
use common::{text_with_terms, GazetteerSpec, TextPiece};

#[derive(Debug, Arbitrary)]
struct Input {
    gazetteer: GazetteerSpec,
    texts: Vec<Vec<TextPiece>>,
}

fn check(g: &Gazetteer, text: &str, matches: &[Match]) {
    let chars_before = |byte: usize| text[..byte].chars().count();
    let config = g.config();
    for (k, m) in matches.iter().enumerate() {
        assert!(
            m.word_start <= m.start && m.start < m.end && m.end <= text.len(),
            "{text:?}: {m:?}"
        );
        for at in [m.word_start, m.start, m.end] {
            assert!(text.is_char_boundary(at), "{text:?}: {m:?}");
        }
        assert_eq!(m.start_char, chars_before(m.start), "{text:?}: {m:?}");
        assert_eq!(m.end_char, chars_before(m.end), "{text:?}: {m:?}");
        assert_eq!(
            m.word_start_char,
            chars_before(m.word_start),
            "{text:?}: {m:?}"
        );
        let prefix = &text[m.word_start..m.start];
        assert!(config.clitics || prefix.is_empty(), "{text:?}: {m:?}");
        assert!(!prefix.chars().any(is_python_space), "{text:?}: {m:?}");
        assert!((m.entry as usize) < g.len());
        assert!(!g.is_disabled(m.entry), "{text:?}: {m:?}");
        assert!(!g.entry(m.entry).ignore, "{text:?}: {m:?}");
        if k > 0 {
            let before = &matches[k - 1];
            assert!(before.start <= m.start, "{text:?}: {matches:?}");
            if !config.overlapping {
                assert!(before.end <= m.word_start, "{text:?}: {matches:?}");
            }
        }
    }
}

fuzz_target!(|input: Input| {
    let terms = input.gazetteer.terms();
    let texts: Vec<String> = input
        .texts
        .iter()
        .take(6)
        .map(|pieces| text_with_terms(pieces, &terms))
        .collect();
    let g = input.gazetteer.build(&texts);

    let mut looped = Vec::new();
    for text in &texts {
        let matches = g.find(text);
        check(&g, text, &matches);
        let mut appended = g.find("");
        assert!(appended.is_empty());
        appended.push(matches.first().copied().unwrap_or(Match {
            start: 0,
            end: 0,
            word_start: 0,
            start_char: 0,
            end_char: 0,
            word_start_char: 0,
            entry: 0,
            exact: false,
        }));
        g.find_into(text, &mut appended);
        assert_eq!(&appended[1..], &matches[..]);
        looped.push(matches);
    }
    for threads in [2, 3] {
        let batch = parallel::map(&texts, Some(threads), |t| g.find(t)).unwrap();
        assert_eq!(
            batch, looped,
            "batch on {threads} threads differs from the loop"
        );
    }
});
