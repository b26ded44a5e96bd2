"""Add from report page: paste or upload a news report, review the proposed incidents and their evidence, save."""

from __future__ import annotations

import datetime as dt
import hashlib

import streamlit as st
from streamlit_folium import st_folium

from geo.errors import ProjectError
from incidents.errors import ReportTooLongError, SaveLockedError
from incidents.reports.dates import find_publication_date
from incidents.reports.extract import extract_incidents, proposals_frame, read_report
from incidents.reports.review import check_proposals, highlighted_evidence
from incidents.storage import append_incidents
from incidents.validation import validate_incidents
from maps.incident_map import build_base_map, incident_layers
from maps.tiles import resolve_tile_source
from ui.context import page_context
from ui.importing import gazetteer_geocoder
from ui.plain_text import code_span, escape_markdown

STATE_KEY = "report_proposals"
SAVED_KEY = "report_saved_message"
RUNS_KEY = "report_runs"  # bumped after a save: fresh widgets for the next report
# Beyond this many proposals their evidence blocks would bury the table (a digest
# of many reports can give hundreds); the table still holds every proposal.
EVIDENCE_SHOWN_FOR = 30
EDITABLE = [
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
    "assoc_actor_2", "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities", "injuries",
    "notes", "source_url", "is_claim", "duplicate_of",
]  # fmt: skip

context = page_context()
run = st.session_state.get(RUNS_KEY, 0)

st.title("Add from report")
st.markdown(
    "Paste a news report (or upload a .txt or .html file) and give its publication date. The dashboard proposes "
    "the incidents it reports, typed, dated and placed through the offline gazetteer, with the words behind each "
    'field highlighted. Background ("attacks in recent months") is left out; claims and incidents already in '
    "the data are marked and start unchosen. Correct what is wrong in the table, choose the proposals to keep, then "
    "save."
)
if message := st.session_state.pop(SAVED_KEY, None):
    st.success(message)

uploaded = st.file_uploader("Report file", type=["txt", "html", "htm"], key=f"report_file_{run}")
pasted = st.text_area("…or paste the report", height=220, key=f"report_text_{run}")
raw = uploaded.getvalue().decode("utf-8", errors="replace") if uploaded is not None else pasted
try:
    text = read_report(raw) if raw.strip() else ""
except ReportTooLongError as error:
    st.error(escape_markdown(error))
    st.stop()
found_date = find_publication_date(text) if text else None
left, right = st.columns(2)
published = left.date_input(
    "Publication date", value=found_date or dt.date.today(), format="YYYY-MM-DD", key=f"report_date_{run}",
    help="Relative dates in the report (\"on Sunday\", \"last month\") are resolved against this date.",
)  # fmt: skip
outlet = right.text_input("Source (outlet)", key=f"report_source_{run}", placeholder="e.g. Dawn, VOA, AFP")

if not text:
    st.info("Paste a report or upload a file to see the incidents it reports.")
    st.stop()

source = f"{outlet.strip() or 'Report'} ({published.isoformat()})"
state_id = hashlib.sha256(f"{text}|{published}|{source}".encode()).hexdigest()
state = st.session_state.get(STATE_KEY)
if state is None or state["id"] != state_id:
    proposals = extract_incidents(text, published, gazetteer_geocoder())
    frame = proposals_frame(proposals, source, text, context.loaded.incidents)
    state = {"id": state_id, "frame": frame}
    st.session_state[STATE_KEY] = state
frame = state["frame"]

if frame.empty:
    st.warning("No incident found in this report: no event with a place the gazetteer knows. Background and "
               "general statements are not proposed.")  # fmt: skip
    st.stop()



def proposal_label(position: int, proposal) -> str:
    label = f"{position + 1}. {proposal['sub_event_type']}, {proposal['location']}, {proposal['event_date']}"
    if proposal["is_claim"]:
        label += " (claim)"
    if proposal["duplicate_of"]:
        label += f" (already in the data as {proposal['duplicate_of']})"
    return label


