//! Bindings of `crate::normalize`: `Normalizer` and `Aligned`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use super::arrow::{field, string_piece, ArrowTexts};
use super::common::{arrow_input, batch_strs, text_arg, threads_arg, to_py_err, type_name};
use super::pystr::{
    pack, pack_bmp, surrogate_error, to_pystring, to_utf8, units, Dest, Packed, Target, Units,
};
use crate::alignment::Aligned;
use crate::normalize::{
    preset, preset_name, Normalizer, Options, Profile, OPTION_NAMES, PRESET_NAMES,
};
use crate::parallel;

/// Normalize a `str`'s storage into the storage of the result; `Err` at a lone surrogate.
fn normalize_packed(normalizer: &Normalizer, view: Units<'_>) -> Result<Packed, usize> {
    let mut units = Vec::new();
    let direct = match view {
        Units::One(bytes) => normalizer.normalize_units(bytes, &mut units),
        Units::Two(two) => normalizer.normalize_units(two, &mut units),
        Units::Four(_) => None,
    };
    if let Some(result) = direct {
        return result.map(|bits| pack_bmp(units, bits));
    }
    let mut text = String::new();
    to_utf8(view, &mut text)?;
    Ok(pack(&normalizer.normalize(&text)))
}

/// What normalizing one text gave.
enum Outcome {
    /// The text was missing (`None`, NaN).
    Missing,
    /// Written to the text's [`Target`]: its length and the bound of its units.
    InTarget(usize, u32),
    /// A text that did not fit its target (or had none), packed.
    Packed(Packed),
    /// A lone surrogate at this position.
    Surrogate(usize),
}

/// Normalize `view` into `target` if it fits there, else into a [`Packed`] string.
fn normalize_to(normalizer: &Normalizer, view: Units<'_>, target: Option<&Dest>) -> Outcome {
    // SAFETY: each target is written by the one call for its text, while its owner waits.
    let written = match (view, target) {
        (Units::Two(two), Some(dest)) => {
            unsafe { dest.wide() }.map(|room| normalizer.normalize_units_into(two, room))
        }
        (Units::One(one), Some(dest)) => {
            unsafe { dest.narrow() }.map(|room| normalizer.normalize_units_into(one, room))
        }
        _ => None,
    };
    match written {
        Some(Ok((len, bits))) => Outcome::InTarget(len, bits),
        Some(Err(Some(at))) => Outcome::Surrogate(at),
        _ => match normalize_packed(normalizer, view) {
            Ok(packed) => Outcome::Packed(packed),
            Err(at) => Outcome::Surrogate(at),
        },
    }
}

/// The `str` of an outcome (`None` for a missing text); `what` names the text in errors.
fn outcome_object<'py>(
    py: Python<'py>,
    outcome: Outcome,
    target: Option<Target<'py>>,
    what: impl FnOnce() -> String,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match (outcome, target) {
        (Outcome::Missing, _) => py.None().into_bound(py),
        (Outcome::InTarget(len, bits), Some(target)) => target.finish(len, bits)?.into_any(),
        (Outcome::InTarget(..), None) => unreachable!("written without a target"),
        (Outcome::Packed(packed), _) => to_pystring(py, &packed)?.into_any(),
        (Outcome::Surrogate(at), _) => return Err(surrogate_error(&what(), at)),
    })
}

/// Normalize Arrow texts into string arrays of type `out` (one per piece, see
/// [`ArrowTexts::map_pieces`]), each row written straight into the piece's values buffer.
fn normalize_arrow(
    py: Python<'_>,
    normalizer: &Normalizer,
    texts: &ArrowTexts,
    out: &arrow_schema::DataType,
    threads: Option<usize>,
) -> PyResult<Vec<arrow_array::ArrayRef>> {
    py.detach(|| {
        texts.map_pieces(threads, |piece| {
            string_piece(texts, piece, out, |text, buffer| {
                normalizer.normalize_into(text, buffer)
            })
        })
    })
}

