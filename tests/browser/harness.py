"""Start the real app and watch a Chromium page: shared by the browser tests and benchmarks/bench_app.py."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import urlparse

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
# The incident count the map layer writes on its container once it has drawn.
MAP_COUNT_JS = f"""() => {{
    const frame = document.querySelector("{MAP_FRAME}");
    const map = frame && frame.contentDocument && frame.contentDocument.getElementById("map_div");
    return map && map.dataset.incidentCount !== undefined ? map.dataset.incidentCount : null;
}}"""
# The page position of a latitude/longitude on the map, then a click there.
POINT_ON_MAP_JS = f"""([lat, lon]) => {{
    const frame = document.querySelector("{MAP_FRAME}");
    const point = frame.contentWindow.map.latLngToContainerPoint([lat, lon]);
    const box = frame.getBoundingClientRect();
    return [box.left + point.x, box.top + point.y];
}}"""


def click_on_map(page, latitude: float, longitude: float) -> None:
    x, y = page.evaluate(POINT_ON_MAP_JS, [latitude, longitude])
    page.mouse.click(x, y)


APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


class AppDidNotStart(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serve_app(
    settings: Mapping[str, str], log_path: Path | None = None, project_root: Path = PROJECT_ROOT
) -> Iterator[str]:
    """Run `streamlit run dashboard.py` on a free port with `settings` as environment; yield its URL.

    `project_root`: another checkout of the project to serve (benchmarks/bench_app.py's baseline)."""
    port = free_port()
    command = [
        sys.executable, "-m", "ui.serve",
        "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with contextlib.ExitStack() as stack:
        output = stack.enter_context(open(log_path, "w")) if log_path else subprocess.DEVNULL
        server = subprocess.Popen(
            command, cwd=project_root, env={**os.environ, **settings}, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 60
            while not is_healthy(port):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AppDidNotStart(f"streamlit did not start{f'; see {log_path}' if log_path else ''}")
                time.sleep(0.2)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(timeout=20)


def is_healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


class Watched:
    """A page whose requests and JavaScript errors are recorded."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        self.page.on("console", self._console)
        self.page.on("response", self._response)

    def _console(self, message):
        # A failed load is checked by its response below, where the URL is known.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def _response(self, response):
        # Opened on a page's URL (/data), Streamlit's front end first probes
        # /data/_stcore/... and then falls back to the root: expected 404s.
        path = urlparse(response.url).path
        if response.status >= 400 and not (response.status == 404 and "/_stcore/" in path):
            self.errors.append(f"HTTP {response.status}: {response.url}")

    def open(self, url: str):
        self.page.goto(url)
        self.page.wait_for_selector(APP_IDLE, timeout=60_000)
        return self.page

    def incident_count(self, expected: str) -> str:
        self.page.wait_for_function(f"({MAP_COUNT_JS})() === {expected!r}", timeout=30_000)
        return self.page.evaluate(MAP_COUNT_JS)

    def external_requests(self) -> list[str]:
        return [url for url in self.requests if urlparse(url).hostname not in ("127.0.0.1", "localhost")]

    def close(self):
        self.context.close()
