"""Why a head attends: the components of its bilinear form, and what each adds to one logit.

A head's logit is ``scale * q . k``, a bilinear form between the query and key spaces. Written as
a sum of rank-one parts, ``q . k = sum_r sigma_r (q . u_r) (k . v_r)``, each component r is one
question the head asks: "how much of query direction u_r does the query carry, and of key
direction v_r the key?". Any pair of bases with ``sum_r sigma_r u_r v_r^T = I`` adds up to the
logit exactly; this module picks the one that puts the head's *actual* logit variation into as
few components as possible: the SVD of the logit matrix restricted to the corpus,

    L = Q K~^T = sum_r sigma_r (Q u_r)(K~ v_r)^T,   ||Q u_r|| = ||K~ v_r|| = 1,

computed from the d x d Gram matrices (never the n x n matrix): with Gram factors
``Q^T Q = Rq^T Rq`` and ``K~^T K~ = Rk^T Rk`` and the SVD ``Rq Rk^T = A S B^T``, ``u_r = Rq^-1 a_r``,
``v_r = Rk^-1 b_r`` and ``sum_r sigma_r u_r v_r^T = Rq^-1 Rq Rk^T Rk^-T = I`` (exactly, for any
vectors). ``K~``: keys centred on their sequence's mean key, because a key shared by every key of
a sequence adds the same amount to every logit of a query, which softmax ignores (it is kept as
the ``sequence_offset`` of a contribution, so that the parts still add up to the logit).

Why from the captured vectors rather than W_Q^T W_K: the vectors are what the softmax sees,
after rotary position embedding (and q/k norms, biases), so this is the rotary-aware form on
the data, and it needs no weights (an atlas has none). A tiny ridge (``RIDGE`` x the mean
eigenvalue) keeps the Gram factors invertible for rank-deficient heads; it changes which basis is
chosen by at most that much, never the exactness of the sum.

What is reported per head (``components``):

* ``sigma`` (d,): component strengths, largest first;
* ``share`` (d,): sigma_r^2 / sum sigma^2, the share of the corpus logit variance (every query
  against every centred key of the corpus) carried by component r (sums to 1);
* ``explained`` (R,): for r = 1..R, the share of the *within-sequence* logit variance (only the
  pairs the model computes: same sequence, its mask; keys centred per sequence) that the top r
  components explain together, 1 - ||L - L_<=r||^2 / ||L||^2 (R = min(d, ``EXPLAINED_R``));
* ``query_dirs`` / ``key_dirs`` (d, d): rows u_r and v_r (a query's coordinate on component r is
  ``q . u_r``, a key's ``(k - its sequence's mean key) . v_r``); signs: queries' mean coordinate >= 0.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from qkatlas.atlas import paths
from qkatlas.atlas.reader import Atlas
from qkatlas.errors import InputError

RIDGE = 1e-9
EXPLAINED_R = 16  # the cumulative explained curve covers the top 16 components
CHUNK_TOKENS = 65_536  # a head's vectors are read this many tokens at a time (whole sequences)
STORED_R = 16  # components kept per head on disk (components.npz)
EXPLAINED_MAX_PAIRS = 4_000_000  # within-sequence pairs measured for ``explained`` (seeded sample of sequences beyond)


def centred_keys(atlas: Atlas, layer: int, head: int, k: np.ndarray | None = None, starts=None,
                 lengths=None) -> tuple[np.ndarray, np.ndarray]:
    """(keys minus their sequence's mean key (n, d) float64, the mean key of each token's sequence (n, d)).

    ``k``: the rows of whole sequences starting at ``starts`` (relative to ``k``) with ``lengths``;
    default the head's every key, sequences from the atlas.
    """
    k = np.asarray(atlas.keys(layer, head) if k is None else k, np.float64)
    if starts is None:
        seqs = atlas.sequences
        starts, lengths = seqs["start"].to_numpy(np.int64), seqs["n_tokens"].to_numpy(np.int64)
    owner = np.repeat(np.arange(len(starts)), lengths)
    sums = np.add.reduceat(k, starts, axis=0) if len(starts) else np.zeros((0, k.shape[1]))
    means = sums / np.asarray(lengths)[:, None]
    m = means[owner]
    return k - m, m


def _factor(gram: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(R, R^-1) with R^T R = gram + ridge (symmetric square root factor, well conditioned)."""
    d = len(gram)
    vals, vecs = np.linalg.eigh(gram)
    ridge = RIDGE * max(float(np.trace(gram)) / d, 1e-30)
    vals = np.maximum(vals, 0) + ridge
    root = np.sqrt(vals)
    return (vecs * root) @ vecs.T, (vecs / root) @ vecs.T


