//! What the fuzz targets share: texts built from Arabic pieces, normalizers from any option set.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use arbitrary::Arbitrary;

use _barq::normalize::{OPTION_NAMES, PRESET_NAMES};
use _barq::{Normalizer, Options};

/// Pieces of Arabic text and of what surrounds it in news and social posts: letters (with the
/// hamza, alef and look-alike variants the normalizer folds), marks, tatweel, controls, white
/// space of several kinds, quotes, punctuation, digits of three systems, presentation forms and
/// ligatures, emoji sequences, Latin, and the pieces of URLs, mentions and hashtags.
pub const ATOMS: &[&str] = &[
    "ا",
    "أ",
    "إ",
    "آ",
    "ٱ",
    "ب",
    "ت",
    "ث",
    "ج",
    "ح",
    "خ",
    "د",
    "ذ",
    "ر",
    "ز",
    "س",
    "ش",
    "ص",
    "ض",
    "ط",
    "ظ",
    "ع",
    "غ",
    "ف",
    "ق",
    "ك",
    "ل",
    "م",
    "ن",
    "ه",
    "و",
    "ي",
    "ة",
    "ى",
    "ء",
    "ؤ",
    "ئ",
    "ک",
    "ی",
    "ھ",
    "ے",
    "پ",
    "ڤ",
    "ں",
    "\u{064B}",
    "\u{064C}",
    "\u{064D}",
    "\u{064E}",
    "\u{064F}",
    "\u{0650}",
    "\u{0651}",
    "\u{0652}",
    "\u{0670}",
    "\u{0653}",
    "\u{06E1}",
    "\u{08F0}",
    "ـ",
    "ـــ",
    "\u{200C}",
    "\u{200D}",
    "\u{200E}",
    "\u{200F}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{00AD}",
    "\u{061C}",
    "\u{202B}",
    "\u{2067}",
    " ",
    "  ",
    "\u{00A0}",
    "\n",
    "\t",
    "\r\n",
    "\u{2009}",
    "\u{3000}",
    "\u{2028}",
    "\u{1C}",
    "«",
    "»",
    "“",
    "”",
    "„",
    "‘",
    "’",
    "\"",
    "'",
    "،",
    "؛",
    "؟",
    ".",
    "...",
    ",",
    "!",
    ":",
    "-",
    "(",
    ")",
    "/",
    "٪",
    "٫",
    "٬",
    "۔",
    "0",
    "7",
    "٠",
    "٣",
    "٩",
    "۵",
    "1,000.5",
    "٣٫٥",
    "2025",
    "ﻻ",
    "ﻷ",
    "ﷲ",
    "ﷺ",
    "\u{FDFD}",
    "ﺑ",
    "ﻫ",
    "ﺔ",
    "👍",
    "👍🏽",
    "👨\u{200D}👩\u{200D}👧",
    "🇸🇦",
    "1\u{FE0F}\u{20E3}",
    "❤\u{FE0F}",
    "A",
    "b",
    "É",
    "ẞ",
    "İ",
    "ooo",
    "https://",
    "www.",
    ".com",
    "@",
    "#",
    "_",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
    "ال",
    "لل",
    "وال",
    "بال",
    "فس",
    "سي",
    "يييي",
    "ااا",
    "مم",
    "يـيـي",
    "يَيَي",
    "ها",
    "هم",
    "كم",
    "نا",
];

/// One piece of a fuzzed text.
#[derive(Debug, Arbitrary)]
pub enum Piece {
    /// One of [`ATOMS`].
    Atom(u8),
    /// Any character.
    Char(char),
    /// A character of the Arabic blocks (U+0600–U+06FF, U+0750–U+077F, U+08A0–U+08FF) or of
    /// the presentation forms (U+FB50–U+FEFF).
    Arabic(u16),
}

/// The Arabic character a [`Piece::Arabic`] stands for.
fn arabic_char(n: u16) -> char {
    let n = u32::from(n);
    let cp = match n % 4 {
        0 => 0x0600 + (n / 4) % 0x100,
        1 => 0x0750 + (n / 4) % 0x30,
        2 => 0x08A0 + (n / 4) % 0x60,
        _ => 0xFB50 + (n / 4) % (0xFF00 - 0xFB50),
    };
    char::from_u32(cp).unwrap_or('\u{FFFD}')
}

impl Piece {
    /// Append the piece's text.
    pub fn push_to(&self, out: &mut String) {
        match *self {
            Piece::Atom(i) => out.push_str(ATOMS[usize::from(i) % ATOMS.len()]),
            Piece::Char(c) => out.push(c),
            Piece::Arabic(n) => out.push(arabic_char(n)),
        }
    }
}

/// The text of a list of pieces.
pub fn text_of(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        piece.push_to(&mut out);
    }
    out
}

/// A normalizer: a named preset, one of a pool of option sets, or (one selector in 64) any set
/// of the switches (one bit per option, in the order of [`OPTION_NAMES`]).
///
/// Compiling a new option set's table takes a tenth of a second in a fuzz build, a hundred
/// times what the rest of a run takes: the pool (each option alone, all but one, and 34 sets
/// drawn once from a fixed seed) keeps most runs on compiled tables, and the free sets still
/// reach every one of the 2^15.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub struct NormalizerChoice {
    selector: u8,
    bits: u16,
}

