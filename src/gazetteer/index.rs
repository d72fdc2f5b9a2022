//! The index of a gazetteer: its words, the trie over word ids, and what ends at each node.
//!
//! - the word table (hash of a normalized word -> word id, root node, common-word flag) and the
//!   words themselves ([`WordTable`], [`Words`]);
//! - the edge table ((node, word id) -> child node, [`EdgeTable`]);
//! - the terminals: per node, `NONE`, `SINGLE | entry` (one plain entry, see [`SINGLE`]) or an
//!   index into `ends`, the entry lists of the other nodes.
//!
//! The index knows nothing of normalization or of the precision rules: it is given normalized
//! units and entry numbers. It writes and reads its own part of the gazetteer file.

use super::serial::{corrupt, Reader, Writer};
use super::store::{Backing, Store};
use super::table::{
    word_hash, EdgeTable, WordInfo, WordTable, Words, HAS_CHILDREN, MAX_NODES, MAX_WORD_BYTES,
    NODE_MASK, NONE, TERMINAL,
};
use crate::error::{Error, Result};
use std::sync::Arc;

/// A terminal value with this bit is one entry, inline: `SINGLE | FOLD_FREE? | entry`. Only
/// entries that no precision rule of their own can refuse are `SINGLE` (not written-only, not
/// disabled, not ignored), so the commonest match needs no entry list.
pub(crate) const SINGLE: u32 = 1 << 31;
/// With [`SINGLE`]: the entry's term is written as it folds (its light units are its folded
/// units), so a text written as it folds is written exactly like the term.
pub(crate) const FOLD_FREE: u32 = 1 << 30;
/// The entry number within a `SINGLE` terminal value.
pub(crate) const ENTRY: u32 = FOLD_FREE - 1;

/// The entries of a terminal value.
pub(crate) enum Ends<'a> {
    One([u32; 1]),
    Many(&'a [u32]),
}

impl Ends<'_> {
    pub(crate) fn as_slice(&self) -> &[u32] {
        match self {
            Ends::One(one) => one,
            Ends::Many(many) => many,
        }
    }
}

/// The entry lists of the terminals that are not `SINGLE`: nested while a gazetteer is built,
/// flat (offsets into one array) when read in place from a file of format version 4.
#[derive(Debug, Clone)]
pub(crate) enum EndLists {
    Nested(Vec<Vec<u32>>),
    Flat {
        /// List `i` is `values[starts[i]..starts[i + 1]]`.
        starts: Store<u32>,
        values: Store<u32>,
    },
}

impl Default for EndLists {
    fn default() -> Self {
        EndLists::Nested(Vec::new())
    }
}

impl EndLists {
    pub(crate) fn len(&self) -> usize {
        match self {
            EndLists::Nested(lists) => lists.len(),
            EndLists::Flat { starts, .. } => starts.len().saturating_sub(1),
        }
    }

