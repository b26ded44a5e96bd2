"""Read an incidents CSV (this project's or an ACLED export) into a validated frame."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from incidents.errors import DataFileError
from incidents.schema import REQUIRED_COLUMNS
from incidents.validation import ValidationResult, validate_incidents


@dataclass(frozen=True)
class LoadResult:
    """Clean incidents plus everything the analyst should know about the file."""

    incidents: pd.DataFrame
    problems: pd.DataFrame
    district_renames: dict[str, str]
    file_notes: tuple[str, ...] = field(default_factory=tuple)
    rows_read: int = 0


def decode_csv_bytes(raw: bytes, name: str = "the file") -> tuple[str, tuple[str, ...]]:
    """Text of a CSV file: UTF-8 (with or without BOM), else Latin-1 with a note.

    Raises DataFileError for an empty or binary file.
    """
    if not raw.strip():
        raise DataFileError(f"{name} is empty: it has no header and no rows.")
    if b"\x00" in raw[:4096]:
        raise DataFileError(
            f"{name} is not a text CSV file (it holds binary data; "
            "is it an Excel workbook or a compressed file? Save it as CSV, UTF-8)."
        )
    try:
        return raw.decode("utf-8-sig"), ()
    except UnicodeDecodeError as error:
        # Old GTD and spreadsheet exports are Latin-1/Windows-1252; reading them
        # loses nothing, but the analyst should know accents may look wrong.
        text = raw.decode("cp1252", errors="replace")
        note = (
            f"{name} is not UTF-8 (first bad byte at position {error.start}); "
            "it was read as Windows-1252/Latin-1. Check names with accents, or "
            "save the file as CSV UTF-8."
        )
        return text, (note,)


def parse_csv_text(text: str, name: str = "the file") -> pd.DataFrame:
    """All cells as strings, header names trimmed; DataFrame with no rows is allowed."""
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            skipinitialspace=False,
            quoting=csv.QUOTE_MINIMAL,
        )
    except pd.errors.EmptyDataError as error:
        raise DataFileError(f"{name} is empty: it has no header and no rows.") from error
    except pd.errors.ParserError as error:
        raise DataFileError(f"{name} is not a readable CSV file: {error}") from error
    frame.columns = [str(column).strip() for column in frame.columns]
    missing = [column for column in REQUIRED_COLUMNS if column not in frame.columns]
    if missing:
        raise DataFileError(
            f"{name} lacks the column(s) {', '.join(missing)}. An incidents file needs at "
            f"least {', '.join(REQUIRED_COLUMNS)} (ACLED's names); it has: "
            f"{', '.join(frame.columns[:12]) or 'no columns'}"
            f"{' ...' if len(frame.columns) > 12 else ''}."
        )
    return frame


def load_incidents_bytes(raw: bytes, name: str = "the file") -> LoadResult:
    """Decode, parse and validate the bytes of an incidents CSV."""
    text, notes = decode_csv_bytes(raw, name)
    frame = parse_csv_text(text, name)
    result: ValidationResult = validate_incidents(frame)
    return LoadResult(
        incidents=result.incidents,
        problems=result.problems,
        district_renames=result.district_renames,
        file_notes=notes,
        rows_read=len(frame),
    )


def load_incidents(path: str | Path) -> LoadResult:
    """Load and validate the incidents CSV at `path`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise DataFileError(f"No incidents file at {path}.") from error
    except IsADirectoryError as error:
        raise DataFileError(f"{path} is a folder, not an incidents CSV file.") from error
    except PermissionError as error:
        raise DataFileError(f"{path} cannot be read (permission denied).") from error
    return load_incidents_bytes(raw, name=path.name)