/// The size of the pool of [`NormalizerChoice::Pool`].
const POOL: usize = 64;

/// The option bits of pool entry `i`.
fn pool_bits(i: usize) -> u16 {
    let n = OPTION_NAMES.len();
    let all = (1u16 << n) - 1;
    if i < n {
        1 << i
    } else if i < 2 * n {
        all & !(1 << (i - n))
    } else {
        // xorshift from a fixed seed
        let mut x = 0x9E37_79B9u32.wrapping_mul(i as u32 + 1);
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        (x as u16) & all
    }
}

impl NormalizerChoice {
    /// The normalizer, from a cache: every preset and pool entry once made, and the last few
    /// hundred free option sets (the library itself keeps only the tables of live normalizers
    /// and a few recent ones).
    pub fn build(self) -> Normalizer {
        let selector = usize::from(self.selector);
        cached(match selector % 64 {
            0 => NormalizerKey::Options(self.bits & 0x7FFF),
            k if k <= 2 * PRESET_NAMES.len() => NormalizerKey::Preset(k % PRESET_NAMES.len()),
            _ => NormalizerKey::Options(pool_bits(usize::from(self.bits) % POOL)),
        })
    }
}

impl NormalizerChoice {
    /// [`NormalizerChoice::build`], with `lowercase` set to `lowercase` unless it is a
    /// camel_tools preset.
    pub fn build_with_lowercase(self, lowercase: bool) -> Normalizer {
        let n = self.build();
        match n.options() {
            Some(o) if o.lowercase != lowercase => {
                let bits = OPTION_NAMES
                    .iter()
                    .enumerate()
                    .filter(|(_, name)| match **name {
                        "lowercase" => lowercase,
                        name => o.get(name).unwrap_or(false),
                    })
                    .fold(0u16, |bits, (k, _)| bits | 1 << k);
                cached(NormalizerKey::Options(bits))
            }
            _ => n,
        }
    }
}

/// The normalizer of `key`, from the cache of [`NormalizerChoice::build`].
fn cached(key: NormalizerKey) -> Normalizer {
    const KEEP: usize = 256;
    static CACHE: OnceLock<Mutex<HashMap<NormalizerKey, Normalizer>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Mutex::default).lock().unwrap();
    if cache.len() >= KEEP + PRESET_NAMES.len() + POOL && !cache.contains_key(&key) {
        let pooled: Vec<u16> = (0..POOL).map(pool_bits).collect();
        cache.retain(|k, _| match k {
            NormalizerKey::Preset(_) => true,
            NormalizerKey::Options(bits) => pooled.contains(bits),
        });
    }
    cache.entry(key).or_insert_with(|| key.build()).clone()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum NormalizerKey {
    Preset(usize),
    Options(u16),
}

impl NormalizerKey {
    fn build(self) -> Normalizer {
        match self {
            NormalizerKey::Preset(i) => {
                Normalizer::preset(PRESET_NAMES[i]).expect("a preset of the list exists")
            }
            NormalizerKey::Options(bits) => {
                let mut options = Options::none();
                for (k, name) in OPTION_NAMES.iter().enumerate() {
                    options
                        .set(name, bits & (1 << k) != 0)
                        .expect("an option of the list exists");
                }
                Normalizer::new(options)
            }
        }
    }
}

/// The byte offset of code point `n` of `text` (its length at the end).
pub fn byte_of_char(text: &str, n: usize) -> usize {
    text.char_indices()
        .nth(n)
        .map_or(text.len(), |(byte, _)| byte)
}

/// Code points `start..end` of `text`.
pub fn chars(text: &str, start: usize, end: usize) -> &str {
    &text[byte_of_char(text, start)..byte_of_char(text, end)]
}

// ---------------------------------------------------------------------------------------------
// Small gazetteers

use _barq::gazetteer::{Config, Entry, Gazetteer};

/// The pieces gazetteer terms are made of: letters, marks, tatweel, quotes, controls, white
/// space and the proclitics a match may start after.
pub const TERM_ATOMS: &[&str] = &[
    "ا",
    "أ",
    "إ",
    "آ",
    "ب",
    "ت",
    "ج",
    "د",
    "ر",
    "س",
    "ش",
    "ع",
    "ق",
    "ك",
    "ل",
    "م",
    "ن",
    "ه",
    "و",
    "ي",
    "ة",
    "ى",
    "ؤ",
    "ئ",
    "ء",
    "ی",
    "ک",
    "\u{064E}",
    "\u{064F}",
    "\u{0650}",
    "\u{0651}",
    "\u{0652}",
    "\u{064B}",
    "\u{0670}",
    "ـ",
    "\u{200C}",
    "\u{200F}",
    " ",
    "  ",
    "\u{00A0}",
    "«",
    "»",
    "“",
    "”",
    "\"",
    "'",
    "-",
    ".",
    "،",
    "ال",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
    "لل",
    "وال",
    "بال",
    "فل",
    "وب",
    "دمشق",
    "حلب",
    "بيروت",
    "القدس",
    "الأمم",
    "المتحدة",
    "عمان",
    "مصر",
    "A",
    "b",
    "٣",
    "7",
    "ﻻ",
    "👍",
];

