"""Altair charts of incident trends (Streamlit renders them with its bundled Vega)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from incidents.aggregation import monthly_by_event_type
from incidents.schema import EVENT_TYPE_COLORS


def monthly_chart(incidents: pd.DataFrame, measure: str) -> alt.Chart:
    """Stacked bars per month by event type; `measure` is 'incidents' or 'fatalities'."""
    if measure not in ("incidents", "fatalities"):
        raise ValueError(f"measure must be 'incidents' or 'fatalities', not {measure!r}")
    monthly = monthly_by_event_type(incidents)
    colour = alt.Color(
        "event_type:N",
        title="Event type",
        scale=alt.Scale(domain=list(EVENT_TYPE_COLORS), range=list(EVENT_TYPE_COLORS.values())),
        legend=alt.Legend(orient="bottom", columns=3),
    )
    return (
        alt.Chart(monthly, title=f"{measure.capitalize()} per month")
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
        .properties(height=260)
    )
