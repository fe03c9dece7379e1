"""The explorer's HTTP API: every endpoint, its binary wire format, and clear 4xx errors."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest
from fastapi.testclient import TestClient

from qkatlas.atlas.reader import Atlas
from qkatlas.errors import InputError
from qkatlas.server import wire
from qkatlas.server.app import WEB_DIST, create_app


@pytest.fixture(scope="module")
def client(minilm_atlas, dinov2_atlas, analysis_modules):
    return TestClient(create_app([minilm_atlas, dinov2_atlas]))


@pytest.fixture(scope="module")
def atlas(minilm_atlas):
    return Atlas.open(minilm_atlas)


def msg(r):
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/octet-stream"
    return wire.unpack(r.content)


def error(r, status):
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and isinstance(body["error"], str) and len(body["error"]) > 10, body
    return body["error"]


# ---- wire format --------------------------------------------------------------------------------
def test_wire_roundtrip_and_alignment():
    arrays = {"a": np.arange(5, dtype=np.uint16), "b": np.linspace(0, 1, 7, dtype=np.float32).reshape(7, 1),
              "c": np.array([1, 0, 1], dtype=np.uint8), "d": np.arange(6, dtype=np.int32).reshape(2, 3)}
    buf = wire.pack(arrays, {"x": 1})
    assert buf[:4] == b"QKB1"
    meta, out = wire.unpack(buf)
    assert meta == {"x": 1}
    hlen = int.from_bytes(buf[4:8], "little")
    header = json.loads(buf[8 : 8 + hlen])
    for name, a in arrays.items():
        np.testing.assert_array_equal(out[name], a)
        assert (8 + hlen + header["arrays"][name]["offset"]) % 8 == 0  # typed-array views need alignment


def test_quantize_error_bound():
    rng = np.random.default_rng(0)
    c = rng.normal(size=(1000, 3)).astype(np.float32) * [1, 10, 0.1]
    q, b = wire.quantize(c)
    assert q.dtype == np.uint16 and b.shape == (3, 2)
    err = np.abs(wire.dequantize(q, b) - c).max(axis=0)
    assert np.all(err <= (b[:, 1] - b[:, 0]) / 65535 * 0.51 + 1e-6 * np.abs(c).max(axis=0))
    q2, b2 = wire.quantize(np.array([[np.nan, 1.0], [2.0, 1.0]], np.float32))  # NaN and a flat axis
    assert q2.dtype == np.uint16 and np.isfinite(b2).all()


# ---- atlases --------------------------------------------------------------------------------------
def test_atlases_and_info(client, atlas):
    r = client.get("/api/atlases")
    assert r.status_code == 200
    ids = {a["id"]: a for a in r.json()["atlases"]}
    assert set(ids) == {"minilm", "dinov2"}
    a = ids["minilm"]
    assert (a["n_layers"], a["n_heads"], a["n_tokens"]) == (atlas.n_layers, atlas.n_heads, atlas.n_tokens)
    assert {"pca-2d", "pca-3d"} <= {l["name"] for l in a["layouts"]}
    info = client.get("/api/atlas/minilm").json()
    assert info["thumbnails"] is None and info["images"] is False and "token" in info["token_columns"]
    d = client.get("/api/atlas/dinov2").json()
    assert d["image"] and d["images"] and d["thumbnails"]["count"] == d["n_tokens"]


def test_tokens_columnar(client, atlas):
    r = client.get("/api/atlas/minilm/tokens")
    meta, arrays = msg(r)
    tok = atlas.tokens
    assert meta["n"] == len(tok)
    kinds = {c["name"]: c["kind"] for c in meta["columns"]}
    assert kinds["token"] == "category" and kinds["is_special"] == "bool" and kinds["pos_norm"] == "float"
    decoded = np.array(meta["strings"]["token"], dtype=object)[arrays["token"]]
    assert list(decoded) == list(tok["token"])
    np.testing.assert_array_equal(arrays["seq"], tok["seq"])
    assert arrays["pos"].dtype.itemsize <= 2  # narrowed on the wire
    # compact: a few bytes per token, not per-point JSON
    assert len(r.content) < 40 * len(tok)


def test_sequences(client, atlas):
    r = client.get("/api/atlas/minilm/sequences", headers={"accept-encoding": "gzip"})
    assert r.status_code == 200
    body = r.json()
    assert body["n"] == len(atlas.sequences)
    assert body["data"]["text"][0] == atlas.sequences["text"].iloc[0]
    assert body["data"]["start"] == atlas.sequences["start"].tolist()


def test_sequences_gzip_on_the_wire(client):
    raw = client.get("/api/atlas/minilm/sequences", headers={"accept-encoding": "gzip"}, )
    # TestClient decodes transparently; ask the raw stream to see the encoding
    assert raw.headers.get("content-encoding") == "gzip"
    with client.stream("GET", "/api/atlas/minilm/sequences", headers={"accept-encoding": "gzip"}) as s:
        body = b"".join(s.iter_raw())
    assert json.loads(gzip.decompress(body))["n"] > 0


# ---- layouts ---------------------------------------------------------------------------------------
def test_layout_whole_matrix_and_per_layer(client, atlas):
    n = atlas.n_tokens
    meta, arrays = msg(client.get("/api/atlas/minilm/layout/pca-2d"))
    H = atlas.n_layers * atlas.n_heads
    assert arrays["coords"].shape == (H, 2 * n, 2) and arrays["coords"].dtype == np.uint16
    assert arrays["bounds"].shape == (H, 2, 2)
    assert meta["heads"][0] == [0, 0] and meta["heads"][-1] == [atlas.n_layers - 1, atlas.n_heads - 1]
    # dequantised coordinates match the stored layout within half a quantisation step
    i = 2 * atlas.n_heads + 5  # layer 2, head 5
    c = atlas.coords(2, 5, "pca", 2)
    back = wire.dequantize(arrays["coords"][i], arrays["bounds"][i])
    span = arrays["bounds"][i, :, 1] - arrays["bounds"][i, :, 0]
    assert np.all(np.abs(back - c).max(axis=0) <= span / 65535 * 0.51 + 1e-6)
    # per layer and per head
    meta, arrays = msg(client.get("/api/atlas/minilm/layout/pca-2d?layer=3"))
    assert arrays["coords"].shape == (atlas.n_heads, 2 * n, 2) and meta["heads"] == [[3, h] for h in range(atlas.n_heads)]
    meta, arrays = msg(client.get("/api/atlas/minilm/layout/pca-3d?layer=1&head=4"))
    assert arrays["coords"].shape == (1, 2 * n, 3) and meta["dim"] == 3


def test_layout_bytes_per_point(client, atlas):
    r = client.get("/api/atlas/minilm/layout/pca-2d?layer=0")
    points = atlas.n_heads * 2 * atlas.n_tokens
    assert len(r.content) / points <= 4.05  # 4 bytes per 2-D point plus a small header
    assert "content-encoding" not in r.headers  # quantised coordinates are sent as they are


def test_sampled_layout_uses_the_sample_rows(client, atlas):
    _, s = msg(client.get("/api/atlas/minilm/sample?size=100"))
    rows = s["rows"]
    assert len(rows) == 100 and np.all(np.diff(rows.astype(np.int64)) > 0)
    meta, arrays = msg(client.get("/api/atlas/minilm/layout/pca-2d?layer=0&head=2&sample=100"))
    assert meta["sample"] == 100 and arrays["coords"].shape == (1, 200, 2)
    full = atlas.coords(0, 2, "pca", 2)
    sub = np.concatenate([full[rows], full[atlas.n_tokens + rows.astype(np.int64)]])
    back = wire.dequantize(arrays["coords"][0], arrays["bounds"][0])
    np.testing.assert_allclose(back, sub, atol=float(np.ptp(sub)) / 65535 + 1e-5)


def test_norms(client, atlas):
    meta, arrays = msg(client.get("/api/atlas/minilm/norms?layer=1&head=0"))
    assert arrays["norms"].shape == (1, 2 * atlas.n_tokens) and arrays["norms"].dtype == np.uint8
    q, k = atlas.normalized(1, 0)
    expect = np.concatenate([np.linalg.norm(q, axis=1), np.linalg.norm(k, axis=1)])
    np.testing.assert_allclose(arrays["norms"][0] / 255 * arrays["max"][0], expect, atol=expect.max() / 255 + 1e-4)


# ---- attention -----------------------------------------------------------------------------------
def test_attention_sequence_row_and_column(client, atlas):
    meta, arrays = msg(client.get("/api/atlas/minilm/attention?layer=2&head=7&seq=3"))
    expect = atlas.attention(2, 7, 3)
    np.testing.assert_allclose(arrays["attention"], expect, atol=1e-6)
    assert meta["n"] == expect.shape[0] and meta["start"] == int(atlas.sequences["start"].iloc[3])
    start = meta["start"]
    meta, arrays = msg(client.get(f"/api/atlas/minilm/attention?layer=2&head=7&token={start + 4}"))
    np.testing.assert_allclose(arrays["attention"], expect[4], atol=1e-6)
    assert meta["query"] == 4 and meta["seq"] == 3
    meta, arrays = msg(client.get(f"/api/atlas/minilm/attention?layer=2&head=7&token={start + 4}&role=key"))
    np.testing.assert_allclose(arrays["attention"], expect[:, 4], atol=1e-6)


# ---- search -----------------------------------------------------------------------------------------
def test_search_exact_regex_and_counts(client, atlas):
    tok = atlas.tokens
    meta, arrays = msg(client.get("/api/atlas/minilm/search?q=The"))  # case-insensitive exact match
    expect = np.flatnonzero(tok["token"].str.strip().str.lower() == "the")
    np.testing.assert_array_equal(arrays["rows"], expect)
    assert meta["n_tokens"] == len(expect) and meta["n_sequences"] == tok["seq"].iloc[expect].nunique()
    meta, arrays = msg(client.get("/api/atlas/minilm/search", params={"q": "^th", "regex": "true"}))
    expect = np.flatnonzero(tok["token"].str.contains("^th", case=False, regex=True))
    np.testing.assert_array_equal(arrays["rows"], expect)
    meta, arrays = msg(client.get("/api/atlas/minilm/search?q=zzzzqqq"))
    assert meta["n_tokens"] == 0 and len(arrays["rows"]) == 0


# ---- head analysis ---------------------------------------------------------------------------------
def test_heads_similar_aggregate(client, atlas, analysis_modules):
    r = client.get("/api/atlas/minilm/heads")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["n"] == atlas.n_layers * atlas.n_heads
    assert {"layer", "head", "label"} <= set(body["columns"]) and body["metrics"] and body["has_map"]
    sim = client.get("/api/atlas/minilm/similar?layer=1&head=2&k=4").json()
    assert len(sim["heads"]) == 4 and all({"layer", "head", "score"} <= set(h) for h in sim["heads"])
    assert all((h["layer"], h["head"]) != (1, 2) for h in sim["heads"])
    meta, arrays = msg(client.get("/api/atlas/minilm/aggregate?layer=1&head=2"))
    P = arrays["attention"].shape[0]
    assert arrays["attention"].shape == (P, P) and P == meta["positions"] > 1
    assert client.get("/api/atlas/minilm/aggregate?layer=1&head=2&weighted=true").status_code == 200


def test_analysis_absent_degrades_to_clear_404(minilm_atlas, monkeypatch):
    """Without qkatlas.analysis the explorer still serves, and says why those panels are empty."""
    import builtins
    import sys

    real_import = builtins.__import__

    def no_analysis(name, *args, **kwargs):
        if name.startswith("qkatlas.analysis"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    for mod in [m for m in sys.modules if m.startswith("qkatlas.analysis")]:
        monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setattr(builtins, "__import__", no_analysis)
    c = TestClient(create_app([minilm_atlas]))
    for url in ("/api/atlas/minilm/heads", "/api/atlas/minilm/similar?layer=0&head=0",
                "/api/atlas/minilm/aggregate?layer=0&head=0"):
        assert "not available" in error(c.get(url), 404)
    assert c.get("/api/atlas/minilm/layout/pca-2d?layer=0").status_code == 200


def test_fidelity(client):
    r = client.get("/api/atlas/minilm/fidelity")
    assert r.status_code == 200 and {"columns", "data", "n"} <= set(r.json())


# ---- images ------------------------------------------------------------------------------------------
def test_thumbnail_sprite_and_images(client, dinov2_atlas):
    from io import BytesIO

    from PIL import Image

    d = Atlas.open(dinov2_atlas)
    info = client.get("/api/atlas/dinov2").json()["thumbnails"]
    r = client.get("/api/atlas/dinov2/thumbnails.png")
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    sheet = np.asarray(Image.open(BytesIO(r.content)).convert("RGB"))
    t, cols = info["tile"], info["columns"]
    i = 300
    tile = sheet[(i // cols) * t : (i // cols + 1) * t, (i % cols) * t : (i % cols + 1) * t]
    np.testing.assert_array_equal(tile, d.thumbnails[i])
    r = client.get("/api/atlas/dinov2/image/2")
    assert r.status_code == 200 and r.headers["content-type"] == "image/png" and r.content[:4] == b"\x89PNG"


# ---- errors: clear 4xx JSON for every kind of bad request ---------------------------------------------
@pytest.mark.parametrize("url,status,words", [
    ("/api/atlas/nope", 404, "unknown atlas"),
    ("/api/atlas/nope/tokens", 404, "unknown atlas"),
    ("/api/atlas/nope/layout/pca-2d", 404, "unknown atlas"),
    ("/api/atlas/nope/attention?layer=0&head=0&seq=0", 404, "unknown atlas"),
    ("/api/atlas/minilm/layout/tsne-2d", 404, "no complete layout"),
    ("/api/atlas/minilm/layout/pca-2d?layer=99", 400, "layer 99 out of range"),
    ("/api/atlas/minilm/layout/pca-2d?layer=0&head=12", 400, "head 12 out of range"),
    ("/api/atlas/minilm/layout/pca-2d?head=1", 400, "needs 'layer'"),
    ("/api/atlas/minilm/layout/pca-2d?layer=-1", 400, "out of range"),
    ("/api/atlas/minilm/layout/pca-2d?sample=0", 400, "sample"),
    ("/api/atlas/minilm/norms?layer=6", 400, "out of range"),
    ("/api/atlas/minilm/attention?layer=0&head=99&seq=0", 400, "head 99 out of range"),
    ("/api/atlas/minilm/attention?layer=0&head=0&seq=4000", 400, "sequence 4000 out of range"),
    ("/api/atlas/minilm/attention?layer=0&head=0&token=100000", 400, "token 100000 out of range"),
    ("/api/atlas/minilm/attention?layer=0&head=0&token=-1", 400, "token -1 out of range"),
    ("/api/atlas/minilm/attention?layer=0&head=0", 400, "give 'seq'"),
    ("/api/atlas/minilm/attention?layer=0&head=0&token=3&role=value", 400, "role"),
    ("/api/atlas/minilm/attention?layer=0&head=0&token=3&seq=5", 400, "is in sequence"),
    ("/api/atlas/minilm/attention?layer=x&head=0&seq=0", 400, "parameter 'layer'"),
    ("/api/atlas/minilm/attention?head=0&seq=0", 400, "parameter 'layer'"),
    ("/api/atlas/minilm/search?q=", 400, "empty"),
    ("/api/atlas/minilm/search?q=(th&regex=true", 400, "bad pattern"),
    ("/api/atlas/minilm/search?q=the&column=seq", 400, "column"),
    ("/api/atlas/minilm/similar?layer=0&head=0&k=0", 400, "k 0"),
    ("/api/atlas/minilm/similar?layer=9&head=0", 400, "out of range"),
    ("/api/atlas/minilm/aggregate?layer=0&head=40", 400, "out of range"),
    ("/api/atlas/minilm/thumbnails.png", 404, "no patch thumbnails"),
    ("/api/atlas/minilm/image/0", 404, "text atlas"),
    ("/api/atlas/dinov2/image/99", 400, "sequence 99 out of range"),
    ("/api/atlas/minilm/sample?size=abc", 400, "parameter 'size'"),
    ("/api/nothing/here", 404, "no such endpoint"),
])
def test_bad_requests_are_clear_json_errors(client, url, status, words):
    assert words in error(client.get(url), status)


def test_static_app_is_served(client):
    r = client.get("/")
    if (WEB_DIST / "index.html").is_file():
        assert r.status_code == 200 and "<div id=\"app\">" in r.text
        assert "http://" not in r.text and "https://" not in r.text  # no CDN: works offline
    else:
        assert r.status_code == 503 and "npm run build" in r.text


def test_frontend_missing_says_how_to_build(minilm_atlas, tmp_path):
    c = TestClient(create_app([minilm_atlas], dist=tmp_path / "none"))
    r = c.get("/")
    assert r.status_code == 503 and "npm run build" in r.text
    assert c.get("/api/atlases").status_code == 200


def test_discovers_atlases_in_a_parent_folder(atlas_root, minilm_atlas, dinov2_atlas):
    app = create_app([atlas_root])
    assert set(app.state.entries) == {"minilm", "dinov2"}
    with pytest.raises(InputError, match="not a qkatlas atlas"):
        create_app([atlas_root / "minilm" / "queries"])
    with pytest.raises(InputError, match="no such folder"):
        create_app([atlas_root / "missing"])
    app = create_app([minilm_atlas, minilm_atlas])  # the same name twice gets a unique id
    assert set(app.state.entries) == {"minilm", "minilm-2"}


# ---- CLI -------------------------------------------------------------------------------------------------
def test_cli_serve_registered_and_port_in_use(minilm_atlas):
    import socket

    from typer.testing import CliRunner

    from qkatlas.cli import app
    from qkatlas.server.run import serve

    r = CliRunner().invoke(app, ["serve", "--help"])
    assert r.exit_code == 0 and "--port" in r.output and "--no-browser" in r.output and "--host" in r.output
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        with pytest.raises(InputError, match="in use"):
            serve([minilm_atlas], host="127.0.0.1", port=port)
    with pytest.raises(InputError):
        serve([])
