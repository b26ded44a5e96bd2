"""The incidents as the browser's canvas layer reads them: compact typed columns.

Numbers travel as base64 little-endian typed arrays, not JSON lists: coordinates
quantised to 16 bits over the incidents' own extent (about 15 m across
Balochistan), dates as days after the first, text columns dictionary-coded
(codes as arrays, each distinct value once, HTML-escaped). 100,000 incidents
with full popups take about 2.5 MB; over `FULL_POPUP_LIMIT` incidents only what
the map draws and a short popup needs is sent, so a million stay under 15 MB.
"""

from __future__ import annotations

import base64

import numpy as np
import pandas as pd

from incidents.schema import EVENT_TYPE_COLORS, EVENT_TYPES
from maps.markup import escape_for_map, http_link

# Above this many incidents popups leave out the notes: they would make the page
# several megabytes heavier. The Data page still has every note.
NOTES_IN_POPUP_LIMIT = 5_000
# Above this many, popups give date, type, place and toll only.
FULL_POPUP_LIMIT = 200_000
LEAN_POPUP_NOTE = "Over 200,000 incidents on the map: actors and sources are on the Data page."

QUANT_STEPS = 65_535
NO_INJURY_COUNT = 65_535



def _typed(values: np.ndarray, kind: str) -> dict:
    dtype = {"u1": "<u1", "u2": "<u2", "u4": "<u4"}[kind]
    return {"type": kind, "data": base64.b64encode(np.ascontiguousarray(values, dtype=dtype).tobytes()).decode()}


def _smallest_unsigned(largest: int) -> str:
    return "u1" if largest < 2**8 else "u2" if largest < 2**16 else "u4"


def _codes(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Dictionary-encode a text column: per-row codes plus the escaped distinct values.

    A categorical column (as the loader keeps repetitive text) is already encoded: its
    codes are used as they are, with missing values pointing at a trailing "". Not for a
    few rows of a large file, whose unused categories would outweigh them on the page.
    """
    if isinstance(values.dtype, pd.CategoricalDtype) and len(values.cat.categories) <= len(values):
        categories = [str(value) for value in values.cat.categories]
        codes = values.cat.codes.to_numpy().astype(np.int64)
        codes[codes < 0] = len(categories)
        return codes, [escape_for_map(value) for value in [*categories, ""]]
    codes, uniques = pd.factorize(values.fillna("").astype(str), sort=False)
    return codes, [escape_for_map(value) for value in uniques]


def _quantised(values: np.ndarray) -> dict:
    low, high = (float(values.min()), float(values.max())) if len(values) else (0.0, 0.0)
    span = high - low
    steps = np.zeros(len(values)) if span == 0 else np.rint((values - low) / span * QUANT_STEPS)
    return {"min": low, "max": high if span else low, **_typed(steps, "u2")}


def _counts(values: np.ndarray) -> dict:
    """Tolls in the smallest type that holds them (most files: one byte), capped at 65,534."""
    capped = np.clip(values, 0, 2**16 - 2)
    return _typed(capped, _smallest_unsigned(int(capped.max()) if len(capped) else 0))


def marker_radius(count: int) -> dict[str, float]:
    """Marker size in pixels: base + step * sqrt(fatalities), capped. Smaller when
    there are many incidents, so thousands of points stay readable."""
    if count > 20_000:
        return {"base": 1.5, "step": 0.5, "max": 6}
    if count > 2_000:
        return {"base": 2.5, "step": 1, "max": 12}
    return {"base": 4, "step": 2, "max": 22}


def incident_payload(
    incidents: pd.DataFrame, notes_limit: int = NOTES_IN_POPUP_LIMIT, full_popup_limit: int = FULL_POPUP_LIMIT
) -> dict:
    """What `L.incidentDots` (maps/incident_canvas.js) draws and builds popups from."""
    count = len(incidents)
    dates = incidents["event_date"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    first_day = int(dates.min()) if count else 0
    full = count <= full_popup_limit
    payload = {
        "count": count,
        "radius": marker_radius(count),
        "lat": _quantised(incidents["latitude"].to_numpy(dtype=float)),
        "lon": _quantised(incidents["longitude"].to_numpy(dtype=float)),
        "first_day": first_day,
        "day": _typed(np.clip(dates - first_day, 0, 2**16 - 1), "u2"),
        "type": _typed(pd.Categorical(incidents["event_type"], categories=EVENT_TYPES).codes, "u1"),
        "event_type": [escape_for_map(name) for name in EVENT_TYPES],
        "color": [EVENT_TYPE_COLORS[name] for name in EVENT_TYPES],
        "fatalities": _counts(incidents["fatalities"].to_numpy(dtype=np.int64)),
        # geo_precision 1-3 (0 if missing): the map draws 2 pale and 3 as a dashed ring.
        "precision": _typed(pd.to_numeric(incidents["geo_precision"], errors="coerce").fillna(0).clip(0, 3), "u1"),
        "injuries": None,
        "codes": {},
        "strings": {},
        "lean": "" if full else escape_for_map(LEAN_POPUP_NOTE),
    }
    columns = {"location": incidents["location"], "district": incidents["admin2"]}
    if full:
        injuries = incidents["injuries"].astype("Float64")
        payload["injuries"] = _typed(
            np.clip(injuries.fillna(NO_INJURY_COUNT).to_numpy(dtype=np.int64), 0, NO_INJURY_COUNT), "u2"
        )
        columns.update(
            sub_event_type=incidents["sub_event_type"],
            source=incidents["source"],
            source_url=incidents["source_url"].map(http_link),
        )
        if count <= notes_limit:
            columns["notes"] = incidents["notes"]
    for name, values in columns.items():
        codes, strings = _codes(values)
        payload["codes"][name] = _typed(codes, _smallest_unsigned(len(strings)))
        payload["strings"][name] = strings
    if full:
        # Both actor columns share one dictionary.
        actor_codes, actors = _codes(pd.concat([incidents["actor1"], incidents["actor2"]], ignore_index=True))
        kind = _smallest_unsigned(len(actors))
        payload["codes"]["actor1"] = _typed(actor_codes[:count], kind)
        payload["codes"]["actor2"] = _typed(actor_codes[count:], kind)
        payload["strings"]["actor"] = actors
    return payload
