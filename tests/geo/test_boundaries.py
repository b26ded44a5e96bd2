"""Boundaries from a configured GeoJSON file: simplified, named, with a province outline."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import Point, shape

from geo.boundaries import BoundariesError, load_boundaries


def test_shipped_district_file(district_boundaries_path):
    boundaries = load_boundaries(district_boundaries_path)
    names = [feature["properties"]["district"] for feature in boundaries.districts["features"]]
    assert len(names) == 35
    # What goes to the browser on every map: simplified further (~500 m) than the shipped file.
    assert len(json.dumps(boundaries.districts)) < 100_000
    province = shape(boundaries.province["geometry"])
    assert province.contains(Point(67.0, 30.18))  # Quetta
    assert not province.contains(Point(67.0, 24.86))  # Karachi


def test_features_outside_balochistan_are_left_out(tmp_path):
    square = {"type": "Polygon", "coordinates": [[[66, 29], [67, 29], [67, 30], [66, 30], [66, 29]]]}
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"shapeName": "Las Bela"}, "geometry": square},
            {"type": "Feature", "properties": {"shapeName": "Lahore"}, "geometry": square},
        ],
    }
    path = tmp_path / "adm2.geojson"
    path.write_text(json.dumps(collection))
    boundaries = load_boundaries(path)
    assert [feature["properties"]["district"] for feature in boundaries.districts["features"]] == ["Lasbela"]


BAD_FILES = [
    ("not-json", "hello", "not a GeoJSON file"),
    ("not-a-collection", '{"type": "Point", "coordinates": [1, 2]}', "not a GeoJSON FeatureCollection"),
    ("no-district", '{"type": "FeatureCollection", "features": []}', "no Balochistan district"),
]


@pytest.mark.parametrize(
    ("text", "message"), [case[1:] for case in BAD_FILES], ids=[case[0] for case in BAD_FILES]
)
def test_bad_files(tmp_path, text, message):
    path = tmp_path / "bad.geojson"
    path.write_text(text)
    with pytest.raises(BoundariesError, match=message):
        load_boundaries(path)


def test_missing_file(tmp_path):
    with pytest.raises(BoundariesError, match="No boundaries file"):
        load_boundaries(tmp_path / "none.geojson")
