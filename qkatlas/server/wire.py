"""Binary wire format of the explorer API ("QKB1"): a small JSON header plus raw typed arrays.

Layout of one message::

    bytes 0..3   b"QKB1"
    bytes 4..7   uint32 little-endian: length H of the JSON header (padding included)
    bytes 8..    JSON header (UTF-8), padded with spaces so that the data starts at a multiple of 8
    data         the arrays, little-endian, C order, each starting at a multiple of 8

The header is ``{"meta": {...}, "arrays": {name: {"dtype", "shape", "offset", "nbytes"}}}`` with
``offset`` counted from the start of the data. A browser reads every array as a typed-array view
of the response buffer without copying (``web/src/wire.ts``).

Coordinates are quantised per head and axis to uint16 inside the head's bounding box
(``bounds[head, axis] = (lo, hi)``): ``x = lo + q / 65535 * (hi - lo)``; 4 bytes per 2-D point.
"""

from __future__ import annotations

import json
import struct

import numpy as np

MAGIC = b"QKB1"
DTYPES = ("uint8", "int8", "uint16", "int16", "uint32", "int32", "float32", "float64")
QMAX = 65535


def _pad(n: int, to: int = 8) -> int:
    return (-n) % to


def pack(arrays: dict[str, np.ndarray], meta: dict | None = None) -> bytes:
    """Encode named arrays and a JSON-able ``meta`` dict into one QKB1 message."""
    specs, chunks, offset = {}, [], 0
    for name, arr in arrays.items():
        arr = np.ascontiguousarray(arr)
        if arr.dtype.name not in DTYPES:
            raise TypeError(f"array {name!r}: dtype {arr.dtype} cannot go on the wire")
        arr = arr.astype(arr.dtype.newbyteorder("<"), copy=False)
        data = arr.tobytes()
        specs[name] = {"dtype": arr.dtype.name, "shape": list(arr.shape), "offset": offset, "nbytes": len(data)}
        chunks.append(data)
        pad = _pad(len(data))
        if pad:
            chunks.append(b"\0" * pad)
        offset += len(data) + pad
    header = json.dumps({"meta": meta or {}, "arrays": specs}, separators=(",", ":")).encode()
    header += b" " * _pad(8 + len(header))
    return MAGIC + struct.pack("<I", len(header)) + header + b"".join(chunks)


def unpack(buf: bytes) -> tuple[dict, dict[str, np.ndarray]]:
    """Decode a QKB1 message into (meta, arrays); the inverse of :func:`pack` (used by tests)."""
    if buf[:4] != MAGIC:
        raise ValueError("not a QKB1 message")
    (hlen,) = struct.unpack("<I", buf[4:8])
    header = json.loads(buf[8 : 8 + hlen])
    base = 8 + hlen
    arrays = {}
    for name, s in header["arrays"].items():
        start = base + s["offset"]
        arrays[name] = np.frombuffer(buf, dtype=np.dtype(s["dtype"]).newbyteorder("<"), count=int(np.prod(s["shape"], dtype=np.int64)), offset=start).reshape(s["shape"])
    return header["meta"], arrays


def quantize(coords: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Quantise one head's coordinates (points, dim) to uint16 in its bounding box.

    Returns ``(q uint16 (points, dim), bounds float32 (dim, 2))``. Non-finite values map to ``lo``.
    """
    c = np.asarray(coords, dtype=np.float32)
    finite = np.isfinite(c)
    if not finite.all():
        c = np.where(finite, c, np.nan)
    lo = np.nanmin(c, axis=0) if c.size else np.zeros(c.shape[1], np.float32)
    hi = np.nanmax(c, axis=0) if c.size else np.ones(c.shape[1], np.float32)
    lo = np.nan_to_num(lo, nan=0.0)
    hi = np.nan_to_num(hi, nan=1.0)
    span = np.where(hi > lo, hi - lo, 1.0).astype(np.float32)
    q = np.rint((np.nan_to_num(c - lo, nan=0.0)) / span * QMAX)
    q = np.clip(q, 0, QMAX).astype(np.uint16)
    return q, np.stack([lo, hi], axis=1).astype(np.float32)


def dequantize(q: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """Coordinates back from :func:`quantize` (error at most half a step: span / 131070)."""
    lo, hi = bounds[:, 0], bounds[:, 1]
    return lo + q.astype(np.float32) / QMAX * (hi - lo)


def smallest_int_dtype(values: np.ndarray) -> np.dtype:
    """The narrowest wire integer dtype that holds every value."""
    if values.size == 0:
        return np.dtype("uint8")
    lo, hi = int(values.min()), int(values.max())
    for name in ("uint8", "int8", "uint16", "int16", "uint32", "int32"):
        info = np.iinfo(name)
        if info.min <= lo and hi <= info.max:
            return np.dtype(name)
    return np.dtype("float64")


def example() -> bytes:
    """A deterministic message with every wire dtype, odd lengths (padding) and non-ASCII meta.

    ``python -m qkatlas.server.wire > web/test/fixtures/wire-python.bin`` writes it for the front
    end's decoder test; ``tests/server/test_wire_ts.py`` decodes it with ``web/src/api/wire.ts``.
    """
    arrays = {
        "u8": np.array([0, 1, 255], np.uint8),
        "i8": np.array([-128, 0, 127], np.int8),
        "u16": np.array([[0, 513], [65535, 7]], np.uint16),
        "i16": np.array([-32768, 32767, -1], np.int16),
        "u32": np.array([0, 4294967295, 123456789], np.uint32),
        "i32": np.array([[-2147483648, 2147483647, 0]], np.int32),
        "f32": np.array([0.5, -1.25, 3.4028235e38, 1e-45], np.float32),
        "f64": np.array([np.pi, -0.0, 1e300], np.float64),
        "empty": np.zeros((0, 2), np.float32),
    }
    meta = {"layout": "pca-2d", "heads": [[0, 1], [2, 3]], "text": "naïve ☃ \"quoted\"", "n": 3, "none": None}
    return pack(arrays, meta)


if __name__ == "__main__":
    import sys

    sys.stdout.buffer.write(example())
