"""The command-line tools read the app's settings, the same way, and geocode with the same places."""

from __future__ import annotations

from geo.geocoding import GazetteerGeocoder
from incidents.command_line import tool_geocoder, tool_settings
from incidents.settings import DEFAULT_TEHSILS, read_settings
from tests.conftest import TEHSIL_BOUNDARIES


def test_a_tool_reads_the_settings_as_the_app_does():
    argv = ["file.csv", "--data", "/x/d.csv", "--tehsils", "none"]
    environment = {"INCIDENTS_MAX_FILE_MB": "2"}
    assert tool_settings(argv, environment) == read_settings(argv, environment)


def test_a_tools_geocoder_knows_the_shipped_tehsils_unless_turned_off(capsys):
    assert tool_settings([], {}).tehsils_path == DEFAULT_TEHSILS == TEHSIL_BOUNDARIES
    assert tool_geocoder(tool_settings([], {})).resolve("Kakar Khurasan tehsil").district == "Zhob"
    assert GazetteerGeocoder().resolve("Kakar Khurasan tehsil") is None  # the open places alone lack it
    assert tool_geocoder(tool_settings(["--tehsils", "none"], {})).resolve("Kakar Khurasan tehsil") is None
    tool_geocoder(tool_settings([], {"INCIDENTS_TEHSILS": "/nowhere.geojson"}))
    assert "note: Tehsil boundaries not used" in capsys.readouterr().err
