"""The shipped geography (geo/data) is what geo.build_geography makes from its sources."""

from __future__ import annotations

import csv
import json

import pytest
from shapely.geometry import Point, shape

from geo.build_geography import (
    BOUNDARY_FILES,
    DATA_FOLDER,
    PLACES_FILE,
    places_from_extract,
    places_from_wof,
    read_boundaries,
    simplified_boundaries,
    write_outputs,
)
from tests.conftest import SHARED

SHARED_BOUNDARIES = SHARED / "boundaries"
SHARED_EXTRACT = SHARED / "gazetteer" / "balochistan_places_wof_geonames.csv"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    if not SHARED_EXTRACT.exists():
        pytest.skip("../shared is not beside this checkout")
    folder = tmp_path_factory.mktemp("geography")
    write_outputs(folder, simplified_boundaries(read_boundaries(SHARED_BOUNDARIES)), places_from_extract(SHARED_EXTRACT))
    return folder


@pytest.mark.parametrize("name", [*BOUNDARY_FILES.values(), PLACES_FILE])
def test_the_shipped_files_are_rebuilt_byte_for_byte(rebuilt, name):
    assert (rebuilt / name).read_bytes() == (DATA_FOLDER / name).read_bytes()


def test_shipped_boundaries_are_small_and_complete():
    districts = json.loads((DATA_FOLDER / BOUNDARY_FILES["districts"]).read_text())
    tehsils = json.loads((DATA_FOLDER / BOUNDARY_FILES["tehsils"]).read_text())
    assert len(districts["features"]) == 35 and len(tehsils["features"]) == 103
    total = sum((DATA_FOLDER / name).stat().st_size for name in BOUNDARY_FILES.values())
    assert total < 800_000


def test_shipped_places_lie_in_their_shipped_district():
    districts = {
        feature["properties"]["admin2Name_en"]: shape(feature["geometry"]).buffer(0.02)
        for feature in json.loads((DATA_FOLDER / BOUNDARY_FILES["districts"]).read_text())["features"]
    }
    with open(DATA_FOLDER / PLACES_FILE, encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["in_province"] == "True"]
    outside = [
        row["name"]
        for row in rows
        if not districts[row["district"]].contains(Point(float(row["longitude"]), float(row["latitude"])))
    ]
    assert len(rows) > 16_000 and outside == []


def test_cutting_who_is_on_first_records(tmp_path):
    """The upstream cut's rules on a handful of records: type, currency, inside or near and Balochistan's."""
    boundaries = read_boundaries(SHARED_BOUNDARIES) if SHARED_BOUNDARIES.exists() else pytest.skip("no ../shared")

    def record(identifier, latitude, longitude, **properties):
        return {
            "wof:id": identifier, "wof:name": f"Place {identifier}", "wof:placetype": "locality",
            "geom:latitude": latitude, "geom:longitude": longitude, "gn:feature_code": "PPL", **properties,
        }  # fmt: skip

    records = [
        record(1, 30.18, 66.99),  # Quetta: kept
        record(2, 30.18, 66.99, **{"wof:placetype": "venue"}),  # not a place type we keep
        record(3, 30.18, 66.99, **{"edtf:deprecated": "2020"}),  # deprecated
        record(4, 30.18, 66.99, **{"wof:superseded_by": [9]}),  # superseded
        record(5, 31.5, 74.3),  # Lahore: far outside
    ]
    places = places_from_wof(records, boundaries["province"], boundaries["districts"], boundaries["tehsils"])
    assert [place["wof_id"] for place in places if place["wof_id"] in (1, 2, 3, 4, 5)] == [1]
    quetta = next(place for place in places if place["wof_id"] == 1)
    assert quetta["district"] == "Quetta" and quetta["in_province"] is True
