"""Append incidents to the data file without ever leaving it half-written.

A save writes the whole new file next to the old one, forces it to disk, keeps
a timestamped copy of the old file, and only then swaps the new file in with an
atomic rename. A crash at any point leaves either the old file or the new one,
never a mixture.

Every save holds the data file's lock (`locked_data_file`) from re-reading the
file to the rename, so two saves at once (two app servers, two browser tabs on
one server, the command line) run one after the other and neither loses the
other's rows.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from incidents.errors import DataFileError, SaveLockedError
from incidents.loading import decode_csv_bytes
from incidents.schema import CANONICAL_COLUMNS

DEFAULT_ID_PREFIX = "BIM"
BACKUP_FOLDER_NAME = "backups"
# A save takes well under a second; ten seconds of waiting means something is wrong
# (a hung save, a stuck network drive), and the analyst should hear about it.
DEFAULT_LOCK_TIMEOUT_SECONDS = 10.0
# A save takes tens of milliseconds: polling at filelock's default 50 ms would let a writer
# that saves in a loop win almost every race against one that waits.
LOCK_POLL_INTERVAL_SECONDS = 0.01
_ID_PATTERN = re.compile(r"^([A-Za-z]+)(\d+)$")
# mkstemp's random part uses only these characters, so `.incidents.csv.old.x1y2.tmp`
# (a temporary file of `incidents.csv.old`) is never taken for one of `incidents.csv`.
_TEMPORARY_RANDOM_PART = "[a-z0-9_]+"


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


def lock_path_for(path: str | Path) -> Path:
    """The lock file of a data file: hidden beside it, e.g. `.incidents.csv.lock`.

    Beside the file rather than in `backups/`: the backup folder can differ from one
    call to the next (and may be impossible to create), while every writer agrees on
    the data file's own folder; and the backups folder holds only restorable copies.
    """
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked_data_file(path: str | Path, timeout: float | None = None) -> Iterator[Path]:
    """Hold the data file's lock: no other save, in any thread or process, writes it meanwhile.

    Waits up to `timeout` seconds (default DEFAULT_LOCK_TIMEOUT_SECONDS), then raises
    SaveLockedError. Re-entrant within one thread. Temporary files left by a killed
    writer are removed once the lock is held. The lock is the operating system's
    (flock), so a killed holder never leaves it locked.
    """
    path = Path(path)
    timeout = DEFAULT_LOCK_TIMEOUT_SECONDS if timeout is None else timeout
    # One instance per lock file in this process, so a thread that already holds the lock
    # re-enters it instead of waiting for itself; other threads still wait (holds are per thread).
    lock = FileLock(lock_path_for(path), is_singleton=True)
    try:
        lock.acquire(timeout=timeout, poll_interval=LOCK_POLL_INTERVAL_SECONDS)
    except Timeout as error:
        raise SaveLockedError(
            f"{path.name} is busy: another save to it is in progress "
            f"(waited {timeout:g} s for it to finish). Nothing was saved; please try again in a moment."
        ) from error
    except OSError as error:
        raise DataFileError(
            f"Not saved: could not lock {path.name} for saving in {path.parent} ({error})."
        ) from error
    try:
        _remove_stale_temporary_files(path)
        yield path
    finally:
        lock.release()


def append_incidents(
    path: str | Path,
    new_rows: pd.DataFrame,
    backup_folder: str | Path | None = None,
    now: dt.datetime | None = None,
    *,
    lock_timeout: float | None = None,
) -> SaveResult:
    """Append `new_rows` (canonical columns, any cell type) to the CSV at `path`.

    Rows without an `event_id_cnty` get the next ids of the file's own series.
    The old file is copied to `backup_folder` (default: `backups/` beside the
    file) as `<stem>.<timestamp>.csv` before it is replaced. Raises SaveLockedError
    if another save holds the file for longer than `lock_timeout` seconds.
    """
    path = Path(path)
    additions = _as_text(new_rows)
    missing_id = additions["event_id_cnty"].str.strip() == "" if "event_id_cnty" in additions else None
    if "event_id_cnty" not in additions:
        additions["event_id_cnty"] = ""
        missing_id = pd.Series(True, index=additions.index)

    with locked_data_file(path, lock_timeout):
        # Read under the lock: the rows and ids of a save that finished a moment ago are
        # in the file now, so this save keeps them and never hands out their ids again.
        existing = read_rows_as_text(path)
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
        _replace_file(path, combined)
    return SaveResult(
        path=path,
        backup_path=backup_path,
        rows_before=len(existing),
        rows_added=len(additions),
        new_ids=tuple(additions["event_id_cnty"]),
    )


def write_csv_atomically(
    path: Path, frame: pd.DataFrame, *, lock_timeout: float | None = None
) -> None:
    """Write `frame` to `path` through a temporary file, fsync and rename, holding the file's lock."""
    with locked_data_file(path, lock_timeout):
        _replace_file(Path(path), frame)


def _replace_file(path: Path, frame: pd.DataFrame) -> None:
    """The atomic write itself; the caller holds the data file's lock."""
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


def _remove_stale_temporary_files(path: Path) -> None:
    """Remove `.<name>.*.tmp` files a killed save left beside `path`; the caller holds the lock.

    Safe only under the lock: every writer of this file holds it from creating its
    temporary file to renaming it, so any such file found now belongs to a dead save.
    """
    pattern = re.compile(rf"\.{re.escape(path.name)}\.{_TEMPORARY_RANDOM_PART}\.tmp")
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            # A leftover we cannot remove wastes space but harms no save; never block one for it.
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _keep_backup(path: Path, backup_folder: Path | None, now: dt.datetime | None) -> Path:
    folder = backup_folder or path.parent / BACKUP_FOLDER_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
        return _copy_to_unused_name(path, folder, stamp)
    except OSError as error:
        # No backup, no save: the analyst must be able to undo any save.
        raise DataFileError(
            f"Not saved: could not keep a backup of {path.name} in {folder} ({error})."
        ) from error


def _copy_to_unused_name(path: Path, folder: Path, stamp: str) -> Path:
    """Copy `path` to `<stem>.<stamp><suffix>` in `folder`, or `<stem>.<stamp>_1<suffix>`, ... if taken.

    The name is claimed with an exclusive create, so two saves with the same timestamp
    (a coarse clock, or a fixed `now`) keep two backups instead of one overwriting the other.
    `_1`, `_2`, ... sort after the plain name, so a listing by name stays in save order.
    """
    attempt = 0
    while True:
        counter = f"_{attempt}" if attempt else ""
        backup = folder / f"{path.stem}.{stamp}{counter}{path.suffix}"
        try:
            # O_BINARY (Windows only) keeps the copy byte for byte.
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            descriptor = os.open(backup, flags, 0o666)
        except FileExistsError:
            attempt += 1
            continue
        try:
            with os.fdopen(descriptor, "wb") as target, path.open("rb") as source:
                shutil.copyfileobj(source, target)
            shutil.copystat(path, backup)
        except BaseException:
            backup.unlink(missing_ok=True)
            raise
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
