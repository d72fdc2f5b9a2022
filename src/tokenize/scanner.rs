//! The default rules: one left-to-right pass that decides each token by its first character and
//! a short look-ahead.

use super::web;
use super::{Kind, Token};
pub(super) use crate::text::{char_at, skip_while};
use crate::text::{
    is_arabic_script, is_control, is_digit, is_emoji, is_emoji_modifier, is_emoji_presentation,
    is_extend, is_mark, is_punctuation, is_python_space, is_regional_indicator, is_word_char,
    TATWEEL, ZWJ,
};
use std::sync::OnceLock;

/// What a character is to the scanner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Space,
    ArabicLetter,
    OtherLetter,
    Digit,
    Mark,
    Tatweel,
    Control,
    Emoji,
    Punct,
    Symbol,
}

impl Class {
    fn of(c: char) -> Class {
        if is_python_space(c) {
            Class::Space
        } else if is_control(c) {
            Class::Control
        } else if is_digit(c) {
            Class::Digit
        } else if c == TATWEEL {
            Class::Tatweel
        } else if is_mark(c) {
            Class::Mark
        } else if is_word_char(c) {
            if is_arabic_script(c) {
                Class::ArabicLetter
            } else {
                Class::OtherLetter
            }
        } else if is_emoji(c) {
            Class::Emoji
        } else if is_punctuation(c) {
            Class::Punct
        } else {
            Class::Symbol
        }
    }

    fn is_letter(self) -> bool {
        matches!(
            self,
            Class::ArabicLetter | Class::OtherLetter | Class::Mark | Class::Tatweel
        )
    }
}

/// Characters below this are classified by a table; the rest (rarer) by the Unicode tables.
/// It reaches past U+2000 for the quotes, dashes and symbols of news text.
const TABLE_SIZE: usize = 0x3000;

/// The class of `c`: one table look-up for Latin, Arabic, the other scripts below U+0800 and
/// the punctuation and symbols up to U+3000.
#[inline(always)]
pub(super) fn class(c: char) -> Class {
    static TABLE: OnceLock<Vec<Class>> = OnceLock::new();
    let cp = c as usize;
    if cp < TABLE_SIZE {
        let table = TABLE.get_or_init(|| {
            (0..TABLE_SIZE as u32)
                .map(|cp| char::from_u32(cp).map_or(Class::Symbol, Class::of))
                .collect()
        });
        table[cp]
    } else {
        Class::of(c)
    }
}

/// Cut `text` with the default rules, appending to `out`.
pub(super) fn scan(text: &str, out: &mut Vec<Token>) {
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if is_python_space(c) {
            i += c.len_utf8();
            continue;
        }
        // Invisible controls belong to the token they touch; alone they are a symbol.
        let start = i;
        let first = skip_while(text, i, is_control);
        let (end, kind) = match char_at(text, first) {
            Some(c) if !is_python_space(c) => token_at(text, first, c),
            _ => (first, Kind::Symbol),
        };
        let end = skip_while(text, end, is_control);
        out.push(Token::new(start, end, kind));
        i = end;
    }
}

/// The end and kind of the token that starts with `c` at byte `i`.
#[inline]
fn token_at(text: &str, i: usize, c: char) -> (usize, Kind) {
    if c.is_ascii() {
        return ascii_token_at(text, i, c);
    }
    let kind = match class(c) {
        Class::Digit => return (number(text, i), Kind::Number),
        Class::ArabicLetter | Class::OtherLetter | Class::Mark | Class::Tatweel => {
            return (word(text, i), Kind::Word)
        }
        Class::Emoji => return emoji(text, i),
        Class::Punct => Kind::Punct,
        Class::Space | Class::Control | Class::Symbol => Kind::Symbol,
    };
    (skip_while(text, i + c.len_utf8(), is_extend), kind)
}

fn ascii_token_at(text: &str, i: usize, c: char) -> (usize, Kind) {
    match c {
        'a'..='z' | 'A'..='Z' => latin(text, i),
        '0'..='9' | '#' | '*' if keycap(text, i).is_some() => {
            (keycap(text, i).unwrap_or(i), Kind::Emoji)
        }
        '0'..='9' => match web::email(text, i) {
            Some(end) => (end, Kind::Email),
            None => (number(text, i), Kind::Number),
        },
        '#' | '@' if glued_to_word(text, i) => (i + 1, Kind::Punct),
        '#' => match web::hashtag(text, i) {
            Some(end) => (end, Kind::Hashtag),
            None => (i + 1, Kind::Punct),
        },
        '@' => match web::mention(text, i) {
            Some(end) => (end, Kind::Mention),
            None => (i + 1, Kind::Punct),
        },
        '.' => (skip_while(text, i, |c| c == '.'), Kind::Punct),
        _ => {
            let end = skip_while(text, i + 1, is_extend);
            if is_punctuation(c) {
                (end, Kind::Punct)
            } else {
                (end, Kind::Symbol)
            }
        }
    }
}

/// Whether a Latin letter or digit comes right before `i`: `C#` and `a@b` are not a hashtag or a
/// mention (but the Arabic conjunction in `و#وسم` is a word before one).
fn glued_to_word(text: &str, i: usize) -> bool {
    text[..i]
        .bytes()
        .next_back()
        .is_some_and(|b| b.is_ascii_alphanumeric())
}

