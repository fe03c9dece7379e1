"""The atlas schema: table columns with their dtypes, the manifest's structure, version stamps.

FORMAT.md is the prose of this module; ``tests/unit/test_format_doc.py`` checks that FORMAT.md
lists exactly these files and columns. Writers validate tables against it before writing, so
a column that is not documented cannot reach disk.
"""

from __future__ import annotations

from typing import Any, TypedDict

FORMAT_NAME = "qkatlas-atlas"
FORMAT_VERSION = 1
ANALYSIS_VERSION = 2  # bump when a head-metric definition changes: stored metrics then count as stale
# (2: analyze also stores head_sequences.parquet and components.parquet)
ANALYSIS_META_KEY = b"qkatlas"  # Parquet key-value metadata of heads.parquet holding the stamp

STATUS_COMPLETE = "complete"
STATUS_SWAPPING = "add-in-progress"

# ---- tables: column -> dtype (pandas names; "str" = string) ------------------------------------
TOKEN_COLUMNS: dict[str, str] = {
    "seq": "int32", "pos": "int32", "seq_len": "int32", "pos_norm": "float32", "token_id": "int64",
    "token": "str", "token_raw": "str", "token_len": "int16", "is_special": "bool", "is_punct": "bool",
    "added": "bool",
}
IMAGE_TOKEN_COLUMNS: dict[str, str] = {
    "patch_row": "int16", "patch_col": "int16", "hue": "float32", "saturation": "float32", "brightness": "float32",
}
SEQUENCE_COLUMNS: dict[str, str] = {
    "seq": "int64", "start": "int64", "n_tokens": "int64", "text": "str", "truncated": "bool",
    "n_tokens_original": "int64",
}
IMAGE_SEQUENCE_COLUMNS: dict[str, str] = {"source": "str"}
FIDELITY_COLUMNS: dict[str, str] = {
    "layer": "int32", "head": "int32", "layout": "str", "fidelity": "float64", "geometry": "float64",
}
# Columns added after the first format: read (and written) as these values where a table lacks them,
# so atlases made before ``geometry`` existed open unchanged (their geometry reads as NaN).
FIDELITY_DEFAULTS: dict[str, float] = {"geometry": float("nan")}

SHARES = ("first_token", "special", "self", "prev_token", "next_token", "local")
HEAD_METRIC_COLUMNS: dict[str, str] = {
    "entropy": "float64", "entropy_norm": "float64", "top1": "float64", "top5": "float64",
    **{s: "float64" for s in SHARES},
    "argmax_offset": "float64", "offset_mode": "int32", "offset_mode_share": "float64",
    "max_key_share": "float64", "qk_separation": "float64",
    **{f"vw_{s}": "float64" for s in SHARES},
}
HEAD_COLUMNS: dict[str, str] = {
    "layer": "int32", "head": "int32", **HEAD_METRIC_COLUMNS,
    "label": "str", "rule": "str", "map_x": "float32", "map_y": "float32",
}
HEAD_SEQUENCE_COLUMNS: dict[str, str] = {
    "layer": "int32", "head": "int32", "rank": "int32", "seq": "int64", "score": "float64", "label": "str",
}
COMPONENT_COLUMNS: dict[str, str] = {
    "layer": "int32", "head": "int32", "component": "int32", "sigma": "float32", "share": "float32", "explained": "float32",
}
AGGREGATE_ARRAYS = ("attn", "attn_value_weighted", "counts", "offset_bins", "offset_mass")
IMAGE_AGGREGATE_ARRAYS = ("patch_offset", "patch_offset_value_weighted", "patch_offset_counts", "patch_queries")


def token_columns(images: bool) -> dict[str, str]:
    return {**TOKEN_COLUMNS, **(IMAGE_TOKEN_COLUMNS if images else {})}


def sequence_columns(images: bool) -> dict[str, str]:
    return {**SEQUENCE_COLUMNS, **(IMAGE_SEQUENCE_COLUMNS if images else {})}


def conform(df, columns: dict[str, str], table: str, extra_ok: bool = False, defaults: dict | None = None):
    """``df`` with exactly ``columns`` in that order and dtypes; ValueError naming what is off.

    ``extra_ok`` keeps further columns after the schema's (user metadata columns of tokens).
    ``defaults``: columns filled with this value where ``df`` lacks them (a column added to the
    format later, e.g. ``FIDELITY_DEFAULTS``), instead of an error.
    """
    fill = {c: v for c, v in (defaults or {}).items() if c in columns and c not in df.columns}
    if fill:
        df = df.assign(**fill)
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{table}: missing columns {missing} (schema: qkatlas/atlas/schema.py)")
    extra = [c for c in df.columns if c not in columns]
    if extra and not extra_ok:
        raise ValueError(f"{table}: columns {extra} are not in the schema; add them to qkatlas/atlas/schema.py and FORMAT.md")
    out = df[list(columns) + (extra if extra_ok else [])]
    return out.astype({c: (object if t == "str" else t) for c, t in columns.items()})


# ---- manifest ------------------------------------------------------------------------------------
class AttentionTermsEntry(TypedDict, total=False):
    windows: list[int | None]
    softcap: float | None
    alibi_slopes: list[float] | None


class ModelSection(TypedDict, total=False):
    name: str
    source: str  # absolute path of a local model, else the name (what ``add`` loads again)
    family: str
    model_type: str
    kind: str  # text-encoder | text-decoder | vision
    causal: bool
    n_layers: int
    n_heads: int
    n_kv_heads: int
    d_head: int
    kv_head_of: list[int]
    scales: list[float]
    attention: AttentionTermsEntry
    prefix_tokens: list[str]
    max_length: int | None
    patch_size: int
    image_size: int
    dtype: str
    weights: str
    fingerprint: str
    attn_implementation: str
    device_map: str


class CorpusSection(TypedDict, total=False):
    name: str
    spec: str
    kind: str  # text | images
    sha256: str
    n_sequences: int
    n_tokens: int
    n_truncated: int
    skipped: list[list[str]]


class LayoutEntry(TypedDict, total=False):
    method: str
    dim: int
    complete: bool
    params: dict[str, Any] | None
    seconds: float
    files: str


class AddedEntry(TypedDict, total=False):
    corpus: str
    name: str
    sha256: str
    n_sequences: int
    n_tokens: int
    first_seq: int
    first_row: int
    created: str
    capture_seconds: float


class Manifest(TypedDict, total=False):
    format: str
    format_version: int
    status: str
    created: str
    model: ModelSection
    corpus: CorpusSection
    settings: dict[str, Any]
    normalization: dict[str, Any]
    layouts: dict[str, LayoutEntry]
    groups: dict[str, dict[str, Any]]  # grouped-query layouts, per layout name (FORMAT.md "Group layouts")
    fidelity: dict[str, Any]
    analysis: dict[str, Any]
    added: list[AddedEntry]
    timings: dict[str, float]
    versions: dict[str, str | None]


MANIFEST_KEYS = tuple(Manifest.__annotations__)


def analysis_stamp(manifest: dict) -> dict:
    """What stored head metrics were computed for; any change makes them stale."""
    c = manifest["corpus"]
    return {"version": ANALYSIS_VERSION, "n_tokens": c["n_tokens"], "n_sequences": c.get("n_sequences"),
            "corpus_sha256": c.get("sha256")}
