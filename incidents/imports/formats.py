"""Recognise what kind of file an upload is and map it to the canonical columns.

Every adapter returns string cells in CANONICAL_COLUMNS (blank where the source
has nothing), so one validation step checks them all. Rows keep their order:
row i of the result is data row i of the upload (spreadsheet row i + 2).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from incidents.errors import DataFileError
from incidents.file_reading import describe_columns
from incidents.imports import gtd, plain, ucdp
from incidents.schema import CANONICAL_COLUMNS


@dataclass(frozen=True)
class FileFormat:
    key: str
    label: str
    recognise: Callable[[set[str]], bool]
    to_canonical: Callable[[pd.DataFrame], pd.DataFrame]


def _is_project(columns: set[str]) -> bool:
    return {"event_date", "event_type", "location"} <= columns and {
        "source_url",
        "injuries",
    } & columns != set()


def _is_acled(columns: set[str]) -> bool:
    return {"event_date", "event_type", "location"} <= columns


def _canonical_subset(frame: pd.DataFrame) -> pd.DataFrame:
    """ACLED's own names already: keep the canonical columns, add missing ones blank."""
    return frame.reindex(columns=list(CANONICAL_COLUMNS), fill_value="").fillna("")


# Most specific first: a project file is also ACLED-shaped.
FORMATS: tuple[FileFormat, ...] = (
    FileFormat("project", "this project's incidents CSV", _is_project, _canonical_subset),
    FileFormat("acled", "ACLED export", _is_acled, _canonical_subset),
    FileFormat("ucdp", "UCDP GED export", ucdp.recognise, ucdp.to_canonical),
    FileFormat("gtd", "Global Terrorism Database export", gtd.recognise, gtd.to_canonical),
    FileFormat("places", "sheet of dates and place names", plain.recognise, plain.to_canonical),
)


def detect_format(frame: pd.DataFrame, name: str = "The file") -> FileFormat:
    """The first format whose required columns the file has; DataFileError naming what is missing."""
    columns = set(frame.columns)
    for file_format in FORMATS:
        if file_format.recognise(columns):
            return file_format
    raise DataFileError(
        f"{name}'s format was not recognised. It needs one of: ACLED's columns "
        "(event_date, event_type, location), UCDP GED's (id, date_start, type_of_violence, best), "
        "the GTD's (eventid, iyear, imonth, iday, attacktype1), or a date column and a place column "
        f"(e.g. 'date' and 'place'). Its columns are: {describe_columns(frame.columns)}."
    )
