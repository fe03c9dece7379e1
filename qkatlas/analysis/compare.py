"""Heads of two atlases of the same corpus, matched one to one (``qkatlas compare A B``).

Why two kinds of evidence: the behaviour vector of a head (its metrics and its attention mass by
relative position, ``similarity.head_features``) compares heads of *any* two models on the same
corpus, even with different tokenizers; the attention patterns themselves, on the sequences
both atlases hold with the same tokens, compare heads much more sharply (two previous-token
heads have the same metrics; whether they look back on the same words is in the patterns).

* **metric similarity**: cosine of the behaviour vectors, each block standardised over the
  heads of *both* atlases together (so the same behaviour gets the same vector in both);
* **attention similarity**: cosine of the heads' attention matrices over the shared sequences
  (same text and the same token ids; at most ``MAX_SEQUENCES``, seeded, each cropped to its
  first ``MAX_POSITIONS`` positions), flattened and concatenated; 1 = the same attention;
* **similarity** = ``w`` x attention + (1 - ``w``) x metric (``w`` = 0.5; 0 when no sequence is
  shared with the same tokens), a matrix of heads of A x heads of B;
* **matching**: the one-to-one assignment of heads that maximises the total similarity
  (``scipy.optimize.linear_sum_assignment``, the Hungarian method), so two heads of A never
  claim the same head of B.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from qkatlas.analysis.similarity import _block, attention_profile
from qkatlas.atlas.reader import Atlas
from qkatlas.errors import InputError

MAX_SEQUENCES = 64
MAX_POSITIONS = 64
ATTENTION_WEIGHT = 0.5
_ENTRY_BUDGET = 200_000_000  # attention entries held for both atlases together


@dataclass
class Comparison:
    """The result of comparing two atlases (rows/columns: heads in (layer, head) order)."""

    similarity: np.ndarray  # (heads of A, heads of B) combined similarity
    metric_similarity: np.ndarray
    attention_similarity: np.ndarray | None
    matches: object  # pandas DataFrame, one row per matched pair, best first
    shared_sequences: list[tuple[int, int]]  # (seq in A, seq in B) used for attention
    attention_weight: float
    summary: dict = field(default_factory=dict)


def shared_sequences(a: Atlas, b: Atlas, limit: int = MAX_SEQUENCES, seed: int = 0) -> tuple[list[tuple[int, int]], int]:
    """(pairs (seq in A, seq in B) with the same text and token ids, at most ``limit``, seeded;
    the number of sequences with the same text)."""
    sa, sb = a.sequences, b.sequences
    by_text: dict[str, int] = {}
    for s, text in zip(sb["seq"].to_numpy(), sb["text"].astype(str)):
        by_text.setdefault(text, int(s))
    same_text = [(int(s), by_text[t]) for s, t in zip(sa["seq"].to_numpy(), sa["text"].astype(str)) if t in by_text]
    ids_a, ids_b = a.tokens["token_id"].to_numpy(), b.tokens["token_id"].to_numpy()
    same = [(x, y) for x, y in same_text
            if np.array_equal(ids_a[a.sequence_rows(x)], ids_b[b.sequence_rows(y)]) and a.sequence_rows(x).stop - a.sequence_rows(x).start >= 2]
    if len(same) > limit:
        keep = np.sort(np.random.default_rng(seed).choice(len(same), limit, replace=False))
        same = [same[i] for i in keep]
    return same, len(same_text)


def attention_vectors(atlas: Atlas, seqs: list[int], max_positions: int = MAX_POSITIONS) -> np.ndarray:
    """(n_layers * n_heads, entries) float32: each head's attention on ``seqs`` (cropped to
    ``max_positions``), flattened and concatenated; rows in (layer, head) order."""
    from qkatlas.analysis.streaming import attention_all_heads

    sizes = [min(atlas.sequence_rows(s).stop - atlas.sequence_rows(s).start, max_positions) for s in seqs]
    out = np.zeros((atlas.n_layers * atlas.n_heads, int(sum(m * m for m in sizes))), np.float32)
    kv = np.asarray(atlas.kv_head_of)
    for layer in range(atlas.n_layers):
        q_all, k_all = atlas.layer_array("queries", layer), atlas.layer_array("keys", layer)
        terms = atlas.contract.layer(layer)
        at = 0
        for s, m in zip(seqs, sizes):
            rows = atlas.sequence_rows(s)
            q = np.asarray(q_all[:, rows], np.float32)
            k = np.asarray(k_all[:, rows], np.float32)
            attn = attention_all_heads(q, k, kv, terms, range(atlas.n_heads))[:, :m, :m]
            out[layer * atlas.n_heads:(layer + 1) * atlas.n_heads, at:at + m * m] = attn.reshape(atlas.n_heads, -1)
            at += m * m
    return out


def _cosine(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    nx = np.linalg.norm(x, axis=1, keepdims=True)
    ny = np.linalg.norm(y, axis=1, keepdims=True)
    ux = np.divide(x, nx, out=np.zeros_like(x), where=nx > 0)
    uy = np.divide(y, ny, out=np.zeros_like(y), where=ny > 0)
    return ux @ uy.T


def metric_similarity(df_a, maps_a: dict, df_b, maps_b: dict) -> np.ndarray:
    """(heads of A, heads of B) cosine of behaviour vectors standardised over both atlases' heads."""
    from qkatlas.analysis.similarity import FEATURE_METRICS

    ma = df_a.sort_values(["layer", "head"])[list(FEATURE_METRICS)].to_numpy(np.float64)
    mb = df_b.sort_values(["layer", "head"])[list(FEATURE_METRICS)].to_numpy(np.float64)
    pa, pb = attention_profile(maps_a), attention_profile(maps_b)
    if pa.shape[1] != pb.shape[1]:
        raise InputError("the two atlases' attention profiles differ in shape (text vs images, or other patch grids); "
                         "compare atlases of the same corpus")
    metrics = _block(np.vstack([ma, mb]), standardise=True)
    profile = _block(np.vstack([pa, pb]), standardise=False)
    feats = np.hstack([metrics, profile])
    feats = feats - feats.mean(axis=0)
    return _cosine(feats[: len(ma)], feats[len(ma):])


