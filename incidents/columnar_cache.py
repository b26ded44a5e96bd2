"""A columnar (Parquet) copy of a loaded incidents file, so the next start skips the CSV.

Parsing and validating a CSV of a million incidents takes 15-20 seconds; reading
the same validated frame back from Parquet takes half a second. The
copy is only a cache: it is trusted only when its key matches, and any doubt
(a missing, stale, truncated or corrupt file, a folder that cannot be written)
means the CSV is read as before. Nothing here ever fails a load.

The key (`entry_key`) is the CSV's size, mtime_ns and SHA-256 of its whole
content (about 0.15 s for 300 MB), plus `code_fingerprint()`: the format version
below, the pandas and pyarrow versions and a hash of the source of every project
module the loader is built from, so a change to the loader rebuilds the copy.

An entry is two Parquet files in a cache folder, named after the data file and a
digest of its full path, e.g. `.cache/incidents.csv.3f9a1c02b7.parquet` (the
incidents, plus the rest of the load report in the file's metadata) and
`….problems.parquet` (the problems table). Each is written to a temporary file
and renamed into place (`os.replace`), problems first; both carry the key, and a
pair whose keys differ (two writers crossing) is a miss. Pages carry checksums,
verified on reading. Whoever may read the data file may read its copy (the copy
takes the file's read permissions), and no one else.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import glob
import hashlib
import json
import logging
import os
import stat
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from incidents.settings import CACHE_FOLDER_NAME, PROJECT_ROOT

# Bump when the layout of an entry changes; a change to the loader's code needs no bump
# (code_fingerprint hashes its source), but a change to data it reads outside Python does.
CACHE_FORMAT_VERSION = 1
_METADATA_KEY = b"balochistan_incidents_cache"
_HASH_CHUNK_BYTES = 1 << 20
# A temporary file this old was left by a writer that was killed; younger ones may be in use.
_STALE_TEMPORARY_SECONDS = 3600
# The modules a load is built from: these and every project module they import.
_LOADER_MODULES = ("incidents/loading.py", "incidents/columnar_cache.py")
_PROJECT_PACKAGES = ("incidents", "geo")

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CachedLoad:
    """What an entry holds: the incidents, the problems table and the rest of the report (JSON)."""

    incidents: pd.DataFrame
    problems: pd.DataFrame
    report: dict


@dataclass(frozen=True)
class SourceState:
    """The data file as it was looked at: its identity, size, mtime, content hash and permissions."""

    path: Path
    device: int
    inode: int
    size: int
    mtime_ns: int
    sha256: str
    mode: int = 0o600

    def unchanged(self) -> bool:
        """Whether the file still has this identity, size and mtime."""
        try:
            now = os.stat(self.path)
        except OSError:
            return False
        return (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) == (
            self.device,
            self.inode,
            self.size,
            self.mtime_ns,
        )


@functools.cache
def code_fingerprint() -> str:
    """A hash of the cache format, the pandas and pyarrow versions and the loader's source files."""
    digest = hashlib.sha256(f"format {CACHE_FORMAT_VERSION}; pandas {pd.__version__}; "
                            f"pyarrow {pa.__version__}".encode())  # fmt: skip
    for path in loader_source_files():
        digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def loader_source_files() -> list[Path]:
    """The loader's modules and every module of the project they import, directly or not, sorted."""
    found: set[Path] = set()
    waiting = [PROJECT_ROOT / name for name in _LOADER_MODULES]
    while waiting:
        path = waiting.pop()
        if path in found:
            continue
        found.add(path)
        waiting.extend(_imported_project_files(path))
    return sorted(found)


def _imported_project_files(path: Path) -> list[Path]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.append(node.module)
            modules += [f"{node.module}.{alias.name}" for alias in node.names]  # `from pkg import module`
    files = []
    for module in modules:
        if module.split(".")[0] not in _PROJECT_PACKAGES:
            continue
        base = PROJECT_ROOT.joinpath(*module.split("."))
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                files.append(candidate)
    return files


