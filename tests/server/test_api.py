"""The explorer's HTTP API: every endpoint's values against the atlas, the wire format, clear 4xx errors."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest

from qkatlas.analysis.similarity import similar_heads
from qkatlas.atlas.reader import Atlas
from qkatlas.errors import InputError
from qkatlas.server import models, wire
from qkatlas.server.app import WEB_DIST, create_app
from tests.server.conftest import error, make_client, msg


@pytest.fixture(scope="module")
def atlas(minilm_atlas):
    return Atlas.open(minilm_atlas)


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
        assert out[name].dtype == a.dtype
        assert (8 + hlen + header["arrays"][name]["offset"]) % 8 == 0  # typed-array views need alignment
    with pytest.raises(TypeError):
        wire.pack({"x": np.zeros(2, np.float16)})  # no float16 on the wire: browsers have no typed array
    with pytest.raises(ValueError):
        wire.unpack(b"JSON{}")


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
    body = models.AtlasList.model_validate(r.json())
    ids = {a.id: a for a in body.atlases}
    assert set(ids) == {"minilm", "dinov2"}
    a = ids["minilm"]
    assert (a.n_layers, a.n_heads, a.n_tokens, a.status) == (atlas.n_layers, atlas.n_heads, atlas.n_tokens, "ready")
    assert [l.name for l in a.layouts] == ["pca-2d", "pca-3d"]  # registry order, 2-D first
    assert "path" not in r.json()["atlases"][0]
    info = models.AtlasInfo.model_validate(client.get("/api/atlas/minilm").json())
    assert info.thumbnails is None and info.images is False and "token" in info.token_columns
    assert info.analysis is True and info.extra_terms is False
    assert {(p.name, p.complete, p.heads_done, p.heads_total) for p in info.layout_progress} == {
        ("pca-2d", True, 72, 72), ("pca-3d", True, 72, 72)}
    d = models.AtlasInfo.model_validate(client.get("/api/atlas/dinov2").json())
    assert d.image and d.images and d.thumbnails.count == d.n_tokens


def test_layout_order_comes_from_the_method_registry(minilm_copy, monkeypatch):
    """The list follows ``qkatlas.layout.methods.sort_key``, not a list in the server."""
    import shutil

    from qkatlas.atlas.writer import AtlasWriter
    import qkatlas.server.service.atlases as service

    for name in ("umap-2d", "tsne-2d", "zeta-2d"):  # complete layouts of three more methods
        shutil.copytree(minilm_copy / "layouts" / "pca-2d", minilm_copy / "layouts" / name)
    AtlasWriter(minilm_copy).update_manifest(lambda m: m["layouts"].update(
        {n: {"method": n[:-3], "dim": 2, "complete": True} for n in ("umap-2d", "tsne-2d", "zeta-2d")}))
    c = make_client([minilm_copy])
    names = lambda: [l["name"] for l in c.get("/api/atlases").json()["atlases"][0]["layouts"]]  # noqa: E731
    assert names() == ["pca-2d", "tsne-2d", "umap-2d", "zeta-2d", "pca-3d"]
    monkeypatch.setattr(service, "sort_key", lambda m: (-ord(m[0]), m))  # another registry order
    assert names() == ["zeta-2d", "umap-2d", "tsne-2d", "pca-2d", "pca-3d"]


def test_head_info_terms_and_analysis(client, atlas):
    h = models.HeadInfo.model_validate(client.get("/api/atlas/minilm/head?layer=2&head=5").json())
    t = atlas.terms(2, 5)
    assert h.terms.scale == pytest.approx(t.scale) and h.terms.causal is False and h.beyond_qk == []
    df = atlas.head_metrics()
    row = df[(df["layer"] == 2) & (df["head"] == 5)].iloc[0]
    assert h.label == row["label"] and h.metrics["entropy"] == pytest.approx(row["entropy"], abs=1e-6)
    fid = atlas.fidelity()
    expect = fid[(fid["layer"] == 2) & (fid["head"] == 5)].set_index("layout")["fidelity"]
    assert h.fidelity == pytest.approx(expect.to_dict(), abs=1e-6)


def test_head_info_says_alibi_and_attention_follows_it(minilm_copy):
    """An ALiBi head: the head panel says what the layout does not show; attention applies it."""
    from qkatlas.atlas.writer import AtlasWriter

    slopes = [0.25 * (h + 1) for h in range(12)]
    AtlasWriter(minilm_copy).update_manifest(lambda m: m["model"].__setitem__("attention", {"windows": None, "softcap": None, "alibi_slopes": slopes}))
    c = make_client([minilm_copy])
    h = c.get("/api/atlas/minilm/head?layer=1&head=0").json()
    assert h["terms"]["alibi_slope"] == 0.25
    assert any("ALiBi slope 0.25" in s and "the layout shows the content part" in s for s in h["beyond_qk"])
    assert c.get("/api/atlas/minilm").json()["extra_terms"] is True
    a = Atlas.open(minilm_copy)
    _, arr = msg(c.get("/api/atlas/minilm/attention?layer=1&head=0&seq=2"))
    np.testing.assert_allclose(arr["attention"], a.attention(1, 0, 2), atol=1e-6)


def test_tokens_columnar(client, atlas):
    r = client.get("/api/atlas/minilm/tokens")
    meta, arrays = msg(r)
    models.TokensMeta.model_validate(meta)
    tok = atlas.tokens
    assert meta["n"] == len(tok)
    kinds = {c["name"]: c["kind"] for c in meta["columns"]}
    assert kinds["token"] == "category" and kinds["is_special"] == "bool" and kinds["pos_norm"] == "float"
    decoded = np.array(meta["strings"]["token"], dtype=object)[arrays["token"]]
    assert list(decoded) == list(tok["token"])
    np.testing.assert_array_equal(arrays["seq"], tok["seq"])
    assert arrays["pos"].dtype.itemsize <= 2  # narrowed on the wire
    assert len(r.content) < 40 * len(tok)  # compact: a few bytes per token, not per-point JSON
    meta, arrays = msg(client.get("/api/atlas/minilm/tokens?columns=token,seq"))
    assert set(arrays) == {"token", "seq"} and meta["n"] == len(tok)


def test_sequences(client, atlas):
    r = client.get("/api/atlas/minilm/sequences", headers={"accept-encoding": "gzip"})
    body = models.SequencesTable.model_validate(r.json())
    assert body.n == len(atlas.sequences)
    assert body.data["text"][0] == atlas.sequences["text"].iloc[0]
    assert body.data["start"] == atlas.sequences["start"].tolist()
    part = client.get("/api/atlas/minilm/sequences?offset=5&limit=3").json()
    assert part["n"] == 3 and part["data"]["seq"] == [5, 6, 7] and part["total"] == len(atlas.sequences)


def test_sequences_gzip_on_the_wire(client):
    raw = client.get("/api/atlas/minilm/sequences", headers={"accept-encoding": "gzip"})
    assert raw.headers.get("content-encoding") == "gzip"
    with client.stream("GET", "/api/atlas/minilm/sequences", headers={"accept-encoding": "gzip"}) as s:
        body = b"".join(s.iter_raw())
    assert json.loads(gzip.decompress(body))["n"] > 0


# ---- layouts ---------------------------------------------------------------------------------------
def test_layout_whole_matrix_and_per_layer(client, atlas):
    n = atlas.n_tokens
    meta, arrays = msg(client.get("/api/atlas/minilm/layout/pca-2d"))
    models.LayoutMeta.model_validate(meta)
    H = atlas.n_layers * atlas.n_heads
    assert arrays["coords"].shape == (H, 2 * n, 2) and arrays["coords"].dtype == np.uint16
    assert arrays["bounds"].shape == (H, 2, 2) and meta["complete"] is True
    assert meta["heads"][0] == [0, 0] and meta["heads"][-1] == [atlas.n_layers - 1, atlas.n_heads - 1]
    i = 2 * atlas.n_heads + 5  # layer 2, head 5: dequantised = stored within half a step
    c = atlas.coords(2, 5, "pca", 2)
    back = wire.dequantize(arrays["coords"][i], arrays["bounds"][i])
    span = arrays["bounds"][i, :, 1] - arrays["bounds"][i, :, 0]
    assert np.all(np.abs(back - c).max(axis=0) <= span / 65535 * 0.51 + 1e-6)
    meta, arrays = msg(client.get("/api/atlas/minilm/layout/pca-2d?layer=3"))
    assert arrays["coords"].shape == (atlas.n_heads, 2 * n, 2) and meta["heads"] == [[3, h] for h in range(atlas.n_heads)]
    meta, arrays = msg(client.get("/api/atlas/minilm/layout/pca-3d?layer=1&head=4"))
    assert arrays["coords"].shape == (1, 2 * n, 3) and meta["dim"] == 3
    back = wire.dequantize(arrays["coords"][0], arrays["bounds"][0])
    np.testing.assert_allclose(back, atlas.coords(1, 4, "pca", 3), atol=float(np.ptp(back)) / 65535 + 1e-5)


def test_layout_bytes_per_point(client, atlas):
    r = client.get("/api/atlas/minilm/layout/pca-2d?layer=0", headers={"accept-encoding": "gzip"})
    points = atlas.n_heads * 2 * atlas.n_tokens
    assert len(r.content) / points <= 4.05  # 4 bytes per 2-D point plus a small header
    assert "content-encoding" not in r.headers  # quantised coordinates are sent as they are


def test_sampled_layout_uses_the_sample_rows(client, atlas):
    meta, s = msg(client.get("/api/atlas/minilm/sample?size=100"))
    models.SampleMeta.model_validate(meta)
    rows = s["rows"]
    assert len(rows) == 100 and np.all(np.diff(rows.astype(np.int64)) > 0)
    meta, arrays = msg(client.get("/api/atlas/minilm/layout/pca-2d?layer=0&head=2&sample=100"))
    assert meta["sample"] == 100 and arrays["coords"].shape == (1, 200, 2)
    full = atlas.coords(0, 2, "pca", 2)
    sub = np.concatenate([full[rows], full[atlas.n_tokens + rows.astype(np.int64)]])
    back = wire.dequantize(arrays["coords"][0], arrays["bounds"][0])
    np.testing.assert_allclose(back, sub, atol=float(np.ptp(sub)) / 65535 + 1e-5)
    _, big = msg(client.get(f"/api/atlas/minilm/sample?size={10 * atlas.n_tokens}"))
    np.testing.assert_array_equal(big["rows"], np.arange(atlas.n_tokens))


def test_norms(client, atlas):
    meta, arrays = msg(client.get("/api/atlas/minilm/norms?layer=1&head=0"))
    models.NormsMeta.model_validate(meta)
    assert arrays["norms"].shape == (1, 2 * atlas.n_tokens) and arrays["norms"].dtype == np.uint8
    q, k = atlas.normalized(1, 0)
    expect = np.concatenate([np.linalg.norm(q, axis=1), np.linalg.norm(k, axis=1)])
    np.testing.assert_allclose(arrays["norms"][0] / 255 * arrays["max"][0], expect, atol=expect.max() / 255 + 1e-4)


# ---- attention -----------------------------------------------------------------------------------
def test_attention_sequence_row_and_column(client, atlas):
    meta, arrays = msg(client.get("/api/atlas/minilm/attention?layer=2&head=7&seq=3"))
    models.AttentionMeta.model_validate(meta)
    expect = atlas.attention(2, 7, 3)
    np.testing.assert_allclose(arrays["attention"], expect, atol=1e-6)
    assert meta["n"] == expect.shape[0] and meta["start"] == int(atlas.sequences["start"].iloc[3])
    start = meta["start"]
    meta, arrays = msg(client.get(f"/api/atlas/minilm/attention?layer=2&head=7&token={start + 4}"))
    np.testing.assert_allclose(arrays["attention"], expect[4], atol=1e-6)
    assert meta["query"] == 4 and meta["seq"] == 3 and meta["role"] == "query"
    meta, arrays = msg(client.get(f"/api/atlas/minilm/attention?layer=2&head=7&token={start + 4}&role=key"))
    np.testing.assert_allclose(arrays["attention"], expect[:, 4], atol=1e-6)
    assert meta["key"] == 4 and meta["role"] == "key"
    assert "server-timing" in client.get(f"/api/atlas/minilm/attention?layer=0&head=0&token={start}").headers


def test_one_token_computes_one_query_row(client, atlas, monkeypatch):
    """A click costs one row of attention, not the sequence's n x n matrix."""
    from qkatlas.attention import HeadTerms

    shapes = []
    real = HeadTerms.probabilities

    def spy(self, q, k, q_pos=None):
        shapes.append((len(q), len(k)))
        return real(self, q, k, q_pos)

    monkeypatch.setattr(HeadTerms, "probabilities", spy)
    start, n = int(atlas.sequences["start"].iloc[7]), int(atlas.sequences["n_tokens"].iloc[7])
    msg(client.get(f"/api/atlas/minilm/attention?layer=4&head=1&token={start + 2}"))
    assert shapes == [(1, n)]


