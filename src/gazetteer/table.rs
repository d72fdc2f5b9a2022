//! The gazetteer's lookup tables and word store, built for matching speed at millions of
//! terms.
//!
//! The two tables are open-addressing tables with linear probing over 16-byte slots, at most
//! half full, so that a lookup is usually one cache line and never a pointer chase (and
//! [`Words`] keeps each word where its id points):
//!
//! - [`WordTable`]: the 64-bit hash of a normalized word -> its id, the trie node its term
//!   starts at, and whether it folds like a common word. The table stores hashes, not words:
//!   the vocabulary is kept free of hash collisions (the seed changes if two words ever
//!   collide), and a text word that merely shares a word's hash is caught when a candidate
//!   match is checked against the words themselves (see `Gazetteer::verified`).
//! - [`EdgeTable`]: (trie node, word id) -> child node.
//!
//! A node reference carries two flags in its top bits, so that walking the trie never reads
//! per-node arrays: [`TERMINAL`] (some term ends here) and [`HAS_CHILDREN`] (a longer term
//! goes on from here).

/// Some term ends at the node.
pub(crate) const TERMINAL: u32 = 1 << 31;
/// Some longer term continues from the node.
pub(crate) const HAS_CHILDREN: u32 = 1 << 30;
/// The node index within a reference.
pub(crate) const NODE_MASK: u32 = HAS_CHILDREN - 1;
/// The largest number of trie nodes (a reference with both flags and every index bit set
/// would be `NONE`).
pub(crate) const MAX_NODES: usize = NODE_MASK as usize;
/// No node / no word.
pub(crate) const NONE: u32 = u32::MAX;

/// The common-word flag of a word id in a [`WordSlot`].
const STOP: u32 = 1 << 31;

use super::store::{Pod, Store};

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xC2B2_AE3D_27D4_EB4F;

/// A well-mixed 64-bit hash of `bytes` (multiply-rotate over 8-byte words, the length, a seed,
/// then a final avalanche so that both the high and the low bits are usable).
#[inline]
pub(crate) fn word_hash(bytes: &[u8], seed: u64) -> u64 {
    let mut h = seed ^ (bytes.len() as u64).wrapping_mul(K2);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(w)).wrapping_mul(K1);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(w)).wrapping_mul(K1);
    }
    // fmix64 (MurmurHash3's finalizer)
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// Ask the CPU to bring the cache line at `p` closer (a hint: no effect on results).
#[inline(always)]
pub(crate) fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch never faults and reads nothing the program sees; `p` points into a
    // live slice.
    #[allow(unused_unsafe)]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// What a word lookup finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordInfo {
    pub(crate) id: u32,
    /// The reference (with flags) of the node a term starting with the word reaches, or `NONE`.
    pub(crate) root: u32,
    /// The word folds like a common word, so matches on it need its written form.
    pub(crate) stop: bool,
}

#[derive(Debug, Clone, Copy)]
#[repr(C, align(16))]
struct WordSlot {
    hash: u64,
    /// `NONE` for an empty slot; else the word id, with `STOP`.
    id: u32,
    root: u32,
}

// SAFETY: three integers, no padding: every bit pattern is a slot.
unsafe impl Pod for WordSlot {}

const EMPTY_WORD: WordSlot = WordSlot {
    hash: 0,
    id: NONE,
    root: NONE,
};

/// Word hash -> [`WordInfo`].
#[derive(Debug, Clone)]
pub(crate) struct WordTable {
    slots: Store<WordSlot>,
    len: usize,
}

impl Default for WordTable {
    fn default() -> Self {
        WordTable {
            slots: vec![EMPTY_WORD; 16].into(),
            len: 0,
        }
    }
}

impl WordTable {
    /// A table sized for `n` words.
    pub(crate) fn with_capacity(n: usize) -> Self {
        WordTable {
            slots: vec![EMPTY_WORD; (2 * n).next_power_of_two().max(16)].into(),
            len: 0,
        }
    }

