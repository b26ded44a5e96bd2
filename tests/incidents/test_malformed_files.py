"""The malformed files a tester fed the app, each through every entry point.

Each case goes through the app's loader (`load_incidents_bytes`) and the Add
data / command-line reader (`read_upload`, then `check_import`). A case expects
either a number of usable rows or a refusal whose message names the file and
says what is wrong; nothing else may escape, no toll may wrap around, and no
case may take more than a few seconds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pandas as pd
import pytest

from incidents.errors import DataFileError
from incidents.imports.pipeline import check_import, read_upload
from incidents.loading import load_incidents_bytes
from incidents.validation import FLAGGED, REJECTED
from tests.conftest import csv_bytes

# Two good rows, written as the csv module writes them (CRLF line ends).
TWO_ROWS = csv_bytes([{}, {"event_id_cnty": "TST2"}])
HEADER, FIRST_ROW, SECOND_ROW = TWO_ROWS.rstrip(b"\r\n").split(b"\r\n")
# A hang guard, not a speed benchmark: the slowest of these took minutes before the fix.
SECONDS_ALLOWED = 10.0

GTD_HEADER = "eventid,iyear,imonth,iday,attacktype1,nkill,nwound,latitude,longitude,city,provstate"
UCDP_HEADER = "id,type_of_violence,date_start,best,latitude,longitude,where_coordinates,adm_1,adm_2"


def gtd_file(**fields: str) -> bytes:
    row = {
        "eventid": "201706030001", "iyear": "2017", "imonth": "6", "iday": "3", "attacktype1": "3",
        "nkill": "3", "nwound": "2", "latitude": "29.8", "longitude": "66.84", "city": "Mastung",
        "provstate": "Balochistan", **fields,
    }  # fmt: skip
    return (GTD_HEADER + "\n" + ",".join(row[name] for name in GTD_HEADER.split(",")) + "\n").encode()


def ucdp_file(**fields: str) -> bytes:
    row = {
        "id": "900001", "type_of_violence": "1", "date_start": "2017-06-03", "best": "3",
        "latitude": "26.0", "longitude": "63.05", "where_coordinates": "Turbat town",
        "adm_1": "Balochistan province", "adm_2": "Kech district", **fields,
    }  # fmt: skip
    return (UCDP_HEADER + "\n" + ",".join(row[name] for name in UCDP_HEADER.split(",")) + "\n").encode()


def with_line_ends(raw: bytes, line_end: str) -> bytes:
    return raw.decode().replace("\r\n", line_end).encode()


@dataclass(frozen=True)
class Expected:
    """What one entry point should make of a file.

    `rows` is the number of usable rows; `refused` a fragment of the message
    when the whole file is refused; `problem` (column, reason fragment,
    severity) a problem the report must list.
    """

    rows: int | None = None
    refused: str | None = None
    problem: tuple[str, str, str] | None = None


NOT_INCIDENTS = Expected(refused="lacks the column")
NO_ROWS_NOT_A_NUMBER = Expected(rows=0, problem=("fatalities", "not a number", REJECTED))
NO_ROWS_NOT_CREDIBLE = Expected(rows=0, problem=("fatalities", "not a credible number", REJECTED))
INJURIES_NOT_CREDIBLE = Expected(rows=1, problem=("injuries", "not a credible number", FLAGGED))
INJURIES_NOT_A_NUMBER = Expected(rows=1, problem=("injuries", "not a number", FLAGGED))
TWO = Expected(rows=2)

# id, file bytes, expected from the app's loader, expected from the upload reader
CASES = [
    ("cr-only-line-ends", with_line_ends(TWO_ROWS, "\r"), TWO, TWO),
    (
        "cr-only-line-ends-over-128KB",
        with_line_ends(csv_bytes([{"event_id_cnty": f"T{number}"} for number in range(1000)]), "\r"),
        Expected(rows=1000),
        Expected(rows=1000),
    ),
    (
        "first-line-over-128KB",
        HEADER + b",long_" + b"x" * 140_000 + b"\r\n" + FIRST_ROW + b",\r\n" + SECOND_ROW + b",\r\n",
        TWO,
        TWO,
    ),
    (
        "first-cell-over-128KB-quoted",
        b'"' + b"y" * 140_000 + b'",' + HEADER + b"\r\n," + FIRST_ROW + b"\r\n," + SECOND_ROW + b"\r\n",
        TWO,
        TWO,
    ),
    (
        "one-line-of-200KB",
        b"z" * 200_000,
        NOT_INCIDENTS,
        Expected(refused="format was not recognised"),
    ),
    ("gtd-nkill-inf", gtd_file(nkill="inf"), NOT_INCIDENTS, NO_ROWS_NOT_A_NUMBER),
    ("gtd-nkill-1e400", gtd_file(nkill="1e400"), NOT_INCIDENTS, NO_ROWS_NOT_A_NUMBER),
    ("gtd-nkill-nan", gtd_file(nkill="nan"), NOT_INCIDENTS, NO_ROWS_NOT_A_NUMBER),
    (
        "gtd-iyear-inf",
        gtd_file(iyear="inf"),
        NOT_INCIDENTS,
        Expected(rows=0, problem=("event_date", "not a date", REJECTED)),
    ),
    ("gtd-iday-1e400", gtd_file(iday="1e400"), NOT_INCIDENTS, Expected(rows=0)),
    ("gtd-attacktype-inf", gtd_file(attacktype1="inf"), NOT_INCIDENTS, Expected(rows=1)),
    ("gtd-nwound-inf", gtd_file(nwound="inf"), NOT_INCIDENTS, INJURIES_NOT_A_NUMBER),
    ("gtd-nkill-1e19", gtd_file(nkill="1e19"), NOT_INCIDENTS, NO_ROWS_NOT_CREDIBLE),
    ("gtd-nkill-20-digits", gtd_file(nkill="99999999999999999999"), NOT_INCIDENTS, NO_ROWS_NOT_CREDIBLE),
    ("gtd-nwound-1e19", gtd_file(nwound="1e19"), NOT_INCIDENTS, INJURIES_NOT_CREDIBLE),
    ("ucdp-best-1e19", ucdp_file(best="1e19"), NOT_INCIDENTS, NO_ROWS_NOT_CREDIBLE),
    ("ucdp-best-inf", ucdp_file(best="inf"), NOT_INCIDENTS, NO_ROWS_NOT_A_NUMBER),
    ("ucdp-best-1e400", ucdp_file(best="1e400"), NOT_INCIDENTS, NO_ROWS_NOT_A_NUMBER),
    ("fatalities-1e19", csv_bytes([{"fatalities": "1e19"}]), NO_ROWS_NOT_CREDIBLE, NO_ROWS_NOT_CREDIBLE),
    (
        "fatalities-2-to-the-63",
        csv_bytes([{"fatalities": "9223372036854775808"}]),
        NO_ROWS_NOT_CREDIBLE,
        NO_ROWS_NOT_CREDIBLE,
    ),
    (
        "fatalities-2-to-the-64",
        csv_bytes([{"fatalities": "18446744073709551616"}]),
        NO_ROWS_NOT_CREDIBLE,
        NO_ROWS_NOT_CREDIBLE,
    ),
    (
        "fatalities-over-100000-flagged-not-wrapped",
        csv_bytes([{"fatalities": "150000"}]),
        Expected(rows=1, problem=("fatalities", "over 100,000", FLAGGED)),
        Expected(rows=1, problem=("fatalities", "over 100,000", FLAGGED)),
    ),
    ("fatalities-inf", csv_bytes([{"fatalities": "inf"}]), NO_ROWS_NOT_A_NUMBER, NO_ROWS_NOT_A_NUMBER),
    ("fatalities-1e400", csv_bytes([{"fatalities": "1e400"}]), NO_ROWS_NOT_A_NUMBER, NO_ROWS_NOT_A_NUMBER),
    ("injuries-1e19", csv_bytes([{"injuries": "1e19"}]), INJURIES_NOT_CREDIBLE, INJURIES_NOT_CREDIBLE),
    ("injuries-inf", csv_bytes([{"injuries": "-inf"}]), INJURIES_NOT_A_NUMBER, INJURIES_NOT_A_NUMBER),
    (
        "latitude-inf",
        csv_bytes([{"latitude": "inf"}]),
        Expected(rows=0, problem=("latitude", "not a number", REJECTED)),
        Expected(rows=0, problem=("latitude", "not a number", REJECTED)),
    ),
    (
        "geo-precision-1e400",
        csv_bytes([{"geo_precision": "1e400"}]),
        Expected(rows=1, problem=("geo_precision", "not a number", FLAGGED)),
        Expected(rows=1, problem=("geo_precision", "not a number", FLAGGED)),
    ),
    (
        "headers-equal-after-trimming",
        HEADER.replace(b",notes,", b", notes,notes ,") + b"\r\n" + FIRST_ROW + b",\r\n",
        Expected(refused="repeated column names"),
        Expected(refused="repeated column names"),
    ),
    (
        "row-followed-by-100000-commas",
        HEADER + b"\r\n" + FIRST_ROW + b"," * 100_000 + b"\r\n" + SECOND_ROW + b"\r\n",
        TWO,
        TWO,
    ),
    ("last-row-followed-by-100000-commas", TWO_ROWS.rstrip(b"\r\n") + b"," * 100_000 + b"\r\n", TWO, TWO),
    (
        "header-followed-by-100000-commas",
        HEADER + b"," * 100_000 + b"\r\n" + FIRST_ROW + b"\r\n",
        Expected(rows=1),
        Expected(rows=1),
    ),
    (
        "row-with-a-value-beyond-the-header",
        HEADER + b"\r\n" + FIRST_ROW + b",,,surplus\r\n",
        Expected(refused="row 2 has a value in column 24"),
        Expected(refused="row 2 has a value in column 24"),
    ),
    ("lines-end-in-U+2028", with_line_ends(TWO_ROWS, "\u2028"), TWO, TWO),
    ("lines-end-in-U+2029", with_line_ends(TWO_ROWS, "\u2029"), TWO, TWO),
    ("lines-end-in-NEL-U+0085", with_line_ends(TWO_ROWS, "\u0085"), TWO, TWO),
    ("lines-end-in-VT", with_line_ends(TWO_ROWS, "\x0b"), TWO, TWO),
    ("lines-end-in-FF", with_line_ends(TWO_ROWS, "\x0c"), TWO, TWO),
    (
        "U+2028-inside-a-quoted-cell-stays-text",
        with_line_ends(csv_bytes([{"notes": "one\u2028two"}, {"event_id_cnty": "TST2"}]), "\u2028"),
        TWO,
        TWO,
    ),
]


def _outcome(read) -> tuple[int | None, str | None, pd.DataFrame | None, pd.Series | None]:
    """(usable rows, refusal message, problems, fatalities) of one entry point; times it too."""
    started = time.monotonic()
    try:
        rows, problems, fatalities = read()
        refusal = None
    except DataFileError as error:
        rows = problems = fatalities = None
        refusal = str(error)
    elapsed = time.monotonic() - started
    assert elapsed < SECONDS_ALLOWED, f"took {elapsed:.1f} s"
    return rows, refusal, problems, fatalities


def _through_loader(raw: bytes):
    result = load_incidents_bytes(raw, name="tester.csv")
    assert result.rows_read == len(result.incidents) + _rejected_rows(result.problems)
    return len(result.incidents), result.problems, result.incidents["fatalities"]


def _through_upload(raw: bytes):
    upload = read_upload(raw, "tester.csv")
    checked = check_import(upload.rows, upload.rows.iloc[0:0])
    assert len(upload.rows) == len(checked.incidents) + _rejected_rows(checked.problems)
    return len(checked.incidents), checked.problems, checked.incidents["fatalities"]


def _rejected_rows(problems: pd.DataFrame) -> int:
    return problems.loc[problems["severity"] == REJECTED, "row"].nunique()


def _check(outcome, expected: Expected) -> None:
    rows, refusal, problems, fatalities = outcome
    if expected.refused is not None:
        assert refusal is not None, f"expected a refusal, got {rows} rows"
        assert expected.refused in refusal
        assert "tester.csv" in refusal
        assert len(refusal) < 2_000, "a refusal message names the problem, not the whole file"
        return
    assert refusal is None, refusal
    assert rows == expected.rows
    assert (fatalities >= 0).all(), "a toll wrapped around"
    if expected.problem is not None:
        column, reason, severity = expected.problem
        matching = problems[
            (problems["column"] == column)
            & problems["reason"].str.contains(reason, regex=False)
            & (problems["severity"] == severity)
        ]
        assert not matching.empty, problems.to_string()


@pytest.mark.parametrize(
    ("raw", "from_loader", "from_upload"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_malformed_file(raw, from_loader, from_upload):
    _check(_outcome(lambda: _through_loader(raw)), from_loader)
    _check(_outcome(lambda: _through_upload(raw)), from_upload)
