"""``qkatlas export``: the static site's files are the explorer API's answers, attention computed
from the exported q/k equals ``Atlas.attention`` to the export's precision, the size options cut
what they say, and bad input is refused without touching anything."""

from __future__ import annotations

import json

import numpy as np
import pytest

from qkatlas.atlas.reader import Atlas
from qkatlas.errors import InputError
from qkatlas.server import wire
from qkatlas.share import qk, sitepaths
from qkatlas.share.export import decode_map, export_site

QUIET = {"log": lambda *_: None}


def _json(site, rel):
    return json.loads((site / rel).read_text())


def test_site_has_the_page_the_front_end_and_one_folder_per_atlas(site):
    html = (site / "index.html").read_text()
    assert 'window.QKATLAS_CONFIG = {"source": "static", "dataRoot": "./data/"}' in html
    assert html.index("QKATLAS_CONFIG") < html.index('<script type="module"')
    for src in [s.split('"')[0] for s in html.split('src="./')[1:]]:
        assert (site / src).is_file(), src
    assert (site / sitepaths.MARKER).is_file()
    ids = [a["id"] for a in _json(site, sitepaths.ATLASES)["atlases"]]
    assert ids == ["minilm", "dinov2"]
    assert not list(site.parent.glob(".site.export-*"))  # the working folder is gone


@pytest.mark.parametrize("aid", ["minilm", "dinov2"])
def test_files_are_the_apis_answers(site, api, aid):
    info = _json(site, sitepaths.file(aid, "info.json"))
    served = api.get(f"/api/atlas/{aid}").json()
    export = info.pop("export")
    if served["thumbnails"]:
        assert info["thumbnails"].pop("url") == "thumbnails.png"
        served["thumbnails"].pop("url")
    assert info == served
    assert export["all_heads"] and export["layouts"] == ["pca-2d", "pca-3d"] and not export["missing"]
    listed = {a["id"]: a for a in _json(site, sitepaths.ATLASES)["atlases"]}
    assert listed[aid] == {a["id"]: a for a in api.get("/api/atlases").json()["atlases"]}[aid]

    head_info = _json(site, sitepaths.file(aid, "head-info.json"))
    assert len(head_info) == info["n_layers"] * info["n_heads"]
    assert head_info["2,3"] == api.get(f"/api/atlas/{aid}/head?layer=2&head=3").json()
    same = {"tokens.qkb": "/tokens", "sequences.json": "/sequences", "heads.json": "/heads", "fidelity.json": "/fidelity"}
    if served["image"]:
        same |= {"thumbnails.png": "/thumbnails.png", "images/00002.png": "/image/2"}
    for name, path in same.items():
        assert (site / sitepaths.file(aid, name)).read_bytes() == api.get(f"/api/atlas/{aid}{path}").content, name
    for layer in range(info["n_layers"]):
        for name in ("pca-2d", "pca-3d"):
            got = (site / sitepaths.layout(aid, name, layer)).read_bytes()
            assert got == api.get(f"/api/atlas/{aid}/layout/{name}?layer={layer}").content, (name, layer)
        assert (site / sitepaths.norms(aid, layer)).read_bytes() == api.get(f"/api/atlas/{aid}/norms?layer={layer}").content

    # the level-of-detail sample: the first K rows of the exported order, sorted, are /sample?size=K
    _, arrays = wire.unpack((site / sitepaths.file(aid, "sample.qkb")).read_bytes())
    order = arrays["rows"]
    assert sorted(order) == list(range(info["n_tokens"]))
    for k in (1, 97, info["n_tokens"] - 1):
        _, served_rows = wire.unpack(api.get(f"/api/atlas/{aid}/sample?size={k}").content)
        np.testing.assert_array_equal(np.sort(order[:k]), served_rows["rows"])

    # similar heads and the aggregate maps of a head
    sim = _json(site, sitepaths.file(aid, "similar.json"))
    want = api.get(f"/api/atlas/{aid}/similar?layer=2&head=3&k=6").json()["heads"]
    assert [{"layer": l, "head": h, "score": s} for l, h, s in sim["heads"]["2,3"][:6]] == want
    meta, arrays = wire.unpack((site / sitepaths.aggregate(aid, 2, 3)).read_bytes())
    for name, weighted in (("attention", "false"), ("weighted", "true")):
        _, served_map = wire.unpack(api.get(f"/api/atlas/{aid}/aggregate?layer=2&head=3&weighted={weighted}").content)
        np.testing.assert_allclose(decode_map(arrays[name]), served_map["attention"], atol=1e-5, equal_nan=True)


