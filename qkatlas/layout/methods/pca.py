"""PCA on the normalised vectors themselves (not unit length): the space the attention is
computed in, linear, deterministic, milliseconds per head. Kept as an affine map
(coordinates = x @ weight + bias, alignment included) so new points are placed exactly."""

from __future__ import annotations

import numpy as np

from qkatlas.layout.methods.base import Fitted, HeadInputs, LayoutMethod


def pca_map(x: np.ndarray, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """(weight (d, dim), bias (dim,)) with coordinates = x @ weight + bias: PCA of ``x``."""
    from sklearn.decomposition import PCA

    pca = PCA(n_components=dim, svd_solver="full").fit(np.asarray(x, np.float64))
    weight = pca.components_.T.astype(np.float64)
    return weight, -pca.mean_ @ weight


class PCAMethod(LayoutMethod):
    name = "pca"
    description = "principal components of the normalised q', k' (linear; exact placement of new points)"
    params = {"input": "normalised q', k'", "solver": "full SVD (scikit-learn)"}

    def fit(self, inputs: HeadInputs, dim: int, seed: int) -> Fitted:
        weight, bias = pca_map(inputs.x, dim)
        return Fitted((inputs.x @ weight + bias).astype(np.float32), {"weight": weight, "bias": bias})

    def align_state(self, state, centre, rotation):
        return {"weight": (state["weight"] @ rotation).astype(np.float32),
                "bias": ((state["bias"] - centre) @ rotation).astype(np.float32)}

    def place(self, new_x, fitted_x, fitted_coords, state):
        if state is None:  # a layout written before maps existed: interpolate like the others
            return super().place(new_x, fitted_x, fitted_coords, state)
        return (np.asarray(new_x, np.float64) @ state["weight"] + state["bias"]).astype(np.float32)
