"""Stored results: head metrics and labels, similar heads, layout fidelity. Read, never computed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from qkatlas.server import respond
from qkatlas.server.models import FidelityTable, HeadsTable, SimilarResponse
from qkatlas.server.routes.common import ERRORS, AtlasId, Head, Layer, OptLayer, answer, service
from qkatlas.server.service import dumps

router = APIRouter(prefix="/api/atlas/{aid}", tags=["analysis"])


@router.get("/heads", response_model=HeadsTable, responses=ERRORS, summary="Head metrics, labels, head map")
def heads(request: Request, aid: AtlasId) -> Response:
    """One row per head. 404 naming `qkatlas analyze` when the analysis is missing or out of date."""
    return respond.json_body(answer(request, aid, service(request).heads_json), request)


@router.get("/similar", response_model=SimilarResponse, responses=ERRORS, summary="Most similar heads")
def similar(request: Request, aid: AtlasId, layer: Layer, head: Head,
            k: Annotated[int, Query(ge=1, le=1000, description="how many heads")] = 8) -> Response:
    """The k heads that behave most like this one (cosine of behaviour vectors), best first."""
    return respond.json_body(dumps(answer(request, aid, lambda s: service(request).similar(s, layer, head, k))), request)


@router.get("/fidelity", response_model=FidelityTable, responses=ERRORS, summary="Layout fidelity and geometry per head")
def fidelity(request: Request, aid: AtlasId, layer: OptLayer = None) -> Response:
    """Columns layer, head, layout, fidelity, geometry (FORMAT.md); one layer with layer=..."""
    return respond.json_body(answer(request, aid, lambda s: service(request).fidelity_json(s, layer)), request)
