//! Bindings of `crate::tokenize`: `Tokenizer`, `Token` and `Span`.
//!
//! The core cuts in UTF-8 bytes; offsets become Python code-point indices here, once, inside
//! the GIL-free part of each call.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyList, PyString, PyTuple};

use std::sync::Arc;

use arrow_array::builder::LargeStringBuilder;
use arrow_array::{ArrayRef, Int64Array};
use arrow_schema::DataType;

use super::arrow::{field, item_field, list_piece, struct_array, struct_type, ItemColumns};
use super::common::{
    arrow_input, batch_texts_with_objects, substring, text_arg, threads_arg, to_arrow_input,
    to_py_err, untracked, ArrowInput, GcPause,
};
use super::lexicon::{default_lexicon_of, lexicon_arg, PyLexicon};
use super::normalize::PyNormalizer;
use crate::parallel;
use crate::text::bytes_to_chars;
use crate::tokenize::{Clitics, Kind, Mode, Role, Segmenter, Tokenizer};

/// `PyToken::hi` for a token whose text is all of its source.
const WHOLE: usize = usize::MAX;

/// Texts at least this long are tokenized without the GIL.
const DETACH_LEN: usize = 1 << 16;

/// One token: its text, half-open code-point offsets into the original string, its kind
/// and, when the tokenizer has a normalizer, its normalized form. A piece of a word split by
/// clitic segmentation also has a :attr:`role` and a :attr:`form`.
///
/// ``original[token.start:token.end] == token.text`` always holds. Tokens are immutable,
/// hashable, compare by value and pickle.
#[pyclass(name = "Token", module = "barq._barq", frozen)]
pub(crate) struct PyToken {
    /// The token's text is `source[lo..hi]`, cut only when asked for: a tokenizer shares the
    /// original string between all its tokens (`hi == WHOLE` means all of `source`).
    source: Py<PyString>,
    lo: usize,
    hi: usize,
    start: usize,
    end: usize,
    kind: Kind,
    norm: Option<Py<PyString>>,
    role: Option<Role>,
    /// The piece's form when it differs from its text (letters restored).
    form: Option<Py<PyString>>,
}

