//! What each option does to a character: the one definition of the options, from which the
//! per-character tables of every pass are compiled (`table.rs`). The context rules, the only
//! three that look beyond one character, are here too: white space collapses to one space and
//! goes at both ends, a ZWJ stays only between two emoji ([`zwj_joins`]), and `elongation`
//! collapses runs of a letter ([`elongation_drops`]).

use super::options::Options;
use crate::text::{
    is_arabic_letter, is_control, is_diacritic, is_double_quote, is_emoji, is_presentation_form,
    is_single_quote, is_white_space, TATWEEL, ZWJ,
};
use unicode_normalization::UnicodeNormalization;

/// The action for one character, before it is packed into the table.
pub(crate) enum Action {
    Keep,
    Delete,
    Space,
    ZwjContext,
    Replace(String),
}

/// The base letters of an Arabic presentation form or ligature.
fn presentation_letters(c: char) -> String {
    match c {
        // ﷽ has no compatibility decomposition in Unicode; spell it out.
        '\u{FDFD}' => "بسم الله الرحمن الرحيم".to_string(),
        _ => {
            let s: String = std::iter::once(c).nfkc().collect();
            // The isolated forms of the harakat (U+FE70..) decompose to a space and the mark:
            // keep only the mark, so a spacing form never turns into white space.
            s.trim_matches(' ').to_string()
        }
    }
}

fn lookalike(c: char) -> char {
    match c {
        'ک' | 'ڪ' => 'ك',
        'ی' | 'ې' | 'ۍ' | 'ے' => 'ي',
        'ۓ' => 'ئ',
        'ھ' | 'ہ' | 'ە' | 'ۀ' | 'ۂ' => 'ه',
        'ۃ' => 'ة',
        'ٮ' => 'ب',
        'ٯ' => 'ق',
        'ں' => 'ن',
        'ٶ' => 'ؤ',
        'ٸ' => 'ئ',
        _ => c,
    }
}

fn alef(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' | 'ٵ' | '\u{0773}' | '\u{0774}' => 'ا',
        _ => c,
    }
}

fn hamza(c: char) -> char {
    match c {
        'ؤ' => 'و',
        'ئ' => 'ي',
        _ => c,
    }
}

fn digit(c: char) -> char {
    match c as u32 {
        0x0660..=0x0669 => char::from(b'0' + (c as u32 - 0x0660) as u8),
        0x06F0..=0x06F9 => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    }
}

fn punctuation(c: char) -> char {
    match c {
        '،' | '٬' => ',',
        '؛' => ';',
        '؟' | '⸮' => '?',
        '٪' => '%',
        '٫' | '۔' => '.',
        _ => c,
    }
}

fn quote(c: char) -> char {
    if is_double_quote(c) {
        '"'
    } else if is_single_quote(c) {
        '\''
    } else {
        c
    }
}

/// Run one character through the folding steps, appending what is left of it to `out`.
fn fold(o: &Options, c: char, out: &mut String) {
    let mut c = c;
    if o.lookalikes {
        c = lookalike(c);
    }
    if o.hamza {
        c = hamza(c);
    }
    if o.alef {
        c = alef(c);
    }
    if o.alef_maqsura && c == 'ى' {
        c = 'ي';
    }
    if o.teh_marbuta && c == 'ة' {
        c = 'ه';
    }
    if o.digits {
        c = digit(c);
    }
    if o.punctuation {
        c = punctuation(c);
    }
    if o.quotes {
        c = quote(c);
    }
    if (o.diacritics && is_diacritic(c)) || (o.tatweel && c == TATWEEL) {
        return;
    }
    if o.controls && is_control(c) {
        return;
    }
    if o.lowercase {
        out.extend(c.to_lowercase());
    } else {
        out.push(c);
    }
}

pub(crate) fn options_action(o: &Options, c: char) -> Action {
    if o.controls && c == ZWJ {
        return Action::ZwjContext;
    }
    if o.controls && is_control(c) {
        return Action::Delete;
    }
    if o.whitespace && is_white_space(c) {
        return Action::Space;
    }
    let mut out = String::new();
    if o.presentation_forms && is_presentation_form(c) {
        for p in presentation_letters(c).chars() {
            fold(o, p, &mut out);
        }
    } else {
        fold(o, c, &mut out);
    }
    Action::Replace(out)
}

/// Whether a ZWJ stays under the `controls` option: when the character before it (past emoji
/// modifiers) and the one after it are both emoji ([`is_emoji`]).
#[inline]
pub(crate) fn zwj_joins(before: Option<char>, after: Option<char>) -> bool {
    before.is_some_and(is_emoji) && after.is_some_and(is_emoji)
}

/// No character: what [`elongation_drops`] is given before the first and after the last.
pub(crate) const NO_CHAR: u32 = u32::MAX;

