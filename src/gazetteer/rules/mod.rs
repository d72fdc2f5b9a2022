//! The precision rules: what a candidate match must pass to be reported. All of them are here.
//!
//! A candidate is a span of whole units whose folded words are a term of the trie, maybe after
//! a proclitic. For each entry of the term, in this order:
//!
//! 1. **Disabled** entries (`Gazetteer::set_disabled`, `calibrate`) never match.
//! 2. **Written-only** entries — `exact`, or a one-word term that is a common word — match
//!    only when the text writes the term exactly (diacritics, tatweel, controls and case
//!    aside), and never after a proclitic.
//! 3. **Common words** ([`common_words::COMMON_WORDS`] and the gazetteer's `stopwords`): a
//!    common word of the text matches a term word only when written like it (على is never
//!    علي).
//! 4. **Folding gate** ([`gate::other_word`], one-word candidates, with a lexicon): a match
//!    reached by folding is refused when the text's spelling is seen at least
//!    [`gate::MIN_COUNT`] times and more than [`gate::FOLD_RATIO`] times as often as the
//!    term's (المائة is not الماية). Alef differences are exempt.
//!
//! And for the candidate as a whole, before its entries:
//!
//! 5. **Proclitic gate** ([`gate::clitic_plausible`], one-word candidates, with a lexicon): a
//!    proclitic is stripped only when the rest is at least as common as the whole word (ولاية
//!    is not و + لاية); before the article ال it is always stripped.
//! 6. **Stripping** (while scanning, [`Gazetteer::may_strip`] and [`MIN_REST_CHARS`]): never
//!    from a common word, and the rest keeps at least two letters.
//!
//! Entries the text writes exactly are reported first (`Match::exact`, the `variant` of the
//! API); `ignore` entries match (and so take their span from shorter terms) but are not
//! reported, which `find.rs` does when it emits.

pub(super) mod common_words;
pub(super) mod gate;

use super::find::{Candidate, Scan, TextUnit};
use super::index::{ENTRY, FOLD_FREE, SINGLE};
use super::table::{NODE_MASK, NONE};
use super::Gazetteer;
use crate::lexicon::Lexicon;

/// Rule 6: a stripped proclitic must leave at least this many letters.
pub(super) const MIN_REST_CHARS: usize = 2;

/// The buffers of [`Gazetteer::accept`].
#[derive(Default)]
pub(super) struct AcceptScratch {
    /// The entries accepted, best first.
    pub(super) accepted: Vec<u32>,
    /// The ones written exactly like the text, while ranking.
    pub(super) alike: Vec<u32>,
    /// How many of `accepted` (the first ones) are written exactly like the text.
    pub(super) exact: usize,
    /// `accepted` is the entry of a `SINGLE` terminal.
    pub(super) single: bool,
    /// Work space for the written forms the variant gate looks up.
    pub(super) form: String,
    /// The light forms of a candidate's units, concatenated, and each unit's range in it
    /// (`None` where it is not needed).
    pub(super) lights: String,
    pub(super) ranges: Vec<Option<(usize, usize)>>,
}

impl Gazetteer {
    /// Whether the units of a candidate are, byte for byte, the light forms of entry `e`'s term
    /// (then they are its written form too, and no precision rule can refuse it).
    pub(super) fn written_as_term(
        &self,
        text: &str,
        units: &[TextUnit],
        c: &Candidate,
        prefix: usize,
        e: u32,
    ) -> bool {
        let term = self.lights.get(e as usize);
        term.len() == c.units
            && term.iter().enumerate().all(|(k, t)| {
                let u = units[c.first + k];
                let raw = if k == 0 {
                    &text[u.start + prefix..u.end]
                } else {
                    &text[u.start..u.end]
                };
                if k == 0 && c.alef {
                    t.strip_prefix('ا') == Some(raw)
                } else {
                    t == raw
                }
            })
    }

