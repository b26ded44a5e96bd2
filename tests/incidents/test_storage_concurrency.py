"""Saves that race each other: two processes, two threads, a killed writer, a busy file."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pandas as pd
import pytest
from filelock import FileLock

from incidents.errors import IncidentsError, SaveLockedError
from incidents.storage import (
    append_incidents,
    lock_path_for,
    locked_data_file,
    read_rows_as_text,
    write_csv_atomically,
)
from tests.conftest import PROJECT_ROOT, csv_bytes

INITIAL_IDS = ("BIM0001", "BIM0002")
# Generous: on a loaded 2-core machine a waiting writer may lose many polls to the other one;
# these tests are about lost rows, not about how long a save may wait.
RACE_LOCK_TIMEOUT_SECONDS = 120.0
# Each child must stop on its own if something hangs, so the test fails instead of hanging.
PROCESS_JOIN_SECONDS = 300

# One analyst saving COUNT rows, one save per row, once the GO file exists.
RACING_WRITER = """
import sys, time
from pathlib import Path
from tests.incidents.test_storage_concurrency import RACE_LOCK_TIMEOUT_SECONDS, one_row
from incidents.storage import append_incidents

path, writer, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
while not go.exists():
    time.sleep(0.005)
for number in range(count):
    append_incidents(path, one_row(writer, number), lock_timeout=RACE_LOCK_TIMEOUT_SECONDS)
"""

# Takes the lock and starts a save as the real code does, then waits to be killed.
KILLED_WRITER = """
import sys, tempfile, time
from pathlib import Path
from incidents.storage import locked_data_file

path = Path(sys.argv[1])
with locked_data_file(path):
    descriptor, _ = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with open(descriptor, "w") as handle:
        handle.write("half a file")
    print("holding the lock", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / "incidents.csv"
    path.write_bytes(csv_bytes([{"event_id_cnty": event_id} for event_id in INITIAL_IDS]))
    return path


def one_row(writer: str, number: int) -> pd.DataFrame:
    """A nearly empty row: the file stays small, so 1,000 whole-file rewrites stay quick."""
    return pd.DataFrame([{"event_id_cnty": "", "location": f"{writer} {number}"}])


def append_one_at_a_time(path: str, writer: str, count: int, start: threading.Barrier) -> None:
    """One analyst saving `count` rows, one save per row (runs in a child process or a thread)."""
    start.wait()
    for number in range(count):
        append_incidents(path, one_row(writer, number), lock_timeout=RACE_LOCK_TIMEOUT_SECONDS)


def assert_every_row_kept(path, writers: dict[str, int]) -> None:
    saved = read_rows_as_text(path)
    lost = len(INITIAL_IDS) + sum(writers.values()) - len(saved)
    assert lost == 0, f"{lost} rows lost"
    assert saved["event_id_cnty"].is_unique
    assert list(saved["event_id_cnty"][: len(INITIAL_IDS)]) == list(INITIAL_IDS)
    for writer, count in writers.items():
        expected = [f"{writer} {number}" for number in range(count)]
        # Each writer's rows in the order it saved them, none missing, none twice.
        assert list(saved.loc[saved["location"].str.startswith(f"{writer} "), "location"]) == expected


def test_two_processes_appending_at_once_lose_no_row(data_file, tmp_path):
    count = 500
    # Clean interpreters started as two app servers, or a server and the command line, would be.
    # (Not multiprocessing's spawn: it re-imports the parent's __main__, which AppTest replaces.)
    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", RACING_WRITER, str(data_file), name, str(count), str(go)],
            cwd=PROJECT_ROOT, stderr=subprocess.PIPE, text=True,
        )
        for name in ("first", "second")
    ]
    began = time.perf_counter()
    go.touch()  # both start at once
    errors = []
    for writer in writers:
        try:
            errors.append(writer.communicate(timeout=PROCESS_JOIN_SECONDS)[1])
        except subprocess.TimeoutExpired:
            writer.kill()
            errors.append(writer.communicate()[1])
    elapsed = time.perf_counter() - began
    print(f"2 processes x {count} appends: {elapsed:.1f} s")
    assert [writer.returncode for writer in writers] == [0, 0], errors
    assert_every_row_kept(data_file, {"first": count, "second": count})
    # One backup per save, none overwritten by a save in the same microsecond.
    assert len(list((data_file.parent / "backups").iterdir())) == 2 * count


def test_two_threads_appending_at_once_lose_no_row(data_file):
    count = 200
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def run(name: str) -> None:
        try:
            append_one_at_a_time(str(data_file), name, count, start)
        except BaseException as error:
            failures.append(error)
            raise

    threads = [threading.Thread(target=run, args=(name,)) for name in ("first", "second")]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"2 threads x {count} appends: {time.perf_counter() - began:.1f} s")

    assert failures == []
    assert_every_row_kept(data_file, {"first": count, "second": count})


def test_the_lock_is_reentrant_within_one_thread(data_file):
    with locked_data_file(data_file, timeout=0.1), locked_data_file(data_file, timeout=0.1):
        append_incidents(data_file, one_row("nested", 0), lock_timeout=0.1)
    assert len(read_rows_as_text(data_file)) == len(INITIAL_IDS) + 1


