//! The compiled, versioned and checksummed binary form of a gazetteer (`save`/`load`/pickle).
//!
//! Layout: the magic `BARQGAZ\0`, the format version (u32), the payload length (u64) and a
//! checksum of the payload (u64), then the payload: settings, the index (words, trie, entry
//! lists; see `Index::write`), the entries, the switched-off entries and the lexicon of the
//! variant gate. Loading rebuilds only the hash maps; nothing is normalized again.
//!
//! Versions: 1 had no switched-off entries, no lexicon and no entry flags beyond `exact`; 2 kept
//! the length of the longest term (never read); 3 drops it. All three load.

use super::index::Index;
use super::{Config, Entry, Gazetteer};
use crate::binary::{frame, unframe};
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::normalize::Normalizer;
use crate::normalize::Profile;
use std::sync::Arc;

const MAGIC: &[u8; 8] = b"BARQGAZ\0";
const VERSION: u32 = 3;

pub(crate) struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn len(&mut self, n: usize) {
        self.u32(n as u32);
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.len(s.len());
        self.buf.extend_from_slice(s.as_bytes());
    }
    pub(crate) fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
            None => self.u8(0),
        }
    }
    pub(crate) fn u32s(&mut self, values: &[u32]) {
        self.len(values.len());
        for &v in values {
            self.u32(v);
        }
    }
}

pub(super) fn write(g: &Gazetteer) -> Vec<u8> {
    frame(MAGIC, VERSION, &payload(g, false))
}

/// The payload; `longest_term` writes the field of version 2 (for the tests of old files).
fn payload(g: &Gazetteer, longest_term: bool) -> Vec<u8> {
    let mut w = Writer { buf: Vec::new() };
    w.str(&g.normalizer.profile().to_json());
    let c = g.config;
    w.u8(u8::from(c.clitics) | u8::from(c.overlapping) << 1 | u8::from(c.case_sensitive) << 2);
    w.len(g.extra_stopwords.len());
    for s in &g.extra_stopwords {
        w.str(s);
    }
    g.index.write(&mut w);
    w.len(g.entries.len());
    for ((entry, lights), &fold_free) in g.entries.iter().zip(&g.lights).zip(&g.fold_free) {
        w.str(&entry.term);
        w.opt_str(entry.label.as_deref());
        w.str(&entry.id);
        w.opt_str(entry.meta.as_deref());
        w.u8(u8::from(entry.exact) | u8::from(entry.ignore) << 1 | u8::from(fold_free) << 2);
        w.len(lights.len());
        for light in lights.iter() {
            w.str(light);
        }
    }
    if longest_term {
        w.u32(g.lights.iter().map(|l| l.len()).max().unwrap_or(0) as u32);
    }
    let disabled: Vec<u32> = (0..g.len() as u32).filter(|&e| g.is_disabled(e)).collect();
    w.u32s(&disabled);
    match &g.lexicon {
        Some(lex) => {
            w.u8(1);
            let bytes = lex.to_bytes();
            w.len(bytes.len());
            w.buf.extend_from_slice(&bytes);
        }
        None => w.u8(0),
    }
    w.buf
}

pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

pub(crate) fn corrupt(what: &str) -> Error {
    Error::format(format!("corrupt gazetteer data: {what}"))
}

impl<'a> Reader<'a> {
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| corrupt("unexpected end"))?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }
    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    pub(crate) fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub(crate) fn u64(&mut self) -> Result<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    pub(crate) fn len(&mut self) -> Result<usize> {
        let n = self.u32()? as usize;
        // Every element takes at least one byte: a length past the end is corrupt.
        if n > self.bytes.len() - self.pos {
            return Err(corrupt("length past the end"));
        }
        Ok(n)
    }
    pub(crate) fn str(&mut self) -> Result<&'a str> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| corrupt("invalid UTF-8"))
    }
    pub(crate) fn opt_str(&mut self) -> Result<Option<&'a str>> {
        match self.u8()? {
            0 => Ok(None),
            1 => Ok(Some(self.str()?)),
            _ => Err(corrupt("bad option tag")),
        }
    }
    pub(crate) fn u32s(&mut self) -> Result<Vec<u32>> {
        let n = self.len()?;
        (0..n).map(|_| self.u32()).collect()
    }
}

