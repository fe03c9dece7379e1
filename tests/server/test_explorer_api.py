"""API additions for the explorer: a layout still being computed read a layer at a time
(``partial=true``: the heads that are done), with the cache following the heads as they finish."""

from __future__ import annotations

import shutil

from qkatlas.atlas import paths
from qkatlas.atlas.writer import AtlasWriter
from tests.server.conftest import error, make_client, msg


def _start_tsne(atlas, done):
    folder = atlas / "layouts" / "tsne-2d"
    folder.mkdir()
    for l, h in done:
        shutil.copy(atlas / paths.layout_file("pca", 2, l, h), folder / f"{paths.head_stem(l, h)}.npy")
    AtlasWriter(atlas).update_manifest(lambda m: m["layouts"].__setitem__(
        "tsne-2d", {"method": "tsne", "dim": 2, "complete": False, "params": {}}))
    return folder


def test_partial_layer_of_a_layout_being_computed(minilm_copy):
    folder = _start_tsne(minilm_copy, [(3, 4), (3, 1), (0, 0)])
    c = make_client([minilm_copy])
    n = c.get("/api/atlas/minilm").json()["n_tokens"]
    assert "partial=true" in error(c.get("/api/atlas/minilm/layout/tsne-2d?layer=3"), 404)
    meta, arrays = msg(c.get("/api/atlas/minilm/layout/tsne-2d?layer=3&partial=true"))
    assert meta["heads"] == [[3, 1], [3, 4]] and meta["complete"] is False
    assert arrays["coords"].shape == (2, 2 * n, 2) and arrays["bounds"].shape == (2, 2, 2)
    meta, arrays = msg(c.get("/api/atlas/minilm/layout/tsne-2d?layer=2&partial=true&sample=50"))
    assert meta["heads"] == [] and arrays["coords"].shape == (0, 100, 2)
    # one more head finishes: the next answer has it (not a cached copy of the previous one)
    shutil.copy(minilm_copy / paths.layout_file("pca", 2, 3, 7), folder / f"{paths.head_stem(3, 7)}.npy")
    meta, _ = msg(c.get("/api/atlas/minilm/layout/tsne-2d?layer=3&partial=true"))
    assert meta["heads"] == [[3, 1], [3, 4], [3, 7]]
    # a layer with none done, then all done: the second answer is not the first one cached
    for h in range(12):
        shutil.copy(minilm_copy / paths.layout_file("pca", 2, 2, h), folder / f"{paths.head_stem(2, h)}.npy")
    meta, arrays = msg(c.get("/api/atlas/minilm/layout/tsne-2d?layer=2&partial=true&sample=50"))
    assert meta["heads"] == [[2, h] for h in range(12)] and arrays["coords"].shape == (12, 100, 2)


def test_partial_of_a_complete_layout_is_the_whole_layer(client):
    meta, arrays = msg(client.get("/api/atlas/minilm/layout/pca-2d?layer=1&partial=true&sample=10"))
    assert meta["heads"] == [[1, h] for h in range(12)] and meta["complete"] is True
    assert arrays["coords"].shape == (12, 20, 2)
