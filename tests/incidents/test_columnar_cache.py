"""The columnar copy of the data file: read back equal, rebuilt on any doubt, never a reason a load fails."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from incidents import columnar_cache, loading
from incidents.errors import DataFileError
from incidents.loading import LoadResult, load_incidents, load_incidents_bytes
from incidents.settings import CACHE_FOLDER_NAME, USER_CACHE_DIR, read_settings
from tests.conftest import PROJECT_ROOT, csv_bytes

# Rows that leave something in every part of the report: a rejected row, flagged values,
# a district spelling unified, and (written as Windows-1252) a note on the encoding.
ROWS = [
    {"event_id_cnty": "C1", "admin2": "Turbat", "notes": "Café bombing"},
    {"event_id_cnty": "C2", "event_date": "not a date"},
    {"event_id_cnty": "C3", "fatalities": "", "sub_event_type": "Made up"},
    {"event_id_cnty": "C4", "latitude": "40.1", "geo_precision": "", "injuries": "x"},
    {"event_id_cnty": "C5", "actor2": "", "assoc_actor_2": ""},
]
# Child processes that race to write one data file's cache entry.
PROCESS_JOIN_SECONDS = 300


@pytest.fixture
def data_file(tmp_path) -> Path:
    path = tmp_path / "data" / "incidents.csv"
    path.parent.mkdir()
    path.write_bytes(csv_bytes(ROWS).decode().encode("cp1252"))
    return path


@pytest.fixture
def cache_dirs(tmp_path, data_file) -> tuple[Path, Path]:
    """The folder beside the data file, then a stand-in for the user's cache folder."""
    return data_file.parent / CACHE_FOLDER_NAME, tmp_path / "user-cache"


def assert_same_load(first: LoadResult, second: LoadResult) -> None:
    pd.testing.assert_frame_equal(first.incidents, second.incidents, check_categorical=True, check_exact=True)
    pd.testing.assert_frame_equal(first.problems, second.problems, check_exact=True)
    assert second.district_renames == first.district_renames
    assert second.file_notes == first.file_notes
    assert second.rows_read == first.rows_read


def entry_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob("*.parquet")) if folder.is_dir() else []


def forbid_parsing(monkeypatch) -> None:
    """From now on a load that parses the CSV fails the test: it must come from the cache."""

    def parse(*_arguments, **_keywords):
        raise AssertionError("the CSV was parsed, the cache was not used")

    monkeypatch.setattr(loading, "read_text_table", parse)


def test_a_second_load_reads_the_cache_and_equals_the_first(data_file, cache_dirs, monkeypatch):
    uncached = load_incidents_bytes(data_file.read_bytes(), name=data_file.name)
    first = load_incidents(data_file, cache_dirs=cache_dirs)
    assert len(entry_files(cache_dirs[0])) == 2
    assert first.file_notes and first.district_renames and len(first.problems) >= 5  # all parts filled
    forbid_parsing(monkeypatch)
    second = load_incidents(data_file, cache_dirs=cache_dirs)
    assert_same_load(first, second)
    assert_same_load(uncached, second)
    assert entry_files(cache_dirs[1]) == []  # the user's folder is only for a data folder that is read-only


def test_the_cached_copy_keeps_compact_dtypes(data_file, cache_dirs):
    load_incidents(data_file, cache_dirs=cache_dirs)
    incidents = load_incidents(data_file, cache_dirs=cache_dirs).incidents
    assert incidents["event_type"].dtype == "category"
    assert incidents["notes"].dtype == "str"
    assert str(incidents["geo_precision"].dtype) == "Int8"
    assert incidents["event_date"].dtype.kind == "M"


def test_an_empty_file_with_a_header_is_cached_too(tmp_path, cache_dirs, monkeypatch):
    path = tmp_path / "data" / "incidents.csv"
    path.write_bytes(csv_bytes([]))
    first = load_incidents(path, cache_dirs=cache_dirs)
    forbid_parsing(monkeypatch)
    assert_same_load(first, load_incidents(path, cache_dirs=cache_dirs))


def test_without_cache_folders_nothing_is_written(data_file, cache_dirs):
    load_incidents(data_file)
    load_incidents(data_file, cache_dirs=())
    assert [entry_files(folder) for folder in cache_dirs] == [[], []]


