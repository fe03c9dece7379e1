"""Layouts: shapes and row order, manifest, determinism, alignment, settings changes, bad input."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from support.tiny import copy_atlas, laid_out, tiny_atlas
from qkatlas.atlas import paths
from qkatlas.atlas.reader import Atlas
from qkatlas.errors import InputError
from qkatlas.layout.align import MIN_GAP
from qkatlas.layout.run import compute_layouts

LAYOUTS = [(m, d) for m in ("pca", "tsne", "umap") for d in (2, 3)]


@pytest.fixture(scope="module")
def aligned(tmp_path_factory):
    return Atlas.open(laid_out(tmp_path_factory, "laid-out"))


@pytest.fixture(scope="module")
def unaligned(tmp_path_factory):
    return Atlas.open(laid_out(tmp_path_factory, "laid-out-noalign", align=False))


def _procrustes(a: np.ndarray, b: np.ndarray):
    """Orthogonal R and residual of the best fit (a - mean) @ R ~ (b - mean)."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    a0, b0 = a - a.mean(0), b - b.mean(0)
    u, _, vt = np.linalg.svd(a0.T @ b0)
    r = u @ vt
    return r, np.abs(a0 @ r - b0).max() / np.abs(b0).max()


def test_every_layout_complete_with_shapes(aligned):
    assert sorted(aligned.layouts) == sorted(LAYOUTS)
    n = aligned.n_tokens
    for layer, head in aligned.heads:
        for m, d in LAYOUTS:
            raw = np.load(aligned.path / paths.layout_file(m, d, layer, head))
            assert raw.dtype == np.float16 and raw.shape == (2 * n, d)
            assert np.isfinite(raw).all()
    entry = aligned.manifest["layouts"]["tsne-2d"]
    assert entry["method"] == "tsne" and entry["dim"] == 2 and entry["complete"] is True
    assert entry["params"]["align"] is True and entry["params"]["seed"] == 0 and entry["seconds"] > 0


def test_pca_rows_are_queries_then_keys(unaligned, aligned):
    """Row i is the query of token i, row n + i its key: PCA coords equal the PCA of [q'; k']."""
    n = unaligned.n_tokens
    for layer, head in [(0, 0), (1, 3)]:
        q, k = unaligned.normalized(layer, head)
        x = np.concatenate([q, k]).astype(np.float64)
        x0 = x - x.mean(0)
        _, _, vt = np.linalg.svd(x0, full_matrices=False)
        for dim in (2, 3):
            want = x0 @ vt[:dim].T
            got = unaligned.coords(layer, head, "pca", dim)
            signs = np.sign((got * want).sum(0))  # PCA axes have no intrinsic sign
            np.testing.assert_allclose(got, want * signs, atol=2e-2 * np.abs(want).max())
            assert np.abs(got[:n] - want[:n] * signs).max() < np.abs(got[:n] - want[n:] * signs).max()
            # the aligned layout is the same picture, turned
            _, res = _procrustes(got, aligned.coords(layer, head, "pca", dim))
            assert res < 5e-3


def test_alignment_queries_left_and_rigid(aligned, unaligned):
    """Queries' centroid left of the keys' wherever the two are apart (else principal axes)."""
    n = aligned.n_tokens
    separated = 0
    for layer, head in aligned.heads:
        for m, d in LAYOUTS:
            a = aligned.coords(layer, head, m, d)
            gap = np.linalg.norm(a[n:].mean(0) - a[:n].mean(0))
            radius = np.sqrt(((a - a.mean(0)) ** 2).sum(1).mean())
            if gap > 1.1 * MIN_GAP * radius:
                separated += 1
                assert a[:n, 0].mean() < a[n:, 0].mean(), (layer, head, m, d)
                assert abs(a[n:, 0].mean() - a[:n, 0].mean()) > 0.99 * gap  # the gap lies along x
            np.testing.assert_allclose(a.mean(0), 0, atol=1e-2 * np.abs(a).max())
            r, res = _procrustes(unaligned.coords(layer, head, m, d), a)
            np.testing.assert_allclose(r @ r.T, np.eye(d), atol=1e-9)
            assert res < 5e-3, (layer, head, m, d, res)
    assert separated >= len(aligned.heads) * 4 // 2  # t-SNE and UMAP: mostly apart
    assert unaligned.manifest["layouts"]["umap-2d"]["params"]["align"] is False


def test_same_seed_same_layouts(tmp_path_factory, tmp_path, aligned):
    """A second run with the same seed gives the same bytes (t-SNE and UMAP included)."""
    other = copy_atlas(tiny_atlas(tmp_path_factory), tmp_path / "again")
    compute_layouts(other, ["tsne", "umap"], [2], seed=0, workers=1, progress=False, log=lambda *_: None)
    for layer, head in aligned.heads:
        for m in ("tsne", "umap"):
            a = np.load(aligned.path / paths.layout_file(m, 2, layer, head))
            b = np.load(other / paths.layout_file(m, 2, layer, head))
            assert np.array_equal(a, b), (layer, head, m)


def test_changed_settings_recompute_and_rerun_skips(tmp_path_factory, tmp_path):
    path = copy_atlas(tiny_atlas(tmp_path_factory), tmp_path / "a")
    quiet = dict(workers=1, progress=False, log=lambda *_: None)
    compute_layouts(path, ["pca"], [2], align=True, **quiet)
    before = Atlas.open(path).coords(0, 0, "pca", 2)
    again = compute_layouts(path, ["pca"], [2], align=True, **quiet)
    assert again["heads"] == 0  # everything there: nothing to do
    compute_layouts(path, ["pca"], [2], align=False, **quiet)
    atlas = Atlas.open(path)
    assert atlas.manifest["layouts"]["pca-2d"]["params"]["align"] is False
    after = atlas.coords(0, 0, "pca", 2)
    assert not np.allclose(before, after)
    assert _procrustes(after, before)[1] < 5e-3


def test_bad_input(tmp_path_factory, tmp_path):
    path = tiny_atlas(tmp_path_factory)
    with pytest.raises(InputError, match="layout method 'foo'"):
        compute_layouts(path, ["foo"], [2], progress=False)
    with pytest.raises(InputError, match="dimension"):
        compute_layouts(path, ["pca"], [4], progress=False)
    with pytest.raises(InputError, match="no such atlas"):
        compute_layouts(tmp_path / "nope", ["pca"], [2], progress=False)
    r = subprocess.run([sys.executable, "-m", "qkatlas.cli", "layout", str(tmp_path / "nope"), "-q"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "no such atlas" in r.stderr
    r = subprocess.run([sys.executable, "-m", "qkatlas.cli", "layout", str(path), "--layouts", "pca,foo", "-q"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "--layouts" in r.stderr


def test_a_handful_of_tokens(tmp_path_factory, tmp_path):
    """Degenerate corpora still give complete layouts; fidelity is NaN when no query has > 5 keys."""
    from qkatlas.capture.run import capture as build

    from support.tiny import corpus_file, tiny_model

    corpus = corpus_file(tmp_path_factory, "short.txt", ["Yes.", "No way.", "Hello there!"])
    path = build(str(tiny_model(tmp_path_factory)), str(corpus), tmp_path / "short", progress=False, log=lambda *_: None)
    compute_layouts(path, ["pca", "tsne", "umap"], [2, 3], workers=1, progress=False, log=lambda *_: None)
    atlas = Atlas.open(path)
    assert sorted(atlas.layouts) == sorted(LAYOUTS)
    assert np.isfinite(atlas.coords(1, 1, "umap", 3)).all()
    assert atlas.fidelity()["fidelity"].isna().all()
