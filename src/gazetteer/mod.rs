//! Arabic-aware gazetteer matching: exact spans, labels and ids, millions of terms.
//!
//! Terms and texts are cut into units (words and single punctuation marks, see [`scan`]) and
//! each unit is normalized once and interned as a word id. Terms form a trie over word ids;
//! matching walks it from every unit of the text. Because units are whole words, a match can
//! neither start nor end inside a word, and any run of white space, quotes, tatweel or
//! controls between the words of a name matches the single space of the term.
//!
//! With `clitics`, a match may also begin after attached proclitics (و ف ب ل ك and their
//! pairs, and ل + ال written لل). Precision rules keep folding and stripping from flooding users
//! with false matches: a common word (see [`clitics::STOPWORDS`]) matches only when written
//! exactly like the term and is never stripped, a stripped word must leave at least two
//! letters, and entries marked `exact` match only their written form.

mod clitics;
mod hash;
mod scan;
mod serial;

use std::sync::Arc;

use crate::chars::is_extend;
use crate::error::{Error, Result};
use crate::normalize::{Normalizer, Options, Profile};
use clitics::{starts_proclitic, PROCLITICS, STOPWORDS};
use hash::{FastMap, WordFilter};
use scan::{for_each_folded_unit, for_each_unit, unit_strs, Unit};

const NONE: u32 = u32::MAX;

/// The matching switches of a gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// A match may start after attached Arabic proclitics.
    pub clitics: bool,
    /// Return every match, overlapping ones included, instead of leftmost-longest.
    pub overlapping: bool,
    /// Match non-Arabic letters case-sensitively.
    pub case_sensitive: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            clitics: true,
            overlapping: false,
            case_sensitive: false,
        }
    }
}

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The term as given.
    pub term: String,
    /// Its label (GPE, ORG, …), if any.
    pub label: Option<String>,
    /// The canonical id shared by aliases (the term itself when none was given).
    pub id: String,
    /// JSON-encoded metadata, if any.
    pub meta: Option<String>,
    /// Match only the term's written form (diacritics and tatweel aside), with no proclitic.
    pub exact: bool,
}

/// A match, in byte offsets of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Where the entity begins (after any stripped proclitic).
    pub start: usize,
    /// Where the entity ends (after the marks of its last letter).
    pub end: usize,
    /// Where the whole first word begins (`start` minus the proclitic).
    pub word_start: usize,
    /// The index of the matched entry (see [`Gazetteer::entry`]).
    pub entry: u32,
}

/// A unit of a text being matched.
#[derive(Clone, Copy)]
struct TextUnit {
    start: usize,
    end: usize,
    id: u32,
}

/// A word with a proclitic stripped: unit `unit` may also be word `id` after `prefix_chars`
/// normalized characters.
#[derive(Clone, Copy)]
struct Alternative {
    unit: usize,
    id: u32,
    prefix_chars: usize,
}

/// A candidate match found while walking the trie.
#[derive(Clone, Copy)]
struct Candidate {
    first: usize,
    /// The word id the first unit matched as (its own, or the one left after a proclitic).
    first_id: u32,
    units: usize,
    prefix_chars: usize,
    node: u32,
}

/// An Arabic-aware gazetteer. Immutable while matching; `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    config: Config,
    normalizer: Normalizer,
    light: Normalizer,
    vocab: FastMap<Box<str>, u32>,
    /// Which strings may be in `vocab`.
    filter: WordFilter,
    words: Vec<Box<str>>,
    /// word id -> trie node reached from the root by that word.
    root: Vec<u32>,
    /// (node << 32 | word id) -> child node.
    edges: FastMap<u64, u32>,
    /// node -> index into `ends`.
    terminal: Vec<u32>,
    ends: Vec<Vec<u32>>,
    entries: Vec<Arc<Entry>>,
    /// Each entry's units in light normalization (diacritics and tatweel removed only).
    lights: Vec<Box<[Box<str>]>>,
    stopwords: FastMap<Box<str>, ()>,
    /// The common words as the matching normalizer folds them (ولى and ولي alike).
    folded_stopwords: FastMap<Box<str>, ()>,
    /// word id -> the word folds like a common word, so matches on it need the written form.
    stop_sensitive: Vec<bool>,
    /// entry -> it matches only as written (`exact`, or a one-word term that is a common word).
    written_only: Vec<bool>,
    extra_stopwords: Vec<String>,
    max_units: usize,
}

