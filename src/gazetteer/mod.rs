//! Arabic-aware gazetteer matching: exact spans, labels and ids, millions of terms.
//!
//! Terms and texts are cut into units (words and single punctuation marks, see
//! `crate::text::scan`) and each unit is normalized once and interned as a word id. Terms form
//! a trie over word ids; matching walks it from every unit of the text. Because units are whole
//! words, a match can neither start nor end inside a word, and any run of white space, quotes
//! or controls between the words of a name matches the single space of the term.
//!
//! The rooms:
//!
//! - `index.rs`: the word table, the trie's edges, what ends at each node, and their bytes;
//!   `table.rs` holds the open-addressing tables it is made of.
//! - `build.rs`: adding entries (cutting and normalizing terms, the per-entry flags).
//! - `find.rs`: finding matches, in three passes so that the memory of the big tables is asked
//!   for well before it is needed (at a million terms, cache misses are most of the cost): the
//!   scan folds and hashes every unit and requests its word-table slot; the resolve pass looks
//!   the units up and requests the first trie edge of each walk; the last pass walks the trie
//!   and checks each candidate against the words themselves.
//! - `rules/`: the precision rules, all in one place (its module documentation lists them),
//!   with the variant gate and the common-word list.
//! - `clitics.rs`: the proclitics a match may start after (و ف ب ل ك and their pairs, and
//!   ل + ال written لل).
//! - `serial.rs`: the file frame and the entries' bytes; `tally.rs`: per-entry counts for
//!   `calibrate` and `audit`.
//! - `store.rs`: arrays owned or read in place from a compiled file (mapped or one aligned
//!   copy), so that one mapped gazetteer serves every process of a machine; `lights.rs`: the
//!   entries' light units in such arrays.

mod build;
mod clitics;
mod entries;
mod find;
mod hash;
mod index;
mod lights;
mod rules;
mod serial;
mod store;
mod table;
mod tally;

use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::normalize::{Normalizer, Options, Profile};
use crate::text::py_repr;
use entries::Entries;
pub use entries::SharedEntry;
pub(crate) use hash::{FastHasher, FastMap};
use index::Index;
use lights::Lights;
use rules::common_words::COMMON_WORDS;
use std::path::Path;
use std::sync::Arc;
use store::{MappedFile, Store};

pub(crate) use find::for_each_word;
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
    /// Match only the term's written form (diacritics, tatweel, invisible controls,
    /// presentation forms and Latin case aside), with no proclitic.
    pub exact: bool,
    /// Match like any entry (so no shorter term matches inside it) but never be reported: a
    /// phrase such as الرباط الصليبي (the knee ligament) that holds a place name.
    pub ignore: bool,
}

/// The fields of an entry, as `Gazetteer.entries()` gives them and `extend` takes them back (a
/// dict may also say `pattern` for `term`): the one entry schema of the bindings.
pub const ENTRY_FIELDS: [&str; 7] = ["term", "label", "id", "meta", "exact", "ignore", "disabled"];

impl Entry {
    /// An entry of `term` with no label or metadata, whose id is the term itself.
    pub fn new(term: impl Into<String>) -> Entry {
        let term = term.into();
        Entry {
            id: term.clone(),
            term,
            label: None,
            meta: None,
            exact: false,
            ignore: false,
        }
    }
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
    /// Whether the text writes the entity exactly as the entry's term does (diacritics,
    /// tatweel, invisible controls, presentation forms and Latin case aside); otherwise it was
    /// reached through orthographic folding.
    pub exact: bool,
}

/// An Arabic-aware gazetteer. Immutable while matching; `Send + Sync`.
///
/// One loaded with [`Gazetteer::map`] reads its tables in place from the mapped file; a change
/// (`add`, `set_disabled`, …) copies the tables it touches into process memory first.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    config: Config,
    normalizer: Normalizer,
    light: Normalizer,
    /// The words, the trie and what ends at each node.
    index: Index,
    entries: Entries,
    /// Each entry's units in light normalization (diacritics and tatweel removed only).
    lights: Lights,
    common_words: FastMap<Box<str>, ()>,
    /// The common words as the matching normalizer folds them (ولى and ولي alike).
    folded_common_words: FastMap<Box<str>, ()>,
    /// entry -> it matches only as written (`exact`, or a one-word term that is a common word).
    written_only: Store<bool>,
    extra_stopwords: Vec<String>,
    /// entry -> switched off (kept, never matched).
    disabled: Store<bool>,
    /// entry -> its term's light units are its folded units (see [`index::FOLD_FREE`]).
    fold_free: Store<bool>,
    /// entry -> matched but never reported (`Entry::ignore`); such entries are never `SINGLE`.
    ignored: Store<bool>,
    /// The word frequencies of the variant gate (see [`rules::gate`]); `None` turns it off.
    lexicon: Option<Arc<Lexicon>>,
    /// The file the tables are read from in place, if mapped.
    source: Option<Arc<MappedFile>>,
}

