//! The entries' terms in light normalization (see `light_normalizer`), unit by unit, in three
//! flat arrays that format version 4 stores as they are.

use super::serial::{corrupt, Reader, Writer};
use super::store::{Backing, Store};
use crate::error::Result;
use std::sync::Arc;

/// Entry -> its light units.
#[derive(Debug, Clone)]
pub(crate) struct Lights {
    /// Entry `e`'s units are `ends[starts[e]..starts[e + 1]]`.
    starts: Store<u32>,
    /// Where each unit ends in `bytes` (it starts where the one before ends).
    ends: Store<u32>,
    bytes: Store<u8>,
}

impl Default for Lights {
    fn default() -> Self {
        Lights {
            starts: vec![0].into(),
            ends: Store::default(),
            bytes: Store::default(),
        }
    }
}

/// The light units of one entry.
#[derive(Clone, Copy)]
pub(crate) struct Units<'a> {
    first: usize,
    ends: &'a [u32],
    bytes: &'a [u8],
}

impl<'a> Units<'a> {
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Unit `k` (empty if the backing was changed under a map and is no longer text).
    pub(crate) fn get(&self, k: usize) -> &'a str {
        let start = if k == 0 {
            self.first
        } else {
            self.ends[k - 1] as usize
        };
        self.bytes
            .get(start..self.ends[k] as usize)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let units = *self;
        (0..units.len()).map(move |k| units.get(k))
    }
}

impl Lights {
    /// The number of entries.
    pub(crate) fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Entry `e`'s units.
    #[inline]
    pub(crate) fn get(&self, e: usize) -> Units<'_> {
        let (a, b) = (self.starts[e] as usize, self.starts[e + 1] as usize);
        Units {
            first: if a == 0 { 0 } else { self.ends[a - 1] as usize },
            ends: &self.ends[a..b],
            bytes: &self.bytes,
        }
    }

    /// Whether `more` bytes and `units` units still fit (offsets are 32-bit).
    pub(crate) fn has_room(&self, units: usize, more: usize) -> bool {
        self.bytes.len() + more < u32::MAX as usize && self.ends.len() + units < u32::MAX as usize
    }

    /// Add the units of the next entry.
    pub(crate) fn push<S: AsRef<str>>(&mut self, units: &[S]) {
        let bytes = self.bytes.to_mut();
        let ends = self.ends.to_mut();
        for unit in units {
            bytes.extend_from_slice(unit.as_ref().as_bytes());
            ends.push(bytes.len() as u32);
        }
        let n = ends.len() as u32;
        self.starts.to_mut().push(n);
    }

    pub(crate) fn write_v4(&self, w: &mut Writer) {
        for store in [&self.starts, &self.ends] {
            w.section(store.len());
            for &v in store.iter() {
                w.u32(v);
            }
        }
        w.section(self.bytes.len());
        w.raw(&self.bytes);
    }

    /// Read the light units of `entries` entries in place, checking that every offset is in
    /// order and inside the bytes, and every unit is text.
    pub(crate) fn read_v4(
        r: &mut Reader<'_>,
        backing: &Arc<Backing>,
        entries: usize,
    ) -> Result<Lights> {
        let starts: Store<u32> = r.section(backing)?;
        let ends: Store<u32> = r.section(backing)?;
        let bytes: Store<u8> = r.section(backing)?;
        let in_order = |v: &[u32], last: usize| {
            v.windows(2).all(|w| w[0] <= w[1]) && v.last().is_none_or(|&x| x as usize <= last)
        };
        if starts.len().checked_sub(1) != Some(entries)
            || starts[0] != 0
            || starts[entries] as usize != ends.len()
            || !in_order(&starts, ends.len())
            || !in_order(&ends, bytes.len())
        {
            return Err(corrupt("bad light units"));
        }
        let text = std::str::from_utf8(&bytes).map_err(|_| corrupt("invalid UTF-8"))?;
        if !ends.iter().all(|&e| text.is_char_boundary(e as usize)) {
            return Err(corrupt("bad light units"));
        }
        Ok(Lights {
            starts,
            ends,
            bytes,
        })
    }
}
