"""Everything for one head, as one job of an engine: inputs, every requested layout, alignment,
placement of the points outside the fit, files, fidelity and the geometry measure.

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
from qkatlas.atlas.points import Points
from qkatlas.atlas.reader import Atlas
from qkatlas.atlas.writer import AtlasWriter
from qkatlas.layout import methods
from qkatlas.layout.align import alignment, apply_alignment
from qkatlas.layout.fidelity import SequenceBlocks
from qkatlas.layout.geometry import layout_geometry, reference_neighbours

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
    kind: str = "head"  # "head": query head ``head``; "group": key head ``head`` with its query heads (groups.py)


@dataclass
class HeadResult:
    layer: int
    head: int
    # per layout name, plus "knn", and (profiling) "read", "fidelity" (geometry included), "geometry",
    # "total", "cpu" (process CPU seconds)
    seconds: dict[str, float] = field(default_factory=dict)
    fidelity: dict[str, float] = field(default_factory=dict)
    # per layout name: neighbour recall at 10 (geometry.py); absent for "original" (the space itself)
    geometry: dict[str, float] = field(default_factory=dict)
    kind: str = "head"
    # groups only: fidelity per query head of the group, {query head: {layout name: value}}
    query_fidelity: dict[int, dict[str, float]] = field(default_factory=dict)


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
        tokens = self.atlas.token_columns("added", "pos_norm")
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


def _attention(atlas, layer: int, head: int, fit_tokens: np.ndarray):
    """The lazy ``HeadInputs.attention`` of one head for attention-aware methods (computed only if
    a method asks), or None where no method provides it."""
    try:
        from qkatlas.layout.methods.attention_tsne import attention_provider
    except ImportError:
        return None
    return attention_provider(atlas, layer, head, fit_tokens)


PLACE_CHUNK = 16_384  # points placed per call: their copy and neighbour arrays (16k x 10 x d float64) stay bounded


def _place(method, x: np.ndarray, new_rows: np.ndarray, fit_x: np.ndarray, fit_coords: np.ndarray, state) -> np.ndarray:
    """``method.place`` of the points ``x[new_rows]``, a chunk at a time (each point is placed on
    its own, so chunks change nothing but memory: a 500k-token head would otherwise copy all of
    its points once more, and ``interpolate`` holds (points, 10, d) float64 of neighbour offsets)."""
    return np.concatenate([method.place(x[new_rows[i:i + PLACE_CHUNK]], fit_x, fit_coords, state)
                           for i in range(0, len(new_rows), PLACE_CHUNK)])


def lay_out(inputs: "methods.HeadInputs", x: np.ndarray, fit_rows: np.ndarray, new_rows: np.ndarray,
            layouts: list[tuple[str, int]], n_fit_queries: int, fit_positions: np.ndarray, align: bool, seed: int,
            seconds: dict[str, float]) -> list[tuple[str, int, np.ndarray, dict | None]]:
    """Every requested layout of one point cloud: (method, dim, coordinates of all rows, state).

    Fits on ``x[fit_rows]`` (through ``inputs``, which shares the kNN graph and the PCA start),
    aligns (the first ``n_fit_queries`` fitted rows are the queries), and places ``x[new_rows]``.
    Methods that keep the default placement (the distance-weighted mean of the nearest fitted
    points: linear in the coordinates, its neighbours depend on the vectors only) are placed
    together in one call on their coordinates side by side: one neighbour search for all of
    them instead of one each (measured: 0.9 s of 3.9 s per head at 10k tokens, fit sample 5k).
    ``seconds[name]``: fit + alignment + placement of each layout (the kNN graph apart, as "knn").
    """
    from qkatlas.layout.methods.base import LayoutMethod

    out = []
    for method_name, dim in layouts:
        method = methods.get(method_name)
        name = paths.layout_name(method_name, dim)
        t0 = time.perf_counter()
        knn_before = seconds.get("knn", 0.0)
        fitted = method.fit(inputs, dim, seed)
        coords_fit, state = fitted.coords, fitted.state
        if align:
            centre, rotation = alignment(coords_fit, n_fit_queries, fit_positions)
            coords_fit = apply_alignment(coords_fit, centre, rotation)
            state = method.align_state(state, centre, rotation)
        coords = np.empty((len(x), dim), np.float32)
        coords[fit_rows] = coords_fit
        own = type(method).place is not LayoutMethod.place
        if len(new_rows) and own:
            coords[new_rows] = _place(method, x, new_rows, inputs.x, coords_fit, state)
        seconds[name] = time.perf_counter() - t0 - (seconds.get("knn", 0.0) - knn_before)
        out.append((method, method_name, dim, coords, state, own))
    shared = [o for o in out if not o[5]]
    if len(new_rows) and shared:
        t0 = time.perf_counter()
        side_by_side = np.concatenate([coords[fit_rows] for _, _, _, coords, _, _ in shared], axis=1)
        placed = _place(shared[0][0], x, new_rows, inputs.x, side_by_side, None)
        col = 0
        for _, method_name, dim, coords, _, _ in shared:
            coords[new_rows] = placed[:, col : col + dim]
            col += dim
        each = (time.perf_counter() - t0) / len(shared)
        for _, method_name, dim, _, _, _ in shared:
            seconds[paths.layout_name(method_name, dim)] += each
    return [(method_name, dim, coords, state) for _, method_name, dim, coords, state, _ in out]


def run(job: HeadJob) -> HeadResult:
    t_start, cpu_start = time.perf_counter(), time.process_time()
    ctx = context(job.path, job.fit_sample, job.seed)
    atlas, layer, head = ctx.atlas, job.layer, job.head
    writer = AtlasWriter(atlas.path)
    res = HeadResult(layer, head)
    x = Points.of_head(atlas, layer, head)  # queries then keys, read from the memory maps when indexed
    res.seconds["read"] = time.perf_counter() - t_start
    n = x.n
    fit_rows = np.concatenate([ctx.fit_tokens, n + ctx.fit_tokens])
    new_rows = np.concatenate([ctx.place_tokens, n + ctx.place_tokens])
    inputs = methods.HeadInputs(x[fit_rows], seed=job.seed, seconds=res.seconds,
                                attention=_attention(atlas, layer, head, ctx.fit_tokens))
    fit_positions = ctx.positions[ctx.fit_tokens]

    computed: dict[str, np.ndarray] = {}
    for method_name, dim, coords, state in lay_out(inputs, x, fit_rows, new_rows, job.layouts, len(ctx.fit_tokens),
                                                   fit_positions, job.align, job.seed, res.seconds):
        if state is not None:  # before the coordinates: a head whose coordinates exist has its state
            writer.write_layout_state(method_name, dim, layer, head, state)
        coords16 = coords.astype(np.float16)
        writer.write_layout(method_name, dim, layer, head, coords16)
        computed[paths.layout_name(method_name, dim)] = coords16

    if job.fidelity:
        t_fid = time.perf_counter()
        terms = atlas.terms(layer, head)
        attended = ctx.blocks.top_attended(atlas.vectors("queries", layer, head), atlas.vectors("keys", layer, head), terms)
        reference = None  # the true neighbours for the geometry measure, shared by every layout
        for name in job.fidelity:
            if name == ORIGINAL:
                yq, yk = x.queries, x.keys
            else:
                y = computed.get(name)
                if y is None:
                    y = np.load(atlas.path / paths.layout_file(*paths.parse_layout_name(name), layer, head))
                yq, yk = y[:n], y[n:]
            res.fidelity[name] = ctx.blocks.fidelity(attended, yq, yk, terms)
            if name != ORIGINAL:  # on the fitted rows, through the head's kNN graph when a method built it
                t_geo = time.perf_counter()
                reference = reference or reference_neighbours(inputs, job.seed)
                res.geometry[name] = layout_geometry(inputs, y[fit_rows], reference=reference)
                res.seconds["geometry"] = res.seconds.get("geometry", 0.0) + time.perf_counter() - t_geo
        res.seconds["fidelity"] = time.perf_counter() - t_fid
    res.seconds["total"] = time.perf_counter() - t_start
    res.seconds["cpu"] = time.process_time() - cpu_start
    return res