pub(super) fn read(bytes: &[u8]) -> Result<Gazetteer> {
    let (version, payload) = unframe(bytes, MAGIC, &[1, 2, VERSION], "gazetteer")?;
    let mut r = Reader {
        bytes: payload,
        pos: 0,
    };
    let profile = Profile::from_json(r.str()?)
        .map_err(|e| corrupt(&format!("bad normalizer profile: {}", e.message())))?;
    let flags = r.u8()?;
    let config = Config {
        clitics: flags & 1 != 0,
        overlapping: flags & 2 != 0,
        case_sensitive: flags & 4 != 0,
    };
    let n = r.len()?;
    let extra: Vec<String> = (0..n)
        .map(|_| r.str().map(str::to_string))
        .collect::<Result<_>>()?;
    let mut g = Gazetteer::with_stopwords(Some(Normalizer::from_profile(profile)), config, extra);
    let folded_common_words = &g.folded_common_words;
    let index = Index::read(&mut r, &|w: &str| folded_common_words.contains_key(w))?;
    g.index = index;
    let n = r.len()?;
    g.entries.reserve(n);
    g.lights.reserve(n);
    for _ in 0..n {
        let term = r.str()?.to_string();
        let label = r.opt_str()?.map(str::to_string);
        let id = r.str()?.to_string();
        let meta = r.opt_str()?.map(str::to_string);
        let flags = r.u8()?;
        if flags > 7 || (version == 1 && flags > 1) {
            return Err(corrupt("bad entry flags"));
        }
        g.fold_free.push(flags & 4 != 0);
        g.entries.push(Entry {
            term,
            label,
            id,
            meta,
            exact: flags & 1 != 0,
            ignore: flags & 2 != 0,
        });
        let k = r.len()?;
        let lights: Vec<Box<str>> = (0..k)
            .map(|_| r.str().map(Box::from))
            .collect::<Result<_>>()?;
        g.lights.push(lights.into_boxed_slice());
    }
    if version < 3 {
        r.u32()?; // the length of the longest term
    }
    g.disabled = vec![false; g.entries.len()];
    if version == 1 {
        g.derive_fold_free();
    }
    if version >= 2 {
        for e in r.u32s()? {
            *g.disabled
                .get_mut(e as usize)
                .ok_or_else(|| corrupt("bad disabled entry"))? = true;
        }
        if r.u8()? == 1 {
            let n = r.len()?;
            let lex = Lexicon::from_bytes(r.take(n)?)
                .map_err(|e| corrupt(&format!("bad lexicon: {}", e.message())))?;
            g.lexicon = Some(Arc::new(lex));
        }
    }
    if r.pos != r.bytes.len() {
        return Err(corrupt("trailing bytes"));
    }
    g.index.check_entries(g.entries.len())?;
    if g.lights.len() != g.entries.len() {
        return Err(corrupt("bad entry index"));
    }
    g.derive_flags();
    g.compact_terminals();
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(term: &str) -> Entry {
        Entry {
            term: term.to_string(),
            label: None,
            id: term.to_string(),
            meta: None,
            exact: false,
            ignore: false,
        }
    }

    #[test]
    fn version_2_files_still_load() {
        let mut g = Gazetteer::new(None, Config::default());
        g.add(entry("دمشق")).unwrap();
        g.add(entry("الأمم المتحدة")).unwrap();
        g.add(entry("حلب")).unwrap();
        g.set_disabled(&[2], true).unwrap();
        let old = frame(MAGIC, 2, &payload(&g, true));
        let loaded = Gazetteer::from_bytes(&old).unwrap();
        let text = "في دمشق وحلب قالت الأمم المتحدة";
        assert_eq!(loaded.find(text), g.find(text));
        assert_eq!(loaded.find(text).len(), 2);
        assert!(loaded.is_disabled(2));
        // and it is written again in the current version, without the old field
        assert_eq!(loaded.to_bytes(), g.to_bytes());
        assert!(g.to_bytes().len() < old.len());
    }

    #[test]
    fn files_whose_profile_predates_elongation_still_load() {
        let mut g = Gazetteer::new(None, Config::default());
        g.add(entry("سوريا")).unwrap();
        let payload = payload(&g, false);
        // The profile is the payload's first string: write it as builds before `elongation` did.
        let json = g.normalizer.profile().to_json();
        assert!(json.contains(",\"elongation\":false"), "{json}");
        let old_json = json.replace(",\"elongation\":false", "");
        let mut old = Writer { buf: Vec::new() };
        old.str(&old_json);
        old.buf.extend_from_slice(&payload[4 + json.len()..]);
        let loaded = Gazetteer::from_bytes(&frame(MAGIC, VERSION, &old.buf)).unwrap();
        assert_eq!(loaded.normalizer, g.normalizer);
        assert_eq!(loaded.find("زرت سوريا"), g.find("زرت سوريا"));
        assert_eq!(loaded.to_bytes(), g.to_bytes());
    }

    #[test]
    fn a_repeated_word_is_corrupt_data_not_a_hang() {
        let mut g = Gazetteer::new(None, Config::default());
        g.add(entry("قطر")).unwrap();
        g.add(entry("مصر")).unwrap();
        let mut bytes = g.to_bytes();
        // Write the second word as the first (same length), with a valid checksum.
        let (first, second) = ("قطر".as_bytes(), "مصر".as_bytes());
        let at = bytes
            .windows(second.len())
            .position(|w| w == second)
            .unwrap();
        bytes[at..at + second.len()].copy_from_slice(first);
        let sum = crate::binary::checksum_of(&bytes[crate::binary::HEADER..]);
        bytes[20..28].copy_from_slice(&sum.to_le_bytes());
        let err = Gazetteer::from_bytes(&bytes).unwrap_err();
        assert!(err.to_string().contains("twice"), "{err}");
    }
}
