"""Every file name of an atlas folder, in one place (FORMAT.md documents each; a test checks both agree).

Why one module of plain functions: the writer, the reader, the add transaction, the server and
the static export all need the same relative paths; building them by hand in several places is
how formats drift. Paths here are relative to the atlas folder (POSIX strings) unless a
function takes the folder.
"""

from __future__ import annotations

from pathlib import Path

MANIFEST = "manifest.json"
TOKENS = "tokens.parquet"
SEQUENCES = "sequences.parquet"
NORMALIZATION = "normalization.npz"
THUMBNAILS = "thumbnails.npy"
IMAGES = "images"
LAYOUTS = "layouts"
FIDELITY = "fidelity.parquet"
HEAD_METRICS = "heads.parquet"
AGGREGATE = "aggregate.npz"
HEAD_SEQUENCES = "head_sequences.parquet"  # per head its top sequences (why a head attends)
COMPONENTS = "components.parquet"  # per head the variance shares of its bilinear form's components
REPORT = "report.html"
LAYER_KINDS = ("queries", "keys", "value_norms")
GROUPS = "groups"  # grouped-query layouts: one joint layout per key head (FORMAT.md "Group layouts")
GROUP_NORMALIZATION = f"{GROUPS}/normalization.npz"
GROUP_FIDELITY = f"{GROUPS}/fidelity.parquet"

# Working files of a build / an add (never inside a finished atlas).
PROGRESS = "progress.json"  # capture progress in <out>.partial/
JOURNAL = "swap.json"  # add transaction journal in <atlas>.add.partial/
PARTIAL_SUFFIX = ".partial"
ADD_SUFFIX = ".add.partial"


def layer_file(kind: str, layer: int) -> str:
    """One layer's array of ``kind`` (queries, keys, value_norms)."""
    if kind not in LAYER_KINDS:
        raise ValueError(f"unknown per-layer array {kind!r}")
    return f"{kind}/L{layer:03d}.npy"


def layout_name(method: str, dim: int) -> str:
    """Name of a layout, e.g. ``tsne-2d``; also its folder under ``layouts/``."""
    return f"{method}-{dim}d"


def parse_layout_name(name: str) -> tuple[str, int]:
    """``tsne-2d`` -> ("tsne", 2); ValueError for anything else."""
    method, _, dim = name.rpartition("-")
    if not method or dim not in ("2d", "3d"):
        raise ValueError(f"not a layout name: {name!r} (expected METHOD-2d or METHOD-3d)")
    return method, int(dim[0])


def head_stem(layer: int, head: int) -> str:
    return f"L{layer:03d}H{head:03d}"


def layout_file(method: str, dim: int, layer: int, head: int) -> str:
    """One head's coordinates: float16 (2 * n_tokens, dim), queries then keys."""
    return f"{LAYOUTS}/{layout_name(method, dim)}/{head_stem(layer, head)}.npy"


def layout_state_file(method: str, dim: int, layer: int, head: int) -> str:
    """What a layout method keeps to place new points later (e.g. PCA's affine map)."""
    return f"{LAYOUTS}/{layout_name(method, dim)}/maps/{head_stem(layer, head)}.npz"


def layout_pattern(method: str, dim: int) -> str:
    """The manifest's ``files`` pattern of a layout."""
    return f"{LAYOUTS}/{layout_name(method, dim)}/L{{layer:03d}}H{{head:03d}}.npy"


def group_layout_file(method: str, dim: int, layer: int, kv_head: int) -> str:
    """One key-head group's coordinates: float16 ((G + 1) * n_tokens, dim): each query head's queries, then the keys."""
    return f"{GROUPS}/{layout_name(method, dim)}/L{layer:03d}K{kv_head:03d}.npy"


def group_layout_state_file(method: str, dim: int, layer: int, kv_head: int) -> str:
    return f"{GROUPS}/{layout_name(method, dim)}/maps/L{layer:03d}K{kv_head:03d}.npz"


def group_layout_pattern(method: str, dim: int) -> str:
    return f"{GROUPS}/{layout_name(method, dim)}/L{{layer:03d}}K{{kv_head:03d}}.npy"


def image_file(seq: int) -> str:
    """An image as the model saw it (image atlases), one PNG per sequence."""
    return f"{IMAGES}/{seq:05d}.png"


def partial_dir(out: Path) -> Path:
    """Where a build of ``out`` writes until it is complete."""
    out = Path(out)
    return out.with_name(out.name + PARTIAL_SUFFIX)


def staging_dir(atlas: Path) -> Path:
    """Where ``qkatlas add`` stages its files before the swap."""
    atlas = Path(atlas).resolve()
    return atlas.with_name(atlas.name + ADD_SUFFIX)
