//! Arrow input and output of batch calls: pyarrow arrays and chunked arrays, pandas
//! Arrow-backed columns, and anything else with `__arrow_c_array__` / `__arrow_c_stream__`.
//!
//! The import goes through the Arrow PyCapsule interface (pyo3-arrow), which hands over the
//! producer's buffers: the texts are read where they lie, as `&str` views into the Arrow
//! buffers, without a copy. The rows are cut into [`Piece`]s of a few megabytes; each worker
//! thread reads the rows of a piece and writes its results straight into the buffers of one
//! Arrow array (a string array for normalization, a list column for matches and tokens), so no
//! per-row Rust or Python object is made. The pieces become the chunks of a chunked result, or
//! are concatenated for a single-array input.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, OffsetSizeTrait};
use arrow_buffer::{ArrowNativeType, NullBuffer};
use arrow_schema::{DataType, Field, FieldRef};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3_arrow::{PyArray, PyChunkedArray};

use super::common::to_py_err;
use crate::parallel;

/// Bytes of text per piece of parallel work: large enough that a piece's result array is
/// worth being a chunk of its own, small enough that two threads share the work evenly.
const PIECE_BYTES: usize = 2 << 20;

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
    /// The global index of the first row of each chunk.
    chunk_starts: Vec<usize>,
}

/// A run of rows of one chunk: the unit of parallel work and of result chunks.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Piece {
    chunk: usize,
    start: usize,
    len: usize,
}

/// A row whose bytes are not valid UTF-8 (or whose offsets point outside the buffer), by its
/// global index.
#[derive(Clone, Copy, Debug)]
pub(crate) struct BadRow(pub(crate) usize);

impl BadRow {
    pub(crate) fn to_py_err(self) -> PyErr {
        PyValueError::new_err(format!(
            "texts[{}] is not valid UTF-8 (or lies outside its Arrow buffer); an Arrow string \
             array must hold UTF-8",
            self.0
        ))
    }
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

/// `obj`, or for a pyarrow array or chunked array whose buffers are not aligned for their
/// type, a copy that is (`barq._batch.aligned_arrow`).
///
/// Arrow's import reads the last offset of a string array through an `i32`/`i64` pointer
/// before it realigns anything, and a misaligned read is undefined behaviour. Buffers that
/// arrive through pickling (a dask or Spark worker) can start at any byte.
fn aligned<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    let module = obj.get_type().module()?;
    if !module.to_str()?.starts_with("pyarrow") {
        return Ok(obj.clone());
    }
    py.import(intern!(py, "barq._batch"))?
        .getattr(intern!(py, "aligned_arrow"))?
        .call1((obj,))
}

/// Rows `[start, start + len)` of a string array, read without copying.
enum Rows<'a> {
    Offsets32(&'a [i32], &'a [u8]),
    Offsets64(&'a [i64], &'a [u8]),
    View(&'a arrow_array::StringViewArray),
}

fn offset_rows<O: OffsetSizeTrait>(chunk: &ArrayRef) -> (&[O], &[u8]) {
    let array = chunk.as_string::<O>();
    (array.value_offsets(), array.values().as_slice())
}

/// The text of row `i` of `offsets`/`values`, checked: in bounds and UTF-8.
fn offset_row<'a, O: OffsetSizeTrait>(
    offsets: &[O],
    values: &'a [u8],
    i: usize,
) -> Option<&'a str> {
    let (start, end) = (offsets[i].as_usize(), offsets[i + 1].as_usize());
    let bytes = values.get(start..end)?;
    simdutf8::basic::from_utf8(bytes).ok()
}

