"""The explorer driven in real headless Chromium (software WebGL), with screenshots of every view.

Fixtures (browser, page) are in tests/browser/conftest.py; the served atlases in tests/conftest.py.
Screenshots land in tests/screenshots/ (git-ignored). Each test checks pixels or the app's debug
object (window.__qkatlas), so a page that draws nothing fails.
"""

from __future__ import annotations

import io
import re

import numpy as np
import pytest

pytestmark = pytest.mark.browser


def open_app(page, fragment: str = "", query: str = ""):
    page.goto(f"{page.base}/{query}{fragment}")
    page.wait_for_function("window.__qkatlas && window.__qkatlas.renderedAt", timeout=60000)
    assert_clean(page)


def assert_clean(page):
    dbg_errors = page.evaluate("window.__qkatlas.errors")
    assert not page.js_errors and not dbg_errors, (page.js_errors, dbg_errors)


def shot(page, name: str) -> np.ndarray:
    from PIL import Image

    page.screenshots.mkdir(parents=True, exist_ok=True)
    png = page.screenshot(path=str(page.screenshots / f"{name}.png"))
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(np.int16)


def drawn_pixels(img: np.ndarray, x: float, y: float, w: float, h: float, inset: int = 3) -> int:
    """Pixels in a box that differ clearly from the box's most common colour (its background)."""
    x0, y0 = int(np.ceil(x)) + inset, int(np.ceil(y)) + inset
    x1, y1 = int(np.floor(x + w)) - inset, int(np.floor(y + h)) - inset
    region = img[max(y0, 0):max(y1, 0), max(x0, 0):max(x1, 0)].reshape(-1, 3)
    if len(region) == 0:
        return 0
    colours, counts = np.unique(region, axis=0, return_counts=True)
    bg = colours[counts.argmax()]
    return int((np.abs(region - bg).sum(axis=1) > 60).sum())


def wait_idle(page, view: str | None = None):
    cond = "!window.__qkatlas.transitioning"
    if view:
        cond += f" && window.__qkatlas.view === '{view}'"
    page.wait_for_function(cond, timeout=20000)
    page.wait_for_timeout(350)


def api(page, path):
    import httpx

    return httpx.get(page.base + path, timeout=30)


# ---- matrix ------------------------------------------------------------------------------------------
def test_matrix_draws_every_head(page):
    open_app(page)
    info = api(page, "/api/atlas/minilm").json()
    cells = page.evaluate("window.__qkatlas.cells")
    assert len(cells) == info["n_layers"] * info["n_heads"] == 72
    assert {(c["layer"], c["head"]) for c in cells} == {(l, h) for l in range(6) for h in range(12)}
    # one WebGL context: every other canvas is 2-D
    webgl = page.evaluate("""[...document.querySelectorAll('canvas')].filter(c => {
        const ctx = c.getContext('2d'); return ctx === null; }).length""")
    assert webgl == 1
    img = shot(page, "matrix")
    H, W, _ = img.shape
    empty = []
    for c in cells:
        assert 0 <= c["x"] and c["x"] + c["width"] <= W and 0 <= c["y"] and c["y"] + c["height"] <= H, c
        assert c["width"] > 20
        if drawn_pixels(img, c["x"], c["y"], c["width"], c["height"]) < 30:
            empty.append((c["layer"], c["head"]))
    assert not empty, f"cells drawn empty: {empty}"
    # the gaps between cells stay background (the points are inside their cells)
    c0, c1 = cells[0], cells[1]
    gap_x = c0["x"] + c0["width"] + 2
    assert drawn_pixels(img, gap_x - 1, c0["y"] + 5, c1["x"] - gap_x - 1, c0["height"] - 10, inset=0) == 0
    b = page.evaluate("window.__qkatlas.bytes")
    assert b["perPoint"] <= 4.05 and b["points"] == 72 * 2 * info["n_tokens"]


def test_hover_tooltip(page):
    open_app(page)
    page.evaluate("window.__qkatlas.focusHead(1, 3)")
    wait_idle(page, "head")
    p = page.evaluate("window.__qkatlas.pointScreen(1, 3, 7, 'key')")
    page.mouse.move(p[0], p[1])
    page.wait_for_function("window.__qkatlas.hover", timeout=10000)
    text = page.inner_text("#tooltip")
    assert re.search(r"position \d+ of \d+", text) and ("query" in text or "key" in text)
    assert page.is_visible("#tooltip")
    shot(page, "hover")