#[pymethods]
impl PyToken {
    #[new]
    #[pyo3(signature = (text, start, end, kind, norm=None, role=None, form=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        text: Bound<'_, PyString>,
        start: usize,
        end: usize,
        kind: &str,
        norm: Option<Bound<'_, PyString>>,
        role: Option<&str>,
        form: Option<Bound<'_, PyString>>,
    ) -> PyResult<Self> {
        if end < start {
            return Err(PyValueError::new_err(format!(
                "a token's end must not come before its start, got start={start}, end={end}"
            )));
        }
        let form = match form {
            Some(f) if !f.as_any().eq(&text)? => Some(f.unbind()),
            _ => None,
        };
        Ok(PyToken {
            source: text.unbind(),
            lo: 0,
            hi: WHOLE,
            start,
            end,
            kind: Kind::from_name(kind).map_err(to_py_err)?,
            norm: norm.map(Bound::unbind),
            role: role.map(Role::from_name).transpose().map_err(to_py_err)?,
            form,
        })
    }

    /// The token as written in the original text.
    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        let source = self.source.bind(py);
        if self.hi == WHOLE {
            return Ok(source.clone());
        }
        substring(source, self.lo, self.hi)
    }

    /// Code-point index of the first character in the original text.
    #[getter]
    fn start(&self) -> usize {
        self.start
    }

    /// Code-point index one past the last character in the original text.
    #[getter]
    fn end(&self) -> usize {
        self.end
    }

    /// One of ``"word"``, ``"number"``, ``"punct"``, ``"symbol"``, ``"url"``, ``"email"``,
    /// ``"hashtag"``, ``"mention"``, ``"emoji"``.
    #[getter]
    fn kind(&self) -> &'static str {
        self.kind.as_str()
    }

    /// The token's :attr:`form` normalized by the tokenizer's normalizer (None without
    /// one).
    #[getter]
    fn norm(&self, py: Python<'_>) -> Option<Py<PyString>> {
        self.norm.as_ref().map(|n| n.clone_ref(py))
    }

    /// For a piece of a word split by clitic segmentation, ``"proclitic"``, ``"stem"`` or
    /// ``"enclitic"``; None for every other token.
    #[getter]
    fn role(&self) -> Option<&'static str> {
        self.role.map(Role::as_str)
    }

    /// The token as a word: its text, with the letters restored that the spelling merged
    /// (in ``للسلطة``, the piece ``لسلطة`` has the form ``السلطة``; in ``حكومتها``, ``حكومت`` has
    /// ``حكومة``). The text itself for every other token.
    #[getter]
    fn form<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        match &self.form {
            Some(f) => Ok(f.bind(py).clone()),
            None => self.text(py),
        }
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let args = (
            this.text(py)?,
            this.start,
            this.end,
            this.kind.as_str(),
            this.norm.as_ref().map(|n| n.clone_ref(py)),
            this.role(),
            this.form.as_ref().map(|f| f.clone_ref(py)),
        );
        PyTuple::new(
            py,
            [
                slf.get_type().into_any(),
                args.into_pyobject(py)?.into_any(),
            ],
        )
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<PyToken>() else {
            return Ok(false);
        };
        let other = other.get();
        let same_norm = match (&self.norm, &other.norm) {
            (Some(a), Some(b)) => a.bind(py).as_any().eq(b.bind(py))?,
            (None, None) => true,
            _ => false,
        };
        Ok(self.start == other.start
            && self.end == other.end
            && self.kind == other.kind
            && self.role == other.role
            && same_norm
            && self.text(py)?.as_any().eq(other.text(py)?)?
            && self.form(py)?.as_any().eq(other.form(py)?)?)
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        let key = (self.text(py)?, self.start, self.end, self.kind.as_str());
        key.into_pyobject(py)?.hash()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = self.text(py)?.repr()?;
        let mut extra = String::new();
        if let Some(n) = &self.norm {
            extra.push_str(&format!(", norm={}", n.bind(py).repr()?));
        }
        if let Some(role) = self.role {
            extra.push_str(&format!(", role='{}'", role.as_str()));
        }
        if let Some(f) = &self.form {
            extra.push_str(&format!(", form={}", f.bind(py).repr()?));
        }
        Ok(format!(
            "Token({text}, {}, {}, '{}'{extra})",
            self.start,
            self.end,
            self.kind.as_str()
        ))
    }
}

/// A span of a text (a sentence): half-open code-point offsets and its text.
#[pyclass(name = "Span", module = "barq._barq", frozen)]
pub(crate) struct PySpan {
    /// The span's text, ``original[start:end]``.
    #[pyo3(get)]
    text: Py<PyString>,
    /// Code-point index of the first character.
    #[pyo3(get)]
    start: usize,
    /// Code-point index one past the last character.
    #[pyo3(get)]
    end: usize,
}

