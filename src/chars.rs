//! Character classes shared by the normalizer, the tokenizer and the gazetteer.

use crate::emoji_tables::{EMOJI_PRESENTATION, EXTENDED_PICTOGRAPHIC};
use crate::unicode_tables::{MARKS, PUNCTUATION};

/// ARABIC TATWEEL (kashida), U+0640.
pub const TATWEEL: char = '\u{0640}';
/// ZERO WIDTH JOINER, kept inside emoji sequences.
pub const ZWJ: char = '\u{200D}';

pub(crate) fn in_ranges(c: char, table: &[(u32, u32)]) -> bool {
    let cp = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// A combining mark (general category M): harakat, shadda, Quranic marks, and the marks of
/// every other script.
pub fn is_mark(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x0300 {
        return false;
    }
    in_ranges(c, MARKS)
}

/// Emoji-like pictographs: the characters an emoji ZWJ sequence joins.
pub fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF
        | 0x2600..=0x27BF
        | 0x2300..=0x23FF
        | 0x2B00..=0x2BFF
        | 0x2190..=0x21FF
        | 0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139
        | 0x3030 | 0x303D | 0x3297 | 0x3299)
}

/// Characters that modify the emoji before them: variation selectors and skin-tone modifiers.
pub fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0x20E3)
}

/// Characters that belong to the character before them and must never be split from it by a
/// span: combining marks, variation selectors, skin tones and emoji tags.
pub fn is_extend(c: char) -> bool {
    is_mark(c) || is_emoji_modifier(c)
}

/// Arabic-script letters (the Arabic, Arabic Supplement, Extended-A/B blocks, without marks,
/// digits, punctuation and tatweel).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c as u32,
        0x0620..=0x063F | 0x0641..=0x064A | 0x066E..=0x066F | 0x0671..=0x06D3 | 0x06D5
        | 0x06EE..=0x06EF | 0x06FA..=0x06FC | 0x06FF | 0x0750..=0x077F | 0x0870..=0x0887
        | 0x0889..=0x088E | 0x08A0..=0x08C9)
}

fn is_word_char_slow(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || c == TATWEEL || is_mark(c)
}

/// The word characters below U+0800 (Latin, Greek, Cyrillic, Hebrew, Arabic, …) as a bitset,
/// so the common case is one load instead of a Unicode table search.
fn low_word_chars() -> &'static [u64; 32] {
    static TABLE: std::sync::OnceLock<[u64; 32]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut bits = [0u64; 32];
        for cp in 0..0x800u32 {
            if char::from_u32(cp).is_some_and(is_word_char_slow) {
                bits[(cp / 64) as usize] |= 1 << (cp % 64);
            }
        }
        bits
    })
}

/// Characters that make up words: letters and digits of any script, combining marks and
/// tatweel. A gazetteer match and a word token start and end where these stop.
#[inline]
pub fn is_word_char(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x800 {
        return low_word_chars()[(cp / 64) as usize] & (1 << (cp % 64)) != 0;
    }
    is_word_char_slow(c)
}

/// White space as Python's `str.isspace` sees it (Unicode White_Space plus the ASCII
/// information separators U+001C–U+001F): what `str.split()` splits on.
#[inline]
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t'..='\r' | '\x1C'..='\x1F');
    }
    c.is_whitespace()
}

/// Decimal digits of the ASCII, Arabic-Indic (٠–٩) and Eastern Arabic-Indic (۰–۹) systems.
#[inline]
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c as u32, 0x0660..=0x0669 | 0x06F0..=0x06F9)
}

/// General category P: punctuation.
pub fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation()
            && !matches!(c, '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~');
    }
    in_ranges(c, PUNCTUATION)
}

/// Extended_Pictographic: the characters an emoji (sequence) starts with.
pub fn is_extended_pictographic(c: char) -> bool {
    (c as u32) >= 0xA9 && in_ranges(c, EXTENDED_PICTOGRAPHIC)
}

/// Emoji_Presentation: shown as an emoji even without a variation selector.
pub fn is_emoji_presentation(c: char) -> bool {
    (c as u32) >= 0x231A && in_ranges(c, EMOJI_PRESENTATION)
}

/// Regional indicator symbols: two of them make a flag.
#[inline]
pub fn is_regional_indicator(c: char) -> bool {
    matches!(c as u32, 0x1F1E6..=0x1F1FF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_marks_are_marks() {
        for c in ['\u{064E}', '\u{0651}', '\u{0670}', '\u{06ED}', '\u{0610}'] {
            assert!(is_mark(c), "{:04X}", c as u32);
        }
        for c in ['ا', 'ـ', 'a', ' ', '\u{200C}'] {
            assert!(!is_mark(c));
        }
    }

    #[test]
    fn fast_word_chars_agree_with_the_definition() {
        for cp in 0..0x900u32 {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(is_word_char(c), is_word_char_slow(c), "{cp:04X}");
            }
        }
    }

    #[test]
    fn word_chars() {
        assert!(is_word_char('ب'));
        assert!(is_word_char('ـ'));
        assert!(is_word_char('\u{064B}'));
        assert!(is_word_char('٣'));
        assert!(!is_word_char('،'));
        assert!(!is_word_char('“'));
        assert!(!is_word_char(' '));
    }

    #[test]
    fn python_space_and_punctuation() {
        for c in [' ', '\n', '\x1F', '\u{00A0}', '\u{2029}', '\u{3000}'] {
            assert!(is_space(c), "{:04X}", c as u32);
        }
        for c in ['\u{200B}', '\u{200C}', 'ـ', '\u{FEFF}'] {
            assert!(!is_space(c), "{:04X}", c as u32);
        }
        for c in ['،', '؛', '؟', '«', '»', '“', '”', '…', '.', '_', '٫'] {
            assert!(is_punctuation(c), "{c}");
        }
        for c in ['$', '+', '©', 'ب', '٣'] {
            assert!(!is_punctuation(c), "{c}");
        }
    }

    #[test]
    fn emoji_properties() {
        assert!(is_extended_pictographic('😀'));
        assert!(is_extended_pictographic('©'));
        assert!(!is_extended_pictographic('→'));
        assert!(is_emoji_presentation('😀'));
        assert!(!is_emoji_presentation('©'));
        assert!(is_regional_indicator('\u{1F1F8}'));
    }
}
