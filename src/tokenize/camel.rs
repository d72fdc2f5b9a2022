//! camel_tools 1.6 `simple_word_tokenize`, token for token.
//!
//! camel_tools splits the text on white space (`str.split()`), then walks each word: where its
//! emoji/symbol regular expression matches a string that is in its symbol set, the match is a
//! token and ends the word piece before it. The expression is (UTS #51, ordered alternatives):
//!
//! ```text
//! RI RI  |  Emoji (EMod | FE0F 20E3? | tag+ E007F)? (ZWJ element)*  |  \p{S}  |  \p{P}
//! ```
//!
//! where an element is `RI RI | Emoji (EMod | FE0F 20E3? | tag+ E007F)?`: a flag is never
//! continued by a ZWJ, but a sequence that starts with any other emoji is.
//!
//! (its keycap alternative `[0-9*#]\u20e3` is never reached: those characters are `\p{Emoji}`).
//! The character properties and the symbol set are tables generated from camel_tools itself.

use super::camel_tables::{EMOJI, EMOJI_MODIFIER, PUNCT_SYMBOL, SEQUENCES, SINGLE_SYMBOLS};
use super::scanner::char_at;
use super::{Kind, Token};
use crate::text::{
    in_ranges, is_digit, is_emoji_presentation, is_extended_pictographic, is_punctuation,
    is_python_space, is_regional_indicator, ZWJ,
};

use std::sync::OnceLock;

/// One element of the emoji alternative at `i`, within `word_end`.
fn element(text: &str, i: usize, word_end: usize) -> Option<usize> {
    let at = |j: usize| (j < word_end).then(|| char_at(text, j)).flatten();
    let c = at(i)?;
    let mut j = i + c.len_utf8();
    if is_regional_indicator(c) {
        if let Some(n) = at(j).filter(|&n| is_regional_indicator(n)) {
            return Some(j + n.len_utf8());
        }
    }
    if !in_ranges(c, EMOJI) {
        return None;
    }
    match at(j) {
        Some(m) if in_ranges(m, EMOJI_MODIFIER) => j += m.len_utf8(),
        Some('\u{FE0F}') => {
            j += 3;
            if at(j) == Some('\u{20E3}') {
                j += 3;
            }
        }
        Some('\u{E0020}'..='\u{E007E}') => {
            let mut k = j;
            while let Some(t @ '\u{E0020}'..='\u{E007E}') = at(k) {
                k += t.len_utf8();
            }
            if at(k) == Some('\u{E007F}') {
                j = k + 4;
            }
        }
        _ => {}
    }
    Some(j)
}

fn is_flag(text: &str, i: usize, end: usize) -> bool {
    let mut chars = text[i..end].chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(a), Some(b), None)
        if is_regional_indicator(a) && is_regional_indicator(b))
}

/// Whether the symbol expression can match at `c`: one bit per character below U+0800 (the
/// letters of most words), the Unicode tables above.
#[inline]
fn may_start_symbol(c: char) -> bool {
    const SIZE: usize = 0x800;
    static BITS: OnceLock<Vec<u64>> = OnceLock::new();
    let cp = c as usize;
    if cp >= SIZE {
        return true;
    }
    let bits = BITS.get_or_init(|| {
        let mut bits = vec![0u64; SIZE / 64];
        for (cp, c) in (0..SIZE as u32).filter_map(|cp| Some((cp as usize, char::from_u32(cp)?))) {
            if in_ranges(c, EMOJI) || in_ranges(c, PUNCT_SYMBOL) || is_regional_indicator(c) {
                bits[cp / 64] |= 1 << (cp % 64);
            }
        }
        bits
    });
    bits[cp / 64] & (1 << (cp % 64)) != 0
}

/// The end of camel_tools' symbol expression matched at `i`, if it matches.
fn symbol_match(text: &str, i: usize, word_end: usize) -> Option<usize> {
    if let Some(mut end) = element(text, i, word_end) {
        if is_flag(text, i, end) {
            return Some(end);
        }
        while end < word_end && text[end..].starts_with(ZWJ) {
            match element(text, end + ZWJ.len_utf8(), word_end) {
                Some(next) => end = next,
                None => break,
            }
        }
        return Some(end);
    }
    let c = char_at(text, i)?;
    in_ranges(c, PUNCT_SYMBOL).then(|| i + c.len_utf8())
}

/// Whether camel_tools splits off `s`: it is in its `_SYMBOLS_ALL` set.
fn is_symbol(s: &str) -> bool {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => in_ranges(c, SINGLE_SYMBOLS),
        _ => SEQUENCES.binary_search(&s).is_ok(),
    }
}

fn symbol_kind(s: &str) -> Kind {
    let c = s.chars().next().unwrap_or(' ');
    if s.len() > c.len_utf8() || is_emoji_presentation(c) || is_regional_indicator(c) {
        Kind::Emoji
    } else if is_punctuation(c) {
        Kind::Punct
    } else if is_extended_pictographic(c) && c as u32 >= 0x2600 {
        Kind::Emoji
    } else {
        Kind::Symbol
    }
}

fn piece_kind(s: &str) -> Kind {
    if s.chars().all(is_digit) {
        Kind::Number
    } else {
        Kind::Word
    }
}

/// Cut one white-space-free word `[start, end)`.
fn split_word(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let mut piece = start;
    let mut i = start;
    while i < end {
        let c = char_at(text, i).unwrap_or(' ');
        if !may_start_symbol(c) {
            i += c.len_utf8();
            continue;
        }
        if let Some(m) = symbol_match(text, i, end) {
            if is_symbol(&text[i..m]) {
                if i != piece {
                    let kind = piece_kind(&text[piece..i]);
                    out.push(Token::new(piece, i, kind));
                }
                let kind = symbol_kind(&text[i..m]);
                out.push(Token::new(i, m, kind));
                i = m;
                piece = m;
                continue;
            }
        }
        i += char_at(text, i).map_or(1, char::len_utf8);
    }
    if piece < end {
        let kind = piece_kind(&text[piece..end]);
        out.push(Token::new(piece, end, kind));
    }
}

/// Cut `text` as camel_tools does, appending to `out`.
pub(super) fn scan(text: &str, out: &mut Vec<Token>) {
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if is_python_space(c) {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        while let Some(c) = char_at(text, i).filter(|&c| !is_python_space(c)) {
            i += c.len_utf8();
        }
        split_word(text, start, i, out);
    }
}
