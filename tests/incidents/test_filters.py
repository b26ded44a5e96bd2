"""The filter object: each field narrows, words describe it, the URL reproduces it."""

from __future__ import annotations

import datetime as dt

import pytest

from incidents.filters import IncidentFilter, actor_options
from incidents.loading import load_incidents_bytes
from tests.conftest import csv_bytes

ROWS = [
    {"event_id_cnty": "A", "event_date": "2017-05-12", "event_type": "Explosions/Remote violence",
     "sub_event_type": "Suicide bomb", "actor1": "IS: Islamic State", "actor2": "Civilians (Pakistan)",
     "assoc_actor_2": "", "admin2": "Mastung", "fatalities": "25", "notes": "Convoy of a senator hit.",
     "location": "Mastung"},
    {"event_id_cnty": "B", "event_date": "2017-06-03", "admin2": "Mastung", "fatalities": "12",
     "notes": "Cave hideout raided.", "location": "Mastung"},
    {"event_id_cnty": "C", "event_date": "2019-04-18", "event_type": "Violence against civilians",
     "sub_event_type": "Attack", "actor1": "BRAS: Baloch Raaji Aajoi Sangar", "actor2": "Civilians (Pakistan)",
     "assoc_actor_2": "", "admin2": "Gwadar", "fatalities": "14", "notes": "Bus passengers shot.",
     "location": "Ormara"},
    {"event_id_cnty": "D", "event_date": "2021-08-20", "event_type": "Protests", "sub_event_type": "Peaceful protest",
     "actor1": "Protesters (Pakistan)", "assoc_actor_1": "Haq Do Tehreek", "actor2": "", "assoc_actor_2": "",
     "admin2": "Turbat", "fatalities": "0", "notes": "Sit-in against checkposts.", "location": "Turbat"},
]  # fmt: skip


@pytest.fixture(scope="module")
def incidents():
    return load_incidents_bytes(csv_bytes(ROWS)).incidents


CASES = [
    ("no-filter", IncidentFilter(), "ABCD"),
    ("start", IncidentFilter(start=dt.date(2017, 6, 3)), "BCD"),
    ("end-inclusive", IncidentFilter(end=dt.date(2017, 6, 3)), "AB"),
    ("date-range", IncidentFilter(start=dt.date(2018, 1, 1), end=dt.date(2020, 12, 31)), "C"),
    ("event-type", IncidentFilter(event_types=("Battles",)), "B"),
    ("event-types-or", IncidentFilter(event_types=("Battles", "Protests")), "BD"),
    ("sub-event-type", IncidentFilter(sub_event_types=("Suicide bomb",)), "A"),
    ("actor-in-any-role", IncidentFilter(actors=("IS: Islamic State",)), "AB"),
    ("actor-as-associate", IncidentFilter(actors=("IS: Islamic State",), event_types=("Battles",)), "B"),
    ("actor-as-actor2", IncidentFilter(actors=("Civilians (Pakistan)",)), "AC"),
    ("actor-assoc-1", IncidentFilter(actors=("Haq Do Tehreek",)), "D"),
    ("actor-prefix-does-not-match", IncidentFilter(actors=("IS",)), ""),
    ("district", IncidentFilter(districts=("Mastung",)), "AB"),
    ("district-alias-unified", IncidentFilter(districts=("Kech",)), "D"),
    ("min-fatalities", IncidentFilter(min_fatalities=13), "AC"),
    ("text-notes-case-insensitive", IncidentFilter(text="CAVE"), "B"),
    ("text-location", IncidentFilter(text="ormara"), "C"),
    ("text-regex-chars-literal", IncidentFilter(text="("), ""),
    ("combined", IncidentFilter(districts=("Mastung",), min_fatalities=20), "A"),
]