def _same_size_other_content(path: Path) -> None:
    """Rewrite `path` with one digit changed (same size) and put its mtime back as it was."""
    before = path.stat()
    raw = path.read_bytes()
    changed = raw.replace(b"C1,", b"C9,", 1)
    assert changed != raw and len(changed) == len(raw)
    path.write_bytes(changed)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_a_change_of_content_with_the_same_size_and_mtime_is_seen(data_file, cache_dirs):
    assert load_incidents(data_file, cache_dirs=cache_dirs).incidents["event_id_cnty"].iloc[0] == "C1"
    _same_size_other_content(data_file)
    loaded = load_incidents(data_file, cache_dirs=cache_dirs)
    assert loaded.incidents["event_id_cnty"].iloc[0] == "C9"
    assert_same_load(load_incidents_bytes(data_file.read_bytes(), name=data_file.name), loaded)
    # ...and the entry was rebuilt for the new content: the next load is read from it.
    assert load_incidents(data_file, cache_dirs=cache_dirs).incidents["event_id_cnty"].iloc[0] == "C9"


def test_a_touched_file_is_read_again_and_its_entry_rebuilt(data_file, cache_dirs, monkeypatch):
    first = load_incidents(data_file, cache_dirs=cache_dirs)
    stamp = data_file.stat().st_mtime_ns + 5_000_000_000
    os.utime(data_file, ns=(stamp, stamp))
    parsed = []
    real_parse = loading.read_text_table
    monkeypatch.setattr(loading, "read_text_table", lambda *a, **k: parsed.append(1) or real_parse(*a, **k))
    assert_same_load(first, load_incidents(data_file, cache_dirs=cache_dirs))
    assert_same_load(first, load_incidents(data_file, cache_dirs=cache_dirs))
    assert parsed == [1]  # the touch made one rebuild, the load after it used the new entry


def test_an_entry_of_other_code_is_not_used(data_file, cache_dirs, monkeypatch):
    load_incidents(data_file, cache_dirs=cache_dirs)
    columnar_cache.code_fingerprint.cache_clear()
    monkeypatch.setattr(columnar_cache, "CACHE_FORMAT_VERSION", columnar_cache.CACHE_FORMAT_VERSION + 1)
    source = columnar_cache.look_at_source(data_file, 1 << 30)
    try:
        assert columnar_cache.read_entry(source, cache_dirs) is None
    finally:
        columnar_cache.code_fingerprint.cache_clear()


def test_the_code_fingerprint_covers_the_modules_the_loader_is_built_from():
    sources = {path.relative_to(PROJECT_ROOT).as_posix() for path in columnar_cache.loader_source_files()}
    assert {
        "incidents/loading.py",
        "incidents/file_reading.py",
        "incidents/validation.py",
        "incidents/schema.py",
        "incidents/columnar_cache.py",
        "geo/districts.py",  # the district spellings validation unifies
    } <= sources


def _garble(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    middle = len(raw) // 2
    raw[middle : middle + 8] = bytes(255 - byte for byte in raw[middle : middle + 8])
    path.write_bytes(bytes(raw))


CORRUPTIONS = {
    "garbage": lambda path: path.write_bytes(b"not parquet at all" * 50),
    "empty": lambda path: path.write_bytes(b""),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
    "bytes-flipped-inside": _garble,
    "missing": lambda path: path.unlink(),
    "a-folder": lambda path: (path.unlink(), path.mkdir()),
}


@pytest.mark.parametrize("which", ["incidents", "problems"])
@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_a_corrupt_entry_is_ignored_and_rebuilt(data_file, cache_dirs, monkeypatch, which, corruption):
    first = load_incidents(data_file, cache_dirs=cache_dirs)
    incidents_path, problems_path = columnar_cache.entry_paths(data_file, cache_dirs[0])
    target = incidents_path if which == "incidents" else problems_path
    CORRUPTIONS[corruption](target)
    assert_same_load(first, load_incidents(data_file, cache_dirs=cache_dirs))
    # Rebuilt (in the fallback folder when a folder stands in the entry's place): read from now on.
    forbid_parsing(monkeypatch)
    assert_same_load(first, load_incidents(data_file, cache_dirs=cache_dirs))


def test_half_of_another_files_entry_is_not_taken_for_this_ones(data_file, cache_dirs, tmp_path):
    """Two writers crossing leave the incidents of one version and the problems of another."""
    first = load_incidents(data_file, cache_dirs=cache_dirs)
    _, problems_path = columnar_cache.entry_paths(data_file, cache_dirs[0])
    old_problems = problems_path.read_bytes()
    _same_size_other_content(data_file)
    second = load_incidents(data_file, cache_dirs=cache_dirs)
    problems_path.write_bytes(old_problems)  # now: new incidents, old problems
    source = columnar_cache.look_at_source(data_file, 1 << 30)
    assert columnar_cache.read_entry(source, cache_dirs) is None
    assert_same_load(second, load_incidents(data_file, cache_dirs=cache_dirs))
    assert not first.incidents.equals(second.incidents)


def _assert_loads_without_its_folder(data_file, cache_dirs, monkeypatch) -> None:
    first = load_incidents(data_file, cache_dirs=cache_dirs)
    assert_same_load(load_incidents_bytes(data_file.read_bytes(), name=data_file.name), first)
    assert len(entry_files(cache_dirs[1])) == 2  # kept in the fallback folder instead
    forbid_parsing(monkeypatch)
    assert_same_load(first, load_incidents(data_file, cache_dirs=cache_dirs))


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes in read-only folders"
)
def test_a_read_only_data_folder_still_loads_with_the_cache_in_the_fallback_folder(
    data_file, cache_dirs, monkeypatch
):
    data_file.parent.chmod(0o555)
    try:
        _assert_loads_without_its_folder(data_file, cache_dirs, monkeypatch)
        assert not cache_dirs[0].exists()
    finally:
        data_file.parent.chmod(0o755)


