"""Attention fidelity and the geometry measure of every layout method, on the three demos, in one run.

Per atlas and method: mean attention fidelity (share of each query's top-5 attended keys among
its 5 nearest keys of the same sequence in the layout; ``qkatlas.layout.fidelity``), mean
geometry measure (recall of each point's 10 nearest neighbours in the normalised q/k space,
cosine, among its 10 nearest in the layout; ``qkatlas.layout.geometry``), its ratio to t-SNE's
(the target: >= 0.9), and seconds per head (fit only; the shared kNN graph is timed apart).
Heads run as ``qkatlas.layout.head`` runs them: the same fit sample, the same shared inputs
(one kNN graph and PCA start per head), the attention fed through ``HeadInputs.attention``;
measured on the float16 coordinates as stored, in two one-thread worker processes.

    python benchmarks/fidelity.py                       # all heads of the three demos (tens of minutes)
    python benchmarks/fidelity.py --heads 12            # 12 heads per atlas, spread over the layers
    python benchmarks/fidelity.py --atlases /tmp/qka    # atlases under this folder (built when missing)
    python benchmarks/fidelity.py --demos minilm --methods tsne,attn-tsne --dims 2,3

Demos (as in ``qkatlas demo``): demo:minilm x demo:wiki 300 sentences, demo:smollm2 x demo:wiki
120, demo:dinov2 x demo:images. Results also go to ``benchmarks/results/fidelity.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np

DEMOS = {  # name -> (model, corpus, max_sequences)
    "minilm": ("demo:minilm", "demo:wiki", 300),
    "smollm2": ("demo:smollm2", "demo:wiki", 120),
    "dinov2": ("demo:dinov2", "demo:images", None),
}
METHODS = "pca,tsne,umap,attn-tsne"
RESULTS = Path(__file__).resolve().parent / "results" / "fidelity.json"


def spread_heads(heads: list[tuple[int, int]], n: int | None) -> list[tuple[int, int]]:
    """``n`` heads spread evenly over the list (all when ``n`` is None or larger)."""
    if n is None or n >= len(heads):
        return heads
    return [heads[int(i)] for i in np.linspace(0, len(heads) - 1, n).round()]


def measure_head(path: str, layer: int, head: int, methods: list[str], dims: list[int], seed: int = 0,
                 fit_sample: int | None | str = "default") -> dict:
    """Fit every method on one head; fidelity, geometry and seconds per (method, dim).

    ``fit_sample``: tokens the fit sees at most (the rest is placed), None = all, "default" = the
    pipeline's default (``qkatlas.layout.DEFAULT_FIT_SAMPLE``)."""
    from qkatlas.layout import methods as registry
    from qkatlas.layout.geometry import geometry
    from qkatlas.layout.head import context, fit_tokens
    from qkatlas.layout.methods.attention_tsne import attention_provider
    from qkatlas.layout import DEFAULT_FIT_SAMPLE

    ctx = context(path, None, seed)  # all tokens: fidelity is measured on every point
    atlas = ctx.atlas
    q, k = atlas.normalized(layer, head)
    n = len(q)
    x = np.concatenate([q, k])
    terms = atlas.terms(layer, head)
    attended = ctx.blocks.top_attended(atlas.queries(layer, head), atlas.keys(layer, head), terms)
    base = DEFAULT_FIT_SAMPLE if fit_sample == "default" else fit_sample
    groups: dict = {}  # fit sample -> methods, as qkatlas.layout.head groups them
    for name in methods:
        minimum = getattr(registry.get(name), "min_fit_tokens", None)
        cap = base if base is None or minimum is None else max(base, minimum)
        groups.setdefault(cap, []).append(name)
    out = {"layer": layer, "head": head, "knn_seconds": 0.0, "layouts": {}, "fit_tokens": {}}
    for cap, names in groups.items():
        fit = fit_tokens(atlas.tokens, cap, seed)
        rest = np.setdiff1d(np.arange(n), fit)
        fit_rows, new_rows = np.concatenate([fit, n + fit]), np.concatenate([rest, n + rest])
        seconds: dict[str, float] = {}
        inputs = registry.HeadInputs(x[fit_rows], seed=seed, seconds=seconds,
                                     attention=attention_provider(atlas, layer, head, fit))
        graph = inputs.graph()
        out["knn_seconds"] += seconds.get("knn", 0.0)
        for name in names:
            method = registry.get(name)
            out["fit_tokens"][name] = int(len(fit))
            for dim in dims:
                t0 = time.perf_counter()
                fitted = method.fit(inputs, dim, seed)
                coords = np.empty((2 * n, dim), np.float32)
                coords[fit_rows] = fitted.coords
                if len(new_rows):
                    coords[new_rows] = method.place(x[new_rows], x[fit_rows], fitted.coords, fitted.state)
                sec = time.perf_counter() - t0
                y = coords.astype(np.float16).astype(np.float32)  # as stored
                out["layouts"][f"{name}-{dim}d"] = {
                    "fidelity": ctx.blocks.fidelity(attended, y[:n], y[n:], terms),
                    "geometry": geometry(x[fit_rows], y[fit_rows], graph=graph),
                    "seconds": sec,
                }
    out["layouts"]["original"] = {"fidelity": ctx.blocks.fidelity(attended, q, k, terms), "geometry": float("nan"),
                                  "seconds": 0.0}
    return out


