"""The matrix at 1,024 heads (32 layers x 32 heads over 10,240 tokens, a synthetic atlas written
without a model, tests/browser/wide.py): first full render time and JS heap (printed), every cell
drawn, axes labelled without overlap, level of detail when zoomed in with bounded memory, and
per-layer requests that respect the server's response limit (413: a smaller sample)."""

from __future__ import annotations

import pytest

from tests.browser.test_explorer import assert_clean, drawn_pixels, shot
from tests.browser.wide import write_wide_atlas

pytestmark = pytest.mark.browser

FIRST_RENDER_LIMIT_MS = 20_000  # target 3 s (design.md section 4); the shared test machine is slow


@pytest.fixture(scope="module")
def wide_atlas(tmp_path_factory):
    return write_wide_atlas(tmp_path_factory.mktemp("wide") / "wide")


@pytest.fixture(scope="module")
def wide_served(wide_atlas):
    from qkatlas.server.app import create_app
    from tests.conftest import ServerThread

    with ServerThread(create_app([wide_atlas])) as srv:
        yield srv.url


@pytest.fixture(scope="module")
def wide_limited(wide_atlas):
    """The same atlas behind a server whose response limit (1 MiB) is below one layer in full (2.5 MiB)."""
    from qkatlas.server.app import create_app
    from qkatlas.server.limits import Limits
    from tests.conftest import ServerThread

    with ServerThread(create_app([wide_atlas], limits=Limits(response_bytes=1 << 20))) as srv:
        yield srv.url


def _open(page, base):
    page.goto(f"{base}/")
    page.wait_for_function("window.__qkatlas && window.__qkatlas.renderedAt", timeout=120_000)
    assert_clean(page)


def _zoom_to(page, layer, head, width):
    """Wheel-zoom around the cell of (layer, head) until it is about `width` pixels wide."""
    for _ in range(40):
        c = next(c for c in page.evaluate("window.__qkatlas.cells") if (c["layer"], c["head"]) == (layer, head))
        if c["width"] >= width:
            return c
        page.mouse.move(c["x"] + c["width"] / 2, c["y"] + c["height"] / 2)
        page.mouse.wheel(0, -120)
        page.wait_for_timeout(80)
    raise AssertionError("could not zoom in")


def _no_overlap(labels, axis):
    own = sorted((l for l in labels if l["axis"] == axis), key=lambda l: l["index"])
    if axis == "layer":
        spans = [(l["y"] - l["h"] / 2, l["y"] + l["h"] / 2) for l in own]
    else:
        spans = [(l["x"] - l["w"] / 2, l["x"] + l["w"] / 2) for l in own]
    return all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), [l["index"] for l in own]


def test_first_render_of_1024_heads(page, wide_served):
    _open(page, wide_served)
    r = page.evaluate("({at: __qkatlas.renderedAt, heap: __qkatlas.heap, lod: __qkatlas.lod, b: __qkatlas.bytes,"
                      " n: __qkatlas.cells.length, t: __qkatlas.timings})")
    print(f"\n1,024-head matrix: first full render {r['at']:.0f} ms after navigation start "
          f"(layout fetch+decode {r['t'].get('layout', 0):.0f} ms), {r['lod']['perRole']} of 10,240 tokens per role "
          f"per head ({r['b']['points']:,} points), JS heap {r['heap'] / 2**20:.1f} MiB, "
          f"matrix arrays {r['lod']['baseBytes'] / 2**20:.1f} MiB")
    assert r["n"] == 1024
    assert r["at"] < FIRST_RENDER_LIMIT_MS
    assert r["heap"] is not None and r["heap"] < 400 * 2**20
    assert r["b"]["sample"] == r["lod"]["perRole"] < 10_240  # a sample sized to the cells
    img = shot(page, "matrix-1024")
    cells = page.evaluate("window.__qkatlas.cells")
    empty = [(c["layer"], c["head"]) for c in cells if drawn_pixels(img, c["x"], c["y"], c["width"], c["height"], inset=1) < 5]
    assert not empty, f"{len(empty)} cells drawn empty, e.g. {empty[:5]}"
    # axes: layers and heads labelled, thinned so that no two overlap, first and last always
    labels = page.evaluate("window.__qkatlas.axes")
    for axis in ("layer", "head"):
        ok, idx = _no_overlap(labels, axis)
        assert ok, (axis, idx)
        assert idx[0] == 0 and idx[-1] == 31 and len(idx) >= 4, (axis, idx)


def test_zoom_in_fetches_detail_with_bounded_memory(page, wide_served):
    _open(page, wide_served)
    base = page.evaluate("window.__qkatlas.lod")
    cells = page.evaluate("window.__qkatlas.cells")
    assert len(cells) == 1024
    c = _zoom_to(page, 10, 10, 250)
    cx, cy = c["x"] + c["width"] / 2, c["y"] + c["height"] / 2
    page.wait_for_function("window.__qkatlas.lod.want > window.__qkatlas.lod.perRole && window.__qkatlas.lod.detail.some(d => d.layer === 10)",
                           timeout=90_000)
    lod = page.evaluate("window.__qkatlas.lod")
    assert lod["detailBytes"] <= lod["detailBudget"]
    assert all(d["m"] > base["perRole"] for d in lod["detail"])
    assert len(lod["detail"]) < 32  # only what is on screen, not every layer
    shot(page, "matrix-1024-zoomed")
    # wander down the matrix: memory stays within the budget
    for _ in range(6):
        page.mouse.wheel(0, 0)
        page.mouse.move(cx, cy)
        page.mouse.down()
        page.mouse.move(cx, cy - 500, steps=5)
        page.mouse.up()
        page.wait_for_timeout(800)
    lod = page.evaluate("window.__qkatlas.lod")
    heap = page.evaluate("window.__qkatlas.heap")
    print(f"\nzoomed in: detail {len(lod['detail'])} layers at {lod['want']} per role, {lod['detailBytes'] / 2**20:.1f} MiB "
          f"of {lod['detailBudget'] / 2**20:.0f} MiB; JS heap {heap / 2**20:.1f} MiB")
    assert lod["detailBytes"] <= lod["detailBudget"]
    assert_clean(page)


def test_requests_respect_the_server_limit(page, wide_limited):
    _open(page, wide_limited)
    info = page.evaluate("fetch('/api/atlas/wide').then(r => r.json())")
    assert info["limits"]["response_bytes"] == 1 << 20
    _zoom_to(page, 3, 3, 700)  # far in: one layer in full would be 2.5 MiB, over the limit
    page.wait_for_function("window.__qkatlas.lod.limitPerRole !== null && window.__qkatlas.lod.detail.some(d => d.layer === 3)",
                           timeout=90_000)
    lod = page.evaluate("window.__qkatlas.lod")
    assert all(32 * 2 * d["m"] * 2 * 2 <= 1 << 20 for d in lod["detail"]), lod
    assert lod["limitPerRole"] is not None and lod["limitPerRole"] < 10_240
    assert_clean(page)
