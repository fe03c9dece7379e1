"""The compare view and the layout-measure tints in real headless Chromium, over a server with the
MiniLM test atlas and a copy whose layers are permuted (tests/support/shuffled.py): the matched
pairs, both heads drawn, synchronised selection and both attentions; the matrix tinted by the
layout's fidelity and by its geometry, with a legend, and both numbers in the head panel.
Screenshots: tests/screenshots/compare-*.png, tint-*.png. A view that draws nothing fails."""

from __future__ import annotations

import io

import numpy as np
import pytest

from support.shuffled import shuffled_copy

pytestmark = pytest.mark.browser

PERM = [3, 5, 0, 1, 4, 2]
VIEWPORT = {"width": 1400, "height": 860}


@pytest.fixture(scope="module")
def pair_server(minilm_atlas, tmp_path_factory):
    from tests.conftest import ServerThread
    from qkatlas.server.app import create_app

    b = shuffled_copy(minilm_atlas, tmp_path_factory.mktemp("cmp") / "minilm-shuffled", PERM)
    with ServerThread(create_app([minilm_atlas, b])) as srv:
        import httpx

        ids = [a["id"] for a in httpx.get(f"{srv.url}/api/atlases").json()["atlases"]]
        yield srv.url, ids


@pytest.fixture
def cpage(browser, pair_server):
    pg = browser.new_page(viewport=VIEWPORT)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.js_errors = errors
    yield pg
    pg.close()


def shot(page, name: str) -> np.ndarray:
    from PIL import Image

    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    png = page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(np.int16)


def drawn(img: np.ndarray, box: dict, inset: int = 3) -> int:
    """Pixels of a box clearly off its most common colour (its background)."""
    x0, y0 = int(box["x"]) + inset, int(box["y"]) + inset
    x1, y1 = int(box["x"] + box["width"]) - inset, int(box["y"] + box["height"]) - inset
    region = img[y0:y1, x0:x1].reshape(-1, 3)
    colours, counts = np.unique(region, axis=0, return_counts=True)
    return int((np.abs(region - colours[counts.argmax()]).sum(axis=1) > 60).sum())


def test_compare_view_side_by_side_with_synchronised_selection(cpage, pair_server):
    url, (a, b) = pair_server
    cpage.goto(f"{url}/?compare={a},{b}")
    cpage.wait_for_function("window.__qkCompare && (window.__qkCompare.drawnAt || window.__qkCompare.error)", timeout=120000)
    assert not cpage.evaluate("window.__qkCompare.error"), cpage.evaluate("window.__qkCompare.error")
    state = cpage.evaluate("window.__qkCompare.state")
    inverse = np.argsort(PERM)
    p = state["pair"]
    assert (p["layerB"], p["headB"]) == (inverse[p["layerA"]], p["headA"])  # the best pair is a true match
    assert cpage.locator("#compare-matches .compare-pair").count() == 72
    assert state["points"][0] == state["points"][1] > 100
    img = shot(cpage, "compare-pair")
    boxes = [cpage.locator(f"#compare-{s} canvas").bounding_box() for s in "ab"]
    assert all(drawn(img, bx) > 500 for bx in boxes), [drawn(img, bx) for bx in boxes]

    # pick another pair from the list: both sides follow, and the URL keeps it
    cpage.locator("#compare-matches .compare-pair").nth(5).click()
    cpage.wait_for_function("window.__qkCompare.state.pair && document.querySelector('.compare-pair.on').dataset.index === '5'")
    cpage.wait_for_timeout(300)
    p = cpage.evaluate("window.__qkCompare.state.pair")
    assert (p["layerB"], p["headB"]) == (inverse[p["layerA"]], p["headA"])
    assert f"pair={p['layerA']}.{p['headA']}" in cpage.evaluate("location.search")

    # click a query of A: the same (sequence, position) is selected in B, both attentions drawn
    xy = cpage.evaluate("window.__qkCompare.view.pointPage(0, 40, 'query')")
    before = cpage.evaluate("window.__qkCompare.drawnAt")
    cpage.mouse.click(xy[0], xy[1])
    cpage.wait_for_function(f"window.__qkCompare.drawnAt > {before}")
    s = cpage.evaluate("window.__qkCompare.state")
    assert s["selected"][0] >= 0 and s["selected"][0] == s["selected"][1]  # same corpus: same row
    assert s["seqPos"][0] == s["seqPos"][1]
    assert all(x is not None and abs(x - 1) < 1e-3 for x in s["attention"]), s["attention"]  # a query's row sums to 1
    assert cpage.locator("#compare-a .compare-tok.sel").count() == 1 == cpage.locator("#compare-b .compare-tok.sel").count()
    assert cpage.inner_text("#compare-a .compare-tok.sel") == cpage.inner_text("#compare-b .compare-tok.sel")
    img2 = shot(cpage, "compare-selected")
    assert all(drawn(img2, bx) > 500 for bx in boxes)
    # the lines of attention change the picture on both sides
    assert all(np.abs(img2[int(bx["y"]):int(bx["y"] + bx["height"]), int(bx["x"]):int(bx["x"] + bx["width"])]
                      - img[int(bx["y"]):int(bx["y"] + bx["height"]), int(bx["x"]):int(bx["x"] + bx["width"])]).sum() > 0 for bx in boxes)

    # a selection made on B shows on A too (synchronised both ways), here as a key
    xy = cpage.evaluate("window.__qkCompare.view.pointPage(1, 12, 'key')")
    before = cpage.evaluate("window.__qkCompare.drawnAt")
    cpage.mouse.click(xy[0], xy[1])
    cpage.wait_for_function(f"window.__qkCompare.drawnAt > {before}")
    s = cpage.evaluate("window.__qkCompare.state")
    assert s["role"] in ("query", "key") and s["selected"][0] == s["selected"][1] >= 0
    cpage.click("#compare-close")
    assert cpage.locator("#compare").count() == 0 and "compare=" not in cpage.evaluate("location.search")
    assert not cpage.js_errors, cpage.js_errors


