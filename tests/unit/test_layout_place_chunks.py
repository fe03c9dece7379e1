"""Bounded memory in layouts: points placed a chunk at a time, and a head's normalised points read
from the memory maps when indexed, give the same values as all at once."""

from __future__ import annotations

import numpy as np

from qkatlas.layout import head, methods


def test_chunked_placement_equals_one_call(monkeypatch):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(500, 8)).astype(np.float32)
    fit_rows, new_rows = np.arange(0, 500, 5), np.setdiff1d(np.arange(500), np.arange(0, 500, 5))
    coords = rng.normal(size=(len(fit_rows), 2)).astype(np.float32)
    method = methods.get("tsne")
    whole = method.place(x[new_rows], x[fit_rows], coords, None)
    monkeypatch.setattr(head, "PLACE_CHUNK", 37)
    chunked = head._place(method, x, new_rows, x[fit_rows], coords, None)
    assert chunked.shape == (len(new_rows), 2)
    np.testing.assert_array_equal(chunked, whole)


def test_points_read_on_demand_equal_the_normalized_vectors(tmp_path):
    from support.synth import make_atlas

    from qkatlas.atlas.points import Points

    atlas = make_atlas(tmp_path / "a", [["prev", "first"], ["self", "uniform"]], (6, 9, 12, 8))
    for layer, h in [(0, 0), (1, 1)]:
        q, k = atlas.normalized(layer, h)
        x = Points.of_head(atlas, layer, h)
        n = len(q)
        assert len(x) == 2 * n and x.shape == (2 * n, q.shape[1])
        np.testing.assert_array_equal(x[:], np.concatenate([q, k]))
        rows = np.array([[2 * n - 1, 0], [n, n - 1]])  # any shape, any order, both halves
        np.testing.assert_array_equal(x[rows], np.concatenate([q, k])[rows])
        np.testing.assert_array_equal(x.queries[np.array([3, 1])], q[[3, 1]])
        np.testing.assert_array_equal(x.keys[2:5], k[2:5])
