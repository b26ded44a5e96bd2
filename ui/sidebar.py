"""Sidebar widgets -> one IncidentFilter, kept in the page's URL.

The filter object reads the URL once per session (a pasted link reproduces the
view) and is written back to it after every run, so the address bar always
holds the current view. Widgets are not bound to the URL themselves: a value
set by code (a click on a district outline) must reach the URL too, and
Streamlit's own binding did not do that reliably.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from geo.districts import DISTRICTS
from geo.gazetteer import default_gazetteer
from geo.tiles import TILE_SOURCES
from incidents.filters import DEFAULT_RADIUS_KM, QUERY_PARAMS, IncidentFilter, actor_options
from incidents.schema import EVENT_TAXONOMY, EVENT_TYPES

LAYER_CHOICES = ("Points", "Density", "Points and density")
LAYERS_KEY = "layers"
TILES_KEY = "tiles"
_SEEDED_KEY = "_seeded_from_url"
_SPAN_KEY = "_data_date_span"

# Bumped by "Clear filters": a new map component forgets its last clicked district,
# so a click on the same district selects it again.
MAP_GENERATION = "map_generation"


def _reset_filters() -> None:
    for key in QUERY_PARAMS.values():
        st.session_state.pop(key, None)
    st.session_state[MAP_GENERATION] = st.session_state.get(MAP_GENERATION, 0) + 1


def _url_params() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def _seed_from_url(options: dict[str, list[str]]) -> None:
    """Once per session: set the widgets to what the URL asks for, where it is valid."""
    if st.session_state.get(_SEEDED_KEY):
        return
    st.session_state[_SEEDED_KEY] = True
    params = _url_params()
    wanted = IncidentFilter.from_query_params(params)
    state = st.session_state
    if wanted.start:
        state[QUERY_PARAMS["start"]] = wanted.start
    if wanted.end:
        state[QUERY_PARAMS["end"]] = wanted.end
    for field in ("event_types", "sub_event_types", "actors", "districts"):
        valid = [value for value in getattr(wanted, field) if value in options[field]]
        if valid:
            state[QUERY_PARAMS[field]] = valid
    if wanted.min_fatalities:
        state[QUERY_PARAMS["min_fatalities"]] = wanted.min_fatalities
    if wanted.text:
        state[QUERY_PARAMS["text"]] = wanted.text
    if wanted.near:
        state[QUERY_PARAMS["near"]] = wanted.near
        state[QUERY_PARAMS["within_km"]] = wanted.within_km or DEFAULT_RADIUS_KM
    layers = params.get(LAYERS_KEY, [""])[-1]
    if layers in LAYER_CHOICES:
        state[LAYERS_KEY] = layers
    tiles = params.get(TILES_KEY, [""])[-1]
    if tiles in TILE_SOURCES:
        state[TILES_KEY] = tiles


def filter_sidebar(incidents: pd.DataFrame) -> IncidentFilter:
    """Draw the filter widgets and return the filter they describe."""
    if incidents.empty:
        first, last = dt.date(2015, 1, 1), dt.date.today()
    else:
        first = incidents["event_date"].min().date()
        last = incidents["event_date"].max().date()
    present_types = [name for name in EVENT_TYPES if name in set(incidents["event_type"])]
    present_subs = set(incidents["sub_event_type"])
    present_districts = set(incidents["admin2"]) - {""}
    options = {
        "event_types": present_types,
        "sub_event_types": [
            sub for name in present_types for sub in EVENT_TAXONOMY[name] if sub in present_subs
        ],
        "actors": actor_options(incidents),
        # Every district, not only those with incidents: a click on any outline
        # can select one, and "none here" is an answer too.
        "districts": list(DISTRICTS) + sorted(present_districts - set(DISTRICTS)),
    }
    _seed_from_url(options)
    _follow_data_span(first, last)

    sidebar = st.sidebar
    sidebar.header("Filters")
    date_limits = {
        "min_value": dt.date(1970, 1, 1),
        "max_value": dt.date(2100, 12, 31),
        "format": "YYYY-MM-DD",
    }
    start = sidebar.date_input(
        "From", key=QUERY_PARAMS["start"], **_default(QUERY_PARAMS["start"], first), **date_limits
    )
    end = sidebar.date_input(
        "To", key=QUERY_PARAMS["end"], **_default(QUERY_PARAMS["end"], last), **date_limits
    )
    if start and end and start > end:
        sidebar.warning("“From” is after “To”: no incident can match.")
    event_types = sidebar.multiselect(
        "Event type", options["event_types"], key=QUERY_PARAMS["event_types"], placeholder="All event types"
    )
    sub_event_types = sidebar.multiselect(
        "Sub-event type",
        [sub for sub in options["sub_event_types"] if not event_types or _parent(sub) in event_types],
        key=QUERY_PARAMS["sub_event_types"],
        placeholder="All sub-event types",
    )
    actors = sidebar.multiselect(
        "Actor",
        options["actors"],
        key=QUERY_PARAMS["actors"],
        placeholder="Any actor",
        help="Matches actor 1, actor 2 and their associated actors.",
    )
    districts = sidebar.multiselect(
        "District",
        options["districts"],
        key=QUERY_PARAMS["districts"],
        placeholder="All districts",
        help="Spellings are unified (Turbat → Kech, Bolan → Kachhi, Qila → Killa, …). "
        "On the map, a click on a district outline selects it.",
    )
    min_fatalities = sidebar.number_input(
        "Minimum fatalities", min_value=0, step=1, key=QUERY_PARAMS["min_fatalities"],
        **_default(QUERY_PARAMS["min_fatalities"], 0),
    )  # fmt: skip
    text = sidebar.text_input(
        "Search notes and places", key=QUERY_PARAMS["text"], placeholder="e.g. Chinese, railway, Turbat"
    )
    near = sidebar.selectbox(
        "Near a place",
        default_gazetteer().place_names(),
        index=None,
        key=QUERY_PARAMS["near"],
        placeholder="Anywhere",
        help="Incidents within the radius below of a place in the gazetteer (geodesic distance).",
    )
    radius = sidebar.number_input(
        "Radius (km)", min_value=1, max_value=500, step=5, key=QUERY_PARAMS["within_km"],
        disabled=not near, **_default(QUERY_PARAMS["within_km"], DEFAULT_RADIUS_KM),
    )  # fmt: skip
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
        near=near or "",
        within_km=int(radius or 0) if near else 0,
    )


def _follow_data_span(first: dt.date, last: dt.date) -> None:
    """After a save widens the data's dates, date widgets still on the old full span follow it,
    so new incidents show at once; a range the analyst chose stays as it is."""
    state = st.session_state
    previous = state.get(_SPAN_KEY)
    state[_SPAN_KEY] = (first, last)
    if previous is None or previous == (first, last):
        return
    for key, old, new in ((QUERY_PARAMS["start"], previous[0], first), (QUERY_PARAMS["end"], previous[1], last)):
        if state.get(key) == old:
            state[key] = new


def _default(key: str, value) -> dict:
    """A widget's default, left out once the URL or code has set its value
    (Streamlit warns when a widget gets both)."""
    return {} if key in st.session_state else {"value": value}


def _parent(sub_event_type: str) -> str:
    return next(name for name, subs in EVENT_TAXONOMY.items() if sub_event_type in subs)


def map_display_sidebar(default_tiles: str) -> tuple[str, str]:
    """Layer choice and base-map tile source (kept across pages and in the URL)."""
    sidebar = st.sidebar
    sidebar.header("Map")
    layers = sidebar.radio("Show incidents as", LAYER_CHOICES, key=LAYERS_KEY, persist_state="session")
    options = list(TILE_SOURCES)
    if default_tiles not in options:
        options.append(default_tiles)
    tiles = sidebar.selectbox(
        "Base map",
        options,
        **({} if TILES_KEY in st.session_state else {"index": options.index(default_tiles)}),
        format_func=lambda key: TILE_SOURCES[key].label if key in TILE_SOURCES else "Custom tile server",
        key=TILES_KEY,
        persist_state="session",
        help="Tiles come from a tile server on the internet; choose None on a restricted network.",
    )
    return layers, tiles


def write_url(incident_filter: IncidentFilter, default_tiles: str) -> None:
    """Put the current view in the address bar (only what differs from the defaults)."""
    params: dict[str, str | list[str]] = dict(incident_filter.to_query_params())
    layers = st.session_state.get(LAYERS_KEY, LAYER_CHOICES[0])
    if layers != LAYER_CHOICES[0]:
        params[LAYERS_KEY] = layers
    tiles = st.session_state.get(TILES_KEY, default_tiles)
    if tiles != default_tiles and tiles in TILE_SOURCES:
        params[TILES_KEY] = tiles
    current = _url_params()
    wanted = {name: value if isinstance(value, list) else [value] for name, value in params.items()}
    if current != wanted:
        st.query_params.from_dict(params)
