"""Why a head attends: its components, what each adds to a logit, point scores on a component,
its top sequences, value norms (``qkatlas.server.service.understand`` does the work)."""

from __future__ import annotations

from typing import Annotated, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from qkatlas.server import respond
from qkatlas.server.routes.common import (
    ERRORS, INT32, AtlasId, BinaryResponse, Head, Layer, Sample, answer, binary_doc, service,
)
from qkatlas.server.service import dumps
from qkatlas.server.why_models import ComponentsResponse, ContributionsResponse, TopSequencesResponse

router = APIRouter(prefix="/api/atlas/{aid}", tags=["understand"])
Row = Annotated[int, Query(ge=0, le=INT32, description="a token row (see /tokens)")]


@router.get("/components", response_model=ComponentsResponse, responses=ERRORS, summary="Components of a head's bilinear form")
def components(request: Request, aid: AtlasId, layer: Layer, head: Head) -> Response:
    """Each component's share of the head's logit variance, largest first (stored by `qkatlas
    analyze`: 404 naming it when missing or out of date)."""
    return respond.json_body(dumps(answer(request, aid, lambda s: service(request).components_json(s, layer, head))), request)


@router.get("/contributions", response_model=ContributionsResponse, responses=ERRORS, summary="What each component adds to a logit")
def contributions(request: Request, aid: AtlasId, layer: Layer, head: Head, query: Row, key: Row,
                  k: Annotated[Optional[int], Query(ge=1, le=16, description="components to list (default 16)")] = None) -> Response:
    """The logit of query row `query` against key row `key` (same sequence, else 400), split into
    the top k components' parts and the rest: sum(contributions) + rest == logit."""
    fn = lambda s: service(request).contributions_json(s, layer, head, query, key, k)  # noqa: E731
    return respond.json_body(dumps(answer(request, aid, fn)), request)


@router.get("/component-scores", response_class=BinaryResponse, summary="Each point's coordinate on a component",
            responses=binary_doc("ComponentScoresMeta", "scores float32 (2m): queries q . u_c, then keys (k - mean key) . v_c"))
def component_scores(request: Request, aid: AtlasId, layer: Layer, head: Head,
                     component: Annotated[int, Query(ge=0, le=INT32, description="component (0 = the strongest)")],
                     sample: Sample = None) -> Response:
    """To colour a head's points by one component (computed from the stored vectors, cached)."""
    fn = lambda s: service(request).component_scores_message(s, layer, head, component, sample)  # noqa: E731
    return respond.binary(answer(request, aid, fn), request)


@router.get("/top-sequences", response_model=TopSequencesResponse, responses=ERRORS, summary="Sequences where a head shows its label best")
def top_sequences(request: Request, aid: AtlasId, layer: Layer, head: Head) -> Response:
    """Best first, scored by the head's label's metric (stored by `qkatlas analyze`)."""
    return respond.json_body(dumps(answer(request, aid, lambda s: service(request).top_sequences_json(s, layer, head))), request)


@router.get("/value-norms", response_class=BinaryResponse, summary="Value vector norms",
            responses=binary_doc("NormsMeta", "norms uint8 (1, 2m) of the head's max ||v|| (each token's query "
                                              "and key point get its ||v||); max float32 (1)"))
def value_norms(request: Request, aid: AtlasId, layer: Layer, head: Head, sample: Sample = None) -> Response:
    """||v|| per token of the value head the query head reads (colour or size points by it)."""
    return respond.binary(answer(request, aid, lambda s: service(request).value_norms_message(s, layer, head, sample)), request)
