"""Session state of one import on the Add data page: the upload, the rows as edited, the save.

The rows live in session state so that geocoding runs once per upload and per
correction, never on every rerun.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from geo.geocoding import GazetteerGeocoder
from geo.online import DEFAULT_CACHE_PATH, CachedOnlineGeocoder
from incidents.imports.pipeline import GEOCODING_COLUMN, NOT_FOUND, Upload, geocode_missing, read_upload

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


@st.cache_resource
def gazetteer_geocoder() -> GazetteerGeocoder:
    return GazetteerGeocoder()


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
    rows, notes = _geocode(upload.rows, use_online)
    state = ImportState(digest, name, upload.format_label, [*upload.notes, *notes], rows)
    st.session_state[STATE_KEY] = state
    return state


def apply_corrections(state: ImportState, corrected: pd.DataFrame, use_online: bool) -> None:
    """Put the analyst's corrections of unresolved rows back and geocode them again."""
    rows = state.rows.copy()
    for position, correction in corrected.iterrows():
        for column in ("location", "admin2", "latitude", "longitude"):
            value = correction[column]
            rows.at[position, column] = "" if value is None or pd.isna(value) else str(value).strip()
        if rows.at[position, "latitude"] and rows.at[position, "longitude"]:
            rows.at[position, GEOCODING_COLUMN] = "typed by the analyst"
    rows, notes = _geocode(rows, use_online)
    state.rows = rows
    state.notes = list(dict.fromkeys([*state.notes, *notes]))
    state.generation += 1


def unresolved_rows(state: ImportState) -> pd.DataFrame:
    return state.rows.loc[state.rows[GEOCODING_COLUMN] == NOT_FOUND]


def _geocode(rows: pd.DataFrame, use_online: bool) -> tuple[pd.DataFrame, tuple[str, ...]]:
    bar = st.progress(0.0, text="Geocoding places…")

    def report(done: int, total: int) -> None:
        bar.progress(done / total, text=f"Geocoding places… {done} of {total}")

    rows, notes = geocode_missing(
        rows, gazetteer_geocoder(), online_geocoder() if use_online else None, progress=report
    )
    bar.empty()
    return rows, notes