/// An Arabic normalizer: every step switchable, output idempotent, alignment kept.
///
/// ``Normalizer(preset=None, **options)`` starts from ``preset`` (or the defaults below) and
/// overrides any option by keyword. An unknown option or preset raises ``ValueError``.
///
/// Options and the characters they touch:
///
/// * ``diacritics`` (True): harakat, tanween, shadda, sukun U+064B–U+065F, superscript alef
///   U+0670, Quranic annotation marks U+0610–U+061A and U+06D6–U+06ED, extended Arabic marks
///   U+0898–U+089F, U+08CA–U+08E1, U+08E3–U+08FF — removed.
/// * ``tatweel`` (True): U+0640 removed.
/// * ``alef`` (True): أ إ آ ٱ ٲ ٳ ٵ and U+0773, U+0774 → ا.
/// * ``alef_maqsura`` (True): ى → ي.
/// * ``teh_marbuta`` (False): ة → ه.
/// * ``hamza`` (False): ؤ → و, ئ → ي.
/// * ``presentation_forms`` (True): Arabic Presentation Forms-A (U+FB50–U+FDFF) and -B
///   (U+FE70–U+FEFF), lam-alef ligatures and word ligatures (ﷲ, ﷺ, ﷽) → base letters.
/// * ``digits`` (True): ٠–٩ (U+0660–U+0669) and ۰–۹ (U+06F0–U+06F9) → 0–9.
/// * ``lookalikes`` (True): Persian/Urdu look-alikes → Arabic: ک ڪ → ك; ی ې ۍ ے → ي;
///   ۓ ٸ → ئ; ٶ → ؤ; ھ ہ ە ۀ ۂ → ه; ۃ → ة; ٮ → ب; ٯ → ق; ں → ن.
/// * ``punctuation`` (False): ، ٬ → ``,``; ؛ → ``;``; ؟ ⸮ → ``?``; ٪ → ``%``; ٫ ۔ → ``.``.
/// * ``quotes`` (False): « » “ ” „ ‟ → ``"``; ‘ ’ ‚ ‛ ‹ › → ``'``.
/// * ``controls`` (True): soft hyphen, ALM U+061C, U+180E, ZWSP/ZWNJ/ZWJ/LRM/RLM
///   U+200B–U+200F, embeddings and overrides U+202A–U+202E, U+2060–U+2064, isolates and
///   deprecated format controls U+2066–U+206F, BOM U+FEFF — removed; a ZWJ between two emoji
///   is kept.
/// * ``whitespace`` (True): every run of Unicode white space (``str.isspace`` minus the ASCII
///   information separators) → one space; leading and trailing white space removed.
/// * ``lowercase`` (False): full Unicode lowercase of cased (non-Arabic) letters.
/// * ``elongation`` (False): every run of three or more of the same Arabic letter (the
///   letters of the Arabic, Arabic Supplement and Extended-A/B blocks) → one letter, applied
///   to what the other options wrote: جمييييل → جميل, سورياااا → سوريا; pairs stay (مم).
///   A removed mark, tatweel or control between the letters does not break a run, a kept one
///   does. Latin letters, digits and everything else never collapse (``soooo`` stays). In an
///   alignment the kept letter maps to the whole run.
///
/// Presets: ``"light"``, ``"search"``, ``"social"`` (``"search"`` plus ``elongation``),
/// ``"default"`` and the camel_tools 1.6 reproductions
/// ``"camel_dediac"``, ``"camel_alef"``, ``"camel_alef_maksura"``, ``"camel_teh_marbuta"``,
/// ``"camel_unicode"``, ``"camel_arclean"`` (see ``Normalizer.presets()``).
///
/// ```python
/// >>> Normalizer()("أَهْلاً بِكُمْ فِي مَكْتَبَتِنَا")
/// 'اهلا بكم في مكتبتنا'
/// >>> Normalizer.preset("search")("إلى المدرسةِ الكبرى")
/// 'الي المدرسه الكبري'
/// >>> Normalizer(teh_marbuta=True).normalize("مدرسة")
/// 'مدرسه'
/// ```
#[pyclass(name = "Normalizer", module = "barq._barq", frozen)]
pub(crate) struct PyNormalizer {
    pub(crate) inner: Normalizer,
}

