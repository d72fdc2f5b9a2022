//! Conversions shared by every binding: input texts, errors, batches.

use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyFloat, PyList, PyString};

use super::arrow::{is_arrow, ArrowTexts};

use crate::error::{Error, ErrorKind};

/// Turn a core error into the matching Python exception.
pub(crate) fn to_py_err(error: Error) -> PyErr {
    match error.kind() {
        ErrorKind::Value => PyValueError::new_err(error.message().to_string()),
        ErrorKind::Io => PyOSError::new_err(error.message().to_string()),
    }
}

/// The Python type name of `obj`, for error messages.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_string())
}

/// The code-point index of the first lone surrogate of `s`, if it has one.
fn lone_surrogate_position(s: &Bound<'_, PyString>) -> Option<usize> {
    let encoded = s
        .call_method1("encode", ("utf-32-le", "surrogatepass"))
        .ok()?;
    let bytes: Vec<u8> = encoded.extract().ok()?;
    bytes.chunks_exact(4).position(|unit| {
        let cp = u32::from_le_bytes([unit[0], unit[1], unit[2], unit[3]]);
        (0xD800..=0xDFFF).contains(&cp)
    })
}

/// A `str` argument as UTF-8 without copying it.
///
/// `what` names the argument in messages ("text", "texts[3]").
pub(crate) fn text_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<PyBackedStr> {
    let s = obj
        .cast::<PyString>()
        .map_err(|_| PyTypeError::new_err(format!("{what} must be str, not {}", type_name(obj))))?;
    match PyBackedStr::try_from(s.clone()) {
        Ok(backed) => Ok(backed),
        Err(_) => Err(PyValueError::new_err(match lone_surrogate_position(s) {
            Some(at) => format!(
                "{what} has a lone surrogate at position {at}; it cannot be encoded as UTF-8"
            ),
            None => format!("{what} cannot be encoded as UTF-8"),
        })),
    }
}

/// One element of a batch: `None` and float NaN (pandas' missing value) are missing.
pub(crate) fn batch_item(obj: &Bound<'_, PyAny>, index: usize) -> PyResult<Option<PyBackedStr>> {
    if obj.is_none() {
        return Ok(None);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        if f.value().is_nan() {
            return Ok(None);
        }
    }
    if obj.is_instance_of::<PyString>() {
        return text_arg(obj, &format!("texts[{index}]")).map(Some);
    }
    // pandas.NA and other missing-value singletons
    if type_name(obj) == "NAType" {
        return Ok(None);
    }
    Err(PyTypeError::new_err(format!(
        "texts[{index}] must be str or None, not {}",
        type_name(obj)
    )))
}

/// The texts of a batch call from any iterable of `str | None`.
fn iterate_texts(texts: &Bound<'_, PyAny>) -> PyResult<Vec<Option<PyBackedStr>>> {
    let iter = texts.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "texts must be an iterable of str or None, not {}",
            type_name(texts)
        ))
    })?;
    let mut out = Vec::with_capacity(texts.len().unwrap_or(0));
    for (index, item) in iter.enumerate() {
        out.push(batch_item(&item?, index)?);
    }
    Ok(out)
}

/// Where the texts of a batch live.
enum Storage {
    /// Borrowed Python `str` objects.
    Python(Vec<Option<PyBackedStr>>),
    /// Arrow string buffers, read in place.
    Arrow(ArrowTexts),
}

/// The texts of a batch call, with what is needed to give the results the input's form.
pub(crate) struct Batch<'py> {
    storage: Storage,
    /// The pandas Series the texts came from (its index, name and dtype go to the result).
    series: Option<Bound<'py, PyAny>>,
}

/// Is `obj` a pandas object (without importing pandas)?
fn is_pandas(obj: &Bound<'_, PyAny>, type_names: &[&str]) -> PyResult<bool> {
    let ty = obj.get_type();
    let module = ty.module()?.to_string();
    if module != "pandas" && !module.starts_with("pandas.") {
        return Ok(false);
    }
    Ok(type_names.contains(&ty.name()?.to_string().as_str()))
}

/// For a pandas Series or extension array whose values are Arrow (the pandas 3 `str` dtype,
/// `string[pyarrow]`, `ArrowDtype`): the `pyarrow.ChunkedArray` it holds, shared, not copied.
fn pandas_arrow_values<'py>(values: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
    let py = values.py();
    let dtype = values.getattr(intern!(py, "dtype"))?;
    let arrow_backed = match type_name(&dtype).as_str() {
        "ArrowDtype" => true,
        "StringDtype" => dtype
            .getattr(intern!(py, "storage"))
            .and_then(|s| s.extract::<String>())
            .is_ok_and(|s| s == "pyarrow"),
        _ => false,
    };
    if !arrow_backed || !values.hasattr(intern!(py, "__arrow_array__"))? {
        return Ok(None);
    }
    // ArrowExtensionArray.__arrow_array__ returns the chunked array it wraps. (The Series'
    // own __arrow_c_stream__ goes through pyarrow.array(), which concatenates the chunks.)
    Ok(Some(values.call_method0(intern!(py, "__arrow_array__"))?))
}

