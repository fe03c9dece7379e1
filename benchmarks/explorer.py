"""Explorer benchmark: bytes per point on the wire, first full matrix render, click latency.

    python benchmarks/explorer.py [--sequences 300] [--runs 3] [--requests 200]

Builds (once, cached under benchmarks/results/) the demo:minilm atlas over 300 sentences of
demo:wiki (>= 5,000 tokens: 72 heads x >= 10,000 points) with a PCA 2-D layout, serves it with
`qkatlas serve` in a separate process on 127.0.0.1, and measures
  1. bytes per point of the matrix data of a layout (one request, and one per layer),
  2. time from navigation start to the first complete matrix render in headless Chromium
     (software WebGL; the app sets window.__qkatlas.renderedAt once every head is drawn),
  3. latency of a click's attention (/attention for one query token): median and p95 over N
     requests to 127.0.0.1, as the client sees it and as the server computes it (Server-Timing).
  4. the first complete matrix render of a 1,024-head atlas (32 layers x 32 heads over 10,240
     tokens; synthetic, written without a model by tests/browser/wide.py and cached under
     benchmarks/results/), and the JS heap once it is drawn (--no-wide skips it).
Targets (design.md section 4): <= 4 bytes/point, render <= 3 s (72 heads and 1,024 heads),
attention <= 50 ms.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.browser.wide (the synthetic 1,024-head atlas)
RESULTS = ROOT / "benchmarks" / "results"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--enable-precise-memory-info",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def build_atlas(n_sequences: int) -> Path:
    from qkatlas.atlas.reader import Atlas
    from qkatlas.capture.run import capture as build

    out = RESULTS / f"atlas-minilm-wiki{n_sequences}"
    if not (out / "manifest.json").is_file():
        print(f"building {out} ...", flush=True)
        build("demo:minilm", "demo:wiki", out, max_sequences=n_sequences, progress=False)
    if ("pca", 2) not in Atlas.open(out).layouts:
        try:
            from qkatlas.layout.run import compute_layouts

            compute_layouts(out, ["pca"], [2], workers=1, progress=False, log=lambda *a, **k: None)
        except ModuleNotFoundError:
            _pca_layout(out)
    return out


def _pca_layout(path: Path) -> None:
    from qkatlas.atlas import files, paths
    from qkatlas.atlas.reader import Atlas
    from qkatlas.atlas.writer import AtlasWriter

    atlas = Atlas.open(path)
    for layer, head in atlas.heads:
        q, k = atlas.normalized(layer, head)
        x = np.concatenate([q, k]).astype(np.float64)
        x -= x.mean(axis=0)
        _, _, vt = np.linalg.svd(x, full_matrices=False)
        files.save_npy_atomic(path / paths.layout_file("pca", 2, layer, head), (x @ vt[:2].T).astype(np.float16))
    AtlasWriter(path).update_manifest(lambda m: m.setdefault("layouts", {}).__setitem__("pca-2d", {"method": "pca", "dim": 2, "complete": True}))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(atlas: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "qkatlas.cli", "serve", str(atlas), "--port", str(port), "--no-browser"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    import httpx

    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/atlases", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start")


def wire_bytes(base: str, aid: str, info: dict) -> dict:
    import httpx

    n, L, H = info["n_tokens"], info["n_layers"], info["n_heads"]
    points = L * H * 2 * n
    with httpx.Client() as c:
        whole = c.get(f"{base}/api/atlas/{aid}/layout/pca-2d", headers={"accept-encoding": "identity"})
        per_layer = sum(len(c.get(f"{base}/api/atlas/{aid}/layout/pca-2d?layer={l}").content) for l in range(L))
        tokens = c.get(f"{base}/api/atlas/{aid}/tokens", headers={"accept-encoding": "identity"})
    return {"points": points, "whole": len(whole.content), "per_layer": per_layer, "tokens": len(tokens.content)}


def render_times(base: str, runs: int, query: str = "") -> list[dict]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            ctx = browser.new_context(viewport={"width": 1400, "height": 860})  # cold cache each run
            page = ctx.new_page()
            t0 = time.perf_counter()
            page.goto(base + "/" + query)
            page.wait_for_function("window.__qkatlas && window.__qkatlas.renderedAt", timeout=120000)
            wall = time.perf_counter() - t0
            r = page.evaluate("({at: __qkatlas.renderedAt, t: __qkatlas.timings, e: __qkatlas.errors, cells: __qkatlas.cells.length, heap: __qkatlas.heap, frame: __qkatlas.frameTime(), b: __qkatlas.bytes})")
            if r["e"]:
                raise RuntimeError(f"page errors: {r['e']}")
            out.append({"rendered_ms": r["at"], "wall_s": wall, "cells": r["cells"], "frame_ms": r["frame"], "timings": r["t"],
                        "points": r["b"]["points"], "sample": r["b"]["sample"], "heap": r["heap"]})
            ctx.close()
        browser.close()
    return out


def wide_render(runs: int) -> tuple[list[dict], dict]:
    """First full render of the synthetic 1,024-head atlas (written once, cached), served alone."""
    from tests.browser.wide import write_wide_atlas

    path = RESULTS / "atlas-wide-32x32" / "wide"
    if not (path / "manifest.json").is_file():
        import shutil

        shutil.rmtree(path.parent, ignore_errors=True)
        print(f"writing {path} ...", flush=True)
        write_wide_atlas(path)
    port = free_port()
    proc = start_server(path, port)
    try:
        import httpx

        info = httpx.get(f"http://127.0.0.1:{port}/api/atlas/wide").json()
        return render_times(f"http://127.0.0.1:{port}", runs), info
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def click_latency(base: str, aid: str, info: dict, n: int) -> dict:
    import httpx

    rng = np.random.default_rng(0)
    client_ms, server_ms = [], []
    with httpx.Client() as c:
        c.get(f"{base}/api/atlas/{aid}/attention?layer=0&head=0&token=0")  # warm up
        for _ in range(n):
            layer, head = int(rng.integers(info["n_layers"])), int(rng.integers(info["n_heads"]))
            token = int(rng.integers(info["n_tokens"]))
            t0 = time.perf_counter()
            r = c.get(f"{base}/api/atlas/{aid}/attention", params={"layer": layer, "head": head, "token": token})
            client_ms.append((time.perf_counter() - t0) * 1000)
            r.raise_for_status()
            server_ms.append(float(r.headers["server-timing"].split("dur=")[1]))
    q = lambda v, p: float(np.percentile(v, p))  # noqa: E731
    return {"client_median": q(client_ms, 50), "client_p95": q(client_ms, 95),
            "server_median": q(server_ms, 50), "server_p95": q(server_ms, 95)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sequences", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--no-wide", action="store_true", help="skip the 1,024-head render (4.)")
    args = ap.parse_args()

    atlas = build_atlas(args.sequences)
    port = free_port()
    proc = start_server(atlas, port)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        aid = httpx.get(f"{base}/api/atlases").json()["atlases"][0]["id"]
        info = httpx.get(f"{base}/api/atlas/{aid}").json()
        L, H, n = info["n_layers"], info["n_heads"], info["n_tokens"]
        print(f"atlas {info['name']}: {L} layers x {H} heads = {L * H} heads, {n} tokens -> {2 * n} points per head, "
              f"{L * H * 2 * n:,} points in the matrix")
        try:
            load = os.getloadavg()[0]
            print(f"machine: {os.cpu_count()} cores, load average {load:.2f} at start")
        except OSError:
            pass

        b = wire_bytes(base, aid, info)
        bpp_whole, bpp_layer = b["whole"] / b["points"], b["per_layer"] / b["points"]
        print("\n1. bytes on the wire (PCA 2-D layout, uint16 per coordinate per head's bounding box)")
        print(f"   whole matrix, one request : {b['whole']:,} B = {bpp_whole:.4f} B/point")
        print(f"   per layer, {L} requests    : {b['per_layer']:,} B = {bpp_layer:.4f} B/point (what the app fetches)")
        print(f"   coordinate payload only   : 4.0000 B/point (2 x uint16); the rest is the JSON header and bounds")
        print(f"   token table (once)        : {b['tokens']:,} B = {b['tokens'] / n:.1f} B/token")

        runs = render_times(base, args.runs)
        print(f"\n2. first complete matrix render in headless Chromium (software WebGL), {args.runs} cold loads")
        for i, r in enumerate(runs):
            t = r["timings"]
            print(f"   run {i + 1}: renderedAt {r['rendered_ms']:.0f} ms after navigation start "
                  f"(layout fetch+decode {t.get('layout', float('nan')):.0f} ms; one redraw {r['frame_ms']:.0f} ms; "
                  f"{r['cells']} cells; wall {r['wall_s']:.2f} s)")
        med = statistics.median(r["rendered_ms"] for r in runs)
        drawn = "every token" if runs[0]["sample"] is None else f"{runs[0]['sample']:,} of {n:,} tokens per role per head (sized to the cells' pixels)"
        print(f"   median: {med:.0f} ms for {runs[0]['points']:,} points: {drawn}")
        lod = render_times(base, args.runs, "?budget=500000")
        med_lod = statistics.median(r["rendered_ms"] for r in lod)
        print(f"   for comparison, level of detail (?budget=500000: the matrix draws a sample of "
              f"{lod[0]['points']:,} points, a zoomed head loads in full): median {med_lod:.0f} ms")

        lat = click_latency(base, aid, info, args.requests)
        print(f"\n3. click attention (/attention?layer&head&token, one query row), {args.requests} requests to 127.0.0.1")
        print(f"   as the client sees it : median {lat['client_median']:.2f} ms, p95 {lat['client_p95']:.2f} ms")
        print(f"   server compute        : median {lat['server_median']:.2f} ms, p95 {lat['server_p95']:.2f} ms (Server-Timing)")

        med_wide = None
        if not args.no_wide:
            wide, winfo = wide_render(args.runs)
            med_wide = statistics.median(r["rendered_ms"] for r in wide)
            heap = statistics.median(r["heap"] for r in wide if r["heap"] is not None) if any(r["heap"] for r in wide) else float("nan")
            print(f"\n4. first complete matrix render of {winfo['n_layers'] * winfo['n_heads']:,} heads "
                  f"({winfo['n_layers']} layers x {winfo['n_heads']} heads, {winfo['n_tokens']:,} tokens), {args.runs} cold loads")
            for i, r in enumerate(wide):
                print(f"   run {i + 1}: renderedAt {r['rendered_ms']:.0f} ms (layout fetch+decode {r['timings'].get('layout', float('nan')):.0f} ms; "
                      f"one redraw {r['frame_ms']:.0f} ms; {r['cells']} cells; JS heap {(r['heap'] or 0) / 2**20:.1f} MiB)")
            print(f"   median: {med_wide:.0f} ms; the matrix draws {wide[0]['sample']} of {winfo['n_tokens']:,} tokens per role "
                  f"per head ({wide[0]['points']:,} points, sized to the cells' pixels); JS heap {heap / 2**20:.1f} MiB")

        print("\ntargets")
        ok = lambda c: "PASS" if c else "FAIL"  # noqa: E731
        print(f"   <= 4 bytes/point on the wire     : {ok(bpp_layer <= 4.0 + 0.05)} ({bpp_layer:.4f}; coordinates alone 4.0)")
        print(f"   first full render <= 3 s         : {ok(med <= 3000)} ({med / 1000:.2f} s)")
        print(f"   click attention <= 50 ms (server): {ok(lat['client_p95'] <= 50)} (p95 {lat['client_p95']:.2f} ms end to end)")
        if med_wide is not None:
            print(f"   1,024 heads first render <= 3 s  : {ok(med_wide <= 3000)} ({med_wide / 1000:.2f} s)")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
