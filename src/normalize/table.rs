//! Per-character action tables: each normalizer compiles its options into one table of
//! actions for the Basic Multilingual Plane, so the hot loop does one lookup per character.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use unicode_normalization::UnicodeNormalization;

use super::camel;
use super::options::{CamelKind, Options, Profile};
use crate::chars::TATWEEL;

/// Keep the character as it is.
pub(crate) const KEEP: u32 = 0;
/// Remove the character.
pub(crate) const DELETE: u32 = 1;
/// White space to collapse (only with the `whitespace` option).
pub(crate) const SPACE: u32 = 2;
/// ZWJ: removed unless it joins two emoji (only with the `controls` option).
pub(crate) const ZWJ_CONTEXT: u32 = 3;
/// Lowercase an astral character (only with the `lowercase` option).
pub(crate) const LOWERCASE: u32 = 4;
/// Replace with a string of the pool: `REPLACE | offset << 11 | chars << 6 | bytes`.
pub(crate) const REPLACE: u32 = 1 << 31;

/// What to do with characters outside the Basic Multilingual Plane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Astral {
    Keep,
    Lowercase,
    Delete,
}

/// A compiled profile: one action per BMP character plus the string pool of replacements.
#[derive(Debug)]
pub(crate) struct Table {
    pub(crate) bmp: Box<[u32]>,
    pool: String,
    pub(crate) astral: Astral,
    /// The same actions as output bytes for the pass without alignment (see `fast.rs`).
    pub(crate) fast: super::fast::FastTables,
}

impl Table {
    /// The replacement string of a `REPLACE` action.
    #[inline]
    pub(crate) fn replacement(&self, action: u32) -> &str {
        let offset = ((action & !REPLACE) >> 11) as usize;
        let bytes = (action & 0x3F) as usize;
        &self.pool[offset..offset + bytes]
    }

    /// The number of characters of a `REPLACE` action's string.
    #[inline]
    pub(crate) fn replacement_chars(action: u32) -> usize {
        ((action >> 6) & 0x1F) as usize
    }

    /// The action for any character.
    #[inline]
    pub(crate) fn action(&self, c: char) -> u32 {
        let cp = c as u32;
        if cp < 0x10000 {
            self.bmp[cp as usize]
        } else {
            match self.astral {
                Astral::Keep => KEEP,
                Astral::Lowercase if c.is_uppercase() => LOWERCASE,
                Astral::Lowercase => KEEP,
                Astral::Delete => DELETE,
            }
        }
    }

    fn build(actions: impl Fn(char) -> Action, astral: Astral) -> Table {
        let mut bmp = vec![KEEP; 0x10000].into_boxed_slice();
        let mut pool = String::new();
        let mut interned: HashMap<String, u32> = HashMap::new();
        for cp in 0..0x10000u32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            bmp[cp as usize] = match actions(c) {
                Action::Keep => KEEP,
                Action::Delete => DELETE,
                Action::Space => SPACE,
                Action::ZwjContext => ZWJ_CONTEXT,
                Action::Replace(s) if s.is_empty() => DELETE,
                Action::Replace(s) if s.chars().eq(std::iter::once(c)) => KEEP,
                Action::Replace(s) => {
                    let chars = s.chars().count() as u32;
                    let bytes = s.len() as u32;
                    assert!(chars < 32 && bytes < 64, "replacement too long: {s:?}");
                    let offset = *interned.entry(s.clone()).or_insert_with(|| {
                        let at = pool.len() as u32;
                        pool.push_str(&s);
                        at
                    });
                    REPLACE | offset << 11 | chars << 6 | bytes
                }
            };
        }
        let mut table = Table {
            bmp,
            pool,
            astral,
            fast: super::fast::FastTables::default(),
        };
        table.fast = super::fast::entries(&table);
        table
    }
}

/// The action for one character, before it is packed into the table.
pub(crate) enum Action {
    Keep,
    Delete,
    Space,
    ZwjContext,
    Replace(String),
}

/// The compiled table of a profile, shared by every normalizer with that profile.
pub(crate) fn table_for(profile: &Profile) -> Arc<Table> {
    static CACHE: OnceLock<Mutex<HashMap<Profile, Arc<Table>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    cache
        .entry(*profile)
        .or_insert_with(|| Arc::new(compile(profile)))
        .clone()
}

fn compile(profile: &Profile) -> Table {
    match profile {
        Profile::Options(options) => {
            let astral = if options.lowercase {
                Astral::Lowercase
            } else {
                Astral::Keep
            };
            Table::build(|c| options_action(options, c), astral)
        }
        Profile::Camel(CamelKind::Arclean) => Table::build(camel::arclean_action, Astral::Delete),
        Profile::Camel(kind) => Table::build(|c| camel::simple_action(*kind, c), Astral::Keep),
    }
}

/// The Arabic diacritics of the `diacritics` option.
pub fn is_diacritic(c: char) -> bool {
    matches!(c as u32,
        0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED
        | 0x0898..=0x089F | 0x08CA..=0x08E1 | 0x08E3..=0x08FF)
}

/// The invisible controls of the `controls` option (ZWJ is handled by context).
pub fn is_control(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x061C | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064
        | 0x2066..=0x206F | 0xFEFF)
}

fn is_presentation_form(c: char) -> bool {
    matches!(c as u32, 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
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
    match c {
        '«' | '»' | '“' | '”' | '„' | '‟' => '"',
        '‘' | '’' | '‚' | '‛' | '‹' | '›' => '\'',
        _ => c,
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

fn options_action(o: &Options, c: char) -> Action {
    if o.controls && c == crate::chars::ZWJ {
        return Action::ZwjContext;
    }
    if o.controls && is_control(c) {
        return Action::Delete;
    }
    if o.whitespace && c.is_whitespace() {
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
