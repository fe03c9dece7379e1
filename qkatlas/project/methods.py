"""The three layout recipes, each a function of one head's vectors (and its shared kNN graph).

Why these settings (measured on demo:minilm x demo:wiki, 15k points per head; see
benchmarks/projection.py and the fidelity measure in ``fidelity``):

* t-SNE and UMAP work in cosine geometry (rows scaled to unit length, then Euclidean): on the
  normalised vectors, cosine neighbours agree with attention far better than Euclidean ones
  (it is also AttentionViz's metric).
* Both start from the PCA of those unit vectors (one PCA per head and dimension, shared), so
  the global arrangement is there from the first iteration and short schedules suffice.
* Both read the same exact kNN graph (``knn``): openTSNE through ``PrecomputedNeighbors``,
  umap-learn through ``precomputed_knn``.
* t-SNE: from 10,000 points, uniform affinities on each point's 45 nearest neighbours
  (openTSNE's ``Uniform``; Böhm, Berens & Kobak 2022: kNN-uniform affinities give the same
  embeddings as perplexity calibration). The attractive forces, which dominate each iteration,
  get 2.5x sparser than with perplexity 40 and the calibration is skipped, at the same or
  better fidelity than perplexity 30-50. Smaller clouds use perplexity 30 (uniform affinities
  under exaggeration 12 collapse a cloud of n points when n / k is small). Schedule: 2-D 50
  iterations of early exaggeration (12), then 25 at exaggeration 4; 3-D 30 + 20 at 2. Fidelity
  peaks once exaggeration has formed the clusters; the usual long exaggeration-1 phase spreads
  them and *lowers* fidelity, so it is left out (3-D ends at 2 because 4 leaves the cloud
  nearly planar). 2-D uses openTSNE's FFT gradients from 10,000 points (Barnes-Hut below) on a
  coarser grid (20 intervals, not 50: faster, same fidelity); 3-D has only Barnes-Hut, the slow
  path, so it gets theta 1.2 and the shorter schedule (both measured: no fidelity lost).
* UMAP: 15 neighbours, 50 epochs, 3 negative samples per edge (not 5), from the PCA start:
  more epochs, neighbours or negative samples cost time and did not raise fidelity.
* PCA: on the normalised vectors themselves (not unit length), so PCA shows the space the
  attention is computed in; stored as an affine map so new points can be projected later.
"""

from __future__ import annotations

import warnings

import numpy as np

METHODS = ("pca", "tsne", "umap")
FFT_MIN_POINTS = 10_000  # openTSNE's own rule: Barnes-Hut is faster below, FFT above
UNIFORM_MIN_POINTS = 10_000  # below, uniform kNN affinities + exaggeration 12 can collapse the cloud
UNIFORM_K = 45
SMALL_PERPLEXITY = 30

PARAMS = {
    "pca": {"input": "normalised q', k'", "solver": "full SVD (scikit-learn)"},
    "tsne": {
        "library": "openTSNE", "metric": "cosine", "init": "pca", "knn": "exact",
        "affinities": "uniform on 45 neighbours from 10,000 points, else perplexity 30",
        "early_exaggeration": 12, "early_exaggeration_iter": {"2": 50, "3": 30}, "n_iter": {"2": 25, "3": 20},
        "exaggeration": {"2": 4, "3": 2},
        "gradient": {"2": "fft (min 20 intervals) from 10,000 points, else bh (theta 0.5)", "3": "bh (theta 1.2)"},
    },
    "umap": {
        "library": "umap-learn", "metric": "cosine", "init": "pca", "n_neighbors": 15,
        "min_dist": 0.1, "n_epochs": 50, "negative_sample_rate": 3, "knn": "exact",
    },
}


def knn_size(n_points: int) -> int:
    """Neighbours the shared graph needs (t-SNE's and UMAP's, whichever is larger)."""
    tsne_k = UNIFORM_K if n_points >= UNIFORM_MIN_POINTS else 3 * SMALL_PERPLEXITY
    return max(tsne_k, PARAMS["umap"]["n_neighbors"] - 1)


