//! Splitting text into word units: words and single other characters, with the characters
//! between them that are neither.
//!
//! A word is a maximal run of word characters ([`is_word_char`]: letters and numbers of any
//! script, combining marks, tatweel); an invisible control inside a word ([`is_control`], ZWNJ
//! and ZWJ among them) stays in it, one after its last letter does not. White space, quotes and
//! controls between words separate units without being one ([`is_separator`]), so
//! `تنظيم “الدولة”` is the two words of `تنظيم الدولة`. Every other character is a unit of its
//! own, so a gazetteer term never matches across a comma or a dot.
//!
//! There is one scanner, generic over a per-character fold: [`for_each_folded_unit`] hands each
//! unit over together with its characters run through the fold (for the gazetteer, its
//! normalizer), in the same pass; [`for_each_unit`] is the same scan with a fold that writes
//! nothing.

use super::classes::{is_control, is_quote, is_white_space, is_word_char};

/// Characters that separate units without being one: white space, quotes and controls.
#[inline]
pub(crate) fn is_separator(c: char) -> bool {
    is_white_space(c) || is_quote(c) || is_control(c)
}

/// One unit of a text: its span in the original, in bytes and in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) start_char: usize,
    pub(crate) end_char: usize,
    pub(crate) is_word: bool,
}

/// The word unit from `(byte, code point)` `start` to `end`.
#[inline(always)]
fn word((start, start_char): (usize, usize), (end, end_char): (usize, usize)) -> Unit {
    Unit {
        start,
        end,
        start_char,
        end_char,
        is_word: true,
    }
}

/// Call `f` with every unit of `text`, in order, and what `fold` wrote for its characters: `fold(c,
/// buf)` appends the folded form of `c` to `buf`, `finish(buf, at)` then rewrites the unit's
/// folded form `buf[at..]` as a whole (for a rule that looks at the characters around, such as
/// the normalizer's `elongation`), and `f(unit, folded, at)` gets the unit's folded form, which
/// is `buf[at..]`. The folded forms pile up in `buf`, one after the other, so a caller can keep
/// them there; the folded forms of the controls after a word's last letter are cut off again
/// (before `finish`), as the controls are not part of the word.
#[inline(always)]
pub(crate) fn for_each_folded_unit(
    text: &str,
    buf: &mut String,
    mut fold: impl FnMut(char, &mut String),
    mut finish: impl FnMut(&mut String, usize),
    mut f: impl FnMut(Unit, &str, usize),
) {
    // (byte, code point) where the current word starts
    let mut word_start: Option<(usize, usize)> = None;
    // The end of the last word character: a control after a word is not part of it.
    let (mut word_end, mut word_end_char) = (0, 0);
    // Where the current word's folded form starts in `buf`, and its length at `word_end`.
    let (mut folded_start, mut folded_end) = (buf.len(), buf.len());
    for (n, (pos, c)) in text.char_indices().enumerate() {
        if is_word_char(c) {
            if word_start.is_none() {
                word_start = Some((pos, n));
                folded_start = buf.len();
            }
            fold(c, buf);
            word_end = pos + c.len_utf8();
            word_end_char = n + 1;
            folded_end = buf.len();
            continue;
        }
        if word_start.is_some() && is_control(c) {
            // ZWNJ and friends inside a word: the word goes on.
            fold(c, buf);
            continue;
        }
        if let Some(start) = word_start.take() {
            buf.truncate(folded_end);
            finish(buf, folded_start);
            f(
                word(start, (word_end, word_end_char)),
                &buf[folded_start..],
                folded_start,
            );
        }
        if !is_separator(c) {
            let at = buf.len();
            fold(c, buf);
            finish(buf, at);
            f(
                Unit {
                    start: pos,
                    end: pos + c.len_utf8(),
                    start_char: n,
                    end_char: n + 1,
                    is_word: false,
                },
                &buf[at..],
                at,
            );
        }
    }
    if let Some(start) = word_start {
        buf.truncate(folded_end);
        finish(buf, folded_start);
        f(
            word(start, (word_end, word_end_char)),
            &buf[folded_start..],
            folded_start,
        );
    }
}

/// Call `f` with every unit of `text`, in order.
#[inline]
pub(crate) fn for_each_unit(text: &str, mut f: impl FnMut(Unit)) {
    let mut nothing = String::new();
    for_each_folded_unit(text, &mut nothing, |_, _| {}, |_, _| {}, |u, _, _| f(u));
}

