//! The character classes. Every function here is the one definition of its class; see the table
//! in the module documentation of [`crate::text`] for who uses which.

use super::tables::{
    ALPHANUMERIC, EMOJI_PRESENTATION, EXTENDED_PICTOGRAPHIC, LOW_WORD_CHARS as LOW_WORD_BITS,
    MARKS, PUNCTUATION, WHITE_SPACE,
};
use super::utf8::in_ranges;

/// ARABIC TATWEEL (kashida), U+0640.
pub const TATWEEL: char = '\u{0640}';
/// ZERO WIDTH JOINER, U+200D: kept inside emoji sequences, removed elsewhere by `controls`.
pub const ZWJ: char = '\u{200D}';
/// ZERO WIDTH NON-JOINER, U+200C.
pub const ZWNJ: char = '\u{200C}';

// ---------------------------------------------------------------------------------------------
// Letters, marks, digits

/// A combining mark (general category M): harakat, shadda, Quranic marks, and the marks of
/// every other script.
pub fn is_mark(c: char) -> bool {
    (c as u32) >= 0x0300 && in_ranges(c, MARKS)
}

/// The Arabic diacritics that the `diacritics` option removes: harakat, tanwin, shadda, sukun,
/// dagger alef, Quranic annotation marks. A subset of [`is_mark`].
pub fn is_diacritic(c: char) -> bool {
    matches!(c as u32,
        0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED
        | 0x0898..=0x089F | 0x08CA..=0x08E1 | 0x08E3..=0x08FF)
}

/// Arabic-script letters (the Arabic, Arabic Supplement, Extended-A/B blocks, without marks,
/// digits, punctuation and tatweel).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c as u32,
        0x0620..=0x063F | 0x0641..=0x064A | 0x066E..=0x066F | 0x0671..=0x06D3 | 0x06D5
        | 0x06EE..=0x06EF | 0x06FA..=0x06FC | 0x06FF | 0x0750..=0x077F | 0x0870..=0x0887
        | 0x0889..=0x088E | 0x08A0..=0x08C9)
}

/// The Arabic presentation forms and ligatures (U+FB50–U+FDFF, U+FE70–U+FEFF), which the
/// `presentation_forms` option spells out as their letters.
pub fn is_presentation_form(c: char) -> bool {
    matches!(c as u32, 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Arabic-script letters, presentation forms included: what makes a token an Arabic word.
pub fn is_arabic_script(c: char) -> bool {
    is_arabic_letter(c) || is_presentation_form(c)
}

/// Decimal digits of the ASCII, Arabic-Indic (٠–٩) and Eastern Arabic-Indic (۰–۹) systems.
#[inline]
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c as u32, 0x0660..=0x0669 | 0x06F0..=0x06F9)
}

fn is_word_char_slow(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c == TATWEEL || in_ranges(c, ALPHANUMERIC) || is_mark(c)
}

/// Below this code point, [`is_word_char`] is one bit of a generated table: the scripts of
/// most news text and, above U+2000, the punctuation, symbols and arrows around its words.
const LOW_WORD_CHARS: u32 = 0x3000;

/// Characters that make up words: letters and numbers of any script (Alphabetic or general
/// category N), combining marks and tatweel. A gazetteer match and a word token start and end
/// where these stop.
#[inline]
pub fn is_word_char(c: char) -> bool {
    let cp = c as u32;
    if cp < LOW_WORD_CHARS {
        return LOW_WORD_BITS[(cp / 64) as usize] & (1 << (cp % 64)) != 0;
    }
    is_word_char_slow(c)
}

// ---------------------------------------------------------------------------------------------
// White space and controls

/// The Unicode White_Space property: what the `whitespace` option collapses and what separates
/// the words of a gazetteer term.
#[inline]
pub fn is_white_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t'..='\r');
    }
    in_ranges(c, WHITE_SPACE)
}

/// White space as Python's `str.isspace` sees it: [`is_white_space`] plus the ASCII information
/// separators U+001C–U+001F. What `str.split()` splits on, and so what the tokenizers split on.
#[inline]
pub fn is_python_space(c: char) -> bool {
    is_white_space(c) || matches!(c, '\x1C'..='\x1F')
}

/// The characters that end a line: what ends a sentence whatever comes before it.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{1C}'
            ..='\u{1E}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The invisible controls: soft hyphen, the bidirectional marks and embeddings, the zero-width
/// space, non-joiner and joiner, word joiner, BOM. The `controls` option removes them, but for a
/// [`ZWJ`] between two emoji; inside a word they do not end it.
pub fn is_control(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x061C | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064
        | 0x2066..=0x206F | 0xFEFF)
}

// ---------------------------------------------------------------------------------------------
// Punctuation and quotes

/// General category P: punctuation. In ASCII, the symbols `$ + < = > ^ ` | ~` are not.
pub fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation()
            && !matches!(c, '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~');
    }
    in_ranges(c, PUNCTUATION)
}

/// Double quotation marks, ASCII included: what the `quotes` option folds to `"`.
pub fn is_double_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„' | '‟' | '＂')
}

/// Single quotation marks, the ASCII apostrophe included: what the `quotes` option folds to `'`.
pub fn is_single_quote(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‚' | '‛' | '‹' | '›' | '＇')
}

/// Every quotation mark: the double and single quotes and the grave accent, which is typed as
/// one. Quotes never break a gazetteer name (`تنظيم “الدولة”`) and end a URL (but for the ASCII
/// apostrophe, which a URL may contain).
pub fn is_quote(c: char) -> bool {
    is_double_quote(c) || is_single_quote(c) || c == '`'
}

/// The quotes that close a quotation: a sentence that ends inside one keeps them.
pub fn is_closing_quote(c: char) -> bool {
    matches!(c, '”' | '»' | '’' | '›')
}

