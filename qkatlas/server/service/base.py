"""Shared by every part of the service: JSON helpers, path scrubbing, lookups with clear errors,
the level-of-detail sample, and the cache of encoded answers."""

from __future__ import annotations

import json
import os
from pathlib import Path, PureWindowsPath
from typing import Any

import numpy as np

from qkatlas.atlas import paths
from qkatlas.atlas.paths import layout_name
from qkatlas.server.cache import ByteCache
from qkatlas.server.errors import bad, missing
from qkatlas.server.limits import Limits
from qkatlas.server.registry import Snapshot

SAMPLE_SEED = 0
KNOWN_COLUMNS = {
    "seq", "pos", "seq_len", "pos_norm", "token_id", "token", "token_raw", "token_len", "is_special",
    "is_punct", "added", "patch_row", "patch_col", "hue", "saturation", "brightness",
}


# ---- JSON helpers ------------------------------------------------------------------------------
def dumps(data: Any) -> bytes:
    return json.dumps(data, separators=(",", ":"), allow_nan=False).encode()


def clean(values) -> list:
    """A column as a JSON-safe list (NaN -> None, numpy scalars -> Python)."""
    arr = np.asarray(values)
    if arr.dtype.kind == "f":
        return [None if not np.isfinite(v) else round(float(v), 6) for v in arr]
    if arr.dtype.kind in "iu":
        return [int(v) for v in arr]
    if arr.dtype.kind == "b":
        return [bool(v) for v in arr]
    return [None if v is None or (isinstance(v, float) and not np.isfinite(v)) else str(v) for v in arr]


def columns(df) -> dict:
    """A data frame as ``{columns, n, data: {column: values}}``."""
    return {"columns": list(map(str, df.columns)), "n": int(len(df)), "data": {str(c): clean(df[c].to_numpy()) for c in df.columns}}


def is_abs_path(s: str) -> bool:
    return os.path.isabs(s) or s.startswith("~") or PureWindowsPath(s).drive != ""


def public(value: Any) -> Any:
    """``value`` with every absolute filesystem path replaced by its last component."""
    if isinstance(value, str):
        return Path(value).name if is_abs_path(value) else value
    if isinstance(value, dict):
        return {k: public(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [public(v) for v in value]
    return value


def _hint_layer(what: str = "ask per layer (layer=...)") -> str:
    return f"{what}, per head (layer=...&head=...) or with a sample of tokens (sample=N)"


class ServiceBase:
    """Limits, the response cache, and the lookups every answer starts with."""

    def __init__(self, limits: Limits | None = None, cache: ByteCache | None = None):
        self.limits = limits or Limits()
        self.cache = cache or ByteCache(self.limits.cache_bytes, self.limits.cache_item_bytes)

    def _cached(self, snap: Snapshot, key: tuple, make) -> bytes:
        return self.cache.get_or_make((snap.generation, *key), make)

    # ---- lookups with clear errors -------------------------------------------------------------
    @staticmethod
    def heads(snap: Snapshot, layer: int | None, head: int | None) -> list[tuple[int, int]]:
        a = snap.atlas
        if layer is not None and not 0 <= layer < a.n_layers:
            raise bad(f"layer {layer} out of range: atlas {snap.id!r} has layers 0..{a.n_layers - 1}")
        if head is not None and not 0 <= head < a.n_heads:
            raise bad(f"head {head} out of range: atlas {snap.id!r} has heads 0..{a.n_heads - 1}")
        if head is not None and layer is None:
            raise bad("parameter 'head' needs 'layer' too")
        layers = [layer] if layer is not None else range(a.n_layers)
        heads = [head] if head is not None else range(a.n_heads)
        return [(l, h) for l in layers for h in heads]

    def one_head(self, snap: Snapshot, layer: int, head: int) -> tuple[int, int]:
        return self.heads(snap, layer, head)[0]

    @staticmethod
    def seq(snap: Snapshot, seq: int) -> int:
        if not 0 <= seq < snap.n_sequences:
            raise bad(f"sequence {seq} out of range: atlas {snap.id!r} has sequences 0..{snap.n_sequences - 1}")
        return seq

    @staticmethod
    def token(snap: Snapshot, row: int) -> tuple[int, int]:
        """(sequence, position) of token row ``row``."""
        n = snap.atlas.n_tokens
        if not 0 <= row < n:
            raise bad(f"token {row} out of range: atlas {snap.id!r} has tokens 0..{n - 1}")
        s = int(np.searchsorted(snap.starts, row, side="right") - 1)
        return s, int(row - snap.starts[s])

    @staticmethod
    def resolve_layout(snap: Snapshot, name: str) -> tuple[str, int, bool]:
        """(method, dim, complete) of layout ``name``; 404 when the atlas has no such layout."""
        for method, dim in snap.atlas.layouts:
            if layout_name(method, dim) == name:
                return method, dim, True
        for entry in snap.atlas.manifest.get("layouts", {}).values():
            try:
                method, dim = str(entry["method"]), int(entry["dim"])
            except (KeyError, TypeError, ValueError):
                continue
            if layout_name(method, dim) == name:
                return method, dim, False
        have = ", ".join(layout_name(m, d) for m, d in snap.atlas.layouts) or "none"
        shown = name if len(name) <= 40 else name[:40] + "..."
        raise missing(f"atlas {snap.id!r} has no complete layout {shown!r} (have: {have})")


    # ---- sampling ---------------------------------------------------------------------------------
    def sample_rows(self, snap: Snapshot, size: int | None) -> np.ndarray | None:
        """Token rows of the deterministic level-of-detail sample of ``size`` tokens (sorted; None = all)."""
        n = snap.atlas.n_tokens
        if size is None or size >= n:
            return None
        if size < 1:
            raise bad(f"sample {size}: must be at least 1")
        order = snap.memo("perm", lambda: np.random.default_rng(SAMPLE_SEED).permutation(n))
        return np.sort(order[:size]).astype(np.uint32)


# ---- helpers ----------------------------------------------------------------------------------------------
def _heads_done(snap: Snapshot, method: str, dim: int) -> int:
    """Heads of a layout whose file exists (one directory listing, not one stat per head)."""
    folder = snap.atlas.path / paths.LAYOUTS / layout_name(method, dim)
    try:
        names = {e.name for e in os.scandir(folder) if e.name.endswith(".npy")}
    except OSError:
        return 0
    a = snap.atlas
    return sum(1 for l in range(a.n_layers) for h in range(a.n_heads) if f"{paths.head_stem(l, h)}.npy" in names)


def _stats(folder: Path, *names: str) -> tuple:
    """(mtime_ns, size) of files that change without a manifest change (results rewritten as they grow)."""
    out = []
    for name in names:
        try:
            st = os.stat(folder / name)
            out.append((st.st_mtime_ns, st.st_size))
        except OSError:
            out.append(None)
    return tuple(out)


def _factorize(col):
    import pandas as pd

    codes, uniq = pd.factorize(col.astype(str))
    return codes, [str(u) for u in uniq]

