"""Session state of one import on the Add data page: the upload, the rows as edited, the save.

The rows live in session state so that geocoding runs once per upload and per
correction, never on every rerun.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from geo.boundary_places import configured_gazetteer
from geo.gazetteer import CITED, DISTRICT_AREA, OPEN_DATA, TEHSIL_AREA
from geo.geocoding import GazetteerGeocoder
from geo.online import DEFAULT_CACHE_PATH, CachedOnlineGeocoder
from incidents.imports.pipeline import GEOCODING_COLUMN, Upload, geocode_missing, is_unresolved, read_upload
from ui.context import current_settings

STATE_KEY = "import_state"


@dataclass
class ImportState:
    file_digest: str
    file_name: str
    format_label: str
    notes: list[str]
    rows: pd.DataFrame
    generation: int = 0  # bumped whenever `rows` change, to redraw the editors
    kept_duplicates: set[int] = field(default_factory=set)


def _optional_file_key(path: Path | None) -> tuple[str, int, int] | None:
    """A changed file is read again; a missing one keys on its name (its loader says it is missing)."""
    if path is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return str(path), 0, 0
    return str(path.resolve()), stat.st_mtime_ns, stat.st_size


@st.cache_resource(show_spinner="Reading the gazetteer…", max_entries=4)
def _configured_geocoder(
    boundaries_key: tuple[str, int, int] | None, tehsils_key: tuple[str, int, int] | None
) -> tuple[GazetteerGeocoder, tuple[str, ...]]:
    gazetteer, notes = configured_gazetteer(
        Path(boundaries_key[0]) if boundaries_key else None, Path(tehsils_key[0]) if tehsils_key else None
    )
    return GazetteerGeocoder(gazetteer), tuple(notes)


def gazetteer_geocoder() -> GazetteerGeocoder:
    """The offline geocoder over the gazetteer and, when configured, every tehsil of the boundary files."""
    return _configured_geocoder(*_configured_keys())[0]


def gazetteer_notes() -> tuple[str, ...]:
    """Why a configured boundary file adds no places, for the page to show."""
    return _configured_geocoder(*_configured_keys())[1]


def gazetteer_summary(geocoder: GazetteerGeocoder) -> str:
    """What the geocoder knows, e.g. "103 cited places, 16,301 populated places (Who's On First /
    GeoNames) and 62 tehsils placed inside their polygons"."""
    places = geocoder.gazetteer.places
    cited = sum(place.origin == CITED and place.kind not in (TEHSIL_AREA, DISTRICT_AREA) for place in places)
    open_data = sum(place.origin == OPEN_DATA for place in places)
    tehsils = sum(place.kind == TEHSIL_AREA for place in places)
    summary = f"{cited:,} cited places, {open_data:,} populated places (Who's On First / GeoNames)"
    return summary + (f" and {tehsils:,} tehsils placed inside their polygons" if tehsils else "")


def _configured_keys() -> tuple[tuple[str, int, int] | None, tuple[str, int, int] | None]:
    settings = current_settings()
    return _optional_file_key(settings.boundaries_path), _optional_file_key(settings.tehsils_path)


@st.cache_resource
def online_geocoder() -> CachedOnlineGeocoder:
    return CachedOnlineGeocoder(DEFAULT_CACHE_PATH)


def current_import() -> ImportState | None:
    return st.session_state.get(STATE_KEY)


def forget_import() -> None:
    st.session_state.pop(STATE_KEY, None)


def start_import(name: str, raw: bytes, use_online: bool) -> ImportState:
    """Read and geocode an upload once; the same file uploaded again keeps the analyst's edits."""
    digest = hashlib.sha256(raw).hexdigest()
    state = current_import()
    if state is not None and state.file_digest == digest:
        return state
    upload: Upload = read_upload(raw, name)
    if use_online:
        online_geocoder().forget_offline()  # the network may be back since the last import
    rows, notes = _geocode(upload.rows, use_online)
    state = ImportState(digest, name, upload.format_label, [*upload.notes, *notes], rows)
    st.session_state[STATE_KEY] = state
    return state


def apply_corrections(state: ImportState, corrected: pd.DataFrame, use_online: bool) -> None:
    """Put the analyst's corrections of unresolved rows back and geocode them again."""
    if use_online:
        online_geocoder().forget_offline()
    rows = state.rows.copy()
    for position, correction in corrected.iterrows():
        for column in ("location", "admin2", "latitude", "longitude"):
            value = correction[column]
            rows.at[position, column] = "" if value is None or pd.isna(value) else str(value).strip()
        if rows.at[position, "latitude"] and rows.at[position, "longitude"]:
            rows.at[position, GEOCODING_COLUMN] = "typed by the analyst"
    rows, notes = _geocode(rows, use_online, show_progress=False)
    state.rows = rows
    state.notes = list(dict.fromkeys([*state.notes, *notes]))
    state.generation += 1


def unresolved_rows(state: ImportState) -> pd.DataFrame:
    return state.rows.loc[is_unresolved(state.rows[GEOCODING_COLUMN])]


def _geocode(rows: pd.DataFrame, use_online: bool, show_progress: bool = True) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Geocode rows without coordinates; a progress bar for a whole upload.

    A correction shows none: it is a place or two, and a bar drawn in the run that
    then reruns the page left the browser showing the page before the correction.
    """
    bar = st.progress(0.0, text="Geocoding places…") if show_progress else None

    def report(done: int, total: int) -> None:
        if bar is not None:
            bar.progress(done / total, text=f"Geocoding places… {done} of {total}")

    rows, notes = geocode_missing(
        rows, gazetteer_geocoder(), online_geocoder() if use_online else None, progress=report
    )
    if bar is not None:
        bar.empty()
    return rows, notes