/// Two gazetteers are equal when they match alike: the same settings, normalizer, extra common
/// words, entries (in order), switched-off entries and lexicon.
impl PartialEq for Gazetteer {
    fn eq(&self, other: &Self) -> bool {
        self.config == other.config
            && self.normalizer == other.normalizer
            && self.extra_stopwords == other.extra_stopwords
            && self.entries().eq(other.entries())
            && *self.disabled == *other.disabled
            && match (&self.lexicon, &other.lexicon) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b) || **a == **b,
                (a, b) => a.is_none() && b.is_none(),
            }
    }
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

    /// An empty gazetteer with extra common words (see `rules::common_words::COMMON_WORDS`).
    pub fn with_stopwords(
        normalizer: Option<Normalizer>,
        config: Config,
        extra_stopwords: Vec<String>,
    ) -> Self {
        let light = light_normalizer(config.case_sensitive);
        let normalizer = matching_normalizer(normalizer, config.case_sensitive);
        let mut common_words = FastMap::default();
        let mut folded_common_words = FastMap::default();
        for word in COMMON_WORDS
            .iter()
            .copied()
            .chain(extra_stopwords.iter().map(String::as_str))
        {
            common_words.insert(light.normalize(word).into_boxed_str(), ());
            folded_common_words.insert(normalizer.normalize(word).into_boxed_str(), ());
        }
        Gazetteer {
            normalizer,
            config,
            light,
            index: Index::default(),
            entries: Entries::default(),
            lights: Lights::default(),
            common_words,
            folded_common_words,
            written_only: Store::default(),
            extra_stopwords,
            disabled: Store::default(),
            fold_free: Store::default(),
            ignored: Store::default(),
            lexicon: None,
            source: None,
        }
    }

    /// The lexicon of the variant gate, if any.
    pub fn lexicon(&self) -> Option<&Arc<Lexicon>> {
        self.lexicon.as_ref()
    }

    /// Set the lexicon of the variant gate (`None` turns the gate off): a match reached only by
    /// folding or by stripping a proclitic is not reported when the word as written is itself
    /// a common word distinct from the term (see `rules::gate`).
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
        let flags = self.disabled.to_mut();
        for &e in entries {
            flags[e as usize] = disabled;
        }
        self.refresh_terminals();
        Ok(())
    }

    /// Switch off (`disabled`) or on again the entries that `terms` name (see
    /// [`Gazetteer::entries_named`]), only those with id `id` if given. Returns how many
    /// entries changed state.
    ///
    /// # Errors
    /// A term (with that id) the gazetteer does not have; then nothing is changed.
    pub fn switch_terms<S: AsRef<str>>(
        &mut self,
        terms: &[S],
        id: Option<&str>,
        disabled: bool,
    ) -> Result<usize> {
        let mut entries = Vec::new();
        for term in terms {
            let term = term.as_ref();
            let mut named = self.entries_named(term);
            if let Some(id) = id {
                named.retain(|&e| self.entry(e).id == id);
            }
            if named.is_empty() {
                return Err(Error::missing(match id {
                    Some(id) => format!(
                        "the gazetteer has no term {} with id {}",
                        py_repr(term),
                        py_repr(id)
                    ),
                    None => format!("the gazetteer has no term {}", py_repr(term)),
                }));
            }
            entries.extend(named);
        }
        entries.sort_unstable();
        entries.dedup();
        let changed = entries
            .iter()
            .filter(|&&e| self.is_disabled(e) != disabled)
            .count();
        self.set_disabled(&entries, disabled)?;
        Ok(changed)
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

    /// The built-in common words of the precision rules (the extra `stopwords` of a gazetteer
    /// are added to these), written without diacritics, in the list's order.
    pub fn common_words() -> &'static [&'static str] {
        COMMON_WORDS
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

    /// Whether some entry has a term that normalizes like `term`.
    pub fn contains(&self, term: &str) -> bool {
        self.node_of(term).is_some()
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

    /// Map the compiled gazetteer file at `path` (written by [`Gazetteer::to_bytes`]) and read
    /// its tables in place: every process that maps one file shares one copy of it through the
    /// page cache. The file is checked as [`Gazetteer::from_bytes`] checks bytes (which reads
    /// it once). Call [`Gazetteer::check_file`] before using the gazetteer to turn a change to
    /// the file into an error.
    ///
    /// # Errors
    /// A file that cannot be opened or mapped; one that is not a barq gazetteer, truncated or
    /// corrupt; one in a format version before 4 (load it from bytes and save it again).
    pub fn map(path: impl AsRef<Path>) -> Result<Self> {
        serial::map(path.as_ref())
    }

    /// The file this gazetteer was mapped from ([`Gazetteer::map`]), if any.
    pub fn mapped_path(&self) -> Option<&Path> {
        self.source.as_deref().map(MappedFile::path)
    }

    /// Whether the file this gazetteer was mapped from is unchanged (always, when not mapped).
    ///
    /// # Errors
    /// The file's size, modification time or inode changed since it was mapped: load it again.
    pub fn check_file(&self) -> Result<()> {
        match &self.source {
            Some(file) => file.check(),
            None => Ok(()),
        }
    }

    /// Whether the word table is still read in place from a mapped file (changes copy it).
    #[cfg(test)]
    pub(crate) fn index_is_mapped(&self) -> bool {
        self.index.is_mapped()
    }
}

#[cfg(test)]
mod tests;
