//! # barq
//!
//! Fast, offset-preserving Arabic text processing: normalization with an alignment back to the
//! original text, Arabic-aware gazetteer matching, tokenization and light stemming.
//!
//! The core has no Python in it; the pyo3 bindings live behind the `python` feature.
//!
//! ```
//! use _barq::Normalizer;
//!
//! let n = Normalizer::preset("search").unwrap();
//! assert_eq!(n.normalize("وَزارةُ  الصحّة"), "وزاره الصحه");
//!
//! let aligned = n.align("دِمَشْقُ");
//! assert_eq!(aligned.text(), "دمشق");
//! // the span covers the trailing damma of the last letter
//! assert_eq!(aligned.to_original(0, 4).unwrap(), (0, 8));
//! ```
#![deny(missing_docs)]

mod alignment;
mod binary;
mod error;
pub mod gazetteer;
pub mod lexicon;
pub mod normalize;
pub mod parallel;
pub mod stem;
pub mod text;
pub mod tokenize;
pub mod transliterate;

#[cfg(feature = "python")]
mod python;

/// What the fuzz targets in `fuzz/` need beyond the public API: framing a forged payload with a
/// valid header and checksum, so that the readers behind the checksum get fuzzed too. Built only
/// under `cfg(fuzzing)`, which `cargo fuzz` sets.
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing {
    /// The bytes before the payload of a gazetteer or lexicon file.
    pub const HEADER: usize = crate::binary::HEADER;

    /// `payload` framed as a file of `magic` and `version`.
    pub fn frame(magic: &[u8; 8], version: u32, payload: &[u8]) -> Vec<u8> {
        crate::binary::frame(magic, version, payload)
    }
}

pub use alignment::Aligned;
pub use error::{Error, ErrorKind, Result};
pub use lexicon::Lexicon;
pub use normalize::{Normalizer, Options, Profile};
pub use stem::Stemmer;
pub use tokenize::{Kind, Mode, Token, Tokenizer};
pub use transliterate::{Scheme, Transliterator};
