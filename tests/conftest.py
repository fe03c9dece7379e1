"""Shared fixtures: small real atlases (MiniLM over 40 wiki sentences, DINOv2 over 6 images) with
layouts, a running explorer server, and head-analysis stand-ins where qkatlas.analysis is absent.

Layouts come from ``qkatlas.project.pipeline.compute_layouts`` when it is importable, otherwise
from a plain PCA of the normalised vectors written in the documented format (FORMAT.md).
"""

from __future__ import annotations

import importlib
import socket
import sys
import threading
import time
import types
from pathlib import Path

import numpy as np
import pytest

from qkatlas.atlas import store

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"


# ---- atlases ----------------------------------------------------------------------------------
def _pca(x: np.ndarray, dim: int) -> np.ndarray:
    x = x - x.mean(axis=0)
    _, _, vt = np.linalg.svd(x.astype(np.float64), full_matrices=False)
    return (x @ vt[:dim].T).astype(np.float32)


def write_pca_layouts(path: Path, dims=(2, 3)) -> None:
    """PCA layouts of the normalised joint Q-K cloud of every head, in the atlas format."""
    atlas = store.Atlas.open(path)
    for dim in dims:
        for layer, head in atlas.heads:
            q, k = atlas.normalized(layer, head)
            coords = _pca(np.concatenate([q, k]), dim)
            store.save_npy_atomic(path / store.layout_file("pca", dim, layer, head), coords.astype(np.float16))

        def change(m, dim=dim):
            m.setdefault("layouts", {})[store.layout_name("pca", dim)] = {"method": "pca", "dim": dim, "complete": True}

        store.update_manifest(path, change)


def add_layouts(path: Path, dims=(2, 3)) -> None:
    try:
        from qkatlas.project.pipeline import compute_layouts
    except ModuleNotFoundError:
        compute_layouts = None
    if compute_layouts is not None:
        try:
            compute_layouts(path, ["pca"], list(dims), workers=1, progress=False, log=lambda *a, **k: None)
            if all(("pca", d) in store.Atlas.open(path).layouts for d in dims):
                return
        except TypeError:
            pass
    write_pca_layouts(path, dims)


def add_metrics(path: Path) -> None:
    """Real head metrics when qkatlas.analysis can compute them (else tests use the stand-in)."""
    try:
        from qkatlas.analysis.metrics import compute_head_metrics
    except ModuleNotFoundError:
        return
    try:
        compute_head_metrics(path, progress=False)
    except TypeError:
        compute_head_metrics(path)


def build_atlas(model: str, corpus: str, out: Path, n: int) -> Path:
    from qkatlas.capture.runner import build

    if not (out / "manifest.json").is_file():
        build(model, corpus, out, max_sequences=n)
    add_layouts(out)
    add_metrics(out)
    return out


@pytest.fixture(scope="session")
def atlas_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("atlases")


@pytest.fixture(scope="session")
def minilm_atlas(atlas_root) -> Path:
    return build_atlas("demo:minilm", "demo:wiki", atlas_root / "minilm", 40)


@pytest.fixture(scope="session")
def dinov2_atlas(atlas_root) -> Path:
    return build_atlas("demo:dinov2", "demo:images", atlas_root / "dinov2", 6)


# ---- head analysis stand-in ------------------------------------------------------------------
def _real_analysis() -> bool:
    try:
        importlib.import_module("qkatlas.analysis.metrics")
        importlib.import_module("qkatlas.analysis.similarity")
        importlib.import_module("qkatlas.analysis.aggregate")
        return True
    except ModuleNotFoundError:
        return False


def _fake_modules() -> dict[str, types.ModuleType]:
    """Minimal stand-ins with the documented signatures, for exercising the explorer's panels."""
    import pandas as pd

    def head_metrics(atlas):
        rows = []
        seqs = min(len(atlas.sequences), 8)
        for layer, head in atlas.heads:
            first, prev, ent = [], [], []
            for s in range(seqs):
                p = atlas.attention(layer, head, s)
                first.append(p[:, 0].mean())
                prev.append(np.mean(np.diag(p, -1)) if len(p) > 1 else 0.0)
                ent.append(float(-(p * np.log(p + 1e-9)).sum(1).mean()))
            rows.append({"layer": layer, "head": head, "first_token": float(np.mean(first)),
                         "previous_token": float(np.mean(prev)), "entropy": float(np.mean(ent))})
        df = pd.DataFrame(rows)
        df["label"] = np.where(df.first_token > 0.5, "first-token", np.where(df.previous_token > 0.3, "previous-token", "mixed"))
        df["rule"] = "stand-in"
        m = df[["first_token", "previous_token", "entropy"]].to_numpy()
        m = (m - m.mean(0)) / (m.std(0) + 1e-9)
        xy = _pca(m, 2)
        df["map_x"], df["map_y"] = xy[:, 0], xy[:, 1]
        return df

    def similar_heads(atlas, layer, head, k=8):
        df = atlas.head_metrics()
        m = df[["first_token", "previous_token", "entropy"]].to_numpy()
        i = layer * atlas.n_heads + head
        d = np.linalg.norm(m - m[i], axis=1)
        order = [j for j in np.argsort(d) if j != i][:k]
        return [(int(df.layer[j]), int(df.head[j]), float(-d[j])) for j in order]

    def aggregate_attention(atlas, layer, head, weighted=False):
        P = int(atlas.sequences["n_tokens"].max())
        total, count = np.zeros((P, P)), np.zeros((P, P))
        for s in range(len(atlas.sequences)):
            p = atlas.attention(layer, head, s)
            n = len(p)
            total[:n, :n] += p
            count[:n, :n] += 1
        return (total / np.maximum(count, 1)).astype(np.float32)

    mods = {}
    for name, fns in {
        "qkatlas.analysis.metrics": {"head_metrics": head_metrics},
        "qkatlas.analysis.similarity": {"similar_heads": similar_heads},
        "qkatlas.analysis.aggregate": {"aggregate_attention": aggregate_attention},
    }.items():
        mod = types.ModuleType(name)
        mod.__dict__.update(fns)
        mods[name] = mod
    return mods


@pytest.fixture(scope="session")
def analysis_modules():
    """Install the stand-in analysis modules for the session unless the real ones exist.

    Returns "real" or "stand-in". Session-scoped because the browser server lives all session.
    """
    if _real_analysis():
        yield "real"
        return
    mods = _fake_modules()
    saved = {k: sys.modules.get(k) for k in mods}
    sys.modules.update(mods)
    yield "stand-in"
    for k, v in saved.items():
        if v is None:
            sys.modules.pop(k, None)
        else:
            sys.modules[k] = v


# ---- a running server ----------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerThread:
    """uvicorn in a background thread on a free loopback port."""

    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started:
            if time.time() > deadline or not self.thread.is_alive():
                raise RuntimeError("explorer server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def served(minilm_atlas, dinov2_atlas, analysis_modules):
    """The explorer serving both test atlases; yields the base URL."""
    from qkatlas.server.app import create_app

    app = create_app([minilm_atlas, dinov2_atlas])
    with ServerThread(app) as srv:
        yield srv.url
