"""Pydantic models of every JSON body the API answers, and of the ``meta`` of its binary messages.

FastAPI publishes them as the OpenAPI schema (``/openapi.json``; committed as ``web/openapi.json``,
from which the front end's TypeScript types are generated). Routes return pre-encoded bytes for
speed; ``tests/server`` validate real responses against these models, so the two cannot drift.
"""

from __future__ import annotations

from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from qkatlas.server import why_models

Cell = Union[bool, int, float, str, None]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(Model):
    """Every failed request: one line saying what is wrong and what to do."""

    error: str


# ---- atlases -----------------------------------------------------------------------------------
class LayoutDesc(Model):
    """A complete layout: ``name`` is ``{method}-{dim}d`` (e.g. ``pca-2d``)."""

    name: str
    method: str
    dim: int


class LayoutProgress(Model):
    """A layout the manifest names, complete or still being computed (``qkatlas layout``)."""

    name: str
    method: str
    dim: int
    complete: bool
    heads_done: int
    heads_total: int


class ModelInfo(BaseModel):
    """The manifest's model section, less ``scales`` (FORMAT.md); paths reduced to their last part."""

    model_config = ConfigDict(extra="allow")
    name: str
    family: Optional[str] = None
    model_type: Optional[str] = None
    kind: Optional[str] = None
    causal: Optional[bool] = None
    n_layers: Optional[int] = None
    n_heads: Optional[int] = None
    n_kv_heads: Optional[int] = None
    d_head: Optional[int] = None
    kv_head_of: Optional[list[int]] = None
    max_length: Optional[int] = None
    patch_size: Optional[int] = None
    image_size: Optional[int] = None


class CorpusInfo(BaseModel):
    """The manifest's corpus section, less ``skipped``; paths reduced to their last part."""

    model_config = ConfigDict(extra="allow")
    name: Optional[str] = None
    spec: Any = None
    kind: Optional[str] = None
    sha256: Optional[str] = None
    n_sequences: Optional[int] = None
    n_tokens: Optional[int] = None
    n_truncated: Optional[int] = None


class AtlasSummary(Model):
    """An entry of ``GET /api/atlases``."""

    id: str
    name: str
    status: Literal["ready", "updating"] = Field(description="'updating' while `qkatlas add` swaps files (requests answer 503)")
    model: ModelInfo
    corpus: CorpusInfo
    kind: str
    image: bool
    causal: bool
    n_layers: int
    n_heads: int
    n_kv_heads: int
    n_tokens: int
    n_sequences: int
    layouts: list[LayoutDesc] = Field(description="complete layouts: 2-D first, then methods in the registry's order")


class AtlasList(Model):
    atlases: list[AtlasSummary]


class ThumbnailSpec(Model):
    tile: int = Field(description="tile size in pixels")
    columns: int = Field(description="tiles per row of the sprite sheet")
    count: int = Field(description="tiles (= tokens)")
    url: str


class ServerLimits(Model):
    response_bytes: int = Field(description="largest response; larger requests answer 413 (ask per layer, head or sample)")
    attention_cells: int = Field(description="largest whole-sequence attention matrix (n x n)")


class AtlasInfo(AtlasSummary):
    """``GET /api/atlas/{aid}``: the summary plus columns, images, layout progress and limits."""

    token_columns: list[str]
    metadata_columns: list[str] = Field(description="numeric token columns beyond the known ones (colour by meta:NAME)")
    thumbnails: Optional[ThumbnailSpec]
    images: bool
    scales: Optional[list[float]]
    extra_terms: bool = Field(description="some head has attention terms beyond q.k (see /head)")
    layout_progress: list[LayoutProgress] = Field(description="every layout of the manifest, with heads done")
    analysis: bool = Field(description="stored head analysis is present and current (else /heads answers 404)")
    limits: ServerLimits


# ---- tables -------------------------------------------------------------------------------------
class ColumnTable(Model):
    """A table as JSON columns: ``data[column][row]`` (NaN as null)."""

    columns: list[str]
    n: int
    data: dict[str, list[Cell]]


class SequencesTable(ColumnTable):
    """Columns seq, start, n_tokens, text, truncated, n_tokens_original (images: source)."""

    offset: Optional[int] = Field(None, description="first row, when a range was asked for")
    total: Optional[int] = Field(None, description="sequences in the atlas, when a range was asked for")


class HeadsTable(ColumnTable):
    """One row per head: layer, head, metrics, label, rule, map_x, map_y, fidelity_<layout>."""

    metrics: list[str]
    labels: list[str]
    has_map: bool


