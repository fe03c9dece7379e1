"""The widget's kernel side answers every request of the explorer exactly as the HTTP API does
(same status, same bytes, same error text), without a server; and the widget speaks its comm
protocol (request in, response with one buffer out)."""

from __future__ import annotations

import json

import pytest

from qkatlas.share.bridge import ApiBridge

OK = [
    ("/atlases", {}),
    ("/atlas/minilm", {}),
    ("/atlas/minilm/head", {"layer": 2, "head": 3}),
    ("/atlas/minilm/tokens", {}),
    ("/atlas/minilm/tokens", {"columns": "token,seq,pos"}),
    ("/atlas/minilm/sequences", {}),
    ("/atlas/minilm/sequences", {"offset": 3, "limit": 5}),
    ("/atlas/minilm/sample", {"size": 100}),
    ("/atlas/minilm/layout/pca-2d", {"layer": 3}),
    ("/atlas/minilm/layout/pca-3d", {"layer": 1, "head": 4, "sample": 50}),
    ("/atlas/minilm/layout/pca-2d", {"layer": 2, "partial": True}),
    ("/atlas/minilm/norms", {"layer": 0}),
    ("/atlas/minilm/attention", {"layer": 2, "head": 3, "token": 40}),
    ("/atlas/minilm/attention", {"layer": 2, "head": 3, "token": 40, "role": "key"}),
    ("/atlas/minilm/attention", {"layer": 1, "head": 1, "seq": 2}),
    ("/atlas/minilm/aggregate", {"layer": 1, "head": 1, "weighted": True}),
    ("/atlas/minilm/search", {"q": "the"}),
    ("/atlas/minilm/search", {"q": "^(the|a)$", "regex": True}),
    ("/atlas/minilm/heads", {}),
    ("/atlas/minilm/similar", {"layer": 2, "head": 3, "k": 6}),
    ("/atlas/minilm/fidelity", {}),
    ("/atlas/minilm/fidelity", {"layer": 2}),
    ("/atlas/dinov2/thumbnails.png", {}),
    ("/atlas/dinov2/image/1", {}),
    ("/atlas/minilm/components", {"layer": 1, "head": 3}),
    ("/atlas/minilm/contributions", {"layer": 1, "head": 3, "query": 40, "key": 35}),
    ("/atlas/minilm/component-scores", {"layer": 1, "head": 3, "component": 0, "sample": 50}),
    ("/atlas/minilm/top-sequences", {"layer": 1, "head": 3}),
    ("/atlas/minilm/value-norms", {"layer": 2, "head": 1}),
    ("/atlas/minilm/attention", {"layer": 1, "head": 1, "seq": 2, "weighting": "value"}),
]
BAD = [
    ("/atlas/nope", {}, 404),
    ("/atlas/minilm/head", {"layer": 2}, 400),
    ("/atlas/minilm/head", {"layer": 99, "head": 0}, 400),
    ("/atlas/minilm/layout/tsne-2d", {"layer": 0}, 404),
    ("/atlas/minilm/attention", {"layer": 0, "head": 0}, 400),
    ("/atlas/minilm/attention", {"layer": 0, "head": 0, "token": 10**6}, 400),
    ("/atlas/minilm/search", {"q": "(", "regex": True}, 400),
    ("/atlas/minilm/search", {"q": "  "}, 400),
    ("/atlas/minilm/image/0", {}, 404),
    ("/atlas/minilm/nothing", {}, 404),
    ("/atlas/minilm/contributions", {"layer": 1, "head": 3, "query": 40, "key": 0}, 400),
    ("/atlas/minilm/component-scores", {"layer": 1, "head": 3, "component": 10**4}, 400),
]


@pytest.fixture(scope="module")
def bridge(minilm_atlas, dinov2_atlas):
    return ApiBridge([minilm_atlas, dinov2_atlas])


