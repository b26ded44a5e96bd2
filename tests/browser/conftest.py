"""Fixtures for tests that drive Debian's Chromium."""

from __future__ import annotations

import contextlib
import os
import shutil

import pytest

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, PROJECT_ROOT, Watched, serve_app

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "small_incidents.csv"


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


@contextlib.contextmanager
def serve_fixture_copy(folder, name: str):
    """The app on a writable copy of the small fixture (tiles off); yields (url, data path)."""
    data_path = folder / "incidents.csv"
    shutil.copy(FIXTURE, data_path)
    ARTIFACTS.mkdir(exist_ok=True)
    settings = {"INCIDENTS_CSV": str(data_path), "INCIDENTS_TILES": "none", "HOME": str(folder)}
    with serve_app(settings, ARTIFACTS / f"streamlit-{name}.log") as url:
        yield url, data_path
