"""Per-head metrics: what each head attends to, measured over the whole corpus.

Why these: they name the well-known head types (sinks, previous-token, positional, broad) with
numbers a user can sort and compare, and they are cheap to get in the one streaming pass that
also fills the aggregate maps (``qkatlas.analysis.aggregate``). Definitions (also in FORMAT.md):

Averages are over *queries with a choice*: queries with at least two allowed keys (a causal
model's first token can only attend to itself, so it says nothing about the head). Every such
query of the corpus counts once.

* ``entropy``: -sum_j p_ij log p_ij (nats); ``entropy_norm``: the same / log(allowed keys), 1 = uniform.
* ``top1`` / ``top5``: attention share of the query's 1 / 5 most attended keys.
* ``first_token``, ``special``, ``self``: share to position 0, to special tokens
  (tokens.is_special: [CLS], [SEP], BOS, image [CLS]), to the query itself.
* ``prev_token`` / ``next_token``: share to position i-1 / i+1, over queries that have one
  (causal models: ``next_token`` is 0).
* ``local``: share to keys within |j - i| <= 2 (images: patches in the 3 x 3 block around the
  query patch; over patch queries).
* ``argmax_offset``: mean of (most attended key position - query position);
  ``offset_mode``: the most common such offset; ``offset_mode_share``: share of queries whose
  most attended key is at ``offset_mode``.
* ``max_key_share``: per sequence, the largest share of all its queries' attention that one key
  receives (a sink, wherever it is), averaged over sequences weighted by their queries.
* ``vw_*``: the same shares on value-weighted attention p_ij ||v_j|| / sum_k p_ik ||v_k||: what
  the key actually contributes to the output; a sink with tiny ||v|| has a small ``vw_`` share.
* ``induction``: share to the token right after an earlier occurrence of the query's token (key
  j with token[j - 1] == token[i], j < i: "A B ... A -> B", Olsson et al. 2022), over queries whose
  token occurred before (specials excluded); ``duplicate_token``: share to those earlier
  occurrences themselves. NaN when the corpus has no repeated token (images). The corpus
  ``induction:N:L`` (repeated random words) makes them the standard induction score.
* ``qk_separation``: distance between the centroids of the norm-scaled query cloud (q / c) and
  the norm-scaled key cloud *before key translation* (c k), over their RMS spread
  sqrt((msd_q + msd_k) / 2); c is the head's normalisation scale. 0 = the clouds overlap.
* ``fidelity_<layout>``: layout fidelity (``atlas.fidelity()``), merged when read.
"""

from __future__ import annotations

import numpy as np

from qkatlas.analysis.streaming import LayerBatch, SequenceView, run_pass
from qkatlas.atlas.reader import Atlas
from qkatlas.atlas import schema
from qkatlas.atlas.schema import HEAD_METRIC_COLUMNS, SHARES

REPEAT_METRICS = ("induction", "duplicate_token")  # over queries whose token occurred before
MIN_REPEAT_QUERIES = 10  # fewer such queries in the corpus: NaN (too few to call a head induction)
METRICS = {
    "entropy": "attention entropy per query (nats), mean over queries",
    "entropy_norm": "entropy / log(number of allowed keys): 1 = uniform",
    "top1": "share of the most attended key",
    "top5": "share of the 5 most attended keys",
    "first_token": "share to the first token",
    "special": "share to special tokens ([CLS], [SEP], BOS)",
    "self": "share to the query's own token",
    "prev_token": "share to the previous token",
    "next_token": "share to the next token (0 in causal models)",
    "local": "share to keys within 2 positions (images: the 3x3 patch block)",
    "argmax_offset": "mean offset of the most attended key (key pos - query pos)",
    "offset_mode": "most common offset of the most attended key",
    "offset_mode_share": "share of queries whose most attended key is at offset_mode",
    "max_key_share": "largest share of a sequence's attention taken by one key",
    "qk_separation": "query/key centroid distance over RMS spread, before key translation",
    **{f"vw_{s}": f"value-weighted {s.replace('_', ' ')} share" for s in SHARES},
    "induction": "share to the token after an earlier occurrence of the query's token (A B ... A -> B)",
    "duplicate_token": "share to earlier occurrences of the query's own token",
}
ALL_METRIC_COLUMNS = [*HEAD_METRIC_COLUMNS, *(m for m in REPEAT_METRICS if m not in HEAD_METRIC_COLUMNS)]


