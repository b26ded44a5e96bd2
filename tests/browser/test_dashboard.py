"""The real app in Debian's Chromium: the map draws, filters change it, the CSV downloads,
no JavaScript error, and no request leaves the machine."""

from __future__ import annotations

import csv
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import DISTRICT_BOUNDARIES, FIXTURES, PROJECT_ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
# The incident count the map layer writes on its container once it has drawn.
MAP_COUNT_JS = f"""() => {{
    const frame = document.querySelector("{MAP_FRAME}");
    const map = frame && frame.contentDocument && frame.contentDocument.getElementById("map_div");
    return map && map.dataset.incidentCount !== undefined ? map.dataset.incidentCount : null;
}}"""
DISTRICT_NAMES_JS = f"""() => {{
    const map = document.querySelector("{MAP_FRAME}").contentWindow.map;
    return Object.values(map._layers)
        .filter(layer => layer.feature && layer.feature.properties.district)
        .map(layer => layer.feature.properties.district);
}}"""
POINT_ON_MAP_JS = f"""([lat, lon]) => {{
    const map = document.querySelector("{MAP_FRAME}").contentWindow.map;
    const point = map.latLngToContainerPoint([lat, lon]);
    return [point.x, point.y];
}}"""
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def app_url():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; scripts/test installs it with apt-get")
        pytest.skip("Debian's chromium is not installed (scripts/test installs it)")
    if not (PROJECT_ROOT / "static" / "leaflet" / "leaflet.js").exists():
        pytest.fail("static/ is missing: run scripts/setup (scripts/test does)")
    port = _free_port()
    environment = {
        **os.environ,
        "INCIDENTS_CSV": str(FIXTURES / "small_incidents.csv"),
        "INCIDENTS_TILES": "none",
        "INCIDENTS_BOUNDARIES": str(DISTRICT_BOUNDARIES),
    }
    command = [
        sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "dashboard.py"),
        "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "streamlit.log"
    with open(log, "w") as log_file:
        server = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=environment, stdout=log_file, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/_stcore/health", timeout=2
                    ) as answer:
                        if answer.status == 200:
                            break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start; see {log}")
                time.sleep(0.2)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        yield chromium
        chromium.close()


class Watched:
    """A page whose requests and JavaScript errors are recorded."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        self.page.on("console", self._console)
        self.page.on("response", self._response)

    def _console(self, message):
        # A failed load is checked by its response below, where the URL is known.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def _response(self, response):
        # Opened on a page's URL (/data), Streamlit's front end first probes
        # /data/_stcore/... and then falls back to the root: expected 404s.
        path = urlparse(response.url).path
        if response.status >= 400 and not (response.status == 404 and "/_stcore/" in path):
            self.errors.append(f"HTTP {response.status}: {response.url}")

    def open(self, url: str):
        self.page.goto(url)
        self.page.wait_for_selector(APP_IDLE, timeout=60_000)
        return self.page

    def incident_count(self, expected: str) -> str:
        self.page.wait_for_function(f"({MAP_COUNT_JS})() === {expected!r}", timeout=30_000)
        return self.page.evaluate(MAP_COUNT_JS)

    def external_requests(self) -> list[str]:
        return [url for url in self.requests if urlparse(url).hostname not in ("127.0.0.1", "localhost")]

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser):
    session = Watched(browser)
    yield session
    session.close()


def test_map_draws_incidents_offline(app_url, watched):
    page = watched.open(app_url + "/")
    assert watched.incident_count("4") == "4"
    frame = page.frame_locator(MAP_FRAME)
    # The district outlines from the configured boundaries file (drawn on the canvas).
    districts = page.evaluate(DISTRICT_NAMES_JS)
    assert len(districts) == 35 and "Killa Saifullah" in districts
    assert "Event type" in frame.locator(".incident-legend").inner_text()
    page.screenshot(path=ARTIFACTS / "map.png", full_page=True)
    assert watched.external_requests() == []
    assert watched.errors == []


def test_district_filter_in_the_sidebar_changes_the_map(app_url, watched):
    page = watched.open(app_url + "/")
    watched.incident_count("4")
    district = page.get_by_test_id("stMultiSelect").filter(has_text="District")
    district.click()
    page.keyboard.type("Mastu")
    page.get_by_role("option", name="Mastung").click()
    page.locator("h1").first.click()  # closing the list commits the choice (Escape would drop it)
    assert watched.incident_count("2") == "2"
    page.wait_for_selector(APP_IDLE)
    assert "district=Mastung" in page.url  # the filter is in the link
    assert "2 of 4 incidents" in page.get_by_test_id("stMarkdown").first.inner_text()
    assert watched.errors == []
    assert watched.external_requests() == []


def test_click_on_a_district_outline_filters_to_it(app_url, watched):
    page = watched.open(app_url + "/")
    watched.incident_count("4")
    frame_box = page.locator(MAP_FRAME).bounding_box()
    # Inside the Kech outline, well away from its one marker at Turbat (a marker
    # click opens the incident's popup instead).
    x, y = page.evaluate(POINT_ON_MAP_JS, [26.40, 62.50])
    page.mouse.click(frame_box["x"] + x, frame_box["y"] + y)
    assert watched.incident_count("1") == "1"
    page.wait_for_function("() => document.location.search.includes('district=Kech')")
    # Khuzdar has no incident in the fixture.
    x, y = page.evaluate(POINT_ON_MAP_JS, [27.80, 66.60])
    page.mouse.click(frame_box["x"] + x, frame_box["y"] + y)
    assert watched.incident_count("0") == "0"
    page.wait_for_selector("text=No incident matches the filters")
    assert watched.errors == []


def test_pasted_link_reproduces_the_view(app_url, watched):
    watched.open(app_url + "/?district=Kech&event_type=Violence+against+civilians")
    assert watched.incident_count("1") == "1"
    assert watched.external_requests() == []


def test_csv_download_holds_the_filtered_rows(app_url, watched):
    page = watched.open(app_url + "/data?district=Mastung")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download 2 incidents as CSV").click()
    download = download_info.value
    assert download.suggested_filename == "balochistan_incidents_2017-05-12_to_2017-06-03.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert sorted(row["event_id_cnty"] for row in rows) == ["T1", "T2"]
    assert watched.errors == []
    assert watched.external_requests() == []