def test_a_cache_folder_that_cannot_be_made_still_loads_with_the_fallback_folder(
    data_file, cache_dirs, monkeypatch
):
    # A file where the folder should be: mkdir fails as in a read-only folder, even for root.
    cache_dirs[0].write_text("in the way")
    _assert_loads_without_its_folder(data_file, cache_dirs, monkeypatch)


def test_with_no_folder_writable_the_file_still_loads(data_file, tmp_path):
    blocked = (tmp_path / "blocked-1", tmp_path / "blocked-2")
    for path in blocked:
        path.write_text("in the way")
    expected = load_incidents_bytes(data_file.read_bytes(), name=data_file.name)
    for _ in range(2):
        assert_same_load(expected, load_incidents(data_file, cache_dirs=(blocked[0] / "a", blocked[1] / "b")))


def test_the_cache_never_lets_a_file_past_the_checks(data_file, cache_dirs):
    load_incidents(data_file, cache_dirs=cache_dirs)
    with pytest.raises(DataFileError, match="more than"):
        load_incidents(data_file, max_bytes=100, cache_dirs=cache_dirs)
    data_file.unlink()
    with pytest.raises(DataFileError, match="No incidents file"):
        load_incidents(data_file, cache_dirs=cache_dirs)
    data_file.mkdir()
    with pytest.raises(DataFileError, match="is a folder"):
        load_incidents(data_file, cache_dirs=cache_dirs)


def test_the_folder_beside_the_data_file_keeps_itself_out_of_git(data_file, cache_dirs):
    load_incidents(data_file, cache_dirs=cache_dirs)
    assert (cache_dirs[0] / ".gitignore").read_text().splitlines()[-1] == "*"


@pytest.mark.parametrize(("data_mode", "copy_mode"), [(0o600, 0o600), (0o640, 0o640), (0o444, 0o644)])
def test_the_copy_is_readable_by_whoever_may_read_the_data_file(data_file, cache_dirs, data_mode, copy_mode):
    data_file.chmod(data_mode)
    load_incidents(data_file, cache_dirs=cache_dirs)
    assert [path.stat().st_mode & 0o777 for path in cache_dirs[0].glob("*.parquet")] == [copy_mode] * 2


def test_a_temporary_file_left_by_a_killed_writer_is_removed_once_old(data_file, cache_dirs):
    load_incidents(data_file, cache_dirs=cache_dirs)
    incidents_path, _ = columnar_cache.entry_paths(data_file, cache_dirs[0])
    stem = incidents_path.name.removesuffix(".parquet")
    old = cache_dirs[0] / f".{stem}.abc123.tmp"
    young = cache_dirs[0] / f".{stem}.def456.tmp"
    for path in (old, young):
        path.write_bytes(b"half a file")
    long_ago = time.time() - 2 * 3600
    os.utime(old, (long_ago, long_ago))
    data_file.write_bytes(data_file.read_bytes() + csv_bytes([{"event_id_cnty": "C6"}]).split(b"\n", 1)[1])
    load_incidents(data_file, cache_dirs=cache_dirs)  # a rebuild
    assert not old.exists() and young.exists()


