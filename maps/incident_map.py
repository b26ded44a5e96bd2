"""Build the folium map of incidents: a fixed base map and the layers that change with filters.

The base (tiles, province and district outlines, legend) stays the same while the
analyst filters, so streamlit-folium keeps the view; incidents travel as
separate feature groups.
"""

from __future__ import annotations

import folium
import numpy as np
import pandas as pd

from geo.boundaries import Boundaries
from incidents.schema import BALOCHISTAN_CENTER, EVENT_TYPE_COLORS, EVENT_TYPES
from maps.incident_payload import incident_payload
from maps.layers import (
    IncidentCanvasScript,
    IncidentHeat,
    IncidentPoints,
    InlineAssets,
    Legend,
    OfflineMap,
    SelfContainedMap,
)
from maps.markup import escape_for_map, json_for_script
from maps.tiles import TileSource

# The province's extent with a small margin: the initial view.
PROVINCE_FRAME = [[24.8, 61.0], [32.2, 70.3]]


def incident_layers(
    incidents: pd.DataFrame, show_points: bool = True, show_heat: bool = False
) -> list[folium.FeatureGroup]:
    """Feature groups for the filtered incidents (pass to st_folium's feature_group_to_add)."""
    groups = []
    if show_points:
        points = folium.FeatureGroup(name="Incidents")
        points.add_child(IncidentPoints(json_for_script(incident_payload(incidents))))
        groups.append(points)
    if show_heat:
        heat = folium.FeatureGroup(name="Density")
        weights = np.log1p(incidents["fatalities"].to_numpy(dtype=float)) + 1
        points = np.column_stack(
            [
                np.round(incidents["latitude"].to_numpy(dtype=float), 4),
                np.round(incidents["longitude"].to_numpy(dtype=float), 4),
                np.round(weights, 2),
            ]
        )
        heat.add_child(IncidentHeat(json_for_script(points.tolist())))
        groups.append(heat)
    return groups


def legend_html() -> str:
    items = "".join(
        f'<div><i style="background:{EVENT_TYPE_COLORS[name]}"></i>{escape_for_map(name)}</div>'
        for name in EVENT_TYPES
    )
    certainty = (
        "<div style='margin-top:4px'><strong>Place</strong></div>"
        "<div><i style='background:#555555'></i>at the place named</div>"
        "<div><i style='background:rgba(85,85,85,0.3);box-shadow:inset 0 0 0 1px #555555'></i>near it</div>"
        "<div><i style='border:1.5px dashed #555555;box-sizing:border-box;background:none'></i>district only</div>"
    )
    return (
        f"<strong>Event type</strong>{items}{certainty}"
        "<div style='margin-top:4px'>Size: fatalities</div>"
    )


def build_base_map(
    tile_source: TileSource, boundaries: Boundaries | None = None, self_contained: bool = False
) -> OfflineMap | SelfContainedMap:
    """The map without incidents: framed on Balochistan, tiles, outlines, legend.

    `self_contained`: Leaflet written into the page instead of loaded from the app, for a
    file that opens offline on its own (the brief)."""
    base = (SelfContainedMap if self_contained else OfflineMap)(
        location=BALOCHISTAN_CENTER,
        zoom_start=6,
        tiles=None,
        prefer_canvas=True,
        min_zoom=4,
        max_zoom=18,
        control_scale=True,
    )
    if tile_source.url:
        folium.TileLayer(
            tiles=tile_source.url,
            attr=tile_source.attribution
            if tile_source.key != "custom"
            else escape_for_map(tile_source.attribution),
            name=tile_source.label,
            max_zoom=18,
        ).add_to(base)
    if boundaries is not None:
        folium.GeoJson(
            boundaries.province,
            name="Province",
            style_function=lambda _: {"color": "#333333", "weight": 2.5, "fill": False},
            interactive=False,
        ).add_to(base)
        districts = {
            "type": "FeatureCollection",
            "features": [
                {**feature, "properties": {"district": escape_for_map(feature["properties"]["district"])}}
                for feature in boundaries.districts["features"]
            ],
        }
        folium.GeoJson(
            districts,
            name="Districts",
            style_function=lambda _: {
                "color": "#555555",
                "weight": 1,
                "fillColor": "#f2efe9",
                "fillOpacity": 0.35 if tile_source.url is None else 0.0,
            },
            tooltip=folium.GeoJsonTooltip(fields=["district"], labels=False),
        ).add_to(base)
    base.fit_bounds(PROVINCE_FRAME)
    if self_contained:
        base.add_child(InlineAssets())
    base.add_child(IncidentCanvasScript())
    base.add_child(Legend(json_for_script(legend_html())))
    return base


def build_map(
    incidents: pd.DataFrame,
    tile_source: TileSource,
    boundaries: Boundaries | None = None,
    show_points: bool = True,
    show_heat: bool = False,
    self_contained: bool = False,
) -> OfflineMap | SelfContainedMap:
    """A complete standalone map (base plus incident layers), e.g. to save as HTML."""
    base = build_base_map(tile_source, boundaries, self_contained=self_contained)
    for group in incident_layers(incidents, show_points=show_points, show_heat=show_heat):
        group.add_to(base)
    return base
