"""`gluteclaims serve` end to end: the page appears, an edit shows, a broken edit is reported and recovered from."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _read(log) -> str:
    log.seek(0)
    return log.read()


def _until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def served(tmp_path: Path):
    root = tmp_path / "kb"
    for folder in ("claims", "sources"):
        shutil.copytree(REPO / folder, root / folder)
    port = _free_port()
    with open(tmp_path / "serve.log", "w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gluteclaims", "serve", "--root", str(root), "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield root, f"http://127.0.0.1:{port}", process, log
        finally:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def test_an_edit_shows_and_a_broken_edit_is_reported_then_recovered(served) -> None:
    root, base, process, log = served
    page = f"{base}/sources/contreras-2015/"
    assert _until(lambda: "Contreras" in _page(page), 120), "serve never showed the page"
    record = root / "sources" / "contreras-2015.yaml"
    original = record.read_text(encoding="utf-8")
    record.write_text(original.replace("findings: >-\n", "findings: >-\n  SERVEDEDIT one.\n", 1), encoding="utf-8")
    assert _until(lambda: "SERVEDEDIT one." in _page(page), 30), "the edit never showed"
    record.write_text("id: [broken\n", encoding="utf-8")
    assert _until(lambda: "sources/contreras-2015.yaml:" in _read(log), 30), (
        f"the broken file was not reported:\n{_read(log)[-2000:]}"
    )
    assert process.poll() is None  # still serving
    record.write_text(original.replace("findings: >-\n", "findings: >-\n  SERVEDEDIT two.\n", 1), encoding="utf-8")
    assert _until(lambda: "SERVEDEDIT two." in _page(page), 30), "serve did not recover after the fix"
    assert list((root / ".generated" / ".template-cache").iterdir()), "the theme's compiled templates were not kept"