class MetricSums:
    """Running sums of every metric, per (layer, head), fed by the streaming pass."""

    def __init__(self, atlas: Atlas):
        L, H, Hkv, d = atlas.n_layers, atlas.n_heads, atlas.n_kv_heads, atlas.d_head
        self.atlas = atlas
        self.max_n = int(atlas.sequences["n_tokens"].max())
        names = ["entropy", "entropy_norm", "top1", "top5", "argmax_offset", "max_key_share",
                 *SHARES, *(f"vw_{s}" for s in SHARES), *REPEAT_METRICS]
        self.sums = {name: np.zeros((L, H)) for name in names}
        self.counts = {name: np.zeros(L) for name in ("queries", "prev", "next", "local", *REPEAT_METRICS)}
        self.has_ids = "token_id" in atlas.tokens.columns and bool((atlas.tokens["token_id"] >= 0).any())
        self.argmax_hist = np.zeros((L, H, 2 * self.max_n - 1), np.int64)
        self.q_sum, self.q_sq = np.zeros((L, H, d)), np.zeros((L, H))
        self.k_sum, self.k_sq = np.zeros((L, Hkv, d)), np.zeros((L, Hkv))
        self.n_vectors = np.zeros(L)

    def add(self, layer: int, view: SequenceView, b: LayerBatch) -> None:
        at = (layer, b.heads)  # this batch's query heads
        self.q_sum[at] += b.q.sum(axis=1, dtype=np.float64)
        self.q_sq[at] += np.einsum("hnd,hnd->h", b.q, b.q, dtype=np.float64)
        valid = view.valid
        n_valid = int(valid.sum())
        if b.first:  # once per sequence, not per chunk of heads
            self.k_sum[layer] += b.k.sum(axis=1, dtype=np.float64)
            self.k_sq[layer] += np.einsum("hnd,hnd->h", b.k, b.k, dtype=np.float64)
            self.n_vectors[layer] += view.n
            self.counts["queries"][layer] += n_valid
            self.counts["prev"][layer] += valid[1:].sum()
            self.counts["next"][layer] += valid[:-1].sum()
            self.counts["local"][layer] += (valid & view.local.any(1)).sum()
            if self.has_ids:
                dup, ind = view.repeats
                self.counts["duplicate_token"][layer] += dup.any(1).sum()
                self.counts["induction"][layer] += ind.any(1).sum()
        if n_valid == 0:
            return
        s, n, r, idx = self.sums, view.n, b.rows, view.rows
        ent = r.entropy[:, idx]
        s["entropy"][at] += ent.sum(-1)
        s["entropy_norm"][at] += (ent / np.log(view.n_allowed[idx])).sum(-1)
        s["top1"][at] += r.top1[:, idx].sum(-1)
        s["top5"][at] += r.top5[:, idx].sum(-1)
        offsets = r.argmax[:, idx] - idx  # (heads, n_valid)
        s["argmax_offset"][at] += offsets.sum(-1)
        H, width = len(offsets), self.argmax_hist.shape[2]
        flat = (offsets + self.max_n - 1 + width * np.arange(H)[:, None]).ravel()
        self.argmax_hist[at] += np.bincount(flat, minlength=H * width).reshape(H, width)
        received = b.attn.sum(1)  # attention each key receives from the valid queries
        if n_valid < n:
            received -= b.attn[:, ~valid].sum(1)
        s["max_key_share"][at] += (received / n_valid).max(-1) * n_valid
        self._shares(at, view, b)
        if self.has_ids:
            for name, (i, j) in zip(("duplicate_token", "induction"), view.repeat_pairs):
                if len(i):
                    s[name][at] += b.attn[:, i, j].sum(-1)

    def _shares(self, at: tuple, view: SequenceView, b: LayerBatch) -> None:
        """The shares of the valid queries' attention, and of their value-weighted attention
        (``vw_``), at fixed (query, key) pairs: one gather of a few entries per query for both,
        never a pass over (heads, n, n)."""
        s, idx, n = self.sums, view.rows, view.n
        special = np.flatnonzero(view.special)
        prev, nxt = idx[idx > 0], idx[idx < n - 1]
        pairs = {"first_token": (idx, np.zeros_like(idx)), "self": (idx, idx), "prev_token": (prev, prev - 1),
                 "next_token": (nxt, nxt + 1), "local": view.local_pairs}
        if len(special):
            pairs["special"] = (np.repeat(idx, len(special)), np.tile(special, len(idx)))
        for name, (i, j) in pairs.items():
            values = b.attn[:, i, j]
            s[name][at] += values.sum(-1)
            s["vw_" + name][at] += b.weighted(i, j, values).sum(-1)

    def result(self):
        """One row per head with every metric (pandas DataFrame, no label yet)."""
        import pandas as pd

        L, H = self.sums["entropy"].shape
        denominators = {"prev_token": "prev", "next_token": "next", "local": "local",
                        **{m: m for m in REPEAT_METRICS}}
        cols = {"layer": np.repeat(np.arange(L), H), "head": np.tile(np.arange(H), L)}
        for name, total in self.sums.items():
            count = self.counts[denominators.get(name.removeprefix("vw_"), "queries")]
            if name in REPEAT_METRICS:
                count = np.where(count >= MIN_REPEAT_QUERIES, count, np.nan)
            with np.errstate(invalid="ignore", divide="ignore"):
                cols[name] = (total / count[:, None]).ravel()
        mode = self.argmax_hist.argmax(-1)
        cols["offset_mode"] = (mode - (self.max_n - 1)).ravel()
        with np.errstate(invalid="ignore", divide="ignore"):
            cols["offset_mode_share"] = (self.argmax_hist.max(-1) / self.counts["queries"][:, None]).ravel()
        cols["qk_separation"] = self._separation().ravel()
        df = pd.DataFrame(cols)
        return df[["layer", "head", *ALL_METRIC_COLUMNS]].astype({"layer": "int32", "head": "int32", "offset_mode": "int32"})

    def _separation(self) -> np.ndarray:
        a = self.atlas
        norm = np.array([[a.normalization(layer, h)[1] for h in range(a.n_heads)] for layer in range(a.n_layers)])
        kv = np.asarray(self.atlas.kv_head_of)
        n = self.n_vectors[:, None]
        mu_q = self.q_sum / n[..., None] / norm[..., None]
        msd_q = self.q_sq / n / norm**2 - (mu_q**2).sum(-1)
        mu_k = self.k_sum[:, kv] / n[..., None] * norm[..., None]
        msd_k = self.k_sq[:, kv] / n * norm**2 - (mu_k**2).sum(-1)
        spread = np.sqrt(np.maximum((msd_q + msd_k) / 2, 1e-30))
        return np.linalg.norm(mu_q - mu_k, axis=-1) / spread


