"""Norm scaling and key translation (AttentionViz, Yeh et al. 2023, section 4.1).

Both transforms leave every head's attention unchanged, yet bring the query and key clouds
together so that distance in a joint layout means "attends to":

* scaling: q' = q / c, k~ = c k with c = sqrt(mean||q|| / mean||k||) keeps every q . k and gives
  both clouds the same mean norm;
* translation: k' = k~ + shift with shift = mean(Q') - mean(K~) adds q' . shift to every logit of
  a query; softmax over the keys ignores a constant, so attention is unchanged, and the two
  clouds now share their centre exactly.

Scaling comes first so that the centres coincide exactly in the space the layouts see. The
parameters are stored per query head (``normalization.npz``); the raw vectors are kept.
"""

from __future__ import annotations

import numpy as np


CHUNK_ROWS = 65_536  # rows read at a time: memory stays a chunk's, whatever the corpus size


def compute_normalization(q: np.ndarray, k: np.ndarray) -> tuple[np.ndarray, float]:
    """(key_shift, scale) for one head from all its queries and keys over the corpus.

    ``q``/``k`` may be memory maps of the whole corpus: they are read ``CHUNK_ROWS`` rows at a
    time (sums of norms and of vectors, in float64)."""
    def sums(x):
        norms, total = 0.0, np.zeros(x.shape[1])
        for i in range(0, len(x), CHUNK_ROWS):
            part = np.asarray(x[i:i + CHUNK_ROWS], dtype=np.float64)
            norms += float(np.linalg.norm(part, axis=1).sum())
            total += part.sum(axis=0)
        n = max(len(x), 1)
        return norms / n, total / n

    q_norm, q_mean = sums(q)
    k_norm, k_mean = sums(k)
    scale = float(np.sqrt(q_norm / k_norm)) if q_norm > 0 and k_norm > 0 else 1.0
    shift = q_mean / scale - scale * k_mean
    return shift.astype(np.float32), scale


def apply_normalization(
    q: np.ndarray, k: np.ndarray, shift: np.ndarray, scale: float
) -> tuple[np.ndarray, np.ndarray]:
    """Normalised (q', k') = (q / c, c k + shift) from raw vectors and a head's parameters."""
    return normalize_queries(q, scale), normalize_keys(k, shift, scale)


def normalize_queries(q: np.ndarray, scale: float) -> np.ndarray:
    return (q / scale).astype(np.float32)


def normalize_keys(k: np.ndarray, shift: np.ndarray, scale: float) -> np.ndarray:
    return (scale * k + shift).astype(np.float32)
