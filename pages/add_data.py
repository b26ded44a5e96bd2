"""Add data page: upload an ACLED, UCDP or GTD export or a sheet of places; check, fix and save."""

from __future__ import annotations

import streamlit as st

from geo.districts import DISTRICTS
from geo.errors import ProjectError
from incidents.dedup import side_by_side
from incidents.errors import SaveLockedError
from incidents.imports.pipeline import GEOCODING_COLUMN, check_import, rows_to_save, save_import
from ui.context import page_context
from ui.importing import (
    apply_corrections,
    forget_import,
    gazetteer_geocoder,
    gazetteer_notes,
    gazetteer_summary,
    start_import,
    unresolved_rows,
)
from ui.plain_text import code_span, escape_markdown

SAVED_KEY = "import_saved_message"
UPLOADS_KEY = "import_uploads"  # a new uploader after each save clears the old file
REVIEW_COLUMNS = [
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin2", "location",
    "latitude", "longitude", "geo_precision", "fatalities", "injuries", "source", GEOCODING_COLUMN,
]  # fmt: skip
SIDE_BY_SIDE = ["event_date", "event_type", "admin2", "location", "fatalities", "notes"]

context = page_context()
data_path = context.settings.data_path

st.title("Add data")
st.markdown(
    "Upload a file of incidents to add to the map. Accepted: this project's CSV, an **ACLED** "
    "export (full or trimmed), a **UCDP GED** export, a **Global Terrorism Database** export, "
    "or any sheet with a **date** column and a **place** column (CSV or Excel; UTF-8 or Latin-1). "
    f"Rows without coordinates are placed through the offline gazetteer ({gazetteer_summary(gazetteer_geocoder())}). "
    "Nothing is saved until you press **Save**; the current file is backed up first."
)
for note in gazetteer_notes():
    st.warning(escape_markdown(note))
if message := st.session_state.pop(SAVED_KEY, None):
    st.success(message)

use_online = st.toggle(
    "Also ask OpenStreetMap's Nominatim (online) for places the gazetteer lacks",
    value=False,
    help="Off by default: restricted networks cannot reach it. One request a second; every answer is cached on disk.",
)
uploaded = st.file_uploader(
    "Incidents file",
    type=["csv", "txt", "xlsx", "xlsm"],
    key=f"import_file_{st.session_state.get(UPLOADS_KEY, 0)}",
)
if uploaded is None:
    forget_import()
    st.info(f"New rows are appended to {code_span(data_path)}.")
    st.stop()

try:
    state = start_import(uploaded.name, uploaded.getvalue(), use_online)
except ProjectError as error:
    st.error(f"{escape_markdown(uploaded.name)} cannot be imported: {escape_markdown(error)}")
    st.stop()

st.subheader(f"{escape_markdown(uploaded.name)}: {len(state.rows):,} rows, read as {state.format_label}")
for note in state.notes:
    st.warning(escape_markdown(note))

unresolved = unresolved_rows(state)
if not unresolved.empty:
    st.markdown(
        f"**{len(unresolved)} row(s) have a place the gazetteer does not know.** Correct the place "
        "name (e.g. a nearby town) or type the coordinates; the row is geocoded again when you leave the cell."
    )
    editable = unresolved[["location", "admin2", "latitude", "longitude"]].copy()
    editable.insert(0, "row", unresolved.index + 2)
    edited = st.data_editor(
        editable,
        key=f"unresolved_{state.generation}",
        hide_index=True,
        disabled=["row"],
        column_config={
            "row": st.column_config.NumberColumn("row", help="Row in the uploaded file (header = row 1)"),
            "admin2": st.column_config.SelectboxColumn("district", options=["", *DISTRICTS]),
        },
    )
    if not edited.drop(columns="row").equals(editable.drop(columns="row")):
        apply_corrections(state, edited.drop(columns="row"), use_online)
        st.rerun()

checked = check_import(state.rows, context.loaded.incidents)
with st.expander(f"All {len(state.rows):,} rows as they will be saved", expanded=len(state.rows) <= 20):
    review = state.rows[REVIEW_COLUMNS].copy()
    review.insert(0, "row", review.index + 2)
    st.dataframe(review, hide_index=True, width="stretch")

problems = checked.problems
if problems.empty:
    st.success("Every row passed validation.")
else:
    st.markdown(
        f"**Validation: {problems['row'].nunique()} row(s) with problems** (rejected rows are not saved)"
    )
    st.dataframe(problems, hide_index=True, width="stretch")

kept: set[int] = set()
if not checked.duplicates.empty:
    st.markdown(
        f"**{checked.duplicates['new_row'].nunique()} row(s) look like incidents already in the data** "
        "(same event type and district, at most a day and 5 km apart). They are skipped unless you tick *keep*."
    )
    pairs = side_by_side(state.rows, context.loaded.incidents, checked.duplicates, SIDE_BY_SIDE)
    pairs.insert(0, "keep", False)
    decisions = st.data_editor(
        pairs,
        key=f"duplicates_{state.generation}",
        hide_index=True,
        disabled=[column for column in pairs.columns if column != "keep"],
    )
    kept = {int(row) - 2 for row in decisions.loc[decisions["keep"], "row"]}

to_save = rows_to_save(checked, kept)
if st.button(
    f"Save {len(to_save):,} incident(s) to {escape_markdown(data_path.name)}",
    type="primary",
    disabled=to_save.empty,
    icon="💾",
):
    try:
        result = save_import(data_path, to_save)
    except SaveLockedError as error:
        # Another save holds the file; the rows stay here for the analyst to save again.
        st.warning(escape_markdown(error))
    except (ProjectError, OSError) as error:
        st.error(f"Nothing was saved: {escape_markdown(error)}")
    else:
        forget_import()
        st.session_state[UPLOADS_KEY] = st.session_state.get(UPLOADS_KEY, 0) + 1
        st.session_state[SAVED_KEY] = (
            f"Saved {result.rows_added} incident(s) to {code_span(result.path)} "
            f"({escape_markdown(result.new_ids[0])} to {escape_markdown(result.new_ids[-1])}); the previous "
            f"file is kept as {code_span(result.backup_path)}. They are on the map now."
        )
        st.rerun()
