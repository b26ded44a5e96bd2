"""The rendered map: local assets only, inert data strings, one layer for all incidents."""

from __future__ import annotations

import html as html_module
import json
import re

import pytest

from incidents.loading import load_incidents_bytes
from maps.incident_map import build_base_map, build_map, incident_payload
from maps.markup import escape_for_map
from maps.tiles import resolve_tile_source
from tests.conftest import csv_bytes
from tests.maps.test_markup import PAYLOADS, TEMPLATE_PAYLOADS


def _incidents(rows):
    return load_incidents_bytes(csv_bytes(rows)).incidents


def _render(folium_map) -> str:
    return folium_map.get_root().render()


def test_assets_come_from_the_app_itself():
    html = _render(build_map(_incidents([{}]), resolve_tile_source("none"), show_heat=True))
    links = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert links, html[:500]
    assert all(link.startswith("/app/static/") for link in links), links
    assert "cdn" not in html.lower()


def test_no_tile_layer_when_tiles_are_none_and_osm_when_asked():
    assert "L.tileLayer" not in _render(build_base_map(resolve_tile_source("none")))
    assert "tile.openstreetmap.org" in _render(build_base_map(resolve_tile_source("openstreetmap")))


def test_one_layer_carries_every_incident():
    rows = [{"event_id_cnty": str(number), "latitude": str(27 + number / 100)} for number in range(50)]
    html = _render(build_map(_incidents(rows), resolve_tile_source("none")))
    assert html.count("L.circleMarker(") == 1  # one loop in one layer, not one object per incident
    assert "L.marker(" not in html
    assert "27.49" in html and "27.0" in html


@pytest.mark.parametrize("payload", [p for _, p in PAYLOADS], ids=[name for name, _ in PAYLOADS])
@pytest.mark.parametrize("column", ["notes", "location", "actor1", "source", "admin2", "sub_event_type"])
def test_data_strings_reach_the_page_escaped(payload, column):
    html = _render(build_map(_incidents([{column: payload}]), resolve_tile_source("none")))
    assert payload not in html
    assert json.dumps(escape_for_map(payload), ensure_ascii=False)[1:-1] in html


def incident_data_in(html: str) -> dict:
    """The JSON payload the points layer draws from, as the browser will parse it."""
    start = html.index("var data = ") + len("var data = ")
    return json.JSONDecoder().raw_decode(html[start:])[0]


@pytest.mark.parametrize("payload", [p for _, p in TEMPLATE_PAYLOADS], ids=[name for name, _ in TEMPLATE_PAYLOADS])
@pytest.mark.parametrize("column", ["notes", "location", "actor1", "source", "admin2"])
def test_template_text_in_data_is_shown_not_evaluated(payload, column):
    html = _render(build_map(_incidents([{column: payload}]), resolve_tile_source("none"), show_heat=True))
    data = incident_data_in(html)
    shown = {
        "notes": data["notes"][0],
        "location": data["location"][0],
        "actor1": data["actor"][data["actor1_code"][0]],
        "source": data["source"][0],
        "admin2": data["district"][0],
    }[column]
    assert html_module.unescape(shown) == payload


def test_template_text_survives_streamlit_folium_layer_rendering():
    from streamlit_folium import _get_feature_group_string

    from maps.incident_map import incident_layers

    base = build_base_map(resolve_tile_source("none"))
    incidents = _incidents([{"notes": "{{ 7*7 }} {% x %} {#"}])
    script = _get_feature_group_string(incident_layers(incidents)[0], base)
    assert html_module.unescape(incident_data_in(script)["notes"][0]) == "{{ 7*7 }} {% x %} {#"


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://www.dawn.com/news/1", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("", False),
    ],
)
def test_only_http_links_reach_popups(url, kept):
    payload = incident_payload(_incidents([{"source_url": url}]))
    assert bool(payload["source_url"][0]) == kept


def test_notes_leave_popups_above_the_limit():
    incidents = _incidents([{"notes": "first"}, {"notes": "second"}])
    assert incident_payload(incidents, notes_limit=2)["notes"] == ["first", "second"]
    assert incident_payload(incidents, notes_limit=1)["notes"] is None


def test_district_outlines_and_tooltips_are_escaped(district_boundaries_path):
    from geo.boundaries import load_boundaries

    boundaries = load_boundaries(district_boundaries_path)
    html = _render(build_base_map(resolve_tile_source("none"), boundaries))
    assert "Killa Saifullah" in html
    assert html.count('"type":"Feature"') + html.count('"type": "Feature"') >= 35
