"""Read an uploaded CSV or Excel file into string cells, whatever its encoding."""

from __future__ import annotations

import csv
import io

import pandas as pd

from incidents.errors import DataFileError
from incidents.loading import decode_csv_bytes

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
# A UTF-8 byte-order mark read as Latin-1 or kept by a careless tool: GTD's
# "eventid" header often arrives as "ï»¿eventid" or "\ufeffeventid".
_MANGLED_BOMS = ("\ufeff", "ï»¿", "Ã¯Â»Â¿")


def read_table(raw: bytes, name: str) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """All cells as strings (blank for empty), header names cleaned; plus notes for the analyst."""
    if name.lower().endswith(EXCEL_SUFFIXES) or raw[:4] == b"PK\x03\x04":
        frame = _read_excel(raw, name)
        notes: tuple[str, ...] = ()
    else:
        text, notes = decode_csv_bytes(raw, name)
        frame = _read_csv_text(text, name)
    frame.columns = [clean_header(column) for column in frame.columns]
    return frame.fillna(""), notes


def clean_header(column: object) -> str:
    text = str(column).strip()
    for mark in _MANGLED_BOMS:
        if text.startswith(mark):
            text = text[len(mark) :]
    return text.strip()


def _read_csv_text(text: str, name: str) -> pd.DataFrame:
    first_line = text.split("\n", 1)[0]
    # European spreadsheets save with ';', some tools with tabs.
    separator = max((",", ";", "\t"), key=first_line.count)
    # pandas silently renames a repeated header to "name.1"; the analyst should hear of it.
    header = [clean_header(cell) for cell in next(csv.reader([first_line], delimiter=separator), [])]
    repeated = sorted({cell for cell in header if cell and header.count(cell) > 1})
    if repeated:
        raise DataFileError(f"{name} has repeated column names: {', '.join(repeated)}.")
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=separator)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise DataFileError(f"{name} is not a readable CSV file: {error}") from error


def _read_excel(raw: bytes, name: str) -> pd.DataFrame:
    try:
        frame = pd.read_excel(io.BytesIO(raw), dtype=str, keep_default_na=False)
    except ImportError as error:  # xlrd for old .xls files is not a dependency
        raise DataFileError(
            f"{name}: this Excel format is not supported; save it as .xlsx or CSV."
        ) from error
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise DataFileError(f"{name} is not a readable Excel workbook: {error}") from error
    if frame.empty and not len(frame.columns):
        raise DataFileError(f"{name} is empty: its first sheet has no header and no rows.")
    return frame


def text_column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column's trimmed text, or blanks when the file lacks the column."""
    if name in frame:
        return frame[name].astype(str).str.strip()
    return pd.Series("", index=frame.index)
