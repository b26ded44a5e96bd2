"""Load, filter and map-build times and HTML size at 1k-100k synthetic incidents, next to a
naive folium map (one CircleMarker with a Popup per incident) measured in the same run;
with --browser, also how long Chromium takes to draw each map and to zoom and pan it.

    .venv/bin/python benchmarks/bench_map.py [--sizes 1000 10000 100000]
        [--naive-sizes 1000 10000] [--browser]

Every incident is SYNTHETIC: generated in memory at run time from a fixed seed, never
written under data/ (with --browser the map pages go to a temporary folder, deleted
afterwards). Prints figures; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import html
import io
import os
import platform
import re
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
STATIC_DIR = PROJECT_ROOT / "static"
sys.path.insert(0, str(PROJECT_ROOT))

import folium  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from geo.districts import DISTRICTS  # noqa: E402
from geo.incident_map import PROVINCE_FRAME, build_map, incident_payload  # noqa: E402
from geo.markup import json_for_script  # noqa: E402
from geo.tiles import resolve_tile_source  # noqa: E402
from incidents.filters import IncidentFilter  # noqa: E402
from incidents.loading import load_incidents_bytes  # noqa: E402
from incidents.schema import (  # noqa: E402
    BALOCHISTAN_BOUNDS,
    BALOCHISTAN_CENTER,
    CANONICAL_COLUMNS,
    EVENT_TAXONOMY,
    EVENT_TYPE_COLORS,
)

SEED = 7
SLOW_STEP_SECONDS = 5.0
SYNTHETIC_SOURCE = "SYNTHETIC benchmark row"

ACTORS = (
    "Military Forces of Pakistan (2018-)",
    "Police Forces of Pakistan (2018-)",
    "Frontier Corps",
    "BLA: Baloch Liberation Army",
    "BLF: Baloch Liberation Front",
    "TTP: Tehreek-i-Taliban Pakistan",
    "Unidentified Armed Group (Pakistan)",
    "Civilians (Pakistan)",
    "Protesters (Pakistan)",
    "Rioters (Pakistan)",
)
PLACES = (
    "Quetta", "Turbat", "Gwadar", "Mastung", "Khuzdar", "Panjgur", "Sibi", "Zhob",
    "Dera Bugti", "Kalat", "Nushki", "Kharan", "Chaman", "Hub", "Pasni", "Dalbandin",
)  # fmt: skip
SETTINGS = ("highway", "checkpoint", "market", "camp", "village", "bazaar", "road", "mountains")
NOTES_LENGTH = 120

FILTERS = {
    "A: Battles+Explosions, fatalities>=1": IncidentFilter(
        event_types=("Battles", "Explosions/Remote violence"), min_fatalities=1
    ),
    "B: district Kech/Panjgur + text 'checkpoint'": IncidentFilter(
        districts=("Kech", "Panjgur"), text="checkpoint"
    ),
}

# Chromium: the map page is drawn once the drawing script has run and a frame was painted.
MAP_KEY_JS = "Object.keys(window).find(k => k.startsWith('map_'))"
OURS_READY_JS = """() => {
    const element = document.querySelector('.folium-map');
    return !!element && element.dataset.incidentCount !== undefined;
}"""
NAIVE_READY_JS = f"() => document.readyState === 'complete' && !!{MAP_KEY_JS} && !!window.L"
PAINTED_JS = f"""async () => {{
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const map = window[{MAP_KEY_JS}];
    let circles = 0;
    // Layers inside a feature group on the map are on the map too: eachLayer sees them.
    map.eachLayer(layer => {{ if (layer instanceof L.CircleMarker) {{ circles += 1; }} }});
    const element = document.querySelector('.folium-map');
    return {{
        since_navigation_ms: performance.now(),
        incident_count: element.dataset.incidentCount === undefined ? null : Number(element.dataset.incidentCount),
        circles: circles,
        zoom: map.getZoom(),
    }};
}}"""
# map.setZoom(8) / map.panBy([200, 100]); time until zoomend/moveend fired and a frame was painted.
VIEW_CHANGE_JS = f"""async ([kind, animate]) => {{
    const map = window[{MAP_KEY_JS}];
    const options = animate ? {{}} : {{animate: false}};
    const frames = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    if (kind === "zoom" && map.getZoom() === 8) {{ map.setZoom(7, {{animate: false}}); await frames(); }}
    const eventName = kind === "zoom" ? "zoomend" : "moveend";
    const started = performance.now();
    await new Promise((resolve, reject) => {{
        const timer = setTimeout(() => reject(new Error("no " + eventName + " within 120 s")), 120000);
        map.once(eventName, () => requestAnimationFrame(() => requestAnimationFrame(() => {{
            clearTimeout(timer);
            resolve();
        }})));
        if (kind === "zoom") {{ map.setZoom(8, options); }} else {{ map.panBy([200, 100], options); }}
    }});
    return performance.now() - started;
}}"""
RESET_VIEW_JS = f"""async ([lat, lng, zoom]) => {{
    const map = window[{MAP_KEY_JS}];
    map.setView([lat, lng], zoom, {{animate: false}});
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}}"""
VIEW_JS = f"""() => {{
    const map = window[{MAP_KEY_JS}];
    const center = map.getCenter();
    return [center.lat, center.lng, map.getZoom()];
}}"""


# ---------------------------------------------------------------- synthetic data


def synthetic_frame(count: int, seed: int = SEED) -> pd.DataFrame:
    """`count` SYNTHETIC incidents in the canonical columns, as the strings a CSV holds."""
    rng = np.random.default_rng(seed)
    event_types = list(EVENT_TAXONOMY)
    type_index = rng.integers(0, len(event_types), count)
    sub_counts = np.array([len(EVENT_TAXONOMY[name]) for name in event_types])
    sub_index = (rng.random(count) * sub_counts[type_index]).astype(int)
    sub_lookup = [list(EVENT_TAXONOMY[name]) for name in event_types]
    event_type = np.array(event_types, dtype=object)[type_index]
    sub_event_type = np.array(
        [sub_lookup[t][s] for t, s in zip(type_index.tolist(), sub_index.tolist(), strict=True)],
        dtype=object,
    )

    first, last = pd.Timestamp("2015-01-01"), pd.Timestamp("2025-12-31")
    days = rng.integers(0, (last - first).days + 1, count)
    dates = (first + pd.to_timedelta(days, unit="D")).strftime("%Y-%m-%d")

    bounds = BALOCHISTAN_BOUNDS
    latitude = rng.uniform(bounds["south"], bounds["north"], count).round(4)
    longitude = rng.uniform(bounds["west"], bounds["east"], count).round(4)

    actors = np.array(ACTORS, dtype=object)
    actor1 = actors[rng.integers(0, len(ACTORS), count)]
    actor2 = np.where(rng.random(count) < 0.35, "", actors[rng.integers(0, len(ACTORS), count)])
    assoc1 = np.where(rng.random(count) < 0.1, "Civilians (Pakistan); Journalists (Pakistan)", "")
    district = np.array(DISTRICTS, dtype=object)[rng.integers(0, len(DISTRICTS), count)]
    location = np.array(PLACES, dtype=object)[rng.integers(0, len(PLACES), count)]
    setting = np.array(SETTINGS, dtype=object)[rng.integers(0, len(SETTINGS), count)]

    # Skewed toll: most incidents kill nobody, a few kill dozens.
    fatalities = rng.negative_binomial(0.4, 0.25, count)
    mass_casualty = rng.random(count) < 0.003
    fatalities[mass_casualty] = rng.integers(20, 130, int(mass_casualty.sum()))
    injuries = rng.negative_binomial(0.5, 0.2, count).astype(str).astype(object)
    injuries[rng.random(count) < 0.4] = ""

    notes = [
        (
            f"SYNTHETIC: on {day} near the {where} at {place} ({area}), {who} reported; {toll} killed."
            " Not a real incident: generated at run time for a benchmark."
        )[:NOTES_LENGTH].rstrip()
        for day, who, where, place, area, toll in zip(
            dates, actor1, setting, location, district, fatalities, strict=True
        )
    ]
    numbers = np.arange(count)
    frame = pd.DataFrame(
        {
            "event_id_cnty": [f"SYN{number:07d}" for number in numbers],
            "event_date": dates,
            "time_precision": rng.integers(1, 4, count),
            "event_type": event_type,
            "sub_event_type": sub_event_type,
            "actor1": actor1,
            "assoc_actor_1": assoc1,
            "actor2": actor2,
            "assoc_actor_2": "",
            "admin1": "Balochistan",
            "admin2": district,
            "admin3": "",
            "location": location,
            "latitude": latitude,
            "longitude": longitude,
            "geo_precision": rng.integers(1, 4, count),
            "source": SYNTHETIC_SOURCE,
            "notes": notes,
            "fatalities": fatalities,
            "injuries": injuries,
            "source_url": np.where(
                rng.random(count) < 0.5, [f"https://example.org/synthetic/{n}" for n in numbers], ""
            ),
        }
    )
    return frame[list(CANONICAL_COLUMNS)]


def synthetic_csv(count: int, seed: int = SEED) -> bytes:
    """The bytes of a CSV file of `count` SYNTHETIC incidents (kept in memory only)."""
    buffer = io.StringIO()
    synthetic_frame(count, seed).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


# ---------------------------------------------------------------- timing helpers


def best_of(function: Callable[[], object], repeats: int = 3) -> tuple[float, int, object]:
    """Best wall time of `repeats` runs, the number of runs, and the last result.

    A step whose first run takes over SLOW_STEP_SECONDS runs once.
    """
    best, result, runs = float("inf"), None, 0
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - started
        runs += 1
        best = min(best, elapsed)
        if elapsed > SLOW_STEP_SECONDS:
            break
    return best, runs, result


def naive_map(incidents: pd.DataFrame) -> folium.Map:
    """What one writes first: a folium CircleMarker with a Popup per incident.

    Same view, colours, size rule and popup fields as the project's map (notes always).
    """
    naive = folium.Map(location=BALOCHISTAN_CENTER, zoom_start=6, tiles=None, prefer_canvas=True)
    for row in incidents.itertuples(index=False):
        place = f"{row.location}, {row.admin2}" if row.admin2 else row.location
        toll = f"{row.fatalities} killed" + ("" if pd.isna(row.injuries) else f", {row.injuries} injured")
        cells = (
            ("Date", f"{row.event_date:%Y-%m-%d}"),
            ("Type", f"{row.event_type} / {row.sub_event_type}"),
            ("Actor", row.actor1),
            ("Acted on", row.actor2),
            ("Place", place),
            ("Toll", toll),
            ("Notes", row.notes),
            ("Source", row.source),
        )
        table = "".join(
            f"<tr><th>{name}</th><td>{html.escape(str(value))}</td></tr>" for name, value in cells if value
        )
        folium.CircleMarker(
            location=(row.latitude, row.longitude),
            radius=min(4 + 2 * float(np.sqrt(row.fatalities)), 22),
            color="#ffffff",
            weight=1,
            fill=True,
            fill_color=EVENT_TYPE_COLORS[row.event_type],
            fill_opacity=0.8,
            popup=folium.Popup(f"<table>{table}</table>", max_width=360),
        ).add_to(naive)
    naive.fit_bounds(PROVINCE_FRAME)
    return naive


def naive_map_html(incidents: pd.DataFrame) -> str:
    return naive_map(incidents).get_root().render()


# ---------------------------------------------------------------- measurements


def measure_ours(size: int) -> dict:
    no_tiles = resolve_tile_source("none")
    started = time.perf_counter()
    raw = synthetic_csv(size)
    generate_time = time.perf_counter() - started
    load_time, load_runs, loaded = best_of(lambda: load_incidents_bytes(raw, name=f"synthetic_{size}.csv"))
    incidents = loaded.incidents
    row = {
        "size": size,
        "csv_bytes": len(raw),
        "generate": generate_time,
        "load": load_time,
        "load_runs": load_runs,
        "loaded": len(incidents),
        "problems": len(loaded.problems),
        "rejected": int((loaded.problems["severity"] == "rejected").sum()) if len(loaded.problems) else 0,
        "incidents": incidents,
        "filters": [],
    }
    for incident_filter in FILTERS.values():
        elapsed, runs, kept = best_of(lambda f=incident_filter: f.apply(incidents))
        row["filters"].append((elapsed, runs, len(kept)))

    payload_time, payload_runs, payload = best_of(lambda: json_for_script(incident_payload(incidents)))
    row["payload"] = (payload_time, payload_runs, len(payload.encode("utf-8")))

    build_time, build_runs, page = best_of(lambda: build_map(incidents, no_tiles, None).get_root().render())
    row["build"] = (build_time, build_runs)
    row["html"] = page
    row["html_bytes"] = len(page.encode("utf-8"))
    return row


def measure_naive(incidents: pd.DataFrame) -> dict:
    elapsed, runs, page = best_of(lambda: naive_map_html(incidents))
    return {"build": (elapsed, runs), "html": page, "html_bytes": len(page.encode("utf-8"))}


# ---------------------------------------------------------------- browser part


def offline_naive_html(page: str, jquery_available: bool) -> str:
    """The naive page with folium's CDN links replaced by the local copies.

    Leaflet comes from static/ (the same file the project's map loads); jQuery, which
    folium's popups call as $(...), from Debian's libjs-jquery when installed, else a
    one-line stand-in; Bootstrap and awesome-markers (unused by CircleMarkers) are dropped.
    """
    jquery = (
        '<script src="/vendor/jquery.min.js"></script>'
        if jquery_available
        else "<script>window.$ = function (text) { var t = document.createElement('template');"
        " t.innerHTML = text.trim(); return [t.content.firstChild]; };</script>"
    )

    def replace_script(match: re.Match) -> str:
        url = match.group(1)
        if "/leaflet@" in url and url.endswith("leaflet.js"):
            return '<script src="/app/static/leaflet/leaflet.js"></script>'
        if "jquery" in url:
            return jquery
        return ""

    def replace_link(match: re.Match) -> str:
        url = match.group(1)
        if "/leaflet@" in url and url.endswith("leaflet.css"):
            return '<link rel="stylesheet" href="/app/static/leaflet/leaflet.css"/>'
        return ""

    page = re.sub(r'<script src="(https?://[^"]+)"></script>', replace_script, page)
    page = re.sub(r'<link rel="stylesheet" href="(https?://[^"]+)"/>', replace_link, page)
    return page


class _Handler(SimpleHTTPRequestHandler):
    """/app/static/... -> the project's static/, /pages/... -> the temporary pages folder."""

    pages_dir: Path
    jquery_path: Path | None = None

    def translate_path(self, path: str) -> str:
        path = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        roots = (("/app/static/", STATIC_DIR), ("/pages/", self.pages_dir))
        for prefix, root in roots:
            if path.startswith(prefix):
                target = (root / path[len(prefix) :]).resolve()
                if target.is_relative_to(root.resolve()):
                    return str(target)
        if path == "/vendor/jquery.min.js" and self.jquery_path is not None:
            return str(self.jquery_path)
        return str(self.pages_dir / "__not_found__")

    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A page closed while a file was still being sent: not our concern here.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def _console_error(info: dict, name: str, message) -> None:
    if message.type == "error":
        info["errors"].append(f"{name}: console: {message.text}")


def browser_measurements(ours: dict[int, dict], naive: dict[int, dict]) -> tuple[list[dict], dict]:
    from playwright.sync_api import sync_playwright

    jquery_path = Path("/usr/share/javascript/jquery/jquery.min.js")
    info = {"external": [], "errors": [], "jquery": jquery_path.exists()}
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_map_") as folder:
        pages_dir = Path(folder)
        handler = type(
            "Handler",
            (_Handler,),
            {"pages_dir": pages_dir, "jquery_path": jquery_path if info["jquery"] else None},
        )
        server = _QuietServer(("127.0.0.1", 0), handler)
        port = server.server_address[1]
        thread = threading.Thread(target=server.serve_forever, name="bench-map-http", daemon=True)
        thread.start()
        info["port"] = port
        pages = []
        for size, row in ours.items():
            name = f"ours_{size}.html"
            (pages_dir / name).write_text(row["html"], encoding="utf-8")
            pages.append(("ours", size, name, row["html_bytes"]))
        for size, row in naive.items():
            name = f"naive_{size}.html"
            (pages_dir / name).write_text(offline_naive_html(row["html"], info["jquery"]), encoding="utf-8")
            pages.append(("naive", size, name, row["html_bytes"]))

        def on_route(route) -> None:
            url = route.request.url
            host = urllib.parse.urlsplit(url).hostname
            if url.startswith(("http:", "https:", "ws:", "wss:")) and host != "127.0.0.1":
                info["external"].append(url)
                route.abort()
            else:
                route.continue_()

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium",
                    args=[
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                    ],
                )
                info["browser"] = browser.version
                for kind, size, name, html_bytes in pages:
                    context = browser.new_context(viewport={"width": 1400, "height": 1000})
                    context.route("**/*", on_route)
                    page = context.new_page()
                    page.on("pageerror", lambda error, n=name: info["errors"].append(f"{n}: {error}"))
                    page.on("console", lambda message, n=name: _console_error(info, n, message))
                    started = time.perf_counter()
                    page.goto(f"http://127.0.0.1:{port}/pages/{name}", wait_until="commit", timeout=300_000)
                    page.wait_for_function(
                        OURS_READY_JS if kind == "ours" else NAIVE_READY_JS, polling="raf", timeout=300_000
                    )
                    drawn = page.evaluate(PAINTED_JS)
                    wall = time.perf_counter() - started
                    home = page.evaluate(VIEW_JS)
                    zoom_animated = page.evaluate(VIEW_CHANGE_JS, ["zoom", True])
                    pan_animated = page.evaluate(VIEW_CHANGE_JS, ["pan", True])
                    page.evaluate(RESET_VIEW_JS, home)
                    zoom_instant = page.evaluate(VIEW_CHANGE_JS, ["zoom", False])
                    pan_instant = page.evaluate(VIEW_CHANGE_JS, ["pan", False])
                    rows.append(
                        {
                            "kind": kind,
                            "size": size,
                            "html_bytes": html_bytes,
                            "drawn_in_page": drawn["since_navigation_ms"] / 1000,
                            "drawn_wall": wall,
                            "incident_count": drawn["incident_count"],
                            "circles": drawn["circles"],
                            "start_zoom": drawn["zoom"],
                            "zoom_animated": zoom_animated,
                            "pan_animated": pan_animated,
                            "zoom_instant": zoom_instant,
                            "pan_instant": pan_instant,
                        }
                    )
                    print(
                        f"  browser: {kind} {size:,} drawn in {drawn['since_navigation_ms'] / 1000:.2f} s",
                        flush=True,
                    )
                    context.close()
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    return rows, info


