"""Browser fixtures: headless Chromium (the Debian package, driven by Playwright) and a page of the
explorer served by the ``served`` fixture of tests/conftest.py.

Screenshots land in tests/screenshots/ (git-ignored).
"""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1400, "height": 860}
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed (make browser, or apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, served):
    """A fresh page; ``page.base`` is the server's URL, ``page.js_errors`` the uncaught errors,
    ``page.screenshots`` where screenshots go, ``page.viewport`` its size."""
    pg = browser.new_page(viewport=VIEWPORT)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.base = served
    pg.js_errors = errors
    pg.screenshots = SCREENSHOTS
    pg.viewport = VIEWPORT
    yield pg
    pg.close()
