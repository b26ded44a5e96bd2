"""Altair charts of incident trends (Streamlit renders them with its bundled Vega)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from incidents.aggregation import ROLLING_MONTHS, monthly_by_event_type, monthly_totals
from incidents.schema import EVENT_TYPE_COLORS


def monthly_chart(incidents: pd.DataFrame, measure: str) -> alt.LayerChart:
    """Stacked bars per month by event type under a 3-month rolling mean line;
    `measure` is 'incidents' or 'fatalities'."""
    if measure not in ("incidents", "fatalities"):
        raise ValueError(f"measure must be 'incidents' or 'fatalities', not {measure!r}")
    monthly = monthly_by_event_type(incidents)
    colour = alt.Color(
        "event_type:N",
        title="Event type",
        scale=alt.Scale(domain=list(EVENT_TYPE_COLORS), range=list(EVENT_TYPE_COLORS.values())),
        legend=alt.Legend(orient="bottom", columns=3),
    )
    bars = (
        alt.Chart(monthly)
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):T", title=None),
            y=alt.Y(f"sum({measure}):Q", title=measure.capitalize()),
            color=colour,
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title="Month"),
                alt.Tooltip("event_type:N", title="Event type"),
                alt.Tooltip(f"sum({measure}):Q", title=measure.capitalize()),
            ],
        )
    )
    rolling = (
        alt.Chart(monthly_totals(incidents).dropna(subset=[f"{measure}_rolling"]))
        .mark_line(color="#222222", strokeWidth=2)
        .encode(
            x=alt.X("yearmonth(month):T", title=None),
            y=alt.Y(f"{measure}_rolling:Q"),
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title="Month"),
                alt.Tooltip(f"{measure}_rolling:Q", title=f"{ROLLING_MONTHS}-month mean", format=".1f"),
            ],
        )
    )
    return alt.layer(bars, rolling).properties(
        title=alt.TitleParams(
            f"{measure.capitalize()} per month",
            subtitle=f"Bars: by event type. Line: mean of the last {ROLLING_MONTHS} months.",
        ),
        height=260,
    )
