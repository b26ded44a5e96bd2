"""Download an open district set for Balochistan, once, when the machine is online.

    .venv/bin/python -m geo.download_boundaries [--to PATH] [--refresh]

Asks the geoBoundaries API (gbOpen, CC BY 4.0) for Pakistan's ADM2 set, keeps
Balochistan's districts (names unified through geo.districts) and writes them
as GeoJSON to a cache folder; a second run reuses the file. Then start the app
with `--boundaries PATH` or INCIDENTS_BOUNDARIES=PATH. Nothing in the app
needs this: offline, it runs without outlines and says how to add them.
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

from geo.districts import canonical_district

API_URL = "https://www.geoboundaries.org/api/current/gbOpen/PAK/ADM2/"
DEFAULT_PATH = (
    Path.home()
    / ".cache"
    / "balochistan-incidents"
    / "boundaries"
    / "geoboundaries_PAK_ADM2_balochistan.geojson"
)
USER_AGENT = "balochistan-incident-map/0.1 (boundaries download)"
TIMEOUT_SECONDS = 60

Fetch = Callable[[str], bytes]


class DownloadError(RuntimeError):
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


def download_boundaries(
    destination: Path = DEFAULT_PATH, refresh: bool = False, fetch: Fetch = fetch_url
) -> Path:
    """Path of the cached Balochistan district file, downloading it first if needed."""
    if destination.exists() and not refresh:
        return destination
    try:
        metadata = json.loads(fetch(API_URL))
        geojson_url = metadata["gjDownloadURL"]
        collection = json.loads(fetch(geojson_url))
    except (KeyError, TypeError, ValueError) as error:
        raise DownloadError(f"geoBoundaries answered in an unexpected form ({error}).") from error
    districts = balochistan_districts(collection)
    if not districts["features"]:
        raise DownloadError("The downloaded set holds no Balochistan district; nothing was saved.")
    districts["attribution"] = (
        f"geoBoundaries gbOpen PAK ADM2 ({metadata.get('boundaryYearRepresented', 'year unknown')}), "
        f"source {metadata.get('boundarySource', 'unknown')}, licence {metadata.get('boundaryLicense', 'CC BY 4.0')}"
    )
    destination.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=destination.parent, suffix=".tmp")
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(districts, handle)
    os.replace(temporary, destination)
    return destination


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m geo.download_boundaries", description=__doc__.split("\n\n")[1]
    )
    parser.add_argument(
        "--to", type=Path, default=DEFAULT_PATH, help=f"where to keep the file (default {DEFAULT_PATH})"
    )
    parser.add_argument("--refresh", action="store_true", help="download again even if the file exists")
    arguments = parser.parse_args(argv)
    try:
        path = download_boundaries(arguments.to, arguments.refresh)
    except DownloadError as error:
        print(error, file=sys.stderr)
        return 2
    count = len(json.loads(path.read_text(encoding="utf-8"))["features"])
    print(f"{count} Balochistan districts in {path}")
    print(f"Use them: scripts/run --boundaries {path}   (or INCIDENTS_BOUNDARIES={path})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