    #[inline]
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// The slot holding `hash`, or the empty slot where it would go.
    #[inline]
    fn probe(&self, hash: u64) -> usize {
        let mask = self.mask();
        let mut i = hash as usize & mask;
        loop {
            let slot = &self.slots[i];
            if slot.id == NONE || slot.hash == hash {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// Start loading the slot of `hash` (see [`prefetch`]).
    #[inline]
    pub(crate) fn prefetch(&self, hash: u64) {
        prefetch(&self.slots[hash as usize & self.mask()]);
    }

    /// The word with this hash, if any.
    #[inline]
    pub(crate) fn get(&self, hash: u64) -> Option<WordInfo> {
        let slot = &self.slots[self.probe(hash)];
        (slot.id != NONE).then_some(WordInfo {
            id: slot.id & !STOP,
            root: slot.root,
            stop: slot.id & STOP != 0,
        })
    }

    /// Add a word that is not in the table.
    pub(crate) fn insert(&mut self, hash: u64, id: u32, stop: bool) {
        debug_assert!(id & STOP == 0);
        if 2 * (self.len + 1) > self.slots.len() {
            let size = 2 * self.slots.len();
            let old = std::mem::replace(&mut self.slots, vec![EMPTY_WORD; size].into());
            for &slot in old.iter().filter(|s| s.id != NONE) {
                let i = self.probe(slot.hash);
                self.slots.to_mut()[i] = slot;
            }
        }
        let i = self.probe(hash);
        debug_assert!(self.slots[i].id == NONE);
        self.slots.to_mut()[i] = WordSlot {
            hash,
            id: if stop { id | STOP } else { id },
            root: NONE,
        };
        self.len += 1;
    }

    /// The root reference of the word with this hash (which must be in the table).
    pub(crate) fn root_mut(&mut self, hash: u64) -> &mut u32 {
        let i = self.probe(hash);
        debug_assert!(self.slots[i].id != NONE);
        &mut self.slots.to_mut()[i].root
    }

    /// Set or clear the common-word flag of every word.
    pub(crate) fn set_stop(&mut self, mut stop: impl FnMut(u32) -> bool) {
        for slot in self.slots.to_mut().iter_mut().filter(|s| s.id != NONE) {
            let id = slot.id & !STOP;
            slot.id = if stop(id) { id | STOP } else { id };
        }
    }

    /// The number of words.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Every (id, root reference).
    pub(crate) fn roots(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.slots
            .iter()
            .filter(|s| s.id != NONE)
            .map(|s| (s.id & !STOP, s.root))
    }
}

#[derive(Debug, Clone, Copy)]
#[repr(C, align(16))]
struct EdgeSlot {
    /// `node << 32 | word`; `EMPTY_KEY` for an empty slot (no node index reaches 2^32 - 1).
    key: u64,
    /// The child's reference.
    child: u32,
}

// SAFETY: two integers and padding: every bit pattern is a slot.
unsafe impl Pod for EdgeSlot {}

const EMPTY_KEY: u64 = u64::MAX;

const EMPTY_EDGE: EdgeSlot = EdgeSlot {
    key: EMPTY_KEY,
    child: NONE,
};

/// (node, word id) -> child reference.
#[derive(Debug, Clone)]
pub(crate) struct EdgeTable {
    slots: Store<EdgeSlot>,
    shift: u32,
    len: usize,
}

impl Default for EdgeTable {
    fn default() -> Self {
        Self::with_capacity(0)
    }
}

#[inline]
pub(crate) fn edge_key(node: u32, word: u32) -> u64 {
    (u64::from(node & NODE_MASK) << 32) | u64::from(word)
}

impl EdgeTable {
    /// A table sized for `n` edges.
    pub(crate) fn with_capacity(n: usize) -> Self {
        let size = (2 * n).next_power_of_two().max(16);
        EdgeTable {
            slots: vec![EMPTY_EDGE; size].into(),
            shift: 64 - size.trailing_zeros(),
            len: 0,
        }
    }

    #[inline]
    fn probe(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let k = self.slots[i].key;
            if k == key || k == EMPTY_KEY {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        ((key ^ (key >> 29)).wrapping_mul(K1) >> self.shift) as usize
    }

    /// Start loading the slot of the edge from `node` by `word` (see [`prefetch`]).
    #[inline]
    pub(crate) fn prefetch(&self, node: u32, word: u32) {
        prefetch(&self.slots[self.home(edge_key(node, word))]);
    }

    /// The child reference of `node` by word `word`, or `NONE`.
    #[inline]
    pub(crate) fn get(&self, node: u32, word: u32) -> u32 {
        self.slots[self.probe(edge_key(node, word))].child
    }

    /// The child reference of `node` by `word`, added by `new_child` if missing; returns a
    /// mutable reference to it (valid until the next insertion).
    pub(crate) fn entry(
        &mut self,
        node: u32,
        word: u32,
        new_child: impl FnOnce() -> u32,
    ) -> &mut u32 {
        let key = edge_key(node, word);
        let mut i = self.probe(key);
        if self.slots[i].key == EMPTY_KEY {
            if 2 * (self.len + 1) > self.slots.len() {
                self.grow();
                i = self.probe(key);
            }
            self.slots.to_mut()[i] = EdgeSlot {
                key,
                child: new_child(),
            };
            self.len += 1;
        }
        &mut self.slots.to_mut()[i].child
    }

    /// Add an edge that is not in the table (loading).
    pub(crate) fn insert(&mut self, node: u32, word: u32, child: u32) -> bool {
        let mut inserted = false;
        self.entry(node, word, || {
            inserted = true;
            child
        });
        inserted
    }

    fn grow(&mut self) {
        let size = 2 * self.slots.len();
        let old = std::mem::replace(&mut self.slots, vec![EMPTY_EDGE; size].into());
        self.shift = 64 - size.trailing_zeros();
        for &slot in old.iter().filter(|s| s.key != EMPTY_KEY) {
            let i = self.probe(slot.key);
            self.slots.to_mut()[i] = slot;
        }
    }

    /// The number of edges.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Every (node, word, child reference), in table order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        self.slots
            .iter()
            .filter(|s| s.key != EMPTY_KEY)
            .map(|s| ((s.key >> 32) as u32, s.key as u32, s.child))
    }
}

/// The vocabulary: every normalized word once, stored length-prefixed in one buffer. A word's
/// id is its offset there, so checking a word reads one place (which matching requests early,
/// see [`Words::prefetch`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Words {
    bytes: Store<u8>,
    count: usize,
}

/// The longest word a term may have, in UTF-8 bytes.
pub(crate) const MAX_WORD_BYTES: usize = u16::MAX as usize;

impl Words {
    /// The number of words.
    pub(crate) fn len(&self) -> usize {
        self.count
    }

    /// The buffer's size, which the next id will be.
    pub(crate) fn next_id(&self) -> usize {
        self.bytes.len()
    }

    /// Add a word (at most [`MAX_WORD_BYTES`] long, ids below 2^31: the caller checks).
    pub(crate) fn push(&mut self, word: &str) -> u32 {
        debug_assert!(word.len() <= MAX_WORD_BYTES);
        let id = self.bytes.len() as u32;
        let bytes = self.bytes.to_mut();
        bytes.extend_from_slice(&(word.len() as u16).to_le_bytes());
        bytes.extend_from_slice(word.as_bytes());
        self.count += 1;
        id
    }

    /// The UTF-8 bytes of word `id`.
    #[inline]
    pub(crate) fn bytes(&self, id: u32) -> &[u8] {
        let at = id as usize;
        let len = u16::from_le_bytes([self.bytes[at], self.bytes[at + 1]]) as usize;
        &self.bytes[at + 2..at + 2 + len]
    }

    /// Word `id`.
    pub(crate) fn get(&self, id: u32) -> &str {
        std::str::from_utf8(self.bytes(id)).expect("words are stored from str")
    }

    /// Every (id, word), in the order added.
    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, &str)> + '_ {
        let mut at = 0;
        std::iter::from_fn(move || {
            if at >= self.bytes.len() {
                return None;
            }
            let id = at as u32;
            let word = self.get(id);
            at += 2 + word.len();
            Some((id, word))
        })
    }

