"""The current view against the period of the same length just before it.

The current period is the filter's dates, or the data's whole span where the
filter leaves a side open. The previous period ends the day before it starts and
is as many days long. Everything else in the filter stays: "Kech, Battles, last
90 days" is compared with "Kech, Battles, the 90 days before". When the data do
not reach back over the whole previous period there is no honest comparison, and
`compare_with_previous` says so instead of reporting a fall to zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd

from incidents.aggregation import Headline, headline_figures
from incidents.filters import IncidentFilter


@dataclass(frozen=True)
class PeriodComparison:
    start: dt.date
    end: dt.date
    previous_start: dt.date
    previous_end: dt.date
    previous: Headline | None  # None: the data do not cover the previous period
    reason: str = ""  # why there is no comparison
    previous_incidents: pd.DataFrame | None = None  # the same filter over the previous period

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def change(self, current: Headline, measure: str) -> int | None:
        """Current minus previous for 'incidents', 'fatalities' or 'districts'; None without a comparison."""
        if self.previous is None:
            return None
        return getattr(current, measure) - getattr(self.previous, measure)

    def describe(self) -> str:
        if self.previous is None:
            return self.reason
        return (
            f"Change against the previous {self.days:,} days "
            f"({self.previous_start:%d %b %Y} to {self.previous_end:%d %b %Y}), same filter."
        )


def compare_with_previous(incidents: pd.DataFrame, incident_filter: IncidentFilter) -> PeriodComparison | None:
    """The filtered view's previous period of the same length; None when there are no incidents at all."""
    if incidents.empty:
        return None
    data_first = incidents["event_date"].min().date()
    data_last = incidents["event_date"].max().date()
    start = incident_filter.start or data_first
    end = incident_filter.end or data_last
    if end < start:
        return None
    length = end - start + dt.timedelta(days=1)
    previous_start, previous_end = start - length, start - dt.timedelta(days=1)
    if previous_start < data_first:
        return PeriodComparison(
            start, end, previous_start, previous_end, None,
            reason=(
                f"No change shown: the {length.days:,} days before {start:%d %b %Y} reach back before "
                f"the data's first incident ({data_first:%d %b %Y}). Narrow the dates to compare."
            ),
        )  # fmt: skip
    previous_incidents = replace(incident_filter, start=previous_start, end=previous_end).apply(incidents)
    previous = headline_figures(previous_incidents)
    return PeriodComparison(
        start, end, previous_start, previous_end, previous, previous_incidents=previous_incidents
    )