    #[inline]
    pub(crate) fn get(&self, i: usize) -> &[u32] {
        match self {
            EndLists::Nested(lists) => &lists[i],
            EndLists::Flat { starts, values } => {
                let (a, b) = (starts[i] as usize, starts[i + 1] as usize);
                values.get(a..b).unwrap_or(&[])
            }
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &[u32]> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The nested lists, made from the flat ones first if need be (to change them).
    pub(crate) fn nested(&mut self) -> &mut Vec<Vec<u32>> {
        if let EndLists::Flat { .. } = self {
            *self = EndLists::Nested(self.iter().map(<[u32]>::to_vec).collect());
        }
        match self {
            EndLists::Nested(lists) => lists,
            EndLists::Flat { .. } => unreachable!("made nested just above"),
        }
    }
}

/// The word table, edge table, terminals and entry lists of a gazetteer.
#[derive(Debug, Clone)]
pub(crate) struct Index {
    /// The seed of word hashes: 0 unless two words of the vocabulary collided.
    pub(crate) seed: u64,
    /// Word hash -> word id, the trie node its terms start at, its common-word flag.
    pub(crate) table: WordTable,
    /// The normalized words; a word id is its place there.
    pub(crate) words: Words,
    /// (node, word id) -> child node reference.
    pub(crate) edges: EdgeTable,
    /// node -> `NONE`, `SINGLE | entry` or an index into `ends`.
    pub(crate) terminal: Store<u32>,
    pub(crate) ends: EndLists,
}

impl Default for Index {
    fn default() -> Self {
        Index {
            seed: 0,
            table: WordTable::default(),
            words: Words::default(),
            edges: EdgeTable::default(),
            terminal: vec![NONE].into(),
            ends: EndLists::default(),
        }
    }
}

impl Index {
    /// The number of distinct words.
    pub(crate) fn word_count(&self) -> usize {
        self.words.len()
    }

    /// Normalized word `id`.
    pub(crate) fn word(&self, id: u32) -> &str {
        self.words.get(id)
    }

    #[inline]
    pub(crate) fn hash(&self, word: &str) -> u64 {
        word_hash(word.as_bytes(), self.seed)
    }

    /// The word id of a normalized word, if it is in the vocabulary.
    pub(crate) fn word_id(&self, word: &str) -> Option<WordInfo> {
        self.table
            .get(self.hash(word))
            .filter(|info| self.word(info.id) == word)
    }

    /// Whether `units` more words and `bytes` more word bytes still fit.
    ///
    /// # Errors
    /// A gazetteer past 2 GB of distinct words or `MAX_NODES` trie nodes.
    pub(crate) fn check_room(&self, units: usize, bytes: usize) -> Result<()> {
        if self.words.next_id() + bytes >= (1 << 31) - 1 {
            return Err(Error::value(
                "a gazetteer holds at most 2 GB of distinct words",
            ));
        }
        if self.terminal.len() + units > MAX_NODES {
            return Err(Error::value(format!(
                "a gazetteer holds at most {MAX_NODES} trie nodes"
            )));
        }
        Ok(())
    }

    /// The id of `word`, added to the vocabulary if new (`stop`: it folds like a common word).
    ///
    /// # Errors
    /// Words that keep colliding under every hash seed tried (see [`Index::install_words`]).
    pub(crate) fn intern(&mut self, word: &str, is_stop: &dyn Fn(&str) -> bool) -> Result<u32> {
        let hash = self.hash(word);
        if let Some(info) = self.table.get(hash) {
            if self.word(info.id) == word {
                return Ok(info.id);
            }
            // Two words with one 64-bit hash: rehash the vocabulary with another seed.
            self.seed += 1;
            self.rebuild_words(is_stop)?;
            return self.intern(word, is_stop);
        }
        let id = self.words.push(word);
        self.table.insert(hash, id, is_stop(word));
        Ok(id)
    }

    /// Rebuild the word table from the words (to change the seed after a collision), keeping
    /// each word's root reference.
    fn rebuild_words(&mut self, is_stop: &dyn Fn(&str) -> bool) -> Result<()> {
        let mut roots: Vec<(u32, u32)> = self.table.roots().collect();
        roots.sort_unstable();
        roots.dedup_by_key(|r| r.0);
        self.install_words(&roots, is_stop)
    }

    /// Build the word table from (word id, root reference) for every word; the seed goes up
    /// until no two words share a hash.
    ///
    /// # Errors
    /// The same word twice (corrupt data).
    pub(crate) fn install_words(
        &mut self,
        roots: &[(u32, u32)],
        is_stop: &dyn Fn(&str) -> bool,
    ) -> Result<()> {
        'seed: for _ in 0..64 {
            let mut table = WordTable::with_capacity(roots.len());
            for &(id, root) in roots {
                let word = self.word(id);
                let hash = self.hash(word);
                if let Some(other) = table.get(hash) {
                    if self.word(other.id) == word {
                        return Err(corrupt(&format!("the word {word:?} is there twice")));
                    }
                    self.seed += 1;
                    continue 'seed;
                }
                table.insert(hash, id, is_stop(word));
                *table.root_mut(hash) = root;
            }
            self.table = table;
            return Ok(());
        }
        Err(Error::value(
            "the gazetteer's words collide under 64 hash seeds",
        ))
    }

    /// Set the common-word flag of every word again.
    pub(crate) fn set_stop(&mut self, is_stop: &dyn Fn(&str) -> bool) {
        let words = &self.words;
        self.table.set_stop(|id| is_stop(words.get(id)));
    }

    /// The node where the term of word ids `ids` ends, added with the nodes and edges on the
    /// way: every reference on the way gets `HAS_CHILDREN`, the last one `TERMINAL`.
    /// `first_hash` is the hash of the first word under the current seed.
    pub(crate) fn insert_path(&mut self, first_hash: u64, ids: &[u32]) -> usize {
        let mut reference = *self.table.root_mut(first_hash);
        if reference == NONE {
            reference = self.new_node();
            *self.table.root_mut(first_hash) = reference;
        }
        let mut parent: Option<(u32, u32)> = None;
        for &id in &ids[1..] {
            self.set_flag(parent, first_hash, HAS_CHILDREN);
            let node = reference & NODE_MASK;
            let terminal = self.terminal.to_mut();
            reference = *self.edges.entry(node, id, || {
                terminal.push(NONE);
                (terminal.len() - 1) as u32
            });
            parent = Some((node, id));
        }
        self.set_flag(parent, first_hash, TERMINAL);
        (reference & NODE_MASK) as usize
    }

    fn new_node(&mut self) -> u32 {
        self.terminal.to_mut().push(NONE);
        (self.terminal.len() - 1) as u32
    }

    /// Set `flag` on the reference to a node: the edge from `parent` by a word, or the root
    /// reference of the word with hash `first_hash`.
    fn set_flag(&mut self, parent: Option<(u32, u32)>, first_hash: u64, flag: u32) {
        let reference = match parent {
            Some((node, id)) => self.edges.entry(node, id, || NONE),
            None => self.table.root_mut(first_hash),
        };
        *reference |= flag;
    }

    /// The trie node where the term of normalized `units` ends, if some entry has it.
    pub(crate) fn node_of(&self, units: &[String]) -> Option<u32> {
        let mut reference = NONE;
        for (k, unit) in units.iter().enumerate() {
            let info = self.word_id(unit)?;
            reference = if k == 0 {
                info.root
            } else {
                self.edges.get(reference, info.id)
            };
            if reference == NONE {
                return None;
            }
        }
        (reference & TERMINAL != 0).then_some(reference & NODE_MASK)
    }

    /// The entries of a node's terminal value.
    #[inline]
    pub(crate) fn terminal_entries(&self, terminal: u32) -> Ends<'_> {
        match terminal {
            NONE => Ends::Many(&[]),
            t if t & SINGLE != 0 => Ends::One([t & ENTRY]),
            t => Ends::Many(self.ends.get(t as usize)),
        }
    }