/// One piece of a term.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum TermPiece {
    Atom(u8),
    Arabic(u16),
}

/// One entry of a fuzzed gazetteer.
#[derive(Debug, Arbitrary)]
pub struct EntrySpec {
    pub term: Vec<TermPiece>,
    pub label: Option<u8>,
    pub id: Option<u8>,
    pub exact: bool,
    pub ignore: bool,
}

impl EntrySpec {
    pub fn term(&self) -> String {
        let mut out = String::new();
        for piece in &self.term {
            match *piece {
                TermPiece::Atom(i) => out.push_str(TERM_ATOMS[usize::from(i) % TERM_ATOMS.len()]),
                TermPiece::Arabic(n) => out.push(arabic_char(n)),
            }
        }
        out
    }
}

/// A small gazetteer: its settings and entries.
#[derive(Debug, Arbitrary)]
pub struct GazetteerSpec {
    /// `None`: the default (`search`) normalizer.
    pub normalizer: Option<NormalizerChoice>,
    pub clitics: bool,
    pub overlapping: bool,
    pub case_sensitive: bool,
    pub entries: Vec<EntrySpec>,
    /// Extra common words (by entry index: that entry's term).
    pub stopwords: Vec<u8>,
    /// Entries switched off (by index).
    pub disabled: Vec<u8>,
    /// Give the variant gate a lexicon counted from the texts.
    pub lexicon: bool,
}

const LABELS: [&str; 4] = ["GPE", "ORG", "PER", "LOC"];

impl GazetteerSpec {
    /// The terms, one per entry.
    pub fn terms(&self) -> Vec<String> {
        self.entries.iter().take(12).map(EntrySpec::term).collect()
    }

    /// Build the gazetteer; `texts` feed its lexicon when the spec asks for one.
    pub fn build(&self, texts: &[String]) -> Gazetteer {
        let terms = self.terms();
        let stopwords: Vec<String> = self
            .stopwords
            .iter()
            .take(3)
            .filter_map(|&i| terms.get(usize::from(i) % terms.len().max(1)).cloned())
            .collect();
        let config = Config {
            clitics: self.clitics,
            overlapping: self.overlapping,
            case_sensitive: self.case_sensitive,
        };
        // With `lowercase` as the gazetteer sets it (on unless case-sensitive), so that the
        // gazetteer's normalizer is one the cache keeps alive, not a table compiled per run.
        let normalizer = self
            .normalizer
            .map(|choice| choice.build_with_lowercase(!self.case_sensitive));
        let mut g = Gazetteer::with_stopwords(normalizer, config, stopwords);
        for (spec, term) in self.entries.iter().zip(&terms) {
            let mut entry = Entry::new(term.clone());
            entry.label = spec
                .label
                .map(|l| LABELS[usize::from(l) % LABELS.len()].to_string());
            if let Some(id) = spec.id {
                entry.id = format!("id{}", id % 8);
            }
            entry.exact = spec.exact;
            entry.ignore = spec.ignore;
            // An empty term, or one of marks only, is an error; never a panic.
            let _ = g.add(entry);
        }
        if !g.is_empty() {
            let disabled: Vec<u32> = self
                .disabled
                .iter()
                .take(4)
                .map(|&i| u32::from(i) % g.len() as u32)
                .collect();
            g.set_disabled(&disabled, true).unwrap();
        }
        assert!(g.set_disabled(&[g.len() as u32], true).is_err());
        if self.lexicon {
            let lexicon = _barq::Lexicon::from_texts(texts.iter().map(String::as_str), Some(1))
                .expect("one thread is a valid count");
            g.set_lexicon(Some(std::sync::Arc::new(lexicon)));
        }
        g
    }
}

/// One piece of a text to match: any text piece, or a term of the gazetteer as written
/// (optionally after a proclitic).
#[derive(Debug, Arbitrary)]
pub enum TextPiece {
    Piece(Piece),
    Term { index: u8, proclitic: Option<u8> },
}

/// The text of `pieces`, whose terms are `terms`.
pub fn text_with_terms(pieces: &[TextPiece], terms: &[String]) -> String {
    const PROCLITICS: [&str; 8] = ["و", "ف", "ب", "ل", "ك", "وب", "فل", "وَ"];
    let mut out = String::new();
    for piece in pieces {
        match piece {
            TextPiece::Piece(p) => p.push_to(&mut out),
            TextPiece::Term { index, proclitic } => {
                if let Some(term) = terms.get(usize::from(*index) % terms.len().max(1)) {
                    if let Some(p) = proclitic {
                        out.push_str(PROCLITICS[usize::from(*p) % PROCLITICS.len()]);
                    }
                    out.push_str(term);
                }
            }
        }
    }
    out
}
