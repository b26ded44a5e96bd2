"""Geography at scale: the proximity filter, the district check, geocoding an upload, the duplicate check.

    .venv/bin/python benchmarks/bench_geo.py [--sizes 1000 10000 100000] [--boundaries PATH]

Each is timed next to the plain approach in the same run: geopy's geodesic on
every row, a shapely contains() loop over the district polygons, and geocoding
every row instead of every distinct place. Synthetic rows are generated at run
time. Prints figures; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from geopy.distance import geodesic  # noqa: E402
from shapely.geometry import Point  # noqa: E402

from benchmarks.synthetic import synthetic_csv, synthetic_incidents  # noqa: E402
from geo.boundaries import load_boundaries  # noqa: E402
from geo.district_lookup import DistrictIndex  # noqa: E402
from geo.geocoding import GazetteerGeocoder  # noqa: E402
from geo.proximity import within_km  # noqa: E402
from incidents.dedup import find_duplicates  # noqa: E402
from incidents.imports.pipeline import geocode_missing  # noqa: E402
from incidents.loading import load_incidents_bytes  # noqa: E402

QUETTA = (30.18414, 67.00141)
PLACE_STRINGS = ["near Turbat", "Sariab Road, Quetta", "Mastung district", "Khuzdaar", "Punjgur", "Atlantis",
                 "outskirts of Gwadar", "Dhadar", "Hub Chowki", "the Kalat area"]  # fmt: skip


def geodesic_each(lat, lon) -> list[bool]:
    return [geodesic(QUETTA, (a, b)).km <= 50 for a, b in zip(lat, lon, strict=True)]


def contains_loop(polygons, lat, lon) -> list[str]:
    return [
        next((name for name, shape in polygons if shape.contains(Point(b, a))), "")
        for a, b in zip(lat, lon, strict=True)
    ]


def resolve_each(geocoder, texts) -> list:
    return [geocoder.resolve(text) for text in texts]


def timed(function, *arguments):
    started = time.perf_counter()
    result = function(*arguments)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    default_boundaries = PROJECT_ROOT.parent / "shared" / "boundaries" / "balochistan_districts.geojson"
    parser.add_argument("--boundaries", type=Path, default=default_boundaries)
    arguments = parser.parse_args()
    geocoder = GazetteerGeocoder()
    index = (
        DistrictIndex.from_boundaries(load_boundaries(arguments.boundaries))
        if arguments.boundaries.exists()
        else None
    )

    print(
        f"{'rows':>8} | {'within 50 km of Quetta':^34} | {'district of each point':^34} | {'geocode an upload':^30}"
    )
    print(f"{'':>8} | {'ours':>9} {'geodesic/row':>13} {'ratio':>9} | {'STRtree':>9} {'contains loop':>13} {'ratio':>9} |"
          f" {'ours':>8} {'every row':>10} {'ratio':>9}")  # fmt: skip
    for size in arguments.sizes:
        incidents = synthetic_incidents(size)
        lat, lon = incidents["latitude"].to_numpy(), incidents["longitude"].to_numpy()
        ours, mask = timed(within_km, lat, lon, QUETTA, 50)
        naive_rows = min(size, 20000)  # the plain way is timed on up to 20,000 rows and scaled
        naive, _ = timed(geodesic_each, lat[:naive_rows], lon[:naive_rows])
        naive *= size / naive_rows
        row = f"{size:>8,} | {ours:>8.3f}s {naive:>12.2f}s {naive / ours:>8.0f}x |"
        if index is not None:
            tree, _ = timed(index.districts_of, lat, lon)
            loop_rows = min(size, 2000)
            polygons = [
                (name, geometry) for name, geometry in zip(index.names, index.tree.geometries, strict=True)
            ]
            loop, _ = timed(contains_loop, polygons, lat[:loop_rows], lon[:loop_rows])
            loop *= size / loop_rows
            row += f" {tree:>8.3f}s {loop:>12.2f}s {loop / tree:>8.0f}x |"
        else:
            row += f" {'(no boundaries file)':>33} |"
        upload = pd.DataFrame({"location": np.resize(PLACE_STRINGS, size), "admin2": "", "latitude": "", "longitude": "",
                               "geo_precision": "", "admin1": ""})  # fmt: skip
        batched, _ = timed(geocode_missing, upload, geocoder)
        every_rows = min(size, 5000)
        every, _ = timed(resolve_each, geocoder, upload["location"][:every_rows])
        every *= size / every_rows
        row += f" {batched:>7.3f}s {every:>9.2f}s {every / batched:>8.0f}x"
        print(row)
        assert mask.any()
    for size in arguments.sizes:
        typed = load_incidents_bytes(synthetic_csv(size)).incidents
        other = load_incidents_bytes(synthetic_csv(size, seed=9)).incidents
        seconds, matches = timed(find_duplicates, typed, other)
        print(f"duplicate check, {size:,} new rows against a file of {size:,}: {seconds:.3f}s ({len(matches)} pairs)")
    print(
        "plain approaches timed on up to 20,000 / 2,000 / 5,000 rows and scaled linearly; synthetic rows, 2 cores"
    )


if __name__ == "__main__":
    main()
