"""A fuzz test of the one reader: over a thousand malformed files, made at run time from a fixed seed.

Small valid files of each kind the app reads (this project's CSV, an ACLED
export, UCDP GED, GTD, a sheet of dates and places) are spoilt at random: cells
set to huge or non-finite numbers or to 200 KB of text, headers repeated or
padded, other separators and row ends (CR, U+2028, NEL, VT, FF, mixed), other
encodings, then bytes cut, flipped, quoted, NUL-ed, padded with thousands of
commas, prefixed with a zip or OLE signature, or replaced by noise.

Every file goes through the app's loader and through the Add data reader
(`read_upload`, then `check_import`); one in ten also through the loader from a
path. For each: only the project's own errors escape, it takes under ten
seconds (a hang guard), every data row is loaded or reported as rejected, no
toll wraps around, and a file whose rows survived the spoiling still has them
all (nothing dropped without a word).
"""

from __future__ import annotations

import csv
import io
import random
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from incidents.errors import IncidentsError
from incidents.imports.pipeline import check_import, read_upload
from incidents.loading import load_incidents, load_incidents_bytes
from incidents.schema import CANONICAL_COLUMNS
from incidents.validation import REJECTED
from tests.conftest import GOOD_ROW

SEED = 20240611
FILES = 1_200
SECONDS_PER_FILE = 10.0  # a hang guard: the slowest file takes well under a second
SECONDS_IN_ALL = 60.0  # the whole run takes about 20 s on a 2-core machine

ROW_ENDS = ("\r\n", "\n", "\r", "\u2028", "\u2029", "\u0085", "\x0b", "\x0c")
ODD_ROW_ENDS = "\u2028\u2029\u0085\x0b\x0c"
NUMBERS = (
    "1e19", "1e400", "-1e400", "inf", "-inf", "Infinity", "nan", "NaN", "9223372036854775807",
    "9223372036854775808", "18446744073709551616", "99999999999999999999", "-1e19", "1e308",
    "150000", "8000000001", "1.5", "-0", "0x10", "1,000", "", " 7 ",
)  # fmt: skip
BINARY_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\x1f\x8b\x08", b"%PDF-1.4\n")


def _project_rows(count: int) -> tuple[list[str], list[list[str]]]:
    rows = []
    for number in range(count):
        row = {**GOOD_ROW, "event_id_cnty": f"TST{number}", "fatalities": str(number)}
        rows.append([row[column] for column in CANONICAL_COLUMNS])
    return list(CANONICAL_COLUMNS), rows


def _acled_rows(count: int) -> tuple[list[str], list[list[str]]]:
    columns = ["event_date", "event_type", "sub_event_type", "admin2", "location", "latitude", "longitude",
               "fatalities", "notes"]  # fmt: skip
    return columns, [[GOOD_ROW[column] for column in columns] for _ in range(count)]


def _gtd_rows(count: int) -> tuple[list[str], list[list[str]]]:
    columns = ["eventid", "iyear", "imonth", "iday", "attacktype1", "suicide", "targtype1", "nkill", "nwound",
               "latitude", "longitude", "city", "provstate", "specificity", "vicinity", "gname", "summary"]  # fmt: skip
    row = ["201706030001", "2017", "6", "3", "3", "0", "4", "3.0", "2.0", "29.8", "66.84", "Mastung",
           "Balochistan", "1", "0", "Baloch Liberation Army (BLA)", "A bomb, \"IED\", near the road."]  # fmt: skip
    return columns, [list(row) for _ in range(count)]


def _ucdp_rows(count: int) -> tuple[list[str], list[list[str]]]:
    columns = ["id", "type_of_violence", "date_start", "date_prec", "best", "side_a", "side_b", "adm_1",
               "adm_2", "where_coordinates", "where_prec", "latitude", "longitude", "source_headline"]  # fmt: skip
    row = ["900001", "1", "2017-06-03", "1", "3", "Government of Pakistan", "BLA", "Balochistan province",
           "Kech district", "Turbat town", "2", "26.0", "63.05", "Clash near Turbat"]  # fmt: skip
    return columns, [list(row) for _ in range(count)]


def _places_rows(count: int) -> tuple[list[str], list[list[str]]]:
    columns = ["Date", "Place", "District", "Type", "Killed", "Injured", "Notes", "Source"]
    row = ["2020-01-02", "Quetta", "Quetta", "Battles", "2", "1", "Shots, then a blast.", "Dawn"]
    return columns, [list(row) for _ in range(count)]


BASES: dict[str, Callable[[int], tuple[list[str], list[list[str]]]]] = {
    "project": _project_rows,
    "acled": _acled_rows,
    "gtd": _gtd_rows,
    "ucdp": _ucdp_rows,
    "places": _places_rows,
}


