"""One k-nearest-neighbour graph per head, shared by t-SNE, UMAP and ``qkatlas add``.

Why exact: at the sizes an atlas holds per head (10k-50k points of 32-128 dims) a blocked
brute-force search is one BLAS matrix product per block plus a partial sort, takes about as
long as an approximate index, and removes a source of randomness (layouts are then a function
of the seed alone). Above ``EXACT_MAX_POINTS`` the O(n^2) cost wins and pynndescent is used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

EXACT_MAX_POINTS = 60_000
_BLOCK_CELLS = 1 << 24  # distances per block (64 MB of float32)


@dataclass
class KNNGraph:
    """Neighbours of every point, nearest first, excluding the point itself; Euclidean distances."""

    indices: np.ndarray  # int64 (n, k)
    distances: np.ndarray  # float32 (n, k)

    @property
    def k(self) -> int:
        return self.indices.shape[1]

    def with_self(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(indices, distances) of the first ``k`` neighbours counting the point itself first (UMAP's convention)."""
        n = len(self.indices)
        idx = np.concatenate([np.arange(n)[:, None], self.indices[:, : k - 1]], axis=1)
        dist = np.concatenate([np.zeros((n, 1), np.float32), self.distances[:, : k - 1]], axis=1)
        return idx, dist


def knn_graph(x: np.ndarray, k: int, seed: int = 0) -> KNNGraph:
    """The ``k`` nearest neighbours (Euclidean) of every row of ``x`` among the other rows."""
    x = np.ascontiguousarray(x, dtype=np.float32)
    k = min(k, len(x) - 1)
    if len(x) > EXACT_MAX_POINTS:
        return _approximate(x, k, seed)
    idx, dist = query(x, x, k, exclude_self=True)
    return KNNGraph(idx, dist)


def query(queries: np.ndarray, data: np.ndarray, k: int, exclude_self: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Exact ``k`` nearest rows of ``data`` for each row of ``queries``: (indices, distances), nearest first.

    With ``exclude_self`` the queries are ``data`` itself and each row skips its own index.
    """
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    data = np.ascontiguousarray(data, dtype=np.float32)
    n, m = len(queries), len(data)
    k = min(k, m - 1 if exclude_self else m)
    extra = 1 if exclude_self else 0
    sq_data = np.einsum("ij,ij->i", data, data)
    sq_q = np.einsum("ij,ij->i", queries, queries)
    out_i = np.empty((n, k), np.int64)
    out_d = np.empty((n, k), np.float32)
    step = max(1, _BLOCK_CELLS // max(m, 1))
    for s in range(0, n, step):
        e = min(n, s + step)
        d = queries[s:e] @ data.T
        d *= -2
        d += sq_q[s:e, None]
        d += sq_data[None, :]
        if exclude_self:
            d[np.arange(e - s), np.arange(s, e)] = np.inf
        kk = k + extra
        part = np.argpartition(d, kk - 1, axis=1)[:, :kk] if kk < m else np.tile(np.arange(m), (e - s, 1))
        pd = np.take_along_axis(d, part, axis=1)
        order = np.lexsort((part, pd), axis=1)[:, :k]  # by distance, ties by index: deterministic
        out_i[s:e] = np.take_along_axis(part, order, axis=1)
        out_d[s:e] = np.sqrt(np.maximum(np.take_along_axis(pd, order, axis=1), 0))
    return out_i, out_d


def _approximate(x: np.ndarray, k: int, seed: int) -> KNNGraph:
    from pynndescent import NNDescent

    index = NNDescent(x, n_neighbors=k + 1, random_state=seed, n_jobs=1)
    idx, dist = index.neighbor_graph
    return KNNGraph(idx[:, 1:].astype(np.int64), dist[:, 1:].astype(np.float32))
