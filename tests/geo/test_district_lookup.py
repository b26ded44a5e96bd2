"""District of a point by polygon, against the real district boundaries in ../shared."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.boundaries import load_boundaries
from geo.district_lookup import DistrictIndex, label_disagreements


@pytest.fixture(scope="module")
def index(request):
    from tests.conftest import DISTRICT_BOUNDARIES

    if not DISTRICT_BOUNDARIES.exists():
        pytest.skip("../shared/boundaries is not beside this checkout")
    return DistrictIndex.from_boundaries(load_boundaries(DISTRICT_BOUNDARIES))


@pytest.mark.parametrize(
    ("latitude", "longitude", "district"),
    [
        (26.00122, 63.04849, "Kech"),  # Turbat
        (30.18414, 67.00141, "Quetta"),
        (29.03619, 69.15849, "Dera Bugti"),
        (25.12163, 62.32541, "Gwadar"),
        (24.0, 66.0, ""),  # the Arabian Sea
        (31.5, 74.3, ""),  # Lahore
    ],
)
def test_district_of_a_point(index, latitude, longitude, district):
    assert index.districts_of([latitude], [longitude])[0] == district


def test_disagreements_list_the_label_and_the_polygon(index):
    incidents = pd.DataFrame(
        {
            "event_id_cnty": ["A", "B", "C"],
            "event_date": pd.to_datetime(["2020-01-01"] * 3),
            "location": ["Turbat", "Turbat", "At sea"],
            "admin2": ["Kech", "Gwadar", "Gwadar"],
            "latitude": [26.00122, 26.00122, 24.0],
            "longitude": [63.04849, 63.04849, 66.0],
        }
    )
    found = label_disagreements(incidents, index)
    assert found[["event_id_cnty", "admin2", "district_of_point"]].to_dict("records") == [
        {"event_id_cnty": "B", "admin2": "Gwadar", "district_of_point": "Kech"},
        {"event_id_cnty": "C", "admin2": "Gwadar", "district_of_point": "(outside every district)"},
    ]