@dataclass
class Spoilt:
    """One generated file and what was done to it."""

    raw: bytes
    steps: list[str] = field(default_factory=list)
    # The number of data rows the file still has, when the spoiling kept the rows apart.
    rows: int | None = None


def _spoil_cells(chance: random.Random, header: list[str], rows: list[list[str]], steps: list[str]) -> bool:
    """Change cells and header names; False when the rows may no longer be told apart."""
    rows_kept = True
    for _ in range(chance.randint(0, 3)):
        kind = chance.choice(("number", "huge cell", "special cell", "repeat header", "pad header", "blank header"))
        steps.append(kind)
        if kind == "number" and rows:
            chance.choice(rows)[chance.randrange(len(header))] = chance.choice(NUMBERS)
        elif kind == "huge cell" and rows:
            chance.choice(rows)[chance.randrange(len(header))] = "x" * chance.randint(130_000, 300_000)
        elif kind == "special cell" and rows:
            cell = chance.choice(['say "hi"', "a,b;c\td", "line\nbreak", "line\rbreak", "\u2028", "\x0c", "é—☃"])
            chance.choice(rows)[chance.randrange(len(header))] = cell
            rows_kept = rows_kept and not any(character in cell for character in ODD_ROW_ENDS)
        elif kind == "repeat header":
            header[chance.randrange(len(header))] = chance.choice(header) + chance.choice(("", " ", "  "))
        elif kind == "pad header":
            position = chance.randrange(len(header))
            header[position] = chance.choice((" ", "\ufeff", "ï»¿")) + header[position] + " "
        elif kind == "blank header":
            header[chance.randrange(len(header))] = ""
    return rows_kept


def _write(chance: random.Random, header: list[str], rows: list[list[str]], steps: list[str]) -> tuple[str, bool]:
    """CSV text with a random separator, quoting and row ends; False when rows may have merged."""
    separator = chance.choice((",", ",", ",", ";", "\t"))
    row_end = chance.choice(ROW_ENDS)
    mixed = chance.random() < 0.15
    steps.append(f"separator {separator!r}, row end {row_end!r}{' mixed' if mixed else ''}")
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=separator,
        lineterminator="\r\n",  # so that the writer quotes a cell holding either CR or LF
        quoting=chance.choice((csv.QUOTE_MINIMAL, csv.QUOTE_ALL)),
    )
    lines = []
    for cells in [header, *rows]:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(cells)
        lines.append(buffer.getvalue()[: -len("\r\n")])
    ends = [chance.choice(ROW_ENDS) if mixed else row_end for _ in lines]
    text = "".join(line + end for line, end in zip(lines, ends, strict=True))
    # The rule the reader follows: odd row ends count only when the first line ends in one.
    merged = any(end in ODD_ROW_ENDS for end in ends[1:]) and ends[0] not in ODD_ROW_ENDS
    return text, not merged


def _encode(chance: random.Random, text: str, steps: list[str]) -> tuple[bytes, bool]:
    """Bytes in a random encoding; False when characters (row ends among them) were lost."""
    encoding = chance.choice(("utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"))
    steps.append(encoding)
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode(encoding, errors="replace"), False
    # Windows-1252 reads byte 0x85 as "…", so a NEL row end does not survive a Latin-1 file.
    return raw, encoding not in ("cp1252", "latin-1") or "\u0085" not in text


def _spoil_bytes(chance: random.Random, raw: bytes, steps: list[str]) -> bytes:
    for _ in range(chance.randint(1, 3)):
        kind = chance.choice(
            ("truncate", "flip", "quote", "nul", "commas", "binary", "empty", "noise", "delete", "repeat")
        )
        steps.append(kind)
        position = chance.randrange(len(raw) + 1)
        if kind == "truncate":
            raw = raw[:position]
        elif kind == "flip" and raw:
            data = bytearray(raw)
            for _ in range(chance.randint(1, 20)):
                data[chance.randrange(len(data))] = chance.randrange(256)
            raw = bytes(data)
        elif kind == "quote":
            raw = raw[:position] + b'"' * chance.randint(1, 3) + raw[position:]
        elif kind == "nul":
            raw = raw[:position] + b"\x00" + raw[position:]
        elif kind == "commas":
            raw = raw[:position] + b"," * chance.choice((1_000, 10_000, 100_000)) + raw[position:]
        elif kind == "binary":
            raw = chance.choice(BINARY_SIGNATURES) + raw
        elif kind == "empty":
            raw = chance.choice((b"", b" ", b"\r\n\r\n", b"\xef\xbb\xbf", b"\xff\xfe"))
        elif kind == "noise":
            raw = chance.randbytes(chance.randint(1, 5_000))
        elif kind == "delete":
            raw = raw[:position] + raw[position + chance.randint(1, 200) :]
        elif kind == "repeat":
            raw = raw[:position] + raw[max(0, position - 500) : position] * chance.randint(2, 50) + raw[position:]
    return raw


