"""Everything for one head, as one job of an engine: inputs, every requested layout, alignment,
placement of the points outside the fit, files, fidelity.

Why per head: heads are independent, so they parallelise perfectly (any engine, any machine)
and a head is the unit of resuming (its files are written atomically; a file that exists is
finished). Within a head the work is shared through ``HeadInputs``: one kNN graph and one PCA
start serve t-SNE and UMAP in every dimension, and the attention top-k is computed once for the
fidelity of every layout.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from qkatlas.atlas import paths
from qkatlas.atlas.reader import Atlas
from qkatlas.atlas.writer import AtlasWriter
from qkatlas.layout import methods
from qkatlas.layout.align import alignment, apply_alignment
from qkatlas.layout.fidelity import SequenceBlocks

ORIGINAL = "original"


@dataclass
class HeadJob:
    path: str
    layer: int
    head: int
    layouts: list[tuple[str, int]]  # (method, dim) to compute
    fidelity: list[str]  # layout names (or "original") whose fidelity to measure
    seed: int = 0
    align: bool = True
    fit_sample: int | None = None  # fit on at most this many tokens (seeded), place the rest


@dataclass
class HeadResult:
    layer: int
    head: int
    seconds: dict[str, float] = field(default_factory=dict)  # per layout name, plus "knn"
    fidelity: dict[str, float] = field(default_factory=dict)


def fit_tokens(tokens, n_sample: int | None, seed: int) -> np.ndarray:
    """Token rows a layout is fitted on: not ``added``, and a seeded sample of at most ``n_sample``
    (the same rows for every head, so heads stay comparable); sorted."""
    added = tokens["added"].to_numpy(bool) if "added" in tokens else np.zeros(len(tokens), bool)
    rows = np.flatnonzero(~added)
    if n_sample is not None and len(rows) > n_sample:
        rows = np.sort(np.random.default_rng(seed).choice(rows, n_sample, replace=False))
    return rows


class AtlasContext:
    """What every head of one atlas shares (opened once per worker process)."""

    def __init__(self, path: str, fit_sample: int | None, seed: int):
        self.atlas = Atlas.open(path)
        tokens = self.atlas.tokens
        self.fit_tokens = fit_tokens(tokens, fit_sample, seed)
        self.place_tokens = np.setdiff1d(np.arange(len(tokens)), self.fit_tokens)
        self.positions = tokens["pos_norm"].to_numpy(np.float64)
        seqs = self.atlas.sequences
        self.blocks = SequenceBlocks(seqs["start"].to_numpy(), seqs["n_tokens"].to_numpy())


_contexts: dict[tuple, AtlasContext] = {}


def context(path: str, fit_sample: int | None = None, seed: int = 0) -> AtlasContext:
    """The shared state of an atlas, cached per process until its manifest changes (e.g. ``add``)."""
    resolved = Path(path).resolve()
    stat = (resolved / paths.MANIFEST).stat()
    key = (str(resolved), stat.st_mtime_ns, stat.st_size, fit_sample, seed)
    if key not in _contexts:
        _contexts.clear()  # one atlas at a time per process
        _contexts[key] = AtlasContext(str(resolved), fit_sample, seed)
    return _contexts[key]


def run(job: HeadJob) -> HeadResult:
    ctx = context(job.path, job.fit_sample, job.seed)
    atlas, layer, head = ctx.atlas, job.layer, job.head
    writer = AtlasWriter(atlas.path)
    res = HeadResult(layer, head)
    q, k = atlas.normalized(layer, head)
    n = len(q)
    x = np.concatenate([q, k])
    fit_rows = np.concatenate([ctx.fit_tokens, n + ctx.fit_tokens])
    new_rows = np.concatenate([ctx.place_tokens, n + ctx.place_tokens])
    inputs = methods.HeadInputs(x[fit_rows], seed=job.seed, seconds=res.seconds)
    fit_positions = ctx.positions[ctx.fit_tokens]

    computed: dict[str, np.ndarray] = {}
    for method_name, dim in job.layouts:
        method = methods.get(method_name)
        name = paths.layout_name(method_name, dim)
        t0 = time.perf_counter()
        knn_before = res.seconds.get("knn", 0.0)
        fitted = method.fit(inputs, dim, job.seed)
        coords_fit, state = fitted.coords, fitted.state
        if job.align:
            centre, rotation = alignment(coords_fit, len(ctx.fit_tokens), fit_positions)
            coords_fit = apply_alignment(coords_fit, centre, rotation)
            state = method.align_state(state, centre, rotation)
        coords = np.empty((2 * n, dim), np.float32)
        coords[fit_rows] = coords_fit
        if len(new_rows):
            coords[new_rows] = method.place(x[new_rows], x[fit_rows], coords_fit, state)
        if state is not None:  # before the coordinates: a head whose coordinates exist has its state
            writer.write_layout_state(method_name, dim, layer, head, state)
        coords16 = coords.astype(np.float16)
        writer.write_layout(method_name, dim, layer, head, coords16)
        computed[name] = coords16
        res.seconds[name] = time.perf_counter() - t0 - (res.seconds.get("knn", 0.0) - knn_before)

    if job.fidelity:
        terms = atlas.terms(layer, head)
        attended = ctx.blocks.top_attended(atlas.queries(layer, head), atlas.keys(layer, head), terms)
        for name in job.fidelity:
            if name == ORIGINAL:
                yq, yk = q, k
            else:
                y = computed.get(name)
                if y is None:
                    y = np.load(atlas.path / paths.layout_file(*paths.parse_layout_name(name), layer, head))
                yq, yk = y[:n], y[n:]
            res.fidelity[name] = ctx.blocks.fidelity(attended, yq, yk, terms)
    return res
