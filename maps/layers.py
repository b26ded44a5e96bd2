"""folium elements the incident map is made of: local assets, incident points, heat, legend.

No folium object per incident: each layer carries its incidents as column
arrays in one JSON blob and draws them on a canvas in the browser.
"""

from __future__ import annotations

from typing import ClassVar

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

# Served by Streamlit's static file server from static/ (see scripts/setup).
STATIC_URL = "/app/static"
LEAFLET_JS = ("leaflet", f"{STATIC_URL}/leaflet/leaflet.js")
LEAFLET_CSS = ("leaflet_css", f"{STATIC_URL}/leaflet/leaflet.css")
LEAFLET_HEAT_JS = ("leaflet_heat", f"{STATIC_URL}/leaflet.heat/leaflet-heat.js")


class OfflineMap(folium.Map):
    """A folium Map that loads Leaflet from the app itself, never from a CDN.

    folium's defaults also pull jQuery, Bootstrap and awesome-markers from CDNs;
    nothing here uses them. leaflet.heat is loaded up front because
    streamlit-folium only loads scripts when the map itself is first drawn.
    """

    default_js: ClassVar = [LEAFLET_JS, LEAFLET_HEAT_JS]
    default_css: ClassVar = [LEAFLET_CSS]


class IncidentPoints(MacroElement):
    """Incidents as canvas circle markers, coloured by event type, sized by fatalities.

    `payload_json` comes from `maps.incident_map.incident_payload`: every string
    in it is already escaped. Popups are built on click from those columns.
    Markers use the map's own canvas (prefer_canvas): a second canvas on top
    would swallow clicks meant for the district outlines below it.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var data = {{ this.payload_json }};
            var group = {{ this._parent.get_name() }};
            var label = {
                date: "Date", type: "Type", actor1: "Actor", actor2: "Acted on",
                place: "Place", toll: "Toll", notes: "Notes", source: "Source"
            };
            function row(name, value) {
                return value ? "<tr><th>" + label[name] + "</th><td>" + value + "</td></tr>" : "";
            }
            function popupHtml(i) {
                var place = data.location[data.location_code[i]];
                if (data.district[data.district_code[i]]) {
                    place += ", " + data.district[data.district_code[i]];
                }
                var toll = data.fatalities[i] + " killed"
                    + (data.injuries[i] === null ? "" : ", " + data.injuries[i] + " injured");
                var source = data.source[data.source_code[i]];
                var url = data.source_url[i];
                if (url) { source += ' <a href="' + url + '" target="_blank" rel="noopener noreferrer">report</a>'; }
                return '<table class="incident-popup">'
                    + row("date", data.date[i])
                    + row("type", data.event_type[data.type_code[i]] + " / " + data.sub_event_type[data.sub_code[i]])
                    + row("actor1", data.actor[data.actor1_code[i]])
                    + row("actor2", data.actor[data.actor2_code[i]])
                    + row("place", place)
                    + row("toll", toll)
                    + row("notes", data.notes ? data.notes[i] : "")
                    + row("source", source)
                    + "</table>";
            }
            for (var i = 0; i < data.lat.length; i++) {
                var marker = L.circleMarker([data.lat[i], data.lon[i]], {
                    radius: Math.min(data.radius.base + data.radius.step * Math.sqrt(data.fatalities[i]), data.radius.max),
                    color: "#ffffff", weight: 1,
                    fillColor: data.color[data.type_code[i]], fillOpacity: 0.8
                });
                marker.incidentIndex = i;
                marker.addTo(group);
            }
            group.on("click", function (event) {
                var i = event.layer.incidentIndex;
                if (i === undefined) { return; }
                L.popup({maxWidth: 360}).setLatLng(event.latlng).setContent(popupHtml(i))
                    .openOn({{ this._parent._parent.get_name() }});
            });
            {{ this._parent._parent.get_name() }}.getContainer().dataset.incidentCount = data.lat.length;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, payload_json: str):
        super().__init__()
        self._name = "IncidentPoints"
        self.payload_json = payload_json


class IncidentHeat(JSCSSMixin, MacroElement):
    """A leaflet.heat layer over the incidents, weighted by 1 + fatalities."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var points = {{ this.points_json }};
            L.heatLayer(points, {radius: 18, blur: 22, maxZoom: 10, minOpacity: 0.3})
                .addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )
    default_js: ClassVar = [LEAFLET_HEAT_JS]

    def __init__(self, points_json: str):
        super().__init__()
        self._name = "IncidentHeat"
        self.points_json = points_json


class Legend(MacroElement):
    """Event-type colours and marker size, as a Leaflet control (bottom right)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
            .leaflet-container { background: #f4f6f8; }
            .incident-legend { background: rgba(255,255,255,0.92); padding: 6px 9px;
                font: 12px/1.5 sans-serif; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3); }
            .incident-legend i { display: inline-block; width: 11px; height: 11px;
                border-radius: 50%; margin-right: 6px; vertical-align: -1px; }
            .incident-popup th { text-align: left; padding-right: 8px; vertical-align: top; white-space: nowrap; }
            .incident-popup td { vertical-align: top; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "incident-legend");
                div.innerHTML = {{ this.html_json }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html_json: str):
        super().__init__()
        self._name = "Legend"
        self.html_json = html_json
