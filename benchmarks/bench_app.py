"""The real dashboard in Chromium with 1k-100k synthetic incidents: how long until the
map is drawn, how long a filter change takes, how long a zoom and a pan take.

    .venv/bin/python benchmarks/bench_app.py [--sizes 1000 10000 100000]

Synthetic rows are written to a temporary folder and deleted afterwards; nothing
is stored under data/. Prints figures; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from benchmarks.synthetic import synthetic_csv  # noqa: E402
from incidents.filters import IncidentFilter  # noqa: E402
from incidents.loading import load_incidents_bytes  # noqa: E402
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, MAP_COUNT_JS, MAP_FRAME, serve_app  # noqa: E402

# Resolves when Leaflet has finished a view change and the browser has painted.
VIEW_CHANGE_JS = f"""async ([kind]) => {{
    const map = document.querySelector("{MAP_FRAME}").contentWindow.map;
    const started = performance.now();
    await new Promise(resolve => {{
        map.once("moveend", () => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        if (kind === "zoom") {{ map.setZoom(map.getZoom() + 2, {{animate: false}}); }}
        else {{ map.panBy([300, 150], {{animate: false}}); }}
    }});
    return performance.now() - started;
}}"""


def _time_until_count(page, url: str, expected: int) -> float:
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_function(f"({MAP_COUNT_JS})() === '{expected}'", timeout=300_000)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    arguments = parser.parse_args()

    from playwright.sync_api import sync_playwright

    rows = []
    external: list[str] = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for size in arguments.sizes:
            raw = synthetic_csv(size)
            data_path = Path(folder) / f"synthetic_{size}.csv"
            data_path.write_bytes(raw)
            battles = IncidentFilter(event_types=("Battles",))
            expected_battles = len(battles.apply(load_incidents_bytes(raw).incidents))
            with serve_app({"INCIDENTS_CSV": str(data_path), "INCIDENTS_TILES": "none"}) as url:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.on(
                    "request",
                    lambda request: "127.0.0.1" not in request.url and external.append(request.url),
                )
                base = url + "/"
                cold = _time_until_count(page, base, size)  # includes reading the CSV
                warm = _time_until_count(page, base, size)  # cached data, fresh browser page
                filtered = _time_until_count(page, base + "?event_type=Battles", expected_battles)
                page.goto(base)
                page.wait_for_function(f"({MAP_COUNT_JS})() === '{size}'", timeout=300_000)
                zoom_ms = page.evaluate(VIEW_CHANGE_JS, ["zoom"])
                pan_ms = page.evaluate(VIEW_CHANGE_JS, ["pan"])
                page.close()
            rows.append((size, cold, warm, expected_battles, filtered, zoom_ms, pan_ms))

        browser.close()

    print(
        f"Dashboard in Chromium, tiles off, {os.cpu_count()} cores; synthetic incidents generated at run time"
    )
    print(
        f"{'incidents':>10} {'first load':>11} {'reload':>8} {'Battles only':>17} {'zoom +2':>9} {'pan':>8}"
    )
    for size, cold, warm, battles, filtered, zoom_ms, pan_ms in rows:
        print(
            f"{size:>10,} {cold:>10.2f}s {warm:>7.2f}s {filtered:>7.2f}s ({battles:>6,}) "
            f"{zoom_ms:>7.0f}ms {pan_ms:>6.0f}ms"
        )
    print(f"requests that left 127.0.0.1: {len(external)}")


if __name__ == "__main__":
    main()
