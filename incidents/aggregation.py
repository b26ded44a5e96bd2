"""Summaries of a set of incidents: headline figures and monthly trends."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Headline:
    incidents: int
    fatalities: int
    districts: int
    first_date: pd.Timestamp | None
    last_date: pd.Timestamp | None

    def date_span(self) -> str:
        """Short enough for a metric tile: '2015 – 2025', 'May – Jun 2017', '12–30 May 2017'."""
        first, last = self.first_date, self.last_date
        if first is None or last is None:
            return "–"
        if first == last:
            return f"{first:%d %b %Y}"
        if first.year != last.year:
            return f"{first.year} – {last.year}"
        if first.month != last.month:
            return f"{first:%b} – {last:%b %Y}"
        return f"{first:%d}–{last:%d %b %Y}"


def headline_figures(incidents: pd.DataFrame) -> Headline:
    """Incidents, fatalities, districts affected and the date span."""
    if incidents.empty:
        return Headline(0, 0, 0, None, None)
    districts = incidents["admin2"][incidents["admin2"] != ""]
    return Headline(
        incidents=len(incidents),
        fatalities=int(incidents["fatalities"].sum()),
        districts=int(districts.nunique()),
        first_date=incidents["event_date"].min(),
        last_date=incidents["event_date"].max(),
    )


def monthly_by_event_type(incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents and fatalities per calendar month and event type (long format)."""
    columns = ["month", "event_type", "incidents", "fatalities"]
    if incidents.empty:
        return pd.DataFrame(columns=columns)
    months = incidents["event_date"].dt.to_period("M").dt.to_timestamp()
    grouped = (
        incidents.assign(month=months)
        .groupby(["month", "event_type"], observed=True)
        .agg(incidents=("event_type", "size"), fatalities=("fatalities", "sum"))
        .reset_index()
    )
    return grouped[columns]


ROLLING_MONTHS = 3


def monthly_totals(incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents and fatalities in every calendar month from the first to the last (months
    without incidents count 0), with their 3-month rolling means (empty for the first two)."""
    columns = ["month", "incidents", "fatalities", "incidents_rolling", "fatalities_rolling"]
    if incidents.empty:
        return pd.DataFrame(columns=columns)
    months = incidents["event_date"].dt.to_period("M")
    totals = (
        incidents.assign(month=months)
        .groupby("month")
        .agg(incidents=("month", "size"), fatalities=("fatalities", "sum"))
        .reindex(pd.period_range(months.min(), months.max(), freq="M"), fill_value=0)
    )
    for measure in ("incidents", "fatalities"):
        totals[f"{measure}_rolling"] = totals[measure].rolling(ROLLING_MONTHS, min_periods=ROLLING_MONTHS).mean()
    totals.index = totals.index.to_timestamp()
    return totals.rename_axis("month").reset_index()[columns]


def count_by_district(incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents and fatalities per district, most incidents first."""
    grouped = (
        incidents.groupby("admin2")
        .agg(incidents=("admin2", "size"), fatalities=("fatalities", "sum"))
        .reset_index()
        .rename(columns={"admin2": "district"})
    )
    return grouped.sort_values(["incidents", "fatalities"], ascending=False, ignore_index=True)
