"""UMAP (umap-learn) on the shared exact kNN graph, from the PCA start.

Settings: 15 neighbours, 50 epochs, 3 negative samples per edge (not 5), cosine geometry (unit
rows); more epochs, neighbours or negative samples cost time and did not raise fidelity
(measured on demo:minilm, see benchmarks/projection.py). umap-learn's numba code is compiled
once per worker (``warm_up``) and cached on disk (``NUMBA_CACHE_DIR``).
"""

from __future__ import annotations

import warnings

import numpy as np

from qkatlas.layout.methods.base import UMAP_NEIGHBORS, Fitted, HeadInputs, LayoutMethod, pca_init, unit_rows


class UMAPMethod(LayoutMethod):
    name = "umap"
    description = "UMAP (umap-learn) in cosine geometry on the shared exact kNN graph"
    params = {
        "library": "umap-learn", "metric": "cosine", "init": "pca", "n_neighbors": UMAP_NEIGHBORS,
        "min_dist": 0.1, "n_epochs": 50, "negative_sample_rate": 3, "knn": "exact",
    }

    def fit(self, inputs: HeadInputs, dim: int, seed: int) -> Fitted:
        return Fitted(umap(inputs.graph(), inputs.unit(), inputs.init(dim), seed))

    def warm_up(self) -> None:
        """Compile umap-learn's numba code once in this process (on a tiny cloud), not in the first head."""
        x = np.random.default_rng(0).normal(size=(300, 8)).astype(np.float32)
        inputs = HeadInputs(x)
        for dim in (2, 3):
            umap(inputs.graph(), inputs.unit(), pca_init(unit_rows(x), dim, 0), 0)


def umap(graph, xn: np.ndarray, init: np.ndarray, seed: int, n_epochs: int | None = None) -> np.ndarray:
    """umap-learn on the precomputed neighbours, from ``init``."""
    import umap as umap_learn

    p = UMAPMethod.params
    nn = max(2, min(p["n_neighbors"], graph.k + 1, len(xn) - 1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no search index (no transform), n_jobs=1 under a seed
        model = umap_learn.UMAP(
            n_neighbors=nn, n_components=init.shape[1], min_dist=p["min_dist"], n_epochs=n_epochs or p["n_epochs"],
            negative_sample_rate=p["negative_sample_rate"],
            init=np.asarray(init, np.float32), random_state=seed, n_jobs=1, metric="euclidean",
            precomputed_knn=(*graph.with_self(nn), None),
            force_approximation_algorithm=True,  # else small clouds ignore the graph and use all distances
        )
        return np.asarray(model.fit_transform(xn), np.float32)
