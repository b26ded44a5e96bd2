"""The real dashboard in Chromium at 10,000 to 1,000,000 synthetic incidents, next to
the naive build (one Leaflet circleMarker per incident) measured in the same run.

    .venv/bin/python benchmarks/bench_app.py [--sizes 10000 100000 1000000]
        [--naive-ref 4a98bb5] [--naive-sizes 10000 100000] [--sessions 10]

The naive build is the project at `--naive-ref` (the last commit that drew one
Leaflet object per incident), checked out into a temporary git worktree and served
the same way. For each build and size it prints:

- first draw: from opening the page on a just-started server to the drawn map
  (includes reading the file);
- reload: the same page opened again (warm server), and of that the part after
  the page's data arrived (last websocket message to drawn map);
- filter: choosing "Battles" in the sidebar until the map shows their count;
- zoom / pan: one zoom by two levels and one 300x150 px pan, until painted;
- payload: bytes the page received over its websocket on reload;
- server RSS after the draws, and after `--sessions` pages are open at once.

Synthetic rows are written to a temporary folder and deleted afterwards; nothing is
stored under data/. Prints figures; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from benchmarks.synthetic import synthetic_csv  # noqa: E402
from incidents.filters import IncidentFilter  # noqa: E402
from incidents.loading import load_incidents_bytes  # noqa: E402
from tests.browser.harness import APP_IDLE, CHROMIUM, CHROMIUM_ARGS, MAP_COUNT_JS, MAP_FRAME, serve_app  # noqa: E402

NAIVE_REF = "4a98bb5"  # the last commit with one L.circleMarker per incident
DRAW_TIMEOUT_S = 300

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


class Watch:
    """A page's websocket traffic: bytes received and when the last message came."""

    def __init__(self, page):
        self.bytes = 0
        self.last_message = time.perf_counter()
        page.on("websocket", self._socket)

    def _socket(self, socket):
        socket.on("framereceived", self._frame)

    def _frame(self, payload):
        self.bytes += len(payload)
        self.last_message = time.perf_counter()

    def reset(self):
        self.bytes = 0


def _wait_for_count(page, expected: int) -> bool:
    try:
        page.wait_for_function(f"({MAP_COUNT_JS})() === '{expected}'", timeout=DRAW_TIMEOUT_S * 1000, polling=50)
        return True
    except Exception:  # a build that cannot draw in time is a result, not a crash
        return False


def _server_rss_mb(port: int) -> float | None:
    """Resident memory of the server listening on `port` (found by its command line)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
            if b"ui.serve" in b" ".join(arguments) and str(port).encode() in arguments:
                for line in (entry / "status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
    return None


def _choose_battles(page) -> None:
    event_type = page.get_by_test_id("stMultiSelect").filter(has_text=re.compile(r"^Event type"))
    event_type.click()
    page.get_by_role("option", name="Battles", exact=True).click()
    page.locator("h1").first.click()  # closing the list commits the choice


def measure(browser, url: str, size: int, battles: int, sessions: int) -> dict:
    port = int(url.rsplit(":", 1)[1])
    result: dict = {}
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    watch = Watch(page)
    started = time.perf_counter()
    page.goto(url + "/")
    if not _wait_for_count(page, size):
        page.close()
        return {"first draw": None}
    result["first draw"] = time.perf_counter() - started

    watch.reset()
    started = time.perf_counter()
    page.goto(url + "/")
    _wait_for_count(page, size)
    drawn = time.perf_counter()
    result["reload"] = drawn - started
    result["draw after data"] = drawn - watch.last_message if watch.last_message > started else None
    result["payload MB"] = watch.bytes / 1e6
    page.wait_for_selector(APP_IDLE, timeout=DRAW_TIMEOUT_S * 1000)

    result["zoom ms"] = page.evaluate(VIEW_CHANGE_JS, ["zoom"])
    result["pan ms"] = page.evaluate(VIEW_CHANGE_JS, ["pan"])

    started = time.perf_counter()
    _choose_battles(page)
    result["filter"] = time.perf_counter() - started if _wait_for_count(page, battles) else None
    result["RSS MB"] = _server_rss_mb(port)

    pages = [browser.new_page(viewport={"width": 1400, "height": 1000}) for _ in range(sessions - 1)]
    for other in pages:
        other.goto(url + "/")
    for other in pages:
        _wait_for_count(other, size)
    result[f"RSS {sessions} sessions"] = _server_rss_mb(port)
    for other in pages:
        other.close()
    page.close()
    return result


@contextlib.contextmanager
def naive_checkout(ref: str):
    """The project at `ref` in a temporary git worktree, sharing this checkout's static assets."""
    with tempfile.TemporaryDirectory(prefix="naive-build-") as folder:
        tree = Path(folder) / "tree"
        subprocess.run(["git", "-C", str(PROJECT_ROOT), "worktree", "add", "--detach", str(tree), ref],
                       check=True, capture_output=True)  # fmt: skip
        try:
            (tree / "static").symlink_to(PROJECT_ROOT / "static")
            yield tree
        finally:
            subprocess.run(["git", "-C", str(PROJECT_ROOT), "worktree", "remove", "--force", str(tree)],
                           check=False, capture_output=True)  # fmt: skip


