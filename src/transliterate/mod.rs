//! Transliteration between Arabic script and the Latin schemes of camel_tools 1.6.
//!
//! Each scheme is a pair of character maps that camel_tools ships (`ar2bw` and `bw2ar`, …),
//! applied the way its `CharMapper.map_string` applies them: every character the map lists is
//! replaced by its one replacement character, every other character (spaces, digits, other
//! scripts, emoji, marks the map does not list) is kept as it is. The tables are generated from
//! camel_tools' own maps by `scripts/gen_translit_tables.py`, which checks that every key and
//! replacement is one character and that the two maps of a scheme are inverses.
//!
//! Since every character becomes exactly one character, the output has as many code points as
//! the input and the alignment between them is the identity.
//!
//! ```
//! use _barq::transliterate::{Scheme, Transliterator};
//!
//! let to_latin = Transliterator::new(Scheme::Buckwalter, false);
//! assert_eq!(to_latin.transliterate("كَتَبَ"), "kataba");
//! let to_arabic = Transliterator::new(Scheme::Buckwalter, true);
//! assert_eq!(to_arabic.transliterate("kataba"), "كَتَبَ");
//! ```

mod tables;

use tables::KEY_LIMIT;

use crate::alignment::Aligned;
use crate::error::{Error, Result};

/// The names of the schemes, in the order of [`Scheme`].
pub const SCHEME_NAMES: &[&str] = &["bw", "safebw", "xmlbw", "hsb"];

/// A transliteration scheme of camel_tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// `"bw"`: Buckwalter's ASCII transliteration (`'|>&<}` for the hamza forms, `~` shadda).
    Buckwalter,
    /// `"safebw"`: Buckwalter without the characters that are special in regular expressions
    /// and markup (letters only, plus `_` and `~`).
    SafeBuckwalter,
    /// `"xmlbw"`: Buckwalter without `<`, `>` and `&`, which XML would have to escape.
    XmlBuckwalter,
    /// `"hsb"`: Habash-Soudi-Buckwalter, one Latin, Latin-1 or Greek letter per Arabic one.
    Hsb,
}

impl Scheme {
    /// Every scheme, in the order of [`SCHEME_NAMES`].
    pub const ALL: [Scheme; 4] = [
        Scheme::Buckwalter,
        Scheme::SafeBuckwalter,
        Scheme::XmlBuckwalter,
        Scheme::Hsb,
    ];

