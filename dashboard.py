"""Balochistan incident map: page setup, data source, filters and navigation.

Run: streamlit run dashboard.py [-- --data PATH --boundaries PATH --tiles none]
"""

from __future__ import annotations

import streamlit as st

from ui.context import (
    CONTEXT_KEY,
    AppContext,
    current_settings,
    filtered_incidents,
    load_data,
    load_district_boundaries,
)
from ui.sidebar import filter_sidebar

st.set_page_config(page_title="Balochistan incident map", page_icon=":material/map:", layout="wide")

settings = current_settings()
loaded = load_data(settings)
incident_filter = filter_sidebar(loaded.incidents)
boundaries, boundaries_error = load_district_boundaries(settings)
st.session_state[CONTEXT_KEY] = AppContext(
    settings=settings,
    loaded=loaded,
    incident_filter=incident_filter,
    filtered=filtered_incidents(settings, incident_filter),
    boundaries=boundaries,
    boundaries_error=boundaries_error,
)

# st.navigation turns off automatic pages/ discovery, so every page is listed here.
navigation = st.navigation(
    [
        st.Page("pages/map.py", title="Map", icon=":material/map:", default=True),
        st.Page("pages/data.py", title="Data", icon=":material/table:"),
        st.Page("pages/about.py", title="About", icon=":material/info:"),
    ]
)
navigation.run()
