"""The Add data page through AppTest: upload, validation report, duplicates, save."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from incidents.loading import load_incidents
from tests.conftest import FIXTURES, SHARED
from tests.markdown_view import shown_text

IMPORTS = FIXTURES / "imports"


@pytest.fixture
def page(open_page):
    return open_page("pages/add_data.py")


def _upload(app: AppTest, name: str, raw: bytes | None = None) -> AppTest:
    app.file_uploader[0].upload(name, raw if raw is not None else (IMPORTS / name).read_bytes(), "text/csv")
    app.run()
    assert not app.exception, app.exception
    return app


def _save_button(app: AppTest):
    return next(button for button in app.button if shown_text(button.label).startswith("Save"))


def test_page_explains_itself_before_an_upload(page, data_copy):
    assert page.title[0].value == "Add data"
    assert "UCDP GED" in page.markdown[0].value and "Global Terrorism Database" in page.markdown[0].value
    assert str(data_copy) in page.info[0].value
    assert page.toggle[0].value is False  # online geocoding is opt-in


def test_places_sheet_is_geocoded_checked_and_saved(page, data_copy):
    before = len(load_incidents(data_copy).incidents)
    app = _upload(page, "places_sheet.csv")
    assert shown_text(app.subheader[0].value) == "places_sheet.csv: 5 rows, read as sheet of dates and place names"
    assert any("1 row(s) have a place the gazetteer does not know" in block.value for block in app.markdown)
    problems = app.dataframe[-1].value
    assert set(problems["row"]) == {5, 6}
    save = _save_button(app)
    assert shown_text(save.label) == f"Save 3 incident(s) to {data_copy.name}"
    save.click()
    app.run()
    assert not app.exception, app.exception
    assert "Saved 3 incident(s)" in app.success[0].value
    assert len(load_incidents(data_copy).incidents) == before + 3
    assert list((data_copy.parent / "backups").iterdir())


def test_duplicates_are_listed_side_by_side_and_skipped(page, data_copy, small_incidents_path):
    app = _upload(page, "again.csv", small_incidents_path.read_bytes())
    assert any("look like incidents already in the data" in block.value for block in app.markdown)
    assert shown_text(_save_button(app).label).startswith("Save 0 incident(s)")
    assert _save_button(app).disabled


def test_unreadable_upload_is_a_clear_error(page):
    app = _upload(page, "people.csv", b"name,age\nAli,3\n")
    assert "people.csv cannot be imported" in shown_text(app.error[0].value)
    assert "format was not recognised" in shown_text(app.error[0].value)


def test_configured_tehsil_polygons_place_every_tehsil(open_page, monkeypatch, data_copy):
    tehsils = SHARED / "boundaries" / "balochistan_tehsils.geojson"
    if not tehsils.exists():
        pytest.skip("../shared/boundaries is not beside this checkout")
    monkeypatch.setenv("INCIDENTS_TEHSILS", str(tehsils))
    app = open_page("pages/add_data.py")
    assert re.search(r"and \d+ tehsils placed inside their polygons", app.markdown[0].value)
    # No place is called Dasht in Kech (only hamlets elsewhere): the tehsil's polygon places it.
    sheet = b"Date,Place,Type,Sub-event type,Killed\n2020-01-05,Dasht,Battles,Armed clash,2\n"
    app = _upload(app, "tehsil.csv", sheet)
    assert not any("does not know" in block.value for block in app.markdown)
    assert shown_text(_save_button(app).label) == f"Save 1 incident(s) to {data_copy.name}"
    _save_button(app).click()
    app.run()
    saved = load_incidents(data_copy).incidents.iloc[-1]
    assert (saved["location"], saved["admin2"], saved["geo_precision"]) == ("Dasht", "Kech", 2)


def test_a_save_while_the_file_is_busy_keeps_the_rows_for_another_try(page, data_copy, monkeypatch):
    from filelock import FileLock

    from incidents import storage

    monkeypatch.setattr(storage, "DEFAULT_LOCK_TIMEOUT_SECONDS", 0.3)
    before = data_copy.read_bytes()
    app = _upload(page, "places_sheet.csv")
    busy = FileLock(storage.lock_path_for(data_copy), thread_local=False)
    with busy:  # another save (another tab, another process) holds the file
        _save_button(app).click()
        app.run()
    assert not app.exception, app.exception
    assert "is busy" in shown_text(app.warning[-1].value)
    assert data_copy.read_bytes() == before
    # The upload, its geocoding and the Save button are all still there.
    assert shown_text(_save_button(app).label) == f"Save 3 incident(s) to {data_copy.name}"
    _save_button(app).click()
    app.run()
    assert "Saved 3 incident(s)" in app.success[0].value
