"""CSV export of filtered incidents that a spreadsheet cannot turn into formulas."""

from __future__ import annotations

import csv
import re

import pandas as pd

from incidents.filters import IncidentFilter

# OWASP / CWE-1236: a spreadsheet runs a cell that starts with one of these.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")

# A line break inside a cell may be read as the end of a record by a careless
# importer, and what follows then starts a cell of its own.
_FORMULA_AFTER_LINE_BREAK = re.compile(r"([\r\n]+)(?=[=+\-@\t\0])")


def neutralise_cell(text: str) -> str:
    """Prefix a quote to text a spreadsheet would otherwise run as a formula,
    at the start of the cell and after every line break inside it."""
    if not text:
        return text
    if "\r" in text or "\n" in text:
        text = _FORMULA_AFTER_LINE_BREAK.sub(r"\1'", text)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def loaded_columns(incidents: pd.DataFrame) -> list[str]:
    """The columns of the file, in its order, without the loader's own (named _...)."""
    return [column for column in incidents.columns if not str(column).startswith("_")]


def exported_rows(incidents: pd.DataFrame) -> pd.DataFrame:
    """What every export writes: the loaded columns, dates as YYYY-MM-DD."""
    out = incidents[loaded_columns(incidents)].copy()
    out["event_date"] = out["event_date"].dt.strftime("%Y-%m-%d")
    return out


def export_frame(incidents: pd.DataFrame) -> pd.DataFrame:
    """The exported rows with text neutralised for a spreadsheet."""
    out = exported_rows(incidents)
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object:
            out[column] = out[column].fillna("").astype(str).map(neutralise_cell)
    out.columns = [neutralise_cell(str(column)) for column in out.columns]
    return out


def incidents_to_csv(incidents: pd.DataFrame) -> bytes:
    """UTF-8 CSV bytes (with BOM, so Excel shows Urdu and accents right).

    Every text cell is quoted: Python's csv quotes a cell holding a bare CR only
    when CR is part of the line terminator, and an unquoted CR ends the record
    in a spreadsheet. Numbers stay unquoted, so they stay numbers.
    """
    return (
        export_frame(incidents)
        .to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
        .encode("utf-8-sig")
    )


def export_file_name(incident_filter: IncidentFilter, incidents: pd.DataFrame) -> str:
    """e.g. balochistan_incidents_2017-01-01_to_2017-12-31.csv: the filter's date span,
    or the span of the exported rows where the filter leaves an end open."""
    first = incident_filter.start or (incidents["event_date"].min().date() if not incidents.empty else None)
    last = incident_filter.end or (incidents["event_date"].max().date() if not incidents.empty else None)
    if first is None or last is None:
        return "balochistan_incidents_none.csv"
    return f"balochistan_incidents_{first:%Y-%m-%d}_to_{last:%Y-%m-%d}.csv"
