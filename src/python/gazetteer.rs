//! Bindings of `crate::gazetteer`: `Gazetteer` and `Match`.

use std::collections::HashMap;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple, PyType};

use std::sync::Arc;

use arrow_array::builder::LargeStringBuilder;
use arrow_array::{ArrayRef, Int64Array};
use arrow_schema::DataType;

use super::arrow::{field, item_field, list_piece, struct_array, struct_type, ItemColumns};
use super::common::{
    arrow_input, batch_texts_with_objects, bytes_arg, io_error, path_arg, read_file,
    reduce_to_bytes, substring, text_arg, threads_arg, to_arrow_input, to_py_err, type_name,
    untracked, write_file, ArrowInput, GcPause, TextBatch,
};
use super::lexicon::PyLexicon;
use super::normalize::PyNormalizer;

use crate::gazetteer::{Config, Entry, Gazetteer, Match, Mention, SharedEntry, ENTRY_FIELDS};
use crate::parallel;
use crate::text::py_repr;

/// A match with code-point offsets, ready to become a Python `Match`.
struct Found {
    raw: Match,
    start: usize,
    end: usize,
    word_start: usize,
}

fn find_with_offsets(g: &Gazetteer, text: &str) -> Vec<Found> {
    g.find(text)
        .into_iter()
        .map(|m| Found {
            start: m.start_char,
            end: m.end_char,
            word_start: m.word_start_char,
            raw: m,
        })
        .collect()
}

/// The columns of the matches of an Arrow batch: one struct per match, in a list per text.
struct MatchColumns<'g> {
    g: &'g Gazetteer,
    start: Vec<i64>,
    end: Vec<i64>,
    text: LargeStringBuilder,
    prefix: LargeStringBuilder,
    term: LargeStringBuilder,
    label: LargeStringBuilder,
    id: LargeStringBuilder,
    variant: LargeStringBuilder,
}

/// The fields of one match in Arrow results, in order: the one spelling of the match schema
/// (the Python side reads it as `barq._barq.MATCH_COLUMNS`).
pub(crate) const MATCH_COLUMNS: [&str; 8] = [
    "start", "end", "text", "prefix", "term", "label", "id", "variant",
];

/// The struct of one match in Arrow results.
fn match_struct_type() -> DataType {
    let types = [DataType::Int64, DataType::Int64]
        .into_iter()
        .chain(std::iter::repeat(DataType::LargeUtf8));
    let fields: Vec<(&str, DataType)> = MATCH_COLUMNS.into_iter().zip(types).collect();
    struct_type(&fields)
}

impl<'g> MatchColumns<'g> {
    fn new(g: &'g Gazetteer) -> Self {
        MatchColumns {
            g,
            start: Vec::new(),
            end: Vec::new(),
            text: LargeStringBuilder::new(),
            prefix: LargeStringBuilder::new(),
            term: LargeStringBuilder::new(),
            label: LargeStringBuilder::new(),
            id: LargeStringBuilder::new(),
            variant: LargeStringBuilder::new(),
        }
    }
}

impl ItemColumns for MatchColumns<'_> {
    fn push_text(&mut self, text: &str) -> usize {
        let found = find_with_offsets(self.g, text);
        for f in &found {
            let entry = self.g.entry(f.raw.entry);
            self.start.push(f.start as i64);
            self.end.push(f.end as i64);
            self.text.append_value(&text[f.raw.start..f.raw.end]);
            self.prefix
                .append_value(&text[f.raw.word_start..f.raw.start]);
            self.term.append_value(&entry.term);
            self.label.append_option(entry.label.as_deref());
            self.id.append_value(&entry.id);
            self.variant.append_value(variant_name(f.raw.exact));
        }
        found.len()
    }

    fn finish(mut self) -> ArrayRef {
        let arrays: [ArrayRef; 8] = [
            Arc::new(Int64Array::from(self.start)),
            Arc::new(Int64Array::from(self.end)),
            Arc::new(self.text.finish()),
            Arc::new(self.prefix.finish()),
            Arc::new(self.term.finish()),
            Arc::new(self.label.finish()),
            Arc::new(self.id.finish()),
            Arc::new(self.variant.finish()),
        ];
        struct_array(MATCH_COLUMNS.into_iter().zip(arrays).collect())
    }
}

/// The matches of Arrow texts as a list<struct> column in the form of the input.
fn find_arrow<'py>(
    py: Python<'py>,
    g: &Gazetteer,
    input: &ArrowInput<'py>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let texts = &input.texts;
    let pieces = py.detach(|| {
        texts.map_pieces(threads, |piece| {
            list_piece(texts, piece, MatchColumns::new(g))
        })
    })?;
    let list = DataType::List(item_field(match_struct_type()));
    let result = texts.to_pyarrow(py, pieces, field("", list))?;
    input.wrap(result)
}

