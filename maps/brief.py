"""A one-page brief of the current view: one HTML file that opens offline, from disk, anywhere.

Title, the filter in words and as a link, the headline figures with their change, the
map (Leaflet and the incident layer inline, in an iframe of its own), the monthly
charts as SVG (Altair rendered by vl-convert, no script needed), the districts
ranked, and the incidents with their sources. Every string from data is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import pandas as pd
import vl_convert

from geo.boundaries import Boundaries
from incidents.aggregation import Headline
from incidents.charts import monthly_chart
from incidents.district_summary import district_table
from maps.incident_map import build_map
from maps.markup import escape_for_map, http_link
from maps.tiles import resolve_tile_source

# The table lists the latest incidents up to this many; the CSV export has them all.
BRIEF_TABLE_ROWS = 500


@dataclass(frozen=True)
class BriefView:
    """What the analyst is looking at."""

    title: str
    description: str  # the filter in words, with counts
    link: str  # the dashboard address of this view
    headline: Headline
    change: dict[str, int | None]  # measure -> change against the previous period
    change_note: str
    generated_at: dt.datetime


def build_brief(
    view: BriefView,
    incidents: pd.DataFrame,
    boundaries: Boundaries | None,
    populations: dict[str, int] | None = None,
) -> str:
    """The brief as one HTML document."""
    map_page = build_map(incidents, resolve_tile_source("none"), boundaries, self_contained=True)
    map_html = map_page.get_root().render()
    parts = [
        _head(view.title),
        f"<h1>{_e(view.title)}</h1>",
        f"<p class='meta'>Made {view.generated_at:%d %b %Y, %H:%M} from the Balochistan incident map. "
        f"View: <a href='{_e(view.link)}'>{_e(view.link)}</a></p>",
        f"<p class='filter'>{_e(view.description)}</p>",
        _figures(view),
        "<h2>Map</h2>",
        f"<iframe class='map' title='Incident map' srcdoc=\"{html.escape(map_html, quote=True)}\"></iframe>",
        "<p class='note'>Filled circles: at the place named; pale: near it; dashed rings: district only. "
        "Size: fatalities. The slider under the map steps through the period.</p>",
    ]
    if not incidents.empty:
        parts += [
            "<h2>Trends</h2><div class='charts'>",
            _svg(monthly_chart(incidents, "incidents")),
            _svg(monthly_chart(incidents, "fatalities")),
            "</div>",
            "<h2>Districts</h2>",
            _district_rows(district_table(incidents, populations)),
            "<h2>Incidents</h2>",
            _incident_rows(incidents),
        ]
    parts.append(
        "<p class='credits'>Boundaries: OCHA COD-AB Pakistan (CC BY-IGO). Places: Who's On First and GeoNames "
        "(CC0 / CC BY 4.0). Incidents as coded from the reports cited; fatalities include attackers, as ACLED "
        "counts them.</p></body></html>"
    )
    return "\n".join(parts)


def _e(value: object) -> str:
    # The map's own escaping: HTML plus backtick, $, backslash and braces, inert everywhere.
    return escape_for_map(value)


def _head(title: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font: 14px/1.45 system-ui, sans-serif; color: #222; max-width: 1100px; margin: 24px auto; padding: 0 16px; }}
h1 {{ margin-bottom: 4px; }} h2 {{ margin-top: 28px; border-bottom: 1px solid #ddd; }}
.meta, .note, .credits {{ color: #555; font-size: 12px; }} .filter {{ font-weight: 600; }}
.figures {{ display: flex; gap: 32px; }} .figure b {{ display: block; font-size: 28px; font-weight: 400; }}
.figure small {{ color: #a33; }} iframe.map {{ width: 100%; height: 560px; border: 1px solid #ccc; }}
.charts {{ display: flex; flex-wrap: wrap; gap: 16px; }}
table {{ border-collapse: collapse; width: 100%; font-size: 12px; }}
th, td {{ text-align: left; border-bottom: 1px solid #eee; padding: 3px 6px; vertical-align: top; }}
td.n {{ text-align: right; }} td.d {{ white-space: nowrap; }}
@media print {{ iframe.map {{ height: 480px; }} h2 {{ break-after: avoid; }} tr {{ break-inside: avoid; }} }}
</style></head><body>"""


def _figures(view: BriefView) -> str:
    items = [("Incidents", view.headline.incidents, "incidents"), ("Fatalities", view.headline.fatalities, "fatalities"),
             ("Districts affected", view.headline.districts, "districts")]  # fmt: skip
    cells = []
    for label, value, measure in items:
        change = view.change.get(measure)
        delta = f"<small>{change:+,} vs previous period</small>" if change is not None else ""
        cells.append(f"<div class='figure'>{_e(label)}<b>{value:,}</b>{delta}</div>")
    cells.append(f"<div class='figure'>Date span<b>{_e(view.headline.date_span())}</b></div>")
    note = f"<p class='note'>{_e(view.change_note)}</p>" if view.change_note else ""
    return f"<div class='figures'>{''.join(cells)}</div>{note}"


def _svg(chart) -> str:
    # vl-convert renders the Vega-Lite spec to SVG in-process (no browser, no network).
    return f"<div class='chart'>{vl_convert.vegalite_to_svg(chart.to_json())}</div>"


def _district_rows(table: pd.DataFrame) -> str:
    rows = "".join(
        f"<tr><td>{_e(row.district)}</td><td class='n'>{row.incidents:,}</td><td class='n'>{row.fatalities:,}</td>"
        f"<td class='n'>{'' if pd.isna(row.incidents_per_100k) else f'{row.incidents_per_100k:.2f}'}</td>"
        f"<td class='n'>{'' if pd.isna(row.fatalities_per_100k) else f'{row.fatalities_per_100k:.2f}'}</td></tr>"
        for row in table.itertuples()
    )
    return (
        "<table><tr><th>District</th><th>Incidents</th><th>Fatalities</th><th>Incidents per 100k</th>"
        f"<th>Fatalities per 100k</th></tr>{rows}</table>"
        "<p class='note'>Per 100,000 people, 2023 census; blank where no cited figure.</p>"
    )


def _incident_rows(incidents: pd.DataFrame) -> str:
    latest = incidents.sort_values("event_date", ascending=False).head(BRIEF_TABLE_ROWS)
    rows = []
    for row in latest.itertuples():
        url = http_link(row.source_url)
        link = f" <a href='{_e(url)}'>report</a>" if url else ""
        place = ", ".join(part for part in (str(row.location), str(row.admin2)) if part)
        actors = " / ".join(part for part in (str(row.actor1), str(row.actor2)) if part)
        rows.append(
            f"<tr><td class='d'>{row.event_date:%Y-%m-%d}</td><td>{_e(row.event_type)}</td><td>{_e(place)}</td>"
            f"<td class='n'>{int(row.fatalities):,}</td><td>{_e(actors)}</td><td>{_e(row.source)}{link}</td></tr>"
        )
    more = (
        f"<p class='note'>The latest {BRIEF_TABLE_ROWS:,} of {len(incidents):,}; the CSV export has them all.</p>"
        if len(incidents) > BRIEF_TABLE_ROWS
        else ""
    )
    return (
        "<table><tr><th>Date</th><th>Type</th><th>Place</th><th>Killed</th><th>Actors</th><th>Source</th></tr>"
        + "".join(rows)
        + f"</table>{more}"
    )
