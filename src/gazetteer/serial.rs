//! The compiled, versioned and checksummed binary form of a gazetteer (`save`/`load`/pickle).
//!
//! Layout: the magic `BARQGAZ\0`, the format version (u32), the payload length (u64) and a
//! checksum of the payload (u64), then the payload: settings, the index (words, trie, entry
//! lists; see `Index::write`), the entries, the switched-off entries and the lexicon of the
//! variant gate. Loading rebuilds only the hash maps; nothing is normalized again.
//!
//! Versions: 1 had no switched-off entries, no lexicon and no entry flags beyond `exact`; 2 kept
//! the length of the longest term (never read); 3 drops it. All three load.
//!
//! Version 4 (written now) stores every large array as it is in memory, little-endian, each in
//! a section aligned to 16 bytes of the file: the word table, words, edge table, terminals and
//! flat entry lists (`Index::write_v4`), the entries' strings (`Entries::write_v4`), the light
//! units (`Lights::write_v4`) and the per-entry flags. Reading borrows the sections in place,
//! from a mapped file ([`map`]) or from one aligned copy of the bytes ([`read`]), after checking
//! the checksum and every reference; nothing is rebuilt. The flags that derive from the
//! built-in common words are stored too, with a fingerprint of that list: a file written by a
//! barq with another list has them derived again (in process memory).

use super::entries::Entries;
use super::index::Index;
use super::lights::Lights;
use super::rules::common_words::COMMON_WORDS;
use super::store::{Backing, MappedFile, Store};
use super::{Config, Entry, Gazetteer};
use crate::binary::{frame, unframe, HEADER};
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::normalize::Normalizer;
use crate::normalize::Profile;
use std::path::Path;
use std::sync::Arc;

const MAGIC: &[u8; 8] = b"BARQGAZ\0";
const VERSION: u32 = 4;
/// Sections start at multiples of this many bytes of the file.
const ALIGN: usize = 16;

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
    #[cfg(test)]
    pub(crate) fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
            None => self.u8(0),
        }
    }
    #[cfg(test)]
    pub(crate) fn u32s(&mut self, values: &[u32]) {
        self.len(values.len());
        for &v in values {
            self.u32(v);
        }
    }
    /// Start a section of `count` elements: the count, then zeros up to the next aligned
    /// offset of the file. The caller writes the elements.
    pub(crate) fn section(&mut self, count: usize) {
        self.u64(count as u64);
        while (HEADER + self.buf.len()) % ALIGN != 0 {
            self.buf.push(0);
        }
    }
    pub(crate) fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }
}

/// The fingerprint of the built-in common words, which the stored word and entry flags derive
/// from.
fn common_words_fingerprint() -> u64 {
    let joined = COMMON_WORDS.join("\n");
    super::table::word_hash(joined.as_bytes(), 0)
}

pub(super) fn write(g: &Gazetteer) -> Vec<u8> {
    let mut w = Writer { buf: Vec::new() };
    settings(g, &mut w);
    w.u64(common_words_fingerprint());
    g.index.write_v4(&mut w);
    w.u64(g.len() as u64);
    g.entries.write_v4(&mut w);
    g.lights.write_v4(&mut w);
    for flags in [&g.written_only, &g.disabled, &g.fold_free, &g.ignored] {
        w.section(flags.len());
        for &f in flags.iter() {
            w.u8(u8::from(f));
        }
    }
    lexicon(g, &mut w);
    frame(MAGIC, VERSION, &w.buf)
}

/// The normalizer profile, the switches and the extra common words.
fn settings(g: &Gazetteer, w: &mut Writer) {
    w.str(&g.normalizer.profile().to_json());
    let c = g.config;
    w.u8(u8::from(c.clitics) | u8::from(c.overlapping) << 1 | u8::from(c.case_sensitive) << 2);
    w.len(g.extra_stopwords.len());
    for s in &g.extra_stopwords {
        w.str(s);
    }
}

fn lexicon(g: &Gazetteer, w: &mut Writer) {
    match &g.lexicon {
        Some(lex) => {
            w.u8(1);
            let bytes = lex.to_bytes();
            w.len(bytes.len());
            w.buf.extend_from_slice(&bytes);
        }
        None => w.u8(0),
    }
}

