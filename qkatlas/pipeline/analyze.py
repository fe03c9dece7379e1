"""``analyze``: head metrics, taxonomy, head map, aggregate maps, top sequences and bilinear
components, stored in the atlas; ``report``.

The computation is ``qkatlas.analysis`` (pure); this stage decides when to run it (only when the
stored result is missing or stale, unless forced) and stores it through the atlas writer.
"""

from __future__ import annotations

import time
from pathlib import Path

from qkatlas.atlas.reader import Atlas
from qkatlas.atlas.writer import AtlasWriter


def analyze(path, force: bool = False, progress: bool = True, log=print) -> Path:
    """Compute and store the head analysis of the atlas at ``path``; returns the atlas path."""
    from qkatlas.analysis.metrics import compute

    atlas = Atlas.open(path)
    if atlas.analysis_current and not force:
        log("head metrics: up to date")
        return atlas.path
    t0 = time.perf_counter()
    extra: dict = {}
    df, maps = compute(atlas, progress=progress, extra=extra)
    seconds = time.perf_counter() - t0
    AtlasWriter(atlas.path).write_analysis(df, maps, seconds, sequences=extra["top_sequences"],
                                           components=component_table(extra["components"]))
    counts = df["label"].value_counts()
    log(f"head metrics: {len(df)} heads in {seconds:.1f}s (" + ", ".join(f"{k} {v}" for k, v in counts.items()) + ")")
    return atlas.path


def component_table(parts: dict):
    """``compute_components``' arrays (L, H, r) as the rows of components.parquet: one per
    (layer, head, component), largest component first (what the explorer's "why" panel reads)."""
    import numpy as np
    import pandas as pd

    L, H, r = parts["share"].shape
    layer, head, comp = np.meshgrid(np.arange(L), np.arange(H), np.arange(r), indexing="ij")
    return pd.DataFrame({"layer": layer.ravel(), "head": head.ravel(), "component": comp.ravel(),
                         "sigma": parts["sigma"].ravel(), "share": parts["share"].ravel(),
                         "explained": parts["explained"].ravel()})


def report(path, out=None, top: int = 3, log=print) -> Path:
    """Write the self-contained HTML report (analysing first if needed); returns its path."""
    from qkatlas.analysis.report.html import render_report

    t0 = time.perf_counter()
    analyze(path, progress=False, log=lambda *_: None)
    atlas = Atlas.open(path)
    target = AtlasWriter(atlas.path).write_report(render_report(atlas, top=top), out)
    log(f"report: {target} ({target.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - t0:.1f}s)")
    return target
