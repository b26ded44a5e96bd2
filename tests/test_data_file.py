"""The shipped data/incidents.csv: clean, sourced, and covering what the product promises."""

from __future__ import annotations

import pandas as pd
import pytest

from incidents.dedup import find_duplicates
from incidents.loading import load_incidents
from tests.conftest import PROJECT_ROOT

DATA = PROJECT_ROOT / "data" / "incidents.csv"


@pytest.fixture(scope="module")
def loaded():
    return load_incidents(DATA)


def test_every_row_passes_validation(loaded):
    assert loaded.problems.empty, loaded.problems.to_string()
    assert loaded.file_notes == ()


def test_span_and_province(loaded):
    incidents = loaded.incidents
    assert incidents["event_date"].min() >= pd.Timestamp("2015-01-01")
    assert incidents["event_date"].max() <= pd.Timestamp("2025-12-31")
    assert set(incidents["admin1"]) == {"Balochistan"}


def test_coverage_promised_by_the_readme(loaded):
    incidents = loaded.incidents
    assert len(incidents) >= 80
    assert incidents["admin2"].nunique() >= 20
    # Every year of the span has incidents, not a cluster in one period.
    assert set(incidents["event_date"].dt.year) == set(range(2015, 2026))


def test_no_incident_is_listed_twice(loaded):
    incidents = loaded.incidents
    pairs = find_duplicates(incidents, incidents)
    pairs = pairs[pairs["new_row"] != pairs["existing_row"]]
    # Two attacks on one day in one town coded to the town's point are two incidents when the
    # reports name different places (two grenade attacks in Quetta on 12 September 2023).
    same_place = (
        incidents.loc[pairs["new_row"], "location"].to_numpy()
        == incidents.loc[pairs["existing_row"], "location"].to_numpy()
    )
    assert pairs[same_place].empty


def test_every_event_type_that_occurs_in_balochistan_is_present(loaded):
    present = set(loaded.incidents["event_type"])
    for event_type in (
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Strategic developments",
    ):
        assert event_type in present


def test_every_row_is_sourced(loaded):
    incidents = loaded.incidents
    assert (incidents["source"].str.len() > 0).all()
    assert incidents["source_url"].str.match(r"^https?://").all()
    assert (incidents["notes"].str.len() > 20).all()
    assert incidents["event_id_cnty"].is_unique
    assert incidents["geo_precision"].notna().all()
    assert incidents["time_precision"].notna().all()


def test_the_seed_report_incidents_are_in(loaded):
    incidents = loaded.incidents
    in_2017 = incidents[incidents["event_date"].dt.year == 2017]
    raid = in_2017[(in_2017["admin2"] == "Mastung") & (in_2017["event_type"] == "Battles")]
    assert (raid["fatalities"] == 12).any()
    abduction = in_2017[in_2017["sub_event_type"] == "Abduction/forced disappearance"]
    assert (abduction["admin2"] == "Quetta").any()
    bombing = in_2017[(in_2017["sub_event_type"] == "Suicide bomb") & (in_2017["event_date"].dt.month == 5)]
    assert (bombing["fatalities"] >= 25).any()