/// The payload of version 3; `longest_term` writes the field of version 2 (for the tests of
/// old files).
#[cfg(test)]
fn payload(g: &Gazetteer, longest_term: bool) -> Vec<u8> {
    let mut w = Writer { buf: Vec::new() };
    settings(g, &mut w);
    g.index.write(&mut w);
    w.len(g.entries.len());
    for (e, (entry, &fold_free)) in g.entries.iter().zip(g.fold_free.iter()).enumerate() {
        w.str(&entry.term);
        w.opt_str(entry.label.as_deref());
        w.str(&entry.id);
        w.opt_str(entry.meta.as_deref());
        w.u8(u8::from(entry.exact) | u8::from(entry.ignore) << 1 | u8::from(fold_free) << 2);
        let lights = g.lights.get(e);
        w.len(lights.len());
        for light in lights.iter() {
            w.str(light);
        }
    }
    if longest_term {
        let longest = (0..g.len()).map(|e| g.lights.get(e).len()).max();
        w.u32(longest.unwrap_or(0) as u32);
    }
    let disabled: Vec<u32> = (0..g.len() as u32).filter(|&e| g.is_disabled(e)).collect();
    w.u32s(&disabled);
    lexicon(g, &mut w);
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
    /// A count of version 4 (checked where it is used).
    pub(crate) fn count(&mut self) -> Result<usize> {
        usize::try_from(self.u64()?).map_err(|_| corrupt("count too large"))
    }
    /// The file offset and element count of a section (see [`Writer::section`]), skipped over.
    fn section_at(&mut self, size: usize) -> Result<(usize, usize)> {
        let n = self.count()?;
        while (HEADER + self.pos) % ALIGN != 0 {
            self.take(1)?;
        }
        let at = HEADER + self.pos;
        let bytes = n
            .checked_mul(size)
            .ok_or_else(|| corrupt("section too large"))?;
        self.take(bytes)?;
        Ok((at, n))
    }
    /// A section of `T`s, borrowed in place from `backing` (whose payload this reader reads).
    pub(crate) fn section<T: super::store::Pod>(
        &mut self,
        backing: &Arc<Backing>,
    ) -> Result<Store<T>> {
        let (at, n) = self.section_at(std::mem::size_of::<T>())?;
        Store::borrow(backing, at, n)
    }
    /// A section of `n` flags, each byte checked to be 0 or 1 before it is borrowed as `bool`.
    fn bools(&mut self, backing: &Arc<Backing>, n: usize) -> Result<Store<bool>> {
        let (at, len) = self.section_at(1)?;
        let bytes: Store<u8> = Store::borrow(backing, at, len)?;
        if len != n || bytes.iter().any(|&b| b > 1) {
            return Err(corrupt("bad entry flags"));
        }
        Store::borrow(backing, at, len)
    }
}

/// The settings at the start of every version's payload, and an empty gazetteer with them.
fn read_settings(r: &mut Reader<'_>) -> Result<Gazetteer> {
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
    Ok(Gazetteer::with_stopwords(
        Some(Normalizer::from_profile(profile)),
        config,
        extra,
    ))
}

fn read_lexicon(r: &mut Reader<'_>, g: &mut Gazetteer) -> Result<()> {
    if r.u8()? == 1 {
        let n = r.len()?;
        let lex = Lexicon::from_bytes(r.take(n)?)
            .map_err(|e| corrupt(&format!("bad lexicon: {}", e.message())))?;
        g.lexicon = Some(Arc::new(lex));
    }
    Ok(())
}

const VERSIONS: [u32; 4] = [1, 2, 3, VERSION];

pub(super) fn read(bytes: &[u8]) -> Result<Gazetteer> {
    let (version, _) = unframe(bytes, MAGIC, &VERSIONS, "gazetteer")?;
    if version == VERSION {
        return read_v4(&Arc::new(Backing::copy(bytes)));
    }
    read_old(bytes)
}

