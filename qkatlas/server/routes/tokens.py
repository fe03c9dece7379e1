"""Tokens and sequences: the token table, sequence texts, the level-of-detail sample, search."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from qkatlas.server import respond
from qkatlas.server.models import SequencesTable
from qkatlas.server.routes.common import ERRORS, INT32, AtlasId, BinaryResponse, answer, binary_doc, service

router = APIRouter(prefix="/api/atlas/{aid}", tags=["tokens"])


@router.get("/tokens", response_class=BinaryResponse, summary="Token table (columnar)",
            responses=binary_doc("TokensMeta", "one per column: bool uint8, int narrowed, float float32, "
                                               "category codes uint16/uint32 into meta.strings"))
def tokens(request: Request, aid: AtlasId,
           columns: Annotated[Optional[str], Query(max_length=2000, description="comma-separated columns (default: all)")] = None) -> Response:
    """Size limit: the response limit (413 says: ask for fewer columns)."""
    names = [c.strip() for c in columns.split(",") if c.strip()] if columns else None
    return respond.binary(answer(request, aid, lambda s: service(request).tokens_message(s, names)), request)


@router.get("/sequences", response_model=SequencesTable, responses=ERRORS, summary="Sequences (JSON columns)")
def sequences(request: Request, aid: AtlasId,
              offset: Annotated[int, Query(ge=0, le=INT32, description="first sequence")] = 0,
              limit: Annotated[Optional[int], Query(ge=1, le=INT32, description="at most this many sequences")] = None) -> Response:
    """Texts (image names) and token row ranges. Size limit: the response limit (413 says: ask
    for a range, offset=&limit=)."""
    return respond.json_body(answer(request, aid, lambda s: service(request).sequences_json(s, offset, limit)), request)


@router.get("/sample", response_class=BinaryResponse, summary="Level-of-detail sample",
            responses=binary_doc("SampleMeta", "rows uint32 (size), ascending"))
def sample(request: Request, aid: AtlasId, size: Annotated[int, Query(ge=1, le=INT32, description="tokens in the sample")]) -> Response:
    """Token rows of the deterministic sample of `size` tokens (all tokens when size >= n)."""
    return respond.binary(answer(request, aid, lambda s: service(request).sample_message(s, size)), request, compress=False)


@router.get("/search", response_class=BinaryResponse, summary="Search tokens",
            responses=binary_doc("SearchMeta", "rows uint32, ascending"))
def search(request: Request, aid: AtlasId,
           q: Annotated[str, Query(max_length=1000, description="a token (exact, ignoring case and spaces) or, with regex, a pattern")],
           regex: bool = False, case: bool = False,
           column: Annotated[Literal["token", "token_raw"], Query(description="column searched")] = "token") -> Response:
    """Rows of the matching tokens. Size limit: the response limit (413: search something narrower);
    a pattern running over 1 s is refused (400)."""
    return respond.binary(answer(request, aid, lambda s: service(request).search_message(s, q, regex, case, column)), request)
