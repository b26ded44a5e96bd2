"""Read an incidents CSV (this project's or an ACLED export) into a validated frame.

The file goes through `incidents.file_reading`, the reader the Add data page and
the command line use too, so a file reads the same everywhere. Given cache
folders, `load_incidents` keeps a columnar copy of what it loaded there
(`incidents.columnar_cache`) and reads that instead while the file is unchanged.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa

from incidents import columnar_cache
from incidents.errors import DataFileError
from incidents.file_reading import (
    DEFAULT_MAX_FILE_BYTES,
    TextTable,
    describe_columns,
    read_file_bytes,
    read_text_table,
)

# Kept importable from here: incidents.storage reads the data file's text with it.
from incidents.file_reading import decode_csv_bytes as decode_csv_bytes
from incidents.schema import REQUIRED_COLUMNS
from incidents.validation import ACTORS_KEY, ValidationResult, validate_incidents

logger = logging.getLogger(__name__)

# Text columns that repeat a few values (names of types, actors, places, sources): held as
# categoricals, one small integer per row, they take a tenth of the memory of the text.
# Free text (notes), ids and links stay text. The extra columns are a full ACLED export's.
CATEGORICAL_COLUMNS: tuple[str, ...] = (
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
    "admin1", "admin2", "admin3", "location", "source", ACTORS_KEY,
    "year", "disorder_type", "inter1", "inter2", "interaction", "civilian_targeting", "iso",
    "region", "country", "source_scale",
)  # fmt: skip
# ACLED's precision codes are 1, 2 or 3 (or empty).
SMALL_INTEGER_COLUMNS: tuple[str, ...] = ("time_precision", "geo_precision")


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


def compact_incidents(incidents: pd.DataFrame) -> pd.DataFrame:
    """`incidents` with repetitive text as categoricals and precision codes as Int8 (in place)."""
    for column in CATEGORICAL_COLUMNS:
        if column in incidents.columns and pd.api.types.is_string_dtype(incidents[column]):
            incidents[column] = incidents[column].astype("category")
    for column in SMALL_INTEGER_COLUMNS:
        if column in incidents.columns:
            incidents[column] = incidents[column].astype("Int8")
    return incidents


def load_incidents_bytes(raw: bytes, name: str = "the file") -> LoadResult:
    """Decode, parse and validate the bytes of an incidents CSV (comma-separated)."""
    return _validated(read_text_table(raw, name), name)


def _validated(table: TextTable, name: str) -> LoadResult:
    _require_columns(table.frame, name)
    result: ValidationResult = validate_incidents(table.frame)
    return LoadResult(
        incidents=compact_incidents(result.incidents),
        problems=result.problems,
        district_renames=result.district_renames,
        file_notes=table.notes,
        rows_read=len(table.frame),
    )


def load_incidents(
    path: str | Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES, cache_dirs: Sequence[Path] = ()
) -> LoadResult:
    """Load and validate the incidents CSV at `path`, refusing a file over `max_bytes` unread.

    With `cache_dirs`, a columnar copy of the result kept in the first of them that can be
    written (`incidents.columnar_cache`) is read instead of the CSV while the file, and the
    loader's code, are unchanged; it is written after a load from the CSV. The cache never
    changes what is loaded nor makes a load fail.
    """
    path = Path(path)
    source = _look_at_source(path, max_bytes) if cache_dirs else None
    if source is not None:
        cached = _read_cached(source, cache_dirs)
        if cached is not None:
            give_back_free_memory()
            return cached
    status = _stat_or_none(path) if cache_dirs else None
    raw = read_file_bytes(path, max_bytes, description="incidents file")
    # The key of what was read, before it is parsed: the bytes need not be kept while validating.
    read = columnar_cache.source_of_bytes(path, raw, status) if status is not None else None
    table = read_text_table(raw, path.name)
    del raw
    result = _validated(table, path.name)
    del table
    if read is not None:
        _write_cached(read, result, cache_dirs)
    give_back_free_memory()
    return result


def _look_at_source(path: Path, max_bytes: int) -> columnar_cache.SourceState | None:
    try:
        return columnar_cache.look_at_source(path, max_bytes)
    except Exception as error:  # the cache must never be why a file does not load
        logger.warning("Columnar cache not used for %s: %r", path, error)
        return None


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None  # read_file_bytes says what is wrong


def _read_cached(source: columnar_cache.SourceState, cache_dirs: Sequence[Path]) -> LoadResult | None:
    try:
        entry = columnar_cache.read_entry(source, cache_dirs)
        if entry is None:
            return None
        report = entry.report
        return LoadResult(
            incidents=entry.incidents,
            problems=entry.problems,
            district_renames=dict(report["district_renames"]),
            file_notes=tuple(report["file_notes"]),
            rows_read=int(report["rows_read"]),
        )
    except Exception as error:
        logger.warning("Columnar cache not used for %s: %r", source.path, error)
        return None


def _write_cached(source: columnar_cache.SourceState, result: LoadResult, cache_dirs: Sequence[Path]) -> None:
    if not source.unchanged():
        return  # the file changed while it was read: this result may not be its content's
    report = {
        "district_renames": result.district_renames,
        "file_notes": list(result.file_notes),
        "rows_read": result.rows_read,
    }
    try:
        columnar_cache.write_entry(
            source, columnar_cache.CachedLoad(result.incidents, result.problems, report), cache_dirs
        )
    except Exception as error:
        logger.warning("Columnar cache not written for %s: %r", source.path, error)


def give_back_free_memory() -> None:
    """Return memory freed after a load to the system, so a server does not keep its peak.

    Parsing a large CSV briefly takes several times the loaded frame; pyarrow's allocator
    and the C library keep freed memory for reuse unless asked to give it back.
    """
    with contextlib.suppress(Exception):
        pa.default_memory_pool().release_unused()
    with contextlib.suppress(Exception):
        _c_library().malloc_trim(0)


@functools.cache
def _c_library() -> ctypes.CDLL:
    # The C library's symbols: glibc has malloc_trim; elsewhere (macOS, musl) the lookup fails
    # and nothing is done.
    return ctypes.CDLL(None)