/// Map the gazetteer file at `path` and read it in place.
pub(super) fn map(path: &Path) -> Result<Gazetteer> {
    let (file, backing) = MappedFile::open(path)?;
    let context = |e: Error| e.context(format!("gazetteer file {path:?}"));
    let (version, _) = unframe(backing.bytes(), MAGIC, &VERSIONS, "gazetteer").map_err(context)?;
    if version != VERSION {
        return Err(Error::format(format!(
            "gazetteer file {path:?} is in format version {version}, which cannot be mapped; \
             load it without mmap and save it again (format version {VERSION})"
        )));
    }
    let mut g = read_v4(&backing).map_err(context)?;
    g.source = Some(Arc::new(file));
    Ok(g)
}

/// Read a file of format version 4 in place from `backing` (checked by `unframe` already).
fn read_v4(backing: &Arc<Backing>) -> Result<Gazetteer> {
    if cfg!(target_endian = "big") {
        return Err(Error::format(
            "gazetteer format version 4 is read in place and needs a little-endian machine",
        ));
    }
    let mut r = Reader {
        bytes: &backing.bytes()[HEADER..],
        pos: 0,
    };
    let mut g = read_settings(&mut r)?;
    let fingerprint = r.u64()?;
    g.index = Index::read_v4(&mut r, backing)?;
    let n = r.count()?;
    g.entries = Entries::read_v4(&mut r, backing, n)?;
    g.lights = Lights::read_v4(&mut r, backing, n)?;
    g.written_only = r.bools(backing, n)?;
    g.disabled = r.bools(backing, n)?;
    g.fold_free = r.bools(backing, n)?;
    g.ignored = r.bools(backing, n)?;
    read_lexicon(&mut r, &mut g)?;
    if r.pos != r.bytes.len() {
        return Err(corrupt("trailing bytes"));
    }
    g.index.check_entries(n)?;
    if fingerprint != common_words_fingerprint() {
        // Written by a barq with other built-in common words: derive their flags again.
        g.derive_flags();
        g.refresh_terminals();
    }
    Ok(g)
}

