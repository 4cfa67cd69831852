"""Parsed records kept between runs, found by the SHA-256 of the file's bytes, so a warm `check` skips YAML.

An entry is only ever looked up by the hash of the exact bytes being loaded, in a cache file
whose name carries a fingerprint of the parser (its source, PyYAML, libyaml and Python), so a
changed file or a changed parser can never be served an old result. Only files that parsed
cleanly are kept, as their data and flat positions; validation always runs afresh.

The cache lives in the user's cache folder, never in the knowledge base, so a pull request
cannot plant entries. A file that is missing, truncated or fails its checksum is ignored.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from array import array
from pathlib import Path
from typing import Any, Optional

import yaml

from gluteclaims import parse

CACHE_ENV = "GLUTECLAIMS_CACHE_DIR"
MIN_FILES = 500  # below this, parsing is quick and a cache file is only clutter
KEEP_FILES = 32  # cache files kept in the folder, most recently used first

_MAGIC = b"gluteclaims parsed records 1\n"
_DIGEST = 32

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


def load(path: Optional[Path]) -> dict[bytes, Entry]:
    """The well-formed entries in a cache file by digest; none when the file is missing or damaged."""
    if path is None:
        return {}
    try:
        blob = path.read_bytes()
    except OSError:
        return {}
    head = len(_MAGIC)
    if not blob.startswith(_MAGIC) or len(blob) < head + _DIGEST:
        return {}
    checksum, payload = blob[head : head + _DIGEST], blob[head + _DIGEST :]
    if hashlib.sha256(payload).digest() != checksum:
        return {}
    try:
        entries = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return {}
    if not isinstance(entries, dict):
        return {}
    try:
        os.utime(path)  # used: keep it when pruning
    except OSError:
        pass
    return {key: value for key, value in entries.items() if _well_formed(key, value)}


def _well_formed(key: Any, value: Any) -> bool:
    return type(key) is bytes and type(value) is tuple and len(value) == 2 and type(value[0]) is dict and type(value[1]) is bytes and len(value[1]) % 8 == 0


def save(path: Optional[Path], entries: dict[bytes, Entry]) -> None:
    """Replace the cache file with these entries; a cache that cannot be written is skipped."""
    if path is None:
        return
    payload = marshal.dumps(entries)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            # Written in pieces: joining them would hold a second copy of a large payload.
            handle.write(_MAGIC)
            handle.write(hashlib.sha256(payload).digest())
            handle.write(payload)
        os.replace(temporary, path)
    except OSError:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        return
    _prune(path.parent)


def _prune(folder: Path) -> None:
    """Delete all but the most recently used cache files, so the folder stays small."""
    try:
        files = sorted(folder.glob("parsed-*.bin"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP_FILES:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
