"""Fixtures of the share tests: a static export of both session atlases, a plain static HTTP
server over a folder (``python -m http.server``'s handler in a thread, on 127.0.0.1), and an API
client to compare with."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def site(minilm_atlas, dinov2_atlas, tmp_path_factory) -> Path:
    """Both test atlases exported into one static site (every head, layout and token)."""
    from qkatlas.share.export import export_site

    out = tmp_path_factory.mktemp("export") / "site"
    export_site([minilm_atlas, dinov2_atlas], out, log=lambda *_: None)
    return out


@pytest.fixture(scope="module")
def api(minilm_atlas, dinov2_atlas):
    """The explorer's HTTP API (in-process TestClient) over the same atlases."""
    from fastapi.testclient import TestClient

    from qkatlas.server.app import create_app

    return TestClient(create_app([minilm_atlas, dinov2_atlas]), base_url="http://127.0.0.1:8000",
                      raise_server_exceptions=False)


class StaticServer:
    """``python -m http.server`` for a folder, in a thread, bound to 127.0.0.1 on a free port."""

    def __init__(self, folder: Path):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="session")
def static_site(site):
    """The exported site served by a plain static HTTP server; yields its URL."""
    with StaticServer(site) as srv:
        yield srv.url