# ---- search -----------------------------------------------------------------------------------------
def test_search_exact_regex_and_counts(client, atlas):
    tok = atlas.tokens
    meta, arrays = msg(client.get("/api/atlas/minilm/search?q=The"))  # case-insensitive exact match
    models.SearchMeta.model_validate(meta)
    expect = np.flatnonzero(tok["token"].str.strip().str.lower() == "the")
    np.testing.assert_array_equal(arrays["rows"], expect)
    assert meta["n_tokens"] == len(expect) and meta["n_sequences"] == tok["seq"].iloc[expect].nunique()
    meta, arrays = msg(client.get("/api/atlas/minilm/search", params={"q": "^th", "regex": "true"}))
    expect = np.flatnonzero(tok["token"].str.contains("^th", case=False, regex=True))
    np.testing.assert_array_equal(arrays["rows"], expect)
    meta, arrays = msg(client.get("/api/atlas/minilm/search?q=zzzzqqq"))
    assert meta["n_tokens"] == 0 and len(arrays["rows"]) == 0


def test_search_pathological_pattern_is_refused_in_time():
    """A pattern with catastrophic backtracking cannot hold a worker: 400 after the time limit."""
    import time

    from qkatlas.server.errors import ApiError
    from qkatlas.server.service.search import _regex_hits

    t0 = time.perf_counter()
    with pytest.raises(ApiError, match="takes too long") as e:
        _regex_hits("(a|aa)+c", False, ["the", "a" * 40, "b"], 0.2)
    assert e.value.status == 400 and time.perf_counter() - t0 < 3
    assert _regex_hits("^th", False, ["The", "a", "this"], 1.0).tolist() == [True, False, True]


