"""District shading: values per district and quantile classes, counted by hand."""

from __future__ import annotations

import pytest

from incidents.loading import load_incidents_bytes
from maps.choropleth import (
    NO_DATA_COLOUR,
    RAMP,
    ZERO_COLOUR,
    choropleth_layer,
    district_values,
    quantile_classes,
)
from tests.conftest import csv_bytes
from tests.incidents.test_district_summary import ROWS


def _incidents():
    return load_incidents_bytes(csv_bytes(ROWS)).incidents


def test_values_per_district():
    districts = ["Kech", "Quetta", "Gwadar", "Zhob"]
    populations = {"Kech": 1_000_000, "Quetta": 2_000_000, "Zhob": 355_692}
    assert district_values(_incidents(), "incidents", populations, districts) == {
        "Kech": 3.0, "Quetta": 2.0, "Gwadar": 1.0, "Zhob": 0.0,
    }  # fmt: skip
    rates = district_values(_incidents(), "fatalities_per_100k", populations, districts)
    # Kech 5 killed per 1,000,000 = 0.5 per 100k; Quetta 12 per 2,000,000 = 0.6; Gwadar: no population.
    assert rates == {"Kech": 0.5, "Quetta": 0.6, "Gwadar": None, "Zhob": 0.0}
    with pytest.raises(ValueError):
        district_values(_incidents(), "deaths", populations, districts)


def test_quantile_classes_suit_skewed_counts():
    # Nine quiet districts and one with a hundred incidents: quantiles keep the quiet ones apart.
    values = [1, 1, 2, 2, 3, 3, 4, 5, 6, 100, 0, None]
    classes = quantile_classes(values)
    # Linear quantiles of the ten values above zero: 0.2 -> 1.8, 0.4 -> 2.6, 0.6 -> 3.4, 0.8 -> 5.2.
    assert classes.bounds == pytest.approx((1.8, 2.6, 3.4, 5.2, 100.0))
    assert classes.colours == RAMP
    assert classes.colour(1) == RAMP[0] and classes.colour(100) == RAMP[-1] and classes.colour(5) == RAMP[3]
    assert classes.colour(0) == ZERO_COLOUR and classes.colour(None) == NO_DATA_COLOUR
    # Repeated values make fewer classes, drawn with the darker end of the ramp.
    assert quantile_classes([7, 7, 7]).bounds == (7.0,)
    assert quantile_classes([0, None]).bounds == ()


def test_the_layer_escapes_names_and_labels_values(district_boundaries_path):
    from geo.boundaries import load_boundaries

    boundaries = load_boundaries(district_boundaries_path)
    layer = choropleth_layer(_incidents(), boundaries, "incidents_per_100k", {"Kech": 1_000_000})
    geojson = next(child for child in layer._children.values() if hasattr(child, "data"))
    by_district = {feature["properties"]["district"]: feature["properties"] for feature in geojson.data["features"]}
    assert by_district["Kech"]["value"] == "0.30"
    assert by_district["Quetta"]["value"] == "no census figure"
    assert by_district["Quetta"]["colour"] == NO_DATA_COLOUR