    /// The scheme of a name of [`SCHEME_NAMES`].
    ///
    /// # Errors
    /// A name that is not one of them; the message lists the valid names.
    pub fn from_name(name: &str) -> Result<Scheme> {
        match SCHEME_NAMES.iter().position(|&n| n == name) {
            Some(i) => Ok(Scheme::ALL[i]),
            None => Err(Error::value(format!(
                "unknown transliteration scheme {name:?}; valid schemes: {}",
                SCHEME_NAMES
                    .iter()
                    .map(|n| format!("{n:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    /// The scheme's name (`"bw"`, `"safebw"`, `"xmlbw"`, `"hsb"`).
    pub fn name(self) -> &'static str {
        SCHEME_NAMES[self as usize]
    }
}

/// A lookup table: the replacement of every character below [`KEY_LIMIT`] (itself where the
/// map does not list it).
type Dense = [u16; KEY_LIMIT];

/// The dense table of a map, built at compile time.
const fn dense(pairs: &[(char, char)]) -> Dense {
    let mut table = [0u16; KEY_LIMIT];
    let mut i = 0;
    while i < KEY_LIMIT {
        table[i] = i as u16;
        i += 1;
    }
    let mut j = 0;
    while j < pairs.len() {
        // The generator checked that every key is below KEY_LIMIT and every value in the BMP.
        table[pairs[j].0 as usize] = pairs[j].1 as u16;
        j += 1;
    }
    table
}

/// The tables of every scheme, Arabic to Latin then Latin to Arabic, in the order of
/// [`Scheme::ALL`].
static TABLES: [[Dense; 2]; 4] = [
    [dense(tables::AR2BW), dense(tables::BW2AR)],
    [dense(tables::AR2SAFEBW), dense(tables::SAFEBW2AR)],
    [dense(tables::AR2XMLBW), dense(tables::XMLBW2AR)],
    [dense(tables::AR2HSB), dense(tables::HSB2AR)],
];

/// A transliterator: one scheme in one direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Transliterator {
    scheme: Scheme,
    reverse: bool,
}

impl Transliterator {
    /// Arabic script to the Latin of `scheme`, or back to Arabic with `reverse`.
    pub fn new(scheme: Scheme, reverse: bool) -> Transliterator {
        Transliterator { scheme, reverse }
    }

    /// The transliterator of a scheme name.
    ///
    /// # Errors
    /// An unknown scheme name (see [`Scheme::from_name`]).
    pub fn from_name(scheme: &str, reverse: bool) -> Result<Transliterator> {
        Ok(Transliterator::new(Scheme::from_name(scheme)?, reverse))
    }

    /// The scheme.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// Whether this goes from the Latin scheme back to Arabic.
    pub fn is_reverse(&self) -> bool {
        self.reverse
    }

    fn table(&self) -> &'static Dense {
        &TABLES[self.scheme as usize][usize::from(self.reverse)]
    }

    /// The replacement of a code point (itself where the map does not list it); every key and
    /// replacement is in the Basic Multilingual Plane, so a code unit maps to a code unit.
    #[inline]
    pub(crate) fn map_code(&self, code: u32) -> u32 {
        match self.table().get(code as usize) {
            Some(&mapped) => u32::from(mapped),
            None => code,
        }
    }

    /// The replacement of one character (itself where the map does not list it).
    #[inline]
    pub fn map_char(&self, c: char) -> char {
        char::from_u32(self.map_code(u32::from(c))).unwrap_or(c)
    }

    /// Transliterate `text`.
    pub fn transliterate(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 2);
        self.transliterate_into(text, &mut out);
        out
    }

    /// Append the transliteration of `text` to `out`.
    pub fn transliterate_into(&self, text: &str, out: &mut String) {
        let table = self.table();
        out.reserve(text.len());
        for c in text.chars() {
            let mapped = match table.get(c as usize) {
                Some(&m) => char::from_u32(u32::from(m)).unwrap_or(c),
                None => c,
            };
            out.push(mapped);
        }
    }

    /// Transliterate `text` and keep the alignment with it (the identity: character `i` of
    /// the result is the transliteration of character `i` of `text`).
    pub fn align(&self, text: &str) -> Aligned {
        let out = self.transliterate(text);
        Aligned::identity(out, text.chars().count())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use proptest::prelude::*;

    use super::*;

    fn pairs(scheme: Scheme, reverse: bool) -> &'static [(char, char)] {
        let all: [[&'static [(char, char)]; 2]; 4] = [
            [tables::AR2BW, tables::BW2AR],
            [tables::AR2SAFEBW, tables::SAFEBW2AR],
            [tables::AR2XMLBW, tables::XMLBW2AR],
            [tables::AR2HSB, tables::HSB2AR],
        ];
        all[scheme as usize][usize::from(reverse)]
    }

    #[test]
    fn buckwalter_of_a_vocalized_sentence() {
        let t = Transliterator::new(Scheme::Buckwalter, false);
        assert_eq!(
            t.transliterate("ذَهَبَ الوَلَدُ إلى المَدْرَسَةِ"),
            "*ahaba Alwaladu <lY Almadorasapi"
        );
        assert_eq!(t.transliterate("سؤال وأسئلة"), "s&Al w>s}lp");
        // tatweel, shadda, superscript alef; digits, punctuation and emoji are kept
        assert_eq!(
            t.transliterate("جـمـيل مُدَرِّس هٰذا ٣، 😀"),
            "j_m_yl mudari~s h`*A ٣، 😀"
        );
    }

    #[test]
    fn every_scheme_round_trips_a_vocalized_sentence() {
        let text = "قَرَأَ الطّالِبُ كِتابًا جَديدًا في مَكْتَبَةِ القَرْيَةِ";
        for scheme in Scheme::ALL {
            let latin = Transliterator::new(scheme, false).transliterate(text);
            assert!(!latin.contains('ق'), "{scheme:?}: {latin}");
            let back = Transliterator::new(scheme, true).transliterate(&latin);
            assert_eq!(back, text, "{scheme:?}");
        }
    }

    #[test]
    fn the_schemes_differ_where_buckwalter_has_symbols() {
        let text = "أَإِؤُئ";
        let got: Vec<String> = Scheme::ALL
            .iter()
            .map(|&s| Transliterator::new(s, false).transliterate(text))
            .collect();
        assert_eq!(got, [">a<i&u}", "OaIiWuQ", "OaIiWu}", "ÂaĂiŵuŷ"]);
    }

    #[test]
    fn names_and_unknown_schemes() {
        for (scheme, name) in Scheme::ALL.iter().zip(SCHEME_NAMES) {
            assert_eq!(scheme.name(), *name);
            assert_eq!(Scheme::from_name(name).unwrap(), *scheme);
        }
        let e = Transliterator::from_name("buckwalter", false).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Value);
        assert_eq!(
            e.message(),
            "unknown transliteration scheme \"buckwalter\"; valid schemes: \"bw\", \"safebw\", \"xmlbw\", \"hsb\""
        );
    }

    #[test]
    fn empty_text() {
        for scheme in Scheme::ALL {
            for reverse in [false, true] {
                let t = Transliterator::new(scheme, reverse);
                assert_eq!(t.transliterate(""), "");
                let a = t.align("");
                assert_eq!(a.text(), "");
                assert_eq!(a.to_original(0, 0).unwrap(), (0, 0));
            }
        }
    }

    /// Every character of the Unicode range, against a plain lookup in the generated pairs:
    /// listed characters are replaced, every other one is kept (camel_tools' default `None`).
    #[test]
    fn every_code_point_maps_as_the_pairs_say() {
        for scheme in Scheme::ALL {
            for reverse in [false, true] {
                let t = Transliterator::new(scheme, reverse);
                let map: HashMap<char, char> = pairs(scheme, reverse).iter().copied().collect();
                for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
                    let expected = map.get(&c).copied().unwrap_or(c);
                    assert_eq!(
                        t.map_char(c),
                        expected,
                        "{scheme:?} reverse={reverse} {c:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_two_maps_of_a_scheme_are_inverses() {
        for scheme in Scheme::ALL {
            let forward = Transliterator::new(scheme, false);
            let reverse = Transliterator::new(scheme, true);
            for &(arabic, latin) in pairs(scheme, false) {
                assert_eq!(forward.map_char(arabic), latin);
                assert_eq!(reverse.map_char(latin), arabic);
            }
            assert_eq!(pairs(scheme, false).len(), pairs(scheme, true).len());
            let arabic: HashSet<char> = pairs(scheme, false).iter().map(|p| p.0).collect();
            assert!(pairs(scheme, true).iter().all(|p| !arabic.contains(&p.0)));
        }
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        // Arabic letters and marks, the Latin of every scheme, and anything else.
        let arabic = (0x0600u32..0x0700).prop_map(|c| char::from_u32(c).unwrap_or('x'));
        let latin = (0x20u32..0x3D0).prop_map(|c| char::from_u32(c).unwrap_or('x'));
        let chars = prop_oneof![4 => arabic, 4 => latin, 1 => any::<char>()];
        proptest::collection::vec(chars, 0..40).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        /// reverse(forward(x)) == x exactly when x has none of the scheme's Latin letters
        /// (those pass the forward map unchanged and then become Arabic); the same the other
        /// way round. The alignment is the identity, with the same length.
        #[test]
        fn round_trips(text in text_strategy()) {
            for scheme in Scheme::ALL {
                let forward = Transliterator::new(scheme, false);
                let reverse = Transliterator::new(scheme, true);
                let latin_keys: HashSet<char> = pairs(scheme, true).iter().map(|p| p.0).collect();
                let arabic_keys: HashSet<char> = pairs(scheme, false).iter().map(|p| p.0).collect();
                let there_and_back = reverse.transliterate(&forward.transliterate(&text));
                let has_latin = text.chars().any(|c| latin_keys.contains(&c));
                prop_assert_eq!(there_and_back == text, !has_latin);
                let back_and_there = forward.transliterate(&reverse.transliterate(&text));
                let has_arabic = text.chars().any(|c| arabic_keys.contains(&c));
                prop_assert_eq!(back_and_there == text, !has_arabic);

                let aligned = forward.align(&text);
                let n = text.chars().count();
                prop_assert_eq!(aligned.normalized_len(), n);
                prop_assert_eq!(aligned.text(), forward.transliterate(&text));
                for i in 0..n {
                    prop_assert_eq!(aligned.to_original(i, i + 1).unwrap(), (i, i + 1));
                    prop_assert_eq!(aligned.to_normalized(i, n).unwrap(), (i, n));
                }
            }
        }
    }
}
