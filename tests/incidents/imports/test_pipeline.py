"""An import end to end without streamlit: geocode, check, skip duplicates, save; and the command line."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.geocoding import GazetteerGeocoder
from incidents.imports.__main__ import main
from incidents.imports.pipeline import (
    GEOCODING_COLUMN,
    NOT_FOUND,
    check_import,
    geocode_missing,
    read_upload,
    rows_to_save,
)
from incidents.loading import load_incidents
from tests.conftest import FIXTURES

IMPORTS = FIXTURES / "imports"


@pytest.fixture(scope="module")
def geocoder():
    return GazetteerGeocoder()


def test_a_name_of_several_districts_is_not_guessed_but_explained(geocoder):
    sheet = b"Date,Place,District,Type\n2020-01-05,Dandar,,Battles\n2020-01-06,Dandar,Khuzdar,Battles\n"
    rows, _ = geocode_missing(read_upload(sheet, "sheet.csv").rows, geocoder)
    assert rows.loc[0, "latitude"] == "" and "ambiguous" in rows.loc[0, GEOCODING_COLUMN]
    assert rows.loc[1, "admin2"] == "Khuzdar" and rows.loc[1, "latitude"] != ""
    checked = check_import(rows, pd.DataFrame())
    reasons = checked.problems.loc[checked.problems["column"] == "location", "reason"].tolist()
    assert reasons == ["place name in several districts (Kech, Khuzdar): give the district, a nearby town or coordinates"]


def test_places_sheet_is_geocoded_and_unresolved_rows_are_named(geocoder):
    upload = read_upload((IMPORTS / "places_sheet.csv").read_bytes(), "places_sheet.csv")
    progress = []
    rows, notes = geocode_missing(
        upload.rows, geocoder, progress=lambda done, total: progress.append((done, total))
    )
    assert notes == ()
    assert progress[-1] == (5, 5)
    assert list(rows["admin2"]) == ["Kech", "Quetta", "Khuzdar", "", "Mastung"]
    assert list(rows["geo_precision"]) == ["2", "2", "1", "", "1"]
    assert rows.loc[3, GEOCODING_COLUMN] == NOT_FOUND

    checked = check_import(rows, pd.DataFrame())
    problems = checked.problems[["row", "column", "reason"]].to_dict("records")
    assert {
        "row": 5,
        "column": "location",
        "reason": "place not found in the gazetteer: type its coordinates or a known place",
    } in problems
    assert any(problem["row"] == 6 and problem["column"] == "event_date" for problem in problems)
    assert list(checked.incidents.index) == [0, 1, 2]


def test_a_fixed_place_makes_the_row_usable(geocoder):
    upload = read_upload((IMPORTS / "places_sheet.csv").read_bytes(), "places_sheet.csv")
    rows, _ = geocode_missing(upload.rows, geocoder)
    rows.loc[3, "location"] = "Gwadar"  # what the analyst types in the editable table
    rows, _ = geocode_missing(rows, geocoder)
    assert rows.loc[3, "admin2"] == "Gwadar"
    assert 3 in check_import(rows, pd.DataFrame()).incidents.index


def test_duplicates_of_existing_incidents_are_skipped_unless_kept(geocoder, small_incidents_path):
    existing = load_incidents(small_incidents_path).incidents
    upload = read_upload(small_incidents_path.read_bytes(), "again.csv")
    rows, _ = geocode_missing(upload.rows, geocoder)
    checked = check_import(rows, existing)
    assert len(checked.incidents) == len(existing)
    assert checked.duplicate_rows == set(checked.incidents.index)
    assert rows_to_save(checked).empty
    assert len(rows_to_save(checked, keep_duplicates={0})) == 1


def test_saved_rows_use_unified_district_names(geocoder):
    upload = read_upload((IMPORTS / "acled_trimmed.csv").read_bytes(), "acled_trimmed.csv")
    checked = check_import(upload.rows, pd.DataFrame())
    saved = rows_to_save(checked)
    assert list(saved["admin2"]) == ["Kech", "Lasbela"]
    assert list(saved["event_date"]) == ["2017-06-04", "2017-06-05"]


def test_command_line_import_appends_and_reports(data_copy, capsys):
    before = len(load_incidents(data_copy).incidents)
    status = main([str(IMPORTS / "places_sheet.csv"), "--data", str(data_copy)])
    out = capsys.readouterr().out
    assert status == 1  # two rows could not be used, and the output says which
    assert "row 5, location: place not found" in out
    assert "row 6, event_date" in out
    assert "3 rows added" in out
    assert len(load_incidents(data_copy).incidents) == before + 3
    assert len(list((data_copy.parent / "backups").iterdir())) == 1

    # The same file again: every usable row is now a duplicate, nothing is added.
    main([str(IMPORTS / "places_sheet.csv"), "--data", str(data_copy)])
    assert "same incident as" in capsys.readouterr().out
    assert len(load_incidents(data_copy).incidents) == before + 3


def test_command_line_dry_run_saves_nothing(data_copy, capsys):
    before = data_copy.read_bytes()
    assert main([str(IMPORTS / "ucdp_ged.csv"), "--data", str(data_copy), "--dry-run"]) == 1
    assert "nothing saved (dry run)" in capsys.readouterr().out
    assert data_copy.read_bytes() == before


def test_command_line_unreadable_file(tmp_path, data_copy, capsys):
    bad = tmp_path / "people.csv"
    bad.write_text("name,age\nAli,3\n")
    assert main([str(bad), "--data", str(data_copy)]) == 2
    assert "format was not recognised" in capsys.readouterr().err