/// Build a profile from a preset name and option overrides.
fn build_profile(
    preset_arg: Option<&str>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Profile> {
    let base = match preset_arg {
        Some(name) => preset(name).map_err(to_py_err)?,
        None => Profile::Options(Options::default()),
    };
    let mut overrides: Vec<(String, bool)> = Vec::new();
    for (key, value) in options.iter().flat_map(|o| o.iter()) {
        let name: String = key
            .extract()
            .map_err(|_| PyTypeError::new_err("normalizer option names must be str"))?;
        let flag = value.extract::<bool>().ok();
        match flag {
            Some(flag) => overrides.push((name, flag)),
            // an unknown name is the better error than a wrong type
            None if !OPTION_NAMES.contains(&name.as_str()) => overrides.push((name, false)),
            None => {
                return Err(PyTypeError::new_err(format!(
                    "normalizer option {name:?} must be True or False, not {}",
                    type_name(&value)
                )))
            }
        }
    }
    base.with_overrides(&overrides).map_err(to_py_err)
}

impl PyNormalizer {
    fn options_dict<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let Some(options) = self.inner.options() else {
            return Ok(None);
        };
        let dict = PyDict::new(py);
        for name in OPTION_NAMES {
            dict.set_item(name, options.get(name).unwrap_or(false))?;
        }
        Ok(Some(dict))
    }
}

#[pymethods]
impl PyNormalizer {
    #[new]
    #[pyo3(signature = (preset=None, **options))]
    fn new(preset: Option<&str>, options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        Ok(PyNormalizer {
            inner: Normalizer::from_profile(build_profile(preset, options)?),
        })
    }

    /// The normalizer of a named preset; ``ValueError`` lists the valid names.
    #[staticmethod]
    #[pyo3(name = "preset")]
    fn from_preset(name: &str) -> PyResult<Self> {
        Ok(PyNormalizer {
            inner: Normalizer::preset(name).map_err(to_py_err)?,
        })
    }

