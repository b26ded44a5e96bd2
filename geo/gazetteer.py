"""The project's gazetteer of Balochistan: places, their districts and spellings.

Two shipped files, read together:

- `geo/gazetteer.csv`, written for this project: towns, tehsil seats, passes,
  crossings, dams and sites, each naming the source of its coordinates
  (GeoNames ids, or the encyclopedia page that states them). These win.
- `geo/data/balochistan_places.csv`, the 16,398 populated places of Who's On
  First / GeoNames in the province (built by geo.build_geography), each with
  its COD 2022 district and tehsil by point-in-polygon.

Districts follow the COD 2022 set; `new_district` marks places in districts
created since (Hub from Lasbela, Usta Muhammad from Jaffarabad).
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.districts import DISTRICTS
from geo.spelling import fold_name, spelling_key

GAZETTEER_PATH = Path(__file__).with_name("gazetteer.csv")
OPEN_PLACES_PATH = Path(__file__).with_name("data") / "balochistan_places.csv"
GAZETTEER_COLUMNS = (
    "name", "alt_names", "kind", "district", "new_district", "tehsil", "latitude", "longitude", "source",
)  # fmt: skip
HEADQUARTERS_KINDS = frozenset({"provincial capital", "district headquarters"})
# Places read off boundary files (geo.boundary_places) rather than cited from a source.
TEHSIL_AREA = "tehsil area"
DISTRICT_AREA = "district area"
PROVINCIAL_CAPITAL = "Quetta"
# Kinds of the open-data places (Who's On First / GeoNames).
TOWN = "town"
VILLAGE = "village"
NEIGHBOURHOOD = "neighbourhood"
ABANDONED = "abandoned place"
# Where a place's row came from: a cited source, the open-data cut, or a boundary file.
CITED, OPEN_DATA, BOUNDARY_FILE = "cited", "open data", "boundary file"
# Open-data places with at least this many people are offered in the "near a place" list.
NOTABLE_POPULATION = 1_000


@dataclass(frozen=True)
class Place:
    name: str
    alt_names: tuple[str, ...]
    kind: str
    district: str
    new_district: str
    tehsil: str
    latitude: float
    longitude: float
    source: str
    population: int = 0
    feature_code: str = ""
    origin: str = CITED

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.alt_names)

    @property
    def notable(self) -> bool:
        """Worth offering by name in a list: cited, or a town of some size."""
        return self.origin == CITED or self.population >= NOTABLE_POPULATION


class Gazetteer:
    """Places by folded spelling, district headquarters by district."""

    def __init__(self, places: tuple[Place, ...]):
        self.places = places
        self._by_spelling: dict[str, list[Place]] = {}
        for place in places:
            if place.kind == DISTRICT_AREA:
                continue  # reached as "X district" through headquarters(), not by its bare name
            for spelling in place.spellings:
                bucket = self._by_spelling.setdefault(fold_name(spelling), [])
                if place not in bucket:
                    bucket.append(place)
        self._headquarters = {
            place.district: place
            for place in places
            if place.kind in HEADQUARTERS_KINDS and not place.new_district
        }
        for place in places:  # new districts' headquarters, e.g. Usta Muhammad
            if place.kind in HEADQUARTERS_KINDS and place.new_district:
                self._headquarters.setdefault(place.new_district, place)
        for place in places:  # a district with no known seat, placed inside its polygon
            if place.kind == DISTRICT_AREA:
                self._headquarters.setdefault(place.district, place)

    def __len__(self) -> int:
        return len(self.places)

    def exact(self, name: str) -> list[Place]:
        return list(self._by_spelling.get(fold_name(name), ()))

    def spellings(self) -> list[str]:
        """Every folded spelling, for fuzzy matching."""
        return list(self._by_spelling)

    def headquarters(self, district: str) -> Place | None:
        return self._headquarters.get(district)

    def place_names(self) -> list[str]:
        """Names to offer in a list: cited places and towns, not 16,000 hamlets."""
        return sorted({place.name for place in self.places if place.notable})

    def by_name(self, name: str) -> Place | None:
        """The place whose main name is `name` (as shown in the app's lists); cited places first."""
        for place in self.places:
            if place.name == name:
                return place
        return None


def read_gazetteer(path: str | Path = GAZETTEER_PATH, origin: str = CITED) -> Gazetteer:
    places = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            places.append(
                Place(
                    name=row["name"].strip(),
                    alt_names=tuple(name.strip() for name in row["alt_names"].split(";") if name.strip()),
                    kind=row["kind"].strip(),
                    district=row["district"].strip(),
                    new_district=row["new_district"].strip(),
                    tehsil=row["tehsil"].strip(),
                    latitude=float(row["latitude"]),
                    longitude=float(row["longitude"]),
                    source=row["source"].strip(),
                    origin=origin,
                )
            )
    return Gazetteer(tuple(places))


# GeoNames feature code -> kind. District label points ("county" in WOF) are left
# out: a town's name must never land on a district's label point.
_OPEN_KIND = {"PPLQ": ABANDONED, "PPLA": TOWN, "PPLA2": TOWN, "PPLA3": TOWN, "PPLC": TOWN}


def read_open_places(path: str | Path = OPEN_PLACES_PATH) -> Gazetteer:
    """The Who's On First / GeoNames places of the province (geo.build_geography's output)."""
    places = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] == "county":
                continue
            population = int(float(row["population"] or 0))
            kind = (
                NEIGHBOURHOOD
                if row["kind"] == "neighbourhood"
                else _OPEN_KIND.get(row["feature_code"], TOWN if population >= NOTABLE_POPULATION else VILLAGE)
            )
            geonames = f"GeoNames {row['geonameid']}, " if row["geonameid"] else ""
            places.append(
                Place(
                    name=row["name"].strip(),
                    alt_names=tuple(name.strip() for name in row["alternatenames"].split("|") if name.strip()),
                    kind=kind,
                    district=row["district"],
                    new_district="",
                    tehsil=row["tehsil"],
                    latitude=float(row["latitude"]),
                    longitude=float(row["longitude"]),
                    source=f"{geonames}Who's On First {row['wof_id']} (CC0 / CC BY 4.0)",
                    population=population,
                    feature_code=row["feature_code"],
                    origin=OPEN_DATA,
                )
            )
    return Gazetteer(tuple(places))