/// The units of `text` as strings (used for terms, which are short).
pub(crate) fn unit_strs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for_each_unit(text, |u| out.push(&text[u.start..u.end]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{Normalizer, Options, OPTION_NAMES};
    use proptest::prelude::*;

    /// The units of `text` and each unit normalized on its own.
    fn scan_then_normalize(text: &str, n: &Normalizer) -> Vec<(Unit, String)> {
        let mut out = Vec::new();
        for_each_unit(text, |u| out.push((u, n.normalize(&text[u.start..u.end]))));
        out
    }

    fn folded_scan(text: &str, n: &Normalizer) -> Vec<(Unit, String)> {
        let mut out = Vec::new();
        let mut buf = String::new();
        for_each_folded_unit(
            text,
            &mut buf,
            |c, b| n.fold_word_char(c, b),
            |b, at| n.finish_word(b, at),
            |u, folded, _| out.push((u, folded.to_string())),
        );
        out
    }

    /// The normalizers that fold character by character: the presets, and option sets.
    fn normalizers() -> Vec<Normalizer> {
        let mut out: Vec<Normalizer> = [
            "search",
            "light",
            "default",
            "camel_arclean",
            "camel_dediac",
        ]
        .iter()
        .map(|p| Normalizer::preset(p).unwrap())
        .collect();
        let mut lower = Options::none();
        lower.lowercase = true;
        out.push(Normalizer::new(lower));
        out.retain(|n| n.folds_by_char());
        out
    }

    #[test]
    fn folding_in_one_pass_equals_normalizing_each_unit() {
        let text = "قال “الـدولة”، ﷺ ﻻ دِمَشْقُ\u{200F} مي\u{200C}خواهم ABC؟ ٣٫٥ 👩\u{200D}💻 ﷽";
        for n in normalizers() {
            assert_eq!(folded_scan(text, &n), scan_then_normalize(text, &n));
        }
    }

    /// Characters that exercise every branch of the scan and of the fold.
    fn text_char() -> impl Strategy<Value = char> {
        prop::sample::select(vec![
            'ب',
            'ة',
            'أ',
            'ى',
            'ؤ',
            'ک',
            'ـ',
            '\u{064E}',
            '\u{0651}',
            '\u{0670}',
            'ﻻ',
            'ﷺ',
            '٣',
            '7',
            'A',
            'z',
            'É',
            ' ',
            '\u{00A0}',
            '\n',
            '\x1C',
            '“',
            '»',
            '\'',
            '`',
            '،',
            '.',
            '\u{200C}',
            '\u{200D}',
            '\u{200F}',
            '\u{FEFF}',
            '😀',
            '\u{1F3FD}',
            '\u{FE0F}',
            '→',
            '\u{10EFD}',
            'Ω',
        ])
    }

    proptest! {
        #[test]
        fn folded_scan_equals_scan_then_normalize(
            chars in prop::collection::vec(text_char(), 0..40),
            // the option bits of OPTION_NAMES, one normalizer per draw
            bits in any::<u32>(),
        ) {
            let text: String = chars.into_iter().collect();
            let mut options = Options::none();
            for (i, name) in OPTION_NAMES.iter().enumerate() {
                if bits & (1 << i) != 0 {
                    options.set(name, true).unwrap();
                }
            }
            let n = Normalizer::new(options);
            prop_assume!(n.folds_by_char());
            prop_assert_eq!(folded_scan(&text, &n), scan_then_normalize(&text, &n));
            // a word, or the rest of one after a proclitic, folds as it normalizes
            let mut words = Vec::new();
            for_each_unit(&text, |u| if u.is_word { words.push(&text[u.start..u.end]) });
            for word in words {
                for (at, _) in word.char_indices() {
                    let mut folded = String::new();
                    n.normalize_word_into(&word[at..], &mut folded);
                    prop_assert_eq!(folded, n.normalize(&word[at..]));
                }
            }
        }

        #[test]
        fn units_are_in_order_and_never_split_a_word(
            chars in prop::collection::vec(text_char(), 0..40),
        ) {
            let text: String = chars.into_iter().collect();
            let mut last = 0;
            for_each_unit(&text, |u| {
                assert!(u.start >= last && u.end > u.start);
                assert_eq!(text[..u.start].chars().count(), u.start_char);
                assert_eq!(text[..u.end].chars().count(), u.end_char);
                let s = &text[u.start..u.end];
                if u.is_word {
                    assert!(s.chars().next().is_some_and(is_word_char));
                    assert!(s.chars().last().is_some_and(is_word_char));
                } else {
                    assert_eq!(s.chars().count(), 1);
                    assert!(!is_separator(s.chars().next().unwrap()));
                }
                // the characters skipped before a unit are separators
                assert!(text[last..u.start].chars().all(is_separator));
                last = u.end;
            });
            assert!(text[last..].chars().all(|c| is_separator(c) || is_control(c)));
        }
    }

    #[test]
    fn quotes_and_spaces_separate_words() {
        assert_eq!(unit_strs("تنظيم “الدولة”"), vec!["تنظيم", "الدولة"]);
        assert_eq!(unit_strs("دمشق، حلب."), vec!["دمشق", "،", "حلب", "."]);
        assert_eq!(
            unit_strs("الـدولة\u{00A0}الإسلامية"),
            vec!["الـدولة", "الإسلامية"]
        );
        assert_eq!(unit_strs("مي\u{200C}خواهم"), vec!["مي\u{200C}خواهم"]);
        assert_eq!(unit_strs("دمشق\u{200F} "), vec!["دمشق"]);
        // Decision: U+001C-U+001F are not White_Space, so each is a unit of its own and a
        // term never matches across one.
        assert_eq!(unit_strs("حلب\x1Cدمشق"), vec!["حلب", "\x1C", "دمشق"]);
    }
}
