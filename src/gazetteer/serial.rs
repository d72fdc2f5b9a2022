//! The compiled, versioned and checksummed binary form of a gazetteer (`save`/`load`/pickle).
//!
//! Layout: the magic `BARQGAZ\0`, the format version (u32), the payload length (u64) and a
//! checksum of the payload (u64), then the payload: settings, the word list, the trie and the
//! entries, then (from version 2) the switched-off entries and the lexicon of the variant gate.
//! Loading rebuilds only the hash maps; nothing is normalized again. Version 1 files (no
//! switched-off entries, no lexicon) still load.

use super::table::{EdgeTable, HAS_CHILDREN, MAX_NODES, MAX_WORD_BYTES, NODE_MASK, NONE, TERMINAL};
use super::{profile_from_json, profile_json, Config, Entry, Gazetteer, ENTRY, SINGLE};
use crate::binary::{frame, unframe};
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::normalize::Normalizer;
use std::sync::Arc;

const MAGIC: &[u8; 8] = b"BARQGAZ\0";
const VERSION: u32 = 2;
struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        self.u32(n as u32);
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.buf.extend_from_slice(s.as_bytes());
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
            None => self.u8(0),
        }
    }
    fn u32s(&mut self, values: &[u32]) {
        self.len(values.len());
        for &v in values {
            self.u32(v);
        }
    }
}

pub(super) fn write(g: &Gazetteer) -> Vec<u8> {
    let mut w = Writer { buf: Vec::new() };
    w.str(&profile_json(g.normalizer.profile()));
    let c = g.config;
    w.u8(u8::from(c.clitics) | u8::from(c.overlapping) << 1 | u8::from(c.case_sensitive) << 2);
    w.len(g.extra_stopwords.len());
    for s in &g.extra_stopwords {
        w.str(s);
    }
    // Node references are written without their flags (derived again on loading).
    let clean = |r: u32| if r == NONE { NONE } else { r & NODE_MASK };
    // Words are numbered 0, 1, 2, … in the file (in memory, a word id is its offset).
    let ids: Vec<u32> = g.words.iter().map(|(id, _)| id).collect();
    let index = |id: u32| ids.binary_search(&id).unwrap_or(0) as u32;
    w.len(ids.len());
    for (_, word) in g.words.iter() {
        w.str(word);
    }
    let mut roots = vec![NONE; ids.len()];
    for (id, root) in g.table.roots() {
        roots[index(id) as usize] = clean(root);
    }
    w.u32s(&roots);
    w.len(g.edges.len());
    for (node, word, child) in g.edges.iter() {
        w.u64((u64::from(node) << 32) | u64::from(index(word)));
        w.u32(clean(child));
    }
    // Terminals with a single plain entry are written as one-entry lists, after the others.
    let is_single = |t: u32| t != NONE && t & SINGLE != 0;
    let mut next = g.ends.len() as u32;
    let terminal: Vec<u32> = g
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
    for end in &g.ends {
        w.u32s(end);
    }
    for &t in g.terminal.iter().filter(|&&t| is_single(t)) {
        w.u32s(&[t & ENTRY]);
    }
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
    w.u32(g.max_units as u32);
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
    frame(MAGIC, VERSION, &w.buf)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

fn corrupt(what: &str) -> Error {
    Error::io(format!("corrupt gazetteer data: {what}"))
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
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
    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Result<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    fn len(&mut self) -> Result<usize> {
        let n = self.u32()? as usize;
        // Every element takes at least one byte: a length past the end is corrupt.
        if n > self.bytes.len() - self.pos {
            return Err(corrupt("length past the end"));
        }
        Ok(n)
    }
    fn str(&mut self) -> Result<&'a str> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| corrupt("invalid UTF-8"))
    }
    fn opt_str(&mut self) -> Result<Option<&'a str>> {
        match self.u8()? {
            0 => Ok(None),
            1 => Ok(Some(self.str()?)),
            _ => Err(corrupt("bad option tag")),
        }
    }
    fn u32s(&mut self) -> Result<Vec<u32>> {
        let n = self.len()?;
        (0..n).map(|_| self.u32()).collect()
    }
}

pub(super) fn read(bytes: &[u8]) -> Result<Gazetteer> {
    let (version, payload) = unframe(bytes, MAGIC, &[1, VERSION], "gazetteer")?;
    let mut r = Reader {
        bytes: payload,
        pos: 0,
    };
    let profile = profile_from_json(r.str()?)?;
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
    let n = r.len()?;
    let mut ids = Vec::with_capacity(n);
    for _ in 0..n {
        let word = r.str()?;
        if word.len() > MAX_WORD_BYTES || g.words.next_id() + word.len() + 2 >= (1 << 31) - 1 {
            return Err(corrupt("word too long or too many words"));
        }
        ids.push(g.words.push(word));
    }
    let mut roots = r.u32s()?;
    let n = r.len()?;
    let mut edges = Vec::with_capacity(n);
    for _ in 0..n {
        let key = r.u64()?;
        let child = r.u32()?;
        edges.push(((key >> 32) as u32, key as u32, child));
    }
    g.terminal = r.u32s()?;
    let n = r.len()?;
    g.ends = (0..n).map(|_| r.u32s()).collect::<Result<_>>()?;
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
    g.max_units = r.u32()? as usize;
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
    validate(&g, &roots, &edges)?;
    // The flags of every node reference: TERMINAL where a term ends, HAS_CHILDREN where an
    // edge leaves.
    let mut has_children = vec![false; g.terminal.len()];
    for &(node, _, _) in &edges {
        has_children[node as usize] = true;
    }
    let flags = |r: u32| {
        let node = r as usize;
        let mut out = r;
        if g.terminal[node] != NONE {
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
    g.edges = table;
    let roots: Vec<(u32, u32)> = ids.into_iter().zip(roots).collect();
    g.install_words(&roots)?;
    g.derive_flags();
    g.compact_terminals();
    Ok(g)
}

/// Every index points inside its table, so a corrupt file cannot make matching panic.
fn validate(g: &Gazetteer, roots: &[u32], edges: &[(u32, u32, u32)]) -> Result<()> {
    if g.terminal.len() > MAX_NODES {
        return Err(corrupt("too many trie nodes"));
    }
    let nodes = g.terminal.len() as u32;
    let words = g.word_count();
    if roots.len() != words || !roots.iter().all(|&n| n == NONE || n < nodes) {
        return Err(corrupt("bad root table"));
    }
    if !edges
        .iter()
        .all(|&(node, word, child)| node < nodes && (word as usize) < words && child < nodes)
    {
        return Err(corrupt("bad trie edge"));
    }
    let ends = g.ends.len() as u32;
    if !g.terminal.iter().all(|&t| t == NONE || t < ends) {
        return Err(corrupt("bad terminal"));
    }
    let entries = g.entries.len() as u32;
    if g.lights.len() != g.entries.len() || !g.ends.iter().flatten().all(|&e| e < entries) {
        return Err(corrupt("bad entry index"));
    }
    Ok(())
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