def entry_key(source: SourceState) -> dict:
    """The key an entry must carry to stand for `source` as this code would load it."""
    return {
        "code": code_fingerprint(),
        "size": source.size,
        "mtime_ns": source.mtime_ns,
        "sha256": source.sha256,
    }


def entry_paths(data_path: Path, folder: Path) -> tuple[Path, Path]:
    """The incidents file and the problems file of `data_path`'s entry in `folder`."""
    try:
        full = str(data_path.resolve())
    except (OSError, RuntimeError):  # RuntimeError: Python 3.11's resolve() on a link loop
        full = str(data_path.absolute())
    stem = f"{data_path.name}.{hashlib.sha256(full.encode()).hexdigest()[:10]}"
    return folder / f"{stem}.parquet", folder / f"{stem}.problems.parquet"


def look_at_source(path: Path, max_bytes: int) -> SourceState | None:
    """The data file's state, hashing its content; None when it is not a regular file of at most
    `max_bytes` that holds still while it is read (the loader then says what is wrong, or reads it)."""
    try:
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode) or before.st_size > max_bytes:
            return None
        # O_NONBLOCK: a named pipe swapped in after the check must not keep us waiting.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        opened = os.fstat(descriptor)
        if not stat.S_ISREG(opened.st_mode):
            return None
        digest, size = hashlib.sha256(), 0
        while size <= max_bytes:
            chunk = os.read(descriptor, _HASH_CHUNK_BYTES)
            if not chunk:
                break
            digest.update(chunk)
            size += len(chunk)
        after = os.fstat(descriptor)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    if size != opened.st_size or (after.st_size, after.st_mtime_ns) != (opened.st_size, opened.st_mtime_ns):
        return None  # written to while we read it
    return SourceState(
        path, opened.st_dev, opened.st_ino, size, opened.st_mtime_ns, digest.hexdigest(), opened.st_mode
    )


def source_of_bytes(path: Path, raw: bytes, status: os.stat_result) -> SourceState:
    """The state of the data file whose bytes, read after `status` was taken, are `raw`."""
    return SourceState(
        path,
        status.st_dev,
        status.st_ino,
        len(raw),
        status.st_mtime_ns,
        hashlib.sha256(raw).hexdigest(),
        status.st_mode,
    )


def read_entry(source: SourceState, folders: Sequence[Path]) -> CachedLoad | None:
    """The entry for `source` in the first of `folders` that holds a valid one; None otherwise."""
    key = entry_key(source)
    for folder in folders:
        incidents_path, problems_path = entry_paths(source.path, folder)
        if not incidents_path.is_file():
            continue
        try:
            incidents, report = _read_table(incidents_path, key)
            problems, _ = _read_table(problems_path, key)
        except _Miss as miss:
            logger.info("Columnar cache %s not used: %s", incidents_path, miss)
            continue
        except Exception as error:  # a corrupt cache is rebuilt, never trusted nor fatal
            logger.warning("Columnar cache %s is unreadable and will be rebuilt: %r", incidents_path, error)
            continue
        if len(incidents) != report.get("rows") or len(problems) != report.get("problem_rows"):
            logger.warning("Columnar cache %s has the wrong number of rows; rebuilt", incidents_path)
            continue
        return CachedLoad(incidents, problems, report["report"])
    return None


class _Miss(Exception):
    """An entry that is well-formed but not for this file, this code or this pair."""


def _read_table(path: Path, key: dict) -> tuple[pd.DataFrame, dict]:
    # One open file for the key and the columns: opened twice, a writer could swap the file
    # in between, and the columns of one version would pass with the key of another.
    with open(path, "rb") as handle:
        parquet = pq.ParquetFile(handle, page_checksum_verification=True)
        # The key is in the footer, read before any column: a stale entry costs no more.
        metadata = parquet.schema_arrow.metadata or {}
        if _METADATA_KEY not in metadata:
            raise _Miss("no key")
        stored = json.loads(metadata[_METADATA_KEY])
        if stored.get("key") != key:
            raise _Miss("stale (the file, the code or the other half of the pair differs)")
        frame = parquet.read().to_pandas()
    return _with_dtypes(frame, stored.get("dtypes", [])), stored