@pytest.mark.parametrize(
    ("incident_filter", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_filter_keeps_expected_rows(incidents, incident_filter, expected):
    kept = incident_filter.apply(incidents)
    assert "".join(kept["event_id_cnty"]) == expected


def test_describe_in_words():
    incident_filter = IncidentFilter(
        districts=("Kech", "Panjgur"), event_types=("Battles",), min_fatalities=2
    )
    sentence = incident_filter.describe(412, 903, 1000)
    assert sentence == (
        "412 of 1,000 incidents, 903 fatalities, where event type is Battles "
        "and district is Kech or Panjgur and fatalities ≥ 2."
    )
    assert IncidentFilter().describe(4, 1, 4) == "4 of 4 incidents, 1 fatality: no filter."


@pytest.mark.parametrize(
    ("incident_filter", "clause"),
    [
        (IncidentFilter(start=dt.date(2017, 1, 1), end=dt.date(2017, 12, 31)), "date is 01 Jan 2017 to 31 Dec 2017"),
        (IncidentFilter(start=dt.date(2017, 1, 1)), "date is on or after 01 Jan 2017"),
        (IncidentFilter(end=dt.date(2017, 12, 31)), "date is on or before 31 Dec 2017"),
    ],
    ids=["range", "from", "to"],
)
def test_dates_read_as_one_clause(incident_filter, clause):
    assert incident_filter.clauses() == [clause]


URL_CASES = [
    ("empty", IncidentFilter(), {}),
    ("dates", IncidentFilter(start=dt.date(2017, 1, 1), end=dt.date(2017, 12, 31)), {"from": "2017-01-01", "to": "2017-12-31"}),
    ("lists", IncidentFilter(districts=("Kech", "Gwadar"), actors=("BLA: Baloch Liberation Army",)),
     {"district": ["Kech", "Gwadar"], "actor": ["BLA: Baloch Liberation Army"]}),
    ("scalars", IncidentFilter(min_fatalities=5, text="bus"), {"min_fatalities": "5", "q": "bus"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("incident_filter", "params"), [case[1:] for case in URL_CASES], ids=[case[0] for case in URL_CASES]
)
def test_url_round_trip(incident_filter, params):
    assert incident_filter.to_query_params() == params
    assert IncidentFilter.from_query_params(params) == incident_filter


BAD_URLS = [
    ("bad-date", {"from": "June"}, IncidentFilter()),
    ("bad-count", {"min_fatalities": "-4"}, IncidentFilter()),
    ("repeated-value", {"district": ["Kech", "Kech", ""]}, IncidentFilter(districts=("Kech",))),
]


@pytest.mark.parametrize(
    ("params", "expected"), [case[1:] for case in BAD_URLS], ids=[case[0] for case in BAD_URLS]
)
def test_url_values_that_do_not_parse_are_ignored(params, expected):
    assert IncidentFilter.from_query_params(params) == expected


def test_every_field_is_one_spec_with_a_distinct_url_parameter():
    from dataclasses import fields as dataclass_fields

    from incidents.filters import FIELDS

    filter_fields = [item.name for item in dataclass_fields(IncidentFilter) if item.name != "near_point"]
    assert [spec.name for spec in FIELDS] == filter_fields
    assert len({spec.param for spec in FIELDS}) == len(FIELDS)


def test_every_url_parameter_is_in_the_readme():
    from incidents.filters import FIELDS
    from tests.conftest import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text()
    for spec in FIELDS:
        assert f"`{spec.param}`" in readme, spec.param


def test_actor_options_include_associates(incidents):
    options = actor_options(incidents)
    assert "IS: Islamic State" in options
    assert "Haq Do Tehreek" in options
    assert options == sorted(options)


def test_exact_places_only_keeps_geo_precision_one():
    rows = [
        {"event_id_cnty": "exact", "geo_precision": "1"},
        {"event_id_cnty": "near", "geo_precision": "2"},
        {"event_id_cnty": "district", "geo_precision": "3"},
    ]
    incidents = load_incidents_bytes(csv_bytes(rows)).incidents
    exact = IncidentFilter(exact_only=True)
    assert list(exact.apply(incidents)["event_id_cnty"]) == ["exact"]
    assert exact.clauses() == ["the place is exact (geo_precision 1)"]
    assert exact.to_query_params() == {"exact": "1"}
    assert IncidentFilter.from_query_params({"exact": "1"}) == exact
    assert IncidentFilter.from_query_params({"exact": "no"}) == IncidentFilter()
    assert IncidentFilter().to_query_params() == {}
