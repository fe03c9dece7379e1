"""Atlases change while served: the server re-reads them, never answers 500, and never writes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np

from qkatlas.atlas import paths, schema
from qkatlas.atlas.reader import Atlas
from qkatlas.atlas.writer import AtlasWriter
from tests.server.conftest import error, make_client, msg


def _files(root: Path) -> dict:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        st = os.stat(dirpath)
        out[dirpath] = ("dir", st.st_mtime_ns, tuple(sorted(filenames + dirnames)))
        for f in filenames:
            st = os.stat(os.path.join(dirpath, f))
            out[os.path.join(dirpath, f)] = (st.st_size, st.st_mtime_ns)
    return out


def test_server_never_writes(minilm_copy, dinov2_atlas, tmp_path):
    """Many requests to every endpoint leave every file and folder of the atlases as they were."""
    dino = tmp_path / "atlases" / "dinov2"
    shutil.copytree(dinov2_atlas, dino)
    root = minilm_copy.parent
    before = _files(root)
    for d in (root, *root.rglob("*")):
        if d.is_dir():
            os.chmod(d, 0o555)  # read-only folders (no effect as root; the comparison below counts)
    try:
        c = make_client([root])
        for aid in ("minilm", "dinov2"):
            b = f"/api/atlas/{aid}"
            for url in ("/api/atlases", b, f"{b}/head?layer=1&head=1", f"{b}/tokens", f"{b}/sequences", f"{b}/sample?size=77",
                        f"{b}/layout/pca-2d", f"{b}/layout/pca-3d?layer=2", f"{b}/norms?layer=3", f"{b}/heads",
                        f"{b}/similar?layer=1&head=1", f"{b}/aggregate?layer=2&head=2&weighted=true", f"{b}/fidelity",
                        f"{b}/search?q=the", f"{b}/thumbnails.png", f"{b}/image/1", "/openapi.json"):
                for _ in range(3):
                    assert c.get(url).status_code < 500, url
            for token in range(0, 500, 37):
                assert c.get(f"{b}/attention?layer=1&head=2&token={token}").status_code == 200
    finally:
        for d in (root, *root.rglob("*")):
            if d.is_dir():
                os.chmod(d, 0o755)
    assert _files(root) == before


def test_new_layouts_appear_without_restart(minilm_copy):
    """A layout finished by `qkatlas layout` while serving is listed and served on the next request."""
    from qkatlas.layout.run import compute_layouts

    shutil.rmtree(minilm_copy / "layouts" / "pca-3d")
    AtlasWriter(minilm_copy).update_manifest(lambda m: m["layouts"].pop("pca-3d"))
    c = make_client([minilm_copy])
    assert [l["name"] for l in c.get("/api/atlas/minilm").json()["layouts"]] == ["pca-2d"]
    assert "no complete layout" in error(c.get("/api/atlas/minilm/layout/pca-3d?layer=0"), 404)
    compute_layouts(minilm_copy, ["pca"], [3], workers=1, progress=False, log=lambda *_: None)
    assert [l["name"] for l in c.get("/api/atlas/minilm").json()["layouts"]] == ["pca-2d", "pca-3d"]
    _, arrays = msg(c.get("/api/atlas/minilm/layout/pca-3d?layer=0&head=0"))
    assert arrays["coords"].shape[-1] == 3


def test_progress_of_a_layout_being_computed(minilm_copy):
    """An incomplete layout shows heads done of heads total; its finished heads can be read."""
    folder = minilm_copy / "layouts" / "tsne-2d"
    folder.mkdir()
    for l, h in [(0, 0), (0, 1), (3, 4)]:
        shutil.copy(minilm_copy / paths.layout_file("pca", 2, l, h), folder / f"{paths.head_stem(l, h)}.npy")
    AtlasWriter(minilm_copy).update_manifest(lambda m: m["layouts"].__setitem__(
        "tsne-2d", {"method": "tsne", "dim": 2, "complete": False, "params": {}}))
    c = make_client([minilm_copy])
    info = c.get("/api/atlas/minilm").json()
    assert "tsne-2d" not in [l["name"] for l in info["layouts"]]  # not complete: not in the layout list
    prog = {p["name"]: p for p in info["layout_progress"]}
    assert prog["tsne-2d"] == {"name": "tsne-2d", "method": "tsne", "dim": 2, "complete": False, "heads_done": 3, "heads_total": 72}
    meta, arrays = msg(c.get("/api/atlas/minilm/layout/tsne-2d?layer=3&head=4"))
    assert meta["complete"] is False and arrays["coords"].shape == (1, 2 * info["n_tokens"], 2)
    text = error(c.get("/api/atlas/minilm/layout/tsne-2d?layer=3"), 404)
    assert "still being computed" in text and "3 of 72" in text
    shutil.copy(minilm_copy / paths.layout_file("pca", 2, 5, 5), folder / "L005H005.npy")  # one more head done
    assert {p["name"]: p for p in c.get("/api/atlas/minilm").json()["layout_progress"]}["tsne-2d"]["heads_done"] == 4


def test_add_in_progress_answers_503_then_the_new_state(minilm_copy):
    """While `qkatlas add` swaps files the atlas answers 503 (clear message), then its new state."""
    c = make_client([minilm_copy])
    n = c.get("/api/atlas/minilm").json()["n_tokens"]
    msg(c.get("/api/atlas/minilm/layout/pca-2d?layer=0"))
    AtlasWriter(minilm_copy).update_manifest(lambda m: m.update(status=schema.STATUS_SWAPPING))
    for url in ("/api/atlas/minilm", "/api/atlas/minilm/layout/pca-2d?layer=0", "/api/atlas/minilm/attention?layer=0&head=0&token=1"):
        r = c.get(url)
        assert "qkatlas add" in error(r, 503) and r.headers.get("retry-after")
    listed = c.get("/api/atlases").json()["atlases"]
    assert [(a["id"], a["status"]) for a in listed] == [("minilm", "updating")]
    AtlasWriter(minilm_copy).update_manifest(lambda m: m.update(status=schema.STATUS_COMPLETE))
    assert c.get("/api/atlas/minilm").json()["n_tokens"] == n
    assert c.get("/api/atlases").json()["atlases"][0]["status"] == "ready"


def test_a_change_during_a_request_is_a_503_not_a_500(minilm_copy, monkeypatch):
    """Files swapped under a request (the manifest changes first): 503 'try again', never 500."""
    import qkatlas.server.service as service

    c = make_client([minilm_copy])
    msg(c.get("/api/atlas/minilm/layout/pca-2d?layer=0"))
    real = service.AtlasService.norms_message

    def swap_then_fail(self, snap, *a, **k):
        AtlasWriter(minilm_copy).update_manifest(lambda m: m.update(status=schema.STATUS_SWAPPING))
        raise ValueError("shapes do not match (half-swapped files)")

    monkeypatch.setattr(service.AtlasService, "norms_message", swap_then_fail)
    assert "changed on disk" in error(c.get("/api/atlas/minilm/norms?layer=0"), 503)
    AtlasWriter(minilm_copy).update_manifest(lambda m: m.update(status=schema.STATUS_COMPLETE))

    def reset_layout_meanwhile(self, snap, *a, **k):  # `qkatlas layout` with another seed: files go away
        out = real(self, snap, *a, **k)
        AtlasWriter(minilm_copy).update_manifest(lambda m: m["layouts"]["pca-3d"].update(complete=False, params=None))
        return out

    monkeypatch.setattr(service.AtlasService, "norms_message", reset_layout_meanwhile)
    assert "try again" in error(c.get("/api/atlas/minilm/norms?layer=1"), 503)  # may mix old and new: not sent

    def add_layout_meanwhile(self, snap, *a, **k):  # a new layout registered, timings: what was read stays valid
        out = real(self, snap, *a, **k)
        AtlasWriter(minilm_copy).update_manifest(lambda m: (m["layouts"].__setitem__("umap-2d", {"method": "umap", "dim": 2, "complete": False}),
                                                            m.setdefault("timings", {}).update(touched=1.0)))
        return out

    monkeypatch.setattr(service.AtlasService, "norms_message", add_layout_meanwhile)
    msg(c.get("/api/atlas/minilm/norms?layer=2"))
    monkeypatch.setattr(service.AtlasService, "norms_message", real)
    msg(c.get("/api/atlas/minilm/norms?layer=1"))
    assert "umap-2d" in [p["name"] for p in c.get("/api/atlas/minilm").json()["layout_progress"]]


def test_an_unexpected_error_is_a_json_500_without_details(minilm_copy, monkeypatch):
    import qkatlas.server.service as service

    c = make_client([minilm_copy])

    def boom(self, *a, **k):
        raise RuntimeError(f"secret detail at {minilm_copy}")

    monkeypatch.setattr(service.AtlasService, "norms_message", boom)
    text = error(c.get("/api/atlas/minilm/norms?layer=0"), 500)
    assert "RuntimeError" in text and "secret" not in text and str(minilm_copy) not in text


def test_atlases_appearing_in_a_served_folder_are_discovered(minilm_copy, dinov2_atlas):
    root = minilm_copy.parent
    c = make_client([root])
    assert [a["id"] for a in c.get("/api/atlases").json()["atlases"]] == ["minilm"]
    (root / "dinov2.partial").mkdir()  # a build in progress: not an atlas yet
    (root / "dinov2.partial" / "manifest.json").write_text(json.dumps({"format": "qkatlas-atlas", "status": "capturing"}))
    shutil.copytree(dinov2_atlas, root / "dinov2")
    ids = [a["id"] for a in c.get("/api/atlases").json()["atlases"]]
    assert ids == ["minilm", "dinov2"]
    assert c.get("/api/atlas/dinov2").json()["image"] is True
    shutil.rmtree(root / "dinov2")
    assert [a["id"] for a in c.get("/api/atlases").json()["atlases"]] == ["minilm"]
    assert "unknown atlas" in error(c.get("/api/atlas/dinov2"), 404)


def test_results_rewritten_without_a_manifest_change_are_read_fresh(minilm_copy):
    """fidelity.parquet grows while `qkatlas layout` runs: the table follows it."""
    import pandas as pd

    c = make_client([minilm_copy])
    before = c.get("/api/atlas/minilm/fidelity").json()["n"]
    fid = pd.read_parquet(minilm_copy / paths.FIDELITY)
    fid = fid[fid["layer"] < 3]
    tmp = minilm_copy / "fid.tmp"
    fid.to_parquet(tmp)
    os.replace(tmp, minilm_copy / paths.FIDELITY)
    after = c.get("/api/atlas/minilm/fidelity").json()
    assert after["n"] == len(fid) < before
    np.testing.assert_allclose(np.array(after["data"]["fidelity"], float), fid["fidelity"], atol=1e-6)
    assert Atlas.open(minilm_copy).n_tokens > 0
