//! Conversions shared by every binding: input texts, errors, batches.

use pyo3::exceptions::{PyKeyError, PyOSError, PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyFloat, PyString};
use pyo3::{PyClass, PyClassInitializer};

use super::arrow::{is_arrow, ArrowTexts};

use crate::error::{Error, ErrorKind};

/// Turn a core error into the matching Python exception.
pub(crate) fn to_py_err(error: Error) -> PyErr {
    match error.kind() {
        ErrorKind::Io => PyOSError::new_err(error.message().to_string()),
        ErrorKind::Missing => PyKeyError::new_err(error.message().to_string()),
        // Value, Format and any kind added later
        _ => PyValueError::new_err(error.message().to_string()),
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

/// A `scheme=` argument: a scheme name (`TypeError` for a non-str). Used with
/// `#[pyo3(from_py_with = scheme_arg)]`; an unknown name is left for the caller, so that its
/// `ValueError` (listing the valid names) is not annotated by pyo3 as an argument error.
pub(crate) fn scheme_arg(scheme: &Bound<'_, PyAny>) -> PyResult<String> {
    let name = scheme.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!("scheme must be str, not {}", type_name(scheme)))
    })?;
    Ok(name.to_cow()?.into_owned())
}

/// One element of a batch as a `str` object: `None`, float NaN and `pandas.NA` are missing.
pub(crate) fn batch_str<'py>(
    obj: Bound<'py, PyAny>,
    index: usize,
) -> PyResult<Option<Bound<'py, PyString>>> {
    // The common case first: a str is none of the missing values below, and asking for the
    // type's name (the test for pandas.NA) costs a lookup and an allocation per item.
    if obj.is_instance_of::<PyString>() {
        // SAFETY: just checked.
        return Ok(Some(unsafe { obj.cast_into_unchecked() }));
    }
    if obj.is_none() {
        return Ok(None);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        if f.value().is_nan() {
            return Ok(None);
        }
    }
    // pandas.NA and other missing-value singletons
    if type_name(&obj) == "NAType" {
        return Ok(None);
    }
    obj.cast_into::<PyString>().map(Some).map_err(|e| {
        PyTypeError::new_err(format!(
            "texts[{index}] must be str or None, not {}",
            type_name(&e.into_inner())
        ))
    })
}

/// One element of a batch as UTF-8: `None` and float NaN (pandas' missing value) are missing.
pub(crate) fn batch_item(obj: &Bound<'_, PyAny>, index: usize) -> PyResult<Option<PyBackedStr>> {
    match batch_str(obj.clone(), index)? {
        Some(s) => text_arg(s.as_any(), &format!("texts[{index}]")).map(Some),
        None => Ok(None),
    }
}

/// The `str` objects of a batch call: any iterable of `str | None`.
pub(crate) fn batch_strs<'py>(
    texts: &Bound<'py, PyAny>,
) -> PyResult<Vec<Option<Bound<'py, PyString>>>> {
    let iter = batch_iter(texts)?;
    let mut out = Vec::with_capacity(texts.len().unwrap_or(0));
    for (index, item) in iter.enumerate() {
        out.push(batch_str(item?, index)?);
    }
    Ok(out)
}

fn batch_iter<'py>(texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, pyo3::types::PyIterator>> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "texts must be an iterable of str, not a single str; call the single-text method instead",
        ));
    }
    if texts.is_instance_of::<PyBytes>() || texts.is_instance_of::<PyByteArray>() {
        // iterable, but of ints: say what was passed rather than "texts[0] ... not int"
        return Err(PyTypeError::new_err(format!(
            "texts must be an iterable of str, not {}; decode it first",
            type_name(texts)
        )));
    }
    texts.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "texts must be an iterable of str or None, not {}",
            type_name(texts)
        ))
    })
}

