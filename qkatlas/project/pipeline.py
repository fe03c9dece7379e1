"""All heads of an atlas: layouts in parallel worker processes, resumable, with fidelity.

Why it is shaped like this:
* one job per head (``head.run``) in a pool of spawned processes, each limited to one thread:
  t-SNE and UMAP are mostly single-threaded, and two one-thread workers on two cores nearly
  double throughput over one two-thread process; numba code is compiled once per worker
  (``methods.warm_up``) and cached on disk across runs (``NUMBA_CACHE_DIR``);
* resuming: a head's layout file is written atomically, so one that exists is finished and is
  skipped on the next run; fidelity rows are flushed to ``fidelity.parquet`` (atomically) as
  heads finish; the manifest calls a layout ``complete`` only when every head's file exists;
* a layout whose settings changed (seed, alignment, recipe) is recomputed from scratch, never
  mixed with files made under other settings.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import numpy as np

from qkatlas.atlas import store
from qkatlas.errors import InputError
from qkatlas.project import methods as recipes
from qkatlas.project.fidelity import TOP_K
from qkatlas.project.head import ORIGINAL, HeadJob, HeadResult, run

FIDELITY_FLUSH_SECONDS = 10.0


def compute_layouts(path, methods: list[str], dims: list[int], seed: int = 0, workers: int | None = None,
                    align: bool = True, progress: bool = True, log=print) -> dict:
    """Compute every missing head file of each (method, dim) layout, then the fidelity of each.

    Returns {"seconds": wall seconds, "heads": heads processed, "fidelity": {layout: mean}}.
    """
    path = Path(path)
    atlas = store.Atlas.open(path)
    layouts = _check_layouts(methods, dims)
    if not layouts:
        return {"seconds": 0.0, "heads": 0, "fidelity": {}}
    names = [store.layout_name(m, d) for m, d in layouts]
    params = {name: _params(m, d, seed, align) for name, (m, d) in zip(names, layouts)}

    fid = _read_fidelity(path)
    stale = _reset_changed(path, atlas.manifest, params, log)
    if stale:
        fid = fid[~fid["layout"].isin(stale)]
        _write_fidelity(path, fid)
    store.update_manifest(path, lambda m: _register(m, layouts, names, params))
    for name in names:  # temporary files of a killed run (finished files are never temporary)
        for tmp in (path / store.LAYOUTS / name).glob("**/.*.tmp"):
            tmp.unlink(missing_ok=True)

    have = set(zip(fid["layer"], fid["head"], fid["layout"]))
    jobs = []
    for layer, head in atlas.heads:
        todo = [(m, d) for m, d in layouts if not (path / store.layout_file(m, d, layer, head)).is_file()]
        todo_names = {store.layout_name(m, d) for m, d in todo}
        fids = [x for x in names + [ORIGINAL] if x in todo_names or (layer, head, x) not in have]
        if todo or fids:
            jobs.append(HeadJob(str(path), layer, head, todo, fids, seed, align))

    t0 = time.perf_counter()
    results: list[HeadResult] = []
    if jobs:
        total = len(atlas.heads) * len(layouts)
        done_before = total - sum(len(j.layouts) for j in jobs)
        log(f"layouts {', '.join(names)}: {len(jobs)} of {len(atlas.heads)} heads to do"
            + (f" ({done_before} of {total} head layouts already done)" if done_before else ""))
    try:
        if jobs:
            _run_jobs(jobs, workers, {m for m, _ in layouts}, progress, results, path, fid)
    finally:
        if results:
            fid = _merge_fidelity(fid, results)
            _write_fidelity(path, fid)
        _finish_manifest(path, layouts, names, results, time.perf_counter() - t0)  # also after a run killed at the end
    wall = time.perf_counter() - t0
    means = {name: round(float(g["fidelity"].mean()), 4) for name, g in fid.groupby("layout") if name in names + [ORIGINAL]}
    if jobs:
        log(f"layouts done in {wall:.1f} s ({wall / len(jobs):.2f} s per head); fidelity "
            + ", ".join(f"{k} {v:.3f}" for k, v in sorted(means.items())))
    return {"seconds": wall, "heads": len(jobs), "fidelity": means}


# ---- options and manifest ---------------------------------------------------------------------
def _check_layouts(methods, dims) -> list[tuple[str, int]]:
    out = []
    for m in methods:
        m = str(m).strip().lower()
        if m not in recipes.METHODS:
            raise InputError(f"layout method {m!r}: choose from {', '.join(recipes.METHODS)} (e.g. --layouts pca,tsne,umap)")
        for d in dims:
            if int(d) not in (2, 3):
                raise InputError(f"layout dimension {d!r}: choose 2 or 3 (e.g. --dims 2,3)")
            if (m, int(d)) not in out:
                out.append((m, int(d)))
    return out


def _params(method: str, dim: int, seed: int, align: bool) -> dict:
    return {**recipes.PARAMS[method], "dim": dim, "seed": seed, "align": align, "fidelity_k": TOP_K}


def _reset_changed(path: Path, manifest: dict, params: dict, log) -> list[str]:
    """Delete the files of requested layouts that were made with other settings; their names."""
    stale = []
    entries = manifest.get("layouts", {})
    for name, p in params.items():
        folder = path / store.LAYOUTS / name
        old = entries.get(name)
        if (old is None and not folder.exists()) or (old is not None and old.get("params") == p):
            continue
        stale.append(name)
        if old is not None or folder.exists():
            log(f"{name}: settings differ from the existing layout; recomputing every head")

        def forget(m, name=name):  # first: the layout no longer claims any settings or completeness
            m.setdefault("layouts", {})[name] = {**m.get("layouts", {}).get(name, {}), "complete": False, "params": None}

        store.update_manifest(path, forget)
        shutil.rmtree(folder, ignore_errors=True)
    return stale


def _register(manifest: dict, layouts, names, params) -> None:
    entries = manifest.setdefault("layouts", {})
    for (m, d), name in zip(layouts, names):
        old = entries.get(name) or {}
        entries[name] = {
            "method": m, "dim": d, "complete": bool(old.get("complete")) and old.get("params") == params[name],
            "params": params[name], "seconds": old.get("seconds", 0.0) if old.get("params") == params[name] else 0.0,
            "files": f"{store.LAYOUTS}/{name}/L{{layer:03d}}H{{head:03d}}.npy",
        }
    manifest["fidelity"] = {"file": store.FIDELITY, "k": TOP_K, "original": ORIGINAL}


def _finish_manifest(path: Path, layouts, names, results, wall: float) -> None:
    def change(m):
        model = m["model"]
        heads = [(l, h) for l in range(model["n_layers"]) for h in range(model["n_heads"])]
        for (meth, d), name in zip(layouts, names):
            e = m["layouts"][name]
            e["seconds"] = round(e.get("seconds", 0.0) + sum(r.seconds.get(name, 0.0) for r in results), 3)
            e["complete"] = all((path / store.layout_file(meth, d, l, h)).is_file() for l, h in heads)
        t = m.setdefault("timings", {})
        t["layouts_seconds"] = round(t.get("layouts_seconds", 0.0) + wall, 3)
        t["knn_seconds"] = round(t.get("knn_seconds", 0.0) + sum(r.seconds.get("knn", 0.0) for r in results), 3)

    store.update_manifest(path, change)


# ---- fidelity table ---------------------------------------------------------------------------
def _read_fidelity(path: Path):
    import pandas as pd

    p = path / store.FIDELITY
    if p.is_file():
        return pd.read_parquet(p)
    return pd.DataFrame({"layer": pd.Series([], dtype="int32"), "head": pd.Series([], dtype="int32"),
                         "layout": pd.Series([], dtype="str"), "fidelity": pd.Series([], dtype="float64")})


def _merge_fidelity(fid, results):
    import pandas as pd

    rows = [(r.layer, r.head, name, value) for r in results for name, value in r.fidelity.items()]
    if not rows:
        return fid
    new = pd.DataFrame(rows, columns=["layer", "head", "layout", "fidelity"])
    out = pd.concat([fid, new]).drop_duplicates(["layer", "head", "layout"], keep="last")
    out = out.astype({"layer": "int32", "head": "int32", "fidelity": "float64"})
    return out.sort_values(["layer", "head", "layout"]).reset_index(drop=True)


def _write_fidelity(path: Path, fid) -> None:
    import io

    buf = io.BytesIO()
    fid.to_parquet(buf, index=False)
    store.write_bytes_atomic(path / store.FIDELITY, buf.getvalue())


# ---- workers ----------------------------------------------------------------------------------
def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _init_worker(methods: set[str]) -> None:
    """One thread per worker (BLAS, OpenMP, numba), numba compiled before the first head."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    import numba

    numba.set_num_threads(1)
    recipes.warm_up(methods)


