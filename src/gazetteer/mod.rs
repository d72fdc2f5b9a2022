//! Arabic-aware gazetteer matching: exact spans, labels and ids, millions of terms.
//!
//! Terms and texts are cut into units (words and single punctuation marks, see [`scan`]) and
//! each unit is normalized once and interned as a word id. Terms form a trie over word ids;
//! matching walks it from every unit of the text. Because units are whole words, a match can
//! neither start nor end inside a word, and any run of white space, quotes, tatweel or
//! controls between the words of a name matches the single space of the term.
//!
//! Matching a text takes three passes, so that the memory the big tables live in is asked for
//! well before it is needed (at a million terms, cache misses are most of the cost): the scan
//! folds and hashes every unit and requests its word-table slot; the resolve pass looks the
//! units up and requests the first trie edge of each walk; the last pass walks the trie (see
//! [`table`]) and checks each candidate against the words themselves.
//!
//! With `clitics`, a match may also begin after attached proclitics (و ف ب ل ك and their
//! pairs, and ل + ال written لل). Precision rules keep folding and stripping from flooding users
//! with false matches: a common word (see [`clitics::STOPWORDS`]) matches only when written
//! exactly like the term and is never stripped, a stripped word must leave at least two
//! letters, and entries marked `exact` match only their written form.

mod clitics;
mod entries;
mod gate;
mod hash;
mod index;
mod serial;
mod table;
mod tally;

use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::normalize::{Normalizer, Options, Profile};
use crate::text::is_extend;
use crate::text::scan::{for_each_folded_unit, for_each_unit, unit_strs, Unit};
use clitics::{starts_proclitic, PROCLITICS, STOPWORDS};
use entries::Entries;
pub use entries::SharedEntry;
pub(crate) use hash::{FastHasher, FastMap};
use index::{Index, ENTRY, FOLD_FREE, SINGLE};
use std::sync::Arc;
use table::{WordInfo, HAS_CHILDREN, MAX_WORD_BYTES, NODE_MASK, NONE, TERMINAL};
pub use tally::{Mention, TermTally};

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
    /// Match like any entry (so no shorter term matches inside it) but never be reported: a
    /// phrase such as الرباط الصليبي (the knee ligament) that holds a place name.
    pub ignore: bool,
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
    /// `start` in code points.
    pub start_char: usize,
    /// `end` in code points.
    pub end_char: usize,
    /// `word_start` in code points.
    pub word_start_char: usize,
    /// The index of the matched entry (see [`Gazetteer::entry`]).
    pub entry: u32,
    /// Whether the text writes the entity exactly as the entry's term does (diacritics and
    /// tatweel aside); otherwise it was reached through orthographic folding.
    pub exact: bool,
}

/// Call `f` with every word of `text` (the units a gazetteer matches, punctuation left out).
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    for_each_unit(text, |u| {
        if u.is_word {
            f(&text[u.start..u.end]);
        }
    });
}

/// A unit of a text being matched.
#[derive(Clone, Copy)]
struct TextUnit {
    start: usize,
    end: usize,
    start_char: usize,
    end_char: usize,
    /// The unit's normalized form in the scan's buffer of folded units, and its hash.
    folded_start: usize,
    folded_end: usize,
    hash: u64,
    /// What the word table holds for the unit's hash (id `NONE` when nothing); the word
    /// itself is compared only when a candidate match is checked.
    word: WordInfo,
}

const NO_WORD: WordInfo = WordInfo {
    id: NONE,
    root: NONE,
    stop: false,
};

/// A word with a proclitic stripped: unit `unit` may also be `word` after `prefix_chars`
/// normalized characters (`prefix_bytes` bytes of its folded form, and an alef restored when
/// ل + ال was written لل).
#[derive(Clone, Copy)]
struct Alternative {
    unit: usize,
    hash: u64,
    word: WordInfo,
    prefix_chars: usize,
    prefix_bytes: usize,
    alef: bool,
}

/// A candidate match found while walking the trie.
#[derive(Clone, Copy)]
struct Candidate {
    first: usize,
    /// The word the first unit matched as (its own, or the one left after a proclitic).
    first_word: WordInfo,
    units: usize,
    prefix_chars: usize,
    /// How the first unit's folded form becomes `first_word` (see [`Alternative`]).
    prefix_bytes: usize,
    alef: bool,
    node: u32,
}

