"""Why a head attends: the components of its bilinear form add up to every logit exactly, the
shares partition the logit variance, and a rank-one head is one component."""

from __future__ import annotations

import numpy as np
import pytest

from qkatlas.analysis import components, contributions
from qkatlas.analysis.bilinear import compute_components, decompose
from qkatlas.atlas.reader import Atlas
from qkatlas.atlas.writer import AtlasWriter
from qkatlas.errors import InputError
from support.synth import make_atlas

LENGTHS = (7, 12, 20, 9)


def random_atlas(path, causal=False, attention=None, rank_one=False, seed=0) -> Atlas:
    """A synthetic atlas whose vectors are replaced by random ones (2 layers x 3 heads, GQA 3 -> 2),
    with the model's extra attention terms ``attention`` ({windows, softcap, alibi_slopes})."""
    atlas = make_atlas(path, [["uniform"] * 3] * 2, LENGTHS, causal=causal, kv_head_of=[0, 0, 1])
    rng = np.random.default_rng(seed)
    writer = AtlasWriter(atlas.path)
    n, d = atlas.n_tokens, atlas.d_head
    for layer in range(atlas.n_layers):
        for kind, heads in (("queries", atlas.n_heads), ("keys", atlas.n_kv_heads)):
            arr = writer.layer_array(kind, layer, (heads, n, d), create=False)
            if rank_one:
                direction = rng.normal(size=d)
                arr[:] = (rng.normal(size=(heads, n, 1)) * direction + (0.0 if kind == "queries" else 3.0 * rng.normal(size=d))).astype(np.float16)
            else:
                arr[:] = (rng.normal(size=(heads, n, d)) * 2 + rng.normal(size=d)).astype(np.float16)
            arr.flush()
            del arr
    if attention:
        writer.update_manifest(lambda m: m["model"].__setitem__("attention", attention))
    return Atlas.open(atlas.path)


def _check_sums(atlas: Atlas, pairs) -> None:
    for layer, head, qrow, krow in pairs:
        r = contributions(atlas, layer, head, qrow, krow)
        total = r["components"].sum() + r["sequence_offset"] + r["softcap_adjustment"] + r["position_bias"]
        seq, qpos = atlas.token_position(qrow)
        rows = atlas.sequence_rows(seq)
        terms = atlas.terms(layer, head)
        q = atlas.queries(layer, head, slice(qrow, qrow + 1))
        k = atlas.keys(layer, head, rows)
        kpos = krow - rows.start
        expected = terms.logits(q, k, np.array([qpos]))[0, kpos]
        if r["masked"]:
            assert expected == -np.inf and r["probability"] == 0.0
            unmasked = terms.scale * float(np.asarray(q[0], np.float64) @ np.asarray(k[kpos], np.float64))
            if terms.softcap is not None:
                unmasked = terms.softcap * np.tanh(unmasked / terms.softcap)
            if terms.alibi_slope is not None:
                unmasked += terms.alibi_slope * (kpos - qpos)
            expected = unmasked
        assert total == pytest.approx(r["logit"], abs=1e-9, rel=1e-12)  # the parts add up to the logit exactly
        assert r["logit"] == pytest.approx(expected, abs=1e-9, rel=1e-12)  # ... and it is the model's logit
        if not r["masked"]:
            assert r["probability"] == pytest.approx(float(atlas.attention(layer, head, seq, qpos)[kpos]), abs=1e-7)


@pytest.mark.parametrize("causal, attention", [
    (False, None),
    (True, None),
    (True, {"windows": [5, None], "softcap": 3.0, "alibi_slopes": [0.5, 0.25, 0.125]}),
])
def test_contributions_add_up_to_the_logit_exactly(tmp_path, causal, attention):
    atlas = random_atlas(tmp_path / "a", causal=causal, attention=attention)
    rng = np.random.default_rng(1)
    pairs = []
    for _ in range(40):
        layer, head = int(rng.integers(2)), int(rng.integers(3))
        seq = int(rng.integers(len(LENGTHS)))
        rows = atlas.sequence_rows(seq)
        qrow, krow = (int(x) for x in rng.integers(rows.start, rows.stop, size=2))
        pairs.append((layer, head, qrow, krow))
    _check_sums(atlas, pairs)


def test_components_are_an_exact_basis_with_shares(tmp_path):
    atlas = random_atlas(tmp_path / "a")
    c = components(atlas, 1, 2)
    d = atlas.d_head
    ident = (c["query_dirs"].T * c["sigma"]) @ c["key_dirs"]
    np.testing.assert_allclose(ident, np.eye(d), atol=1e-9)
    assert c["sigma"].shape == (d,) and (np.diff(c["sigma"]) <= 1e-9).all()
    assert c["share"].sum() == pytest.approx(1) and (c["share"] >= 0).all()
    e = c["explained"]
    assert len(e) == min(d, 16) and (np.diff(e) >= -1e-9).all() and 0 <= e[0] <= e[-1] <= 1 + 1e-9
    if d <= 16:
        assert e[-1] == pytest.approx(1, abs=1e-9)  # all components explain everything
    # each component's query coordinates have unit norm over the corpus (SVD of Q K~^T)
    q = atlas.queries(1, 2).astype(np.float64)
    np.testing.assert_allclose(np.linalg.norm(q @ c["query_dirs"].T, axis=0), 1, rtol=1e-6)
    assert (q @ c["query_dirs"].T).mean(axis=0).min() >= -1e-12  # sign convention
    with pytest.raises(ValueError):
        c["sigma"][0] = 0  # cached and shared: read-only