def _run_jobs(jobs, workers, methods, progress, results, path, fid) -> None:
    from tqdm.auto import tqdm

    if methods == {"pca"} and workers is None:
        workers = 1  # milliseconds per head: less than starting a worker process
    workers = max(1, min(workers or default_workers(), len(jobs)))
    bar = tqdm(total=len(jobs), unit="head", desc="layouts", disable=not progress, dynamic_ncols=True)
    last_flush = time.perf_counter()

    def collect(result):
        nonlocal last_flush
        results.append(result)
        bar.update(1)
        if time.perf_counter() - last_flush > FIDELITY_FLUSH_SECONDS:
            _write_fidelity(path, _merge_fidelity(fid, results))
            last_flush = time.perf_counter()

    try:
        if workers == 1:
            from threadpoolctl import threadpool_limits

            with threadpool_limits(1):  # the same arithmetic as in a worker: same layouts
                for job in jobs:
                    collect(run(job))
            return
        import multiprocessing as mp
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

        ctx = mp.get_context("spawn")  # no fork of a process with live thread pools
        with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(methods,)) as pool:
            pending = {pool.submit(run, job) for job in jobs}
            try:
                while pending:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for f in done:
                        collect(f.result())
            except BaseException:
                for f in pending:
                    f.cancel()
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    finally:
        bar.close()
