"""GeoJSON and Excel exports: the same rows as the filter, the filter in words and as a link,
and nothing a spreadsheet would run."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from openpyxl import load_workbook

from incidents.export_excel import incidents_to_excel
from incidents.export_geojson import incidents_to_geojson
from incidents.export_manifest import ExportManifest, view_link
from incidents.filters import IncidentFilter
from incidents.loading import load_incidents_bytes
from tests.conftest import csv_bytes
from tests.maps.test_markup import PAYLOADS

MANIFEST = ExportManifest(
    "2 of 9 incidents, 5 fatalities, where district is Kech.",
    "http://localhost:8501/?district=Kech",
    dt.datetime(2026, 12, 5, 2, 0),
    2,
)


def _incidents(rows):
    return load_incidents_bytes(csv_bytes(rows)).incidents


def test_the_link_reopens_the_view():
    link = view_link("http://localhost:8501/?old=1", IncidentFilter(districts=("Kech", "Panjgur"), exact_only=True))
    assert link == "http://localhost:8501/?district=Kech&district=Panjgur&exact=1"
    assert view_link("http://localhost:8501/", IncidentFilter()) == "http://localhost:8501/"


def test_geojson_has_a_point_per_incident_and_the_filter():
    incidents = _incidents([{"latitude": "26.0", "longitude": "63.05", "fatalities": "3"}, {}])
    collection = json.loads(incidents_to_geojson(incidents, MANIFEST))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 2
    first = collection["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [63.05, 26.0]}
    assert first["properties"]["fatalities"] == 3
    assert first["properties"]["event_date"] == "2017-06-03"
    assert collection["metadata"]["Filter"] == MANIFEST.description
    assert collection["metadata"]["Link"] == MANIFEST.link


def test_excel_has_the_rows_and_an_about_sheet():
    incidents = _incidents([{"fatalities": "3"}, {"fatalities": "0"}])
    workbook = load_workbook(io.BytesIO(incidents_to_excel(incidents, MANIFEST)))
    rows = list(workbook["incidents"].values)
    header = rows[0]
    assert len(rows) == 3
    assert [row[header.index("fatalities")] for row in rows[1:]] == [3, 0]  # numbers stay numbers
    about = dict(workbook["about this export"].values)
    assert about["Filter"] == MANIFEST.description and about["Link"] == MANIFEST.link


@pytest.mark.parametrize("payload", [p for _, p in PAYLOADS] + ["=HYPERLINK(\"http://x\")", "@SUM(1)", "+1", "-1"])
def test_excel_never_holds_a_formula(payload):
    incidents = _incidents([{"notes": payload, "location": payload, "actor1": payload}])
    raw = incidents_to_excel(incidents, MANIFEST)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        sheets = [archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert not any("<f>" in sheet or "<f " in sheet for sheet in sheets)
    workbook = load_workbook(io.BytesIO(raw))
    header = next(workbook["incidents"].values)
    row = list(workbook["incidents"].values)[1]
    assert row[header.index("notes")] == load_incidents_bytes(
        csv_bytes([{"notes": payload}])
    ).incidents.iloc[0]["notes"]