def test_settings_place_the_cache_beside_the_data_file_or_turn_it_off(tmp_path):
    data = tmp_path / "mine.csv"
    assert read_settings(["--data", str(data)], {}).cache_dirs == (
        tmp_path / CACHE_FOLDER_NAME,
        USER_CACHE_DIR,
    )
    settings = read_settings(["--data", str(data)], {"INCIDENTS_COLUMNAR_CACHE": str(tmp_path / "fast")})
    assert settings.cache_dirs == (tmp_path / "fast", USER_CACHE_DIR)
    assert read_settings(["--columnar-cache", "none"], {"INCIDENTS_COLUMNAR_CACHE": "/x"}).cache_dirs == ()
    assert read_settings([], {"INCIDENTS_COLUMNAR_CACHE": " None "}).cache_dirs == ()


# One process writing, over and over, the entry of the data file as it is, or as the other
# version of it (same path, other content): readers must only ever get their own version or nothing.
RACING_WRITER = """
import sys, time
from pathlib import Path
import pandas as pd
from incidents import columnar_cache
from incidents.loading import load_incidents_bytes

path, version, count, folder, go = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]), Path(sys.argv[5])
raw = version.read_bytes()
loaded = load_incidents_bytes(raw, name=path.name)
entry = columnar_cache.CachedLoad(loaded.incidents, loaded.problems, {"version": version.name})
source = columnar_cache.source_of_bytes(path, raw, path.stat())
while not go.exists():
    time.sleep(0.005)
hits = 0
for _ in range(count):
    assert columnar_cache.write_entry(source, entry, [folder]) is not None
    found = columnar_cache.read_entry(source, [folder])
    if found is not None:
        hits += 1
        assert found.report == {"version": version.name}, found.report
        pd.testing.assert_frame_equal(found.incidents, loaded.incidents)
        pd.testing.assert_frame_equal(found.problems, loaded.problems)
print(hits)
"""


def test_two_processes_writing_one_entry_at_once_never_leave_a_wrong_or_torn_copy(data_file, tmp_path):
    count = 60
    many_rows = [{**ROWS[number % len(ROWS)], "event_id_cnty": f"R{number:05d}"} for number in range(3_000)]
    versions = []
    for name, rows in (("first", many_rows), ("second", many_rows[::-1])):
        version = tmp_path / f"{name}.csv"
        version.write_bytes(csv_bytes(rows))
        versions.append(version)
    folder, go = tmp_path / "cache", tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", RACING_WRITER, str(data_file), str(version), str(count), str(folder), str(go)],
            cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for version in versions
    ]  # fmt: skip
    go.touch()
    outputs = []
    for writer in writers:
        try:
            outputs.append(writer.communicate(timeout=PROCESS_JOIN_SECONDS))
        except subprocess.TimeoutExpired:
            writer.kill()
            outputs.append(writer.communicate())
    assert [writer.returncode for writer in writers] == [0, 0], [error for _, error in outputs]
    print("hits of", count, "reads:", [output.strip() for output, _ in outputs])
    # Every file in the folder is a whole Parquet file, and no temporary file is left.
    assert sorted(path.suffix for path in folder.iterdir()) == [".parquet", ".parquet"]
    for path in folder.iterdir():
        columnar_cache.pq.read_table(path, page_checksum_verification=True)
    # The data file as it really is loads right, from whatever the race left.
    data_file.write_bytes(versions[0].read_bytes())
    expected = load_incidents_bytes(versions[0].read_bytes(), name=data_file.name)
    assert_same_load(expected, load_incidents(data_file, cache_dirs=(folder,)))
    assert_same_load(expected, load_incidents(data_file, cache_dirs=(folder,)))


def test_the_import_command_reads_the_data_file_through_the_cache(data_copy, monkeypatch, capsys):
    from incidents.imports.__main__ import main as import_main

    upload = str(PROJECT_ROOT / "tests" / "fixtures" / "imports" / "ucdp_ged.csv")
    cache = data_copy.parent / CACHE_FOLDER_NAME
    assert import_main([upload, "--data", str(data_copy), "--dry-run", "--columnar-cache", "none"]) == 1
    assert not cache.exists()
    uncached = capsys.readouterr().out
    assert import_main([upload, "--data", str(data_copy), "--dry-run"]) == 1
    assert len(entry_files(cache)) == 2
    assert capsys.readouterr().out == uncached
    forbid_parsing(monkeypatch)  # the data file now comes from the cache (the upload is read as before)
    assert import_main([upload, "--data", str(data_copy), "--dry-run"]) == 1
    assert capsys.readouterr().out == uncached