# ---------------------------------------------------------------- report


def _seconds(value: float, runs: int) -> str:
    text = f"{value:.3f}s" if value < 10 else f"{value:.1f}s"
    return text + ("*" if runs == 1 else "")


def _mb(size: int) -> str:
    return f"{size / 1e6:.2f}MB"


def _times(ratio: float) -> str:
    return f"{ratio:.0f}x" if ratio >= 10 else f"{ratio:.1f}x"


def print_report(ours: dict[int, dict], naive: dict[int, dict], browser: tuple[list[dict], dict] | None):
    rule = "-" * 108
    print()
    print("=" * 108)
    print("MAP BENCHMARK (SYNTHETIC incidents, generated in memory at run time; nothing written to data/)")
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"machine: {os.cpu_count()} cores ({affinity} usable by this process), {platform.machine()}, "
        f"Python {platform.python_version()}, pandas {pd.__version__}, folium {folium.__version__}"
    )
    print(f"sizes: {', '.join(f'{s:,}' for s in ours)}; naive sizes: {', '.join(f'{s:,}' for s in naive)}")
    print(f"seed: numpy default_rng({SEED}); times are the best of 3 runs, * = one run (first run > 5 s)")
    print("=" * 108)

    print("\n1. Load, filter, map build (tiles 'none', no boundaries)")
    print(rule)
    print(
        f"{'incidents':>10} {'CSV':>9} {'load':>9} {'loaded':>8} {'filter A':>9} {'(kept)':>8} "
        f"{'filter B':>9} {'(kept)':>7} {'build+render':>13} {'HTML':>9} {'B/incident':>11}"
    )
    for size, row in ours.items():
        (fa, fa_runs, fa_kept), (fb, fb_runs, fb_kept) = row["filters"]
        print(
            f"{size:>10,} {_mb(row['csv_bytes']):>9} {_seconds(row['load'], row['load_runs']):>9} "
            f"{row['loaded']:>8,} {_seconds(fa, fa_runs):>9} {fa_kept:>8,} {_seconds(fb, fb_runs):>9} "
            f"{fb_kept:>7,} {_seconds(*row['build']):>13} {_mb(row['html_bytes']):>9} "
            f"{row['html_bytes'] / size:>11,.0f}"
        )
    print("filters: " + "; ".join(FILTERS))
    for size, row in ours.items():
        if row["problems"] or row["loaded"] != size:
            print(
                f"note: {size:,} rows -> {row['loaded']:,} loaded, {row['problems']:,} problems "
                f"({row['rejected']:,} rejected)"
            )

    print("\n2. Incident layer alone: json_for_script(incident_payload(df))")
    print(rule)
    print(
        f"{'incidents':>10} {'time':>9} {'JSON':>9} {'B/incident':>11} {'share of HTML':>14} {'notes in popups':>16}"
    )
    for size, row in ours.items():
        elapsed, runs, payload_bytes = row["payload"]
        print(
            f"{size:>10,} {_seconds(elapsed, runs):>9} {_mb(payload_bytes):>9} {payload_bytes / size:>11,.0f} "
            f"{payload_bytes / row['html_bytes']:>13.0%} {'yes' if size <= 5000 else 'no (>5,000)':>16}"
        )

    print("\n3. Against a naive folium map (one CircleMarker + Popup per incident), same run")
    print(rule)
    print(
        f"{'incidents':>10} {'ours':>9} {'naive':>9} {'faster':>8} {'ours HTML':>10} {'naive HTML':>11} {'smaller':>8} {'naive B/inc':>12}"
    )
    for size, row in naive.items():
        our = ours[size]
        print(
            f"{size:>10,} {_seconds(*our['build']):>9} {_seconds(*row['build']):>9} "
            f"{_times(row['build'][0] / our['build'][0]):>8} {_mb(our['html_bytes']):>10} "
            f"{_mb(row['html_bytes']):>11} {_times(row['html_bytes'] / our['html_bytes']):>8} "
            f"{row['html_bytes'] / size:>12,.0f}"
        )
    for size, row in naive.items():
        our = ours[size]
        print(
            f"{size:,} incidents: {our['build'][0]:.2f} s vs naive {row['build'][0]:.2f} s "
            f"({_times(row['build'][0] / our['build'][0])} faster), {our['html_bytes'] / 1e6:.1f} MB vs "
            f"{row['html_bytes'] / 1e6:.1f} MB ({_times(row['html_bytes'] / our['html_bytes'])} smaller)"
        )
    print("(the naive popups always carry notes; ours leave notes out above 5,000 incidents)")

    if browser is None:
        return
    rows, info = browser
    print(
        f"\n4. Chromium {info.get('browser', '?')} (headless, --disable-gpu, 1400x1000), pages served on "
        f"127.0.0.1:{info.get('port', '?')}; one run each"
    )
    print(rule)
    print(
        f"{'map':>6} {'incidents':>10} {'HTML':>9} {'drawn':>8} {'(wall)':>8} {'circles':>8} {'zoom':>5} "
        f"{'setZoom(8)':>11} {'panBy':>8} {'setZoom(8)':>11} {'panBy':>8}"
    )
    print(
        f"{'':>6} {'':>10} {'':>9} {'':>8} {'':>8} {'':>8} {'':>5} {'animated':>11} {'animated':>8} {'no anim':>11} {'no anim':>8}"
    )
    for row in rows:
        print(
            f"{row['kind']:>6} {row['size']:>10,} {_mb(row['html_bytes']):>9} {row['drawn_in_page']:>7.2f}s "
            f"{row['drawn_wall']:>7.2f}s {row['circles']:>8,} {row['start_zoom']:>5} "
            f"{row['zoom_animated']:>9.0f}ms {row['pan_animated']:>6.0f}ms "
            f"{row['zoom_instant']:>9.0f}ms {row['pan_instant']:>6.0f}ms"
        )
    print(
        "drawn = navigation start to the drawing script done (ours: data-incident-count set on .folium-map;\n"
        "naive: document complete) plus two animation frames, by the page's clock; (wall) = the same seen\n"
        "from Python. View changes: until zoomend/moveend fired plus two animation frames."
    )
    for row in rows:
        expected = row["size"]
        if row["circles"] != expected or (row["kind"] == "ours" and row["incident_count"] != expected):
            print(
                f"WARNING: {row['kind']} {expected:,}: {row['circles']:,} circle markers, "
                f"data-incident-count={row['incident_count']}"
            )
    print(
        "naive pages: folium's CDN links rewritten to the local Leaflet in static/ and "
        + ("Debian's libjs-jquery" if info["jquery"] else "a one-line $() stand-in")
        + "; Bootstrap/awesome-markers links dropped"
    )
    if info["errors"]:
        print("page errors:")
        for error in info["errors"]:
            print(f"  {error}")
    print(f"requests that left 127.0.0.1: {len(info['external'])}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--naive-sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--browser", action="store_true", help="also time the maps in Debian's Chromium")
    arguments = parser.parse_args()

    sizes = sorted(set(arguments.sizes) | set(arguments.naive_sizes))
    ours: dict[int, dict] = {}
    for size in sizes:
        print(f"measuring ours at {size:,} incidents ...", flush=True)
        ours[size] = measure_ours(size)
    naive: dict[int, dict] = {}
    for size in sorted(set(arguments.naive_sizes)):
        print(f"measuring naive folium map at {size:,} incidents ...", flush=True)
        naive[size] = measure_naive(ours[size]["incidents"])

    browser = None
    if arguments.browser:
        if not (STATIC_DIR / "leaflet" / "leaflet.js").is_file():
            print(f"{STATIC_DIR} has no Leaflet: run scripts/setup first. Skipping the browser part.")
        elif not Path("/usr/bin/chromium").exists():
            print("/usr/bin/chromium is missing (apt-get install chromium). Skipping the browser part.")
        else:
            browser = browser_measurements(ours, naive)

    print_report(ours, naive, browser)
    if browser is not None and browser[1]["external"]:
        print("\nFAIL: the map pages requested hosts other than 127.0.0.1:", file=sys.stderr)
        for url in browser[1]["external"]:
            print(f"  {url}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
