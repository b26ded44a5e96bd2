"""Tehsils and seat-less districts from the boundary files: every tehsil geocodes when they are configured."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import Point, shape

from geo.boundaries import BoundariesError, load_boundaries
from geo.boundary_places import configured_gazetteer, tehsil_places
from geo.gazetteer import DISTRICT_AREA, TEHSIL_AREA, default_gazetteer, missing_headquarters
from geo.geocoding import GazetteerGeocoder
from tests.conftest import TEHSIL_BOUNDARIES


@pytest.fixture(scope="module")
def tehsil_boundaries_path():
    return TEHSIL_BOUNDARIES


@pytest.fixture(scope="module")
def shared_tehsils(tehsil_boundaries_path):
    return json.loads(tehsil_boundaries_path.read_text())["features"]


@pytest.fixture(scope="module")
def configured(tehsil_boundaries_path):
    districts = tehsil_boundaries_path.with_name("balochistan_districts.geojson")
    gazetteer, notes = configured_gazetteer(districts, tehsil_boundaries_path)
    assert notes == []
    return gazetteer


def test_every_tehsil_becomes_a_place_inside_its_own_polygon(tehsil_boundaries_path, shared_tehsils):
    places = tehsil_places(tehsil_boundaries_path)
    assert len(places) == len(shared_tehsils) == 103
    polygons = {feature["properties"]["admin3Name_en"]: shape(feature["geometry"]) for feature in shared_tehsils}
    for place in places:
        assert place.kind == TEHSIL_AREA and place.tehsil == place.name
        assert polygons[place.name].contains(Point(place.longitude, place.latitude)), place
        assert "balochistan_tehsils.geojson" in place.source


def test_every_tehsil_name_geocodes_to_its_district(configured, shared_tehsils):
    geocoder = GazetteerGeocoder(configured)
    unresolved, wrong = [], []
    for feature in shared_tehsils:
        name, district = feature["properties"]["admin3Name_en"], feature["properties"]["admin2Name_en"]
        resolution = geocoder.resolve(f"{name} tehsil", district_hint=district)
        if resolution is None:
            unresolved.append(name)
        elif resolution.district != district or resolution.geo_precision > 2:
            wrong.append((name, resolution.place, resolution.district, resolution.geo_precision))
    assert unresolved == [] and wrong == []


def test_a_tehsil_without_a_place_of_its_name_is_an_area_at_precision_2(configured):
    # No cited or open-data place is called Dasht in Kech: the tehsil's polygon places it.
    resolution = GazetteerGeocoder(configured).resolve("in Dasht")
    assert (resolution.place, resolution.district, resolution.geo_precision) == ("Dasht", "Kech", 2)
    assert resolution.kind == TEHSIL_AREA


def test_cited_places_win_over_polygon_points(configured):
    kalat = GazetteerGeocoder(configured).resolve("Kalat")
    assert kalat.kind == "district headquarters" and kalat.source.startswith("GeoNames")
    assert kalat.geo_precision == 1


def test_districts_without_a_seat_are_placed_inside_their_polygon(configured, tehsil_boundaries_path):
    assert set(missing_headquarters(default_gazetteer())) >= {"Washuk"}  # no cited seat shipped
    assert missing_headquarters(configured) == []
    districts = load_boundaries(tehsil_boundaries_path.with_name("balochistan_districts.geojson"))
    washuk = dict(districts.polygons)["Washuk"]
    resolution = GazetteerGeocoder(configured).resolve("Washuk district")
    assert (resolution.district, resolution.geo_precision, resolution.how) == ("Washuk", 3, "district")
    assert "interior point" in resolution.kind
    assert washuk.contains(Point(resolution.longitude, resolution.latitude))
    assert configured.headquarters("Washuk").kind == DISTRICT_AREA


def _collection(features):
    return {"type": "FeatureCollection", "features": features}


def _square(name, west, south, size=0.2, **properties):
    ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]
    return {
        "type": "Feature",
        "properties": {"shapeName": name, **properties},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def test_a_file_without_district_names_is_placed_by_the_district_polygons(tmp_path, district_boundaries_path):
    path = tmp_path / "adm3.geojson"
    # geoBoundaries style: shapeName only. One square in Kohlu district, one in Sindh (left out).
    path.write_text(json.dumps(_collection([_square("Test Tehsil", 69.2, 29.8), _square("Karachi East", 67.1, 24.9)])))
    places = tehsil_places(path, load_boundaries(district_boundaries_path))
    assert [(place.name, place.district) for place in places] == [("Test Tehsil", "Kohlu")]
    with pytest.raises(BoundariesError, match="configure district boundaries too"):
        tehsil_places(path)


def test_an_unusable_tehsil_file_leaves_the_gazetteer_whole_with_a_note(tmp_path):
    broken = tmp_path / "tehsils.geojson"
    broken.write_text("{not json")
    gazetteer, notes = configured_gazetteer(None, broken)
    assert len(gazetteer) == len(default_gazetteer())
    assert len(notes) == 1 and "tehsils.geojson is not a GeoJSON file" in notes[0]
    gazetteer, notes = configured_gazetteer(None, tmp_path / "missing.geojson")
    assert "No tehsil boundaries file" in notes[0]
