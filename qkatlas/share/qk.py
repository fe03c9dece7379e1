"""Queries and keys for attention computed in the browser (static export): uint8 per dimension.

Why q/k and not precomputed top-k keys per query: the export's sequence view (whole n x n
matrices, hide-and-renormalise), image view (a patch's attention over every patch) and key
clicks (a key's column) need full rows; top-k keeps only part of them. At the same precision
(missing at most 3% of a row's weight), top-k needs k = 35 (MiniLM, p99), 27 (SmolLM2) and
248 (DINOv2) keys per query: 2-6x the bytes of these codes (``benchmarks/export.py`` prints
the comparison). Size per token and head: d_head bytes of query plus d_head bytes of key per
key head (grouped-query models store each key head once).

Encoding, per head (query head, or key head) over the exported tokens, per dimension ``j``:
``x = lo[j] + code / 255 * (hi[j] - lo[j])`` (affine uint8 between the dimension's min and max;
measured attention error at most ~0.04, see the tests). The browser dequantises one sequence's
rows and applies the attention contract of ``qkatlas.attention`` (scale, soft-cap, ALiBi,
causal mask, window) from the head's ``terms`` in the query file's meta.
"""

from __future__ import annotations

import numpy as np

from qkatlas.attention import HeadTerms

LEVELS = 255


def quantize(x: np.ndarray) -> dict[str, np.ndarray]:
    """``codes`` uint8 (n, d), ``lo``/``hi`` float32 (d) of vectors ``x`` (n, d)."""
    x = np.asarray(x, np.float32)
    lo = x.min(axis=0) if len(x) else np.zeros(x.shape[1], np.float32)
    hi = x.max(axis=0) if len(x) else np.zeros(x.shape[1], np.float32)
    span = np.where(hi > lo, hi - lo, 1.0).astype(np.float32)
    codes = np.clip(np.rint((x - lo) / span * LEVELS), 0, LEVELS).astype(np.uint8)
    return {"codes": codes, "lo": lo.astype(np.float32), "hi": hi.astype(np.float32)}


def dequantize(codes: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """What the browser reconstructs (float32)."""
    return (lo + codes.astype(np.float32) / LEVELS * (hi - lo)).astype(np.float32)


def terms_meta(terms: HeadTerms) -> dict:
    """A head's attention terms as the query file's meta carries them."""
    return {"scale": terms.scale, "causal": terms.causal, "window": terms.window, "softcap": terms.softcap,
            "alibi_slope": terms.alibi_slope}


def browser_attention(q: dict, k: dict, terms: dict, start: int, n: int, query: int | None = None) -> np.ndarray:
    """Reference of the front end's computation (``web/src/api/static.ts``): the attention of the
    sequence at rows ``start .. start + n - 1`` (or of its query at position ``query``) from the codes."""
    qq = dequantize(q["codes"][start:start + n], q["lo"], q["hi"])
    kk = dequantize(k["codes"][start:start + n], k["lo"], k["hi"])
    t = HeadTerms(float(terms["scale"]), bool(terms["causal"]), terms.get("window"), terms.get("softcap"),
                  terms.get("alibi_slope"))
    if query is None:
        return t.probabilities(qq, kk)
    return t.probabilities(qq[query:query + 1], kk, np.array([query]))[0]