/// The `elongation` rule, for the output of every other option: whether the character `c` (a
/// code point) goes, given the two characters before it and the one after it ([`NO_CHAR`] past
/// either end). Every maximal run of three or more of the same Arabic letter ([`is_arabic_letter`]:
/// the letters of the Arabic, Arabic Supplement and Extended-A/B blocks, no presentation forms)
/// keeps its first letter; a pair stays. So a character goes when it repeats the one before it
/// and the run it is in has three letters: with the one before that, or with the one after.
///
/// Only the characters that are output count: a removed diacritic, tatweel or control between
/// two letters does not break a run, a kept one does, and letters that other options fold to
/// the same letter (أ and ا under `alef`) make one run. Latin letters, digits and every other
/// character never collapse (`www`, `III`, `1000`).
#[inline]
pub(crate) fn elongation_drops(two_before: u32, before: u32, c: u32, after: u32) -> bool {
    before == c
        && (two_before == c || after == c)
        && char::from_u32(c).is_some_and(is_arabic_letter)
}

/// Apply `elongation` to `out[from..]` in place.
pub(crate) fn collapse_elongation(out: &mut String, from: usize) {
    if !may_repeat_a_letter(&out.as_bytes()[from..]) {
        return;
    }
    let (mut two_before, mut before) = (NO_CHAR, NO_CHAR);
    let mut chars = out[from..].char_indices().peekable();
    // Most texts have no run to collapse: look for the first character to drop.
    let mut first = None;
    while let Some((at, c)) = chars.next() {
        let after = chars.peek().map_or(NO_CHAR, |&(_, next)| u32::from(next));
        if elongation_drops(two_before, before, u32::from(c), after) {
            first = Some(from + at);
            break;
        }
        (two_before, before) = (before, u32::from(c));
    }
    let Some(first) = first else {
        return;
    };
    let rest = out.split_off(first);
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        let after = chars.peek().map_or(NO_CHAR, |&next| u32::from(next));
        if !elongation_drops(two_before, before, u32::from(c), after) {
            out.push(c);
        }
        (two_before, before) = (before, u32::from(c));
    }
}

/// Whether UTF-8 `bytes` may hold three equal characters of two or three bytes in a row (every
/// letter of [`elongation_drops`] is one of those): the same two bytes three times, or the same
/// three. Sixteen positions at a time without an early exit, so the test is vectorized.
fn may_repeat_a_letter(bytes: &[u8]) -> bool {
    let triple = |b: &[u8], i: usize| {
        (b[i] == b[i + 2] && b[i] == b[i + 4] && b[i + 1] == b[i + 3] && b[i + 1] == b[i + 5])
            || (b[i..i + 3] == b[i + 3..i + 6] && b[i..i + 3] == b[i + 6..i + 9])
    };
    const BLOCK: usize = 16;
    let mut at = 0;
    while at + BLOCK + 8 <= bytes.len() {
        let block: &[u8; BLOCK + 8] = bytes[at..at + BLOCK + 8].try_into().expect("a block");
        let mut any = false;
        for i in 0..BLOCK {
            any |= triple(block, i);
        }
        if any {
            return true;
        }
        at += BLOCK;
    }
    // The rest: a two-byte triple needs 6 bytes, a three-byte one 9.
    (at..bytes.len()).any(|i| {
        let b = &bytes[i..];
        (b.len() >= 6 && b[0] == b[2] && b[0] == b[4] && b[1] == b[3] && b[1] == b[5])
            || (b.len() >= 9 && b[..3] == b[3..6] && b[..3] == b[6..9])
    })
}