labels = {position: proposal_label(position, proposal) for position, proposal in frame.iterrows()}
st.subheader(f"{len(frame)} proposed incident(s)")
for position, proposal in frame.head(EVIDENCE_SHOWN_FOR).iterrows():
    evidence = highlighted_evidence(text, proposal)
    # Expander labels are Markdown; the report's words are shown as text.
    with st.expander(escape_markdown(labels[position]), expanded=position == 0):
        # st.html, not Markdown: the sentences are escaped HTML with <mark> tags, and
        # Markdown in the report's text ("![x](http://host/x.png)") must stay text.
        st.html(
            "".join(
                f'<blockquote class="report-sentence">{sentence}</blockquote>' for sentence in evidence.sentences
            )
            + "<style>.report-sentence{border-left:3px solid rgba(128,128,128,.5);margin:0 0 .5rem;"
            "padding:.1rem .8rem}</style>"
        )
        st.caption(
            "Highlighted: the words behind a field (hover for which). Notes below are a summary to edit."
            + (f" {escape_markdown(evidence.note)}" if evidence.note else "")
        )
if len(frame) > EVIDENCE_SHOWN_FOR:
    st.caption(
        f"The evidence of the first {EVIDENCE_SHOWN_FOR} proposals is shown above; the table below lists all "
        f"{len(frame):,}. A text this long is probably several reports: add them one at a time."
    )

edited = st.data_editor(
    frame[EDITABLE],
    key=f"proposals_{state_id[:12]}",
    hide_index=True,
    disabled=["is_claim", "duplicate_of"],
    column_config={"notes": st.column_config.TextColumn("notes", width="large")},
)
# A proposal matching an incident already in the data is never saved a second time, so it is not offered;
# unconfirmed claims are offered but start unchosen.
offered = [position for position in frame.index if not frame.at[position, "duplicate_of"]]
picked = st.multiselect(
    "Proposals to save",
    offered,
    default=[position for position in offered if not frame.at[position, "is_claim"]],
    format_func=labels.get,
    key=f"report_pick_{state_id[:12]}",
)
if skipped := [f"proposal {position + 1} is {frame.at[position, 'duplicate_of']}" for position in frame.index
               if position not in offered]:  # fmt: skip
    st.caption(
        f"Not offered, already in the data: {escape_markdown('; '.join(skipped))}. "
        "Edit that incident in the data file instead."
    )
chosen = edited.loc[sorted(picked)].drop(columns=["is_claim", "duplicate_of"])
chosen = chosen.assign(
    source=frame.loc[chosen.index, "source"], admin1="Balochistan", admin3="", event_id_cnty="",
    report_sha256=frame.loc[chosen.index, "report_sha256"],
)  # fmt: skip
rows, problems = check_proposals(chosen) if len(chosen) else (chosen, None)
if problems is not None and not problems.empty:
    st.dataframe(problems, hide_index=True, width="stretch")

preview = (
    validate_incidents(rows.drop(columns=["report_sha256"]).astype(str)).incidents if len(rows) else None
)
if preview is not None and len(preview):
    st_folium(
        build_base_map(resolve_tile_source(context.settings.tiles), context.boundaries),
        feature_group_to_add=incident_layers(preview),
        returned_objects=[],
        key=f"report_map_{state_id[:12]}",
        height=320,
        use_container_width=True,
    )

data_path = context.settings.data_path
if st.button(
    f"Save {len(rows)} incident(s) to {escape_markdown(data_path.name)}",
    type="primary",
    disabled=len(rows) == 0,
    icon="💾",
):
    try:
        result = append_incidents(data_path, rows)
    except SaveLockedError as error:
        # Another save holds the file; the rows stay here for the analyst to save again.
        st.warning(escape_markdown(error))
    except (ProjectError, OSError) as error:
        st.error(f"Nothing was saved: {escape_markdown(error)}")
    else:
        st.session_state.pop(STATE_KEY, None)
        st.session_state[RUNS_KEY] = run + 1
        st.session_state[SAVED_KEY] = (
            f"Saved {result.rows_added} incident(s) to {code_span(result.path)} "
            f"({escape_markdown(', '.join(result.new_ids))}); the previous file is kept as "
            f"{code_span(result.backup_path)}. They are on the map now."
        )
        st.rerun()
