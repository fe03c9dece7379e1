""""Why this head attends" in real headless Chromium: the head panel's component shares,
contributions of the selected pair, top sequences, colouring the head's points by a component and
by ||v||, and value-weighted attention in the sequence view. Screenshots in tests/screenshots/
(why-*.png); every check reads pixels, the DOM or the API, so a page that draws nothing fails."""

from __future__ import annotations

import io

import numpy as np
import pytest

pytestmark = pytest.mark.browser
HEAD = (1, 4)


def open_head(page):
    page.goto(f"{page.base}/#atlas=minilm&view=head&layer={HEAD[0]}&head={HEAD[1]}&token=40")
    page.wait_for_function("window.__qkatlas && window.__qkatlas.renderedAt", timeout=60000)
    page.wait_for_function("window.__qkatlas.lines > 0 && !window.__qkatlas.transitioning", timeout=30000)
    page.wait_for_timeout(300)


def api(page, path):
    import httpx

    return httpx.get(page.base + path, timeout=30)


def shot(page, name: str) -> np.ndarray:
    from PIL import Image

    page.screenshots.mkdir(parents=True, exist_ok=True)
    png = page.screenshot(path=str(page.screenshots / f"{name}.png"))
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(np.int16)


def region(img, box):
    x, y, w, h = (int(round(v)) for v in box)
    return img[max(y, 0):y + h, max(x, 0):x + w]


def clean(page):
    errors = page.evaluate("window.__qkatlas.errors")
    assert not page.js_errors and not errors, (page.js_errors, errors)


def test_why_panel_components_contributions_colours_top_sequences(page):
    open_head(page)
    layer, head = HEAD
    comps = api(page, f"/api/atlas/minilm/components?layer={layer}&head={head}").json()
    top = api(page, f"/api/atlas/minilm/top-sequences?layer={layer}&head={head}").json()
    page.wait_for_selector("#why-shares .why-bar", timeout=30000)
    bars = page.locator("#why-shares .why-bar")
    assert bars.count() == min(8, len(comps["shares"]))
    first = page.locator("#why-shares .why-fill").first.bounding_box()
    assert first["width"] > 5 and first["height"] > 3  # the largest share is a visible bar
    assert f"{comps['shares'][0] * 100:.1f}%" in bars.first.inner_text()
    # the selected query (token 40) and its most attended key: the logit split by component
    page.wait_for_selector("#why-contrib .why-bar", timeout=30000)
    weights = page.evaluate("window.__qkatlas.selected")
    assert weights["token"] == 40
    from qkatlas.server import wire

    meta, arrays = wire.unpack(api(page, f"/api/atlas/minilm/attention?layer={layer}&head={head}&token=40").content)
    key = meta["start"] + int(np.argmax(arrays["attention"]))
    c = api(page, f"/api/atlas/minilm/contributions?layer={layer}&head={head}&query=40&key={key}").json()
    assert sum(c["contributions"]) + c["rest"] == pytest.approx(c["logit"], abs=1e-6)
    assert page.locator("#why-contrib .why-bar").count() == min(8, len(c["contributions"])) + 1  # + rest
    assert f"logit {c['logit']:.2f}" in page.inner_text("#why-contrib")
    # top sequences, as the API lists them
    items = page.locator("#why-top li")
    assert items.count() == len(top["rows"]) > 0
    assert top["label"] in page.inner_text("#why-top")
    cell = next(x for x in page.evaluate("window.__qkatlas.cells") if (x["layer"], x["head"]) == HEAD)
    box = (cell["x"], cell["y"], cell["width"], cell["height"])
    page.locator("#why").scroll_into_view_if_needed()
    before = shot(page, "why-panel")
    clean(page)

    # colour the head's points by component 1: red and blue points appear in its cell
    page.select_option("#why-color", "c0")
    page.wait_for_function("document.querySelector('#why') && document.querySelector('#why').dataset.colored.endsWith('|c0')", timeout=30000)
    page.wait_for_timeout(600)
    page.locator("#why").scroll_into_view_if_needed()
    after = shot(page, "why-colour-component")
    r = region(after, box).reshape(-1, 3)
    red = int(((r[:, 0] > 150) & (r[:, 0] - r[:, 2] > 80)).sum())
    blue = int(((r[:, 2] > 150) & (r[:, 2] - r[:, 0] > 80)).sum())
    changed = int((np.abs(region(after, box) - region(before, box)).sum(axis=2) > 60).sum())
    assert changed > 500 and red > 50 and blue > 50, (changed, red, blue)
    # ... and by ||v||
    page.select_option("#why-color", "v")
    page.wait_for_function("document.querySelector('#why').dataset.colored.endsWith('|v')", timeout=30000)
    page.wait_for_timeout(600)
    page.locator("#why").scroll_into_view_if_needed()
    vimg = shot(page, "why-colour-value-norm")
    assert int((np.abs(region(vimg, box) - region(after, box)).sum(axis=2) > 60).sum()) > 300
    clean(page)

    # a top sequence opens the sequence view on it
    items.first.click()
    page.wait_for_function(f"window.__qkatlas.sequence && window.__qkatlas.sequence.seq === {top['rows'][0]['seq']} "
                           "&& window.__qkatlas.sequence.lines > 0", timeout=30000)
    page.wait_for_timeout(300)
    plain = shot(page, "why-sequence")
    hb = page.locator("#heatmap").bounding_box()
    hbox = (hb["x"], hb["y"], hb["width"], hb["height"])
    page.check("#value-weighted")
    page.wait_for_function("[...document.querySelectorAll('h4')].some(h => h.textContent.startsWith('value-weighted attention'))", timeout=30000)
    page.wait_for_function("window.__qkatlas.sequence && window.__qkatlas.sequence.lines > 0", timeout=30000)
    page.wait_for_timeout(300)
    weighted = shot(page, "why-sequence-value-weighted")
    hb2 = page.locator("#heatmap").bounding_box()
    assert abs(hb2["width"] - hb["width"]) < 1
    assert int((np.abs(region(weighted, hbox) - region(plain, hbox)).sum(axis=2) > 30).sum()) > 20  # the heatmap changed
    assert "weighted=1" in page.evaluate("location.hash")
    clean(page)