#[pymethods]
impl PySpan {
    #[new]
    fn new(text: Bound<'_, PyString>, start: usize, end: usize) -> PyResult<Self> {
        if end < start {
            return Err(PyValueError::new_err(format!(
                "a span's end must not come before its start, got start={start}, end={end}"
            )));
        }
        Ok(PySpan {
            text: text.unbind(),
            start,
            end,
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let args = (this.text.clone_ref(py), this.start, this.end);
        PyTuple::new(
            py,
            [
                slf.get_type().into_any(),
                args.into_pyobject(py)?.into_any(),
            ],
        )
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<PySpan>() else {
            return Ok(false);
        };
        let other = other.get();
        Ok(self.start == other.start
            && self.end == other.end
            && self.text.bind(py).as_any().eq(other.text.bind(py))?)
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        (self.text.clone_ref(py), self.start, self.end)
            .into_pyobject(py)?
            .hash()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = self.text.bind(py).repr()?;
        Ok(format!("Span({text}, {}, {})", self.start, self.end))
    }
}

/// The tokens of one text, cut without the GIL: code-point spans, kinds, norms, and the roles
/// and restored forms of the pieces of split words.
struct Cut {
    chars: Vec<usize>,
    kinds: Vec<Kind>,
    norms: Option<Vec<String>>,
    roles: Vec<Option<Role>>,
    /// For each token, its form when it differs from its text (only for `Output::Tokens`).
    forms: Vec<Option<String>>,
}

/// What a batch call returns for each text.
#[derive(Clone, Copy, PartialEq)]
enum Output {
    Tokens,
    Words,
    Offsets,
}

fn cut(tokenizer: &Tokenizer, text: &str, output: Output) -> Cut {
    let tokens = tokenizer.tokenize(text);
    let mut chars: Vec<usize> = tokens.iter().flat_map(|t| [t.start, t.end]).collect();
    bytes_to_chars(text, &mut chars);
    let norms = match output {
        Output::Tokens => tokenizer.normalizer().map(|_| {
            tokens
                .iter()
                .filter_map(|t| tokenizer.token_norm(text, t))
                .collect()
        }),
        _ => None,
    };
    let split = output == Output::Tokens && tokenizer.segmenter().is_some();
    Cut {
        kinds: tokens.iter().map(|t| t.kind).collect(),
        chars,
        norms,
        roles: if split {
            tokens.iter().map(|t| t.role).collect()
        } else {
            Vec::new()
        },
        forms: if split {
            tokens
                .iter()
                .map(|t| (!t.restore.is_none()).then(|| t.form(text).into_owned()))
                .collect()
        } else {
            Vec::new()
        },
    }
}

fn words_list<'py>(original: &Bound<'py, PyString>, cut: &Cut) -> PyResult<Bound<'py, PyList>> {
    let words = cut
        .chars
        .chunks_exact(2)
        .map(|p| substring(original, p[0], p[1]))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(original.py(), words)
}

fn offsets_list<'py>(py: Python<'py>, cut: &Cut) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, cut.chars.chunks_exact(2).map(|p| (p[0], p[1])))
}

fn tokens_list<'py>(original: &Bound<'py, PyString>, cut: Cut) -> PyResult<Bound<'py, PyList>> {
    let py = original.py();
    let mut norms = cut.norms.map(Vec::into_iter);
    let mut forms = cut.forms.into_iter();
    let mut tokens = Vec::with_capacity(cut.kinds.len());
    for (k, &kind) in cut.kinds.iter().enumerate() {
        let (start, end) = (cut.chars[2 * k], cut.chars[2 * k + 1]);
        let norm = norms.as_mut().and_then(|n| n.next());
        let form = forms.next().flatten();
        let token = PyToken {
            source: original.clone().unbind(),
            lo: start,
            hi: end,
            start,
            end,
            kind,
            norm: norm.map(|n| PyString::new(py, &n).unbind()),
            role: cut.roles.get(k).copied().flatten(),
            form: form.map(|f| PyString::new(py, &f).unbind()),
        };
        tokens.push(untracked(py, token)?);
    }
    PyList::new(py, tokens)
}

/// The columns of the tokens of an Arrow batch, in a list per text.
struct TokenColumns<'t> {
    tokenizer: &'t Tokenizer,
    output: Output,
    start: Vec<i64>,
    end: Vec<i64>,
    text: LargeStringBuilder,
    kind: LargeStringBuilder,
    norm: LargeStringBuilder,
    form: LargeStringBuilder,
    role: LargeStringBuilder,
}

/// The type of the list items of an Arrow `tokenize_batch` result for `output`.
fn token_item_type(output: Output) -> DataType {
    match output {
        Output::Tokens => struct_type(&[
            ("start", DataType::Int64),
            ("end", DataType::Int64),
            ("text", DataType::LargeUtf8),
            ("kind", DataType::LargeUtf8),
            ("norm", DataType::LargeUtf8),
            ("form", DataType::LargeUtf8),
            ("role", DataType::LargeUtf8),
        ]),
        Output::Words => DataType::LargeUtf8,
        Output::Offsets => struct_type(&[("start", DataType::Int64), ("end", DataType::Int64)]),
    }
}

