"""Load, filter and map-build times and HTML size at 1k-100k synthetic incidents, next to a
naive folium map (one CircleMarker with a Popup per incident) measured in the same run.

    .venv/bin/python benchmarks/bench_map.py [--sizes 1000 10000 100000] [--naive-sizes 1000 10000]

Synthetic incidents are generated in memory at run time. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import folium  # noqa: E402

from benchmarks.synthetic import synthetic_csv  # noqa: E402
from incidents.filters import IncidentFilter  # noqa: E402
from incidents.loading import load_incidents_bytes  # noqa: E402
from maps.incident_map import build_map  # noqa: E402
from maps.tiles import resolve_tile_source  # noqa: E402


def best_of(function: Callable[[], object], repeats: int = 3) -> tuple[float, object]:
    """Best wall time of `repeats` runs (one run if the first takes over 5 s)."""
    best, result = float("inf"), None
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - started
        best = min(best, elapsed)
        if elapsed > 5:
            break
    return best, result


def naive_map_html(incidents) -> str:
    """What one would write first: a folium object per incident."""
    naive = folium.Map(location=(28.9, 66.0), zoom_start=6, tiles=None, prefer_canvas=True)
    for row in incidents.itertuples(index=False):
        folium.CircleMarker(
            location=(row.latitude, row.longitude),
            radius=5,
            popup=folium.Popup(f"{row.event_date:%Y-%m-%d} {row.event_type} {row.location}: {row.notes}"),
        ).add_to(naive)
    return naive.get_root().render()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--naive-sizes", type=int, nargs="+", default=[1000, 10000])
    arguments = parser.parse_args()
    no_tiles = resolve_tile_source("none")
    filters = {
        "type+fatalities": IncidentFilter(
            event_types=("Battles", "Explosions/Remote violence"), min_fatalities=1
        ),
        "district+text": IncidentFilter(districts=("Kech", "Panjgur"), text="synthetic"),
    }

    print(f"{os.cpu_count()} cores; synthetic incidents generated in memory at run time")
    header = f"{'incidents':>10} {'load':>8} {'filter A':>9} {'filter B':>9} {'map build':>10} {'HTML':>9} {'B/incident':>11}"
    print(header)
    ours = {}
    for size in arguments.sizes:
        raw = synthetic_csv(size)
        load_time, loaded = best_of(lambda raw=raw: load_incidents_bytes(raw))
        incidents = loaded.incidents
        filter_times = [
            best_of(lambda f=f, incidents=incidents: f.apply(incidents))[0] for f in filters.values()
        ]
        build_time, html = best_of(
            lambda incidents=incidents: build_map(incidents, no_tiles).get_root().render()
        )
        ours[size] = (build_time, len(html), incidents)
        print(
            f"{size:>10,} {load_time:>7.3f}s {filter_times[0]:>8.3f}s {filter_times[1]:>8.3f}s "
            f"{build_time:>9.3f}s {len(html) / 1e6:>7.2f}MB {len(html) / size:>10.0f}"
        )

    print("(popups carry notes up to 5,000 incidents; above that the Data page has them)")
    print("\nNaive map (one folium CircleMarker + Popup per incident), same run:")
    for size in arguments.naive_sizes:
        if size not in ours:
            incidents = load_incidents_bytes(synthetic_csv(size)).incidents
            build_time, html = best_of(
                lambda incidents=incidents: build_map(incidents, no_tiles).get_root().render()
            )
            ours[size] = (build_time, len(html), incidents)
        incidents = ours[size][2]
        naive_time, naive_html = best_of(lambda incidents=incidents: naive_map_html(incidents), repeats=1)
        build_time, html_size, _ = ours[size]
        print(
            f"{size:>10,} incidents: build {build_time:.2f}s vs naive {naive_time:.2f}s "
            f"({naive_time / build_time:.1f}x faster); HTML {html_size / 1e6:.2f}MB vs naive "
            f"{len(naive_html) / 1e6:.2f}MB ({len(naive_html) / html_size:.1f}x smaller)"
        )


if __name__ == "__main__":
    main()
