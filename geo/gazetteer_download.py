"""Extend the gazetteer with every Balochistan place in GeoNames' Pakistan dump, once, when online.

    .venv/bin/python -m geo.gazetteer_download [--to PATH] [--refresh]

Downloads PK.zip and admin2Codes.txt from download.geonames.org (CC BY 4.0),
keeps the populated places, valleys, passes and areas of Balochistan (admin1
code 02), names each one's district through the district alias table, and
writes them in the gazetteer's own columns to a cache file that the app reads
beside geo/gazetteer.csv (its own places win where both list a place). Offline,
the command says so and nothing changes: the shipped gazetteer still works.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
import zipfile
from pathlib import Path

from geo.districts import canonical_district
from geo.download_boundaries import DownloadError, Fetch, fetch_url
from geo.gazetteer import GAZETTEER_COLUMNS

DUMP_URL = "https://download.geonames.org/export/dump/PK.zip"
ADMIN2_URL = "https://download.geonames.org/export/dump/admin2Codes.txt"
DEFAULT_PATH = Path.home() / ".cache" / "balochistan-incidents" / "gazetteer" / "geonames_balochistan.csv"
EXTRA_ENVIRONMENT = "INCIDENTS_GAZETTEER_EXTRA"
BALOCHISTAN_ADMIN1 = "02"

# GeoNames feature code -> gazetteer kind; other features (streams, hills, hotels ...) are left out.
KIND_BY_FEATURE = {
    "PPLA": "town", "PPLA2": "town", "PPLA3": "town", "PPLA4": "town", "PPLC": "town",
    "PPL": "village", "PPLL": "village", "PPLX": "area", "PPLQ": "village", "PPLF": "village",
    "VAL": "area", "VALS": "area", "AREA": "area", "RGN": "area", "PASS": "crossing",
}  # fmt: skip

# Columns of a GeoNames dump line (readme.txt of the dump).
ID, NAME, ASCII_NAME, ALTERNATES, LATITUDE, LONGITUDE, FEATURE_CLASS, FEATURE_CODE, COUNTRY = range(9)
ADMIN1, ADMIN2 = 10, 11


def geonames_places(dump: str, admin2_names: dict[str, str]) -> tuple[list[dict], int]:
    """(gazetteer rows, places left out because their district could not be named)."""
    rows, unnamed = [], 0
    for line in dump.splitlines():
        parts = line.split("\t")
        if len(parts) < 12 or parts[COUNTRY] != "PK" or parts[ADMIN1] != BALOCHISTAN_ADMIN1:
            continue
        kind = KIND_BY_FEATURE.get(parts[FEATURE_CODE])
        if kind is None:
            continue
        district = canonical_district(admin2_names.get(f"PK.{BALOCHISTAN_ADMIN1}.{parts[ADMIN2]}", ""))
        if district is None:
            unnamed += 1
            continue
        spellings = {parts[ASCII_NAME], *(name for name in parts[ALTERNATES].split(",") if name.isascii())}
        spellings.discard(parts[NAME])
        rows.append(
            {
                "name": parts[NAME],
                "alt_names": "; ".join(sorted(name for name in spellings if name and name[0].isupper())),
                "kind": kind,
                "district": district,
                "new_district": "",
                "tehsil": "",
                "latitude": parts[LATITUDE],
                "longitude": parts[LONGITUDE],
                "source": f"GeoNames {parts[ID]} (PK dump, CC BY 4.0)",
            }
        )
    return rows, unnamed


def admin2_names(text: str) -> dict[str, str]:
    """'PK.02.1234' -> district name, from GeoNames' admin2Codes.txt."""
    names = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].startswith(f"PK.{BALOCHISTAN_ADMIN1}."):
            names[parts[0]] = parts[1]
    return names


def download_gazetteer(
    destination: Path = DEFAULT_PATH, refresh: bool = False, fetch: Fetch = fetch_url
) -> tuple[Path, int, int]:
    """(path, places written, places without a nameable district); reuses the file unless refresh."""
    if destination.exists() and not refresh:
        with open(destination, encoding="utf-8") as handle:
            return destination, sum(1 for _ in handle) - 1, 0
    try:
        with zipfile.ZipFile(io.BytesIO(fetch(DUMP_URL))) as archive:
            dump = archive.read("PK.txt").decode("utf-8")
    except (zipfile.BadZipFile, KeyError) as error:
        raise DownloadError(f"GeoNames answered with something that is not the PK dump ({error}).") from error
    rows, unnamed = geonames_places(dump, admin2_names(fetch(ADMIN2_URL).decode("utf-8")))
    if not rows:
        raise DownloadError(
            "The GeoNames dump holds no Balochistan place with a known district; nothing was saved."
        )
    destination.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=destination.parent, suffix=".tmp")
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(GAZETTEER_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(temporary, destination)
    return destination, len(rows), unnamed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m geo.gazetteer_download", description=__doc__.split("\n\n")[1]
    )
    parser.add_argument(
        "--to", type=Path, default=DEFAULT_PATH, help=f"where to keep the file (default {DEFAULT_PATH})"
    )
    parser.add_argument("--refresh", action="store_true", help="download again even if the file exists")
    arguments = parser.parse_args(argv)
    try:
        path, written, unnamed = download_gazetteer(arguments.to, arguments.refresh)
    except DownloadError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"{written} Balochistan places in {path} ({unnamed} left out: district not nameable)")
    if arguments.to != DEFAULT_PATH:
        print(f"Point the app at it: {EXTRA_ENVIRONMENT}={path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
