"""Where the app finds its data, boundaries and base map: command line, then environment."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = PROJECT_ROOT / "data" / "incidents.csv"

# Each setting: command-line flag, environment variable.
ENVIRONMENT = {
    "data": "INCIDENTS_CSV",
    "boundaries": "INCIDENTS_BOUNDARIES",
    "tehsils": "INCIDENTS_TEHSILS",
    "tiles": "INCIDENTS_TILES",
}


@dataclass(frozen=True)
class Settings:
    data_path: Path
    boundaries_path: Path | None
    tiles: str
    # Tehsil (ADM3) polygons: every tehsil becomes a place the geocoder knows (geo.boundary_places).
    tehsils_path: Path | None = None


def read_settings(argv: Sequence[str], environ: Mapping[str, str]) -> Settings:
    """Settings from `streamlit run dashboard.py -- --data PATH ...` or the environment.

    The command line wins over the environment; unknown arguments are ignored
    because Streamlit may pass its own.
    """
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data")
    parser.add_argument("--boundaries")
    parser.add_argument("--tiles")
    parser.add_argument("--tehsils")
    arguments, _ = parser.parse_known_args(list(argv))

    def pick(name: str) -> str | None:
        return getattr(arguments, name) or environ.get(ENVIRONMENT[name]) or None

    data = pick("data")
    boundaries = pick("boundaries")
    tehsils = pick("tehsils")
    return Settings(
        data_path=Path(data).expanduser() if data else DEFAULT_DATA,
        boundaries_path=Path(boundaries).expanduser() if boundaries else None,
        tiles=pick("tiles") or "openstreetmap",
        tehsils_path=Path(tehsils).expanduser() if tehsils else None,
    )
