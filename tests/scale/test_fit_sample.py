"""Layouts at any corpus size: t-SNE / UMAP fit on a seeded token sample, the rest placed.

End to end through ``qkatlas layout --fit-sample``: fitted rows are exactly a fit on the sample,
placed rows exactly the method's placement, the manifest records the sample, and fidelity is
measured on every point.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from threadpoolctl import threadpool_limits

from support.tiny import copy_atlas, reference_fidelity, tiny_atlas
from qkatlas.atlas.reader import Atlas
from qkatlas.layout import methods
from qkatlas.layout.align import alignment, apply_alignment
from qkatlas.layout.head import fit_tokens

SAMPLE = 100


def test_fit_sample_fits_the_sample_places_the_rest_and_scores_all_points(tmp_path_factory, tmp_path):
    path = copy_atlas(tiny_atlas(tmp_path_factory), tmp_path / "atlas")
    r = subprocess.run([sys.executable, "-m", "qkatlas.cli", "layout", str(path), "--layouts", "pca,tsne,umap",
                        "--dims", "2", "--workers", "1", "--fit-sample", str(SAMPLE), "-q"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    atlas = Atlas.open(path)
    n = atlas.n_tokens
    assert n > 2 * SAMPLE
    assert f"fit on {SAMPLE} of {n} tokens" in r.stderr
    for name in ("pca-2d", "tsne-2d", "umap-2d"):
        assert atlas.manifest["layouts"][name]["params"]["fit_sample"] == {"max_tokens": SAMPLE, "tokens": SAMPLE, "seed": 0}

    fit = fit_tokens(atlas.tokens, SAMPLE, 0)
    rest = np.setdiff1d(np.arange(n), fit)
    assert len(fit) == SAMPLE and len(rest) == n - SAMPLE
    fit_rows, new_rows = np.concatenate([fit, n + fit]), np.concatenate([rest, n + rest])
    positions = atlas.tokens["pos_norm"].to_numpy(np.float64)[fit]
    fid = atlas.fidelity().set_index(["layer", "head", "layout"])["fidelity"]
    for layer, head in [(0, 1), (1, 3)]:
        q, k = atlas.normalized(layer, head)
        x = np.concatenate([q, k])
        inputs = methods.HeadInputs(x[fit_rows], seed=0)
        for name in ("tsne", "umap", "pca"):
            y = atlas.coords(layer, head, name, 2)
            assert np.isfinite(y).all() and y.shape == (2 * n, 2)
            method = methods.get(name)
            with threadpool_limits(1):  # as in a worker: the same bytes
                fitted = method.fit(inputs, 2, 0)
            centre, rotation = alignment(fitted.coords, SAMPLE, positions)
            coords_fit = apply_alignment(fitted.coords, centre, rotation)
            state = method.align_state(fitted.state, centre, rotation)
            # fitted rows: a fit on the sample alone
            np.testing.assert_array_equal(y[fit_rows], coords_fit.astype(np.float16).astype(np.float32))
            # placed rows: the method's placement of the other tokens into that fit
            placed = method.place(x[new_rows], x[fit_rows], coords_fit, state)
            np.testing.assert_array_equal(y[new_rows], placed.astype(np.float16).astype(np.float32))
            if name != "pca":  # placed t-SNE/UMAP points lie within the fitted cloud's extent
                lo, hi = y[fit_rows].min(0), y[fit_rows].max(0)
                assert ((y[new_rows] >= lo - 1e-3) & (y[new_rows] <= hi + 1e-3)).all()
            # fidelity over every query of the atlas, not only the sample
            assert fid[(layer, head, f"{name}-2d")] == reference_fidelity(atlas, layer, head, y)