    /// Add entry `new` to the terminal of `node`; `single` is its `SINGLE` value if it may be
    /// one.
    pub(crate) fn add_end(&mut self, node: usize, new: u32, single: Option<u32>) {
        let value = match (self.terminal[node], single) {
            (NONE, Some(value)) => value,
            (NONE, None) => self.push_ends(vec![new]),
            (t, _) if t & SINGLE != 0 => self.push_ends(vec![t & ENTRY, new]),
            (t, _) => {
                self.ends.nested()[t as usize].push(new);
                t
            }
        };
        self.terminal.to_mut()[node] = value;
    }

    fn push_ends(&mut self, entries: Vec<u32>) -> u32 {
        let ends = self.ends.nested();
        ends.push(entries);
        (ends.len() - 1) as u32
    }

    /// Give every terminal with one entry for which `single` gives a value that `SINGLE` form,
    /// dropping the lists it no longer needs.
    pub(crate) fn compact_terminals(&mut self, single: impl Fn(u32) -> Option<u32>) {
        let old = std::mem::take(self.ends.nested());
        let ends = self.ends.nested();
        let mut moved = vec![NONE; old.len()];
        for t in self.terminal.to_mut().iter_mut().filter(|t| **t != NONE) {
            let entries = &old[*t as usize];
            if let [e] = entries[..] {
                if let Some(value) = single(e) {
                    *t = value;
                    continue;
                }
            }
            if moved[*t as usize] == NONE {
                moved[*t as usize] = ends.len() as u32;
                ends.push(entries.clone());
            }
            *t = moved[*t as usize];
        }
    }

    /// Give every terminal its list form, then compact them again with `single` (after entries
    /// were switched off or on).
    pub(crate) fn refresh_terminals(&mut self, single: impl Fn(u32) -> Option<u32>) {
        let ends = self.ends.nested();
        for t in self.terminal.to_mut().iter_mut() {
            if *t != NONE && *t & SINGLE != 0 {
                ends.push(vec![*t & ENTRY]);
                *t = (ends.len() - 1) as u32;
            }
        }
        self.compact_terminals(single);
    }

