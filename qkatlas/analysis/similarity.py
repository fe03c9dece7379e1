"""Heads compared by behaviour: a feature vector per head, a 2-D head map, similar heads.

Why two blocks: the metric vector says *what kind* of head it is (sink, local, broad), the
attention profile by relative offset (images: by 2-D patch offset) says *where* it looks, which
tells apart e.g. a previous-token from a two-back head. Each block is standardised over the
heads of the atlas and weighted equally; similarity is the cosine of the centred feature
vectors (1 = identical behaviour). The head map is the PCA of the same vectors (deterministic,
and its axes keep a meaning: distance on the map approximates dissimilarity).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from qkatlas.atlas import paths
from qkatlas.atlas.reader import Atlas

FEATURE_METRICS = ("entropy_norm", "top1", "top5", "first_token", "special", "self", "prev_token",
                   "next_token", "local", "offset_mode_share", "max_key_share", "vw_first_token",
                   "vw_special", "qk_separation")
PATCH_WINDOW = 3  # images: patch offsets within 3 rows/cols are separate features, the rest pooled


def _block(x: np.ndarray, standardise: bool) -> np.ndarray:
    """Centre (and optionally z-score) columns over heads, then scale to mean row norm 1."""
    x = np.nan_to_num(np.asarray(x, np.float64))
    x = x - x.mean(axis=0)
    if standardise:
        sd = x.std(axis=0)
        x = np.divide(x, sd, out=np.zeros_like(x), where=sd > 1e-12)
    norm = np.linalg.norm(x, axis=1).mean()
    return x / norm if norm > 0 else x


def attention_profile(maps: dict) -> np.ndarray:
    """(n_heads, F) attention mass by relative position per head, rows in (layer, head) order."""
    if "patch_offset" in maps:
        po = np.nan_to_num(maps["patch_offset"]) * maps["patch_offset_counts"] / max(int(maps["patch_queries"]), 1)
        L, H, R, C = po.shape
        r0, c0, w = (R - 1) // 2, (C - 1) // 2, PATCH_WINDOW
        window = po[:, :, max(r0 - w, 0):r0 + w + 1, max(c0 - w, 0):c0 + w + 1].reshape(L, H, -1)
        rest = 1 - window.sum(-1, keepdims=True)
        mass = np.concatenate([window, np.clip(rest, 0, None)], axis=-1)
    else:
        mass = maps["offset_mass"]
    return np.sqrt(np.clip(mass.reshape(-1, mass.shape[-1]), 0, None))


def head_features(df, maps: dict) -> np.ndarray:
    """Behaviour vector per head (rows in the order of ``df``, which must be (layer, head) sorted)."""
    metrics = df[list(FEATURE_METRICS)].to_numpy(np.float64)
    return np.hstack([_block(metrics, standardise=True), _block(attention_profile(maps), standardise=False)])


def similarity_matrix(features: np.ndarray) -> np.ndarray:
    """Cosine similarity (n_heads, n_heads) of behaviour vectors; 0 for a head with no variation."""
    norm = np.linalg.norm(features, axis=1, keepdims=True)
    unit = np.divide(features, norm, out=np.zeros_like(features), where=norm > 0)
    return unit @ unit.T


def head_map(features: np.ndarray) -> np.ndarray:
    """2-D coordinates per head: the first two principal components of the behaviour vectors."""
    x = features - features.mean(axis=0)
    if len(x) < 2:
        return np.zeros((len(x), 2))
    u, s, vt = np.linalg.svd(x, full_matrices=False)
    xy = u[:, :2] * s[:2]
    for i in range(xy.shape[1]):  # fixed sign: the largest loading positive (stable across runs)
        if vt[i, np.abs(vt[i]).argmax()] < 0:
            xy[:, i] *= -1
    return np.pad(xy, ((0, 0), (0, 2 - xy.shape[1])))


@lru_cache(maxsize=8)
def _similarity(folder: str, heads_mtime_ns: int, aggregate_mtime_ns: int) -> np.ndarray:
    atlas = Atlas.open(folder)
    df = atlas.head_metrics().sort_values(["layer", "head"])
    sim = similarity_matrix(head_features(df, atlas.aggregate()))
    sim.setflags(write=False)  # shared through the cache
    return sim


def atlas_similarity(atlas: Atlas) -> np.ndarray:
    """(n_heads, n_heads) similarity of every pair of heads; index = layer * n_heads + head.

    From the stored analysis (StaleResultError when it is missing or out of date), cached per
    file version, so repeated queries (the explorer's "similar heads") cost a lookup.
    """
    atlas.head_metrics()  # raises when stale
    heads, maps = atlas.path / paths.HEAD_METRICS, atlas.path / paths.AGGREGATE
    return _similarity(str(atlas.path), heads.stat().st_mtime_ns, maps.stat().st_mtime_ns)


def similar_heads(atlas: Atlas, layer: int, head: int, k: int = 8) -> list[tuple[int, int, float]]:
    """The ``k`` heads that behave most like (layer, head): [(layer, head, similarity)], best first."""
    atlas.check_head(layer, head)
    sim = atlas_similarity(atlas)[layer * atlas.n_heads + head]
    order = [i for i in np.argsort(-sim, kind="stable") if i != layer * atlas.n_heads + head][:k]
    return [(int(i // atlas.n_heads), int(i % atlas.n_heads), float(sim[i])) for i in order]
