"""Sidebar widgets -> one IncidentFilter, kept in the page's URL.

The filter object reads the URL once per session (a pasted link reproduces the
view) and is written back to it after every run, so the address bar always
holds the current view. Widgets are not bound to the URL themselves: a value
set by code (a click on a district outline) must reach the URL too, and
Streamlit's own binding did not do that reliably.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from geo.districts import DISTRICTS
from geo.gazetteer import default_gazetteer
from incidents.filters import (
    DEFAULT_RADIUS_KM,
    FIELDS,
    FIELDS_BY_NAME,
    FilterField,
    IncidentFilter,
    actor_options,
)
from incidents.schema import EVENT_TAXONOMY, EVENT_TYPES
from maps.choropleth import MEASURES
from maps.tiles import TILE_SOURCES

LAYER_CHOICES = ("Points", "Density", "Points and density", "Districts shaded", "Districts shaded and points")
LAYERS_KEY = "layers"
SHADE_KEY = "shade"
TILES_KEY = "tiles"
_SEEDED_KEY = "_seeded_from_url"
_SPAN_KEY = "_data_date_span"

# Bumped by "Clear filters": a new map component forgets its last clicked district,
# so a click on the same district selects it again.
MAP_GENERATION = "map_generation"


def _reset_filters() -> None:
    for spec in FIELDS:
        st.session_state.pop(spec.param, None)
    st.session_state[MAP_GENERATION] = st.session_state.get(MAP_GENERATION, 0) + 1


def select_district(district: str) -> None:
    """Set the district filter (a click on a district outline), before the widgets are drawn."""
    st.session_state[FIELDS_BY_NAME["districts"].param] = [district]


def select_actor(actor: str) -> None:
    """Set the actor filter (a click on an actor in a table), before the widgets are drawn."""
    st.session_state[FIELDS_BY_NAME["actors"].param] = [actor]


def place_point(name: str) -> tuple[float, float] | None:
    """The gazetteer's point for a place offered in the "near" list."""
    place = default_gazetteer().by_name(name)
    return None if place is None else (place.latitude, place.longitude)


def _url_params() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def _seed_from_url(options: dict[str, list]) -> None:
    """Once per session: set the widgets to what the URL asks for, where it is valid."""
    if st.session_state.get(_SEEDED_KEY):
        return
    st.session_state[_SEEDED_KEY] = True
    params = _url_params()
    wanted = IncidentFilter.from_query_params(params, place_point)
    state = st.session_state
    for spec in FIELDS:
        value = getattr(wanted, spec.name)
        if spec.widget == "choices":
            value = [item for item in value if item in options[spec.name]]
        if spec.widget == "radius" and wanted.near:
            value = value or DEFAULT_RADIUS_KM
        if value not in (None, "", (), [], 0):
            state[spec.param] = value
    layers = params.get(LAYERS_KEY, [""])[-1]
    if layers in LAYER_CHOICES:
        state[LAYERS_KEY] = layers
    shade = params.get(SHADE_KEY, [""])[-1]
    if shade in MEASURES:
        state[SHADE_KEY] = shade
    tiles = params.get(TILES_KEY, [""])[-1]
    if tiles in TILE_SOURCES:
        state[TILES_KEY] = tiles


def filter_sidebar(incidents: pd.DataFrame) -> IncidentFilter:
    """Draw a widget for each filter field (incidents.filters.FIELDS) and return the filter they set."""
    if incidents.empty:
        first, last = dt.date(2015, 1, 1), dt.date.today()
    else:
        first = incidents["event_date"].min().date()
        last = incidents["event_date"].max().date()
    # unique() before set(): a million rows, a few dozen distinct values (categoricals answer at once).
    present_types = [name for name in EVENT_TYPES if name in set(incidents["event_type"].unique())]
    present_subs = set(incidents["sub_event_type"].unique())
    present_districts = set(incidents["admin2"].unique()) - {""}
    options: dict[str, list] = {
        "event_types": present_types,
        "sub_event_types": [
            sub for name in present_types for sub in EVENT_TAXONOMY[name] if sub in present_subs
        ],
        "actors": actor_options(incidents),
        # Every district, not only those with incidents: a click on any outline
        # can select one, and "none here" is an answer too.
        "districts": list(DISTRICTS) + sorted(present_districts - set(DISTRICTS)),
        "near": default_gazetteer().place_names(),
    }
    _seed_from_url(options)
    _follow_data_span(first, last)

    sidebar = st.sidebar
    sidebar.header("Filters")
    defaults = {"start": first, "end": last}
    chosen: dict[str, object] = {}
    for spec in FIELDS:
        chosen[spec.name] = _widget(sidebar, spec, options, chosen, defaults)
    if chosen["start"] and chosen["end"] and chosen["start"] > chosen["end"]:
        sidebar.warning("“From” is after “To”: no incident can match.")
    sidebar.button("Clear filters", on_click=_reset_filters, width="stretch")
    near = chosen["near"] or ""
    return IncidentFilter(
        start=chosen["start"] if chosen["start"] and chosen["start"] != first else None,
        end=chosen["end"] if chosen["end"] and chosen["end"] != last else None,
        actors=tuple(chosen["actors"]),
        event_types=tuple(chosen["event_types"]),
        sub_event_types=tuple(chosen["sub_event_types"]),
        districts=tuple(chosen["districts"]),
        min_fatalities=int(chosen["min_fatalities"] or 0),
        text=chosen["text"] or "",
        near=near,
        within_km=int(chosen["within_km"] or 0) if near else 0,
        exact_only=bool(chosen["exact_only"]),
    ).with_place(place_point)


