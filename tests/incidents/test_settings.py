"""Settings from the command line and the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidents.settings import (
    DEFAULT_BOUNDARIES,
    DEFAULT_DATA,
    DEFAULT_MAX_FILE_MB,
    DEFAULT_TEHSILS,
    SETTINGS,
    read_settings,
)
from tests.conftest import PROJECT_ROOT


def test_defaults_are_the_shipped_files():
    settings = read_settings([], {})
    assert settings.data_path == DEFAULT_DATA
    assert settings.boundaries_path == DEFAULT_BOUNDARIES and DEFAULT_BOUNDARIES.exists()
    assert settings.tehsils_path == DEFAULT_TEHSILS and DEFAULT_TEHSILS.exists()
    assert settings.tiles == "openstreetmap"


@pytest.mark.parametrize("off", ["none", "None", " NONE "])
def test_shipped_polygons_can_be_turned_off(off):
    settings = read_settings(["--boundaries", off], {"INCIDENTS_TEHSILS": off})
    assert settings.boundaries_path is None and settings.tehsils_path is None


def test_every_setting_is_in_the_readme_with_its_flag_and_variable():
    readme = (PROJECT_ROOT / "README.md").read_text()
    for spec in SETTINGS:
        assert f"`{spec.flag}" in readme and f"`{spec.environment}`" in readme, spec.name


def test_environment():
    settings = read_settings(
        [], {"INCIDENTS_CSV": "/x/a.csv", "INCIDENTS_TILES": "none", "INCIDENTS_BOUNDARIES": "/b.geojson"}
    )
    assert settings.data_path == Path("/x/a.csv")
    assert settings.tiles == "none"
    assert settings.boundaries_path == Path("/b.geojson")


def test_command_line_wins_and_unknown_arguments_are_ignored():
    settings = read_settings(["--data", "/cli.csv", "--whatever", "1"], {"INCIDENTS_CSV": "/env.csv"})
    assert settings.data_path == Path("/cli.csv")


def test_tehsil_polygons_from_either_place():
    assert read_settings([], {"INCIDENTS_TEHSILS": "/t.geojson"}).tehsils_path == Path("/t.geojson")
    settings = read_settings(["--tehsils", "/cli.geojson"], {"INCIDENTS_TEHSILS": "/t.geojson"})
    assert settings.tehsils_path == Path("/cli.geojson")


def test_file_size_limit_from_either_place():
    assert read_settings([], {}).max_file_mb == DEFAULT_MAX_FILE_MB == 500
    assert read_settings([], {"INCIDENTS_MAX_FILE_MB": "20"}).max_file_mb == 20
    settings = read_settings(["--max-file-mb", "0.5"], {"INCIDENTS_MAX_FILE_MB": "20"})
    assert settings.max_file_bytes == 512 * 1024
    assert settings.notes == ()


@pytest.mark.parametrize("value", ["lots", "0", "-3", "inf", "nan"])
def test_an_unusable_file_size_limit_falls_back_to_the_default_with_a_note(value):
    settings = read_settings(["--max-file-mb", value], {})
    assert settings.max_file_mb == DEFAULT_MAX_FILE_MB
    assert "INCIDENTS_MAX_FILE_MB" in settings.notes[0]
    assert value in settings.notes[0]