    /// Start loading word `id` (see [`prefetch`]).
    #[inline]
    pub(crate) fn prefetch(&self, id: u32) {
        if let Some(b) = self.bytes.get(id as usize) {
            prefetch(b);
        }
    }
}

/// The sections of format version 4: each table as it is in memory (little-endian), so that a
/// mapped file is used in place. Reading checks what matching relies on to stay in bounds and
/// to end (sizes, at most half-full tables, word ids at word starts); the caller checks the
/// node references.
mod sections {
    use super::*;
    use crate::error::Result;
    use crate::gazetteer::serial::{corrupt, Reader, Writer};
    use crate::gazetteer::store::Backing;
    use std::sync::Arc;

    fn check_size(slots: usize, len: usize, filled: usize, what: &str) -> Result<()> {
        if !slots.is_power_of_two() || slots < 16 || len > slots / 2 || filled != len {
            return Err(corrupt(&format!("bad {what} table")));
        }
        Ok(())
    }

    impl WordTable {
        pub(crate) fn write_v4(&self, w: &mut Writer) {
            w.u64(self.len as u64);
            w.section(self.slots.len());
            for s in self.slots.iter() {
                w.u64(s.hash);
                w.u32(s.id);
                w.u32(s.root);
            }
        }

        pub(crate) fn read_v4(r: &mut Reader<'_>, backing: &Arc<Backing>) -> Result<Self> {
            let len = r.count()?;
            let slots: Store<WordSlot> = r.section(backing)?;
            let filled = slots.iter().filter(|s| s.id != NONE).count();
            check_size(slots.len(), len, filled, "word")?;
            Ok(WordTable { slots, len })
        }
    }

