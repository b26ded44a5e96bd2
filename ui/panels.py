"""Panels more than one page shows: the filter sentence and the data-quality report."""

from __future__ import annotations

import streamlit as st

from incidents.aggregation import headline_figures
from incidents.validation import FLAGGED, REJECTED
from ui.context import AppContext, district_disagreements
from ui.plain_text import code_span, escape_markdown


def filter_sentence(context: AppContext) -> str:
    """'412 of 1,000 incidents, 903 fatalities, where district is Kech and …'."""
    headline = headline_figures(context.filtered)
    return context.incident_filter.describe(headline.incidents, headline.fatalities, len(context.loaded.incidents))


def filter_summary(context: AppContext) -> None:
    sentence = filter_sentence(context)
    # Filter values come from the URL and the data: text, not Markdown.
    st.markdown(f"**{escape_markdown(sentence)}**")


def data_quality(context: AppContext, expanded: bool = False) -> None:
    """What was rejected or flagged when the file was read, row by row."""
    loaded = context.loaded
    problems = loaded.problems
    rejected_rows = problems.loc[problems["severity"] == REJECTED, "row"].nunique()
    flagged_rows = problems.loc[problems["severity"] == FLAGGED, "row"].nunique()
    title = (
        f"Data quality: {loaded.rows_read:,} rows read, {len(loaded.incidents):,} loaded, "
        f"{rejected_rows:,} rejected, {flagged_rows:,} flagged"
    )
    with st.expander(title, expanded=expanded, icon="⚠️" if rejected_rows or flagged_rows else "✅"):
        st.caption(
            f"File: {code_span(context.settings.data_path)}. Rejected rows are left out of the map and "
            "table; flagged rows are loaded as they are. Row numbers count the header as row 1, "
            "as a spreadsheet does."
        )
        for note in loaded.file_notes:
            st.warning(escape_markdown(note))
        if loaded.district_renames:
            st.write(
                "District names unified: "
                + ", ".join(
                    f"{escape_markdown(old)} → {escape_markdown(new)}"
                    for old, new in sorted(loaded.district_renames.items())
                )
            )
        if problems.empty:
            st.success("Every row passed validation.")
        else:
            st.dataframe(problems, hide_index=True, width="stretch", height=min(400, 36 + 35 * len(problems)))
        _district_check(context)


# A list longer than this says nothing more and would weigh megabytes on the page.
DISAGREEMENTS_SHOWN = 1_000


def _district_check(context: AppContext) -> None:
    disagreements = district_disagreements(context.settings)
    if disagreements is None:
        st.caption(
            "District check: district boundaries are turned off, so each incident's district is its "
            "`admin2` label. Leave `--boundaries` unset (the shipped COD-AB districts) or give a file to check "
            "labels against polygons."
        )
        return
    source = code_span(context.settings.boundaries_path.name)
    if disagreements.empty:
        st.success(f"District check: every incident's point lies in its `admin2` district ({source}).")
        return
    st.warning(
        f"District check: {len(disagreements):,} incident(s) have a point in another district than their "
        f"`admin2` label ({source}). Filters and figures use the label; the polygon's district is shown here."
    )
    shown = disagreements.head(DISAGREEMENTS_SHOWN)
    if len(disagreements) > len(shown):
        st.caption(
            f"The first {len(shown):,} of them are listed here."
        )
    st.dataframe(shown, hide_index=True, width="stretch", height=min(400, 36 + 35 * len(shown)))