impl<'t> TokenColumns<'t> {
    fn new(tokenizer: &'t Tokenizer, output: Output) -> Self {
        TokenColumns {
            tokenizer,
            output,
            start: Vec::new(),
            end: Vec::new(),
            text: LargeStringBuilder::new(),
            kind: LargeStringBuilder::new(),
            norm: LargeStringBuilder::new(),
            form: LargeStringBuilder::new(),
            role: LargeStringBuilder::new(),
        }
    }
}

impl ItemColumns for TokenColumns<'_> {
    fn push_text(&mut self, text: &str) -> usize {
        let tokens = self.tokenizer.tokenize(text);
        if self.output == Output::Words {
            for t in &tokens {
                self.text.append_value(t.text(text));
            }
            return tokens.len();
        }
        let mut chars: Vec<usize> = tokens.iter().flat_map(|t| [t.start, t.end]).collect();
        bytes_to_chars(text, &mut chars);
        for (k, t) in tokens.iter().enumerate() {
            self.start.push(chars[2 * k] as i64);
            self.end.push(chars[2 * k + 1] as i64);
            if self.output == Output::Tokens {
                self.text.append_value(t.text(text));
                self.kind.append_value(t.kind.as_str());
                match self.tokenizer.token_norm(text, t) {
                    Some(n) => self.norm.append_value(n),
                    None => self.norm.append_null(),
                }
                self.form.append_value(t.form(text));
                match t.role {
                    Some(r) => self.role.append_value(r.as_str()),
                    None => self.role.append_null(),
                }
            }
        }
        tokens.len()
    }

    fn finish(mut self) -> ArrayRef {
        let start = Arc::new(Int64Array::from(self.start)) as ArrayRef;
        let end = Arc::new(Int64Array::from(self.end)) as ArrayRef;
        match self.output {
            Output::Words => Arc::new(self.text.finish()),
            Output::Offsets => struct_array(vec![("start", start), ("end", end)]),
            Output::Tokens => struct_array(vec![
                ("start", start),
                ("end", end),
                ("text", Arc::new(self.text.finish())),
                ("kind", Arc::new(self.kind.finish())),
                ("norm", Arc::new(self.norm.finish())),
                ("form", Arc::new(self.form.finish())),
                ("role", Arc::new(self.role.finish())),
            ]),
        }
    }
}

/// The tokens of Arrow texts as a list column in the form of the input.
fn tokenize_arrow<'py>(
    py: Python<'py>,
    tokenizer: &Tokenizer,
    input: &ArrowInput<'py>,
    output: Output,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let texts = &input.texts;
    let pieces = py.detach(|| {
        texts.map_pieces(threads, |piece| {
            list_piece(texts, piece, TokenColumns::new(tokenizer, output))
        })
    })?;
    let list = DataType::List(item_field(token_item_type(output)));
    let result = texts.to_pyarrow(py, pieces, field("", list))?;
    input.wrap(result)
}

fn output_arg(output: &str) -> PyResult<Output> {
    match output {
        "tokens" => Ok(Output::Tokens),
        "words" => Ok(Output::Words),
        "offsets" => Ok(Output::Offsets),
        _ => Err(PyValueError::new_err(format!(
            "unknown output {output:?}; valid outputs are: tokens, words, offsets"
        ))),
    }
}

