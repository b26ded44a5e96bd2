"""folium elements the incident map is made of: local assets, incident points, heat, legend.

No Leaflet object per incident: the points layer carries its incidents as typed
columns and draws them in one pass on the map's canvas (maps/incident_canvas.js).
"""

from __future__ import annotations

from pathlib import Path
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
INCIDENT_CANVAS_JS = (Path(__file__).parent / "incident_canvas.js").read_text(encoding="utf-8")


class OfflineMap(folium.Map):
    """A folium Map that loads Leaflet from the app itself, never from a CDN.

    folium's defaults also pull jQuery, Bootstrap and awesome-markers from CDNs;
    nothing here uses them. leaflet.heat is loaded up front because
    streamlit-folium only loads scripts when the map itself is first drawn.
    """

    default_js: ClassVar = [LEAFLET_JS, LEAFLET_HEAT_JS]
    default_css: ClassVar = [LEAFLET_CSS]


# Where scripts/setup copies the npm assets that STATIC_URL serves.
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


class SelfContainedMap(folium.Map):
    """A map whose Leaflet is inline (see InlineAssets): one file that works offline from disk."""

    default_js: ClassVar = []
    default_css: ClassVar = []


class InlineAssets(MacroElement):
    """Leaflet's script and style written into the page itself."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        <script>{{ this.js }}</script>
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "InlineAssets"
        leaflet = STATIC_DIR / "leaflet"
        try:
            self.js = (leaflet / "leaflet.js").read_text(encoding="utf-8")
            self.css = (leaflet / "leaflet.css").read_text(encoding="utf-8")
        except OSError as error:
            raise FileNotFoundError(
                f"Leaflet is missing from {leaflet} ({error.strerror}): run scripts/setup, which copies it there."
            ) from error


class IncidentCanvasScript(MacroElement):
    """Defines `L.incidentDots` (maps/incident_canvas.js) once, in the map's script.

    In the map's script, not the page head: streamlit-folium adds the head with
    innerHTML, where scripts never run, but evaluates the map's script. Inline
    rather than a served file: a saved map then works offline on its own. The
    script holds no data and no template syntax.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.source }}
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "IncidentCanvasScript"
        self.source = INCIDENT_CANVAS_JS


class IncidentPoints(MacroElement):
    """All incidents as one canvas layer, coloured by event type, sized by fatalities.

    `payload_json` comes from `maps.incident_payload.incident_payload`: typed columns
    and escaped strings. Popups are built on click from those columns. The layer
    draws on the map's own canvas (prefer_canvas): a second canvas on top would
    swallow clicks meant for the district outlines below it.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent._parent.get_name() }};
            var layer = L.incidentDots({{ this.payload_json }});
            layer.addTo({{ this._parent.get_name() }});
            map.getContainer().dataset.incidentCount = layer._count;
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
            .incident-time { background: rgba(255,255,255,0.92); padding: 4px 8px; font: 12px/1.4 sans-serif;
                border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3); display: flex; align-items: center;
                gap: 6px; }
            .incident-time-play { width: 28px; height: 24px; cursor: pointer; border: 1px solid #999;
                border-radius: 3px; background: #fff; font-size: 11px; }
            .incident-time-slider { width: 240px; }
            .incident-time-label { min-width: 150px; white-space: nowrap; }
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
