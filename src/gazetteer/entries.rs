//! The entries of a gazetteer, stored so that every match can keep a reference to its entry
//! without touching it: entries live in shared chunks, and a match holds its chunk.
//!
//! Entries read in place from a file of format version 4 stay strings in the file until asked
//! for, and then become `Entry`s 8 at a time, so that a process that matches only a few
//! thousand distinct entries of a mapped million holds only those.

use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use super::serial::{corrupt, Reader, Writer};
use super::store::{Backing, Store};
use super::Entry;
use crate::error::Result;

const CHUNK_BITS: u32 = 12;
const CHUNK: usize = 1 << CHUNK_BITS;
/// The entries read in place are made `Entry`s this many at a time.
const STORED_BITS: u32 = 3;
const STORED_CHUNK: usize = 1 << STORED_BITS;

/// Entry flags of format version 4.
const EXACT: u8 = 1;
const IGNORE: u8 = 2;
const HAS_LABEL: u8 = 4;
const HAS_META: u8 = 8;

/// Entries as stored in a file of format version 4: per entry its term, label, id and meta
/// (where each ends in `bytes`) and its flags.
#[derive(Debug)]
struct Stored {
    ends: Store<u64>,
    bytes: Store<u8>,
    flags: Store<u8>,
    chunks: Vec<OnceLock<Arc<Vec<Entry>>>>,
}

impl Stored {
    fn string(&self, k: usize) -> String {
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        let bytes = self.bytes.get(start..self.ends[k] as usize).unwrap_or(&[]);
        // Checked at load; lossy (not a panic) if the file was changed under the map since.
        String::from_utf8_lossy(bytes).into_owned()
    }

    fn entry(&self, i: usize) -> Entry {
        let flags = self.flags[i];
        let opt = |s: String, bit: u8| (flags & bit != 0).then_some(s);
        Entry {
            term: self.string(4 * i),
            label: opt(self.string(4 * i + 1), HAS_LABEL),
            id: self.string(4 * i + 2),
            meta: opt(self.string(4 * i + 3), HAS_META),
            exact: flags & EXACT != 0,
            ignore: flags & IGNORE != 0,
        }
    }

    /// Chunk `c` of the entries, made on first use.
    #[inline]
    fn chunk(&self, c: usize) -> &Arc<Vec<Entry>> {
        self.chunks[c].get_or_init(|| {
            let start = c * STORED_CHUNK;
            let end = (start + STORED_CHUNK).min(self.flags.len());
            Arc::new((start..end).map(|i| self.entry(i)).collect())
        })
    }
}

/// Append-only entries in shared chunks of 4096. Adding to a chunk that matches still hold
/// copies that chunk only.
#[derive(Debug, Clone, Default)]
pub(crate) struct Entries {
    chunks: Vec<Arc<Vec<Entry>>>,
    len: usize,
    /// Entries read in place (then `chunks` is empty), shared by clones.
    stored: Option<Arc<Stored>>,
}

impl Entries {
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub(crate) fn reserve(&mut self, n: usize) {
        self.chunks.reserve(n.div_ceil(CHUNK));
    }

    pub(crate) fn push(&mut self, entry: Entry) {
        if let Some(stored) = self.stored.take() {
            // A change to a gazetteer read in place: make every entry an `Entry` first.
            for i in 0..self.len {
                if i % CHUNK == 0 {
                    self.chunks.push(Arc::new(Vec::with_capacity(CHUNK)));
                }
                let last = self.chunks.last_mut().expect("a chunk was just ensured");
                Arc::make_mut(last).push(stored.entry(i));
            }
        }
        if self.len % CHUNK == 0 {
            self.chunks.push(Arc::new(Vec::with_capacity(CHUNK)));
        }
        let last = self.chunks.last_mut().expect("a chunk was just ensured");
        Arc::make_mut(last).push(entry);
        self.len += 1;
    }

    #[inline]
    pub(crate) fn get(&self, index: usize) -> &Entry {
        match &self.stored {
            Some(s) => &s.chunk(index >> STORED_BITS)[index & (STORED_CHUNK - 1)],
            None => &self.chunks[index >> CHUNK_BITS][index & (CHUNK - 1)],
        }
    }

