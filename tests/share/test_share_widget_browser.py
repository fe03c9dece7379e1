"""The notebook widget's front end (qkatlas/web/dist/widget) in headless Chromium with a fake
comm: the page plays the notebook (an anywidget-like model whose messages go to the real Python
widget through Playwright), so the explorer draws from the kernel's answers, reports the
selection back to Python, follows traits set from Python, and leaves the page's own styles and
keys alone. Screenshots: tests/screenshots/widget-*.png."""

from __future__ import annotations

import base64
import io
import json
import shutil

import numpy as np
import pytest

from qkatlas.atlas.reader import Atlas

from support.chromium import SCREENSHOTS as SHOTS
from support.chromium import launch

pytestmark = pytest.mark.browser


PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>a notebook</title>
<style>body { font-family: serif; background: rgb(250, 250, 240); margin: 20px; }</style>
<link rel="stylesheet" href="./qkatlas-widget.css"></head>
<body><h1>In [1]:</h1><input id="notebook-input" value="a cell">
<div id="out" style="width: 1250px"></div><p id="after">Out[1]</p>
<script id="state" type="application/json">STATE</script>
<script type="module">
const state = JSON.parse(document.getElementById('state').textContent);
const handlers = {}, dirty = {};
const emit = (ev, ...args) => (handlers[ev] || []).slice().forEach((f) => f(...args));
const model = {
  get: (k) => state[k],
  set: (k, v) => { state[k] = v; dirty[k] = v; emit('change:' + k); },
  save_changes: () => { const d = { ...dirty }; for (const k in dirty) delete dirty[k]; window.qkSave(JSON.stringify(d)); },
  on: (ev, f) => (handlers[ev] ||= []).push(f),
  off: (ev, f) => { handlers[ev] = (handlers[ev] || []).filter((g) => g !== f); },
  send: async (content) => {
    const reply = JSON.parse(await window.qkRequest(JSON.stringify(content)));
    const bytes = Uint8Array.from(atob(reply.body), (c) => c.charCodeAt(0));
    emit('msg:custom', reply.content, [new DataView(bytes.buffer)]);
  },
};
window.fakeModel = model;
const mod = await import('./qkatlas-widget.js');
window.cleanup = mod.default.render({ model, el: document.getElementById('out') });
</script></body></html>"""


@pytest.fixture(scope="module")
def browser():
    yield from launch()


@pytest.fixture
def notebook(browser, minilm_atlas, dinov2_atlas, tmp_path):
    """(page, widget): a page holding the widget's front end, wired to a real Python AtlasWidget."""
    pytest.importorskip("anywidget")
    from conftest import StaticServer

    from qkatlas.share.widget import WIDGET_CSS, WIDGET_JS, AtlasWidget

    if not WIDGET_JS.is_file():
        pytest.skip(f"{WIDGET_JS} not built (make web)")
    w = AtlasWidget([minilm_atlas, dinov2_atlas], view="head", layer=2, head=5, color="position", height=620)
    sent: list = []
    w.send = lambda content, buffers=None: sent.append((content, buffers))

    def request(content_json: str) -> str:
        w._on_msg(w, json.loads(content_json), [])
        content, buffers = sent.pop()
        return json.dumps({"content": content, "body": base64.b64encode(buffers[0]).decode()})

    def save(state_json: str) -> None:  # the kernel receiving the front end's state
        for k, v in json.loads(state_json).items():
            if k != "atlases":
                w.set_trait(k, v)

    names = ("atlas", "atlases", "view", "layout", "layer", "head", "token", "color", "theme", "height", "selection")
    state = {k: getattr(w, k) for k in names}
    shutil.copy(WIDGET_JS, tmp_path / WIDGET_JS.name)
    shutil.copy(WIDGET_CSS, tmp_path / WIDGET_CSS.name)
    (tmp_path / "index.html").write_text(PAGE.replace("STATE", json.dumps(state)))
    with StaticServer(tmp_path) as srv:
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.js_errors = []
        page.on("pageerror", lambda e: page.js_errors.append(str(e)))
        page.fetched = []
        page.on("request", lambda r: page.fetched.append(r.url))
        page.expose_function("qkRequest", request)
        page.expose_function("qkSave", save)
        page.goto(srv.url + "/index.html")
        page.wait_for_function("window.__qkatlas && window.__qkatlas.renderedAt", timeout=90000)
        yield page, w
        page.close()


