"""Grouped-query layouts: one layout per key head over a tiny random-init GQA Llama.

The group normalisation (one scale and one key shift per key head) must leave every query
head's attention unchanged; the files, manifest and fidelity must cover every group and head.
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from support.tiny import tiny_atlas
from qkatlas.atlas.reader import Atlas
from qkatlas.layout import groups
from qkatlas.layout.run import compute_group_layouts


def test_group_normalisation_keeps_every_query_heads_attention(tiny_llama_atlas, tmp_path):
    path = shutil.copytree(tiny_llama_atlas, tmp_path / "atlas")
    out = compute_group_layouts(path, ["pca", "tsne", "umap"], [2], workers=1, fit_sample=100,
                                       progress=False, log=lambda *_: None)
    atlas = Atlas.open(path)
    assert atlas.n_kv_heads < atlas.n_heads and atlas.kv_head_of == [0, 0, 0, 1, 1, 1]
    assert out["groups"] == atlas.n_layers * atlas.n_kv_heads
    with np.load(path / groups.GROUP_NORMALIZATION) as z:
        shift, scale = z["key_shift"], z["scale"]
    assert shift.shape == (atlas.n_layers, atlas.n_kv_heads, atlas.d_head) and scale.shape == (atlas.n_layers, atlas.n_kv_heads)

    worst, peaked = 0.0, 0.0
    for layer in range(atlas.n_layers):
        for kv in range(atlas.n_kv_heads):
            heads = groups.query_heads(atlas.kv_head_of, kv)
            raw_k = np.asarray(atlas.layer_array("keys", layer)[kv], np.float32)
            raw_q = [atlas.queries(layer, h) for h in heads]
            qs, k = groups.apply_group_normalization(raw_q, raw_k, shift[layer, kv], float(scale[layer, kv]))
            # the group's clouds meet: the keys' centre is the centre of all the group's queries
            np.testing.assert_allclose(k.mean(0), np.concatenate(qs).mean(0), atol=1e-4)
            for h, q in zip(heads, qs):
                terms = atlas.terms(layer, h)
                for s in range(atlas.n_sequences):
                    rows = atlas.sequence_rows(s)
                    p_model = atlas.attention(layer, h, s)  # the stored q/k, the attention contract
                    p_group = terms.probabilities(q[rows], k[rows])
                    worst = max(worst, float(np.abs(p_group - p_model).max()))
                    peaked = max(peaked, float(p_model[5:].max()))
                    # the logits of each query move by one constant: q' . shift
                    a = terms.logits(q[rows], k[rows])
                    b = terms.logits(raw_q[heads.index(h)][rows], raw_k[rows])
                    d = np.where(np.isfinite(a), a - np.where(np.isfinite(b), b, 0), np.nan)
                    assert np.nanmax(np.nanmax(d, 1) - np.nanmin(d, 1)) < 1e-3
    assert worst < 1e-5, worst
    assert peaked > 0.5  # attention is not uniform: the check above means something


def test_group_layout_files_manifest_fidelity_and_resume(tiny_llama_atlas, tmp_path):
    path = shutil.copytree(tiny_llama_atlas, tmp_path / "atlas")
    quiet = lambda *_: None  # noqa: E731
    from qkatlas.layout.run import compute_layouts

    out = compute_layouts(path, ["pca", "tsne", "umap"], [2], workers=1, fit_sample=100, groups=True, progress=False,
                          log=quiet)  # per-head layouts, then the group layouts
    atlas = Atlas.open(path)
    assert out["groups"]["groups"] == atlas.n_layers * atlas.n_kv_heads and out["heads"] == len(atlas.heads)
    n, g = atlas.n_tokens, atlas.n_heads // atlas.n_kv_heads
    for name in ("pca-2d", "tsne-2d", "umap-2d"):
        e = atlas.manifest["groups"][name]
        assert e["complete"] and e["files"] == f"groups/{name}/L{{layer:03d}}K{{kv_head:03d}}.npy"
        assert e["params"]["fit_sample"]["tokens"] == 100 < n and e["params"]["n_tokens"] == n
        for layer in range(atlas.n_layers):
            for kv in range(atlas.n_kv_heads):
                y = np.load(path / f"groups/{name}/L{layer:03d}K{kv:03d}.npy")
                assert y.shape == ((g + 1) * n, 2) and y.dtype == np.float16 and np.isfinite(y).all()
                split = groups.group_coords(atlas, *name.split("-")[:1], 2, layer, kv)
                assert sorted(split["queries"]) == groups.query_heads(atlas.kv_head_of, kv)
    assert (path / "groups/pca-2d/maps/L000K000.npz").is_file()
    fid = groups.read_group_fidelity(path)
    assert len(fid) == atlas.n_layers * atlas.n_heads * 4  # every query head x (3 layouts + original)
    assert fid["fidelity"].between(0, 1).all()
    assert set(atlas.fidelity()["layout"]) == {"pca-2d", "tsne-2d", "umap-2d", "original"}  # heads' own table
    assert sorted(atlas.layouts) == [("pca", 2), ("tsne", 2), ("umap", 2)]  # group layouts are not head layouts

    # PCA places the tokens outside the fit exactly through its map
    with np.load(path / "groups/pca-2d/maps/L001K001.npz") as z:
        w, b = z["weight"], z["bias"]
    with np.load(path / groups.GROUP_NORMALIZATION) as z:
        sh, sc = z["key_shift"][1, 1], float(z["scale"][1, 1])
    heads = groups.query_heads(atlas.kv_head_of, 1)
    qs, k = groups.apply_group_normalization([atlas.queries(1, h) for h in heads],
                                             np.asarray(atlas.layer_array("keys", 1)[1], np.float32), sh, sc)
    y = np.load(path / "groups/pca-2d/L001K001.npy").astype(np.float32)
    np.testing.assert_allclose(y, np.concatenate(qs + [k]) @ w + b, atol=2e-2, rtol=2e-3)

    before = {p: p.stat().st_mtime_ns for p in (path / "groups").rglob("*.npy")}
    again = compute_group_layouts(path, ["pca", "tsne", "umap"], [2], workers=1, fit_sample=100,
                                         progress=False, log=quiet)
    assert again["groups"] == 0 and before == {p: p.stat().st_mtime_ns for p in (path / "groups").rglob("*.npy")}


def test_groups_need_grouped_query_attention(tmp_path_factory):
    from qkatlas.errors import InputError

    with pytest.raises(InputError, match="no grouped-query"):
        compute_group_layouts(tiny_atlas(tmp_path_factory), ["pca"], [2], progress=False, log=lambda *_: None)
