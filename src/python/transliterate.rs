//! Bindings of `crate::transliterate`: `transliterate`, `transliterate_batch` and
//! `transliterate_align`.
//!
//! Every character becomes one character, so a `str` is transliterated code unit by code unit
//! from its own storage into the storage of the result, without going through UTF-8.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use super::arrow::{field, string_piece};
use super::common::{
    arrow_input, batch_strs, scheme_arg, text_arg, threads_arg, to_py_err, type_name,
};
use super::normalize::PyAligned;
use super::pystr::{pack, pack_bmp, surrogate_error, to_pystring, to_utf8, units, Packed, Units};
use crate::parallel;
use crate::transliterate::Transliterator;

/// The transliterator of a scheme name (`ValueError` listing the valid names); a `scheme=`
/// argument comes through [`scheme_arg`], so that this error is not annotated as an
/// argument error.
fn transliterator(scheme: &str, reverse: bool) -> PyResult<Transliterator> {
    Transliterator::from_name(scheme, reverse).map_err(to_py_err)
}

/// A `reverse=` argument: `True` or `False`.
fn reverse_arg(reverse: &Bound<'_, PyAny>) -> PyResult<bool> {
    reverse.extract::<bool>().map_err(|_| {
        PyTypeError::new_err(format!(
            "reverse must be True or False, not {}",
            type_name(reverse)
        ))
    })
}

/// Texts at least this long are transliterated without the GIL.
const DETACH_LEN: usize = 1 << 15;

/// Transliterate a `str`'s storage into a packed string; `Err` at a lone surrogate.
fn transliterate_units(t: &Transliterator, view: Units<'_>) -> Result<Packed, usize> {
    // Every key and replacement is in the BMP: a one- or two-byte str gives two-byte units,
    // narrowed by `pack_bmp` when the result fits one byte.
    let mut bits = 0u32;
    let mut map = |code: u32| {
        let mapped = t.map_code(code);
        bits |= mapped;
        mapped as u16
    };
    let out: Vec<u16> = match view {
        Units::One(bytes) => bytes.iter().map(|&b| map(u32::from(b))).collect(),
        Units::Two(two) => {
            if let Some(at) = two.iter().position(|u| (0xD800..=0xDFFF).contains(u)) {
                return Err(at);
            }
            two.iter().map(|&u| map(u32::from(u))).collect()
        }
        Units::Four(_) => {
            let mut text = String::new();
            to_utf8(view, &mut text)?;
            return Ok(pack(&t.transliterate(&text)));
        }
    };
    Ok(pack_bmp(out, bits))
}

/// Transliterate Arabic ``text`` into a Latin scheme, or back with ``reverse=True``.
///
/// Character for character what camel_tools 1.6 gives with its built-in maps ``ar2bw``,
/// ``ar2safebw``, ``ar2xmlbw``, ``ar2hsb`` (and ``bw2ar``, … for ``reverse=True``):
///
/// * ``"bw"``: Buckwalter (``' | > & < }`` for ء آ أ ؤ إ ئ, ``p`` ة, ``Y`` ى, ``*`` ذ,
///   ``$`` ش, ``_`` tatweel, ``a u i o ~`` the harakat, sukun and shadda, ``F N K`` tanween,
///   a backtick ٰ, ``{`` ٱ);
/// * ``"safebw"``: Buckwalter with letters for its symbols (``C M O W I Q`` for ء آ أ ؤ إ ئ,
///   ``V`` ذ, ``c`` ش, ``e`` ٰ, ``L`` ٱ, and ``B`` for ڤ; ``_`` and ``~`` as in ``"bw"``);
/// * ``"xmlbw"``: Buckwalter without ``< > &`` (``O W I`` for أ ؤ إ);
/// * ``"hsb"``: Habash-Soudi-Buckwalter (``Ā Â ŵ Ă ŷ ħ θ ð š Ď ς γ ý`` for
///   آ أ ؤ إ ئ ة ث ذ ش ظ ع غ ى, ``ã ũ ĩ`` tanween, ``.`` sukun, ``á`` ٰ).
///
/// Each map covers the 36 letters U+0621–U+064A (hamza forms, ة and ى among them), tatweel,
/// the eight marks U+064B–U+0652, superscript alef U+0670, alef wasla ٱ and the Persian
/// letters پ چ ڤ گ: 51 characters. Every other character — digits (Arabic-Indic ones too),
/// punctuation, other marks, spaces, Latin, emoji — is kept as it is, and every character
/// becomes exactly one, so the result has the length of ``text``. The two directions of a
/// scheme are inverses: ``transliterate(transliterate(t, s), s, reverse=True) == t`` for every
/// ``t`` without the scheme's Latin letters.
///
/// ``ValueError`` for an unknown scheme (naming the valid ones) or a lone surrogate;
/// ``TypeError`` for a non-str.
///
/// ```python
/// >>> transliterate("كِتاب")
/// 'kitAb'
/// >>> transliterate("kitAb", reverse=True)
/// 'كِتاب'
/// >>> transliterate("شمس", "hsb")
/// 'šms'
/// ```
#[pyfunction]
#[pyo3(signature = (text, scheme=String::from("bw"), reverse=false), text_signature = "(text, scheme='bw', reverse=False)")]
pub(crate) fn transliterate<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    #[pyo3(from_py_with = scheme_arg)] scheme: String,
    #[pyo3(from_py_with = reverse_arg)] reverse: bool,
) -> PyResult<Bound<'py, PyString>> {
    let t = transliterator(&scheme, reverse)?;
    let text = text
        .cast::<PyString>()
        .map_err(|_| PyTypeError::new_err(format!("text must be str, not {}", type_name(text))))?;
    let view = units(text);
    let packed = if text.len()? < DETACH_LEN {
        transliterate_units(&t, view)
    } else {
        py.detach(|| transliterate_units(&t, view))
    };
    match packed {
        Ok(packed) => to_pystring(py, &packed),
        Err(at) => Err(surrogate_error("text", at)),
    }
}

