"""Browser fixtures: headless Chromium (the Debian package, driven by Playwright) and a page of the
explorer served by the ``served`` fixture of tests/conftest.py.

Screenshots land in tests/screenshots/ (git-ignored).
"""

from __future__ import annotations

import pytest

from support.chromium import SCREENSHOTS, VIEWPORT, launch


@pytest.fixture(scope="module")
def browser():
    yield from launch()


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
