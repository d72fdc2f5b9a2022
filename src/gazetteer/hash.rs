//! A small, fast, non-cryptographic hasher for the gazetteer's word and edge maps.
//!
//! Keys are words of the gazetteer's own terms and pairs of integers; nothing an attacker
//! controls decides the table layout, so a multiply-rotate hash (as in rustc's FxHash) is
//! enough and several times faster than SipHash on short Arabic words.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The multiply-rotate hasher.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher {
    hash: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A one-hash Bloom filter over the gazetteer's words (2^20 bits, 128 KiB): most words of a
/// text are in no term, and this answers "certainly not" for them from a table that stays in
/// cache, before the word map is probed.
#[derive(Debug, Clone)]
pub(crate) struct WordFilter {
    bits: Vec<u64>,
}

const FILTER_BITS: u32 = 20;

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter {
            bits: vec![0; 1 << (FILTER_BITS - 6)],
        }
    }
}

impl WordFilter {
    #[inline]
    fn slot(word: &str) -> usize {
        let bytes = word.as_bytes();
        let n = bytes.len();
        let mut head = [0u8; 8];
        let mut tail = [0u8; 8];
        let k = n.min(8);
        head[..k].copy_from_slice(&bytes[..k]);
        tail[..k].copy_from_slice(&bytes[n - k..]);
        let mixed = u64::from_le_bytes(head) ^ u64::from_le_bytes(tail).rotate_left(29) ^ n as u64;
        (mixed.wrapping_mul(SEED) >> (64 - FILTER_BITS)) as usize
    }

    pub(crate) fn insert(&mut self, word: &str) {
        let slot = Self::slot(word);
        self.bits[slot / 64] |= 1 << (slot % 64);
    }

    /// False when `word` was certainly never inserted.
    #[inline]
    pub(crate) fn may_contain(&self, word: &str) -> bool {
        let slot = Self::slot(word);
        self.bits[slot / 64] & (1 << (slot % 64)) != 0
    }
}
