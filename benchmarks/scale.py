"""Scale benchmark: a Llama-3-8B-shaped attention stack (32 layers x 32 query heads over 8 key
heads, d_head 128 = 1,024 heads), random init, over >= 10k tokens, on this machine.

Prints, from one run:
* capture: seconds and tokens;
* layouts (PCA + t-SNE + UMAP, 2-D) on a sample of heads spread over the model, with the local
  engine and with Ray (a private local instance), the same number of workers each: wall seconds
  per head, the per-head breakdown inside a worker (read, kNN, t-SNE, UMAP, PCA, fidelity; wall
  and CPU), and the projected total for all 1,024 heads (target: 30 min on 2 cores);
* analysis (head metrics of every head): seconds;
* peak resident memory of every stage, each run in its own subprocess: the largest single
  process (``wait4``'s ``ru_maxrss``: the stage or any of its reaped workers) and the peak of
  the whole process tree added up (sampled with psutil every 0.2 s; Ray's worker processes
  are in that tree).

    python benchmarks/scale.py                 # 10k tokens, 12 sample heads, 2 workers
    python benchmarks/scale.py --quick         # 4 layers, 2.5k tokens, 4 sample heads: a smoke run
    python benchmarks/scale.py --fit-sample 5000 --reuse   # other settings on the captured atlas

The model has hidden size 256 (the attention shape is what matters for the atlas: q/k widths,
head counts; ``head_dim=128`` is set explicitly) and MiniLM's tokenizer; the corpus is
demo:wiki. Work files go to benchmarks/results/scale/ (about 3.5 GB for 10k tokens).
On a shared machine, wall times depend on the load (printed); CPU seconds per head are steadier.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NUMBA_CACHE_DIR", str(ROOT / ".numba_cache"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from peak import describe, load, run_measured  # noqa: E402  (benchmarks/peak.py, beside this script)

RESULTS = ROOT / "benchmarks" / "results"
TOTAL_HEADS = 1024
TARGET_SECONDS = 30 * 60
TOKENS_PER_SEQUENCE = 24  # demo:wiki with MiniLM's tokenizer: about 25.6 tokens per summary (measured)
METHODS = ["pca", "tsne", "umap"]


# ---- the model -------------------------------------------------------------------------------------
def make_model(folder: Path, layers: int) -> Path:
    """Random-init Llama with Llama-3-8B's attention shape, q/k weights scaled so attention is peaked."""
    if (folder / "config.json").is_file():
        return folder
    import torch
    from transformers import LlamaConfig, LlamaModel

    from qkatlas.capture.loader import DEMO_PACKAGES, _package_dir

    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=30522, hidden_size=256, intermediate_size=512, num_hidden_layers=layers,
                         num_attention_heads=32, num_key_value_heads=8, head_dim=128, max_position_embeddings=2048,
                         pad_token_id=0)
    model = LlamaModel(config)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith(("q_proj.weight", "k_proj.weight")):
                p.mul_(4.0)
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(tmp)
    src = _package_dir(*DEMO_PACKAGES["demo:minilm"], "demo:minilm") / "model"
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"):
        if (src / name).is_file():
            shutil.copy(src / name, tmp / name)
    tmp.rename(folder)
    return folder


def sample_heads(n_layers: int, n_heads: int, k: int) -> list[tuple[int, int]]:
    """k heads spread over the model: evenly over the layers, heads spread within them."""
    heads = [(layer, head) for layer in range(n_layers) for head in range(n_heads)]
    step = len(heads) / k
    return [heads[int((i + 0.37) * step)] for i in range(k)]


# ---- stages (each runs in its own subprocess: python scale.py --stage NAME ...) ---------------------
def stage_capture(args) -> dict:
    from qkatlas.capture.run import capture

    model = make_model(args.work / "model", args.layers)
    out = args.work / "atlas"
    t0 = time.perf_counter()
    capture(str(model), "demo:wiki", out, max_sequences=math.ceil(args.tokens / TOKENS_PER_SEQUENCE), progress=False,
            log=lambda *_: None)
    from qkatlas.atlas.reader import Atlas

    atlas = Atlas.open(out)
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    return {"seconds": time.perf_counter() - t0, "n_tokens": atlas.n_tokens, "n_sequences": atlas.n_sequences,
            "heads": len(atlas.heads), "bytes": size}


