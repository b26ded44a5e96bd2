"""Add data in Chromium: upload a sheet, save what the gazetteer placed, see it on the map.

Correcting an unknown place in the grid is not driven here: in headless Chromium the grid's
first edit after an upload was lost in about a third of runs (seen at this test's start too),
and a test that fails at random hides real failures. The correction itself is covered by
tests/pages/test_add_data.py and the import pipeline's tests.
"""

from __future__ import annotations

import pytest

from incidents.loading import load_incidents
from tests.browser.conftest import serve_fixture_copy
from tests.browser.harness import APP_IDLE
from tests.conftest import FIXTURES, PROJECT_ROOT

pytestmark = pytest.mark.browser

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
SHEET = FIXTURES / "imports" / "places_sheet.csv"


@pytest.fixture(scope="module")
def writable_app(chromium_ready, tmp_path_factory):
    with serve_fixture_copy(tmp_path_factory.mktemp("add-data"), "add-data") as served:
        yield served


def test_upload_save_and_see_it_on_the_map(writable_app, watched):
    url, data_path = writable_app
    before = len(load_incidents(data_path).incidents)
    page = watched.open(url + "/add_data")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(SHEET))
    # The sheet's unknown place (row 5) is listed for correction, and left out of the save.
    page.get_by_text("have a place the gazetteer does not know").first.wait_for(timeout=30_000)
    page.wait_for_selector(APP_IDLE)
    save = page.get_by_role("button", name="Save 3 incident(s)")
    save.wait_for(timeout=30_000)
    page.screenshot(path=ARTIFACTS / "add-data.png", full_page=True)
    save.click()
    page.get_by_text("Saved 3 incident(s)").first.wait_for(timeout=30_000)

    saved = load_incidents(data_path).incidents
    assert len(saved) == before + 3
    khuzdar = saved[saved["location"] == "Khuzdaar"]
    assert list(khuzdar["admin2"]) == ["Khuzdar"] and list(khuzdar["geo_precision"]) == [1]

    page.get_by_role("link", name="Map").click()
    assert watched.incident_count(str(before + 3)) == str(before + 3)
    assert watched.errors == []
    assert watched.external_requests() == []
