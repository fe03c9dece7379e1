"""Figures use the explorer's colours: ``qkatlas.share.palette`` gives every point the RGBA that
the front end's own ``tokenColors``/``normColors`` (TypeScript, transpiled with web/node_modules
and run by node) gives it, for every colour mode, on both test atlases."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from qkatlas.atlas.reader import Atlas
from qkatlas.share import palette

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "web" / "src"
TYPESCRIPT = ROOT / "web" / "node_modules" / "typescript" / "lib" / "typescript.js"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(not (NODE and TYPESCRIPT.is_file()), reason="needs node and web/node_modules (cd web && npm ci)")

# A tiny CommonJS loader: transpiles each .ts file of web/src on first require.
RUN_JS = r"""
const fs = require('fs'), path = require('path');
const [tsPath, coloringFile, decodeFile, tokensFile, msgFile, modesJson, normsFile] = process.argv.slice(2);
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
const coloring = load(coloringFile), decode = load(decodeFile), tokens = load(tokensFile);
const b = fs.readFileSync(msgFile);
const table = new tokens.TokenTable(decode.decodeTokens(decode.parseMessage(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength))));
const out = {};
for (const mode of JSON.parse(modesJson)) out[mode] = Buffer.from(coloring.tokenColors(mode, table, null)).toString('base64');
const norms = new Uint8Array(fs.readFileSync(normsFile));
const rgba = new Uint8Array(norms.length * 4);
coloring.normColors(norms, rgba, 0);
out.norm = Buffer.from(rgba).toString('base64');
console.log(JSON.stringify(out));
"""


def _find(marker: str) -> Path:
    for p in sorted(SRC.rglob("*.ts")):
        if marker in p.read_text(encoding="utf-8"):
            return p
    pytest.skip(f"no web/src file defines {marker!r}")


@pytest.mark.parametrize("which", ["minilm", "dinov2"])
def test_every_mode_colours_every_point_like_the_explorer(which, minilm_atlas, dinov2_atlas, tmp_path):
    from qkatlas.server.registry import Snapshot
    from qkatlas.server.service import AtlasService

    a = Atlas.open(minilm_atlas if which == "minilm" else dinov2_atlas)
    msg = tmp_path / "tokens.qkb"
    msg.write_bytes(AtlasService().tokens_message(Snapshot(which, a, (0, 0, 0))))
    norms = palette.head_norms(*a.normalized(2, 3))
    (tmp_path / "norms.bin").write_bytes(norms.tobytes())
    modes = palette.color_modes(a.tokens, a.is_image)
    modes = [m for m in modes if m != "norm"] + ["meta:token_id"]
    script = tmp_path / "colors.cjs"
    script.write_text(RUN_JS)
    r = subprocess.run([NODE, str(script), str(TYPESCRIPT), str(_find("export function tokenColors")),
                        str(_find("export function decodeTokens")), str(_find("export class TokenTable")), str(msg),
                        json.dumps(modes), str(tmp_path / "norms.bin")], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    ts = {k: np.frombuffer(base64.b64decode(v), np.uint8).reshape(-1, 4) for k, v in json.loads(r.stdout).items()}
    for mode in modes:
        py = palette.token_colors(mode, a.tokens)
        assert py.shape == ts[mode].shape == (2 * a.n_tokens, 4), mode
        bad = np.flatnonzero((py != ts[mode]).any(axis=1))
        assert not len(bad), f"{mode}: {len(bad)} points differ, first row {bad[0]}: python {py[bad[0]]} vs explorer {ts[mode][bad[0]]}"
    np.testing.assert_array_equal(palette.norm_colors(norms), ts["norm"])


def test_constants_are_the_explorers():
    squeeze = "".join(_find("export const RAMPS").read_text(encoding="utf-8").split())
    rows = lambda stops: "[" + "],[".join(",".join(map(str, s)) for s in stops) + "]"  # noqa: E731
    for name, stops in palette.RAMPS.items():
        assert f"{name}:[{rows(stops)}]" in squeeze, name
    assert f"CATEGORICAL:RGB[]=[{rows(palette.CATEGORICAL)}" in squeeze
    assert "query:[44,170,90],key:[230,60,150]" in squeeze and "MISSING:RGB=[128,128,128]" in squeeze
