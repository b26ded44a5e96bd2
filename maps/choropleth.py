"""Districts shaded by incidents or fatalities, as counts or per 100,000 people, for the filter.

Counts of political violence are skewed: a few districts (Quetta, Kech) hold most
incidents. Equal-interval classes would put nearly every district in the lowest one,
so the classes are quantiles of the districts with a value above zero (at most five,
fewer when values repeat); zero is a class of its own and a district without a
population figure is "no census figure", grey, never zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

import folium
import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo.boundaries import Boundaries
from incidents.district_summary import district_table
from maps.markup import escape_for_map, json_for_script

MEASURES: dict[str, str] = {
    "incidents": "Incidents",
    "fatalities": "Fatalities",
    "incidents_per_100k": "Incidents per 100,000 people",
    "fatalities_per_100k": "Fatalities per 100,000 people",
}
# ColorBrewer "OrRd", 5 classes (colour-blind safe, prints in grey as a ramp).
RAMP = ("#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000")
ZERO_COLOUR = "#ffffff"
NO_DATA_COLOUR = "#bdbdbd"


@dataclass(frozen=True)
class Classes:
    """Upper bounds of each class (ascending) and their colours."""

    bounds: tuple[float, ...]
    colours: tuple[str, ...]

    def colour(self, value: float | None) -> str:
        if value is None or pd.isna(value):
            return NO_DATA_COLOUR
        if value <= 0:
            return ZERO_COLOUR
        for bound, colour in zip(self.bounds, self.colours, strict=True):
            if value <= bound:
                return colour
        return self.colours[-1]


def district_values(
    incidents: pd.DataFrame, measure: str, populations: Mapping[str, int], districts: list[str]
) -> dict[str, float | None]:
    """`measure` for every district of the map: 0 where no incident, None where a rate has no population."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    table = district_table(incidents, populations).set_index("district")
    values: dict[str, float | None] = {}
    for district in districts:
        if measure.endswith("_per_100k") and district not in populations:
            values[district] = None
        elif district in table.index:
            value = table.loc[district, measure]
            values[district] = None if pd.isna(value) else float(value)
        else:
            values[district] = 0.0
    return values


def quantile_classes(values: list[float | None], classes: int = 5) -> Classes:
    """Quantile classes of the values above zero; fewer classes when values repeat."""
    positive = np.array(sorted(value for value in values if value is not None and value > 0))
    if positive.size == 0:
        return Classes((), ())
    bounds = sorted({float(np.quantile(positive, step / classes)) for step in range(1, classes + 1)})
    ramp = RAMP[len(RAMP) - len(bounds) :] if len(bounds) < len(RAMP) else RAMP
    return Classes(tuple(bounds), tuple(ramp))


def _format(value: float, measure: str) -> str:
    return f"{value:,.2f}" if measure.endswith("_per_100k") else f"{value:,.0f}"


def legend_html(classes: Classes, measure: str) -> str:
    rows = [f"<strong>{escape_for_map(MEASURES[measure])}</strong>"]
    low = None
    for bound, colour in zip(classes.bounds, classes.colours, strict=True):
        span = f"up to {_format(bound, measure)}" if low is None else f"{_format(low, measure)} – {_format(bound, measure)}"
        rows.append(f"<div><i style='background:{colour};border-radius:0'></i>{span}</div>")
        low = bound
    rows.append(f"<div><i style='background:{ZERO_COLOUR};border:1px solid #999;border-radius:0'></i>none</div>")
    if measure.endswith("_per_100k"):
        rows.append(f"<div><i style='background:{NO_DATA_COLOUR};border-radius:0'></i>no census figure</div>")
    return "".join(rows)


class ChoroplethLegend(MacroElement):
    """The class legend, shown while its feature group is on the map."""

    _template: ClassVar = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var group = {{ this._parent.get_name() }};
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "incident-legend");
                div.innerHTML = {{ this.html_json }};
                return div;
            };
            group.on("add", function () { legend.addTo(group._map); });
            group.on("remove", function () { legend.remove(); });
            if (group._map) { legend.addTo(group._map); }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html_json: str):
        super().__init__()
        self._name = "ChoroplethLegend"
        self.html_json = html_json


def choropleth_layer(
    incidents: pd.DataFrame, boundaries: Boundaries, measure: str, populations: Mapping[str, int]
) -> folium.FeatureGroup:
    """Districts shaded by `measure`; hovering names the district and its value, a click filters."""
    districts = [feature["properties"]["district"] for feature in boundaries.districts["features"]]
    values = district_values(incidents, measure, populations, districts)
    classes = quantile_classes(list(values.values()))
    features = []
    for feature in boundaries.districts["features"]:
        district = feature["properties"]["district"]
        value = values[district]
        shown = "no census figure" if value is None else _format(value, measure)
        features.append(
            {
                **feature,
                "properties": {
                    "district": escape_for_map(district),
                    "value": escape_for_map(shown),
                    "colour": classes.colour(value),
                },
            }
        )
    group = folium.FeatureGroup(name="Districts shaded")
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=lambda feature: {
            "fillColor": feature["properties"]["colour"], "fillOpacity": 0.75, "color": "#555555", "weight": 1,
        },
        tooltip=folium.GeoJsonTooltip(fields=["district", "value"], aliases=["", MEASURES[measure]], labels=True),
    ).add_to(group)  # fmt: skip
    group.add_child(ChoroplethLegend(json_for_script(legend_html(classes, measure))))
    return group
