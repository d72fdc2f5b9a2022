//! Bindings of `crate::stem`: `Stemmer`.

use std::borrow::Cow;
use std::sync::Arc;

use arrow_array::builder::LargeStringBuilder;
use arrow_array::ArrayRef;
use arrow_schema::DataType;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};

use super::arrow::{field, item_field, list_piece, string_piece, ItemColumns};
use super::common::{
    arrow_input, batch_strs, batch_texts, scheme_arg, substring, text_arg, threads_arg,
    to_arrow_input, to_py_err, type_name, ArrowInput,
};
use super::lexicon::{default_lexicon_of, lexicon_arg, PyLexicon};
use super::pystr::{pack, pack_bmp, surrogate_error, to_pystring, to_utf8, units, Packed, Units};
use crate::parallel;
use crate::stem::{Scheme, Stemmer, UnitStem};
use crate::text::py_repr;

/// Texts at least this long are cut into stems without the GIL.
const DETACH_LEN: usize = 1 << 16;

/// What stemming one `str` gave, worked out without the GIL.
enum Outcome {
    /// The word was missing (`None`, NaN).
    Missing,
    /// The word is its own stem.
    Same,
    /// The stem is the word's code points `start..end`.
    Slice(usize, usize),
    /// The stem is a new string.
    Packed(Packed),
    /// A lone surrogate at this position.
    Surrogate(usize),
}

/// The outcome of a stem of UTF-16 code units: `len` units of the word, rewritten into
/// `scratch` when [`UnitStem::Normalized`].
fn unit_outcome(stem: UnitStem, len: usize, mut scratch: Vec<u16>) -> Outcome {
    match stem {
        UnitStem::Slice(range) if range.start == 0 && range.end == len => Outcome::Same,
        UnitStem::Slice(range) => Outcome::Slice(range.start, range.end),
        UnitStem::Normalized(range) => {
            scratch.truncate(range.end);
            scratch.drain(..range.start);
            let bits = scratch.iter().fold(0, |bits, &u| bits | u32::from(u));
            Outcome::Packed(pack_bmp(scratch, bits))
        }
    }
}

/// Stem a `str` from its own storage: code units in, code units out, for the one- and
/// two-byte kinds (a two-byte `str` holds no surrogate pair, so its units are UTF-16).
fn stem_view(stemmer: &Stemmer, view: Units<'_>) -> Outcome {
    let mut scratch = Vec::new();
    match view {
        Units::Two(units) => {
            if let Some(at) = units.iter().position(|u| (0xD800..=0xDFFF).contains(u)) {
                return Outcome::Surrogate(at);
            }
            let stem = stemmer.stem_utf16(units, &mut scratch);
            unit_outcome(stem, units.len(), scratch)
        }
        Units::One(bytes) => {
            let units: Vec<u16> = bytes.iter().map(|&b| u16::from(b)).collect();
            let stem = stemmer.stem_utf16(&units, &mut scratch);
            unit_outcome(stem, units.len(), scratch)
        }
        Units::Four(_) => {
            let mut text = String::new();
            if let Err(at) = to_utf8(view, &mut text) {
                return Outcome::Surrogate(at);
            }
            match stemmer.stem(&text) {
                Cow::Borrowed(stem) if stem.len() == text.len() => Outcome::Same,
                stem => Outcome::Packed(pack(&stem)),
            }
        }
    }
}

/// The `str` of an outcome for the word `original` (`None` for a missing one); `what` names
/// the word in errors.
fn outcome_object<'py>(
    py: Python<'py>,
    outcome: Outcome,
    original: Option<&Bound<'py, PyString>>,
    what: impl FnOnce() -> String,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match (outcome, original) {
        (Outcome::Same, Some(original)) => original.clone().into_any(),
        (Outcome::Slice(start, end), Some(original)) => substring(original, start, end)?.into_any(),
        (Outcome::Packed(packed), _) => to_pystring(py, &packed)?.into_any(),
        (Outcome::Surrogate(at), _) => return Err(surrogate_error(&what(), at)),
        (Outcome::Missing | Outcome::Same | Outcome::Slice(..), _) => py.None().into_bound(py),
    })
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

