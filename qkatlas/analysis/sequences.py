"""Per head, the sequences where its pattern is strongest; value-weighted attention of a sequence.

Why per label: a head's label says what it does (previous-token, sink, induction, ...); the
sequences that show it best are those where *that* metric is highest, e.g. the sentences where
a previous-token head looks back most sharply, or the repeated sequences where an induction
head copies. Each label has one score per sequence (the label's rule metric, averaged over the
sequence's queries the same way the corpus metric averages them):

| label | score of one sequence |
|---|---|
| previous-token, next-token, self, first-token, special-token | the share (prev_token, ...) |
| induction | share to the token after an earlier occurrence of the query's token |
| broad | entropy_norm |
| positional | max(local, share of queries whose top key is at the sequence's most common offset) |
| content | top1 - max(first_token, special): sharp, and not on a sink |

``TopSequences`` keeps the best ``TOP_K`` sequences per head and label during the analysis pass
(memory: a buffer of ``_BUFFER`` sequences per layer, whatever the corpus size), and
``top_sequences`` computes them for one head on demand (one sweep over its sequences).
"""

from __future__ import annotations

import numpy as np

from qkatlas.analysis.streaming import RowStats, SequenceView, _Views, row_stats, value_weighted
from qkatlas.atlas.reader import Atlas

TOP_K = 10
_BUFFER = 512
LABEL_METRIC = {  # label -> the head-table metric its heads are ranked by (positional, content: combined)
    "previous-token": "prev_token",
    "induction": "induction",
    "next-token": "next_token",
    "self": "self",
    "first-token": "first_token",
    "special-token": "special",
    "broad": "entropy_norm",
    "positional": "local",
    "content": "top1",
}
SCORED = tuple(LABEL_METRIC)  # the order of score columns


def label_score(df, label: str):
    """How strongly each head of ``df`` (a head table) shows ``label`` (pandas Series)."""
    if label == "positional":
        return np.maximum(df["local"], df["offset_mode_share"])
    if label == "content":
        return df["top1"] - np.maximum(df["first_token"], df["special"])
    metric = LABEL_METRIC.get(label)
    return df[metric] if metric in df.columns else df["top1"]


def sequence_scores(attn: np.ndarray, view: SequenceView, rows: RowStats | None = None) -> np.ndarray:
    """(H, len(SCORED)) score of each label for one sequence, per head (NaN where undefined).

    ``attn``: (H, n, n) attention of H heads on the sequence (0 where not allowed); ``rows``:
    its ``RowStats`` when the caller has them (the analysis pass shares them with the metrics).
    """
    H, n = attn.shape[0], view.n
    out = np.full((H, len(SCORED)), np.nan)
    idx = view.rows
    if not len(idx):
        return out
    rows = row_stats(attn) if rows is None else rows
    col = {label: i for i, label in enumerate(SCORED)}
    first = attn[:, idx, 0].mean(-1)
    special = attn[:, idx[:, None], np.flatnonzero(view.special)[None, :]].sum(-1).mean(-1)
    top1 = rows.top1[:, idx].mean(-1)
    out[:, col["first-token"]] = first
    out[:, col["special-token"]] = special
    out[:, col["self"]] = attn[:, idx, idx].mean(-1)
    prev = idx[idx > 0]
    if len(prev):
        out[:, col["previous-token"]] = attn[:, prev, prev - 1].mean(-1)
    nxt = idx[idx < n - 1]
    if len(nxt):
        out[:, col["next-token"]] = attn[:, nxt, nxt + 1].mean(-1)
    out[:, col["broad"]] = (rows.entropy[:, idx] / np.log(view.n_allowed[idx])).mean(-1)
    i, j = view.local_pairs
    local = _mean_per_query(attn[:, i, j], i) if len(i) else np.zeros(H)
    offsets = rows.argmax[:, idx] - idx + (n - 1)  # (H, v), 0 .. 2n - 2
    counts = np.bincount((offsets + (2 * n - 1) * np.arange(H)[:, None]).ravel(), minlength=H * (2 * n - 1))
    mode_share = counts.reshape(H, 2 * n - 1).max(-1) / len(idx)
    out[:, col["positional"]] = np.maximum(local, mode_share)
    out[:, col["content"]] = top1 - np.maximum(first, special)
    if view.token_id is not None:
        _, (i, j) = view.repeat_pairs
        if len(i):
            out[:, col["induction"]] = _mean_per_query(attn[:, i, j], i)
    return out


def _mean_per_query(values: np.ndarray, i: np.ndarray) -> np.ndarray:
    """(H,) the mean over queries of each query's sum of ``values`` (H, pairs), pairs sorted by
    their query ``i`` (as ``np.nonzero`` gives them)."""
    starts = np.flatnonzero(np.r_[True, i[1:] != i[:-1]])
    return np.add.reduceat(values, starts, axis=1).mean(-1)


