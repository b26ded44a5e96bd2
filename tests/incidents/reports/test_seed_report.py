"""The seed report (VOA, published Sunday 4 June 2017) yields the incidents an analyst would code."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from geo.geocoding import GazetteerGeocoder
from incidents.reports.extract import extract_incidents, proposals_frame, read_report
from tests.conftest import SHARED

SEED = SHARED / "reports" / "mastung_raid_report.txt"
PUBLISHED = dt.date(2017, 6, 4)


@pytest.fixture(scope="module")
def proposals():
    if not SEED.exists():
        pytest.skip("../shared/reports is not beside this checkout")
    text = read_report(SEED.read_text(encoding="utf-8"))
    return proposals_frame(extract_incidents(text, PUBLISHED, GazetteerGeocoder()), "VOA (2017-06-04)", text)


def one(frame, **conditions):
    for column, value in conditions.items():
        frame = frame[frame[column] == value]
    assert len(frame) == 1, conditions
    return frame.iloc[0]


def test_the_raid_in_mastung(proposals):
    raid = one(proposals, event_type="Battles", admin2="Mastung")
    assert raid["sub_event_type"] == "Armed clash"
    assert raid["event_date"] in ("2017-06-02", "2017-06-03")
    assert raid["actor1"] == "Military Forces of Pakistan"
    assert raid["actor2"] == "LeJ: Lashkar-e-Jhangvi"
    assert raid["assoc_actor_2"] == "IS: Islamic State"
    assert (raid["fatalities"], raid["injuries"]) == ("12", "5")
    assert not raid["is_claim"]
    evidence = json.loads(raid["evidence"])
    assert evidence["fatalities"] == "killing 12" and evidence["injuries"] == "injured five"


def test_the_kidnapping_in_quetta_last_week(proposals):
    abduction = one(proposals, sub_event_type="Abduction/forced disappearance")
    assert abduction["admin2"] == "Quetta" and abduction["event_type"] == "Violence against civilians"
    assert abduction["actor2"] == "Civilians (China)"
    assert abduction["fatalities"] == "0"
    assert dt.date(2017, 5, 27) <= dt.date.fromisoformat(abduction["event_date"]) <= dt.date(2017, 6, 3)
    assert abduction["time_precision"] == "2"
    assert json.loads(abduction["evidence"])["event_date"] == "last week"


def test_the_suicide_bombing_near_quetta_last_month(proposals):
    bombing = one(proposals, sub_event_type="Suicide bomb")
    assert bombing["admin2"] == "Quetta" and bombing["geo_precision"] == "2"  # "near Quetta"
    assert bombing["event_date"].startswith("2017-05") and bombing["time_precision"] == "3"
    assert bombing["actor1"] == "IS: Islamic State"
    assert bombing["fatalities"] == "25"


def test_the_claimed_air_strikes_in_mastung_and_kalat(proposals):
    strikes = proposals[proposals["sub_event_type"] == "Air/drone strike"]
    assert sorted(strikes["admin2"]) == ["Kalat", "Mastung"]
    assert strikes["is_claim"].all()
    assert strikes["notes"].str.startswith("Claim, not confirmed").all()


def test_background_is_not_an_incident(proposals):
    # "IS has claimed responsibly for major suicide bombings in recent months ..." and
    # "separatists have been waging a low-level insurgency ... for decades".
    assert len(proposals) == 5


def test_every_proposal_keeps_its_sentences_and_the_report_hash(proposals):
    text = read_report(SEED.read_text(encoding="utf-8"))
    for row in proposals.itertuples():
        for start, end in json.loads(row.report_sentences):
            assert text[start:end]
        assert len(row.report_sha256) == 64
