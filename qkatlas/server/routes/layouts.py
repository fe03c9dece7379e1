"""Coordinates and norms of heads, quantised (uint16 per axis in each head's box; uint8 norms)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from qkatlas.server import respond
from qkatlas.server.routes.common import AtlasId, BinaryResponse, OptHead, OptLayer, Sample, answer, binary_doc, service

router = APIRouter(prefix="/api/atlas/{aid}", tags=["layouts"])


@router.get("/layout/{name}", response_class=BinaryResponse, summary="Layout coordinates",
            responses=binary_doc("LayoutMeta", "coords uint16 (H, 2m, dim): queries then keys per head; "
                                               "bounds float32 (H, dim, 2): x = lo + q / 65535 * (hi - lo)"))
def layout(request: Request, aid: AtlasId,
           name: Annotated[str, Path(max_length=100, description="layout, e.g. pca-2d (see the atlas's layouts)")],
           layer: OptLayer = None, head: OptHead = None, sample: Sample = None,
           partial: Annotated[bool, Query(description="a layout still being computed: answer the heads that are done "
                                                      "(meta.heads lists them) instead of 404")] = False) -> Response:
    """Every head (no layer), one layer's heads, or one head. A layout still being computed can be
    read for heads that are done (partial=true: whichever of the asked heads are done). Size limit:
    the response limit; the whole matrix of a large atlas answers 413 saying to ask per layer
    (layer=...) or with sample=N."""
    data = answer(request, aid, lambda s: service(request).layout_message(s, name, layer, head, sample, partial))
    return respond.binary(data, request, compress=False)


@router.get("/norms", response_class=BinaryResponse, summary="Vector norms",
            responses=binary_doc("NormsMeta", "norms uint8 (H, 2m) of each head's max; max float32 (H)"))
def norms(request: Request, aid: AtlasId, layer: OptLayer = None, head: OptHead = None, sample: Sample = None) -> Response:
    """Norms of the normalised queries and keys. Size limit: the response limit (413: ask per
    layer or with sample=N)."""
    return respond.binary(answer(request, aid, lambda s: service(request).norms_message(s, layer, head, sample)), request)