/// Cuts Arabic news and social text into tokens with offsets into the original.
///
/// ``Tokenizer(normalizer=None, mode="default")``. A :class:`Normalizer` fills
/// :attr:`Token.norm`; offsets always refer to the original text.
///
/// Tokenization is lossless: the tokens are in order, never overlap and cover every character
/// that is not white space (``str.isspace``); invisible controls (RLM, ZWSP, ...) belong to the
/// token they touch.
///
/// ``mode="default"`` keeps whole: words with their diacritics, tatweel and inner ZWNJ;
/// numbers with their separators in both digit systems (``1,000.5``, ``٣٫٥``, ``١٬٠٠٠``,
/// ``12:30``, ``2025/01/15``); URLs (``https://``, ``www.``, bare ``name.com``), emails,
/// ``#هاشتاق_عربي``, ``@mention``; emoji sequences (ZWJ, skin tones, flags, keycaps,
/// variation selectors); initialisms (``U.S.``). Punctuation is one token per character
/// except ``...``: ``لـ”قوات`` is ``لـ``, ``”``, ``قوات``. A number followed by letters is two
/// tokens: ``2025م`` is ``2025`` and ``م``; digits end an Arabic word (``كورونا19``) but stay in
/// a Latin one (``mp3``).
///
/// ``mode="camel"`` reproduces camel_tools 1.6 ``simple_word_tokenize`` token for token (every
/// punctuation and symbol character split off, emoji sequences kept), with offsets and kinds.
///
/// ``clitics="atb"`` splits clitics off the Arabic words, as the Penn Arabic Treebank and UD
/// Arabic do: the conjunctions و ف, the prepositions ب ل ك (and the ل of purpose), the future
/// marker س and the pronouns ه ها هم هما هن ك كم كما كن ي نا ني become tokens of their own,
/// the article stays on its word: ``وبالقاهرة`` is ``و`` ``ب`` ``القاهرة``. ``clitics="d3"``
/// also splits the article. A word is split only where ``lexicon`` (default: the shipped
/// :meth:`Lexicon.default`) makes the clitic reading the likely one: ``بيروت``, ``لندن``,
/// ``والد``, ``فيما`` stay whole, ``وبيروت`` splits once. The pieces are slices of the text
/// (lossless as ever), with :attr:`Token.role` and :attr:`Token.form`; :attr:`Token.norm` is
/// the normalized form.
///
/// ``ValueError`` for an unknown mode or clitics scheme (listing the valid ones),
/// ``TypeError`` for a normalizer that is not a :class:`Normalizer` or a lexicon that is not
/// a :class:`Lexicon`. Tokenizers pickle (the shipped lexicon by reference) and compare with
/// ``==``.
///
/// ```python
/// >>> Tokenizer().words("زرتُ القاهرةَ في 2024، وكانت جميلة!")
/// ['زرتُ', 'القاهرةَ', 'في', '2024', '،', 'وكانت', 'جميلة', '!']
/// >>> segmenter = Tokenizer(clitics="atb")
/// >>> segmenter.words("وبالمدينة مدرستها")
/// ['و', 'ب', 'المدينة', 'مدرست', 'ها']
/// >>> [token.form for token in segmenter("وبالمدينة مدرستها")]
/// ['و', 'ب', 'المدينة', 'مدرسة', 'ها']
/// ```
#[pyclass(name = "Tokenizer", module = "barq._barq", frozen)]
pub(crate) struct PyTokenizer {
    inner: Tokenizer,
    /// Whether the segmenter uses the shipped lexicon (pickled as `None`, not as its counts).
    default_lexicon: bool,
}

impl PyTokenizer {
    fn cut_one(&self, py: Python<'_>, text: &PyBackedStr, output: Output) -> Cut {
        let inner = &self.inner;
        if text.len() < DETACH_LEN {
            return cut(inner, text, output);
        }
        py.detach(|| cut(inner, text, output))
    }

    /// `tokenize_batch` of an iterable of `str | None`, as a list of lists (`None` stays).
    fn tokenize_lists<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
        output: Output,
    ) -> PyResult<Bound<'py, PyAny>> {
        let items = batch_texts_with_objects(texts)?;
        let (objects, texts): (Vec<_>, Vec<_>) = items
            .into_iter()
            .map(|item| match item {
                Some((object, text)) => (Some(object), Some(text)),
                None => (None, None),
            })
            .unzip();
        let inner = &self.inner;
        let cuts = py
            .detach(|| {
                parallel::map(&texts, threads, |text| {
                    text.as_ref().map(|t| cut(inner, t, output))
                })
            })
            .map_err(to_py_err)?;
        let built = cuts.iter().flatten().map(|c| c.kinds.len()).sum();
        let _pause = GcPause::new(py, if output == Output::Tokens { built } else { 0 });
        let mut out = Vec::with_capacity(cuts.len());
        for (object, cut) in objects.iter().zip(cuts) {
            out.push(match (object, cut) {
                (Some(object), Some(cut)) => match output {
                    Output::Tokens => tokens_list(object, cut)?.into_any(),
                    Output::Words => words_list(object, &cut)?.into_any(),
                    Output::Offsets => offsets_list(py, &cut)?.into_any(),
                },
                _ => py.None().into_bound(py),
            });
        }
        Ok(PyList::new(py, out)?.into_any())
    }
}

