"""A knowledge base kept in memory and brought up to date from disk before each check.

This is what the check server runs. Before each check every record file is looked at with
one `stat`. A file is read again when its size, times, inode or device changed, or when it
had changed so shortly before it was last looked at that a second edit could have left the
same times (file times come from a clock that ticks every few milliseconds: git calls these
files "racy" and does the same). A file read again is hashed; bytes that hash as before keep
their record, so only new bytes are parsed and validated. Unchanged records stay the same
objects, and the checks' `Memo` recomputes only what an edit touched.
"""

from __future__ import annotations

import operator
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from gluteclaims import cache
from gluteclaims.knowledge import KnowledgeBase
from gluteclaims.load import DUPLICATE_ID, RecordFile, assemble, display_path, is_record_name, load_one, read_each
from gluteclaims.memo import Memo
from gluteclaims.models import RECORD_TYPES
from gluteclaims.problems import Problem, error, sort_problems
from gluteclaims.validate import cross_record_problems

# A file whose times are less than this before the moment it was looked at is read again at
# the next check, whatever its signature says. Two seconds is far more than any clock tick.
RACY_NS = 2_000_000_000

Signature = tuple[int, int, int, int, int]
Listed = tuple[str, str, Optional[Signature]]  # path, kind, signature (None if stat failed)


def signature(stat: os.stat_result) -> Signature:
    """What tells a changed file from an unchanged one without reading it."""
    return (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino, stat.st_dev)


@dataclass(frozen=True)
class Kept:
    """One record file as last read: its signature then, and what its bytes gave."""

    signature: Optional[Signature]
    loaded: RecordFile
    trusted: bool  # the signature alone may say it is unchanged (it is not racy, and was read)


@dataclass(frozen=True)
class Work:
    """What one check had to do: files looked at, read again, parsed."""

    files: int
    read: int
    parsed: int


@dataclass(frozen=True)
class Assembled:
    """The files a knowledge base was assembled from, it, and the duplicate-id errors assembling found."""

    files: list[RecordFile]
    kb: KnowledgeBase
    duplicates: list[Problem]


def _swappable(kb: KnowledgeBase, old: RecordFile, new: RecordFile) -> bool:
    """An edit that leaves a record in place: same kind and id, valid before and after, and the file that holds the id."""
    return (
        old.record is not None
        and new.record is not None
        and old.kind == new.kind
        and old.record.id == new.record.id
        and kb.origins.get((old.kind, old.record.id)) is old.origin
    )


class Session:
    """The records of one knowledge base, kept between checks."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.kept: dict[str, Kept] = {}
        self._assembled: Optional[Assembled] = None
        self._problems: Optional[list[Problem]] = None
        self.kb = KnowledgeBase()  # as of the last check; records are swapped in place as files change
        self.memo = Memo()
        self.work = Work(0, 0, 0)

    def check(self) -> list[Problem]:
        """Every problem in the knowledge base as it is on disk now, exactly as a fresh `check` reports them."""
        looked = time.time_ns()  # before any stat: a change after this moment gets newer times
        listed = self._list()
        if self.kept:
            self._refresh(listed, looked)
        else:
            self._load_all(listed, looked)
        files = [self.kept[path].loaded for path, _, _ in listed]
        last = self._assembled
        if self._problems is not None and last is not None and len(last.files) == len(files) and all(map(operator.is_, last.files, files)):
            return list(self._problems)  # not one file changed: nor did any problem
        kb, problems = self._assemble(files)
        self.kb = kb
        problems += cross_record_problems(kb, self.memo)
        self.memo.sweep()
        self._problems = sort_problems(problems)
        return list(self._problems)

    def _assemble(self, files: list[RecordFile]) -> tuple[KnowledgeBase, list[Problem]]:
        """The knowledge base of these files: the last one with edited records swapped in, when that is all that changed."""
        last = self._assembled
        if last is not None and len(last.files) == len(files):
            changed = [(old, new) for old, new in zip(last.files, files) if old is not new]
            if all(_swappable(last.kb, old, new) for old, new in changed):
                for old, new in changed:
                    getattr(last.kb, new.kind)[new.record.id] = new.record
                    last.kb.origins[(new.kind, new.record.id)] = new.origin
                self._assembled = Assembled(files, last.kb, last.duplicates)
                return last.kb, [problem for f in files if f.problems for problem in f.problems] + last.duplicates
        kb, problems = assemble(files)
        # assemble adds only one kind of problem to the files' own: an id taken by an earlier file.
        self._assembled = Assembled(files, kb, [problem for problem in problems if problem.code == DUPLICATE_ID])
        return kb, problems

    def _list(self) -> list[Listed]:
        """Every record file, in the order a full load reads them, with its signature."""
        listed: list[Listed] = []
        for kind in RECORD_TYPES:
            folder = str(self.root / kind)
            try:
                descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            except OSError:
                continue
            try:
                names = sorted(name for name in os.listdir(descriptor) if is_record_name(name))
                for name in names:
                    try:
                        # Relative to the open folder: no path to walk for each of thousands of files.
                        now: Optional[Signature] = signature(os.stat(name, dir_fd=descriptor, follow_symlinks=True))
                    except OSError:
                        now = None
                    listed.append((f"{folder}{os.sep}{name}", kind, now))
            finally:
                os.close(descriptor)
        return listed

    def _load_all(self, listed: list[Listed], looked: int) -> None:
        """The first check: every file through the usual loader (worker processes, the parse cache)."""
        loaded = read_each(self.root, [(kind, Path(path)) for path, kind, _ in listed])
        self.kept = {path: self._kept(now, record_file, looked) for (path, _, now), record_file in zip(listed, loaded)}
        self.work = Work(len(listed), len(listed), len(listed))

    def _refresh(self, listed: list[Listed], looked: int) -> None:
        """Read again the files that may have changed; parse those whose bytes did."""
        kept, read, parsed = {}, 0, 0
        for path, kind, now in listed:
            before = self.kept.get(path)
            if before is not None and before.trusted and before.signature == now:
                kept[path] = before
                continue
            read += 1
            loaded = self._read(path, kind, before)
            parsed += before is None or loaded is not before.loaded
            kept[path] = self._kept(now, loaded, looked)
        self.kept = kept
        self.work = Work(len(listed), read, parsed)

    def _read(self, path: str, kind: str, before: Optional[Kept]) -> RecordFile:
        display = display_path(self.root, path)
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            stem = display.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            return RecordFile(kind, stem, display, None, None, [error("E001", display, f"cannot read the file: {exc.strerror or exc}")], None)
        if before is not None and before.loaded.digest == cache.digest(raw) and before.loaded.display == display:
            return before.loaded
        return load_one(kind, raw, display)

    @staticmethod
    def _kept(now: Optional[Signature], loaded: RecordFile, looked: int) -> Kept:
        racy = now is None or loaded.digest is None or max(now[0], now[1]) >= looked - RACY_NS
        return Kept(now, loaded, trusted=not racy)

