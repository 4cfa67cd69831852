"""Read every record file under a knowledge-base root, reporting problems instead of raising."""

from __future__ import annotations

import os
from pathlib import Path as FsPath
from typing import Iterable, Optional

from pydantic import ValidationError
from rapidfuzz import process

from gluteclaims.knowledge import KnowledgeBase, Origin
from gluteclaims.models import RECORD_TYPES, Record
from gluteclaims.parse import _short, parse_record
from gluteclaims.problems import Problem, error

RECORD_SUFFIX = ".yaml"


def record_files(root: FsPath) -> list[tuple[str, FsPath]]:
    """(kind, path) for every record file under root, in a stable order."""
    found = []
    for kind in RECORD_TYPES:
        folder = root / kind
        if not folder.is_dir():
            continue
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.name.endswith((".yaml", ".yml")) and not e.name.startswith("."))
        found.extend((kind, folder / name) for name in names)
    return found


def validate(kind: str, data: dict, origin: Origin) -> tuple[Optional[Record], list[Problem]]:
    """Validate parsed data against the model for `kind`; pydantic errors become located problems."""
    model = RECORD_TYPES[kind]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        record_id = data.get("id") if isinstance(data.get("id"), str) else None
        return None, [_problem(err, model, origin, record_id) for err in exc.errors(include_url=False)]


def _problem(err: dict, model: type[Record], origin: Origin, record_id: Optional[str]) -> Problem:
    loc = tuple(err["loc"])
    dotted = ".".join(str(part) for part in loc) or "(record)"
    line, column = origin.line_of(loc)
    kind = err["type"]
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        guess = process.extractOne(str(loc[-1]), allowed, score_cutoff=60) if allowed else None
        hint = f"did you mean '{guess[0]}'?" if guess else (f"allowed: {', '.join(allowed)}" if allowed else None)
        return error("E101", origin.path, f"unknown field {_short(dotted)}", line=line, column=column, record=record_id, hint=hint)
    if kind == "missing":
        return error("E102", origin.path, f"missing required field {_short(dotted)}", line=line, column=column, record=record_id)
    message = err["msg"]
    if "input" in err and not isinstance(err["input"], (dict, list)):
        message += f", got {_short(err['input'])}"
    return error("E103", origin.path, f"{dotted}: {message}", line=line, column=column, record=record_id)


def _fields_at(model: type[Record], loc: tuple) -> list[str]:
    """Names of the fields of the (nested) model at loc, for 'did you mean'."""
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return []
        nested = _model_in(info.annotation)
        if nested is None:
            return []
        current = nested
    return list(current.model_fields)


def _model_in(annotation) -> Optional[type[Record]]:
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def read_records(root: FsPath, files: Iterable[tuple[str, FsPath]]) -> tuple[KnowledgeBase, list[Problem]]:
    """Parse and validate the given files into a knowledge base."""
    kb = KnowledgeBase()
    problems: list[Problem] = []
    for kind, path in files:
        display = _display(root, path)
        stem = path.name.rsplit(".", 1)[0]
        try:
            raw = path.read_bytes()
        except OSError as exc:
            problems.append(error("E001", display, f"cannot read the file: {exc.strerror}"))
            kb.broken[kind].add(stem)
            continue
        record, found = load_one(kind, raw, display)
        problems.extend(found)
        if record is None:
            kb.broken[kind].add(stem)
            continue
        record, origin = record
        key = (kind, record.id)
        if key in kb.origins:
            first = kb.origins[key]
            line, column = origin.line_of(("id",))
            problems.append(error("E203", display, f"id '{record.id}' is already used by {first.path}", line=line, column=column, record=record.id, hint="ids must be unique: rename one record and its file"))
            continue
        getattr(kb, kind)[record.id] = record
        kb.origins[key] = origin
    return kb, problems


def load_one(kind: str, raw: bytes, display: str) -> tuple[Optional[tuple[Record, Origin]], list[Problem]]:
    """Parse and validate one file's bytes."""
    parsed = parse_record(raw, display)
    if parsed.problems:
        return None, parsed.problems
    origin = Origin(display, parsed.positions)
    record, problems = validate(kind, parsed.data, origin)
    if record is None:
        return None, problems
    return (record, origin), problems


def load_knowledge_base(root: FsPath | str) -> tuple[KnowledgeBase, list[Problem]]:
    """Read all of claims/ and sources/ under root: the knowledge base and every problem found."""
    root = FsPath(root)
    return read_records(root, record_files(root))


def _display(root: FsPath, path: FsPath) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