/// The texts of a batch call: any iterable of `str | None`.
pub(crate) fn batch_texts(texts: &Bound<'_, PyAny>) -> PyResult<Vec<Option<PyBackedStr>>> {
    let iter = batch_iter(texts)?;
    let mut out = Vec::with_capacity(texts.len().unwrap_or(0));
    for (index, item) in iter.enumerate() {
        out.push(batch_item(&item?, index)?);
    }
    Ok(out)
}

/// The texts of a batch call with the `str` objects themselves, for bindings that slice the
/// originals (a substring of a `str` copies code points instead of decoding UTF-8).
#[allow(clippy::type_complexity)]
pub(crate) fn batch_texts_with_objects<'py>(
    texts: &Bound<'py, PyAny>,
) -> PyResult<Vec<Option<(Bound<'py, PyString>, PyBackedStr)>>> {
    batch_strs(texts)?
        .into_iter()
        .enumerate()
        .map(|(index, s)| match s {
            Some(s) => {
                let backed = text_arg(s.as_any(), &format!("texts[{index}]"))?;
                Ok(Some((s, backed)))
            }
            None => Ok(None),
        })
        .collect()
}

/// The texts of a batch call that came as Arrow, and the pandas Series they came from.
pub(crate) struct ArrowInput<'py> {
    pub(crate) texts: ArrowTexts,
    /// The pandas Series whose Arrow values these are (its index and name go to the result).
    pub(crate) series: Option<Bound<'py, PyAny>>,
}

/// Is `obj` a pandas object of one of `type_names` (without importing pandas)?
fn is_pandas(obj: &Bound<'_, PyAny>, type_names: &[&str]) -> PyResult<bool> {
    let ty = obj.get_type();
    let module = ty.module()?.to_string();
    if module != "pandas" && !module.starts_with("pandas.") {
        return Ok(false);
    }
    Ok(type_names.contains(&ty.name()?.to_string().as_str()))
}

/// For a pandas extension array whose values are Arrow (the pandas 3 `str` dtype,
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
    if !arrow_backed {
        return Ok(None);
    }
    // The extension array keeps its chunked array in `_pa_array`; `__arrow_array__` returns
    // that same object (the Series' own `__arrow_c_stream__` would concatenate the chunks).
    Ok(Some(values.call_method0(intern!(py, "__arrow_array__"))?))
}

/// The texts of a batch call when they are Arrow: a pyarrow (or other Arrow PyCapsule) array
/// or chunked array, or a pandas Series or array holding Arrow strings. `None` for every other
/// input, which goes through the `str` path.
pub(crate) fn arrow_input<'py>(texts: &Bound<'py, PyAny>) -> PyResult<Option<ArrowInput<'py>>> {
    let py = texts.py();
    if is_pandas(texts, &["Series"])? {
        let values = texts.getattr(intern!(py, "array"))?;
        return Ok(match pandas_arrow_values(&values)? {
            Some(chunked) => Some(ArrowInput {
                texts: ArrowTexts::import(&chunked)?,
                series: Some(texts.clone()),
            }),
            None => None,
        });
    }
    if is_pandas(texts, &["ArrowExtensionArray", "ArrowStringArray"])? {
        if let Some(chunked) = pandas_arrow_values(texts)? {
            return Ok(Some(ArrowInput {
                texts: ArrowTexts::import(&chunked)?,
                series: None,
            }));
        }
    }
    if !texts.is_instance_of::<PyString>() && is_arrow(texts)? {
        return Ok(Some(ArrowInput {
            texts: ArrowTexts::import(texts)?,
            series: None,
        }));
    }
    Ok(None)
}

/// `texts` (an iterable of `str | None`) as a `pyarrow.Array` of large_string, for `arrow=True`;
/// a pandas Series keeps its index and name.
pub(crate) fn to_arrow_input<'py>(texts: &Bound<'py, PyAny>) -> PyResult<ArrowInput<'py>> {
    let py = texts.py();
    let series = is_pandas(texts, &["Series"])?.then(|| texts.clone());
    let pa = py.import(intern!(py, "pyarrow"))?;
    let list = batch_strs(texts)?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("type", pa.call_method0(intern!(py, "large_string"))?)?;
    let array = pa
        .getattr(intern!(py, "array"))?
        .call((list,), Some(&kwargs))?;
    Ok(ArrowInput {
        texts: ArrowTexts::import(&array)?,
        series,
    })
}

