//! Light stemming of Arabic words: strip affixes by the rules of a named [`Scheme`].
//!
//! A [`Stemmer`] stems one word at a time ([`Stemmer::stem`]) or every word token of a text
//! ([`Stemmer::stems`], aligned with the default [`Tokenizer`]). Two schemes:
//!
//! * [`Scheme::Lucene`], the normalization and stemming of Lucene's Arabic analysis (what an
//!   Elasticsearch or Solr index stores for a word with `arabic_normalization` + `arabic_stem`);
//!   its rules are in the `lucene` module.
//! * [`Scheme::Barq`], barq's own: the clitics the segmenter finds, the article, and one light
//!   suffix only where a [`Lexicon`] knows the word that is left (the `lexical` module), so the
//!   stem is a word: حكومتها, للحكومة and الحكومات stem to حكومة, بيروت stays بيروت.
//!
//! ```
//! use _barq::stem::{Scheme, Stemmer};
//!
//! let stemmer = Stemmer::new(Scheme::Lucene);
//! assert_eq!(stemmer.stem("والمكتبات"), "مكتب");
//! assert_eq!(stemmer.stem("مَدْرَسَتُها"), "مدرست");
//! assert_eq!(stemmer.stems("زرنا المدينة، 2025"), ["زرنا", "مدين", "،", "2025"]);
//! ```

mod lexical;
mod lucene;

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use crate::lexicon::Lexicon;

use crate::error::{Error, Result};
use crate::text::py_repr;
use crate::tokenize::{Kind, Tokenizer};

/// A set of stemming rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// `"lucene"`: Lucene's `ArabicNormalizer` then `ArabicStemmer` (the light10 rules), as
    /// Elasticsearch's and Solr's `arabic_normalization` and `arabic_stem` filters apply them.
    #[default]
    Lucene,
    /// barq's lexicon-aware stem (see [`Stemmer::with_lexicon`]).
    Barq,
}

impl Scheme {
    /// Every scheme, in a stable order.
    pub const ALL: [Scheme; 2] = [Scheme::Lucene, Scheme::Barq];

    /// The scheme's name, as Python spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Lucene => "lucene",
            Scheme::Barq => "barq",
        }
    }

    /// The scheme named `name`.
    ///
    /// # Errors
    /// An unknown name; the message lists the valid ones.
    pub fn from_name(name: &str) -> Result<Scheme> {
        Scheme::ALL
            .into_iter()
            .find(|s| s.as_str() == name)
            .ok_or_else(|| {
                let names: Vec<String> = Scheme::ALL.iter().map(|s| py_repr(s.as_str())).collect();
                Error::value(format!(
                    "unknown stemming scheme {}; valid schemes are: {}",
                    py_repr(name),
                    names.join(", ")
                ))
            })
    }
}

/// What stemming a word of UTF-16 code units gave (see [`Stemmer::stem_utf16`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UnitStem {
    /// The stem is this range of the word itself.
    Slice(Range<usize>),
    /// The stem is this range of the buffer the word was rewritten into.
    Normalized(Range<usize>),
}

/// A configured stemmer. Cheap to clone and safe to share across threads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stemmer {
    scheme: Scheme,
    /// The lexicon-aware stemmer of [`Scheme::Barq`].
    lexical: Option<Arc<lexical::Lexical>>,
}

impl Stemmer {
    /// A stemmer with the rules of `scheme`.
    ///
    /// [`Scheme::Barq`] gets an empty lexicon here, which knows no word: clitics and suffixes
    /// then stay, only the article goes. Give it one with [`Stemmer::with_lexicon`].
    pub fn new(scheme: Scheme) -> Stemmer {
        Stemmer::with_lexicon(scheme, Arc::new(Lexicon::new()))
    }

    /// The stemmer of `scheme` deciding with `lexicon` (only [`Scheme::Barq`] uses it: building
    /// one measures the lexicon, a fraction of a second for the shipped one).
    pub fn with_lexicon(scheme: Scheme, lexicon: Arc<Lexicon>) -> Stemmer {
        let lexical = match scheme {
            Scheme::Barq => Some(Arc::new(lexical::Lexical::new(lexicon))),
            Scheme::Lucene => None,
        };
        Stemmer { scheme, lexical }
    }

    /// The lexicon of a [`Scheme::Barq`] stemmer (`None` for the other schemes).
    pub fn lexicon(&self) -> Option<&Arc<Lexicon>> {
        self.lexical.as_ref().map(|l| l.lexicon())
    }

    /// The stemmer of a scheme name.
    ///
    /// # Errors
    /// An unknown name (see [`Scheme::from_name`]).
    pub fn from_name(scheme: &str) -> Result<Stemmer> {
        Ok(Stemmer::new(Scheme::from_name(scheme)?))
    }

