//! Bindings of `crate::lexicon`: `Lexicon`.

use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString, PyTuple, PyType};

use super::common::{
    bytes_arg, path_arg, read_file, reduce_to_bytes, text_arg, threads_arg, to_py_err, write_file,
    TextBatch,
};

use crate::lexicon::Lexicon;

/// Word frequencies of written forms: a word as the text spells it, with diacritics,
/// tatweel and invisible controls removed, presentation forms made letters and Latin letters
/// lowercased; hamza, alef, alef maqsura and teh marbuta are kept as written, so ``المائة`` and
/// ``الماية`` are two forms with their own counts. Pickles, saves and loads (versioned and
/// checksummed), compares with ``==``.
#[pyclass(name = "Lexicon", module = "barq._barq", subclass)]
pub(crate) struct PyLexicon {
    pub(crate) inner: Arc<Lexicon>,
}

/// The shipped lexicon, `barq.Lexicon.default()` (loaded once by the Python side).
pub(crate) fn default_lexicon_of(py: Python<'_>) -> PyResult<Arc<Lexicon>> {
    let lexicon = py
        .import("barq.lexicon")?
        .getattr("Lexicon")?
        .call_method0("default")?;
    Ok(lexicon.cast::<PyLexicon>()?.borrow().inner.clone())
}

/// A `lexicon=` argument: a `barq.Lexicon`, or `None`.
pub(crate) fn lexicon_arg(lexicon: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Arc<Lexicon>>> {
    match lexicon.filter(|l| !l.is_none()) {
        None => Ok(None),
        Some(l) => match l.cast::<PyLexicon>() {
            Ok(l) => Ok(Some(l.borrow().inner.clone())),
            Err(_) => Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "lexicon must be a barq.Lexicon or None, not {}",
                l.get_type().name().map_or("?".into(), |n| n.to_string())
            ))),
        },
    }
}

fn with_inner<'py>(cls: &Bound<'py, PyType>, inner: Lexicon) -> PyResult<Bound<'py, PyAny>> {
    let obj = cls.call0()?;
    obj.cast::<PyLexicon>()?.borrow_mut().inner = Arc::new(inner);
    Ok(obj)
}

#[pymethods]
impl PyLexicon {
    #[new]
    fn new() -> Self {
        PyLexicon {
            inner: Arc::new(Lexicon::new()),
        }
    }

    /// Count the words of ``texts`` (an iterable of ``str | None``, a pandas Series or an
    /// Arrow string array) on all cores; forms seen fewer than ``min_count`` times are dropped
    /// (:attr:`total` still counts them).
    ///
    /// ```python
    /// >>> lexicon = Lexicon.from_texts(["الكتاب على الطاولة", "قرأت الكتاب"])
    /// >>> lexicon.count("الكتاب"), lexicon.total
    /// (2, 5)
    /// ```
    #[classmethod]
    #[pyo3(signature = (texts, threads=None, min_count=1))]
    fn from_texts<'py>(
        cls: &Bound<'py, PyType>,
        texts: &Bound<'py, PyAny>,
        threads: Option<i64>,
        min_count: u64,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "texts must be an iterable of str, not a single str",
            ));
        }
        let threads = threads_arg(threads)?;
        let batch = TextBatch::new(texts)?;
        let views = batch.views(threads)?;
        let inner = py
            .detach(|| {
                Lexicon::from_texts(views.iter().flatten().copied(), threads).map(|mut lex| {
                    lex.prune(min_count);
                    lex
                })
            })
            .map_err(to_py_err)?;
        with_inner(cls, inner)
    }

    /// How often ``word`` occurs (its written form is taken first).
    fn count(&self, word: &Bound<'_, PyAny>) -> PyResult<u64> {
        Ok(self.inner.count(&text_arg(word, "word")?))
    }

    /// Occurrences of ``word`` per million words counted.
    fn per_million(&self, word: &Bound<'_, PyAny>) -> PyResult<f64> {
        Ok(self.inner.per_million(&text_arg(word, "word")?))
    }

    /// The ``n`` most frequent forms (all without ``n``), most frequent first.
    #[pyo3(signature = (n=None))]
    fn most_common(&self, n: Option<usize>) -> Vec<(String, u64)> {
        self.inner
            .most_common(n.unwrap_or(usize::MAX))
            .into_iter()
            .map(|(w, c)| (w.to_string(), c))
            .collect()
    }

    /// The number of words counted.
    #[getter]
    fn total(&self) -> u64 {
        self.inner.total()
    }

    fn __getitem__(&self, word: &Bound<'_, PyAny>) -> PyResult<u64> {
        self.count(word)
    }

    fn __contains__(&self, word: &Bound<'_, PyAny>) -> PyResult<bool> {
        if !word.is_instance_of::<PyString>() {
            return Ok(false);
        }
        Ok(self.count(word)? > 0)
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// The lexicon as bytes (sorted forms with shared prefixes, varint counts).
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let lex = &self.inner;
        let bytes = py.detach(|| lex.to_bytes());
        PyBytes::new(py, &bytes)
    }

    /// Rebuild a lexicon from :meth:`to_bytes`; ``ValueError`` for foreign, truncated or
    /// corrupt data.
    #[classmethod]
    fn from_bytes<'py>(
        cls: &Bound<'py, PyType>,
        data: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        let raw = bytes_arg(data)?;
        let inner = py.detach(|| Lexicon::from_bytes(raw)).map_err(to_py_err)?;
        with_inner(cls, inner)
    }

    /// Write the lexicon to ``path``.
    fn save(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = path_arg)] path: std::path::PathBuf,
    ) -> PyResult<()> {
        let lex = &self.inner;
        write_file(py, &path, "lexicon", || lex.to_bytes())
    }

    /// Read a lexicon written by :meth:`save`.
    #[classmethod]
    fn load<'py>(
        cls: &Bound<'py, PyType>,
        #[pyo3(from_py_with = path_arg)] path: std::path::PathBuf,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        let bytes = read_file(py, &path, "lexicon")?;
        let inner = py
            .detach(|| Lexicon::from_bytes(&bytes))
            .map_err(|e| to_py_err(e.context(format_args!("cannot load lexicon {path:?}"))))?;
        with_inner(cls, inner)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let bytes = slf.borrow().to_bytes(slf.py());
        reduce_to_bytes(slf.as_any(), bytes)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyLexicon>().is_ok_and(|o| {
            let o = &o.borrow().inner;
            Arc::ptr_eq(o, &self.inner) || **o == *self.inner
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "Lexicon(<{} forms, {} words>)",
            self.inner.len(),
            self.inner.total()
        )
    }
}
