"""The check server end to end: started, asked by `check`, edited under, stopped; and every way it can be unusable."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from gluteclaims import checkserver
from tests.conftest import REPO


@pytest.fixture
def runtime(monkeypatch) -> Path:
    """A short, private folder for the server's socket (socket paths are limited to about 100 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="gcrt-", dir="/tmp"))
    monkeypatch.setenv(checkserver.RUNTIME_ENV, str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def kb(tmp_path: Path, runtime: Path) -> Path:
    """A copy of the bundled knowledge base; any server started for it is stopped afterwards."""
    root = tmp_path / "kb"
    for folder in ("claims", "sources"):
        shutil.copytree(REPO / folder, root / folder)
    yield root
    info = checkserver.status(root)
    if info is not None:
        os.kill(info["pid"], signal.SIGKILL)


def gluteclaims(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gluteclaims", *args], capture_output=True, text=True, timeout=120, env=os.environ.copy())


def test_check_answers_from_the_server_exactly_as_without_it(kb: Path) -> None:
    started = gluteclaims("server", "start", "--root", str(kb))
    assert started.returncode == 0, started.stderr
    assert "check server started" in started.stdout
    for fmt in ("text", "json"):
        served, alone = gluteclaims("check", "--root", str(kb), "--format", fmt), gluteclaims("check", "--root", str(kb), "--format", fmt, "--no-server")
        assert (served.stdout, served.returncode) == (alone.stdout, alone.returncode)
    source = kb / "sources" / "contreras-2015.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("year: 2015", "year: 1015"), encoding="utf-8")
    served, alone = gluteclaims("check", "--root", str(kb)), gluteclaims("check", "--root", str(kb), "--no-server")
    assert served.returncode == 1 and "sources/contreras-2015.yaml" in served.stdout
    assert (served.stdout, served.returncode) == (alone.stdout, alone.returncode)
    status = gluteclaims("server", "status", "--root", str(kb))
    assert status.returncode == 0
    assert "4 checks answered" in status.stdout and "parsed 1" in status.stdout


def test_start_twice_says_it_is_already_running_and_stop_stops_it(kb: Path, runtime: Path) -> None:
    assert gluteclaims("server", "start", "--root", str(kb)).returncode == 0
    again = gluteclaims("server", "start", "--root", str(kb))
    assert again.returncode == 0 and "already running" in again.stdout
    stopped = gluteclaims("server", "stop", "--root", str(kb))
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    assert not list(runtime.glob("*.sock"))
    status = gluteclaims("server", "status", "--root", str(kb))
    assert status.returncode == 1 and "no check server is running" in status.stdout
    assert "no check server is running" in gluteclaims("server", "stop", "--root", str(kb)).stdout


def test_a_server_running_older_code_stops_and_the_check_runs_here(kb: Path, monkeypatch, capsys) -> None:
    checkserver.start(kb)
    monkeypatch.setattr(checkserver, "code_fingerprint", lambda: "code after an upgrade")
    assert checkserver.check(kb, "text") is None
    assert "ran older code" in capsys.readouterr().err
    assert checkserver.status(kb) is None


def test_without_a_server_there_is_no_answer(kb: Path) -> None:
    assert checkserver.check(kb, "text") is None
    assert checkserver.status(kb) is None


def test_checking_without_a_server_creates_no_runtime_folder(kb: Path, runtime: Path, monkeypatch) -> None:
    monkeypatch.setenv(checkserver.RUNTIME_ENV, str(runtime / "not-yet"))
    assert gluteclaims("check", "--root", str(kb)).returncode == 0
    assert not (runtime / "not-yet").exists()


def test_a_killed_server_leaves_a_socket_that_check_and_start_get_past(kb: Path, runtime: Path) -> None:
    info = checkserver.start(kb)
    os.kill(info["pid"], signal.SIGKILL)
    deadline = time.monotonic() + 10
    while checkserver.status(kb) is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(runtime.glob("*.sock"))  # left behind
    alone = gluteclaims("check", "--root", str(kb), "--no-server")
    assert gluteclaims("check", "--root", str(kb)).stdout == alone.stdout
    assert checkserver.start(kb)["pid"] != info["pid"]


def test_a_bad_request_gets_an_error_and_the_server_keeps_serving(kb: Path) -> None:
    checkserver.start(kb)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.connect(str(checkserver.socket_path(kb)))
        client.sendall(b"this is not json\n")
        answer = json.loads(client.makefile("rb").readline())
    assert "error" in answer
    assert checkserver.ask(kb, {"op": "frobnicate"})["error"] == "unknown request 'frobnicate'"
    assert checkserver.check(kb, "text") is not None


def test_the_server_stops_by_itself_when_idle(kb: Path, runtime: Path) -> None:
    assert gluteclaims("server", "start", "--root", str(kb), "--idle-timeout", "0.01").returncode == 0
    deadline = time.monotonic() + 20
    while checkserver.status(kb) is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert checkserver.status(kb) is None
    assert "stopped after" in checkserver.log_path(kb).read_text()


def test_a_runtime_folder_others_can_enter_is_refused(kb: Path, runtime: Path) -> None:
    runtime.chmod(0o777)
    try:
        refused = gluteclaims("server", "start", "--root", str(kb))
        assert refused.returncode == 1
        assert "not a folder only you can use" in refused.stderr and "Traceback" not in refused.stderr
        assert gluteclaims("check", "--root", str(kb)).returncode == 0  # check still works, in-process
    finally:
        runtime.chmod(0o700)


def test_a_socket_path_too_long_is_a_clear_error(kb: Path, monkeypatch, tmp_path: Path) -> None:
    deep = tmp_path / ("x" * 90)
    deep.mkdir(mode=0o700)
    monkeypatch.setenv(checkserver.RUNTIME_ENV, str(deep))
    with pytest.raises(checkserver.ServerError, match="too long"):
        checkserver.socket_path(kb)
    assert checkserver.check(kb, "text") is None
