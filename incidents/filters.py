"""One filter object: applied to incidents, described in words, turned into a URL and back."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields

import pandas as pd

from geo.gazetteer import default_gazetteer
from geo.proximity import within_km
from incidents.validation import ACTORS_KEY

# URL query parameter of each filter field: short, stable, documented in the README.
QUERY_PARAMS: dict[str, str] = {
    "start": "from",
    "end": "to",
    "actors": "actor",
    "event_types": "event_type",
    "sub_event_types": "sub_event_type",
    "districts": "district",
    "min_fatalities": "min_fatalities",
    "text": "q",
    "near": "near",
    "within_km": "km",
}

# Radius offered when a place is picked without one.
DEFAULT_RADIUS_KM = 25


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

    def is_empty(self) -> bool:
        return self == IncidentFilter()

    def mask(self, incidents: pd.DataFrame) -> pd.Series:
        """Boolean mask of the rows this filter keeps."""
        keep = pd.Series(True, index=incidents.index)
        if self.start is not None:
            keep &= incidents["event_date"] >= pd.Timestamp(self.start)
        if self.end is not None:
            keep &= incidents["event_date"] < pd.Timestamp(self.end) + pd.Timedelta(days=1)
        if self.actors:
            pattern = r"\|(?:" + "|".join(re.escape(actor) for actor in self.actors) + r")\|"
            keep &= incidents[ACTORS_KEY].str.contains(pattern, regex=True)
        if self.event_types:
            keep &= incidents["event_type"].isin(self.event_types)
        if self.sub_event_types:
            keep &= incidents["sub_event_type"].isin(self.sub_event_types)
        if self.districts:
            keep &= incidents["admin2"].isin(self.districts)
        if self.min_fatalities > 0:
            keep &= incidents["fatalities"] >= self.min_fatalities
        if self.text.strip():
            needle = self.text.strip().lower()
            keep &= incidents["notes"].str.lower().str.contains(needle, regex=False) | incidents[
                "location"
            ].str.lower().str.contains(needle, regex=False)
        center = self.center()
        if center is not None:
            keep &= within_km(incidents["latitude"], incidents["longitude"], center, self.within_km)
        return keep

    def center(self) -> tuple[float, float] | None:
        """(lat, lon) of the `near` place when the proximity condition is active."""
        if not self.near or self.within_km <= 0:
            return None
        place = default_gazetteer().by_name(self.near)
        return None if place is None else (place.latitude, place.longitude)

    def apply(self, incidents: pd.DataFrame) -> pd.DataFrame:
        """The incidents this filter keeps, in their original order."""
        if self.is_empty():
            return incidents
        return incidents.loc[self.mask(incidents)]

    def clauses(self) -> list[str]:
        """The active conditions in words, e.g. ['district is Kech or Panjgur']."""
        words = []
        if self.start and self.end:
            words.append(f"date is {self.start:%d %b %Y} to {self.end:%d %b %Y}")
        elif self.start:
            words.append(f"date is on or after {self.start:%d %b %Y}")
        elif self.end:
            words.append(f"date is on or before {self.end:%d %b %Y}")
        for label, values in (
            ("actor", self.actors),
            ("event type", self.event_types),
            ("sub-event type", self.sub_event_types),
            ("district", self.districts),
        ):
            if values:
                words.append(f"{label} is {_or_list(values)}")
        if self.min_fatalities > 0:
            words.append(f"fatalities ≥ {self.min_fatalities}")
        if self.text.strip():
            words.append(f'notes or location contain "{self.text.strip()}"')
        if self.center() is not None:
            words.append(f"within {self.within_km} km of {self.near}")
        return words

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
        for item in fields(self):
            value = getattr(self, item.name)
            name = QUERY_PARAMS[item.name]
            if value in (None, "", (), 0):
                continue
            if isinstance(value, tuple):
                params[name] = list(value)
            elif isinstance(value, dt.date):
                params[name] = value.isoformat()
            else:
                params[name] = str(value)
        return params

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | Sequence[str]]) -> IncidentFilter:
        """The filter a URL describes; values that do not parse are ignored."""

        def values(name: str) -> tuple[str, ...]:
            raw = params.get(QUERY_PARAMS[name], ())
            items = [raw] if isinstance(raw, str) else list(raw)
            return tuple(dict.fromkeys(item for item in items if item))

        def one(name: str) -> str:
            found = values(name)
            return found[-1] if found else ""

        return cls(
            start=_parse_date(one("start")),
            end=_parse_date(one("end")),
            actors=values("actors"),
            event_types=values("event_types"),
            sub_event_types=values("sub_event_types"),
            districts=values("districts"),
            min_fatalities=_parse_count(one("min_fatalities")),
            text=one("text"),
            near=one("near") if default_gazetteer().by_name(one("near")) else "",
            within_km=_parse_count(one("within_km")),
        )


def _or_list(values: Sequence[str]) -> str:
    if len(values) == 1:
        return values[0]
    return ", ".join(values[:-1]) + " or " + values[-1]


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _parse_count(text: str) -> int:
    return int(text) if text.isdigit() else 0


def actor_options(incidents: pd.DataFrame) -> list[str]:
    """Every actor name in the incidents (main and associated), sorted."""
    names = incidents[ACTORS_KEY].str.strip("|").str.split("|").explode()
    return sorted(name for name in names.dropna().unique() if name)
