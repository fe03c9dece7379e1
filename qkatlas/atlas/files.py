"""Atomic, durable file writes: a reader (or a crash) never sees half a file.

Every file of an atlas is written to a temporary name in the same folder, flushed and fsynced,
then renamed over its final name (and the folder fsynced, so the rename itself survives a power
cut). A full disk becomes one clear :class:`DiskFullError` instead of a traceback; the
temporary file is removed and the previous version of the file stays as it was.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from qkatlas.errors import DiskFullError


@contextlib.contextmanager
def disk_errors(what: Path | str) -> Iterator[None]:
    """Turn ENOSPC / EDQUOT while writing ``what`` into a one-line DiskFullError."""
    try:
        yield
    except OSError as e:
        if e.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFullError(
                f"{what}: the disk is full ({e.strerror}); free some space and run the same command again "
                "(finished work is kept and resumed)"
            ) from None
        raise


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not every platform can open a folder
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a fsynced temporary file and a rename."""
    path = Path(path)
    with disk_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        fsync_dir(path.parent)


def write_json_atomic(path: Path, data: Any) -> None:
    write_bytes_atomic(path, (json.dumps(data, indent=2, sort_keys=False) + "\n").encode())


def save_npy_atomic(path: Path, array: np.ndarray) -> None:
    """``np.save`` through a fsynced temporary file and rename (no torn array after a crash)."""
    buf = io.BytesIO()
    np.save(buf, np.asarray(array))
    write_bytes_atomic(path, buf.getvalue())


def save_npz_atomic(path: Path, **arrays: np.ndarray) -> None:
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    write_bytes_atomic(path, buf.getvalue())


def write_parquet_atomic(path: Path, df, metadata: dict[bytes, bytes] | None = None) -> None:
    """A DataFrame as Parquet (optionally with key-value metadata), written atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    if metadata:
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata})
    buf = io.BytesIO()
    pq.write_table(table, buf)
    write_bytes_atomic(path, buf.getvalue())


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
