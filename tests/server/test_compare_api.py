"""``GET /api/compare``: two served atlases' heads matched one to one, through the real pipeline
(the MiniLM test atlas and a copy with its layers permuted: every head must be matched back),
cached, bounded, with one-line errors; and the geometry measure next to fidelity."""

from __future__ import annotations

import numpy as np
import pytest

from qkatlas.server.models import CompareResponse, FidelityTable, HeadInfo
from support.shuffled import shuffled_copy

from tests.server.conftest import error, make_client

PERM = [3, 5, 0, 1, 4, 2]


@pytest.fixture(scope="module")
def pair(minilm_atlas, tmp_path_factory):
    root = tmp_path_factory.mktemp("compare")
    b = shuffled_copy(minilm_atlas, root / "minilm-shuffled", PERM)
    client = make_client([minilm_atlas, b])
    ids = [x["id"] for x in client.get("/api/atlases").json()["atlases"]]
    return client, ids


def test_compare_matches_every_head_back(pair):
    client, (a, b) = pair
    r = client.get("/api/compare", params={"a": a, "b": b})
    assert r.status_code == 200, r.text
    body = CompareResponse.model_validate(r.json()).model_dump()
    m = body["matches"]["data"]
    assert body["matches"]["n"] == 72 and body["a"] == a and body["b"] == b
    assert set(body["matches"]["columns"]) >= {"layer_a", "head_a", "layer_b", "head_b", "similarity", "label_a", "label_b"}
    inverse = np.argsort(PERM)
    right = sum((lb, hb) == (inverse[la], ha) for la, ha, lb, hb in zip(m["layer_a"], m["head_a"], m["layer_b"], m["head_b"]))
    assert right == 72
    assert m["similarity"] == sorted(m["similarity"], reverse=True)  # best first
    s = body["summary"]
    assert s["same_corpus"] is True and s["matched"] == 72 and s["sequences_compared"] > 0
    assert s["a"]["id"] == a and "/" not in s["a"]["path"]  # folder names only, never server paths
    assert {int(k): v["layer_b"] for k, v in s["layer_map"].items()} == {l: int(inverse[l]) for l in range(6)}


def test_compare_is_cached(pair):
    import time

    client, (a, b) = pair
    client.get("/api/compare", params={"a": a, "b": b})
    t0 = time.perf_counter()
    r = client.get("/api/compare", params={"a": a, "b": b})
    assert r.status_code == 200 and time.perf_counter() - t0 < 0.5


def test_compare_errors(pair):
    client, (a, _) = pair
    assert "two different atlases" in error(client.get("/api/compare", params={"a": a, "b": a}), 400)
    assert "nope" in error(client.get("/api/compare", params={"a": a, "b": "nope"}), 404)
    error(client.get("/api/compare", params={"a": a}), 400)


def test_fidelity_and_head_carry_geometry(pair):
    client, (a, _) = pair
    r = client.get(f"/api/atlas/{a}/fidelity")
    table = FidelityTable.model_validate(r.json())
    assert "geometry" in table.columns
    geo = [g for g, name in zip(table.data["geometry"], table.data["layout"]) if name != "original"]
    assert geo and all(g is not None and 0 <= g <= 1 for g in geo)
    info = HeadInfo.model_validate(client.get(f"/api/atlas/{a}/head", params={"layer": 1, "head": 2}).json())
    assert set(info.geometry) == {"pca-2d", "pca-3d"} and all(0 <= v <= 1 for v in info.geometry.values())
