//! Bindings of `crate::stem`: `Stemmer`.

use std::borrow::Cow;

use std::sync::Arc;

use arrow_array::builder::LargeStringBuilder;
use arrow_array::ArrayRef;
use arrow_schema::DataType;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};

use super::arrow::{field, item_field, list_piece, string_piece, ItemColumns};
use super::common::{
    arrow_input, batch_texts, batch_texts_with_objects, scheme_arg, text_arg, threads_arg,
    to_arrow_input, to_py_err, ArrowInput,
};
use crate::parallel;
use crate::stem::{Scheme, Stemmer};
use crate::text::py_repr;

/// Texts at least this long are cut into stems without the GIL.
const DETACH_LEN: usize = 1 << 16;

/// The `str` of the stem of `word`: `original` (the `str` of `word`) itself when the stem is
/// all of the word, unchanged, else a new `str`.
fn stem_object<'py>(
    py: Python<'py>,
    original: Option<&Bound<'py, PyString>>,
    word: &str,
    stem: Cow<'_, str>,
) -> Bound<'py, PyString> {
    match (original, stem) {
        // a borrowed stem is a slice of the word: of its length, it is the word
        (Some(original), Cow::Borrowed(s)) if s.len() == word.len() => original.clone(),
        (_, stem) => PyString::new(py, &stem),
    }
}

/// The stems of the texts of an Arrow batch, in a list per text.
struct StemColumns<'s> {
    stemmer: &'s Stemmer,
    stems: LargeStringBuilder,
}

impl ItemColumns for StemColumns<'_> {
    fn push_text(&mut self, text: &str) -> usize {
        let stems = self.stemmer.stems(text);
        for stem in &stems {
            self.stems.append_value(stem);
        }
        stems.len()
    }

    fn finish(mut self) -> ArrayRef {
        Arc::new(self.stems.finish())
    }
}

/// The list of the stems of one text.
fn stems_list<'py>(py: Python<'py>, stems: &[Cow<'_, str>]) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, stems.iter().map(|s| PyString::new(py, s)))
}

/// A light stemmer (see the stubs for the user documentation).
#[pyclass(name = "Stemmer", module = "barq._barq", frozen)]
pub(crate) struct PyStemmer {
    inner: Stemmer,
}

impl PyStemmer {
    /// The stems of `words` (`None` where missing) as a list; `originals`, when given, are
    /// the `str` objects of the words, handed back for the words that are their own stem.
    fn stem_list<'py>(
        &self,
        py: Python<'py>,
        words: &[Option<&str>],
        originals: Option<&[Option<Bound<'py, PyString>>]>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let inner = &self.inner;
        let stems = py
            .detach(|| parallel::map(words, threads, |w| w.map(|w| inner.stem(w))))
            .map_err(to_py_err)?;
        let objects = stems.into_iter().enumerate().map(|(i, stem)| match stem {
            Some(stem) => {
                let original = originals.and_then(|o| o[i].as_ref());
                stem_object(py, original, words[i].unwrap_or_default(), stem).into_any()
            }
            None => py.None().into_bound(py),
        });
        Ok(PyList::new(py, objects)?.into_any())
    }

    /// The stems of the tokens of each of `texts` (`None` where missing) as lists.
    fn stems_lists<'py>(
        &self,
        py: Python<'py>,
        texts: &[Option<&str>],
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let inner = &self.inner;
        let stems = py
            .detach(|| parallel::map(texts, threads, |t| t.map(|t| inner.stems(t))))
            .map_err(to_py_err)?;
        let lists = stems
            .iter()
            .map(|stems| match stems {
                Some(stems) => Ok(stems_list(py, stems)?.into_any()),
                None => Ok(py.None().into_bound(py)),
            })
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, lists)?.into_any())
    }

    /// The stems of Arrow words as Arrow of the input's type and form.
    fn stem_arrow<'py>(
        &self,
        py: Python<'py>,
        input: &ArrowInput<'py>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let texts = &input.texts;
        let out = texts.data_type().clone();
        let inner = &self.inner;
        let pieces = py.detach(|| {
            texts.map_pieces(threads, |piece| {
                string_piece(texts, piece, &out, |word, buffer| {
                    inner.stem_into(word, buffer)
                })
            })
        })?;
        let result = texts.to_pyarrow(py, pieces, field("", out))?;
        input.wrap(result)
    }
}

