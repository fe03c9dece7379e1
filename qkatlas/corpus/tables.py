"""Parquet and Arrow (IPC file/Feather v2, or IPC stream) files as text corpora, streamed.

Only the text column is read, one record batch at a time: Parquet through
``ParquetFile.iter_batches(columns=[column])`` (a row group's worth of one column at most),
Arrow through a memory map (pages of other columns and of batches not reached are never
touched). Nulls and blank strings are skipped; texts are stripped.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from qkatlas.errors import InputError

BATCH_ROWS = 1024


def _is_text_type(t) -> bool:
    import pyarrow as pa

    if pa.types.is_dictionary(t):
        t = t.value_type
    return pa.types.is_string(t) or pa.types.is_large_string(t) or (
        hasattr(pa.types, "is_string_view") and pa.types.is_string_view(t)
    )


def check_column(path: Path, schema, column: str, explicit: bool) -> None:
    """An InputError naming the file, the column and the columns present when ``column`` is not a
    text column of ``schema``."""
    names = list(schema.names)
    if column not in names:
        present = ", ".join(names[:30]) + (f", ... ({len(names)} in all)" if len(names) > 30 else "")
        hint = "" if explicit else f"; pick the text column with {path.name}#COLUMN"
        raise InputError(f"{path}: no column {column!r} (columns: {present or 'none'}){hint}")
    t = schema.field(column).type
    if not _is_text_type(t):
        texts = [n for n in names if _is_text_type(schema.field(n).type)]
        others = f"; text columns: {', '.join(texts)}" if texts else "; the file has no text column"
        raise InputError(f"{path}: column {column!r} holds {t}, not text{others}")


def _texts(array) -> Iterator[str]:
    for value in array.to_pylist():
        if value is not None:
            value = value.strip()
            if value:
                yield value


def iter_parquet(path: Path, column: str = "text", explicit: bool = False) -> Iterator[str]:
    """Non-empty strings of ``column`` of a Parquet file, read batch by batch."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        schema = pf.schema_arrow
    except (pa.ArrowException, OSError) as e:
        raise InputError(f"{path}: not a readable Parquet file ({_reason(e)}); check the file or re-write it") from None
    check_column(path, schema, column, explicit)
    return _parquet_batches(path, pf, column)


def _parquet_batches(path: Path, pf, column: str) -> Iterator[str]:
    import pyarrow as pa

    found = False
    try:
        for batch in pf.iter_batches(batch_size=BATCH_ROWS, columns=[column]):
            for text in _texts(batch.column(0)):
                found = True
                yield text
    except pa.ArrowException as e:
        raise InputError(f"{path}: reading column {column!r} failed ({_reason(e)}); the file may be truncated") from None
    finally:
        pf.close()
    if not found:
        raise InputError(f"{path}: column {column!r} has no non-empty text")


def iter_arrow(path: Path, column: str = "text", explicit: bool = False) -> Iterator[str]:
    """Non-empty strings of ``column`` of an Arrow IPC file (.arrow/.feather v2) or IPC stream
    (what ``datasets.save_to_disk`` writes), memory-mapped and read batch by batch."""
    import pyarrow as pa
    import pyarrow.ipc as ipc

    source = pa.memory_map(str(path), "r")
    try:
        try:
            reader = ipc.open_file(source)
            batches = (reader.get_batch(i) for i in range(reader.num_record_batches))
        except pa.ArrowInvalid:
            source.seek(0)
            reader = ipc.open_stream(source)
            batches = iter(reader)
        schema = reader.schema
    except (pa.ArrowException, OSError) as e:
        source.close()
        raise InputError(
            f"{path}: not an Arrow IPC file or stream ({_reason(e)}); give a .arrow/.feather (v2) file, "
            "or convert Feather v1 with pyarrow.feather.write_feather"
        ) from None
    try:
        check_column(path, schema, column, explicit)
    except InputError:
        source.close()
        raise
    return _arrow_batches(path, source, batches, schema.get_field_index(column), column)


def _arrow_batches(path: Path, source, batches, index: int, column: str) -> Iterator[str]:
    import pyarrow as pa

    found = False
    try:
        for batch in batches:
            for text in _texts(batch.column(index)):
                found = True
                yield text
    except pa.ArrowException as e:
        raise InputError(f"{path}: reading column {column!r} failed ({_reason(e)}); the file may be truncated") from None
    finally:
        source.close()
    if not found:
        raise InputError(f"{path}: column {column!r} has no non-empty text")


def _reason(e: BaseException) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= 200 else text[:197] + "..."