/// Read a file of format versions 1 to 3, rebuilding the tables.
fn read_old(bytes: &[u8]) -> Result<Gazetteer> {
    let (version, payload) = unframe(bytes, MAGIC, &VERSIONS, "gazetteer")?;
    let mut r = Reader {
        bytes: payload,
        pos: 0,
    };
    let mut g = read_settings(&mut r)?;
    let folded_common_words = &g.folded_common_words;
    let index = Index::read(&mut r, &|w: &str| folded_common_words.contains_key(w))?;
    g.index = index;
    let n = r.len()?;
    g.entries.reserve(n);
    let mut fold_free = Vec::with_capacity(n);
    for _ in 0..n {
        let term = r.str()?.to_string();
        let label = r.opt_str()?.map(str::to_string);
        let id = r.str()?.to_string();
        let meta = r.opt_str()?.map(str::to_string);
        let flags = r.u8()?;
        if flags > 7 || (version == 1 && flags > 1) {
            return Err(corrupt("bad entry flags"));
        }
        fold_free.push(flags & 4 != 0);
        g.entries.push(Entry {
            term,
            label,
            id,
            meta,
            exact: flags & 1 != 0,
            ignore: flags & 2 != 0,
        });
        let k = r.len()?;
        let lights: Vec<&str> = (0..k).map(|_| r.str()).collect::<Result<_>>()?;
        if !g
            .lights
            .has_room(lights.len(), lights.iter().map(|l| l.len()).sum())
        {
            return Err(corrupt("too many light units"));
        }
        g.lights.push(&lights);
    }
    g.fold_free = fold_free.into();
    if version < 3 {
        r.u32()?; // the length of the longest term
    }
    let mut disabled = vec![false; g.entries.len()];
    if version == 1 {
        g.derive_fold_free();
    }
    if version >= 2 {
        for e in r.u32s()? {
            *disabled
                .get_mut(e as usize)
                .ok_or_else(|| corrupt("bad disabled entry"))? = true;
        }
        read_lexicon(&mut r, &mut g)?;
    }
    g.disabled = disabled.into();
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
        // and it is written again in the current version
        assert_eq!(loaded.to_bytes(), g.to_bytes());
        assert!(frame(MAGIC, 3, &payload(&g, false)).len() < old.len());
    }

    /// A gazetteer with a bit of everything the format stores.
    fn varied() -> Gazetteer {
        let mut g = Gazetteer::with_stopwords(None, Config::default(), vec!["قرية".into()]);
        g.add(entry("دمشق")).unwrap();
        g.add(Entry {
            label: Some("ORG".into()),
            meta: Some("{\"n\":1}".into()),
            ..entry("الأمم المتحدة")
        })
        .unwrap();
        g.add(Entry {
            id: "un".into(),
            ..entry("الامم المتحدة")
        })
        .unwrap();
        g.add(Entry {
            exact: true,
            ..entry("عمان")
        })
        .unwrap();
        g.add(Entry {
            ignore: true,
            ..entry("الرباط الصليبي")
        })
        .unwrap();
        g.add(entry("الرباط")).unwrap();
        g.add(entry("حلب")).unwrap();
        g.add(entry("قرية")).unwrap();
        g.set_disabled(&[6], true).unwrap();
        g
    }

    const TEXTS: [&str; 3] = [
        "في دمشق وحلب قالت الأمم المتحدة والامم المتحدة",
        "زار عمان وعمّان ثم الرباط وأصيب بالرباط الصليبي",
        "قرية صغيرة قرب دمشق",
    ];

    #[test]
    fn version_3_files_still_load() {
        let g = varied();
        let old = frame(MAGIC, 3, &payload(&g, false));
        let loaded = Gazetteer::from_bytes(&old).unwrap();
        for text in TEXTS {
            assert_eq!(loaded.find(text), g.find(text), "{text}");
        }
        assert!(loaded == g);
        assert_eq!(loaded.to_bytes(), g.to_bytes());
        assert!(!g.find(TEXTS[0]).is_empty());
    }

    fn temp_path(name: &str) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("barq-{}-{name}.gaz", std::process::id()))
    }

    #[test]
    fn a_mapped_file_matches_like_the_built_gazetteer_and_changes_copy_it() {
        let g = varied();
        let path = temp_path("mapped");
        std::fs::write(&path, g.to_bytes()).unwrap();
        let mapped = Gazetteer::map(&path).unwrap();
        assert!(mapped.index_is_mapped());
        assert_eq!(mapped.mapped_path(), Some(path.as_path()));
        for text in TEXTS {
            assert_eq!(mapped.find(text), g.find(text), "{text}");
        }
        assert!(mapped == g);
        assert_eq!(mapped.to_bytes(), g.to_bytes());
        assert!(mapped.entry_shared(1).meta.as_deref() == Some("{\"n\":1}"));
        // A change copies what it touches; the map's file is left alone.
        let mut changed = mapped.clone();
        changed.add(entry("بيروت")).unwrap();
        changed.set_disabled(&[6], false).unwrap();
        let mut built = g.clone();
        built.add(entry("بيروت")).unwrap();
        built.set_disabled(&[6], false).unwrap();
        assert!(!changed.index_is_mapped());
        let text = "من بيروت إلى حلب ودمشق";
        assert_eq!(changed.find(text), built.find(text));
        assert_eq!(changed.find(text).len(), 3);
        assert_eq!(changed.to_bytes(), built.to_bytes());
        assert_eq!(mapped.find(text).len(), 1);
        assert_eq!(std::fs::read(&path).unwrap(), g.to_bytes());
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn old_versions_cannot_be_mapped_and_truncated_maps_are_errors() {
        let g = varied();
        let path = temp_path("old");
        std::fs::write(&path, frame(MAGIC, 3, &payload(&g, false))).unwrap();
        let err = Gazetteer::map(&path).unwrap_err();
        assert!(err.to_string().contains("version 3"), "{err}");
        let bytes = g.to_bytes();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        let err = Gazetteer::map(&path).unwrap_err();
        assert!(err.to_string().contains("truncated"), "{err}");
        std::fs::write(&path, b"").unwrap();
        assert!(Gazetteer::map(&path).is_err());
        std::fs::remove_file(&path).unwrap();
        assert_eq!(
            Gazetteer::map(&path).unwrap_err().kind(),
            crate::error::ErrorKind::Io
        );
    }

    #[test]
    fn a_file_changed_in_place_is_caught_and_one_renamed_over_is_not() {
        let g = varied();
        let path = temp_path("changed");
        std::fs::write(&path, g.to_bytes()).unwrap();
        let mapped = Gazetteer::map(&path).unwrap();
        mapped.check_file().unwrap();
        // Renamed over (as save() does): the map keeps the old file, which is unchanged.
        let mut other = varied();
        other.add(entry("بيروت")).unwrap();
        let fresh = temp_path("changed-new");
        std::fs::write(&fresh, other.to_bytes()).unwrap();
        std::fs::rename(&fresh, &path).unwrap();
        mapped.check_file().unwrap();
        assert_eq!(mapped.find(TEXTS[0]), g.find(TEXTS[0]));
        // Rewritten in place: caught.
        let remapped = Gazetteer::map(&path).unwrap();
        std::fs::write(&path, g.to_bytes()).unwrap();
        let err = remapped.check_file().unwrap_err();
        assert!(
            err.to_string().contains("changed since it was mapped"),
            "{err}"
        );
        std::fs::remove_file(&path).unwrap();
    }

    /// A tiny deterministic generator for the corruption test.
    fn next(state: &mut u64) -> u64 {
        *state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        *state >> 33
    }

    #[test]
    fn corrupt_version_4_data_is_an_error_or_harmless_never_a_panic() {
        let bytes = varied().to_bytes();
        let mut state = 7;
        let mut refused = 0;
        for _ in 0..3000 {
            let mut forged = bytes.clone();
            for _ in 0..1 + next(&mut state) % 3 {
                let at = crate::binary::HEADER
                    + (next(&mut state) as usize % (bytes.len() - crate::binary::HEADER));
                forged[at] ^= 1 + (next(&mut state) % 255) as u8;
            }
            let sum = crate::binary::checksum_of(&forged[crate::binary::HEADER..]);
            forged[20..28].copy_from_slice(&sum.to_le_bytes());
            match Gazetteer::from_bytes(&forged) {
                Err(_) => refused += 1,
                Ok(g) => {
                    for text in TEXTS {
                        for m in g.find(text) {
                            let _ = g.entry(m.entry);
                        }
                    }
                    let _ = g.entries().count();
                    let _ = g.to_bytes();
                }
            }
        }
        assert!(refused > 1000, "{refused}");
    }

    #[test]
    fn a_file_from_other_common_words_has_their_flags_derived_again() {
        let g = varied();
        let mut bytes = g.to_bytes();
        // The fingerprint follows the settings: profile, switches, one extra common word.
        let json = g.normalizer.profile().to_json();
        let at = crate::binary::HEADER + 4 + json.len() + 1 + 4 + 4 + "قرية".len();
        assert_eq!(bytes[at..at + 8], common_words_fingerprint().to_le_bytes());
        bytes[at] ^= 1;
        let sum = crate::binary::checksum_of(&bytes[crate::binary::HEADER..]);
        bytes[20..28].copy_from_slice(&sum.to_le_bytes());
        let loaded = Gazetteer::from_bytes(&bytes).unwrap();
        assert!(!loaded.index_is_mapped());
        for text in TEXTS {
            assert_eq!(loaded.find(text), g.find(text), "{text}");
        }
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
        let loaded = Gazetteer::from_bytes(&frame(MAGIC, 3, &old.buf)).unwrap();
        assert_eq!(loaded.normalizer, g.normalizer);
        assert_eq!(loaded.find("زرت سوريا"), g.find("زرت سوريا"));
        assert_eq!(loaded.to_bytes(), g.to_bytes());
    }

    #[test]
    fn a_repeated_word_is_corrupt_data_not_a_hang() {
        let mut g = Gazetteer::new(None, Config::default());
        g.add(entry("قطر")).unwrap();
        g.add(entry("مصر")).unwrap();
        let mut bytes = frame(MAGIC, 3, &payload(&g, false));
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
