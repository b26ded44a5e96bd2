"""Appending to the data file: ids, backups, and a crash that must leave the old file whole."""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd
import pytest

from incidents.errors import DataFileError
from incidents.loading import load_incidents
from incidents.storage import append_incidents, next_ids
from tests.conftest import GOOD_ROW, csv_bytes

NOW = dt.datetime(2026, 11, 24, 12, 0, 0)


@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / "incidents.csv"
    path.write_bytes(
        csv_bytes([{"event_id_cnty": "BIM0001"}, {"event_id_cnty": "BIM0009", "event_date": "2018-01-02"}])
    )
    return path


def new_rows(count: int = 2) -> pd.DataFrame:
    return pd.DataFrame([{**GOOD_ROW, "event_id_cnty": "", "location": f"Place {n}"} for n in range(count)])


@pytest.mark.parametrize(
    ("existing", "count", "expected"),
    [
        (["BIM0001", "BIM0009"], 2, ["BIM0010", "BIM0011"]),
        (["PAK123", "PAK124", "BIM0001"], 1, ["PAK125"]),
        ([], 2, ["BIM0001", "BIM0002"]),
        (["", "not-an-id"], 1, ["BIM0001"]),
        (["BIM9999"], 1, ["BIM10000"]),
    ],
)
def test_next_ids_continue_the_files_own_series(existing, count, expected):
    assert next_ids(pd.Series(existing, dtype=str), count) == expected


def test_append_adds_rows_with_new_ids_and_keeps_a_backup(data_file, tmp_path):
    before = data_file.read_bytes()
    result = append_incidents(data_file, new_rows(), now=NOW)

    assert result.rows_before == 2 and result.rows_added == 2
    assert result.new_ids == ("BIM0010", "BIM0011")
    assert result.backup_path == tmp_path / "backups" / "incidents.20261124-120000-000000.csv"
    assert result.backup_path.read_bytes() == before
    loaded = load_incidents(data_file)
    assert list(loaded.incidents["event_id_cnty"]) == ["BIM0001", "BIM0009", "BIM0010", "BIM0011"]
    assert loaded.problems.empty
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")] == []


def test_append_keeps_ids_given_and_numbers_as_written(data_file):
    rows = new_rows(1).assign(event_id_cnty="UCDP42", fatalities=3.0, event_date=pd.Timestamp("2019-02-03"))
    append_incidents(data_file, rows, now=NOW)
    last = data_file.read_text(encoding="utf-8").splitlines()[-1]
    assert last.startswith("UCDP42,2019-02-03,")
    assert ",3," in last and "3.0" not in last


def test_append_creates_a_missing_file_without_backup(tmp_path):
    path = tmp_path / "new.csv"
    result = append_incidents(path, new_rows(1))
    assert result.backup_path is None
    assert len(load_incidents(path).incidents) == 1


def test_a_crash_during_the_swap_leaves_the_old_file_whole(data_file, monkeypatch):
    before = data_file.read_bytes()

    def crash(source, target):
        raise OSError("simulated power cut")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="simulated power cut"):
        append_incidents(data_file, new_rows(), now=NOW)
    assert data_file.read_bytes() == before
    assert [path.name for path in data_file.parent.iterdir() if path.suffix == ".tmp"] == []


def test_a_crash_while_writing_leaves_the_old_file_whole(data_file, monkeypatch):
    before = data_file.read_bytes()

    def crash(descriptor):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        append_incidents(data_file, new_rows(), now=NOW)
    assert data_file.read_bytes() == before


def test_no_backup_means_no_save(data_file, tmp_path):
    before = data_file.read_bytes()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backup folder should be")
    with pytest.raises(DataFileError, match="could not keep a backup"):
        append_incidents(data_file, new_rows(), backup_folder=blocker)
    assert data_file.read_bytes() == before


def test_extra_columns_of_new_rows_are_kept_and_older_rows_left_blank(data_file):
    append_incidents(data_file, new_rows(1).assign(report_sha256="ab" * 32), now=NOW)
    saved = pd.read_csv(data_file, dtype=str, keep_default_na=False)
    assert list(saved["report_sha256"]) == ["", "", "ab" * 32]
    assert load_incidents(data_file).problems.empty