# ---- head analysis (read from the stored results) ----------------------------------------------------
def test_heads_similar_aggregate(client, atlas):
    body = models.HeadsTable.model_validate(client.get("/api/atlas/minilm/heads").json())
    assert body.n == atlas.n_layers * atlas.n_heads
    assert {"layer", "head", "label"} <= set(body.columns) and body.metrics and body.has_map
    df = atlas.head_metrics()
    assert body.data["label"] == df["label"].tolist()
    np.testing.assert_allclose(np.array(body.data["entropy"], float), df["entropy"], atol=1e-6)
    sim = models.SimilarResponse.model_validate(client.get("/api/atlas/minilm/similar?layer=1&head=2&k=4").json())
    expect = similar_heads(atlas, 1, 2, 4)
    assert [(h.layer, h.head) for h in sim.heads] == [(l, h) for l, h, _ in expect]
    assert [h.score for h in sim.heads] == pytest.approx([s for _, _, s in expect], abs=1e-6)
    meta, arrays = msg(client.get("/api/atlas/minilm/aggregate?layer=1&head=2"))
    models.AggregateMeta.model_validate(meta)
    np.testing.assert_array_equal(arrays["attention"], atlas.aggregate()["attn"][1, 2])
    _, arrays = msg(client.get("/api/atlas/minilm/aggregate?layer=1&head=2&weighted=true"))
    np.testing.assert_array_equal(arrays["attention"], atlas.aggregate()["attn_value_weighted"][1, 2])