/// The `Match` objects of one text (`source`, the `str` that was matched), as a list.
fn matches_list<'py>(
    py: Python<'py>,
    g: &Gazetteer,
    source: &Bound<'py, PyString>,
    found: &[Found],
) -> PyResult<Bound<'py, PyList>> {
    let items = found
        .iter()
        .map(|f| untracked(py, PyMatch::new(g, source, f)))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// One entity found in a text.
///
/// ``text[m.start:m.end] == m.text`` always holds (code-point offsets into the original
/// text). ``m.prefix`` is the attached proclitic that was stripped (``""`` if none); the whole
/// word begins at ``m.start - len(m.prefix)``. Like ``re.Match``, a match keeps a reference
/// to the text it was found in and cuts ``text`` and ``prefix`` from it when asked.
#[pyclass(name = "Match", module = "barq._barq", frozen)]
pub(crate) struct PyMatch {
    /// Where the entity begins in the original text (after any proclitic).
    #[pyo3(get)]
    start: usize,
    /// Where the entity ends (after the marks of its last letter).
    #[pyo3(get)]
    end: usize,
    /// The matched text is `source[lo..hi]` and its prefix `source[word_lo..lo]` (code
    /// points), cut only when asked for: the matches of a text share the original string.
    source: Py<PyString>,
    word_lo: usize,
    lo: usize,
    hi: usize,
    /// The matched entry, shared with the gazetteer: no copy of its strings per match.
    entry: SharedEntry,
    /// Written exactly like the term (else reached by folding).
    exact: bool,
}

/// A mention as `_tally` takes it: (start, end, label or None), in code points.
type MentionArg = (usize, usize, Option<String>);
/// A tally as `_tally` gives it: (matches, documents, exact, prefixed, agreeing).
type TallyRow = (u64, u64, u64, u64, u64);

/// How a match was reached, as `Match.variant` says it.
fn variant_name(exact: bool) -> &'static str {
    if exact {
        "exact"
    } else {
        "folded"
    }
}

impl PyMatch {
    fn new(g: &Gazetteer, source: &Bound<'_, PyString>, found: &Found) -> Self {
        PyMatch {
            start: found.start,
            end: found.end,
            source: source.clone().unbind(),
            word_lo: found.word_start,
            lo: found.start,
            hi: found.end,
            entry: g.entry_shared(found.raw.entry),
            exact: found.raw.exact,
        }
    }

    fn text_str(&self, py: Python<'_>) -> PyResult<String> {
        Ok(self.text(py)?.to_cow()?.into_owned())
    }

    fn prefix_str(&self, py: Python<'_>) -> PyResult<String> {
        Ok(self.prefix(py)?.to_cow()?.into_owned())
    }
}

