"""One k-nearest-neighbour graph per head, shared by t-SNE and UMAP; nearest-point look-ups for ``add``.

Why exact brute force: at the sizes an atlas holds per head (10k-50k points of 32-128 dims) a
blocked search is one BLAS product per block plus one numba pass per row, faster than
pynndescent here and free of randomness (a layout is a function of the seed alone). Above
``EXACT_MAX_POINTS`` the O(n^2) cost wins and pynndescent takes over.
"""

from __future__ import annotations

from dataclasses import dataclass

import numba
import numpy as np

EXACT_MAX_POINTS = 60_000
_BLOCK_CELLS = 1 << 22  # distances per block (16 MB of float32)


@dataclass
class KNNGraph:
    """Neighbours of every point, nearest first, excluding the point itself; Euclidean distances."""

    indices: np.ndarray  # int64 (n, k)
    distances: np.ndarray  # float32 (n, k)

    @property
    def k(self) -> int:
        return self.indices.shape[1]

    def first(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(indices, distances) of the ``k`` nearest neighbours (openTSNE's convention: no self)."""
        return self.indices[:, :k], self.distances[:, :k]

    def with_self(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The point itself, then its ``k - 1`` nearest neighbours (umap-learn's convention)."""
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
    return KNNGraph(*query(x, x, k, exclude_self=True))


def query(points: np.ndarray, data: np.ndarray, k: int, exclude_self: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Exact ``k`` nearest rows of ``data`` for each row of ``points``: (indices, distances), nearest first.

    With ``exclude_self``, ``points`` is ``data`` and row i never returns itself.
    """
    points = np.ascontiguousarray(points, dtype=np.float32)
    data = np.ascontiguousarray(data, dtype=np.float32)
    n, m = len(points), len(data)
    k = max(0, min(k, m - 1 if exclude_self else m))
    out_i = np.empty((n, k), np.int64)
    out_d = np.empty((n, k), np.float32)
    if k == 0 or n == 0:
        return out_i, out_d
    sq_data = np.einsum("ij,ij->i", data, data)
    sq_pts = np.einsum("ij,ij->i", points, points)
    step = max(1, _BLOCK_CELLS // m)
    for s in range(0, n, step):
        e = min(n, s + step)
        dots = points[s:e] @ data.T  # the BLAS part; the rest is one pass per row in numba
        _select_smallest(dots, sq_data, s if exclude_self else -1, k, out_i[s:e], out_d[s:e])
    out_d += sq_pts[:, None]
    np.maximum(out_d, 0, out=out_d)
    np.sqrt(out_d, out=out_d)
    return out_i, out_d


@numba.njit(cache=True, nogil=True)
def _select_smallest(dots, sq_data, self_offset, k, out_i, out_d):  # pragma: no cover - compiled
    """Per row r: the k smallest of v_j = |data_j|^2 - 2 <point_r, data_j> (the squared distance
    minus |point_r|^2), ascending, skipping column ``self_offset + r`` when ``self_offset >= 0``.

    Two passes, no allocation per row: a threshold from every 8th column (the k/4 + 8-th
    smallest of them) admits about 2k + 64 candidates in one cheap pass over the row; a bounded
    max-heap picks the k smallest of those and a heap sort orders them. Rows where the sample
    misleads (too few or too many candidates) get the bounded heap over the whole row.
    """
    m = dots.shape[1]
    stride = 8
    k_sample = k // 4 + 8
    use_sample = m >= 4 * stride * k_sample
    cap = 16 * k + 1024
    cand_v = np.empty(cap, np.float32)
    cand_j = np.empty(cap, np.int64)
    sample_v = np.empty(k_sample, np.float32)
    sample_j = np.empty(k_sample, np.int64)
    heap_v = np.empty(k, np.float32)
    heap_j = np.empty(k, np.int64)
    for r in range(dots.shape[0]):
        row = dots[r]
        skip = self_offset + r if self_offset >= 0 else -1
        count = cap + 1
        if use_sample:
            _heap_reset(sample_v, sample_j)
            for j in range(0, m, stride):
                v = sq_data[j] - 2 * row[j]
                if v < sample_v[0] and j != skip:
                    _heap_replace_top(sample_v, sample_j, v, j)
            threshold = sample_v[0]
            count = 0
            for j in range(m):
                v = sq_data[j] - 2 * row[j]
                if v <= threshold and j != skip:
                    if count < cap:
                        cand_v[count] = v
                        cand_j[count] = j
                    count += 1
        _heap_reset(heap_v, heap_j)
        if k <= count <= cap:
            for t in range(count):
                if cand_v[t] < heap_v[0]:
                    _heap_replace_top(heap_v, heap_j, cand_v[t], cand_j[t])
        else:
            for j in range(m):
                v = sq_data[j] - 2 * row[j]
                if v < heap_v[0] and j != skip:
                    _heap_replace_top(heap_v, heap_j, v, j)
        for end in range(k - 1, 0, -1):  # heap sort: ascending in place
            v, j = heap_v[end], heap_j[end]
            heap_v[end], heap_j[end] = heap_v[0], heap_j[0]
            _sift_down(heap_v, heap_j, v, j, end)
        out_i[r] = heap_j
        out_d[r] = heap_v


@numba.njit(cache=True, nogil=True, inline="always")
def _heap_reset(heap_v, heap_j):  # pragma: no cover - compiled
    heap_v[:] = np.inf
    heap_j[:] = -1


@numba.njit(cache=True, nogil=True, inline="always")
def _heap_replace_top(heap_v, heap_j, v, j):  # pragma: no cover - compiled
    _sift_down(heap_v, heap_j, v, j, heap_v.shape[0])


@numba.njit(cache=True, nogil=True, inline="always")
def _sift_down(heap_v, heap_j, v, j, size):  # pragma: no cover - compiled
    """Put (v, j) at the root of the max-heap heap[:size] and sift it down."""
    c = 0
    while True:
        child = 2 * c + 1
        if child >= size:
            break
        if child + 1 < size and heap_v[child + 1] > heap_v[child]:
            child += 1
        if heap_v[child] > v:
            heap_v[c] = heap_v[child]
            heap_j[c] = heap_j[child]
            c = child
        else:
            break
    heap_v[c] = v
    heap_j[c] = j


def _approximate(x: np.ndarray, k: int, seed: int) -> KNNGraph:
    from pynndescent import NNDescent

    index = NNDescent(x, n_neighbors=k + 1, random_state=seed, n_jobs=1)
    idx, dist = index.neighbor_graph
    # drop each point itself (not always the first column when points coincide), keep order
    keep = np.argsort(idx == np.arange(len(idx))[:, None], axis=1, kind="stable")[:, :k]
    return KNNGraph(np.take_along_axis(idx, keep, 1).astype(np.int64), np.take_along_axis(dist, keep, 1).astype(np.float32))
