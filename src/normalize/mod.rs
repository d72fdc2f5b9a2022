//! Arabic normalization with an alignment back to the original text.
//!
//! A [`Normalizer`] compiles its [`Options`] (or one camel_tools-compatible function) into a
//! per-character action table once; normalizing is then one pass over the UTF-8 input that copies
//! runs of untouched characters whole. [`Normalizer::align`] runs the same pass while recording
//! segments, so any span of the output maps back to the original (see [`Aligned`]).

mod camel;
mod camel_tables;
mod fast;
mod options;
mod rules;
mod table;

use std::sync::Arc;

use crate::alignment::{Aligned, SegmentRecorder};
use crate::error::Result;
use crate::text::{is_emoji_modifier, is_extend, TATWEEL, ZWJ};
pub use options::{preset, preset_name, CamelKind, Options, Profile, OPTION_NAMES, PRESET_NAMES};
use table::{Table, DELETE, KEEP, LOWERCASE, REPLACE, SPACE, ZWJ_CONTEXT};

/// A configured normalizer. Cheap to clone and safe to share across threads.
#[derive(Clone)]
pub struct Normalizer {
    profile: Profile,
    table: Arc<Table>,
}

impl std::fmt::Debug for Normalizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Normalizer")
            .field("profile", &self.profile)
            .finish()
    }
}

impl PartialEq for Normalizer {
    fn eq(&self, other: &Self) -> bool {
        self.profile == other.profile
    }
}

impl Eq for Normalizer {}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new(Options::default())
    }
}

/// Decode the character that starts at byte `pos` of valid UTF-8.
#[inline(always)]
fn decode(bytes: &[u8], pos: usize) -> (char, usize) {
    let b0 = bytes[pos] as u32;
    let (cp, width) = if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | (bytes[pos + 1] as u32 & 0x3F), 2)
    } else if b0 < 0xF0 {
        (
            ((b0 & 0x0F) << 12)
                | ((bytes[pos + 1] as u32 & 0x3F) << 6)
                | (bytes[pos + 2] as u32 & 0x3F),
            3,
        )
    } else {
        (
            ((b0 & 0x07) << 18)
                | ((bytes[pos + 1] as u32 & 0x3F) << 12)
                | ((bytes[pos + 2] as u32 & 0x3F) << 6)
                | (bytes[pos + 3] as u32 & 0x3F),
            4,
        )
    };
    // The input is a &str, so every sequence decodes to a valid scalar value.
    (char::from_u32(cp).unwrap_or('\u{FFFD}'), width)
}

/// The state of one normalization pass.
struct Pass<'a, const ALIGN: bool> {
    out: &'a mut String,
    /// Where this pass's output begins in `out`.
    base: usize,
    rec: SegmentRecorder,
    out_chars: usize,
    /// A collapsed space waits to be written before the next output character.
    pending_space: bool,
    /// Inside a run of white space (or before the first output): removed characters join it.
    in_space: bool,
    /// The last output was a ZWJ joining two emoji: the next emoji belongs to the same cluster.
    joined: bool,
}

impl<const ALIGN: bool> Pass<'_, ALIGN> {
    /// Prepare to write the output of original character `c` at index `ci`.
    #[inline]
    fn begin(&mut self, c: char, ci: usize) {
        if self.pending_space {
            self.out.push(' ');
            self.out_chars += 1;
            self.pending_space = false;
        }
        self.in_space = false;
        if ALIGN {
            // A kept ZWJ belongs to the character before it (as in a grapheme cluster), so an
            // emoji ZWJ sequence is one segment and no span splits it.
            let attach = ci > 0 && (self.joined || c == ZWJ || is_extend(c));
            if !attach {
                self.rec.start(ci, self.out_chars);
            }
            self.joined = false;
        }
    }

    #[inline]
    fn push(&mut self, c: char) {
        self.out.push(c);
        if ALIGN {
            self.out_chars += 1;
        }
    }

    fn delete(&mut self, c: char, ci: usize) {
        if ALIGN && !(self.in_space || is_extend(c) || c == TATWEEL) {
            self.rec.start(ci, self.out_chars);
        }
    }

    fn space(&mut self, ci: usize) {
        if self.in_space {
            return;
        }
        self.in_space = true;
        self.pending_space = self.out.len() > self.base;
        if ALIGN {
            self.rec.start(ci, self.out_chars);
        }
    }

    /// Whether the ZWJ at byte `pos` joins two emoji: the last output (past modifiers) and the
    /// next input character.
    fn zwj_joins(&self, bytes: &[u8], pos: usize) -> bool {
        if self.pending_space || pos + 3 >= bytes.len() {
            return false;
        }
        let previous = self.out[self.base..]
            .chars()
            .rev()
            .find(|&c| !is_emoji_modifier(c));
        let (next, _) = decode(bytes, pos + 3);
        rules::zwj_joins(previous, Some(next))
    }
}

