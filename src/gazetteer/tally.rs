//! Counting what a gazetteer's entries do on a set of texts: how often each matches, in how
//! many documents, how (exactly, by folding, after a proclitic) and, given annotated mentions,
//! how often a match agrees with one. Calibration (link probability) and the audit are built
//! on these counts.

use super::{Gazetteer, Match};
use crate::error::Result;
use crate::parallel;
use std::collections::HashMap;

/// An annotated mention: code points `[start, end)` of its text, with an optional label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Where the mention starts (an attached proclitic may be included).
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// Its label, if the annotation gives one.
    pub label: Option<String>,
}

/// What one entry did on a set of texts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TermTally {
    /// Matches reported for the entry.
    pub matches: u64,
    /// Texts with at least one of them.
    pub documents: u64,
    /// Matches written exactly like the term (see [`Match::exact`]).
    pub exact: u64,
    /// Matches after a stripped proclitic.
    pub prefixed: u64,
    /// Matches that agree with an annotated mention (see [`Gazetteer::tally`]).
    pub agreeing: u64,
}

const EXACT: u8 = 1;
const PREFIXED: u8 = 2;
const AGREES: u8 = 4;

impl Gazetteer {
    /// For each id, the number of texts (`None` is a text with nothing in it) in which some
    /// entry with that id is reported, counted on `threads` threads.
    ///
    /// # Errors
    /// `threads` of 0.
    pub fn document_counts(
        &self,
        texts: &[Option<&str>],
        threads: Option<usize>,
    ) -> Result<HashMap<String, usize>> {
        let per_text = parallel::map(texts, threads, |t| {
            let mut ids: Vec<&str> = match t {
                Some(t) => self
                    .find(t)
                    .iter()
                    .map(|m| self.entry(m.entry).id.as_str())
                    .collect(),
                None => Vec::new(),
            };
            ids.sort_unstable();
            ids.dedup();
            ids
        })?;
        let mut counts: HashMap<String, usize> = HashMap::new();
        for id in per_text.into_iter().flatten() {
            *counts.entry(id.to_string()).or_insert(0) += 1;
        }
        Ok(counts)
    }

    /// For every entry (by index), what it did on `texts` (`None` texts are skipped). With
    /// `mentions` (one list per text), a match agrees with a mention when its span, or its span
    /// with the stripped proclitic, is the mention's, and the labels are equal where the mention
    /// has one.
    ///
    /// # Errors
    /// A bad `threads` value.
    pub fn tally(
        &self,
        texts: &[Option<&str>],
        mentions: Option<&[Vec<Mention>]>,
        threads: Option<usize>,
    ) -> Result<Vec<TermTally>> {
        let indexed: Vec<(usize, Option<&str>)> = texts.iter().copied().enumerate().collect();
        let per_text = parallel::map(&indexed, threads, |&(i, text)| {
            let Some(text) = text else {
                return Vec::new();
            };
            let gold = mentions
                .and_then(|m| m.get(i))
                .map_or(&[][..], Vec::as_slice);
            let mut found: Vec<(u32, u8)> = self
                .find(text)
                .iter()
                .map(|m| (m.entry, self.flags(m, gold)))
                .collect();
            found.sort_unstable();
            found
        })?;
        let mut out = vec![TermTally::default(); self.len()];
        for found in per_text {
            let mut previous = None;
            for (entry, flags) in found {
                let t = &mut out[entry as usize];
                if previous != Some(entry) {
                    t.documents += 1;
                    previous = Some(entry);
                }
                t.matches += 1;
                t.exact += u64::from(flags & EXACT != 0);
                t.prefixed += u64::from(flags & PREFIXED != 0);
                t.agreeing += u64::from(flags & AGREES != 0);
            }
        }
        Ok(out)
    }

    fn flags(&self, m: &Match, gold: &[Mention]) -> u8 {
        let label = &self.entry(m.entry).label;
        let agrees = gold.iter().any(|g| {
            let span =
                g.end == m.end_char && (g.start == m.start_char || g.start == m.word_start_char);
            span && (g.label.is_none() || g.label == *label)
        });
        let mut flags = 0;
        if m.exact {
            flags |= EXACT;
        }
        if m.word_start < m.start {
            flags |= PREFIXED;
        }
        if agrees {
            flags |= AGREES;
        }
        flags
    }
}