def test_zoom_into_a_head_step_and_back(page):
    open_app(page)
    cells = page.evaluate("window.__qkatlas.cells")
    c = next(c for c in cells if (c["layer"], c["head"]) == (2, 3))
    page.mouse.click(c["x"] + 4, c["y"] + 4)
    wait_idle(page, "head")
    st = page.evaluate("window.__qkatlas.state")
    assert (st["layer"], st["head"], st["view"]) == (2, 3, "head")
    cells = page.evaluate("window.__qkatlas.cells")
    big = next(c for c in cells if (c["layer"], c["head"]) == (2, 3))
    assert big["width"] > 500  # zoomed in: the head fills the view
    img = shot(page, "head")
    assert drawn_pixels(img, big["x"], big["y"], big["width"], big["height"]) > 500
    page.keyboard.press("ArrowRight")
    wait_idle(page, "head")
    assert page.evaluate("window.__qkatlas.state.head") == 4
    page.keyboard.press("ArrowDown")
    wait_idle(page, "head")
    assert page.evaluate("[window.__qkatlas.state.layer, window.__qkatlas.state.head]") == [3, 4]
    page.click("#prev-head")
    wait_idle(page, "head")
    assert page.evaluate("window.__qkatlas.state.head") == 3
    assert "layer=3" in page.evaluate("location.hash") and "head=3" in page.evaluate("location.hash")
    page.keyboard.press("Escape")
    wait_idle(page, "matrix")
    cells = page.evaluate("window.__qkatlas.cells")
    assert max(c["width"] for c in cells) < 200
    shot(page, "matrix-after-zoom")


def test_search_highlights_with_counts(page):
    open_app(page)
    page.fill("#search", "the")
    page.press("#search", "Enter")
    page.wait_for_function("window.__qkatlas.search && window.__qkatlas.search.tokens >= 0", timeout=10000)
    from qkatlas.server import wire

    meta, _ = wire.unpack(api(page, "/api/atlas/minilm/search?q=the").content)
    assert meta["n_tokens"] > 0
    text = page.inner_text("#search-count")
    assert f"{meta['n_tokens']} tokens match in {meta['n_sequences']} sequences" in text
    assert "search=the" in page.evaluate("location.hash")
    img = shot(page, "search")
    # highlighted points are drawn in every head
    empty = [(c["layer"], c["head"]) for c in page.evaluate("window.__qkatlas.cells")
             if drawn_pixels(img, c["x"], c["y"], c["width"], c["height"]) < 10]
    assert not empty
    # a pattern
    page.check("#regex")
    page.fill("#search", "^(the|a)$")
    page.press("#search", "Enter")
    page.wait_for_function("window.__qkatlas.search && window.__qkatlas.search.regex && window.__qkatlas.search.q === '^(the|a)$'", timeout=10000)
    assert page.evaluate("window.__qkatlas.search.tokens") > meta["n_tokens"]
    page.fill("#search", "zzqqxx")
    page.press("#search", "Enter")
    page.wait_for_function("window.__qkatlas.search && window.__qkatlas.search.tokens === 0", timeout=10000)
    assert "no match" in page.inner_text("#search-count")


def test_click_token_shows_attention_lines(page):
    open_app(page)
    page.evaluate("window.__qkatlas.focusHead(2, 3)")
    wait_idle(page, "head")
    before = shot(page, "head-before-click")
    p = page.evaluate("window.__qkatlas.pointScreen(2, 3, 5, 'query')")
    page.mouse.click(p[0], p[1])
    page.wait_for_function("window.__qkatlas.selected && window.__qkatlas.lines > 0", timeout=15000)
    page.wait_for_timeout(400)
    sel = page.evaluate("window.__qkatlas.selected")
    assert sel["token"] is not None
    assert page.evaluate("window.__qkatlas.labels") > 0
    assert f"token={sel['token']}" in page.evaluate("location.hash")
    after = shot(page, "attention-lines")
    assert np.abs(after - before).sum(axis=2).astype(bool).sum() > 200  # lines, rings and labels appeared
    side = page.inner_text("#selection")
    assert "attends most to" in side or "attended most by" in side


