"""The static export's data source (``web/src/api/static.ts``, transpiled with web/node_modules and
run by node over the exported files through a fake ``fetch``) answers like the explorer's API:
the same JSON and arrays where the export stores the API's answers, the same search results,
level-of-detail samples within a quantisation step, and a click's attention equal to
``Atlas.attention`` to the export's precision (uint8 q/k)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from qkatlas.atlas.reader import Atlas
from qkatlas.server import wire

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "web" / "src"
STATIC_TS = SRC / "api" / "static.ts"
TYPESCRIPT = ROOT / "web" / "node_modules" / "typescript" / "lib" / "typescript.js"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(not (NODE and TYPESCRIPT.is_file() and STATIC_TS.is_file()),
                                reason="needs node, web/node_modules and web/src/api/static.ts")

# Loads static.ts (and what it imports) as CommonJS, fetches from the site folder, runs the calls.
RUN_JS = r"""
const fs = require('fs'), path = require('path');
const [tsPath, entry, siteDir, callsFile] = process.argv.slice(2);
const ts = require(tsPath);
const cache = {};
function load(file) {
  if (cache[file]) return cache[file].exports;
  const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  const mod = cache[file] = { exports: {} };
  const req = (spec) => spec.startsWith('.') ? load(path.resolve(path.dirname(file), spec) + '.ts') : require(spec);
  new Function('module', 'exports', 'require', js)(mod, mod.exports, req);
  return mod.exports;
}
const { StaticSource } = load(entry);
const fetched = [];
const fetcher = async (url) => {
  fetched.push(url);
  const p = path.join(siteDir, url.replace(/^\.\//, ''));
  return fs.existsSync(p) ? new Response(fs.readFileSync(p)) : new Response('not found', { status: 404, statusText: 'Not Found' });
};
const plain = (x) => {
  if (ArrayBuffer.isView(x)) return Array.from(x, (v) => (Number.isNaN(v) ? null : v));
  if (Array.isArray(x)) return x.map(plain);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, plain(v)]));
  return x;
};
(async () => {
  const src = new StaticSource('./data/', fetcher);
  const out = [];
  for (const [id, method, args] of JSON.parse(fs.readFileSync(callsFile, 'utf8'))) {
    try {
      const target = id === null ? src : src.atlas(id);
      out.push({ ok: plain(await target[method](...args)) });
    } catch (e) {
      out.push({ error: String(e.message), status: e.status ?? null, name: e.name });
    }
  }
  console.log(JSON.stringify({ out, fetched }));
})().catch((e) => { console.error(e); process.exit(1); });
"""


def run_static(site: Path, calls: list, tmp_path: Path) -> tuple[list, list]:
    script = tmp_path / "static.cjs"
    script.write_text(RUN_JS)
    (tmp_path / "calls.json").write_text(json.dumps(calls))
    r = subprocess.run([NODE, str(script), str(TYPESCRIPT), str(STATIC_TS), str(site), str(tmp_path / "calls.json")],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    res = json.loads(r.stdout)
    return res["out"], res["fetched"]


def _ok(result):
    assert "ok" in result, result
    return result["ok"]


def test_json_answers_equal_the_api(site, api, tmp_path):
    calls = [[None, "atlases", []], ["minilm", "heads", []], ["minilm", "fidelity", []], ["minilm", "sequences", []],
             ["minilm", "similar", [2, 3, 6]], ["dinov2", "similar", [5, 2, 4]], ["dinov2", "headInfo", [5, 2]]]
    out, _ = run_static(site, calls, tmp_path)
    assert _ok(out[0]) == api.get("/api/atlases").json()["atlases"]
    assert _ok(out[1]) == api.get("/api/atlas/minilm/heads").json()
    assert _ok(out[2]) == api.get("/api/atlas/minilm/fidelity").json()
    assert _ok(out[3]) == api.get("/api/atlas/minilm/sequences").json()
    assert _ok(out[4]) == api.get("/api/atlas/minilm/similar?layer=2&head=3&k=6").json()
    assert _ok(out[5]) == api.get("/api/atlas/dinov2/similar?layer=5&head=2&k=4").json()
    assert _ok(out[6]) == api.get("/api/atlas/dinov2/head?layer=5&head=2").json()


def test_layout_norms_and_sample_like_the_api(site, api, tmp_path):
    calls = [["minilm", "sample", [100]], ["minilm", "sample", [5000]],
             ["minilm", "layout", ["pca-2d", {"layer": 3}]],
             ["minilm", "layout", ["pca-3d", {"layer": 1, "head": 4}]],
             ["minilm", "layout", ["pca-2d", {"layer": 2, "sample": 100}]],
             ["minilm", "norms", [{"layer": 2, "sample": 100}]],
             ["minilm", "norms", [{"layer": 0, "head": 5}]],
             ["minilm", "layout", ["umap-2d", {"layer": 0}]]]
    out, fetched = run_static(site, calls, tmp_path)
    _, rows = wire.unpack(api.get("/api/atlas/minilm/sample?size=100").content)
    assert _ok(out[0]) == rows["rows"].tolist()
    assert _ok(out[1]) == list(range(976))
    for i, url in [(2, "layout/pca-2d?layer=3"), (3, "layout/pca-3d?layer=1&head=4"), (4, "layout/pca-2d?layer=2&sample=100")]:
        got = _ok(out[i])
        meta, arrays = wire.unpack(api.get(f"/api/atlas/minilm/{url}").content)
        assert got["heads"] == meta["heads"] and got["perRole"] == meta["n_per_role"] and got["dim"] == meta["dim"]
        H, P, D = arrays["coords"].shape
        for h in range(H):
            want = wire.dequantize(arrays["coords"][h], arrays["bounds"][h])
            mine = wire.dequantize(np.array(got["coords"], np.uint16).reshape(H, P, D)[h],
                                   np.array(got["bounds"], np.float32).reshape(H, D, 2)[h])
            span = float(np.ptp(want, axis=0).max())
            np.testing.assert_allclose(mine, want, atol=span * 2.5 / 65535)  # a sample is quantised twice
    meta, arrays = wire.unpack(api.get("/api/atlas/minilm/norms?layer=2&sample=100").content)
    got = _ok(out[5])
    assert got["heads"] == meta["heads"] and got["perRole"] == 100
    assert np.abs(np.array(got["norms"]) - arrays["norms"].ravel().astype(int)).max() <= 1
    np.testing.assert_allclose(got["max"], arrays["max"], rtol=0.01)
    meta, arrays = wire.unpack(api.get("/api/atlas/minilm/norms?layer=0&head=5").content)
    assert _ok(out[6])["norms"] == arrays["norms"].ravel().tolist()
    assert out[7]["status"] == 404 and "umap-2d" in out[7]["error"]
    assert fetched.count("./data/minilm/layouts/pca-2d/L002.qkb") == 1  # one fetch per layer file


@pytest.mark.parametrize("q,regex", [("the", False), ("The ", False), ("^(the|a)$", True), ("##s", False), ("ing$", True),
                                     (",", False), ("zzqqxx", False)])
def test_search_counts_equal_the_api(site, api, tmp_path, q, regex):
    out, _ = run_static(site, [["minilm", "search", [{"q": q, "regex": regex}]]], tmp_path)
    got = _ok(out[0])
    meta, arrays = wire.unpack(api.get("/api/atlas/minilm/search", params={"q": q, "regex": str(regex).lower()}).content)
    assert got["rows"] == arrays["rows"].tolist()
    assert (got["nTokens"], got["nSequences"], got["nDistinct"]) == (meta["n_tokens"], meta["n_sequences"], meta["n_distinct"])


def test_search_errors(site, tmp_path):
    out, _ = run_static(site, [["minilm", "search", [{"q": "(", "regex": True}]], ["minilm", "search", [{"q": " ", "regex": False}]]], tmp_path)
    assert [o["status"] for o in out] == [400, 400]


@pytest.mark.parametrize("aid", ["minilm", "dinov2"])
def test_attention_equals_the_atlas(site, minilm_atlas, dinov2_atlas, tmp_path, aid):
    a = Atlas.open(minilm_atlas if aid == "minilm" else dinov2_atlas)
    picks = [(2, 3, 40), (0, 0, 5), (a.n_layers - 1, a.n_heads - 1, a.n_tokens - 2), (4, 1, a.n_tokens // 2)]
    calls = [[aid, "tokenAttention", [l, h, row, role]] for l, h, row in picks for role in ("query", "key")]
    calls += [[aid, "sequenceAttention", [1, 2, 1]], [aid, "tokenAttention", [0, 0, a.n_tokens, "query"]]]
    out, _ = run_static(site, calls, tmp_path)
    i = 0
    for l, h, row in picks:
        seq, pos = a.token_position(row)
        full = a.attention(l, h, seq)
        for role in ("query", "key"):
            got = _ok(out[i])
            i += 1
            rows = a.sequence_rows(seq)
            assert (got["seq"], got["start"], got["n"]) == (seq, rows.start, rows.stop - rows.start)
            want = full[pos] if role == "query" else full[:, pos]
            w = np.array(got["weights"])
            assert np.abs(w - want).max() < 0.05, (l, h, row, role, np.abs(w - want).max())
            if role == "query":
                assert abs(w.sum() - 1) < 1e-5
                assert want.max() - want[w.argmax()] < 0.05  # the most attended key, up to near ties
    got = _ok(out[i])
    np.testing.assert_allclose(np.array(got["weights"]).reshape(got["n"], got["n"]), a.attention(1, 2, 1), atol=0.05)
    assert out[i + 1]["status"] == 400


def test_aggregate_images_and_missing_heads(site, api, tmp_path, minilm_atlas):
    from qkatlas.share.export import export_site

    calls = [["minilm", "aggregate", [2, 3, False]], ["minilm", "aggregate", [2, 3, True]], ["dinov2", "thumbnails", []]]
    out, _ = run_static(site, calls, tmp_path)
    for res, weighted in zip(out[:2], ("false", "true")):
        _, want = wire.unpack(api.get(f"/api/atlas/minilm/aggregate?layer=2&head=3&weighted={weighted}").content)
        got = _ok(res)
        assert got["positions"] == want["attention"].shape[0]
        np.testing.assert_allclose(np.array(got["weights"], dtype=float), want["attention"].ravel(), atol=2e-5, equal_nan=True)
    assert _ok(out[2]) == "./data/dinov2/thumbnails.png"

    small = tmp_path / "small"
    export_site([minilm_atlas], small, heads="L2H5", attention=False, log=lambda *_: None)
    calls = [["minilm", "layout", ["pca-2d", {"layer": 0}]], ["minilm", "layout", ["pca-2d", {"layer": 2, "head": 4}]],
             ["minilm", "layout", ["pca-2d", {"layer": 2}]], ["minilm", "tokenAttention", [2, 5, 3, "query"]],
             ["minilm", "similar", [2, 5, 6]], ["minilm", "norms", [{"layer": 3}]]]
    out, _ = run_static(small, calls, tmp_path)
    assert _ok(out[0])["heads"] == [] and _ok(out[5])["heads"] == []  # a layer without exported heads: nothing to draw
    assert out[1]["status"] == 404 and "L2H4 is not in this export" in out[1]["error"]
    assert _ok(out[2])["heads"] == [[2, 5]]
    assert out[3]["status"] == 404 and "--no-attention" in out[3]["error"]
    assert _ok(out[4])["heads"] == []  # no other exported head to be similar to
