"""The attention contract: how a head's attention follows from its stored queries and keys.

Every consumer (``Atlas.attention``, ``verify``, head metrics, layout fidelity, the server)
computes attention here and nowhere else, so a family's extra terms cannot drift apart between
copies. For query i and key j of the same sequence (positions within the sequence):

    logit_ij = q_i . k_j * scale                     (scale per layer: 1/sqrt(d) almost always)
    logit_ij = cap * tanh(logit_ij / cap)            (logit soft-capping, Gemma-2; per model)
    logit_ij = logit_ij + slope_h * (j - i)          (ALiBi bias, BLOOM; slope per query head)
    allowed_ij = (not causal or j <= i) and (window is None or i - j < window)
    p_i = softmax over allowed j of logit_ij         (sliding window per layer: Mistral, Gemma)

The order is the models' own (transformers: scaling, then soft-capping, then the additive
bias and mask). ALiBi models add ``slope * j``; ``slope * (j - i)`` differs by a constant per
query, which softmax ignores, and keeps logits small for long sequences.

Why terms per layer and per head rather than a callable: the atlas must *record* them
(``manifest.model.attention``) so that any reader, with or without qkatlas, gets the model's
attention back, and the explorer can say which heads have terms beyond q . k.

NumPy versions serve readers (no torch needed to view an atlas); torch versions serve capture,
``verify`` and the streaming analysis pass (batched over heads, much faster on CPU).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np


@dataclass(frozen=True)
class LayerTerms:
    """The attention terms of one layer (all its query heads)."""

    scale: float
    causal: bool
    window: int | None = None  # sliding window: key j visible to query i only if i - j < window
    softcap: float | None = None
    alibi_slopes: tuple[float, ...] | None = None  # per query head

    def head(self, head: int) -> "HeadTerms":
        slope = None if self.alibi_slopes is None else float(self.alibi_slopes[head])
        return HeadTerms(self.scale, self.causal, self.window, self.softcap, slope)


@dataclass(frozen=True)
class HeadTerms:
    """The attention terms of one query head."""

    scale: float
    causal: bool
    window: int | None = None
    softcap: float | None = None
    alibi_slope: float | None = None

    @property
    def beyond_qk(self) -> list[str]:
        """Human-readable terms that q . k alone does not show (for the explorer's head panel)."""
        out = []
        if self.window is not None:
            out.append(f"sliding window {self.window}: keys more than {self.window - 1} positions back are masked")
        if self.softcap is not None:
            out.append(f"logit soft-cap {self.softcap:g}: logits = {self.softcap:g} * tanh(logits / {self.softcap:g})")
        if self.alibi_slope is not None:
            out.append(f"ALiBi slope {self.alibi_slope:.4g}: logits + slope * (key position - query position); "
                       "the layout shows the content part")
        return out

    # ---- NumPy ----------------------------------------------------------------------------------
    def mask(self, q_pos: np.ndarray, n_keys: int) -> np.ndarray:
        """(len(q_pos), n_keys) bool: key j (position j) is visible to the query at ``q_pos[i]``."""
        return allowed_keys(np.asarray(q_pos), n_keys, self.causal, self.window)

    def logits(self, q: np.ndarray, k: np.ndarray, q_pos: np.ndarray | None = None) -> np.ndarray:
        """float64 logits (n_q, n_k) with every term; masked entries are -inf.

        ``q`` holds the queries at positions ``q_pos`` (default: 0..n_q-1), ``k`` every key of the
        sequence (positions 0..n_k-1).
        """
        q = np.asarray(q, np.float64)
        k = np.asarray(k, np.float64)
        q_pos = np.arange(len(q)) if q_pos is None else np.asarray(q_pos, np.int64)
        out = (q @ k.T) * self.scale
        if self.softcap is not None:
            out = self.softcap * np.tanh(out / self.softcap)
        if self.alibi_slope is not None:
            out = out + self.alibi_slope * (np.arange(k.shape[0])[None, :] - q_pos[:, None])
        out[~self.mask(q_pos, k.shape[0])] = -np.inf
        return out

    def probabilities(self, q: np.ndarray, k: np.ndarray, q_pos: np.ndarray | None = None) -> np.ndarray:
        """float32 attention probabilities (n_q, n_k); masked keys get exactly 0."""
        return softmax(self.logits(q, k, q_pos)).astype(np.float32)


def allowed_keys(q_pos: np.ndarray, n_keys: int, causal: bool, window: int | None) -> np.ndarray:
    """Visibility mask for queries at positions ``q_pos`` over keys at positions 0..n_keys-1."""
    j = np.arange(n_keys)[None, :]
    i = np.asarray(q_pos, np.int64)[:, None]
    allowed = np.ones((i.shape[0], n_keys), bool)
    if causal:
        allowed &= j <= i
    if window is not None:
        allowed &= (i - j < window) if causal else (np.abs(i - j) < window)
    return allowed


def softmax(logits: np.ndarray) -> np.ndarray:
    """Row softmax that tolerates -inf (masked) entries; a row with no visible key stays 0."""
    top = np.max(logits, axis=-1, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    e = np.exp(logits - top)
    total = e.sum(axis=-1, keepdims=True)
    return np.divide(e, total, out=np.zeros_like(e), where=total > 0)


# ---- torch (batched over heads) -----------------------------------------------------------------
def torch_probabilities(q: Any, k: Any, terms: LayerTerms, heads: Sequence[int] | None = None,
                        key_valid: Any = None) -> Any:
    """softmax of every term for a stack of heads of one layer and one sequence (or a batch).

    ``q`` (..., H, n_q, d) and ``k`` (..., H, n_k, d), keys already expanded to the query heads;
    queries at positions n_k - n_q .. n_k - 1 (the usual case: all positions). ``heads``: the
    query-head index of each of the H rows (for ALiBi slopes; default 0..H-1). ``key_valid``
    (..., n_k) bool marks real (not padding) keys. Masked entries are exactly 0.
    """
    import torch

    n_q, n_k = q.shape[-2], k.shape[-2]
    logits = torch.matmul(q, k.transpose(-1, -2)) * terms.scale
    if terms.softcap is not None:
        logits = terms.softcap * torch.tanh(logits / terms.softcap)
    i = torch.arange(n_k - n_q, n_k, device=q.device)[:, None]
    j = torch.arange(n_k, device=q.device)[None, :]
    if terms.alibi_slopes is not None:
        idx = list(range(q.shape[-3])) if heads is None else list(heads)
        slopes = torch.tensor([terms.alibi_slopes[h] for h in idx], dtype=logits.dtype, device=q.device)
        logits = logits + slopes[:, None, None] * (j - i).to(logits.dtype)
    allowed = torch.ones((n_q, n_k), dtype=torch.bool, device=q.device)
    if terms.causal:
        allowed &= j <= i
    if terms.window is not None:
        allowed &= (i - j < terms.window) if terms.causal else ((i - j).abs() < terms.window)
    if key_valid is not None:
        allowed = allowed & key_valid[..., None, None, :]
    p = torch.softmax(logits.masked_fill_(~allowed, float("-inf")), dim=-1)  # logits is ours: in place
    # every query sees itself, so only padding can leave a row with no visible key (NaN -> 0)
    return p if key_valid is None else torch.nan_to_num_(p, nan=0.0)


# ---- the model's terms, as recorded in the manifest -------------------------------------------
@dataclass(frozen=True)
class AttentionContract:
    """Every layer's terms of one model; stored as ``manifest.model`` (``scales``, ``causal``,
    ``attention``: ``{"windows": [per layer or null], "softcap": float | null,
    "alibi_slopes": [per query head] | null}``)."""

    scales: tuple[float, ...]
    causal: bool
    windows: tuple[int | None, ...]
    softcap: float | None = None
    alibi_slopes: tuple[float, ...] | None = None

    @classmethod
    def from_model(cls, model: dict) -> "AttentionContract":
        extra = model.get("attention") or {}
        scales = tuple(float(s) for s in model["scales"])
        windows = extra.get("windows") or [None] * len(scales)
        slopes = extra.get("alibi_slopes")
        return cls(scales, bool(model["causal"]), tuple(None if w is None else int(w) for w in windows),
                   None if extra.get("softcap") is None else float(extra["softcap"]),
                   None if slopes is None else tuple(float(s) for s in slopes))

    def manifest_terms(self) -> dict:
        """The ``attention`` entry of the manifest's model section."""
        return {"windows": list(self.windows), "softcap": self.softcap,
                "alibi_slopes": None if self.alibi_slopes is None else list(self.alibi_slopes)}

    @property
    def has_extra_terms(self) -> bool:
        return any(w is not None for w in self.windows) or self.softcap is not None or self.alibi_slopes is not None

    def layer(self, layer: int) -> LayerTerms:
        return LayerTerms(self.scales[layer], self.causal, self.windows[layer], self.softcap, self.alibi_slopes)

    def head(self, layer: int, head: int) -> HeadTerms:
        return self.layer(layer).head(head)
