"""Download an open district set for Balochistan, once, when the machine is online.

    .venv/bin/python -m geo.download_boundaries [--to PATH] [--refresh] [--tehsils]

Asks the geoBoundaries API (gbOpen, CC BY 4.0) for Pakistan's ADM2 set, keeps
Balochistan's districts (names unified through geo.districts) and writes them
as GeoJSON to a cache folder; a second run reuses the file. Then start the app
with `--boundaries PATH` or INCIDENTS_BOUNDARIES=PATH. With --tehsils it also
fetches the ADM3 (tehsil) set, keeps the tehsils inside those districts, tags
each with its district and prints the `--tehsils PATH` that makes every tehsil
a place the geocoder knows. Nothing in the app needs this: offline, it runs
without outlines and says how to add them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import urllib.request
from collections.abc import Callable
from pathlib import Path

from shapely.geometry import shape

from geo.district_lookup import DistrictIndex
from geo.districts import canonical_district
from geo.errors import ProjectError

API_URL = "https://www.geoboundaries.org/api/current/gbOpen/PAK/ADM2/"
TEHSILS_API_URL = "https://www.geoboundaries.org/api/current/gbOpen/PAK/ADM3/"
DEFAULT_PATH = (
    Path.home()
    / ".cache"
    / "balochistan-incidents"
    / "boundaries"
    / "geoboundaries_PAK_ADM2_balochistan.geojson"
)
DEFAULT_TEHSILS_PATH = DEFAULT_PATH.with_name("geoboundaries_PAK_ADM3_balochistan.geojson")
USER_AGENT = "balochistan-incident-map/0.1 (boundaries download)"
TIMEOUT_SECONDS = 60

Fetch = Callable[[str], bytes]


class DownloadError(ProjectError, RuntimeError):
    """The boundaries could not be fetched; the message says why and what to do."""


def fetch_url(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
            return answer.read()
    except OSError as error:
        raise DownloadError(
            f"Could not reach {url} ({error}). This machine may be offline: the app works without "
            "district outlines; copy a district GeoJSON (e.g. OCHA COD-AB Pakistan ADM2) here and "
            "pass it with --boundaries instead."
        ) from error


def balochistan_districts(collection: dict) -> dict:
    """The features of a Pakistan ADM2 FeatureCollection that are Balochistan districts."""
    kept = []
    for feature in collection.get("features", []):
        properties = feature.get("properties") or {}
        name = canonical_district(str(properties.get("shapeName", "")))
        if name:
            kept.append({**feature, "properties": {**properties, "district": name}})
    return {"type": "FeatureCollection", "features": kept}


def balochistan_tehsils(collection: dict, districts: dict) -> dict:
    """The features of a Pakistan ADM3 FeatureCollection inside Balochistan's districts, tagged with theirs.

    geoBoundaries' ADM3 features name no parent district, so each tehsil takes
    the district polygon that holds an interior point of it.
    """
    index = DistrictIndex(
        tuple((feature["properties"]["district"], shape(feature["geometry"])) for feature in districts["features"])
    )
    kept = []
    for feature in collection.get("features", []):
        if not feature.get("geometry"):
            continue
        point = shape(feature["geometry"]).representative_point()
        district = index.districts_of([point.y], [point.x])[0]
        if district:
            kept.append({**feature, "properties": {**(feature.get("properties") or {}), "district": district}})
    return {"type": "FeatureCollection", "features": kept}


def _fetch_set(api_url: str, fetch: Fetch) -> tuple[dict, dict]:
    """geoBoundaries' metadata for a set and its GeoJSON."""
    try:
        metadata = json.loads(fetch(api_url))
        return metadata, json.loads(fetch(metadata["gjDownloadURL"]))
    except (KeyError, TypeError, ValueError) as error:
        raise DownloadError(f"geoBoundaries answered in an unexpected form ({error}).") from error


def _attribution(level: str, metadata: dict) -> str:
    return (
        f"geoBoundaries gbOpen PAK {level} ({metadata.get('boundaryYearRepresented', 'year unknown')}), "
        f"source {metadata.get('boundarySource', 'unknown')}, licence {metadata.get('boundaryLicense', 'CC BY 4.0')}"
    )


def _write_atomically(collection: dict, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=destination.parent, suffix=".tmp")
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(collection, handle)
    os.replace(temporary, destination)


def download_boundaries(
    destination: Path = DEFAULT_PATH, refresh: bool = False, fetch: Fetch = fetch_url
) -> Path:
    """Path of the cached Balochistan district file, downloading it first if needed."""
    if destination.exists() and not refresh:
        return destination
    metadata, collection = _fetch_set(API_URL, fetch)
    districts = balochistan_districts(collection)
    if not districts["features"]:
        raise DownloadError("The downloaded set holds no Balochistan district; nothing was saved.")
    districts["attribution"] = _attribution("ADM2", metadata)
    _write_atomically(districts, destination)
    return destination


def download_tehsils(
    districts_path: Path, destination: Path = DEFAULT_TEHSILS_PATH, refresh: bool = False, fetch: Fetch = fetch_url
) -> Path:
    """Path of the cached Balochistan tehsil file (ADM3), downloading it first if needed."""
    if destination.exists() and not refresh:
        return destination
    metadata, collection = _fetch_set(TEHSILS_API_URL, fetch)
    tehsils = balochistan_tehsils(collection, json.loads(districts_path.read_text(encoding="utf-8")))
    if not tehsils["features"]:
        raise DownloadError("The downloaded set holds no tehsil inside Balochistan's districts; nothing was saved.")
    tehsils["attribution"] = _attribution("ADM3", metadata)
    _write_atomically(tehsils, destination)
    return destination


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m geo.download_boundaries", description=__doc__.split("\n\n")[1]
    )
    parser.add_argument(
        "--to", type=Path, default=DEFAULT_PATH, help=f"where to keep the file (default {DEFAULT_PATH})"
    )
    parser.add_argument("--refresh", action="store_true", help="download again even if the file exists")
    parser.add_argument(
        "--tehsils", action="store_true", help=f"also fetch the tehsil (ADM3) set, kept at {DEFAULT_TEHSILS_PATH.name}"
    )
    arguments = parser.parse_args(argv)
    try:
        path = download_boundaries(arguments.to, arguments.refresh)
        tehsils = (
            download_tehsils(path, path.with_name(DEFAULT_TEHSILS_PATH.name), arguments.refresh)
            if arguments.tehsils
            else None
        )
    except DownloadError as error:
        print(error, file=sys.stderr)
        return 2
    count = len(json.loads(path.read_text(encoding="utf-8"))["features"])
    print(f"{count} Balochistan districts in {path}")
    print(f"Use them: scripts/run --boundaries {path}   (or INCIDENTS_BOUNDARIES={path})")
    if tehsils is not None:
        count = len(json.loads(tehsils.read_text(encoding="utf-8"))["features"])
        print(f"{count} tehsils in {tehsils}")
        print(f"Use them too: scripts/run --boundaries {path} --tehsils {tehsils}   (or INCIDENTS_TEHSILS=...)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
