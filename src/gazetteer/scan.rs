//! Splitting text into the units a gazetteer matches: words and single punctuation marks.
//!
//! A word is a maximal run of word characters (letters and digits of any script, combining
//! marks, tatweel; an invisible control inside a word stays in it). White space, quotes,
//! invisible controls and anything that normalizes to nothing separate units without being
//! one, so `تنظيم “الدولة”` and `الـدولة` match the terms `تنظيم الدولة` and `الدولة`. Every
//! other character is a unit of its own, so a term never matches across a comma or a dot.

use crate::chars::is_word_char;
use crate::normalize::{is_control, Normalizer};

/// Quotation marks, which never break a name: `تنظيم “الدولة”` is the term `تنظيم الدولة`.
pub(crate) fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '«'
            | '»'
            | '“'
            | '”'
            | '„'
            | '‟'
            | '‘'
            | '’'
            | '‚'
            | '‛'
            | '‹'
            | '›'
            | '＂'
    )
}

/// Characters that separate units without being one.
pub(crate) fn is_transparent(c: char) -> bool {
    c.is_whitespace() || is_quote(c) || is_control(c) || c == '\u{200D}'
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

/// Call `f` with every unit of `text`, in order.
#[inline]
pub(crate) fn for_each_unit(text: &str, mut f: impl FnMut(Unit)) {
    // (byte, code point) where the current word starts
    let mut word_start: Option<(usize, usize)> = None;
    // The end of the last word character: a control after a word is not part of it.
    let (mut word_end, mut word_end_char) = (0, 0);
    for (n, (pos, c)) in text.char_indices().enumerate() {
        if is_word_char(c) {
            if word_start.is_none() {
                word_start = Some((pos, n));
            }
            word_end = pos + c.len_utf8();
            word_end_char = n + 1;
            continue;
        }
        if word_start.is_some() && (is_control(c) || c == '\u{200D}') {
            // ZWNJ and friends inside a word: the normalizer removes them, the word goes on.
            continue;
        }
        if let Some((start, start_char)) = word_start.take() {
            f(Unit {
                start,
                end: word_end,
                start_char,
                end_char: word_end_char,
                is_word: true,
            });
        }
        if !is_transparent(c) {
            f(Unit {
                start: pos,
                end: pos + c.len_utf8(),
                start_char: n,
                end_char: n + 1,
                is_word: false,
            });
        }
    }
    if let Some((start, start_char)) = word_start {
        f(Unit {
            start,
            end: word_end,
            start_char,
            end_char: word_end_char,
            is_word: true,
        });
    }
}

/// Call `f` with every unit of `text` and its normalization, in one pass: each character is
/// classified and folded as it is read. Gives the same as [`for_each_unit`] followed by
/// `normalizer.normalize_into` of each unit, for every normalizer that folds character by
/// character (see `Normalizer::folds_by_char`).
#[inline]
pub(crate) fn for_each_folded_unit(
    text: &str,
    normalizer: &Normalizer,
    buf: &mut String,
    mut f: impl FnMut(Unit, &str),
) {
    let mut word_start: Option<(usize, usize)> = None;
    let (mut word_end, mut word_end_char) = (0, 0);
    // The folded length at `word_end`: controls after the last letter are not part of the word.
    let mut folded_end = 0;
    for (n, (pos, c)) in text.char_indices().enumerate() {
        if is_word_char(c) {
            if word_start.is_none() {
                word_start = Some((pos, n));
                buf.clear();
            }
            normalizer.fold_word_char(c, buf);
            word_end = pos + c.len_utf8();
            word_end_char = n + 1;
            folded_end = buf.len();
            continue;
        }
        if word_start.is_some() && (is_control(c) || c == '\u{200D}') {
            normalizer.fold_word_char(c, buf);
            continue;
        }
        if let Some((start, start_char)) = word_start.take() {
            buf.truncate(folded_end);
            f(
                Unit {
                    start,
                    end: word_end,
                    start_char,
                    end_char: word_end_char,
                    is_word: true,
                },
                buf,
            );
        }
        if !is_transparent(c) {
            buf.clear();
            normalizer.fold_word_char(c, buf);
            f(
                Unit {
                    start: pos,
                    end: pos + c.len_utf8(),
                    start_char: n,
                    end_char: n + 1,
                    is_word: false,
                },
                buf,
            );
        }
    }
    if let Some((start, start_char)) = word_start {
        buf.truncate(folded_end);
        f(
            Unit {
                start,
                end: word_end,
                start_char,
                end_char: word_end_char,
                is_word: true,
            },
            buf,
        );
    }
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

    #[test]
    fn folding_in_one_pass_equals_normalizing_each_unit() {
        let text = "قال “الـدولة”، ﷺ ﻻ دِمَشْقُ\u{200F} مي\u{200C}خواهم ABC؟ ٣٫٥ 👩\u{200D}💻 ﷽";
        for preset in [
            "search",
            "light",
            "default",
            "camel_arclean",
            "camel_dediac",
        ] {
            let n = Normalizer::preset(preset).unwrap();
            let mut expected = Vec::new();
            for_each_unit(text, |u| {
                expected.push((u, n.normalize(&text[u.start..u.end])));
            });
            let mut got = Vec::new();
            let mut buf = String::new();
            for_each_folded_unit(text, &n, &mut buf, |u, folded| {
                got.push((u, folded.to_string()))
            });
            assert_eq!(got, expected, "{preset}");
        }
        let mut off = crate::normalize::Options::none();
        off.lowercase = true;
        let n = Normalizer::new(off);
        let mut expected = Vec::new();
        for_each_unit(text, |u| {
            expected.push((u, n.normalize(&text[u.start..u.end])))
        });
        let mut got = Vec::new();
        let mut buf = String::new();
        for_each_folded_unit(text, &n, &mut buf, |u, folded| {
            got.push((u, folded.to_string()))
        });
        assert_eq!(got, expected);
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
    }
}
