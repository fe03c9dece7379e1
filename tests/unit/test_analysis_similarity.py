"""Similar heads and the head map: identical heads are each other's nearest neighbour."""

from __future__ import annotations

import numpy as np
import pytest

from qkatlas.analysis import head_metrics, similar_heads
from qkatlas.analysis.similarity import head_map
from qkatlas.errors import InputError
from support.synth import analyzed, make_atlas


@pytest.fixture(scope="module")
def atlas(tmp_path_factory):
    heads = [["prev", "first", "uniform", "back2"], ["self", "prev", "last", "next"]]
    return analyzed(make_atlas(tmp_path_factory.mktemp("sim") / "atlas", heads))


def test_twin_is_most_similar(atlas):
    best = similar_heads(atlas, 0, 0, k=3)
    assert best[0][:2] == (1, 1) and best[0][2] == pytest.approx(1, abs=1e-6)
    assert similar_heads(atlas, 1, 1, k=1)[0][:2] == (0, 0)
    assert len(best) == 3 and (0, 0) not in [b[:2] for b in best]
    sims = [s for _, _, s in similar_heads(atlas, 0, 2, k=7)]
    assert sims == sorted(sims, reverse=True) and len(sims) == 7
    assert all(-1 - 1e-9 <= s <= 1 + 1e-9 for s in sims)
    with pytest.raises(InputError):
        similar_heads(atlas, 2, 0)


def test_head_map_places_twins_together(atlas):
    df = head_metrics(atlas)
    xy = df[["map_x", "map_y"]].to_numpy()
    assert np.isfinite(xy).all() and xy.std(axis=0).min() > 0
    twin_a, twin_b = xy[0], xy[df.index[(df.layer == 1) & (df["head"] == 1)][0]]
    assert np.allclose(twin_a, twin_b, atol=1e-5)
    assert head_map(np.ones((1, 3))).shape == (1, 2)