/// The options applied as they are defined, one character at a time from [`options_action`]
/// with the two context rules, and nothing else: the reference every pass is tested against.
#[cfg(test)]
pub(crate) fn reference(o: &Options, text: &str) -> String {
    use crate::text::is_emoji_modifier;
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut pending_space = false;
    let write = |out: &mut String, pending: &mut bool, s: &str| {
        if s.is_empty() {
            return;
        }
        if std::mem::take(pending) && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(s);
    };
    for (i, &c) in chars.iter().enumerate() {
        match options_action(o, c) {
            Action::Keep => write(&mut out, &mut pending_space, c.encode_utf8(&mut [0; 4])),
            Action::Delete => {}
            Action::Space => pending_space = true,
            Action::ZwjContext => {
                let before = out.chars().rev().find(|&b| !is_emoji_modifier(b));
                if !pending_space && zwj_joins(before, chars.get(i + 1).copied()) {
                    out.push(ZWJ);
                }
            }
            Action::Replace(s) => write(&mut out, &mut pending_space, &s),
        }
    }
    if o.elongation {
        // On the whole output, character by character.
        let chars: Vec<u32> = out.chars().map(u32::from).collect();
        let at = |i: usize| chars.get(i).copied().unwrap_or(NO_CHAR);
        out = (0..chars.len())
            .filter(|&i| {
                let two_before = i.checked_sub(2).map_or(NO_CHAR, at);
                let before = i.checked_sub(1).map_or(NO_CHAR, at);
                !elongation_drops(two_before, before, chars[i], at(i + 1))
            })
            .filter_map(|i| char::from_u32(chars[i]))
            .collect();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fast::tests::{options, text};
    use crate::normalize::{Normalizer, OPTION_NAMES};
    use proptest::prelude::*;

    /// Every pass of a normalizer with options `o` on `text`, checked against the reference.
    fn check_every_pass(o: &Options, text: &str) {
        let n = Normalizer::new(*o);
        let expected = reference(o, text);
        // the fast pass (normalize, normalize_batch, the Arrow path)
        assert_eq!(
            n.normalize(text),
            expected,
            "fast pass on {text:?} with {o:?}"
        );
        // the aligned pass
        assert_eq!(n.align(text).text(), expected, "aligned pass on {text:?}");
        // the passes over PEP 393 strings of one and two bytes per character
        let units: Vec<u32> = text.chars().map(u32::from).collect();
        let mut out = Vec::new();
        if units.iter().all(|&u| u <= 0xFFFF) {
            let units: Vec<u16> = units.iter().map(|&u| u as u16).collect();
            if let Some(result) = n.normalize_units(&units, &mut out) {
                result.expect("no surrogates");
                let out = String::from_utf16(&out).unwrap();
                assert_eq!(out, expected, "two-byte pass on {text:?}");
            }
        }
        if units.iter().all(|&u| u <= 0xFF) {
            let units: Vec<u8> = units.iter().map(|&u| u as u8).collect();
            if let Some(result) = n.normalize_units(&units, &mut out) {
                result.expect("no surrogates");
                let out = String::from_utf16(&out).unwrap();
                assert_eq!(out, expected, "one-byte pass on {text:?}");
            }
        }
        // the gazetteer's per-character fold, on a text without white space or emoji context
        if !text.chars().any(|c| is_white_space(c) || c == ZWJ) {
            let mut folded = String::from("ي");
            for c in text.chars() {
                n.fold_word_char(c, &mut folded);
            }
            n.finish_word(&mut folded, "ي".len());
            assert_eq!(
                &folded["ي".len()..],
                expected,
                "per-character fold on {text:?}"
            );
        }
    }

    const EDGE_CASES: [&str; 12] = [
        "",
        "  \n\t ",
        " \u{064E} ",
        "  أحمد\u{00A0}\u{00A0}ى ",
        "👍\u{1F3FD}\u{200D}😀 x",
        "👍 \u{200D}😀",
        "ب\u{200D}",
        "→\u{200D}← ↔\u{200D}↕",
        "ﷲ ﷽ ﻻ",
        "İSTANBUL 𐐀",
        "«نعم» ＂لا＂ ‹هنا›",
        "وَزارةُ  الصحّة\u{200F} ",
    ];

    #[test]
    fn the_reference_on_hand_written_cases() {
        let mut o = Options::none();
        o.whitespace = true;
        o.diacritics = true;
        o.controls = true;
        assert_eq!(reference(&o, "  وَ  \u{064E} ب "), "و ب");
        let emoji = "👩\u{200D}💻 ب\u{200D}ب → \u{200D}← 👍 \u{200D}😀";
        assert_eq!(reference(&o, emoji), "👩\u{200D}💻 بب → ← 👍 😀");
        o.quotes = true;
        assert_eq!(reference(&o, "«نعم» ＂لا＂"), "\"نعم\" \"لا\"");
    }

    #[test]
    fn runs_are_found_wherever_they_are() {
        // two- and three-byte letters, at every offset around the scan's blocks, and a pair
        let mut o = Options::none();
        o.elongation = true;
        let n = Normalizer::new(o);
        for letter in ['ب', 'ڤ', '\u{08A0}'] {
            for before in 0..40 {
                let pad = "x".repeat(before);
                let run: String = std::iter::repeat_n(letter, 3).collect();
                let text = format!("{pad}{run}ة");
                let expected = format!("{pad}{letter}ة");
                assert_eq!(n.normalize(&text), expected, "{text:?}");
                assert_eq!(reference(&o, &text), expected);
                check_every_pass(&o, &text);
                let pair = format!("{pad}{letter}{letter}");
                assert_eq!(n.normalize(&pair), pair);
            }
        }
    }

    #[test]
    fn every_pass_agrees_with_the_reference_on_each_option_alone_and_all() {
        let mut sets = vec![Options::none()];
        let mut all = Options::none();
        for name in OPTION_NAMES {
            let mut one = Options::none();
            one.set(name, true).unwrap();
            sets.push(one);
            all.set(name, true).unwrap();
        }
        sets.push(all);
        for o in &sets {
            for text in EDGE_CASES {
                check_every_pass(o, text);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn every_pass_agrees_with_the_reference_on_every_option_set(
            o in options(),
            texts in prop::collection::vec(text(), 1..12),
        ) {
            for text in EDGE_CASES.iter().copied().chain(texts.iter().map(String::as_str)) {
                check_every_pass(&o, text);
            }
        }
    }
}
