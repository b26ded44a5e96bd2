"""Add data in Chromium: upload a sheet, fix the place the gazetteer does not know, save, see it on the map."""

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


def _edit_cell(page, grid, column_offset: int, text: str) -> None:
    """Type into the first data row of a st.data_editor grid (a canvas: cells are found by position)."""
    box = grid.bounding_box()
    page.mouse.dblclick(box["x"] + column_offset, box["y"] + 52)
    page.wait_for_selector("textarea.gdg-input", timeout=10_000)
    page.keyboard.press("Control+a")
    page.keyboard.type(text)
    # The grid reads the overlay's value when Enter is pressed: make sure it is all there.
    page.wait_for_function("text => document.querySelector('textarea.gdg-input')?.value === text", arg=text)
    page.keyboard.press("Enter")


def test_upload_fix_a_place_save_and_see_it_on_the_map(writable_app, watched):
    url, data_path = writable_app
    before = len(load_incidents(data_path).incidents)
    page = watched.open(url + "/add_data")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(SHEET))
    page.get_by_text("have a place the gazetteer does not know").first.wait_for(timeout=30_000)
    page.wait_for_selector(APP_IDLE)

    # The unresolved place ("Atlantis", row 5) is corrected to a known town. The grid is a
    # canvas that can drop an edit made while the page is still settling after the upload,
    # so the edit is tried again (at most three times) until the page has taken it.
    save = page.get_by_role("button", name="Save 4 incident(s)")
    for _attempt in range(3):
        _edit_cell(page, page.get_by_test_id("stDataFrame").first, column_offset=200, text="Gwadar")
        try:
            save.wait_for(timeout=10_000)
            break
        except Exception:
            page.wait_for_selector(APP_IDLE)
    page.wait_for_selector(APP_IDLE)
    assert save.count() == 1, "the corrected place was not taken"
    assert page.get_by_text("have a place the gazetteer does not know").count() == 0
    page.screenshot(path=ARTIFACTS / "add-data.png", full_page=True)
    save.click()
    page.get_by_text("Saved 4 incident(s)").first.wait_for(timeout=30_000)

    saved = load_incidents(data_path).incidents
    assert len(saved) == before + 4
    gwadar = saved[saved["location"] == "Gwadar"]
    assert list(gwadar["admin2"]) == ["Gwadar"] and list(gwadar["geo_precision"]) == [1]

    page.get_by_role("link", name="Map").click()
    assert watched.incident_count(str(before + 4)) == str(before + 4)
    assert watched.errors == []
    assert watched.external_requests() == []
