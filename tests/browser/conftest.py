"""Fixtures for tests that drive Debian's Chromium."""

from __future__ import annotations

import os

import pytest

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, PROJECT_ROOT, Watched


@pytest.fixture(scope="session")
def chromium_ready():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; scripts/test installs it with apt-get")
        pytest.skip("Debian's chromium is not installed (scripts/test installs it)")
    if not (PROJECT_ROOT / "static" / "leaflet" / "leaflet.js").exists():
        pytest.fail("static/ is missing: run scripts/setup (scripts/test does)")


@pytest.fixture(scope="module")
def browser(chromium_ready):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def watched(browser):
    session = Watched(browser)
    yield session
    session.close()
