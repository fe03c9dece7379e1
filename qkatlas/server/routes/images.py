"""Images: the patch-thumbnail sprite sheet and each image as the model saw it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import FileResponse, Response

from qkatlas.server.routes.common import INT32, PNG_DOC, AtlasId, PngResponse, answer, service

router = APIRouter(prefix="/api/atlas/{aid}", tags=["images"])
IMMUTABLE = {"Cache-Control": "max-age=3600"}


@router.get("/thumbnails.png", response_class=PngResponse, responses=PNG_DOC, summary="Thumbnail sprite sheet")
def thumbnails(request: Request, aid: AtlasId) -> Response:
    """Every patch thumbnail in one PNG (tiles as in the atlas info's `thumbnails`); at most 8192 px wide."""
    return PngResponse(answer(request, aid, service(request).sprite), headers=IMMUTABLE)


@router.get("/image/{seq}", response_class=PngResponse, responses=PNG_DOC, summary="An image")
def image(request: Request, aid: AtlasId, seq: Annotated[int, Path(ge=0, le=INT32, description="sequence (image)")]) -> Response:
    """Image `seq` as the model saw it (after resizing)."""
    p = answer(request, aid, lambda s: service(request).image_path(s, seq))
    return FileResponse(p, media_type="image/png", headers=IMMUTABLE)
