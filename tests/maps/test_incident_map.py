"""The rendered map: local assets only, inert data strings, one layer for all incidents."""

from __future__ import annotations

import html as html_module
import json
import re

import numpy as np
import pandas as pd
import pytest

from incidents.loading import load_incidents_bytes
from maps.incident_map import build_base_map, build_map
from maps.incident_payload import incident_payload
from maps.layers import INCIDENT_CANVAS_JS
from maps.markup import escape_for_map
from maps.tiles import resolve_tile_source
from tests.conftest import csv_bytes
from tests.maps.payload_view import incident_data_in, text_column, typed
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
    assert html.count("L.incidentDots({") == 1  # one layer, not one object per incident
    assert "L.circleMarker(" not in html and "L.marker(" not in html
    data = incident_data_in(html)
    latitudes = data["lat"]["min"] + typed(data["lat"]) * (data["lat"]["max"] - data["lat"]["min"]) / 65535
    assert np.allclose(sorted(latitudes), [27 + number / 100 for number in range(50)], atol=1e-5)


def test_the_payload_reads_back_what_the_incidents_say():
    incidents = _incidents(
        [
            {"event_date": "2024-03-01", "fatalities": "3", "injuries": "", "latitude": "25.1", "longitude": "62.3"},
            {"event_date": "2025-01-31", "fatalities": "0", "injuries": "7", "latitude": "31.9", "longitude": "69.9"},
        ]
    )
    data = incident_payload(incidents)
    assert data["count"] == 2
    days = data["first_day"] + typed(data["day"])
    assert [str(np.datetime64(int(day), "D")) for day in days] == ["2024-03-01", "2025-01-31"]
    assert typed(data["fatalities"]).tolist() == [3, 0]
    assert typed(data["injuries"]).tolist() == [65535, 7]  # 65535: not reported
    # 16-bit coordinates over the incidents' extent: within a few metres here.
    step = (data["lat"]["max"] - data["lat"]["min"]) / 65535
    assert step * 111_000 < 15


def test_above_the_full_popup_limit_only_the_drawn_columns_travel():
    incidents = _incidents([{"notes": "n", "actor1": "BLA: Baloch Liberation Army"}] * 3)
    lean = incident_payload(incidents, full_popup_limit=2)
    assert set(lean["codes"]) == {"location", "district"}
    assert lean["lean"] and lean["injuries"] is None
    full = incident_payload(incidents, full_popup_limit=3)
    assert {"actor1", "actor2", "source", "source_url", "notes"} <= set(full["codes"])


def test_the_canvas_script_is_inert_for_the_template_engine_and_the_html_parser():
    # branca renders each element's script as a Jinja template a second time.
    assert not any(marker in INCIDENT_CANVAS_JS for marker in ("{{", "{%", "{#", "</script"))
    html = _render(build_base_map(resolve_tile_source("none")))
    assert "L.IncidentDots = L.Path.extend" in html


@pytest.mark.parametrize("payload", [p for _, p in PAYLOADS], ids=[name for name, _ in PAYLOADS])
@pytest.mark.parametrize("column", ["notes", "location", "actor1", "source", "admin2", "sub_event_type"])
def test_data_strings_reach_the_page_escaped(payload, column):
    html = _render(build_map(_incidents([{column: payload}]), resolve_tile_source("none")))
    assert payload not in html
    assert json.dumps(escape_for_map(payload), ensure_ascii=False)[1:-1] in html


@pytest.mark.parametrize("payload", [p for _, p in TEMPLATE_PAYLOADS], ids=[name for name, _ in TEMPLATE_PAYLOADS])
@pytest.mark.parametrize("column", ["notes", "location", "actor1", "source", "admin2"])
def test_template_text_in_data_is_shown_not_evaluated(payload, column):
    html = _render(build_map(_incidents([{column: payload}]), resolve_tile_source("none"), show_heat=True))
    data = incident_data_in(html)
    shown = {
        "notes": lambda: text_column(data, "notes")[0],
        "location": lambda: text_column(data, "location")[0],
        "actor1": lambda: text_column(data, "actor1", "actor")[0],
        "source": lambda: text_column(data, "source")[0],
        "admin2": lambda: text_column(data, "district")[0],
    }[column]()
    assert html_module.unescape(shown) == payload


def test_template_text_survives_streamlit_folium_layer_rendering():
    from streamlit_folium import _get_feature_group_string

    from maps.incident_map import incident_layers

    base = build_base_map(resolve_tile_source("none"))
    incidents = _incidents([{"notes": "{{ 7*7 }} {% x %} {#"}])
    script = _get_feature_group_string(incident_layers(incidents)[0], base)
    assert html_module.unescape(text_column(incident_data_in(script), "notes")[0]) == "{{ 7*7 }} {% x %} {#"


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
    assert bool(text_column(payload, "source_url")[0]) == kept


def test_notes_leave_popups_above_the_limit():
    incidents = _incidents([{"notes": "first"}, {"notes": "second"}])
    assert text_column(incident_payload(incidents, notes_limit=2), "notes") == ["first", "second"]
    assert "notes" not in incident_payload(incidents, notes_limit=1)["codes"]


def test_district_outlines_and_tooltips_are_escaped(district_boundaries_path):
    from geo.boundaries import load_boundaries

    boundaries = load_boundaries(district_boundaries_path)
    html = _render(build_base_map(resolve_tile_source("none"), boundaries))
    assert "Killa Saifullah" in html
    assert html.count('"type":"Feature"') + html.count('"type": "Feature"') >= 35


def test_categorical_columns_read_back_the_same_and_a_few_rows_carry_no_unused_values():
    incidents = _incidents([{"location": name} for name in ("Turbat", "Quetta", "Turbat", "Sui")])
    assert isinstance(incidents["location"].dtype, pd.CategoricalDtype)
    assert text_column(incident_payload(incidents), "location") == ["Turbat", "Quetta", "Turbat", "Sui"]
    one = incidents[incidents["location"] == "Sui"]
    assert incident_payload(one)["strings"]["location"] == ["Sui"]
