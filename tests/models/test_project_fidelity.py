"""Fidelity stored by the layout pipeline agrees with the definition on a real (tiny) atlas."""

from __future__ import annotations

import numpy as np
import pytest

from qkatlas.atlas import paths
from qkatlas.atlas.reader import Atlas
from support.tiny import laid_out, reference_fidelity


def test_pipeline_fidelity_matches_the_definition(tmp_path_factory):
    path = laid_out(tmp_path_factory, "laid-out")
    atlas = Atlas.open(path)
    fid = atlas.fidelity()
    names = {paths.layout_name(m, d) for m, d in atlas.layouts} | {"original"}
    assert set(fid["layout"]) == names
    assert len(fid) == len(atlas.heads) * len(names)
    assert fid["fidelity"].between(0, 1).all()
    for (layer, head), name in [((0, 1), "tsne-2d"), ((1, 3), "umap-3d"), ((1, 0), "pca-2d")]:
        method, dim = name.split("-")[0], int(name[-2])
        want = reference_fidelity(atlas, layer, head, atlas.coords(layer, head, method, dim))
        got = fid.query("layer == @layer and head == @head and layout == @name")["fidelity"].item()
        assert got == pytest.approx(want, abs=1e-12)
    q, k = atlas.normalized(0, 2)
    want = reference_fidelity(atlas, 0, 2, np.concatenate([q, k]))
    assert fid.query("layer == 0 and head == 2 and layout == 'original'")["fidelity"].item() == pytest.approx(want)
