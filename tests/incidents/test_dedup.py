"""The duplicate rule: same event type and district, at most a day and a few km apart."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.proximity import haversine_km
from incidents.dedup import find_duplicates


def incidents(*rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["event_date", "event_type", "admin2", "latitude", "longitude"])
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    return frame


EXISTING = incidents(("2017-06-03", "Battles", "Mastung", 29.80, 66.85))

CASES = [
    ("same day, same spot", ("2017-06-03", "Battles", "Mastung", 29.80, 66.85), True),
    ("a day later, 3 km off", ("2017-06-04", "Battles", "Mastung", 29.827, 66.85), True),
    ("district spelt in capitals", ("2017-06-02", "Battles", "MASTUNG", 29.80, 66.85), True),
    ("two days later", ("2017-06-05", "Battles", "Mastung", 29.80, 66.85), False),
    ("8 km off", ("2017-06-03", "Battles", "Mastung", 29.872, 66.85), False),
    ("other event type", ("2017-06-03", "Explosions/Remote violence", "Mastung", 29.80, 66.85), False),
    ("other district", ("2017-06-03", "Battles", "Kalat", 29.80, 66.85), False),
]


@pytest.mark.parametrize(
    ("new_row", "is_duplicate"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_duplicate_rule(new_row, is_duplicate):
    matches = find_duplicates(incidents(new_row), EXISTING)
    assert (len(matches) == 1) is is_duplicate


def test_matches_name_rows_by_index_label_and_give_the_distance():
    new = incidents(
        ("2017-06-10", "Battles", "Kech", 26.0, 63.0), ("2017-06-03", "Battles", "Mastung", 29.80, 66.86)
    )
    new.index = [10, 11]
    matches = find_duplicates(new, EXISTING)
    assert matches.to_dict("records") == [
        {"new_row": 11, "existing_row": 0, "days_apart": 0, "km_apart": 0.96}
    ]


def test_empty_frames_have_no_duplicates():
    assert find_duplicates(EXISTING.iloc[0:0], EXISTING).empty
    assert find_duplicates(EXISTING, EXISTING.iloc[0:0]).empty


def test_haversine_quetta_to_mastung():
    # Quetta and Mastung (GeoNames) are about 45 km apart.
    assert haversine_km(30.18414, 67.00141, 29.79966, 66.84553) == pytest.approx(45.5, abs=1.5)