#[pymethods]
impl PyStemmer {
    #[new]
    #[pyo3(signature = (scheme=String::from("lucene")), text_signature = "(scheme='lucene')")]
    fn new(#[pyo3(from_py_with = scheme_arg)] scheme: String) -> PyResult<Self> {
        Ok(PyStemmer {
            inner: Stemmer::from_name(&scheme).map_err(to_py_err)?,
        })
    }

    /// Every scheme name.
    #[staticmethod]
    fn schemes() -> Vec<&'static str> {
        Scheme::ALL.iter().map(|s| s.as_str()).collect()
    }

    #[getter]
    fn scheme(&self) -> &'static str {
        self.inner.scheme().as_str()
    }

    fn stem<'py>(&self, word: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyString>> {
        let text = text_arg(word, "word")?;
        let stem = self.inner.stem(&text);
        Ok(stem_object(
            word.py(),
            word.cast::<PyString>().ok(),
            &text,
            stem,
        ))
    }

    fn __call__<'py>(&self, word: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyString>> {
        self.stem(word)
    }

    fn stems<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let text = text_arg(text, "text")?;
        let inner = &self.inner;
        let stems = if text.len() < DETACH_LEN {
            inner.stems(&text)
        } else {
            py.detach(|| inner.stems(&text))
        };
        stems_list(py, &stems)
    }

    #[pyo3(signature = (words, threads=None, arrow=None))]
    fn stem_batch<'py>(
        &self,
        py: Python<'py>,
        words: &Bound<'py, PyAny>,
        threads: Option<i64>,
        arrow: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let threads = threads_arg(threads)?;
        let input = match (arrow_input(words)?, arrow) {
            (Some(input), Some(false)) => {
                let views = input.texts.views(threads)?;
                return self.stem_list(py, &views, None, threads);
            }
            (Some(input), _) => input,
            (None, Some(true)) => to_arrow_input(words)?,
            (None, _) => {
                let (originals, texts): (Vec<_>, Vec<_>) = batch_texts_with_objects(words)?
                    .into_iter()
                    .map(|item| match item {
                        Some((object, text)) => (Some(object), Some(text)),
                        None => (None, None),
                    })
                    .unzip();
                let views: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
                return self.stem_list(py, &views, Some(&originals), threads);
            }
        };
        self.stem_arrow(py, &input, threads)
    }

    #[pyo3(signature = (texts, threads=None, arrow=None))]
    fn stems_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<i64>,
        arrow: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let threads = threads_arg(threads)?;
        let input = match (arrow_input(texts)?, arrow) {
            (Some(input), Some(false)) => {
                let views = input.texts.views(threads)?;
                return self.stems_lists(py, &views, threads);
            }
            (Some(input), _) => input,
            (None, Some(true)) => to_arrow_input(texts)?,
            (None, _) => {
                let texts = batch_texts(texts)?;
                let views: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
                return self.stems_lists(py, &views, threads);
            }
        };
        let inner = &self.inner;
        let arrow_texts = &input.texts;
        let pieces = py.detach(|| {
            arrow_texts.map_pieces(threads, |piece| {
                let columns = StemColumns {
                    stemmer: inner,
                    stems: LargeStringBuilder::new(),
                };
                list_piece(arrow_texts, piece, columns)
            })
        })?;
        let list = DataType::List(item_field(DataType::LargeUtf8));
        let result = arrow_texts.to_pyarrow(py, pieces, field("", list))?;
        input.wrap(result)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let args = PyTuple::new(py, [slf.get().scheme()])?;
        PyTuple::new(py, [slf.get_type().into_any(), args.into_any()])
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyStemmer>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.scheme().hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        format!("Stemmer(scheme={})", py_repr(self.scheme()))
    }
}
