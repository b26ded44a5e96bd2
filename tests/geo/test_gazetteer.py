"""The gazetteer's own data: sources, districts, and positions checked against real boundaries."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import Point, shape

from geo.districts import DISTRICTS, NEW_DISTRICTS
from geo.gazetteer import (
    GAZETTEER_PATH,
    default_gazetteer,
    fold_name,
    merged,
    missing_headquarters,
    read_gazetteer,
    read_open_places,
)
from tests.conftest import SHARED

# A place on a district border may sit a little outside its polygon at this precision.
BORDER_TOLERANCE_DEGREES = 0.02  # ~2 km


@pytest.fixture(scope="module")
def gazetteer():
    return read_gazetteer(GAZETTEER_PATH)


def test_every_place_has_a_source_a_known_district_and_a_kind(gazetteer):
    kinds = {
        "provincial capital",
        "district headquarters",
        "tehsil headquarters",
        "town",
        "village",
        "area",
        "crossing",
        "landmark",
    }
    for place in gazetteer.places:
        assert place.source, place.name
        assert place.district in DISTRICTS, place
        assert place.kind in kinds, place
        assert 24.5 < place.latitude < 32.5 and 60.5 < place.longitude < 70.5, place


def test_no_place_is_listed_twice(gazetteer):
    keys = [(fold_name(place.name), place.district) for place in gazetteer.places]
    assert len(keys) == len(set(keys))


def test_most_districts_have_their_headquarters(gazetteer):
    assert len(missing_headquarters(gazetteer)) <= 4, missing_headquarters(gazetteer)


def test_newer_districts_have_their_headquarters_marked(gazetteer):
    for new_district, parent in NEW_DISTRICTS.items():
        headquarters = gazetteer.headquarters(new_district)
        assert headquarters is not None and headquarters.new_district == new_district
        assert headquarters.district == parent


def test_default_gazetteer_is_the_shipped_files():
    cited, open_places = read_gazetteer(), read_open_places()
    assert len(default_gazetteer()) == len(merged(cited, open_places))
    assert len(open_places) == 16_398 - 32  # every populated place; no district label point
    assert default_gazetteer().places[: len(cited)] == cited.places  # cited places come first and win


def test_every_place_lies_in_the_district_it_claims(gazetteer, district_boundaries_path):
    polygons = {
        feature["properties"]["admin2Name_en"]: shape(feature["geometry"])
        for feature in json.loads(district_boundaries_path.read_text())["features"]
    }
    misplaced = [
        (place.name, place.district)
        for place in gazetteer.places
        if polygons[place.district].distance(Point(place.longitude, place.latitude))
        > BORDER_TOLERANCE_DEGREES
    ]
    assert misplaced == []


def test_every_tehsil_entry_lies_in_its_tehsil(gazetteer):
    path = SHARED / "boundaries" / "balochistan_tehsils.geojson"
    if not path.exists():
        pytest.skip("../shared/boundaries is not beside this checkout")
    polygons = {
        fold_name(feature["properties"]["admin3Name_en"]): shape(feature["geometry"])
        for feature in json.loads(path.read_text())["features"]
    }
    with_tehsil = [place for place in gazetteer.places if place.tehsil]
    assert len(with_tehsil) >= 75  # the check must have something to check
    misplaced = [
        (place.name, place.tehsil)
        for place in with_tehsil
        if polygons[fold_name(place.tehsil)].distance(Point(place.longitude, place.latitude))
        > BORDER_TOLERANCE_DEGREES
    ]
    assert misplaced == []
