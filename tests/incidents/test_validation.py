"""Row-level validation: what is rejected, what is flagged, and the clean types."""

from __future__ import annotations

import pandas as pd
import pytest

from incidents.loading import load_incidents_bytes
from incidents.validation import FLAGGED, REJECTED
from tests.conftest import csv_bytes

# id, cell overrides, problem column, words in the reason, severity
BAD_ROWS = [
    ("date-garbage", {"event_date": "yesterday"}, "event_date", "not a date", REJECTED),
    ("date-empty", {"event_date": ""}, "event_date", "not a date", REJECTED),
    ("date-impossible", {"event_date": "2017-02-30"}, "event_date", "not a date", REJECTED),
    ("date-dayfirst", {"event_date": "03/06/2017"}, "event_date", "not a date", REJECTED),
    ("latitude-text", {"latitude": "north"}, "latitude", "not a number", REJECTED),
    ("latitude-empty", {"latitude": ""}, "latitude", "missing", REJECTED),
    ("latitude-range", {"latitude": "95"}, "latitude", "outside -90..90", REJECTED),
    ("longitude-range", {"longitude": "-200"}, "longitude", "outside -180..180", REJECTED),
    ("event-type-unknown", {"event_type": "Skirmish"}, "event_type", "not an ACLED event type", REJECTED),
    ("fatalities-negative", {"fatalities": "-3"}, "fatalities", "whole number", REJECTED),
    ("fatalities-fraction", {"fatalities": "2.5"}, "fatalities", "whole number", REJECTED),
    ("fatalities-words", {"fatalities": "several"}, "fatalities", "not a number", REJECTED),
    (
        "swapped-coordinates",
        {"latitude": "66.84", "longitude": "29.80"},
        "latitude",
        "outside Balochistan",
        FLAGGED,
    ),
    ("point-in-india", {"latitude": "28.6", "longitude": "77.2"}, "latitude", "outside Balochistan", FLAGGED),
    (
        "sub-type-other-parent",
        {"sub_event_type": "Suicide bomb"},
        "sub_event_type",
        "another event type",
        FLAGGED,
    ),
    ("sub-type-unknown", {"sub_event_type": "Brawl"}, "sub_event_type", "not an ACLED sub-event", FLAGGED),
    ("fatalities-missing", {"fatalities": ""}, "fatalities", "counted as 0", FLAGGED),
    ("injuries-text", {"injuries": "many"}, "injuries", "not a number", FLAGGED),
    ("geo-precision-9", {"geo_precision": "9"}, "geo_precision", "not 1, 2 or 3", FLAGGED),
    ("district-unknown", {"admin2": "Karachi"}, "admin2", "not a Balochistan district", FLAGGED),
]


@pytest.mark.parametrize(
    ("overrides", "column", "reason", "severity"),
    [row[1:] for row in BAD_ROWS],
    ids=[row[0] for row in BAD_ROWS],
)
def test_bad_row_is_reported_and_good_rows_still_load(overrides, column, reason, severity):
    raw = csv_bytes(
        [{"event_id_cnty": "GOOD1"}, {"event_id_cnty": "BAD", **overrides}, {"event_id_cnty": "GOOD2"}]
    )
    result = load_incidents_bytes(raw)

    problem = result.problems[result.problems["column"] == column]
    assert len(problem) == 1, result.problems
    assert problem.iloc[0]["row"] == 3  # header is row 1, GOOD1 row 2
    assert reason in problem.iloc[0]["reason"]
    assert problem.iloc[0]["severity"] == severity
    ids = list(result.incidents["event_id_cnty"])
    if severity == REJECTED:
        assert ids == ["GOOD1", "GOOD2"]
    else:
        assert ids == ["GOOD1", "BAD", "GOOD2"]


def test_clean_columns_are_typed():
    result = load_incidents_bytes(csv_bytes([{"injuries": ""}, {"fatalities": ""}]))
    incidents = result.incidents
    assert incidents["event_date"].dtype.kind == "M"
    assert incidents["latitude"].dtype == float
    assert incidents["fatalities"].tolist() == [12, 0]
    assert incidents["injuries"].isna().tolist() == [True, False]
    assert str(incidents["geo_precision"].dtype) == "Int8"  # 1-3 or empty: one byte a row
    assert incidents["event_type"].dtype == "category"  # repeated names: one small code a row


GOOD_VARIANTS = [
    ("acled-old-date-format", {"event_date": "03 June 2017"}, "event_date", pd.Timestamp("2017-06-03")),
    ("event-type-lowercase", {"event_type": "battles"}, "event_type", "Battles"),
    ("sub-type-lowercase", {"sub_event_type": "armed clash"}, "sub_event_type", "Armed clash"),
    ("district-alias-turbat", {"admin2": "Turbat"}, "admin2", "Kech"),
    ("district-alias-bolan", {"admin2": "Bolan"}, "admin2", "Kachhi"),
    ("district-alias-qila", {"admin2": "Qila Saifullah"}, "admin2", "Killa Saifullah"),
    ("province-spelling", {"admin1": "Baluchistan"}, "admin1", "Balochistan"),
    ("thousands-separator", {"fatalities": "1,000"}, "fatalities", 1000),
    ("spaces-around", {"latitude": " 29.8 "}, "latitude", 29.8),
]


@pytest.mark.parametrize(
    ("overrides", "column", "expected"),
    [row[1:] for row in GOOD_VARIANTS],
    ids=[row[0] for row in GOOD_VARIANTS],
)
def test_variants_that_are_accepted(overrides, column, expected):
    result = load_incidents_bytes(csv_bytes([overrides]))
    assert result.problems.empty, result.problems
    assert result.incidents.iloc[0][column] == expected


def test_district_renames_are_reported():
    result = load_incidents_bytes(
        csv_bytes([{"admin2": "Turbat"}, {"admin2": "Las Bela"}, {"admin2": "Kech"}])
    )
    assert result.district_renames == {"Turbat": "Kech", "Las Bela": "Lasbela"}


def test_repeated_event_id_is_flagged():
    result = load_incidents_bytes(csv_bytes([{"event_id_cnty": "X1"}, {"event_id_cnty": "X1"}]))
    assert list(result.problems["reason"]) == ["repeats an earlier row's id"]
    assert len(result.incidents) == 2


def test_actor_key_lists_every_actor_including_associates():
    result = load_incidents_bytes(csv_bytes([{"assoc_actor_1": "Frontier Corps; Levies"}]))
    key = result.incidents.iloc[0]["_actors"]
    for actor in (
        "Military Forces of Pakistan",
        "Frontier Corps",
        "Levies",
        "LeJ: Lashkar-e-Jhangvi",
        "IS: Islamic State",
    ):
        assert f"|{actor}|" in key
