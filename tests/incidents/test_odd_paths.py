"""Odd paths given as a data file: each is refused quickly, with a message, before anything big is read.

Real ones, made in tmp_path: a named pipe, a symbolic-link loop, a sparse 2 GB
file (no disk used), and the machine's /dev/zero and /dev/urandom.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from incidents.errors import DataFileError
from incidents.file_reading import read_file_bytes
from incidents.imports.__main__ import main as import_main
from incidents.loading import load_incidents
from incidents.settings import read_settings
from tests.conftest import PROJECT_ROOT
from ui.context import load_data

# A hang guard, not a benchmark: each of these returns in milliseconds once fixed.
SECONDS_ALLOWED = 10.0


@pytest.fixture
def named_pipe(tmp_path) -> Path:
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    # Should a reader wait on the pipe, a writer that opens and closes it ends the wait,
    # so the test fails on its clock instead of hanging the whole run.
    guard = threading.Timer(SECONDS_ALLOWED, _open_and_close_for_writing, args=(path,))
    guard.start()
    yield path
    guard.cancel()


def _open_and_close_for_writing(path: Path) -> None:
    with contextlib.suppress(OSError):  # no reader waiting: nothing to release
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


@pytest.fixture
def link_loop(tmp_path) -> Path:
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.symlink_to(second)
    second.symlink_to(first)
    return first


@pytest.fixture
def sparse_2gb(tmp_path) -> Path:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(2 * 1024**3)  # a hole: no disk blocks, no time
    return path


def _device(path: str) -> Path:
    if not Path(path).exists():
        pytest.skip(f"{path} does not exist on this machine")
    return Path(path)


ODD_PATHS = {
    "named-pipe": ("named_pipe", "named pipe"),
    "symlink-loop": ("link_loop", "link loop"),
    "sparse-2GB-file": ("sparse_2gb", "more than the 500.0 MB"),
    "dev-zero": ("/dev/zero", "a device"),
    "dev-urandom": ("/dev/urandom", "a device"),
    "folder": ("tmp_path", "a folder"),
    "missing": ("missing", "file at"),
}


@pytest.fixture(params=list(ODD_PATHS), ids=list(ODD_PATHS))
def odd_path(request, tmp_path) -> tuple[Path, str]:
    where, message = ODD_PATHS[request.param]
    if where.startswith("/dev/"):
        return _device(where), message
    if where == "missing":
        return tmp_path / "nothing-here.csv", message
    return request.getfixturevalue(where), message


def _timed(call):
    started = time.monotonic()
    try:
        return call()
    finally:
        elapsed = time.monotonic() - started
        assert elapsed < SECONDS_ALLOWED, f"took {elapsed:.1f} s"


def test_the_app_loader_refuses_an_odd_path_quickly(odd_path):
    path, message = odd_path
    with pytest.raises(DataFileError, match=message) as caught:
        _timed(lambda: load_incidents(path))
    assert path.name in str(caught.value)


def test_the_command_line_refuses_an_odd_path_quickly(odd_path, tmp_path, capsys):
    path, message = odd_path
    status = _timed(lambda: import_main([str(path), "--dry-run", "--data", str(tmp_path / "data.csv")]))
    assert status == 2
    assert message in capsys.readouterr().err


def test_the_command_line_refuses_an_odd_data_file(odd_path, tmp_path, capsys):
    path, message = odd_path
    if message == "file at":
        pytest.skip("a missing data file is created by the first save")
    upload = tmp_path / "upload.csv"
    upload.write_text("Date,Place\n2020-01-02,Quetta\n")
    status = _timed(lambda: import_main([str(upload), "--dry-run", "--data", str(path)]))
    assert status == 2
    assert message in capsys.readouterr().err


def test_the_app_shows_a_message_not_a_traceback(odd_path, monkeypatch):
    path, message = odd_path
    monkeypatch.setattr("sys.argv", ["dashboard.py"])
    loaded, shown = _timed(lambda: load_data(read_settings([], {"INCIDENTS_CSV": str(path)})))
    assert loaded is None
    # The message is Markdown with the file's words escaped; compare the words.
    assert message.replace(".", "\\.") in shown


def test_a_file_over_the_limit_is_refused_by_its_size_unread(sparse_2gb, monkeypatch):
    def never(*_):
        raise AssertionError("the file was opened for reading")

    monkeypatch.setattr("incidents.file_reading.os.open", never)
    with pytest.raises(DataFileError, match="Nothing was read"):
        read_file_bytes(sparse_2gb)


def test_the_limit_is_a_setting(tmp_path):
    path = tmp_path / "small.csv"
    path.write_bytes(b"x" * 3 * 1024 * 1024)
    settings = read_settings(["--max-file-mb", "2"], {})
    with pytest.raises(DataFileError, match=r"more than the 2\.0 MB"):
        load_incidents(path, max_bytes=settings.max_file_bytes)
    assert read_settings([], {"INCIDENTS_MAX_FILE_MB": "0.5"}).max_file_bytes == 512 * 1024


def test_a_file_that_reports_no_size_is_read_only_up_to_the_limit():
    # /proc files report a size of 0 yet hold text: only the bounded read stops them.
    maps = Path("/proc/self/maps")
    if not maps.exists():
        pytest.skip("no /proc on this machine")
    assert maps.stat().st_size == 0
    with pytest.raises(DataFileError, match="reading stopped there"):
        read_file_bytes(maps, max_bytes=100)


def test_a_dangling_link_is_a_missing_file(tmp_path):
    link = tmp_path / "gone.csv"
    link.symlink_to(tmp_path / "deleted.csv")
    with pytest.raises(DataFileError, match="No incidents file"):
        load_incidents(link)


@pytest.mark.parametrize("kind", ["named_pipe", "link_loop", "sparse_2gb"])
def test_the_dashboard_shows_an_odd_data_path_as_a_message(kind, request, monkeypatch):
    # The whole app, as the analyst sees it: one error box, no traceback.
    path = request.getfixturevalue(kind)
    monkeypatch.setenv("INCIDENTS_CSV", str(path))
    monkeypatch.setenv("INCIDENTS_TILES", "none")
    app = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=SECONDS_ALLOWED * 3)
    _timed(app.run)
    assert not app.exception, app.exception
    assert "The incidents file cannot be used" in app.error[0].value
