"""The previous period of the same length, counted by hand on a small fixture."""

from __future__ import annotations

import datetime as dt

from incidents.comparison import compare_with_previous
from incidents.filters import IncidentFilter
from incidents.loading import load_incidents_bytes
from tests.conftest import csv_bytes

ROWS = [
    {"event_id_cnty": "a", "event_date": "2024-01-10", "fatalities": "2", "admin2": "Kech"},
    {"event_id_cnty": "b", "event_date": "2024-02-05", "fatalities": "5", "admin2": "Kech"},
    {"event_id_cnty": "c", "event_date": "2024-02-20", "fatalities": "1", "admin2": "Quetta"},
    {"event_id_cnty": "d", "event_date": "2024-03-15", "fatalities": "4", "admin2": "Kech"},
    {"event_id_cnty": "e", "event_date": "2024-03-28", "fatalities": "0", "admin2": "Gwadar"},
    {"event_id_cnty": "f", "event_date": "2024-03-30", "fatalities": "9", "admin2": "Kech"},
]


def _incidents():
    return load_incidents_bytes(csv_bytes(ROWS)).incidents


def test_the_previous_period_has_the_same_length_and_the_same_other_conditions():
    from incidents.aggregation import headline_figures

    # March 2024 (31 days) against the 31 days before: 30 Jan to 29 Feb.
    march = IncidentFilter(start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 31))
    comparison = compare_with_previous(_incidents(), march)
    assert (comparison.previous_start, comparison.previous_end) == (dt.date(2024, 1, 30), dt.date(2024, 2, 29))
    current = headline_figures(march.apply(_incidents()))
    # By hand: March has d, e, f (3 incidents, 13 killed, Kech and Gwadar); before it b, c (2, 6; Kech, Quetta).
    assert (current.incidents, current.fatalities) == (3, 13)
    assert comparison.change(current, "incidents") == 1
    assert comparison.change(current, "fatalities") == 7
    assert comparison.change(current, "districts") == 0
    assert "previous 31 days" in comparison.describe()

    kech_march = IncidentFilter(start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 31), districts=("Kech",))
    kech = compare_with_previous(_incidents(), kech_march)
    kech_current = headline_figures(kech_march.apply(_incidents()))
    # Kech: d, f in March (13 killed); b in the 31 days before (5).
    assert kech.change(kech_current, "incidents") == 1
    assert kech.change(kech_current, "fatalities") == 8


def test_no_comparison_when_the_data_do_not_reach_back():
    # The whole span (10 Jan to 30 Mar): the 81 days before it hold no data at all, not "zero incidents".
    comparison = compare_with_previous(_incidents(), IncidentFilter())
    assert comparison.previous is None
    assert comparison.change(comparison.previous or object(), "incidents") is None
    assert "before the data's first incident (10 Jan 2024)" in comparison.describe()
    assert compare_with_previous(_incidents().iloc[0:0], IncidentFilter()) is None
