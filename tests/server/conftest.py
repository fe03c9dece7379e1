"""Helpers of the API tests: a client with a loopback Host, copies of the session atlases."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from qkatlas.server import wire
from qkatlas.server.app import create_app

BASE = "http://127.0.0.1:8000"  # TestClient's Host header; the server's port is the URL's


def make_client(paths, **kwargs) -> TestClient:
    base = kwargs.pop("base_url", BASE)
    return TestClient(create_app([Path(p) for p in paths], **kwargs), base_url=base, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(minilm_atlas, dinov2_atlas):
    return make_client([minilm_atlas, dinov2_atlas])


@pytest.fixture
def minilm_copy(minilm_atlas, tmp_path) -> Path:
    """A private copy of the MiniLM atlas (tests that change atlases on disk)."""
    out = tmp_path / "atlases" / "minilm"
    shutil.copytree(minilm_atlas, out)
    return out


def msg(r):
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/octet-stream"
    return wire.unpack(r.content)


def error(r, status):
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and isinstance(body["error"], str) and len(body["error"]) > 10, body
    return body["error"]
