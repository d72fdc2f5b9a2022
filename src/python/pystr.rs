//! Reading and writing Python `str` objects in their own storage (PEP 393: one, two or four
//! bytes per code point), so batch calls convert text on the worker threads, without the GIL,
//! instead of through CPython's UTF-8 encoder and decoder on the caller's thread.

use pyo3::exceptions::{PyMemoryError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;

/// The code points of a `str`, borrowed from the object.
#[derive(Clone, Copy)]
pub(crate) enum Units<'a> {
    One(&'a [u8]),
    Two(&'a [u16]),
    Four(&'a [u32]),
}

/// Borrow the storage of `s`.
pub(crate) fn units<'a>(s: &'a Bound<'_, PyString>) -> Units<'a> {
    let ptr = s.as_ptr();
    // SAFETY: `s` is a live, ready `str` (every str is ready since Python 3.12, and pyo3 only
    // hands out ready ones before), so KIND, DATA and GET_LENGTH describe its immutable
    // storage, which lives as long as the borrow of `s`.
    unsafe {
        let len = pyo3::ffi::PyUnicode_GET_LENGTH(ptr) as usize;
        let data = pyo3::ffi::PyUnicode_DATA(ptr);
        match pyo3::ffi::PyUnicode_KIND(ptr) {
            1 => Units::One(std::slice::from_raw_parts(data as *const u8, len)),
            2 => Units::Two(std::slice::from_raw_parts(data as *const u16, len)),
            _ => Units::Four(std::slice::from_raw_parts(data as *const u32, len)),
        }
    }
}

/// Append the text of `units` to `out` as UTF-8; `Err(position)` at the first lone surrogate.
pub(crate) fn to_utf8(units: Units<'_>, out: &mut String) -> Result<(), usize> {
    match units {
        Units::One(bytes) => {
            if bytes.is_ascii() {
                // ASCII is UTF-8.
                out.push_str(std::str::from_utf8(bytes).unwrap_or_default());
            } else {
                out.reserve(bytes.len() * 2);
                out.extend(bytes.iter().map(|&b| char::from(b)));
            }
        }
        Units::Two(units) => {
            out.reserve(units.len() * 2);
            for (i, &u) in units.iter().enumerate() {
                out.push(char::from_u32(u32::from(u)).ok_or(i)?);
            }
        }
        Units::Four(units) => {
            out.reserve(units.len() * 3);
            for (i, &u) in units.iter().enumerate() {
                out.push(char::from_u32(u).ok_or(i)?);
            }
        }
    }
    Ok(())
}

/// A string packed the way CPython stores it, ready to become a `str` under the GIL.
pub(crate) struct Packed {
    len: usize,
    max_char: u32,
    data: PackedData,
}

enum PackedData {
    One(Vec<u8>),
    Two(Vec<u16>),
    Four(Vec<u32>),
}

/// Pack `s` in its canonical PEP 393 width (the narrowest that holds its largest character).
pub(crate) fn pack(s: &str) -> Packed {
    let max_char = s.chars().map(u32::from).max().unwrap_or(0);
    let (len, data) = if s.is_ascii() {
        (s.len(), PackedData::One(s.as_bytes().to_vec()))
    } else if max_char < 0x100 {
        let v: Vec<u8> = s.chars().map(|c| c as u8).collect();
        (v.len(), PackedData::One(v))
    } else if max_char < 0x10000 {
        let v: Vec<u16> = s.chars().map(|c| c as u16).collect();
        (v.len(), PackedData::Two(v))
    } else {
        let v: Vec<u32> = s.chars().map(u32::from).collect();
        (v.len(), PackedData::Four(v))
    };
    Packed {
        len,
        max_char,
        data,
    }
}

/// A packed string from UTF-16 code units without surrogates, given an upper bound of their
/// values that has the high bits of the largest one.
pub(crate) fn pack_bmp(units: Vec<u16>, bits: u32) -> Packed {
    let len = units.len();
    if bits < 0x100 {
        let narrow: Vec<u8> = units.iter().map(|&u| u as u8).collect();
        return Packed {
            len,
            max_char: bits,
            data: PackedData::One(narrow),
        };
    }
    Packed {
        len,
        max_char: bits,
        data: PackedData::Two(units),
    }
}

/// Make the `str` of a packed string (a copy of its bytes into a new object).
pub(crate) fn to_pystring<'py>(py: Python<'py>, packed: &Packed) -> PyResult<Bound<'py, PyString>> {
    // SAFETY: PyUnicode_New returns a new, uninitialised str of `len` code points of the width
    // that `max_char` selects, which is the width `pack` chose; we fill exactly `len` units of
    // it before anyone else sees the object, and take ownership of the new reference.
    unsafe {
        let ptr = pyo3::ffi::PyUnicode_New(packed.len as pyo3::ffi::Py_ssize_t, packed.max_char);
        if ptr.is_null() {
            return Err(
                PyErr::take(py).unwrap_or_else(|| PyMemoryError::new_err("cannot allocate a str"))
            );
        }
        let dest = pyo3::ffi::PyUnicode_DATA(ptr);
        match &packed.data {
            PackedData::One(v) => {
                std::ptr::copy_nonoverlapping(v.as_ptr(), dest as *mut u8, v.len())
            }
            PackedData::Two(v) => {
                std::ptr::copy_nonoverlapping(v.as_ptr(), dest as *mut u16, v.len())
            }
            PackedData::Four(v) => {
                std::ptr::copy_nonoverlapping(v.as_ptr(), dest as *mut u32, v.len())
            }
        }
        Ok(Bound::from_owned_ptr(py, ptr).cast_into_unchecked())
    }
}

/// The error for a lone surrogate in `what` at code point `position`.
pub(crate) fn surrogate_error(what: &str, position: usize) -> PyErr {
    PyValueError::new_err(format!(
        "{what} has a lone surrogate at position {position}; it cannot be encoded as UTF-8"
    ))
}
