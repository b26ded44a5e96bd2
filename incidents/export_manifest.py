"""What every export says about itself: the filter in words, a link that reopens the view,
when it was made and how many rows it holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from incidents.filters import IncidentFilter

DATA_NOTE = (
    "Balochistan incident map export. Each row is one incident as loaded from the data file; "
    "geo_precision 1 = the named place, 2 = near it, 3 = district only."
)


@dataclass(frozen=True)
class ExportManifest:
    description: str  # the filter in words, with its counts
    link: str  # the dashboard address that reproduces the view
    exported_at: dt.datetime
    rows: int

    def as_pairs(self) -> list[tuple[str, str]]:
        return [
            ("Filter", self.description),
            ("Link", self.link),
            ("Exported", self.exported_at.strftime("%Y-%m-%d %H:%M")),
            ("Rows", f"{self.rows:,}"),
            ("Note", DATA_NOTE),
        ]


def view_link(base_url: str, incident_filter: IncidentFilter) -> str:
    """`base_url` (the dashboard's address, any query dropped) with the filter's parameters."""
    base = base_url.split("?", 1)[0]
    query = urlencode(incident_filter.to_query_params(), doseq=True)
    return f"{base}?{query}" if query else base
