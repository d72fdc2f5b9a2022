//! Arrays that are either owned or borrowed in place from the bytes of a compiled gazetteer
//! (a mapped file, or one aligned copy of the bytes), so that matching reads `&[T]` alike.
//!
//! Borrowing is sound because the element types are plain old data ([`Pod`]: every bit pattern
//! is a value, or the loader checked each value, for `bool`), every section is checked to be
//! aligned and inside its backing when it is borrowed, and the backing lives as long as any
//! store borrowing it (an `Arc`). What mapping cannot promise, another process truncating the
//! file while it is mapped, is caught between calls by [`MappedFile::check`] (see the README).

use std::fs::File;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result};

/// Plain old data that can be read in place from little-endian bytes.
///
/// # Safety
/// Every bit pattern of `size_of::<Self>()` initialized bytes is a valid value of the type,
/// except for `bool`, whose sections the loader checks byte by byte before borrowing them.
pub(crate) unsafe trait Pod: Copy + 'static {}

// SAFETY: integers accept every bit pattern.
unsafe impl Pod for u8 {}
// SAFETY: as above.
unsafe impl Pod for u32 {}
// SAFETY: as above.
unsafe impl Pod for u64 {}
// SAFETY: only borrowed after `Backing::check_bools` found every byte 0 or 1.
unsafe impl Pod for bool {}

/// 16 aligned bytes: the unit of an owned backing, so that its sections can be aligned like
/// a mapped file's (whose start is page-aligned).
#[derive(Clone, Copy)]
#[repr(C, align(16))]
pub(crate) struct Block([u8; 16]);

/// The bytes that stores borrow from.
pub(crate) enum Backing {
    /// A copy of the bytes (`Gazetteer.from_bytes`, pickling, a load without mmap).
    Heap { blocks: Vec<Block>, len: usize },
    /// A mapped file.
    Map(memmap2::Mmap),
}

impl Backing {
    /// An aligned copy of `bytes`.
    pub(crate) fn copy(bytes: &[u8]) -> Backing {
        let mut blocks = vec![Block([0; 16]); bytes.len().div_ceil(16)];
        // SAFETY: `blocks` is `len.div_ceil(16) * 16 >= bytes.len()` initialized bytes;
        // `Block` is 16 `u8`s with no padding.
        let dst = unsafe {
            std::slice::from_raw_parts_mut(blocks.as_mut_ptr().cast::<u8>(), blocks.len() * 16)
        };
        dst[..bytes.len()].copy_from_slice(bytes);
        Backing::Heap {
            blocks,
            len: bytes.len(),
        }
    }

    /// The bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        match self {
            // SAFETY: as in `copy`: `len` of the blocks' initialized bytes.
            Backing::Heap { blocks, len } => unsafe {
                std::slice::from_raw_parts(blocks.as_ptr().cast::<u8>(), *len)
            },
            Backing::Map(map) => map,
        }
    }

    /// Whether the bytes are a mapped file.
    #[cfg(test)]
    pub(crate) fn is_mapped(&self) -> bool {
        matches!(self, Backing::Map(_))
    }
}

/// An array of `T`, owned or borrowed from a [`Backing`]; reads as `&[T]`.
pub(crate) enum Store<T: Pod> {
    Owned(Vec<T>),
    Shared {
        backing: Arc<Backing>,
        /// Byte offset of the first element.
        offset: usize,
        len: usize,
    },
}

impl<T: Pod> Store<T> {
    /// `len` elements at byte `offset` of `backing`, if they are inside it and aligned.
    ///
    /// # Errors
    /// A section past the end or misaligned (corrupt data).
    pub(crate) fn borrow(backing: &Arc<Backing>, offset: usize, len: usize) -> Result<Self> {
        let bytes = backing.bytes();
        let size = len
            .checked_mul(std::mem::size_of::<T>())
            .and_then(|n| n.checked_add(offset))
            .filter(|&end| end <= bytes.len());
        if size.is_none() {
            return Err(Error::format(
                "corrupt gazetteer data: section past the end",
            ));
        }
        if (bytes.as_ptr() as usize + offset) % std::mem::align_of::<T>() != 0 {
            return Err(Error::format("corrupt gazetteer data: misaligned section"));
        }
        Ok(Store::Shared {
            backing: backing.clone(),
            offset,
            len,
        })
    }

