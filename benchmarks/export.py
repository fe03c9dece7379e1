"""Static export benchmark: the site's size (per head, per token, per token and head), the choice
of in-browser attention (quantised q/k) against precomputed top-k keys, and the first render of
the export beside the served app, in one run.

    python benchmarks/export.py [--sequences 600] [--runs 3] [--compare ATLAS ...] [--no-browser]

Builds (once, cached under benchmarks/results/) the demo:minilm atlas over N sentences of
demo:wiki (600: ~15k tokens, 72 heads) with a PCA 2-D layout and head analysis, exports it with
``qkatlas export`` and prints
  1. the site's bytes by part, per head, per token, and per token and head; a t-SNE or UMAP
     layout costs what PCA costs (4 B per point);
  2. attention in the export: bytes per token and head of the uint8 q/k the browser computes
     from, against top-k keys per query (and per key) at k = 8 and at the k that keeps 97% of a
     row's weight, with the attention error of each (``--compare`` adds other atlases, e.g. the
     DINOv2 and SmolLM2 demos);
  3. first complete matrix render in headless Chromium: the served app (``qkatlas serve``) and
     the export (a plain static HTTP server), cold loads, alternating; and a click's attention
     (select a token until its lines are drawn) in both.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT / "benchmarks"))

from explorer import ARGS, CHROMIUM, free_port, start_server  # noqa: E402


def build_atlas(n_sequences: int) -> Path:
    from qkatlas.atlas.reader import Atlas
    from qkatlas.capture.run import capture
    from qkatlas.layout.run import compute_layouts
    from qkatlas.pipeline.analyze import analyze

    out = RESULTS / f"export-minilm-wiki{n_sequences}"
    quiet = lambda *a, **k: None  # noqa: E731
    if not (out / "manifest.json").is_file():
        print(f"building {out} ...", flush=True)
        capture("demo:minilm", "demo:wiki", out, max_sequences=n_sequences, progress=False, log=quiet)
    if ("pca", 2) not in Atlas.open(out).layouts:
        compute_layouts(out, ["pca"], [2], workers=1, progress=False, log=quiet)
    if not Atlas.open(out).analysis_current:
        analyze(out, progress=False, log=quiet)
    return out


# ---- 2. attention: q/k in the browser against top-k -------------------------------------------------
def attention_choice(path: Path, heads: int = 12, seqs: int = 20, seed: int = 0) -> dict:
    from qkatlas.atlas.reader import Atlas
    from qkatlas.share import qk

    a = Atlas.open(path)
    rng = np.random.default_rng(seed)
    every = a.heads
    chosen = [every[i] for i in rng.choice(len(every), min(heads, len(every)), replace=False)]
    err, top8_mass, k97 = [], [], []
    for l, h in chosen:
        q, k = qk.quantize(a.queries(l, h)), qk.quantize(a.keys(l, h))
        terms = qk.terms_meta(a.terms(l, h))
        for s in rng.choice(a.n_sequences, min(seqs, a.n_sequences), replace=False):
            rows = a.sequence_rows(int(s))
            p = a.attention(l, h, int(s))
            err.append(float(np.abs(qk.browser_attention(q, k, terms, rows.start, rows.stop - rows.start) - p).max()))
            srt = -np.sort(-p, axis=1)
            top8_mass.extend(srt[:, :8].sum(1))
            k97.extend((np.cumsum(srt, 1) < 0.97).sum(1) + 1)
    longest = int(a.sequences["n_tokens"].max())
    pos_bytes = 1 if longest <= 256 else 2
    per_entry = pos_bytes + 1  # key position + uint8 weight
    qk_bytes = a.d_head + a.d_head * a.n_kv_heads / a.n_heads
    k_p99 = int(np.percentile(k97, 99))
    return {
        "atlas": a.model.get("name"), "d_head": a.d_head, "kv": f"{a.n_kv_heads}/{a.n_heads}", "longest": longest,
        "qk_bytes": qk_bytes, "qk_err_max": max(err), "qk_err_p99": float(np.percentile(err, 99)),
        "top8_bytes": 2 * 8 * per_entry, "top8_mass_mean": float(np.mean(top8_mass)), "top8_mass_min": float(np.min(top8_mass)),
        "k97_p99": k_p99, "k97_bytes": 2 * k_p99 * per_entry, "k97_median": float(np.median(k97)),
    }


# ---- 3. render in a browser ---------------------------------------------------------------------------
class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def render(url: str, runs: int, click_row: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            ctx = browser.new_context(viewport={"width": 1400, "height": 860})
            page = ctx.new_page()
            page.goto(url)
            page.wait_for_function("window.__qkatlas && window.__qkatlas.renderedAt", timeout=180000)
            r = page.evaluate("({at: __qkatlas.renderedAt, e: __qkatlas.errors, src: __qkatlas.source, b: __qkatlas.bytes})")
            if r["e"]:
                raise RuntimeError(f"{url}: page errors: {r['e']}")
            page.evaluate("window.__qkatlas.focusHead(2, 3)")
            page.wait_for_function("!window.__qkatlas.transitioning && window.__qkatlas.view === 'head'", timeout=60000)
            click = page.evaluate(f"""async () => {{
                const t0 = performance.now();
                await window.__qkatlas.select({click_row}, 'query');
                while (!(window.__qkatlas.lines > 0)) await new Promise((r) => setTimeout(r, 2));
                return performance.now() - t0; }}""")
            out.append({"rendered_ms": r["at"], "source": r["src"], "click_ms": click, "points": (r["b"] or {}).get("points")})
            ctx.close()
        browser.close()
    return out


def human(n: float) -> str:
    from qkatlas.share.export import human as h

    return h(n)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sequences", type=int, default=600)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--compare", nargs="*", default=[], help="more atlases for the attention comparison")
    ap.add_argument("--no-browser", action="store_true", help="skip the render timings")
    args = ap.parse_args()

    from qkatlas.atlas.reader import Atlas
    from qkatlas.share.export import export_site

    atlas = build_atlas(args.sequences)
    a = Atlas.open(atlas)
    print(f"atlas {a.model['name']} over {a.n_sequences} sequences: {a.n_layers} x {a.n_heads} = {a.n_layers * a.n_heads} heads, "
          f"{a.n_tokens:,} tokens, d_head {a.d_head}")
    site = RESULTS / f"export-site-minilm-wiki{args.sequences}"
    res = export_site([atlas], site, log=lambda *_: None)
    x = res.atlases[0]
    print(f"\n1. the site ({res.seconds:.1f} s to write): {human(res.bytes)} in {res.files} files; front end {human(res.app_bytes)}")
    for part, b in x.bytes.items():
        if b:
            print(f"   {part:10s} {human(b):>10s}  {b / x.total:5.1%}")
    th = x.per_token_head
    print(f"   per head: {human(x.per_head)}; per token: {x.per_token:.0f} B; per token and head: layout "
          f"{th['layouts']:.2f} B (pca-2d), norms {th['norms']:.2f} B, attention {th['attention']:.2f} B")
    small = export_site([atlas], site.with_name(site.name + "-small"), heads="L2H*,L4H*", sample=3000, attention=True,
                        log=lambda *_: None)
    print(f"   with --heads L2H*,L4H* --sample 3000: {human(small.bytes)} ({human(small.bytes - small.app_bytes)} of data)")
    lite = export_site([atlas], site.with_name(site.name + "-noatt"), attention=False, log=lambda *_: None)
    print(f"   with --no-attention: {human(lite.bytes)}")

    print("\n2. attention in the export: bytes per token and head (q/k: what the browser computes from)")
    rows = [attention_choice(atlas)] + [attention_choice(Path(p)) for p in args.compare]
    for r in rows:
        print(f"   {r['atlas']} (d_head {r['d_head']}, kv heads {r['kv']}, longest sequence {r['longest']}):")
        print(f"     uint8 q/k (chosen)       {r['qk_bytes']:6.1f} B   attention error max {r['qk_err_max']:.3f} (p99 {r['qk_err_p99']:.3f}); "
              "every row, column, sequence and image overlay")
        print(f"     top-8 keys, both roles   {r['top8_bytes']:6.1f} B   keeps {r['top8_mass_mean']:.1%} of a row's weight on average "
              f"(worst {r['top8_mass_min']:.1%})")
        print(f"     top-k at 97% weight      {r['k97_bytes']:6.1f} B   (k = {r['k97_p99']} at p99, median {r['k97_median']:.0f})")
    n = 15_000
    big = rows[0]
    print(f"   at 15k tokens x 72 heads: q/k {human(n * 72 * big['qk_bytes'])}, top-8 {human(n * 72 * big['top8_bytes'])}, "
          f"top-k at 97% {human(n * 72 * big['k97_bytes'])}; one 2-D layout {human(n * 72 * 8)}")

    if args.no_browser:
        return
    port = free_port()
    proc = start_server(atlas, port)
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        served, static = f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{httpd.server_address[1]}/"
        row = int(a.sequence_rows(a.n_sequences // 2).start + 3)
        results = {"served": [], "export": []}
        for _ in range(args.runs):  # alternate, so load on the machine hits both alike
            results["served"] += render(served, 1, row)
            results["export"] += render(static, 1, row)
        print(f"\n3. first complete matrix render (headless Chromium, software WebGL), {args.runs} cold loads each")
        for name, rs in results.items():
            ms = [r["rendered_ms"] for r in rs]
            clicks = [r["click_ms"] for r in rs]
            print(f"   {name:7s} ({rs[0]['source']}): renderedAt median {statistics.median(ms):.0f} ms "
                  f"[{', '.join(f'{v:.0f}' for v in ms)}]; click to lines median {statistics.median(clicks):.0f} ms "
                  f"[{', '.join(f'{v:.0f}' for v in clicks)}]")
        ratio = statistics.median(r["rendered_ms"] for r in results["export"]) / statistics.median(r["rendered_ms"] for r in results["served"])
        print(f"   export / served: {ratio:.2f}x")
    finally:
        httpd.shutdown()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
