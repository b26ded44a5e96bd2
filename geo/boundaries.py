"""District outlines from a GeoJSON file the analyst configures.

The product ships no boundaries: the file comes from the INCIDENTS_BOUNDARIES
setting (e.g. OCHA's COD-AB Pakistan ADM2 or geoBoundaries' ADM2, filtered or
not to Balochistan). Polygons are simplified before they go to the browser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

from geo.districts import canonical_district
from geo.errors import ProjectError

# Properties that hold a district's name in common boundary sets.
NAME_PROPERTIES = ("admin2Name_en", "ADM2_EN", "shapeName", "NAME_2", "district", "DISTRICT", "name")

# ~500 m at this latitude: invisible at province zoom, cuts the file ~10x.
SIMPLIFY_DEGREES = 0.005


class BoundariesError(ProjectError, ValueError):
    """A boundaries file that cannot be used; the message says why."""


@dataclass(frozen=True)
class Boundaries:
    districts: dict  # GeoJSON FeatureCollection; each feature has a "district" property
    province: dict  # GeoJSON Feature: the union of the districts
    source_name: str
    # Full-resolution polygons for point-in-polygon; (district, geometry) pairs.
    polygons: tuple = ()


def _district_name(properties: dict) -> str | None:
    for key in NAME_PROPERTIES:
        value = properties.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def read_features(path: Path, what: str) -> list[dict]:
    """The features of the GeoJSON FeatureCollection at `path`; `what` names the file in messages."""
    try:
        collection = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as error:
        raise BoundariesError(f"No {what} file at {path}.") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BoundariesError(f"{path.name} is not a GeoJSON file: {error}") from error
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        raise BoundariesError(f"{path.name} is not a GeoJSON FeatureCollection.")
    return features


def load_boundaries(path: str | Path, simplify_degrees: float = SIMPLIFY_DEGREES) -> Boundaries:
    """Balochistan's district polygons from `path`, simplified, with the province outline.

    Features whose name is not a Balochistan district are left out, so a
    whole-Pakistan ADM2 file works too.
    """
    path = Path(path)
    features = read_features(path, "boundaries")
    kept = []
    geometries = []
    polygons = []
    for feature in features:
        name = canonical_district(_district_name(feature.get("properties") or {}) or "")
        if name is None or not feature.get("geometry"):
            continue
        geometry = shape(feature["geometry"])
        if not geometry.is_valid:
            geometry = shapely.make_valid(geometry)
        simplified = shapely.simplify(geometry, simplify_degrees, preserve_topology=True)
        geometries.append(geometry)
        polygons.append((name, geometry))
        kept.append(
            {
                "type": "Feature",
                "properties": {"district": name},
                "geometry": _rounded(mapping(simplified)),
            }
        )
    if not kept:
        raise BoundariesError(
            f"{path.name} holds no Balochistan district (looked for a name in {', '.join(NAME_PROPERTIES)})."
        )
    province = shapely.simplify(shapely.union_all(geometries), simplify_degrees * 2)
    return Boundaries(
        districts={"type": "FeatureCollection", "features": kept},
        province={
            "type": "Feature",
            "properties": {"name": "Balochistan"},
            "geometry": _rounded(mapping(province)),
        },
        source_name=path.name,
        polygons=tuple(polygons),
    )


def _rounded(geometry: dict, digits: int = 4) -> dict:
    """Coordinates rounded to ~10 m; JSON for the browser gets much smaller."""

    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], (int, float)):
                return [round(number, digits) for number in value]
            return [walk(item) for item in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}
