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
    /// The entries of the pass on 16-bit code units (see [`normalize_units`]), made on first use.
    #[cfg(any(test, feature = "python"))]
    units: std::sync::OnceLock<Box<FastEntries>>,
}

impl Default for FastTables {
    /// Every character through [`slow_char`].
    fn default() -> Self {
        FastTables {
            bmp: Box::new([FAST_SLOW; 0x10000]),
            pairs: Box::new([FAST_SLOW; 0x10000]),
            collapses: false,
            #[cfg(any(test, feature = "python"))]
            units: std::sync::OnceLock::new(),
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
        #[cfg(any(test, feature = "python"))]
        units: std::sync::OnceLock::new(),
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
    if table.elongation {
        super::rules::collapse_elongation(out, base);
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

/// Byte 2 of a unit entry: whether it writes its unit (0 or 1).
#[cfg(any(test, feature = "python"))]
const UNIT_LEN_SHIFT: u32 = 16;

/// The unit entries of `table`: for every BMP code point, the one UTF-16 unit it becomes
/// (bits 0–15) and whether it writes it (bit 16), or [`FAST_SLOW`] for a surrogate and for a
/// character that becomes more than one unit, a character outside the BMP, or needs context.
#[cfg(any(test, feature = "python"))]
fn unit_entries(table: &Table) -> Box<FastEntries> {
    let one = |unit: u32| unit | 1 << UNIT_LEN_SHIFT;
    let entries: Box<[u32]> = (0..0x10000u32)
        .map(|cp| {
            if (0xD800..0xE000).contains(&cp) {
                return FAST_SLOW;
            }
            match table.bmp[cp as usize] {
                KEEP => one(cp),
                DELETE => REMOVED,
                SPACE => one(u32::from(b' ')),
                action if action & REPLACE != 0 => {
                    let mut chars = table.replacement(action).chars().map(u32::from);
                    match (chars.next(), chars.next()) {
                        (Some(c), None) if c < 0x10000 => one(c),
                        _ => FAST_SLOW,
                    }
                }
                _ => FAST_SLOW,
            }
        })
        .collect();
    entries.try_into().expect("one entry per BMP code point")
}

/// A code unit of a Python `str` of one or two bytes per character, written by
/// [`normalize_units_into`].
#[cfg(any(test, feature = "python"))]
pub(crate) trait Unit: Copy + Eq {
    /// The bits of an entry's unit that do not fit in this type.
    const TOO_WIDE: u32;
    /// The unit of an entry that fits.
    fn from_entry(entry: u32) -> Self;
    /// The value of the unit.
    fn to_u32(self) -> u32;
}

#[cfg(any(test, feature = "python"))]
impl Unit for u8 {
    const TOO_WIDE: u32 = 0xFF00;
    fn from_entry(entry: u32) -> Self {
        entry as u8
    }
    fn to_u32(self) -> u32 {
        self.into()
    }
}

#[cfg(any(test, feature = "python"))]
impl Unit for u16 {
    const TOO_WIDE: u32 = 0;
    fn from_entry(entry: u32) -> Self {
        entry as u16
    }
    fn to_u32(self) -> u32 {
        self.into()
    }
}

/// Why [`normalize_units_into`] stopped.
#[cfg(any(test, feature = "python"))]
enum Stop {
    /// A lone surrogate at this index of the text.
    Surrogate(usize),
    /// A character needs the general pass (a ZWJ, a replacement outside the BMP).
    General,
    /// The output does not fit in the destination: too long, or a unit too wide for it.
    Full,
}

/// Normalize text stored as code units of at most 16 bits (a Python `str` of one or two bytes
/// per character) into code units of `dest`, without going through UTF-8.
///
/// Returns how many units it wrote at the start of `dest` and an upper bound of their values
/// with the same high bits as the largest (so it tells the narrowest `str` storage that holds
/// them).
///
/// Every unit takes one table load and one store, with no branch on what it becomes: each
/// entry is stored at the output position, which advances by the entry's length. An entry
/// never writes more than the one unit it reads, so as long as the room left is at least the
/// input left the stores stay in bounds. Characters that become several units go through
/// [`slow_unit`]; spaces are collapsed afterwards, as in [`normalize_into`].
///
/// # Errors
/// See [`Stop`]; whatever `dest` holds then is garbage.
#[cfg(any(test, feature = "python"))]
fn normalize_units_into<I: Copy + Into<u32>, O: Unit>(
    table: &Table,
    text: &[I],
    dest: &mut [std::mem::MaybeUninit<O>],
) -> Result<(usize, u32), Stop> {
    let entries = table.fast.units.get_or_init(|| unit_entries(table));
    let stop = FAST_SLOW | O::TOO_WIDE;
    let mut bits = 0u32;
    let mut o = 0;
    let mut pos = 0;
    loop {
        let left = text.len() - pos;
        if dest.len() - o < left {
            return Err(Stop::Full);
        }
        let (input, room) = (&text[pos..], &mut dest[o..o + left]);
        let mut written = 0;
        let mut i = 0;
        // Eight units at a time: one test for the eight entries, one bounds check for their
        // stores. A block with an entry that the loop does not write goes to the loop below.
        while i + 8 <= input.len() {
            let block: &[I; 8] = input[i..i + 8].try_into().expect("eight units");
            let entries = block.map(|unit| entries[(unit.into() & 0xFFFF) as usize]);
            let any = entries.iter().fold(0, |any, &entry| any | entry);
            if any & stop != 0 {
                break;
            }
            // `written <= i`, so the eight stores fall in `room[written..written + 8]`.
            let out: &mut [std::mem::MaybeUninit<O>; 8] = (&mut room[written..written + 8])
                .try_into()
                .expect("eight units");
            let mut at = 0;
            for entry in entries {
                // `at` is at most the index of the entry, so below 8: the mask only spares
                // the bounds check.
                out[at & 7] = std::mem::MaybeUninit::new(O::from_entry(entry));
                at += (entry >> UNIT_LEN_SHIFT) as usize;
            }
            written += at;
            bits |= any;
            i += 8;
        }
        let mut slow = None;
        for (i, &unit) in input.iter().enumerate().skip(i) {
            let entry = entries[(unit.into() & 0xFFFF) as usize];
            if entry & stop != 0 {
                slow = Some(pos + i);
                break;
            }
            // `written <= i < room.len()`.
            room[written] = std::mem::MaybeUninit::new(O::from_entry(entry));
            written += (entry >> UNIT_LEN_SHIFT) as usize;
            bits |= entry;
        }
        o += written;
        let Some(at) = slow else {
            break;
        };
        let cp = text[at].into();
        o = slow_unit(
            table,
            (at, cp, entries[(cp & 0xFFFF) as usize]),
            dest,
            o,
            &mut bits,
        )?;
        pos = at + 1;
    }
    // SAFETY: `dest[..o]` is initialised: the loops wrote every index below `o` (each one when
    // `o` passed it), and `MaybeUninit<O>` has the layout of `O`.
    let written = unsafe { &mut *(std::ptr::from_mut(&mut dest[..o]) as *mut [O]) };
    let mut len = if table.fast.collapses {
        collapse_units(written)
    } else {
        o
    };
    if table.elongation {
        // Each run keeps its first letter, so the largest unit stays and `bits` still bounds.
        len = collapse_elongation_units(&mut written[..len]);
    }
    Ok((len, bits & 0xFFFF))
}

/// Write what the character at index `at` of the text (code point `cp`, unit entry `entry`)
/// becomes at `dest[o..]`, for an entry that [`normalize_units_into`]'s loop does not write: a
/// replacement of several BMP characters. Returns the position after it.
#[cfg(any(test, feature = "python"))]
fn slow_unit<O: Unit>(
    table: &Table,
    (at, cp, entry): (usize, u32, u32),
    dest: &mut [std::mem::MaybeUninit<O>],
    mut o: usize,
    bits: &mut u32,
) -> Result<usize, Stop> {
    if entry & FAST_SLOW == 0 {
        // A unit too wide for `O`.
        return Err(Stop::Full);
    }
    if (0xD800..0xE000).contains(&cp) {
        return Err(Stop::Surrogate(at));
    }
    let action = table.bmp[cp as usize];
    if action & REPLACE == 0 {
        return Err(Stop::General);
    }
    for c in table.replacement(action).chars() {
        let c = u32::from(c);
        if c > 0xFFFF {
            return Err(Stop::General);
        }
        if c & O::TOO_WIDE != 0 || o == dest.len() {
            return Err(Stop::Full);
        }
        dest[o] = std::mem::MaybeUninit::new(O::from_entry(c));
        o += 1;
        *bits |= c;
    }
    Ok(o)
}

/// [`collapse_spaces`] on code units, in place: collapse every run of spaces to one space and
/// remove them at both ends; returns the length left.
#[cfg(any(test, feature = "python"))]
fn collapse_units<O: Unit>(units: &mut [O]) -> usize {
    let space = O::from_entry(u32::from(b' '));
    let leading = units.iter().take_while(|&&u| u == space).count();
    if leading == units.len() {
        return 0;
    }
    let trailing = units.iter().rev().take_while(|&&u| u == space).count();
    let end = units.len() - trailing;
    let body = &units[leading..end];
    let doubled = has_double_space_unit(body, space);
    if !doubled {
        units.copy_within(leading..end, 0);
        return end - leading;
    }
    let mut len = 0;
    let mut previous_space = true;
    for at in leading..end {
        let unit = units[at];
        let is_space = unit == space;
        if !(is_space && previous_space) {
            units[len] = unit;
            len += 1;
        }
        previous_space = is_space;
    }
    len
}

/// `rules::collapse_elongation` on code units, in place; returns the length left.
#[cfg(any(test, feature = "python"))]
fn collapse_elongation_units<O: Unit>(units: &mut [O]) -> usize {
    use super::rules::{elongation_drops, NO_CHAR};
    // A character goes only from the second of three equal ones on: most texts have none.
    let Some(first) = first_triple(units) else {
        return units.len();
    };
    let mut len = first + 1;
    let two_before = first
        .checked_sub(1)
        .map_or(NO_CHAR, |at| units[at].to_u32());
    let (mut two_before, mut before) = (two_before, units[first].to_u32());
    for at in first + 1..units.len() {
        let unit = units[at].to_u32();
        let after = units.get(at + 1).map_or(NO_CHAR, |u| u.to_u32());
        if !elongation_drops(two_before, before, unit, after) {
            units[len] = units[at];
            len += 1;
        }
        (two_before, before) = (before, unit);
    }
    len
}

/// Where the first three equal units in a row start, a block at a time as in
/// [`has_double_space_unit`].
#[cfg(any(test, feature = "python"))]
fn first_triple<O: Unit>(units: &[O]) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut at = 0;
    while at + BLOCK + 2 <= units.len() {
        let block: &[O; BLOCK + 2] = units[at..at + BLOCK + 2].try_into().expect("a block");
        let mut any = false;
        for j in 0..BLOCK {
            any |= block[j] == block[j + 1] && block[j + 1] == block[j + 2];
        }
        if any {
            break;
        }
        at += BLOCK;
    }
    units[at..]
        .windows(3)
        .position(|w| w[0] == w[1] && w[1] == w[2])
        .map(|p| at + p)
}

/// Whether `units` holds two spaces in a row: [`has_double_space`] on code units.
#[cfg(any(test, feature = "python"))]
fn has_double_space_unit<O: Unit>(units: &[O], space: O) -> bool {
    const BLOCK: usize = 32;
    const SPACES: u32 = 0x0020_0020;
    let mut at = 0;
    // A block at a time without an early exit inside, so that the test is vectorized: each
    // unit and the next one as one 32-bit word (compared as words, they need no shuffling).
    while at + BLOCK < units.len() {
        let block: &[O; BLOCK + 1] = units[at..=at + BLOCK].try_into().expect("a block");
        let mut pairs = 0u32;
        for j in 0..BLOCK {
            let pair = block[j].to_u32() | block[j + 1].to_u32() << 16;
            pairs |= u32::from(pair == SPACES);
        }
        if pairs != 0 {
            return true;
        }
        at += BLOCK;
    }
    units[at..]
        .windows(2)
        .any(|pair| pair[0] == space && pair[1] == space)
}

#[cfg(any(test, feature = "python"))]
impl super::Normalizer {
    /// [`normalize_units_into`] with this normalizer: the length and bound of the units
    /// written, else `Err(Some(i))` for a lone surrogate at index `i` and `Err(None)` where
    /// [`Normalizer::normalize_units`] must take over (also for `camel_unicode`: NFKC does not
    /// fold character by character).
    pub(crate) fn normalize_units_into<I: Copy + Into<u32>, O: Unit>(
        &self,
        text: &[I],
        dest: &mut [std::mem::MaybeUninit<O>],
    ) -> Result<(usize, u32), Option<usize>> {
        self.units_into(text, dest).map_err(|stop| match stop {
            Stop::Surrogate(at) => Some(at),
            Stop::General | Stop::Full => None,
        })
    }

    fn units_into<I: Copy + Into<u32>, O: Unit>(
        &self,
        text: &[I],
        dest: &mut [std::mem::MaybeUninit<O>],
    ) -> Result<(usize, u32), Stop> {
        if !self.folds_by_char() {
            return Err(Stop::General);
        }
        normalize_units_into(&self.table, text, dest)
    }

    /// [`normalize_units_into`] into `out` (cleared first), grown as needed: `None` where a
    /// character needs the general pass, `Some(Err(i))` for a lone surrogate at index `i`, else
    /// the bound of the units' values.
    pub(crate) fn normalize_units<I: Copy + Into<u32>>(
        &self,
        text: &[I],
        out: &mut Vec<u16>,
    ) -> Option<Result<u32, usize>> {
        let mut room = text.len();
        loop {
            out.clear();
            out.reserve(room);
            match self.units_into(text, &mut out.spare_capacity_mut()[..room]) {
                Ok((len, bits)) => {
                    // SAFETY: `normalize_units_into` initialised the first `len` units.
                    unsafe { out.set_len(len) };
                    return Some(Ok(bits));
                }
                Err(Stop::Surrogate(at)) => return Some(Err(at)),
                Err(Stop::General) => return None,
                // Replacements longer than what the text loses (u16 units are never too wide).
                Err(Stop::Full) => room = room * 2 + 16,
            }
        }
    }
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
        '\u{08A0}',
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

    /// Texts of [`ALPHABET`] where a character is often repeated two to five times, now and
    /// then with another character between the copies, so that `elongation` has runs to
    /// collapse (and runs that what other options remove or keep joins or breaks).
    pub(crate) fn text() -> impl Strategy<Value = String> {
        let repeat = prop_oneof![6 => Just(1usize), 2 => 2..=5usize];
        let between =
            prop_oneof![3 => Just(None), 1 => prop::sample::select(ALPHABET).prop_map(Some)];
        let piece = (prop::sample::select(ALPHABET), repeat, between);
        prop::collection::vec(piece, 0..90).prop_map(|pieces| {
            let mut text = String::new();
            for (c, n, between) in pieces {
                for i in 0..n {
                    if i > 0 {
                        text.extend(between);
                    }
                    text.push(c);
                }
            }
            text
        })
    }

    pub(crate) fn options() -> impl Strategy<Value = Options> {
        prop::collection::vec(any::<bool>(), crate::normalize::OPTION_NAMES.len()).prop_map(
            |flags| {
                let mut options = Options::none();
                for (name, flag) in crate::normalize::OPTION_NAMES.iter().zip(flags) {
                    options.set(name, flag).expect("a known option");
                }
                options
            },
        )
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

    /// The pass on code units against the pass on UTF-8, for a text of BMP characters: into
    /// a growing vector, into a destination of the text's length, of one byte when it fits.
    #[cfg(any(test, feature = "python"))]
    fn check_units(normalizer: &Normalizer, text: &str) {
        use std::mem::MaybeUninit;
        let expected = normalizer.normalize(text);
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(units.len(), text.chars().count(), "BMP only");
        let mut out = vec![7u16; 3];
        let Some(result) = normalizer.normalize_units(&units, &mut out) else {
            if !normalizer.folds_by_char() {
                return;
            }
            // The general pass: a ZWJ or a replacement outside the BMP.
            assert!(text.chars().any(|c| {
                let action = normalizer.table.action(c);
                action == super::ZWJ_CONTEXT
                    || (action & REPLACE != 0
                        && normalizer
                            .table
                            .replacement(action)
                            .chars()
                            .any(|r| r > '\u{FFFF}'))
            }));
            return;
        };
        let bits = result.expect("no surrogate");
        assert_eq!(String::from_utf16(&out).expect("BMP"), expected, "{text:?}");
        let max = out.iter().copied().max().map_or(0, u32::from);
        // What the bound is for: the kind of `str` (ASCII, one byte, two bytes).
        let kind = |unit: u32| [0x80, 0x100, 0x10000].iter().position(|&end| unit < end);
        assert_eq!(kind(bits), kind(max), "{bits:x} for {max:x}");
        let mut dest = vec![MaybeUninit::<u16>::uninit(); units.len()];
        match normalizer.normalize_units_into(&units, &mut dest) {
            Ok((len, same)) => {
                assert_eq!(same, bits);
                // SAFETY: the first `len` units were written.
                let written: Vec<u16> = dest[..len]
                    .iter()
                    .map(|u| unsafe { u.assume_init() })
                    .collect();
                assert_eq!(written, out);
            }
            Err(None) => assert!(expands(normalizer, text), "{text:?}"),
            Err(Some(at)) => panic!("a surrogate at {at}"),
        }
        if units.iter().all(|&u| u < 0x100) {
            let narrow: Vec<u8> = units.iter().map(|&u| u as u8).collect();
            let mut dest = vec![MaybeUninit::<u8>::uninit(); narrow.len()];
            match normalizer.normalize_units_into(&narrow, &mut dest) {
                Ok((len, _)) => {
                    // SAFETY: as above.
                    let written: Vec<u16> = dest[..len]
                        .iter()
                        .map(|u| u16::from(unsafe { u.assume_init() }))
                        .collect();
                    assert_eq!(written, out);
                }
                Err(None) => assert!(expands(normalizer, text) || max > 0xFF, "{text:?}"),
                Err(Some(at)) => panic!("a surrogate at {at}"),
            }
        }
    }

    /// Whether a character of `text` becomes more than one.
    #[cfg(any(test, feature = "python"))]
    fn expands(normalizer: &Normalizer, text: &str) -> bool {
        text.chars().any(|c| {
            let action = normalizer.table.action(c);
            action & REPLACE != 0 && normalizer.table.replacement(action).chars().count() > 1
        })
    }

    #[cfg(any(test, feature = "python"))]
    #[test]
    fn units_pass_matches_the_utf8_pass_on_edge_cases() {
        let cases = [
            "",
            " ",
            "  \n\t ",
            "\u{064E}",
            " \u{064E} ",
            "وَزارةُ  الصحّة ",
            "  أحمد\u{00A0}\u{00A0}ى ",
            "ب\u{200D}",
            "ﷲ ﷽ ﻻ",
            "﷽﷽",
            "ﻻ",
            "İSTANBUL",
            "ABC déf\u{00A0}",
            "\u{00B5}\u{00C0}\u{00A0} x",
            "abc\u{064E}",
            "12345678901234567890  abc   d",
            "ة ة ة ة ة ة ة ة ة ة ة ة ة ة ة ة ة ة ة ة  ة",
        ];
        for name in PRESET_NAMES {
            let normalizer = Normalizer::preset(name).expect("a preset");
            for case in cases {
                check_units(&normalizer, case);
            }
        }
    }

    #[cfg(any(test, feature = "python"))]
    #[test]
    fn units_pass_reports_the_first_lone_surrogate() {
        let normalizer = Normalizer::preset("search").expect("a preset");
        let mut units: Vec<u16> = "نص عربي".encode_utf16().collect();
        units.insert(3, 0xDC00);
        units.push(0xD800);
        assert_eq!(
            normalizer.normalize_units(&units, &mut Vec::new()),
            Some(Err(3))
        );
        let mut dest = vec![std::mem::MaybeUninit::<u16>::uninit(); units.len()];
        assert_eq!(
            normalizer.normalize_units_into(&units, &mut dest).err(),
            Some(Some(3))
        );
    }

    proptest! {
        #[cfg(any(test, feature = "python"))]
        #[test]
        fn units_pass_matches_the_utf8_pass(
            index in 0..PRESET_NAMES.len(),
            text in text(),
            long in prop::collection::vec(prop::sample::select(ALPHABET), 0..400),
        ) {
            let normalizer = Normalizer::preset(PRESET_NAMES[index]).expect("a preset");
            let bmp = |t: &str| t.chars().filter(|&c| c < '\u{10000}').collect::<String>();
            // Without ZWJ too, which sends a text to the general pass.
            let no_zwj = |t: &str| bmp(t).replace('\u{200D}', "");
            let long: String = long.into_iter().collect();
            for text in [bmp(&text), no_zwj(&text), bmp(&long), no_zwj(&long)] {
                check_units(&normalizer, &text);
            }
        }

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