    /// Every preset name.
    #[staticmethod]
    fn presets() -> Vec<&'static str> {
        PRESET_NAMES.to_vec()
    }

    /// The preset this normalizer is exactly, or None.
    #[getter]
    fn preset_name(&self) -> Option<&'static str> {
        preset_name(self.inner.profile())
    }

    /// Every option and its value (None for a camel_tools preset).
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.options_dict(py)
    }

    fn __call__<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyString>> {
        self.normalize(py, text)
    }

    /// Normalize ``text``. ``TypeError`` for a non-str, ``ValueError`` for a lone
    /// surrogate (with its position).
    fn normalize<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyString>> {
        let text = text.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!("text must be str, not {}", type_name(text)))
        })?;
        let view = units(text);
        let target = Target::new(text, view)?;
        let dest = target.as_ref().map(|t| &t.dest);
        let inner = &self.inner;
        let outcome = if text.len()? < 1 << 15 {
            normalize_to(inner, view, dest)
        } else {
            py.detach(|| normalize_to(inner, view, dest))
        };
        let result = outcome_object(py, outcome, target, || "text".to_string())?;
        // SAFETY: the outcome of a text that is not missing is a str.
        Ok(unsafe { result.cast_into_unchecked() })
    }

    /// Normalize many texts on all cores without the GIL, in order; ``None`` and NaN give
    /// ``None``. ``threads`` (or ``BARQ_NUM_THREADS``) caps the threads; 1 runs inline.
    ///
    /// ``texts`` is an iterable of ``str | None`` (the result is a list), or Arrow: a pyarrow
    /// ``string`` / ``large_string`` / ``string_view`` array or chunked array (anything with
    /// ``__arrow_c_array__`` / ``__arrow_c_stream__``), or a pandas Series or array of
    /// Arrow-backed strings (the pandas 3 ``str`` dtype, ``string[pyarrow]``,
    /// ``ArrowDtype(pa.large_string())``). Arrow texts are read in place, without a copy,
    /// and normalized straight into the buffers of the result, which is Arrow too: a
    /// ``pyarrow.Array`` of the input's type for an array, a ``pyarrow.ChunkedArray`` of the
    /// input's type for a chunked array (its chunks may be cut differently), and a Series
    /// with the input's index, name and dtype for a Series. Nulls stay null. ``TypeError``
    /// names the type of a non-string Arrow column; ``ValueError`` for bytes that are not
    /// UTF-8.
    #[pyo3(signature = (texts, threads=None))]
    fn normalize_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<i64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let threads = threads_arg(threads)?;
        if let Some(input) = arrow_input(texts)? {
            let out = input.texts.data_type().clone();
            let pieces = normalize_arrow(py, &self.inner, &input.texts, &out, threads)?;
            let result = input.texts.to_pyarrow(py, pieces, field("", out))?;
            return input.wrap(result);
        }
        let strs = batch_strs(texts)?;
        // Every text gets a new str of its own length and width to be normalized into (all
        // but the few texts that a normalizer lengthens fit), made here, under the GIL; the
        // workers write them without it, and only the shortening of each is left for after.
        let mut views = Vec::with_capacity(strs.len());
        let mut targets = Vec::with_capacity(strs.len());
        for s in &strs {
            let view = s.as_ref().map(units);
            targets.push(match (s, view) {
                (Some(s), Some(view)) => Target::new(s, view)?,
                _ => None,
            });
            views.push(view);
        }
        let work: Vec<_> = views
            .iter()
            .zip(&targets)
            .map(|(view, target)| view.map(|v| (v, target.as_ref().map(|t| &t.dest))))
            .collect();
        let inner = &self.inner;
        let outcomes = py
            .detach(|| {
                parallel::map(&work, threads, |item| match item {
                    Some((view, dest)) => normalize_to(inner, *view, *dest),
                    None => Outcome::Missing,
                })
            })
            .map_err(to_py_err)?;
        drop(work);
        if let Some((index, at)) = outcomes.iter().enumerate().find_map(|(i, o)| match o {
            Outcome::Surrogate(at) => Some((i, *at)),
            _ => None,
        }) {
            return Err(surrogate_error(&format!("texts[{index}]"), at));
        }
        let objects = outcomes
            .into_iter()
            .zip(targets)
            .map(|(outcome, target)| outcome_object(py, outcome, target, String::new))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, objects)?.into_any())
    }

    /// Normalize ``text`` and keep the alignment between the result and ``text``.
    ///
    /// ```python
    /// >>> text = "قَرَأْتُ الكِتَابَ"
    /// >>> aligned = Normalizer().align(text)
    /// >>> aligned.text
    /// 'قرات الكتاب'
    /// >>> start, end = aligned.to_original(5, 11)
    /// >>> text[start:end]
    /// 'الكِتَابَ'
    /// ```
    fn align(&self, text: &Bound<'_, PyAny>) -> PyResult<PyAligned> {
        let text = text_arg(text, "text")?;
        Ok(PyAligned {
            inner: self.inner.align(&text),
        })
    }

    /// A JSON-safe description of this normalizer, with a format version.
    // The profile's one serialized form (`Profile::to_json` in the core), as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let json = self.inner.profile().to_json();
        Ok(py
            .import("json")?
            .call_method1("loads", (json,))?
            .cast_into::<PyDict>()?)
    }

    /// Rebuild a normalizer from :meth:`to_dict`; a dict written before ``elongation``
    /// existed (without it) reads it as off.
    #[staticmethod]
    fn from_dict(d: &Bound<'_, PyAny>) -> PyResult<Self> {
        _normalizer_from_dict(d)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let module = py.import("barq._barq")?;
        let rebuild = module.getattr("_normalizer_from_dict")?;
        PyTuple::new(
            py,
            [rebuild, PyTuple::new(py, [self.to_dict(py)?])?.into_any()],
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyNormalizer>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.profile().hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        if let Some(name) = preset_name(self.inner.profile()) {
            return format!("Normalizer.preset({name:?})");
        }
        let Some(options) = self.inner.options() else {
            return "Normalizer(?)".to_string();
        };
        let defaults = Options::default();
        let changed: Vec<String> = OPTION_NAMES
            .iter()
            .filter(|n| options.get(n) != defaults.get(n))
            .map(|n| {
                let v = if options.get(n) == Some(true) {
                    "True"
                } else {
                    "False"
                };
                format!("{n}={v}")
            })
            .collect();
        format!("Normalizer({})", changed.join(", "))
    }
}

