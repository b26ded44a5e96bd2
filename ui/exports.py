"""Download buttons for the filtered incidents: CSV, GeoJSON and Excel, named by the filter's dates."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo.population import district_populations
from incidents.aggregation import Headline
from incidents.comparison import PeriodComparison
from incidents.export import export_file_name, incidents_to_csv
from incidents.export_excel import EXCEL_MAX_ROWS, incidents_to_excel
from incidents.export_geojson import incidents_to_geojson
from incidents.export_manifest import ExportManifest, view_link
from maps.brief import BriefView, build_brief
from ui.context import AppContext
from ui.panels import filter_sentence


def current_link(context: AppContext) -> str:
    """The address that reopens this view: the app's own, with the filter's parameters."""
    return view_link(st.context.url or "http://localhost:8501/", context.incident_filter)


def export_manifest(context: AppContext) -> ExportManifest:
    return ExportManifest(filter_sentence(context), current_link(context), dt.datetime.now(), len(context.filtered))


def export_buttons(context: AppContext) -> None:
    filtered = context.filtered
    stem = export_file_name(context.incident_filter, filtered).removesuffix(".csv")
    count = f"{len(filtered):,}"
    columns = st.columns(3)
    columns[0].download_button(
        f"Download {count} incidents as CSV", data=lambda: incidents_to_csv(filtered), file_name=f"{stem}.csv",
        mime="text/csv", on_click="ignore", icon="⬇️", disabled=filtered.empty,
    )  # fmt: skip
    columns[1].download_button(
        "GeoJSON", data=lambda: incidents_to_geojson(filtered, export_manifest(context)),
        file_name=f"{stem}.geojson", mime="application/geo+json", on_click="ignore", icon=":material/map:",
        disabled=filtered.empty, help="Points for GIS software; the filter and its link are in `metadata`.",
    )  # fmt: skip
    too_many = len(filtered) > EXCEL_MAX_ROWS
    columns[2].download_button(
        "Excel", data=lambda: incidents_to_excel(filtered, export_manifest(context)), file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore", icon=":material/table_view:",
        disabled=filtered.empty or too_many,
        help=(f"Over {EXCEL_MAX_ROWS:,} rows do not fit in a sheet: use CSV." if too_many
              else "An incidents sheet and an 'about this export' sheet with the filter and its link."),
    )  # fmt: skip
    st.caption(
        f"`{stem}.*`: every loaded column, exactly the rows above. CSV cells that a spreadsheet would run as a "
        "formula (starting with = + - @) get a leading apostrophe; Excel cells are text, never formulas."
    )


def brief_button(context: AppContext, headline: Headline, comparison: PeriodComparison | None) -> None:
    """A one-page HTML brief of this view (map, figures, charts, table) that opens offline."""
    manifest = export_manifest(context)

    def brief() -> bytes:
        view = BriefView(
            title="Political violence in Balochistan",
            description=manifest.description,
            link=manifest.link,
            headline=headline,
            change={measure: comparison.change(headline, measure) if comparison else None
                    for measure in ("incidents", "fatalities", "districts")},
            change_note=comparison.describe() if comparison else "",
            generated_at=manifest.exported_at,
        )  # fmt: skip
        return build_brief(view, context.filtered, context.boundaries, district_populations()).encode("utf-8")

    stem = export_file_name(context.incident_filter, context.filtered).removesuffix(".csv")
    st.download_button(
        "Download a one-page brief (HTML)", data=brief, file_name=f"{stem}_brief.html", mime="text/html",
        on_click="ignore", icon=":material/description:",
        help="One file with the filter, figures, map, charts and incidents with their sources; it opens "
        "in a browser without a network and prints on a few pages.",
    )  # fmt: skip
