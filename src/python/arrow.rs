//! Arrow input of batch calls: pyarrow arrays and chunked arrays, pandas Arrow-backed columns,
//! and anything else with `__arrow_c_array__` / `__arrow_c_stream__`.
//!
//! The import goes through the Arrow PyCapsule interface (pyo3-arrow), which hands over the
//! producer's buffers: the texts are read where they lie, as `&str` views into the Arrow
//! buffers, without a copy. Results of string-valued calls go back as Arrow arrays of the same
//! type and chunking as the input.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, LargeStringArray, StringArray, StringViewArray};
use arrow_schema::{DataType, Field};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::PyList;
use pyo3_arrow::{PyArray, PyChunkedArray};

/// Whether the texts came as one array or as a stream of chunks; the result takes the same form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Array,
    Chunked,
}

/// The imported string chunks of an Arrow input; they own (a reference to) the caller's buffers.
pub(crate) struct ArrowTexts {
    chunks: Vec<ArrayRef>,
    data_type: DataType,
    shape: Shape,
}

/// The pyarrow spelling of an Arrow type, for messages.
fn type_name(data_type: &DataType) -> String {
    let name = match data_type {
        DataType::Null => "null",
        DataType::Boolean => "bool",
        DataType::Int8 => "int8",
        DataType::Int16 => "int16",
        DataType::Int32 => "int32",
        DataType::Int64 => "int64",
        DataType::UInt8 => "uint8",
        DataType::UInt16 => "uint16",
        DataType::UInt32 => "uint32",
        DataType::UInt64 => "uint64",
        DataType::Float16 => "halffloat",
        DataType::Float32 => "float",
        DataType::Float64 => "double",
        DataType::Utf8 => "string",
        DataType::LargeUtf8 => "large_string",
        DataType::Utf8View => "string_view",
        DataType::Binary => "binary",
        DataType::LargeBinary => "large_binary",
        DataType::BinaryView => "binary_view",
        DataType::Date32 => "date32",
        DataType::Date64 => "date64",
        DataType::List(field) => return format!("list<{}>", type_name(field.data_type())),
        DataType::LargeList(field) => {
            return format!("large_list<{}>", type_name(field.data_type()))
        }
        DataType::Dictionary(keys, values) => {
            return format!(
                "dictionary<values={}, indices={}>",
                type_name(values),
                type_name(keys)
            )
        }
        DataType::Struct(_) => "struct",
        other => return other.to_string().to_lowercase(),
    };
    name.to_string()
}

/// Does `obj` speak the Arrow PyCapsule interface?
pub(crate) fn is_arrow(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = obj.py();
    Ok(obj.hasattr(intern!(py, "__arrow_c_array__"))?
        || obj.hasattr(intern!(py, "__arrow_c_stream__"))?)
}

impl ArrowTexts {
    /// Import an object with `__arrow_c_array__` or `__arrow_c_stream__` (see [`is_arrow`]).
    ///
    /// # Errors
    /// `TypeError` naming the type for a non-string column; the producer's own errors.
    pub(crate) fn import(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let (chunks, field, shape) = if obj.hasattr(intern!(py, "__arrow_c_array__"))? {
            let (array, field) = obj.extract::<PyArray>()?.into_inner();
            (vec![array], field, Shape::Array)
        } else {
            let (chunks, field) = obj.extract::<PyChunkedArray>()?.into_inner();
            (chunks, field, Shape::Chunked)
        };
        let data_type = field.data_type().clone();
        if !matches!(
            data_type,
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
        ) {
            return Err(PyTypeError::new_err(format!(
                "texts is an Arrow array of type {}; expected string, large_string or string_view",
                type_name(&data_type)
            )));
        }
        // An empty slice can arrive with an offset past its (empty) values buffer; it has no
        // rows to read, and its validation would fail.
        for chunk in chunks.iter().filter(|c| !c.is_empty()) {
            // `value(i)` of the Arrow string arrays trusts the bytes to be UTF-8; check once
            // (only the rows of a sliced array), so a foreign buffer can never make a bad &str.
            chunk.to_data().validate_full().map_err(|e| {
                PyValueError::new_err(format!("texts is not a valid Arrow string array: {e}"))
            })?;
        }
        Ok(ArrowTexts {
            chunks,
            data_type,
            shape,
        })
    }

    /// The number of rows.
    pub(crate) fn len(&self) -> usize {
        self.chunks.iter().map(|c| c.len()).sum()
    }

    /// Every row as a view into the Arrow buffers; nulls are `None`.
    pub(crate) fn views(&self) -> Vec<Option<&str>> {
        let mut out = Vec::with_capacity(self.len());
        for chunk in &self.chunks {
            match self.data_type {
                DataType::Utf8 => out.extend(chunk.as_string::<i32>().iter()),
                DataType::LargeUtf8 => out.extend(chunk.as_string::<i64>().iter()),
                DataType::Utf8View => out.extend(chunk.as_string_view().iter()),
                _ => unreachable!("checked in import"),
            }
        }
        out
    }

    /// Arrow chunks of the same type and chunking as the input holding `results`, one per row.
    fn result_chunks(&self, results: Vec<Option<String>>) -> PyResult<Vec<ArrayRef>> {
        let mut rows = results.into_iter();
        let mut out = Vec::with_capacity(self.chunks.len());
        for chunk in &self.chunks {
            let part = rows.by_ref().take(chunk.len());
            let array: ArrayRef = match self.data_type {
                DataType::Utf8 => {
                    let part: Vec<Option<String>> = part.collect();
                    let bytes: usize = part.iter().flatten().map(String::len).sum();
                    if i32::try_from(bytes).is_err() {
                        return Err(PyValueError::new_err(format!(
                            "the results of one chunk hold {bytes} bytes, more than an Arrow \
                             string array can; pass a large_string array"
                        )));
                    }
                    Arc::new(StringArray::from_iter(part))
                }
                DataType::LargeUtf8 => Arc::new(LargeStringArray::from_iter(part)),
                DataType::Utf8View => Arc::new(StringViewArray::from_iter(part)),
                _ => unreachable!("checked in import"),
            };
            out.push(array);
        }
        Ok(out)
    }

    /// A string result for every row as the same kind of Arrow object as the input: a
    /// `pyarrow.Array` or `pyarrow.ChunkedArray`, or a `list` when pyarrow is not installed
    /// (an input from another Arrow library).
    pub(crate) fn strings_to_python<'py>(
        &self,
        py: Python<'py>,
        results: Vec<Option<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if py.import(intern!(py, "pyarrow")).is_err() {
            return Ok(PyList::new(py, results)?.into_any());
        }
        let chunks = self.result_chunks(results)?;
        match self.shape {
            Shape::Array => {
                let array = chunks.into_iter().next().expect("one chunk");
                py.import(intern!(py, "pyarrow"))?
                    .getattr(intern!(py, "array"))?
                    .call1((PyArray::from_array_ref(array),))
            }
            Shape::Chunked => self.chunked_to_pyarrow(py, chunks),
        }
    }

    /// A string result for every row as a `pyarrow.ChunkedArray` (what a pandas column holds).
    pub(crate) fn strings_to_chunked<'py>(
        &self,
        py: Python<'py>,
        results: Vec<Option<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let chunks = self.result_chunks(results)?;
        self.chunked_to_pyarrow(py, chunks)
    }

    fn chunked_to_pyarrow<'py>(
        &self,
        py: Python<'py>,
        chunks: Vec<ArrayRef>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let field = Arc::new(Field::new("", self.data_type.clone(), true));
        PyChunkedArray::try_new(chunks, field)?.into_pyarrow(py)
    }
}
