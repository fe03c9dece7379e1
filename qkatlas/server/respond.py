"""HTTP responses of encoded bodies: JSON or QKB1 bytes, gzip when the client takes it."""

from __future__ import annotations

import gzip

from fastapi import Request, Response

BINARY = "application/octet-stream"
JSON = "application/json"
PNG = "image/png"


def body(data: bytes, media_type: str, request: Request | None = None, headers: dict | None = None,
         compress: bool = True) -> Response:
    """``data`` as it is, or gzipped (level 1 for binary, 6 for JSON) when the client accepts gzip."""
    headers = dict(headers or {})
    headers.setdefault("Cache-Control", "no-cache")
    if compress and request is not None and len(data) > 1024 and "gzip" in request.headers.get("accept-encoding", ""):
        data = gzip.compress(data, compresslevel=1 if media_type == BINARY else 6, mtime=0)
        headers["Content-Encoding"] = "gzip"
        headers["Vary"] = "Accept-Encoding"
    return Response(data, media_type=media_type, headers=headers)


def json_body(data: bytes, request: Request | None = None) -> Response:
    return body(data, JSON, request)


def binary(data: bytes, request: Request | None = None, headers: dict | None = None, compress: bool = True) -> Response:
    return body(data, BINARY, request, headers, compress)
