"""Data page: the filtered incidents as a sortable table, and their CSV export."""

from __future__ import annotations

import streamlit as st

from incidents.export import export_file_name, incidents_to_csv
from ui.context import page_context
from ui.panels import data_quality, filter_summary

context = page_context()
filtered = context.filtered

st.title("Incidents")
filter_summary(context)

visible = [column for column in filtered.columns if not str(column).startswith("_")]
st.dataframe(
    filtered[visible],
    hide_index=True,
    width="stretch",
    height=min(560, 38 + 35 * max(len(filtered), 1)),
    column_config={
        "event_date": st.column_config.DateColumn("event_date", format="YYYY-MM-DD"),
        "source_url": st.column_config.LinkColumn("source_url"),
        "notes": st.column_config.TextColumn("notes", width="large"),
    },
)

file_name = export_file_name(context.incident_filter, filtered)
st.download_button(
    f"Download {len(filtered):,} incidents as CSV",
    data=lambda: incidents_to_csv(filtered),
    file_name=file_name,
    mime="text/csv",
    on_click="ignore",
    icon="⬇️",
    disabled=filtered.empty,
)
st.caption(
    f"`{file_name}`: every loaded column, exactly the rows above. Cells that a spreadsheet "
    "would run as a formula (starting with = + - @) get a leading apostrophe."
)

data_quality(context, expanded=not context.loaded.problems.empty)
