"""Parsed records kept between runs, found by the SHA-256 of the file's bytes, so a warm `check` skips YAML.

An entry is only ever looked up by the hash of the exact bytes being loaded, in a cache file
whose name carries a fingerprint of the parser (its source, PyYAML, libyaml and Python), so a
changed file or a changed parser can never be served an old result. Only files that parsed
cleanly are kept, as their data and flat positions; validation always runs afresh.

The file is a log of checksummed segments: a run appends what it parsed (the marshalled
batches the worker processes sent back, as they are) and rewrites the file only when stale
entries pile up. The cache lives in the user's cache folder, never in the knowledge base, so
a pull request cannot plant entries. A segment that is cut short or fails its checksum is
ignored, with everything after it.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import struct
import sys
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

from gluteclaims import parse

CACHE_ENV = "GLUTECLAIMS_CACHE_DIR"
MIN_FILES = 500  # below this, parsing is quick and a cache file is only clutter
KEEP_FILES = 32  # cache files kept in the folder, most recently used first

_MAGIC = b"gluteclaims parsed records 2\n"
_DIGEST = 32
_SEGMENT_HEAD = 4 + _DIGEST  # length, then the SHA-256 of the payload

Entry = tuple[dict, bytes]  # data and flat positions of one cleanly parsed file


def digest(raw: bytes) -> bytes:
    """The key of a file's parse: the SHA-256 of its bytes."""
    return hashlib.sha256(raw).digest()


def fingerprint() -> str:
    """What the parse of given bytes depends on besides the bytes: the parser and its libraries."""
    parts = [_MAGIC, Path(parse.__file__).read_bytes(), yaml.__version__.encode(), _libyaml_version().encode()]
    parts += [sys.version.encode(), str(marshal.version).encode(), str(array("I").itemsize).encode()]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]


def _libyaml_version() -> str:
    try:
        from yaml import _yaml

        return _yaml.get_version_string()
    except ImportError:  # pragma: no cover - only without libyaml
        return "pure-python"