def stage_layouts(args) -> dict:
    from qkatlas.atlas.writer import AtlasWriter
    from qkatlas.layout.run import compute_layouts

    path = args.work / "atlas"
    writer = AtlasWriter(path)
    for m in METHODS:  # every run starts from no layout at all (same work for every engine)
        writer.remove_layout(f"{m}-2d")
    (path / "fidelity.parquet").unlink(missing_ok=True)
    writer.update_manifest(lambda man: man.update(layouts={}))
    from qkatlas.atlas.reader import Atlas

    atlas = Atlas.open(path)
    heads = sample_heads(atlas.n_layers, atlas.n_heads, args.heads_sample)
    arrivals, rows = [], []

    def on_result(r):
        arrivals.append(time.perf_counter())
        rows.append({"layer": r.layer, "head": r.head, **r.seconds})

    t0 = time.perf_counter()
    out = compute_layouts(path, METHODS, [2], seed=0, workers=args.workers, engine=args.engine, heads=heads,
                          fit_sample=args.fit_sample, progress=False, log=lambda *_: None, on_result=on_result)
    wall = time.perf_counter() - t0
    return {"engine": args.engine, "wall": wall, "heads": heads, "first": arrivals[0] - t0, "last": arrivals[-1] - t0,
            "rows": rows, "fidelity": out["fidelity"], "workers": args.workers, "n_tokens": atlas.n_tokens}


def stage_analysis(args) -> dict:
    from qkatlas.pipeline.analyze import analyze

    t0 = time.perf_counter()
    analyze(args.work / "atlas", force=True, progress=False, log=lambda *_: None)
    return {"seconds": time.perf_counter() - t0}


def stage_profile(args) -> dict:
    """Where a head's time goes: the steps of ``head.run`` one by one, CPU seconds each (one thread,
    as in a worker), for each fit sample size in ``--profile-fit``; fidelity on all points."""
    import numpy as np
    from qkatlas.atlas.reader import Atlas
    from qkatlas.layout import methods
    from qkatlas.layout.align import alignment, apply_alignment
    from qkatlas.layout.engine.local import warm_up
    from qkatlas.layout.fidelity import SequenceBlocks
    from qkatlas.layout.head import fit_tokens

    from qkatlas.layout.engine.local import one_thread

    one_thread()  # as in a worker
    warm_up(METHODS)
    atlas = Atlas.open(args.work / "atlas")
    seqs = atlas.sequences
    blocks = SequenceBlocks(seqs["start"].to_numpy(), seqs["n_tokens"].to_numpy())
    positions = atlas.tokens["pos_norm"].to_numpy(np.float64)
    heads = sample_heads(atlas.n_layers, atlas.n_heads, args.heads_sample)
    n = atlas.n_tokens
    out = []
    for fit_sample in [int(x) for x in args.profile_fit.split(",")]:
        fit = fit_tokens(atlas.tokens, fit_sample, 0)
        rest = np.setdiff1d(np.arange(n), fit)
        fit_rows, new_rows = np.concatenate([fit, n + fit]), np.concatenate([rest, n + rest])
        for layer, head in heads:
            t = {}

            def clock(key, fn, *a):
                c0 = time.process_time()
                r = fn(*a)
                t[key] = t.get(key, 0.0) + time.process_time() - c0
                return r

            q, k = clock("read", atlas.normalized, layer, head)
            x = np.concatenate([q, k])
            inputs = methods.HeadInputs(x[fit_rows], seed=0)
            clock("knn", inputs.graph)
            clock("init", inputs.init, 2)
            fid = {}
            terms = atlas.terms(layer, head)
            attended = clock("fidelity", blocks.top_attended, atlas.queries(layer, head), atlas.keys(layer, head), terms)
            ys = {}
            for name in METHODS:
                m = methods.get(name)
                fitted = clock(name, m.fit, inputs, 2, 0)
                centre, rot = clock("align", alignment, fitted.coords, len(fit), positions[fit])
                coords_fit = apply_alignment(fitted.coords, centre, rot)
                state = m.align_state(fitted.state, centre, rot)
                y = ys[name] = np.empty((2 * n, 2), np.float32)
                y[fit_rows] = coords_fit
                if len(new_rows) and name == "pca":  # its own exact map
                    y[new_rows] = clock("place-pca", m.place, x[new_rows], x[fit_rows], coords_fit, state)
            if len(new_rows):  # t-SNE and UMAP placed together, as head.lay_out does
                both = np.concatenate([ys["tsne"][fit_rows], ys["umap"][fit_rows]], axis=1)
                placed = clock("place-tsne+umap", methods.get("tsne").place, x[new_rows], x[fit_rows], both, None)
                ys["tsne"][new_rows], ys["umap"][new_rows] = placed[:, :2], placed[:, 2:]
            for name, y in ys.items():
                y = y.astype(np.float16)
                fid[name] = clock("fidelity", blocks.fidelity, attended, y[:n], y[n:], terms)
            out.append({"fit_sample": fit_sample, "n_fit": len(fit), "layer": layer, "head": head, "cpu": t, "fidelity": fid})
    return {"rows": out, "n_tokens": n}