def test_sequence_view(page):
    open_app(page, "#atlas=minilm&view=head&layer=1&head=4&token=40")
    page.wait_for_function("window.__qkatlas.lines > 0", timeout=20000)
    page.click("#open-sequence")
    page.wait_for_function("window.__qkatlas.sequence && window.__qkatlas.sequence.lines > 0", timeout=20000)
    seq = page.evaluate("window.__qkatlas.sequence")
    assert seq["n"] > 3 and seq["aggregate"] == "ok"
    assert page.is_visible("#bipartite") and page.is_visible("#heatmap") and page.is_visible("#aggregate")
    img = shot(page, "sequence")
    box = page.locator("#heatmap").bounding_box()
    assert drawn_pixels(img, box["x"], box["y"], box["width"], box["height"]) > 100
    lines = seq["lines"]
    page.check("#hide-special")
    page.wait_for_function("window.__qkatlas.sequence.hidden > 0", timeout=10000)
    after = page.evaluate("window.__qkatlas.sequence")
    assert after["hidden"] == 2 and after["lines"] > 0 and lines > 0  # [CLS] and [SEP] dropped, rows renormalised
    assert "hide=1" in page.evaluate("location.hash")
    shot(page, "sequence-hidden")
    page.keyboard.press("Escape")
    page.wait_for_function("window.__qkatlas.view === 'head'", timeout=10000)


def test_image_view_and_thumbnails(page):
    open_app(page, "#atlas=dinov2&view=image&layer=5&head=2")
    page.wait_for_function("window.__qkatlas.image && window.__qkatlas.image.drawn", timeout=30000)
    im = page.evaluate("window.__qkatlas.image")
    assert im["grid"] == [16, 16] and im["target"] is not None
    img = shot(page, "image")
    box = page.locator("#image-canvas").bounding_box()
    assert drawn_pixels(img, box["x"], box["y"], box["width"], box["height"]) > 5000
    # choose another patch by clicking it
    page.mouse.click(box["x"] + box["width"] * (3.5 / 16), box["y"] + box["height"] * (12.5 / 16))
    page.wait_for_function("window.__qkatlas.image && window.__qkatlas.image.query[0] === 12 && window.__qkatlas.image.query[1] === 3", timeout=15000)
    shot(page, "image-other-patch")
    page.click("#cls-query")
    page.wait_for_function("window.__qkatlas.image && window.__qkatlas.image.query === 'CLS'", timeout=15000)
    page.keyboard.press("Escape")
    page.wait_for_function("window.__qkatlas.view === 'head'", timeout=10000)
    page.check("#thumbs")
    page.wait_for_timeout(1500)
    assert_clean(page)
    img = shot(page, "thumbnails")
    cell = next(c for c in page.evaluate("window.__qkatlas.cells") if (c["layer"], c["head"]) == (5, 2))
    assert drawn_pixels(img, cell["x"], cell["y"], cell["width"], cell["height"]) > 2000
    # image colour modes: each changes the colours of the head on show
    before = switch(page, "#thumbs", False, "image-colour-role", check=True)
    box = (cell["x"], cell["y"], cell["width"], cell["height"])
    for mode in ("patch_row", "patch_col", "brightness", "hue"):
        after = switch(page, "#color", mode, f"image-colour-{mode}")
        changed = changed_pixels(before, after, box)
        assert changed > 500, f"colour {mode}: only {changed} pixels changed"
        assert page.evaluate("[window.__qkatlas.view, window.__qkatlas.state.color]") == ["head", mode]
        before = after
    assert_clean(page)
    assert drawn_pixels(before, cell["x"], cell["y"], cell["width"], cell["height"]) > 2000


def test_url_restores_a_shared_3d_view(page):
    open_app(page, "#atlas=minilm&layout=pca-3d&view=head&layer=4&head=7&token=100&role=key&color=position&theme=light")
    page.wait_for_function("window.__qkatlas.mode3d && window.__qkatlas.lines > 0", timeout=30000)
    page.wait_for_timeout(500)
    st = page.evaluate("window.__qkatlas.state")
    assert (st["layout"], st["layer"], st["head"], st["token"], st["role"], st["color"], st["theme"]) == \
        ("pca-3d", 4, 7, 100, "key", "position", "light")
    assert page.evaluate("document.body.classList.contains('light')")
    assert page.input_value("#layout") == "pca-3d" and page.input_value("#color") == "position"
    img = shot(page, "orbit-3d-light")
    w, h = page.viewport["width"] - 330, page.viewport["height"] - 80
    assert drawn_pixels(img, 0, 70, w, h) > 1000


