"""CSV export: formula cells neutralised, numbers untouched, honest file names."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from incidents.export import export_file_name, incidents_to_csv, neutralise_cell
from incidents.filters import IncidentFilter
from incidents.loading import load_incidents_bytes
from tests.conftest import csv_bytes

CELLS = [
    ("equals", '=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
    ("plus", "+92 300", "'+92 300"),
    ("minus", "-2+3", "'-2+3"),
    ("at", "@SUM(A1)", "'@SUM(A1)"),
    ("tab", "\t=1", "'\t=1"),
    ("carriage-return", "\r=1", "'\r'=1"),
    ("plain", "Quetta", "Quetta"),
    ("empty", "", ""),
    ("equals-inside", "a=b", "a=b"),
]


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in CELLS], ids=[case[0] for case in CELLS])
def test_neutralise_cell(text, expected):
    assert neutralise_cell(text) == expected


def _read(raw: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_export_neutralises_text_but_not_numbers():
    loaded = load_incidents_bytes(
        csv_bytes([{"notes": "=cmd|' /C calc'!A0", "actor1": "@evil", "fatalities": "3"}])
    )
    rows = _read(incidents_to_csv(loaded.incidents))
    assert rows[0]["notes"].startswith("'=")
    assert rows[0]["actor1"] == "'@evil"
    assert rows[0]["fatalities"] == "3"
    assert rows[0]["latitude"] == "29.8"
    assert rows[0]["event_date"] == "2017-06-03"


def test_export_keeps_loaded_columns_and_drops_internal_ones():
    loaded = load_incidents_bytes(csv_bytes([{}, {"event_id_cnty": "TST2"}]))
    rows = _read(incidents_to_csv(loaded.incidents))
    assert len(rows) == 2
    assert "_actors" not in rows[0]
    assert list(rows[0])[:3] == ["event_id_cnty", "event_date", "time_precision"]


def test_export_round_trips_through_the_loader():
    loaded = load_incidents_bytes(csv_bytes([{"notes": 'Comma, "quotes" and\nnewline'}]))
    again = load_incidents_bytes(incidents_to_csv(loaded.incidents))
    assert again.problems.empty
    assert again.incidents.iloc[0]["notes"] == 'Comma, "quotes" and\nnewline'


def test_file_name_uses_filter_span_or_data_span():
    incidents = load_incidents_bytes(
        csv_bytes([{"event_date": "2017-05-12"}, {"event_date": "2018-01-03"}])
    ).incidents
    assert (
        export_file_name(IncidentFilter(), incidents) == "balochistan_incidents_2017-05-12_to_2018-01-03.csv"
    )
    assert (
        export_file_name(IncidentFilter(start=dt.date(2017, 1, 1)), incidents)
        == "balochistan_incidents_2017-01-01_to_2018-01-03.csv"
    )
    assert export_file_name(IncidentFilter(), incidents.iloc[0:0]) == "balochistan_incidents_none.csv"


LINE_BREAK_FORMULAS = [
    ("carriage-return", "safe\r=cmd|' /C calc'!A0"),
    ("line-feed", "safe\n+HYPERLINK(\"http://x\")"),
    ("crlf", "safe\r\n@SUM(A1)"),
    ("several", "a\r-2+3\n=1"),
    ("blank-line", "a\r\n\r\n=1"),
]


@pytest.mark.parametrize(
    "text", [case[1] for case in LINE_BREAK_FORMULAS], ids=[case[0] for case in LINE_BREAK_FORMULAS]
)
def test_no_formula_starts_after_a_line_break_inside_a_cell(text):
    # Set after loading: whatever the loader does with line endings, the export must cope.
    incidents = load_incidents_bytes(csv_bytes([{}])).incidents.assign(
        notes=text, location=text, event_id_cnty=text
    )
    raw = incidents_to_csv(incidents).decode("utf-8-sig")
    # A spreadsheet that ends a record at a bare CR or LF still sees one record per incident ...
    records = list(csv.reader(io.StringIO(raw, newline="")))
    assert len(records) == 2, records
    # ... and no line of the file, whether a record or a cell's continuation, starts a formula.
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        assert not line.startswith(("=", "+", "-", "@")), line
    assert records[1][records[0].index("notes")].replace("'", "") == text.replace("'", "")


def test_every_cell_with_a_line_break_is_quoted():
    incidents = load_incidents_bytes(csv_bytes([{}])).incidents.assign(notes="one\rtwo", source="three\nfour")
    raw = incidents_to_csv(incidents).decode("utf-8-sig")
    assert '"one\rtwo"' in raw and '"three\nfour"' in raw
