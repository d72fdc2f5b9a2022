//! The normalizer's pass without alignment, one table entry per character and no branch on it.
//!
//! Arabic news text is mostly two-byte UTF-8 with a space every five or six characters, and
//! about one letter in fifteen changes (ة أ ى ئ …). Copying runs of untouched characters then
//! copies runs of four or five characters, with a hard-to-predict branch and a `memcpy` call at
//! each end. Here every character of the Basic Multilingual Plane has a precomputed *fast entry*:
//! the UTF-8 bytes it becomes, at most as many as it had, and whether it is white space to
//! collapse. The loop does the same for every character — decode, one table load, one 4-byte
//! store, a length bump. White space is written at once as one space and any white space right
//! after it writes nothing (a flag, not a branch); a space left at the very end is taken back.
//! Characters that need context or grow (ZWJ, ﷽, ﻻ, astral characters) go through
//! [`slow_char`], with the same semantics as the aligned pass of `mod.rs`.

use super::table::{Table, DELETE, KEEP, LOWERCASE, REPLACE, SPACE, ZWJ_CONTEXT};
use crate::chars::{is_emoji, is_emoji_modifier, ZWJ};

/// Bits 24–25 of an entry: how many of its low bytes are output.
const LEN_SHIFT: u32 = 24;
const LEN_MASK: u32 = 0x3;
/// The entry is white space to collapse into one space.
const FAST_SPACE: u32 = 1 << 26;
/// The entry is handled by [`slow_char`].
const FAST_SLOW: u32 = 1 << 27;
/// Room kept past the output for one 4-byte store.
pub(crate) const SLACK: usize = 4;

/// The fast entry of every BMP character of `table`.
///
/// Layout (little endian): bytes 0–2 the output bytes, zero-padded; byte 3 the length and the
/// flags, always below 0x80, so whatever an entry leaves in the buffer is valid UTF-8.
pub(crate) fn entries(table: &Table) -> Box<[u32]> {
    (0..0x10000u32)
        .map(|cp| char::from_u32(cp).map_or(FAST_SLOW, |c| entry(table, c)))
        .collect()
}

fn entry(table: &Table, c: char) -> u32 {
    let action = table.bmp[c as usize];
    let mut own = [0u8; 4];
    let output: &str = match action {
        KEEP => c.encode_utf8(&mut own),
        DELETE => "",
        SPACE => return FAST_SPACE | u32::from(b' ') | 1 << LEN_SHIFT,
        _ if action & REPLACE != 0 => table.replacement(action),
        _ => return FAST_SLOW,
    };
    // Only outputs no longer than the input keep the loop's capacity bound (see `normalize_into`).
    if output.len() > c.len_utf8() {
        return FAST_SLOW;
    }
    let mut packed = [0u8; 4];
    packed[..output.len()].copy_from_slice(output.as_bytes());
    u32::from_le_bytes(packed) | (output.len() as u32) << LEN_SHIFT
}

/// Normalize `text` onto the end of `out` with `table` (every profile but `camel_unicode`).
pub(crate) fn normalize_into(table: &Table, text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    // SAFETY: the vector is written as bytes, but every byte ever stored in it keeps it valid
    // UTF-8: whole encoded characters (entries, replacements, the input's own characters, ' '),
    // zero padding and an entry's flag byte, both ASCII. A store past `o` only ever overwrites
    // such padding, never the inside of a character before `o`, and `o` is a character boundary
    // when the vector is truncated to it.
    let buf = unsafe { out.as_mut_vec() };
    let base = buf.len();
    buf.resize(base + bytes.len() + SLACK, 0);
    let mut state = State {
        base,
        o: base,
        in_space: true,
    };
    let mut pos = 0;
    loop {
        pos = fast_run(&table.fast, bytes, pos, buf, &mut state);
        if pos >= bytes.len() {
            break;
        }
        pos = slow_char(table, text, pos, buf, &mut state);
    }
    // A space written last is trailing white space: taken back.
    buf.truncate(state.o - usize::from(state.space_written()));
}

/// Where the output stands.
struct State {
    /// Where this text's output begins.
    base: usize,
    /// The end of the output so far.
    o: usize,
    /// Since the last character written, only white space and removed characters came (also
    /// before anything was written): white space now writes nothing.
    in_space: bool,
}