def decompose(q: np.ndarray, k_centred: np.ndarray) -> dict[str, np.ndarray]:
    """sigma (d,), share (d,), query_dirs (d, d), key_dirs (d, d) of the bilinear form on these vectors.

    ``sum_r sigma[r] * outer(query_dirs[r], key_dirs[r])`` is the identity (to rounding).
    """
    q = np.asarray(q, np.float64)
    kc = np.asarray(k_centred, np.float64)
    return decompose_grams(q.T @ q, kc.T @ kc, q.mean(axis=0))


def decompose_grams(gram_q: np.ndarray, gram_k: np.ndarray, mean_q: np.ndarray) -> dict[str, np.ndarray]:
    """``decompose`` from the d x d Gram matrices Q^T Q and K~^T K~ and the mean query (all that
    it needs: a corpus of any size is summed into them chunk by chunk)."""
    rq, rq_inv = _factor(gram_q)
    rk, rk_inv = _factor(gram_k)
    a, s, bt = np.linalg.svd(rq @ rk.T)
    u = (rq_inv @ a).T  # rows u_r
    v = (rk_inv @ bt.T).T  # rows v_r
    sign = np.where(u @ mean_q < 0, -1.0, 1.0)  # queries' mean coordinate >= 0
    u *= sign[:, None]
    v *= sign[:, None]
    total = float((s**2).sum())
    return {"sigma": s, "share": s**2 / total if total > 0 else np.zeros_like(s), "query_dirs": u, "key_dirs": v}


def _chunks(atlas: Atlas, layer: int, head: int, chunk_tokens: int | None = None):
    """(first sequence, starts, lengths, q, centred keys) per chunk of whole sequences, rows
    relative to the chunk, float64: a head's working set stays one chunk at any corpus size."""
    chunk_tokens = chunk_tokens or CHUNK_TOKENS
    seqs = atlas.sequences[["start", "n_tokens"]].to_numpy(np.int64)
    i = 0
    while i < len(seqs):
        j, span = i, 0
        while j < len(seqs) and (j == i or span + seqs[j, 1] <= chunk_tokens):
            span += int(seqs[j, 1])
            j += 1
        lo = int(seqs[i, 0])
        rows = slice(lo, lo + span)
        q = np.asarray(atlas.queries(layer, head, rows), np.float64)
        kc, _ = centred_keys(atlas, layer, head, atlas.keys(layer, head, rows), seqs[i:j, 0] - lo, seqs[i:j, 1])
        yield i, seqs[i:j, 0] - lo, seqs[i:j, 1], q, kc
        i = j


def explained_curve(atlas: Atlas, layer: int, head: int, parts: dict, r_max: int = EXPLAINED_R,
                    seed: int = 0) -> np.ndarray:
    """(r_max,) cumulative share of the within-sequence centred logit variance explained by the top
    1..r_max components (the model's mask; queries with a choice; see the module docstring).

    With component logits C_t = a_t b_t^T (a_t = sigma_t Q u_t, b_t = K~ v_t) and their overlaps
    H[t, s] = <C_t, C_s> over the allowed pairs, ``||L - L_<=r||^2 = ||L||^2 - 2 sum_{t<r} sum_s H[t, s]
    + sum_{t,s<r} H[t, s]``; only the first r_max rows of H are needed, and per sequence they come
    from Gram matrices (encoders) or prefix sums over keys (causal masks, windows): O(n r d), never
    a loop over components.
    """
    d = len(parts["sigma"])
    r_max = min(r_max, d)
    terms = atlas.terms(layer, head)
    seqs = atlas.sequences[["start", "n_tokens"]].to_numpy(np.int64)
    chosen = np.ones(len(seqs), bool)
    if int((seqs[:, 1] ** 2).sum()) > EXPLAINED_MAX_PAIRS:  # a seeded sample of sequences, up to the budget
        order = np.random.default_rng(seed).permutation(len(seqs))
        lengths = seqs[order, 1]
        pairs = np.cumsum(np.where(lengths >= 2, lengths**2, 0))  # a single token has no choice: not counted
        chosen = np.zeros(len(seqs), bool)
        chosen[order[: int(np.searchsorted(pairs, EXPLAINED_MAX_PAIRS)) + 1]] = True
    total = 0.0
    h = np.zeros((r_max, d))
    for first, starts, lengths, q, kc in _chunks(atlas, layer, head):
        a_all = (q @ parts["query_dirs"].T) * parts["sigma"]
        b_all = kc @ parts["key_dirs"].T
        for s, (start, n) in enumerate(zip(starts.tolist(), lengths.tolist())):
            if not chosen[first + s]:
                continue
            mask = terms.mask(np.arange(n), n)
            valid = mask.sum(1) >= 2  # queries with a choice
            if not valid.any():
                continue
            a, b = a_all[start:start + n], b_all[start:start + n]
            total += _logit_energy(a, b, mask, valid)
            av = a[valid]
            if mask[valid].all():  # every key visible: H = (A^T A) o (B^T B)
                h += (av[:, :r_max].T @ av) * (b[:, :r_max].T @ b)
            else:  # a band of keys per query: prefix sums of b_t b_s over key positions
                c = _running_sum(b[:, :r_max, None] * b[:, None, :])  # c[j] = sum over keys <= j
                if terms.causal and terms.window is None:  # the band is keys <= i: a prefix
                    band = c[valid]
                else:
                    c = np.concatenate([np.zeros((1,) + c.shape[1:]), c])  # c[j] = sum over keys < j
                    i = np.arange(n)
                    w = terms.window if terms.window is not None else n + 1
                    hi = np.minimum(i + 1, n) if terms.causal else np.minimum(i + w, n)  # keys < hi
                    lo = np.maximum(i - w + 1, 0)  # keys >= lo
                    band = (c[hi] - c[lo])[valid]  # (v, r_max, d)
                h += np.einsum("it,is,its->ts", av[:, :r_max], av, band)
    if total <= 0:
        return np.full(r_max, np.nan)
    cross = np.cumsum(h.sum(axis=1))  # sum_{t<r} sum_s H[t, s]
    inner = np.array([h[:r, :r].sum() for r in range(1, r_max + 1)])
    return 1 - (total - 2 * cross + inner) / total


