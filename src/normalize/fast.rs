//! The normalizer's pass without alignment: one table entry per character, no branch on it.
//!
//! Arabic news text is mostly two-byte UTF-8 with a space every five or six characters, and
//! about one letter in fifteen changes (ة أ ى ئ …). Copying runs of untouched characters then
//! copies runs of four or five characters, with a hard-to-predict branch and a `memcpy` call at
//! each end. Here every character of the Basic Multilingual Plane has a precomputed *fast entry*:
//! the UTF-8 bytes it becomes, at most as many as it had. The loop does the same for every
//! character — one table load, one 4-byte store, a length bump — and finds characters eight
//! bytes at a time without decoding them one after the other (see [`fast_run`]).
//!
//! White space is written as one space each; afterwards [`collapse_spaces`] trims the spaces at
//! both ends and, in the rare texts that have two in a row, collapses the runs. That is the
//! same as collapsing while writing, because no replacement starts or ends with a space or
//! holds two.
//! Characters that need context or grow (ZWJ, ﷽, ﻻ, astral characters) go through
//! [`slow_char`], with the same semantics as the aligned pass of `mod.rs`.

use super::table::{Table, DELETE, KEEP, LOWERCASE, REPLACE, SPACE, ZWJ_CONTEXT};
use crate::text::{is_emoji_modifier, ZWJ};

/// Byte 3 of an entry: how many of its low bytes are written (0–3).
const LEN_SHIFT: u32 = 24;
/// The entry is handled by [`slow_char`]. Such an entry is never stored, so every byte that is
/// stays below 0x80.
const FAST_SLOW: u32 = 1 << 31;
/// A removed character (and the second byte of a two-byte character): nothing written.
const REMOVED: u32 = 0;
/// White space: one space, collapsed later.
const WHITE_SPACE: u32 = b' ' as u32 | 1 << LEN_SHIFT;
/// Room kept past the output: `fast_run` takes 28 bytes of output room for a 16-byte window.
pub(crate) const SLACK: usize = 12;

/// The fast entry of every BMP character, indexed by code point.
pub(crate) type FastEntries = [u32; 0x10000];

/// The fast entries of a profile: by code point, and by the first two bytes of a character read
/// as a little-endian `u16`.
pub(crate) struct FastTables {
    bmp: Box<FastEntries>,
    /// One- and two-byte characters; [`REMOVED`] for a continuation byte, so a byte that does
    /// not start a character does nothing; `FAST_SLOW` for the lead byte of a longer character.
    pairs: Box<FastEntries>,
    /// The profile turns white space into spaces that [`collapse_spaces`] must collapse.
    collapses: bool,
}

impl Default for FastTables {
    /// Every character through [`slow_char`].
    fn default() -> Self {
        FastTables {
            bmp: Box::new([FAST_SLOW; 0x10000]),
            pairs: Box::new([FAST_SLOW; 0x10000]),
            collapses: false,
        }
    }
}

impl std::fmt::Debug for FastTables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FastTables")
    }
}

/// The fast entries of `table`.
///
/// Layout of an entry (little endian): bytes 0–2 the output bytes, zero-padded; byte 3 their
/// length, so whatever an entry leaves in the buffer is valid UTF-8.
pub(crate) fn entries(table: &Table) -> FastTables {
    let bmp: Box<[u32]> = (0..0x10000u32)
        .map(|cp| char::from_u32(cp).map_or(FAST_SLOW, |c| entry(table, c)))
        .collect();
    let pairs: Box<[u32]> = (0..0x10000usize)
        .map(|pair| {
            let [b0, b1] = (pair as u16).to_le_bytes();
            match b0 {
                0x00..=0x7F => bmp[usize::from(b0)],
                0x80..=0xBF => REMOVED,
                0xC2..=0xDF if b1 & 0xC0 == 0x80 => {
                    bmp[(usize::from(b0 & 0x1F) << 6) | usize::from(b1 & 0x3F)]
                }
                _ => FAST_SLOW,
            }
        })
        .collect();
    let collapses = table.bmp.contains(&SPACE);
    FastTables {
        bmp: bmp.try_into().expect("one entry per BMP code point"),
        pairs: pairs.try_into().expect("one entry per pair of bytes"),
        collapses,
    }
}