def _format(value, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.0f} ms"
    return f"{value:,.1f}"


COLUMNS = [
    ("first draw", "s"), ("reload", "s"), ("draw after data", "s"), ("filter", "s"), ("zoom ms", "ms"),
    ("pan ms", "ms"), ("payload MB", ""), ("RSS MB", ""),
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--naive-ref", default=NAIVE_REF)
    parser.add_argument("--naive-sizes", type=int, nargs="*", default=None,
                        help="sizes to run the naive build at (default: all of --sizes)")  # fmt: skip
    parser.add_argument("--sessions", type=int, default=10)
    arguments = parser.parse_args()
    naive_sizes = arguments.sizes if arguments.naive_sizes is None else arguments.naive_sizes

    from playwright.sync_api import sync_playwright

    rows = []
    with (
        tempfile.TemporaryDirectory() as folder,
        sync_playwright() as playwright,
        naive_checkout(arguments.naive_ref) as naive_tree,
    ):
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for size in arguments.sizes:
            raw = synthetic_csv(size)
            data_path = Path(folder) / f"synthetic_{size}.csv"
            data_path.write_bytes(raw)
            battles = len(IncidentFilter(event_types=("Battles",)).apply(load_incidents_bytes(raw).incidents))
            del raw
            builds = [("project", PROJECT_ROOT)] + ([("naive", naive_tree)] if size in naive_sizes else [])
            for name, root in builds:
                settings = {"INCIDENTS_CSV": str(data_path), "INCIDENTS_TILES": "none"}
                # The project twice: a second start finds its cached copy of the file; the naive
                # build has none, so once.
                for start in ("first start", "second start") if name == "project" else ("first start",):
                    with serve_app(settings, project_root=root) as url:
                        result = measure(browser, url, size, battles, arguments.sessions)
                    rows.append((size, name, start, result))
                    print(f"{size:>9,} {name:<8} {start:<13}", {key: _format(value, "") for key, value in result.items()},
                          flush=True)  # fmt: skip
        browser.close()

    print(f"\nDashboard in Chromium, tiles off, {os.cpu_count()} cores; synthetic incidents generated at run time;")
    print(f"naive build = the project at {arguments.naive_ref} (one Leaflet circleMarker per incident).")
    header = f"{'incidents':>10} {'build':<8} {'start':<13}" + "".join(f"{name:>12}" for name, _ in COLUMNS)
    header += f"{'RSS ' + str(arguments.sessions) + ' sess.':>14}"
    print(header)
    for size, name, start, result in rows:
        line = f"{size:>10,} {name:<8} {start:<13}"
        line += "".join(f"{_format(result.get(column), unit):>12}" for column, unit in COLUMNS)
        line += f"{_format(result.get(f'RSS {arguments.sessions} sessions'), ''):>14}"
        print(line)
    print("— : did not draw within the time limit, or not run.")


if __name__ == "__main__":
    main()
