"""The real app in Debian's Chromium: the map draws, filters change it, the CSV downloads,
no JavaScript error, and no request leaves the machine."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.browser.harness import APP_IDLE, MAP_FRAME, click_on_map, serve_app
from tests.conftest import FIXTURES, PROJECT_ROOT

pytestmark = pytest.mark.browser

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
DISTRICT_NAMES_JS = f"""() => {{
    const map = document.querySelector("{MAP_FRAME}").contentWindow.map;
    return Object.values(map._layers)
        .filter(layer => layer.feature && layer.feature.properties.district)
        .map(layer => layer.feature.properties.district);
}}"""


@pytest.fixture(scope="module")
def app_url(chromium_ready):
    ARTIFACTS.mkdir(exist_ok=True)
    # No boundaries setting: the shipped COD-AB outlines are drawn, as on a fresh install.
    settings = {"INCIDENTS_CSV": str(FIXTURES / "small_incidents.csv"), "INCIDENTS_TILES": "none"}
    with serve_app(settings, ARTIFACTS / "streamlit.log") as url:
        yield url


def test_map_draws_incidents_offline(app_url, watched):
    page = watched.open(app_url + "/")
    assert watched.incident_count("4") == "4"
    frame = page.frame_locator(MAP_FRAME)
    # The shipped district outlines (drawn on the canvas), with no setting.
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
    # Inside the Kech outline, well away from its one marker at Turbat (a marker
    # click opens the incident's popup instead).
    click_on_map(page, 26.40, 62.50)
    assert watched.incident_count("1") == "1"
    page.wait_for_function("() => document.location.search.includes('district=Kech')")
    # Khuzdar has no incident in the fixture.
    click_on_map(page, 27.80, 66.60)
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


def test_a_page_that_stops_early_keeps_the_filter_in_its_address(app_url, watched):
    # Add data stops before any upload; the sidebar's filter still reaches the address.
    page = watched.open(app_url + "/add_data")
    district = page.get_by_test_id("stMultiSelect").filter(has_text="District")
    district.click()
    page.keyboard.type("Mastu")
    page.get_by_role("option", name="Mastung").click()
    page.locator("h1").first.click()
    page.wait_for_function("() => document.location.search.includes('district=Mastung')")
    assert "/add_data" in page.url
    assert watched.errors == []