    impl EdgeTable {
        pub(crate) fn write_v4(&self, w: &mut Writer) {
            w.u64(self.len as u64);
            w.section(self.slots.len());
            for s in self.slots.iter() {
                w.u64(s.key);
                w.u32(s.child);
                w.u32(0);
            }
        }

        pub(crate) fn read_v4(r: &mut Reader<'_>, backing: &Arc<Backing>) -> Result<Self> {
            let len = r.count()?;
            let slots: Store<EdgeSlot> = r.section(backing)?;
            let filled = slots.iter().filter(|s| s.key != EMPTY_KEY).count();
            check_size(slots.len(), len, filled, "edge")?;
            let shift = 64 - slots.len().trailing_zeros();
            Ok(EdgeTable { slots, shift, len })
        }
    }

    impl Words {
        pub(crate) fn write_v4(&self, w: &mut Writer) {
            w.u64(self.count as u64);
            w.section(self.bytes.len());
            w.raw(&self.bytes);
        }

        /// The words and a bit per byte offset: set where a word starts (the valid ids).
        pub(crate) fn read_v4(
            r: &mut Reader<'_>,
            backing: &Arc<Backing>,
        ) -> Result<(Self, Vec<u64>)> {
            let count = r.count()?;
            let bytes: Store<u8> = r.section(backing)?;
            if bytes.len() >= (1 << 31) - 1 {
                return Err(corrupt("too many words"));
            }
            let mut starts = vec![0u64; bytes.len().div_ceil(64)];
            let (mut at, mut seen) = (0, 0);
            while at < bytes.len() {
                let word = bytes
                    .get(at..at + 2)
                    .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize)
                    .and_then(|len| bytes.get(at + 2..at + 2 + len))
                    .ok_or_else(|| corrupt("word past the end"))?;
                std::str::from_utf8(word).map_err(|_| corrupt("invalid UTF-8"))?;
                starts[at / 64] |= 1 << (at % 64);
                at += 2 + word.len();
                seen += 1;
            }
            if seen != count {
                return Err(corrupt("bad word count"));
            }
            Ok((Words { bytes, count }, starts))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_through_growth() {
        let mut t = WordTable::default();
        let words: Vec<String> = (0..5000).map(|i| format!("كلمة{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            let h = word_hash(w.as_bytes(), 0);
            assert!(t.get(h).is_none());
            t.insert(h, i as u32, i % 7 == 0);
            *t.root_mut(h) = i as u32 * 2;
        }
        for (i, w) in words.iter().enumerate() {
            let info = t.get(word_hash(w.as_bytes(), 0)).unwrap();
            assert_eq!(info.id, i as u32);
            assert_eq!(info.root, i as u32 * 2);
            assert_eq!(info.stop, i % 7 == 0);
        }
        assert!(t.get(word_hash("غائبة".as_bytes(), 0)).is_none());
        assert_eq!(t.roots().count(), words.len());
    }

    #[test]
    fn edges_round_trip_through_growth() {
        let mut t = EdgeTable::default();
        for node in 0..300u32 {
            for word in 0..20u32 {
                assert!(t.insert(node, word * 3, node * 100 + word));
            }
        }
        assert!(!t.insert(5, 0, 1));
        assert_eq!(t.len(), 6000);
        for node in 0..300u32 {
            for word in 0..20u32 {
                assert_eq!(t.get(node, word * 3), node * 100 + word);
                assert_eq!(t.get(node, word * 3 + 1), NONE);
            }
        }
        // Flags on the node do not change the key.
        assert_eq!(t.get(7 | TERMINAL | HAS_CHILDREN, 3), 701);
    }

    #[test]
    fn words_are_found_by_their_ids() {
        let mut words = Words::default();
        let a = words.push("دمشق");
        let b = words.push("");
        let c = words.push("الأمم");
        assert_eq!(
            (words.get(a), words.get(b), words.get(c)),
            ("دمشق", "", "الأمم")
        );
        assert_eq!(words.len(), 3);
        let all: Vec<(u32, &str)> = words.iter().collect();
        assert_eq!(all, [(a, "دمشق"), (b, ""), (c, "الأمم")]);
    }

    #[test]
    fn hash_depends_on_every_byte_and_the_length() {
        let a = word_hash("القاهرة".as_bytes(), 0);
        assert_ne!(a, word_hash("القاهره".as_bytes(), 0));
        assert_ne!(a, word_hash("القاهرة".as_bytes(), 1));
        assert_ne!(word_hash(b"ab", 0), word_hash(b"ab\0", 0));
    }
}
