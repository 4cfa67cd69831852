"""The code's own checks, so CI enforces them: ruff (lint and format), mypy, and the package layers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

TOOLS = Path(sys.executable).parent


def run(tool: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(TOOLS / tool), *args], cwd=REPO, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize(
    "args", [("check", "src", "tests", "benchmarks"), ("format", "--check", "src", "tests", "benchmarks")]
)
def test_ruff_is_clean(args: tuple[str, ...]) -> None:
    done = run("ruff", *args)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_is_clean() -> None:
    done = run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr


def test_each_package_imports_only_from_the_packages_below_it() -> None:
    done = run("lint-imports")
    assert done.returncode == 0 and "1 kept, 0 broken" in done.stdout, done.stdout + done.stderr
