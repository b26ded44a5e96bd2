"""What every page needs: settings, the loaded incidents and the active filter."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from geo.boundaries import Boundaries, BoundariesError, load_boundaries
from incidents.errors import DataFileError
from incidents.filters import IncidentFilter
from incidents.loading import LoadResult, load_incidents
from incidents.settings import Settings, read_settings

CONTEXT_KEY = "app_context"


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    loaded: LoadResult
    incident_filter: IncidentFilter
    filtered: pd.DataFrame
    boundaries: Boundaries | None
    boundaries_error: str | None


def _file_key(path: Path) -> tuple[str, int, int]:
    """Small cache key: a changed file (size or mtime) is read again."""
    stat = path.stat()
    return str(path.resolve()), stat.st_mtime_ns, stat.st_size


# cache_resource: one read-only copy shared by sessions, no pickling per rerun.
@st.cache_resource(show_spinner="Reading incidents…", max_entries=4)
def _cached_incidents(file_key: tuple[str, int, int]) -> LoadResult:
    return load_incidents(file_key[0])


@st.cache_resource(show_spinner="Reading district boundaries…", max_entries=2)
def _cached_boundaries(file_key: tuple[str, int, int]) -> Boundaries:
    return load_boundaries(file_key[0])


@st.cache_resource(max_entries=32)
def _cached_filter(file_key: tuple[str, int, int], incident_filter: IncidentFilter) -> pd.DataFrame:
    return incident_filter.apply(_cached_incidents(file_key).incidents)


def current_settings() -> Settings:
    return read_settings(sys.argv[1:], os.environ)


def load_data(settings: Settings) -> LoadResult:
    """The incidents, or a clear message and a stopped page when the file is unusable."""
    try:
        return _cached_incidents(_file_key(settings.data_path))
    except FileNotFoundError:
        st.error(
            f"No incidents file at `{settings.data_path}`. Point the app at one with "
            "`streamlit run dashboard.py -- --data PATH` or the `INCIDENTS_CSV` variable."
        )
    except DataFileError as error:
        st.error(f"The incidents file cannot be used: {error}")
    st.stop()
    raise AssertionError("unreachable")  # st.stop() raises


def load_district_boundaries(settings: Settings) -> tuple[Boundaries | None, str | None]:
    if settings.boundaries_path is None:
        return None, None
    try:
        return _cached_boundaries(_file_key(settings.boundaries_path)), None
    except FileNotFoundError:
        return None, f"No boundaries file at `{settings.boundaries_path}`."
    except BoundariesError as error:
        return None, str(error)


def filtered_incidents(settings: Settings, incident_filter: IncidentFilter) -> pd.DataFrame:
    return _cached_filter(_file_key(settings.data_path), incident_filter)


def app_context() -> AppContext:
    """The context dashboard.py built for this run."""
    return st.session_state[CONTEXT_KEY]