    /// The owned array, copied out of the backing first if borrowed (a change to a loaded
    /// gazetteer).
    pub(crate) fn to_mut(&mut self) -> &mut Vec<T> {
        if let Store::Shared { .. } = self {
            *self = Store::Owned(self.to_vec());
        }
        match self {
            Store::Owned(v) => v,
            Store::Shared { .. } => unreachable!("made owned just above"),
        }
    }

    /// Whether the array is borrowed from a mapped file.
    #[cfg(test)]
    pub(crate) fn is_mapped(&self) -> bool {
        matches!(self, Store::Shared { backing, .. } if backing.is_mapped())
    }
}

impl<T: Pod> Deref for Store<T> {
    type Target = [T];

    #[inline]
    fn deref(&self) -> &[T] {
        match self {
            Store::Owned(v) => v,
            // SAFETY: `borrow` checked that the `len` elements at `offset` lie inside the
            // backing and are aligned for `T`; `T: Pod` takes any initialized bytes (bools were
            // checked); the backing is kept alive by the `Arc` and never written.
            Store::Shared {
                backing,
                offset,
                len,
            } => unsafe {
                std::slice::from_raw_parts(backing.bytes().as_ptr().add(*offset).cast::<T>(), *len)
            },
        }
    }
}

impl<T: Pod> Clone for Store<T> {
    fn clone(&self) -> Self {
        match self {
            Store::Owned(v) => Store::Owned(v.clone()),
            Store::Shared {
                backing,
                offset,
                len,
            } => Store::Shared {
                backing: backing.clone(),
                offset: *offset,
                len: *len,
            },
        }
    }
}

impl<T: Pod> Default for Store<T> {
    fn default() -> Self {
        Store::Owned(Vec::new())
    }
}

impl<T: Pod> From<Vec<T>> for Store<T> {
    fn from(v: Vec<T>) -> Self {
        Store::Owned(v)
    }
}

impl<T: Pod> std::fmt::Debug for Store<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self {
            Store::Owned(_) => "owned",
            Store::Shared { .. } => "shared",
        };
        write!(f, "Store({kind}, {} items)", self.len())
    }
}

/// What identifies a file's contents cheaply: its size, modification time and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl Stamp {
    fn of(file: &File) -> std::io::Result<Stamp> {
        let meta = file.metadata()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Ok(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        })
    }
}

/// A mapped gazetteer file: its open handle and what it looked like when it was mapped.
#[derive(Debug)]
pub(crate) struct MappedFile {
    path: PathBuf,
    file: File,
    stamp: Stamp,
}

impl MappedFile {
    /// Map the file at `path`.
    ///
    /// # Errors
    /// The file cannot be opened or mapped.
    pub(crate) fn open(path: &Path) -> Result<(MappedFile, Arc<Backing>)> {
        let io = |e: std::io::Error| Error::io(format!("cannot map gazetteer {path:?}: {e}"));
        let file = File::open(path).map_err(io)?;
        let stamp = Stamp::of(&file).map_err(io)?;
        // SAFETY: the map is only read. Another process may still change the file under it;
        // `check` (run before every call of the bindings) turns a change into an error, and
        // `save` never writes in place (it renames a new file over the old one). What remains
        // (a truncation racing a running call) is documented in the README.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(io)?;
        let mapped = MappedFile {
            path: path.to_path_buf(),
            file,
            stamp,
        };
        Ok((mapped, Arc::new(Backing::Map(map))))
    }

    /// The path the file was mapped from.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file is still as it was when mapped.
    ///
    /// # Errors
    /// Its size, modification time or inode changed (or it cannot be examined any more).
    pub(crate) fn check(&self) -> Result<()> {
        match Stamp::of(&self.file) {
            Ok(now) if now == self.stamp => Ok(()),
            _ => Err(Error::io(format!(
                "gazetteer file {:?} changed since it was mapped; load it again",
                self.path
            ))),
        }
    }
}
