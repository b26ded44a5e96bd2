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

# The shipped COD-AB 2022 polygons (geo/data, built by geo.build_geography): outlines, the
# click-to-filter and the district check work on a fresh install; "none" turns them off.
DEFAULT_BOUNDARIES = PROJECT_ROOT / "geo" / "data" / "balochistan_districts.geojson"
DEFAULT_TEHSILS = PROJECT_ROOT / "geo" / "data" / "balochistan_tehsils.geojson"
OFF = "none"

# The columnar copy of the data file (incidents.columnar_cache): in this folder beside the data
# file, else (a read-only data folder) in the user's cache; "none" turns it off.
CACHE_FOLDER_NAME = ".cache"
USER_CACHE_DIR = Path.home() / ".cache" / "balochistan-incidents" / "columnar"


@dataclass(frozen=True)
class SettingSpec:
    """One setting: its command-line flag, environment variable, default and what it does."""

    name: str
    environment: str
    default: str
    description: str

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


# Every setting of the app and the command-line tools, once: read_settings, the About
# page and the README (a test checks) all follow this table.
SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("data", "INCIDENTS_CSV", "data/incidents.csv", "incidents CSV (this project's or an ACLED export)"),
    SettingSpec(
        "boundaries", "INCIDENTS_BOUNDARIES", "the shipped COD-AB districts",
        "district polygons (GeoJSON, e.g. COD-AB or geoBoundaries ADM2): outlines, click-to-filter and the "
        "district check; `none` turns them off",
    ),
    SettingSpec(
        "tehsils", "INCIDENTS_TEHSILS", "the shipped COD-AB tehsils",
        "tehsil polygons (GeoJSON, e.g. COD-AB ADM3): every tehsil becomes a place the geocoder knows; "
        "`none` turns them off",
    ),
    SettingSpec(
        "tiles", "INCIDENTS_TILES", "openstreetmap",
        "base map: openstreetmap, carto, none, or a URL template with {z}/{x}/{y}",
    ),
    SettingSpec(
        "max_file_mb", "INCIDENTS_MAX_FILE_MB", f"{DEFAULT_MAX_FILE_MB:g}",
        "largest data file read, in MB: a wrong path (a disk image, a log) is refused before it is read",
    ),
    SettingSpec(
        "columnar_cache", "INCIDENTS_COLUMNAR_CACHE", f"{CACHE_FOLDER_NAME}/ beside the data file",
        "folder for a columnar (Parquet) copy of the data file, read at the next start instead of the CSV "
        "while the file is unchanged; if it cannot be written, ~/.cache/balochistan-incidents/columnar/; "
        "`none` turns it off",
    ),
)  # fmt: skip
SPECS = {spec.name: spec for spec in SETTINGS}
# Kept for callers that name a setting's variable: {"data": "INCIDENTS_CSV", ...}.
ENVIRONMENT = {spec.name: spec.environment for spec in SETTINGS}
MAX_FILE_MB_FLAG = SPECS["max_file_mb"].flag
MAX_FILE_MB_ENVIRONMENT = SPECS["max_file_mb"].environment


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
    # Folders for the columnar copy of the data file, tried in order (incidents.columnar_cache);
    # none: no copy is read or written.
    cache_dirs: tuple[Path, ...] = ()

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
    for spec in SETTINGS:
        parser.add_argument(spec.flag, dest=spec.name)
    arguments, _ = parser.parse_known_args(list(argv))

    def pick(name: str) -> str | None:
        return getattr(arguments, name) or environ.get(SPECS[name].environment) or None

    data = pick("data")
    max_file_mb, notes = max_file_mb_setting(arguments.max_file_mb, environ)
    return Settings(
        data_path=Path(data).expanduser() if data else DEFAULT_DATA,
        boundaries_path=_optional_path(pick("boundaries"), DEFAULT_BOUNDARIES),
        tiles=pick("tiles") or "openstreetmap",
        tehsils_path=_optional_path(pick("tehsils"), DEFAULT_TEHSILS),
        max_file_mb=max_file_mb,
        notes=notes,
        cache_dirs=cache_dirs(pick("columnar_cache"), Path(data).expanduser() if data else DEFAULT_DATA),
    )


def cache_dirs(value: str | None, data_path: Path) -> tuple[Path, ...]:
    """The folders the columnar copy of `data_path` is kept in, first choice first; () for "none"."""
    if value is not None and value.strip().lower() == OFF:
        return ()
    chosen = Path(value).expanduser() if value else data_path.parent / CACHE_FOLDER_NAME
    return (chosen, USER_CACHE_DIR) if chosen != USER_CACHE_DIR else (chosen,)


def _optional_path(value: str | None, default: Path) -> Path | None:
    """A configured file, the shipped default when none is given, None for "none"."""
    if value is None:
        return default
    if value.strip().lower() == OFF:
        return None
    return Path(value).expanduser()