fn light_normalizer(case_sensitive: bool) -> Normalizer {
    Normalizer::new(Options {
        diacritics: true,
        tatweel: true,
        presentation_forms: true,
        controls: true,
        whitespace: true,
        lowercase: !case_sensitive,
        ..Options::none()
    })
}

/// The matching normalizer: the given one with `lowercase` following `case_sensitive`.
fn matching_normalizer(normalizer: Option<Normalizer>, case_sensitive: bool) -> Normalizer {
    let normalizer = normalizer
        .unwrap_or_else(|| Normalizer::preset("search").expect("the search preset exists"));
    match normalizer.profile() {
        Profile::Options(options) => Normalizer::new(Options {
            lowercase: !case_sensitive,
            ..*options
        }),
        Profile::Camel(_) => normalizer,
    }
}

impl Gazetteer {
    /// An empty gazetteer. `normalizer` defaults to the `"search"` preset.
    pub fn new(normalizer: Option<Normalizer>, config: Config) -> Self {
        Self::with_stopwords(normalizer, config, Vec::new())
    }

    /// An empty gazetteer with extra common words (see [`clitics::STOPWORDS`]).
    pub fn with_stopwords(
        normalizer: Option<Normalizer>,
        config: Config,
        extra_stopwords: Vec<String>,
    ) -> Self {
        let light = light_normalizer(config.case_sensitive);
        let normalizer = matching_normalizer(normalizer, config.case_sensitive);
        let mut stopwords = FastMap::default();
        let mut folded_stopwords = FastMap::default();
        for word in STOPWORDS
            .iter()
            .copied()
            .chain(extra_stopwords.iter().map(String::as_str))
        {
            stopwords.insert(light.normalize(word).into_boxed_str(), ());
            folded_stopwords.insert(normalizer.normalize(word).into_boxed_str(), ());
        }
        Gazetteer {
            normalizer,
            config,
            light,
            vocab: FastMap::default(),
            filter: WordFilter::default(),
            words: Vec::new(),
            root: Vec::new(),
            edges: FastMap::default(),
            terminal: vec![NONE],
            ends: Vec::new(),
            entries: Vec::new(),
            lights: Vec::new(),
            stopwords,
            folded_stopwords,
            stop_sensitive: Vec::new(),
            written_only: Vec::new(),
            extra_stopwords,
            max_units: 0,
        }
    }

    /// The matching switches.
    pub fn config(&self) -> Config {
        self.config
    }

    /// The normalizer terms and texts go through.
    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    /// The extra common words given at construction.
    pub fn extra_stopwords(&self) -> &[String] {
        &self.extra_stopwords
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entry number `index`.
    pub fn entry(&self, index: u32) -> &Entry {
        &self.entries[index as usize]
    }

    /// Every entry, in the order added.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().map(|e| &**e)
    }

