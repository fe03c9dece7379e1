"""What every route module shares: the app's registry and service, parameter types, documented
error responses, and ``answer`` (run a service call on the current snapshot of an atlas)."""

from __future__ import annotations

from typing import Annotated, Callable, Optional, TypeVar

from fastapi import Path, Query, Request
from fastapi.responses import Response

from qkatlas.errors import InputError, StaleResultError
from qkatlas.server.errors import ApiError
from qkatlas.server.models import ErrorBody
from qkatlas.server.registry import Registry, Snapshot
from qkatlas.server.service import AtlasService

T = TypeVar("T")
INT32 = 2**31 - 1


class BinaryResponse(Response):
    media_type = "application/octet-stream"


class PngResponse(Response):
    media_type = "image/png"


def _err(text: str) -> dict:
    # content given explicitly: errors are JSON whatever the endpoint's own media type
    return {"description": text, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ErrorBody.__name__}"}}}}


ERRORS = {
    400: _err("bad parameter (out of range, malformed, missing)"),
    401: _err("the server needs its access token (bound off loopback)"),
    403: _err("foreign Host header (DNS-rebinding protection)"),
    404: _err("no such atlas, layout, file or stored analysis (the message names the command that makes it)"),
    413: _err("the answer would be over the size limit; the message says how to ask for less"),
    503: _err("the atlas is being changed (`qkatlas add` swapping files); try again"),
}


def binary_doc(meta: str, arrays: str) -> dict:
    """``responses`` of a QKB1 endpoint: its meta model (components) and arrays, in words."""
    return {
        200: {
            "description": f"QKB1 message (qkatlas/server/wire.py). meta: {meta}. arrays: {arrays}",
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            "x-qkb1-meta": meta,
        },
        **ERRORS,
    }


PNG_DOC = {200: {"description": "PNG image", "content": {"image/png": {"schema": {"type": "string", "format": "binary"}}}}, **ERRORS}

# ---- parameters --------------------------------------------------------------------------------------
AtlasId = Annotated[str, Path(description="atlas id (from /api/atlases)", max_length=200)]
Layer = Annotated[int, Query(ge=0, le=INT32, description="layer (0-based)")]
Head = Annotated[int, Query(ge=0, le=INT32, description="query head (0-based)")]
OptLayer = Annotated[Optional[int], Query(ge=0, le=INT32, description="one layer (0-based); all layers when absent")]
OptHead = Annotated[Optional[int], Query(ge=0, le=INT32, description="one head of the layer (needs layer); all heads when absent")]
Sample = Annotated[Optional[int], Query(ge=1, le=INT32, description="the level-of-detail sample of this many tokens (see /sample)")]


def registry(request: Request) -> Registry:
    return request.app.state.registry


def service(request: Request) -> AtlasService:
    return request.app.state.service


def answer(request: Request, aid: str, fn: Callable[[Snapshot], T]) -> T:
    """``fn(snapshot)`` on the atlas as it is now; 503 (not 500) when it changed meanwhile."""
    entry = registry(request).entry(aid)
    snap = entry.snapshot()
    try:
        out = fn(snap)
    except (ApiError, InputError, StaleResultError):
        entry.check(snap)
        raise
    except Exception:
        entry.check(snap)  # AtlasChanged (503) when the atlas changed under the request
        raise
    entry.check(snap)
    return out
