"""The wheel works installed: built from the project, installed with the locked dependencies into a
fresh environment outside the checkout, it carries its package data and builds the site.

Slow (a wheel build, a fresh environment, every locked dependency and a whole site build) and it
needs the package index that requirements/lock.txt installs from.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

LOCK = REPO / "requirements" / "lock.txt"
# What a checkout holds that a wheel build neither needs nor should see.
NOT_COPIED = {
    ".git",
    ".venv",
    ".cache",
    ".hypothesis",
    ".pytest_cache",
    ".generated",
    "site",
    "build",
    "dist",
    "node_modules",
    "test-artifacts",
}


def _ignore(folder: str, names: list[str]) -> set[str]:
    top = Path(folder).resolve() == REPO
    return {n for n in names if (top and n in NOT_COPIED) or n == "__pycache__" or n.endswith(".egg-info")}


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that points Python at this checkout or its .venv."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP", "PYTHONUSERBASE"}
    }
    env.update(PYTHONNOUSERSITE="1", **extra)
    return env


def _run(args: list, cwd: Path, timeout: int = 900, **env: str) -> subprocess.CompletedProcess:
    run = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=_clean_env(**env), capture_output=True, text=True, timeout=timeout
    )
    assert run.returncode == 0, (
        f"{' '.join(map(str, args))} failed ({run.returncode}):\n{run.stdout[-4000:]}\n{run.stderr[-4000:]}"
    )
    return run


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel of the project, built from a copy of the checkout (so the build leaves nothing in it)."""
    tmp = tmp_path_factory.mktemp("wheel")
    project = tmp / "project"
    shutil.copytree(REPO, project, ignore=_ignore, symlinks=True)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp / "dist", project], cwd=tmp)
    wheels = sorted((tmp / "dist").glob("gluteclaims-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The bin folder of a fresh environment (no system site-packages) with the lock and the wheel installed."""
    env_dir = tmp_path_factory.mktemp("env") / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    outside = env_dir.parent
    _run([python, "-m", "pip", "install", "-q", "--require-hashes", "-r", LOCK], cwd=outside)
    _run([python, "-m", "pip", "install", "-q", "--no-deps", wheel], cwd=outside)
    return env_dir / "bin"


def test_the_wheel_carries_the_package_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = "gluteclaims/site/templates/"
    for expected in ("gluteclaims/py.typed", templates + "mkdocs.yml", templates + "__init__.py"):
        assert expected in names, expected
    # Every page template, style, script and vendored file in site_templates/ is in the wheel.
    wanted = {
        templates + p.relative_to(REPO / "site_templates").as_posix()
        for p in (REPO / "site_templates").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert {n for n in wanted if n.startswith(templates + "pages/")}, "no page templates in site_templates/pages"
    assert sorted(wanted - names) == []


def test_the_installed_wheel_runs_outside_the_checkout(installed, tmp_path):
    where = _run(
        [
            installed / "python",
            "-c",
            "import gluteclaims, pathlib; print(pathlib.Path(gluteclaims.__file__).resolve())",
        ],
        cwd=tmp_path,
    )
    location = Path(where.stdout.strip())
    assert REPO not in location.parents, f"gluteclaims was imported from the checkout: {location}"
    assert "site-packages" in location.parts
    help_text = _run([installed / "gluteclaims", "--help"], cwd=tmp_path).stdout
    assert "Usage: gluteclaims" in help_text and "build" in help_text


def test_the_installed_wheel_builds_the_site(installed, tmp_path):
    kb = tmp_path / "kb"
    for folder in ("claims", "sources"):
        shutil.copytree(REPO / folder, kb / folder)
    out = tmp_path / "site"
    run = _run(
        [installed / "gluteclaims", "build", "--root", kb, "--out", out],
        cwd=tmp_path,
        PATH=f"{installed}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    assert "built" in run.stdout
    assert (out / "index.html").is_file()
    assert (out / "claims").is_dir() and any((out / "claims").iterdir())
