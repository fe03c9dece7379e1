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

from collections import OrderedDict

import numpy as np

from qkatlas.analysis.streaming import LayerBatch, SequenceView
from qkatlas.atlas.reader import Atlas
from qkatlas.errors import InputError

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


def offset_mass(b: LayerBatch, view: SequenceView) -> np.ndarray:
    """Per head, summed over the valid queries: attention mass at each relative offset bin
    (-R-1 means <= -R-1, R+1 means >= R+1). The inner bins are one gather of 2R + 1 entries per
    query; the far tail one masked sum (skipped when no query may look that far ahead, e.g.
    causal); the near tail is what remains of each row. No (heads, n, n) cumulative sums, no
    index tables, a handful of calls per sequence."""
    attn, n, rows = b.attn, view.n, view.rows
    out = np.zeros((attn.shape[0], 2 * OFFSET_RADIUS + 3))
    if len(rows) == 0:
        return out
    cols = rows[:, None] + np.arange(-OFFSET_RADIUS, OFFSET_RADIUS + 1)[None, :]
    inner = attn[:, rows[:, None], np.clip(cols, 0, n - 1)] * ((cols >= 0) & (cols < n))  # (heads, rows, 2R + 1)
    out[:, 1:-1] = inner.sum(1)
    rest = b.rows.total[:, rows] - inner.sum(-1)  # per query: both tails
    if np.diagonal(view.allowed, OFFSET_RADIUS + 1).any():  # some query sees keys j >= i + R + 1 (masks are bands)
        import torch

        far = torch.triu(torch.from_numpy(attn), OFFSET_RADIUS + 1).sum(-1).numpy()[:, rows]
        out[:, -1] = far.sum(-1)
        rest -= far
    near = (rows > OFFSET_RADIUS) & view.allowed[rows, np.maximum(rows - OFFSET_RADIUS - 1, 0)]  # sees j <= i - R - 1
    out[:, 0] = np.maximum(rest[:, near], 0.0).sum(-1, dtype=np.float64)
    return out


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
        self._cache: OrderedDict = OrderedDict()  # patch grids seen (images of one size: one entry)

    def add(self, layer: int, view: SequenceView, b: LayerBatch) -> None:
        m = min(view.n, self.P)
        self.attn[layer, b.heads, :m, :m] += b.attn[:, :m, :m]
        first = np.arange(m)
        self.attn_v[layer, b.heads, :m, :m] += b.weighted(first[:, None], first[None, :])
        valid = view.valid
        if b.first:  # once per sequence
            self.offset_queries[layer] += valid.sum()
            if layer == 0:
                self.counts[:m, :m] += view.allowed[:m, :m]
        self.offset_mass[layer, b.heads] += offset_mass(b, view)
        if self.images:
            self._add_patches(layer, view, b)

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
            while len(self._cache) > 4:
                self._cache.popitem(last=False)
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


def aggregate_attention(atlas: Atlas, layer: int, head: int, weighted: bool = False) -> np.ndarray:
    """Mean attention (P, P) by (query position, key position) over the corpus; NaN where no pair.

    ``weighted``: value-norm weighted attention (p_ij ||v_j||, renormalised per query).
    """
    atlas.check_head(layer, head)
    return atlas.aggregate()["attn_value_weighted" if weighted else "attn"][layer, head].copy()


def patch_offset_attention(atlas: Atlas, layer: int, head: int, weighted: bool = False) -> np.ndarray:
    """Images: mean attention between patches by offset (2 rows - 1, 2 cols - 1); centre = same patch.

    Entry [rows - 1 + dr, cols - 1 + dc] is the mean attention a query patch gives the patch
    dr rows below and dc columns right of it. Raises InputError for text atlases.
    """
    atlas.check_head(layer, head)
    maps = atlas.aggregate()
    if "patch_offset" not in maps:
        raise InputError(f"{atlas.path}: patch-offset maps exist only for image atlases; use aggregate_attention")
    return maps["patch_offset_value_weighted" if weighted else "patch_offset"][layer, head].copy()


def offset_profile(atlas: Atlas, layer: int, head: int) -> tuple[np.ndarray, np.ndarray]:
    """(offsets, mean attention share per query at that relative offset); tails are the end bins."""
    atlas.check_head(layer, head)
    maps = atlas.aggregate()
    return maps["offset_bins"].copy(), maps["offset_mass"][layer, head].copy()