impl ArrowTexts {
    /// Import an object with `__arrow_c_array__` or `__arrow_c_stream__` (see [`is_arrow`]).
    ///
    /// # Errors
    /// `TypeError` naming the type for a non-string column; `ValueError` for a malformed array;
    /// the producer's own errors.
    pub(crate) fn import(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let obj = &aligned(obj)?;
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
            let data = chunk.to_data();
            // The structure (buffer sizes, first and last offsets) is checked here, cheaply;
            // for offset arrays each row's bounds and UTF-8 are checked by the worker that
            // reads it, so the check runs in parallel and on bytes about to be read anyway.
            // Views point anywhere: those are checked in full here.
            let checked = if data_type == DataType::Utf8View {
                data.validate_full()
            } else {
                data.validate()
            };
            checked.map_err(|e| {
                PyValueError::new_err(format!("texts is not a valid Arrow string array: {e}"))
            })?;
        }
        let mut chunk_starts = Vec::with_capacity(chunks.len());
        let mut rows = 0;
        for chunk in &chunks {
            chunk_starts.push(rows);
            rows += chunk.len();
        }
        Ok(ArrowTexts {
            chunks,
            data_type,
            shape,
            chunk_starts,
        })
    }

    /// The number of rows.
    pub(crate) fn len(&self) -> usize {
        self.chunks.iter().map(|c| c.len()).sum()
    }

    /// The Arrow type of the texts.
    pub(crate) fn data_type(&self) -> &DataType {
        &self.data_type
    }

    /// Bytes of text of every row of `chunk`.
    fn text_bytes(&self, chunk: &ArrayRef) -> Vec<usize> {
        fn lengths<O: OffsetSizeTrait>(chunk: &ArrayRef) -> Vec<usize> {
            let offsets = offset_rows::<O>(chunk).0;
            offsets
                .windows(2)
                .map(|w| w[1].as_usize().saturating_sub(w[0].as_usize()))
                .collect()
        }
        match self.data_type {
            DataType::Utf8 => lengths::<i32>(chunk),
            DataType::LargeUtf8 => lengths::<i64>(chunk),
            // the low 32 bits of a view are the length
            _ => chunk
                .as_string_view()
                .views()
                .iter()
                .map(|&v| v as u32 as usize)
                .collect(),
        }
    }

    /// Bytes of text of the rows of `piece` (an estimate for views).
    fn text_bytes_of(&self, piece: Piece) -> usize {
        let chunk = &self.chunks[piece.chunk];
        let (lo, hi) = (piece.start, piece.start + piece.len);
        match self.rows(piece.chunk) {
            Rows::Offsets32(o, _) => o[hi].as_usize().saturating_sub(o[lo].as_usize()),
            Rows::Offsets64(o, _) => o[hi].as_usize().saturating_sub(o[lo].as_usize()),
            Rows::View(_) => self.text_bytes(chunk)[lo..hi].iter().sum(),
        }
    }

    /// The rows cut into pieces of about [`PIECE_BYTES`] of text, never across chunks.
    pub(crate) fn pieces(&self) -> Vec<Piece> {
        let mut pieces = Vec::new();
        for (index, chunk) in self.chunks.iter().enumerate() {
            let bytes = self.text_bytes(chunk);
            let mut start = 0;
            let mut size = 0;
            for (row, &b) in bytes.iter().enumerate() {
                size += b + 16;
                if size >= PIECE_BYTES {
                    pieces.push(Piece {
                        chunk: index,
                        start,
                        len: row + 1 - start,
                    });
                    start = row + 1;
                    size = 0;
                }
            }
            if start < chunk.len() || chunk.is_empty() {
                pieces.push(Piece {
                    chunk: index,
                    start,
                    len: chunk.len() - start,
                });
            }
        }
        pieces
    }

    fn rows(&self, chunk: usize) -> Rows<'_> {
        let chunk = &self.chunks[chunk];
        match self.data_type {
            DataType::Utf8 => {
                let (o, v) = offset_rows::<i32>(chunk);
                Rows::Offsets32(o, v)
            }
            DataType::LargeUtf8 => {
                let (o, v) = offset_rows::<i64>(chunk);
                Rows::Offsets64(o, v)
            }
            _ => Rows::View(chunk.as_string_view()),
        }
    }

    /// Call `f` with the text of every row of `piece` in order (`None` for a null).
    ///
    /// # Errors
    /// The first row that is not UTF-8 or lies outside its buffer.
    pub(crate) fn for_each_row<'a>(
        &'a self,
        piece: Piece,
        mut f: impl FnMut(Option<&'a str>),
    ) -> Result<(), BadRow> {
        let nulls = self.chunks[piece.chunk].nulls();
        let rows = self.rows(piece.chunk);
        let first = self.chunk_starts[piece.chunk];
        for i in piece.start..piece.start + piece.len {
            if nulls.is_some_and(|n| n.is_null(i)) {
                f(None);
                continue;
            }
            let text = match rows {
                Rows::Offsets32(o, v) => offset_row(o, v, i),
                Rows::Offsets64(o, v) => offset_row(o, v, i),
                // checked in full by `import`
                Rows::View(array) => Some(array.value(i)),
            };
            f(Some(text.ok_or(BadRow(first + i))?));
        }
        Ok(())
    }

    /// The input's nulls over the rows of `piece` (shared, not copied).
    pub(crate) fn piece_nulls(&self, piece: Piece) -> Option<NullBuffer> {
        self.chunks[piece.chunk]
            .logical_nulls()
            .map(|n| n.slice(piece.start, piece.len))
            .filter(|n| n.null_count() > 0)
    }

    /// Every row as a view into the Arrow buffers (`None` for nulls), checked on `threads`.
    pub(crate) fn views(&self, threads: Option<usize>) -> PyResult<Vec<Option<&str>>> {
        let pieces = self.pieces();
        let parts = parallel::map_each(&pieces, threads, |&piece| {
            let mut rows = Vec::with_capacity(piece.len);
            self.for_each_row(piece, |t| rows.push(t)).map(|()| rows)
        })
        .map_err(to_py_err)?;
        let mut out = Vec::with_capacity(self.len());
        for part in parts {
            out.extend(part.map_err(BadRow::to_py_err)?);
        }
        Ok(out)
    }

    /// Build one result array per piece on `threads` threads, without the GIL.
    pub(crate) fn map_pieces<F>(&self, threads: Option<usize>, build: F) -> PyResult<Vec<ArrayRef>>
    where
        F: Fn(Piece) -> Result<ArrayRef, PieceError> + Sync + Send,
    {
        let pieces = self.pieces();
        let parts =
            parallel::map_each(&pieces, threads, |&piece| build(piece)).map_err(to_py_err)?;
        parts
            .into_iter()
            .map(|p| p.map_err(PieceError::into_py_err))
            .collect()
    }

    /// Result pieces as the same kind of Arrow object as the input: a `pyarrow.Array` (the
    /// pieces concatenated) or a `pyarrow.ChunkedArray` (one chunk per piece).
    pub(crate) fn to_pyarrow<'py>(
        &self,
        py: Python<'py>,
        pieces: Vec<ArrayRef>,
        field: FieldRef,
    ) -> PyResult<Bound<'py, PyAny>> {
        match self.shape {
            Shape::Array => {
                let array = concat(py, &pieces, &field)?;
                py.import(intern!(py, "pyarrow"))?
                    .getattr(intern!(py, "array"))?
                    .call1((PyArray::new(array, field),))
            }
            Shape::Chunked => chunked_to_pyarrow(py, pieces, field),
        }
    }
}

