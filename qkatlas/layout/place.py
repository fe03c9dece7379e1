"""Placing points into an existing t-SNE/UMAP layout without recomputing it.

Rule (for ``qkatlas add`` and for rows marked ``added`` when a layout is recomputed): a new
point goes to the mean of the layout coordinates of its ``K_PLACE`` nearest fitted points,
weighted by 1 / distance^2 (Shepard's interpolation), neighbours found in the space the layout
was fitted in (cosine geometry, queries and keys together). A point equal to a fitted one
lands on it (on the mean of several equal ones); a point between neighbours lands between
them, pulled towards the closest. This is openTSNE's own starting point for
``transform`` (a weighted mean of neighbours) without the optimisation that follows it, and
it needs neither the fitted UMAP object nor openTSNE's affinity object: only the stored
vectors and coordinates. It is linear in the new points and exact-kNN fast.
"""

from __future__ import annotations

import numpy as np

from qkatlas.layout.knn import query

K_PLACE = 10
_EPS = 1e-6


def interpolate(fitted: np.ndarray, coords: np.ndarray, new: np.ndarray, k: int = K_PLACE) -> np.ndarray:
    """Coordinates for the rows of ``new`` given ``fitted`` points (same space) laid out at ``coords``."""
    if len(new) == 0:
        return np.zeros((0, coords.shape[1]), np.float32)
    idx, _ = query(new, fitted, k)
    # exact distances to the chosen neighbours: the search's |a|^2 + |b|^2 - 2ab form loses
    # small distances to rounding, and small distances carry the largest weights
    diff = np.asarray(fitted, np.float64)[idx] - np.asarray(new, np.float64)[:, None, :]
    dist = np.sqrt((diff**2).sum(axis=2))
    weights = 1.0 / np.maximum(dist, _EPS) ** 2
    weights /= weights.sum(axis=1, keepdims=True)
    return np.einsum("nk,nkd->nd", weights, np.asarray(coords, np.float64)[idx]).astype(np.float32)
