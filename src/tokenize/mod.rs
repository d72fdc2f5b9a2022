//! Tokenization and sentence splitting of Arabic news and social text, with offsets.
//!
//! A [`Tokenizer`] cuts a text into [`Token`]s: half-open byte spans of the original with a
//! [`Kind`]. Tokenization is lossless: the spans are in order, never overlap, and together
//! cover every character that is not white space (as Python's `str.isspace` sees it). Invisible
//! format controls (LRM, RLM, ZWSP, BOM, ...) belong to the token they touch.
//!
//! Two modes:
//! * [`Mode::Default`] keeps the units users count and index whole: numbers with their separators
//!   in both digit systems (`1,000.5`, `٣٫٥`), URLs, emails, hashtags, mentions and emoji
//!   sequences, words with their diacritics, tatweel and inner ZWNJ; punctuation is one token
//!   per character, except `...`. A number followed by letters is two tokens (`2025م` is
//!   `2025` + `م`), so a search for the year finds it.
//! * [`Mode::Camel`] reproduces camel_tools 1.6 `simple_word_tokenize` token for token.
//!
//! ```
//! use _barq::{Kind, Tokenizer};
//!
//! let t = Tokenizer::default();
//! let text = "زار لـ”قوات” 1,000.5 مرة #سوريا_اليوم 👍🏽";
//! let words: Vec<&str> = t.words(text);
//! assert_eq!(words, ["زار", "لـ", "”", "قوات", "”", "1,000.5", "مرة", "#سوريا_اليوم", "👍🏽"]);
//! assert_eq!(t.tokenize(text)[5].kind, Kind::Number);
//! ```

mod camel;
mod camel_tables;
mod clitics;
mod scanner;
mod sentences;
mod web;

use std::borrow::Cow;

use crate::error::{Error, Result};
use crate::normalize::Normalizer;

pub(crate) use clitics::{has_run_of_three, NOT_ARTICLE};
pub use clitics::{Clitics, Piece, Restore, Role, Segmenter};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Letters of any script with their marks, tatweel and inner joiners.
    Word,
    /// Digits of one number with its separators: `1,000.5`, `٣٫٥`, `12:30`, `2025/01/15`.
    Number,
    /// One punctuation character (or `...`).
    Punct,
    /// Any other character: currency, math and other symbols, stray controls.
    Symbol,
    /// `https://…`, `www.…` or a bare domain with a known top-level domain.
    Url,
    /// `name@example.com`.
    Email,
    /// `#` followed by a word: `#هاشتاق_عربي`.
    Hashtag,
    /// `@` followed by a name: `@barq_ai`.
    Mention,
    /// An emoji with its modifiers, ZWJ sequence, flag or keycap.
    Emoji,
}

impl Kind {
    /// Every kind, in a stable order.
    pub const ALL: [Kind; 9] = [
        Kind::Word,
        Kind::Number,
        Kind::Punct,
        Kind::Symbol,
        Kind::Url,
        Kind::Email,
        Kind::Hashtag,
        Kind::Mention,
        Kind::Emoji,
    ];

    /// The name of the kind, as Python sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Word => "word",
            Kind::Number => "number",
            Kind::Punct => "punct",
            Kind::Symbol => "symbol",
            Kind::Url => "url",
            Kind::Email => "email",
            Kind::Hashtag => "hashtag",
            Kind::Mention => "mention",
            Kind::Emoji => "emoji",
        }
    }

    /// The kind named `name`.
    ///
    /// # Errors
    /// An unknown name; the message lists the valid ones.
    pub fn from_name(name: &str) -> Result<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                Error::value(format!(
                    "unknown token kind {name:?}; valid kinds are: {}",
                    names.join(", ")
                ))
            })
    }
}

/// One token: a half-open byte span `[start, end)` of the text and its kind. A piece of a word
/// that clitic segmentation split also has a role and the letters its form restores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What the token is.
    pub kind: Kind,
    /// For a piece of a split word, what it is; `None` for every other token.
    pub role: Option<Role>,
    /// The letters the piece's form restores ([`Restore::NONE`] for every other token).
    pub restore: Restore,
}

impl Token {
    /// A token that is not a piece of a split word.
    pub fn new(start: usize, end: usize, kind: Kind) -> Self {
        Token {
            start,
            end,
            kind,
            role: None,
            restore: Restore::NONE,
        }
    }

    /// The token's text in `text`, the string it was cut from.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// The token as a word: its text, with the letters restored that the spelling merged
    /// (ل + لسلطة: the second piece's form is السلطة).
    pub fn form<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.restore.apply(self.text(text))
    }
}

