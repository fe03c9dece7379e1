"""t-SNE (openTSNE) on the shared exact kNN graph, from the PCA start, with a short schedule.

Why these settings (measured on demo:minilm x demo:wiki, 15k points per head; see
benchmarks/projection.py and ``qkatlas.layout.fidelity``):

* cosine geometry (rows scaled to unit length, then Euclidean): on the normalised vectors,
  cosine neighbours agree with attention far better than Euclidean ones (AttentionViz's metric);
* from 10,000 points, uniform affinities on each point's 45 nearest neighbours (openTSNE's
  ``Uniform``; Böhm, Berens & Kobak 2022: kNN-uniform affinities give the same embeddings as
  perplexity calibration): 2.5x sparser attractive forces than perplexity 40, no calibration, the
  same or better fidelity than perplexity 30-50. Smaller clouds use perplexity 30 (uniform
  affinities under exaggeration 12 collapse a cloud of n points when n / k is small);
* schedule: 2-D 50 iterations of early exaggeration (12), then 25 at exaggeration 4; 3-D 30 + 20
  at 2. Fidelity peaks once exaggeration has formed the clusters; the usual long
  exaggeration-1 phase spreads them and *lowers* fidelity, so it is left out (3-D ends at 2
  because 4 leaves the cloud nearly planar);
* 2-D uses FFT gradients from 10,000 points (Barnes-Hut below) on a coarser grid (20 intervals,
  not 50: faster, same fidelity); 3-D has only Barnes-Hut, the slow path, so it gets theta 1.2
  and the shorter schedule (both measured: no fidelity lost).
"""

from __future__ import annotations

import numpy as np

from qkatlas.layout.methods.base import SMALL_PERPLEXITY, UNIFORM_K, UNIFORM_MIN_POINTS, Fitted, HeadInputs, LayoutMethod

FFT_MIN_POINTS = 10_000  # openTSNE's own rule: Barnes-Hut is faster below, FFT above


class TSNEMethod(LayoutMethod):
    name = "tsne"
    description = "t-SNE (openTSNE) in cosine geometry on the shared exact kNN graph"
    params = {
        "library": "openTSNE", "metric": "cosine", "init": "pca", "knn": "exact",
        "affinities": "uniform on 45 neighbours from 10,000 points, else perplexity 30",
        "early_exaggeration": 12, "early_exaggeration_iter": {"2": 50, "3": 30}, "n_iter": {"2": 25, "3": 20},
        "exaggeration": {"2": 4, "3": 2},
        "gradient": {"2": "fft (min 20 intervals) from 10,000 points, else bh (theta 0.5)", "3": "bh (theta 1.2)"},
    }

    def fit(self, inputs: HeadInputs, dim: int, seed: int) -> Fitted:
        return Fitted(tsne(inputs.graph(), inputs.init(dim), seed))


def tsne(graph, init: np.ndarray, seed: int, affinities=None) -> np.ndarray:
    """openTSNE on precomputed neighbours (or given affinities) with the short schedule above."""
    from openTSNE import TSNEEmbedding
    from openTSNE.affinity import PerplexityBasedNN, Uniform
    from openTSNE.nearest_neighbors import PrecomputedNeighbors

    p = TSNEMethod.params
    if affinities is None:
        if len(init) >= UNIFORM_MIN_POINTS:
            affinities = Uniform(knn_index=PrecomputedNeighbors(*graph.first(min(graph.k, UNIFORM_K))), n_jobs=1)
        else:
            k = min(graph.k, 3 * SMALL_PERPLEXITY)
            affinities = PerplexityBasedNN(knn_index=PrecomputedNeighbors(*graph.first(k)),
                                           perplexity=min(SMALL_PERPLEXITY, k / 3), n_jobs=1)
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
