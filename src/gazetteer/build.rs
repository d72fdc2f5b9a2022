//! Building a gazetteer: cutting and normalizing terms, adding entries to the index, and the
//! per-entry flags the precision rules read (written-only, fold-free, ignored, disabled).

use super::index::{ENTRY, FOLD_FREE, SINGLE};
use super::table::MAX_WORD_BYTES;
use super::{Entry, Gazetteer};
use crate::error::{Error, Result};
use crate::text::py_repr;
use crate::text::scan::unit_strs;

impl Gazetteer {
    /// The normalized units of a term.
    ///
    /// # Errors
    /// A term that is empty or normalizes to nothing.
    pub(super) fn term_units(&self, term: &str) -> Result<Vec<String>> {
        if term.trim().is_empty() {
            return Err(Error::value(format!("empty term {}", py_repr(term))));
        }
        let normalized = self.normalizer.normalize(term);
        let units: Vec<String> = unit_strs(&normalized)
            .into_iter()
            .map(str::to_string)
            .collect();
        if units.is_empty() {
            return Err(Error::value(format!(
                "term {} normalizes to nothing (only marks, tatweel, quotes or controls)",
                py_repr(term)
            )));
        }
        Ok(units)
    }

    /// Add an entry. Adding the same term, label and id again changes nothing.
    ///
    /// # Errors
    /// A term that is empty or normalizes to nothing; a gazetteer past 2 billion words or
    /// 1 billion trie nodes.
    pub fn add(&mut self, entry: Entry) -> Result<bool> {
        let units = self.term_units(&entry.term)?;
        if let Some(long) = units.iter().find(|u| u.len() > MAX_WORD_BYTES) {
            return Err(Error::value(format!(
                "term {:?} has a word of {} bytes; a word may have at most {MAX_WORD_BYTES}",
                entry.term,
                long.len()
            )));
        }
        let bytes: usize = units.iter().map(|u| u.len() + 2).sum();
        self.index.check_room(units.len(), bytes)?;
        if !self
            .lights
            .has_room(units.len(), 2 * entry.term.len() + bytes)
        {
            return Err(Error::value(
                "a gazetteer holds at most 4 GB of terms in light normalization",
            ));
        }
        if self.entries.len() >= ENTRY as usize {
            return Err(Error::value("a gazetteer holds at most 1 billion entries"));
        }
        let folded_common_words = &self.folded_common_words;
        let is_stop = |w: &str| folded_common_words.contains_key(w);
        let ids: Vec<u32> = units
            .iter()
            .map(|u| self.index.intern(u, &is_stop))
            .collect::<Result<_>>()?;
        // (A later word may have changed the hash seed: hash the first one now.)
        let first_hash = self.index.hash(&units[0]);
        let node = self.index.insert_path(first_hash, &ids);
        let duplicate = self
            .index
            .terminal_entries(self.index.terminal[node])
            .as_slice()
            .iter()
            .any(|&e| {
                let old = self.entries.get(e as usize);
                old.term == entry.term && old.label == entry.label && old.id == entry.id
            });
        if duplicate {
            return Ok(false);
        }
        let lights: Vec<Box<str>> = unit_strs(&self.light.normalize(&entry.term))
            .into_iter()
            .map(Box::from)
            .collect();
        let lights = if lights.len() == units.len() {
            lights
        } else {
            // Light and full normalization cut the term differently (a rare ligature):
            // compare the fully normalized units instead.
            units.iter().map(|u| Box::from(u.as_str())).collect()
        };
        let new = self.entries.len() as u32;
        let written_only = self.is_written_only(&entry, lights.len(), &lights[0]);
        let fold_free = lights.iter().zip(&units).all(|(l, u)| **l == **u);
        let single = (!written_only && !entry.ignore)
            .then_some(SINGLE | if fold_free { FOLD_FREE } else { 0 } | new);
        self.index.add_end(node, new, single);
        self.written_only.to_mut().push(written_only);
        self.fold_free.to_mut().push(fold_free);
        self.ignored.to_mut().push(entry.ignore);
        self.disabled.to_mut().push(false);
        self.entries.push(entry);
        self.lights.push(&lights);
        Ok(true)
    }

    /// Whether an entry whose term has `units` light units, the first `first`, matches only as
    /// written.
    pub(super) fn is_written_only(&self, entry: &Entry, units: usize, first: &str) -> bool {
        entry.exact || (units == 1 && self.common_words.contains_key(first))
    }

    /// Whether every light unit of a term is its own folded form (for files that do not say).
    pub(crate) fn derive_fold_free(&mut self) {
        let normalizer = &self.normalizer;
        let lights = &self.lights;
        self.fold_free = (0..lights.len())
            .map(|e| lights.get(e).iter().all(|u| normalizer.normalize(u) == u))
            .collect::<Vec<bool>>()
            .into();
    }

    /// Recompute what derives from the words, entries and stop words (after loading).
    pub(crate) fn derive_flags(&mut self) {
        let folded_common_words = &self.folded_common_words;
        self.index
            .set_stop(&|w: &str| folded_common_words.contains_key(w));
        self.written_only = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let units = self.lights.get(i);
                self.is_written_only(e, units.len(), units.iter().next().unwrap_or(""))
            })
            .collect::<Vec<bool>>()
            .into();
        self.ignored = self
            .entries
            .iter()
            .map(|e| e.ignore)
            .collect::<Vec<bool>>()
            .into();
    }

    /// The `SINGLE` terminal value of entry `e`, when no precision rule of its own applies to
    /// it.
    pub(super) fn single_value(&self, e: u32) -> Option<u32> {
        let i = e as usize;
        if self.written_only[i] || self.disabled[i] || self.ignored[i] {
            return None;
        }
        Some(SINGLE | if self.fold_free[i] { FOLD_FREE } else { 0 } | e)
    }

    /// Give every terminal with one plain entry the `SINGLE` form (after loading, when the
    /// precision flags are known).
    pub(crate) fn compact_terminals(&mut self) {
        let mut index = std::mem::take(&mut self.index);
        index.compact_terminals(|e| self.single_value(e));
        self.index = index;
    }

    /// Recompute the terminals after entries were switched off or on.
    pub(super) fn refresh_terminals(&mut self) {
        let mut index = std::mem::take(&mut self.index);
        index.refresh_terminals(|e| self.single_value(e));
        self.index = index;
    }

    /// The trie node where `term` ends, when some entry has it.
    pub(super) fn node_of(&self, term: &str) -> Option<u32> {
        self.index.node_of(&self.term_units(term).ok()?)
    }
}