/// Read the `texts` argument of a batch call: an iterable of `str | None`, a pandas Series, or
/// an Arrow string array or chunked array.
pub(crate) fn batch<'py>(texts: &Bound<'py, PyAny>) -> PyResult<Batch<'py>> {
    let py = texts.py();
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "texts must be an iterable of str, not a single str; call the single-text method instead",
        ));
    }
    if is_pandas(texts, &["Series"])? {
        let values = texts.getattr(intern!(py, "array"))?;
        let storage = match pandas_arrow_values(&values)? {
            Some(chunked) => Storage::Arrow(ArrowTexts::import(&chunked)?),
            None => Storage::Python(iterate_texts(texts)?),
        };
        return Ok(Batch {
            storage,
            series: Some(texts.clone()),
        });
    }
    let storage = if let Some(chunked) =
        is_pandas(texts, &["ArrowExtensionArray", "ArrowStringArray"])?
            .then(|| pandas_arrow_values(texts))
            .transpose()?
            .flatten()
    {
        Storage::Arrow(ArrowTexts::import(&chunked)?)
    } else if is_arrow(texts)? {
        Storage::Arrow(ArrowTexts::import(texts)?)
    } else {
        Storage::Python(iterate_texts(texts)?)
    };
    Ok(Batch {
        storage,
        series: None,
    })
}

impl<'py> Batch<'py> {
    /// Every text as a borrowed `&str`; missing values are `None`.
    pub(crate) fn texts(&self) -> Vec<Option<&str>> {
        match &self.storage {
            Storage::Python(texts) => texts.iter().map(|t| t.as_deref()).collect(),
            Storage::Arrow(arrow) => arrow.views(),
        }
    }

    /// One string result per text in the form of the input: a pandas Series with the input's
    /// index for a Series, a pyarrow array for Arrow input, else a list.
    pub(crate) fn strings_result(
        &self,
        py: Python<'py>,
        results: Vec<Option<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let values = match (&self.storage, &self.series) {
            (Storage::Arrow(arrow), Some(_)) => arrow.strings_to_chunked(py, results)?,
            (Storage::Arrow(arrow), None) => return arrow.strings_to_python(py, results),
            (Storage::Python(_), _) => PyList::new(py, results)?.into_any(),
        };
        match &self.series {
            Some(series) => py
                .import(intern!(py, "barq._batch"))?
                .getattr(intern!(py, "series_result"))?
                .call1((series, values)),
            None => Ok(values),
        }
    }
}

/// A `threads=` argument: `None` or a positive integer.
pub(crate) fn threads_arg(threads: Option<i64>) -> PyResult<Option<usize>> {
    match threads {
        None => Ok(None),
        Some(n) if n >= 1 => Ok(Some(n as usize)),
        Some(n) => Err(PyValueError::new_err(format!(
            "threads must be a positive integer or None, not {n}"
        ))),
    }
}

/// Converts byte offsets of one text to Python code-point offsets.
pub(crate) struct CharOffsets<'a> {
    text: &'a str,
    /// Sorted byte offsets and their code-point offsets; empty for ASCII text.
    table: Vec<(usize, usize)>,
    ascii: bool,
}

impl<'a> CharOffsets<'a> {
    /// Prepare to convert the byte offsets in `offsets` (any order) of `text`.
    pub(crate) fn new(text: &'a str, mut offsets: Vec<usize>) -> Self {
        if text.is_ascii() {
            return CharOffsets {
                text,
                table: Vec::new(),
                ascii: true,
            };
        }
        offsets.sort_unstable();
        offsets.dedup();
        let mut table = Vec::with_capacity(offsets.len());
        let mut chars = 0;
        let mut last = 0;
        for byte in offsets {
            chars += text[last..byte].chars().count();
            last = byte;
            table.push((byte, chars));
        }
        CharOffsets {
            text,
            table,
            ascii: false,
        }
    }

    /// The code-point offset of byte offset `byte` (fast for those given to `new`).
    pub(crate) fn get(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        match self.table.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(i) => self.table[i].1,
            Err(_) => self.text[..byte].chars().count(),
        }
    }
}
