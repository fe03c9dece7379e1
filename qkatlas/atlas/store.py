"""The atlas on disk: one folder, documented in FORMAT.md, readable with NumPy and pyarrow alone.

Why this layout: per-layer ``.npy`` files can be memory-mapped, so reading one head touches only
that head's rows, and a build never needs more than one batch in memory. The manifest is written
last (atomically), so a folder without ``"status": "complete"`` never reads as a finished atlas.
"""

from __future__ import annotations

import json
import os
import tempfile
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from qkatlas.errors import AtlasFormatError, InputError

FORMAT_NAME = "qkatlas-atlas"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
TOKENS = "tokens.parquet"
SEQUENCES = "sequences.parquet"
NORMALIZATION = "normalization.npz"
THUMBNAILS = "thumbnails.npy"
LAYOUTS = "layouts"
FIDELITY = "fidelity.parquet"
HEAD_METRICS = "heads.parquet"


def layer_file(kind: str, layer: int) -> str:
    """Relative path of one layer's array of ``kind`` (queries, keys, value_norms)."""
    return f"{kind}/L{layer:03d}.npy"


def layout_name(method: str, dim: int) -> str:
    """Name of a layout, e.g. ``tsne-2d``; also its folder under ``layouts/``."""
    return f"{method}-{dim}d"


def layout_file(method: str, dim: int, layer: int, head: int) -> str:
    """Relative path of one head's coordinates: float16 (2 * n_tokens, dim), queries then keys."""
    return f"{LAYOUTS}/{layout_name(method, dim)}/L{layer:03d}H{head:03d}.npy"


