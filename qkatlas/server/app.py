"""The explorer application: assembles the registry, the service, the routes and the guards.

Every data endpoint answers binary QKB1 messages (:mod:`qkatlas.server.wire`) or compact JSON of
columns, never per-point objects and never more than the size limits
(:mod:`qkatlas.server.limits`). The routes are in :mod:`qkatlas.server.routes`, what they answer
in :mod:`qkatlas.server.service`, the JSON shapes in :mod:`qkatlas.server.models` (published as
OpenAPI at ``/openapi.json`` and ``/api/openapi.json``; ``python -m qkatlas.server.openapi``).

* ``GET /api/atlases``                                  the served atlases (JSON)
* ``GET /api/atlas/{id}``                               one atlas: model, corpus, layouts (and progress), columns
* ``GET /api/atlas/{id}/head?layer=&head=``             one head: attention terms beyond q.k, label, metrics
* ``GET /api/atlas/{id}/tokens[?columns=]``             token table, columnar binary, strings as dictionaries
* ``GET /api/atlas/{id}/sequences[?offset=&limit=]``    sequence texts and row ranges (JSON columns)
* ``GET /api/atlas/{id}/sample?size=K``                 the token rows of the level-of-detail sample
* ``GET /api/atlas/{id}/layout/{name}?layer=&head=&sample=``  coordinates, uint16 per axis per head
* ``GET /api/atlas/{id}/norms?layer=&head=&sample=``    vector norms, uint8 per point per head
* ``GET /api/atlas/{id}/attention?layer=&head=&seq=`` | ``&token=ROW&role=query|key`` [``&weighting=value``]
* ``GET /api/atlas/{id}/search?q=&regex=&case=&column=``  token rows matching a token or a pattern
* ``GET /api/atlas/{id}/heads``                         head metrics, labels, head map (404 if not analysed)
* ``GET /api/atlas/{id}/similar?layer=&head=&k=``       most similar heads
* ``GET /api/atlas/{id}/aggregate?layer=&head=&weighted=``  attention by position over the corpus
* ``GET /api/atlas/{id}/fidelity[?layer=]``             layout fidelity and geometry per head (JSON columns)
* ``GET /api/compare?a=ID&b=ID``                        heads of two atlases matched one to one (computed, cached)
* ``GET /api/atlas/{id}/components?layer=&head=``      a head's bilinear components, variance shares (stored)
* ``GET /api/atlas/{id}/contributions?layer=&head=&query=ROW&key=ROW``  each component's part of one logit
* ``GET /api/atlas/{id}/component-scores?layer=&head=&component=``  each point's coordinate on a component
* ``GET /api/atlas/{id}/top-sequences?layer=&head=``   the sequences where the head shows its label best
* ``GET /api/atlas/{id}/value-norms?layer=&head=&sample=``  ||v|| per token, uint8 like /norms
* ``GET /api/atlas/{id}/thumbnails.png``                every patch thumbnail in one sprite sheet
* ``GET /api/atlas/{id}/image/{seq}``                   an image as the model saw it

Errors are ``{"error": "..."}`` (see :mod:`qkatlas.server.errors`). The server only reads atlases.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse

from qkatlas.server import models
from qkatlas.server.errors import Scrubber, install_handlers, missing
from qkatlas.server.limits import Limits
from qkatlas.server.registry import Registry
from qkatlas.server.routes import ROUTERS
from qkatlas.server.security import Guard, GuardMiddleware, is_loopback, new_token
from qkatlas.server.service import AtlasService

WEB_DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
TITLE = "qkatlas explorer"
API_VERSION = "1"


def create_app(paths: Iterable[Path] = (), dist: Path | None = None, *, host: str = "127.0.0.1",
               port: int | None = None, token: str | None = None, allowed_hosts: Iterable[str] = (),
               cors_origins: Iterable[str] = (), limits: Limits | None = None) -> FastAPI:
    """The explorer over the atlases at ``paths`` (atlas folders, or folders holding atlases).

    ``host``/``port``: what the server is bound to; requests must carry a Host header naming it
    (loopback names by default; ``port`` None = the port each request arrived on). Off loopback a
    token is required (``token``, or a new one in ``app.state.token``). ``allowed_hosts`` adds
    Host names ("name" or "name:port"; "*" = any); ``cors_origins`` opens CORS to those origins.
    """
    registry = Registry([Path(p) for p in paths])
    limits = limits or Limits()
    if token is None and not is_loopback(host):
        token = new_token()
    guard = Guard(host=host, port=port, token=token or None, allowed_hosts=list(allowed_hosts))
    dist = Path(dist) if dist is not None else WEB_DIST

    app = FastAPI(title=TITLE, version=API_VERSION, docs_url="/api/docs", redoc_url=None, openapi_url="/openapi.json",
                  description="HTTP API of the qkatlas explorer: JSON for tables, binary QKB1 messages for arrays "
                              "(see qkatlas/server/wire.py). Every error is {\"error\": \"...\"}.")
    app.state.registry = registry
    app.state.service = AtlasService(limits)
    app.state.token = token
    app.state.guard = guard
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    install_handlers(app, Scrubber(lambda: [*registry.roots(), dist]))

    for router in ROUTERS:
        app.include_router(router)

    @app.get("/api/openapi.json", include_in_schema=False)
    def openapi_api():
        return JSONResponse(app.openapi())

    @app.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH"], include_in_schema=False)
    def api_unknown(rest: str):
        raise missing(f"no such endpoint: /api/{rest[:200]}")

    cors = list(cors_origins)
    if cors:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=cors, allow_methods=["GET"], allow_headers=["*"])
    app.add_middleware(GuardMiddleware, guard=guard)  # outermost: before CORS and every route

    # -- the browser app ------------------------------------------------------------------------------
    if (dist / "index.html").is_file():
        from fastapi.staticfiles import StaticFiles

        app.mount("/", StaticFiles(directory=dist, html=True), name="web")
    else:
        @app.get("/", response_class=HTMLResponse, include_in_schema=False)
        def no_frontend(request: Request):
            return HTMLResponse(
                "<h1>qkatlas</h1><p>The browser app is not built in this checkout "
                "(qkatlas/web/dist has no index.html): run <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>. "
                "The API is at <a href='/api/atlases'>/api/atlases</a>.</p>",
                status_code=503,
            )

    return app


def _openapi(app: FastAPI) -> dict:
    """FastAPI's schema plus the ``meta`` models of the binary messages under components.schemas."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    comps = schema.setdefault("components", {}).setdefault("schemas", {})
    for item in schema.get("paths", {}).values():  # invalid parameters answer 400 ErrorBody, not 422
        for op in item.values():
            op.get("responses", {}).pop("422", None)
    for name in ("HTTPValidationError", "ValidationError"):
        comps.pop(name, None)
    comps[models.ErrorBody.__name__] = models.ErrorBody.model_json_schema()
    for model in models.BINARY_META:
        js = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, sub in js.pop("$defs", {}).items():
            comps.setdefault(name, sub)
        comps[model.__name__] = js
    app.openapi_schema = schema
    return schema
