"""Read an uploaded CSV or Excel file into string cells, whatever its encoding.

CSV text goes through `incidents.file_reading`, the reader of the app's own data
file, so encodings, row ends and header checks are the same; uploads may also
be separated by ';' (European spreadsheets) or tabs.
"""

from __future__ import annotations

import io

import pandas as pd

from incidents.errors import DataFileError

# Kept importable from here for the format adapters and their tests.
from incidents.file_reading import clean_header as clean_header
from incidents.file_reading import read_text_table, table_from_rows

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
# European spreadsheets save with ';', some tools with tabs.
UPLOAD_SEPARATORS = (",", ";", "\t")


def read_table(raw: bytes, name: str) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """All cells as strings (blank for empty), header names cleaned; plus notes for the analyst."""
    if name.lower().endswith(EXCEL_SUFFIXES) or raw[:4] == b"PK\x03\x04":
        return _read_excel(raw, name), ()
    table = read_text_table(raw, name, UPLOAD_SEPARATORS)
    return table.frame.fillna(""), table.notes


def _read_excel(raw: bytes, name: str) -> pd.DataFrame:
    try:
        # No header: the first row's names get the same checks as a CSV header.
        sheet = pd.read_excel(io.BytesIO(raw), dtype=str, keep_default_na=False, header=None)
    except ImportError as error:  # xlrd for old .xls files is not a dependency
        raise DataFileError(
            f"{name}: this Excel format is not supported; save it as .xlsx or CSV."
        ) from error
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise DataFileError(f"{name} is not a readable Excel workbook: {error}") from error
    cells = sheet.fillna("").astype(str).to_numpy().tolist()
    if not cells:
        raise DataFileError(f"{name} is empty: its first sheet has no header and no rows.")
    return table_from_rows(cells[0], cells[1:], name).fillna("")


def text_column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column's trimmed text, or blanks when the file lacks the column."""
    if name in frame:
        return frame[name].astype(str).str.strip()
    return pd.Series("", index=frame.index)
