"""Map page: headline figures, the incident map and monthly trends for the current filter."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo.districts import DISTRICTS
from geo.population import district_populations
from incidents.aggregation import headline_figures
from incidents.charts import monthly_chart
from incidents.comparison import compare_with_previous
from maps.choropleth import choropleth_layer
from maps.incident_map import build_base_map, incident_layers
from maps.tiles import resolve_tile_source
from ui.analysis_panels import actors_panel, district_profile_panel, districts_panel
from ui.context import page_context
from ui.exports import brief_button
from ui.panels import data_quality, filter_summary
from ui.plain_text import code_span, escape_markdown
from ui.sidebar import MAP_GENERATION, map_display_sidebar, select_district

MAP_KEY = f"incident_map_{st.session_state.get(MAP_GENERATION, 0)}"


def filter_to_clicked_district() -> None:
    """A click on a district outline sets the district filter (before the rerun)."""
    clicked = (st.session_state.get(MAP_KEY) or {}).get("last_active_drawing") or {}
    district = (clicked.get("properties") or {}).get("district")
    if district in DISTRICTS:
        select_district(district)


context = page_context()
display = map_display_sidebar(context.settings.tiles)

st.title("Political violence in Balochistan")
filter_summary(context)

headline = headline_figures(context.filtered)
comparison = compare_with_previous(context.loaded.incidents, context.incident_filter)


def change(measure: str) -> dict:
    """st.metric's delta against the previous period of the same length, when there is one."""
    delta = comparison.change(headline, measure) if comparison else None
    if delta is None:
        return {}
    # More incidents or deaths is bad news: shown in red.
    return {"delta": f"{delta:+,} vs previous period", "delta_color": "inverse"}


columns = st.columns(4)
columns[0].metric("Incidents", f"{headline.incidents:,}", **change("incidents"))
columns[1].metric("Fatalities", f"{headline.fatalities:,}", **change("fatalities"))
columns[2].metric("Districts affected", f"{headline.districts:,}", **change("districts"))
columns[3].metric(
    "Date span",
    headline.date_span(),
    help=f"{headline.first_date:%Y-%m-%d} to {headline.last_date:%Y-%m-%d}" if headline.incidents else None,
)

if comparison is not None:
    st.caption(escape_markdown(comparison.describe()))

try:
    tile_source = resolve_tile_source(display.tiles)
except ValueError as error:
    st.error(escape_markdown(error))
    tile_source = resolve_tile_source("none")

base_map = build_base_map(tile_source, context.boundaries)
layers = []
if display.shaded and context.boundaries is not None:
    layers.append(choropleth_layer(context.filtered, context.boundaries, display.shade, district_populations()))
layers += incident_layers(context.filtered, show_points=display.points, show_heat=display.heat)
st_folium(
    base_map,
    feature_group_to_add=layers,
    # Only a click on a district outline comes back (and reruns the page);
    # panning and zooming stay in the browser.
    returned_objects=["last_active_drawing"] if context.boundaries else [],
    on_change=filter_to_clicked_district,
    key=MAP_KEY,
    height=560,
    use_container_width=True,
)

notes = []
if tile_source.url:
    notes.append(
        f"Base map: {tile_source.label}, loaded from the internet; on a restricted network "
        "choose **None** under Base map."
    )
if context.boundaries is not None:
    notes.append(
        f"District outlines: {code_span(context.boundaries.source_name)}; click a district to filter to it. "
        "Districts in filters and figures are the files' `admin2` labels (unified spellings), "
        "not the polygon a point falls in."
    )
elif context.boundaries_error:
    st.warning(f"District outlines not drawn: {escape_markdown(context.boundaries_error)}")
else:
    notes.append("District outlines are turned off (`--boundaries none`).")
if display.shaded and context.boundaries is None:
    notes.append("Districts can be shaded only with district boundaries; they are turned off.")
if len(context.filtered) > 5_000 and display.points:
    notes.append("Over 5,000 incidents: popups leave out notes; the Data page has them all.")
st.caption(" ".join(notes))

district_profile_panel(context)

if context.filtered.empty:
    st.info("No incident matches the filters. Widen the dates or clear a filter in the sidebar.")
else:
    trends, districts, actors = st.tabs(["Trends", "Districts", "Actors"])
    with trends:
        left, right = st.columns(2)
        left.altair_chart(monthly_chart(context.filtered, "incidents"), width="stretch")
        right.altair_chart(monthly_chart(context.filtered, "fatalities"), width="stretch")
    with districts:
        districts_panel(context, comparison)
    with actors:
        actors_panel(context)

brief_button(context, headline, comparison)

data_quality(context)
