"""Placing the points outside a fit a chunk at a time (bounded memory) gives the same coordinates."""

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
