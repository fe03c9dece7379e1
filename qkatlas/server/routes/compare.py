"""Two served atlases compared: heads matched one to one (the explorer's compare view)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from qkatlas.server import respond
from qkatlas.server.models import CompareResponse
from qkatlas.server.routes.common import ERRORS, registry, service

router = APIRouter(prefix="/api", tags=["compare"])

CompareId = Annotated[str, Query(max_length=200, description="atlas id (from /api/atlases)")]


@router.get("/compare", response_model=CompareResponse, responses=ERRORS, summary="Heads of two atlases matched")
def compare(request: Request, a: CompareId, b: CompareId) -> Response:
    """The one-to-one matching of the heads of atlases ``a`` and ``b`` (``qkatlas compare``),
    best first, and its summary. The first request computes it (seconds; the head analysis of
    an atlas without a current one is computed in memory), later ones are answered from the cache."""
    entry_a, entry_b = registry(request).entry(a), registry(request).entry(b)
    snap_a, snap_b = entry_a.snapshot(), entry_b.snapshot()
    try:
        body = service(request).compare_json(snap_a, snap_b)
    finally:
        entry_a.check(snap_a)  # 503 when either atlas changed under the request
        entry_b.check(snap_b)
    return respond.json_body(body, request)