impl State {
    /// The last character written is the space that a run of white space became.
    fn space_written(&self) -> bool {
        self.in_space && self.o > self.base
    }
}

/// Normalize from byte `pos` until the end or a character without a fast entry; returns where
/// it stopped.
///
/// Invariant: `out.len() - o >= (bytes.len() - pos) + SLACK`, since a fast entry writes no more
/// bytes than it consumes; so the stores stay in bounds (the indexing still checks), and only
/// [`emit`] ever grows the buffer.
#[inline]
fn fast_run(
    fast: &[u32],
    bytes: &[u8],
    mut pos: usize,
    out: &mut [u8],
    state: &mut State,
) -> usize {
    // Locals, so that the byte stores cannot alias them and they stay in registers.
    let mut o = state.o;
    let mut in_space = state.in_space;
    while pos < bytes.len() {
        let b0 = bytes[pos];
        let (cp, width) = if b0 < 0xE0 {
            // ASCII or a two-byte sequence, decoded without a branch (Arabic text mixes both).
            let b1 = bytes.get(pos + 1).copied().unwrap_or(0);
            let two = b0 >= 0xC0;
            let cp2 = (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F);
            (if two { cp2 } else { u32::from(b0) }, 1 + usize::from(two))
        } else if b0 < 0xF0 {
            let cp = (u32::from(b0 & 0x0F) << 12)
                | (u32::from(bytes[pos + 1] & 0x3F) << 6)
                | u32::from(bytes[pos + 2] & 0x3F);
            (cp, 3)
        } else {
            break;
        };
        let entry = fast[cp as usize];
        if entry & FAST_SLOW != 0 {
            break;
        }
        let is_space = entry & FAST_SPACE != 0;
        // A white space entry is one space; right after white space it writes nothing.
        let len = ((entry >> LEN_SHIFT) & LEN_MASK) as usize - usize::from(is_space & in_space);
        out[o..o + 4].copy_from_slice(&entry.to_le_bytes());
        o += len;
        in_space = is_space | (in_space & (len == 0));
        pos += width;
    }
    state.o = o;
    state.in_space = in_space;
    pos
}

/// Normalize the character at byte `pos` the general way; returns the position after it.
fn slow_char(table: &Table, text: &str, pos: usize, buf: &mut Vec<u8>, state: &mut State) -> usize {
    let c = text[pos..].chars().next().expect("pos is inside text");
    let next = pos + c.len_utf8();
    let action = table.action(c);
    let mut own = [0u8; 4];
    let lowered: String;
    let output: &str = match action {
        KEEP => c.encode_utf8(&mut own),
        DELETE => return next,
        SPACE => unreachable!("white space always has a fast entry"),
        ZWJ_CONTEXT => {
            if state.space_written() || !zwj_joins(&buf[state.base..state.o], &text[next..]) {
                return next;
            }
            ZWJ.encode_utf8(&mut own)
        }
        LOWERCASE => {
            lowered = c.to_lowercase().collect();
            &lowered
        }
        _ if action & REPLACE != 0 => table.replacement(action),
        _ => unreachable!("unknown action {action}"),
    };
    emit(buf, state, output, text.len() - next);
    next
}

/// Write `output`, growing `buf` so that the loop's bound holds for the `remaining` input bytes.
fn emit(buf: &mut Vec<u8>, state: &mut State, output: &str, remaining: usize) {
    let needed = state.o + output.len() + remaining + SLACK;
    if buf.len() < needed {
        buf.resize(needed, 0);
    }
    buf[state.o..state.o + output.len()].copy_from_slice(output.as_bytes());
    state.o += output.len();
    state.in_space = false;
}

/// Whether a ZWJ joins two emoji: the last character written (past modifiers) and the next
/// input character.
fn zwj_joins(written: &[u8], rest: &str) -> bool {
    let Some(next) = rest.chars().next() else {
        return false;
    };
    is_emoji(next) && last_char_but_modifiers(written).is_some_and(is_emoji)
}