def shot(page, name):
    from PIL import Image

    SHOTS.mkdir(parents=True, exist_ok=True)
    return np.asarray(Image.open(io.BytesIO(page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True))).convert("RGB")).astype(np.int16)


def test_widget_draws_reports_the_selection_and_follows_python(notebook, minilm_atlas):
    page, w = notebook
    page.wait_for_function("window.__qkatlas.view === 'head' && !window.__qkatlas.transitioning", timeout=30000)
    st = page.evaluate("window.__qkatlas.state")
    assert (st["layer"], st["head"], st["color"], st["theme"]) == (2, 5, "position", "light")
    box = page.locator(".qkatlas-widget").bounding_box()
    assert abs(box["height"] - 620) < 2 and box["y"] > 60  # in the page's flow, under the "cell"
    img = shot(page, "widget-head")
    region = img[int(box["y"]) + 80:int(box["y"] + box["height"]) - 10, int(box["x"]) + 10:int(box["x"] + box["width"]) - 340]
    colours, counts = np.unique(region.reshape(-1, 3), axis=0, return_counts=True)
    assert (np.abs(region.reshape(-1, 3) - colours[counts.argmax()]).sum(axis=1) > 60).sum() > 1000
    assert not [u for u in page.fetched if "/api/" in u]  # every answer came over the comm

    # a click selects a token; Python hears the selection
    p = page.evaluate("window.__qkatlas.pointScreen(2, 5, 40, 'query')")
    page.mouse.click(p[0], p[1])
    page.wait_for_function("window.__qkatlas.lines > 0", timeout=20000)
    page.wait_for_timeout(300)
    sel = w.selection
    a = Atlas.open(minilm_atlas)
    assert sel["atlas"] == "minilm" and (sel["layer"], sel["head"]) == (2, 5) and sel["token"] is not None
    assert sel["text"] == a.tokens["token"].iloc[sel["token"]] and (sel["seq"], sel["pos"]) == a.token_position(sel["token"])
    assert f"token={sel['token']}" in sel["hash"] and w.token == sel["token"] and w.view == "head"
    shot(page, "widget-attention")

    # Python moves the view (as the kernel would set traits)
    page.evaluate("fakeModel.set('layer', 4); fakeModel.set('head', 2)")
    page.wait_for_function("window.__qkatlas.state.layer === 4 && window.__qkatlas.state.head === 2 && !window.__qkatlas.transitioning", timeout=30000)
    page.evaluate("fakeModel.set('view', 'sequence')")
    page.wait_for_function("window.__qkatlas.sequence && window.__qkatlas.sequence.lines > 0", timeout=30000)
    page.wait_for_timeout(300)
    assert (w.view, w.layer, w.head) == ("sequence", 4, 2)
    shot(page, "widget-sequence")
    page.evaluate("fakeModel.set('atlas', 'dinov2')")
    page.wait_for_function("window.__qkatlas.state.atlas === 'dinov2' && window.__qkatlas.renderedAt", timeout=60000)
    page.wait_for_timeout(300)
    assert w.atlas == "dinov2" and w.selection["atlas"] == "dinov2"
    assert not page.js_errors and not page.evaluate("window.__qkatlas.errors"), (page.js_errors, page.evaluate("window.__qkatlas.errors"))


def test_widget_leaves_the_page_alone(notebook):
    page, _ = notebook
    body = page.evaluate("""(() => { const s = getComputedStyle(document.body);
        return {overflow: s.overflow, bg: s.backgroundColor, font: s.fontFamily, light: document.body.classList.contains('light')}; })()""")
    assert body == {"overflow": "visible", "bg": "rgb(250, 250, 240)", "font": "serif", "light": False}
    assert page.evaluate("document.querySelector('.qkatlas-widget').classList.contains('light')")
    # keys typed in the notebook do not move the explorer; with the explorer focused, they do
    page.wait_for_function("window.__qkatlas.view === 'head' && !window.__qkatlas.transitioning", timeout=30000)
    page.focus("#notebook-input")
    page.keyboard.press("ArrowRight")
    page.evaluate("document.body.focus()")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(400)
    assert page.evaluate("window.__qkatlas.state.head") == 5
    page.focus(".qkatlas-widget")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("window.__qkatlas.state.head === 6", timeout=10000)
    page.evaluate("window.cleanup()")
    assert page.locator(".qkatlas-widget").count() == 0
