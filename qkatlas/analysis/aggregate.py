"""Aggregate attention maps per head, averaged over the corpus (``aggregate.npz``).

Why: one sentence's attention is noisy; the corpus average by (query position, key position)
shows a head's positional habit at a glance (a diagonal band = previous-token, a first column
= sink), and the value-weighted version shows what the attended keys actually contribute.
For images, position in the token order means little, so image atlases also get the average by
2-D patch offset (key patch - query patch), centred on the query patch. Filled by the same
streaming pass as the metrics (``qkatlas.analysis.streaming``).

Stored arrays (all means; NaN where no (query, key) pair exists or the pair is masked):

* ``attn``, ``attn_value_weighted``: float32 (n_layers, n_heads, P, P), P = min(longest
  sequence, 64); ``counts``: int64 (P, P), the sequences contributing to each cell.
* ``offset_bins``: int32 (2R+3,) with R = 8: relative offsets -R..R plus two tail bins
  (-R-1 means "<= -R-1", R+1 means ">= R+1"); ``offset_mass``: float32 (n_layers, n_heads, 2R+3),
  the mean attention share per query at that offset (sums to 1 per head).
* images only: ``patch_offset``, ``patch_offset_value_weighted``: float32
  (n_layers, n_heads, 2 rows - 1, 2 cols - 1), mean attention between patches at that offset
  (centre = same patch), patch queries only; ``patch_offset_counts``: int64 (same grid);
  ``patch_queries``: int64 scalar.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import numpy as np

from qkatlas.atlas import store
from qkatlas.atlas.store import Atlas
from qkatlas.analysis.streaming import LayerBatch, SequenceView
from qkatlas.errors import InputError

AGGREGATE = "aggregate.npz"
MAX_POSITIONS = 64
OFFSET_RADIUS = 8


def _grouped_sum(values: np.ndarray, index: np.ndarray, n_bins: int) -> np.ndarray:
    """Per head (first axis), sum ``values`` into ``n_bins`` bins given by ``index``.

    ``index`` has the shape of one head's values; entries equal to ``n_bins`` are dropped.
    """
    import torch

    h = values.shape[0]
    out = torch.zeros((h, n_bins + 1), dtype=torch.float32)  # per sequence; callers sum in float64
    out.index_add_(1, torch.from_numpy(np.ascontiguousarray(index, dtype=np.int64).reshape(-1)),
                   torch.from_numpy(np.ascontiguousarray(values, dtype=np.float32).reshape(h, -1)))
    return out[:, :n_bins].numpy()


class AggregateSums:
    """Running sums for every aggregate map, fed by the streaming pass."""

    def __init__(self, atlas: Atlas):
        L, H = atlas.n_layers, atlas.n_heads
        self.P = P = int(min(atlas.sequences["n_tokens"].max(), MAX_POSITIONS))
        self.attn = np.zeros((L, H, P, P))
        self.attn_v = np.zeros((L, H, P, P))
        self.counts = np.zeros((P, P), np.int64)
        self.n_bins = 2 * OFFSET_RADIUS + 3
        self.offset_mass = np.zeros((L, H, self.n_bins))
        self.offset_queries = np.zeros(L)
        t = atlas.tokens
        self.images = "patch_row" in t.columns and bool((t["patch_row"] >= 0).any())
        if self.images:
            self.grid = (int(t["patch_row"].max()) + 1, int(t["patch_col"].max()) + 1)
            K = (2 * self.grid[0] - 1) * (2 * self.grid[1] - 1)
            self.patch = np.zeros((L, H, K))
            self.patch_v = np.zeros((L, H, K))
            self.patch_counts = np.zeros(K, np.int64)
            self.patch_queries = 0
        self._cache: dict = {}

    def add(self, layer: int, view: SequenceView, b: LayerBatch) -> None:
        m = min(view.n, self.P)
        self.attn[layer, b.heads, :m, :m] += b.attn[:, :m, :m]
        self.attn_v[layer, b.heads, :m, :m] += b.attn_v[:, :m, :m]
        valid = view.valid
        if b.first:  # once per sequence
            self.offset_queries[layer] += valid.sum()
            if layer == 0:
                self.counts[:m, :m] += view.allowed[:m, :m]
        self.offset_mass[layer, b.heads] += _grouped_sum(b.attn[:, valid], self._offset_index(view.n)[valid], self.n_bins)
        if self.images:
            self._add_patches(layer, view, b)

    def _offset_index(self, n: int) -> np.ndarray:
        key = ("offsets", n)
        if key not in self._cache:
            i = np.arange(n)
            self._cache[key] = np.clip(i[None] - i[:, None], -OFFSET_RADIUS - 1, OFFSET_RADIUS + 1) + OFFSET_RADIUS + 1
        return self._cache[key]

    def _add_patches(self, layer: int, view: SequenceView, b: LayerBatch) -> None:
        K = self.patch.shape[2]
        key = ("patches", view.patch_row.tobytes(), view.patch_col.tobytes())
        if key not in self._cache:  # offset bin of every (query, key) pair; K = not a patch pair
            gr, gc = self.grid
            r, c = view.patch_row, view.patch_col
            index = (r[None] - r[:, None] + gr - 1) * (2 * gc - 1) + (c[None] - c[:, None] + gc - 1)
            is_patch = r >= 0
            keep = view.allowed & is_patch[None] & is_patch[:, None]
            self._cache[key] = (np.where(keep, index, K), int(is_patch.sum()))
        index, n_patches = self._cache[key]
        self.patch[layer, b.heads] += _grouped_sum(b.attn, index, K)
        self.patch_v[layer, b.heads] += _grouped_sum(b.attn_v, index, K)
        if layer == 0 and b.first:
            self.patch_counts += np.bincount(index.ravel(), minlength=K + 1)[:K]
            self.patch_queries += n_patches

    def result(self) -> dict[str, np.ndarray]:
        """The stored arrays (means), as documented in the module docstring."""
        with np.errstate(invalid="ignore", divide="ignore"):
            cnt = np.where(self.counts > 0, self.counts, np.nan)
            out = {
                "attn": (self.attn / cnt).astype(np.float32),
                "attn_value_weighted": (self.attn_v / cnt).astype(np.float32),
                "counts": self.counts,
                "offset_bins": np.arange(-OFFSET_RADIUS - 1, OFFSET_RADIUS + 2, dtype=np.int32),
                "offset_mass": (self.offset_mass / self.offset_queries[:, None, None]).astype(np.float32),
            }
            if self.images:
                shape = (2 * self.grid[0] - 1, 2 * self.grid[1] - 1)
                pc = np.where(self.patch_counts > 0, self.patch_counts, np.nan)
                L, H, _ = self.patch.shape
                out["patch_offset"] = (self.patch / pc).reshape(L, H, *shape).astype(np.float32)
                out["patch_offset_value_weighted"] = (self.patch_v / pc).reshape(L, H, *shape).astype(np.float32)
                out["patch_offset_counts"] = self.patch_counts.reshape(shape)
                out["patch_queries"] = np.int64(self.patch_queries)
        return out


def save(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write ``aggregate.npz`` atomically (temporary file + rename)."""
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    store.write_bytes_atomic(Path(path) / AGGREGATE, buf.getvalue())


