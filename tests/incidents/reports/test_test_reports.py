"""The test reports in tests/fixtures/reports against their hand-coded incidents."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from geo.geocoding import GazetteerGeocoder
from incidents.reports.scoring import SCORED_FIELDS, field_matches, propose
from tests.conftest import FIXTURES

REPORTS = FIXTURES / "reports"
EXPECTED = json.loads((REPORTS / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def geocoder():
    return GazetteerGeocoder()


def test_there_are_enough_reports_of_every_kind():
    assert len(EXPECTED) >= 15
    incidents = [incident for spec in EXPECTED.values() for incident in spec["incidents"]]
    assert {incident["event_type"] for incident in incidents} == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments",
    }  # fmt: skip
    assert any(not spec["incidents"] for spec in EXPECTED.values())  # a report with no incident
    assert any(len(spec["incidents"]) > 1 for spec in EXPECTED.values())  # several in one report


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_report(name, geocoder):
    spec = EXPECTED[name]
    frame = propose(REPORTS / name, dt.date.fromisoformat(spec["published"]), geocoder)
    used = set()
    for expected in spec["incidents"]:
        known = set(expected.get("known_miss", []))
        rows = frame[
            (frame["event_type"] == expected["event_type"]) & (frame["admin2"] == expected["admin2"])
        ]
        rows = rows[~rows.index.isin(used)]
        if "incident" in known:
            assert rows.empty, f"{name}: a known miss now passes; remove its known_miss marker"
            continue
        assert not rows.empty, f"{name}: no {expected['event_type']} in {expected['admin2']}"
        row = rows.iloc[0]
        used.add(rows.index[0])
        for key in SCORED_FIELDS:
            if key in expected:
                matches = field_matches(expected[key], row[key])
                assert matches is (key not in known), (
                    f"{name}: {key} expected {expected[key]!r}, got {row[key]!r}"
                )
    unexpected = frame[~frame.index.isin(used)]
    assert unexpected.empty, f"{name}: unexpected proposals {list(unexpected['sub_event_type'])}"