#[pymethods]
impl PyMatch {
    #[new]
    #[pyo3(signature = (start, end, text, term, label, id, prefix="", meta=None, variant="exact"))]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        py: Python<'_>,
        start: usize,
        end: usize,
        text: String,
        term: String,
        label: Option<String>,
        id: String,
        prefix: &str,
        meta: Option<&Bound<'_, PyAny>>,
        variant: &str,
    ) -> PyResult<Self> {
        let exact = match variant {
            "exact" => true,
            "folded" => false,
            other => {
                return Err(PyValueError::new_err(format!(
                    "variant must be \"exact\" or \"folded\", not {other:?}"
                )))
            }
        };
        let word_lo = 0;
        let lo = prefix.chars().count();
        let hi = lo + text.chars().count();
        Ok(PyMatch {
            start,
            end,
            source: PyString::new(py, &format!("{prefix}{text}")).unbind(),
            word_lo,
            lo,
            hi,
            entry: SharedEntry::new(Entry {
                term,
                label,
                id,
                meta: meta_to_json(py, meta)?,
                exact: false,
                ignore: false,
            }),
            exact,
        })
    }

    /// How the match was reached: ``"exact"`` when the text writes the entity as the term
    /// does (diacritics, tatweel, invisible controls, presentation forms and Latin case aside;
    /// a stripped proclitic is told by :attr:`prefix`), ``"folded"`` when orthographic folding
    /// (hamza, alef, ى/ي, ة/ه, look-alikes) made them equal.
    #[getter]
    fn variant(&self) -> &'static str {
        variant_name(self.exact)
    }

    /// The entity as written in the text.
    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        substring(self.source.bind(py), self.lo, self.hi)
    }

    /// The stripped proclitic(s) as written, or ``""``.
    #[getter]
    fn prefix<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        substring(self.source.bind(py), self.word_lo, self.lo)
    }

    /// The gazetteer term that matched, as it was added.
    #[getter]
    fn term(&self) -> &str {
        &self.entry.term
    }

    /// The entry's label.
    #[getter]
    fn label(&self) -> Option<&str> {
        self.entry.label.as_deref()
    }

    /// The entry's canonical id (shared by aliases; the term when none was given).
    #[getter]
    fn id(&self) -> &str {
        &self.entry.id
    }

    /// The entry's JSON-safe metadata, or None.
    #[getter]
    fn meta<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.entry.meta {
            None => Ok(py.None().into_bound(py)),
            Some(json) => py.import("json")?.call_method1("loads", (json,)),
        }
    }

    /// The match as a JSON-safe dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("text", self.text(py)?)?;
        d.set_item("label", &self.entry.label)?;
        d.set_item("id", &self.entry.id)?;
        d.set_item("term", &self.entry.term)?;
        d.set_item("prefix", self.prefix(py)?)?;
        d.set_item("meta", self.meta(py)?)?;
        d.set_item("variant", self.variant())?;
        Ok(d)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let cls = py.import("barq._barq")?.getattr("Match")?;
        let args = (
            self.start,
            self.end,
            self.text(py)?,
            &self.entry.term,
            &self.entry.label,
            &self.entry.id,
            self.prefix(py)?,
            self.meta(py)?,
            self.variant(),
        )
            .into_pyobject(py)?;
        PyTuple::new(py, [cls, args.into_any()])
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (self.start, self.end, &self.entry.id, &self.entry.label).hash(&mut h);
        h.finish()
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<PyMatch>() else {
            return Ok(false);
        };
        let other = other.get();
        let (a, b) = (&*self.entry, &*other.entry);
        Ok(
            (self.start, self.end, self.exact) == (other.start, other.end, other.exact)
                && (&a.term, &a.label, &a.id, &a.meta) == (&b.term, &b.label, &b.id, &b.meta)
                && self.text(py)?.as_any().eq(other.text(py)?)?
                && self.prefix(py)?.as_any().eq(other.prefix(py)?)?,
        )
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let prefix = self.prefix_str(py)?;
        let prefix = if prefix.is_empty() {
            String::new()
        } else {
            format!(", prefix={}", py_repr(&prefix))
        };
        Ok(format!(
            "Match({}, label={}, id={}, start={}, end={}{prefix})",
            py_repr(&self.text_str(py)?),
            self.entry
                .label
                .as_deref()
                .map_or("None".to_string(), py_repr),
            py_repr(&self.entry.id),
            self.start,
            self.end
        ))
    }
}

/// `json.dumps(meta)`, or a TypeError naming what is not JSON-safe.
fn meta_to_json(py: Python<'_>, meta: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    let Some(meta) = meta.filter(|m| !m.is_none()) else {
        return Ok(None);
    };
    let kwargs = PyDict::new(py);
    kwargs.set_item("ensure_ascii", false)?;
    kwargs.set_item("allow_nan", false)?;
    match py
        .import("json")?
        .getattr("dumps")?
        .call((meta,), Some(&kwargs))
    {
        Ok(s) => Ok(Some(s.extract()?)),
        Err(e) => Err(PyTypeError::new_err(format!(
            "meta must be JSON-safe (dict, list, str, int, float, bool, None): {e}"
        ))),
    }
}

fn opt_str(obj: Option<Bound<'_, PyAny>>, what: &str) -> PyResult<Option<String>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => o.extract::<String>().map(Some).map_err(|_| {
            PyTypeError::new_err(format!("{what} must be str or None, not {}", type_name(&o)))
        }),
    }
}

/// An instance of `cls` (barq.Gazetteer or a subclass) holding `inner`.
fn with_inner<'py>(cls: &Bound<'py, PyType>, inner: Gazetteer) -> PyResult<Bound<'py, PyAny>> {
    let obj = cls.call0()?;
    obj.cast::<PyGazetteer>()?.borrow_mut().inner = inner;
    Ok(obj)
}