    /// Write the index: words, roots, edges, terminals and entry lists. Node references are
    /// written without their flags, words are numbered 0, 1, 2, … (in memory a word id is its
    /// offset), and `SINGLE` terminals as one-entry lists after the others.
    #[cfg(test)]
    pub(crate) fn write(&self, w: &mut Writer) {
        let clean = |r: u32| if r == NONE { NONE } else { r & NODE_MASK };
        let ids: Vec<u32> = self.words.iter().map(|(id, _)| id).collect();
        let index = |id: u32| ids.binary_search(&id).unwrap_or(0) as u32;
        w.len(ids.len());
        for (_, word) in self.words.iter() {
            w.str(word);
        }
        let mut roots = vec![NONE; ids.len()];
        for (id, root) in self.table.roots() {
            roots[index(id) as usize] = clean(root);
        }
        w.u32s(&roots);
        w.len(self.edges.len());
        for (node, word, child) in self.edges.iter() {
            w.u64((u64::from(node) << 32) | u64::from(index(word)));
            w.u32(clean(child));
        }
        let is_single = |t: u32| t != NONE && t & SINGLE != 0;
        let mut next = self.ends.len() as u32;
        let terminal: Vec<u32> = self
            .terminal
            .iter()
            .map(|&t| {
                if is_single(t) {
                    next += 1;
                    next - 1
                } else {
                    t
                }
            })
            .collect();
        w.u32s(&terminal);
        w.len(next as usize);
        for end in self.ends.iter() {
            w.u32s(end);
        }
        for &t in self.terminal.iter().filter(|&&t| is_single(t)) {
            w.u32s(&[t & ENTRY]);
        }
    }

    /// Read an index written by `Index::write` (format versions 1 to 3), checking that every node, word and list
    /// index points inside its table, so that a corrupt file cannot make matching panic. The
    /// entry numbers are checked against `entries` by [`Index::check_entries`]; `SINGLE` forms
    /// are made by [`Index::compact_terminals`] once the entries are known.
    pub(crate) fn read(r: &mut Reader<'_>, is_stop: &dyn Fn(&str) -> bool) -> Result<Index> {
        let mut index = Index::default();
        let n = r.len()?;
        let mut ids = Vec::with_capacity(n);
        for _ in 0..n {
            let word = r.str()?;
            if word.len() > MAX_WORD_BYTES
                || index.words.next_id() + word.len() + 2 >= (1 << 31) - 1
            {
                return Err(corrupt("word too long or too many words"));
            }
            ids.push(index.words.push(word));
        }
        let mut roots = r.u32s()?;
        let n = r.len()?;
        let mut edges = Vec::with_capacity(n);
        for _ in 0..n {
            let key = r.u64()?;
            let child = r.u32()?;
            edges.push(((key >> 32) as u32, key as u32, child));
        }
        index.terminal = r.u32s()?.into();
        let n = r.len()?;
        index.ends = EndLists::Nested((0..n).map(|_| r.u32s()).collect::<Result<_>>()?);
        // Every index points inside its table.
        if index.terminal.len() > MAX_NODES {
            return Err(corrupt("too many trie nodes"));
        }
        let nodes = index.terminal.len() as u32;
        let words = index.word_count();
        if roots.len() != words || !roots.iter().all(|&n| n == NONE || n < nodes) {
            return Err(corrupt("bad root table"));
        }
        if !edges
            .iter()
            .all(|&(node, word, child)| node < nodes && (word as usize) < words && child < nodes)
        {
            return Err(corrupt("bad trie edge"));
        }
        let ends = index.ends.len() as u32;
        if !index.terminal.iter().all(|&t| t == NONE || t < ends) {
            return Err(corrupt("bad terminal"));
        }
        // The flags of every node reference: TERMINAL where a term ends, HAS_CHILDREN where an
        // edge leaves.
        let mut has_children = vec![false; index.terminal.len()];
        for &(node, _, _) in &edges {
            has_children[node as usize] = true;
        }
        let terminal = &index.terminal;
        let flags = |r: u32| {
            let node = r as usize;
            let mut out = r;
            if terminal[node] != NONE {
                out |= TERMINAL;
            }
            if has_children[node] {
                out |= HAS_CHILDREN;
            }
            out
        };
        let mut table = EdgeTable::with_capacity(edges.len());
        for &(node, word, child) in &edges {
            if !table.insert(node, ids[word as usize], flags(child)) {
                return Err(corrupt("duplicate trie edge"));
            }
        }
        for root in roots.iter_mut().filter(|r| **r != NONE) {
            *root = flags(*root);
        }
        index.edges = table;
        let roots: Vec<(u32, u32)> = ids.into_iter().zip(roots).collect();
        index.install_words(&roots, is_stop)?;
        Ok(index)
    }

