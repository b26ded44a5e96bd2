"""The analysis views in Chromium on the shipped data: the time slider plays in the browser,
a clicked district opens its profile, an actor row filters, and the brief opens from disk
with the network blocked."""

from __future__ import annotations

import re

import pytest

from incidents.filters import IncidentFilter
from incidents.loading import load_incidents
from tests.browser.conftest import ARTIFACTS
from tests.browser.harness import APP_IDLE, MAP_FRAME, click_on_map, serve_app
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.browser

TIME_COUNT_JS = f"""() => document.querySelector("{MAP_FRAME}").contentDocument
    .getElementById("map_div").dataset.timeCount || null"""


@pytest.fixture(scope="module")
def shipped_app(chromium_ready):
    ARTIFACTS.mkdir(exist_ok=True)
    with serve_app({"INCIDENTS_TILES": "none"}, ARTIFACTS / "streamlit-analysis.log") as url:
        yield url


def test_the_time_slider_plays_in_the_browser(shipped_app, watched):
    page = watched.open(shipped_app + "/?from=2024-01-01&to=2025-12-31")
    total = watched.incident_count("61")
    frame = page.frame_locator(MAP_FRAME)
    assert frame.locator(".incident-time-label").inner_text() == f"All dates: {total} incidents"
    requests_before = len(watched.requests)
    frame.locator(".incident-time-play").click()
    seen = set()
    for _ in range(12):  # a step every 0.8 s
        page.wait_for_timeout(400)
        seen.add(page.evaluate(TIME_COUNT_JS))
    frame.locator(".incident-time-play").click()  # pause
    counts = {int(count) for count in seen if count is not None}
    assert len(counts) >= 2 and max(counts) < int(total), counts  # months, each fewer than all
    assert re.match(r"^[A-Z][a-z]{2} 202[45]: \d+ incidents?$", frame.locator(".incident-time-label").inner_text())
    # Stepping needs no server: no request was made while it played.
    assert len(watched.requests) == requests_before
    page.screenshot(path=ARTIFACTS / "time-slider.png")
    assert watched.errors == []


def test_a_clicked_district_opens_its_profile(shipped_app, watched):
    page = watched.open(shipped_app + "/")
    watched.incident_count("203")
    click_on_map(page, 28.0, 64.5)  # inside Washuk, away from its one incident
    page.wait_for_function("() => document.location.search.includes('district=Washuk')")
    page.get_by_role("heading", name="District profile: Washuk").wait_for()
    page.wait_for_selector(APP_IDLE)
    assert page.get_by_text("Latest incidents in Washuk").count() == 1
    page.get_by_text("Rank by incidents").first.scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / "district-profile.png")
    assert watched.errors == []


def test_a_click_on_an_actor_row_filters_to_that_actor(shipped_app, watched):
    page = watched.open(shipped_app + "/")
    watched.incident_count("203")
    page.get_by_role("tab", name="Actors").click()
    table = page.locator("[data-testid='stDataFrame']:visible").first
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    # The selection box of the first row (the most active actor): left edge, under the header.
    page.mouse.click(box["x"] + 14, box["y"] + 54)
    page.wait_for_function("() => document.location.search.includes('actor=')", timeout=20_000)
    assert "actor=Unidentified+Armed+Group" in page.url or "actor=Unidentified%20Armed%20Group" in page.url
    page.wait_for_selector(APP_IDLE)
    # The actor filter matches either side and associated actors: more than the 106 it acted in.
    expected = IncidentFilter(actors=("Unidentified Armed Group (Pakistan)",)).apply(
        load_incidents(PROJECT_ROOT / "data" / "incidents.csv").incidents
    )
    assert watched.incident_count(str(len(expected))) == str(len(expected))
    assert watched.errors == []


def test_the_brief_downloads_and_opens_offline_from_disk(shipped_app, watched, browser, tmp_path):
    page = watched.open(shipped_app + "/?district=Kech")
    watched.incident_count("16")
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("button", name="Download a one-page brief (HTML)").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    assert saved.name.endswith("_brief.html")

    offline = browser.new_context(offline=True)
    requests: list[str] = []
    offline.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    reader = offline.new_page()
    reader.on("pageerror", lambda error: errors.append(str(error)))
    reader.goto(saved.as_uri())
    reader.get_by_role("heading", name="Political violence in Balochistan").wait_for()
    assert "16 of 203 incidents" in reader.inner_text("p.filter")
    map_frame = reader.frame_locator("iframe.map")
    reader.wait_for_function(
        "() => document.querySelector('iframe.map').contentDocument"
        ".querySelector('.folium-map').dataset.incidentCount === '16'",
        timeout=20_000,
    )
    assert map_frame.locator(".incident-legend").count() == 1
    assert reader.locator("svg").count() >= 2
    assert reader.locator("table tr").count() > 16
    reader.screenshot(path=ARTIFACTS / "brief.png", full_page=True)
    assert errors == []
    assert [url for url in requests if not url.startswith(("file:", "about:", "data:"))] == []
    offline.close()


def test_shaded_districts_draw_with_their_legend_and_a_click_filters(shipped_app, watched):
    page = watched.open(shipped_app + "/?layers=Districts+shaded&shade=incidents_per_100k")
    frame = page.frame_locator(MAP_FRAME)
    legend = frame.locator(".incident-legend").filter(has_text="Incidents per 100,000 people")
    legend.wait_for()
    assert "no census figure" in legend.inner_text()
    page.screenshot(path=ARTIFACTS / "choropleth.png")
    click_on_map(page, 28.0, 64.5)  # Washuk
    page.wait_for_function("() => document.location.search.includes('district=Washuk')")
    assert "shade=incidents_per_100k" in page.url
    assert watched.errors == []