// ---------------------------------------------------------------------------------------------
// Emoji

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

/// An emoji: Extended_Pictographic or Emoji_Presentation (which adds the regional indicators
/// and the skin tones). The one definition of the tokenizer's emoji tokens and of the emoji a
/// [`ZWJ`] may join. Arrows such as `→` are not emoji unless Unicode says so (`↔` is).
#[inline]
pub fn is_emoji(c: char) -> bool {
    is_extended_pictographic(c) || is_emoji_presentation(c)
}

/// Characters that modify the emoji before them: variation selectors, skin-tone modifiers, tag
/// characters and the keycap mark.
pub fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0x20E3)
}

/// Characters that belong to the character before them and must never be split from it by a
/// span: combining marks, variation selectors, skin tones and emoji tags.
pub fn is_extend(c: char) -> bool {
    is_mark(c) || is_emoji_modifier(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_marks_are_marks() {
        for c in ['\u{064E}', '\u{0651}', '\u{0670}', '\u{06ED}', '\u{0610}'] {
            assert!(is_mark(c), "{:04X}", c as u32);
            assert!(is_diacritic(c), "{:04X}", c as u32);
        }
        for c in ['ا', 'ـ', 'a', ' ', ZWNJ] {
            assert!(!is_mark(c));
        }
    }

    #[test]
    fn every_diacritic_is_a_mark_but_five_quranic_signs() {
        // End of ayah, rub el hizb, small waw, small yeh and place of sajdah are removed with
        // the diacritics although Unicode does not make them combining marks.
        let signs = [0x06DD, 0x06DE, 0x06E5, 0x06E6, 0x06E9];
        for cp in 0..0x1000u32 {
            let c = char::from_u32(cp).unwrap();
            if is_diacritic(c) {
                assert_eq!(is_mark(c), !signs.contains(&cp), "{cp:04X}");
            }
        }
    }

    #[test]
    fn fast_word_chars_agree_with_the_definition() {
        for cp in 0..LOW_WORD_CHARS + 0x100 {
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
    fn word_chars_follow_the_generated_unicode_version() {
        // Marks and letters added after Unicode 14.0, which the tables of the previous release
        // (from Python 3.11's unicodedata) did not have: ARABIC SMALL HIGH WORD AL-JUZ (15.0),
        // ARABIC DOUBLE VERTICAL BAR BELOW (15.0) and a Kawi letter (15.0).
        for c in ['\u{0897}', '\u{10EFD}', '\u{11F04}'] {
            assert!(is_word_char(c), "{:04X}", c as u32);
        }
    }

    #[test]
    fn the_two_white_spaces() {
        for c in [' ', '\n', '\u{00A0}', '\u{2029}', '\u{3000}', '\u{1680}'] {
            assert!(is_white_space(c), "{:04X}", c as u32);
            assert!(is_python_space(c), "{:04X}", c as u32);
        }
        // The information separators split like Python's str.split() but are not White_Space.
        for c in ['\x1C', '\x1F'] {
            assert!(is_python_space(c));
            assert!(!is_white_space(c));
        }
        for c in ['\u{200B}', ZWNJ, 'ـ', '\u{FEFF}', '\u{180E}'] {
            assert!(!is_python_space(c), "{:04X}", c as u32);
        }
        for cp in 0..0x3100u32 {
            let c = char::from_u32(cp).unwrap();
            assert_eq!(is_white_space(c), c.is_whitespace(), "{cp:04X}");
        }
    }

    #[test]
    fn punctuation_and_quotes() {
        for c in ['،', '؛', '؟', '«', '»', '“', '”', '…', '.', '_', '٫'] {
            assert!(is_punctuation(c), "{c}");
        }
        for c in ['$', '+', '©', 'ب', '٣'] {
            assert!(!is_punctuation(c), "{c}");
        }
        for c in ['"', '«', '»', '“', '”', '„', '＂'] {
            assert!(
                is_double_quote(c) && is_quote(c) && !is_single_quote(c),
                "{c}"
            );
        }
        for c in ['\'', '‘', '’', '‹', '›', '＇'] {
            assert!(
                is_single_quote(c) && is_quote(c) && !is_double_quote(c),
                "{c}"
            );
        }
        assert!(is_quote('`'));
        for c in ['”', '»', '’', '›'] {
            assert!(is_closing_quote(c) && is_quote(c), "{c}");
        }
        assert!(!is_closing_quote('«') && !is_closing_quote('"'));
        assert!(!is_quote('(') && !is_quote('،'));
    }

    #[test]
    fn one_emoji_definition() {
        for c in ['😀', '©', '↔', '❤', '\u{1F1F8}', '\u{1F3FD}'] {
            assert!(is_emoji(c), "{:04X}", c as u32);
        }
        // Decision: arrows, math and box symbols are emoji only when Unicode says so.
        for c in ['→', '←', '⊕', '■', 'ب', '٣'] {
            assert!(!is_emoji(c), "{:04X}", c as u32);
        }
        assert!(is_extended_pictographic('😀'));
        assert!(!is_extended_pictographic('→'));
        assert!(is_emoji_presentation('😀'));
        assert!(!is_emoji_presentation('©'));
        assert!(is_regional_indicator('\u{1F1F8}'));
        assert!(is_emoji_modifier('\u{FE0F}') && is_extend('\u{FE0F}'));
    }

    #[test]
    fn controls_and_invisibles() {
        for c in [
            '\u{200B}', ZWNJ, ZWJ, '\u{200F}', '\u{FEFF}', '\u{061C}', '\u{00AD}',
        ] {
            assert!(is_control(c), "{:04X}", c as u32);
        }
        assert!(!is_control(TATWEEL) && !is_control(' '));
    }
}
