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

/// A new `str` of `len` code points of the width that `max_char` selects, its storage not yet
/// written (only its terminating NUL is); also the empty `str` for `len == 0`.
fn new_str(py: Python<'_>, len: usize, max_char: u32) -> PyResult<*mut pyo3::ffi::PyObject> {
    // SAFETY: PyUnicode_New has no precondition; a null result has set an exception.
    let ptr = unsafe { pyo3::ffi::PyUnicode_New(len as pyo3::ffi::Py_ssize_t, max_char) };
    if ptr.is_null() {
        return Err(
            PyErr::take(py).unwrap_or_else(|| PyMemoryError::new_err("cannot allocate a str"))
        );
    }
    Ok(ptr)
}

/// The storage of a new `str` that a worker thread writes into, without the GIL: the code
/// units of one of the widths of [`Units::One`] and [`Units::Two`].
pub(crate) struct Dest {
    data: *mut std::ffi::c_void,
    len: usize,
    wide: bool,
    /// The largest value the width holds with the `str`'s kind: 0x7F (ASCII), 0xFF or 0xFFFF.
    max_char: u32,
}

// SAFETY: a `Dest` is the storage of a `str` that only its owner (`Target`) refers to, which
// keeps it alive and gives it to Python only after the writing is done; one worker writes it.
unsafe impl Send for Dest {}
unsafe impl Sync for Dest {}

/// Where the normalized text of a `str` is written: a new `str` of the length and width of
/// the input (a text that the normalizer does not lengthen and does not widen fits in it).
pub(crate) struct Target<'py> {
    object: Bound<'py, PyString>,
    pub(crate) dest: Dest,
}

impl<'py> Target<'py> {
    /// A target for `s` (`view` is its storage), or `None` for an empty or four-byte `str`.
    pub(crate) fn new(s: &Bound<'py, PyString>, view: Units<'_>) -> PyResult<Option<Self>> {
        let (len, wide, max_char) = match view {
            Units::One([]) => return Ok(None),
            // SAFETY: `s` is a live, ready str.
            Units::One(bytes) if unsafe { pyo3::ffi::PyUnicode_IS_ASCII(s.as_ptr()) } != 0 => {
                (bytes.len(), false, 0x7F)
            }
            Units::One(bytes) => (bytes.len(), false, 0xFF),
            Units::Two(units) => (units.len(), true, 0xFFFF),
            Units::Four(_) => return Ok(None),
        };
        let py = s.py();
        let ptr = new_str(py, len, max_char)?;
        // SAFETY: `ptr` is a new reference to a str of `len` code points, whose storage the
        // `Dest` points to for as long as `object` owns it.
        unsafe {
            let dest = Dest {
                data: pyo3::ffi::PyUnicode_DATA(ptr),
                len,
                wide,
                max_char,
            };
            let object = Bound::from_owned_ptr(py, ptr).cast_into_unchecked();
            Ok(Some(Target { object, dest }))
        }
    }

    /// The `str` of the first `len` units written to the target, `bits` the bound of their
    /// values: the target itself, shortened, when its kind is the canonical one for them, else
    /// a narrower copy.
    pub(crate) fn finish(self, len: usize, bits: u32) -> PyResult<Bound<'py, PyString>> {
        let py = self.object.py();
        let Target { object, dest } = self;
        let canonical = match bits {
            0..=0x7F => 0x7F,
            0x80..=0xFF => 0xFF,
            _ => 0xFFFF,
        };
        if len == 0 {
            return Ok(PyString::new(py, ""));
        }
        if canonical == dest.max_char {
            if len == dest.len {
                return Ok(object);
            }
            let mut ptr = object.into_ptr();
            // SAFETY: `ptr` is the only reference to a new str that has no hash yet and is
            // not interned, so PyUnicode_Resize shortens it in place (or reallocates it) and
            // leaves `ptr` a new reference to the result; on failure `ptr` is still ours.
            unsafe {
                let failed = pyo3::ffi::PyUnicode_Resize(&mut ptr, len as pyo3::ffi::Py_ssize_t);
                let result = Bound::from_owned_ptr(py, ptr).cast_into_unchecked();
                if failed != 0 {
                    return Err(PyErr::take(py)
                        .unwrap_or_else(|| PyMemoryError::new_err("cannot resize a str")));
                }
                return Ok(result);
            }
        }
        // Narrower than the input: copy the units into a str of the canonical kind.
        let ptr = new_str(py, len, canonical)?;
        // SAFETY: the target's first `len` units were written; the new str holds `len` units
        // of one byte (`canonical` is below 0x100 when it is not the target's width, since the
        // normalizer never writes a unit wider than its target's).
        unsafe {
            let to = pyo3::ffi::PyUnicode_DATA(ptr) as *mut u8;
            if dest.wide {
                let from = std::slice::from_raw_parts(dest.data as *const u16, len);
                for (i, &unit) in from.iter().enumerate() {
                    *to.add(i) = unit as u8;
                }
            } else {
                std::ptr::copy_nonoverlapping(dest.data as *const u8, to, len);
            }
            Ok(Bound::from_owned_ptr(py, ptr).cast_into_unchecked())
        }
    }
}

impl Dest {
    /// The storage as 16-bit units, if it has that width.
    ///
    /// # Safety
    /// Only one thread at a time may hold the slice, and the `Target` must outlive it.
    #[allow(clippy::mut_from_ref)]
    pub(crate) unsafe fn wide(&self) -> Option<&mut [std::mem::MaybeUninit<u16>]> {
        self.wide
            .then(|| std::slice::from_raw_parts_mut(self.data.cast(), self.len))
    }

    /// The storage as 8-bit units, if it has that width.
    ///
    /// # Safety
    /// As for [`Dest::wide`].
    #[allow(clippy::mut_from_ref)]
    pub(crate) unsafe fn narrow(&self) -> Option<&mut [std::mem::MaybeUninit<u8>]> {
        (!self.wide).then(|| std::slice::from_raw_parts_mut(self.data.cast(), self.len))
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
