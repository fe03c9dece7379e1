"""Attention-aware t-SNE: the q/k geometry's affinities mixed with the head's own attention.

Plain t-SNE lays out the *geometry* of the normalised vectors (cosine neighbours). Attention is
not geometry: a query attends to the keys with the largest ``q . k`` among the keys *of its own
sequence*, which are rarely its nearest points overall (key norms differ, and the attended keys
compete only with ~tens of keys of one sequence, not with the whole corpus). So a t-SNE layout
shows where queries attend only as far as the two happen to agree (fidelity 0.3-0.4 on the text
demos, under 0.1 on DINOv2).

This method gives t-SNE both (affinities are what t-SNE preserves, whatever their source):

    P = (1 - mix) * P_geometry + mix * P_attention

* ``P_geometry``: exactly t-SNE's affinities on the shared exact kNN graph (uniform on 45
  neighbours from 10,000 points, else perplexity 30), so neighbourhoods in q/k space still hold;
* ``P_attention``: each fitted query tied to its ``ATTENTION_K`` = 5 most attended keys of its
  own sequence (the model's attention through the attention contract: mask, window, soft-cap,
  ALiBi), edge weights proportional to sqrt(attention) and normalised per query, so every query
  has the same total pull (a sink head's 2nd-5th keys still count) and no single sink key with
  hundreds of queries dominates; symmetrised (a key is pulled by the queries that attend to it);
* ``mix`` = 0.5: half of the attractive force. Measured on the three demos (benchmarks/fidelity.py,
  5,700 to 31,000 points per head): 0.3 leaves fidelity on the table, 0.7 starts to trade away
  the geometry measure (neighbour recall at 10). Small clouds (under ``SMALL_POINTS`` = 4,000
  points, e.g. 40 sentences) get 0.4: their perplexity-30 affinities spread each point over
  ~90 neighbours, a large part of the cloud, so the attention edges weigh more and 0.5 cost up to
  20% of t-SNE's neighbour recall there, 0.4 none. 3-D layouts get 0.3 at any size: a third
  dimension lets the attention edges pull harder (0.4 already cost 6% of the 3-D t-SNE's recall
  on demo:minilm, 0.5 cost 40%; 0.3 raised it by 10-25% and still doubled fidelity);
* schedule: early exaggeration 12 for 50 iterations (clusters form), then 100 iterations at
  exaggeration 1 (openTSNE's standard phase; the plain ``tsne`` method leaves it out because it
  spreads clusters, but here it is what lets the attention edges pull each query towards its
  keys while local neighbourhoods settle; it also raises neighbour recall well above the
  plain method's);
* everything else as ``tsne``: cosine geometry, PCA start, FFT gradients from 10,000 points in
  2-D, Barnes-Hut otherwise.

Fit on enough tokens (``min_fit_tokens`` = 20,000): an attention edge ties a query to keys of its
own sequence, so it exists only where both ends are in the fit, and points outside the fit are
placed by geometry alone. Under a 5,000-token fit sample (the run's default for t-SNE/UMAP), a
7,700-token corpus loses a third of its queries to geometric placement and more of its edges:
fidelity 0.67 -> 0.54 on demo:minilm (6 heads). The class attribute asks the caller for a fit of
at least this many tokens (``qkatlas.layout.head`` fits such a method on its own larger sample).

The attention comes through the seam: ``HeadInputs.attention()`` returns each fitted query's
top-k key rows (into ``HeadInputs.x``) and weights; ``attention_provider`` below builds that
callable for a head of an atlas (``qkatlas.layout.head`` passes it in). New points (``add``, the
tokens outside a fit sample) are placed like t-SNE's: interpolated from cosine neighbours.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from qkatlas.attention import HeadTerms, softmax
from qkatlas.errors import InputError
from qkatlas.layout.methods.base import SMALL_PERPLEXITY, UNIFORM_K, UNIFORM_MIN_POINTS, Fitted, HeadInputs, LayoutMethod

ATTENTION_K = 5  # keys each query is tied to (the fidelity measure's own k)
MIX = 0.5  # share of the attractive force from attention (2-D)
SMALL_MIX, SMALL_POINTS = 0.4, 4_000  # ... in 2-D clouds of fewer points
MIX_3D = 0.3  # ... in 3-D
WEIGHT_POWER = 0.5  # edge weight = attention ** WEIGHT_POWER, normalised per query
_CHUNK_CELLS = 1 << 22  # attention entries per chunk (16 MB float32)


class AttentionTSNEMethod(LayoutMethod):
    name = "attn-tsne"
    min_fit_tokens = 20_000  # fit on at least this many tokens (all, below), whatever the run's fit sample
    description = "attention-aware t-SNE: q/k geometry affinities mixed with each query's top attended keys"
    params = {
        "library": "openTSNE", "metric": "cosine", "init": "pca", "knn": "exact",
        "affinities": (f"{1 - MIX:g} x t-SNE's (uniform on 45 neighbours from 10,000 points, else perplexity 30) + "
                       f"{MIX:g} x attention (each query to its top {ATTENTION_K} attended keys of its sequence, "
                       f"weights attention^{WEIGHT_POWER:g} normalised per query, symmetrised); "
                       f"mix {SMALL_MIX:g} below {SMALL_POINTS:,} points; 3-D: mix {MIX_3D:g}"),
        "attention_k": ATTENTION_K, "mix": MIX, "small_mix": SMALL_MIX, "small_points": SMALL_POINTS,
        "mix_3d": MIX_3D,
        "weight_power": WEIGHT_POWER,
        "early_exaggeration": 12, "early_exaggeration_iter": 50, "n_iter": 100, "exaggeration": 1,
        "gradient": {"2": "fft (min 20 intervals) from 10,000 points, else bh (theta 0.5)", "3": "bh (theta 1.0)"},
    }

    def fit(self, inputs: HeadInputs, dim: int, seed: int) -> Fitted:
        if inputs.attention is None:
            raise InputError(
                f"layout {self.name}: needs the head's attention (HeadInputs.attention), which this caller does not "
                "provide; qkatlas.layout.head passes attention_provider(...) from qkatlas.layout.methods.attention_tsne"
            )
        rows, weights = inputs.attention()
        return Fitted(attention_tsne(inputs, rows, weights, dim, seed, mix=mix_for(len(inputs.x), dim)))


def mix_for(n_points: int, dim: int = 2) -> float:
    """The share of attention in the affinities for a ``dim``-D layout of ``n_points`` (see the
    module docstring)."""
    if dim >= 3:
        return MIX_3D
    return MIX if n_points >= SMALL_POINTS else SMALL_MIX


# ---- affinities -----------------------------------------------------------------------------------
def geometry_affinities(inputs: HeadInputs):
    """t-SNE's own affinity matrix (scipy CSR, sums to 1) on the shared kNN graph."""
    from openTSNE.affinity import PerplexityBasedNN, Uniform
    from openTSNE.nearest_neighbors import PrecomputedNeighbors

    graph = inputs.graph()
    if len(inputs.x) >= UNIFORM_MIN_POINTS:
        return Uniform(knn_index=PrecomputedNeighbors(*graph.first(min(graph.k, UNIFORM_K))), n_jobs=1).P
    k = min(graph.k, 3 * SMALL_PERPLEXITY)
    return PerplexityBasedNN(knn_index=PrecomputedNeighbors(*graph.first(k)), perplexity=min(SMALL_PERPLEXITY, k / 3),
                             n_jobs=1).P