/// An Arabic-aware gazetteer: exact spans in the original text, labels and ids.
///
/// Terms and texts are normalized (``normalizer``, default ``Normalizer.preset("search")``)
/// and compared word by word: a match starts and ends at word boundaries; any run of white
/// space, quotes, tatweel, controls or diacritics between words matches the one space of a
/// term; with ``clitics`` a match may start after attached proclitics (و ف ب ل ك, their
/// pairs, and ل + ال written لل). ``overlapping=False`` gives leftmost-longest,
/// non-overlapping matches (one entry per span: the one written exactly like the text, else
/// the first added); ``overlapping=True`` gives every match of every entry. Common words
/// (built in, plus ``stopwords``) match only when written exactly like the term and never have
/// a proclitic stripped; entries added with ``exact=True`` match only as written.
///
/// ``lexicon`` turns on the variant gate: a one-word match reached only through folding or a
/// stripped proclitic is dropped when the word as written is itself a common word distinct
/// from the term (``المائة`` is not the town ``الماية``, ``ولاية`` is not و + ``لائه``). Here the
/// default is no lexicon; ``barq.Gazetteer`` defaults to the shipped one.
///
/// ```python
/// >>> g = Gazetteer([("دمشق", "LOC"), ("الأمم المتحدة", "ORG")])
/// >>> [(m.text, m.label, m.start) for m in g.find("وصل وفد الأمم المتحدة إلى دمشق")]
/// [('الأمم المتحدة', 'ORG', 8), ('دمشق', 'LOC', 26)]
/// >>> m = g.find("ودمشق جميلة")[0]
/// >>> m.text, m.prefix, m.start
/// ('دمشق', 'و', 1)
/// ```
#[pyclass(name = "Gazetteer", module = "barq._barq", subclass)]
pub(crate) struct PyGazetteer {
    inner: Gazetteer,
}

impl PyGazetteer {
    /// The gazetteer, after checking that the file it was mapped from (if any) is unchanged.
    fn g(&self) -> PyResult<&Gazetteer> {
        self.inner.check_file().map_err(to_py_err)?;
        Ok(&self.inner)
    }

    /// As [`PyGazetteer::g`], to change it (which copies what it changes out of a map).
    fn g_mut(&mut self) -> PyResult<&mut Gazetteer> {
        self.inner.check_file().map_err(to_py_err)?;
        Ok(&mut self.inner)
    }

    /// `disable`/`enable`: `terms` is one str or an iterable of str; `id` keeps only the
    /// entries with that id. Returns how many entries changed state.
    fn switch(
        &mut self,
        terms: &Bound<'_, PyAny>,
        id: Option<String>,
        disabled: bool,
    ) -> PyResult<usize> {
        let terms: Vec<String> = if terms.is_instance_of::<PyString>() {
            vec![terms.extract()?]
        } else {
            let iter = terms.try_iter().map_err(|_| {
                PyTypeError::new_err(format!(
                    "terms must be a str or an iterable of str, not {}",
                    type_name(terms)
                ))
            })?;
            iter.map(|t| text_arg(&t?, "term").map(|t| t.to_string()))
                .collect::<PyResult<_>>()?
        };
        self.g_mut()?
            .switch_terms(&terms, id.as_deref(), disabled)
            .map_err(to_py_err)
    }