impl<'py> ArrowInput<'py> {
    /// Give an Arrow result the form of the input: a pandas Series with the input's index and
    /// name for a Series (its dtype `str` for strings, else `pandas.ArrowDtype`), else the
    /// pyarrow object as it is.
    pub(crate) fn wrap(&self, values: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        match &self.series {
            Some(series) => {
                let py = values.py();
                py.import(intern!(py, "barq._batch"))?
                    .getattr(intern!(py, "series_result"))?
                    .call1((series, values))
            }
            None => Ok(values),
        }
    }
}

/// The texts of a batch call that only reads them: Arrow input read in place, anything else
/// as an iterable of `str | None`.
pub(crate) enum TextBatch<'py> {
    Arrow(ArrowInput<'py>),
    Strs(Vec<Option<PyBackedStr>>),
}

impl<'py> TextBatch<'py> {
    pub(crate) fn new(texts: &Bound<'py, PyAny>) -> PyResult<Self> {
        Ok(match arrow_input(texts)? {
            Some(input) => TextBatch::Arrow(input),
            None => TextBatch::Strs(batch_texts(texts)?),
        })
    }

    /// The texts as `&str` (`None` where missing).
    pub(crate) fn views(&self, threads: Option<usize>) -> PyResult<Vec<Option<&str>>> {
        match self {
            TextBatch::Arrow(input) => input.texts.views(threads),
            TextBatch::Strs(texts) => Ok(texts.iter().map(|t| t.as_deref()).collect()),
        }
    }
}

/// A `data` argument that must be `bytes`.
pub(crate) fn bytes_arg<'a>(data: &'a Bound<'_, PyAny>) -> PyResult<&'a [u8]> {
    data.cast::<pyo3::types::PyBytes>()
        .map(|b| b.as_bytes())
        .map_err(|_| PyTypeError::new_err(format!("data must be bytes, not {}", type_name(data))))
}

/// `__reduce__` of a class that pickles as its bytes: `(type(obj).from_bytes, (bytes,))`.
pub(crate) fn reduce_to_bytes<'py>(
    obj: &Bound<'py, PyAny>,
    bytes: Bound<'py, pyo3::types::PyBytes>,
) -> PyResult<Bound<'py, pyo3::types::PyTuple>> {
    let py = obj.py();
    let rebuild = obj.get_type().getattr("from_bytes")?;
    pyo3::types::PyTuple::new(
        py,
        [rebuild, pyo3::types::PyTuple::new(py, [bytes])?.into_any()],
    )
}

/// The bytes of the file at `path`, read without the GIL (`what` names the file in errors).
pub(crate) fn read_file(py: Python<'_>, path: &std::path::Path, what: &str) -> PyResult<Vec<u8>> {
    py.detach(|| std::fs::read(path))
        .map_err(|e| io_error(py, e, format!("cannot read {what} {path:?}")))
}

/// An `OSError` of the subclass Python gives `error`'s kind (`FileNotFoundError`,
/// `IsADirectoryError`, `PermissionError`, ...), with `context` before the reason.
pub(crate) fn io_error(py: Python<'_>, error: std::io::Error, context: String) -> PyErr {
    let message = format!("{context}: {error}");
    let kind = PyErr::from(error).get_type(py);
    PyErr::from_type(kind, message)
}

/// A `path` argument: a `str` or `os.PathLike` (`TypeError` naming the type otherwise). Used
/// with `#[pyo3(from_py_with = path_arg)]`.
pub(crate) fn path_arg(path: &Bound<'_, PyAny>) -> PyResult<std::path::PathBuf> {
    if path.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(
            "path must be str or os.PathLike, not bytes (data to load goes to from_bytes)",
        ));
    }
    path.extract().map_err(|_| {
        PyTypeError::new_err(format!(
            "path must be str or os.PathLike, not {}",
            type_name(path)
        ))
    })
}