/// Why a piece could not be built.
pub(crate) enum PieceError {
    Row(BadRow),
    /// The results of a piece overflow the 32-bit offsets of the output type.
    TooLarge(usize),
    /// Arrow refused the arrays (a bug if it happens; reported, never a panic).
    Build(String),
}

impl From<BadRow> for PieceError {
    fn from(row: BadRow) -> Self {
        PieceError::Row(row)
    }
}

impl PieceError {
    fn into_py_err(self) -> PyErr {
        match self {
            PieceError::Row(row) => row.to_py_err(),
            PieceError::TooLarge(bytes) => PyValueError::new_err(format!(
                "the results of one piece hold {bytes} bytes, more than an Arrow string array \
                 can; pass a large_string array"
            )),
            PieceError::Build(message) => {
                PyValueError::new_err(format!("cannot build the Arrow result: {message}"))
            }
        }
    }
}

/// The pieces as one array (a copy; one piece is returned as it is).
fn concat(py: Python<'_>, pieces: &[ArrayRef], field: &FieldRef) -> PyResult<ArrayRef> {
    match pieces {
        [] => Ok(arrow_array::new_empty_array(field.data_type())),
        [one] => Ok(one.clone()),
        _ => {
            let refs: Vec<&dyn Array> = pieces.iter().map(|p| p.as_ref()).collect();
            py.detach(|| arrow_select::concat::concat(&refs))
                .map_err(|e| PyValueError::new_err(format!("cannot concatenate the results: {e}")))
        }
    }
}

/// Arrays as a `pyarrow.ChunkedArray` (what a pandas column holds), without a copy.
pub(crate) fn chunked_to_pyarrow<'py>(
    py: Python<'py>,
    chunks: Vec<ArrayRef>,
    field: FieldRef,
) -> PyResult<Bound<'py, PyAny>> {
    PyChunkedArray::try_new(chunks, field)?.into_pyarrow(py)
}

/// A nullable field named `name`.
pub(crate) fn field(name: &str, data_type: DataType) -> FieldRef {
    Arc::new(Field::new(name, data_type, true))
}

/// The values and offsets of a string array being written row by row.
pub(crate) struct StringColumn<O> {
    values: String,
    offsets: Vec<O>,
}

impl<O: OffsetSizeTrait> StringColumn<O> {
    pub(crate) fn with_capacity(rows: usize, bytes: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(O::usize_as(0));
        StringColumn {
            values: String::with_capacity(bytes),
            offsets,
        }
    }

    /// The buffer the next row is appended to; finish the row with [`Self::end_row`].
    pub(crate) fn buffer(&mut self) -> &mut String {
        &mut self.values
    }

    /// Close the current row.
    pub(crate) fn end_row(&mut self) -> Result<(), PieceError> {
        let end =
            O::from_usize(self.values.len()).ok_or(PieceError::TooLarge(self.values.len()))?;
        self.offsets.push(end);
        Ok(())
    }