# ---- one pass, all results --------------------------------------------------------------------------
def compute(atlas: Atlas, progress: bool = False, extra: dict | None = None):
    """(heads DataFrame: metrics + label + rule + head map, aggregate arrays) from one pass.

    Pure computation: nothing is written (``qkatlas.pipeline.analyze`` stores the results). The
    table has exactly the columns of ``schema.HEAD_COLUMNS`` (what ``heads.parquet`` stores); a
    metric computed here but not (yet) in the schema still decides labels. ``extra``: a dict that
    receives what the same pass also yields (``"metrics"``: every metric column, including those
    not in the schema; ``"top_sequences"``: per head its top sequences by its label's metric,
    ``qkatlas.analysis.sequences``; ``"components"``: per head the top components of its bilinear
    form, ``qkatlas.analysis.bilinear``), for a caller that stores them.
    """
    from qkatlas.analysis import aggregate, similarity, taxonomy
    from qkatlas.analysis.sequences import TopSequences

    sums, agg = MetricSums(atlas), aggregate.AggregateSums(atlas)
    consumers = [sums, agg]
    top = TopSequences(atlas) if extra is not None else None
    if top is not None:
        consumers.append(top)
    run_pass(atlas, consumers, progress=progress)
    full = taxonomy.label_heads(sums.result())
    maps = agg.result()
    xy = similarity.head_map(similarity.head_features(full, maps))
    full["map_x"], full["map_y"] = xy[:, 0].astype(np.float32), xy[:, 1].astype(np.float32)
    df = full[[c for c in schema.HEAD_COLUMNS if c in full.columns]].copy()
    if extra is not None:
        from qkatlas.analysis.bilinear import compute_components

        extra["metrics"] = full
        extra["top_sequences"] = top.result(full)
        extra["components"] = compute_components(atlas)
    return df, maps


def measure(atlas: Atlas, progress: bool = False):
    """Every metric of every head, labelled (pandas DataFrame; the schema's columns and the
    ones not in it yet, e.g. ``induction``), without the head map or aggregate maps."""
    from qkatlas.analysis import taxonomy

    sums = MetricSums(atlas)
    run_pass(atlas, [sums], progress=progress)
    return taxonomy.label_heads(sums.result())


def head_metrics(atlas: Atlas):
    """One row per head (see ``Atlas.head_metrics``); raises StaleResultError naming
    ``qkatlas analyze`` when the stored analysis is missing or out of date."""
    return atlas.head_metrics()