/// Write `bytes` (made without the GIL) to the file at `path`.
pub(crate) fn write_file(
    py: Python<'_>,
    path: &std::path::Path,
    what: &str,
    bytes: impl FnOnce() -> Vec<u8> + Send,
) -> PyResult<()> {
    py.detach(|| replace_file(path, &bytes()))
        .map_err(|e| io_error(py, e, format!("cannot write {what} to {path:?}")))
}

/// How many threads a batch call with `threads` would use: checks `threads=` and
/// `BARQ_NUM_THREADS` as every batch call does, for the Python wrappers that may have no batch
/// to hand to the core (an empty input file, a column of nulls).
#[pyfunction]
#[pyo3(signature = (threads=None))]
pub(crate) fn _resolve_threads(threads: Option<i64>) -> PyResult<usize> {
    crate::parallel::resolve_threads(threads_arg(threads)?).map_err(to_py_err)
}

/// Write `bytes` to a new file beside `path` and rename it over `path`, so that a process that
/// has the old file mapped (`Gazetteer.load(path, mmap=True)`) keeps reading the old contents
/// and no reader ever sees half a file.
fn replace_file(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path names no file")
    })?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = path.with_file_name(temp_name);
    let written = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
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

/// Pauses Python's cyclic garbage collector while a batch call builds many result objects.
///
/// Every pyclass instance is tracked by the collector, so building half a million `Token`s
/// would run hundreds of collections over objects that can never form a cycle (they hold only
/// strings); pausing makes building them about three times faster. The collector is switched
/// back on when the guard is dropped, also on error, if it was on before.
pub(crate) struct GcPause<'py> {
    gc: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    /// Pause the collector when `objects` results are about to be built (only for many).
    pub(crate) fn new(py: Python<'py>, objects: usize) -> Self {
        if objects < 2000 {
            return GcPause { gc: None };
        }
        let gc = py.import("gc").ok().filter(|gc| {
            gc.call_method0("isenabled")
                .and_then(|on| on.extract::<bool>())
                .unwrap_or(false)
        });
        if let Some(gc) = &gc {
            if gc.call_method0("disable").is_err() {
                return GcPause { gc: None };
            }
        }
        GcPause { gc }
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc {
            // Re-enabling cannot fail in CPython; if it did, there is nothing better to do.
            let _ = gc.call_method0("enable");
        }
    }
}

/// Create a pyclass instance that the garbage collector does not track.
///
/// Only for classes whose instances hold no references to Python containers (Rust data and
/// `str` objects only), which therefore can never be part of a reference cycle: the collector
/// would only spend time traversing them, and with millions of matches or tokens it does.
pub(crate) fn untracked<'py, T: PyClass>(py: Python<'py>, value: T) -> PyResult<Bound<'py, T>>
where
    PyClassInitializer<T>: From<T>,
{
    let obj = Bound::new(py, value)?;
    // SAFETY: `obj` is a new, live, GC-tracked object of a class whose instances cannot form
    // cycles (see above); untracking it only stops the collector from visiting it.
    unsafe { pyo3::ffi::PyObject_GC_UnTrack(obj.as_ptr().cast()) };
    Ok(obj)
}

/// `original[start:end]`: copies code points, no UTF-8 decoding.
pub(crate) fn substring<'py>(
    original: &Bound<'py, PyString>,
    start: usize,
    end: usize,
) -> PyResult<Bound<'py, PyString>> {
    // SAFETY: `original` is a live str and callers pass offsets within it, so
    // 0 <= start <= end <= len(original); the new reference is owned by the returned Bound.
    unsafe {
        let ptr = ffi::PyUnicode_Substring(
            original.as_ptr(),
            start as ffi::Py_ssize_t,
            end as ffi::Py_ssize_t,
        );
        Ok(Bound::from_owned_ptr_or_err(original.py(), ptr)?.cast_into_unchecked())
    }
}
