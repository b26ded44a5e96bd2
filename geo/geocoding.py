"""Offline geocoding of place names as reports write them, through geopy's interface.

`GazetteerGeocoder` is a `geopy.geocoders.base.Geocoder`: `geocode(query)`
returns a `geopy.location.Location` (or None), so it plugs into geopy's
`RateLimiter` and anything built on geopy. `Location.raw` carries the place,
its district and an ACLED-style `geo_precision`:

  1  the named town or village itself ("Turbat")
  2  near it, or part of it ("near Turbat", "Sariab Road, Quetta", "the Mastung area")
  3  only the district or province is known ("Kech district", "Balochistan"),
     placed at the district's headquarters or the provincial capital as ACLED does.

A query with no known place returns None: unknown places are never put at the
province centre.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from rapidfuzz import fuzz, process

from geo.districts import DISTRICTS, NEW_DISTRICTS, PROVINCE, canonical_district, canonical_province
from geo.gazetteer import (
    DISTRICT_AREA,
    PROVINCIAL_CAPITAL,
    TEHSIL_AREA,
    Gazetteer,
    Place,
    default_gazetteer,
    fold_name,
)

# Words that say "somewhere around here" rather than "here".
_NEAR_PATTERN = re.compile(
    r"^(?:(?:on|in|at)\s+the\s+)?(?:near(?:by)?|close to|outside|outskirts of|suburbs? of|vicinity of|"
    r"off|around|\d+\s*(?:km|kilometres|kilometers|miles)\s+(?:from|of|north of|south of|east of|west of))\s+",
    re.IGNORECASE,
)
_LEADING_FILLER = re.compile(r"^(?:in|at|of|from|the)\s+", re.IGNORECASE)
_AREA_SUFFIX = re.compile(r"\s+(?:area|region|areas|outskirts|suburbs|vicinity)$", re.IGNORECASE)
_DISTRICT_SUFFIX = re.compile(r"\s+(?:district|division|agency)$", re.IGNORECASE)
_PROVINCE_SUFFIX = re.compile(r"\s+province$", re.IGNORECASE)
_TOWN_SUFFIX = re.compile(r"\s+(?:town|city|village|bazaar|bazar|tehsil)$", re.IGNORECASE)

# Short names match only exactly: "Mach" must not become "Mand".
FUZZY_MIN_LENGTH = 5
FUZZY_MIN_SCORE = 86


@dataclass(frozen=True)
class Resolution:
    """What a query resolved to and why."""

    place: str
    district: str
    new_district: str
    latitude: float
    longitude: float
    geo_precision: int
    how: str  # exact | fuzzy | district | province
    matched: str  # the part of the query that decided it
    kind: str
    source: str

    def address(self) -> str:
        parts = [self.place]
        if self.district and self.district != self.place:
            parts.append(f"{self.district} district")
        parts.append(f"{PROVINCE}, Pakistan")
        return ", ".join(parts)


@dataclass(frozen=True)
class _Part:
    text: str
    near: bool
    area: bool
    district_word: bool


def _clean_part(text: str) -> _Part:
    text = re.sub(r"\s+", " ", text).strip(" .;:()")
    near = False
    while True:
        stripped = _NEAR_PATTERN.sub("", text, count=1)
        if stripped != text:
            near, text = True, stripped
            continue
        stripped = _LEADING_FILLER.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    area = bool(_AREA_SUFFIX.search(text))
    text = _AREA_SUFFIX.sub("", text)
    district_word = bool(_DISTRICT_SUFFIX.search(text))
    text = _DISTRICT_SUFFIX.sub("", text)
    text = _TOWN_SUFFIX.sub("", text)
    text = _PROVINCE_SUFFIX.sub("", text)
    return _Part(text=text.strip(), near=near, area=area, district_word=district_word)


class GazetteerGeocoder(Geocoder):
    """geopy geocoder over the project's gazetteer; never touches the network."""

    def __init__(self, gazetteer: Gazetteer | None = None, fuzzy_min_score: int = FUZZY_MIN_SCORE):
        super().__init__()
        self.gazetteer = gazetteer or default_gazetteer()
        self.fuzzy_min_score = fuzzy_min_score
        self._spellings = self.gazetteer.spellings()

    # geopy's interface -------------------------------------------------
    def geocode(self, query, *, exactly_one=True, timeout=None, district_hint: str | None = None):
        """Location for `query`, or None. `district_hint` (e.g. a row's admin2) breaks ties."""
        resolutions = self.resolve_all(str(query or ""), district_hint=district_hint)
        locations = [self._location(resolution) for resolution in resolutions]
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def reverse(self, query, *, exactly_one=True, timeout=None):
        raise NotImplementedError(
            "The gazetteer geocoder only geocodes names; use the district lookup for points."
        )

    # the work --------------------------------------------------------
    def resolve(self, query: str, district_hint: str | None = None) -> Resolution | None:
        found = self.resolve_all(query, district_hint)
        return found[0] if found else None

    def resolve_all(self, query: str, district_hint: str | None = None) -> list[Resolution]:
        """Candidates for `query`, best first: the most specific part of a comma list that is known."""
        parts = [_clean_part(part) for part in re.split(r"[,;/]|\s+-\s+", query) if part.strip()]
        parts = [part for part in parts if part.text]
        hint = canonical_district(district_hint or "") if district_hint else None
        for position, part in enumerate(parts):
            # An unknown, more specific part came first ("Sariab Road, Quetta"): part of the place.
            inside_unknown = position > 0
            candidates = self._resolve_part(part, hint)
            if candidates:
                if inside_unknown:
                    candidates = [_at_least(resolution, 2) for resolution in candidates]
                return candidates
        return []

    def _resolve_part(self, part: _Part, hint: str | None) -> list[Resolution]:
        folded = fold_name(part.text)
        precision = 2 if (part.near or part.area) else 1
        district = canonical_district(part.text)
        if district and part.district_word:
            return self._district(district, part.text)
        new_district = next((name for name in NEW_DISTRICTS if fold_name(name) == folded), None)
        if new_district and part.district_word:
            # "Hub district": placed at its headquarters, coded to the 2022 district it was cut from.
            return [_at_least(resolution, 3) for resolution in self._district(new_district, part.text)]
        if district and not self.gazetteer.exact(part.text):
            # "Punjgur", "Noshki": a spelling of a district that is also its town's name.
            towns = [place for place in self.gazetteer.exact(district) if place.district == district]
            if towns:
                return [self._resolution(towns[0], precision, "alias", part.text)]
            return self._district(district, part.text)
        if canonical_province(part.text):
            return self._province(part.text)
        places = self.gazetteer.exact(part.text)
        how = "exact"
        if not places and len(folded) >= FUZZY_MIN_LENGTH:
            match = process.extractOne(
                folded, self._spellings, scorer=fuzz.ratio, score_cutoff=self.fuzzy_min_score
            )
            if match:
                places, how = self.gazetteer.exact(match[0]), "fuzzy"
        if not places:
            return []
        places = sorted(
            places,
            key=lambda place: (
                place.district != hint, place.kind == TEHSIL_AREA, place.kind != "district headquarters"
            ),
        )  # fmt: skip
        return [
            # A tehsil read off its polygon is an area: placed inside it, not at a named town.
            self._resolution(place, max(precision, 2) if place.kind == TEHSIL_AREA else precision, how, part.text)
            for place in places
        ]

    def _district(self, district: str, matched: str) -> list[Resolution]:
        headquarters = self.gazetteer.headquarters(district)
        if headquarters is None:
            return []
        return [
            Resolution(
                place=district, district=headquarters.district, new_district=headquarters.new_district,
                latitude=headquarters.latitude, longitude=headquarters.longitude,
                geo_precision=3, how="district", matched=matched,
                kind=(
                    "district (placed at an interior point of its polygon)" if headquarters.kind == DISTRICT_AREA
                    else f"district (placed at its headquarters, {headquarters.name})"
                ),
                source=headquarters.source,
            )
        ]  # fmt: skip

    def _province(self, matched: str) -> list[Resolution]:
        capital = self.gazetteer.by_name(PROVINCIAL_CAPITAL)
        if capital is None:
            return []
        return [
            Resolution(
                place=PROVINCE, district="", new_district="",
                latitude=capital.latitude, longitude=capital.longitude,
                geo_precision=3, how="province", matched=matched,
                kind="province (placed at its capital, Quetta)", source=capital.source,
            )
        ]  # fmt: skip

    @staticmethod
    def _resolution(place: Place, precision: int, how: str, matched: str) -> Resolution:
        return Resolution(
            place=place.name, district=place.district, new_district=place.new_district,
            latitude=place.latitude, longitude=place.longitude, geo_precision=precision,
            how=how, matched=matched, kind=place.kind, source=place.source,
        )  # fmt: skip

    @staticmethod
    def _location(resolution: Resolution) -> Location:
        return Location(resolution.address(), (resolution.latitude, resolution.longitude), asdict(resolution))


def _at_least(resolution: Resolution, precision: int) -> Resolution:
    if resolution.geo_precision >= precision:
        return resolution
    return Resolution(**{**asdict(resolution), "geo_precision": precision})


def district_names() -> tuple[str, ...]:
    return DISTRICTS
