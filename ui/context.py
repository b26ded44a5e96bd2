"""What every page needs: settings, the loaded incidents and the active filter."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from geo.boundaries import Boundaries, BoundariesError, load_boundaries
from geo.district_lookup import DistrictIndex, label_disagreements
from incidents.errors import DataFileError
from incidents.filters import IncidentFilter
from incidents.loading import LoadResult, load_incidents
from incidents.settings import Settings, read_settings
from ui.plain_text import code_span, escape_markdown
from ui.serve import leave_pages_folder_mode

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
    """Small cache key: a changed file (size or mtime) is read again.

    Raises FileNotFoundError for a missing file. A path that cannot be looked at
    otherwise (a symbolic-link loop, no permission) keys on its name, so the
    loader is the one to say what is wrong with it, as a message.
    """
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise
    except OSError:
        return str(path), 0, 0
    try:
        resolved = str(path.resolve())
    except (OSError, RuntimeError):  # RuntimeError: Python 3.11's resolve() on a link loop
        resolved = str(path)
    return resolved, stat.st_mtime_ns, stat.st_size


# cache_resource: one read-only copy shared by sessions, no pickling per rerun.
@st.cache_resource(show_spinner="Reading incidents…", max_entries=4)
def _cached_incidents(file_key: tuple[str, int, int]) -> LoadResult:
    # The size limit and the columnar cache's folders come from the command line or
    # environment, fixed for the server's life.
    settings = current_settings()
    return load_incidents(file_key[0], max_bytes=settings.max_file_bytes, cache_dirs=settings.cache_dirs)


@st.cache_resource(show_spinner="Reading district boundaries…", max_entries=2)
def _cached_boundaries(file_key: tuple[str, int, int]) -> Boundaries:
    return load_boundaries(file_key[0])


@st.cache_resource(max_entries=32)
def _cached_filter(file_key: tuple[str, int, int], incident_filter: IncidentFilter) -> pd.DataFrame:
    return incident_filter.apply(_cached_incidents(file_key).incidents)


@st.cache_resource(show_spinner="Checking districts against the boundaries…", max_entries=4)
def _cached_disagreements(data_key: tuple[str, int, int], boundaries_key: tuple[str, int, int]) -> pd.DataFrame:
    index = DistrictIndex.from_boundaries(_cached_boundaries(boundaries_key))
    return label_disagreements(_cached_incidents(data_key).incidents, index)


def district_disagreements(settings: Settings) -> pd.DataFrame | None:
    """Incidents whose admin2 label differs from the polygon their point is in; None without boundaries."""
    if settings.boundaries_path is None or not settings.boundaries_path.exists():
        return None
    try:
        return _cached_disagreements(_file_key(settings.data_path), _file_key(settings.boundaries_path))
    except BoundariesError:
        return None


def current_settings() -> Settings:
    return read_settings(sys.argv[1:], os.environ)


def load_data(settings: Settings) -> tuple[LoadResult | None, str | None]:
    """The incidents, or None and a message for the analyst when the file is unusable.

    The message is Markdown, with everything taken from the file or the path escaped:
    an error can quote the file's header names.
    """
    try:
        return _cached_incidents(_file_key(settings.data_path)), None
    except FileNotFoundError:
        return None, (
            f"No incidents file at {code_span(settings.data_path)}. Point the app at one with "
            "`streamlit run dashboard.py -- --data PATH` or the `INCIDENTS_CSV` variable."
        )
    except DataFileError as error:
        return None, f"The incidents file cannot be used: {escape_markdown(error)}"


def load_district_boundaries(settings: Settings) -> tuple[Boundaries | None, str | None]:
    if settings.boundaries_path is None:
        return None, None
    try:
        return _cached_boundaries(_file_key(settings.boundaries_path)), None
    except FileNotFoundError:
        return None, f"No boundaries file at {settings.boundaries_path}."
    except BoundariesError as error:
        return None, str(error)


def filtered_incidents(settings: Settings, incident_filter: IncidentFilter) -> pd.DataFrame:
    return _cached_filter(_file_key(settings.data_path), incident_filter)


def prepare_app() -> AppContext | None:
    """Read settings and data, draw the filter sidebar and build this run's context.

    Returns None after showing the analyst why, when the data file is unusable.
    """
    from ui.sidebar import filter_sidebar  # the sidebar needs this module's loaders

    settings = current_settings()
    loaded, load_error = load_data(settings)
    if loaded is None:
        st.error(load_error)
        return None
    for note in settings.notes:
        st.warning(escape_markdown(note))
    incident_filter = filter_sidebar(loaded.incidents)
    boundaries, boundaries_error = load_district_boundaries(settings)
    return AppContext(
        settings=settings,
        loaded=loaded,
        incident_filter=incident_filter,
        filtered=filtered_incidents(settings, incident_filter),
        boundaries=boundaries,
        boundaries_error=boundaries_error,
    )


def hand_over(context: AppContext) -> None:
    """dashboard.py passes this run's context to the page it runs next."""
    st.session_state[CONTEXT_KEY] = context


def page_context() -> AppContext:
    """The context dashboard.py built for this run.

    Taken, not read, so it never outlives its run. A page can also be run on its
    own: Streamlit does that when a server's very first request is a page's URL
    (it still sees the pages/ folder) and AppTest does on reruns; the page then
    reruns through dashboard.py, or builds the context itself.
    """
    context = st.session_state.pop(CONTEXT_KEY, None)
    if context is None and leave_pages_folder_mode():
        st.rerun()  # now through dashboard.py and its st.navigation
    context = context or prepare_app()
    if context is None:
        st.stop()
    return context