/// Rebuild a normalizer from `Normalizer.to_dict()` (also what unpickling calls).
#[pyfunction]
pub(crate) fn _normalizer_from_dict(d: &Bound<'_, PyAny>) -> PyResult<PyNormalizer> {
    if !d.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err(format!(
            "Normalizer.from_dict expects a dict, not {}",
            type_name(d)
        )));
    }
    let py = d.py();
    let json: String = py
        .import("json")?
        .call_method1("dumps", (d,))
        .map_err(|e| {
            PyValueError::new_err(format!("a serialized Normalizer must be JSON-safe: {e}"))
        })?
        .extract()?;
    Ok(PyNormalizer {
        inner: Normalizer::from_profile(Profile::from_json(&json).map_err(to_py_err)?),
    })
}

/// A span argument: a negative index is a `ValueError` (as any other bad span), not the
/// `OverflowError` of a conversion to an unsigned integer.
fn span_arg(start: i64, end: i64) -> PyResult<(usize, usize)> {
    match (usize::try_from(start), usize::try_from(end)) {
        (Ok(start), Ok(end)) => Ok((start, end)),
        _ => Err(PyValueError::new_err(format!(
            "span ({start}, {end}) has a negative index; spans are code-point offsets from the start"
        ))),
    }
}

/// Rebuild an `Aligned` from `__reduce__`'s parts.
#[pyfunction]
pub(crate) fn _aligned_from_segments(
    text: String,
    seg_orig: Vec<u32>,
    seg_out: Vec<u32>,
) -> PyResult<PyAligned> {
    Ok(PyAligned {
        inner: Aligned::from_segments(text, seg_orig, seg_out).map_err(to_py_err)?,
    })
}

/// A normalized text and the alignment between it and the original text.
///
/// Spans are half-open ``(start, end)`` code-point indices. A span never splits a letter from
/// the marks after it, and a character that expanded maps back whole.
#[pyclass(name = "Aligned", module = "barq._barq", frozen)]
pub(crate) struct PyAligned {
    pub(crate) inner: Aligned,
}

#[pymethods]
impl PyAligned {
    /// The normalized text.
    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        PyString::new(py, self.inner.text())
    }

    /// The span of the original text that produced normalized ``[start, end)``.
    fn to_original(&self, start: i64, end: i64) -> PyResult<(usize, usize)> {
        let (start, end) = span_arg(start, end)?;
        self.inner.to_original(start, end).map_err(to_py_err)
    }

    /// The span of the normalized text that original ``[start, end)`` became.
    fn to_normalized(&self, start: i64, end: i64) -> PyResult<(usize, usize)> {
        let (start, end) = span_arg(start, end)?;
        self.inner.to_normalized(start, end).map_err(to_py_err)
    }

    fn __len__(&self) -> usize {
        self.inner.normalized_len()
    }

    fn __str__(&self) -> String {
        self.inner.text().to_string()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyAligned>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.hash(&mut h);
        h.finish()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let rebuild = py.import("barq._barq")?.getattr("_aligned_from_segments")?;
        let (orig, out) = self.inner.segments();
        let args = (self.inner.text(), orig.to_vec(), out.to_vec()).into_pyobject(py)?;
        PyTuple::new(py, [rebuild, args.into_any()])
    }

    fn __repr__(&self) -> String {
        format!(
            "Aligned(text={:?}, original_length={})",
            self.inner.text(),
            self.inner.original_len()
        )
    }
}
