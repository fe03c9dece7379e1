"""The geometry measure: how much of the q/k space's neighbourhood structure a layout keeps.

For one head and one layout: every fitted point (queries and keys together) has its ``k`` = 10
nearest neighbours in the normalised q/k space in cosine geometry (rows scaled to unit length:
the space t-SNE and UMAP are fitted in) and its ``k`` nearest neighbours in the layout
(Euclidean, on the coordinates as stored); the measure is the mean share of the first set found
in the second (neighbour recall at 10, 0..1; 1 = every neighbourhood kept).

Why it exists: attention fidelity alone can be bought by destroying geometry (pull every query
onto its attended keys and nothing else means anything). An attention-aware layout is only
better if it raises fidelity while keeping this measure close to plain t-SNE's.

Why fitted points only: points placed afterwards (``add``, outside a fit sample) are
interpolated from their neighbours in d_head space and would only flatter the measure. What
``qkatlas.layout.head`` stores is measured on a seeded sample of ``GEOMETRY_SAMPLE`` fitted
points (``reference_neighbours``), whose true neighbours are searched among all fitted points.
"""

from __future__ import annotations

import numpy as np

GEOMETRY_K = 10


def _drop_self(idx: np.ndarray, own: np.ndarray, k: int) -> np.ndarray:
    """(n, k): each row of ``idx`` (n, k + 1) without the point itself (``own[i]``), order kept;
    a row where duplicates pushed the point out of the list loses its last entry instead."""
    is_own = idx == np.asarray(own)[:, None]
    is_own[~is_own.any(1), -1] = True
    keep = np.argsort(is_own, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(idx, keep, 1)


def layout_neighbours(coords: np.ndarray, k: int = GEOMETRY_K, rows: np.ndarray | None = None) -> np.ndarray:
    """(len(rows), k) indices of the ``k`` nearest other rows of ``coords`` (Euclidean, 2-D/3-D)
    for each of ``rows`` (default: every row)."""
    from scipy.spatial import cKDTree

    y = np.asarray(coords, np.float64)
    rows = np.arange(len(y)) if rows is None else np.asarray(rows)
    k = min(k, len(y) - 1)
    _, idx = cKDTree(y).query(y[rows], k=k + 1)
    return _drop_self(np.asarray(idx).reshape(len(rows), k + 1), rows, k)


def space_neighbours(x: np.ndarray, k: int = GEOMETRY_K, rows: np.ndarray | None = None) -> np.ndarray:
    """(len(rows), k) indices of the ``k`` nearest other rows of ``x`` in cosine geometry (exact),
    for each of ``rows`` (default: every row)."""
    from qkatlas.layout.knn import knn_graph, query
    from qkatlas.layout.methods.base import unit_rows

    unit = unit_rows(x)
    if rows is None:
        return knn_graph(unit, k).indices
    rows = np.asarray(rows)
    idx, _ = query(unit[rows], unit, min(k, len(unit) - 1) + 1)
    return _drop_self(idx, rows, min(k, len(unit) - 1))


def neighbour_recall(true_neighbours: np.ndarray, coords: np.ndarray, k: int = GEOMETRY_K,
                     rows: np.ndarray | None = None) -> float:
    """Mean share of each point's ``k`` true neighbours (rows of ``true_neighbours``, first ``k``
    columns; one row per entry of ``rows``, default every point) among its ``k`` nearest points
    in ``coords``."""
    true = np.asarray(true_neighbours)[:, :k]
    if len(coords) < 2 or len(true) == 0:
        return float("nan")
    near = layout_neighbours(coords, true.shape[1], rows)
    hits = (near[:, :, None] == true[:, None, :]).any(-1).sum()
    return float(hits / true.size)


def geometry(x: np.ndarray, coords: np.ndarray, k: int = GEOMETRY_K, graph=None, sample: int | None = None,
             seed: int = 0) -> float:
    """Neighbour recall at ``k`` of the layout ``coords`` (2n, dim) of the normalised vectors ``x``
    (2n, d).

    ``graph``: the exact kNN graph of the unit rows of ``x`` with at least ``k`` neighbours
    (``HeadInputs.graph()``), reused when given: every point is measured. Otherwise the true
    neighbours are searched now, for a seeded sample of ``sample`` points when given (an unbiased
    estimate at a fraction of the cost: neighbours are still searched among all points).
    """
    if graph is not None and graph.k >= k:
        return neighbour_recall(graph.indices[:, :k], coords, k)
    rows = None
    if sample is not None and sample < len(x):
        rows = np.sort(np.random.default_rng(seed).choice(len(x), sample, replace=False))
    return neighbour_recall(space_neighbours(x, k, rows), coords, k, rows)


# Points measured per head (for every layout of the head). Measured on MiniLM, 10.4k points per
# head (d_head 32, 2 cores): searching the true neighbours of 5,000 sampled points took 0.67 s (PCA's own fit:
# 0.01 s), of 2,000 points 0.14 s (once per head, shared by its layouts), an estimate within about
# 0.003 of the full measure (0.0429 full; 0.041-0.045 over seeds).
GEOMETRY_SAMPLE = 2_000


def reference_neighbours(inputs, seed: int = 0, sample: int = GEOMETRY_SAMPLE) -> tuple[np.ndarray | None, np.ndarray]:
    """(rows measured or None for all, their ``GEOMETRY_K`` true neighbours) of a head's fitted
    points: a seeded sample of ``sample`` points, their neighbours searched among all points.
    Computed once per head and shared by all its layouts (``qkatlas.layout.head``).

    Why always the sample, even when t-SNE or UMAP already built the head's exact kNN graph: the
    stored measure of a layout must not depend on which other layouts ran in the same job (a
    resumed or a later ``qkatlas layout`` run computes some layouts of a head without the others:
    with the graph in one run and a sample in the other, the same layout scored differently)."""
    x = inputs.x
    rows = None
    if sample < len(x):
        rows = np.sort(np.random.default_rng(seed).choice(len(x), sample, replace=False))
    return rows, space_neighbours(x, GEOMETRY_K, rows)


def layout_geometry(inputs, coords_fit: np.ndarray, seed: int = 0, sample: int = GEOMETRY_SAMPLE,
                    reference: tuple[np.ndarray | None, np.ndarray] | None = None) -> float:
    """The geometry measure of one layout of a head, as ``qkatlas.layout.head`` stores it.

    ``inputs``: the head's ``HeadInputs`` (``x`` = the fitted rows); ``coords_fit``: the layout's
    coordinates of those rows, as stored (float16). ``reference``: ``reference_neighbours(inputs)``
    when already computed for another layout of the head (else computed here): a seeded sample of
    ``sample`` points (an unbiased estimate, the same whichever layouts run together).
    """
    rows, true = reference if reference is not None else reference_neighbours(inputs, seed, sample)
    return neighbour_recall(true, np.asarray(coords_fit, np.float32), GEOMETRY_K, rows)