    /// Entry number `index`, shared (cheap to keep in every match).
    pub fn entry_shared(&self, index: u32) -> Arc<Entry> {
        self.entries[index as usize].clone()
    }

    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.vocab.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.into());
        self.vocab.insert(word.into(), id);
        self.filter.insert(word);
        self.root.push(NONE);
        self.stop_sensitive
            .push(self.folded_stopwords.contains_key(word));
        id
    }

    fn new_node(&mut self) -> u32 {
        self.terminal.push(NONE);
        (self.terminal.len() - 1) as u32
    }

    /// The normalized units of a term.
    ///
    /// # Errors
    /// A term that is empty or normalizes to nothing.
    fn term_units(&self, term: &str) -> Result<Vec<String>> {
        if term.trim().is_empty() {
            return Err(Error::value(format!("empty term {term:?}")));
        }
        let normalized = self.normalizer.normalize(term);
        let units: Vec<String> = unit_strs(&normalized)
            .into_iter()
            .map(str::to_string)
            .collect();
        if units.is_empty() {
            return Err(Error::value(format!(
                "term {term:?} normalizes to nothing (only marks, tatweel, quotes or controls)"
            )));
        }
        Ok(units)
    }

    /// Add an entry. Adding the same term, label and id again changes nothing.
    ///
    /// # Errors
    /// A term that is empty or normalizes to nothing; a gazetteer past 4 billion words.
    pub fn add(&mut self, entry: Entry) -> Result<bool> {
        let units = self.term_units(&entry.term)?;
        if self.words.len() + units.len() >= NONE as usize {
            return Err(Error::value(
                "a gazetteer holds at most 4 billion distinct words",
            ));
        }
        let ids: Vec<u32> = units.iter().map(|u| self.intern(u)).collect();
        let mut node = self.root[ids[0] as usize];
        if node == NONE {
            node = self.new_node();
            self.root[ids[0] as usize] = node;
        }
        for &id in &ids[1..] {
            let key = (u64::from(node) << 32) | u64::from(id);
            node = match self.edges.get(&key) {
                Some(&child) => child,
                None => {
                    let child = self.new_node();
                    self.edges.insert(key, child);
                    child
                }
            };
        }
        let end = match self.terminal[node as usize] {
            NONE => {
                self.ends.push(Vec::new());
                let end = (self.ends.len() - 1) as u32;
                self.terminal[node as usize] = end;
                end
            }
            end => end,
        };
        let duplicate = self.ends[end as usize].iter().any(|&e| {
            let old = &self.entries[e as usize];
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
        self.ends[end as usize].push(self.entries.len() as u32);
        self.written_only
            .push(self.is_written_only(&entry, &lights));
        self.entries.push(Arc::new(entry));
        self.lights.push(lights.into_boxed_slice());
        self.max_units = self.max_units.max(units.len());
        Ok(true)
    }

    fn is_written_only(&self, entry: &Entry, lights: &[Box<str>]) -> bool {
        entry.exact || (lights.len() == 1 && self.stopwords.contains_key(&*lights[0]))
    }

    /// Recompute what derives from the words, entries and stop words (after loading).
    pub(crate) fn derive_flags(&mut self) {
        let mut filter = WordFilter::default();
        for word in &self.words {
            filter.insert(word);
        }
        self.filter = filter;
        self.stop_sensitive = self
            .words
            .iter()
            .map(|w| self.folded_stopwords.contains_key(&**w))
            .collect();
        self.written_only = self
            .entries
            .iter()
            .zip(&self.lights)
            .map(|(e, l)| self.is_written_only(e, l))
            .collect();
    }

    /// Whether some entry has a term that normalizes like `term`.
    pub fn contains(&self, term: &str) -> bool {
        let Ok(units) = self.term_units(term) else {
            return false;
        };
        let mut node = NONE;
        for (k, unit) in units.iter().enumerate() {
            let Some(&id) = self.vocab.get(unit.as_str()) else {
                return false;
            };
            node = if k == 0 {
                self.root[id as usize]
            } else {
                let key = (u64::from(node) << 32) | u64::from(id);
                self.edges.get(&key).copied().unwrap_or(NONE)
            };
            if node == NONE {
                return false;
            }
        }
        self.terminal[node as usize] != NONE
    }

    /// Every match in `text`, ordered by position (byte offsets).
    pub fn find(&self, text: &str) -> Vec<Match> {
        let mut out = Vec::new();
        self.find_into(text, &mut out);
        out
    }

    /// Append every match in `text` to `out`.
    pub fn find_into(&self, text: &str, out: &mut Vec<Match>) {
        if self.entries.is_empty() {
            return;
        }
        let (units, alternatives) = self.scan(text);
        let mut next_alternative = 0;
        let mut found: Vec<Candidate> = Vec::new();
        let mut i = 0;
        while i < units.len() {
            found.clear();
            if units[i].id != NONE {
                self.walk(&units, i, units[i].id, 0, &mut found);
            }
            while next_alternative < alternatives.len() && alternatives[next_alternative].unit < i {
                next_alternative += 1;
            }
            let mut a = next_alternative;
            while a < alternatives.len() && alternatives[a].unit == i {
                let alt = alternatives[a];
                self.walk(&units, i, alt.id, alt.prefix_chars, &mut found);
                a += 1;
            }
            i += self.emit(text, &units, &mut found, out);
        }
        if self.config.overlapping {
            out.sort_by_key(|m| (m.start, m.end, m.entry));
        }
    }

    /// Cut `text` into units, look each up, and list the proclitic-stripped alternatives.
    fn scan(&self, text: &str) -> (Vec<TextUnit>, Vec<Alternative>) {
        let mut units = Vec::with_capacity(text.len() / 8);
        let mut alternatives = Vec::new();
        let mut buf = String::with_capacity(64);
        let mut scratch = String::with_capacity(64);
        let mut on_unit = |u: Unit, folded: &str| {
            if folded.is_empty() {
                return;
            }
            let id = self.word_id(folded);
            if self.config.clitics && u.is_word {
                self.alternatives(folded, units.len(), &mut scratch, &mut alternatives);
            }
            units.push(TextUnit {
                start: u.start,
                end: u.end,
                id,
            });
        };
        if self.normalizer.folds_by_char() {
            for_each_folded_unit(text, &self.normalizer, &mut buf, on_unit);
        } else {
            for_each_unit(text, |u| {
                let mut folded = String::new();
                self.normalizer
                    .normalize_into(&text[u.start..u.end], &mut folded);
                on_unit(u, &folded);
            });
        }
        (units, alternatives)
    }

    /// The id of a normalized word, or `NONE`.
    #[inline]
    fn word_id(&self, word: &str) -> u32 {
        if !self.filter.may_contain(word) {
            return NONE;
        }
        self.vocab.get(word).copied().unwrap_or(NONE)
    }

    /// The first words of terms that `word` may be after stripping a proclitic.
    fn alternatives(
        &self,
        word: &str,
        unit: usize,
        scratch: &mut String,
        out: &mut Vec<Alternative>,
    ) {
        if !word.chars().next().is_some_and(starts_proclitic) {
            return;
        }
        // No proclitic is stripped from a common word, in any spelling (بين، ولى، لكى).
        if self.folded_stopwords.contains_key(word) {
            return;
        }
        for prefix in PROCLITICS {
            let Some(rest) = word.strip_prefix(prefix) else {
                continue;
            };
            if rest.chars().count() < 2 {
                continue;
            }
            let prefix_chars = prefix.chars().count();
            let mut push = |candidate: &str| {
                let id = self.word_id(candidate);
                if id != NONE && self.root[id as usize] != NONE {
                    out.push(Alternative {
                        unit,
                        id,
                        prefix_chars,
                    });
                }
            };
            push(rest);
            // ل + ال is written لل: للحكومة is ل + الحكومة.
            if prefix.ends_with('ل') && rest.starts_with('ل') {
                scratch.clear();
                scratch.push('ا');
                scratch.push_str(rest);
                push(scratch);
            }
        }
    }

    /// Walk the trie from unit `first` (as word `id`), recording every term end.
    fn walk(
        &self,
        units: &[TextUnit],
        first: usize,
        id: u32,
        prefix_chars: usize,
        found: &mut Vec<Candidate>,
    ) {
        let mut node = self.root[id as usize];
        let mut k = 1;
        while node != NONE {
            if self.terminal[node as usize] != NONE {
                found.push(Candidate {
                    first,
                    first_id: id,
                    units: k,
                    prefix_chars,
                    node,
                });
            }
            let Some(next) = units.get(first + k) else {
                break;
            };
            if next.id == NONE {
                break;
            }
            let key = (u64::from(node) << 32) | u64::from(next.id);
            node = self.edges.get(&key).copied().unwrap_or(NONE);
            k += 1;
        }
    }

    /// Turn the candidates at one unit into matches; returns how many units to advance.
    fn emit(
        &self,
        text: &str,
        units: &[TextUnit],
        found: &mut [Candidate],
        out: &mut Vec<Match>,
    ) -> usize {
        if found.is_empty() {
            return 1;
        }
        // Longest first; at equal length the word as written beats a stripped proclitic.
        found.sort_by_key(|c| (std::cmp::Reverse(c.units), c.prefix_chars));
        let mut accepted = Vec::new();
        for candidate in found.iter() {
            accepted.clear();
            let first = units[candidate.first];
            let prefix = self.prefix_bytes(&text[first.start..first.end], candidate.prefix_chars);
            self.accept(text, units, candidate, prefix, &mut accepted);
            if accepted.is_empty() {
                continue;
            }
            let start = first.start + prefix;
            let end = units[candidate.first + candidate.units - 1].end;
            let take = if self.config.overlapping {
                accepted.len()
            } else {
                1
            };
            for &entry in &accepted[..take] {
                out.push(Match {
                    start,
                    end,
                    word_start: first.start,
                    entry,
                });
            }
            if !self.config.overlapping {
                return candidate.units;
            }
        }
        1
    }

    /// The bytes of the first `prefix_chars` normalized characters of `word` as written
    /// (the proclitic letters with their marks).
    fn prefix_bytes(&self, word: &str, prefix_chars: usize) -> usize {
        if prefix_chars == 0 {
            return 0;
        }
        if !self.normalizer.folds_by_char() {
            let aligned = self.normalizer.align(word);
            let (at, _) = aligned
                .to_original(prefix_chars, prefix_chars)
                .unwrap_or((0, 0));
            return word.char_indices().nth(at).map_or(word.len(), |(b, _)| b);
        }
        let mut produced = 0;
        let mut buf = String::new();
        for (pos, c) in word.char_indices() {
            buf.clear();
            self.normalizer.fold_word_char(c, &mut buf);
            if !buf.is_empty() && !is_extend(c) && produced >= prefix_chars {
                return pos;
            }
            produced += buf.chars().count();
        }
        word.len()
    }

    /// The entries of a candidate that pass the precision rules, best first.
    fn accept(
        &self,
        text: &str,
        units: &[TextUnit],
        c: &Candidate,
        prefix: usize,
        accepted: &mut Vec<u32>,
    ) {
        let ends = &self.ends[self.terminal[c.node as usize] as usize];
        let id_at = |k: usize| {
            if k == 0 {
                c.first_id
            } else {
                units[c.first + k].id
            }
        };
        // Written forms are needed for every unit when entries must be ranked or one must
        // match as written; otherwise only for the units that fold like a common word.
        let whole = ends.len() > 1 || ends.iter().any(|&e| self.written_only[e as usize]);
        if !whole && !(0..c.units).any(|k| self.stop_sensitive[id_at(k) as usize]) {
            accepted.extend_from_slice(ends);
            return;
        }
        let lights: Vec<Option<String>> = (0..c.units)
            .map(|k| {
                if !whole && !self.stop_sensitive[id_at(k) as usize] {
                    return None;
                }
                let u = units[c.first + k];
                let from = if k == 0 { u.start + prefix } else { u.start };
                Some(self.light.normalize(&text[from..u.end]))
            })
            .collect();
        let mut written_alike = Vec::new();
        for &e in ends {
            let term_lights = &self.lights[e as usize];
            let alike = whole
                && term_lights.len() == lights.len()
                && term_lights
                    .iter()
                    .zip(&lights)
                    .all(|(t, w)| w.as_deref() == Some(&**t));
            if self.written_only[e as usize] && (!alike || c.prefix_chars > 0) {
                continue;
            }
            let stop_clash = lights.iter().zip(term_lights.iter()).any(|(w, t)| {
                w.as_deref()
                    .is_some_and(|w| self.stopwords.contains_key(w) && w != &**t)
            });
            if stop_clash {
                continue;
            }
            if alike {
                written_alike.push(e);
            } else {
                accepted.push(e);
            }
        }
        written_alike.append(accepted);
        *accepted = written_alike;
    }

    /// Serialize the compiled gazetteer (see [`Gazetteer::from_bytes`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        serial::write(self)
    }

    /// Read a gazetteer written by [`Gazetteer::to_bytes`].
    ///
    /// # Errors
    /// Bytes that are not a barq gazetteer, of another format version, truncated or corrupt.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        serial::read(bytes)
    }
}

/// A normalizer profile as JSON, for serialization.
pub(crate) fn profile_json(profile: &Profile) -> String {
    serde_json::to_string(profile).unwrap_or_else(|_| "null".to_string())
}

pub(crate) fn profile_from_json(json: &str) -> Result<Profile> {
    serde_json::from_str(json)
        .map_err(|e| Error::io(format!("corrupt gazetteer: bad normalizer profile: {e}")))
}

#[cfg(test)]
mod tests;
