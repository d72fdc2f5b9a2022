//! The one error type of the core.

use std::fmt;

/// An error from barq's core: what was wrong, with the offending value.
///
/// The kind is private so that new kinds can be added without breaking users; the message is
/// lowercase, names the bad value and says what would be valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

/// What broad kind of problem an [`Error`] reports; bindings map it to an exception class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A value was of the right type but not acceptable (unknown option, empty term, ...).
    Value,
    /// A file or buffer could not be read or had the wrong format.
    Io,
}

impl Error {
    /// An error about a bad value.
    pub fn value(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Value,
            message: message.into(),
        }
    }

    /// An error about an unreadable file or a malformed serialized form.
    pub fn io(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Io,
            message: message.into(),
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
