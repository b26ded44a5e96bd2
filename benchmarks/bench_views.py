"""The analysis views' server work at 10,000 to 1,000,000 synthetic incidents: comparison
with the previous period, districts ranked, a district's profile, actors, shaded districts,
the exports and the HTML brief.

    .venv/bin/python benchmarks/bench_views.py [--sizes 10000 100000 1000000]

Baseline, measured in the same run: counting actors by exploding every row into one row
per actor (what the first version did) next to counting the distinct combinations.
Synthetic incidents are generated in memory at run time. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import pandas as pd  # noqa: E402

from benchmarks.synthetic import synthetic_csv  # noqa: E402
from geo.boundaries import load_boundaries  # noqa: E402
from geo.population import district_populations  # noqa: E402
from incidents.actor_summary import acting_actors, actor_by_district  # noqa: E402
from incidents.aggregation import headline_figures  # noqa: E402
from incidents.comparison import compare_with_previous  # noqa: E402
from incidents.district_summary import district_profile, district_table  # noqa: E402
from incidents.export_excel import incidents_to_excel  # noqa: E402
from incidents.export_geojson import incidents_to_geojson  # noqa: E402
from incidents.export_manifest import ExportManifest  # noqa: E402
from incidents.filters import IncidentFilter  # noqa: E402
from incidents.loading import load_incidents_bytes  # noqa: E402
from maps.brief import BriefView, build_brief  # noqa: E402
from maps.choropleth import choropleth_layer  # noqa: E402

BOUNDARIES = PROJECT_ROOT / "geo" / "data" / "balochistan_districts.geojson"
# openpyxl writes about 10,000 rows a second: larger sizes are not timed.
EXCEL_ROWS_TIMED = 200_000


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def exploded_actor_count(incidents: pd.DataFrame) -> pd.DataFrame:
    """The baseline: one row per (incident, actor) built from every row, then counted."""
    names = (incidents["actor1"].astype(str) + ";" + incidents["assoc_actor_1"].astype(str)).str.split(";")
    acting = pd.DataFrame({"actor": names, "fatalities": incidents["fatalities"]}).explode("actor")
    acting = acting[acting["actor"].str.strip() != ""]
    return acting.groupby("actor").agg(incidents=("actor", "size"), fatalities=("fatalities", "sum"))


def measure(incidents: pd.DataFrame, boundaries, populations: dict[str, int]) -> dict[str, float | None]:
    last_year = IncidentFilter(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    headline = headline_figures(last_year.apply(incidents))
    manifest = ExportManifest("benchmark", "http://localhost:8501/", dt.datetime.now(), len(incidents))
    view = BriefView("Benchmark", "all", "http://localhost:8501/", headline, {}, "", dt.datetime.now())
    excel = len(incidents) <= EXCEL_ROWS_TIMED
    return {
        "filter (2024)": timed(lambda: last_year.apply(incidents)),
        "previous period": timed(lambda: compare_with_previous(incidents, last_year)),
        "districts ranked": timed(lambda: district_table(incidents, populations)),
        "district profile": timed(lambda: district_profile(incidents, "Kech")),
        "actors (ours)": timed(lambda: (acting_actors(incidents), actor_by_district(incidents))),
        "actors (rows exploded)": timed(lambda: exploded_actor_count(incidents)),
        "shaded districts": timed(lambda: choropleth_layer(incidents, boundaries, "incidents_per_100k", populations)),
        "GeoJSON export": timed(lambda: incidents_to_geojson(incidents, manifest)),
        "Excel export": timed(lambda: incidents_to_excel(incidents, manifest)) if excel else None,
        "HTML brief": timed(lambda: build_brief(view, incidents, boundaries, populations)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    arguments = parser.parse_args()
    boundaries = load_boundaries(BOUNDARIES)
    populations = district_populations()
    rows = []
    for size in arguments.sizes:
        figures = measure(load_incidents_bytes(synthetic_csv(size)).incidents, boundaries, populations)
        rows.append((size, figures))
        shown = {name: f"{value:.2f} s" if value is not None else "not run" for name, value in figures.items()}
        print(f"{size:>9,}", shown, flush=True)
    print("\nServer-side time of each view (2 cores); synthetic incidents generated at run time.")
    names = list(rows[0][1])
    print(f"{'view':<24}" + "".join(f"{size:>12,}" for size, _ in rows))
    for name in names:
        cells = "".join(
            f"{figures[name]:>11.2f}s" if figures[name] is not None else f"{'—':>12}" for _, figures in rows
        )
        print(f"{name:<24}{cells}")
    for size, figures in rows:
        print(
            f"actors at {size:,}: distinct combinations {figures['actors (ours)']:.2f} s vs rows exploded "
            f"{figures['actors (rows exploded)']:.2f} s ({figures['actors (rows exploded)'] / figures['actors (ours)']:.0f}x)"
        )
    print("Excel is skipped above 200,000 rows here (openpyxl writes about 10,000 rows a second).")


if __name__ == "__main__":
    main()