/// A text cut into units, with their normalized forms and the proclitic-stripped
/// alternatives.
#[derive(Default)]
struct Scan {
    units: Vec<TextUnit>,
    alternatives: Vec<Alternative>,
    /// Every unit's normalized form, concatenated.
    folded: String,
    /// Work space: the unit being folded, a word with a proclitic stripped.
    buf: String,
    scratch: String,
}

/// The buffers of one thread's matching, kept from call to call.
#[derive(Default)]
struct Scratch {
    scan: Scan,
    found: Vec<Candidate>,
    work: AcceptScratch,
}

/// The buffers of [`Gazetteer::accept`].
#[derive(Default)]
struct AcceptScratch {
    /// The entries accepted, best first.
    accepted: Vec<u32>,
    /// The ones written exactly like the text, while ranking.
    alike: Vec<u32>,
    /// How many of `accepted` (the first ones) are written exactly like the text.
    exact: usize,
    /// `accepted` is the entry of a `SINGLE` terminal.
    single: bool,
    /// Work space for the written forms the variant gate looks up.
    form: String,
    /// The light forms of a candidate's units, concatenated, and each unit's range in it
    /// (`None` where it is not needed).
    lights: String,
    ranges: Vec<Option<(usize, usize)>>,
}

impl Scratch {
    /// Let go of the memory a very long text needed.
    fn trim(&mut self) {
        const KEEP: usize = 1 << 16;
        if self.scan.units.capacity() > KEEP {
            self.scan = Scan::default();
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// An Arabic-aware gazetteer. Immutable while matching; `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    config: Config,
    normalizer: Normalizer,
    light: Normalizer,
    /// The words, the trie and what ends at each node.
    index: Index,
    entries: Entries,
    /// Each entry's units in light normalization (diacritics and tatweel removed only).
    lights: Vec<Box<[Box<str>]>>,
    stopwords: FastMap<Box<str>, ()>,
    /// The common words as the matching normalizer folds them (ولى and ولي alike).
    folded_stopwords: FastMap<Box<str>, ()>,
    /// entry -> it matches only as written (`exact`, or a one-word term that is a common word).
    written_only: Vec<bool>,
    extra_stopwords: Vec<String>,
    /// entry -> switched off (kept, never matched).
    disabled: Vec<bool>,
    /// entry -> its term's light units are its folded units (see [`FOLD_FREE`]).
    fold_free: Vec<bool>,
    /// entry -> matched but never reported (`Entry::ignore`); such entries are never `SINGLE`.
    ignored: Vec<bool>,
    /// The word frequencies of the variant gate (see [`gate`]); `None` turns it off.
    lexicon: Option<Arc<Lexicon>>,
}

/// The normalizer of written forms: diacritics, tatweel and controls removed, presentation forms
/// made letters, cased letters lowercased unless `case_sensitive`; nothing folded.
pub(crate) fn light_normalizer(case_sensitive: bool) -> Normalizer {
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
            index: Index::default(),
            entries: Entries::default(),
            lights: Vec::new(),
            stopwords,
            folded_stopwords,
            written_only: Vec::new(),
            extra_stopwords,
            disabled: Vec::new(),
            fold_free: Vec::new(),
            ignored: Vec::new(),
            lexicon: None,
        }
    }

    /// The lexicon of the variant gate, if any.
    pub fn lexicon(&self) -> Option<&Arc<Lexicon>> {
        self.lexicon.as_ref()
    }

    /// Set the lexicon of the variant gate (`None` turns the gate off): a match reached only by
    /// folding or by stripping a proclitic is not reported when the word as written is itself
    /// a common word distinct from the term (see [`gate`]).
    pub fn set_lexicon(&mut self, lexicon: Option<Arc<Lexicon>>) {
        self.lexicon = lexicon;
    }

    /// Whether entry `index` is switched off.
    pub fn is_disabled(&self, index: u32) -> bool {
        self.disabled[index as usize]
    }

    /// Switch entries off (`disabled`) or on again. They stay in the gazetteer (and in its
    /// saved form); a disabled entry never matches.
    ///
    /// # Errors
    /// An index past the last entry.
    pub fn set_disabled(&mut self, entries: &[u32], disabled: bool) -> Result<()> {
        if let Some(&bad) = entries.iter().find(|&&e| e as usize >= self.len()) {
            return Err(Error::value(format!(
                "no entry {bad}; the gazetteer has {} entries",
                self.len()
            )));
        }
        for &e in entries {
            self.disabled[e as usize] = disabled;
        }
        self.refresh_terminals();
        Ok(())
    }

