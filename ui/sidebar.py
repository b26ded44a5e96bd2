"""Sidebar widgets -> one IncidentFilter. Every widget is bound to the URL, so a
pasted link reproduces the view; parameter names come from incidents.filters."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from geo.districts import DISTRICTS
from geo.tiles import TILE_SOURCES
from incidents.filters import QUERY_PARAMS, IncidentFilter, actor_options
from incidents.schema import EVENT_TAXONOMY, EVENT_TYPES

URL = "query-params"
LAYER_CHOICES = ("Points", "Density", "Points and density")


def _widget_keys() -> list[str]:
    return [*QUERY_PARAMS.values(), "layers", "tiles"]


def _reset_filters() -> None:
    for key in QUERY_PARAMS.values():
        st.session_state.pop(key, None)


def filter_sidebar(incidents: pd.DataFrame) -> IncidentFilter:
    """Draw the filter widgets and return the filter they describe."""
    sidebar = st.sidebar
    sidebar.header("Filters")
    if incidents.empty:
        first, last = dt.date(2015, 1, 1), dt.date.today()
    else:
        first = incidents["event_date"].min().date()
        last = incidents["event_date"].max().date()
    start = sidebar.date_input(
        "From",
        value=first,
        min_value=dt.date(1970, 1, 1),
        max_value=dt.date(2100, 1, 1),
        key=QUERY_PARAMS["start"],
        bind=URL,
        format="YYYY-MM-DD",
    )
    end = sidebar.date_input(
        "To",
        value=last,
        min_value=dt.date(1970, 1, 1),
        max_value=dt.date(2100, 1, 1),
        key=QUERY_PARAMS["end"],
        bind=URL,
        format="YYYY-MM-DD",
    )
    if start and end and start > end:
        sidebar.warning("“From” is after “To”: no incident can match.")

    present_types = [name for name in EVENT_TYPES if name in set(incidents["event_type"])]
    event_types = sidebar.multiselect(
        "Event type",
        present_types,
        key=QUERY_PARAMS["event_types"],
        bind=URL,
        placeholder="All event types",
    )
    sub_types = [
        sub
        for event_type in (event_types or present_types)
        for sub in EVENT_TAXONOMY[event_type]
        if sub in set(incidents["sub_event_type"])
    ]
    sub_event_types = sidebar.multiselect(
        "Sub-event type",
        sub_types,
        key=QUERY_PARAMS["sub_event_types"],
        bind=URL,
        placeholder="All sub-event types",
    )
    actors = sidebar.multiselect(
        "Actor",
        actor_options(incidents),
        key=QUERY_PARAMS["actors"],
        bind=URL,
        placeholder="Any actor",
        help="Matches actor 1, actor 2 and their associated actors.",
    )
    present_districts = set(incidents["admin2"]) - {""}
    district_options = [name for name in DISTRICTS if name in present_districts] + sorted(
        present_districts - set(DISTRICTS)
    )
    districts = sidebar.multiselect(
        "District",
        district_options,
        key=QUERY_PARAMS["districts"],
        bind=URL,
        placeholder="All districts",
        help="Spellings are unified (Turbat → Kech, Bolan → Kachhi, Qila → Killa, …).",
    )
    min_fatalities = sidebar.number_input(
        "Minimum fatalities",
        min_value=0,
        value=0,
        step=1,
        key=QUERY_PARAMS["min_fatalities"],
        bind=URL,
    )
    text = sidebar.text_input(
        "Search notes and places",
        key=QUERY_PARAMS["text"],
        bind=URL,
        placeholder="e.g. Chinese, railway, Turbat",
    )
    sidebar.button("Clear filters", on_click=_reset_filters, width="stretch")
    return IncidentFilter(
        start=start if start and start != first else None,
        end=end if end and end != last else None,
        actors=tuple(actors),
        event_types=tuple(event_types),
        sub_event_types=tuple(sub_event_types),
        districts=tuple(districts),
        min_fatalities=int(min_fatalities or 0),
        text=text or "",
    )


def map_display_sidebar(default_tiles: str) -> tuple[str, str]:
    """Layer choice and base-map tile source, also kept in the URL."""
    sidebar = st.sidebar
    sidebar.header("Map")
    layers = sidebar.radio("Show incidents as", LAYER_CHOICES, key="layers", bind=URL)
    options = list(TILE_SOURCES)
    if default_tiles not in options:
        options.append(default_tiles)
    tiles = sidebar.selectbox(
        "Base map",
        options,
        index=options.index(default_tiles) if default_tiles in options else 0,
        format_func=lambda key: TILE_SOURCES[key].label if key in TILE_SOURCES else "Custom tile server",
        key="tiles",
        bind=URL,
        help="Tiles come from a tile server on the internet; choose None on a restricted network.",
    )
    return layers, tiles