def update_manifest(path: Path, change) -> dict:
    """Read the manifest, apply ``change(manifest)`` and write it back atomically.

    Only the main process of a build writes the manifest; workers write per-head files.
    """
    manifest = read_manifest(Path(path))
    change(manifest)
    write_json_atomic(Path(path) / MANIFEST, manifest)
    return manifest


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON via a temporary file and rename, so readers never see half a file."""
    write_bytes_atomic(path, (json.dumps(data, indent=2, sort_keys=False) + "\n").encode())


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_npy_atomic(path: Path, array: np.ndarray) -> None:
    """``np.save`` through a temporary file and rename (a killed process leaves no torn array)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.save(f, array)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_manifest(path: Path) -> dict:
    """Read and validate a manifest; errors name the folder and what to do."""
    mpath = Path(path) / MANIFEST
    if not mpath.is_file():
        raise AtlasFormatError(
            f"{path}: not a qkatlas atlas (no {MANIFEST}); build one with `qkatlas build`"
        )
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise AtlasFormatError(
            f"{mpath}: corrupt manifest ({e}); rebuild the atlas with `qkatlas build`"
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise AtlasFormatError(f"{mpath}: not a qkatlas manifest; rebuild with `qkatlas build`")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise AtlasFormatError(
            f"{path}: atlas format version {version} is newer than this qkatlas reads "
            f"({FORMAT_VERSION}); upgrade qkatlas (pip install -U qkatlas)"
        )
    return manifest


class Atlas:
    """Read access to a finished atlas. Arrays come back as float32 copies of the stored float16.

    Row ``i`` of every per-head array is token ``i`` of :attr:`tokens`.
    """

    def __init__(self, path: Path, manifest: dict):
        self.path = Path(path)
        self.manifest = manifest
        m = manifest["model"]
        self.n_layers: int = m["n_layers"]
        self.n_heads: int = m["n_heads"]
        self.n_kv_heads: int = m["n_kv_heads"]
        self.d_head: int = m["d_head"]
        self.kv_head_of: list[int] = m["kv_head_of"]
        self.causal: bool = m["causal"]
        self.n_tokens: int = manifest["corpus"]["n_tokens"]
        self._mmaps: dict[str, np.ndarray] = {}

    @classmethod
    def open(cls, path: str | os.PathLike) -> "Atlas":
        path = Path(path)
        if not path.is_dir():
            raise InputError(f"{path}: no such atlas folder; build one with `qkatlas build`")
        manifest = read_manifest(path)
        if manifest.get("status") != "complete":
            raise AtlasFormatError(
                f"{path}: atlas is incomplete (status {manifest.get('status')!r}); "
                "re-run `qkatlas build` to finish it"
            )
        atlas = cls(path, manifest)
        atlas._check_files()
        return atlas

    def _check_files(self) -> None:
        for name in (TOKENS, SEQUENCES):
            if not (self.path / name).is_file():
                raise AtlasFormatError(f"{self.path}: missing {name}; rebuild the atlas")
        for layer in range(self.n_layers):
            for kind in ("queries", "keys"):
                arr = self._layer(kind, layer)
                n_heads = self.n_heads if kind == "queries" else self.n_kv_heads
                if arr.shape != (n_heads, self.n_tokens, self.d_head):
                    raise AtlasFormatError(
                        f"{self.path / layer_file(kind, layer)}: shape {arr.shape} does not match "
                        f"the manifest {(n_heads, self.n_tokens, self.d_head)}; rebuild the atlas"
                    )

    # ---- structure -------------------------------------------------------------------------
    @property
    def model(self) -> dict:
        return self.manifest["model"]

    @property
    def corpus(self) -> dict:
        return self.manifest["corpus"]

    @property
    def heads(self) -> list[tuple[int, int]]:
        return [(layer, head) for layer in range(self.n_layers) for head in range(self.n_heads)]

    @cached_property
    def tokens(self):
        """Token table (pandas DataFrame), one row per token, in the order of the vector rows."""
        import pandas as pd

        return pd.read_parquet(self.path / TOKENS)

    @cached_property
    def sequences(self):
        """One row per sequence: ``seq``, ``start`` (first token row), ``n_tokens``, text/source."""
        import pandas as pd

        return pd.read_parquet(self.path / SEQUENCES)

    def check_head(self, layer: int, head: int) -> None:
        if not (0 <= layer < self.n_layers and 0 <= head < self.n_heads):
            raise InputError(
                f"{self.path}: head (layer {layer}, head {head}) out of range; this atlas has "
                f"{self.n_layers} layers x {self.n_heads} heads"
            )

    def kv_head(self, head: int) -> int:
        """Key/value head read by query ``head`` (differs from ``head`` under grouped-query attention)."""
        return self.kv_head_of[head]

    # ---- vectors ----------------------------------------------------------------------------
    def _layer(self, kind: str, layer: int) -> np.ndarray:
        key = f"{kind}/{layer}"
        if key not in self._mmaps:
            self._mmaps[key] = np.load(self.path / layer_file(kind, layer), mmap_mode="r")
        return self._mmaps[key]

    def queries(self, layer: int, head: int) -> np.ndarray:
        """Raw query vectors (n_tokens, d_head), after rotary embedding where the model has one."""
        self.check_head(layer, head)
        return np.asarray(self._layer("queries", layer)[head], dtype=np.float32)

    def keys(self, layer: int, head: int) -> np.ndarray:
        """Raw key vectors (n_tokens, d_head) that query ``head`` reads."""
        self.check_head(layer, head)
        return np.asarray(self._layer("keys", layer)[self.kv_head(head)], dtype=np.float32)

    def value_norms(self, layer: int, head: int) -> np.ndarray:
        """||v|| per token (n_tokens,) of the value head that query ``head`` reads."""
        self.check_head(layer, head)
        return np.asarray(self._layer("value_norms", layer)[self.kv_head(head)], dtype=np.float32)

    @cached_property
    def _normalization(self) -> dict[str, np.ndarray]:
        with np.load(self.path / NORMALIZATION) as z:
            return {k: z[k] for k in z.files}

    def normalization(self, layer: int, head: int) -> tuple[np.ndarray, float]:
        """(key_shift, scale) of a head: q' = q / scale, k' = scale * k + key_shift."""
        self.check_head(layer, head)
        n = self._normalization
        return n["key_shift"][layer, head], float(n["scale"][layer, head])

    def normalized(self, layer: int, head: int) -> tuple[np.ndarray, np.ndarray]:
        """Queries and keys after key translation and norm scaling (attention unchanged)."""
        from qkatlas.normalize import apply_normalization

        shift, scale = self.normalization(layer, head)
        return apply_normalization(self.queries(layer, head), self.keys(layer, head), shift, scale)

    def sequence_rows(self, seq: int) -> slice:
        """Rows of sequence ``seq`` in every per-head array."""
        seqs = self.sequences
        if not 0 <= seq < len(seqs):
            raise InputError(
                f"{self.path}: sequence {seq} out of range; this atlas has {len(seqs)} sequences"
            )
        start = int(seqs["start"].iloc[seq])
        return slice(start, start + int(seqs["n_tokens"].iloc[seq]))

    def attention(self, layer: int, head: int, seq: int) -> np.ndarray:
        """Attention probabilities (n, n) of one sequence, recomputed from the stored q and k."""
        from qkatlas.normalize import attention_probs

        rows = self.sequence_rows(seq)
        q = np.asarray(self._layer("queries", layer)[head, rows], dtype=np.float32)
        k = np.asarray(self._layer("keys", layer)[self.kv_head(head), rows], dtype=np.float32)
        return attention_probs(q, k, scale=self.model["scales"][layer], causal=self.causal)

    # ---- layouts (computed by qkatlas.project) -----------------------------------------------
    @property
    def layouts(self) -> list[tuple[str, int]]:
        """Complete layouts as (method, dim), e.g. [("pca", 2), ("tsne", 2), ("umap", 2)]."""
        return [
            (info["method"], int(info["dim"]))
            for info in self.manifest.get("layouts", {}).values()
            if info.get("complete")
        ]

    def coords(self, layer: int, head: int, method: str, dim: int) -> np.ndarray:
        """Layout coordinates (2 * n_tokens, dim): rows 0..n-1 queries, rows n..2n-1 keys."""
        self.check_head(layer, head)
        if (method, dim) not in self.layouts:
            have = ", ".join(layout_name(m, d) for m, d in self.layouts) or "none"
            raise InputError(
                f"{self.path}: no {layout_name(method, dim)} layout (have: {have}); "
                f"add it with `qkatlas layout {self.path} --layouts {method} --dims {dim}`"
            )
        return np.load(self.path / layout_file(method, dim, layer, head)).astype(np.float32)

    def fidelity(self):
        """Layout fidelity per head (DataFrame: layer, head, layout, fidelity); see FORMAT.md."""
        import pandas as pd

        p = self.path / FIDELITY
        return pd.read_parquet(p) if p.is_file() else pd.DataFrame(columns=["layer", "head", "layout", "fidelity"])

    def head_metrics(self):
        """One row per head: layer, head, one column per metric, label and rule (qkatlas.analysis)."""
        from qkatlas.analysis.metrics import head_metrics

        return head_metrics(self)

    @property
    def thumbnails(self) -> np.ndarray | None:
        """Patch thumbnails (n_tokens, t, t, 3) uint8 for image atlases, else None."""
        p = self.path / THUMBNAILS
        return np.load(p, mmap_mode="r") if p.is_file() else None

    def __repr__(self) -> str:
        m = self.model
        return (
            f"Atlas({str(self.path)!r}, model={m['name']!r}, {self.n_layers}x{self.n_heads} heads, "
            f"{self.n_tokens} tokens)"
        )