    /// Entry `index`, shared: cloning the chunk's `Arc` touches one of few hot cache lines,
    /// not the entry.
    #[inline]
    pub(crate) fn shared(&self, index: usize) -> SharedEntry {
        match &self.stored {
            Some(s) => SharedEntry {
                chunk: s.chunk(index >> STORED_BITS).clone(),
                index: (index & (STORED_CHUNK - 1)) as u32,
            },
            None => SharedEntry {
                chunk: self.chunks[index >> CHUNK_BITS].clone(),
                index: (index & (CHUNK - 1)) as u32,
            },
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Entry> {
        (0..self.len).map(|i| self.get(i))
    }

    /// Write the entries as format version 4 stores them (see [`Entries::read_v4`]).
    pub(crate) fn write_v4(&self, w: &mut Writer) {
        if let Some(s) = &self.stored {
            // Unchanged since read in place: copy the sections, without making entries.
            w.section(s.ends.len());
            for &e in s.ends.iter() {
                w.u64(e);
            }
            w.section(s.bytes.len());
            w.raw(&s.bytes);
            w.section(s.flags.len());
            w.raw(&s.flags);
            return;
        }
        let mut bytes = Vec::new();
        let mut ends = Vec::with_capacity(4 * self.len);
        let mut flags = Vec::with_capacity(self.len);
        for e in self.iter() {
            for s in [
                Some(e.term.as_str()),
                e.label.as_deref(),
                Some(e.id.as_str()),
                e.meta.as_deref(),
            ] {
                bytes.extend_from_slice(s.unwrap_or("").as_bytes());
                ends.push(bytes.len() as u64);
            }
            flags.push(
                [
                    (e.exact, EXACT),
                    (e.ignore, IGNORE),
                    (e.label.is_some(), HAS_LABEL),
                    (e.meta.is_some(), HAS_META),
                ]
                .iter()
                .filter(|(on, _)| *on)
                .fold(0, |flags, (_, bit)| flags | bit),
            );
        }
        w.section(ends.len());
        for e in ends {
            w.u64(e);
        }
        w.section(bytes.len());
        w.raw(&bytes);
        w.section(flags.len());
        w.raw(&flags);
    }

    /// Read `n` entries written by [`Entries::write_v4`] in place, checking that every string
    /// is inside the bytes, in order, and text.
    pub(crate) fn read_v4(r: &mut Reader<'_>, backing: &Arc<Backing>, n: usize) -> Result<Self> {
        let ends: Store<u64> = r.section(backing)?;
        let bytes: Store<u8> = r.section(backing)?;
        let flags: Store<u8> = r.section(backing)?;
        if Some(ends.len()) != n.checked_mul(4) || flags.len() != n {
            return Err(corrupt("bad entry count"));
        }
        let text = std::str::from_utf8(&bytes).map_err(|_| corrupt("invalid UTF-8"))?;
        let in_order = ends.windows(2).all(|w| w[0] <= w[1])
            && ends.last().is_none_or(|&e| e as usize <= bytes.len())
            && ends.iter().all(|&e| text.is_char_boundary(e as usize));
        if !in_order || flags.iter().any(|&f| f > 15) {
            return Err(corrupt("bad entries"));
        }
        let chunks = (0..n.div_ceil(STORED_CHUNK))
            .map(|_| OnceLock::new())
            .collect();
        Ok(Entries {
            chunks: Vec::new(),
            len: n,
            stored: Some(Arc::new(Stored {
                ends,
                bytes,
                flags,
                chunks,
            })),
        })
    }
}

/// A reference to an entry that keeps it alive (see `Gazetteer::entry_shared`).
#[derive(Debug, Clone)]
pub struct SharedEntry {
    chunk: Arc<Vec<Entry>>,
    index: u32,
}

impl SharedEntry {
    /// An entry of its own (not from a gazetteer).
    pub fn new(entry: Entry) -> Self {
        SharedEntry {
            chunk: Arc::new(vec![entry]),
            index: 0,
        }
    }
}

impl Deref for SharedEntry {
    type Target = Entry;

    fn deref(&self) -> &Entry {
        &self.chunk[self.index as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(i: usize) -> Entry {
        Entry {
            term: format!("مدينة {i}"),
            label: None,
            id: i.to_string(),
            meta: None,
            exact: false,
            ignore: false,
        }
    }

    #[test]
    fn shared_entries_survive_later_additions() {
        let mut entries = Entries::default();
        for i in 0..CHUNK + 10 {
            entries.push(entry(i));
        }
        let kept = entries.shared(CHUNK + 3);
        let first = entries.shared(5);
        for i in CHUNK + 10..3 * CHUNK {
            entries.push(entry(i));
        }
        assert_eq!(kept.id, (CHUNK + 3).to_string());
        assert_eq!(first.id, "5");
        assert_eq!(entries.len(), 3 * CHUNK);
        assert_eq!(entries.get(2 * CHUNK + 1).id, (2 * CHUNK + 1).to_string());
        assert!(entries
            .iter()
            .enumerate()
            .all(|(i, e)| e.id == i.to_string()));
    }
}
