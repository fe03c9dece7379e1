"""QKB1 messages made by the Python encoder, decoded by the front end's TypeScript decoder
(``web/src/api/wire.ts``, transpiled with the TypeScript in web/node_modules and run by node)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from qkatlas.server import wire

ROOT = Path(__file__).resolve().parents[2]
WIRE_TS = ROOT / "web" / "src" / "api" / "wire.ts"
TYPESCRIPT = ROOT / "web" / "node_modules" / "typescript" / "lib" / "typescript.js"
FIXTURE = ROOT / "web" / "test" / "fixtures" / "wire-python.bin"  # read by the front end's vitest
NODE = shutil.which("node")

DECODE_JS = r"""
const fs = require('fs');
const ts = require(process.argv[2]);
const src = fs.readFileSync(process.argv[3], 'utf8');
const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
const mod = { exports: {} };
new Function('module', 'exports', 'require', js)(mod, mod.exports, require);
const out = [];
for (const file of process.argv.slice(4)) {
  const b = fs.readFileSync(file);
  const buf = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  const msg = mod.exports.parseMessage(buf);
  const arrays = {};
  for (const [name, a] of Object.entries(msg.arrays)) {
    arrays[name] = { type: a.data.constructor.name, shape: a.shape, data: Array.from(a.data, (x) => Object.is(x, -0) ? '-0' : x) };
  }
  let deq = null;
  if (msg.arrays.coords && msg.arrays.bounds) {
    const [H, P, D] = msg.arrays.coords.shape, c = msg.arrays.coords.data, bd = msg.arrays.bounds.data;
    deq = [];
    for (let i = 0; i < P * D; i++) { const d = i % D; deq.push(mod.exports.dequantize(c[i], bd[2 * d], bd[2 * d + 1])); }
  }
  out.push({ meta: msg.meta, arrays, deq });
}
console.log(JSON.stringify(out));
"""

TYPED = {"uint8": "Uint8Array", "int8": "Int8Array", "uint16": "Uint16Array", "int16": "Int16Array",
         "uint32": "Uint32Array", "int32": "Int32Array", "float32": "Float32Array", "float64": "Float64Array"}

pytestmark = pytest.mark.skipif(not (NODE and TYPESCRIPT.is_file() and WIRE_TS.is_file()),
                                reason="needs node and web/node_modules (cd web && npm ci)")


def decode_with_typescript(tmp_path: Path, *messages: bytes) -> list[dict]:
    files = []
    for i, m in enumerate(messages):
        f = tmp_path / f"m{i}.bin"
        f.write_bytes(m)
        files.append(str(f))
    script = tmp_path / "decode.cjs"
    script.write_text(DECODE_JS)
    r = subprocess.run([NODE, str(script), str(TYPESCRIPT), str(WIRE_TS), *files], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _same(decoded: dict, arrays: dict) -> None:
    assert set(decoded) == set(arrays)
    for name, a in arrays.items():
        d = decoded[name]
        assert d["type"] == TYPED[a.dtype.name], name
        assert d["shape"] == list(a.shape), name
        values = np.array([-0.0 if v == "-0" else v for v in d["data"]], dtype=np.float64)
        np.testing.assert_array_equal(values.astype(a.dtype), a.ravel(), err_msg=name)
        if a.dtype.kind == "f":
            assert [v == "-0" for v in d["data"]] == list(np.signbit(a.ravel()) & (a.ravel() == 0)), name


def test_typescript_decodes_every_dtype_from_python(tmp_path):
    buf = wire.example()
    meta, arrays = wire.unpack(buf)
    (out,) = decode_with_typescript(tmp_path, buf)
    assert out["meta"] == meta
    _same(out["arrays"], arrays)


def test_typescript_decodes_a_served_layout_and_dequantises_like_python(client, tmp_path):
    msgs = [client.get(u).content for u in ("/api/atlas/minilm/layout/pca-2d?layer=2&head=3",
                                            "/api/atlas/minilm/attention?layer=0&head=0&token=5",
                                            "/api/atlas/minilm/tokens")]
    out = decode_with_typescript(tmp_path, *msgs)
    for buf, dec in zip(msgs, out):
        meta, arrays = wire.unpack(buf)
        assert dec["meta"] == meta
        _same(dec["arrays"], arrays)
    meta, arrays = wire.unpack(msgs[0])
    back = wire.dequantize(arrays["coords"][0], arrays["bounds"][0])
    np.testing.assert_allclose(np.array(out[0]["deq"]).reshape(back.shape), back, rtol=1e-6, atol=1e-6)


def test_front_end_fixture_is_current():
    """The bytes the front end's vitest reads (when it has the file) are what Python writes."""
    if not FIXTURE.is_file():
        pytest.skip(f"{FIXTURE.relative_to(ROOT)} not written yet: python -m qkatlas.server.wire > {FIXTURE.relative_to(ROOT)}")
    assert FIXTURE.read_bytes() == wire.example()