def cache_dir() -> Optional[Path]:
    """$GLUTECLAIMS_CACHE_DIR ('' or 'off' turns the cache off), else the user's cache folder."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip() in ("", "off") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "gluteclaims"


def cache_file(root: Path) -> Optional[Path]:
    """The cache file for the knowledge base at root, or None when caching is off."""
    folder = cache_dir()
    if folder is None:
        return None
    where = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]
    return folder / f"parsed-{where}-{fingerprint()}.bin"


@dataclass
class Loaded:
    """What a cache file held: its well-formed entries, how many it stored in all, whether it was whole."""

    entries: dict[bytes, Entry] = field(default_factory=dict)
    stored: int = 0
    damaged: bool = False


def segment(outcomes: list) -> bytes:
    """A batch of parse outcomes, marshalled; the ("parsed", digest, data, flat) ones are what the cache keeps."""
    return marshal.dumps(outcomes)


def load(path: Optional[Path]) -> Loaded:
    """The entries of a cache file; a damaged segment and all after it are ignored."""
    loaded = Loaded()
    if path is None:
        return loaded
    try:
        blob = path.read_bytes()
    except OSError:
        return loaded
    if not blob.startswith(_MAGIC):
        loaded.damaged = bool(blob)
        return loaded
    view, at = memoryview(blob), len(_MAGIC)
    while at < len(blob):
        payload = _segment_at(view, at)
        if payload is None:
            loaded.damaged = True
            break
        at += _SEGMENT_HEAD + len(payload)
        for outcome in _outcomes(payload):
            if type(outcome) is tuple and len(outcome) == 4 and outcome[0] == "parsed" and _well_formed(outcome[1], outcome[2], outcome[3]):
                loaded.entries[outcome[1]] = (outcome[2], outcome[3])
                loaded.stored += 1
    try:
        os.utime(path)  # used: keep it when pruning
    except OSError:
        pass
    return loaded


def _segment_at(view: memoryview, at: int) -> Optional[memoryview]:
    """The payload of the segment at `at`, if its length fits and its checksum matches."""
    if at + _SEGMENT_HEAD > len(view):
        return None
    (length,) = struct.unpack_from("<I", view, at)
    payload = view[at + _SEGMENT_HEAD : at + _SEGMENT_HEAD + length]
    if len(payload) != length or hashlib.sha256(payload).digest() != view[at + 4 : at + _SEGMENT_HEAD]:
        return None
    return payload


def _outcomes(payload: memoryview) -> list:
    try:
        outcomes = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return []
    return outcomes if type(outcomes) is list else []


def _well_formed(key: Any, data: Any, flat: Any) -> bool:
    return type(key) is bytes and len(key) == _DIGEST and type(data) is dict and type(flat) is bytes and len(flat) % 8 == 0


class Writer:
    """Streams a run's new batches to disk as they come, then appends them, or replaces or compacts the file.

    Appending keeps a warm run from rewriting every entry because one file changed; entries of
    changed or deleted files pile up until they outnumber a quarter of the live ones, and then
    the file is rewritten from the live entries alone. Nothing is held in memory meanwhile.
    """

    def __init__(self, path: Optional[Path], loaded: Loaded):
        self.path, self.loaded, self.added = path, loaded, 0
        self.temporary = path.with_name(f".{path.name}.{os.getpid()}.new") if path else None
        self.handle = None

    def add(self, payload: bytes, parsed: int) -> None:
        """A marshalled batch of outcomes, of which `parsed` are new entries."""
        if self.temporary is None or not parsed:
            return
        try:
            if self.handle is None:
                self.temporary.parent.mkdir(parents=True, exist_ok=True)
                self.handle = open(self.temporary, "wb")
                self.handle.write(_MAGIC)
            self.handle.write(_framed(payload))
            self.added += parsed
        except OSError:
            self.temporary = None

    def abandon(self) -> None:
        """The run stopped half-way: leave the cache file as it was."""
        if self.handle is not None:
            self.handle.close()
        if self.temporary is not None:
            try:
                self.temporary.unlink(missing_ok=True)
            except OSError:
                pass

    def finish(self, kept: dict[bytes, Entry]) -> None:
        """Make the file hold every entry in `kept` (and a bounded number of stale ones)."""
        if self.handle is not None:
            self.handle.close()
        if self.path is None:
            return
        try:
            stale = self.loaded.stored + self.added - len(kept)
            fits = stale <= len(kept) // 4 and not self.loaded.damaged and self.temporary is not None
            if fits and self.added and not self.loaded.stored:
                os.replace(self.temporary, self.path)
            elif fits and self.added:
                with open(self.temporary, "rb") as new, open(self.path, "ab") as old:
                    new.seek(len(_MAGIC))
                    shutil.copyfileobj(new, old)
            elif not fits and kept:
                _rewrite(self.path, kept)
            else:
                return
        except OSError:
            return
        finally:
            if self.temporary is not None:
                try:
                    self.temporary.unlink(missing_ok=True)
                except OSError:
                    pass
        _prune(self.path.parent)


def _framed(payload: bytes) -> bytes:
    return struct.pack("<I", len(payload)) + hashlib.sha256(payload).digest() + payload


def _rewrite(path: Path, kept: dict[bytes, Entry], batch: int = 2_000) -> None:
    """Write the live entries alone, in batches, so no single payload holds them all."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    items = list(kept.items())
    try:
        with open(temporary, "wb") as handle:
            handle.write(_MAGIC)
            for start in range(0, len(items), batch):
                handle.write(_framed(segment([("parsed", key, data, flat) for key, (data, flat) in items[start : start + batch]])))
        os.replace(temporary, path)
    finally:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass


def _prune(folder: Path) -> None:
    """Delete all but the most recently used cache files, so the folder stays small."""
    try:
        files = sorted(folder.glob("parsed-*.bin"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP_FILES:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