def match(similarity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows, cols): the one-to-one assignment maximising the total similarity."""
    from scipy.optimize import linear_sum_assignment

    return linear_sum_assignment(-np.nan_to_num(np.asarray(similarity, np.float64), nan=-1.0))


def compare_atlases(a: Atlas, b: Atlas, heads_a, maps_a: dict, heads_b, maps_b: dict,
                    attention_weight: float = ATTENTION_WEIGHT, max_sequences: int = MAX_SEQUENCES,
                    seed: int = 0) -> Comparison:
    """Similarity matrices and the optimal matching of the heads of ``a`` and ``b``.

    ``heads_*``/``maps_*``: each atlas's head table and aggregate maps (``Atlas.head_metrics()`` /
    ``aggregate()``, or ``metrics.compute``).
    """
    import pandas as pd

    if a.is_image != b.is_image:
        raise InputError(f"{a.path} and {b.path}: one is an image atlas, the other a text atlas; compare atlases "
                         "of the same corpus")
    s_metric = metric_similarity(heads_a, maps_a, heads_b, maps_b)
    limit = max_sequences
    per_seq = MAX_POSITIONS ** 2
    limit = max(1, min(limit, _ENTRY_BUDGET // max(1, per_seq * (len(a.heads) + len(b.heads)))))
    pairs, n_text = shared_sequences(a, b, limit, seed)
    s_attn = None
    w = attention_weight if pairs else 0.0
    if pairs:
        va = attention_vectors(a, [x for x, _ in pairs])
        vb = attention_vectors(b, [y for _, y in pairs])
        s_attn = _cosine(va, vb)
    sim = w * s_attn + (1 - w) * s_metric if s_attn is not None else s_metric
    rows, cols = match(sim)
    la = heads_a.sort_values(["layer", "head"])["label"].to_numpy()
    lb = heads_b.sort_values(["layer", "head"])["label"].to_numpy()
    ha, hb = a.n_heads, b.n_heads
    table = pd.DataFrame({
        "layer_a": (rows // ha).astype("int32"), "head_a": (rows % ha).astype("int32"),
        "layer_b": (cols // hb).astype("int32"), "head_b": (cols % hb).astype("int32"),
        "similarity": sim[rows, cols].astype("float64"),
        "attention_similarity": (s_attn[rows, cols] if s_attn is not None else np.full(len(rows), np.nan)).astype("float64"),
        "metric_similarity": s_metric[rows, cols].astype("float64"),
        "label_a": la[rows].astype(object), "label_b": lb[cols].astype(object),
    }).sort_values("similarity", ascending=False, kind="stable").reset_index(drop=True)
    summary = _summary(a, b, table, pairs, n_text, w)
    return Comparison(sim, s_metric, s_attn, table, pairs, w, summary)


def _summary(a: Atlas, b: Atlas, table, pairs, n_text: int, w: float) -> dict:
    layer_map = {}
    for layer, g in table.groupby("layer_a"):
        counts = g["layer_b"].value_counts()
        layer_map[int(layer)] = {"layer_b": int(counts.index[0]), "heads": int(counts.iloc[0]), "of": int(len(g))}
    return {
        "a": {"path": str(a.path), "model": a.model["name"], "corpus": a.corpus.get("name"),
              "heads": len(a.heads), "layers": a.n_layers},
        "b": {"path": str(b.path), "model": b.model["name"], "corpus": b.corpus.get("name"),
              "heads": len(b.heads), "layers": b.n_layers},
        "same_corpus": a.corpus.get("sha256") == b.corpus.get("sha256"),
        "sequences_same_text": n_text, "sequences_compared": len(pairs), "attention_weight": w,
        "matched": int(len(table)), "mean_similarity": float(table["similarity"].mean()),
        "label_agreement": float((table["label_a"] == table["label_b"]).mean()),
        "layer_map": layer_map,
    }


def summary_text(result: Comparison) -> str:
    """A few lines for the terminal."""
    s = result.summary
    lines = [f"A: {s['a']['model']} ({s['a']['heads']} heads)  B: {s['b']['model']} ({s['b']['heads']} heads)",
             f"shared sequences: {s['sequences_same_text']} with the same text, {s['sequences_compared']} compared on "
             f"attention (weight {s['attention_weight']:g})" + ("" if s["same_corpus"] else "; the corpora differ"),
             f"{s['matched']} heads matched: mean similarity {s['mean_similarity']:.3f}, same label "
             f"{100 * s['label_agreement']:.0f}%",
             "layers of A -> layer of B most of their heads match: " + ", ".join(
                 f"{la}->{v['layer_b']} ({v['heads']}/{v['of']})" for la, v in s["layer_map"].items())]
    t = result.matches
    for name, rows in (("best", t.head(5)), ("worst", t.tail(3).iloc[::-1])):
        lines.append(f"{name} matches: " + "; ".join(
            f"L{r.layer_a}H{r.head_a}->L{r.layer_b}H{r.head_b} {r.similarity:.2f} ({r.label_a}/{r.label_b})"
            for r in rows.itertuples()))
    return "\n".join(lines)
