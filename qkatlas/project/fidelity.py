"""Layout fidelity: does a query sit near the keys it attends to?

For one head and one layout, for every query: the share of its top-``k`` attended keys (same
sequence, causal mask for decoders, the model's own softmax) that are among its ``k`` nearest
keys of that sequence in the layout; averaged over queries. The same measure on the normalised
d_head vectors (Euclidean) is the ceiling, stored as layout ``"original"``.

Queries with at most ``k`` allowed keys are skipped: every allowed key is both "attended" and
"near", so they would score 1.0 whatever the layout and only inflate the number. A head with no
scorable query at all (every sequence at most k tokens long) gets NaN. Ties in either
ranking (identical keys, coordinates equal in float16) go to the earlier position.

Why padded blocks: sequences are grouped by length and padded into (S, L, L) blocks, so the
whole measure is a handful of NumPy calls per block instead of a Python loop per sequence.
"""

from __future__ import annotations

import numpy as np

TOP_K = 5
_BLOCK_CELLS = 1 << 22  # S * L * L entries per padded block (~16 MB of float32)


class SequenceBlocks:
    """Sequences packed into padded blocks of similar length; ``idx`` (S, L) holds rows, -1 = padding."""

    def __init__(self, starts, lengths, causal: bool, k: int = TOP_K):
        starts = np.asarray(starts, np.int64)
        lengths = np.asarray(lengths, np.int64)
        order = np.argsort(lengths, kind="stable")
        self.k, self.causal = k, causal
        self.blocks: list[np.ndarray] = []
        i = 0
        while i < len(order):
            j, width = i + 1, int(lengths[order[i]])
            while j < len(order):
                w = max(width, int(lengths[order[j]]))
                if (j - i + 1) * w * w > _BLOCK_CELLS:
                    break
                width, j = w, j + 1
            idx = np.full((j - i, width), -1, np.int64)
            for r, s in enumerate(order[i:j]):
                idx[r, : lengths[s]] = np.arange(starts[s], starts[s] + lengths[s])
            self.blocks.append(idx)
            i = j
        self.n_scored = int(sum(self._masks(idx)[1].sum() for idx in self.blocks))

    def _masks(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(allowed (S, Lq, Lk): key j visible to query i; scored (S, Lq): more than k allowed keys)."""
        real = idx >= 0
        allowed = real[:, :, None] & real[:, None, :]
        if self.causal:
            allowed &= np.tril(np.ones((idx.shape[1],) * 2, bool))[None]
        return allowed, real & (allowed.sum(axis=2) > self.k)

    def top_attended(self, q: np.ndarray, k: np.ndarray) -> list[np.ndarray]:
        """Per block, boolean (S, L, L): key j is among query i's top-k by logit q . k.

        The logit ranking equals the softmax ranking, and the per-query constant that key
        translation adds does not change it, so raw or normalised vectors give the same answer.
        """
        out = []
        for idx in self.blocks:
            allowed, _ = self._masks(idx)
            safe = np.maximum(idx, 0)
            logits = np.einsum("sid,sjd->sij", q[safe], k[safe])
            logits[~allowed] = -np.inf
            out.append(_top_mask(-logits, self.k))
        return out

    def fidelity(self, attended: list[np.ndarray], yq: np.ndarray, yk: np.ndarray) -> float:
        """Mean share of each scored query's top-k attended keys among its k nearest keys.

        ``yq``/``yk``: coordinates of the queries/keys (rows = token rows), any dimension.
        """
        if self.n_scored == 0:
            return float("nan")
        yq = np.asarray(yq, np.float32)
        yk = np.asarray(yk, np.float32)
        hits = 0
        for idx, att in zip(self.blocks, attended):
            allowed, scored = self._masks(idx)
            safe = np.maximum(idx, 0)
            a, b = yq[safe], yk[safe]
            d = (a * a).sum(-1)[:, :, None] + (b * b).sum(-1)[:, None, :] - 2 * np.einsum("sid,sjd->sij", a, b)
            d[~allowed] = np.inf
            hits += int((_top_mask(d, self.k) & att)[scored].sum())
        return hits / (self.n_scored * self.k)


def _top_mask(score: np.ndarray, k: int) -> np.ndarray:
    """Boolean mask of the k smallest entries along the last axis; ties go to the earlier position."""
    mask = np.zeros(score.shape, bool)
    if score.shape[-1] <= k:
        mask[:] = np.isfinite(score)
    else:
        np.put_along_axis(mask, np.argsort(score, axis=-1, kind="stable")[..., :k], True, axis=-1)
    return mask
