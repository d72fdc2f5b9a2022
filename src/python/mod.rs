//! The pyo3 bindings: one file per core module; this file only lists the exports.

mod arrow;
mod common;
mod gazetteer;
mod lexicon;
mod normalize;
mod pystr;
mod stem;
mod tokenize;
mod transliterate;

use pyo3::prelude::*;

#[pymodule]
fn _barq(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<normalize::PyNormalizer>()?;
    m.add_class::<normalize::PyAligned>()?;
    m.add_class::<gazetteer::PyGazetteer>()?;
    m.add_class::<gazetteer::PyMatch>()?;
    m.add(
        "MATCH_COLUMNS",
        pyo3::types::PyTuple::new(m.py(), gazetteer::MATCH_COLUMNS)?,
    )?;
    m.add_class::<lexicon::PyLexicon>()?;
    m.add_function(wrap_pyfunction!(normalize::_normalizer_from_dict, m)?)?;
    m.add_function(wrap_pyfunction!(normalize::_aligned_from_segments, m)?)?;
    m.add_class::<stem::PyStemmer>()?;
    m.add_class::<tokenize::PyTokenizer>()?;
    m.add_class::<tokenize::PyToken>()?;
    m.add_class::<tokenize::PySpan>()?;
    m.add_function(wrap_pyfunction!(transliterate::transliterate, m)?)?;
    m.add_function(wrap_pyfunction!(transliterate::transliterate_batch, m)?)?;
    m.add_function(wrap_pyfunction!(transliterate::transliterate_align, m)?)?;
    m.add_function(wrap_pyfunction!(common::_resolve_threads, m)?)?;
    Ok(())
}
