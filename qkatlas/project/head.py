"""Everything for one head, as one job of a worker process: kNN graph, layouts, alignment,
files, fidelity.

Why per head: heads are independent, so they parallelise perfectly and a head is the unit of
resuming (its layout files are written atomically; a file that exists is finished). Within a
head the work is shared: one kNN graph and one PCA start serve t-SNE and UMAP in every
dimension, and the attention top-k of each query is computed once for all layouts' fidelity.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from qkatlas.atlas import store
from qkatlas.project import methods
from qkatlas.project.align import alignment, apply_alignment
from qkatlas.project.fidelity import SequenceBlocks
from qkatlas.project.knn import knn_graph
from qkatlas.project.place import interpolate

ORIGINAL = "original"


def pca_map_file(dim: int, layer: int, head: int) -> str:
    """Per-head PCA map: coordinates = normalised vector @ weight + bias (alignment included)."""
    return f"{store.LAYOUTS}/{store.layout_name('pca', dim)}/maps/L{layer:03d}H{head:03d}.npz"


def save_pca_map(path: Path, dim: int, layer: int, head: int, weight: np.ndarray, bias: np.ndarray) -> None:
    import io

    buf = io.BytesIO()
    np.savez(buf, weight=np.asarray(weight, np.float32), bias=np.asarray(bias, np.float32))
    store.write_bytes_atomic(Path(path) / pca_map_file(dim, layer, head), buf.getvalue())


def load_pca_map(path: Path, dim: int, layer: int, head: int) -> tuple[np.ndarray, np.ndarray]:
    with np.load(Path(path) / pca_map_file(dim, layer, head)) as z:
        return z["weight"], z["bias"]


@dataclass
class HeadJob:
    path: str
    layer: int
    head: int
    layouts: list[tuple[str, int]]  # (method, dim) to compute
    fidelity: list[str]  # layout names (or "original") whose fidelity to measure
    seed: int = 0
    align: bool = True


@dataclass
class HeadResult:
    layer: int
    head: int
    seconds: dict[str, float] = field(default_factory=dict)  # per layout name, plus "knn"
    fidelity: dict[str, float] = field(default_factory=dict)


class AtlasContext:
    """What every head of one atlas shares (opened once per worker process)."""

    def __init__(self, path: str):
        self.atlas = store.Atlas.open(path)
        tokens = self.atlas.tokens
        added = tokens["added"].to_numpy(bool) if "added" in tokens else np.zeros(len(tokens), bool)
        self.fit_tokens = np.flatnonzero(~added)
        self.added_tokens = np.flatnonzero(added)
        self.positions = tokens["pos_norm"].to_numpy(np.float64)
        seqs = self.atlas.sequences
        self.blocks = SequenceBlocks(seqs["start"].to_numpy(), seqs["n_tokens"].to_numpy(), self.atlas.causal)


_contexts: dict[tuple, AtlasContext] = {}


def context(path: str) -> AtlasContext:
    """The shared state of an atlas, cached per process until its manifest changes (e.g. ``add``)."""
    resolved = Path(path).resolve()
    stat = (resolved / store.MANIFEST).stat()
    key = (str(resolved), stat.st_mtime_ns, stat.st_size)
    if key not in _contexts:
        _contexts.clear()  # one atlas at a time per process
        _contexts[key] = AtlasContext(str(resolved))
    return _contexts[key]


def run(job: HeadJob) -> HeadResult:
    ctx = context(job.path)
    atlas = ctx.atlas
    res = HeadResult(job.layer, job.head)
    q, k = atlas.normalized(job.layer, job.head)
    n = len(q)
    x = np.concatenate([q, k])
    fit_rows = np.concatenate([ctx.fit_tokens, n + ctx.fit_tokens])
    new_rows = np.concatenate([ctx.added_tokens, n + ctx.added_tokens])
    n_fit = len(ctx.fit_tokens)
    fit_positions = ctx.positions[ctx.fit_tokens]

    computed: dict[str, np.ndarray] = {}
    shared = _Shared(x, fit_rows, job.seed, res)
    for method, dim in job.layouts:
        if method in ("tsne", "umap"):
            shared.graph()  # timed on its own: one graph serves both methods
        t0 = time.perf_counter()
        name = store.layout_name(method, dim)
        if method == "pca":
            weight, bias = methods.pca_map(x[fit_rows], dim)
            fitted = x[fit_rows] @ weight + bias
        elif method == "tsne":
            fitted = methods.tsne(shared.graph(), shared.init(dim), job.seed)
        elif method == "umap":
            fitted = methods.umap(shared.graph(), shared.unit_fit(), shared.init(dim), job.seed)
        else:
            raise ValueError(f"unknown layout method {method!r}")
        if job.align:
            centre, rotation = alignment(fitted, n_fit, fit_positions)
            fitted = apply_alignment(fitted, centre, rotation)
            if method == "pca":
                weight, bias = weight @ rotation, (bias - centre) @ rotation
        coords = np.empty((2 * n, dim), np.float32)
        coords[fit_rows] = fitted
        if len(new_rows):
            if method == "pca":
                coords[new_rows] = x[new_rows] @ weight + bias
            else:
                coords[new_rows] = interpolate(shared.unit_fit(), fitted, shared.unit_all()[new_rows])
        if method == "pca":  # before the coordinates: a head whose coordinates exist has its map
            save_pca_map(atlas.path, dim, job.layer, job.head, weight, bias)
        coords16 = coords.astype(np.float16)
        store.save_npy_atomic(atlas.path / store.layout_file(method, dim, job.layer, job.head), coords16)
        computed[name] = coords16
        res.seconds[name] = time.perf_counter() - t0

    if job.fidelity:
        attended = ctx.blocks.top_attended(atlas.queries(job.layer, job.head), atlas.keys(job.layer, job.head))
        for name in job.fidelity:
            if name == ORIGINAL:
                yq, yk = q, k
            else:
                y = computed.get(name)
                if y is None:
                    y = np.load(atlas.path / store.LAYOUTS / name / f"L{job.layer:03d}H{job.head:03d}.npy")
                yq, yk = y[:n], y[n:]
            res.fidelity[name] = ctx.blocks.fidelity(attended, yq, yk)
    return res


class _Shared:
    """Lazily computed inputs that t-SNE and UMAP share (and PCA never needs)."""

    def __init__(self, x, fit_rows, seed, res):
        self.x, self.fit_rows, self.seed, self.res = x, fit_rows, seed, res
        self._unit = self._graph = None
        self._init: dict[int, np.ndarray] = {}

    def unit_all(self) -> np.ndarray:
        if self._unit is None:
            self._unit = methods.unit_rows(self.x)
        return self._unit

    def unit_fit(self) -> np.ndarray:
        return self.unit_all()[self.fit_rows]

    def graph(self):
        if self._graph is None:
            t0 = time.perf_counter()
            self._graph = knn_graph(self.unit_fit(), methods.knn_size(len(self.fit_rows)), seed=self.seed)
            self.res.seconds["knn"] = time.perf_counter() - t0
        return self._graph

    def init(self, dim: int) -> np.ndarray:
        if dim not in self._init:
            self._init[dim] = methods.pca_init(self.unit_fit(), dim, self.seed)
        return self._init[dim]
