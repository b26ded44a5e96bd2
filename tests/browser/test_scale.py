"""The dashboard at 100,000 synthetic incidents (generated at run time, never stored):
the map draws them, a filter changes the count, a click on a point opens its popup.

Speed is not asserted here (shared machines are noisy): benchmarks/bench_app.py measures it.
"""

from __future__ import annotations

import re

import pytest

from benchmarks.synthetic import synthetic_csv
from incidents.filters import IncidentFilter
from incidents.loading import load_incidents_bytes
from tests.browser.conftest import ARTIFACTS
from tests.browser.harness import APP_IDLE, MAP_FRAME, serve_app

SIZE = 100_000

# The container-pixel position of one drawn incident after zooming in on it, and its date.
ZOOM_TO_AN_INCIDENT_JS = f"""async () => {{
    const frame = document.querySelector("{MAP_FRAME}");
    const map = frame.contentWindow.map;
    let layer = null;
    map.eachLayer(candidate => {{ if (candidate instanceof frame.contentWindow.L.IncidentDots) layer = candidate; }});
    // The first incident: at province zoom many are drawn as counts per area, not points.
    const point = layer.getLatLng(0);
    await new Promise(resolve => {{
        map.once("moveend", () => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        map.setView(point, 13, {{animate: false}});
    }});
    const onTop = layer._drawn[layer._drawn.length - 1];
    const pixel = map.latLngToContainerPoint(layer.getLatLng(onTop));
    const box = frame.getBoundingClientRect();
    return {{x: box.left + pixel.x, y: box.top + pixel.y, inView: layer._inView}};
}}"""


@pytest.fixture(scope="module")
def large_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scale")
    raw = synthetic_csv(SIZE)
    data_path = folder / "synthetic.csv"
    data_path.write_bytes(raw)
    battles = len(IncidentFilter(event_types=("Battles",)).apply(load_incidents_bytes(raw).incidents))
    ARTIFACTS.mkdir(exist_ok=True)
    settings = {"INCIDENTS_CSV": str(data_path), "INCIDENTS_TILES": "none", "HOME": str(folder)}
    with serve_app(settings, ARTIFACTS / "streamlit-scale.log") as url:
        yield url, battles


def test_a_hundred_thousand_incidents_draw_filter_and_open_popups(large_app, watched):
    url, battles = large_app
    page = watched.page
    page.goto(url + "/")
    page.wait_for_selector(APP_IDLE, timeout=180_000)
    assert watched.incident_count(str(SIZE)) == str(SIZE)

    event_type = page.get_by_test_id("stMultiSelect").filter(has_text=re.compile(r"^Event type"))
    event_type.click()
    page.get_by_role("option", name="Battles", exact=True).click()
    page.locator("h1").first.click()
    assert watched.incident_count(str(battles)) == str(battles)
    page.wait_for_selector(APP_IDLE)

    target = page.evaluate(ZOOM_TO_AN_INCIDENT_JS)
    assert target["inView"] >= 1
    page.mouse.click(target["x"], target["y"])
    popup = page.frame_locator(MAP_FRAME).locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert "Battles" in text and "killed" in text and "SYNTHETIC" in text, text
    page.screenshot(path=ARTIFACTS / "scale-popup.png")
    # A click on a point opens its popup; it does not filter to the district below it.
    page.wait_for_selector(APP_IDLE)
    assert "district=" not in page.url
    assert watched.errors == []
    assert watched.external_requests() == []