fn entry(table: &Table, c: char) -> u32 {
    let action = table.bmp[c as usize];
    let mut own = [0u8; 4];
    let output: &str = match action {
        KEEP => c.encode_utf8(&mut own),
        DELETE => return REMOVED,
        SPACE => return WHITE_SPACE,
        _ if action & REPLACE != 0 => table.replacement(action),
        _ => return FAST_SLOW,
    };
    // Only outputs no longer than the input keep the loop's capacity bound (see `fast_run`).
    if output.len() > c.len_utf8() {
        return FAST_SLOW;
    }
    let mut packed = [0u8; 4];
    packed[..output.len()].copy_from_slice(output.as_bytes());
    u32::from_le_bytes(packed) | (output.len() as u32) << LEN_SHIFT
}

/// Append what `c` becomes to `out` when its fast entry says it in at most three bytes (then
/// nothing depends on context); `false` leaves `out` alone for the caller's general path.
#[inline(always)]
pub(crate) fn push_fast(tables: &FastTables, c: char, out: &mut String) -> bool {
    let Some(&entry) = tables.bmp.get(c as usize) else {
        return false;
    };
    if entry & FAST_SLOW != 0 {
        return false;
    }
    let n = (entry >> LEN_SHIFT) as usize;
    // SAFETY: the first `n` bytes of a stored entry are whole UTF-8 characters (see
    // `entries`), so the string stays UTF-8; `reserve(4)` makes room for the 4-byte store,
    // of which only the first `n` bytes become part of the string.
    unsafe {
        let buf = out.as_mut_vec();
        buf.reserve(4);
        let len = buf.len();
        std::ptr::write_unaligned(
            buf.as_mut_ptr().add(len).cast::<[u8; 4]>(),
            entry.to_le_bytes(),
        );
        buf.set_len(len + n);
    }
    true
}

/// Normalize `text` onto the end of `out` with `table` (every profile but `camel_unicode`).
pub(crate) fn normalize_into(table: &Table, text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let base = out.len();
    {
        // SAFETY: the vector is written as bytes, but every byte ever stored in it keeps it
        // valid UTF-8: whole encoded characters (entries, replacements, the input's own
        // characters) and an entry's zero padding and length byte, both ASCII. A store past
        // `o` only ever overwrites such padding, never the inside of a character before `o`,
        // and `o` is a character boundary when the vector is truncated to it.
        let buf = unsafe { out.as_mut_vec() };
        buf.resize(base + bytes.len() + SLACK, 0);
        let mut o = base;
        let mut pos = 0;
        loop {
            pos = fast_run(&table.fast, bytes, pos, buf, &mut o);
            if pos >= bytes.len() {
                break;
            }
            pos = slow_char(table, text, pos, buf, base, &mut o);
        }
        buf.truncate(o);
    }
    if table.fast.collapses {
        collapse_spaces(out, base);
    }
}

