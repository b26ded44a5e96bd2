"""Panels under the map: a clicked district's profile, districts compared, actors."""

from __future__ import annotations

from dataclasses import replace

import altair as alt
import pandas as pd
import streamlit as st

from geo.population import district_populations
from incidents.actor_summary import acting_actors, actor_by_district
from incidents.comparison import PeriodComparison
from incidents.district_summary import district_profile, district_table
from ui.context import AppContext
from ui.plain_text import escape_markdown
from ui.sidebar import select_actor

_ACTOR_TABLE = "actor_table"
_ACTOR_NAMES = "_actor_table_names"
_COUNT_COLUMNS = {
    "event_type": "Event type",
    "actor": "Actor",
    "incidents": st.column_config.NumberColumn("Incidents"),
    "fatalities": st.column_config.NumberColumn("Fatalities"),
}
_LATEST_COLUMNS = {
    "event_date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
    "event_type": "Event type",
    "location": "Place",
    "fatalities": st.column_config.NumberColumn("Killed"),
    "actor1": "Actor",
    "source": "Source",
    "source_url": st.column_config.LinkColumn("Report", display_text="open"),
}


def _without_district_filter(context: AppContext) -> pd.DataFrame:
    return replace(context.incident_filter, districts=()).apply(context.loaded.incidents)


def district_profile_panel(context: AppContext) -> None:
    """When the filter is one district (a click on its outline), its profile."""
    districts = context.incident_filter.districts
    if len(districts) != 1:
        return
    profile = district_profile(_without_district_filter(context), districts[0])
    st.subheader(f"District profile: {escape_markdown(profile.district)}")
    columns = st.columns(3)
    columns[0].metric("Incidents", f"{profile.incidents:,}")
    columns[1].metric("Fatalities", f"{profile.fatalities:,}")
    rank = (
        f"{profile.rank_by_incidents} of {profile.districts_with_incidents}" if profile.rank_by_incidents else "–"
    )
    columns[2].metric(
        "Rank by incidents", rank,
        help="Among the districts with incidents under the same filter (dates, actors, types...).",
    )  # fmt: skip
    if not profile.incidents:
        st.info("No incident in this district under the other filters.")
        return
    left, right = st.columns(2)
    left.altair_chart(_monthly_profile_chart(profile.monthly, profile.district), width="stretch")
    with right:
        st.markdown("**Event types**")
        st.dataframe(profile.event_types, hide_index=True, width="stretch", column_config=_COUNT_COLUMNS)
        st.markdown("**Actors (acting side)**")
        st.dataframe(profile.actors, hide_index=True, width="stretch", column_config=_COUNT_COLUMNS)
    st.markdown(f"**Latest incidents in {escape_markdown(profile.district)}**")
    st.dataframe(profile.latest, hide_index=True, width="stretch", column_config=_LATEST_COLUMNS)


def _monthly_profile_chart(monthly: pd.DataFrame, district: str) -> alt.LayerChart:
    base = alt.Chart(monthly).encode(x=alt.X("yearmonth(month):T", title=None))
    bars = base.mark_bar(color="#1f3b73").encode(
        y=alt.Y("incidents:Q", title="Incidents"),
        tooltip=[alt.Tooltip("yearmonth(month):T", title="Month"), "incidents:Q", "fatalities:Q"],
    )
    line = base.mark_line(color="#D55E00").encode(y=alt.Y("fatalities:Q", title="Fatalities"))
    return (
        alt.layer(bars, line)
        .resolve_scale(y="independent")
        .properties(
            title=alt.TitleParams(f"{district}: per month", subtitle="Bars: incidents. Line: fatalities."),
            height=240,
        )
    )


def districts_panel(context: AppContext, comparison: PeriodComparison | None) -> None:
    """Every district with incidents under the filter, ranked, with rates per 100,000 people."""
    previous = comparison.previous_incidents if comparison is not None else None
    table = district_table(context.filtered, district_populations(), previous)
    if table.empty:
        st.info("No incident matches the filters.")
        return
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "district": "District",
            "incidents": "Incidents",
            "fatalities": "Fatalities",
            "population_2023": st.column_config.NumberColumn("Population (2023 census)", format="localized"),
            "incidents_per_100k": st.column_config.NumberColumn("Incidents per 100k", format="%.2f"),
            "fatalities_per_100k": st.column_config.NumberColumn("Fatalities per 100k", format="%.2f"),
            "change_in_incidents": st.column_config.NumberColumn("Change in incidents", format="%+d"),
            "rank_by_incidents": "Rank (incidents)",
            "rank_by_fatalities": "Rank (fatalities)",
        },
    )
    notes = ["Rates per 100,000 people use the 2023 census figures in `geo/data/district_population_2023.csv`."]
    if "change_in_incidents" in table:
        notes.append(escape_markdown(comparison.describe()))
    st.caption(" ".join(notes))


def _choose_actor() -> None:
    rows = st.session_state[_ACTOR_TABLE].selection.rows
    names = st.session_state.get(_ACTOR_NAMES, [])
    if rows and rows[0] < len(names):
        select_actor(names[rows[0]])


def actors_panel(context: AppContext) -> None:
    """Top actors by incidents and by fatalities, and where they act; a click on one filters to it."""
    actors = acting_actors(context.filtered).head(15)
    if actors.empty:
        st.info("No incident matches the filters.")
        return
    st.session_state[_ACTOR_NAMES] = actors["actor"].tolist()
    left, right = st.columns(2)
    with left:
        st.markdown("**Top actors** (acting side: actor 1 and its associates). Click a row to filter to it.")
        st.dataframe(
            actors, hide_index=True, width="stretch", key=_ACTOR_TABLE, column_config=_COUNT_COLUMNS,
            on_select=_choose_actor, selection_mode="single-row",
        )  # fmt: skip
    right.altair_chart(_actor_fatalities_chart(actors), width="stretch")
    table = actor_by_district(context.filtered, actors=10)
    if not table.empty:
        st.altair_chart(_actor_district_heatmap(table), width="stretch")


def _actor_fatalities_chart(actors: pd.DataFrame) -> alt.Chart:
    by_fatalities = actors.sort_values("fatalities", ascending=False).head(10)
    return (
        alt.Chart(by_fatalities, title="Top actors by fatalities")
        .mark_bar(color="#D55E00")
        .encode(
            x=alt.X("fatalities:Q", title="Fatalities"),
            y=alt.Y("actor:N", sort="-x", title=None, axis=alt.Axis(labelLimit=280)),
            tooltip=["actor:N", "fatalities:Q", "incidents:Q"],
        )
        .properties(height=300)
    )


def _actor_district_heatmap(table: pd.DataFrame) -> alt.LayerChart:
    long = table.reset_index().melt(id_vars="actor", var_name="district", value_name="incidents")
    base = alt.Chart(long).encode(
        x=alt.X("district:N", sort=list(table.columns), title=None),
        y=alt.Y("actor:N", sort=list(table.index), title=None, axis=alt.Axis(labelLimit=280)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("incidents:Q", scale=alt.Scale(scheme="oranges"), title="Incidents"),
        tooltip=["actor:N", "district:N", "incidents:Q"],
    )
    counts = base.mark_text(fontSize=10).encode(
        text=alt.condition(alt.datum.incidents > 0, "incidents:Q", alt.value("")),
        color=alt.condition(alt.datum.incidents > table.to_numpy().max() / 2, alt.value("white"), alt.value("black")),
    )
    return alt.layer(cells, counts).properties(
        title=alt.TitleParams("Incidents by actor and district", subtitle=f"The {len(table)} most active actors."),
        height=28 * len(table) + 40,
    )