class TopSequences:
    """Running top-``k`` sequences per (layer, head, label), fed by the streaming pass."""

    def __init__(self, atlas: Atlas, k: int = TOP_K):
        L, H = atlas.n_layers, atlas.n_heads
        self.k = k
        self.best = np.full((L, H, len(SCORED), k), -np.inf)
        self.best_seq = np.full((L, H, len(SCORED), k), -1, np.int64)
        self.buf = np.full((H, len(SCORED), _BUFFER), -np.inf)
        self.buf_seq = np.full(_BUFFER, -1, np.int64)
        self.n_buf = 0
        self.layer = None

    def add(self, layer: int, view: SequenceView, b) -> None:
        if layer != self.layer:
            self.flush()
            self.layer = layer
        if b.first:
            if self.n_buf == _BUFFER:
                self.flush()
            self.buf_seq[self.n_buf] = view.seq
            self.n_buf += 1
        scores = sequence_scores(b.attn, view, b.rows)
        self.buf[b.heads, :, self.n_buf - 1] = np.where(np.isfinite(scores), scores, -np.inf)

    def flush(self) -> None:
        if self.layer is None or self.n_buf == 0:
            return
        m = self.n_buf
        scores = np.concatenate([self.best[self.layer], self.buf[:, :, :m]], axis=-1)
        seqs = np.concatenate([self.best_seq[self.layer],
                               np.broadcast_to(self.buf_seq[:m], self.buf.shape[:2] + (m,))], axis=-1)
        order = np.argsort(-scores, axis=-1, kind="stable")[..., : self.k]
        self.best[self.layer] = np.take_along_axis(scores, order, -1)
        self.best_seq[self.layer] = np.take_along_axis(seqs, order, -1)
        self.buf.fill(-np.inf)
        self.n_buf = 0

    def result(self, heads):
        """One row per (head, rank): layer, head, rank, seq, score, label (the head's label in
        ``heads``, whose metric ranked the sequences), for the label of every head."""
        import pandas as pd

        self.flush()
        rows = []
        for r in heads[["layer", "head", "label"]].itertuples(index=False):
            j = SCORED.index(r.label)
            for rank in range(self.k):
                s = int(self.best_seq[r.layer, r.head, j, rank])
                if s >= 0 and np.isfinite(self.best[r.layer, r.head, j, rank]):
                    rows.append((r.layer, r.head, rank, s, float(self.best[r.layer, r.head, j, rank]), r.label))
        return pd.DataFrame(rows, columns=["layer", "head", "rank", "seq", "score", "label"]).astype(
            {"layer": "int32", "head": "int32", "rank": "int32", "seq": "int64", "score": "float64"})


def _head_views(atlas: Atlas, layer: int):
    views = _Views(atlas)
    for seq, start, n in atlas.sequences[["seq", "start", "n_tokens"]].to_numpy(np.int64):
        yield views.view(layer, int(seq), int(start), int(n))


def top_sequences(atlas: Atlas, layer: int, head: int, k: int = 5, label: str | None = None):
    """The ``k`` sequences where head (layer, head) shows ``label`` most strongly.

    ``label``: one of the taxonomy's labels; default the head's own (from the stored analysis:
    StaleResultError naming ``qkatlas analyze`` when it is missing). Returns a DataFrame with
    columns rank, seq, score, text (the sequence's text or image name), best first. One sweep
    over the head's sequences (attention from the stored q/k): milliseconds per sequence.
    """
    import pandas as pd

    from qkatlas.errors import InputError

    atlas.check_head(layer, head)
    if label is None:
        df = atlas.head_metrics()
        label = str(df.loc[(df["layer"] == layer) & (df["head"] == head), "label"].iloc[0])
        stored = _stored(atlas, layer, head, k)
        if stored is not None:
            return stored
    if label not in SCORED:
        raise InputError(f"label {label!r}: choose from {', '.join(SCORED)}")
    j = SCORED.index(label)
    scores = np.full(atlas.n_sequences, np.nan)
    for view in _head_views(atlas, layer):
        scores[view.seq] = sequence_scores(atlas.attention(layer, head, view.seq)[None], view)[0, j]
    order = [s for s in np.argsort(-np.where(np.isfinite(scores), scores, -np.inf), kind="stable") if np.isfinite(scores[s])][:k]
    texts = atlas.sequences["text"].to_numpy()
    return pd.DataFrame({"rank": np.arange(len(order), dtype=np.int32), "seq": np.asarray(order, np.int64),
                         "score": scores[order], "text": [str(texts[s]) for s in order]})


def _stored(atlas: Atlas, layer: int, head: int, k: int):
    """The head's rows of the stored table (``head_sequences.parquet``, written by ``qkatlas
    analyze`` once the format has it), when current and deep enough; else None."""
    import pandas as pd

    from qkatlas.atlas import paths

    name = getattr(paths, "HEAD_SEQUENCES", None)
    if name is None or k > TOP_K or not atlas.analysis_current or not (atlas.path / name).is_file():
        return None
    t = pd.read_parquet(atlas.path / name, filters=[("layer", "=", layer), ("head", "=", head)])
    t = t.sort_values("rank").head(k)
    texts = atlas.sequences["text"].to_numpy()
    return pd.DataFrame({"rank": t["rank"].to_numpy(np.int32), "seq": t["seq"].to_numpy(np.int64),
                         "score": t["score"].to_numpy(np.float64), "text": [str(texts[s]) for s in t["seq"]]})


def value_weighted_attention(atlas: Atlas, layer: int, head: int, seq: int) -> np.ndarray:
    """(n, n) float32 value-weighted attention of one sequence: p_ij ||v_j|| / sum_k p_ik ||v_k||
    (what each key contributes to the head's output; a sink with a tiny value vector fades)."""
    attn = atlas.attention(layer, head, seq)
    v = atlas.value_norms(layer, head, atlas.sequence_rows(seq))
    return value_weighted(attn[None], v[None])[0].astype(np.float32)