/// The last character of `written` (whole UTF-8 characters) that is not an emoji modifier.
fn last_char_but_modifiers(written: &[u8]) -> Option<char> {
    let mut end = written.len();
    while end > 0 {
        let mut start = end - 1;
        while start > 0 && written[start] & 0xC0 == 0x80 {
            start -= 1;
        }
        let c = std::str::from_utf8(&written[start..end])
            .ok()?
            .chars()
            .next()?;
        if !is_emoji_modifier(c) {
            return Some(c);
        }
        end = start;
    }
    None
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::normalize::{Normalizer, Options, PRESET_NAMES};

    /// Characters that exercise every action: Arabic letters and marks, every kind of white
    /// space, controls, ZWJ between emoji, modifiers, presentation forms and ligatures that
    /// expand, digits, Latin and astral capitals, an expanding lowercase (İ).
    const ALPHABET: &[char] = &[
        'ا',
        'أ',
        'إ',
        'آ',
        'ٱ',
        'ى',
        'ي',
        'ة',
        'ه',
        'ؤ',
        'ئ',
        'ک',
        'ی',
        'ب',
        'ل',
        '\u{064E}',
        '\u{0651}',
        '\u{0670}',
        '\u{06D6}',
        'ـ',
        '٣',
        '۴',
        '،',
        '؟',
        '«',
        ' ',
        ' ',
        ' ',
        '\n',
        '\t',
        '\u{00A0}',
        '\u{2003}',
        '\u{3000}',
        '\u{200B}',
        '\u{200C}',
        '\u{200D}',
        '\u{200F}',
        '\u{FEFF}',
        '😀',
        '👍',
        '\u{1F3FD}',
        '\u{FE0F}',
        '❤',
        'ﻻ',
        'ﷲ',
        '\u{FDFD}',
        'ﺏ',
        'A',
        'z',
        'İ',
        'Σ',
        '\u{10400}',
        '𝒜',
        '中',
        '\u{0301}',
        'é',
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(ALPHABET), 0..40)
            .prop_map(|chars| chars.into_iter().collect())
    }

    fn options() -> impl Strategy<Value = Options> {
        prop::collection::vec(any::<bool>(), 14).prop_map(|flags| {
            let mut options = Options::none();
            for (name, flag) in crate::normalize::OPTION_NAMES.iter().zip(flags) {
                options.set(name, flag).expect("a known option");
            }
            options
        })
    }

    fn check(normalizer: &Normalizer, prefix: &str, text: &str) {
        let mut fast = prefix.to_string();
        normalizer.normalize_into(text, &mut fast);
        let mut reference = prefix.to_string();
        normalizer.normalize_into_reference(text, &mut reference);
        assert_eq!(fast, reference, "{text:?} with {normalizer:?}");
    }

    #[test]
    fn every_preset_matches_the_reference_on_edge_cases() {
        let cases = [
            "",
            " ",
            "  \n\t ",
            "\u{064E}",
            " \u{064E} ",
            "وَزارةُ  الصحّة ",
            "  أحمد\u{00A0}\u{00A0}ى ",
            "👍\u{200D}❤",
            "👍\u{1F3FD}\u{200D}😀 x",
            "👍 \u{200D}😀",
            "ب\u{200D}",
            "\u{200D}😀",
            "ﷲ ﷽ ﻻ",
            "İSTANBUL 𐐀",
            "\u{10400}\u{10400}\u{10400}",
        ];
        for name in PRESET_NAMES {
            let normalizer = Normalizer::preset(name).expect("a preset");
            for case in cases {
                check(&normalizer, "", case);
                check(&normalizer, "prefix ", case);
            }
        }
    }

    proptest! {
        // Each new set of options compiles a table (slow in a debug build): fewer sets, more
        // texts for each.
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn fast_pass_matches_the_reference(
            options in options(),
            texts in prop::collection::vec(text(), 1..16),
        ) {
            let normalizer = Normalizer::new(options);
            for text in &texts {
                check(&normalizer, "", text);
            }
        }
    }

    proptest! {
        #[test]
        fn presets_match_the_reference(index in 0..PRESET_NAMES.len(), text in text()) {
            let normalizer = Normalizer::preset(PRESET_NAMES[index]).expect("a preset");
            check(&normalizer, "\u{064E}x ", &text);
        }
    }
}
