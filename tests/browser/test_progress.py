"""Atlases that change while the explorer is open: a layout being computed (its progress in the
layout picker, its finished heads drawn, the rest filled in as they finish), a new atlas appearing
in the served folder, and the head panel saying what attention has beyond q.k (ALiBi) and why the
analysis is missing (stale)."""

from __future__ import annotations

import shutil

import pytest

from qkatlas.atlas import paths
from qkatlas.atlas.writer import AtlasWriter
from tests.browser.test_explorer import assert_clean, shot

pytestmark = pytest.mark.browser
POLL = "?poll=400"  # ms between polls of a changing atlas (the list: 4x)


@pytest.fixture(scope="module")
def growing(tmp_path_factory, minilm_atlas):
    """A served folder holding a copy of MiniLM whose t-SNE layout has 3 of 72 heads done, with ALiBi
    slopes and a stale analysis."""
    root = tmp_path_factory.mktemp("growing")
    atlas = root / "minilm"
    shutil.copytree(minilm_atlas, atlas)
    folder = atlas / "layouts" / "tsne-2d"
    folder.mkdir()
    for l, h in [(0, 0), (0, 1), (3, 4)]:
        shutil.copy(atlas / paths.layout_file("pca", 2, l, h), folder / f"{paths.head_stem(l, h)}.npy")

    def change(m):
        m["layouts"]["tsne-2d"] = {"method": "tsne", "dim": 2, "complete": False, "params": {}}
        m["model"]["attention"] = {"windows": None, "softcap": None, "alibi_slopes": [0.25 * (h + 1) for h in range(12)]}
        m["corpus"]["sha256"] = "0" * 64  # the stored analysis no longer matches: stale

    AtlasWriter(atlas).update_manifest(change)
    from qkatlas.server.app import create_app
    from tests.conftest import ServerThread

    with ServerThread(create_app([root])) as srv:
        yield srv.url, root


def test_layout_being_computed_fills_in(page, growing, dinov2_atlas):
    base, root = growing
    atlas = root / "minilm"
    page.goto(f"{base}/{POLL}#atlas=minilm&layout=pca-2d")
    page.wait_for_function("window.__qkatlas && window.__qkatlas.renderedAt", timeout=60000)
    opts = page.evaluate("[...document.querySelectorAll('#layout option')].map(o => [o.value, o.textContent, o.disabled])")
    assert ["tsne-2d", "t-SNE 2-D 3/72", False] in opts and ["pca-2d", "PCA 2-D", False] in opts
    assert page.evaluate("window.__qkatlas.progress") == ["tsne-2d 3/72"]
    page.select_option("#layout", "tsne-2d")
    page.wait_for_function("window.__qkatlas.renderedAt && window.__qkatlas.layoutHeads === 3", timeout=30000)
    assert page.evaluate("window.__qkatlas.state.layout") == "tsne-2d"
    shot(page, "layout-3-of-72")
    # more heads finish: the picker and the matrix follow
    for l in range(6):
        for h in range(12):
            shutil.copy(atlas / paths.layout_file("pca", 2, l, h), atlas / "layouts" / "tsne-2d" / f"{paths.head_stem(l, h)}.npy")
            if (l, h) == (2, 11):  # layers 0-2 done, and L3 H4
                page.wait_for_function("[...document.querySelectorAll('#layout option')].some(o => o.textContent === 't-SNE 2-D 37/72')"
                                       " && window.__qkatlas.layoutHeads === 37", timeout=30000)
    AtlasWriter(atlas).update_manifest(lambda m: m["layouts"]["tsne-2d"].__setitem__("complete", True))
    page.wait_for_function("window.__qkatlas.layoutHeads === 72 && window.__qkatlas.progress.length === 0", timeout=30000)
    text = page.evaluate("document.querySelector('#layout option[value=\"tsne-2d\"]').textContent")
    assert text == "t-SNE 2-D"
    shot(page, "layout-complete")
    # a new atlas appears in the served folder: it appears in the atlas picker
    assert page.evaluate("[...document.querySelectorAll('#atlas option')].map(o => o.value)") == ["minilm"]
    shutil.copytree(dinov2_atlas, root / "dinov2")
    page.wait_for_function("[...document.querySelectorAll('#atlas option')].some(o => o.value === 'dinov2')", timeout=30000)
    assert page.evaluate("document.querySelector('#atlas').value") == "minilm"
    assert_clean(page)


def test_head_panel_says_what_the_layout_does_not_show(page, growing):
    base, _ = growing
    page.goto(f"{base}/#atlas=minilm&layout=pca-2d&view=head&layer=1&head=0")
    page.wait_for_function("window.__qkatlas && window.__qkatlas.headInfo && window.__qkatlas.headInfo.layer === 1", timeout=60000)
    page.wait_for_selector("#beyond-qk", timeout=10000)
    text = page.inner_text("#beyond-qk")
    assert "ALiBi slope 0.25" in text and "the layout shows the content part" in text
    err = page.inner_text("#analysis-error")
    assert "qkatlas analyze" in err
    shot(page, "head-panel-alibi")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("window.__qkatlas.headInfo && window.__qkatlas.headInfo.head === 1", timeout=20000)
    page.wait_for_timeout(300)
    assert "ALiBi slope 0.5" in page.inner_text("#beyond-qk")
    assert_clean(page)
