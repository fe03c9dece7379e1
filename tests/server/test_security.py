"""Who may talk to the server: Host check (DNS rebinding), token off loopback, CORS, no paths leaked."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from qkatlas.server import wire
from qkatlas.server.security import Guard, split_host
from tests.server.conftest import error, make_client


# ---- Host header -------------------------------------------------------------------------------------
@pytest.mark.parametrize("host,ok", [
    ("127.0.0.1:8000", True), ("localhost:8000", True), ("LOCALHOST:8000", True), ("[::1]:8000", True),
    ("evil.example:8000", False), ("evil.example", False), ("127.0.0.1.evil.example:8000", False),
    ("localhost:9999", False), ("192.168.1.20:8000", False), ("", False), ("local host:8000", False),
    ("[::1", False), ("127.0.0.1:80:80", False), ("127.0.0.1:abc", False),
])
def test_foreign_host_headers_are_refused(client, host, ok):
    r = client.get("/api/atlases", headers={"host": host})
    if ok:
        assert r.status_code == 200, r.text
    else:
        assert "DNS rebinding" in error(r, 403)


def test_host_check_covers_the_app_and_the_schema(client):
    for url in ("/", "/openapi.json", "/api/atlas/minilm/layout/pca-2d?layer=0", "/index.html"):
        assert client.get(url, headers={"host": "rebound.example:8000"}).status_code == 403


def test_host_port_is_the_servers(minilm_atlas):
    c = make_client([minilm_atlas], port=8123, base_url="http://127.0.0.1:8123")
    assert c.get("/api/atlases").status_code == 200
    assert c.get("/api/atlases", headers={"host": "127.0.0.1:8000"}).status_code == 403
    extra = make_client([minilm_atlas], allowed_hosts=["atlas.lab.internal"], base_url="http://atlas.lab.internal:8000")
    assert extra.get("/api/atlases").status_code == 200


def test_split_host():
    assert split_host("LocalHost:8000") == ("localhost", 8000)
    assert split_host("[::1]:80") == ("::1", 80)
    assert split_host("example.org.") == ("example.org", None)
    assert split_host("::1") is None and split_host("a:b") is None


def test_wildcard_bind_accepts_ip_literals_and_machine_names_but_not_other_names():
    g = Guard(host="0.0.0.0", port=8000, token="t")
    assert g.host_allowed("10.1.2.3:8000", None) and g.host_allowed("127.0.0.1:8000", None)
    assert not g.host_allowed("evil.example:8000", None) and not g.host_allowed("10.1.2.3:8001", None)


# ---- token off loopback ---------------------------------------------------------------------------------
def test_token_required_off_loopback(minilm_atlas):
    c = make_client([minilm_atlas], host="0.0.0.0", port=8000, token="s3cret-token")
    assert "token" in error(c.get("/api/atlases"), 401)
    assert c.get("/", follow_redirects=False).status_code == 401
    assert error(c.get("/api/atlases", headers={"authorization": "Bearer wrong"}), 401)
    assert c.get("/api/atlases", headers={"authorization": "Bearer s3cret-token"}).status_code == 200
    assert c.get("/api/atlases", headers={"x-qkatlas-token": "s3cret-token"}).status_code == 200
    assert c.get("/api/atlases", headers={"x-qkatlas-token": "s3cret-tokeN"}).status_code == 401
    # the URL printed at start: sets the cookie and redirects to the page without the token
    r = c.get("/?token=s3cret-token", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    assert c.get("/api/atlases").status_code == 200  # the client now sends the cookie
    c.cookies.clear()
    assert c.get("/api/atlases").status_code == 401
    assert c.get("/?token=nope", follow_redirects=False).status_code == 401
    r = c.get("/api/atlas/minilm/layout/pca-2d?layer=0&token=s3cret-token", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/api/atlas/minilm/layout/pca-2d?layer=0"


def test_a_token_is_made_when_none_is_given_off_loopback(minilm_atlas):
    c = make_client([minilm_atlas], host="0.0.0.0", port=8000)
    token = c.app.state.token
    assert token and len(token) >= 24
    assert c.get("/api/atlases").status_code == 401
    assert c.get("/api/atlases", headers={"authorization": f"Bearer {token}"}).status_code == 200
    assert make_client([minilm_atlas]).app.state.token is None  # loopback: no token by default


def test_serving_off_loopback_warns_and_prints_a_token(capsys, monkeypatch):
    from qkatlas.server import run

    monkeypatch.delenv(run.TOKEN_ENV, raising=False)
    token = run._security("0.0.0.0", None)
    err = capsys.readouterr().err
    assert token and "WARNING" in err and "token" in err
    assert run._url("0.0.0.0", 8000, token).endswith(f":8000/?token={token}")
    assert run._security("127.0.0.1", None) is None and capsys.readouterr().err == ""
    assert run._security("0.0.0.0", "mine") == "mine"


# ---- CORS and headers -----------------------------------------------------------------------------------
def test_cors_closed_by_default(client, minilm_atlas):
    r = client.get("/api/atlases", headers={"origin": "https://evil.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    r = client.options("/api/atlases", headers={"origin": "https://evil.example", "access-control-request-method": "GET"})
    assert "access-control-allow-origin" not in r.headers
    assert r.status_code >= 400 and "error" in r.json()
    assert client.get("/api/atlases").headers["x-content-type-options"] == "nosniff"
    opened = make_client([minilm_atlas], cors_origins=["http://localhost:5173"])
    r = opened.get("/api/atlases", headers={"origin": "http://localhost:5173"})
    assert r.headers["access-control-allow-origin"] == "http://localhost:5173"
    r = opened.get("/api/atlases", headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers


# ---- no filesystem paths in any response --------------------------------------------------------------
def _every_response(c):
    urls = ["/api/atlases", "/openapi.json", "/api/nothing", "/api/atlas/nope"]
    for aid in ("minilm", "dinov2"):
        base = f"/api/atlas/{aid}"
        urls += [base, f"{base}/head?layer=0&head=1", f"{base}/tokens", f"{base}/sequences", f"{base}/sample?size=50",
                 f"{base}/layout/pca-2d?layer=0", f"{base}/layout/umap-2d", f"{base}/norms?layer=0&head=0",
                 f"{base}/attention?layer=0&head=0&token=3", f"{base}/search?q=the", f"{base}/heads",
                 f"{base}/similar?layer=0&head=0", f"{base}/aggregate?layer=0&head=0", f"{base}/fidelity",
                 f"{base}/image/0", f"{base}/attention?layer=0&head=0&seq=99", f"{base}/layout/pca-2d?layer=77"]
    for url in urls:
        r = c.get(url)
        ctype = r.headers.get("content-type", "")
        if ctype.startswith("application/octet-stream"):
            yield url, json.dumps(wire.unpack(r.content)[0])
        elif not ctype.startswith("image/"):
            yield url, r.text


def test_no_absolute_paths_in_any_response(minilm_atlas, dinov2_atlas, tmp_path):
    """Not the served folders, not their parents, not the sources of images (an image folder's files)."""
    from qkatlas.atlas.writer import AtlasWriter

    root = tmp_path / "private" / "place"
    for src in (minilm_atlas, dinov2_atlas):
        shutil.copytree(src, root / src.name)
    secret = str(tmp_path / "photos" / "cat.png")
    AtlasWriter(root / "dinov2").update_manifest(lambda m: (m["corpus"].update(spec=str(tmp_path / "photos"), name=str(tmp_path / "photos")),
                                                            m["model"].update(source=str(tmp_path / "models" / "dino"))))
    import pandas as pd

    seqs = pd.read_parquet(root / "dinov2" / "sequences.parquet")
    seqs["source"] = secret
    seqs.to_parquet(root / "dinov2" / "sequences.parquet")
    (root / "minilm" / "heads.parquet").unlink()  # an error message that names the atlas folder
    c = make_client([root])
    seen = 0
    for url, text in _every_response(c):
        seen += 1
        assert str(tmp_path) not in text and "/private/place" not in text, (url, text[:300])
        assert not re.search(r"(?<![\w.])/(tmp|home|root|Users|var)/", text), (url, text[:300])
    assert seen > 30
    info = c.get("/api/atlas/dinov2").json()
    assert info["corpus"]["spec"] == "photos" and info["model"]["source"] == "dino"
    assert set(c.get("/api/atlas/dinov2/sequences").json()["data"]["source"]) == {"cat.png"}