def extra_gazetteer_path() -> Path:
    """The GeoNames extension written by `python -m geo.gazetteer_download`, or INCIDENTS_GAZETTEER_EXTRA."""
    configured = os.environ.get("INCIDENTS_GAZETTEER_EXTRA")
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "balochistan-incidents" / "gazetteer" / "geonames_balochistan.csv"


def merged(curated: Gazetteer, extra: Gazetteer) -> Gazetteer:
    """The curated places, then extension places not already listed (same name, however spelled
    (geo.spelling), in the same district): "Muslim Bagh" tehsil yields to the town "Muslimbagh"."""
    known = {(spelling_key(place.name), place.district) for place in curated.places}
    additions = tuple(
        place for place in extra.places if (spelling_key(place.name), place.district) not in known
    )
    return Gazetteer(curated.places + additions)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The cited places, then the open-data places, extended by the GeoNames download when present."""
    gazetteer = merged(read_gazetteer(GAZETTEER_PATH), read_open_places(OPEN_PLACES_PATH))
    extra_path = extra_gazetteer_path()
    if not extra_path.exists():
        return gazetteer
    try:
        return merged(gazetteer, read_gazetteer(extra_path, origin=OPEN_DATA))
    except (OSError, KeyError, ValueError):
        # A damaged download must not take the shipped places down with it.
        return gazetteer


def missing_headquarters(gazetteer: Gazetteer) -> list[str]:
    """Districts whose headquarters the gazetteer lacks (they geocode to nothing at district level)."""
    return [district for district in DISTRICTS if gazetteer.headquarters(district) is None]
