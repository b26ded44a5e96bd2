"""Geocoding accuracy on real place names, and geocoding speed at 100,000 upload rows.

    .venv/bin/python benchmarks/bench_geocoding.py [--names CSV] [--rows 100000]

Accuracy: tests/fixtures/geocoding/real_place_names.csv lists place names as
published reports and datasets spell them, each with the point a cited source
gives (see its README). Each name is geocoded as an import would: alone, and
with the row's district as a hint. Printed per split (dev: used to tune;
heldout: never tuned on) and per gazetteer: the cited places only (what the
project had before the open-data places) and the shipped geocoder (cited,
open-data places and tehsil polygons). A wrong district is "silent" when the
geocoder answered with it rather than saying it did not know or that the name
is ambiguous.

Speed: rows drawn from the gazetteer's names, a third misspelt, geocoded
through the import pipeline's geocode_missing, next to fuzzy scoring every
distinct name against every spelling (no blocking key) in the same run.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import pandas as pd  # noqa: E402
from geopy.distance import geodesic  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from geo.boundary_places import configured_gazetteer  # noqa: E402
from geo.gazetteer import read_gazetteer  # noqa: E402
from geo.geocoding import GazetteerGeocoder  # noqa: E402
from geo.spelling import spelling_key  # noqa: E402
from incidents.imports.pipeline import geocode_missing  # noqa: E402
from incidents.schema import CANONICAL_COLUMNS  # noqa: E402

NAMES = PROJECT_ROOT / "tests" / "fixtures" / "geocoding" / "real_place_names.csv"
SHIPPED_DATA = PROJECT_ROOT / "geo" / "data"
WITHIN_KM = 10


def read_names(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def score(geocoder: GazetteerGeocoder, names: list[dict], with_hint: bool) -> dict[str, float]:
    """Shares of names placed within WITHIN_KM, in the right district, wrong silently, not placed.

    Distance is scored on names below district level: a name that is only a district
    ("Kech district") is placed at its headquarters, as ACLED does, and its cited point
    is the district's label point, so only its district is scored.
    """
    within = right_district = silent_wrong = unplaced = 0
    points = [row for row in names if row["kind"] != "district"]
    for row in names:
        resolution = geocoder.resolve(row["name_as_written"], district_hint=row["district"] if with_hint else None)
        if resolution is None:
            unplaced += 1
            continue
        distance = geodesic(
            (resolution.latitude, resolution.longitude), (float(row["latitude"]), float(row["longitude"]))
        ).km
        within += row["kind"] != "district" and distance <= WITHIN_KM
        if resolution.district == row["district"]:
            right_district += 1
        else:
            silent_wrong += 1
    count = len(names) or 1
    return {
        f"within {WITHIN_KM} km": within / (len(points) or 1),
        "right district": right_district / count,
        "wrong district, silently": silent_wrong / count,
        "not placed": unplaced / count,
    }


def accuracy_table(names: list[dict]) -> pd.DataFrame:
    shipped, _ = configured_gazetteer(
        SHIPPED_DATA / "balochistan_districts.geojson", SHIPPED_DATA / "balochistan_tehsils.geojson"
    )
    geocoders = {"cited places only": GazetteerGeocoder(read_gazetteer()), "shipped": GazetteerGeocoder(shipped)}
    rows = []
    for split in ("dev", "heldout"):
        part = [row for row in names if row["split"] == split]
        for label, geocoder in geocoders.items():
            for with_hint in (False, True):
                rows.append(
                    {
                        "split": f"{split} ({len(part)}; {sum(row['kind'] != 'district' for row in part)} points)",
                        "gazetteer": label,
                        "district given": "yes" if with_hint else "no",
                        **{key: f"{value:.0%}" for key, value in score(geocoder, part, with_hint).items()},
                    }
                )
    return pd.DataFrame(rows)


def speed(rows: int, seed: int = 1) -> None:
    geocoder = GazetteerGeocoder()
    spellings = [place.name for place in geocoder.gazetteer.places]
    generator = random.Random(seed)

    def misspelt(name: str) -> str:
        position = generator.randrange(len(name))
        return name[:position] + generator.choice("aeiouhkl") + name[position + 1 :]

    places = [
        misspelt(name) if generator.random() < 1 / 3 and len(name) > 5 else name
        for name in (generator.choice(spellings) for _ in range(rows))
    ]
    frame = pd.DataFrame({column: "" for column in CANONICAL_COLUMNS}, index=range(rows))
    frame["location"] = places
    distinct = sorted(set(places))

    started = time.perf_counter()
    geocoded, _ = geocode_missing(frame, geocoder)
    ours = time.perf_counter() - started
    found = (geocoded["latitude"] != "").sum()

    sample = distinct[:500]
    keys = list({spelling_key(spelling) for spelling in geocoder.gazetteer.spellings()})
    started = time.perf_counter()
    for name in sample:
        process.extractOne(spelling_key(name), keys, scorer=fuzz.ratio, score_cutoff=86)
    unblocked = (time.perf_counter() - started) / len(sample) * len(distinct)
    print(
        f"\n{rows:,} upload rows, {len(distinct):,} distinct place strings, "
        f"{len(geocoder.gazetteer):,} places: geocoded in {ours:.1f} s ({found:,} rows placed); "
        f"fuzzy scoring every distinct name against all {len(keys):,} spelling keys without the blocking key: "
        f"{unblocked:.1f} s (extrapolated from {len(sample)} names), {unblocked / ours:.1f}x slower"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--names", type=Path, default=NAMES)
    parser.add_argument("--rows", type=int, default=100_000)
    arguments = parser.parse_args()
    names = read_names(arguments.names)
    print(f"{len(names)} real place names from {arguments.names.relative_to(PROJECT_ROOT)}")
    print(accuracy_table(names).to_string(index=False))
    speed(arguments.rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
