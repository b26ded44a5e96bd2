"""Running one page script through AppTest against a writable data file."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT_ROOT


@pytest.fixture
def open_page(monkeypatch, data_copy, tmp_path):
    """open_page("pages/x.py") -> the page after its first run, on a copy of the fixture, tiles off."""

    def run(script: str) -> AppTest:
        monkeypatch.setenv("INCIDENTS_CSV", str(data_copy))
        monkeypatch.setenv("INCIDENTS_TILES", "none")
        monkeypatch.setenv("HOME", str(tmp_path))  # any cache the page writes stays in the test's folder
        app = AppTest.from_file(str(PROJECT_ROOT / script), default_timeout=60)
        app.run()
        assert not app.exception, app.exception
        return app

    return run
