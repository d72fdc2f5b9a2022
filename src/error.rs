//! The one error type of the core.

use std::fmt;

/// An error from barq's core: what was wrong, with the offending value.
///
/// The message is lowercase, names the bad value and says what would be valid. The bindings map
/// each [`ErrorKind`] to one Python exception class, in one place (`python/common.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

/// What broad kind of problem an [`Error`] reports; bindings map it to an exception class.
/// More kinds may be added: match with a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A value was of the right type but not acceptable (unknown option, empty term, ...).
    /// Python: `ValueError`.
    Value,
    /// Bytes that are not what they claim to be: a foreign, truncated, corrupt or newer
    /// serialized gazetteer or lexicon. Python: `ValueError`.
    Format,
    /// A file could not be read or written. Python: `OSError`.
    Io,
    /// A name that is not there (a term the gazetteer does not have). Python: `KeyError`.
    Missing,
}

impl Error {
    /// An error about a bad value.
    pub fn value(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Value,
            message: message.into(),
        }
    }

    /// An error about bytes that are not a valid serialized form.
    pub fn format(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Format,
            message: message.into(),
        }
    }

    /// An error about a name that is not there.
    pub fn missing(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Missing,
            message: message.into(),
        }
    }

    /// An error about a file that could not be read or written.
    pub fn io(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Io,
            message: message.into(),
        }
    }

    /// The same error with `context` (say, the file it came from) before its message.
    pub fn context(self, context: impl fmt::Display) -> Self {
        Error {
            kind: self.kind,
            message: format!("{context}: {}", self.message),
        }
    }

    /// The kind of problem.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, without any prefix.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The result type of the core.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_keeps_the_kind() {
        let e = Error::format("checksum mismatch").context("cannot load x.barq");
        assert_eq!(e.kind(), ErrorKind::Format);
        assert_eq!(e.to_string(), "cannot load x.barq: checksum mismatch");
    }
}