STAGES = {"capture": stage_capture, "layouts": stage_layouts, "analysis": stage_analysis, "profile": stage_profile}


# ---- the parent: runs each stage in a subprocess and measures its memory ---------------------------
def run_stage(name: str, args, extra: list[str] | None = None) -> dict:
    cmd = [sys.executable, __file__, "--stage", name, "--work", str(args.work), "--tokens", str(args.tokens),
           "--layers", str(args.layers), "--heads-sample", str(args.heads_sample), "--workers", str(args.workers),
           "--fit-sample", str(args.fit_sample)] + (["--profile-fit", args.profile_fit] if args.profile_fit else []) + (extra or [])
    code, stdout, figures = run_measured(cmd)
    if code != 0:
        raise SystemExit(f"stage {name} failed ({code}):\n{stdout[-3000:]}")
    line = next(l for l in reversed(stdout.splitlines()) if l.startswith("RESULT "))
    result = json.loads(line[len("RESULT "):])
    result["stage_wall"] = figures.pop("wall")
    result.update(figures)
    return result


def summarise_layouts(r: dict) -> dict:
    import numpy as np

    rows = r["rows"]
    n = len(rows)
    mean = {k: float(np.mean([row.get(k, 0.0) for row in rows]))
            for k in ("read", "knn", "pca-2d", "tsne-2d", "umap-2d", "fidelity", "total", "cpu")}
    workers = r["workers"]
    steady = (r["last"] - r["first"]) / max(1, n - workers) if n > workers else r["wall"] / n  # after the first wave
    startup = max(0.0, r["first"] - mean["total"])
    projected = startup + TOTAL_HEADS * steady
    ideal = TOTAL_HEADS * mean["cpu"] / workers  # an unloaded machine, perfect parallelism
    return {"n": n, "mean": mean, "wall_per_head": r["wall"] / n, "steady_per_head": steady, "startup": startup,
            "projected_total": projected, "projected_cpu_ideal": ideal}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="4 layers, 2,500 tokens, 4 sample heads (a smoke run)")
    ap.add_argument("--tokens", type=int, default=None, help="tokens in the corpus (default 10,000)")
    ap.add_argument("--layers", type=int, default=None, help="layers of the model (default 32)")
    ap.add_argument("--heads-sample", type=int, default=None, help="heads laid out per engine (default 12)")
    ap.add_argument("--workers", type=int, default=2, help="layout workers per engine (default 2)")
    ap.add_argument("--fit-sample", type=int, default=None, help="--fit-sample of the layouts (default: qkatlas's)")
    ap.add_argument("--no-ray", action="store_true", help="skip the Ray engine")
    ap.add_argument("--no-analysis", action="store_true", help="skip the head analysis stage")
    ap.add_argument("--reuse", action="store_true", help="keep a captured atlas of the same size (skip capture)")
    ap.add_argument("--work", type=Path, default=None, help="work folder (default benchmarks/results/scale[-quick])")
    ap.add_argument("--out", type=Path, default=None, help="JSON results (default WORK/scale.json)")
    ap.add_argument("--profile-fit", default=None,
                    help="profile only (needs a captured atlas): CPU seconds per step of a head for these fit "
                         "samples, e.g. 20000,5000,2500, on --heads-sample heads")
    ap.add_argument("--stage", choices=sorted(STAGES), help=argparse.SUPPRESS)
    ap.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    args = ap.parse_args()
    from qkatlas.layout.run import DEFAULT_FIT_SAMPLE

    args.tokens = args.tokens or (2_500 if args.quick else 10_000)
    args.layers = args.layers or (4 if args.quick else 32)
    args.heads_sample = args.heads_sample or (4 if args.quick else 12)
    args.fit_sample = args.fit_sample or DEFAULT_FIT_SAMPLE
    args.work = args.work or RESULTS / ("scale-quick" if args.quick else "scale")

    if args.stage:
        result = STAGES[args.stage](args)
        print("RESULT " + json.dumps(result, default=float), flush=True)
        return

    args.work.mkdir(parents=True, exist_ok=True)
    cores = len(os.sched_getaffinity(0))
    print(f"scale benchmark: {args.layers} layers x 32 query heads (8 key heads), d_head 128 = {args.layers * 32} heads; "
          f"~{args.tokens} tokens of demo:wiki; {args.workers} workers; fit sample {args.fit_sample} tokens")
    print(f"machine: {cores} cores, load average {load()} at start (a shared machine: other jobs slow every stage)")
    results: dict = {"settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}}

    atlas = args.work / "atlas"
    if args.profile_fit:
        if not (atlas / "manifest.json").is_file():
            raise SystemExit(f"--profile-fit needs a captured atlas in {atlas}: run the benchmark once first")
        report_profile(run_stage("profile", args))
        return
    if not (args.reuse and (atlas / "manifest.json").is_file()):
        shutil.rmtree(atlas, ignore_errors=True)
        shutil.rmtree(args.work / "atlas.partial", ignore_errors=True)
        shutil.rmtree(args.work / "model", ignore_errors=True)
        results["capture"] = c = run_stage("capture", args)
        print(f"\ncapture: {c['n_tokens']} tokens ({c['n_sequences']} sequences) x {c['heads']} heads in {c['seconds']:.1f} s "
              f"({c['n_tokens'] / c['seconds']:.0f} tok/s); atlas {c['bytes'] / 1e9:.2f} GB; load {load()}\n  peak RSS "
              f"{describe(c)}", flush=True)

    engines = ["local"] + ([] if args.no_ray else ["ray"])
    for engine in engines:
        if engine == "ray":
            try:
                import ray  # noqa: F401
            except ModuleNotFoundError:
                print("\nray: not installed (pip install 'qkatlas[ray]'): skipped")
                continue
        r = run_stage("layouts", args, ["--engine", engine])
        s = summarise_layouts(r)
        results[f"layouts_{engine}"] = {**r, "summary": s}
        m = s["mean"]
        print(f"\nlayouts, {engine} engine, {args.workers} workers, {s['n']} heads x {2 * r['n_tokens']} points "
              f"(pca + tsne + umap 2-D, fidelity included): wall {r['wall']:.1f} s = {s['wall_per_head']:.2f} s/head; "
              f"after the first wave {s['steady_per_head']:.2f} s/head; start-up {s['startup']:.1f} s; load {load()}")
        print(f"  inside a worker, per head: total {m['total']:.2f} s (CPU {m['cpu']:.2f} s) = read {m['read']:.2f}"
              f" + kNN {m['knn']:.2f} + t-SNE {m['tsne-2d']:.2f} + UMAP {m['umap-2d']:.2f} + PCA {m['pca-2d']:.2f}"
              f" + fidelity {m['fidelity']:.2f} (+ alignment, placement, writes)")
        print(f"  projected {TOTAL_HEADS} heads: {s['projected_total'] / 60:.1f} min at this run's pace; "
              f"{s['projected_cpu_ideal'] / 60:.1f} min from CPU seconds on an unloaded {args.workers}-core machine "
              f"(target {TARGET_SECONDS / 60:.0f} min); fidelity " + ", ".join(f"{k} {v:.3f}" for k, v in sorted(r["fidelity"].items())))
        print(f"  peak RSS {describe(r)}", flush=True)

    if not args.no_analysis:
        results["analysis"] = a = run_stage("analysis", args)
        print(f"\nanalysis (head metrics of all {args.layers * 32} heads): {a['seconds']:.1f} s; load {load()}\n"
              f"  peak RSS {describe(a)}")

    if "layouts_local" in results and "layouts_ray" in results:
        lo, ra = results["layouts_local"]["summary"], results["layouts_ray"]["summary"]
        print(f"\nRay vs local ({args.workers} workers each, same heads): {ra['wall_per_head']:.2f} vs {lo['wall_per_head']:.2f} "
              f"s/head wall, {ra['steady_per_head']:.2f} vs {lo['steady_per_head']:.2f} after the first wave, "
              f"start-up {ra['startup']:.1f} vs {lo['startup']:.1f} s")
    out = args.out or args.work / "scale.json"
    out.write_text(json.dumps(results, indent=2, default=float))
    print(f"\nresults: {out}")


def report_profile(r: dict) -> None:
    import pandas as pd

    rows = pd.DataFrame([{"fit_sample": x["fit_sample"], "n_fit": x["n_fit"], **x["cpu"],
                          **{f"fid_{k}": v for k, v in x["fidelity"].items()}} for x in r["rows"]])
    g = rows.groupby(["fit_sample", "n_fit"]).mean(numeric_only=True)
    steps = [c for c in g.columns if not c.startswith("fid_")]
    g["total"] = g[steps].sum(axis=1)
    g["min_1024"] = g["total"] * TOTAL_HEADS / 2 / 60
    print(f"\nprofile: CPU seconds per head, one thread, {r['n_tokens']} tokens ({2 * r['n_tokens']} points); "
          f"mean of {len(rows) // len(g)} heads; min_1024 = 1,024 heads on 2 workers; fidelity on all points")
    with pd.option_context("display.width", 250, "display.max_columns", 40, "display.precision", 3):
        print(g.reset_index().to_string(index=False))


if __name__ == "__main__":
    main()