/// A light stemmer: strips the affixes of Arabic words by the rules of a named scheme.
///
/// ``Stemmer(scheme="lucene", lexicon=None)``. Two schemes:
///
/// * ``"lucene"``: exactly Lucene's ``ArabicNormalizer`` followed by its ``ArabicStemmer``
///   (``org.apache.lucene.analysis.ar``), the ``arabic_normalization`` + ``arabic_stem``
///   filters of Elasticsearch and Solr, so an index can be reproduced offline. Normalization
///   turns ``آ أ إ`` into ``ا``, ``ى`` into ``ي`` and ``ة`` into ``ه``, and removes tatweel and
///   the eight harakat U+064B–U+0652 (nothing else: ``ٱ``, ``ؤ``, ``ئ`` and U+0670 stay). Then
///   at most one prefix goes, the first of ``ال وال بال كال فال لل و`` that the word starts
///   with, when two letters remain (three for ``و``); then each of the suffixes
///   ``ها ان ات ون ين يه ية ه ة ي``, in that order and once each, goes when the word ends with
///   it and two letters remain. Lengths are counted after normalization, in UTF-16 code
///   units as Java counts them. ``والد`` becomes ``الد`` (too short for ``وال``, long enough
///   for ``و``) and ``بكين`` becomes ``بك``: the rules know no words. Other scripts pass through.
/// * ``"barq"``: barq's own, which knows words. Diacritics, tatweel and controls go; then the
///   clitics the ATB segmenter finds (see :class:`Tokenizer`), with the letters the spelling
///   merged restored; then the article (not in ``الذي``, ``الله`` …); then at most one suffix,
///   only onto a word ``lexicon`` (default: the shipped :meth:`Lexicon.default`) knows: plural
///   ``ات`` (``ترشيحات`` → ``ترشيح``, else the singular in ``ة``), dual ``تان``/``تين``,
///   ``ون``/``ين``/``ان`` when the partner ending is attested too (``معلمون`` → ``معلم``; not
///   ``لبنان``), ``ة`` (``الجديدة`` → ``جديد``), and a verb's ``وا`` or ``ت`` (``أعلنت`` →
///   ``أعلن``). ``حكومتها``, ``للحكومة`` and ``الحكومات`` all give ``حكومة``; ``بيروت``,
///   ``لندن`` and ``والد`` stay. Latin is lowercased; Arabic letters are not folded (``أ`` stays
///   ``أ``): normalize first for a folded stem.
///
/// ``ValueError`` for an unknown scheme (listing the valid names), ``TypeError`` for a
/// scheme that is not a ``str``. Stemmers are immutable, pickle, compare with ``==`` and hash.
///
/// ```python
/// >>> Stemmer().stem("والمكتبات")
/// 'مكتب'
/// >>> Stemmer("barq").stems("والمعلمون في مدارسهم")
/// ['معلم', 'في', 'مدارس']
/// ```
#[pyclass(name = "Stemmer", module = "barq._barq", frozen)]
pub(crate) struct PyStemmer {
    inner: Stemmer,
    /// Whether a `"barq"` stemmer uses the shipped lexicon (pickled as `None`, not as counts).
    default_lexicon: bool,
}