def unit_rows(x: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (cosine geometry); zero rows stay zero."""
    norm = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.where(norm > 0, norm, 1)).astype(np.float32)


def pca_map(x: np.ndarray, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """(weight (d, dim), bias (dim,)) with coordinates = x @ weight + bias: PCA of ``x``."""
    from sklearn.decomposition import PCA

    pca = PCA(n_components=dim, svd_solver="full").fit(np.asarray(x, np.float64))
    weight = pca.components_.T.astype(np.float64)
    return weight, -pca.mean_ @ weight


def pca_init(xn: np.ndarray, dim: int, seed: int) -> np.ndarray:
    """openTSNE's PCA initialisation (std 1e-4 plus a little jitter), shared by t-SNE and UMAP."""
    from openTSNE.initialization import pca

    return pca(xn, n_components=dim, random_state=seed, svd_solver="full")


def tsne(graph, init: np.ndarray, seed: int) -> np.ndarray:
    """openTSNE on the precomputed neighbours with the short schedule of ``PARAMS``."""
    from openTSNE import TSNEEmbedding
    from openTSNE.affinity import PerplexityBasedNN, Uniform
    from openTSNE.nearest_neighbors import PrecomputedNeighbors

    p = PARAMS["tsne"]
    if len(init) >= UNIFORM_MIN_POINTS:
        affinities = Uniform(knn_index=PrecomputedNeighbors(*graph.first(min(graph.k, UNIFORM_K))), n_jobs=1)
    else:
        k = min(graph.k, 3 * SMALL_PERPLEXITY)
        affinities = PerplexityBasedNN(knn_index=PrecomputedNeighbors(*graph.first(k)), perplexity=min(SMALL_PERPLEXITY, k / 3), n_jobs=1)
    dim = init.shape[1]
    if dim == 2:
        if len(init) >= FFT_MIN_POINTS:
            gradient = {"negative_gradient_method": "fft", "min_num_intervals": 20}
        else:
            gradient = {"negative_gradient_method": "bh", "theta": 0.5}
    else:
        gradient = {"negative_gradient_method": "bh", "theta": 1.2}
    d = str(min(dim, 3))
    emb = TSNEEmbedding(np.array(init, np.float64), affinities, n_jobs=1, random_state=seed, **gradient)
    emb = emb.optimize(n_iter=p["early_exaggeration_iter"][d], exaggeration=p["early_exaggeration"], momentum=0.5)
    emb = emb.optimize(n_iter=p["n_iter"][d], exaggeration=p["exaggeration"][d], momentum=0.8)
    return np.asarray(emb, np.float32)


def umap(graph, xn: np.ndarray, init: np.ndarray, seed: int) -> np.ndarray:
    """umap-learn on the precomputed neighbours, from the PCA start."""
    import umap as umap_learn

    p = PARAMS["umap"]
    nn = max(2, min(p["n_neighbors"], graph.k + 1, len(xn) - 1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no search index (no transform), n_jobs=1 under a seed
        model = umap_learn.UMAP(
            n_neighbors=nn, n_components=init.shape[1], min_dist=p["min_dist"], n_epochs=p["n_epochs"],
            negative_sample_rate=p["negative_sample_rate"],
            init=np.asarray(init, np.float32), random_state=seed, n_jobs=1, metric="euclidean",
            precomputed_knn=(*graph.with_self(nn), None),
            force_approximation_algorithm=True,  # else small clouds ignore the graph and use all distances
        )
        return np.asarray(model.fit_transform(xn), np.float32)


def warm_up(methods) -> None:
    """Compile umap-learn's numba code once in this process (on a tiny cloud), not in the first head."""
    if "umap" not in methods:
        return
    from qkatlas.project.knn import knn_graph

    x = unit_rows(np.random.default_rng(0).normal(size=(300, 8)).astype(np.float32))
    graph = knn_graph(x, knn_size(len(x)))
    for dim in (2, 3):
        umap(graph, x, pca_init(x, dim, 0), 0)