impl Normalizer {
    /// A normalizer with the given switches.
    pub fn new(options: Options) -> Self {
        Normalizer::from_profile(Profile::Options(options))
    }

    /// A normalizer for a profile (switches or a camel_tools function).
    pub fn from_profile(profile: Profile) -> Self {
        Normalizer {
            table: table::table_for(&profile),
            profile,
        }
    }

    /// A named preset (see [`PRESET_NAMES`]).
    ///
    /// # Errors
    /// An unknown preset name.
    pub fn preset(name: &str) -> Result<Self> {
        Ok(Normalizer::from_profile(preset(name)?))
    }

    /// What this normalizer does.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The switches, when this normalizer is not a camel_tools function.
    pub fn options(&self) -> Option<&Options> {
        match &self.profile {
            Profile::Options(options) => Some(options),
            Profile::Camel(_) => None,
        }
    }

    fn collapses_whitespace(&self) -> bool {
        self.options().is_some_and(|o| o.whitespace)
    }

    /// Normalize `text`.
    pub fn normalize(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + fast::SLACK);
        self.normalize_into(text, &mut out);
        out
    }

    /// Normalize `text`, appending the result to `out`.
    pub fn normalize_into(&self, text: &str, out: &mut String) {
        if self.profile == Profile::Camel(CamelKind::Unicode) {
            camel::nfkc_pass(text, out, None);
            return;
        }
        fast::normalize_into(&self.table, text, out);
    }

    /// Whether a word (no white space, no emoji) normalizes character by character, so that
    /// [`Normalizer::fold_word_char`] gives the same as [`Normalizer::normalize_into`]. Only
    /// `camel_unicode` (NFKC, which composes and reorders) does not.
    pub(crate) fn folds_by_char(&self) -> bool {
        self.profile != Profile::Camel(CamelKind::Unicode)
    }

    /// Append what the word `word` (word characters and the controls between them, as a scan
    /// cuts it; no white space) becomes: the same as [`Normalizer::normalize_into`], character
    /// by character where the profile allows (see the scan's property test).
    #[inline]
    pub(crate) fn normalize_word_into(&self, word: &str, out: &mut String) {
        if self.folds_by_char() {
            let from = out.len();
            for c in word.chars() {
                self.fold_word_char(c, out);
            }
            self.finish_word(out, from);
        } else {
            self.normalize_into(word, out);
        }
    }

    /// Whether the `elongation` option is on: the one rule that changes what a character
    /// becomes by the characters around it inside a word.
    #[inline]
    pub(crate) fn collapses_elongation(&self) -> bool {
        self.table.elongation
    }

    /// Finish the fold of one word (or other unit) that [`Normalizer::fold_word_char`] wrote
    /// to `out[from..]`, character by character: collapse its runs of a letter under
    /// `elongation` (see `rules::elongation_drops`), as [`Normalizer::normalize_into`] does.
    #[inline]
    pub(crate) fn finish_word(&self, out: &mut String, from: usize) {
        if self.table.elongation {
            rules::collapse_elongation(out, from);
        }
    }

    /// Append what character `c` of a word becomes. Inside a word nothing depends on context
    /// (there is no white space to collapse and no emoji for a ZWJ to join) but the runs of a
    /// letter that `elongation` collapses: [`Normalizer::finish_word`] does that once the word
    /// is written.
    #[inline(always)]
    pub(crate) fn fold_word_char(&self, c: char, out: &mut String) {
        if fast::push_fast(&self.table.fast, c, out) {
            return;
        }
        let action = self.table.action(c);
        if action == KEEP {
            out.push(c);
        } else if action & REPLACE != 0 {
            out.push_str(self.table.replacement(action));
        } else if action == LOWERCASE {
            out.extend(c.to_lowercase());
        } else if action == SPACE {
            out.push(' ');
        }
        // DELETE and ZWJ_CONTEXT (a ZWJ inside a word joins no emoji): nothing.
    }

    /// `normalize_into` through the general pass that `align` uses: the reference the tests of
    /// the fast pass compare against.
    #[cfg(test)]
    fn normalize_into_reference(&self, text: &str, out: &mut String) {
        if self.profile == Profile::Camel(CamelKind::Unicode) {
            camel::nfkc_pass(text, out, None);
            return;
        }
        let mut pass = Pass::<false> {
            base: out.len(),
            out,
            rec: SegmentRecorder::default(),
            out_chars: 0,
            pending_space: false,
            in_space: self.collapses_whitespace(),
            joined: false,
        };
        let from = pass.base;
        self.run(text, &mut pass);
        if self.table.elongation {
            rules::collapse_elongation(out, from);
        }
    }

    /// Normalize `text` and keep the alignment between the result and `text`.
    pub fn align(&self, text: &str) -> Aligned {
        let mut out = String::with_capacity(text.len());
        let orig_len = text.chars().count();
        if self.profile == Profile::Camel(CamelKind::Unicode) {
            let mut rec = SegmentRecorder::default();
            camel::nfkc_pass(text, &mut out, Some(&mut rec));
            return rec.finish(out, orig_len);
        }
        let mut pass = Pass::<true> {
            out: &mut out,
            base: 0,
            rec: SegmentRecorder::default(),
            out_chars: 0,
            pending_space: false,
            in_space: self.collapses_whitespace(),
            joined: false,
        };
        self.run(text, &mut pass);
        let rec = std::mem::take(&mut pass.rec);
        let aligned = rec.finish(out, orig_len);
        if self.table.elongation {
            // A collapsed run is one segment, from its first letter to its last (with the
            // marks and tatweel between), as a letter and its marks are.
            return aligned.absorb_into_previous(rules::elongation_drops);
        }
        aligned
    }

    fn run<const ALIGN: bool>(&self, text: &str, pass: &mut Pass<'_, ALIGN>) {
        let table = &*self.table;
        let bytes = text.as_bytes();
        let mut pos = 0;
        let mut ci = 0;
        // Without alignment, runs of kept characters are copied whole.
        let mut run_start = usize::MAX;
        while pos < bytes.len() {
            let (c, width) = decode(bytes, pos);
            let action = table.action(c);
            if action == KEEP {
                if ALIGN {
                    pass.begin(c, ci);
                    pass.push(c);
                } else if run_start == usize::MAX {
                    pass.begin(c, ci);
                    run_start = pos;
                }
            } else {
                if !ALIGN && run_start != usize::MAX {
                    pass.out.push_str(&text[run_start..pos]);
                    run_start = usize::MAX;
                }
                self.act(action, c, ci, bytes, pos, pass);
            }
            pos += width;
            ci += 1;
        }
        if !ALIGN && run_start != usize::MAX {
            pass.out.push_str(&text[run_start..]);
        }
    }

    #[inline]
    fn act<const ALIGN: bool>(
        &self,
        action: u32,
        c: char,
        ci: usize,
        bytes: &[u8],
        pos: usize,
        pass: &mut Pass<'_, ALIGN>,
    ) {
        if action & REPLACE != 0 {
            pass.begin(c, ci);
            pass.out.push_str(self.table.replacement(action));
            if ALIGN {
                pass.out_chars += Table::replacement_chars(action);
            }
            return;
        }
        match action {
            DELETE => pass.delete(c, ci),
            SPACE => pass.space(ci),
            ZWJ_CONTEXT => {
                if pass.zwj_joins(bytes, pos) {
                    pass.begin(ZWJ, ci);
                    pass.push(ZWJ);
                    pass.joined = true;
                } else {
                    pass.delete(c, ci);
                }
            }
            LOWERCASE => {
                pass.begin(c, ci);
                for lower in c.to_lowercase() {
                    pass.push(lower);
                }
            }
            _ => unreachable!("unknown action {action}"),
        }
    }
}