    /// The scheme.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The stem of one word: borrowed from `word` when it is a slice of it.
    ///
    /// Any string is accepted; a scheme's rules decide what happens to text that is not an
    /// Arabic word (the Lucene scheme leaves other scripts alone).
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        match (&self.lexical, self.scheme) {
            (Some(lexical), _) => lexical.stem(word),
            (None, _) => lucene::stem(word),
        }
    }

    /// The stem of a word given as UTF-16 code units (the storage of a Python `str` of the
    /// Basic Multilingual Plane, without surrogates): a range of `word`, or of `scratch`
    /// when the scheme had to rewrite it there. For the bindings, which stem `str`s without
    /// going through UTF-8.
    #[cfg_attr(not(feature = "python"), allow(dead_code))]
    pub(crate) fn stem_utf16(&self, word: &[u16], scratch: &mut Vec<u16>) -> UnitStem {
        match &self.lexical {
            None => lucene::stem_utf16(word, scratch),
            Some(lexical) => {
                let text = String::from_utf16_lossy(word);
                let stem = lexical.stem(&text);
                // most stems are a slice of the word (its clitics and suffix cut off)
                if let Some(at) = text.find(&*stem) {
                    let start = text[..at].encode_utf16().count();
                    return UnitStem::Slice(start..start + stem.encode_utf16().count());
                }
                scratch.clear();
                scratch.extend(stem.encode_utf16());
                UnitStem::Normalized(0..scratch.len())
            }
        }
    }

    /// Append the stem of `word` to `out`.
    pub fn stem_into(&self, word: &str, out: &mut String) {
        out.push_str(&self.stem(word));
    }

    /// The stems of the tokens of `text` as the default [`Tokenizer`] cuts it, one per token:
    /// word tokens stemmed, every other token (numbers, punctuation, URLs, hashtags, emoji …)
    /// as it is.
    pub fn stems<'a>(&self, text: &'a str) -> Vec<Cow<'a, str>> {
        Tokenizer::default()
            .tokenize(text)
            .iter()
            .map(|token| {
                let surface = token.text(text);
                match token.kind {
                    Kind::Word => self.stem(surface),
                    _ => Cow::Borrowed(surface),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_round_trip_their_names() {
        for scheme in Scheme::ALL {
            assert_eq!(Scheme::from_name(scheme.as_str()).unwrap(), scheme);
        }
        assert_eq!(Stemmer::default(), Stemmer::new(Scheme::Lucene));
        assert_eq!(
            Stemmer::from_name("lucene").unwrap().scheme(),
            Scheme::Lucene
        );
    }

    #[test]
    fn an_unknown_scheme_lists_the_valid_ones() {
        let error = Scheme::from_name("snowball").unwrap_err();
        assert_eq!(
            error.message(),
            "unknown stemming scheme 'snowball'; valid schemes are: 'lucene', 'barq'"
        );
        assert!(Stemmer::from_name("Lucene").is_err());
    }

    #[test]
    fn stemmers_are_send_and_sync() {
        fn shared<T: Send + Sync>() {}
        shared::<Stemmer>();
        shared::<Scheme>();
    }

    #[test]
    fn stems_follow_the_tokens() {
        let stemmer = Stemmer::default();
        let text = "وصلت السيارات إلى #المدينة بـ 30 دقيقة 👍";
        let words = Tokenizer::default().words(text);
        let stems = stemmer.stems(text);
        assert_eq!(stems.len(), words.len());
        assert_eq!(
            stems,
            ["صلت", "سيار", "ال", "#المدينة", "ب", "30", "دقيق", "👍"]
        );
        assert!(stemmer.stems("").is_empty());
        assert!(stemmer.stems(" \n").is_empty());
    }

    #[test]
    fn the_utf16_path_gives_the_str_path() {
        let stemmer = Stemmer::default();
        let mut scratch = Vec::new();
        for word in ["والمدرسة", "بالسيارات", "كتب", "hello", "و😀ب", "أَحمد", ""]
        {
            let units: Vec<u16> = word.encode_utf16().collect();
            let stem = match stemmer.stem_utf16(&units, &mut scratch) {
                UnitStem::Slice(range) => String::from_utf16(&units[range]),
                UnitStem::Normalized(range) => String::from_utf16(&scratch[range]),
            };
            assert_eq!(stem.unwrap(), stemmer.stem(word), "{word:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_two_paths_agree_and_never_lengthen(
            word in "[اأإآٱىيةهوالبكفلنتمسـ\u{064B}-\u{0652}\u{0670}😀a ]{0,14}|\\PC{0,8}"
        ) {
            let stemmer = Stemmer::default();
            let units: Vec<u16> = word.encode_utf16().collect();
            let mut scratch = Vec::new();
            let stem = match stemmer.stem_utf16(&units, &mut scratch) {
                UnitStem::Slice(range) => String::from_utf16(&units[range]),
                UnitStem::Normalized(range) => String::from_utf16(&scratch[range]),
            };
            let from_str = stemmer.stem(&word);
            proptest::prop_assert_eq!(stem.unwrap(), from_str.as_ref());
            proptest::prop_assert!(from_str.chars().count() <= word.chars().count());
        }
    }

    #[test]
    fn stem_into_appends() {
        let mut out = String::from("x");
        Stemmer::default().stem_into("بالقلم", &mut out);
        assert_eq!(out, "xقلم");
    }
}
