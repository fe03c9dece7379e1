"""The attention contract (qkatlas.attention): NumPy and torch agree, and each term does what the
modeling files of transformers do (windows, soft-cap, ALiBi slopes, scale, causal mask)."""

from __future__ import annotations

import numpy as np
import pytest

from qkatlas.attention import AttentionContract, HeadTerms, LayerTerms, allowed_keys, softmax

torch = pytest.importorskip("torch")


def _qk(n=9, d=8, heads=2, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((heads, n, d)) * 2, rng.standard_normal((heads, n, d)) * 2


def test_window_mask_matches_transformers_sliding_overlay():
    # masking_utils.sliding_window_overlay: kv_idx > q_idx - window, on top of causal kv_idx <= q_idx
    m = allowed_keys(np.arange(6), 6, causal=True, window=3)
    expected = np.array([[j <= i and j > i - 3 for j in range(6)] for i in range(6)])
    np.testing.assert_array_equal(m, expected)
    assert allowed_keys(np.arange(4), 4, causal=False, window=None).all()


@pytest.mark.parametrize("terms", [
    LayerTerms(scale=0.35, causal=True),
    LayerTerms(scale=0.35, causal=True, window=3),
    LayerTerms(scale=0.25, causal=True, window=4, softcap=2.0),
    LayerTerms(scale=0.35, causal=True, alibi_slopes=(0.5, 0.125)),
    LayerTerms(scale=0.35, causal=False),
])
def test_numpy_and_torch_agree(terms):
    from qkatlas.attention import torch_probabilities

    q, k = _qk()
    torch_probs = torch_probabilities(torch.from_numpy(q), torch.from_numpy(k), terms).numpy()
    for h in range(2):
        ours = terms.head(h).probabilities(q[h], k[h])
        np.testing.assert_allclose(ours, torch_probs[h], atol=1e-6)
        np.testing.assert_allclose(ours.sum(-1), 1.0, atol=1e-5)
        # one query row at a time (what a click asks for) equals the matrix row
        for i in (0, 4, 8):
            row = terms.head(h).probabilities(q[h][i:i + 1], k[h], np.array([i]))[0]
            np.testing.assert_allclose(row, ours[i], atol=1e-6)
    # heads=: a subset of heads picks their own ALiBi slopes
    sub = torch_probabilities(torch.from_numpy(q[1:]), torch.from_numpy(k[1:]), terms, heads=[1]).numpy()
    np.testing.assert_allclose(sub[0], torch_probs[1], atol=1e-6)


def test_softcap_and_alibi_follow_the_modeling_files():
    q, k = _qk(n=6, heads=1)
    q, k = q[0], k[0]
    raw = q @ k.T * 0.5
    # Gemma-2: logits / cap, tanh, * cap, then the mask
    capped = HeadTerms(0.5, True, softcap=3.0).probabilities(q, k)
    ref = 3.0 * np.tanh(raw / 3.0)
    ref[np.triu(np.ones((6, 6), bool), 1)] = -np.inf
    np.testing.assert_allclose(capped, softmax(ref), atol=1e-6)
    # BLOOM adds slope * key position; slope * (j - i) differs by a constant per query: same softmax
    slope = 0.25
    bloom = raw + slope * np.arange(6)[None, :]
    bloom[np.triu(np.ones((6, 6), bool), 1)] = -np.inf
    np.testing.assert_allclose(HeadTerms(0.5, True, alibi_slope=slope).probabilities(q, k), softmax(bloom), atol=1e-6)


def test_masked_rows_and_padding_keys_are_zero():
    from qkatlas.attention import torch_probabilities

    q, k = _qk(n=5)
    valid = torch.tensor([True, True, True, False, False])
    p = torch_probabilities(torch.from_numpy(q), torch.from_numpy(k), LayerTerms(0.3, False), key_valid=valid)
    assert (p[..., 3:] == 0).all() and torch.allclose(p.sum(-1), torch.ones(2, 5, dtype=p.dtype))
    empty = softmax(np.full((2, 3), -np.inf))
    assert (empty == 0).all()


def test_contract_round_trips_through_the_manifest():
    c = AttentionContract(scales=(0.25, 0.125), causal=True, windows=(4, None), softcap=50.0,
                          alibi_slopes=(0.5, 0.25, 0.125))
    model = {"scales": list(c.scales), "causal": True, "attention": c.manifest_terms()}
    assert AttentionContract.from_model(model) == c and c.has_extra_terms
    plain = AttentionContract.from_model({"scales": [0.1, 0.1], "causal": False})  # atlases from before the terms
    assert plain.windows == (None, None) and not plain.has_extra_terms
    assert c.head(0, 2) == HeadTerms(0.25, True, 4, 50.0, 0.125)
    assert any("sliding window 4" in s for s in c.head(0, 0).beyond_qk)