/// Which rules cut the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// barq's rules (see the module documentation).
    #[default]
    Default,
    /// camel_tools 1.6 `simple_word_tokenize`, token for token.
    Camel,
}

impl Mode {
    /// The name of the mode, as Python sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Default => "default",
            Mode::Camel => "camel",
        }
    }

    /// The mode named `name`.
    ///
    /// # Errors
    /// A name other than `"default"` or `"camel"`.
    pub fn from_name(name: &str) -> Result<Mode> {
        match name {
            "default" => Ok(Mode::Default),
            "camel" => Ok(Mode::Camel),
            _ => Err(Error::value(format!(
                "unknown tokenizer mode {name:?}; valid modes are: default, camel"
            ))),
        }
    }
}

/// A configured tokenizer. Cheap to clone and safe to share across threads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tokenizer {
    mode: Mode,
    normalizer: Option<Normalizer>,
    segmenter: Option<Segmenter>,
}

impl Tokenizer {
    /// A tokenizer with `mode`; `normalizer`, when given, is what [`Tokenizer::norm`] applies.
    pub fn new(mode: Mode, normalizer: Option<Normalizer>) -> Self {
        Tokenizer {
            mode,
            normalizer,
            segmenter: None,
        }
    }

    /// This tokenizer, splitting the clitics of its words with `segmenter` (`None`: words stay
    /// whole).
    pub fn with_segmenter(mut self, segmenter: Option<Segmenter>) -> Self {
        self.segmenter = segmenter;
        self
    }

    /// The segmenter that splits clitics, if any.
    pub fn segmenter(&self) -> Option<&Segmenter> {
        self.segmenter.as_ref()
    }

    /// The mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The normalizer of the token norms, if any.
    pub fn normalizer(&self) -> Option<&Normalizer> {
        self.normalizer.as_ref()
    }

    /// The tokens of `text`, in order.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::with_capacity(text.len() / 6 + 1);
        self.tokenize_into(text, &mut tokens);
        tokens
    }

    /// Append the tokens of `text` to `tokens`.
    pub fn tokenize_into(&self, text: &str, tokens: &mut Vec<Token>) {
        let first = tokens.len();
        match self.mode {
            Mode::Default => scanner::scan(text, tokens),
            Mode::Camel => camel::scan(text, tokens),
        }
        if let Some(segmenter) = &self.segmenter {
            split_words(segmenter, text, tokens, first);
        }
    }

    /// The surface strings of the tokens of `text`.
    pub fn words<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    /// The normalized form of a token's text, when the tokenizer has a normalizer.
    pub fn norm(&self, token_text: &str) -> Option<String> {
        self.normalizer.as_ref().map(|n| n.normalize(token_text))
    }

    /// The norm of `token` of `text`: its [form](Token::form), normalized.
    pub fn token_norm(&self, text: &str, token: &Token) -> Option<String> {
        self.normalizer
            .as_ref()
            .map(|n| n.normalize(&token.form(text)))
    }

    /// The sentences of `text` as byte spans, trimmed of white space (see [`fn@sentences`]).
    ///
    /// Sentences are always found with the default rules, whatever the mode.
    pub fn sentences(&self, text: &str) -> Vec<(usize, usize)> {
        let mut tokens = Vec::with_capacity(text.len() / 6 + 1);
        scanner::scan(text, &mut tokens);
        sentences::split(text, &tokens)
    }
}

/// Replace the word tokens of `tokens[first..]` by their pieces where `segmenter` splits them.
fn split_words(segmenter: &Segmenter, text: &str, tokens: &mut Vec<Token>, first: usize) {
    let scanned = tokens.split_off(first);
    tokens.reserve(scanned.len() + scanned.len() / 4);
    let mut bare = String::new();
    for token in scanned {
        let split = token.kind == Kind::Word
            && segmenter.segment_with(token.text(text), &mut bare, |p| {
                tokens.push(Token {
                    start: token.start + p.start,
                    end: token.start + p.end,
                    kind: Kind::Word,
                    role: Some(p.role),
                    restore: p.restore,
                })
            });
        if !split {
            tokens.push(token);
        }
    }
}

pub use sentences::split as sentences;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_modes_round_trip_their_names() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_name(kind.as_str()).unwrap(), kind);
        }
        assert!(Kind::from_name("verb")
            .unwrap_err()
            .message()
            .contains("word"));
        assert_eq!(Mode::from_name("camel").unwrap(), Mode::Camel);
        assert!(Mode::from_name("farasa").is_err());
    }
}