impl PyStemmer {
    /// The stems of the `str`s of a batch (`None` where missing) as a list.
    fn stem_strs<'py>(
        &self,
        py: Python<'py>,
        words: &[Option<Bound<'py, PyString>>],
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let views: Vec<Option<Units<'_>>> = words.iter().map(|w| w.as_ref().map(units)).collect();
        let inner = &self.inner;
        let outcomes = py
            .detach(|| {
                parallel::map(&views, threads, |view| match view {
                    Some(view) => stem_view(inner, *view),
                    None => Outcome::Missing,
                })
            })
            .map_err(to_py_err)?;
        let objects = outcomes
            .into_iter()
            .zip(words)
            .enumerate()
            .map(|(i, (outcome, word))| {
                outcome_object(py, outcome, word.as_ref(), || format!("texts[{i}]"))
            })
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, objects)?.into_any())
    }

    /// The stems of Arrow words (`None` where missing) as a list.
    fn stem_views<'py>(
        &self,
        py: Python<'py>,
        words: &[Option<&str>],
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let inner = &self.inner;
        let stems = py
            .detach(|| parallel::map(words, threads, |w| w.map(|w| inner.stem(w))))
            .map_err(to_py_err)?;
        let objects = stems.iter().map(|stem| match stem {
            Some(stem) => PyString::new(py, stem).into_any(),
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

    /// The stems of the tokens of Arrow texts as a list column in the form of the input.
    fn stems_arrow<'py>(
        &self,
        py: Python<'py>,
        input: &ArrowInput<'py>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let texts = &input.texts;
        let inner = &self.inner;
        let pieces = py.detach(|| {
            texts.map_pieces(threads, |piece| {
                let columns = StemColumns {
                    stemmer: inner,
                    stems: LargeStringBuilder::new(),
                };
                list_piece(texts, piece, columns)
            })
        })?;
        let list = DataType::List(item_field(DataType::LargeUtf8));
        let result = texts.to_pyarrow(py, pieces, field("", list))?;
        input.wrap(result)
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
    #[pyo3(
        signature = (scheme=String::from("lucene"), lexicon=None),
        text_signature = "(scheme='lucene', lexicon=None)"
    )]
    fn new(
        py: Python<'_>,
        #[pyo3(from_py_with = scheme_arg)] scheme: String,
        lexicon: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let scheme = Scheme::from_name(&scheme).map_err(to_py_err)?;
        let lexicon = lexicon_arg(lexicon)?;
        let default_lexicon = lexicon.is_none();
        let inner = match scheme {
            Scheme::Barq => {
                let lexicon = match lexicon {
                    Some(l) => l,
                    None => default_lexicon_of(py)?,
                };
                py.detach(|| Stemmer::with_lexicon(scheme, lexicon))
            }
            Scheme::Lucene => Stemmer::new(scheme),
        };
        Ok(PyStemmer {
            inner,
            default_lexicon,
        })
    }

    /// The lexicon of a ``"barq"`` stemmer (None for ``"lucene"``).
    #[getter]
    fn lexicon(&self) -> Option<PyLexicon> {
        self.inner.lexicon().map(|l| PyLexicon { inner: l.clone() })
    }

    /// Every scheme name.
    #[staticmethod]
    fn schemes() -> Vec<&'static str> {
        Scheme::ALL.iter().map(|s| s.as_str()).collect()
    }

    /// The scheme's name.
    #[getter]
    fn scheme(&self) -> &'static str {
        self.inner.scheme().as_str()
    }

    /// The stem of ``word`` (any string: the scheme's rules decide what happens to text
    /// that is not an Arabic word). ``TypeError`` for a non-str, ``ValueError`` for a lone
    /// surrogate (with its position).
    fn stem<'py>(&self, word: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyString>> {
        let word = word.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!("word must be str, not {}", type_name(word)))
        })?;
        let outcome = stem_view(&self.inner, units(word));
        let stem = outcome_object(word.py(), outcome, Some(word), || "word".to_string())?;
        // SAFETY: the outcome of a word that is not missing is a str.
        Ok(unsafe { stem.cast_into_unchecked() })
    }

    fn __call__<'py>(&self, word: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyString>> {
        self.stem(word)
    }

    /// The stems of the tokens of ``text``, one per token of ``Tokenizer().tokenize(text)``
    /// (so ``stems(text)[i]`` is the stem of ``Tokenizer().words(text)[i]``): word tokens
    /// stemmed, numbers, punctuation, URLs, hashtags, emoji and the other tokens unchanged.
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

    /// The stems of many words on all cores without the GIL, in order; ``None`` and NaN
    /// give ``None``. ``threads`` (or ``BARQ_NUM_THREADS``) caps the threads; 1 runs inline.
    ///
    /// ``words`` takes every form :meth:`Normalizer.normalize_batch` takes. Arrow words are
    /// read in place and stemmed straight into the buffers of an Arrow result of the input's
    /// type and form (``pyarrow.Array``, ``pyarrow.ChunkedArray``, or a Series with the
    /// input's index, name and dtype); nulls stay null. ``arrow=False`` gives a list for
    /// Arrow words too; ``arrow=True`` gives a ``pyarrow.Array`` of ``large_string`` for an
    /// iterable of ``str``.
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
                return self.stem_views(py, &views, threads);
            }
            (Some(input), _) => input,
            (None, Some(true)) => to_arrow_input(words)?,
            (None, _) => return self.stem_strs(py, &batch_strs(words)?, threads),
        };
        self.stem_arrow(py, &input, threads)
    }

    /// :meth:`stems` of many texts on all cores without the GIL, in order: a list of lists
    /// of ``str`` (``None`` for a missing text), aligned with
    /// ``Tokenizer().tokenize_batch(texts, output="words")``. For Arrow texts (read in
    /// place) the result is Arrow in the form of the input, of type
    /// ``list<item: large_string>`` (null for a missing text); ``arrow`` as for
    /// :meth:`stem_batch`.
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
        self.stems_arrow(py, &input, threads)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let lexicon = match this.default_lexicon {
            true => None,
            false => this.lexicon().map(|l| Bound::new(py, l)).transpose()?,
        };
        let args = (this.scheme(), lexicon).into_pyobject(py)?;
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
