"""Append incidents to the data file without ever leaving it half-written.

A save writes the whole new file next to the old one, forces it to disk, keeps
a timestamped copy of the old file, and only then swaps the new file in with an
atomic rename. A crash at any point leaves either the old file or the new one,
never a mixture.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from incidents.errors import DataFileError
from incidents.loading import decode_csv_bytes
from incidents.schema import CANONICAL_COLUMNS

DEFAULT_ID_PREFIX = "BIM"
BACKUP_FOLDER_NAME = "backups"
_ID_PATTERN = re.compile(r"^([A-Za-z]+)(\d+)$")


@dataclass(frozen=True)
class SaveResult:
    path: Path
    backup_path: Path | None
    rows_before: int
    rows_added: int
    new_ids: tuple[str, ...]


def read_rows_as_text(path: Path) -> pd.DataFrame:
    """The data file's cells exactly as written (strings), or an empty frame if it does not exist."""
    if not path.exists():
        return pd.DataFrame(columns=list(CANONICAL_COLUMNS), dtype=str)
    text, _ = decode_csv_bytes(path.read_bytes(), path.name)
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def next_ids(existing_ids: pd.Series, count: int) -> list[str]:
    """`count` new ids that continue the file's own numbering (BIM0024 -> BIM0025, ...)."""
    matches = [_ID_PATTERN.match(str(value).strip()) for value in existing_ids]
    matches = [match for match in matches if match]
    if not matches:
        prefix, width, start = DEFAULT_ID_PREFIX, 4, 1
    else:
        prefix = Counter(match.group(1) for match in matches).most_common(1)[0][0]
        same_prefix = [match for match in matches if match.group(1) == prefix]
        width = max(len(match.group(2)) for match in same_prefix)
        start = max(int(match.group(2)) for match in same_prefix) + 1
    return [f"{prefix}{number:0{width}d}" for number in range(start, start + count)]


def append_incidents(
    path: str | Path,
    new_rows: pd.DataFrame,
    backup_folder: str | Path | None = None,
    now: dt.datetime | None = None,
) -> SaveResult:
    """Append `new_rows` (canonical columns, any cell type) to the CSV at `path`.

    Rows without an `event_id_cnty` get the next ids of the file's own series.
    The old file is copied to `backup_folder` (default: `backups/` beside the
    file) as `<stem>.<timestamp>.csv` before it is replaced.
    """
    path = Path(path)
    existing = read_rows_as_text(path)
    additions = _as_text(new_rows)
    missing_id = additions["event_id_cnty"].str.strip() == "" if "event_id_cnty" in additions else None
    if "event_id_cnty" not in additions:
        additions["event_id_cnty"] = ""
        missing_id = pd.Series(True, index=additions.index)
    ids = next_ids(existing.get("event_id_cnty", pd.Series(dtype=str)), int(missing_id.sum()))
    additions.loc[missing_id, "event_id_cnty"] = ids

    # The file's own columns, then canonical ones it lacks, then extras the new rows bring
    # (e.g. report_sha256 from the report page); older rows leave those blank.
    columns = list(existing.columns)
    columns += [column for column in CANONICAL_COLUMNS if column not in columns]
    columns += [column for column in additions.columns if column not in columns]
    combined = pd.concat([existing, additions], ignore_index=True).reindex(columns=columns).fillna("")

    backup_path = None
    if path.exists():
        backup_path = _keep_backup(path, Path(backup_folder) if backup_folder else None, now)
    write_csv_atomically(path, combined)
    return SaveResult(
        path=path,
        backup_path=backup_path,
        rows_before=len(existing),
        rows_added=len(additions),
        new_ids=tuple(additions["event_id_cnty"]),
    )


def write_csv_atomically(path: Path, frame: pd.DataFrame) -> None:
    """Write `frame` to `path` through a temporary file, fsync and rename."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    data = buffer.getvalue().encode("utf-8")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _keep_backup(path: Path, backup_folder: Path | None, now: dt.datetime | None) -> Path:
    folder = backup_folder or path.parent / BACKUP_FOLDER_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
        backup = folder / f"{path.stem}.{stamp}{path.suffix}"
        shutil.copy2(path, backup)
    except OSError as error:
        # No backup, no save: the analyst must be able to undo any save.
        raise DataFileError(
            f"Not saved: could not keep a backup of {path.name} in {folder} ({error})."
        ) from error
    return backup


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as the CSV should hold them: dates as YYYY-MM-DD, whole numbers without '.0'."""
    text = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            text[column] = values.dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_float_dtype(values) and column not in ("latitude", "longitude"):
            text[column] = values.map(lambda number: "" if pd.isna(number) else f"{number:g}")
        else:
            text[column] = values.map(
                lambda value: (
                    "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
                )
            )
    return text.reset_index(drop=True)