def _dtype_name(dtype) -> str:
    if isinstance(dtype, pd.CategoricalDtype):
        return f"category[{dtype.categories.dtype}]"
    return str(dtype)


def _dtype_names(frame: pd.DataFrame) -> list[list[str]]:
    """[column, dtype] pairs, in the frame's order (a list: JSON objects get their keys sorted)."""
    return [[str(column), _dtype_name(dtype)] for column, dtype in frame.dtypes.items()]


def _with_dtypes(frame: pd.DataFrame, dtypes: list[list[str]]) -> pd.DataFrame:
    """`frame` with the dtypes it was written with: Parquet gives an empty categorical back as text."""
    if [column for column, _ in dtypes] != [str(column) for column in frame.columns]:
        raise _Miss("the columns differ from those written")
    for column, name in dtypes:
        if _dtype_name(frame[column].dtype) == name:
            continue
        if name.startswith("category[") and len(frame) == 0:
            frame[column] = frame[column].astype(name[len("category[") : -1]).astype("category")
        elif not name.startswith("category["):
            frame[column] = frame[column].astype(name)
    if _dtype_names(frame) != dtypes:
        raise _Miss("the columns' types differ from those written")
    return frame


def write_entry(source: SourceState, loaded: CachedLoad, folders: Sequence[Path]) -> Path | None:
    """Store `loaded` as the entry for `source` in the first of `folders` that can be written.

    Returns the incidents file written, or None when no folder could take it (logged, not raised).
    """
    key = entry_key(source)
    information = {
        "key": key,
        "dtypes": _dtype_names(loaded.incidents),
        "rows": len(loaded.incidents),
        "problem_rows": len(loaded.problems),
        "report": loaded.report,
    }
    for folder in folders:
        incidents_path, problems_path = entry_paths(source.path, folder)
        try:
            _prepare_folder(folder)
            _remove_stale_temporary_files(incidents_path)
            # Problems first: the incidents file is what a reader looks for, so it goes in last.
            problems_information = {"key": key, "dtypes": _dtype_names(loaded.problems)}
            mode = 0o600 | (stat.S_IMODE(source.mode) & 0o044)  # readable as the data file is
            _write_table(loaded.problems, problems_path, problems_information, mode)
            _write_table(loaded.incidents, incidents_path, information, mode)
        except Exception as error:  # a cache that cannot be written is no reason to fail a load
            logger.warning("Columnar cache not written in %s: %r", folder, error)
            continue
        return incidents_path
    return None


def _prepare_folder(folder: Path) -> None:
    created = not folder.is_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if created and folder.name == CACHE_FOLDER_NAME:
        # Beside a data file inside some repository, the copy must never be committed.
        with contextlib.suppress(OSError):
            (folder / ".gitignore").write_text(
                "# A cache of balochistan-incidents: rebuilt when missing.\n*\n"
            )


def _write_table(frame: pd.DataFrame, path: Path, information: dict, mode: int) -> None:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    metadata = dict(table.schema.metadata or {})
    metadata[_METADATA_KEY] = json.dumps(information, sort_keys=True).encode()
    table = table.replace_schema_metadata(metadata)
    prefix = _temporary_prefix(path)
    descriptor, temporary = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):  # not on Windows before Python 3.13
            os.fchmod(descriptor, mode)
        with os.fdopen(descriptor, "wb") as handle:
            pq.write_table(table, handle, compression="zstd", write_page_checksum=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _temporary_prefix(path: Path) -> str:
    # Both files of an entry share the prefix of its incidents file (`.incidents.csv.3f9a1c02b7.`).
    return "." + path.name.removesuffix(".problems.parquet").removesuffix(".parquet") + "."


def _remove_stale_temporary_files(incidents_path: Path) -> None:
    """Temporary files of this entry left by a killed writer (over an hour old)."""
    now = time.time()
    pattern = glob.escape(_temporary_prefix(incidents_path)) + "*.tmp"
    for leftover in incidents_path.parent.glob(pattern):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > _STALE_TEMPORARY_SECONDS:
                leftover.unlink()