def _running_sum(p: np.ndarray) -> np.ndarray:
    """``np.cumsum(p, axis=0)``, in place. Long sequences go row by row, each row one vectorised
    add (measured: (2,450, 16, 64) float64, 33 ms for numpy's cumsum, 6 ms this way)."""
    if len(p) < 64:
        return np.cumsum(p, axis=0, out=p)
    flat = p.reshape(len(p), -1)
    for i in range(1, len(flat)):
        np.add(flat[i], flat[i - 1], out=flat[i])
    return p


ENERGY_ROWS = 512  # query rows per block of ``_logit_energy``


def _logit_energy(a: np.ndarray, b: np.ndarray, mask: np.ndarray, valid: np.ndarray) -> float:
    """sum of (a_i . b_j)^2 over the allowed pairs of the valid queries: the centred logits'
    energy, by blocks of query rows in float32 (sums in float64), each block only as wide as
    its last visible key (a causal sequence costs half its square; measured: 2,450 tokens,
    d 64, 46 ms -> 9 ms)."""
    total = 0.0
    a32, b32 = a.astype(np.float32), b.astype(np.float32)
    for r0 in range(0, len(a), ENERGY_ROWS):
        rows = slice(r0, r0 + ENERGY_ROWS)
        keep = mask[rows] & valid[rows, None]
        seen = np.flatnonzero(keep.any(0))
        if not len(seen):
            continue
        width = int(seen[-1]) + 1
        logits = a32[rows] @ b32[:width].T
        logits *= keep[:, :width]
        total += float(np.square(logits, out=logits).sum(dtype=np.float64))
    return total


def head_components(atlas: Atlas, layer: int, head: int, explained: bool = True) -> dict[str, np.ndarray]:
    """Every component of one head (see the module docstring); d = d_head components. Two passes
    over the head's vectors in chunks of whole sequences (Gram matrices, then the explained
    curve): memory stays one chunk whatever the corpus size."""
    atlas.check_head(layer, head)
    d = atlas.d_head
    gram_q, gram_k, sum_q, n = np.zeros((d, d)), np.zeros((d, d)), np.zeros(d), 0
    for _, _, _, q, kc in _chunks(atlas, layer, head):
        gram_q += q.T @ q
        gram_k += kc.T @ kc
        sum_q += q.sum(axis=0)
        n += len(q)
    parts = decompose_grams(gram_q, gram_k, sum_q / max(n, 1))
    if explained:
        parts["explained"] = explained_curve(atlas, layer, head, parts)
    return parts


@lru_cache(maxsize=64)
def _cached(folder: str, manifest_mtime: int, layer: int, head: int) -> dict[str, np.ndarray]:
    parts = head_components(Atlas.open(folder), layer, head)
    for arr in parts.values():
        arr.setflags(write=False)
    return parts


def components(atlas: Atlas, layer: int, head: int) -> dict[str, np.ndarray]:
    """The components of head (layer, head): ``sigma`` (d,), ``share`` (d,), ``explained`` (R,),
    ``query_dirs`` (d, d), ``key_dirs`` (d, d) (float64, read-only, largest component first).

    Computed from the stored vectors (one pass over the head's queries and keys: milliseconds to
    a second), cached per atlas version.
    """
    atlas.check_head(layer, head)
    mtime = (atlas.path / paths.MANIFEST).stat().st_mtime_ns
    return _cached(str(atlas.path.resolve()), mtime, int(layer), int(head))


