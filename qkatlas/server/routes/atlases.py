"""Atlases: the list (new atlases in a served folder appear here), one atlas's info, one head."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from qkatlas.server import respond
from qkatlas.server.errors import ApiError
from qkatlas.server.models import AtlasInfo, AtlasList, HeadInfo
from qkatlas.server.routes.common import ERRORS, AtlasId, Head, Layer, answer, registry, service
from qkatlas.server.service import dumps

router = APIRouter(prefix="/api", tags=["atlases"])


@router.get("/atlases", response_model=AtlasList, responses=ERRORS, summary="The served atlases")
def atlases(request: Request) -> Response:
    """Every served atlas (atlases that appeared in a served folder since the last call included).
    An atlas whose files are being swapped by `qkatlas add` is listed with status 'updating'."""
    reg, svc = registry(request), service(request)
    reg.rescan(force=True)
    out = []
    for entry in reg:
        try:
            out.append(svc.summary(entry.snapshot()))
        except ApiError:
            if entry.last is not None:
                out.append(svc.summary(entry.last, status="updating"))
    return respond.json_body(dumps({"atlases": out}), request)


@router.get("/atlas/{aid}", response_model=AtlasInfo, responses=ERRORS, summary="One atlas")
def atlas_info(request: Request, aid: AtlasId) -> Response:
    """Model, corpus, complete layouts, the progress of layouts still being computed, token columns,
    thumbnails, images and the server's size limits."""
    return respond.json_body(dumps(answer(request, aid, service(request).info)), request)


@router.get("/atlas/{aid}/head", response_model=HeadInfo, responses=ERRORS, summary="One head")
def head_info(request: Request, aid: AtlasId, layer: Layer, head: Head) -> Response:
    """A head's attention terms (scale, mask, window, soft-cap, ALiBi) with those beyond q.k in
    words (e.g. 'ALiBi slope 0.25: ... the layout shows the content part'), its label, metrics and
    layout fidelity."""
    return respond.json_body(dumps(answer(request, aid, lambda s: service(request).head_info(s, layer, head))), request)
