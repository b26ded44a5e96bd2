"""Places read off the boundary files the analyst configures: every tehsil, and districts without a seat.

The curated gazetteer holds only places whose coordinates have a citable
source, and for many tehsil seats of Balochistan none could be found offline.
A tehsil (ADM3) boundaries file fills that gap: each tehsil becomes an "area"
place at an interior point of its polygon, so "Buleda tehsil" or "in Mawand"
geocodes (at geo_precision 2, part of a district) instead of failing. In the
same way a district whose headquarters the gazetteer lacks is placed at an
interior point of its district polygon (precision 3). Curated places always win
over these: a name already in the gazetteer for that district is not added.

Both files are optional settings (INCIDENTS_TEHSILS, INCIDENTS_BOUNDARIES);
without them the gazetteer is what it is.
"""

from __future__ import annotations

from pathlib import Path

import shapely
from shapely.geometry import shape

from geo.boundaries import Boundaries, BoundariesError, load_boundaries, read_features
from geo.district_lookup import DistrictIndex
from geo.districts import canonical_district
from geo.gazetteer import (
    BOUNDARY_FILE,
    DISTRICT_AREA,
    TEHSIL_AREA,
    Gazetteer,
    Place,
    default_gazetteer,
    fold_name,
    merged,
)

# Properties that hold a tehsil's name, its other spellings and its district in common ADM3 sets
# (OCHA COD-AB uses admin3Name_en; geoBoundaries uses shapeName and has no parent name).
TEHSIL_NAME_PROPERTIES = ("admin3Name_en", "ADM3_EN", "shapeName", "NAME_3", "tehsil", "TEHSIL", "name")
TEHSIL_ALT_PROPERTIES = ("admin3AltName1_en", "admin3AltName2_en", "admin3RefName", "ADM3_REF")
PARENT_DISTRICT_PROPERTIES = ("admin2Name_en", "ADM2_EN", "NAME_2", "district", "DISTRICT")


def _first_text(properties: dict, keys: tuple[str, ...]) -> str:
    for key in keys:
        value = properties.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _district_of_point(point, index: DistrictIndex | None) -> str | None:
    if index is None:
        return None
    return index.districts_of([point.y], [point.x])[0] or None


def tehsil_places(path: str | Path, districts: Boundaries | None = None) -> tuple[Place, ...]:
    """One area place per Balochistan tehsil in the ADM3 GeoJSON at `path`.

    A tehsil's district is the file's parent-district property when it has one,
    else the district polygon (from `districts`) holding the tehsil's interior
    point; tehsils of other provinces are left out.
    """
    path = Path(path)
    features = read_features(path, "tehsil boundaries")
    index = DistrictIndex.from_boundaries(districts) if districts is not None else None
    places = []
    without_parent = 0
    for feature in features:
        properties = feature.get("properties") or {}
        name = _first_text(properties, TEHSIL_NAME_PROPERTIES)
        if not name or not feature.get("geometry"):
            continue
        geometry = shape(feature["geometry"])
        if not geometry.is_valid:
            geometry = shapely.make_valid(geometry)
        point = geometry.representative_point()
        parent = _first_text(properties, PARENT_DISTRICT_PROPERTIES)
        district = canonical_district(parent) if parent else _district_of_point(point, index)
        if district is None:
            without_parent += not parent
            continue
        alternatives = {
            value.strip()
            for key in TEHSIL_ALT_PROPERTIES
            if isinstance(value := properties.get(key), str) and value.strip() and fold_name(value) != fold_name(name)
        }
        places.append(
            Place(
                name=name, alt_names=tuple(sorted(alternatives)), kind=TEHSIL_AREA, district=district,
                new_district="", tehsil=name, latitude=round(point.y, 5), longitude=round(point.x, 5),
                source=f"interior point of the tehsil's polygon in {path.name}", origin=BOUNDARY_FILE,
            )
        )  # fmt: skip
    if not places:
        hint = (
            " Its features name no district: configure district boundaries too, so each tehsil can be placed."
            if without_parent
            else ""
        )
        raise BoundariesError(f"{path.name} holds no Balochistan tehsil.{hint}")
    return tuple(places)


def district_area_places(districts: Boundaries, gazetteer: Gazetteer) -> tuple[Place, ...]:
    """Districts the gazetteer has no headquarters for, each at an interior point of its polygon."""
    places = []
    for district, geometry in districts.polygons:
        if gazetteer.headquarters(district) is not None:
            continue
        point = geometry.representative_point()
        places.append(
            Place(
                name=district, alt_names=(), kind=DISTRICT_AREA, district=district, new_district="", tehsil="",
                latitude=round(point.y, 5), longitude=round(point.x, 5),
                source=f"interior point of the district's polygon in {districts.source_name}",
                origin=BOUNDARY_FILE,
            )
        )  # fmt: skip
    return tuple(places)


def with_boundary_places(
    gazetteer: Gazetteer, districts: Boundaries | None = None, tehsils: tuple[Place, ...] = ()
) -> Gazetteer:
    """`gazetteer` plus the tehsils and seat-less districts the boundary files give."""
    extended = merged(gazetteer, Gazetteer(tehsils)) if tehsils else gazetteer
    if districts is not None:
        extended = Gazetteer(extended.places + district_area_places(districts, extended))
    return extended


def configured_gazetteer(
    boundaries_path: Path | None, tehsils_path: Path | None, base: Gazetteer | None = None
) -> tuple[Gazetteer, list[str]]:
    """The gazetteer extended by the configured boundary files, and why a file could not be used.

    An unusable file never takes the curated places down: they are returned with a note.
    """
    gazetteer = base or default_gazetteer()
    notes: list[str] = []
    districts = None
    if boundaries_path is not None:
        try:
            districts = load_boundaries(boundaries_path)
        except BoundariesError as error:
            notes.append(f"District boundaries not used for places: {error}")
    tehsils: tuple[Place, ...] = ()
    if tehsils_path is not None:
        try:
            tehsils = tehsil_places(tehsils_path, districts)
        except BoundariesError as error:
            notes.append(f"Tehsil boundaries not used: {error}")
    return with_boundary_places(gazetteer, districts, tehsils), notes
