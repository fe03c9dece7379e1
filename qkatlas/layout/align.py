"""A common orientation for every head's layout.

t-SNE, UMAP and PCA return layouts in an arbitrary rotation and reflection (PCA: arbitrary
signs), so neighbouring heads in the matrix view would look unrelated even when they are
alike. Every layout is therefore centred and turned by one rule (a rigid motion, distances
are unchanged, so fidelity is too):

1. x axis: from the queries' centroid to the keys' centroid (queries on the left, keys on the
   right), when the two centroids are apart (at least ``MIN_GAP`` of the layout's RMS radius);
   key translation gives both clouds the same mean in d_head space, so in PCA (linear) they
   coincide and that direction is noise: then x is the layout's first principal axis;
2. the remaining axes: principal axes of the layout in the plane (space) orthogonal to x,
   largest variance first, so the picture is "landscape";
3. signs of principal axes: later token positions of the queries point towards + (positive
   covariance of the coordinate with the position); a head without any position trend keeps
   the sign that makes the coordinate's third moment positive.
"""

from __future__ import annotations

import numpy as np

MIN_GAP = 0.05


def alignment(coords: np.ndarray, n_queries: int, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(centre, rotation) such that ``(coords - centre) @ rotation`` is the aligned layout.

    ``coords`` (2n, dim): queries in rows 0..n-1, keys in rows n..2n-1; ``positions`` (n,) the
    normalised position of each query's token (``tokens.pos_norm``). ``rotation`` is orthogonal.
    """
    y = np.asarray(coords, np.float64)
    dim = y.shape[1]
    centre = y.mean(axis=0)
    y0 = y - centre
    spread = np.sqrt((y0**2).sum(axis=1).mean()) or 1.0
    u = y0[n_queries:].mean(axis=0) - y0[:n_queries].mean(axis=0)
    axes = [u / np.linalg.norm(u)] if np.linalg.norm(u) >= MIN_GAP * spread else []
    while len(axes) < dim:
        rest = y0
        if axes:
            basis = np.array(axes)
            rest = y0 - (y0 @ basis.T) @ basis  # the part orthogonal to the axes chosen so far
        axis = _principal_axes(rest)[0]
        if axes:
            axis -= basis.T @ (basis @ axis)  # guard against round-off leaking into chosen axes
            axis /= np.linalg.norm(axis)
        axes.append(axis * _sign(y0 @ axis, n_queries, positions))
    return centre, np.array(axes).T


def apply_alignment(coords: np.ndarray, centre: np.ndarray, rotation: np.ndarray) -> np.ndarray:
    return ((np.asarray(coords, np.float64) - centre) @ rotation).astype(np.float32)


def align(coords: np.ndarray, n_queries: int, positions: np.ndarray) -> np.ndarray:
    """The aligned layout (see the module docstring)."""
    centre, rotation = alignment(coords, n_queries, positions)
    return apply_alignment(coords, centre, rotation)


def _principal_axes(y: np.ndarray) -> np.ndarray:
    _, vecs = np.linalg.eigh(y.T @ y)
    return vecs[:, ::-1].T  # rows, largest variance first


def _sign(values: np.ndarray, n_queries: int, positions: np.ndarray) -> float:
    """+1 or -1: the queries' position trend, else the third moment."""
    p = np.asarray(positions, np.float64)
    trend = float(((values[:n_queries] - values[:n_queries].mean()) * (p - p.mean())).mean())
    if abs(trend) > 1e-6 * (values.std() + 1e-12) * (p.std() + 1e-12):
        return 1.0 if trend > 0 else -1.0
    return 1.0 if float((values**3).mean()) >= 0 else -1.0
