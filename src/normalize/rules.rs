//! What each option does to a character: the one definition of the options, from which the
//! per-character tables of every pass are compiled (`table.rs`). The context rules, the only two
//! that look beyond one character, are here too: white space collapses to one space and goes at
//! both ends, and a ZWJ stays only between two emoji ([`zwj_joins`]).

use super::options::Options;
use crate::text::{
    is_control, is_diacritic, is_double_quote, is_emoji, is_presentation_form, is_single_quote,
    is_white_space, TATWEEL, ZWJ,
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