def attention_affinities(rows: np.ndarray, weights: np.ndarray, n_points: int, power: float = WEIGHT_POWER):
    """Symmetric CSR (n_points x n_points, sums to 1): query i tied to the key rows ``rows[i]``
    (-1 = none) with weights ``weights[i] ** power`` normalised per query."""
    import scipy.sparse as sp

    rows = np.asarray(rows, np.int64)
    ok = rows >= 0
    w = np.where(ok, np.power(np.maximum(np.asarray(weights, np.float64), 1e-30), power), 0.0)
    total = w.sum(axis=1, keepdims=True)
    w = np.divide(w, total, out=np.zeros_like(w), where=total > 0)
    q_idx = np.broadcast_to(np.arange(len(rows))[:, None], rows.shape)[ok]
    a = sp.csr_matrix((w[ok], (q_idx, rows[ok])), shape=(n_points, n_points))
    a = (a + a.T).tocsr()
    s = a.sum()
    return a / s if s > 0 else a


def mixed_affinities(inputs: HeadInputs, rows: np.ndarray, weights: np.ndarray, mix: float = MIX,
                     power: float = WEIGHT_POWER):
    p = geometry_affinities(inputs)
    a = attention_affinities(rows, weights, len(inputs.x), power)
    if a.nnz == 0:  # no query attends within the fit (e.g. every sequence of length 1)
        return p
    out = ((1 - mix) * p + mix * a).tocsr()
    out.sum_duplicates()
    out.eliminate_zeros()
    return out