def _trailing_commas(chance: random.Random, rows: list[list[str]], steps: list[str]) -> None:
    """Pad a row with empty cells, as a spreadsheet or a careless export does."""
    if rows:
        steps.append("row padded with commas")
        chance.choice(rows).extend([""] * chance.choice((100, 10_000, 100_000)))


def spoilt_files(seed: int = SEED, count: int = FILES) -> list[Spoilt]:
    chance = random.Random(seed)
    files = []
    for _ in range(count):
        base = chance.choice(list(BASES))
        header, rows = BASES[base](chance.randint(0, 4))
        steps = [base]
        rows_kept = _spoil_cells(chance, header, rows, steps)
        if chance.random() < 0.2:
            _trailing_commas(chance, rows, steps)
        text, rows_apart = _write(chance, header, rows, steps)
        raw, characters_kept = _encode(chance, text, steps)
        kept = rows_kept and rows_apart and characters_kept
        if chance.random() < 0.6:
            raw = _spoil_bytes(chance, raw, steps)
            kept = False
        files.append(Spoilt(raw=raw, steps=steps, rows=len(rows) if kept else None))
    return files


def _rejected_rows(problems: pd.DataFrame) -> int:
    return problems.loc[problems["severity"] == REJECTED, "row"].nunique()


def _check_loaded(result, expected_rows: int | None) -> None:
    assert result.rows_read == len(result.incidents) + _rejected_rows(result.problems), "rows lost"
    assert (result.incidents["fatalities"] >= 0).all(), "a toll wrapped around"
    if expected_rows is not None:
        assert result.rows_read == expected_rows, f"{expected_rows} rows in the file, {result.rows_read} read"


def _through_loader(spoilt: Spoilt) -> None:
    _check_loaded(load_incidents_bytes(spoilt.raw, name="fuzz.csv"), spoilt.rows)


def _through_upload(spoilt: Spoilt) -> None:
    upload = read_upload(spoilt.raw, "fuzz.csv")
    checked = check_import(upload.rows, upload.rows.iloc[0:0])
    assert len(upload.rows) == len(checked.incidents) + _rejected_rows(checked.problems), "rows lost"
    assert (checked.incidents["fatalities"] >= 0).all(), "a toll wrapped around"
    if spoilt.rows is not None:
        assert len(upload.rows) == spoilt.rows, f"{spoilt.rows} rows in the file, {len(upload.rows)} read"


def _run(check: Callable[[], None]) -> str | None:
    """None when `check` passed or refused the file with the project's error; else what went wrong."""
    started = time.monotonic()
    try:
        check()
    except IncidentsError as error:
        if not str(error).strip():
            return "refused without a message"
    except Exception:
        return traceback.format_exc(limit=-3)
    elapsed = time.monotonic() - started
    if elapsed > SECONDS_PER_FILE:
        return f"took {elapsed:.1f} s"
    return None


def test_a_thousand_malformed_files(tmp_path):
    started = time.monotonic()
    files = spoilt_files()
    failures = []
    for number, spoilt in enumerate(files):
        entry_points = {"loader": lambda spoilt=spoilt: _through_loader(spoilt),
                        "upload": lambda spoilt=spoilt: _through_upload(spoilt)}  # fmt: skip
        if number % 10 == 0:
            path = tmp_path / f"fuzz{number}.csv"
            path.write_bytes(spoilt.raw)
            entry_points["loader from a path"] = lambda path=path, spoilt=spoilt: _check_loaded(
                load_incidents(path), spoilt.rows
            )
        for entry_point, check in entry_points.items():
            problem = _run(check)
            if problem is not None:
                failures.append(f"file {number} ({'; '.join(spoilt.steps)}) via {entry_point}: {problem}")
    elapsed = time.monotonic() - started
    assert len(files) >= 1_000
    assert not failures, f"{len(failures)} failures, e.g.:\n" + "\n".join(failures[:10])
    assert elapsed < SECONDS_IN_ALL, f"the fuzz run took {elapsed:.0f} s"


def test_the_files_are_malformed_in_many_ways():
    """The generator covers what it promises (so a change to it cannot quietly test less)."""
    files = spoilt_files()
    steps = {step.split(",")[0] for spoilt in files for step in spoilt.steps}
    for expected in ("truncate", "flip", "quote", "nul", "commas", "binary", "empty", "noise", "number",
                     "huge cell", "repeat header", "row padded with commas", "utf-16", "cp1252", "gtd", "ucdp",
                     "places"):  # fmt: skip
        assert expected in steps, expected
    row_ends = {step for spoilt in files for step in spoilt.steps if "row end" in step}
    for row_end in ROW_ENDS:
        assert any(repr(row_end) in step for step in row_ends), row_end
    assert sum(spoilt.rows is not None for spoilt in files) > 200, "too few files whose rows can be counted"