def test_compare_entry_in_the_top_bar(cpage, pair_server):
    url, (a, b) = pair_server
    cpage.goto(f"{url}/")
    cpage.wait_for_selector("#compare-open", timeout=60000)
    assert cpage.input_value("#compare-a-atlas") == a and cpage.input_value("#compare-b-atlas") == b
    cpage.click("#compare-open")
    cpage.wait_for_function("window.__qkCompare && window.__qkCompare.drawnAt", timeout=120000)
    assert f"compare={a},{b}" in cpage.evaluate("decodeURIComponent(location.search)")


def test_matrix_tinted_by_fidelity_and_geometry(cpage, pair_server):
    url, (a, _) = pair_server
    imgs = {}
    for measure in ("fidelity", "geometry"):
        cpage.goto(f"{url}/#atlas={a}&layout=pca-2d&tint=layout:{measure}")
        cpage.wait_for_function("window.__qkatlas && window.__qkatlas.renderedAt", timeout=60000)
        cpage.wait_for_selector("#tint-legend", timeout=30000)
        assert cpage.input_value("#tint") == f"layout:{measure}"
        assert f"{measure} of pca-2d" in cpage.inner_text("#tint-legend")
        cpage.wait_for_timeout(500)
        imgs[measure] = shot(cpage, f"tint-{measure}")
        cells = cpage.evaluate("window.__qkatlas.cells")
        assert len(cells) == 72
    # the cell backgrounds differ between the two tints (fidelity ~0.3-0.6, geometry lower)
    c = cells[0]
    corner = lambda img: img[int(c["y"]) + 2, int(c["x"]) + 2]  # noqa: E731
    assert np.abs(corner(imgs["fidelity"]) - corner(imgs["geometry"])).sum() > 10
    # the head panel shows both numbers of the layout on show
    cpage.evaluate("window.__qkatlas.focusHead(1, 2)")
    cpage.wait_for_selector("#head-measures", timeout=30000)
    text = cpage.inner_text("#head-measures")
    assert "fidelity (pca-2d)" in text and "geometry (pca-2d)" in text and "not measured" not in text
    shot(cpage, "tint-head-panel")
    assert not cpage.js_errors, cpage.js_errors
