"""Read every record file under a knowledge-base root, reporting problems instead of raising.

Parsing YAML is most of the cost of `check`, so files are parsed in worker processes when
there are many (one per core), results come back marshalled, and the garbage collector is
paused while the records are built (it would otherwise walk every record again and again).
"""

from __future__ import annotations

import gc
import marshal
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path as FsPath
from typing import Any, NamedTuple

from pydantic import ValidationError
from rapidfuzz import process

from gluteclaims.kb import forked
from gluteclaims.kb.knowledge import KnowledgeBase, Origin
from gluteclaims.kb.models import RECORD_TYPES, Claim, Record, Source
from gluteclaims.kb.parse import Parsed, Positions, parse_record, printable
from gluteclaims.kb.problems import Problem, error, warning

DUPLICATE_ID = "E203"  # the one problem `assemble` adds to the files' own
NOT_READ = "W001"


def is_record_name(name: str) -> bool:
    """A file name under claims/ or sources/ that holds a record (hidden files, such as editors' backups, do not)."""
    return name.endswith((".yaml", ".yml")) and not name.startswith(".")


def record_files(root: FsPath) -> list[tuple[str, FsPath]]:
    """(kind, path) for every record file under root, in a stable order."""
    return scan(root)[0]


def scan(root: FsPath) -> tuple[list[tuple[str, FsPath]], list[Problem]]:
    """Every record file under root, as `record_files`, and a warning for each other entry in claims/ or sources/."""
    found: list[tuple[str, FsPath]] = []
    unread: list[Problem] = []
    for kind in RECORD_TYPES:
        folder = root / kind
        if not folder.is_dir():
            continue
        with os.scandir(folder) as entries:
            listed = sorted((e.name, e.is_dir()) for e in entries if not e.name.startswith("."))
        for name, is_dir in listed:
            if is_dir:
                unread.append(
                    _not_read(kind, name, "folder", f"move its records up into {kind}/, or the folder out of {kind}/")
                )
            elif is_record_name(name):
                found.append((kind, folder / name))
            else:
                stem, dot, suffix = name.rpartition(".")
                fix = (
                    f"rename it to {stem}.yaml"
                    if dot and stem and suffix.lower() in ("yaml", "yml")
                    else f"move it out of {kind}/"
                )
                unread.append(_not_read(kind, name, "file", fix))
    return found, unread


def _not_read(kind: str, name: str, what: str, hint: str) -> Problem:
    # Anything in these folders was most likely meant as a record, so it is named rather than skipped.
    return warning(
        NOT_READ,
        f"{kind}/{printable(name, quote=False)}",
        f"{what} not read: record files are NAME.yaml directly in {kind}/",
        hint=hint,
    )


def validate(kind: str, data: dict, origin: Origin) -> tuple[Claim | Source | None, list[Problem]]:
    """Validate parsed data against the model for `kind`; pydantic errors become located problems."""
    model = RECORD_TYPES[kind]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        record_id = data.get("id") if isinstance(data.get("id"), str) else None
        return None, [_problem(err, model, origin, record_id) for err in exc.errors(include_url=False)]


def _problem(err: Any, model: type[Record], origin: Origin, record_id: str | None) -> Problem:
    loc = tuple(err["loc"])
    dotted = ".".join(str(part) for part in loc) or "(record)"
    line, column = origin.line_of(loc)
    kind = err["type"]
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        guess = process.extractOne(str(loc[-1]), allowed, score_cutoff=60) if allowed else None
        hint = f"did you mean '{guess[0]}'?" if guess else (f"allowed: {', '.join(allowed)}" if allowed else None)
        return error(
            "E101",
            origin.path,
            f"unknown field {printable(dotted)}",
            line=line,
            column=column,
            record=record_id,
            hint=hint,
        )
    if kind == "missing":
        return error(
            "E102",
            origin.path,
            f"missing required field {printable(dotted)}",
            line=line,
            column=column,
            record=record_id,
        )
    # A validator's own sentence, without pydantic's "Value error, " in front of it.
    message = str(err["ctx"]["error"]) if kind == "value_error" and "error" in err.get("ctx", {}) else err["msg"]
    if "input" in err and not isinstance(err["input"], (dict, list)):
        message += f", got {printable(err['input'])}"
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


def _model_in(annotation) -> type[Record] | None:
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


class RecordFile(NamedTuple):
    """What one file gave: its record (None if it did not parse or validate), where it came from, and its problems."""

    kind: str
    stem: str
    display: str
    record: Claim | Source | None
    origin: Origin | None
    problems: list[Problem]


def read_record_files(root: FsPath, files: Iterable[tuple[str, FsPath]]) -> Iterator[RecordFile]:
    """Parse and validate each of the given files, in order."""
    for kind, path, display, parsed in _parse_files(root, list(files)):
        stem = path.name.rsplit(".", 1)[0]
        if parsed.problems:
            yield RecordFile(kind, stem, display, None, None, parsed.problems)
            continue
        origin = Origin(display, parsed.positions)
        record, found = _validate_parsed(kind, parsed, origin)
        yield RecordFile(kind, stem, display, record, origin, found)


def _validate_parsed(kind: str, parsed: Parsed, origin: Origin) -> tuple[Claim | Source | None, list[Problem]]:
    """Validate what a file gave; a record with hidden characters is reported in full, but not kept."""
    record, found = validate(kind, parsed.data, origin)
    if parsed.hidden:
        return None, parsed.hidden + found
    return record, found