@lru_cache(maxsize=8)
def _load(path: str, mtime_ns: int) -> dict[str, np.ndarray]:
    with np.load(path) as z:
        arrays = {k: z[k] for k in z.files}
    for a in arrays.values():
        a.setflags(write=False)  # shared by every caller through the cache
    return arrays


def read_aggregate(path: Path) -> dict[str, np.ndarray]:
    """The arrays of an ``aggregate.npz`` file, cached per file version (treat as read-only)."""
    return _load(str(path), Path(path).stat().st_mtime_ns)


def load_aggregate(atlas: Atlas) -> dict[str, np.ndarray]:
    """All stored aggregate arrays (computed first if missing or stale); cached per file version."""
    from qkatlas.analysis.metrics import compute_head_metrics, is_current

    if not is_current(atlas):
        compute_head_metrics(atlas.path, progress=False, log=lambda *_: None)
    return read_aggregate(atlas.path / AGGREGATE)


def aggregate_attention(atlas: Atlas, layer: int, head: int, weighted: bool = False) -> np.ndarray:
    """Mean attention (P, P) by (query position, key position) over the corpus; NaN where no pair.

    ``weighted``: value-norm weighted attention (p_ij ||v_j||, renormalised per query).
    """
    atlas.check_head(layer, head)
    return load_aggregate(atlas)["attn_value_weighted" if weighted else "attn"][layer, head].copy()


def patch_offset_attention(atlas: Atlas, layer: int, head: int, weighted: bool = False) -> np.ndarray:
    """Images: mean attention between patches by offset (2 rows - 1, 2 cols - 1); centre = same patch.

    Entry [rows - 1 + dr, cols - 1 + dc] is the mean attention a query patch gives the patch
    dr rows below and dc columns right of it. Raises InputError for text atlases.
    """
    atlas.check_head(layer, head)
    maps = load_aggregate(atlas)
    if "patch_offset" not in maps:
        raise InputError(f"{atlas.path}: patch-offset maps exist only for image atlases; use aggregate_attention")
    return maps["patch_offset_value_weighted" if weighted else "patch_offset"][layer, head].copy()


def offset_profile(atlas: Atlas, layer: int, head: int) -> tuple[np.ndarray, np.ndarray]:
    """(offsets, mean attention share per query at that relative offset); tails are the end bins."""
    atlas.check_head(layer, head)
    maps = load_aggregate(atlas)
    return maps["offset_bins"].copy(), maps["offset_mass"][layer, head].copy()
