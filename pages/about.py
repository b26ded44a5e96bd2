"""About page: what the dashboard shows, where its data comes from, how to use your own."""

from __future__ import annotations

import streamlit as st

from incidents.filters import QUERY_PARAMS
from incidents.schema import CANONICAL_COLUMNS, EVENT_TAXONOMY, REQUIRED_COLUMNS
from incidents.settings import SETTINGS
from ui.context import page_context
from ui.plain_text import code_span

context = page_context()
settings = context.settings

st.title("About this dashboard")
st.markdown(
    """
Incidents of political violence in **Balochistan, Pakistan**, on a map that works
offline. Filter in the sidebar; the **Map** page shows headline figures, the
incidents coloured by event type and sized by fatalities, and monthly trends; the
**Data** page shows the same rows as a table and exports them as CSV; **Add data**
imports an ACLED, UCDP GED or GTD export or a sheet of dates and places, geocoding
places offline; **Add from report** proposes the incidents a news report describes,
with the evidence for each field, for you to correct and save. The whole filter lives in the page address: copy the link to share
exactly this view.
"""
)

st.subheader("This session")
st.markdown(
    f"""
- Incidents file: {code_span(settings.data_path)} ({len(context.loaded.incidents):,} incidents loaded)
- District outlines: {code_span(settings.boundaries_path) if settings.boundaries_path else "turned off"}
- Tehsil polygons for the geocoder: {code_span(settings.tehsils_path) if settings.tehsils_path else "turned off"}
- Default base map: {code_span(settings.tiles)}
"""
)

st.subheader("Who can open it")
st.warning(
    "The dashboard has **no login**: whoever can open it can read every incident and save into the "
    "data file. It therefore listens on this machine only (`localhost`, set in `.streamlit/config.toml`) "
    "and asks no outside service anything at start."
)
st.markdown(
    "To let colleagues on a network you trust open it, start it with "
    "`STREAMLIT_SERVER_ADDRESS=0.0.0.0 scripts/run` (or the address of one network interface). "
    "Anyone who can reach that address can then use it."
)

st.subheader("Use your own data")
st.markdown(
    f"""
Start the app on any CSV with ACLED's column names, e.g. an ACLED export (all 31
columns or a trimmed subset):

```
scripts/run --data path/to/acled_export.csv
# or: INCIDENTS_CSV=path/to/acled_export.csv scripts/run
```

A file needs at least **{", ".join(REQUIRED_COLUMNS)}**. Rows with an unreadable date,
coordinates or event type are left out and listed under *Data quality* with their
row number; rows with a doubtful value (a point outside Balochistan, an unknown
district, a missing fatality count) are loaded and flagged. District spellings
are unified (Turbat → Kech, Bolan → Kachhi, Qila → Killa, …).

Settings (command line after `--`, or environment):
"""
)
st.table(
    {
        "flag": [spec.flag for spec in SETTINGS],
        "environment": [spec.environment for spec in SETTINGS],
        "default": [spec.default for spec in SETTINGS],
        "what": [spec.description for spec in SETTINGS],
    }
)

st.markdown(
    "District and tehsil outlines ship with the dashboard (OCHA COD-AB 2022, see below), so a fresh install "
    "draws them, filters by a clicked district and checks each incident's district with no setting. To use "
    "geoBoundaries' open set instead, on a machine that is online "
    "`.venv/bin/python -m geo.download_boundaries [--tehsils]` fetches it once and prints the `--boundaries` "
    "(and `--tehsils`) to use."
)

st.subheader("Importing from the command line")
st.markdown(
    """
```
.venv/bin/python -m incidents.imports FILE [FILE ...] [--data PATH] [--dry-run] [--online] [--keep-duplicates]
```
reads the same formats as the Add data page, geocodes, validates, skips duplicates and
appends atomically after a backup; it prints each file's problems by row.
"""
)

st.subheader("Columns")
st.markdown(
    "Canonical columns (ACLED's names, plus `injuries` and `source_url`): "
    + ", ".join(f"`{column}`" for column in CANONICAL_COLUMNS)
    + ". Extra columns in your file are kept and exported."
)
with st.expander("ACLED event and sub-event types"):
    st.table(
        {
            "event_type": list(EVENT_TAXONOMY),
            "sub_event_type": ["; ".join(subs) for subs in EVENT_TAXONOMY.values()],
        }
    )

st.subheader("Link parameters")
st.markdown(
    "The address keeps the filter as query parameters: "
    + ", ".join(f"`{name}`" for name in QUERY_PARAMS.values())
    + ", plus `layers` and `tiles` for the map."
)

st.subheader("The shipped incidents")
st.markdown(
    """
`data/incidents.csv` holds real incidents in Balochistan, 2015–2025, each taken from a
published news report named in `source` and linked in `source_url`. Fatalities follow one
rule: the final official figure where there is one, else the most conservative widely
reported, with attackers killed counted as ACLED does (the notes say how many).
`geo_precision` follows ACLED (1 the named place itself, 2 near it or part of a town or
area, 3 only the district known). Notes are written for this project. It is a curated
sample for analysis and demonstration, not a complete record of the conflict.
"""
)

st.subheader("Maps and places: sources and credits")
st.markdown(
    """
- **Boundaries** (province, 35 districts, 103 tehsils, shipped in `geo/data/`): OCHA Common
  Operational Dataset for Pakistan, COD-AB 2022-09-09, by WFP and ITOS, licensed CC BY-IGO.
  Simplified to about 100 m for this project.
- **Populated places** (16,398, shipped in `geo/data/balochistan_places.csv`): Who's On First
  (https://whosonfirst.org/docs/licenses/, CC0 and CC BY sources), including data from
  GeoNames (https://www.geonames.org, CC BY 4.0), foursquare Quattroshapes (CC BY) and
  Natural Earth (public domain). Districts and tehsils assigned with OCHA COD-AB Pakistan
  2022 (WFP / ITOS, CC BY-IGO).
- **Cited places** (`geo/gazetteer.csv`): each row names the page or GeoNames id its
  coordinates come from.
- **District populations** for rates per 100,000 people (`geo/data/district_population_2023.csv`):
  the 2023 Population and Housing Census (Pakistan Bureau of Statistics), each figure with the
  page that states it; Kohlu, Washuk, Lehri and Sibi have no rate (see the file's notes).
- **Base map tiles**, when switched on: © OpenStreetMap contributors (or CARTO), loaded
  from the internet; the map works without them.

`python -m geo.build_geography` rebuilds the shipped files from these sources.
"""
)
