"""Base-map tile sources. Tiles are the one part of the map that must come from a server."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TileSource:
    key: str
    label: str
    url: str | None
    attribution: str


TILE_SOURCES: dict[str, TileSource] = {
    source.key: source
    for source in (
        TileSource(
            "openstreetmap",
            "OpenStreetMap",
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
        ),
        TileSource(
            "carto",
            "CARTO light",
            "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png",
            '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
            'contributors &copy; <a href="https://carto.com/attributions">CARTO</a>',
        ),
        TileSource("none", "None (outlines only, works offline)", None, ""),
    )
}


def resolve_tile_source(setting: str) -> TileSource:
    """A named source (openstreetmap, carto, none) or a custom {z}/{x}/{y} URL template.

    Raises ValueError for anything else, with the accepted values in the message.
    """
    key = (setting or "").strip()
    if key.lower() in TILE_SOURCES:
        return TILE_SOURCES[key.lower()]
    # "{{", "{%" and "{#" would reach folium's template engine; no tile server needs them.
    template_tags = any(tag in key for tag in ("{{", "{%", "{#"))
    if (
        key.startswith(("http://", "https://"))
        and all(part in key for part in ("{z}", "{x}", "{y}"))
        and not template_tags
    ):
        return TileSource("custom", "Custom tile server", key, "Tiles: " + key.split("/")[2])
    raise ValueError(
        f"Unknown tile source {setting!r}: use openstreetmap, carto, none, or a URL "
        "template with {z}, {x} and {y}."
    )