    /// The entries a term names: those added with exactly that term, else every entry whose
    /// term normalizes like it. Empty when the gazetteer has no such term.
    pub fn entries_named(&self, term: &str) -> Vec<u32> {
        let Some(node) = self.node_of(term) else {
            return Vec::new();
        };
        let all = self
            .index
            .terminal_entries(self.index.terminal[node as usize]);
        let all = all.as_slice();
        let same: Vec<u32> = all
            .iter()
            .copied()
            .filter(|&e| self.entry(e).term == term)
            .collect();
        if same.is_empty() {
            all.to_vec()
        } else {
            same
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
        self.entries.get(index as usize)
    }

    /// Every entry, in the order added.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter()
    }

    /// Entry number `index`, shared (cheap to keep in every match).
    pub fn entry_shared(&self, index: u32) -> SharedEntry {
        self.entries.shared(index as usize)
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
        if self.entries.len() >= ENTRY as usize {
            return Err(Error::value("a gazetteer holds at most 1 billion entries"));
        }
        let folded_stopwords = &self.folded_stopwords;
        let is_stop = |w: &str| folded_stopwords.contains_key(w);
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
        let written_only = self.is_written_only(&entry, &lights);
        let fold_free = lights.iter().zip(&units).all(|(l, u)| **l == **u);
        let single = (!written_only && !entry.ignore)
            .then_some(SINGLE | if fold_free { FOLD_FREE } else { 0 } | new);
        self.index.add_end(node, new, single);
        self.written_only.push(written_only);
        self.fold_free.push(fold_free);
        self.ignored.push(entry.ignore);
        self.disabled.push(false);
        self.entries.push(entry);
        self.lights.push(lights.into_boxed_slice());
        Ok(true)
    }

    fn is_written_only(&self, entry: &Entry, lights: &[Box<str>]) -> bool {
        entry.exact || (lights.len() == 1 && self.stopwords.contains_key(&*lights[0]))
    }

    /// Whether every light unit of a term is its own folded form (for files that do not say).
    pub(crate) fn derive_fold_free(&mut self) {
        let normalizer = &self.normalizer;
        self.fold_free = self
            .lights
            .iter()
            .map(|units| units.iter().all(|u| normalizer.normalize(u) == **u))
            .collect();
    }

    /// Recompute what derives from the words, entries and stop words (after loading).
    pub(crate) fn derive_flags(&mut self) {
        let folded_stopwords = &self.folded_stopwords;
        self.index
            .set_stop(&|w: &str| folded_stopwords.contains_key(w));
        self.written_only = self
            .entries
            .iter()
            .zip(&self.lights)
            .map(|(e, l)| self.is_written_only(e, l))
            .collect();
        self.ignored = self.entries.iter().map(|e| e.ignore).collect();
    }

