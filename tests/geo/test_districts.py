"""District spellings resolve to one COD 2022 name."""

from __future__ import annotations

import json

import pytest

from geo.districts import DISTRICTS, canonical_district, canonical_province
from tests.conftest import DISTRICT_BOUNDARIES

SPELLINGS = [
    ("Turbat", "Kech"), ("Kech (Turbat)", "Kech"), ("kech district", "Kech"),
    ("Las Bela", "Lasbela"), ("Lasbella", "Lasbela"), ("Bolan", "Kachhi"), ("Kachhi (Bolan)", "Kachhi"),
    ("Qila Abdullah", "Killa Abdullah"), ("Qilla Saifullah", "Killa Saifullah"), ("Musa Khel", "Musakhel"),
    ("Kholu", "Kohlu"), ("Jafarabad", "Jaffarabad"), ("Naseerabad", "Nasirabad"), ("Surab", "Shaheed Sikandarabad"),
    ("Punjgur", "Panjgur"), ("Sibbi", "Sibi"), ("Shaal", "Quetta"), ("  QUETTA ", "Quetta"), ("Dera  Bugti", "Dera Bugti"),
]  # fmt: skip


@pytest.mark.parametrize(("spelling", "canonical"), SPELLINGS, ids=[spelling for spelling, _ in SPELLINGS])
def test_spellings(spelling, canonical):
    assert canonical_district(spelling) == canonical


@pytest.mark.parametrize("name", ["", "Karachi", "Peshawar", None, "Balochistan"])
def test_not_a_district(name):
    assert canonical_district(name) is None


@pytest.mark.parametrize("name", ["Baluchistan", "Bolochistan", "Balochisan", "balochistan"])
def test_province_spellings(name):
    assert canonical_province(name) == "Balochistan"


def test_canonical_names_match_the_official_boundaries():
    if not DISTRICT_BOUNDARIES.exists():
        pytest.skip("../shared/boundaries is not beside this checkout")
    features = json.loads(DISTRICT_BOUNDARIES.read_text())["features"]
    assert sorted(DISTRICTS) == sorted(feature["properties"]["admin2Name_en"] for feature in features)