def test_missing_analysis_is_a_404_naming_qkatlas_analyze(minilm_copy):
    """The server never computes an analysis: without one, those panels say what to run."""
    (minilm_copy / "heads.parquet").unlink()
    c = make_client([minilm_copy])
    for url in ("/api/atlas/minilm/heads", "/api/atlas/minilm/similar?layer=0&head=0",
                "/api/atlas/minilm/aggregate?layer=0&head=0"):
        text = error(c.get(url), 404)
        assert "qkatlas analyze" in text and str(minilm_copy.parent) not in text
    assert not (minilm_copy / "heads.parquet").exists()  # nothing was computed or written
    h = c.get("/api/atlas/minilm/head?layer=0&head=0").json()
    assert h["label"] is None and "qkatlas analyze" in h["analysis_error"] and str(minilm_copy.parent) not in h["analysis_error"]
    assert c.get("/api/atlas/minilm").json()["analysis"] is False
    assert c.get("/api/atlas/minilm/layout/pca-2d?layer=0").status_code == 200


def test_fidelity_values(client, atlas):
    body = models.FidelityTable.model_validate(client.get("/api/atlas/minilm/fidelity").json())
    fid = atlas.fidelity()
    assert body.n == len(fid) > 0 and body.columns == ["layer", "head", "layout", "fidelity", "geometry"]
    assert body.data["layer"] == fid["layer"].tolist() and body.data["layout"] == fid["layout"].tolist()
    got = np.array([np.nan if v is None else v for v in body.data["fidelity"]], float)
    np.testing.assert_allclose(got, fid["fidelity"].to_numpy(float), atol=1e-6, equal_nan=True)
    geo = np.array([np.nan if v is None else v for v in body.data["geometry"]], float)
    np.testing.assert_allclose(geo, fid["geometry"].to_numpy(float), atol=1e-6, equal_nan=True)
    one = client.get("/api/atlas/minilm/fidelity?layer=3").json()
    assert set(one["data"]["layer"]) == {3} and one["n"] == int((fid["layer"] == 3).sum())


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
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    assert r.content == d.image_path(2).read_bytes()


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
    ("/api/atlas/minilm/layout/pca-2d?layer=0&head=-1", 400, "head -1: out of range"),
    ("/api/atlas/minilm/layout/pca-2d?sample=0", 400, "sample"),
    ("/api/atlas/minilm/norms?layer=6", 400, "out of range"),
    ("/api/atlas/minilm/norms?layer=0&head=-3", 400, "head -3: out of range"),
    ("/api/atlas/minilm/attention?layer=0&head=99&seq=0", 400, "head 99 out of range"),
    ("/api/atlas/minilm/attention?layer=0&head=-1&seq=0", 400, "head -1: out of range"),
    ("/api/atlas/minilm/attention?layer=0&head=0&seq=4000", 400, "sequence 4000 out of range"),
    ("/api/atlas/minilm/attention?layer=0&head=0&token=100000", 400, "token 100000 out of range"),
    ("/api/atlas/minilm/attention?layer=0&head=0&token=-1", 400, "token -1: out of range"),
    ("/api/atlas/minilm/attention?layer=0&head=0", 400, "give 'seq'"),
    ("/api/atlas/minilm/attention?layer=0&head=0&token=3&role=value", 400, "role"),
    ("/api/atlas/minilm/attention?layer=0&head=0&token=3&seq=5", 400, "is in sequence"),
    ("/api/atlas/minilm/attention?layer=x&head=0&seq=0", 400, "parameter 'layer'"),
    ("/api/atlas/minilm/attention?head=0&seq=0", 400, "parameter 'layer'"),
    ("/api/atlas/minilm/attention?layer=0&head=99999999999999999999&seq=0", 400, "head"),
    ("/api/atlas/minilm/head?layer=0&head=-2", 400, "head -2: out of range"),
    ("/api/atlas/minilm/search?q=", 400, "empty"),
    ("/api/atlas/minilm/search?q=(th&regex=true", 400, "bad pattern"),
    ("/api/atlas/minilm/search?q=the&column=seq", 400, "column"),
    ("/api/atlas/minilm/similar?layer=0&head=0&k=0", 400, "k 0"),
    ("/api/atlas/minilm/similar?layer=9&head=0", 400, "out of range"),
    ("/api/atlas/minilm/aggregate?layer=0&head=40", 400, "out of range"),
    ("/api/atlas/minilm/tokens?columns=nope", 400, "not in the token table"),
    ("/api/atlas/minilm/sequences?offset=1000", 400, "offset 1000 out of range"),
    ("/api/atlas/minilm/thumbnails.png", 404, "no patch thumbnails"),
    ("/api/atlas/minilm/image/0", 404, "text atlas"),
    ("/api/atlas/dinov2/image/99", 400, "sequence 99 out of range"),
    ("/api/atlas/minilm/sample?size=abc", 400, "parameter 'size'"),
    ("/api/nothing/here", 404, "no such endpoint"),
])
def test_bad_requests_are_clear_json_errors(client, url, status, words):
    assert words in error(client.get(url), status)


