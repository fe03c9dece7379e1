"""Errors the API answers, always as ``{"error": "one clear line"}`` JSON, and the handlers that make them.

Statuses: 400 bad parameter, 401 no or wrong token, 403 foreign Host header, 404 no such thing,
413 the answer would be too large (the message says how to ask for less), 503 the atlas is
being changed (``qkatlas add`` swapping files). A missing or out-of-date stored analysis is a
404 whose message names ``qkatlas analyze``.
A 500 never carries a traceback or a filesystem path.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Callable, Iterable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from qkatlas.errors import AtlasFormatError, InputError, QkatlasError, StaleResultError

log = logging.getLogger("qkatlas.server")


class ApiError(Exception):
    """An error answered as ``{"error": message}`` with an HTTP status."""

    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


def bad(message: str) -> ApiError:
    return ApiError(400, message)


def missing(message: str) -> ApiError:
    return ApiError(404, message)


def too_large(message: str) -> ApiError:
    return ApiError(413, message)


def unavailable(message: str, retry_after: int | None = None) -> ApiError:
    return ApiError(503, message, {"Retry-After": str(retry_after)} if retry_after else None)


class AtlasChanged(Exception):
    """The atlas changed on disk while a request was being answered (answered 503: retry)."""

    def __init__(self, atlas_id: str):
        super().__init__(atlas_id)
        self.atlas_id = atlas_id


def error_response(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


_ABS = re.compile(r"(?<![\w.])(?:/[^\s'\"`,;:()\[\]{}]+)+")


class Scrubber:
    """Removes absolute filesystem paths from messages: a served folder becomes its name.

    ``roots`` is asked on each call (atlases can appear while serving), longest paths first.
    """

    def __init__(self, roots: Callable[[], Iterable[Path]]):
        self.roots = roots

    def __call__(self, message: str) -> str:
        pairs = []
        for p in self.roots():
            for form in {str(p), str(Path(p).resolve()), os.path.abspath(p)}:
                if os.path.isabs(form):
                    pairs.append((form, Path(form).name or "."))
        for form, name in sorted(pairs, key=lambda x: -len(x[0])):
            message = message.replace(form, name)
        home = str(Path.home())
        if len(home) > 1:
            message = message.replace(home, "~")
        return message


def validation_message(exc: RequestValidationError) -> str:
    """One line for every invalid parameter, e.g. ``layer -1: out of range, must be >= 0``."""
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body", "header", "cookie")]
        name = ".".join(loc)
        got = err.get("input")
        ctx = err.get("ctx") or {}
        kind = err.get("type", "")
        if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than") and name:
            op = {"greater_than_equal": ">=", "greater_than": ">", "less_than_equal": "<=", "less_than": "<"}[kind]
            bound = next(iter(ctx.values()), "?")
            parts.append(f"{name} {got}: out of range, must be {op} {bound}")
            continue
        where = f"parameter '{name}'" if name else "request"
        text = f"{where}: {err.get('msg', 'invalid')}"
        if got is not None and not isinstance(got, (dict, list)):
            shown = repr(got)
            text += f" (got {shown[:80] + '...' if len(shown) > 80 else shown})"
        parts.append(text)
    return "; ".join(parts) or "bad request"


def install_handlers(app: FastAPI, scrub: Callable[[str], str]) -> None:
    """Every error becomes ``{"error": ...}`` JSON with a clear status; messages carry no paths."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error_response(exc.status, scrub(exc.message), exc.headers)

    @app.exception_handler(AtlasChanged)
    async def _changed(request: Request, exc: AtlasChanged):
        return error_response(503, f"atlas {exc.atlas_id!r} changed on disk while answering; try again", {"Retry-After": "1"})

    @app.exception_handler(StaleResultError)
    async def _stale(request: Request, exc: StaleResultError):
        return error_response(404, scrub(str(exc)))

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError):
        return error_response(400, scrub(str(exc)))

    @app.exception_handler(AtlasFormatError)
    async def _format_error(request: Request, exc: AtlasFormatError):
        return error_response(503, scrub(str(exc)), {"Retry-After": "2"})

    @app.exception_handler(QkatlasError)
    async def _qk_error(request: Request, exc: QkatlasError):
        return error_response(500, scrub(str(exc)))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        return error_response(400, validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        msg = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404:
            msg = f"no such endpoint or file: {request.url.path}"
        elif exc.status_code == 405:
            msg = f"method {request.method} not allowed on {request.url.path}: the API is read-only (GET)"
        return error_response(exc.status_code, scrub(msg), getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unexpected error answering %s", request.url.path)
        return error_response(500, f"internal error ({type(exc).__name__}) answering {request.url.path}; see the server log")
