"""Read an incidents CSV (this project's or an ACLED export) into a validated frame.

The file goes through `incidents.file_reading`, the reader the Add data page and
the command line use too, so a file reads the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from incidents.errors import DataFileError
from incidents.file_reading import (
    DEFAULT_MAX_FILE_BYTES,
    describe_columns,
    read_file_bytes,
    read_text_table,
)

# Kept importable from here: incidents.storage reads the data file's text with it.
from incidents.file_reading import decode_csv_bytes as decode_csv_bytes
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


def _require_columns(frame: pd.DataFrame, name: str) -> None:
    missing = [column for column in REQUIRED_COLUMNS if column not in frame.columns]
    if missing:
        raise DataFileError(
            f"{name} lacks the column(s) {', '.join(missing)}. An incidents file needs at "
            f"least {', '.join(REQUIRED_COLUMNS)} (ACLED's names); it has: "
            f"{describe_columns(frame.columns)}."
        )


def load_incidents_bytes(raw: bytes, name: str = "the file") -> LoadResult:
    """Decode, parse and validate the bytes of an incidents CSV (comma-separated)."""
    table = read_text_table(raw, name)
    _require_columns(table.frame, name)
    result: ValidationResult = validate_incidents(table.frame)
    return LoadResult(
        incidents=result.incidents,
        problems=result.problems,
        district_renames=result.district_renames,
        file_notes=table.notes,
        rows_read=len(table.frame),
    )


def load_incidents(path: str | Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> LoadResult:
    """Load and validate the incidents CSV at `path`, refusing a file over `max_bytes` unread."""
    path = Path(path)
    raw = read_file_bytes(path, max_bytes, description="incidents file")
    return load_incidents_bytes(raw, name=path.name)