    /// The string array, its buffers moved, not copied.
    pub(crate) fn finish(self, nulls: Option<NullBuffer>) -> arrow_array::GenericStringArray<O> {
        let offsets = arrow_buffer::OffsetBuffer::new(self.offsets.into());
        let values = arrow_buffer::Buffer::from_vec(self.values.into_bytes());
        // SAFETY: the values are the bytes of a `String`, so UTF-8, and every offset is the
        // length of that string after a whole `&str` was appended, so the offsets start at 0,
        // never decrease, end at the buffer's length and fall on character boundaries; there
        // is one more offset than rows, and `nulls` (from the input piece) has one bit per row.
        unsafe { arrow_array::GenericStringArray::new_unchecked(offsets, values, nulls) }
    }
}

/// A string array of type `out` (string, large_string or string_view) for the rows of `piece`:
/// `write(text, buffer)` appends the result of each non-null row to one values buffer; nulls
/// stay null.
pub(crate) fn string_piece(
    texts: &ArrowTexts,
    piece: Piece,
    out: &DataType,
    write: impl Fn(&str, &mut String),
) -> Result<ArrayRef, PieceError> {
    fn build<O: OffsetSizeTrait>(
        texts: &ArrowTexts,
        piece: Piece,
        write: impl Fn(&str, &mut String),
    ) -> Result<arrow_array::GenericStringArray<O>, PieceError> {
        let bytes = texts.text_bytes_of(piece);
        let mut column = StringColumn::<O>::with_capacity(piece.len, bytes + bytes / 8 + 64);
        let mut overflow = None;
        texts.for_each_row(piece, |text| {
            if let Some(text) = text {
                write(text, column.buffer());
            }
            if let Err(e) = column.end_row() {
                overflow.get_or_insert(e);
            }
        })?;
        if let Some(e) = overflow {
            return Err(e);
        }
        Ok(column.finish(texts.piece_nulls(piece)))
    }
    Ok(match out {
        DataType::Utf8 => Arc::new(build::<i32>(texts, piece, write)?),
        DataType::LargeUtf8 => Arc::new(build::<i64>(texts, piece, write)?),
        _ => {
            let large = build::<i64>(texts, piece, write)?;
            Arc::new(large.iter().collect::<arrow_array::StringViewArray>())
        }
    })
}

/// The items of a list column being written row by row: each row adds some items (matches,
/// tokens) to the item columns.
pub(crate) trait ItemColumns {
    /// Append the items of one text; returns how many.
    fn push_text(&mut self, text: &str) -> usize;
    /// The item array, of the type of [`ItemColumns::item_field`].
    fn finish(self) -> ArrayRef;
}

/// A list column for the rows of `piece` whose items `columns` makes; nulls stay null.
pub(crate) fn list_piece<C: ItemColumns>(
    texts: &ArrowTexts,
    piece: Piece,
    mut columns: C,
) -> Result<ArrayRef, PieceError> {
    let mut offsets: Vec<i32> = Vec::with_capacity(piece.len + 1);
    offsets.push(0);
    let mut items = 0usize;
    texts.for_each_row(piece, |text| {
        if let Some(text) = text {
            items += columns.push_text(text);
        }
        // checked below: an overflow makes the offsets wrong, never unsafe
        offsets.push(i32::try_from(items).unwrap_or(i32::MAX));
    })?;
    if i32::try_from(items).is_err() {
        return Err(PieceError::TooLarge(items));
    }
    let values = columns.finish();
    let item = item_field(values.data_type().clone());
    let list = arrow_array::ListArray::try_new(
        item,
        arrow_buffer::OffsetBuffer::new(offsets.into()),
        values,
        texts.piece_nulls(piece),
    )
    .map_err(|e| PieceError::Build(e.to_string()))?;
    Ok(Arc::new(list))
}

/// A struct array of `columns` (name, array), none of them null at the struct level.
pub(crate) fn struct_array(columns: Vec<(&str, ArrayRef)>) -> ArrayRef {
    let fields: Vec<FieldRef> = columns
        .iter()
        .map(|(name, array)| field(name, array.data_type().clone()))
        .collect();
    let arrays = columns.into_iter().map(|(_, a)| a).collect();
    Arc::new(arrow_array::StructArray::new(fields.into(), arrays, None))
}

/// The item field of a list of `data_type` (pyarrow's name for it, "item").
pub(crate) fn item_field(data_type: DataType) -> FieldRef {
    field("item", data_type)
}

/// The type of a struct of `columns` (name, type), every column nullable.
pub(crate) fn struct_type(columns: &[(&str, DataType)]) -> DataType {
    let fields: Vec<FieldRef> = columns
        .iter()
        .map(|(name, data_type)| field(name, data_type.clone()))
        .collect();
    DataType::Struct(fields.into())
}
