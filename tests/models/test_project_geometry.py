"""The geometry measure stored next to fidelity: in [0, 1] for every layout of a real (tiny)
atlas, equal to the definition, NaN for ``original``, and older tables without the column still
open (geometry read as NaN)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from qkatlas.atlas import paths
from qkatlas.atlas.reader import Atlas
from qkatlas.atlas.summary import summary, summary_text
from qkatlas.layout.geometry import GEOMETRY_K, space_neighbours
from support.tiny import copy_atlas, laid_out


def reference_geometry(x: np.ndarray, coords: np.ndarray, k: int = GEOMETRY_K) -> float:
    """Neighbour recall at k, brute force (cosine in x, Euclidean in coords)."""
    unit = x / np.linalg.norm(x, axis=1, keepdims=True)
    cos = unit @ unit.T
    np.fill_diagonal(cos, -np.inf)
    true = np.argsort(-cos, axis=1, kind="stable")[:, :k]
    y = coords.astype(np.float64)
    d = ((y[:, None] - y[None]) ** 2).sum(-1)
    np.fill_diagonal(d, np.inf)
    near = np.argsort(d, axis=1, kind="stable")[:, :k]
    return float(np.mean([len(set(a) & set(b)) / k for a, b in zip(true, near)]))


def test_fidelity_table_has_geometry_in_unit_range(tmp_path_factory):
    path = laid_out(tmp_path_factory, "laid-out")
    atlas = Atlas.open(path)
    fid = atlas.fidelity()
    assert list(fid.columns) == ["layer", "head", "layout", "fidelity", "geometry"]
    laid = fid[fid["layout"] != "original"]
    assert len(laid) == len(atlas.heads) * len(atlas.layouts)
    assert laid["geometry"].notna().all() and laid["geometry"].between(0, 1).all()
    assert fid.loc[fid["layout"] == "original", "geometry"].isna().all()
    # t-SNE keeps neighbourhoods far better than a random layout would (10 / 2n)
    assert laid.loc[laid["layout"] == "tsne-2d", "geometry"].mean() > 0.2
    assert Atlas.open(path).manifest["fidelity"]["geometry_k"] == GEOMETRY_K
    assert "geometry mean" in summary_text(summary(path))


def test_stored_geometry_matches_the_definition(tmp_path_factory):
    path = laid_out(tmp_path_factory, "laid-out")
    atlas = Atlas.open(path)
    fid = atlas.fidelity().set_index(["layer", "head", "layout"])["geometry"]
    q, k = atlas.normalized(0, 1)
    x = np.concatenate([q, k])
    # The tiny random model repeats vectors (about 400 distinct among 584 points): which of several
    # identical neighbours counts as "the 10 nearest" is arbitrary, in x and (for PCA, a linear map)
    # in the layout alike, so the brute-force order agrees closely where the layout breaks the ties
    # (t-SNE, UMAP) and only roughly where it keeps them (PCA).
    for name, tol in (("tsne-2d", 0.01), ("umap-3d", 0.01), ("pca-2d", 0.06)):
        method, dim = name.split("-")[0], int(name[-2])
        want = reference_geometry(x, atlas.coords(0, 1, method, dim))
        assert fid[(0, 1, name)] == pytest.approx(want, abs=tol)
    assert len(space_neighbours(x, GEOMETRY_K)) == len(x)


def test_an_older_table_without_geometry_reads_as_nan(tmp_path_factory, tmp_path):
    path = copy_atlas(laid_out(tmp_path_factory, "laid-out"), tmp_path / "old")
    old = pd.read_parquet(path / paths.FIDELITY).drop(columns="geometry")
    old.to_parquet(path / paths.FIDELITY)
    fid = Atlas.open(path).fidelity()
    assert "geometry" in fid.columns and fid["geometry"].isna().all()
    assert fid["fidelity"].notna().any()
    assert "geometry mean" not in summary_text(summary(path))