def contributions(atlas: Atlas, layer: int, head: int, query_row: int, key_row: int) -> dict:
    """What each component adds to the logit of one query-key pair (token rows of the atlas).

    Returns a dict: ``logit`` (the model's logit: scale * q . k, soft-capped, plus the ALiBi bias),
    ``components`` (d,) float64 (scale * sigma_r (q . u_r)((k - m) . v_r), largest component
    first; m = the mean key of the sequence), ``sequence_offset`` (scale * q . m: the same for
    every key of the sequence, so it does not change attention), ``softcap_adjustment``
    (soft-capped minus uncapped, 0 without soft-capping), ``position_bias`` (ALiBi, else 0),
    ``share`` (d,) (each component's share of the head's logit variance), ``probability`` (the
    pair's attention), ``masked`` (the key is not visible to the query: its logit is shown but
    the probability is 0), ``query_pos``, ``key_pos``, ``seq``. ``components.sum() +
    sequence_offset + softcap_adjustment + position_bias == logit`` up to float64 rounding.
    """
    atlas.check_head(layer, head)
    seq, qpos = atlas.token_position(query_row)
    kseq, kpos = atlas.token_position(key_row)
    if kseq != seq:
        raise InputError(f"{atlas.path}: query row {query_row} (sequence {seq}) and key row {key_row} (sequence {kseq}) "
                         "are in different sequences; attention stays within a sequence")
    parts = components(atlas, layer, head)
    terms = atlas.terms(layer, head)
    rows = atlas.sequence_rows(seq)
    q = np.asarray(atlas.queries(layer, head, slice(query_row, query_row + 1))[0], np.float64)
    keys = np.asarray(atlas.keys(layer, head, rows), np.float64)
    m = keys.mean(axis=0)
    k = keys[kpos]
    comps = terms.scale * parts["sigma"] * (parts["query_dirs"] @ q) * (parts["key_dirs"] @ (k - m))
    offset = terms.scale * float(q @ m)
    raw = terms.scale * float(q @ k)
    capped = terms.softcap * np.tanh(raw / terms.softcap) if terms.softcap is not None else raw
    bias = terms.alibi_slope * (kpos - qpos) if terms.alibi_slope is not None else 0.0
    n = rows.stop - rows.start
    masked = not bool(terms.mask(np.array([qpos]), n)[0, kpos])
    prob = 0.0 if masked else float(atlas.attention(layer, head, seq, qpos)[kpos])
    return {"logit": float(capped + bias), "components": comps, "sequence_offset": offset,
            "softcap_adjustment": float(capped - raw), "position_bias": float(bias), "share": parts["share"].copy(),
            "probability": prob, "masked": masked, "seq": int(seq), "query_pos": int(qpos), "key_pos": int(kpos)}


def component_coordinates(atlas: Atlas, layer: int, head: int, component: int) -> np.ndarray:
    """(2 * n_tokens,) float32 coordinate of every point on one component, rows as in a layout:
    queries ``q . u_r`` (rows 0..n-1), then keys ``(k - m) . v_r`` (m: the key's sequence mean),
    so that ``sigma_r`` x query coordinate x key coordinate is the component's part of q . k~
    (for colouring points by a component in the explorer)."""
    parts = components(atlas, layer, head)
    if not 0 <= int(component) < len(parts["sigma"]):
        raise InputError(f"component {component} out of range; head (layer {layer}, head {head}) has "
                         f"{len(parts['sigma'])} components (0-based, largest first)")
    kc, _ = centred_keys(atlas, layer, head)
    q = np.asarray(atlas.queries(layer, head), np.float64)
    return np.concatenate([q @ parts["query_dirs"][component], kc @ parts["key_dirs"][component]]).astype(np.float32)


def compute_components(atlas: Atlas, r: int = STORED_R) -> dict[str, np.ndarray]:
    """The top ``r`` components of every head, as stored in ``components.npz`` (proposed):
    ``sigma``, ``share``, ``explained`` float32 (L, H, r); ``query_dirs``, ``key_dirs`` float32
    (L, H, r, d_head). r = min(d_head, ``STORED_R``)."""
    L, H, d = atlas.n_layers, atlas.n_heads, atlas.d_head
    r = min(r, d)
    out = {"sigma": np.zeros((L, H, r), np.float32), "share": np.zeros((L, H, r), np.float32),
           "explained": np.full((L, H, r), np.nan, np.float32),
           "query_dirs": np.zeros((L, H, r, d), np.float32), "key_dirs": np.zeros((L, H, r, d), np.float32)}
    for layer in range(L):
        for head in range(H):
            parts = head_components(atlas, layer, head)
            for name in ("sigma", "share", "query_dirs", "key_dirs"):
                out[name][layer, head] = parts[name][:r]
            e = parts["explained"][:r]
            out["explained"][layer, head, : len(e)] = e
    return out
