"""Attention, recomputed from the stored q/k through the attention contract (``qkatlas.attention``)."""

from __future__ import annotations

import time
from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from qkatlas.server import respond
from qkatlas.server.routes.common import INT32, AtlasId, BinaryResponse, Head, Layer, answer, binary_doc, service

router = APIRouter(prefix="/api/atlas/{aid}", tags=["attention"])


@router.get("/attention", response_class=BinaryResponse, summary="Attention of a sequence or a token",
            responses=binary_doc("AttentionMeta", "attention float32: (n, n) for seq, (n) for a token's row "
                                                  "(role=query) or column (role=key)"))
def attention(request: Request, aid: AtlasId, layer: Layer, head: Head,
              seq: Annotated[Optional[int], Query(ge=0, le=INT32, description="a sequence: its whole n x n attention")] = None,
              token: Annotated[Optional[int], Query(ge=0, le=INT32, description="a token row: its query row or key column")] = None,
              role: Annotated[Literal["query", "key"], Query(description="the token as a query (its row) or a key (its column)")] = "query",
              weighting: Annotated[Literal["plain", "value"], Query(description="value: value-weighted attention "
                                                                     "p_ij ||v_j|| / sum_k p_ik ||v_k|| (what each key adds to the output)")] = "plain") -> Response:
    """One token costs one row (or one column, in blocks of queries), never more than n weights.
    Size limit for a whole sequence: n x n <= the attention limit (413: ask for one token).
    Value-weighted attention always computes the whole sequence (same limit)."""
    t0 = time.perf_counter()
    data = answer(request, aid, lambda s: service(request).attention_message(s, layer, head, seq, token, role, weighting))
    ms = (time.perf_counter() - t0) * 1000
    return respond.binary(data, request, headers={"Server-Timing": f"attention;dur={ms:.3f}"}, compress=False)


@router.get("/aggregate", response_class=BinaryResponse, summary="Mean attention by position",
            responses=binary_doc("AggregateMeta", "attention float32 (P, P), P <= 64, NaN where no pair"))
def aggregate(request: Request, aid: AtlasId, layer: Layer, head: Head, weighted: bool = False) -> Response:
    """From the stored analysis (404 naming `qkatlas analyze` when missing or out of date)."""
    return respond.binary(answer(request, aid, lambda s: service(request).aggregate_message(s, layer, head, weighted)), request)
