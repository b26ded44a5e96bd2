"""Rebuild the geography the product ships in geo/data/ from its open upstream sources.

    .venv/bin/python -m geo.build_geography --boundaries DIR [--wof DIR | --places-extract CSV] [--to DIR]

Boundaries: OCHA COD-AB Pakistan 2022 (WFP / ITOS, CC BY-IGO), the Balochistan
province, district (ADM2) and tehsil (ADM3) GeoJSON files in DIR (as
../shared/boundaries holds them, or as cut from the HDX download). They are
simplified together (shapely's coverage simplification keeps neighbours'
shared edges shared) to about 100 m and rounded to 4 decimals (~10 m).

Places: Who's On First's Pakistan repository (whosonfirst-data-admin-pk; CC0,
GeoNames-sourced properties CC BY 4.0). With --wof DIR, a checkout of it is
read and cut as ../shared/gazetteer/SOURCE.md describes: localities,
neighbourhoods and district label points that are current, inside the
province or within 0.05 degrees of it when WOF or GeoNames puts them in
Balochistan; each gets its COD district and tehsil by point-in-polygon (the
nearest polygon for the few outside). With --places-extract CSV, that cut's
CSV is re-columned instead.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

DATA_FOLDER = Path(__file__).with_name("data")
BOUNDARY_FILES = {
    "province": "balochistan_province.geojson",
    "districts": "balochistan_districts.geojson",
    "tehsils": "balochistan_tehsils.geojson",
}
PLACES_FILE = "balochistan_places.csv"
# ~100 m: district checks near a border stay right, and the three files weigh ~700 KB.
SIMPLIFY_DEGREES = 0.001
COORDINATE_GRID = 0.0001  # ~10 m

# Who's On First: what counts as a place, and how it says "Balochistan".
WOF_PLACETYPES = ("locality", "neighbourhood", "county")
WOF_BALOCHISTAN_REGION = 85675733
GEONAMES_BALOCHISTAN_ADMIN1 = "02"
BUFFER_DEGREES = 0.05

PLACE_COLUMNS = (
    "wof_id", "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "kind",
    "feature_code", "population", "district", "tehsil", "in_province",
)  # fmt: skip

# The properties each shipped boundary keeps.
KEPT_PROPERTIES = {
    "province": ("admin1Name_en", "admin1Pcode"),
    "districts": ("admin2Name_en", "admin2Pcode"),
    "tehsils": ("admin3Name_en", "admin3Pcode", "admin2Name_en", "admin2Pcode"),
}


def read_boundaries(source_folder: Path) -> dict[str, dict]:
    """The three COD-AB collections as published (full resolution)."""
    return {
        key: json.loads((source_folder / file_name).read_text(encoding="utf-8"))
        for key, file_name in BOUNDARY_FILES.items()
    }


def simplified_boundaries(collections: dict[str, dict]) -> dict[str, dict]:
    """Each collection simplified as one coverage and rounded, with only the properties the app uses."""
    simplified = {}
    for key, collection in collections.items():
        features = collection["features"]
        geometries = [shapely.make_valid(shape(feature["geometry"])) for feature in features]
        simple = shapely.set_precision(shapely.coverage_simplify(geometries, SIMPLIFY_DEGREES), COORDINATE_GRID)
        simplified[key] = {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {name: feature["properties"].get(name) for name in KEPT_PROPERTIES[key]},
                    "geometry": mapping(geometry),
                }
                for feature, geometry in zip(features, simple, strict=True)
            ],
        }
    return simplified


class _Polygons:
    """Name of the polygon holding a point, or of the nearest one."""

    def __init__(self, collection: dict, name_property: str):
        self.names = [feature["properties"][name_property] for feature in collection["features"]]
        self.geometries = [shape(feature["geometry"]) for feature in collection["features"]]
        self.tree = shapely.STRtree(self.geometries)

    def name_at(self, longitude: float, latitude: float) -> str:
        point = shapely.Point(longitude, latitude)
        inside = self.tree.query(point, predicate="intersects")
        if len(inside):
            return self.names[int(inside[0])]
        return self.names[int(self.tree.nearest(point))]


def _ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def wof_records(wof_folder: Path) -> Iterator[dict]:
    """The properties of every one-feature GeoJSON file under WOF's data/ folder."""
    for folder, _, files in os.walk(wof_folder / "data"):
        for file_name in files:
            if file_name.endswith(".geojson") and "-alt-" not in file_name:
                with open(Path(folder) / file_name, encoding="utf-8") as handle:
                    yield json.load(handle)["properties"]


