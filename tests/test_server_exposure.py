"""Started as the README says, the app listens on this machine only and asks no outside service.

Streamlit with no server.address listens on every interface (anyone on the
network could open the app and save into its data file) and asks a
what-is-my-IP service at each start; the project's config sets the address.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import tomllib

import pytest

from tests.browser.harness import free_port, is_healthy
from tests.conftest import FIXTURES, PROJECT_ROOT

LISTEN = "0A"  # the TCP state /proc/net/tcp gives a listening socket


def test_the_config_serves_localhost_only():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "localhost"


class _RecordingProxy:
    """A local HTTP proxy that accepts and records every connection, forwarding nothing."""

    def __init__(self):
        self.connections = 0
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.2)
        self.port = self._socket.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self):
        self._stop.set()
        self._thread.join()
        self._socket.close()


def _listening_addresses(port: int) -> list[str]:
    """Local addresses of sockets listening on `port`, from the kernel's tables (hex, as /proc writes them)."""
    addresses = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(FileNotFoundError), open(table) as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                address, port_hex = fields[1].rsplit(":", 1)
                if int(port_hex, 16) == port and fields[3] == LISTEN:
                    addresses.append(address)
    return addresses


def _is_loopback(hex_address: str) -> bool:
    if len(hex_address) == 8:  # IPv4, little-endian: 0100007F is 127.0.0.1
        return hex_address.endswith("7F")
    return hex_address == "00000000000000000000000001000000"  # ::1


@pytest.mark.skipif(not os.path.exists("/proc/net/tcp"), reason="needs Linux's /proc/net/tcp")
def test_started_as_documented_it_listens_on_loopback_and_calls_nobody(tmp_path):
    proxy = _RecordingProxy()
    port = free_port()
    proxy_url = f"http://127.0.0.1:{proxy.port}"
    environment = {
        key: value for key, value in os.environ.items() if not key.upper().startswith("STREAMLIT_")
    }
    environment.update(
        INCIDENTS_CSV=str(FIXTURES / "small_incidents.csv"), INCIDENTS_TILES="none", HOME=str(tmp_path),
        HTTP_PROXY=proxy_url, HTTPS_PROXY=proxy_url, http_proxy=proxy_url, https_proxy=proxy_url,
        NO_PROXY="", no_proxy="",
    )  # fmt: skip
    log = tmp_path / "streamlit.log"
    # As scripts/run starts it, plus a free port: the address comes from .streamlit/config.toml.
    with open(log, "w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "ui.serve", "--server.port", str(port)],
            cwd=PROJECT_ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not is_healthy(port):
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        addresses = _listening_addresses(port)
        assert addresses, "no listening socket found"
        assert all(_is_loopback(address) for address in addresses), addresses
    finally:
        server.terminate()
        server.wait(timeout=20)
        proxy.close()
    assert proxy.connections == 0, "the server asked an outside service at start"
    assert "External URL" not in log.read_text()