/// Normalize from byte `pos` until a character without a fast entry, or the last byte (which
/// [`slow_char`] takes); returns where it stopped.
///
/// Text is taken eight bytes at a time, and every byte of the window is looked up with the byte
/// after it in `pairs`: a one- or two-byte character gets its entry, a continuation byte an
/// entry that writes nothing. So the loop has a fixed trip count (no branch on where characters
/// start), and finding a character never waits for the one before it to be decoded. A longer
/// character, and the end of the text, go to `scalar_run`, which decodes and looks up by code
/// point.
///
/// Invariant: `out.len() - o >= (bytes.len() - pos) + SLACK`, since a fast entry writes no more
/// bytes than it consumes; so the stores stay in bounds (the indexing still checks, once per
/// window), and only `emit` ever grows the buffer.
///
/// Not inlined: on its own the loop keeps every variable in a register.
#[inline(never)]
fn fast_run(
    tables: &FastTables,
    bytes: &[u8],
    mut pos: usize,
    out: &mut [u8],
    o: &mut usize,
) -> usize {
    // A local, so that the byte stores cannot alias it.
    let mut at = *o;
    loop {
        'windows: while pos + 16 <= bytes.len() {
            let window: &[u8; 16] = bytes[pos..pos + 16].try_into().expect("sixteen bytes");
            // Eight entries write at most 8 * 3 bytes at `written <= 21`, within `SLACK` of
            // the bound, so one bounds check per window covers every store. (They write at
            // most the 9 bytes they take, but the compiler cannot see that.)
            let dst: &mut [u8; 28] = (&mut out[at..at + 28]).try_into().expect("28 bytes");
            let mut written = 0;
            for i in 0..8 {
                let pair = u16::from_le_bytes(window[i..i + 2].try_into().expect("two bytes"));
                let entry = tables.pairs[usize::from(pair)];
                if entry & FAST_SLOW != 0 {
                    at += written;
                    pos += i;
                    break 'windows;
                }
                dst[written..written + 4].copy_from_slice(&entry.to_le_bytes());
                written += (entry >> LEN_SHIFT & 0b11) as usize;
            }
            at += written;
            // The last character may end one byte past the window.
            pos += 8 + usize::from(window[8] & 0xC0 == 0x80);
        }
        let (bmp, last) = (&tables.bmp, bytes.len().saturating_sub(1));
        if pos + 16 > bytes.len() {
            // The end of the text, character by character.
            pos = scalar_run(bmp, bytes, pos, last, out, &mut at);
            break;
        }
        // One character without a pair entry: by code point if it has a fast entry.
        let next = scalar_run(bmp, bytes, pos, pos + 1, out, &mut at);
        if next == pos {
            break;
        }
        pos = next;
    }
    *o = at;
    pos
}

/// Normalize the characters that start before `end` (at most `bytes.len() - 1`) one by one;
/// returns where it stopped: at or past `end`, or at a character without a fast entry.
#[inline(always)]
fn scalar_run(
    fast: &FastEntries,
    bytes: &[u8],
    mut pos: usize,
    end: usize,
    out: &mut [u8],
    o: &mut usize,
) -> usize {
    while pos < end {
        let b0 = bytes[pos];
        let b1 = bytes[pos + 1];
        let (cp, width) = if b0 < 0xE0 {
            let two = b0 >= 0xC0;
            let cp2 = (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F);
            (if two { cp2 } else { u32::from(b0) }, 1 + usize::from(two))
        } else if b0 < 0xF0 {
            let cp = (u32::from(b0 & 0x0F) << 12)
                | (u32::from(b1 & 0x3F) << 6)
                | u32::from(bytes[pos + 2] & 0x3F);
            (cp, 3)
        } else {
            break;
        };
        let entry = fast[cp as usize];
        if entry & FAST_SLOW != 0 {
            break;
        }
        out[*o..*o + 4].copy_from_slice(&entry.to_le_bytes());
        *o += (entry >> LEN_SHIFT) as usize;
        pos += width;
    }
    pos
}

/// Normalize the character at byte `pos` the general way; returns the position after it.
fn slow_char(
    table: &Table,
    text: &str,
    pos: usize,
    buf: &mut Vec<u8>,
    base: usize,
    o: &mut usize,
) -> usize {
    let c = text[pos..].chars().next().expect("pos is inside text");
    let next = pos + c.len_utf8();
    let action = table.action(c);
    let mut own = [0u8; 4];
    let lowered: String;
    let output: &str = match action {
        KEEP => c.encode_utf8(&mut own),
        DELETE => return next,
        SPACE => " ",
        // After white space the last character written is a space, which is no emoji.
        ZWJ_CONTEXT if zwj_joins(&buf[base..*o], &text[next..]) => ZWJ.encode_utf8(&mut own),
        ZWJ_CONTEXT => return next,
        LOWERCASE => {
            lowered = c.to_lowercase().collect();
            &lowered
        }
        _ if action & REPLACE != 0 => table.replacement(action),
        _ => unreachable!("unknown action {action}"),
    };
    // Grow so that the loop's bound holds for the input left.
    let needed = *o + output.len() + (text.len() - next) + SLACK;
    if buf.len() < needed {
        buf.resize(needed, 0);
    }
    buf[*o..*o + output.len()].copy_from_slice(output.as_bytes());
    *o += output.len();
    next
}