_DATE_LIMITS = {"min_value": dt.date(1970, 1, 1), "max_value": dt.date(2100, 12, 31), "format": "YYYY-MM-DD"}


def _widget(sidebar, spec: FilterField, options: dict[str, list], chosen: dict[str, object], defaults: dict):
    """The widget of one filter field, keyed by its URL parameter; returns its value."""
    common = {"key": spec.param, "help": spec.help or None}
    if spec.widget == "date":
        return sidebar.date_input(spec.label, **_default(spec.param, defaults[spec.name]), **_DATE_LIMITS, **common)
    if spec.widget == "choices":
        offered = options[spec.name]
        if spec.name == "sub_event_types" and chosen.get("event_types"):
            offered = [sub for sub in offered if _parent(sub) in chosen["event_types"]]
        return sidebar.multiselect(spec.label, offered, placeholder=spec.placeholder, **common)
    if spec.widget == "count":
        return sidebar.number_input(spec.label, min_value=0, step=1, **_default(spec.param, 0), **common)
    if spec.widget == "text":
        return sidebar.text_input(spec.label, placeholder=spec.placeholder, **common)
    if spec.widget == "place":
        return sidebar.selectbox(spec.label, options[spec.name], index=None, placeholder=spec.placeholder, **common)
    if spec.widget == "radius":
        return sidebar.number_input(
            spec.label, min_value=1, max_value=500, step=5, disabled=not chosen.get("near"),
            **_default(spec.param, DEFAULT_RADIUS_KM), **common,
        )  # fmt: skip
    if spec.widget == "switch":
        return sidebar.toggle(spec.label, **_default(spec.param, False), **common)
    raise ValueError(f"no widget for {spec.widget!r}")


def _follow_data_span(first: dt.date, last: dt.date) -> None:
    """After a save widens the data's dates, date widgets still on the old full span follow it,
    so new incidents show at once; a range the analyst chose stays as it is."""
    state = st.session_state
    previous = state.get(_SPAN_KEY)
    state[_SPAN_KEY] = (first, last)
    if previous is None or previous == (first, last):
        return
    start_key, end_key = FIELDS_BY_NAME["start"].param, FIELDS_BY_NAME["end"].param
    for key, old, new in ((start_key, previous[0], first), (end_key, previous[1], last)):
        if state.get(key) == old:
            state[key] = new


def _default(key: str, value) -> dict:
    """A widget's default, left out once the URL or code has set its value
    (Streamlit warns when a widget gets both)."""
    return {} if key in st.session_state else {"value": value}


def _parent(sub_event_type: str) -> str:
    return next(name for name, subs in EVENT_TAXONOMY.items() if sub_event_type in subs)


@dataclass(frozen=True)
class MapDisplay:
    layers: str  # one of LAYER_CHOICES
    tiles: str
    shade: str  # a key of maps.choropleth.MEASURES

    @property
    def points(self) -> bool:
        return self.layers in ("Points", "Points and density", "Districts shaded and points")

    @property
    def heat(self) -> bool:
        return self.layers in ("Density", "Points and density")

    @property
    def shaded(self) -> bool:
        return self.layers.startswith("Districts shaded")


def map_display_sidebar(default_tiles: str) -> MapDisplay:
    """Layer choice, district shading and base-map tile source (kept across pages and in the URL)."""
    sidebar = st.sidebar
    sidebar.header("Map")
    layers = sidebar.radio("Show incidents as", LAYER_CHOICES, key=LAYERS_KEY, persist_state="session")
    shade = st.session_state.get(SHADE_KEY, "incidents")
    if layers.startswith("Districts shaded"):
        shade = sidebar.selectbox(
            "Shade districts by", list(MEASURES), format_func=MEASURES.get, key=SHADE_KEY, persist_state="session",
            help="Rates use the 2023 census population of each district; classes are quantiles, as counts are skewed.",
        )  # fmt: skip
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
    return MapDisplay(layers, tiles, shade)


def write_url(incident_filter: IncidentFilter, default_tiles: str) -> None:
    """Put the current view in the address bar (only what differs from the defaults)."""
    params: dict[str, str | list[str]] = dict(incident_filter.to_query_params())
    layers = st.session_state.get(LAYERS_KEY, LAYER_CHOICES[0])
    if layers != LAYER_CHOICES[0]:
        params[LAYERS_KEY] = layers
    shade = st.session_state.get(SHADE_KEY, "incidents")
    if layers.startswith("Districts shaded") and shade != "incidents":
        params[SHADE_KEY] = shade
    tiles = st.session_state.get(TILES_KEY, default_tiles)
    if tiles != default_tiles and tiles in TILE_SOURCES:
        params[TILES_KEY] = tiles
    current = _url_params()
    wanted = {name: value if isinstance(value, list) else [value] for name, value in params.items()}
    if current != wanted:
        st.query_params.from_dict(params)
