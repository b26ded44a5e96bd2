"""Whole-file problems: encodings, empty or binary files, missing columns, ACLED exports."""

from __future__ import annotations

import pytest

from incidents.errors import DataFileError, IncidentsError
from incidents.loading import load_incidents, load_incidents_bytes
from incidents.schema import ACLED_EXPORT_COLUMNS as ACLED_COLUMNS
from incidents.schema import CANONICAL_COLUMNS
from tests.conftest import GOOD_ROW, csv_bytes

BAD_FILES = [
    ("empty", b"", "is empty"),
    ("only-whitespace", b"  \n\n", "is empty"),
    ("binary", b"PK\x03\x04\x00\x00binary", "not a text CSV"),
    ("no-coordinates", b"event_date,event_type,location\n2017-01-01,Battles,Quetta\n", "latitude, longitude"),
    ("wrong-delimiter", b"event_date;event_type;location;latitude;longitude\n", "lacks the column"),
]


@pytest.mark.parametrize(
    ("raw", "message"), [row[1:] for row in BAD_FILES], ids=[row[0] for row in BAD_FILES]
)
def test_unusable_files_raise_a_clear_error(raw, message):
    with pytest.raises(DataFileError, match=message) as caught:
        load_incidents_bytes(raw, name="upload.csv")
    assert "upload.csv" in str(caught.value)
    assert isinstance(caught.value, IncidentsError)
    assert isinstance(caught.value, ValueError)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(DataFileError, match="No incidents file"):
        load_incidents(tmp_path / "nope.csv")


def test_header_only_file_loads_with_no_rows():
    result = load_incidents_bytes(",".join(CANONICAL_COLUMNS).encode())
    assert result.incidents.empty
    assert result.problems.empty


def test_utf8_bom_is_read():
    raw = b"\xef\xbb\xbf" + csv_bytes([{"location": "Quetta"}])
    result = load_incidents_bytes(raw)
    assert "event_id_cnty" in result.incidents.columns
    assert result.file_notes == ()


def test_latin1_file_is_read_with_a_note():
    raw = csv_bytes([{"notes": "Café"}]).decode().encode("latin-1")
    result = load_incidents_bytes(raw, name="gtd.csv")
    assert result.incidents.iloc[0]["notes"] == "Café"
    assert "not UTF-8" in result.file_notes[0]


def test_acled_export_has_31_columns():
    assert len(ACLED_COLUMNS) == 31
    assert set(CANONICAL_COLUMNS) - set(ACLED_COLUMNS) == {"injuries", "source_url"}


def test_full_acled_export_loads_unchanged():
    row = {**GOOD_ROW, "year": "2017", "disorder_type": "Political violence", "iso": "586", "country": "Pakistan",
           "inter1": "State forces", "inter2": "Rebel group", "interaction": "State forces-Rebel group",
           "tags": "", "timestamp": "1500000000", "source_scale": "National"}  # fmt: skip
    result = load_incidents_bytes(csv_bytes([row], columns=ACLED_COLUMNS))
    assert result.problems.empty, result.problems
    incidents = result.incidents
    assert set(ACLED_COLUMNS) <= set(incidents.columns)
    assert incidents.iloc[0]["interaction"] == "State forces-Rebel group"
    assert incidents.iloc[0]["injuries"] is not None  # added, empty


def test_trimmed_export_with_only_required_columns_loads():
    columns = ["event_date", "event_type", "location", "latitude", "longitude"]
    result = load_incidents_bytes(csv_bytes([{}, {"event_type": "Protests"}], columns=columns))
    assert len(result.incidents) == 2
    assert set(CANONICAL_COLUMNS) <= set(result.incidents.columns)
    # fatalities absent from the file: each row counted as 0 and flagged
    assert result.incidents["fatalities"].tolist() == [0, 0]
    assert set(result.problems["column"]) == {"fatalities"}


def test_fixture_file_loads(small_incidents_path):
    result = load_incidents(small_incidents_path)
    assert result.rows_read == 6
    assert len(result.incidents) == 4
    assert sorted(result.problems["row"].unique()) == [5, 6, 7]


def test_every_project_error_derives_from_one_base():
    import inspect

    import geo.boundaries
    import geo.download_boundaries
    import geo.online
    import incidents.errors
    from geo.errors import ProjectError

    modules = (incidents.errors, geo.boundaries, geo.download_boundaries, geo.online)
    errors = [
        value
        for module in modules
        for _, value in inspect.getmembers(module, inspect.isclass)
        if issubclass(value, Exception) and value.__module__ == module.__name__
    ]
    assert len(errors) >= 6
    assert all(issubclass(error, ProjectError) for error in errors), errors
