"""Projection benchmark: qkatlas's layout pipeline vs the AttentionViz recipe, same vectors, same machine.

Baseline (AttentionViz, Yeh et al. 2023; design notes section 1), on a sample of heads, one
head after another: scikit-learn t-SNE (perplexity 50, 300 iterations, cosine, random init),
umap-learn (cosine, random init, defaults), scikit-learn PCA; 2-D and 3-D; no alignment.
qkatlas: ``compute_layouts`` on ALL heads (parallel workers, shared kNN, short schedules,
alignment, fidelity and files included), one run per dimension so each has its own wall time.
Both are fed the same normalised vectors; fidelity is the same measure (qkatlas.layout.fidelity)
on float16-rounded coordinates for both.

    python benchmarks/projection.py [ATLAS] [--heads-sample 2] [--dims 2,3] [--workers N]

Without ATLAS it builds demo:minilm x demo:wiki (300 sentences, ~15,000 points per head) into
benchmarks/results/. The atlas given is not modified: qkatlas works on a copy.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qkatlas.atlas import paths  # noqa: E402
from qkatlas.atlas.reader import Atlas  # noqa: E402
from qkatlas.atlas.writer import AtlasWriter  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
METHODS = ("tsne", "umap", "pca")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("atlas", nargs="?", type=Path, help="atlas folder (default: build demo:minilm x demo:wiki, 300 sentences)")
    ap.add_argument("--heads-sample", type=int, default=2, help="heads for the (slow) baseline")
    ap.add_argument("--dims", default="2,3", help="layout dimensions: 2, 3 or 2,3")
    ap.add_argument("--workers", type=int, default=None, help="qkatlas worker processes (default: cores)")
    ap.add_argument("--out", type=Path, default=RESULTS / "projection.json", help="JSON results")
    args = ap.parse_args()
    dims = [int(d) for d in args.dims.split(",")]

    source = args.atlas or _demo_atlas()
    atlas = Atlas.open(source)
    n_points = 2 * atlas.n_tokens
    sample = _sample_heads(atlas, args.heads_sample)
    cores = len(os.sched_getaffinity(0))
    print(f"atlas: {atlas.model['name']} x {atlas.corpus['name']}, {atlas.corpus['n_sequences']} sequences, "
          f"{atlas.n_tokens} tokens = {n_points} points per head, {len(atlas.heads)} heads; dims {dims}")
    print(f"machine: {cores} cores, load average {os.getloadavg()[0]:.2f} at start (shared machine: ratios are from one run)")

    base = baseline(atlas, sample, dims)
    print(f"load average after the baseline: {_load()}", flush=True)
    ours = qkatlas_run(source, dims, args.workers)
    print(f"load average after qkatlas: {_load()}", flush=True)

    report(atlas, sample, dims, base, ours)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"atlas": str(source), "points_per_head": n_points, "sample": sample, "dims": dims,
                                    "baseline": base, "qkatlas": ours}, indent=2, default=float))
    print(f"\nresults: {args.out}")


def _cpu() -> float:
    """CPU seconds of this process (all threads) and its finished children (qkatlas's workers)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _load() -> str:
    """1-, 5- and 15-minute load averages: other jobs on a shared machine slow either side."""
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def _demo_atlas() -> Path:
    from qkatlas.capture.run import capture as build

    out = RESULTS / "minilm-wiki-300"
    if not (out / paths.MANIFEST).is_file():
        build("demo:minilm", "demo:wiki", out, max_sequences=300, progress=False)
    return out


def _sample_heads(atlas, k: int) -> list[tuple[int, int]]:
    """Heads spread evenly over the model (middle of k equal slices of the head list)."""
    heads = atlas.heads
    return [heads[int((i + 0.5) * len(heads) / k)] for i in range(k)]


# ---- baseline -----------------------------------------------------------------------------------
def baseline(atlas, sample, dims) -> dict:
    import umap
    from sklearn.decomposition import PCA
    from sklearn.manifold import TSNE

    from qkatlas.layout.fidelity import SequenceBlocks

    seqs = atlas.sequences
    blocks = SequenceBlocks(seqs["start"].to_numpy(), seqs["n_tokens"].to_numpy())
    n = atlas.n_tokens

    print("\nbaseline: umap-learn's first call compiles numba code (once per process) ...", flush=True)
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        umap.UMAP(metric="cosine", init="random").fit_transform(np.random.default_rng(0).normal(size=(5000, 32)))
    jit = time.perf_counter() - t0
    print(f"baseline: UMAP numba JIT {jit:.1f} s (counted once, not per head)", flush=True)

    rows = []
    for layer, head in sample:
        q, k = atlas.normalized(layer, head)
        x = np.concatenate([q, k])
        terms = atlas.terms(layer, head)
        attended = blocks.top_attended(atlas.queries(layer, head), atlas.keys(layer, head), terms)
        for dim in dims:
            for method in METHODS:
                t0, c0 = time.perf_counter(), _cpu()
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    if method == "tsne":
                        y = TSNE(dim, perplexity=50, max_iter=300, metric="cosine", init="random", random_state=0).fit_transform(x)
                    elif method == "umap":
                        y = umap.UMAP(n_components=dim, metric="cosine", init="random").fit_transform(x)
                    else:
                        y = PCA(dim).fit_transform(x)
                seconds, cpu = time.perf_counter() - t0, _cpu() - c0
                y = y.astype(np.float16)
                fid = blocks.fidelity(attended, y[:n], y[n:], terms)
                rows.append({"layer": layer, "head": head, "layout": f"{method}-{dim}d", "seconds": seconds,
                             "cpu_seconds": cpu, "fidelity": fid})
                print(f"baseline L{layer}H{head} {method}-{dim}d: {seconds:7.1f} s  fidelity {fid:.3f}", flush=True)
    return {"jit_seconds": jit, "rows": rows}


# ---- qkatlas ------------------------------------------------------------------------------------
def qkatlas_run(source: Path, dims, workers) -> dict:
    from qkatlas.layout.engine.local import default_workers
    from qkatlas.layout.run import compute_layouts

    work = RESULTS / "projection-work"
    shutil.rmtree(work, ignore_errors=True)
    work.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, work, ignore=shutil.ignore_patterns(paths.LAYOUTS, paths.FIDELITY))
    AtlasWriter(work).update_manifest(lambda m: m.update(layouts={}))

    runs, cpu = {}, {}
    for dim in dims:
        print(f"\nqkatlas: pca,tsne,umap {dim}-D on every head ...", flush=True)
        t0, c0 = time.perf_counter(), _cpu()
        compute_layouts(work, list(METHODS), [dim], seed=0, workers=workers, progress=False,
                        log=lambda msg: print(f"qkatlas: {msg}", flush=True))
        runs[dim], cpu[dim] = time.perf_counter() - t0, _cpu() - c0
    atlas = Atlas.open(work)
    fid = atlas.fidelity()
    m = atlas.manifest
    return {
        "wall_seconds": runs,
        "cpu_seconds": cpu,
        "workers": workers or default_workers(),
        "n_heads": len(atlas.heads),
        "compute_seconds": {name: e["seconds"] for name, e in m["layouts"].items()},
        "knn_seconds": m["timings"].get("knn_seconds"),
        "fidelity": fid.to_dict(orient="records"),
    }