/// A token that starts with a Latin letter: a URL, email, bare domain, initialism or word.
fn latin(text: &str, i: usize) -> (usize, Kind) {
    if let Some(end) = web::url(text, i) {
        return (end, Kind::Url);
    }
    if let Some(end) = web::email(text, i) {
        return (end, Kind::Email);
    }
    if let Some(end) = web::domain(text, i) {
        return (end, Kind::Url);
    }
    if let Some(end) = initialism(text, i) {
        return (end, Kind::Word);
    }
    (word(text, i), Kind::Word)
}

/// `U.S.`, `e.g.`: two or more single Latin letters, each followed by a period.
fn initialism(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut j = i;
    let mut letters = 0;
    while j + 1 < bytes.len() && bytes[j].is_ascii_alphabetic() && bytes[j + 1] == b'.' {
        letters += 1;
        j += 2;
    }
    let next_is_letter = char_at(text, j).is_some_and(is_word_char);
    (letters >= 2 && !next_is_letter).then_some(j)
}

/// A word: letters of any script with their marks and tatweel; joiners and controls between
/// letters; an apostrophe between Latin letters. Digits continue a non-Arabic word (`mp3`) but
/// end an Arabic one (`كورونا19` is two tokens).
pub(super) fn word(text: &str, i: usize) -> usize {
    let mut j = i;
    let mut after_arabic = false;
    let mut after_ascii_letter = false;
    while let Some(c) = char_at(text, j) {
        let width = c.len_utf8();
        match class(c) {
            Class::Digit if after_arabic => break,
            Class::Digit => after_ascii_letter = false,
            // marks and tatweel belong to the letter before them
            Class::Mark | Class::Tatweel => {}
            Class::ArabicLetter => {
                after_arabic = true;
                after_ascii_letter = false;
            }
            Class::OtherLetter => {
                if after_arabic && c.is_ascii_alphabetic() && web::url(text, j).is_some() {
                    break; // `وhttps://…`: a conjunction written against a link
                }
                after_arabic = false;
                after_ascii_letter = c.is_ascii_alphabetic();
            }
            Class::Control => {
                if !char_at(text, j + width).is_some_and(|n| class(n).is_letter()) {
                    break;
                }
            }
            _ if c == '\'' || c == '\u{2019}' => {
                let next = char_at(text, j + width);
                if !(after_ascii_letter && next.is_some_and(|n| n.is_ascii_alphabetic())) {
                    break;
                }
            }
            _ => break,
        }
        j += width;
    }
    j
}

/// A number: digits of one system or another with `,` `.` `٫` `٬` `:` `/` between digits.
pub(super) fn number(text: &str, i: usize) -> usize {
    let mut j = skip_while(text, i, is_digit);
    while let Some(sep) = char_at(text, j) {
        if !matches!(sep, ',' | '.' | '\u{066B}' | '\u{066C}' | ':' | '/') {
            break;
        }
        let after = j + sep.len_utf8();
        if !char_at(text, after).is_some_and(is_digit) {
            break;
        }
        j = skip_while(text, after, is_digit);
    }
    skip_while(text, j, is_mark)
}

/// `1️⃣`, `#⃣`: a keycap base, an optional VS16 and U+20E3.
fn keycap(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if !matches!(bytes.get(i), Some(b'0'..=b'9' | b'#' | b'*')) {
        return None;
    }
    let mut j = i + 1;
    if text[j..].starts_with('\u{FE0F}') {
        j += 3;
    }
    text[j..].starts_with('\u{20E3}').then_some(j + 3)
}

/// One emoji of a sequence: a flag (two regional indicators), a keycap, or a pictograph with its
/// variation selector, skin tone and tags.
fn emoji_element(text: &str, i: usize) -> Option<usize> {
    let c = char_at(text, i)?;
    let mut j = i + c.len_utf8();
    if is_regional_indicator(c) {
        return Some(match char_at(text, j) {
            Some(n) if is_regional_indicator(n) => j + n.len_utf8(),
            _ => j,
        });
    }
    if let Some(end) = keycap(text, i) {
        return Some(end);
    }
    if !is_emoji(c) {
        return None;
    }
    j = skip_while(text, j, is_emoji_modifier);
    Some(j)
}

/// An emoji sequence: elements joined by ZWJ. A lone pictograph that is shown as text by
/// default (©, ™, ↔) without any modifier is a symbol.
fn emoji(text: &str, i: usize) -> (usize, Kind) {
    let Some(mut end) = emoji_element(text, i) else {
        return (i + char_at(text, i).map_or(1, char::len_utf8), Kind::Symbol);
    };
    while text[end..].starts_with(ZWJ) {
        match emoji_element(text, end + ZWJ.len_utf8()) {
            Some(next) => end = next,
            None => break,
        }
    }
    let first = char_at(text, i).unwrap_or(' ');
    let single = end == i + first.len_utf8();
    let text_style = single
        && !is_emoji_presentation(first)
        && !is_regional_indicator(first)
        && (first as u32) < 0x2600;
    let end = skip_while(text, end, is_extend);
    (
        end,
        if text_style {
            Kind::Symbol
        } else {
            Kind::Emoji
        },
    )
}
