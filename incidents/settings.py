"""Where the app finds its data, boundaries and base map: command line, then environment."""

from __future__ import annotations

import argparse
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = PROJECT_ROOT / "data" / "incidents.csv"

# The largest data file the app or the command line reads (uploads have Streamlit's own
# limit). Far above any incidents file (ACLED's whole Pakistan history is ~30 MB), yet a
# wrong path (a disk image, a log) is refused before it fills the memory.
DEFAULT_MAX_FILE_MB = 500.0
MAX_FILE_MB_FLAG = "--max-file-mb"
MAX_FILE_MB_ENVIRONMENT = "INCIDENTS_MAX_FILE_MB"

# Each setting: command-line flag, environment variable. (The file size limit is kept
# apart, MAX_FILE_MB_*: the About page lists these four with a description of each.)
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
    # The largest data file read, in MB (2**20 bytes).
    max_file_mb: float = DEFAULT_MAX_FILE_MB
    # Settings that were given but could not be used, said in words for the analyst.
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def max_file_bytes(self) -> int:
        return megabytes_to_bytes(self.max_file_mb)


def megabytes_to_bytes(megabytes: float) -> int:
    return int(megabytes * (1 << 20))


def parse_max_file_mb(text: str) -> float:
    """A positive, finite number of megabytes; ValueError saying why otherwise."""
    try:
        megabytes = float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number of megabytes") from None
    if not math.isfinite(megabytes) or megabytes <= 0:
        raise ValueError(f"{text!r} is not a positive number of megabytes")
    return megabytes


def max_file_mb_setting(argument: str | None, environ: Mapping[str, str]) -> tuple[float, tuple[str, ...]]:
    """The file size limit from the command line, else the environment, else the default; plus notes.

    A value that is not a positive number is ignored, with a note, rather than
    stopping the app: the default is a safe limit.
    """
    given = argument or environ.get(MAX_FILE_MB_ENVIRONMENT) or None
    if given is None:
        return DEFAULT_MAX_FILE_MB, ()
    try:
        return parse_max_file_mb(given), ()
    except ValueError as error:
        return DEFAULT_MAX_FILE_MB, (
            f"The file size limit ({MAX_FILE_MB_FLAG} / {MAX_FILE_MB_ENVIRONMENT}) was ignored: {error}; "
            f"files up to {DEFAULT_MAX_FILE_MB:g} MB are read.",
        )


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
    parser.add_argument(MAX_FILE_MB_FLAG, dest="max_file_mb")
    arguments, _ = parser.parse_known_args(list(argv))

    def pick(name: str) -> str | None:
        return getattr(arguments, name) or environ.get(ENVIRONMENT[name]) or None

    data = pick("data")
    boundaries = pick("boundaries")
    tehsils = pick("tehsils")
    max_file_mb, notes = max_file_mb_setting(arguments.max_file_mb, environ)
    return Settings(
        data_path=Path(data).expanduser() if data else DEFAULT_DATA,
        boundaries_path=Path(boundaries).expanduser() if boundaries else None,
        tiles=pick("tiles") or "openstreetmap",
        tehsils_path=Path(tehsils).expanduser() if tehsils else None,
        max_file_mb=max_file_mb,
        notes=notes,
    )