#[pymethods]
impl PyTokenizer {
    #[new]
    #[pyo3(signature = (normalizer=None, mode="default", clitics=None, lexicon=None))]
    fn new(
        py: Python<'_>,
        normalizer: Option<&Bound<'_, PyNormalizer>>,
        mode: &str,
        clitics: Option<&str>,
        lexicon: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mode = Mode::from_name(mode).map_err(to_py_err)?;
        let clitics = clitics
            .map(Clitics::from_name)
            .transpose()
            .map_err(to_py_err)?;
        let lexicon = lexicon_arg(lexicon)?;
        let default = lexicon.is_none();
        let segmenter = match clitics {
            Some(scheme) => {
                let lexicon = match lexicon {
                    Some(l) => l,
                    None => default_lexicon_of(py)?,
                };
                Some(py.detach(|| Segmenter::new(scheme, lexicon)))
            }
            None => None,
        };
        let inner = Tokenizer::new(mode, normalizer.map(|n| n.get().inner.clone()))
            .with_segmenter(segmenter);
        Ok(PyTokenizer {
            inner,
            default_lexicon: default,
        })
    }

    /// ``"default"`` or ``"camel"``.
    #[getter]
    fn mode(&self) -> &'static str {
        self.inner.mode().as_str()
    }

    /// ``"atb"``, ``"d3"`` or None (words stay whole).
    #[getter]
    fn clitics(&self) -> Option<&'static str> {
        self.inner.segmenter().map(|s| s.scheme().as_str())
    }

    /// The lexicon that decides clitic splits (None without clitics).
    #[getter]
    fn lexicon(&self) -> Option<PyLexicon> {
        self.inner.segmenter().map(|s| PyLexicon {
            inner: s.lexicon().clone(),
        })
    }

    /// The normalizer that fills :attr:`Token.norm`, or None.
    #[getter]
    fn normalizer(&self) -> Option<PyNormalizer> {
        self.inner
            .normalizer()
            .map(|n| PyNormalizer { inner: n.clone() })
    }

    /// The tokens of ``text``. ``TypeError`` for a non-str, ``ValueError`` for a lone
    /// surrogate (with its position); an empty or white-space-only text gives ``[]``.
    fn tokenize<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let backed = text_arg(text, "text")?;
        let cut = self.cut_one(py, &backed, Output::Tokens);
        let _pause = GcPause::new(py, cut.kinds.len());
        tokens_list(text.cast::<PyString>()?, cut)
    }

    fn __call__<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        self.tokenize(py, text)
    }

    /// The surface strings of the tokens of ``text`` (faster than :meth:`tokenize`).
    fn words<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let backed = text_arg(text, "text")?;
        let cut = self.cut_one(py, &backed, Output::Words);
        words_list(text.cast::<PyString>()?, &cut)
    }

    /// The ``(start, end)`` code-point offsets of the tokens of ``text``.
    fn offsets<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let text = text_arg(text, "text")?;
        let cut = self.cut_one(py, &text, Output::Offsets);
        offsets_list(py, &cut)
    }

    /// Tokenize many texts on all cores without the GIL, in order; ``None`` and NaN give
    /// ``None``. Each result is a list of :class:`Token` (``output="tokens"``), of surface
    /// strings (``"words"``, the fastest) or of ``(start, end)`` tuples (``"offsets"``).
    /// ``threads`` (or ``BARQ_NUM_THREADS``) caps the threads; 1 runs inline.
    ///
    /// ``texts`` takes every form :meth:`Normalizer.normalize_batch` takes. For Arrow texts
    /// (read in place) the result is Arrow, in the form of the input (``pyarrow.Array``,
    /// ``pyarrow.ChunkedArray``, or a Series with the input's index and name and a
    /// ``pandas.ArrowDtype``), one list per text (null for a missing text) of type
    /// ``list<item: struct<start: int64, end: int64, text: large_string, kind: large_string,
    /// norm: large_string, form: large_string, role: large_string>>`` for ``"tokens"``
    /// (``norm`` null without a normalizer, ``role`` null for a token that is no piece),
    /// ``list<item: large_string>`` for ``"words"`` and ``list<item: struct<start: int64,
    /// end: int64>>`` for ``"offsets"``. ``arrow=False`` gives Python lists for Arrow texts
    /// too; ``arrow=True`` gives a ``pyarrow.Array`` for an iterable of ``str``.
    #[pyo3(signature = (texts, threads=None, output="tokens", arrow=None))]
    fn tokenize_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<i64>,
        output: &str,
        arrow: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let output = output_arg(output)?;
        let threads = threads_arg(threads)?;
        let input = match (arrow_input(texts)?, arrow) {
            (Some(input), Some(false)) => {
                // Python objects asked for: the tokens share a `str` per text, made here
                let strs = input
                    .texts
                    .views(threads)?
                    .into_iter()
                    .map(|t| t.map(|t| PyString::new(py, t)));
                let list = PyList::new(py, strs)?;
                return self.tokenize_lists(py, list.as_any(), threads, output);
            }
            (Some(input), _) => input,
            (None, Some(true)) => to_arrow_input(texts)?,
            (None, _) => return self.tokenize_lists(py, texts, threads, output),
        };
        tokenize_arrow(py, &self.inner, &input, output, threads)
    }

    /// The sentences of ``text``, trimmed of white space.
    ///
    /// A sentence ends after ``.`` ``!`` ``?`` ``؟`` ``…`` ``...`` (runs like ``؟!`` stay
    /// together) with the closing quotes and brackets after it, and at every line break. Not
    /// inside numbers, URLs, emails or initialisms; not after a title (``Dr.``, ``Prof.``),
    /// a single letter before a word (``د. سامي``, ``J. Smith``), or before a lower-case Latin
    /// letter. Always uses the default rules, whatever the mode.
    fn sentences<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let text = text_arg(text, "text")?;
        let inner = &self.inner;
        let spans = if text.len() < DETACH_LEN {
            inner.sentences(&text)
        } else {
            py.detach(|| inner.sentences(&text))
        };
        let mut offsets: Vec<usize> = spans.iter().flat_map(|&(s, e)| [s, e]).collect();
        bytes_to_chars(&text, &mut offsets);
        let items = spans.iter().enumerate().map(|(k, &(s, e))| {
            Bound::new(
                py,
                PySpan {
                    text: PyString::new(py, &text[s..e]).unbind(),
                    start: offsets[2 * k],
                    end: offsets[2 * k + 1],
                },
            )
        });
        PyList::new(py, items.collect::<PyResult<Vec<_>>>()?)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let normalizer = this.normalizer().map(|n| Bound::new(py, n)).transpose()?;
        let lexicon = match this.default_lexicon {
            true => None,
            false => this.lexicon().map(|l| Bound::new(py, l)).transpose()?,
        };
        let args = (normalizer, this.mode(), this.clitics(), lexicon);
        PyTuple::new(
            py,
            [
                slf.get_type().into_any(),
                args.into_pyobject(py)?.into_any(),
            ],
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyTokenizer>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.mode().hash(&mut h);
        self.inner.normalizer().map(|n| *n.profile()).hash(&mut h);
        self.clitics().hash(&mut h);
        h.finish()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let py = slf.py();
        let this = slf.get();
        let mut parts = Vec::new();
        if let Some(n) = this.normalizer() {
            parts.push(format!("normalizer={}", Bound::new(py, n)?.repr()?));
        }
        if this.inner.mode() != Mode::Default {
            parts.push(format!("mode={:?}", this.inner.mode().as_str()));
        }
        if let Some(c) = this.clitics() {
            parts.push(format!("clitics={c:?}"));
        }
        Ok(format!("Tokenizer({})", parts.join(", ")))
    }
}
