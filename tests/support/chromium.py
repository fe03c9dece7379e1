"""Headless Chromium for every browser test (the Debian package, driven by Playwright; Playwright
never downloads a browser here). The ``browser`` fixture of tests/conftest.py launches it."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--enable-precise-memory-info",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1400, "height": 860}
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"  # git-ignored; look at them


def launch():
    """Yield a launched browser (a generator for a pytest fixture); skip when Chromium is missing."""
    import pytest

    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed (make browser, or apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
