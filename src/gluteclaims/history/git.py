"""The knowledge base as it was at a git revision, written out to a folder the loader can read."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from gluteclaims.kb.models import RECORD_TYPES

# Where a pull request's changes start: the merge base with the first of these that exists.
BASE_BRANCHES = ("main", "origin/main", "master", "origin/master")


class RevisionError(Exception):
    """git could not give the knowledge base at a revision; the message says why."""


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=120)
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(f"git {args[0]} failed: {message[-1] if message else 'no message'}")
    return done.stdout


def _text(cwd: Path, *args: str) -> str:
    return _git(cwd, *args).decode("utf-8", "replace").strip()


def default_base(root: Path) -> str:
    """The commit where the current branch left main: the merge base with the first base branch that exists."""
    _text(root, "rev-parse", "--git-dir")
    for branch in BASE_BRANCHES:
        try:
            _text(root, "rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}")
        except RevisionError:
            continue
        return _text(root, "merge-base", "HEAD", branch)
    raise RevisionError(f"none of the branches {', '.join(BASE_BRANCHES)} exists: give the revision to compare with")


def describe(root: Path, rev: str) -> str:
    """A short, readable name for a revision: its abbreviated hash."""
    try:
        return _text(root, "rev-parse", "--short", "--verify", "--quiet", f"{rev}^{{commit}}")
    except RevisionError:
        _text(root, "rev-parse", "--git-dir")
        raise RevisionError(f"unknown revision '{rev}'") from None


def knowledge_base_at(root: Path, rev: str, dest: Path) -> Path:
    """Write claims/ and sources/ as they were at `rev` under dest; returns the folder to load."""
    top = Path(_text(root, "rev-parse", "--show-toplevel"))
    prefix = _text(root, "rev-parse", "--show-prefix")
    try:
        commit = _text(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except RevisionError:
        raise RevisionError(f"unknown revision '{rev}'") from None
    folders = [f"{prefix}{kind}" for kind in RECORD_TYPES]
    present = _text(top, "ls-tree", "-d", "--name-only", commit, "--", *folders).splitlines()
    if present:
        archive = _git(top, "archive", "--format=tar", commit, "--", *present)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(dest, filter="data")
    kb_root = dest / prefix
    for kind in RECORD_TYPES:
        (kb_root / kind).mkdir(parents=True, exist_ok=True)
    return kb_root
