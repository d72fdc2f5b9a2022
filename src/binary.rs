//! The frame of barq's binary files (compiled gazetteers, lexicons): a magic, a format version,
//! the payload's length and checksum, then the payload.

use std::hash::Hasher;

use crate::error::{Error, Result};
use crate::gazetteer::FastHasher;

/// Bytes before the payload: magic (8), version (4), length (8), checksum (8).
pub(crate) const HEADER: usize = 8 + 4 + 8 + 8;

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = FastHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(b)
}

/// `payload` framed with `magic` and `version`.
pub(crate) fn frame(magic: &[u8; 8], version: u32, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(magic);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&checksum(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// The version and payload of framed `bytes` (`what` names the kind of file in errors).
///
/// # Errors
/// Another magic, a version other than `versions`, a truncated payload, a bad checksum.
pub(crate) fn unframe<'a>(
    bytes: &'a [u8],
    magic: &[u8; 8],
    versions: &[u32],
    what: &str,
) -> Result<(u32, &'a [u8])> {
    if bytes.len() < HEADER || &bytes[..8] != magic {
        return Err(Error::format(format!(
            "not a barq {what} (the data does not start with the barq {what} header)"
        )));
    }
    let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
    let newest = versions.iter().max().copied().unwrap_or(0);
    if !versions.contains(&version) {
        return Err(Error::format(format!(
            "barq {what} format version {version} is not supported; this barq reads version {newest}"
        )));
    }
    let len = u64_at(bytes, 12);
    let payload = &bytes[HEADER..];
    if payload.len() as u64 != len {
        return Err(Error::format(format!(
            "truncated barq {what}: {} of {len} payload bytes",
            payload.len()
        )));
    }
    if checksum(payload) != u64_at(bytes, 20) {
        return Err(Error::format(format!(
            "corrupt {what} data: checksum mismatch"
        )));
    }
    Ok((version, payload))
}

/// The checksum of a payload, for tests that forge framed data.
#[cfg(test)]
pub(crate) fn checksum_of(payload: &[u8]) -> u64 {
    checksum(payload)
}