    /// The entries of a candidate that pass the precision rules, best first: the ones written
    /// exactly like the text (`work.exact` of them), then the others.
    pub(super) fn accept(
        &self,
        text: &str,
        scan: &Scan,
        c: &Candidate,
        prefix: usize,
        work: &mut AcceptScratch,
    ) {
        let units = &scan.units[..];
        work.accepted.clear();
        work.alike.clear();
        work.exact = 0;
        let terminal = self.index.terminal[(c.node & NODE_MASK) as usize];
        work.single = terminal != NONE && terminal & SINGLE != 0;
        let clitic_gated = self.lexicon.is_some() && c.units == 1;
        // The commonest case costs nothing: one entry whose term is written as it folds, and a
        // text written as it folds (no marks, no hamza, no ة …) is written exactly like it. A
        // `SINGLE` entry is neither disabled nor written-only.
        if terminal != NONE
            && terminal & (SINGLE | FOLD_FREE) == SINGLE | FOLD_FREE
            && (c.prefix_chars == 0 || !clitic_gated)
            && written_folded(text, scan, c, prefix)
        {
            work.accepted.push(terminal & ENTRY);
            work.exact = 1;
            return;
        }
        let ends = self.index.terminal_entries(terminal);
        let ends = ends.as_slice();
        // One entry written in the text exactly as its term (no marks, no tatweel) and no
        // proclitic for the gate to weigh: accepted without normalizing.
        if let (true, [e]) = (work.single, ends) {
            if (c.prefix_chars == 0 || !clitic_gated)
                && self.written_as_term(text, units, c, prefix, *e)
            {
                work.accepted.push(*e);
                work.exact = 1;
                return;
            }
        }
        // The written form (light normalization) of every unit, the first after its proclitic.
        work.lights.clear();
        work.ranges.clear();
        for k in 0..c.units {
            let u = units[c.first + k];
            let from = if k == 0 { u.start + prefix } else { u.start };
            let at = work.lights.len();
            if k == 0 && c.alef {
                // ل + ال written لل: the rest of للحكومة is الحكومة
                work.lights.push('ا');
            }
            self.light
                .normalize_word_into(&text[from..u.end], &mut work.lights);
            work.ranges.push(Some((at, work.lights.len())));
        }
        let lights = &work.lights;
        let written = |k: usize| {
            work.ranges
                .get(k)
                .copied()
                .flatten()
                .map(|(a, b)| &lights[a..b])
        };
        // The variant gate looks at one-word candidates only: a name of several words written
        // in a text is evidence enough.
        let gate = self.lexicon.as_deref().filter(|_| c.units == 1);
        if let (Some(lex), Some(rest)) = (gate, written(0)) {
            if c.prefix_chars > 0 {
                let first = units[c.first];
                let whole = &text[first.start..first.end];
                // Rule 5: a proclitic is stripped only when the rest is a likelier word.
                if !gate::clitic_plausible(lex, &self.light, whole, rest, &mut work.form) {
                    return;
                }
            }
        }
        for &e in ends {
            let term = self.lights.get(e as usize);
            let alike = term.len() == c.units
                && term.iter().enumerate().all(|(k, t)| written(k) == Some(t));
            if self.refused(e, alike, c.prefix_chars > 0, &written, gate) {
                continue;
            }
            if alike {
                work.alike.push(e);
            } else {
                work.accepted.push(e);
            }
        }
        work.exact = work.alike.len();
        if !work.alike.is_empty() {
            work.alike.extend_from_slice(&work.accepted);
            std::mem::swap(&mut work.accepted, &mut work.alike);
        }
    }

    /// Rules 1-4 for entry `e` of a candidate: whether they refuse it. `alike`: the text writes
    /// the term exactly (light forms); `stripped`: the match starts after a proclitic;
    /// `written(k)`: the light form of the candidate's unit `k`.
    pub(super) fn refused<'w>(
        &self,
        e: u32,
        alike: bool,
        stripped: bool,
        written: &dyn Fn(usize) -> Option<&'w str>,
        gate: Option<&Lexicon>,
    ) -> bool {
        let i = e as usize;
        let term = self.lights.get(i);
        // 1. A switched-off entry never matches.
        if self.disabled[i] {
            return true;
        }
        // 2. A written-only entry (`exact`, or a one-word term that is a common word) matches
        //    only as written, and never after a proclitic.
        if self.written_only[i] && (!alike || stripped) {
            return true;
        }
        // 3. A common word of the text matches a word of a term only when written like it.
        let common_word_clash = term
            .iter()
            .enumerate()
            .any(|(k, t)| written(k).is_some_and(|w| w != t && self.common_words.contains_key(w)));
        if common_word_clash {
            return true;
        }
        // 4. The variant gate: a one-word match reached by folding is refused when the text's
        //    spelling is a word of its own.
        if !alike {
            if let (Some(lex), Some(w), 1) = (gate, written(0), term.len()) {
                return gate::other_word(lex, w, term.get(0));
            }
        }
        false
    }

    /// Rule 6, applied while scanning: whether proclitics may be stripped from a folded word.
    /// Never from a common word, in any spelling (بين is not ب + ين, ولي is not و + لي).
    pub(super) fn may_strip(&self, folded: &str) -> bool {
        !self.folded_common_words.contains_key(folded)
    }
}

/// Whether every unit of a candidate is written as it folds (the first after its proclitic).
fn written_folded(text: &str, scan: &Scan, c: &Candidate, prefix: usize) -> bool {
    (0..c.units).all(|k| {
        let u = &scan.units[c.first + k];
        let (raw, folded) = if k == 0 {
            (u.start + prefix, u.folded_start + c.prefix_bytes)
        } else {
            (u.start, u.folded_start)
        };
        text.as_bytes().get(raw..u.end) == scan.folded.as_bytes().get(folded..u.folded_end)
    })
}
