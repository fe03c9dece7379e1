"""All heads of an atlas: layouts through an engine, resumable, with fidelity.

Why it is shaped like this:
* one job per head (``head.run``); the engine decides where jobs run (``engine``);
* resuming: a head's layout file is written atomically, so one that exists is finished and is
  skipped on the next run; fidelity rows are flushed to ``fidelity.parquet`` (atomically) as
  heads finish; the manifest calls a layout ``complete`` only when every head's file exists;
* a layout whose settings changed (seed, alignment, recipe, fit sample) is recomputed from
  scratch, never mixed with files made under other settings.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

import numpy as np

from qkatlas.atlas import paths, schema
from qkatlas.atlas.reader import Atlas
from qkatlas.atlas.writer import AtlasWriter
from qkatlas.errors import InputError
from qkatlas.layout import methods as registry
from qkatlas.layout.engine import get_engine
from qkatlas.layout.fidelity import TOP_K
from qkatlas.layout.geometry import GEOMETRY_K
from qkatlas.layout.head import ORIGINAL, HeadJob, HeadResult, fit_tokens

FIDELITY_FLUSH_SECONDS = 10.0
# Tokens per head the t-SNE / UMAP fit sees at most; the rest is placed (fidelity is measured on all).
# 5,000 tokens = 10,000 points, exactly where t-SNE switches to its fast path (uniform affinities,
# FFT gradients). Measured (benchmarks/scale.py --profile-fit, one thread, CPU s per head):
# Llama-3-8B-shaped heads (d 128) over 10.8k tokens: 5.3 s without a sample (kNN 2.4, UMAP 1.4,
# t-SNE 1.0), 2.9 s with 5,000 (kNN 0.5, t-SNE 0.5, UMAP 0.7, placement 1.0): 1,024 heads on
# 2 cores in 25 min instead of 45; fidelity t-SNE 0.296 vs 0.307, UMAP 0.363 vs 0.382. MiniLM
# over 7.7k tokens: fidelity t-SNE 0.430 vs 0.427, UMAP 0.397 vs 0.389 (no loss), 1.7 s vs 2.5 s.
# 3,000 tokens is slower than 5,000 (6k points: t-SNE's Barnes-Hut/perplexity path, 2.4 s).
from qkatlas.layout import DEFAULT_FIT_SAMPLE  # noqa: E402  (5,000: see the measurements above)


def compute_layouts(path, methods: list[str], dims: list[int], seed: int = 0, workers: int | None = None,
                    align: bool = True, progress: bool = True, log=print, engine: str = "local",
                    address: str | None = None, fit_sample: int | None = DEFAULT_FIT_SAMPLE,
                    heads: list[tuple[int, int]] | None = None, groups: bool = False,
                    on_result: Callable[[HeadResult], None] | None = None) -> dict:
    """Compute every missing head file of each (method, dim) layout, then the fidelity of each.

    ``heads``: only these heads (default: all); used by progressive builds that show some heads
    first. ``on_result``: called with each head's ``HeadResult`` as it arrives (progress, profiling).
    ``groups``: also one layout per key head of a grouped-query model (``groups.py``).
    ``engine``: "local" (worker processes) or "ray" (``address``: a Ray cluster; None: a
    private local instance). Returns {"seconds": wall seconds, "heads": heads processed,
    "fidelity": {layout: mean}} (plus "groups": the group run's summary when asked).
    """
    path = Path(path).resolve()  # jobs may run in other processes or on other machines
    atlas = Atlas.open(path)
    writer = AtlasWriter(path)
    layouts = check_layouts(methods, dims)
    if not layouts:
        return {"seconds": 0.0, "heads": 0, "fidelity": {}}
    if fit_sample is not None and fit_sample < 100:
        raise InputError(f"--fit-sample {fit_sample}: too small to fit a layout; give at least 100 tokens (or none)")
    names = [paths.layout_name(m, d) for m, d in layouts]
    added = atlas.token_columns("added")
    n_fit = len(fit_tokens(added, fit_sample, seed))
    sampled = n_fit < len(fit_tokens(added, None, seed))
    params = {name: _params(m, d, seed, align, fit_sample if sampled else None, n_fit) for name, (m, d) in zip(names, layouts)}

    fid = atlas.fidelity()
    stale = _reset_changed(writer, atlas.manifest, params, log)
    if stale:
        fid = fid[~fid["layout"].isin(stale)]
        writer.write_fidelity(fid)
    writer.update_manifest(lambda m: _register(m, layouts, names, params))
    for name in names:
        writer.clean_temporary(name)

    have = set(zip(fid["layer"], fid["head"], fid["layout"]))
    jobs = []
    for layer, head in heads if heads is not None else atlas.heads:
        todo = [(m, d) for m, d in layouts if not (path / paths.layout_file(m, d, layer, head)).is_file()]
        todo_names = {paths.layout_name(m, d) for m, d in todo}
        fids = [x for x in names + [ORIGINAL] if x in todo_names or (layer, head, x) not in have]
        if todo or fids:
            jobs.append(HeadJob(str(path), layer, head, todo, fids, seed, align, fit_sample))

    t0 = time.perf_counter()
    results: list[HeadResult] = []
    if jobs:
        total = len(atlas.heads) * len(layouts)
        done_before = total - sum(len(j.layouts) for j in jobs)
        log(f"layouts {', '.join(names)}: {len(jobs)} of {len(atlas.heads)} heads to do"
            + (f" ({done_before} of {total} head layouts already done)" if done_before else "")
            + (f"; fit on {n_fit} of {atlas.n_tokens} tokens, the rest placed" if n_fit < atlas.n_tokens else ""))
    try:
        if jobs:
            _run(jobs, get_engine(engine, workers, address, log=log), {m for m, _ in layouts}, progress, results, writer, fid,
                 on_result)
            for name in names:  # a worker killed mid-write (and retried) leaves its temporary file behind
                writer.clean_temporary(name)
    finally:
        if results:
            fid = merge_fidelity(fid, results)
            writer.write_fidelity(fid)
        _finish_manifest(writer, layouts, names, results, time.perf_counter() - t0)  # also after a killed run
    wall = time.perf_counter() - t0
    means = {name: round(float(g["fidelity"].mean()), 4) for name, g in fid.groupby("layout") if name in names + [ORIGINAL]}
    geometry = {name: round(float(g["geometry"].mean()), 4) for name, g in fid.groupby("layout") if name in names}
    if jobs:
        log(f"layouts done in {wall:.1f} s ({wall / len(jobs):.2f} s per head); fidelity "
            + ", ".join(f"{k} {v:.3f}" for k, v in sorted(means.items())) + "; geometry "
            + ", ".join(f"{k} {v:.3f}" for k, v in sorted(geometry.items())))
    out = {"seconds": wall, "heads": len(jobs), "fidelity": means, "geometry": geometry}
    if groups:
        out["groups"] = compute_group_layouts(path, methods, dims, seed=seed, workers=workers, align=align,
                                              progress=progress, log=log, engine=engine, address=address,
                                              fit_sample=fit_sample)
    return out


def _run(jobs, engine, methods, progress, results, writer, fid, on_result=None) -> None:
    from tqdm.auto import tqdm

    bar = tqdm(total=len(jobs), unit="head", desc="layouts", disable=not progress, dynamic_ncols=True)
    last_flush = time.perf_counter()

    def collect(result: HeadResult) -> None:
        nonlocal last_flush
        results.append(result)
        bar.update(1)
        if on_result is not None:
            on_result(result)
        if time.perf_counter() - last_flush > FIDELITY_FLUSH_SECONDS:
            writer.write_fidelity(merge_fidelity(fid, results))
            last_flush = time.perf_counter()

    try:
        engine.run(jobs, collect, methods)
    finally:
        bar.close()


# ---- grouped-query layouts (groups.py): all groups, resumable, like per-head layouts ----------------------------------------------------
def compute_group_layouts(path, methods: list[str], dims: list[int], seed: int = 0, workers: int | None = None,
                          align: bool = True, progress: bool = True, log=print, engine: str = "local",
                          address: str | None = None, fit_sample: int | None = DEFAULT_FIT_SAMPLE) -> dict:
    """Compute every missing group layout file, the group normalisation and the group fidelity.

    Returns {"seconds", "groups" (jobs run), "fidelity": {layout: mean over query heads}}.
    """
    from qkatlas.layout.groups import (
        GROUP_FIDELITY, GROUP_NORMALIZATION, GROUPS, MANIFEST_KEY, compute_group_normalization, group_fit_sample,
        group_layout_file, group_layout_name, group_layout_pattern, merge_group_fidelity, query_heads,
        read_group_fidelity, write_group_fidelity,
    )

    path = Path(path).resolve()
    atlas = Atlas.open(path)
    if atlas.n_kv_heads == atlas.n_heads:
        raise InputError(f"{path}: {atlas.model['name']} has one key head per query head (no grouped-query "
                         "attention); per-head layouts already show every group (drop --groups)")
    if fit_sample is not None and fit_sample < 100:
        raise InputError(f"--fit-sample {fit_sample}: too small to fit a layout; give at least 100 tokens (or none)")
    layouts = check_layouts(methods, dims)
    if not layouts:
        return {"seconds": 0.0, "groups": 0, "fidelity": {}}
    writer = AtlasWriter(path)
    g = atlas.n_heads // atlas.n_kv_heads
    budget = group_fit_sample(fit_sample, g)
    added = atlas.token_columns("added")
    base_rows = fit_tokens(added, None, seed)
    n_fit = len(fit_tokens(added, budget, seed))
    sampled = n_fit < len(base_rows)
    names = [group_layout_name(m, d) for m, d in layouts]
    params = {}
    for name, (m, d) in zip(names, layouts):
        p = {**registry.get(m).params, "dim": d, "seed": seed, "align": align, "n_tokens": atlas.n_tokens,
             "normalization": "per key head: one scale and one key shift for the whole group"}
        if sampled:
            p["fit_sample"] = {"max_tokens": budget, "tokens": n_fit, "seed": seed, "points": (g + 1) * n_fit}
        params[name] = p

    fid = read_group_fidelity(path)
    entries = atlas.manifest.get(MANIFEST_KEY, {})
    stale = []
    for name in names:
        old, folder = entries.get(name), path / GROUPS / name
        if not ((old is None and not folder.exists()) or (old is not None and old.get("params") == params[name])):
            stale.append(name)
    for name in stale:
        if entries.get(name) is not None or (path / GROUPS / name).exists():
            log(f"groups {name}: settings differ from the existing group layout; recomputing every group")
        writer.update_manifest(lambda m, name=name: m.setdefault(MANIFEST_KEY, {}).update(
            {name: {**m.get(MANIFEST_KEY, {}).get(name, {}), "complete": False, "params": None}}))
        import shutil

        shutil.rmtree(path / GROUPS / name, ignore_errors=True)
    if stale:
        fid = fid[~fid["layout"].isin(stale)]
        write_group_fidelity(path, fid)
    for name in names:
        for tmp in (path / GROUPS / name).glob("**/.*.tmp"):
            tmp.unlink(missing_ok=True)

    if not (path / GROUP_NORMALIZATION).is_file():
        t0 = time.perf_counter()
        shift, scale = compute_group_normalization(atlas, base_rows)
        writer.write_group_normalization(shift, scale)
        log(f"groups: normalisation of {atlas.n_layers * atlas.n_kv_heads} groups in {time.perf_counter() - t0:.1f} s")

    def register(m):
        entries = m.setdefault(MANIFEST_KEY, {})
        for (meth, d), name in zip(layouts, names):
            old = entries.get(name) or {}
            same = old.get("params") == params[name]
            entries[name] = {"method": meth, "dim": d, "complete": bool(old.get("complete")) and same,
                             "params": params[name], "seconds": old.get("seconds", 0.0) if same else 0.0,
                             "files": group_layout_pattern(meth, d), "query_heads": "model.kv_head_of",
                             "normalization": GROUP_NORMALIZATION, "fidelity": GROUP_FIDELITY}

    writer.update_manifest(register)

    have = set(zip(fid["layer"], fid["head"], fid["layout"]))
    jobs = []
    for layer in range(atlas.n_layers):
        for kv in range(atlas.n_kv_heads):
            todo = [(m, d) for m, d in layouts if not (path / group_layout_file(m, d, layer, kv)).is_file()]
            todo_names = {group_layout_name(m, d) for m, d in todo}
            qh = query_heads(atlas.kv_head_of, kv)
            fids = [x for x in names + [ORIGINAL] if x in todo_names or any((layer, h, x) not in have for h in qh)]
            if todo or fids:
                jobs.append(HeadJob(str(path), layer, kv, todo, fids, seed, align, budget, kind="group"))

    t0 = time.perf_counter()
    results: list[HeadResult] = []
    if jobs:
        log(f"group layouts {', '.join(names)}: {len(jobs)} of {atlas.n_layers * atlas.n_kv_heads} groups to do "
            f"({g} query heads per key head)"
            + (f"; fit on {n_fit} of {atlas.n_tokens} tokens ({(g + 1) * n_fit} points), the rest placed" if sampled else ""))
    try:
        if jobs:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(jobs), unit="group", desc="group layouts", disable=not progress, dynamic_ncols=True)

            def collect(r: HeadResult) -> None:
                results.append(r)
                bar.update(1)

            try:
                get_engine(engine, workers, address, log=log).run(jobs, collect, {m for m, _ in layouts})
            finally:
                bar.close()
            for name in names:  # a worker killed mid-write (and retried) leaves its temporary file behind
                for tmp in (path / GROUPS / name).glob("**/.*.tmp"):
                    tmp.unlink(missing_ok=True)
    finally:
        if results:
            fid = merge_group_fidelity(fid, results)
            write_group_fidelity(path, fid)
        wall = time.perf_counter() - t0

        def finish(m):
            n_groups = [(l, kv) for l in range(m["model"]["n_layers"]) for kv in range(m["model"]["n_kv_heads"])]
            for (meth, d), name in zip(layouts, names):
                e = m[MANIFEST_KEY][name]
                e["seconds"] = round(e.get("seconds", 0.0) + sum(r.seconds.get(name, 0.0) for r in results), 3)
                e["complete"] = all((path / group_layout_file(meth, d, l, kv)).is_file() for l, kv in n_groups)
            t = m.setdefault("timings", {})
            t["group_layouts_seconds"] = round(t.get("group_layouts_seconds", 0.0) + wall, 3)

        writer.update_manifest(finish)
    means = {name: round(float(gr["fidelity"].mean()), 4) for name, gr in fid.groupby("layout") if name in names + [ORIGINAL]}
    if jobs:
        log(f"group layouts done in {wall:.1f} s; fidelity per query head "
            + ", ".join(f"{k} {v:.3f}" for k, v in sorted(means.items())))
    return {"seconds": wall, "groups": len(jobs), "fidelity": means}


# ---- options and manifest ---------------------------------------------------------------------
def check_layouts(methods, dims) -> list[tuple[str, int]]:
    out = []
    for m in methods:
        name = registry.get(m).name
        for d in dims:
            if int(d) not in (2, 3):
                raise InputError(f"layout dimension {d!r}: choose 2 or 3 (e.g. --dims 2,3)")
            if (name, int(d)) not in out:
                out.append((name, int(d)))
    return out


def _params(method: str, dim: int, seed: int, align: bool, fit_sample: int | None, n_fit: int) -> dict:
    p = {**registry.get(method).params, "dim": dim, "seed": seed, "align": align, "fidelity_k": TOP_K}
    if fit_sample is not None:  # recorded only when the fit really is a sample
        p["fit_sample"] = {"max_tokens": fit_sample, "tokens": n_fit, "seed": seed}
    return p


def _reset_changed(writer: AtlasWriter, manifest: dict, params: dict, log) -> list[str]:
    """Delete the files of requested layouts that were made with other settings; their names."""
    stale = []
    entries = manifest.get("layouts", {})
    for name, p in params.items():
        folder = writer.root / paths.LAYOUTS / name
        old = entries.get(name)
        if (old is None and not folder.exists()) or (old is not None and old.get("params") == p):
            continue
        stale.append(name)
        if old is not None or folder.exists():
            log(f"{name}: settings differ from the existing layout; recomputing every head")

        def forget(m, name=name):  # first: the layout no longer claims any settings or completeness
            m.setdefault("layouts", {})[name] = {**m.get("layouts", {}).get(name, {}), "complete": False, "params": None}

        writer.update_manifest(forget)
        writer.remove_layout(name)
    return stale


def _register(manifest: dict, layouts, names, params) -> None:
    entries = manifest.setdefault("layouts", {})
    for (m, d), name in zip(layouts, names):
        old = entries.get(name) or {}
        same = old.get("params") == params[name]
        entries[name] = {
            "method": m, "dim": d, "complete": bool(old.get("complete")) and same,
            "params": params[name], "seconds": old.get("seconds", 0.0) if same else 0.0,
            "files": paths.layout_pattern(m, d),
        }
    manifest["fidelity"] = {"file": paths.FIDELITY, "k": TOP_K, "original": ORIGINAL, "geometry_k": GEOMETRY_K}


def _finish_manifest(writer: AtlasWriter, layouts, names, results, wall: float) -> None:
    def change(m):
        model = m["model"]
        heads = [(l, h) for l in range(model["n_layers"]) for h in range(model["n_heads"])]
        for (meth, d), name in zip(layouts, names):
            e = m["layouts"][name]
            e["seconds"] = round(e.get("seconds", 0.0) + sum(r.seconds.get(name, 0.0) for r in results), 3)
            e["complete"] = all((writer.root / paths.layout_file(meth, d, l, h)).is_file() for l, h in heads)
        t = m.setdefault("timings", {})
        t["layouts_seconds"] = round(t.get("layouts_seconds", 0.0) + wall, 3)
        t["knn_seconds"] = round(t.get("knn_seconds", 0.0) + sum(r.seconds.get("knn", 0.0) for r in results), 3)

    writer.update_manifest(change)


def merge_fidelity(fid, results):
    """The fidelity table with the rows of ``results`` added (replacing older rows of the same key)."""
    import pandas as pd

    rows = [(r.layer, r.head, name, value, r.geometry.get(name, float("nan")))
            for r in results for name, value in r.fidelity.items()]
    if not rows:
        return fid
    new = pd.DataFrame(rows, columns=list(schema.FIDELITY_COLUMNS))
    out = pd.concat([fid, new]).drop_duplicates(["layer", "head", "layout"], keep="last")
    out = out.astype({"layer": "int32", "head": "int32", "fidelity": "float64", "geometry": "float64"})
    return out.sort_values(["layer", "head", "layout"]).reset_index(drop=True)


def mean_fidelity(fid) -> dict[str, float]:
    return {name: float(np.nanmean(g["fidelity"])) for name, g in fid.groupby("layout")}