def places_from_wof(records: Iterable[dict], province: dict, districts: dict, tehsils: dict) -> list[dict]:
    """Balochistan's current places from WOF records, in the shipped columns."""
    outline = shapely.union_all([shape(feature["geometry"]) for feature in province["features"]])
    shapely.prepare(outline)
    buffered = outline.buffer(BUFFER_DEGREES)
    shapely.prepare(buffered)
    district_polygons = _Polygons(districts, "admin2Name_en")
    tehsil_polygons = _Polygons(tehsils, "admin3Name_en")
    places = []
    for properties in records:
        if properties.get("wof:placetype") not in WOF_PLACETYPES:
            continue
        if properties.get("edtf:deprecated") or properties.get("wof:superseded_by"):
            continue
        latitude, longitude = properties.get("geom:latitude"), properties.get("geom:longitude")
        if latitude is None or longitude is None:
            continue
        point = shapely.Point(longitude, latitude)
        inside = outline.contains(point)
        if not inside and not (buffered.contains(point) and _says_balochistan(properties)):
            continue
        places.append(_place_row(properties, latitude, longitude, inside, district_polygons, tehsil_polygons))
    return sorted(places, key=lambda place: (place["district"], place["name"], place["wof_id"]))


def _says_balochistan(properties: dict) -> bool:
    in_region = any(
        level.get("region_id") == WOF_BALOCHISTAN_REGION for level in properties.get("wof:hierarchy") or ()
    )
    admin1 = str(properties.get("gn:admin1_code") or "").split(".")[0].zfill(2)
    return in_region or admin1 == GEONAMES_BALOCHISTAN_ADMIN1


def _place_row(properties, latitude, longitude, inside, district_polygons, tehsil_polygons) -> dict:
    name = properties.get("wof:name", "")
    variants = []
    for key in ("name:und_x_variant", "name:eng_x_preferred", "name:eng_x_variant"):
        variants += [value for value in properties.get(key) or () if value and value != name]
    geonameid = properties.get("gn:geonameid") or (properties.get("wof:concordances") or {}).get("gn:id") or ""
    return {
        "wof_id": properties["wof:id"],
        "geonameid": geonameid,
        "name": name,
        "asciiname": properties.get("gn:asciiname") or _ascii_fold(name),
        "alternatenames": "|".join(dict.fromkeys(variants)),
        "latitude": latitude,
        "longitude": longitude,
        "kind": properties["wof:placetype"],
        "feature_code": properties.get("gn:feature_code", ""),
        "population": properties.get("gn:population") or 0,
        "district": district_polygons.name_at(longitude, latitude),
        "tehsil": tehsil_polygons.name_at(longitude, latitude),
        "in_province": inside,
    }


def places_from_extract(path: Path) -> list[dict]:
    """The rows of ../shared/gazetteer's CSV (the same cut), in the shipped columns."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    places = [
        {
            **{column: row[column] for column in PLACE_COLUMNS if column in row},
            "in_province": row["in_province_polygon"],
        }
        for row in rows
    ]
    return sorted(places, key=lambda place: (place["district"], place["name"], int(place["wof_id"])))


def write_outputs(folder: Path, boundaries: dict[str, dict], places: list[dict] | None) -> list[Path]:
    """Write each file through a temporary file and a rename; returns what was written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for key, collection in boundaries.items():
        text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False)
        written.append(_write_atomically(folder / BOUNDARY_FILES[key], text))
    if places is not None:
        with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as buffer:
            writer = csv.DictWriter(buffer, fieldnames=PLACE_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows({column: place.get(column, "") for column in PLACE_COLUMNS} for place in places)
            buffer.seek(0)
            written.append(_write_atomically(folder / PLACES_FILE, buffer.read()))
    return written


def _write_atomically(path: Path, text: str) -> Path:
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(temporary, 0o644)  # shipped files: readable by whoever runs the app
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.build_geography", description=__doc__.split("\n\n")[1])
    parser.add_argument("--boundaries", type=Path, required=True, help="folder with the COD-AB Balochistan GeoJSON")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--wof", type=Path, help="checkout of whosonfirst-data/whosonfirst-data-admin-pk")
    source.add_argument("--places-extract", type=Path, help="the cut's CSV (../shared/gazetteer/...)")
    parser.add_argument("--to", type=Path, default=DATA_FOLDER, help="output folder (default geo/data)")
    arguments = parser.parse_args(argv)

    published = read_boundaries(arguments.boundaries)
    boundaries = simplified_boundaries(published)
    places = None
    if arguments.wof:
        # Districts and tehsils are assigned on the published polygons, not the simplified ones.
        places = places_from_wof(
            wof_records(arguments.wof), published["province"], published["districts"], published["tehsils"]
        )
    elif arguments.places_extract:
        places = places_from_extract(arguments.places_extract)
    for path in write_outputs(arguments.to, boundaries, places):
        print(f"wrote {path} ({path.stat().st_size / 1024:,.0f} KB)")
    if places is not None:
        print(f"{len(places):,} places")
    return 0


if __name__ == "__main__":
    sys.exit(main())
