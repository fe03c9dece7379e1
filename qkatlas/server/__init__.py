"""The qkatlas explorer: an HTTP API over one or more atlases plus the browser app that uses it.

``create_app(paths)`` builds the FastAPI application (see :mod:`qkatlas.server.app`);
``serve(paths, host, port)`` runs it with uvicorn (see :mod:`qkatlas.server.run`).
"""

from qkatlas.server.app import create_app
from qkatlas.server.run import serve

__all__ = ["create_app", "serve"]
