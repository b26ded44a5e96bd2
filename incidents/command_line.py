"""What the command-line tools share with the app: the same settings, read the same way, and the
geocoder those settings describe.

A tool registers the settings' flags (so its --help lists them) and reads them with
incidents.settings.read_settings, exactly as the dashboard does: --data, --boundaries,
--tehsils, --max-file-mb, else their environment variables, else the shipped defaults.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence

from geo.boundary_places import configured_gazetteer
from geo.geocoding import GazetteerGeocoder
from incidents.settings import SETTINGS, Settings, read_settings

# Settings a data tool has no use for.
_NOT_FOR_TOOLS = ("tiles",)


def add_setting_arguments(parser: argparse.ArgumentParser) -> None:
    """The app's settings as the tool's own flags, described from incidents.settings.SETTINGS."""
    for spec in SETTINGS:
        if spec.name not in _NOT_FOR_TOOLS:
            parser.add_argument(
                spec.flag, dest=f"setting_{spec.name}", metavar=spec.name.upper(),
                help=f"{spec.description} (default: ${spec.environment}, else {spec.default})",
            )  # fmt: skip


def tool_settings(argv: Sequence[str], environ: Mapping[str, str]) -> Settings:
    """The settings the app would read from these arguments and this environment; notes to stderr."""
    settings = read_settings(argv, environ)
    for note in settings.notes:
        print(f"note: {note}", file=sys.stderr)
    return settings


def tool_geocoder(settings: Settings) -> GazetteerGeocoder:
    """The gazetteer plus the places of the configured (by default the shipped) boundary files.

    Notes about unusable files go to stderr; the gazetteer still answers.
    """
    gazetteer, notes = configured_gazetteer(settings.boundaries_path, settings.tehsils_path)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    return GazetteerGeocoder(gazetteer)
