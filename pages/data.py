"""Data page: the filtered incidents as a sortable table, and their export (CSV, GeoJSON, Excel)."""

from __future__ import annotations

import streamlit as st

from incidents.export import loaded_columns
from ui.context import page_context
from ui.exports import export_buttons
from ui.panels import data_quality, filter_summary

context = page_context()
filtered = context.filtered

st.title("Incidents")
filter_summary(context)

st.dataframe(
    filtered[loaded_columns(filtered)],
    hide_index=True,
    width="stretch",
    height=min(560, 38 + 35 * max(len(filtered), 1)),
    column_config={
        "event_date": st.column_config.DateColumn("event_date", format="YYYY-MM-DD"),
        "source_url": st.column_config.LinkColumn("source_url"),
        "notes": st.column_config.TextColumn("notes", width="large"),
    },
)

export_buttons(context)

data_quality(context, expanded=not context.loaded.problems.empty)