# ---- report -------------------------------------------------------------------------------------
def report(atlas, sample, dims, base, ours) -> None:
    import pandas as pd

    b = pd.DataFrame(base["rows"])
    f = pd.DataFrame(ours["fidelity"])
    n_heads = ours["n_heads"]
    sampled = f.merge(pd.DataFrame(sample, columns=["layer", "head"]))
    names = [f"{m}-{d}d" for d in dims for m in METHODS]
    print("\n" + "=" * 96)
    print(f"{'layout':<10}{'baseline s/head':>16}{'fid base':>10}{'fid ours':>10}{'(same heads)':>13}{'fid ours':>10}{'(all heads)':>12}{'ours s/head*':>14}")
    for name in names:
        bs = b[b.layout == name]
        cs = ours["compute_seconds"].get(name, float("nan")) / n_heads
        print(f"{name:<10}{bs.seconds.mean():>16.2f}{bs.fidelity.mean():>10.3f}"
              f"{sampled[sampled.layout == name].fidelity.mean():>10.3f}{'':>13}"
              f"{f[f.layout == name].fidelity.mean():>10.3f}{'':>12}{cs:>14.2f}")
    print(f"{'original':<10}{'':>16}{'':>10}{sampled[sampled.layout == 'original'].fidelity.mean():>10.3f}{'':>13}"
          f"{f[f.layout == 'original'].fidelity.mean():>10.3f}   (d_head space, Euclidean: the stated ceiling)")
    print(f"* compute seconds per head inside one worker (kNN graph separately: {ours['knn_seconds'] / n_heads / len(dims):.2f} s/head "
          f"per dimension run); {ours['workers']} workers run in parallel")
    print("-" * 96)
    total_base = 0.0
    total_ours = 0.0
    for dim in dims:
        per_base = b[b.layout.str.endswith(f"-{dim}d")].groupby(["layer", "head"]).seconds.sum().mean()
        per_ours = ours["wall_seconds"][dim] / n_heads
        total_base += per_base
        total_ours += per_ours
        print(f"{dim}-D, pca+tsne+umap: baseline {per_base:7.2f} s/head (one head after another, {len(sample)} heads); "
              f"qkatlas {per_ours:5.2f} s/head (wall {ours['wall_seconds'][dim]:.0f} s / {n_heads} heads, all included)"
              f"  -> {per_base / per_ours:5.1f}x")
    if len(dims) > 1:
        print(f"all dims: baseline {total_base:.2f} s/head, qkatlas {total_ours:.2f} s/head -> {total_base / total_ours:.1f}x")
    cpu_base = b.groupby(["layer", "head"]).cpu_seconds.sum().mean()
    cpu_ours = sum(ours["cpu_seconds"].values()) / n_heads
    print(f"CPU seconds per head (all threads and processes; steadier than wall time when other jobs share the "
          f"machine): baseline {cpu_base:.2f}, qkatlas {cpu_ours:.2f} -> {cpu_base / cpu_ours:.1f}x")
    jit = base["jit_seconds"]
    print(f"baseline UMAP numba JIT: {jit:.1f} s once per process, not in the per-head figures above; counted once over "
          f"a whole {n_heads}-head model it would add {jit / n_heads:.2f} s/head "
          f"(-> {(total_base + jit / n_heads) / total_ours:.1f}x). qkatlas's figures include its workers' start and warm-up.")
    fb = b.groupby("layout").fidelity.mean()
    fo = sampled.groupby("layout").fidelity.mean()
    print("fidelity, qkatlas - baseline on the same heads: "
          + ", ".join(f"{name} {fo[name] - fb[name]:+.3f}" for name in names))
    print("=" * 96)


if __name__ == "__main__":
    main()