def assemble(files: Iterable[RecordFile]) -> tuple[KnowledgeBase, list[Problem]]:
    """A knowledge base of the files' records, in order: a file whose id an earlier file took is an error."""
    kb = KnowledgeBase()
    problems: list[Problem] = []
    for kind, stem, display, record, origin, found in files:
        problems.extend(found)
        if record is None or origin is None:
            kb.broken[kind].add(stem)
            continue
        key = (kind, record.id)
        if key in kb.origins:
            line, column = origin.line_of(("id",))
            problems.append(
                error(
                    DUPLICATE_ID,
                    display,
                    f"id '{record.id}' is already used by {kb.origins[key].path}",
                    line=line,
                    column=column,
                    record=record.id,
                    hint="ids must be unique: rename one record and its file",
                )
            )
            continue
        getattr(kb, kind)[record.id] = record
        kb.origins[key] = origin
    return kb, problems


def read_records(root: FsPath, files: Iterable[tuple[str, FsPath]]) -> tuple[KnowledgeBase, list[Problem]]:
    """Parse and validate the given files into a knowledge base."""
    with _gc_paused():
        return assemble(read_record_files(root, files))


PARALLEL_MIN_FILES = 2_000  # below this, starting worker processes costs more than it saves
_CHUNKS_PER_WORKER = 8  # small enough that validating one chunk overlaps parsing the next

# What reading one file gave: ("unreadable", why), ("parsed", data, flat positions, hidden problems as
# tuples) or ("failed", problems as tuples).
Outcome = tuple


def _read_and_parse(path: str, display: str) -> Outcome:
    """Read and parse one file."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        return ("unreadable", exc.strerror or str(exc))
    parsed = parse_record(raw, display)
    if parsed.problems:
        return ("failed", [_problem_tuple(p) for p in parsed.problems])
    assert isinstance(parsed.positions, Positions)  # a parse without problems always locates its values
    return ("parsed", parsed.data, parsed.positions.flat, [_problem_tuple(p) for p in parsed.hidden])


def _problem_tuple(problem: Problem) -> tuple:
    return (
        problem.code,
        problem.level,
        problem.path,
        problem.line,
        problem.column,
        problem.record,
        problem.message,
        problem.hint,
    )


def _parse_files(root: FsPath, files: list[tuple[str, FsPath]]) -> Iterator[tuple[str, FsPath, str, Parsed]]:
    """Each file with its parse, in order, from worker processes or this process."""
    jobs = _jobs(root, files)
    outcomes: Iterable[Outcome] = (
        _in_workers(jobs) if _use_workers(len(jobs)) else (_read_and_parse(path, display) for path, display in jobs)
    )
    for (kind, path), (_, display), outcome in zip(files, jobs, outcomes, strict=False):
        status = outcome[0]
        if status == "unreadable":
            yield kind, path, display, Parsed(problems=[error("E001", display, f"cannot read the file: {outcome[1]}")])
        elif status == "failed":
            yield kind, path, display, Parsed(problems=[Problem(*fields) for fields in outcome[1]])
        else:
            data, flat, hidden = outcome[1:]
            yield (
                kind,
                path,
                display,
                Parsed(data=data, positions=Positions(data, flat), hidden=[Problem(*fields) for fields in hidden]),
            )


def _jobs(root: FsPath, files: list[tuple[str, FsPath]]) -> list[tuple[str, str]]:
    """(path, display path) of each file."""
    prefix = str(root) + os.sep
    return [(str(path), display_path(root, str(path), prefix)) for _, path in files]


def display_path(root: FsPath, path: str, prefix: str | None = None) -> str:
    """How problems name the file at `path`: relative to root, with forward slashes.

    String work, since pathlib's relative_to is slow in bulk; pass `prefix` (root and a
    separator) when naming many files.
    """
    prefix = prefix or str(root) + os.sep
    return path[len(prefix) :].replace(os.sep, "/") if path.startswith(prefix) else _display(root, FsPath(path))


def _use_workers(count: int) -> bool:
    """Worker processes pay off for many files, on more than one core, where fork is safe."""
    return count >= PARALLEL_MIN_FILES and _cores() > 1 and forked.fork_is_safe()


_cores = forked.cores


def _in_workers(jobs: list[tuple[str, str]]) -> Iterator[Outcome]:
    """Outcomes of all jobs, in order, from one forked worker per core (forked.Forked).

    If the workers cannot start or one dies, the rest is parsed in this process.
    """
    workers = _cores()
    shared = forked.Forked(_parse_chunk, forked.chunked(jobs, workers * _CHUNKS_PER_WORKER), workers)
    blob: bytes
    for blob in shared.results():
        yield from marshal.loads(blob)


def _parse_chunk(chunk: Sequence[tuple[str, str]]) -> bytes:
    """In a worker: the outcomes of a chunk of files, marshalled, which is quicker to pass back than pickles."""
    return marshal.dumps([_read_and_parse(path, display) for path, display in chunk])


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while records are built, then leave them out of its future sweeps.

    Records hold no reference cycles, so reference counting frees them; tracing them is pure
    cost: with the collector running, loading takes three times as long, and every later full
    collection walks the whole knowledge base again. Freezing moves what exists now out of
    the collector's reach (it is still freed when dropped); the collector resumes for new objects.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def load_one(kind: str, raw: bytes, display: str) -> RecordFile:
    """Parse and validate one file's bytes."""
    stem = display.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    parsed = parse_record(raw, display)
    if parsed.problems:
        return RecordFile(kind, stem, display, None, None, parsed.problems)
    origin = Origin(display, parsed.positions)
    record, problems = _validate_parsed(kind, parsed, origin)
    return RecordFile(kind, stem, display, record, origin, problems)


def load_knowledge_base(root: FsPath | str) -> tuple[KnowledgeBase, list[Problem]]:
    """Read all of claims/ and sources/ under root: the knowledge base and every problem found."""
    root = FsPath(root)
    files, unread = scan(root)
    kb, problems = read_records(root, files)
    return kb, unread + problems


def _display(root: FsPath, path: FsPath) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
