"""One filter object: applied to incidents, described in words, turned into a URL and back.

Each filter field is described once, in FIELDS: its URL parameter, the widget
that sets it, how it narrows the incidents, how it reads in words and how its
URL value is parsed. The filter and the sidebar loop over FIELDS, so a new
field is one entry (datasette's filter classes work the same way).

The filter is pure data: the point of the "near" place is resolved when the
filter is built (from the URL or the sidebar) with a place lookup passed in,
never read from a global gazetteer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from geo.proximity import within_km
from incidents.validation import ACTORS_KEY

# Radius offered when a place is picked without one.
DEFAULT_RADIUS_KM = 25

# Finds a place's (latitude, longitude) by its name, or None: the gazetteer's, passed in.
PlaceLookup = Callable[[str], "tuple[float, float] | None"]


@dataclass(frozen=True)
class IncidentFilter:
    """What the analyst narrowed the incidents down to; empty fields do not filter."""

    start: dt.date | None = None
    end: dt.date | None = None
    actors: tuple[str, ...] = field(default_factory=tuple)
    event_types: tuple[str, ...] = field(default_factory=tuple)
    sub_event_types: tuple[str, ...] = field(default_factory=tuple)
    districts: tuple[str, ...] = field(default_factory=tuple)
    min_fatalities: int = 0
    text: str = ""
    near: str = ""  # a gazetteer place name; with within_km, keeps incidents around it
    within_km: int = 0
    # The near place's (latitude, longitude), resolved when the filter is built; not in the URL.
    near_point: tuple[float, float] | None = None
    exact_only: bool = False  # only incidents placed at the named place itself (geo_precision 1)

    def is_empty(self) -> bool:
        return self == IncidentFilter()

    def mask(self, incidents: pd.DataFrame) -> pd.Series:
        """Boolean mask of the rows this filter keeps."""
        keep = pd.Series(True, index=incidents.index)
        for spec in FIELDS:
            if spec.is_active(self):
                keep &= spec.mask(self, incidents)
        return keep

    def center(self) -> tuple[float, float] | None:
        """(lat, lon) of the `near` place when the proximity condition is active."""
        if not self.near or self.within_km <= 0:
            return None
        return self.near_point

    def apply(self, incidents: pd.DataFrame) -> pd.DataFrame:
        """The incidents this filter keeps, in their original order."""
        if self.is_empty():
            return incidents
        return incidents.loc[self.mask(incidents)]

    def clauses(self) -> list[str]:
        """The active conditions in words, e.g. ['district is Kech or Panjgur']."""
        words = [spec.clause(self) for spec in FIELDS if spec.clause is not None and spec.is_active(self)]
        return [clause for clause in words if clause]

    def describe(self, incident_count: int, fatality_count: int, total_count: int) -> str:
        """One sentence: counts, then the conditions that produced them."""
        counts = (
            f"{incident_count:,} of {total_count:,} incidents, "
            f"{fatality_count:,} fatalit{'y' if fatality_count == 1 else 'ies'}"
        )
        clauses = self.clauses()
        if not clauses:
            return f"{counts}: no filter."
        return f"{counts}, where " + " and ".join(clauses) + "."

    def to_query_params(self) -> dict[str, str | list[str]]:
        """URL query parameters that reproduce this filter (empty fields left out)."""
        params: dict[str, str | list[str]] = {}
        for spec in FIELDS:
            value = getattr(self, spec.name)
            if value in (None, "", (), 0):
                continue
            if isinstance(value, tuple):
                params[spec.param] = list(value)
            elif isinstance(value, dt.date):
                params[spec.param] = value.isoformat()
            elif isinstance(value, bool):
                params[spec.param] = "1"
            else:
                params[spec.param] = str(value)
        return params

    @classmethod
    def from_query_params(
        cls, params: Mapping[str, str | Sequence[str]], place_point: PlaceLookup | None = None
    ) -> IncidentFilter:
        """The filter a URL describes; values that do not parse, and places `place_point` does not
        know, are ignored."""
        values = {}
        for spec in FIELDS:
            raw = params.get(spec.param, ())
            items = [raw] if isinstance(raw, str) else list(raw)
            values[spec.name] = spec.parse(tuple(dict.fromkeys(item for item in items if item)))
        return cls(**values).with_place(place_point)

    def with_place(self, place_point: PlaceLookup | None) -> IncidentFilter:
        """This filter with its near place resolved by `place_point`, or dropped when it is unknown."""
        point = place_point(self.near) if self.near and place_point is not None else None
        if point is None:
            return replace(self, near="", within_km=0, near_point=None)
        return replace(self, near_point=point)


@dataclass(frozen=True)
class FilterField:
    """One filter field: URL parameter, widget, mask, words and parser, in one place."""

    name: str  # the IncidentFilter attribute
    param: str  # the URL query parameter (short, stable, in the README)
    widget: str  # the sidebar widget: date, choices, count, text, place, radius or switch
    label: str
    parse: Callable[[tuple[str, ...]], object]  # the URL's values -> the field's value
    mask: Callable[[IncidentFilter, pd.DataFrame], pd.Series]
    clause: Callable[[IncidentFilter], str] | None
    placeholder: str = ""
    help: str = ""

    def is_active(self, incident_filter: IncidentFilter) -> bool:
        if self.name in ("near", "within_km"):
            return incident_filter.center() is not None
        return getattr(incident_filter, self.name) not in (None, "", (), 0)


def _last(parse_one: Callable[[str], object]) -> Callable[[tuple[str, ...]], object]:
    """A parser for a one-value field: the last value the URL gives."""
    return lambda values: parse_one(values[-1] if values else "")


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _parse_switch(text: str) -> bool:
    return text.strip().lower() in ("1", "true", "yes", "on")


def _parse_count(text: str) -> int:
    return int(text) if text.isdigit() else 0


def _or_list(values: Sequence[str]) -> str:
    if len(values) == 1:
        return values[0]
    return ", ".join(values[:-1]) + " or " + values[-1]


def _date_clause(incident_filter: IncidentFilter) -> str:
    start, end = incident_filter.start, incident_filter.end
    if start and end:
        return f"date is {start:%d %b %Y} to {end:%d %b %Y}"
    if start:
        return f"date is on or after {start:%d %b %Y}"
    return f"date is on or before {end:%d %b %Y}"


def _actors_mask(incident_filter: IncidentFilter, incidents: pd.DataFrame) -> pd.Series:
    pattern = r"\|(?:" + "|".join(re.escape(actor) for actor in incident_filter.actors) + r")\|"
    return incidents[ACTORS_KEY].str.contains(pattern, regex=True)


def _text_mask(incident_filter: IncidentFilter, incidents: pd.DataFrame) -> pd.Series:
    needle = incident_filter.text.strip().lower()
    return incidents["notes"].str.lower().str.contains(needle, regex=False) | incidents[
        "location"
    ].str.lower().str.contains(needle, regex=False)


def _near_mask(incident_filter: IncidentFilter, incidents: pd.DataFrame) -> pd.Series:
    return pd.Series(
        within_km(incidents["latitude"], incidents["longitude"], incident_filter.center(), incident_filter.within_km),
        index=incidents.index,
    )


def _every_row(incident_filter: IncidentFilter, incidents: pd.DataFrame) -> pd.Series:
    return pd.Series(True, index=incidents.index)


def _choices(name: str, param: str, label: str, column: str, words: str, **widget) -> FilterField:
    """A field that keeps incidents whose `column` is one of the chosen values."""
    return FilterField(
        name=name, param=param, widget="choices", label=label, parse=lambda values: values,
        mask=lambda incident_filter, incidents: incidents[column].isin(getattr(incident_filter, name)),
        clause=lambda incident_filter: f"{words} is {_or_list(getattr(incident_filter, name))}", **widget,
    )  # fmt: skip


FIELDS: tuple[FilterField, ...] = (
    FilterField(
        "start", "from", "date", "From", _last(_parse_date),
        mask=lambda incident_filter, incidents: incidents["event_date"] >= pd.Timestamp(incident_filter.start),
        clause=_date_clause,
    ),
    FilterField(
        "end", "to", "date", "To", _last(_parse_date),
        mask=lambda incident_filter, incidents: (
            incidents["event_date"] < pd.Timestamp(incident_filter.end) + pd.Timedelta(days=1)
        ),
        clause=lambda incident_filter: "" if incident_filter.start else _date_clause(incident_filter),
    ),
    FilterField(
        "actors", "actor", "choices", "Actor", lambda values: values, mask=_actors_mask,
        clause=lambda incident_filter: f"actor is {_or_list(incident_filter.actors)}",
        placeholder="Any actor", help="Matches actor 1, actor 2 and their associated actors.",
    ),
    _choices("event_types", "event_type", "Event type", "event_type", "event type", placeholder="All event types"),
    _choices(
        "sub_event_types", "sub_event_type", "Sub-event type", "sub_event_type", "sub-event type",
        placeholder="All sub-event types",
    ),
    _choices(
        "districts", "district", "District", "admin2", "district", placeholder="All districts",
        help="Spellings are unified (Turbat → Kech, Bolan → Kachhi, Qila → Killa, …). "
        "On the map, a click on a district outline selects it.",
    ),
    FilterField(
        "min_fatalities", "min_fatalities", "count", "Minimum fatalities", _last(_parse_count),
        mask=lambda incident_filter, incidents: incidents["fatalities"] >= incident_filter.min_fatalities,
        clause=lambda incident_filter: f"fatalities ≥ {incident_filter.min_fatalities}",
    ),
    FilterField(
        "text", "q", "text", "Search notes and places", _last(str.strip), mask=_text_mask,
        clause=lambda incident_filter: f'notes or location contain "{incident_filter.text.strip()}"',
        placeholder="e.g. Chinese, railway, Turbat",
    ),
    FilterField(
        "near", "near", "place", "Near a place", _last(str), mask=_near_mask,
        clause=lambda incident_filter: f"within {incident_filter.within_km} km of {incident_filter.near}",
        placeholder="Anywhere",
        help="Incidents within the radius below of a place in the gazetteer (geodesic distance).",
    ),
    # The radius is part of the "near" condition: it narrows nothing and says nothing on its own.
    FilterField("within_km", "km", "radius", "Radius (km)", _last(_parse_count), mask=_every_row, clause=None),
    FilterField(
        "exact_only", "exact", "switch", "Exact places only", _last(_parse_switch),
        mask=lambda incident_filter, incidents: incidents["geo_precision"] == 1,
        clause=lambda incident_filter: "the place is exact (geo_precision 1)",
        help="Leaves out incidents placed only near a town or at their district's headquarters "
        "(geo_precision 2 and 3), which the map draws pale or as rings.",
    ),
)  # fmt: skip
FIELDS_BY_NAME = {spec.name: spec for spec in FIELDS}

# URL query parameter of each filter field, by field name (as the README documents them).
QUERY_PARAMS: dict[str, str] = {spec.name: spec.param for spec in FIELDS}


def actor_options(incidents: pd.DataFrame) -> list[str]:
    """Every actor name in the incidents (main and associated), sorted."""
    # The distinct actor keys first: a million rows hold a few hundred combinations.
    keys = pd.Series(incidents[ACTORS_KEY].dropna().unique()).astype(str)
    names = keys.str.strip("|").str.split("|").explode()
    return sorted(name for name in names.dropna().unique() if name)