def attention_tsne(inputs: HeadInputs, rows: np.ndarray, weights: np.ndarray, dim: int, seed: int,
                   mix: float = MIX, power: float = WEIGHT_POWER) -> np.ndarray:
    """The layout (2n, dim) of ``inputs.x`` under the mixed affinities, with the schedule above."""
    from openTSNE import TSNEEmbedding
    from openTSNE.affinity import Affinities

    p = AttentionTSNEMethod.params
    aff = Affinities()
    aff.P = mixed_affinities(inputs, rows, weights, mix, power)
    init = inputs.init(dim)
    if dim == 2:
        gradient = ({"negative_gradient_method": "fft", "min_num_intervals": 20} if len(init) >= UNIFORM_MIN_POINTS
                    else {"negative_gradient_method": "bh", "theta": 0.5})
    else:
        gradient = {"negative_gradient_method": "bh", "theta": 1.0}
    emb = TSNEEmbedding(np.array(init, np.float64), aff, n_jobs=1, random_state=seed, **gradient)
    emb = emb.optimize(n_iter=p["early_exaggeration_iter"], exaggeration=p["early_exaggeration"], momentum=0.5)
    emb = emb.optimize(n_iter=p["n_iter"], exaggeration=p["exaggeration"], momentum=0.8)
    return np.asarray(emb, np.float32)