def _url(path, params):
    from urllib.parse import urlencode

    q = urlencode({k: str(v).lower() if isinstance(v, bool) else v for k, v in params.items()})
    return f"/api{path}" + (f"?{q}" if q else "")


@pytest.mark.parametrize("path,params", OK, ids=[f"{p}{sorted(q.items())}" for p, q in OK])
def test_answers_equal_the_http_api(bridge, api, path, params):
    r = api.get(_url(path, params))
    reply = bridge.handle(path, params)
    assert r.status_code == reply.status == 200, (r.text[:300], reply.body[:300])
    assert reply.body == r.content
    want = {"application/json": "json", "application/octet-stream": "binary", "image/png": "png"}
    assert reply.kind == want[r.headers["content-type"]]


@pytest.mark.parametrize("path,params,status", BAD, ids=[f"{p}{sorted(q.items())}" for p, q, _ in BAD])
def test_errors_equal_the_http_api(bridge, api, path, params, status):
    r = api.get(_url(path, params))
    reply = bridge.handle(path, params)
    assert r.status_code == reply.status == status
    assert json.loads(reply.body)["error"] == r.json()["error"]
    assert reply.kind == "json"


def test_bad_parameters_never_raise(bridge):
    for params in ({"layer": "x", "head": 0}, {"layer": -1, "head": 0}, {"layer": 1.5, "head": 0}, {"layer": True, "head": 0}):
        reply = bridge.handle("/atlas/minilm/head", params)
        assert reply.status == 400 and "layer" in json.loads(reply.body)["error"]
    reply = bridge.handle("/atlas/minilm/attention", {"layer": 0, "head": 0, "token": 3, "role": "value"})
    assert reply.status == 400 and "role" in json.loads(reply.body)["error"]
    assert bridge.handle("/nowhere", {}).status == 404


def test_widget_answers_requests_over_its_comm(minilm_atlas, dinov2_atlas):
    pytest.importorskip("anywidget")
    from qkatlas.share.widget import AtlasWidget

    w = AtlasWidget([minilm_atlas, dinov2_atlas], view="head", layer=2, head=5)
    assert w.atlases == ["minilm", "dinov2"] and w.atlas == "minilm" and (w.view, w.layer, w.head) == ("head", 2, 5)
    sent = []
    w.send = lambda content, buffers=None: sent.append((content, buffers))
    w._on_msg(w, {"type": "request", "id": 7, "path": "/atlas/minilm/attention", "params": {"layer": 2, "head": 5, "token": 3}}, [])
    w._on_msg(w, {"type": "request", "id": 8, "path": "/atlas/minilm/head", "params": {"layer": 2}}, [])
    w._on_msg(w, {"type": "something else"}, [])
    assert [c for c, _ in sent] == [{"type": "response", "id": 7, "status": 200, "kind": "binary"},
                                    {"type": "response", "id": 8, "status": 400, "kind": "json"}]
    assert sent[0][1][0][:4] == b"QKB1" and "head" in json.loads(sent[1][1][0])["error"]
    with pytest.raises(Exception, match="choose matrix"):
        w.view = "sideways"
    w.selection = {"layer": 1, "head": 2, "token": 40, "text": "the"}
    assert "token 40 'the'" in repr(w)


def test_show_says_what_is_missing(minilm_atlas, monkeypatch):
    import importlib.util

    from qkatlas.errors import InputError, MissingExtraError
    from qkatlas.share.notebook import show

    with pytest.raises(InputError, match="give an atlas"):
        show()
    with pytest.raises(InputError, match="not both"):
        show(minilm_atlas, model="demo:minilm", text="hi")
    with pytest.raises(InputError, match="needs both"):
        show(model="demo:minilm")
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "anywidget" else real(name, *a))
    with pytest.raises(MissingExtraError, match=r"pip install 'qkatlas\[widget\]'") as err:
        show(minilm_atlas)
    assert "\n" not in str(err.value)
