"""One pass over an atlas: per layer, per sequence, the attention of every head of the layer.

Why a shared pass: metrics and aggregate maps need the same attention matrices, and
recomputing softmax(q k^T) is the expensive part. Memory stays bounded by one sequence's
(n_heads, n, n) attention (vectors are read from the memory-mapped layer files), whatever the
corpus size. Consumers get each matrix once and keep only running sums.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

import numpy as np

from qkatlas.atlas.reader import Atlas
from qkatlas.attention import LayerTerms, allowed_keys, torch_probabilities

LOCAL_WINDOW = 2  # text: keys within |j - i| <= 2 count as "local"
LOCAL_PATCH_RADIUS = 1  # images: patches within one row and one column (3 x 3 block)
ATTENTION_BUDGET = 1 << 24  # attention entries per batch (64 MB float32): long sequences go a few heads at a time
THREADED_CELLS = 512 * 512  # n x n entries from which torch uses all its threads (see run_pass)


@dataclass
class SequenceView:
    """Everything about one sequence that does not depend on the head."""

    seq: int
    n: int
    allowed: np.ndarray  # (n, n) bool: query i may attend key j (same sequence; j <= i if causal)
    n_allowed: np.ndarray  # (n,) int: allowed keys per query
    valid: np.ndarray  # (n,) bool: queries with a choice (at least two allowed keys)
    special: np.ndarray  # (n,) bool: special keys ([CLS], [SEP], BOS, ...)
    local: np.ndarray  # (n, n) bool: allowed and near (see LOCAL_WINDOW / LOCAL_PATCH_RADIUS)
    patch_row: np.ndarray | None  # (n,) int, -1 for non-patch tokens; None for text
    patch_col: np.ndarray | None
    token_id: np.ndarray | None = None  # (n,) int64 vocabulary ids (-1 for image patches)

    @property
    def repeats(self) -> tuple[np.ndarray, np.ndarray]:
        """(duplicate (n, n), induction (n, n)) bool masks over allowed pairs of queries with a choice.

        ``duplicate[i, j]``: key j is an earlier occurrence of query i's token (j < i, same id);
        ``induction[i, j]``: key j comes right after such an occurrence (j - 1 is one, j < i), the
        token an induction head attends to (Olsson et al. 2022). Special tokens and tokens without
        an id (image patches) take no part. Computed on first use, once per sequence.
        """
        if self._repeats is None:
            n = self.n
            dup = np.zeros((n, n), bool)
            ind = np.zeros((n, n), bool)
            if self.token_id is not None:
                tid = self.token_id
                ok = (tid >= 0) & ~self.special
                i, j = np.arange(n)[:, None], np.arange(n)[None, :]
                earlier = (tid[:, None] == tid[None, :]) & ok[:, None] & ok[None, :] & (j < i)
                dup = earlier & self.allowed & self.valid[:, None]
                ind[:, 1:] = earlier[:, :-1]
                ind &= (j < i) & self.allowed & self.valid[:, None]
            self._repeats = (dup, ind)
        return self._repeats

    _repeats: tuple[np.ndarray, np.ndarray] | None = field(default=None, init=False, repr=False)

    @cached_property
    def rows(self) -> np.ndarray:
        """Positions of the queries with a choice (``valid``)."""
        return np.flatnonzero(self.valid)

    @cached_property
    def local_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """(i, j) of the ``local`` pairs whose query has a choice: a few per query, so shares on
        them are gathers instead of passes over (heads, n, n)."""
        return np.nonzero(self.local & self.valid[:, None])

    @cached_property
    def repeat_pairs(self) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
        """(i, j) of the ``repeats`` masks (duplicate, induction)."""
        dup, ind = self.repeats
        return np.nonzero(dup), np.nonzero(ind)


class Consumer(Protocol):
    def add(self, layer: int, view: SequenceView, batch: "LayerBatch") -> None: ...


@dataclass
class RowStats:
    """Per head and query, what several consumers take from each attention row (heads, n).

    Computed once per batch, in torch, so that metrics and top sequences share one pass per
    statistic (measured on 2 x 2,450 x 2,450: numpy's partition for the top 5 alone took 0.32 s,
    torch's topk 0.02 s).
    """

    entropy: np.ndarray  # -sum_j p log p (nats)
    top1: np.ndarray  # largest entry
    argmax: np.ndarray  # int64 key position of the largest entry (the first, on ties)
    top5: np.ndarray  # sum of the 5 largest entries (all of them in rows of fewer keys)
    total: np.ndarray  # sum of the row: 1, or 0 where no key is allowed
    vw_total: np.ndarray | None  # sum_j p_ij ||v_j||: the value-weighted normaliser (None: no ||v|| given)


def row_stats(attn: np.ndarray, v_norm: np.ndarray | None = None) -> RowStats:
    """``RowStats`` of ``attn`` (heads, n, n) float32; ``v_norm`` (heads, n) for ``vw_total``."""
    import torch

    a = torch.from_numpy(attn)
    top5 = a.topk(min(5, a.shape[-1]), dim=-1, sorted=False).values.sum(-1)
    vw = None
    if v_norm is not None:
        vw = torch.matmul(a, torch.from_numpy(np.ascontiguousarray(v_norm, np.float32))[..., None])[..., 0].numpy()
    return RowStats(torch.special.entr(a).sum(-1).numpy(), a.amax(-1).numpy(), a.argmax(-1).numpy(),
                    top5.numpy(), a.sum(-1).numpy(), vw)


@dataclass
class LayerBatch:
    """One sequence of one layer: raw vectors and attention of the query heads ``heads``.

    Usually all heads of the layer at once; a long sequence comes as several batches (chunks of
    heads) so that memory stays within ``ATTENTION_BUDGET``. ``first`` marks the sequence's first
    batch: per-sequence counts (and key sums) are taken only there.

    Value-weighted attention is not materialised unless asked (``attn_v``): its shares are
    gathers, ``weighted(i, j)``, scaled by the per-row normaliser of ``rows``.
    """

    heads: slice  # the query heads in this batch
    first: bool
    q: np.ndarray  # (len(heads), n, d) float32
    k: np.ndarray  # (n_kv_heads, n, d) float32, all key heads (not expanded)
    v_norm: np.ndarray  # (len(heads), n) float32, ||v|| of the value head each query head reads
    attn: np.ndarray  # (len(heads), n, n) float32, 0 where not allowed

    @cached_property
    def rows(self) -> RowStats:
        return row_stats(self.attn, self.v_norm)

    @cached_property
    def vw_scale(self) -> np.ndarray:
        """(heads, n) 1 / sum_j p_ij ||v_j|| (0 where that is 0): value-weighted rows' scale."""
        total = self.rows.vw_total
        return np.divide(1.0, total, out=np.zeros_like(total), where=total > 0)

    def weighted(self, i, j, values: np.ndarray | None = None) -> np.ndarray:
        """Value-weighted attention at ``attn[:, i, j]`` (index arrays that broadcast together);
        ``values``: those entries of ``attn`` when the caller has gathered them already."""
        i, j = np.asarray(i), np.asarray(j)
        return (self.attn[:, i, j] if values is None else values) * self.v_norm[:, j] * self.vw_scale[:, i]

    @cached_property
    def attn_v(self) -> np.ndarray:
        """(len(heads), n, n) value-weighted attention, rows renormalised (materialised on use)."""
        return value_weighted(self.attn, self.v_norm)


def attention_all_heads(q: np.ndarray, k: np.ndarray, kv_head_of, terms: LayerTerms, heads) -> np.ndarray:
    """Attention of the query heads ``heads`` at once, through the attention contract; masked
    entries are exactly 0. Uses torch: numpy's batched matmul with a transposed operand is ~30x
    slower here."""
    import torch

    kk = torch.from_numpy(k)[torch.as_tensor(kv_head_of)]
    return torch_probabilities(torch.from_numpy(q), kk, terms, heads=list(heads)).numpy()


def value_weighted(attn: np.ndarray, v_norm: np.ndarray) -> np.ndarray:
    """Attention times ||v_j|| renormalised per query: how much each key actually contributes.

    A key that is heavily attended but carries a tiny value vector (a "no-op" sink) gets a small
    weighted share. Rows whose weights are all zero stay zero.
    """
    w = attn * v_norm[:, None, :]
    total = w.sum(axis=-1, keepdims=True)
    return np.divide(w, total, out=np.zeros_like(w), where=total > 0)


class _Views:
    """Builds the per-sequence masks (no cache keyed by length: memory stays one sequence's)."""

    def __init__(self, atlas: Atlas):
        t = atlas.tokens
        self.contract = atlas.contract
        self.special = t["is_special"].to_numpy(bool)
        self.token_id = t["token_id"].to_numpy(np.int64) if "token_id" in t.columns else None
        has_patches = "patch_row" in t.columns and (t["patch_row"] >= 0).any()
        self.patch_row = t["patch_row"].to_numpy(np.int64) if has_patches else None
        self.patch_col = t["patch_col"].to_numpy(np.int64) if has_patches else None

    def view(self, layer: int, seq: int, start: int, n: int) -> SequenceView:
        rows = slice(start, start + n)
        terms = self.contract.layer(layer)
        allowed = allowed_keys(np.arange(n), n, terms.causal, terms.window)
        n_allowed = allowed.sum(axis=1)
        valid = n_allowed >= 2
        if self.patch_row is None:  # the band |j - i| <= LOCAL_WINDOW, one diagonal at a time (no n x n ints)
            local = np.zeros((n, n), bool)
            for o in range(-LOCAL_WINDOW, LOCAL_WINDOW + 1):
                i = np.arange(max(0, -o), min(n, n - o))
                local[i, i + o] = True
            local &= allowed
            return SequenceView(seq, n, allowed, n_allowed, valid, self.special[rows], local, None, None, self._ids(rows))
        r, c = self.patch_row[rows], self.patch_col[rows]
        is_patch = r >= 0
        near = (np.abs(r[None] - r[:, None]) <= LOCAL_PATCH_RADIUS) & (np.abs(c[None] - c[:, None]) <= LOCAL_PATCH_RADIUS)
        local = allowed & near & is_patch[None] & is_patch[:, None]
        return SequenceView(seq, n, allowed, n_allowed, valid, self.special[rows], local, r, c, self._ids(rows))

    def _ids(self, rows: slice) -> np.ndarray | None:
        return None if self.token_id is None else self.token_id[rows]


def run_pass(atlas: Atlas, consumers: list, progress: bool = False) -> None:
    """Feed every (layer, sequence) attention of ``atlas`` to each consumer's ``add``.

    torch runs single-threaded on short sequences, whose matrices are small: its thread pool
    costs more than it gains (6-10x slower with 2 threads on a busy 2-core machine). Sequences of
    ``THREADED_CELLS`` entries or more use every thread (measured: 3 x 2,450 tokens, SmolLM2,
    7.0 s -> 4.5 s per 2 layers on 2 cores).
    """
    import torch
    from tqdm.auto import tqdm

    views = _Views(atlas)
    seqs = atlas.sequences[["seq", "start", "n_tokens"]].to_numpy(np.int64)
    kv = np.asarray(atlas.kv_head_of)
    threads = torch.get_num_threads()
    current = None
    bar = tqdm(total=atlas.n_layers * int(seqs[:, 2].sum()), unit="tok", desc="head metrics",
               disable=not progress, dynamic_ncols=True)
    try:
        for layer in range(atlas.n_layers):
            ql, kl, vl = (atlas.layer_array(kind, layer) for kind in ("queries", "keys", "value_norms"))
            terms = atlas.contract.layer(layer)
            for seq, start, n in seqs:
                want = threads if n * n >= THREADED_CELLS else 1
                if want != current:
                    torch.set_num_threads(current := want)
                rows = slice(int(start), int(start + n))
                view = views.view(layer, int(seq), int(start), int(n))
                q = np.asarray(ql[:, rows], np.float32)
                k = np.asarray(kl[:, rows], np.float32)
                v_norm = np.asarray(vl[:, rows], np.float32)[kv]
                step = max(1, ATTENTION_BUDGET // int(n) ** 2)
                for h0 in range(0, len(kv), step):
                    hs = slice(h0, min(h0 + step, len(kv)))
                    attn = attention_all_heads(q[hs], k, kv[hs], terms, range(hs.start, hs.stop))
                    batch = LayerBatch(hs, h0 == 0, q[hs], k, v_norm[hs], attn)
                    for consumer in consumers:
                        consumer.add(layer, view, batch)
                bar.update(int(n))
    finally:
        bar.close()
        torch.set_num_threads(threads)