    /// Whether every entry number of the lists and of the `SINGLE` terminals is below
    /// `entries`.
    pub(crate) fn check_entries(&self, entries: usize) -> Result<()> {
        let entries = entries as u32;
        let singles_fit = self
            .terminal
            .iter()
            .all(|&t| t == NONE || t & SINGLE == 0 || t & ENTRY < entries);
        if !singles_fit || !self.ends.iter().flatten().all(|&e| e < entries) {
            return Err(corrupt("bad entry index"));
        }
        Ok(())
    }

    /// Write the index as format version 4 does: every table as it is in memory (words at
    /// their ids, references with their flags, `SINGLE` terminals as they are), flat entry
    /// lists, each in an aligned section.
    pub(crate) fn write_v4(&self, w: &mut Writer) {
        w.u64(self.seed);
        self.words.write_v4(w);
        self.table.write_v4(w);
        self.edges.write_v4(w);
        w.section(self.terminal.len());
        for &t in self.terminal.iter() {
            w.u32(t);
        }
        let mut starts = Vec::with_capacity(self.ends.len() + 1);
        starts.push(0u32);
        for list in self.ends.iter() {
            starts.push(starts[starts.len() - 1] + list.len() as u32);
        }
        w.section(starts.len());
        for &s in &starts {
            w.u32(s);
        }
        w.section(starts[starts.len() - 1] as usize);
        for &e in self.ends.iter().flatten() {
            w.u32(e);
        }
    }

    /// Read an index written by [`Index::write_v4`] in place from `backing`, checking every
    /// reference, so that a corrupt file cannot make matching panic or loop. The entry numbers
    /// are checked by [`Index::check_entries`].
    pub(crate) fn read_v4(r: &mut Reader<'_>, backing: &Arc<Backing>) -> Result<Index> {
        let seed = r.u64()?;
        let (words, starts) = Words::read_v4(r, backing)?;
        let table = WordTable::read_v4(r, backing)?;
        let edges = EdgeTable::read_v4(r, backing)?;
        let terminal: Store<u32> = r.section(backing)?;
        let ends_starts: Store<u32> = r.section(backing)?;
        let values: Store<u32> = r.section(backing)?;
        if terminal.is_empty() || terminal.len() > MAX_NODES {
            return Err(corrupt("bad number of trie nodes"));
        }
        let nodes = terminal.len() as u32;
        let is_word = |id: u32| {
            let i = id as usize;
            starts.get(i / 64).is_some_and(|b| b & (1 << (i % 64)) != 0)
        };
        let is_node = |r: u32| r == NONE || r & NODE_MASK < nodes;
        if table.len() != words.len()
            || !table.roots().all(|(id, root)| is_word(id) && is_node(root))
        {
            return Err(corrupt("bad word table"));
        }
        if !edges
            .iter()
            .all(|(node, word, child)| node < nodes && is_word(word) && is_node(child))
        {
            return Err(corrupt("bad trie edge"));
        }
        let monotonic = ends_starts.first() == Some(&0)
            && ends_starts.windows(2).all(|w| w[0] <= w[1])
            && ends_starts.last().copied() == Some(values.len() as u32);
        if !monotonic {
            return Err(corrupt("bad entry lists"));
        }
        let ends = EndLists::Flat {
            starts: ends_starts,
            values,
        };
        let lists = ends.len() as u32;
        if !terminal
            .iter()
            .all(|&t| t == NONE || t & SINGLE != 0 || t < lists)
        {
            return Err(corrupt("bad terminal"));
        }
        Ok(Index {
            seed,
            table,
            words,
            edges,
            terminal,
            ends,
        })
    }

    /// Whether any table is read in place from a mapped file.
    #[cfg(test)]
    pub(crate) fn is_mapped(&self) -> bool {
        self.terminal.is_mapped()
    }
}