    /// Add one item of `extend`: str, tuple/list, or dict.
    fn add_item(&mut self, py: Python<'_>, item: &Bound<'_, PyAny>) -> PyResult<bool> {
        if item.is_instance_of::<PyString>() {
            return self.add(py, item, None, None, None, false, false);
        }
        if let Ok(d) = item.cast::<PyDict>() {
            for key in d.keys() {
                let key: String = key.extract()?;
                if key != "pattern" && !ENTRY_FIELDS.contains(&key.as_str()) {
                    return Err(PyValueError::new_err(format!(
                        "unknown entry key {key:?}; valid keys are: {} (or pattern for term)",
                        ENTRY_FIELDS.join(", ")
                    )));
                }
            }
            let term = match d.get_item("term")? {
                Some(t) => t,
                None => d.get_item("pattern")?.ok_or_else(|| {
                    PyValueError::new_err("an entry dict needs a \"term\" (or \"pattern\")")
                })?,
            };
            let flag = |key: &str| -> PyResult<bool> {
                match d.get_item(key)? {
                    Some(e) => e.extract::<bool>().map_err(|_| {
                        PyTypeError::new_err(format!("{key} must be a bool, not {}", type_name(&e)))
                    }),
                    None => Ok(false),
                }
            };
            let meta = d.get_item("meta")?;
            let new = self.add(
                py,
                &term,
                opt_str(d.get_item("label")?, "label")?,
                opt_str(d.get_item("id")?, "id")?,
                meta.as_ref(),
                flag("exact")?,
                flag("ignore")?,
            )?;
            // an entry of `entries()` comes back switched off if it was
            if new && flag("disabled")? {
                let last = (self.inner.len() - 1) as u32;
                self.inner.set_disabled(&[last], true).map_err(to_py_err)?;
            }
            return Ok(new);
        }
        if item.is_instance_of::<PyTuple>() || item.is_instance_of::<PyList>() {
            let n = item.len()?;
            if !(1..=4).contains(&n) {
                return Err(PyValueError::new_err(format!(
                    "an entry tuple is (term, label, id, meta) with 1 to 4 items, not {n}"
                )));
            }
            let get = |i: usize| -> PyResult<Option<Bound<'_, PyAny>>> {
                if i < n {
                    item.get_item(i).map(Some)
                } else {
                    Ok(None)
                }
            };
            let term = item.get_item(0)?;
            let meta = get(3)?;
            return self.add(
                py,
                &term,
                opt_str(get(1)?, "label")?,
                opt_str(get(2)?, "id")?,
                meta.as_ref(),
                false,
                false,
            );
        }
        Err(PyTypeError::new_err(format!(
            "an entry must be str, (term, label[, id[, meta]]) or dict, not {}",
            type_name(item)
        )))
    }

    /// `find` over `texts` on `threads` threads, as a list of lists of `Match` (`None` stays).
    /// `sources` are the `str` objects of the texts when there are some (else a `str` is
    /// made for each text with matches).
    fn find_lists<'py>(
        &self,
        py: Python<'py>,
        texts: &[Option<&str>],
        sources: Option<&[Option<Bound<'py, PyString>>]>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let g = self.g()?;
        let results = py
            .detach(|| parallel::map(texts, threads, |t| t.map(|t| find_with_offsets(g, t))))
            .map_err(to_py_err)?;
        let _pause = GcPause::new(py, results.iter().flatten().map(Vec::len).sum());
        let out = PyList::empty(py);
        for (i, (text, found)) in texts.iter().zip(results).enumerate() {
            match (text, found) {
                (Some(_), Some(found)) if found.is_empty() => out.append(PyList::empty(py))?,
                (Some(text), Some(found)) => {
                    let source = match sources.and_then(|s| s[i].as_ref()) {
                        Some(source) => source.clone(),
                        None => PyString::new(py, text),
                    };
                    out.append(matches_list(py, g, &source, &found)?)?;
                }
                _ => out.append(py.None())?,
            }
        }
        Ok(out.into_any())
    }
}