def test_another_thread_waits_for_the_lock(data_file):
    holding = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with locked_data_file(data_file):
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(10)
        with pytest.raises(SaveLockedError):
            append_incidents(data_file, one_row("waiting", 0), lock_timeout=0.05)
    finally:
        release.set()
        holder.join()
    append_incidents(data_file, one_row("waiting", 1), lock_timeout=1)
    assert list(read_rows_as_text(data_file)["location"])[-1] == "waiting 1"


def test_a_killed_writers_temporary_file_is_removed_by_the_next_save(data_file):
    folder = data_file.parent
    # What mkstemp left behind for a writer killed between writing and renaming.
    stale = folder / ".incidents.csv.k1ll3d_x.tmp"
    stale.write_text("half a file")
    # Temporary files of other files in the folder are not this save's to remove.
    others = [
        folder / ".incidents.csv.old.abc12345.tmp",
        folder / ".regions.csv.abc12345.tmp",
        folder / "tmpabc12345.tmp",
    ]
    for other in others:
        other.write_text("another writer's")

    append_incidents(data_file, one_row("after the crash", 0))

    assert not stale.exists()
    assert all(other.exists() for other in others)
    assert list(read_rows_as_text(data_file)["location"])[-1] == "after the crash 0"


def test_a_writer_killed_mid_save_leaves_neither_a_lock_nor_its_temporary_file(data_file):
    before = data_file.read_bytes()
    # A save killed (kill -9, power cut of one process) after writing its temporary file.
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(data_file)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "holding the lock"
        child.kill()
        child.wait(10)
    finally:
        child.stdout.close()
        if child.poll() is None:
            child.kill()
            child.wait()
    leftovers = [path.name for path in data_file.parent.iterdir() if path.suffix == ".tmp"]
    assert len(leftovers) == 1 and leftovers[0].startswith(".incidents.csv.")
    assert data_file.read_bytes() == before

    # The operating system dropped the dead writer's lock: the next save does not wait for it.
    append_incidents(data_file, one_row("after the kill", 0), lock_timeout=5)

    assert [path.name for path in data_file.parent.iterdir() if path.suffix == ".tmp"] == []
    assert list(read_rows_as_text(data_file)["location"])[-1] == "after the kill 0"


def test_write_csv_atomically_keeps_its_signature_and_waits_for_the_lock(data_file):
    frame = read_rows_as_text(data_file)
    with FileLock(lock_path_for(data_file)), pytest.raises(SaveLockedError):
        write_csv_atomically(data_file, frame.head(1), lock_timeout=0.05)
    assert len(read_rows_as_text(data_file)) == len(INITIAL_IDS)
    write_csv_atomically(data_file, frame.head(1))
    assert len(read_rows_as_text(data_file)) == 1


def test_a_save_that_cannot_get_the_lock_says_so_and_changes_nothing(data_file):
    before = data_file.read_bytes()
    # Another app server (or program) in the middle of a save holds the lock.
    with FileLock(lock_path_for(data_file)):
        began = time.perf_counter()
        with pytest.raises(SaveLockedError) as raised:
            append_incidents(data_file, one_row("blocked", 0), lock_timeout=0.2)
        waited = time.perf_counter() - began

    message = str(raised.value)
    assert "incidents.csv" in message
    assert "busy" in message and "another save" in message
    assert "Nothing was saved" in message and "try again" in message
    assert isinstance(raised.value, IncidentsError)
    assert 0.2 <= waited < 5
    assert data_file.read_bytes() == before
    assert not (data_file.parent / "backups").exists()


def test_the_lock_file_is_hidden_beside_the_data_file_and_not_among_backups(data_file):
    append_incidents(data_file, one_row("one", 0))
    lock_file = lock_path_for(data_file)
    assert lock_file == data_file.parent / ".incidents.csv.lock"
    assert lock_file.exists()
    assert [path.name for path in (data_file.parent / "backups").iterdir()] == [
        path.name for path in (data_file.parent / "backups").glob("incidents.*.csv")
    ]


def test_two_saves_with_the_same_timestamp_keep_both_backups(data_file):
    now = pd.Timestamp("2026-11-24 12:00:00").to_pydatetime()
    first_before = data_file.read_bytes()
    first = append_incidents(data_file, one_row("same instant", 0), now=now)
    second_before = data_file.read_bytes()
    second = append_incidents(data_file, one_row("same instant", 1), now=now)

    assert first.backup_path.name == "incidents.20261124-120000-000000.csv"
    assert second.backup_path.name == "incidents.20261124-120000-000000_1.csv"
    # Listed by name, the later backup comes after the earlier one.
    assert sorted([second.backup_path.name, first.backup_path.name])[-1] == second.backup_path.name
    assert first.backup_path.read_bytes() == first_before
    assert second.backup_path.read_bytes() == second_before


def test_a_folder_where_no_lock_can_be_made_is_a_clear_error(tmp_path, monkeypatch):
    path = tmp_path / "incidents.csv"
    path.write_bytes(csv_bytes([{"event_id_cnty": "BIM0001"}]))

    def refuse(*arguments, **keywords):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(FileLock, "acquire", refuse)
    with pytest.raises(IncidentsError, match="Not saved"):
        append_incidents(path, one_row("refused", 0))