@pytest.mark.parametrize("aid", ["minilm", "dinov2"])
def test_attention_from_the_exported_qk_equals_the_atlas(site, minilm_atlas, dinov2_atlas, aid):
    a = Atlas.open(minilm_atlas if aid == "minilm" else dinov2_atlas)
    rng = np.random.default_rng(0)
    worst, agree = 0.0, []
    for l, h in [(0, 0), (2, 3), (a.n_layers - 1, a.n_heads - 1), (3, 1)]:
        qm, q = wire.unpack((site / sitepaths.queries(aid, l, h)).read_bytes())
        km, k = wire.unpack((site / sitepaths.keys(aid, l, qm["kv_head"])).read_bytes())
        assert q["codes"].shape == (a.n_tokens, a.d_head) and q["codes"].dtype == np.uint8
        assert qm["terms"] == qk.terms_meta(a.terms(l, h)) and km["kv_head"] == a.kv_head(h)
        # the codes reproduce the vectors to half a step
        step = (q["hi"] - q["lo"]) / qk.LEVELS
        assert np.all(np.abs(qk.dequantize(q["codes"], q["lo"], q["hi"]) - a.queries(l, h)) <= step / 2 + 1e-5)
        for seq in rng.choice(a.n_sequences, 3, replace=False):
            rows = a.sequence_rows(int(seq))
            n = rows.stop - rows.start
            want = a.attention(l, h, int(seq))
            got = qk.browser_attention(q, k, qm["terms"], rows.start, n)
            worst = max(worst, float(np.abs(got - want).max()))
            agree.extend(got.argmax(1) == want.argmax(1))
            row = qk.browser_attention(q, k, qm["terms"], rows.start, n, query=n // 2)
            np.testing.assert_allclose(row, got[n // 2], atol=1e-6)
    assert worst < 0.05, worst  # uint8 q/k: the export's precision
    assert np.mean(agree) > 0.95


def test_size_options_cut_heads_layouts_and_tokens(minilm_atlas, dinov2_atlas, tmp_path):
    a = Atlas.open(minilm_atlas)
    out = tmp_path / "small"
    res = export_site([minilm_atlas, dinov2_atlas], out, layouts="pca-2d", heads="L2H5,L4H*", sample=300, **QUIET)
    info = _json(out, sitepaths.file("minilm", "info.json"))
    assert info["export"]["heads"] == [[2, 5]] + [[4, h] for h in range(12)]
    assert [x["name"] for x in info["layouts"]] == ["pca-2d"]
    assert not (out / "data/minilm/layouts/pca-3d").exists()
    assert sorted(p.name for p in (out / "data/minilm/layouts/pca-2d").iterdir()) == ["L002.qkb", "L004.qkb"]
    assert sorted(p.name for p in (out / "data/minilm/attention/L002").iterdir()) == ["K005.qkb", "Q005.qkb"]
    # --sample keeps the first whole sequences: rows keep their numbers
    lengths = a.sequences["n_tokens"].to_numpy()
    n_seq = int(np.searchsorted(np.cumsum(lengths), 300, side="right"))
    n = int(lengths[:n_seq].sum())
    assert info["n_tokens"] == n <= 300 and info["n_sequences"] == n_seq and info["export"]["n_tokens_total"] == a.n_tokens
    meta, arrays = wire.unpack((out / sitepaths.layout("minilm", "pca-2d", 4)).read_bytes())
    assert meta["heads"] == [[4, h] for h in range(12)] and arrays["coords"].shape == (12, 2 * n, 2)
    full = a.coords(4, 7, "pca", 2)
    back = wire.dequantize(arrays["coords"][7], arrays["bounds"][7])
    np.testing.assert_allclose(back, np.concatenate([full[:n], full[a.n_tokens:a.n_tokens + n]]),
                               atol=float(np.ptp(full, axis=0).max()) / 60000)
    tokens_meta, _ = wire.unpack((out / sitepaths.file("minilm", "tokens.qkb")).read_bytes())
    assert tokens_meta["n"] == n
    sim = _json(out, sitepaths.file("minilm", "similar.json"))["heads"]
    assert set(sim) == {"2,5"} | {f"4,{h}" for h in range(12)}
    assert all((l, h) == (2, 5) or l == 4 for row in sim.values() for l, h, _ in row)
    # sizes reported, and they add up to the folder
    on_disk = sum(p.stat().st_size for p in out.rglob("*") if p.is_file() and p.name != sitepaths.MARKER)
    assert abs(res.bytes - on_disk) < 200
    mini = next(x for x in res.atlases if x.id == "minilm")
    assert mini.n_heads == 13 and mini.n_tokens == n
    per = mini.per_token_head
    assert per["layouts"] == pytest.approx(8, rel=0.1) and per["attention"] == pytest.approx(2 * a.d_head, rel=0.1)
    assert any("MiB" in line or "KiB" in line for line in res.lines())


def test_without_attention_the_site_has_no_qk(minilm_atlas, tmp_path):
    res = export_site([minilm_atlas], tmp_path / "s", heads="L0H*", attention=False, **QUIET)
    assert not (tmp_path / "s" / "data/minilm/attention").exists()
    assert _json(tmp_path / "s", sitepaths.file("minilm", "info.json"))["export"]["attention"] is None
    assert res.atlases[0].bytes["attention"] == 0


def test_bad_input_is_refused_and_nothing_is_overwritten(minilm_atlas, dinov2_atlas, tmp_path):
    keep = tmp_path / "mine"
    keep.mkdir()
    (keep / "notes.txt").write_text("precious")
    with pytest.raises(InputError, match="not a qkatlas export"):
        export_site([minilm_atlas], keep, **QUIET)
    assert (keep / "notes.txt").read_text() == "precious" and len(list(keep.iterdir())) == 1
    for kwargs, pattern in [({"heads": "L9H0"}, "out of range"), ({"heads": "layer2"}, "is not a head"),
                            ({"layouts": "tsne-2d"}, "no complete layout 'tsne-2d'"), ({"sample": 0}, "positive")]:
        with pytest.raises(InputError, match=pattern) as err:
            export_site([minilm_atlas], tmp_path / "bad", **kwargs, **QUIET)
        assert "\n" not in str(err.value)
        assert not (tmp_path / "bad").exists()
    with pytest.raises(InputError, match="not a qkatlas atlas"):
        export_site([tmp_path], tmp_path / "bad2", **QUIET)

    # an earlier export is replaced only by a finished one: a failure midway keeps it whole
    site = tmp_path / "site"
    export_site([minilm_atlas], site, heads="L0H0", **QUIET)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    with pytest.raises(InputError, match="out of range"):
        export_site([minilm_atlas, dinov2_atlas], site, heads="L0H7", **QUIET)  # dinov2 has 6 heads
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir() if "export-" in p.name] == []
    export_site([minilm_atlas], site, heads="L1H1", **QUIET)
    assert _json(site, sitepaths.file("minilm", "info.json"))["export"]["heads"] == [[1, 1]]


def test_cli_prints_the_size(minilm_atlas, tmp_path):
    import typer
    from typer.testing import CliRunner

    from qkatlas.cli import share

    app = typer.Typer()
    share.register(app)
    r = CliRunner().invoke(app, ["export", str(minilm_atlas), "--out", str(tmp_path / "s"), "--heads", "L1H*",
                                 "--layouts", "pca", "--sample", "200", "-q"])
    assert r.exit_code == 0, r.output
    assert f"{tmp_path / 's'}:" in r.output and "files" in r.output and "per head" in r.output
    assert "minilm: 12 heads x" in r.output and "of 976" in r.output