/// Whether a ZWJ joins two emoji: the last character written (past modifiers) and the next
/// input character.
fn zwj_joins(written: &[u8], rest: &str) -> bool {
    super::rules::zwj_joins(last_char_but_modifiers(written), rest.chars().next())
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

/// Collapse every run of spaces in `out[base..]` to one space and remove them at both ends.
///
/// Every space there is white space of the input (replacements never start or end with a space
/// or hold two), and removed characters wrote nothing, so this is the `whitespace` option.
fn collapse_spaces(out: &mut String, base: usize) {
    let text = &out.as_bytes()[base..];
    let leading = text.iter().take_while(|&&b| b == b' ').count();
    if leading == text.len() {
        out.truncate(base);
        return;
    }
    let trailing = text.iter().rev().take_while(|&&b| b == b' ').count();
    out.truncate(out.len() - trailing);
    if !has_double_space(&out.as_bytes()[base + leading..]) {
        out.drain(base..base + leading);
        return;
    }
    let mut bytes = out.split_off(base + leading).into_bytes();
    let mut previous_space = false;
    bytes.retain(|&b| {
        let keep = !(b == b' ' && previous_space);
        previous_space = b == b' ';
        keep
    });
    out.truncate(base);
    out.push_str(&String::from_utf8(bytes).expect("removing spaces keeps UTF-8 whole"));
}

/// Whether `bytes` holds two spaces in a row, sixteen pairs at a time.
fn has_double_space(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const SPACES: u64 = 0x2020_2020_2020_2020;
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
    // A zero byte where byte j and byte j + 1 are both spaces. The classic test of a zero byte
    // can mistake which byte, but not whether there is one.
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & (ONES << 7);
    let mut at = 0;
    while at + 17 <= bytes.len() {
        let low = (word(at) ^ SPACES) | (word(at + 1) ^ SPACES);
        let high = (word(at + 8) ^ SPACES) | (word(at + 9) ^ SPACES);
        if zero_byte(low) | zero_byte(high) != 0 {
            return true;
        }
        at += 16;
    }
    bytes[at..].windows(2).any(|pair| pair == b"  ")
}

#[cfg(test)]
pub(crate) mod tests {
    use proptest::prelude::*;

    use super::{has_double_space, REPLACE};
    use crate::normalize::{Normalizer, Options, PRESET_NAMES};

    /// Characters that exercise every action: Arabic letters and marks, every kind of white
    /// space, controls, ZWJ between emoji, modifiers, presentation forms and ligatures that
    /// expand, digits, Latin and astral capitals, an expanding lowercase (İ).
    pub(crate) const ALPHABET: &[char] = &[
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

    pub(crate) fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(ALPHABET), 0..120)
            .prop_map(|chars| chars.into_iter().collect())
    }

    pub(crate) fn options() -> impl Strategy<Value = Options> {
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

    #[test]
    fn no_replacement_starts_or_ends_with_a_space_or_holds_two() {
        // What makes collapsing after writing the same as collapsing while writing.
        let mut all = Options::default();
        for name in crate::normalize::OPTION_NAMES {
            all.set(name, true).expect("a known option");
        }
        let mut normalizers = vec![Normalizer::new(all)];
        normalizers.extend(
            PRESET_NAMES
                .iter()
                .map(|n| Normalizer::preset(n).expect("a preset")),
        );
        for normalizer in normalizers.iter().filter(|n| n.table.fast.collapses) {
            for cp in 0..0x10000u32 {
                let action = normalizer.table.bmp[cp as usize];
                if action & REPLACE != 0 {
                    let output = normalizer.table.replacement(action);
                    assert!(
                        !output.starts_with(' ')
                            && !output.ends_with(' ')
                            && !output.contains("  "),
                        "U+{cp:04X} becomes {output:?}"
                    );
                }
            }
        }
    }

    proptest! {
        #[test]
        fn double_spaces_are_found(bytes in prop::collection::vec(prop::sample::select(vec![b' ', b'a', 0xA0, b'!']), 0..80)) {
            let expected = bytes.windows(2).any(|pair| pair == b"  ");
            prop_assert_eq!(has_double_space(&bytes), expected);
        }

        #[test]
        fn presets_match_the_reference(index in 0..PRESET_NAMES.len(), text in text()) {
            let normalizer = Normalizer::preset(PRESET_NAMES[index]).expect("a preset");
            check(&normalizer, "\u{064E}x ", &text);
        }
    }
}
