"""The static export in headless Chromium, served by a plain static HTTP server (no qkatlas
server): every view draws (pixel checks), search counts equal the served API's, a click's
attention equals ``Atlas.attention`` to the export's precision, and a URL hash from the served
explorer opens the same view. Screenshots: tests/screenshots/export-*.png."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest

from qkatlas.atlas.reader import Atlas
from qkatlas.server import wire

from support.chromium import SCREENSHOTS as SHOTS, VIEWPORT
from support.chromium import launch

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def browser():
    yield from launch()


@pytest.fixture
def page(browser):
    pg = browser.new_page(viewport=VIEWPORT)
    pg.js_errors = []
    pg.on("pageerror", lambda e: pg.js_errors.append(str(e)))
    pg.api_requests = []
    pg.on("request", lambda r: pg.api_requests.append(r.url) if "/api/" in r.url else None)
    yield pg
    pg.close()


def open_site(page, url: str, fragment: str = ""):
    page.goto(url + "/" + fragment)
    page.wait_for_function("window.__qkatlas && window.__qkatlas.renderedAt", timeout=90000)
    clean(page)
    assert page.evaluate("window.__qkatlas.source") == "static"


def clean(page):
    assert not page.js_errors and not page.evaluate("window.__qkatlas.errors"), (page.js_errors, page.evaluate("window.__qkatlas.errors"))
    assert not page.api_requests, page.api_requests  # never asks a server


def shot(page, name: str) -> np.ndarray:
    from PIL import Image

    SHOTS.mkdir(parents=True, exist_ok=True)
    png = page.screenshot(path=str(SHOTS / f"{name}.png"))
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(np.int16)


def drawn(img: np.ndarray, x: float, y: float, w: float, h: float, inset: int = 3) -> int:
    x0, y0, x1, y1 = int(np.ceil(x)) + inset, int(np.ceil(y)) + inset, int(np.floor(x + w)) - inset, int(np.floor(y + h)) - inset
    region = img[max(y0, 0):max(y1, 0), max(x0, 0):max(x1, 0)].reshape(-1, 3)
    if not len(region):
        return 0
    colours, counts = np.unique(region, axis=0, return_counts=True)
    return int((np.abs(region - colours[counts.argmax()]).sum(axis=1) > 60).sum())


def idle(page, view: str | None = None):
    cond = "!window.__qkatlas.transitioning" + (f" && window.__qkatlas.view === '{view}'" if view else "")
    page.wait_for_function(cond, timeout=30000)
    page.wait_for_timeout(300)


def test_matrix_and_head_views_draw(page, static_site):
    open_site(page, static_site)
    cells = page.evaluate("window.__qkatlas.cells")
    assert len(cells) == 72
    img = shot(page, "export-matrix")
    empty = [(c["layer"], c["head"]) for c in cells if drawn(img, c["x"], c["y"], c["width"], c["height"]) < 30]
    assert not empty, empty
    page.evaluate("window.__qkatlas.focusHead(2, 3)")
    idle(page, "head")
    big = next(c for c in page.evaluate("window.__qkatlas.cells") if (c["layer"], c["head"]) == (2, 3))
    assert drawn(shot(page, "export-head"), big["x"], big["y"], big["width"], big["height"]) > 500
    for mode in ("position", "punct", "norm"):
        page.select_option("#color", mode)
        page.wait_for_timeout(300)
    page.check("#size")
    page.wait_for_timeout(600)
    clean(page)
    img = shot(page, "export-colour-norm")
    assert drawn(img, big["x"], big["y"], big["width"], big["height"]) > 500


@pytest.mark.parametrize("q,regex", [("the", False), ("^(the|a)$", True), ("##s", False)])
def test_search_counts_equal_the_served_app(page, static_site, api, q, regex):
    open_site(page, static_site)
    if regex:
        page.check("#regex")
    page.fill("#search", q)
    page.press("#search", "Enter")
    page.wait_for_function(f"window.__qkatlas.search && window.__qkatlas.search.q === {q!r} && window.__qkatlas.search.tokens >= 0", timeout=20000)
    meta, _ = wire.unpack(api.get("/api/atlas/minilm/search", params={"q": q, "regex": str(regex).lower()}).content)
    got = page.evaluate("window.__qkatlas.search")
    assert (got["tokens"], got["sequences"]) == (meta["n_tokens"], meta["n_sequences"])
    assert f"{meta['n_tokens']} tokens match in {meta['n_sequences']} sequences" in page.inner_text("#search-count")
    if q == "the":
        img = shot(page, "export-search")
        assert all(drawn(img, c["x"], c["y"], c["width"], c["height"]) >= 10 for c in page.evaluate("window.__qkatlas.cells"))


@pytest.mark.parametrize("role", ["query", "key"])
def test_click_attention_equals_the_atlas(page, static_site, minilm_atlas, role):
    a = Atlas.open(minilm_atlas)
    open_site(page, static_site)
    page.evaluate("window.__qkatlas.focusHead(2, 3)")
    idle(page, "head")
    before = shot(page, f"export-before-click-{role}")
    row = 40
    if role == "query":
        p = page.evaluate("window.__qkatlas.pointScreen(2, 3, 40, 'query')")
        page.mouse.click(p[0], p[1])
    else:
        page.evaluate("window.__qkatlas.select(40, 'key')")
    page.wait_for_function("window.__qkatlas.selected && window.__qkatlas.lines > 0", timeout=20000)
    page.wait_for_timeout(400)
    sel = page.evaluate("window.__qkatlas.selected")
    row = sel["token"]
    seq, pos = a.token_position(row)
    full = a.attention(2, 3, seq)
    want = full[pos] if sel["role"] == "query" else full[:, pos]
    start = a.sequence_rows(seq).start
    targets = page.evaluate("window.__qkatlas.lineTargets")  # weights relative to the strongest line
    assert targets
    w = np.array([want[t["row"] - start] for t in targets])
    # the lines go to the most attended keys (up to near ties), with the atlas's weights
    assert all(x >= np.sort(want)[-len(targets)] - 0.05 for x in w), (w, np.sort(want)[::-1][:len(targets)])
    np.testing.assert_allclose([t["weight"] * w.max() for t in targets], w, atol=0.05)
    after = shot(page, f"export-attention-{role}")
    assert np.abs(after - before).sum(axis=2).astype(bool).sum() > 200
    clean(page)


def test_sequence_and_image_views(page, static_site):
    open_site(page, static_site, "#atlas=minilm&view=head&layer=1&head=4&token=40")
    page.wait_for_function("window.__qkatlas.lines > 0", timeout=30000)
    page.click("#open-sequence")
    page.wait_for_function("window.__qkatlas.sequence && window.__qkatlas.sequence.lines > 0", timeout=30000)
    seq = page.evaluate("window.__qkatlas.sequence")
    assert seq["aggregate"] == "ok"
    img = shot(page, "export-sequence")
    box = page.locator("#heatmap").bounding_box()
    assert drawn(img, box["x"], box["y"], box["width"], box["height"]) > 100
    page.check("#hide-special")
    page.wait_for_function("window.__qkatlas.sequence.hidden > 0", timeout=10000)
    clean(page)
    page.goto(static_site + "/#atlas=dinov2&view=image&layer=5&head=2")
    page.wait_for_function("window.__qkatlas && window.__qkatlas.image && window.__qkatlas.image.drawn", timeout=60000)
    im = page.evaluate("window.__qkatlas.image")
    assert im["grid"] == [16, 16] and im["target"] is not None
    img = shot(page, "export-image")
    box = page.locator("#image-canvas").bounding_box()
    assert drawn(img, box["x"], box["y"], box["width"], box["height"]) > 5000
    clean(page)


def test_head_panel_similar_heads_and_thumbnails(page, static_site):
    open_site(page, static_site, "#atlas=dinov2&view=head&layer=5&head=2")
    page.wait_for_function("window.__qkatlas.similar > 0", timeout=30000)
    assert page.locator("#similar figure").count() > 0
    assert re.search(r"L\d+ H\d+", page.locator("#similar figure").first.inner_text())
    page.check("#thumbs")
    page.wait_for_timeout(1500)
    cell = next(c for c in page.evaluate("window.__qkatlas.cells") if (c["layer"], c["head"]) == (5, 2))
    assert drawn(shot(page, "export-thumbnails"), cell["x"], cell["y"], cell["width"], cell["height"]) > 2000
    clean(page)


def test_a_hash_from_the_served_app_opens_the_same_view(page, static_site, served):
    page.goto(served + "/#atlas=minilm&layout=pca-3d&view=head&layer=4&head=7&token=100&role=key&color=position&theme=light")
    page.wait_for_function("window.__qkatlas && window.__qkatlas.lines > 0", timeout=60000)
    page.wait_for_timeout(500)
    hash_ = page.evaluate("location.hash")
    want = page.evaluate("window.__qkatlas.state")
    served_targets = page.evaluate("window.__qkatlas.lineTargets")
    page.api_requests.clear()
    page.goto(static_site + "/" + hash_)
    page.wait_for_function("window.__qkatlas && window.__qkatlas.mode3d && window.__qkatlas.lines > 0", timeout=60000)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__qkatlas.state") == want
    assert page.evaluate("location.hash") == hash_
    got = page.evaluate("window.__qkatlas.lineTargets")
    assert [t["row"] for t in got][:3] == [t["row"] for t in served_targets][:3] or \
        max(abs(a["weight"] - b["weight"]) for a, b in zip(got, served_targets)) < 0.05
    shot(page, "export-from-served-hash")
    clean(page)


def test_save_view_as_png_at_2x_and_svg(page, static_site):
    import xml.etree.ElementTree as ET

    from PIL import Image

    open_site(page, static_site)
    page.evaluate("window.__qkatlas.focusHead(2, 3)")
    idle(page, "head")
    page.evaluate("window.__qkatlas.select(40, 'query')")
    page.wait_for_function("window.__qkatlas.lines > 0", timeout=20000)
    page.wait_for_timeout(300)
    stage = page.locator("#stage").bounding_box()
    with page.expect_download() as dl:
        page.click("#save-png")
    path = dl.value.path()
    assert dl.value.suggested_filename == "qkatlas-minilm-pca-2d-head-L2H3.png"
    SHOTS.mkdir(parents=True, exist_ok=True)
    img = Image.open(path)
    img.save(SHOTS / "export-saved-view.png")
    assert img.size == (round(stage["width"] * 2), round(stage["height"] * 2))
    px = np.asarray(img.convert("RGB")).astype(np.int16)
    assert drawn(px, 0, 0, px.shape[1], px.shape[0]) > 20000  # points, lines and labels at 2x
    with page.expect_download() as dl:
        page.click("#save-svg")
    svg = Path(dl.value.path()).read_text()
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    circles, lines, images = (root.findall(f".//{ns}{t}") for t in ("circle", "line", "image"))
    assert len(circles) > 500 and len(lines) == page.evaluate("window.__qkatlas.lines") and len(images) == 2
    fills = {c.get("fill") for c in circles}
    assert {"#2caa5a", "#e63c96"} <= fills  # queries and keys in the explorer's colours
    assert float(root.get("width")) == pytest.approx(stage["width"], abs=1)
    (SHOTS / "export-saved-view.svg").write_text(svg)  # to look at (and a browser draws it:)
    viewer = page.context.browser.new_page(viewport={"width": int(stage["width"]), "height": int(stage["height"])})
    viewer.goto((SHOTS / "export-saved-view.svg").as_uri())
    drawn_svg = np.asarray(Image.open(io.BytesIO(viewer.screenshot(path=str(SHOTS / "export-saved-view-svg.png")))).convert("RGB")).astype(np.int16)
    viewer.close()
    assert drawn(drawn_svg, 0, 0, drawn_svg.shape[1], drawn_svg.shape[0]) > 5000
    # the sequence view (DOM canvases) saves as a picture too
    page.click("#open-sequence") if page.locator("#open-sequence").count() else page.evaluate("0")
    page.wait_for_function("window.__qkatlas.sequence && window.__qkatlas.sequence.lines > 0", timeout=20000)
    with page.expect_download() as dl:
        page.click("#save-png")
    seq = np.asarray(Image.open(dl.value.path()).convert("RGB")).astype(np.int16)
    assert drawn(seq, 0, 0, seq.shape[1], seq.shape[0]) > 5000
    clean(page)
