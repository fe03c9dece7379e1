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


def compute_normalization(q: np.ndarray, k: np.ndarray) -> tuple[np.ndarray, float]:
    """(key_shift, scale) for one head from all its queries and keys over the corpus."""
    q = np.asarray(q, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    q_norm = np.linalg.norm(q, axis=1).mean()
    k_norm = np.linalg.norm(k, axis=1).mean()
    scale = float(np.sqrt(q_norm / k_norm)) if q_norm > 0 and k_norm > 0 else 1.0
    shift = q.mean(axis=0) / scale - scale * k.mean(axis=0)
    return shift.astype(np.float32), scale


def apply_normalization(
    q: np.ndarray, k: np.ndarray, shift: np.ndarray, scale: float
) -> tuple[np.ndarray, np.ndarray]:
    """Normalised (q', k') = (q / c, c k + shift) from raw vectors and a head's parameters."""
    return (q / scale).astype(np.float32), (scale * k + shift).astype(np.float32)


def attention_probs(
    q: np.ndarray, k: np.ndarray, scale: float, causal: bool, key_mask: np.ndarray | None = None
) -> np.ndarray:
    """softmax(q k^T * scale) of one sequence, with a causal mask for decoders."""
    logits = (np.asarray(q, np.float64) @ np.asarray(k, np.float64).T) * scale
    if causal:
        n_q, n_k = logits.shape
        logits[np.triu(np.ones((n_q, n_k), dtype=bool), k=1 + n_k - n_q)] = -np.inf
    if key_mask is not None:
        logits[:, ~key_mask] = -np.inf
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return (p / p.sum(axis=1, keepdims=True)).astype(np.float32)
