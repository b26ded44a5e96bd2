"""Headline figures and monthly trends."""

from __future__ import annotations

import pandas as pd

from incidents.aggregation import count_by_district, headline_figures, monthly_by_event_type
from incidents.charts import monthly_chart
from incidents.loading import load_incidents_bytes
from tests.conftest import csv_bytes

ROWS = [
    {"event_date": "2017-05-12", "fatalities": "25", "admin2": "Mastung", "event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb"},
    {"event_date": "2017-05-30", "fatalities": "1", "admin2": "Quetta"},
    {"event_date": "2017-06-03", "fatalities": "12", "admin2": "Mastung"},
]  # fmt: skip


def _incidents():
    return load_incidents_bytes(csv_bytes(ROWS)).incidents


def test_headline_figures():
    headline = headline_figures(_incidents())
    assert (headline.incidents, headline.fatalities, headline.districts) == (3, 38, 2)
    assert headline.date_span() == "May – Jun 2017"


def test_date_span_forms():
    from incidents.aggregation import Headline

    def span(first, last):
        return Headline(1, 0, 1, pd.Timestamp(first), pd.Timestamp(last)).date_span()

    assert span("2015-01-03", "2025-06-01") == "2015 – 2025"
    assert span("2017-05-12", "2017-05-30") == "12–30 May 2017"
    assert span("2017-05-12", "2017-05-12") == "12 May 2017"


def test_headline_of_nothing():
    headline = headline_figures(_incidents().iloc[0:0])
    assert (headline.incidents, headline.fatalities, headline.districts) == (0, 0, 0)
    assert headline.date_span() == "–"


def test_monthly_by_event_type():
    monthly = monthly_by_event_type(_incidents())
    may = monthly[monthly["month"] == pd.Timestamp("2017-05-01")].set_index("event_type")
    assert may.loc["Battles", "incidents"] == 1
    assert may.loc["Explosions/Remote violence", "fatalities"] == 25
    assert monthly["incidents"].sum() == 3


def test_count_by_district():
    counts = count_by_district(_incidents())
    assert counts.iloc[0].to_dict() == {"district": "Mastung", "incidents": 2, "fatalities": 37}


def test_monthly_chart_spec_has_both_measures():
    spec = monthly_chart(_incidents(), "fatalities").to_dict()
    assert spec["encoding"]["y"]["field"] == "fatalities"
    assert spec["title"] == "Fatalities per month"
