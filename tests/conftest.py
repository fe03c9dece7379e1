"""Shared fixtures: small real atlases (MiniLM over 40 wiki sentences, DINOv2 over 6 images) with
PCA layouts and head analysis, built by the real pipeline once per session, and a running
explorer server on a free loopback port.

Test folders say what they need: ``unit/`` (no model), ``models/`` (loads models: random-init
families and the real demo weights), ``server/`` (the HTTP API), ``browser/`` (headless Chromium).
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"


# ---- atlases ----------------------------------------------------------------------------------
def build_atlas(model: str, corpus: str, out: Path, n: int) -> Path:
    """A real atlas (capture + PCA 2-D/3-D + head analysis), built once per session."""
    from qkatlas.capture.run import capture
    from qkatlas.layout.run import compute_layouts
    from qkatlas.pipeline.analyze import analyze

    quiet = lambda *_: None  # noqa: E731
    capture(model, corpus, out, max_sequences=n, progress=False, log=quiet)
    compute_layouts(out, ["pca"], [2, 3], workers=1, progress=False, log=quiet)
    analyze(out, progress=False, log=quiet)
    return out


@pytest.fixture(scope="session")
def atlas_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("atlases")


@pytest.fixture(scope="session")
def minilm_atlas(atlas_root) -> Path:
    return build_atlas("demo:minilm", "demo:wiki", atlas_root / "minilm", 40)


@pytest.fixture(scope="session")
def dinov2_atlas(atlas_root) -> Path:
    return build_atlas("demo:dinov2", "demo:images", atlas_root / "dinov2", 6)


# ---- a running server ----------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerThread:
    """uvicorn in a background thread on a free loopback port."""

    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started:
            if time.time() > deadline or not self.thread.is_alive():
                raise RuntimeError("explorer server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def served(minilm_atlas, dinov2_atlas):
    """The explorer serving both test atlases; yields the base URL."""
    from qkatlas.server.app import create_app

    app = create_app([minilm_atlas, dinov2_atlas])
    with ServerThread(app) as srv:
        yield srv.url
