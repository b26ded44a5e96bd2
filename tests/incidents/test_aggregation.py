"""Headline figures and monthly trends."""

from __future__ import annotations

import pandas as pd

from incidents.aggregation import count_by_district, headline_figures, monthly_by_event_type, monthly_totals
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


def test_monthly_chart_has_bars_by_type_under_a_rolling_line():
    spec = monthly_chart(_incidents(), "fatalities").to_dict()
    bars, line = spec["layer"]
    assert bars["mark"]["type"] == "bar" and bars["encoding"]["y"]["field"] == "fatalities"
    assert line["mark"]["type"] == "line" and line["encoding"]["y"]["field"] == "fatalities_rolling"
    assert spec["title"]["text"] == "Fatalities per month"


def test_monthly_totals_fill_empty_months_and_roll_over_three():
    rows = [
        {"event_date": "2020-01-05", "fatalities": "3"},
        {"event_date": "2020-01-20", "fatalities": "0"},
        {"event_date": "2020-03-02", "fatalities": "6"},
        {"event_date": "2020-04-11", "fatalities": "1"},
    ]
    totals = monthly_totals(load_incidents_bytes(csv_bytes(rows)).incidents)
    # By hand: Jan 2 incidents (3 killed), Feb none, Mar 1 (6), Apr 1 (1).
    assert totals["month"].dt.strftime("%Y-%m").tolist() == ["2020-01", "2020-02", "2020-03", "2020-04"]
    assert totals["incidents"].tolist() == [2, 0, 1, 1]
    assert totals["fatalities"].tolist() == [3, 0, 6, 1]
    assert totals["incidents_rolling"].isna().tolist() == [True, True, False, False]
    assert totals["incidents_rolling"].iloc[2:].tolist() == [1.0, 2 / 3]
    assert totals["fatalities_rolling"].iloc[2:].tolist() == [3.0, 7 / 3]
