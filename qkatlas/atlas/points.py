"""A head's (or a grouped-query group's) normalised queries and keys as one point cloud (rows
0..n-1 the queries, n..2n-1 the keys), read from the memory-mapped layer files when indexed.

Why not an array: a layout is fitted on a sample (5,000 tokens by default), the other points are
placed a chunk at a time, and fidelity reads a chunk of sequences at a time; a float32 copy of
the whole head (2n x d) was the largest per-token term of a layout worker's memory (118 MB at
487k MiniLM tokens, d 32, in each worker; a Llama-3 group is (4 + 1) n x 128). Values are those
of ``Atlas.normalized``: the same float32 arithmetic on the same raw rows.
"""

from __future__ import annotations

import numpy as np

from qkatlas.normalize import normalize_keys, normalize_queries


class Points:
    """``points[rows]``: float32 (..., d) normalised points at ``rows`` (an integer array of any
    shape, or a slice). Rows are blocks of n: the queries of each query array in turn, then the
    keys (one query head: queries then keys; a grouped-query group: its G query heads, then their
    shared keys). ``block(i)`` / ``queries`` / ``keys``: one block, indexed by token row."""

    def __init__(self, queries: list, keys, shift: np.ndarray, scale: float):
        self.raw = [*queries, keys]  # memory-mapped float16 (n, d) each
        self.shift, self.scale = shift, scale
        self.n, self.d = keys.shape

    @classmethod
    def of_head(cls, atlas, layer: int, head: int) -> "Points":
        """Query head ``head``: its queries, then the keys it reads, with the head's normalisation."""
        return cls([atlas.vectors("queries", layer, head)], atlas.vectors("keys", layer, head),
                   *atlas.normalization(layer, head))

    def __len__(self) -> int:
        return len(self.raw) * self.n

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self), self.d)

    def __getitem__(self, rows) -> np.ndarray:
        idx = np.arange(len(self))[rows] if isinstance(rows, slice) else np.asarray(rows, np.int64)
        flat = idx.ravel()
        out = np.empty((len(flat), self.d), np.float32)
        block = flat // self.n
        keys = len(self.raw) - 1
        for b in np.unique(block):
            sel = block == b
            raw = np.asarray(self.raw[b][flat[sel] - b * self.n], np.float32)
            out[sel] = normalize_keys(raw, self.shift, self.scale) if b == keys else normalize_queries(raw, self.scale)
        return out.reshape(idx.shape + (self.d,))

    def block(self, i: int) -> "_Block":
        return _Block(self, i * self.n)

    @property
    def queries(self) -> "_Block":
        return self.block(0)

    @property
    def keys(self) -> "_Block":
        return self.block(len(self.raw) - 1)


class _Block:
    """One block of ``Points`` (a query head's queries, or the keys), indexed by token row."""

    def __init__(self, points: Points, offset: int):
        self.points, self.offset = points, offset

    def __len__(self) -> int:
        return self.points.n

    def __getitem__(self, rows) -> np.ndarray:
        idx = np.arange(self.points.n)[rows] if isinstance(rows, slice) else np.asarray(rows, np.int64)
        return self.points[idx + self.offset]
