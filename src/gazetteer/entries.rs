//! The entries of a gazetteer, stored so that every match can keep a reference to its entry
//! without touching it: entries live in shared chunks, and a match holds its chunk.

use std::ops::Deref;
use std::sync::Arc;

use super::Entry;

const CHUNK_BITS: u32 = 12;
const CHUNK: usize = 1 << CHUNK_BITS;

/// Append-only entries in shared chunks of 4096. Adding to a chunk that matches still hold
/// copies that chunk only.
#[derive(Debug, Clone, Default)]
pub(crate) struct Entries {
    chunks: Vec<Arc<Vec<Entry>>>,
    len: usize,
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
        if self.len % CHUNK == 0 {
            self.chunks.push(Arc::new(Vec::with_capacity(CHUNK)));
        }
        let last = self.chunks.last_mut().expect("a chunk was just ensured");
        Arc::make_mut(last).push(entry);
        self.len += 1;
    }

    #[inline]
    pub(crate) fn get(&self, index: usize) -> &Entry {
        &self.chunks[index >> CHUNK_BITS][index & (CHUNK - 1)]
    }

    /// Entry `index`, shared: cloning the chunk's `Arc` touches one of few hot cache lines,
    /// not the entry.
    #[inline]
    pub(crate) fn shared(&self, index: usize) -> SharedEntry {
        SharedEntry {
            chunk: self.chunks[index >> CHUNK_BITS].clone(),
            index: (index & (CHUNK - 1)) as u32,
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.chunks.iter().flat_map(|c| c.iter())
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
