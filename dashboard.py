"""Balochistan incident map: page setup, data source, filters and navigation.

Run: python -m ui.serve [-- --data PATH --boundaries PATH --tiles none]
(or streamlit run dashboard.py, see ui/serve.py for the difference)
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.context import hand_over, prepare_app
from ui.sidebar import write_url

st.set_page_config(
    page_title="Balochistan incident map",
    page_icon=str(Path(__file__).parent / "assets" / "favicon.png"),
    layout="wide",
)

context = prepare_app()
if context is None:
    # Still go through st.navigation: without it Streamlit would fall back to
    # running pages/ on its own, without the data those pages need.
    st.navigation([st.Page(lambda: None, title="Data file problem")]).run()
    st.stop()
hand_over(context)

# st.navigation turns off automatic pages/ discovery, so every page is listed here.
navigation = st.navigation(
    [
        st.Page("pages/map.py", title="Map", icon=":material/map:", default=True),
        st.Page("pages/data.py", title="Data", icon=":material/table:"),
        st.Page("pages/add_data.py", title="Add data", icon=":material/upload_file:"),
        st.Page("pages/add_report.py", title="Add from report", icon=":material/article:"),
        st.Page("pages/about.py", title="About", icon=":material/info:"),
    ]
)
# The address follows the filter before the page runs (pages such as Add data may stop
# early) and again after it, for what the page itself changed (the map's layers and tiles).
write_url(context.incident_filter, context.settings.tiles)
navigation.run()
write_url(context.incident_filter, context.settings.tiles)