#[pymethods]
impl PyGazetteer {
    #[new]
    #[pyo3(signature = (entries=None, normalizer=None, clitics=true, overlapping=false, case_sensitive=false, stopwords=None, lexicon=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        entries: Option<&Bound<'_, PyAny>>,
        normalizer: Option<&Bound<'_, PyAny>>,
        clitics: bool,
        overlapping: bool,
        case_sensitive: bool,
        stopwords: Option<Vec<String>>,
        lexicon: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let lexicon = match lexicon.filter(|l| !l.is_none()) {
            None => None,
            Some(l) => Some(
                l.cast::<PyLexicon>()
                    .map_err(|_| {
                        PyTypeError::new_err(format!(
                            "lexicon must be a barq.Lexicon or None, not {}",
                            type_name(l)
                        ))
                    })?
                    .borrow()
                    .inner
                    .clone(),
            ),
        };
        let normalizer = match normalizer.filter(|n| !n.is_none()) {
            None => None,
            Some(n) => Some(
                n.cast::<PyNormalizer>()
                    .map_err(|_| {
                        PyTypeError::new_err(format!(
                            "normalizer must be a barq.Normalizer or None, not {}",
                            type_name(n)
                        ))
                    })?
                    .get()
                    .inner
                    .clone(),
            ),
        };
        let config = Config {
            clitics,
            overlapping,
            case_sensitive,
        };
        let mut g = PyGazetteer {
            inner: Gazetteer::with_stopwords(normalizer, config, stopwords.unwrap_or_default()),
        };
        g.inner.set_lexicon(lexicon);
        if let Some(entries) = entries.filter(|e| !e.is_none()) {
            g.extend(py, entries)?;
        }
        Ok(g)
    }

    /// Add one entry; False when the same term, label and id were already there.
    /// ``exact=True``: match only the term as written (diacritics, tatweel, invisible controls,
    /// presentation forms and Latin case aside), with no proclitic. ``ignore=True``: match like
    /// any entry, so that no shorter term matches inside it, but never report it (a phrase
    /// like ``الرباط الصليبي``, the knee ligament, that holds a place name). ``ValueError`` for
    /// a term that is empty or normalizes to nothing.
    #[pyo3(signature = (term, label=None, id=None, meta=None, exact=false, ignore=false))]
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        py: Python<'_>,
        term: &Bound<'_, PyAny>,
        label: Option<String>,
        id: Option<String>,
        meta: Option<&Bound<'_, PyAny>>,
        exact: bool,
        ignore: bool,
    ) -> PyResult<bool> {
        let mut entry = Entry::new(text_arg(term, "term")?.to_string());
        if let Some(id) = id {
            entry.id = id;
        }
        entry.label = label;
        entry.meta = meta_to_json(py, meta)?;
        entry.exact = exact;
        entry.ignore = ignore;
        self.g_mut()?.add(entry).map_err(to_py_err)
    }

    /// Add entries given as ``str``, ``(term, label[, id[, meta]])`` or
    /// ``dict(term=, label=, id=, meta=, exact=)``; returns how many were new.
    fn extend(&mut self, py: Python<'_>, entries: &Bound<'_, PyAny>) -> PyResult<usize> {
        if entries.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "entries must be an iterable of entries, not a single str; use add()",
            ));
        }
        let iter = entries.try_iter().map_err(|_| {
            PyTypeError::new_err(format!(
                "entries must be an iterable, not {}",
                type_name(entries)
            ))
        })?;
        let mut added = 0;
        for (index, item) in iter.enumerate() {
            let item = item?;
            match self.add_item(py, &item) {
                Ok(new) => added += usize::from(new),
                Err(e) => {
                    let kind = e.get_type(py);
                    let msg = format!("entry {index} ({}): {}", item.repr()?, e.value(py));
                    return Err(PyErr::from_type(kind, msg));
                }
            }
        }
        Ok(added)
    }

    /// Every match in ``text``, in order: a list of :class:`Match`, empty when nothing
    /// matches. Which matches are reported follows the gazetteer's options (``overlapping``,
    /// ``clitics``, ``case_sensitive``, the variant gate); offsets are code-point indices into
    /// ``text``, so ``text[m.start:m.end] == m.text``. ``TypeError`` for a non-str,
    /// ``ValueError`` for a lone surrogate (with its position).
    ///
    /// ```python
    /// >>> g = Gazetteer([("بيروت", "LOC")])
    /// >>> text = "سافرت من بيروت وإليها عدت، فبيروت جميلة"
    /// >>> [(m.text, m.start, m.prefix) for m in g.find(text)]
    /// [('بيروت', 9, ''), ('بيروت', 28, 'ف')]
    /// ```
    fn find<'py>(&self, py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let source = text;
        let text = text_arg(text, "text")?;
        let g = self.g()?;
        let found = if text.len() < 1 << 16 {
            find_with_offsets(g, &text)
        } else {
            py.detach(|| find_with_offsets(g, &text))
        };
        // text_arg accepted it: a str (or a subclass)
        matches_list(py, g, source.cast::<PyString>()?, &found)
    }

    /// ``find`` over many texts on all cores without the GIL; ``None`` stays ``None``.
    ///
    /// ``texts`` takes every form :meth:`Normalizer.normalize_batch` takes. For an iterable
    /// of ``str`` the result is a list of lists of :class:`Match`. For Arrow texts (read in
    /// place) the result is Arrow, in the form of the input (``pyarrow.Array``,
    /// ``pyarrow.ChunkedArray``, or a Series with the input's index and name and a
    /// ``pandas.ArrowDtype``), of type::
    ///
    ///     list<item: struct<start: int64, end: int64, text: large_string,
    ///                       prefix: large_string, term: large_string,
    ///                       label: large_string, id: large_string,
    ///                       variant: large_string>>
    ///
    /// one list per text (null for a missing text), the fields as on :class:`Match` (``label``
    /// null when the entry has none; ``meta`` is left out). ``arrow=False`` gives the lists
    /// of :class:`Match` for Arrow texts too; ``arrow=True`` gives a ``pyarrow.Array`` for an
    /// iterable of ``str``.
    #[pyo3(signature = (texts, threads=None, arrow=None))]
    fn find_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<i64>,
        arrow: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let threads = threads_arg(threads)?;
        let g = self.g()?;
        let input = match (arrow_input(texts)?, arrow) {
            (Some(input), Some(false)) => {
                let views = input.texts.views(threads)?;
                return self.find_lists(py, &views, None, threads);
            }
            (Some(input), _) => input,
            (None, Some(true)) => to_arrow_input(texts)?,
            (None, _) => {
                let (sources, texts): (Vec<_>, Vec<_>) = batch_texts_with_objects(texts)?
                    .into_iter()
                    .map(|item| match item {
                        Some((source, text)) => (Some(source), Some(text)),
                        None => (None, None),
                    })
                    .unzip();
                let views: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
                return self.find_lists(py, &views, Some(&sources), threads);
            }
        };
        find_arrow(py, g, &input, threads)
    }

    /// For each id, the number of texts that mention it (``texts`` as in
    /// :meth:`find_batch`; Arrow texts are read in place).
    #[pyo3(signature = (texts, threads=None))]
    fn count(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        threads: Option<i64>,
    ) -> PyResult<HashMap<String, usize>> {
        let threads = threads_arg(threads)?;
        let batch = TextBatch::new(texts)?;
        let texts = batch.views(threads)?;
        let g = self.g()?;
        py.detach(|| g.document_counts(&texts, threads))
            .map_err(to_py_err)
    }

    /// The compiled gazetteer (versioned and checksummed).
    // What save() writes and pickle uses.
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let g = self.g()?;
        let bytes = py.detach(|| g.to_bytes());
        Ok(PyBytes::new(py, &bytes))
    }

    /// Rebuild a gazetteer from :meth:`to_bytes`; ``ValueError`` for foreign, truncated or
    /// corrupt data.
    #[classmethod]
    fn from_bytes<'py>(
        cls: &Bound<'py, PyType>,
        data: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        let raw = bytes_arg(data)?;
        let inner = py
            .detach(|| Gazetteer::from_bytes(raw))
            .map_err(to_py_err)?;
        with_inner(cls, inner)
    }

    /// The built-in common words of the precision rules (``stopwords`` adds to them).
    #[staticmethod]
    fn common_words() -> Vec<&'static str> {
        Gazetteer::common_words().to_vec()
    }

    /// Write the compiled gazetteer to ``path``: to a new file beside it, renamed over it,
    /// so that processes that have the old file mapped keep matching with the old contents.
    fn save(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = path_arg)] path: std::path::PathBuf,
    ) -> PyResult<()> {
        let g = self.g()?;
        write_file(py, &path, "gazetteer", || g.to_bytes())
    }

    /// Read a gazetteer written by :meth:`save`.
    ///
    /// ``mmap=True`` maps the file and reads its tables in place instead of copying them:
    /// every process of a machine that maps one file shares one copy through the page cache
    /// (the file is still checked: format version, length, checksum and every reference).
    /// Only files in the current format (version 4) can be mapped; an older one gives
    /// ``ValueError`` (load it without ``mmap`` and save it again). Changes
    /// (:meth:`add`, :meth:`extend`, :meth:`disable`, ...) work and copy the tables they touch
    /// into the process. Every call checks that the file is unchanged (size, modification
    /// time, inode) and raises ``OSError`` when it was rewritten in place; a file replaced by
    /// renaming (as :meth:`save` does) leaves the map reading the old contents.
    #[classmethod]
    #[pyo3(signature = (path, *, mmap=false))]
    fn load<'py>(
        cls: &Bound<'py, PyType>,
        #[pyo3(from_py_with = path_arg)] path: std::path::PathBuf,
        mmap: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        if mmap {
            // a missing or unreadable file raises the OSError subclass of its cause
            std::fs::File::open(&path)
                .map_err(|e| io_error(py, e, format!("cannot read gazetteer {path:?}")))?;
            let inner = py.detach(|| Gazetteer::map(&path)).map_err(to_py_err)?;
            return with_inner(cls, inner);
        }
        let bytes = read_file(py, &path, "gazetteer")?;
        let inner = py
            .detach(|| Gazetteer::from_bytes(&bytes))
            .map_err(|e| to_py_err(e.context(format_args!("cannot load gazetteer {path:?}"))))?;
        with_inner(cls, inner)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let bytes = slf.borrow().to_bytes(slf.py())?;
        reduce_to_bytes(slf.as_any(), bytes)
    }

    /// The path of the file this gazetteer is mapped from (``load(path, mmap=True)``), or
    /// None.
    #[getter]
    fn mapped_path(&self) -> Option<String> {
        self.inner
            .mapped_path()
            .map(|p| p.to_string_lossy().into_owned())
    }

    /// The normalizer terms and texts go through.
    #[getter]
    fn normalizer(&self) -> PyNormalizer {
        PyNormalizer {
            inner: self.inner.normalizer().clone(),
        }
    }

    /// Whether a match may start after attached proclitics (``clitics=`` of the constructor).
    #[getter]
    fn clitics(&self) -> bool {
        self.inner.config().clitics
    }

    /// Whether every match of every entry is reported (True) or only leftmost-longest,
    /// non-overlapping matches (False).
    #[getter]
    fn overlapping(&self) -> bool {
        self.inner.config().overlapping
    }

    /// Whether Latin letters must match in case (False: ``UN`` matches ``un``).
    #[getter]
    fn case_sensitive(&self) -> bool {
        self.inner.config().case_sensitive
    }

    /// Every entry as a dict (term, label, id, meta, exact, ignore, disabled), in the order
    /// added.
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        let loads = py.import("json")?.getattr("loads")?;
        for (index, e) in self.g()?.entries().enumerate() {
            let d = PyDict::new(py);
            d.set_item("term", &e.term)?;
            d.set_item("label", &e.label)?;
            d.set_item("id", &e.id)?;
            match &e.meta {
                Some(m) => d.set_item("meta", loads.call1((m,))?)?,
                None => d.set_item("meta", py.None())?,
            }
            d.set_item("exact", e.exact)?;
            d.set_item("ignore", e.ignore)?;
            d.set_item("disabled", self.inner.is_disabled(index as u32))?;
            out.append(d)?;
        }
        Ok(out)
    }

    /// The lexicon of the variant gate (None: no gate).
    #[getter]
    fn lexicon(&self) -> Option<PyLexicon> {
        self.inner.lexicon().map(|l| PyLexicon { inner: l.clone() })
    }

    /// Switch terms off: they stay in the gazetteer (and its saved form) but never match.
    /// A term names the entries added with exactly that term, else every entry whose term
    /// normalizes like it; ``id`` keeps only the entries with that id. Returns how many entries
    /// changed; ``KeyError`` naming a term the gazetteer does not have (nothing is changed).
    #[pyo3(signature = (terms, id=None))]
    fn disable(&mut self, terms: &Bound<'_, PyAny>, id: Option<String>) -> PyResult<usize> {
        self.switch(terms, id, true)
    }

    /// Switch terms on again (see :meth:`disable`).
    #[pyo3(signature = (terms, id=None))]
    fn enable(&mut self, terms: &Bound<'_, PyAny>, id: Option<String>) -> PyResult<usize> {
        self.switch(terms, id, false)
    }

    /// Switch entries off or on by index (what calibrate uses).
    fn _set_disabled(&mut self, entries: Vec<u32>, disabled: bool) -> PyResult<()> {
        self.g_mut()?
            .set_disabled(&entries, disabled)
            .map_err(to_py_err)
    }

    /// Per entry: (matches, documents, exact, prefixed, agreeing) on `texts`; `mentions`, one
    /// list of (start, end, label or None) per text, counts the agreeing matches.
    #[pyo3(signature = (texts, mentions=None, threads=None))]
    fn _tally(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        mentions: Option<Vec<Vec<MentionArg>>>,
        threads: Option<i64>,
    ) -> PyResult<Vec<TallyRow>> {
        let threads = threads_arg(threads)?;
        let batch = TextBatch::new(texts)?;
        let texts = batch.views(threads)?;
        let mentions: Option<Vec<Vec<Mention>>> = mentions.map(|all| {
            all.into_iter()
                .map(|spans| {
                    spans
                        .into_iter()
                        .map(|(start, end, label)| Mention { start, end, label })
                        .collect()
                })
                .collect()
        });
        let g = self.g()?;
        let tallies = py
            .detach(|| g.tally(&texts, mentions.as_deref(), threads))
            .map_err(to_py_err)?;
        Ok(tallies
            .into_iter()
            .map(|t| (t.matches, t.documents, t.exact, t.prefixed, t.agreeing))
            .collect())
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __contains__(&self, term: &Bound<'_, PyAny>) -> PyResult<bool> {
        if !term.is_instance_of::<PyString>() {
            return Ok(false);
        }
        Ok(self.g()?.contains(&text_arg(term, "term")?))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<PyGazetteer>() else {
            return Ok(false);
        };
        let other = other.borrow();
        Ok(other.g()? == self.g()?)
    }

    fn __repr__(&self) -> String {
        let c = self.inner.config();
        let b = |v: bool| if v { "True" } else { "False" };
        let mapped = match self.inner.mapped_path() {
            Some(path) => format!(", mapped={:?}", path.display().to_string()),
            None => String::new(),
        };
        format!(
            "Gazetteer(<{} entries>, clitics={}, overlapping={}, case_sensitive={}{mapped})",
            self.inner.len(),
            b(c.clitics),
            b(c.overlapping),
            b(c.case_sensitive)
        )
    }
}
