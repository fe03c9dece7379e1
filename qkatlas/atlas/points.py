"""A head's normalised queries and keys as one point cloud (rows 0..n-1 the queries, n..2n-1 the
keys), read from the memory-mapped layer files when indexed.

Why not an array: a layout is fitted on a sample (5,000 tokens by default), the other points are
placed a chunk at a time, and fidelity reads a chunk of sequences at a time; a float32 copy of
the whole head (2n x d) was the largest per-token term of a layout worker's memory (118 MB at
487k MiniLM tokens, d 32, in each worker). Values are those of ``Atlas.normalized``: the same
float32 arithmetic on the same raw rows.
"""

from __future__ import annotations

import numpy as np

from qkatlas.normalize import normalize_keys, normalize_queries


class HeadPoints:
    """``points[rows]``: float32 (..., d) normalised points at ``rows`` (an integer array of any
    shape, or a slice); ``len(points)`` = 2n. ``queries`` / ``keys``: the same, indexed by token row."""

    def __init__(self, atlas, layer: int, head: int):
        self.q = atlas.vectors("queries", layer, head)
        self.k = atlas.vectors("keys", layer, head)
        self.shift, self.scale = atlas.normalization(layer, head)
        self.n, self.d = self.q.shape

    def __len__(self) -> int:
        return 2 * self.n

    @property
    def shape(self) -> tuple[int, int]:
        return (2 * self.n, self.d)

    def __getitem__(self, rows) -> np.ndarray:
        idx = np.arange(2 * self.n)[rows] if isinstance(rows, slice) else np.asarray(rows, np.int64)
        flat = idx.ravel()
        out = np.empty((len(flat), self.d), np.float32)
        is_q = flat < self.n
        if is_q.any():
            out[is_q] = normalize_queries(np.asarray(self.q[flat[is_q]], np.float32), self.scale)
        if not is_q.all():
            out[~is_q] = normalize_keys(np.asarray(self.k[flat[~is_q] - self.n], np.float32), self.shift, self.scale)
        return out.reshape(idx.shape + (self.d,))

    @property
    def queries(self) -> "_Side":
        return _Side(self, 0)

    @property
    def keys(self) -> "_Side":
        return _Side(self, self.n)


class _Side:
    """The queries or the keys of ``HeadPoints``, indexed by token row."""

    def __init__(self, points: HeadPoints, offset: int):
        self.points, self.offset = points, offset

    def __len__(self) -> int:
        return self.points.n

    def __getitem__(self, rows) -> np.ndarray:
        idx = np.arange(self.points.n)[rows] if isinstance(rows, slice) else np.asarray(rows, np.int64)
        return self.points[idx + self.offset]
