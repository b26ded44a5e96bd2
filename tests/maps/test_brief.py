"""The one-page brief: self-contained, every data string inert, the view's figures and rows."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from incidents.aggregation import headline_figures
from incidents.loading import load_incidents_bytes
from maps.brief import BriefView, build_brief
from tests.conftest import csv_bytes
from tests.maps.test_markup import PAYLOADS


def _view(incidents, **changes) -> BriefView:
    return BriefView(
        title="Political violence in Balochistan",
        description="2 of 2 incidents, 3 fatalities: no filter.",
        link="http://localhost:8501/?district=Kech&q=<b>",
        headline=headline_figures(incidents),
        change={"incidents": 1, "fatalities": None, "districts": 0},
        change_note="Change against the previous 30 days.",
        generated_at=dt.datetime(2026, 12, 5, 2, 0),
        **changes,
    )


def test_the_brief_needs_nothing_outside_itself(district_boundaries_path):
    from geo.boundaries import load_boundaries

    incidents = load_incidents_bytes(csv_bytes([{"fatalities": "3"}, {"event_date": "2017-07-01"}])).incidents
    page = build_brief(_view(incidents), incidents, load_boundaries(district_boundaries_path), {"Mastung": 313_271})
    srcdoc = html.unescape(re.search(r'srcdoc="([^"]*)"', page).group(1))
    # No script, style or image is fetched: Leaflet and the incident layer are written in.
    for document in (page, srcdoc):
        assert not re.search(r"<(?:script|link|img)[^>]+(?:src|href)=", document)
    assert "L.incidentDots({" in srcdoc and "Leaflet" in srcdoc and "Killa Saifullah" in srcdoc
    assert page.count("<svg") >= 2  # the two monthly charts, drawn as SVG
    assert "+1 vs previous period" in page
    assert "Mastung" in page and "0.64" in page  # 2 incidents per 313,271 people -> 0.64 per 100k
    assert page.count("<tr><td class='d'>2017-") == 2
    assert "q=&lt;b&gt;" in page  # the link is escaped too


@pytest.mark.parametrize("payload", [p for _, p in PAYLOADS], ids=[name for name, _ in PAYLOADS])
def test_data_strings_are_inert_in_the_brief(payload):
    incidents = load_incidents_bytes(
        csv_bytes([{"location": payload, "actor1": payload, "source": payload, "source_url": payload}])
    ).incidents
    page = build_brief(_view(incidents), incidents, None)
    outside_map = re.sub(r'srcdoc="[^"]*"', "", page)
    assert payload not in outside_map
    assert "javascript:" not in outside_map.lower() or "javascript:" in html.escape(payload).lower()