def test_head_map_similar_heads_sort_and_tint(page):
    open_app(page)
    page.wait_for_function("window.__qkatlas.headmap && window.__qkatlas.headmap.points.length === 72", timeout=60000)
    page.select_option("#tint", "label")
    page.select_option("#sort", "label")
    page.wait_for_timeout(400)
    cells = page.evaluate("window.__qkatlas.cells")
    order = [(c["layer"], c["head"]) for c in sorted(cells, key=lambda c: (c["row"], c["col"]))]
    assert order != sorted(order)  # re-sorted by label
    assert "sort=label" in page.evaluate("location.hash") and "tint=label" in page.evaluate("location.hash")
    img = shot(page, "sorted-by-label")
    assert all(drawn_pixels(img, c["x"], c["y"], c["width"], c["height"]) > 30 for c in cells)
    # click a head on the head map: it jumps there (L3 H9, or the first head with a dot of its own)
    pts = page.evaluate("window.__qkatlas.headmap.points")

    def alone(p):
        return all((q["x"] - p["x"]) ** 2 + (q["y"] - p["y"]) ** 2 > 4 for q in pts if q is not p)

    pt = next((p for p in pts if (p["layer"], p["head"]) == (3, 9) and alone(p)), None) or next(p for p in pts if alone(p))
    box = page.locator("#head-map-canvas").bounding_box()
    page.mouse.click(box["x"] + pt["x"], box["y"] + pt["y"])
    wait_idle(page, "head")
    st = page.evaluate("window.__qkatlas.state")
    assert (st["layer"], st["head"], st["view"]) == (pt["layer"], pt["head"], "head")
    assert page.evaluate("window.__qkatlas.view") == "head"
    page.wait_for_function("window.__qkatlas.similar > 0", timeout=30000)
    assert page.locator("#similar figure").count() > 0
    shot(page, "similar-heads")
    first = page.locator("#similar figure").first
    caption = first.inner_text()
    first.click()
    wait_idle(page, "head")
    m = re.search(r"L(\d+) H(\d+)", caption)
    assert page.evaluate("[window.__qkatlas.state.layer, window.__qkatlas.state.head]") == [int(m[1]), int(m[2])]


def test_level_of_detail_sampling(page):
    open_app(page, query="?budget=20000")
    b = page.evaluate("window.__qkatlas.bytes")
    assert b["sample"] is not None and b["sample"] < 976
    img = shot(page, "matrix-sampled")
    assert all(drawn_pixels(img, c["x"], c["y"], c["width"], c["height"]) > 10 for c in page.evaluate("window.__qkatlas.cells"))
    page.evaluate("window.__qkatlas.focusHead(0, 0)")
    wait_idle(page, "head")
    # the focused head is fetched at full resolution: any token has a point
    assert page.evaluate("window.__qkatlas.pointScreen(0, 0, 975, 'key')") is not None
    assert_clean(page)


def changed_pixels(a: np.ndarray, b: np.ndarray, box=None) -> int:
    """Pixels whose colour differs clearly between two screenshots (inside box x, y, w, h if given)."""
    if box is not None:
        x, y, w, h = (int(v) for v in box)
        a, b = a[max(y, 0):y + h, max(x, 0):x + w], b[max(y, 0):y + h, max(x, 0):x + w]
    return int((np.abs(a - b).sum(axis=2) > 40).sum())


def switch(page, selector: str, value, name: str, check: bool = False) -> np.ndarray:
    """Set a control, wait for the redraw, and screenshot."""
    n = page.evaluate("window.__qkatlas.renderCount")
    if check:
        page.check(selector) if value else page.uncheck(selector)
    else:
        page.select_option(selector, value)
    page.wait_for_function(f"window.__qkatlas.renderCount > {n}", timeout=20000)
    page.wait_for_timeout(500)
    return shot(page, name)


def cells_box(page):
    cells = page.evaluate("window.__qkatlas.cells")
    x0, y0 = min(c["x"] for c in cells), min(c["y"] for c in cells)
    x1, y1 = max(c["x"] + c["width"] for c in cells), max(c["y"] + c["height"] for c in cells)
    return x0, y0, x1 - x0, y1 - y0


def test_colour_modes_and_size(page):
    """Every colour mode changes the colours drawn (pixels before vs after each switch), in the matrix."""
    open_app(page)
    box = cells_box(page)
    before = shot(page, "colour-role")
    total = box[2] * box[3]
    for mode in ("position", "mod5", "punct", "token_len", "seq_len", "seq", "norm"):
        after = switch(page, "#color", mode, f"colour-{mode}")
        changed = changed_pixels(before, after, box)
        assert changed > 0.002 * total and changed > 300, f"colour {mode}: only {changed} pixels changed"
        assert page.evaluate("[window.__qkatlas.view, window.__qkatlas.state.color]") == ["matrix", mode]
        before = after
    after = switch(page, "#size", True, "colour-norm-size", check=True)
    assert changed_pixels(before, after, box) > 300, "size by norm changed nothing"
    assert_clean(page)
    assert all(drawn_pixels(after, c["x"], c["y"], c["width"], c["height"]) > 30 for c in page.evaluate("window.__qkatlas.cells"))
    assert "color=norm" in page.evaluate("location.hash") and "size=1" in page.evaluate("location.hash")