/// :func:`transliterate` many texts on all cores without the GIL, in order; ``None`` and
/// NaN give ``None``. ``threads`` (or ``BARQ_NUM_THREADS``) caps the threads; 1 runs inline.
///
/// ``texts`` takes every form :meth:`Normalizer.normalize_batch` takes; Arrow texts (pyarrow
/// arrays and chunked arrays, Arrow-backed pandas Series) are read in place and the result is
/// Arrow in the form of the input, with its type (a Series keeps its index, name and
/// dtype).
#[pyfunction]
#[pyo3(signature = (texts, scheme=String::from("bw"), reverse=false, threads=None), text_signature = "(texts, scheme='bw', reverse=False, threads=None)")]
pub(crate) fn transliterate_batch<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    #[pyo3(from_py_with = scheme_arg)] scheme: String,
    #[pyo3(from_py_with = reverse_arg)] reverse: bool,
    threads: Option<i64>,
) -> PyResult<Bound<'py, PyAny>> {
    let t = transliterator(&scheme, reverse)?;
    let threads = threads_arg(threads)?;
    if let Some(input) = arrow_input(texts)? {
        let out = input.texts.data_type().clone();
        let pieces = py.detach(|| {
            input.texts.map_pieces(threads, |piece| {
                string_piece(&input.texts, piece, &out, |text, buffer| {
                    t.transliterate_into(text, buffer)
                })
            })
        })?;
        let result = input.texts.to_pyarrow(py, pieces, field("", out))?;
        return input.wrap(result);
    }
    let strs = batch_strs(texts)?;
    let views: Vec<Option<Units<'_>>> = strs.iter().map(|s| s.as_ref().map(units)).collect();
    let results = py
        .detach(|| {
            parallel::map(&views, threads, |view| {
                view.map(|view| transliterate_units(&t, view))
            })
        })
        .map_err(to_py_err)?;
    let objects = results
        .into_iter()
        .enumerate()
        .map(|(index, result)| match result {
            None => Ok(py.None().into_bound(py)),
            Some(Ok(packed)) => Ok(to_pystring(py, &packed)?.into_any()),
            Some(Err(at)) => Err(surrogate_error(&format!("texts[{index}]"), at)),
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyList::new(py, objects)?.into_any())
}

/// :func:`transliterate` ``text`` and keep the alignment with it, as
/// :meth:`Normalizer.align` does: ``aligned.text`` is the transliteration and
/// ``aligned.to_original(start, end)`` the span of ``text`` it came from. Each character
/// becomes one, so the alignment is the identity.
#[pyfunction]
#[pyo3(signature = (text, scheme=String::from("bw"), reverse=false), text_signature = "(text, scheme='bw', reverse=False)")]
pub(crate) fn transliterate_align(
    text: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = scheme_arg)] scheme: String,
    #[pyo3(from_py_with = reverse_arg)] reverse: bool,
) -> PyResult<PyAligned> {
    let t = transliterator(&scheme, reverse)?;
    let text = text_arg(text, "text")?;
    Ok(PyAligned {
        inner: t.align(&text),
    })
}
