"""Pydantic models of the "why a head attends" answers (components, contributions, top sequences).

Kept apart from :mod:`qkatlas.server.models` so that module stays small; it re-exports the
binary meta below in ``BINARY_META`` (published in the OpenAPI schema like every other meta).
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ComponentsResponse(_Model):
    """The components of a head's bilinear form (components.parquet), largest first."""

    layer: int
    head: int
    source: Literal["vectors"]  # computed from the captured q/k (rotary-aware), not from weights
    shares: list[Optional[float]]
    sigma: list[Optional[float]]
    explained: list[Optional[float]]


class ContributionsResponse(_Model):
    """What each kept component adds to one query-key logit; ``sum(contributions) + rest == logit``."""

    layer: int
    head: int
    query: int
    key: int
    seq: int
    query_pos: int
    key_pos: int
    logit: float
    contributions: list[float]
    rest: float
    sequence_offset: float
    probability: float
    masked: bool


class TopSequence(_Model):
    rank: int
    seq: int
    score: Optional[float]
    text: str


class TopSequencesResponse(_Model):
    """The sequences where the head shows its label most strongly (head_sequences.parquet)."""

    layer: int
    head: int
    label: str
    metric: str
    rows: list[TopSequence]


class ComponentScoresMeta(_Model):
    """arrays: scores float32 (2m): each point's coordinate on the component, queries then keys."""

    layer: int
    head: int
    component: int
    n_per_role: int
    sample: Optional[int]
    max_abs: float


BINARY_META = (ComponentScoresMeta,)