class FidelityTable(ColumnTable):
    """Columns layer, head, layout, fidelity, geometry (neighbour recall at 10; null for
    ``original`` and for atlases laid out before it was measured)."""


class CompareSide(Model):
    id: str
    path: str = Field(description="the atlas folder's name")
    model: str
    corpus: Optional[str]
    heads: int
    layers: int


class CompareSummary(Model):
    """What ``qkatlas compare`` writes as summary.json (paths as folder names)."""

    a: CompareSide
    b: CompareSide
    same_corpus: bool
    sequences_same_text: int
    sequences_compared: int = Field(description="shared sequences (same text and token ids) compared on attention")
    attention_weight: float
    matched: int
    mean_similarity: Optional[float]
    label_agreement: Optional[float]
    layer_map: dict[str, dict[str, int]] = Field(description="layer of A -> {layer_b, heads, of}: where most of its heads match")


class CompareResponse(Model):
    """``GET /api/compare?a=&b=``: matches columns layer_a, head_a, layer_b, head_b, similarity,
    attention_similarity, metric_similarity, label_a, label_b (one row per matched pair, best first)."""

    a: str
    b: str
    summary: CompareSummary
    matches: ColumnTable


class SimilarHead(Model):
    layer: int
    head: int
    score: Optional[float]


class SimilarResponse(Model):
    layer: int
    head: int
    heads: list[SimilarHead]


class HeadTerms(Model):
    scale: float
    causal: bool
    window: Optional[int]
    softcap: Optional[float]
    alibi_slope: Optional[float]


class HeadInfo(Model):
    """``GET /api/atlas/{aid}/head``: one head's attention terms, label and metrics."""

    layer: int
    head: int
    kv_head: int = Field(description="key head read by this query head (grouped-query attention)")
    terms: HeadTerms
    beyond_qk: list[str] = Field(description="terms the q.k layout does not show, in words (window, soft-cap, ALiBi)")
    label: Optional[str]
    rule: Optional[str]
    metrics: Optional[dict[str, Optional[float]]]
    fidelity: dict[str, Optional[float]]
    geometry: dict[str, float] = Field(default_factory=dict, description="per layout: neighbour recall at 10 in [0, 1] "
                                       "(FORMAT.md, fidelity.parquet); layouts without a measure are absent")
    analysis_error: Optional[str] = Field(description="why label/metrics are null (names `qkatlas analyze`)")


# ---- meta of the binary (QKB1) messages -------------------------------------------------------------
class TokenColumn(Model):
    name: str
    kind: Literal["bool", "int", "float", "category"]


class TokensMeta(Model):
    """arrays: one per column (category columns hold codes into ``strings[column]``)."""

    n: int
    columns: list[TokenColumn]
    strings: dict[str, list[str]]


class SampleMeta(Model):
    """arrays: rows uint32 (size)."""

    size: int
    n_tokens: int


class LayoutMeta(Model):
    """arrays: coords uint16 (H, 2m, dim), bounds float32 (H, dim, 2)."""

    layout: str
    method: str
    dim: int
    n_tokens: int
    n_per_role: int
    sample: Optional[int]
    heads: list[tuple[int, int]]
    quant: str
    complete: bool


class NormsMeta(Model):
    """arrays: norms uint8 (H, 2m) of each head's max, max float32 (H)."""

    heads: list[tuple[int, int]]
    n_per_role: int
    quant: str


class AttentionMeta(Model):
    """arrays: attention float32 (n, n) for a sequence, (n) for a token's row or column."""

    layer: int
    head: int
    seq: int
    start: int
    n: int
    role: Optional[Literal["query", "key"]]
    query: Optional[int] = None
    key: Optional[int] = None
    weighting: Optional[Literal["value"]] = None  # value-weighted attention (weighting=value)


class SearchMeta(Model):
    """arrays: rows uint32, ascending."""

    q: str
    regex: bool
    case: bool
    n_tokens: int
    n_sequences: int
    n_distinct: int


class AggregateMeta(Model):
    """arrays: attention float32 (P, P), NaN where no pair."""

    layer: int
    head: int
    weighted: bool
    positions: int


BINARY_META = (TokensMeta, SampleMeta, LayoutMeta, NormsMeta, AttentionMeta, SearchMeta, AggregateMeta)
BINARY_META += why_models.BINARY_META  # "why a head attends" (qkatlas/server/why_models.py)
