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

pub use alignment::Aligned;
pub use error::{Error, ErrorKind, Result};
pub use lexicon::Lexicon;
pub use normalize::{Normalizer, Options, Profile};
pub use stem::Stemmer;
pub use tokenize::{Kind, Mode, Token, Tokenizer};
pub use transliterate::{Scheme, Transliterator};
