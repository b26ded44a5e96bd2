"""Tile sources: named ones, custom templates, and clear refusals."""

from __future__ import annotations

import pytest

from maps.tiles import resolve_tile_source


@pytest.mark.parametrize("name", ["openstreetmap", "carto", "none", "NONE"])
def test_named_sources(name):
    assert resolve_tile_source(name).key == name.lower()


def test_none_has_no_url():
    assert resolve_tile_source("none").url is None


def test_custom_template():
    source = resolve_tile_source("http://tiles.local/{z}/{x}/{y}.png")
    assert source.key == "custom" and source.url.endswith("{y}.png")


@pytest.mark.parametrize(
    "setting",
    [
        "google",
        "http://tiles.local/tile.png",
        "",
        "ftp://x/{z}/{x}/{y}",
        "http://{{ 7*7 }}/{z}/{x}/{y}.png",  # would reach folium's template engine
    ],
)
def test_unknown_sources_are_refused(setting):
    with pytest.raises(ValueError, match="Unknown tile source"):
        resolve_tile_source(setting)