def test_a_rank_one_head_is_one_component(tmp_path):
    atlas = random_atlas(tmp_path / "a", rank_one=True)
    c = components(atlas, 0, 1)
    assert c["share"][0] == pytest.approx(1, abs=1e-6)
    assert c["explained"][0] == pytest.approx(1, abs=1e-6)
    rows = atlas.sequence_rows(2)
    r = contributions(atlas, 0, 1, rows.start + 5, rows.start + 3)
    assert np.abs(r["components"][1:]).max() <= 1e-3 * abs(r["components"][0])


def test_decompose_on_known_form():
    """Q = X A, K = Y B with whitened X, Y: the corpus logits X (A B^T) Y^T have the singular values of A B^T."""
    rng = np.random.default_rng(3)
    x, _ = np.linalg.qr(rng.normal(size=(400, 4)))
    y, _ = np.linalg.qr(rng.normal(size=(400, 4)))
    a, b = rng.normal(size=(4, 4)), rng.normal(size=(4, 4))
    parts = decompose(x @ a, y @ b)
    np.testing.assert_allclose(parts["sigma"], np.linalg.svd(a @ b.T, compute_uv=False), rtol=1e-6, atol=1e-6)


def test_errors_and_stored_form(tmp_path):
    atlas = random_atlas(tmp_path / "a")
    r0, r1 = atlas.sequence_rows(0), atlas.sequence_rows(1)
    with pytest.raises(InputError, match="different sequences"):
        contributions(atlas, 0, 0, r0.start, r1.start)
    with pytest.raises(InputError, match="out of range"):
        components(atlas, 5, 0)
    stored = compute_components(atlas, r=4)
    L, H, d = atlas.n_layers, atlas.n_heads, atlas.d_head
    assert stored["sigma"].shape == (L, H, 4) and stored["query_dirs"].shape == (L, H, 4, d)
    assert stored["explained"].dtype == np.float32
    np.testing.assert_allclose(stored["sigma"][1, 2], components(atlas, 1, 2)["sigma"][:4], rtol=1e-6)


@pytest.mark.parametrize("causal, attention", [(False, None), (True, None), (True, {"windows": [4, 6], "softcap": None,
                                                                                   "alibi_slopes": None}),
                                               (False, {"windows": [3, None], "softcap": None, "alibi_slopes": None})])
def test_explained_curve_matches_brute_force(tmp_path, causal, attention):
    atlas = random_atlas(tmp_path / "a", causal=causal, attention=attention, seed=5)
    from qkatlas.analysis.bilinear import centred_keys, head_components

    for layer, head in [(0, 1), (1, 2)]:
        c = head_components(atlas, layer, head)
        q = atlas.queries(layer, head).astype(np.float64)
        kc, _ = centred_keys(atlas, layer, head)
        a = (q @ c["query_dirs"].T) * c["sigma"]
        b = kc @ c["key_dirs"].T
        terms = atlas.terms(layer, head)
        total, resid = 0.0, np.zeros(len(c["explained"]))
        for s in range(atlas.n_sequences):
            rows = atlas.sequence_rows(s)
            n = rows.stop - rows.start
            mask = terms.mask(np.arange(n), n)
            mask &= (mask.sum(1) >= 2)[:, None]
            full = q[rows] @ kc[rows].T
            total += (full[mask] ** 2).sum()
            for r in range(len(resid)):
                part = a[rows, : r + 1] @ b[rows, : r + 1].T
                resid[r] += ((full - part)[mask] ** 2).sum()
        np.testing.assert_allclose(c["explained"], 1 - resid / total, atol=1e-9)


def test_components_in_small_chunks_equal_one_chunk(tmp_path, monkeypatch):
    """The corpus is read in chunks of whole sequences (bounded memory): any chunk size, same result."""
    from qkatlas.analysis import bilinear

    atlas = random_atlas(tmp_path / "a", causal=True, seed=3)
    whole = bilinear.head_components(atlas, 1, 0)
    monkeypatch.setattr(bilinear, "CHUNK_TOKENS", 7)  # shorter than most sequences: one sequence per chunk
    assert len(list(bilinear._chunks(atlas, 1, 0, 7))) == atlas.n_sequences
    chunked = bilinear.head_components(atlas, 1, 0)
    for name in ("sigma", "share", "query_dirs", "key_dirs", "explained"):
        np.testing.assert_allclose(chunked[name], whole[name], rtol=1e-9, atol=1e-9, err_msg=name)


def test_component_coordinates_rebuild_the_centred_logits(tmp_path):
    from qkatlas.analysis.bilinear import centred_keys, component_coordinates

    atlas = random_atlas(tmp_path / "a")
    n = atlas.n_tokens
    c = components(atlas, 0, 2)
    coords = np.stack([component_coordinates(atlas, 0, 2, r) for r in range(len(c["sigma"]))])  # (d, 2n)
    rows = atlas.sequence_rows(1)
    q, kc = coords[:, :n][:, rows], coords[:, n:][:, rows]
    rebuilt = np.einsum("r,ri,rj->ij", c["sigma"], q.astype(np.float64), kc.astype(np.float64))
    want = atlas.queries(0, 2, rows).astype(np.float64) @ centred_keys(atlas, 0, 2)[0][rows].T
    np.testing.assert_allclose(rebuilt, want, rtol=1e-4, atol=1e-3 * np.abs(want).max())
    with pytest.raises(InputError, match="out of range"):
        component_coordinates(atlas, 0, 2, 99)