def _init_worker(methods) -> None:
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    import numba

    numba.set_num_threads(1)
    from qkatlas.layout.engine.local import warm_up

    warm_up(methods)


def ensure_atlas(root: Path, name: str) -> Path:
    path = root / name
    if not (path / "manifest.json").is_file():
        from qkatlas.capture.run import capture

        model, corpus, n = DEMOS[name]
        print(f"capturing {model} x {corpus} ({n or 'all'} sequences) -> {path}", flush=True)
        capture(model, corpus, path, max_sequences=n, progress=False, log=lambda *_: None)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--atlases", type=Path, default=Path("/tmp/qkatlas-bench"), help="folder of the demo atlases (built when missing)")
    ap.add_argument("--demos", default="minilm,smollm2,dinov2")
    ap.add_argument("--methods", default=METHODS)
    ap.add_argument("--dims", default="2")
    ap.add_argument("--heads", type=int, default=None, help="heads per atlas, spread over the layers (default: all)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--fit-sample", default="default",
                    help="tokens each fit sees at most, the rest placed (default: the pipeline's default; 'all': no sample)")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    fit_sample = None if args.fit_sample == "all" else ("default" if args.fit_sample == "default" else int(args.fit_sample))
    dims = [int(d) for d in args.dims.split(",")]
    os.environ.setdefault("NUMBA_CACHE_DIR", str(Path(__file__).resolve().parents[1] / ".numba_cache"))

    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    from qkatlas.atlas.reader import Atlas

    results = {}
    t_all = time.perf_counter()
    for name in [d.strip() for d in args.demos.split(",") if d.strip()]:
        path = ensure_atlas(args.atlases, name)
        atlas = Atlas.open(path)
        heads = spread_heads(atlas.heads, args.heads)
        from qkatlas.layout import DEFAULT_FIT_SAMPLE

        cap = DEFAULT_FIT_SAMPLE if fit_sample == "default" else fit_sample
        n_fit = min(atlas.n_tokens, cap) if cap else atlas.n_tokens
        print(f"== {name}: {atlas.model['name']} x {atlas.corpus['name']}, {atlas.n_tokens} tokens "
              f"({2 * atlas.n_tokens} points per head), {len(heads)} of {len(atlas.heads)} heads; fit sample "
              f"{cap or 'all'} tokens (methods with min_fit_tokens: at least that many; the rest placed)", flush=True)
        t0 = time.perf_counter()
        ctx = mp.get_context("spawn")
        with ProcessPoolExecutor(args.workers, mp_context=ctx, initializer=_init_worker, initargs=(methods,)) as pool:
            rows = list(pool.map(measure_head, [str(path)] * len(heads), [h[0] for h in heads], [h[1] for h in heads],
                                 [methods] * len(heads), [dims] * len(heads), [0] * len(heads),
                                 [fit_sample] * len(heads)))
        wall = time.perf_counter() - t0
        results[name] = {"model": atlas.model["name"], "n_tokens": atlas.n_tokens, "heads": len(heads),
                         "fit_sample": cap,
                         "wall_seconds": wall, "per_head": rows}
        print_table(name, rows, wall)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=1, default=float))  # after each atlas: a killed run keeps them
    print(f"\ntotal {time.perf_counter() - t_all:.0f} s; results in {args.out}")


def summarise(rows: list[dict]) -> dict[str, dict[str, float]]:
    names = list(rows[0]["layouts"])
    out = {}
    for name in names:
        fid = np.array([r["layouts"][name]["fidelity"] for r in rows], float)
        geo = np.array([r["layouts"][name]["geometry"] for r in rows], float)
        sec = np.array([r["layouts"][name]["seconds"] for r in rows], float)
        out[name] = {"fidelity": float(np.nanmean(fid)), "geometry": float(np.nanmean(geo)) if np.isfinite(geo).any() else float("nan"),
                     "seconds": float(sec.mean()), "fidelity_min": float(np.nanmin(fid))}
    return out


def print_table(name: str, rows: list[dict], wall: float) -> None:
    s = summarise(rows)
    knn = float(np.mean([r["knn_seconds"] for r in rows]))
    ref = {d: s.get(f"tsne-{d}d", {}).get("geometry") for d in (2, 3)}
    fits = {k: v for r in rows[:1] for k, v in r.get("fit_tokens", {}).items()} if isinstance(rows[0].get("fit_tokens"), dict) else {}
    print(f"{'layout':<14} {'fidelity':>8} {'(min)':>6} {'geometry':>8} {'geo/tsne':>8} {'s/head':>7} {'fit':>6}")
    for layout, v in s.items():
        dim = int(layout[-2]) if layout.endswith("d") else None
        r = ref.get(dim)
        ratio = f"{v['geometry'] / r:8.2f}" if r and np.isfinite(v["geometry"]) else f"{'':>8}"
        geo = f"{v['geometry']:8.3f}" if np.isfinite(v["geometry"]) else f"{'-':>8}"
        fit = fits.get(layout.rsplit("-", 1)[0], "")
        print(f"{layout:<14} {v['fidelity']:8.3f} {v['fidelity_min']:6.2f} {geo} {ratio} {v['seconds']:7.2f} {fit:>6}")
    print(f"(kNN graph {knn:.2f} s/head, shared; wall {wall:.0f} s for {len(rows)} heads)", flush=True)


if __name__ == "__main__":
    main()