def test_writes_are_refused(client):
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        r = client.request(method, "/api/atlas/minilm/layout/pca-2d")
        assert 400 <= r.status_code < 500 and "error" in r.json()


def test_static_app_is_served(client):
    r = client.get("/")
    if (WEB_DIST / "index.html").is_file():
        assert r.status_code == 200 and "<div id=\"app\">" in r.text
        assert "http://" not in r.text and "https://" not in r.text  # no CDN: works offline
    else:
        assert r.status_code == 503 and "npm run build" in r.text


def test_frontend_missing_says_how_to_build(minilm_atlas, tmp_path):
    c = make_client([minilm_atlas], dist=tmp_path / "none")
    r = c.get("/")
    assert r.status_code == 503 and "npm run build" in r.text and str(tmp_path) not in r.text
    assert c.get("/api/atlases").status_code == 200


def test_discovers_atlases_in_a_parent_folder(atlas_root, minilm_atlas, dinov2_atlas):
    app = create_app([atlas_root])
    assert {"minilm", "dinov2"} <= set(app.state.registry.entries)
    with pytest.raises(InputError, match="not a qkatlas atlas"):
        create_app([atlas_root / "minilm" / "queries"])
    with pytest.raises(InputError, match="no such folder"):
        create_app([atlas_root / "missing"])
    app = create_app([minilm_atlas, minilm_atlas])  # the same name twice gets a unique id
    assert set(app.state.registry.entries) == {"minilm", "minilm-2"}


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