    /// The `SINGLE` terminal value of entry `e`, when no precision rule of its own applies to
    /// it.
    fn single_value(&self, e: u32) -> Option<u32> {
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
    fn refresh_terminals(&mut self) {
        let mut index = std::mem::take(&mut self.index);
        index.refresh_terminals(|e| self.single_value(e));
        self.index = index;
    }

    /// Whether some entry has a term that normalizes like `term`.
    pub fn contains(&self, term: &str) -> bool {
        self.node_of(term).is_some()
    }

    /// The trie node where `term` ends, when some entry has it.
    fn node_of(&self, term: &str) -> Option<u32> {
        self.index.node_of(&self.term_units(term).ok()?)
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
        SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut scratch) => {
                self.find_with(text, &mut scratch, out);
                scratch.trim();
            }
            // Only if matching is re-entered on this thread: use fresh buffers.
            Err(_) => self.find_with(text, &mut Scratch::default(), out),
        });
    }

    fn find_with(&self, text: &str, scratch: &mut Scratch, out: &mut Vec<Match>) {
        let Scratch { scan, found, work } = scratch;
        self.scan(text, scan);
        self.resolve(scan);
        let (units, alternatives) = (&scan.units, &scan.alternatives);
        let mut next_alternative = 0;
        let mut i = 0;
        while i < units.len() {
            found.clear();
            // The unit as written, then as each proclitic-stripped alternative.
            let start = |word: WordInfo, prefix_chars, prefix_bytes, alef| Candidate {
                first: i,
                first_word: word,
                units: 1,
                prefix_chars,
                prefix_bytes,
                alef,
                node: word.root,
            };
            let word = units[i].word;
            if word.root != NONE {
                self.walk(units, start(word, 0, 0, false), found);
            }
            while next_alternative < alternatives.len() && alternatives[next_alternative].unit < i {
                next_alternative += 1;
            }
            for alt in alternatives[next_alternative..]
                .iter()
                .take_while(|a| a.unit == i)
            {
                let c = start(alt.word, alt.prefix_chars, alt.prefix_bytes, alt.alef);
                self.walk(units, c, found);
            }
            i += self.emit(text, scan, found, work, out);
        }
        if self.config.overlapping {
            out.sort_by_key(|m| (m.start, m.end, m.entry));
        }
    }

    /// Cut `text` into units, look each up, and list the proclitic-stripped alternatives.
    fn scan(&self, text: &str, scan: &mut Scan) {
        scan.units.clear();
        scan.alternatives.clear();
        scan.folded.clear();
        let Scan {
            units,
            alternatives,
            folded: all_folded,
            buf,
            scratch,
        } = scan;
        let mut on_unit = |u: Unit, folded: &str| {
            if folded.is_empty() {
                return;
            }
            // Looked up in `resolve`, once the slot has had time to arrive.
            let hash = self.index.hash(folded);
            self.index.table.prefetch(hash);
            if self.config.clitics && u.is_word {
                self.alternatives(folded, units.len(), scratch, alternatives);
            }
            let folded_start = all_folded.len();
            all_folded.push_str(folded);
            units.push(TextUnit {
                start: u.start,
                end: u.end,
                start_char: u.start_char,
                end_char: u.end_char,
                folded_start,
                folded_end: all_folded.len(),
                hash,
                word: NO_WORD,
            });
        };
        if self.normalizer.folds_by_char() {
            let n = &self.normalizer;
            for_each_folded_unit(text, buf, |c, b| n.fold_word_char(c, b), on_unit);
        } else {
            for_each_unit(text, |u| {
                let mut folded = String::new();
                self.normalizer
                    .normalize_into(&text[u.start..u.end], &mut folded);
                on_unit(u, &folded);
            });
        }
    }

    /// Look up the units and alternatives of a scan (their word table slots were requested
    /// while scanning), drop the alternatives that start no term, and request the first trie
    /// edge of every walk to come.
    fn resolve(&self, scan: &mut Scan) {
        for u in &mut scan.units {
            u.word = self.index.table.get(u.hash).unwrap_or(NO_WORD);
        }
        for alt in &mut scan.alternatives {
            alt.word = self.index.table.get(alt.hash).unwrap_or(NO_WORD);
        }
        scan.alternatives.retain(|a| a.word.root != NONE);
        let units = &scan.units;
        // What checking and accepting a one-word candidate will read.
        let candidate = |word: WordInfo| {
            if word.root != NONE {
                self.index.words.prefetch(word.id);
                if word.root & TERMINAL != 0 {
                    self.prefetch_terminal(word.root);
                }
            }
        };
        for u in units {
            candidate(u.word);
        }
        for alt in &scan.alternatives {
            candidate(alt.word);
        }
        let next_id = |i: usize| units.get(i + 1).map_or(NONE, |u| u.word.id);
        let first_edge = |root: u32, i: usize| {
            let next = next_id(i);
            if root != NONE && root & HAS_CHILDREN != 0 && next != NONE {
                self.index.edges.prefetch(root, next);
            }
        };
        for (i, u) in units.iter().enumerate() {
            first_edge(u.word.root, i);
        }
        for alt in &scan.alternatives {
            first_edge(alt.word.root, alt.unit);
        }
    }

    #[inline]
    fn prefetch_terminal(&self, reference: u32) {
        if let Some(t) = self.index.terminal.get((reference & NODE_MASK) as usize) {
            table::prefetch(t);
        }
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
            let mut push = |candidate: &str, alef: bool| {
                let hash = self.index.hash(candidate);
                self.index.table.prefetch(hash);
                out.push(Alternative {
                    unit,
                    hash,
                    word: NO_WORD,
                    prefix_chars,
                    prefix_bytes: prefix.len(),
                    alef,
                });
            };
            push(rest, false);
            // ل + ال is written لل: للحكومة is ل + الحكومة.
            if prefix.ends_with('ل') && rest.starts_with('ل') {
                scratch.clear();
                scratch.push('ا');
                scratch.push_str(rest);
                push(scratch, true);
            }
        }
    }

    /// Walk the trie from `start` (one unit long, at its first node), recording every term end.
    fn walk(&self, units: &[TextUnit], start: Candidate, found: &mut Vec<Candidate>) {
        let mut c = start;
        loop {
            if c.node & TERMINAL != 0 {
                found.push(c);
            }
            if c.node & HAS_CHILDREN == 0 {
                break;
            }
            let Some(next) = units.get(c.first + c.units) else {
                break;
            };
            if next.word.id == NONE {
                break;
            }
            c.node = self.index.edges.get(c.node, next.word.id);
            if c.node == NONE {
                break;
            }
            c.units += 1;
        }
    }

    /// Whether the units of a candidate are the words its walk took them for (and not other
    /// words with the same hash).
    fn verified(&self, scan: &Scan, c: &Candidate) -> bool {
        (0..c.units).all(|k| {
            let u = &scan.units[c.first + k];
            let folded = &scan.folded[u.folded_start..u.folded_end];
            if k > 0 {
                return self.index.words.bytes(u.word.id) == folded.as_bytes();
            }
            let rest = &folded.as_bytes()[c.prefix_bytes..];
            let word = self.index.words.bytes(c.first_word.id);
            if c.alef {
                word.strip_prefix("ا".as_bytes()) == Some(rest)
            } else {
                word == rest
            }
        })
    }

    /// Turn the candidates at one unit into matches; returns how many units to advance.
    fn emit(
        &self,
        text: &str,
        scan: &Scan,
        found: &mut [Candidate],
        work: &mut AcceptScratch,
        out: &mut Vec<Match>,
    ) -> usize {
        if found.is_empty() {
            return 1;
        }
        let units = &scan.units;
        // Longest first; at equal length the word as written beats a stripped proclitic.
        if found.len() > 1 {
            found.sort_by_key(|c| (std::cmp::Reverse(c.units), c.prefix_chars));
        }
        for candidate in found.iter() {
            if !self.verified(scan, candidate) {
                continue;
            }
            let first = units[candidate.first];
            let prefix = self.prefix_bytes(&text[first.start..first.end], candidate.prefix_chars);
            self.accept(text, scan, candidate, prefix, work);
            let accepted = &work.accepted;
            if accepted.is_empty() {
                continue;
            }
            let start = first.start + prefix;
            let last = units[candidate.first + candidate.units - 1];
            let start_char = first.start_char + text[first.start..start].chars().count();
            let take = if self.config.overlapping {
                accepted.len()
            } else {
                1
            };
            for (rank, &entry) in accepted[..take].iter().enumerate() {
                // (a `SINGLE` entry, the fast paths' only kind, is never ignored)
                if !work.single && self.ignored[entry as usize] {
                    continue;
                }
                out.push(Match {
                    exact: rank < work.exact,
                    start,
                    end: last.end,
                    word_start: first.start,
                    start_char,
                    end_char: last.end_char,
                    word_start_char: first.start_char,
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

    /// Whether the units of a candidate are, byte for byte, the light forms of entry `e`'s term
    /// (then they are its written form too, and no precision rule can refuse it).
    fn written_as_term(
        &self,
        text: &str,
        units: &[TextUnit],
        c: &Candidate,
        prefix: usize,
        e: u32,
    ) -> bool {
        let term = &self.lights[e as usize];
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
                    **t == *raw
                }
            })
    }

    /// The entries of a candidate that pass the precision rules, best first: the ones written
    /// exactly like the text (`work.exact` of them), then the others.
    fn accept(
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
                .normalize_into(&text[from..u.end], &mut work.lights);
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
                if !gate::clitic_plausible(lex, &self.light, whole, rest, &mut work.form) {
                    return;
                }
            }
        }
        for &e in ends {
            if self.disabled[e as usize] {
                continue;
            }
            let term_lights = &self.lights[e as usize];
            let alike = term_lights.len() == c.units
                && term_lights
                    .iter()
                    .enumerate()
                    .all(|(k, t)| written(k) == Some(&**t));
            if self.written_only[e as usize] && (!alike || c.prefix_chars > 0) {
                continue;
            }
            let stop_clash = term_lights.iter().enumerate().any(|(k, t)| {
                written(k).is_some_and(|w| w != &**t && self.stopwords.contains_key(w))
            });
            if stop_clash {
                continue;
            }
            if !alike {
                if let (Some(lex), Some(w), [t]) = (gate, written(0), &term_lights[..]) {
                    if gate::other_word(lex, w, t) {
                        continue;
                    }
                }
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
