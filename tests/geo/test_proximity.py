"""The proximity filter: geodesic distances, exact at the cut-off, and its place in the filter and URL."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from geopy.distance import geodesic

from geo.gazetteer import default_gazetteer
from geo.proximity import within_km
from incidents.filters import IncidentFilter

TURBAT = default_gazetteer().by_name("Turbat")


def test_agrees_with_geodesic_on_every_point():
    generator = np.random.default_rng(7)
    latitudes = TURBAT.latitude + generator.uniform(-1, 1, 3000)
    longitudes = TURBAT.longitude + generator.uniform(-1, 1, 3000)
    center = (TURBAT.latitude, TURBAT.longitude)
    expected = [geodesic(center, point).km <= 50 for point in zip(latitudes, longitudes, strict=True)]
    assert list(within_km(latitudes, longitudes, center, 50)) == expected
    assert 0 < sum(expected) < 3000


@pytest.mark.parametrize(("km", "inside"), [(10.005, True), (9.995, False)])
def test_the_cut_off_is_geodesic(km, inside):
    # A point due north of Turbat at a geodesic distance of 10 km; the sphere
    # puts it 10.037 km away, so haversine alone would drop it at 10.005 km.
    point = geodesic(kilometers=10).destination((TURBAT.latitude, TURBAT.longitude), bearing=0)
    assert (
        bool(within_km([point.latitude], [point.longitude], (TURBAT.latitude, TURBAT.longitude), km)[0])
        is inside
    )


def place_point(name):
    """The gazetteer lookup the app passes in: the filter itself reads no global gazetteer."""
    place = default_gazetteer().by_name(name)
    return None if place is None else (place.latitude, place.longitude)


def test_filter_keeps_incidents_near_the_place():
    incidents = pd.DataFrame(
        {"latitude": [26.0, 26.3, 25.12], "longitude": [63.05, 63.05, 62.33], "location": ["a", "b", "c"]}
    )
    near = IncidentFilter(near="Turbat", within_km=25).with_place(place_point)
    assert list(near.mask(incidents)) == [True, False, False]
    assert "within 25 km of Turbat" in near.clauses()


def test_a_place_without_radius_or_unknown_place_does_not_filter():
    incidents = pd.DataFrame({"latitude": [30.0], "longitude": [67.0]})
    assert IncidentFilter(near="Turbat").with_place(place_point).mask(incidents).all()
    assert IncidentFilter(near="Atlantis", within_km=5).with_place(place_point).mask(incidents).all()


def test_proximity_travels_in_the_url():
    near = IncidentFilter(near="Turbat", within_km=40).with_place(place_point)
    params = near.to_query_params()
    assert params == {"near": "Turbat", "km": "40"}
    assert IncidentFilter.from_query_params(params, place_point) == near
    # A place the gazetteer does not know is dropped, not guessed.
    assert IncidentFilter.from_query_params({"near": "Atlantis", "km": "5"}, place_point).near == ""
