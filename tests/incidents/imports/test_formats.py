"""Each format adapter on small hand-made files, bad rows and encodings included."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from incidents.errors import DataFileError
from incidents.imports.formats import detect_format
from incidents.imports.gtd import event_types
from incidents.imports.pipeline import read_upload
from incidents.imports.reading import clean_header, read_table
from incidents.schema import CANONICAL_COLUMNS
from tests.conftest import FIXTURES, csv_bytes

IMPORTS = FIXTURES / "imports"


def upload(name: str):
    return read_upload((IMPORTS / name).read_bytes(), name)


@pytest.mark.parametrize(
    ("name", "label", "rows"),
    [
        ("places_sheet.csv", "sheet of dates and place names", 5),
        ("ucdp_ged.csv", "UCDP GED export", 3),
        ("gtd_latin1.csv", "Global Terrorism Database export", 4),
        ("acled_trimmed.csv", "ACLED export", 2),
    ],
)
def test_formats_are_recognised_and_mapped_to_canonical_columns(name, label, rows):
    result = upload(name)
    assert result.format_label == label
    assert list(result.rows.columns) == list(CANONICAL_COLUMNS)
    assert len(result.rows) == rows
    assert result.rows.map(lambda cell: isinstance(cell, str)).all().all()


def test_project_file_is_recognised_as_such():
    result = read_upload(csv_bytes([{}]), "mine.csv")
    assert result.format_label == "this project's incidents CSV"
    assert result.rows.loc[0, "source_url"] == "https://example.org/report"


def test_ucdp_mapping():
    rows = upload("ucdp_ged.csv").rows
    first, second, unknown = rows.to_dict("records")
    assert first["event_type"] == "Battles" and first["sub_event_type"] == "Armed clash"
    assert (
        first["actor1"] == "Military Forces of Pakistan" and first["actor2"] == "BLA: Baloch Liberation Army"
    )
    assert (first["admin1"], first["admin2"], first["location"]) == ("Balochistan", "Kech", "Turbat")
    assert (first["event_date"], first["time_precision"], first["geo_precision"]) == ("2017-06-03", "1", "2")
    assert first["fatalities"] == "3" and first["event_id_cnty"] == "UCDP900001"
    assert second["event_type"] == "Violence against civilians" and second["time_precision"] == "3"
    assert unknown["event_type"] == ""  # type_of_violence 9 is not UCDP's: left for validation to reject


def test_gtd_reads_latin1_with_a_mangled_first_header():
    result = upload("gtd_latin1.csv")
    assert any("Windows-1252" in note for note in result.notes)
    assert result.rows.loc[2, "notes"].endswith("Khuzdâr.")
    assert result.rows.loc[0, "event_id_cnty"] == "GTD201706030001"


def test_gtd_dates_and_precisions():
    rows = upload("gtd_latin1.csv").rows
    assert list(rows["event_date"]) == ["2017-06-03", "2017-05-12", "2017-05-15", "2017 (month unknown)"]
    assert list(rows["time_precision"]) == ["1", "1", "3", "3"]
    # vicinity = 1 turns "the town itself" into "near the town"
    assert list(rows["geo_precision"]) == ["1", "2", "2", "1"]
    assert list(rows["fatalities"]) == ["3", "25", "0", "0"]


@pytest.mark.parametrize(
    ("attack", "suicide", "target", "weapon", "expected"),
    [
        ("3", "1", "4", "", ("Explosions/Remote violence", "Suicide bomb")),
        ("2", "1", "14", "", ("Explosions/Remote violence", "Suicide bomb")),
        ("3", "0", "14", "Remote Trigger", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("3", "0", "3", "Grenade", ("Explosions/Remote violence", "Grenade")),
        ("6", "0", "14", "", ("Violence against civilians", "Abduction/forced disappearance")),
        ("4", "0", "19", "", ("Violence against civilians", "Abduction/forced disappearance")),
        ("7", "0", "21", "", ("Strategic developments", "Looting/property destruction")),
        ("2", "0", "4", "", ("Battles", "Armed clash")),
        ("1", "0", "3", "", ("Battles", "Armed clash")),
        ("1", "0", "14", "", ("Violence against civilians", "Attack")),
        ("9", "0", "2", "", ("Violence against civilians", "Attack")),
    ],
)
def test_gtd_event_type_table(attack, suicide, target, weapon, expected):
    assert event_types(attack, suicide, target, weapon) == expected


def test_plain_sheet_headers_are_matched_case_blind():
    rows = upload("places_sheet.csv").rows
    assert rows.loc[0, "location"] == "near Turbat"
    assert rows.loc[0, "fatalities"] == "2" and rows.loc[0, "injuries"] == "1"
    assert rows.loc[0, "latitude"] == "" and rows.loc[0, "admin1"] == "Balochistan"


@pytest.mark.parametrize("separator", [";", "\t"])
def test_semicolon_and_tab_separated_sheets(separator):
    raw = (
        separator.join(["Date", "Place", "Killed"])
        + "\n"
        + separator.join(["2020-01-02", "Quetta", "1"])
        + "\n"
    )
    result = read_upload(raw.encode(), "sheet.csv")
    assert result.rows.loc[0, "location"] == "Quetta"


def test_excel_workbook(tmp_path):
    buffer = io.BytesIO()
    pd.DataFrame({"Date": ["2020-01-02"], "Place": ["Quetta"], "Killed": [1]}).to_excel(buffer, index=False)
    result = read_upload(buffer.getvalue(), "sheet.xlsx")
    assert result.format_label == "sheet of dates and place names"
    assert result.rows.loc[0, "location"] == "Quetta"


@pytest.mark.parametrize(
    ("raw", "name", "message"),
    [
        (b"name,age\nAli,3\n", "people.csv", "format was not recognised"),
        (b"", "empty.csv", "is empty"),
        (b"PK\x03\x04 not really a workbook", "broken.xlsx", "not a readable Excel workbook"),
        (b"a,a\n1,2\n", "twice.csv", "repeated column names"),
    ],
)
def test_unusable_uploads_say_why(raw, name, message):
    with pytest.raises(DataFileError, match=message):
        read_upload(raw, name)


@pytest.mark.parametrize(
    ("header", "clean"), [("\ufeffeventid", "eventid"), ("ï»¿eventid", "eventid"), (" Date ", "Date")]
)
def test_clean_header(header, clean):
    assert clean_header(header) == clean


def test_detect_format_prefers_the_most_specific():
    frame, _ = read_table(csv_bytes([{}]), "x.csv")
    assert detect_format(frame).key == "project"
    assert detect_format(frame.drop(columns=["source_url", "injuries"])).key == "acled"
