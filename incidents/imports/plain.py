"""A plain sheet: a date and a place per row, other columns optional, no coordinates needed.

Header names are matched case-blind against common spellings, so a sheet an
analyst typed ("Date, Place, District, Type, Killed, Injured, Notes, Source")
imports without renaming. Missing coordinates are geocoded later.
"""

from __future__ import annotations

import pandas as pd

from incidents.schema import CANONICAL_COLUMNS

# canonical column -> header names accepted for it (lower case)
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "event_date": ("event_date", "date", "day", "incident date", "date of incident"),
    "location": ("location", "place", "place name", "town", "village", "city", "where"),
    "admin2": ("admin2", "district"),
    "admin3": ("admin3", "tehsil"),
    "event_type": ("event_type", "event type", "type"),
    "sub_event_type": ("sub_event_type", "sub-event type", "sub event type", "subtype"),
    "actor1": ("actor1", "actor", "perpetrator", "attacker", "group"),
    "actor2": ("actor2", "target", "victims"),
    "fatalities": ("fatalities", "killed", "deaths", "dead"),
    "injuries": ("injuries", "injured", "wounded"),
    "notes": ("notes", "description", "summary", "details"),
    "source": ("source", "outlet"),
    "source_url": ("source_url", "url", "link"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "lng", "long"),
    "time_precision": ("time_precision",),
    "geo_precision": ("geo_precision",),
}


def header_map(columns: set[str] | list[str]) -> dict[str, str]:
    """canonical column -> the sheet's header that holds it."""
    by_lower = {str(column).strip().lower(): column for column in columns}
    found = {}
    for canonical, synonyms in HEADER_SYNONYMS.items():
        for synonym in synonyms:
            if synonym in by_lower:
                found[canonical] = by_lower[synonym]
                break
    return found


def recognise(columns: set[str]) -> bool:
    found = header_map(columns)
    return "event_date" in found and "location" in found


def to_canonical(frame: pd.DataFrame) -> pd.DataFrame:
    found = header_map(list(frame.columns))
    out = pd.DataFrame(
        {canonical: frame[header].astype(str).str.strip() for canonical, header in found.items()}
    )
    if "admin1" not in out:
        out["admin1"] = "Balochistan"
    # astype(str): a file without rows would otherwise give empty float64 columns.
    canonical = out.reindex(columns=list(CANONICAL_COLUMNS), fill_value="").fillna("").astype(str)
    return canonical.reset_index(drop=True)