# ---- the attention input (what qkatlas.layout.head feeds through HeadInputs.attention) ------------
def top_attention(q: np.ndarray, k: np.ndarray, terms: HeadTerms, starts, lengths, top: int = ATTENTION_K,
                  key_ok: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Each query's ``top`` most attended keys of its sequence: (rows (n, top) int64 token rows,
    -1 where fewer keys are visible; probabilities (n, top) float32), most attended first.

    ``q``/``k``: raw vectors of every token (rows = token rows); attention through the contract
    (scale, soft-cap, ALiBi, causal mask, window). ``key_ok`` (n,) bool: only these keys may be
    chosen (a fit sample), though the probabilities are the model's over all visible keys.
    Memory: sequences are packed by length into chunks of at most ``_CHUNK_CELLS`` entries; a
    long sequence goes a block of query rows at a time.
    """
    n_rows = len(q)
    out_rows = np.full((n_rows, top), -1, np.int64)
    out_p = np.zeros((n_rows, top), np.float32)
    starts = np.asarray(starts, np.int64)
    lengths = np.asarray(lengths, np.int64)
    order = np.argsort(lengths, kind="stable")
    i = 0
    while i < len(order):
        width = int(lengths[order[i]])
        j = i + 1
        while j < len(order) and (j - i + 1) * int(lengths[order[j]]) ** 2 <= _CHUNK_CELLS:
            width = int(lengths[order[j]])
            j += 1
        seqs = order[i:j]
        idx = np.full((len(seqs), width), -1, np.int64)
        for r, s in enumerate(seqs):
            idx[r, : lengths[s]] = np.arange(starts[s], starts[s] + lengths[s])
        step = max(1, _CHUNK_CELLS // max(1, len(seqs) * width))
        for a in range(0, width, step):
            qpos = np.arange(a, min(width, a + step))
            _top_chunk(q, k, terms, idx, qpos, top, key_ok, out_rows, out_p)
        i = j
    return out_rows, out_p


def _top_chunk(q, k, terms: HeadTerms, idx, qpos, top, key_ok, out_rows, out_p) -> None:
    real = idx >= 0
    safe = np.maximum(idx, 0)
    q_rows = idx[:, qpos]  # (S, m)
    logits = np.einsum("sid,sjd->sij", np.asarray(q[np.maximum(q_rows, 0)], np.float64),
                       np.asarray(k[safe], np.float64)) * terms.scale
    if terms.softcap is not None:
        logits = terms.softcap * np.tanh(logits / terms.softcap)
    if terms.alibi_slope is not None:
        logits += terms.alibi_slope * (np.arange(idx.shape[1])[None, :] - qpos[:, None])[None]
    allowed = terms.mask(qpos, idx.shape[1])[None] & real[:, None, :]
    logits[~allowed] = -np.inf
    p = softmax(logits)
    choosable = allowed if key_ok is None else allowed & key_ok[safe][:, None, :]
    score = np.where(choosable, p, -1.0)
    kk = min(top, score.shape[2])
    part = np.argpartition(-score, kk - 1, axis=2)[..., :kk] if score.shape[2] > kk else \
        np.broadcast_to(np.arange(score.shape[2]), score.shape[:2] + (score.shape[2],))
    vals = np.take_along_axis(score, part, 2)
    srt = np.argsort(-vals, axis=2, kind="stable")
    part = np.take_along_axis(part, srt, 2)
    vals = np.take_along_axis(vals, srt, 2)
    keys = np.take_along_axis(np.broadcast_to(safe[:, None, :], score.shape), part, 2)
    keys = np.where(vals >= 0, keys, -1)
    has_q = q_rows >= 0
    out_rows[q_rows[has_q], :kk] = keys[has_q]
    out_p[q_rows[has_q], :kk] = np.maximum(vals[has_q], 0)


def attention_provider(atlas, layer: int, head: int, fit_tokens: np.ndarray,
                       top: int = ATTENTION_K) -> Callable[[], tuple[np.ndarray, np.ndarray]]:
    """The ``HeadInputs.attention`` callable of one head: lazily, the top attended *fitted* keys of
    each fitted query, as rows into ``HeadInputs.x`` (keys are rows n_fit..2 n_fit - 1), and
    their attention probabilities."""

    def attention() -> tuple[np.ndarray, np.ndarray]:
        seqs = atlas.sequences
        fit = np.asarray(fit_tokens, np.int64)
        key_ok = np.zeros(atlas.n_tokens, bool)
        key_ok[fit] = True
        rows, p = top_attention(atlas.queries(layer, head), atlas.keys(layer, head), atlas.terms(layer, head),
                                seqs["start"].to_numpy(), seqs["n_tokens"].to_numpy(), top, key_ok)
        position = np.full(atlas.n_tokens, -1, np.int64)
        position[fit] = np.arange(len(fit))
        r = rows[fit]
        mapped = np.where(r >= 0, len(fit) + position[np.maximum(r, 0)], -1)
        return mapped, p[fit]

    return attention


def group_attention_provider(atlas, layer: int, heads, fit_tokens: np.ndarray,
                             top: int = ATTENTION_K) -> Callable[[], tuple[np.ndarray, np.ndarray]]:
    """``HeadInputs.attention`` of a grouped-query layout (``qkatlas.layout.groups``): the points are
    the fitted queries of each query head in ``heads`` (in that order), then the fitted keys of
    their shared key head; each query's top attended fitted keys as rows into those points."""
    heads = [int(h) for h in heads]

    def attention() -> tuple[np.ndarray, np.ndarray]:
        fit = np.asarray(fit_tokens, np.int64)
        parts = [attention_provider(atlas, layer, h, fit, top)() for h in heads]
        n_fit, g = len(fit), len(heads)
        rows = np.concatenate([np.where(r >= 0, r - n_fit + g * n_fit, -1) for r, _ in parts])
        return rows, np.concatenate([p for _, p in parts])

    return attention
