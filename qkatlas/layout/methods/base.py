"""The layout-method seam: what a method is, what it gets, what it returns.

A layout method turns one head's normalised query and key vectors into 2-D or 3-D coordinates.
It is one file in this folder defining a :class:`LayoutMethod` subclass with a ``name``;
``qkatlas.layout.methods.get(name)`` finds it without a list anywhere. Execution (which
process, which machine, resuming, fidelity, files) belongs to the engines and to
``qkatlas.layout.head``, never to a method, so any engine runs any method.

Why ``HeadInputs``: the expensive inputs that several methods share (unit vectors, one exact
kNN graph, a PCA start, the head's attention top-k) are computed lazily once per head and
handed to every method of that head.

Why ``place``: new points (``qkatlas add``, or the tokens outside a fit sample) go into an
existing layout without refitting. The default places a point at the distance-weighted mean of
its nearest fitted points in the space the layout was fitted in (``qkatlas.layout.place``); a
method with an exact map (PCA) overrides it and keeps that map as its ``state``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar

import numpy as np

from qkatlas.layout.knn import KNNGraph, knn_graph
from qkatlas.layout.place import interpolate

# t-SNE needs 3 x perplexity (30) neighbours below 10k points and 45 above; UMAP 15 (incl. self)
UNIFORM_MIN_POINTS = 10_000
UNIFORM_K = 45
SMALL_PERPLEXITY = 30
UMAP_NEIGHBORS = 15


def knn_size(n_points: int) -> int:
    """Neighbours the shared graph needs (t-SNE's and UMAP's, whichever is larger)."""
    tsne_k = UNIFORM_K if n_points >= UNIFORM_MIN_POINTS else 3 * SMALL_PERPLEXITY
    return max(tsne_k, UMAP_NEIGHBORS - 1)


def unit_rows(x: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (cosine geometry); zero rows stay zero."""
    norm = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.where(norm > 0, norm, 1)).astype(np.float32)


def pca_init(xn: np.ndarray, dim: int, seed: int) -> np.ndarray:
    """openTSNE's PCA initialisation (std 1e-4 plus a little jitter), shared by t-SNE and UMAP."""
    from openTSNE.initialization import pca

    return pca(xn, n_components=dim, random_state=seed, svd_solver="full")


@dataclass
class HeadInputs:
    """One head's points to lay out (fit rows only) and the shared inputs derived from them.

    ``x``: normalised vectors, queries of the fitted tokens then their keys (2 * n_fit, d).
    ``attention``: optional callable returning, for the fitted queries, (top-k key rows into
    ``x``, their attention weights) within each query's sequence (for attention-aware methods).
    """

    x: np.ndarray
    seed: int = 0
    attention: Callable[[], tuple[np.ndarray, np.ndarray]] | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    _unit: np.ndarray | None = None
    _graph: KNNGraph | None = None
    _init: dict[int, np.ndarray] = field(default_factory=dict)

    @property
    def n_queries(self) -> int:
        return len(self.x) // 2

    def unit(self) -> np.ndarray:
        if self._unit is None:
            self._unit = unit_rows(self.x)
        return self._unit

    def graph(self) -> KNNGraph:
        """The exact kNN graph of the unit vectors (cosine geometry), shared by t-SNE and UMAP."""
        if self._graph is None:
            t0 = time.perf_counter()
            self._graph = knn_graph(self.unit(), knn_size(len(self.x)), seed=self.seed)
            self.seconds["knn"] = self.seconds.get("knn", 0.0) + time.perf_counter() - t0
        return self._graph

    def init(self, dim: int) -> np.ndarray:
        if dim not in self._init:
            self._init[dim] = pca_init(self.unit(), dim, self.seed)
        return self._init[dim]


@dataclass
class Fitted:
    """A method's result on one head: coordinates of the fitted points, and what it keeps to place
    new points later (``state``: named arrays, stored next to the layout; None = nothing)."""

    coords: np.ndarray  # (2 * n_fit, dim) float32
    state: dict[str, np.ndarray] | None = None


class LayoutMethod:
    """Base class of every layout method (see the module docstring)."""

    name: ClassVar[str]
    description: ClassVar[str] = ""
    params: ClassVar[dict[str, Any]] = {}  # the recipe, recorded in the manifest with each layout

    def fit(self, inputs: HeadInputs, dim: int, seed: int) -> Fitted:
        raise NotImplementedError

    def align_state(self, state: dict[str, np.ndarray] | None, centre: np.ndarray,
                    rotation: np.ndarray) -> dict[str, np.ndarray] | None:
        """The state after the layout was turned by ``(coords - centre) @ rotation``."""
        return state

    def place(self, new_x: np.ndarray, fitted_x: np.ndarray, fitted_coords: np.ndarray,
              state: dict[str, np.ndarray] | None) -> np.ndarray:
        """Coordinates for new normalised vectors ``new_x`` in a layout fitted on ``fitted_x``."""
        return interpolate(unit_rows(fitted_x), fitted_coords, unit_rows(new_x))
