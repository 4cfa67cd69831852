"""Turn the bytes of one record file into plain data and the line of every key.

The YAML is read as a stream of parser events (libyaml's C parser where available) and built
into dicts and lists here, so that nothing is ever constructed from a tag, aliases cannot
expand, nesting depth is bounded without recursion, and duplicate keys are caught.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from gluteclaims.problems import Problem, error

try:
    _Parser = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - only without libyaml
    _Parser = yaml.SafeLoader

MAX_BYTES = 1_000_000
MAX_DEPTH = 32

Path = tuple
Position = tuple[int, int]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    "!",
}
_resolver = Resolver()
_constructor = SafeConstructor()
_CONVERT = {
    "tag:yaml.org,2002:null": _constructor.construct_yaml_null,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
}


@dataclass
class Parsed:
    """The data of one file (None when it could not be read) and where each value stands."""

    data: Any = None
    positions: dict[Path, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class _Stop(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _line_of_offset(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _scalar(event: yaml.ScalarEvent) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        if event.implicit[0] and tag is None:
            tag = _resolver.resolve(ScalarNode, event.value, event.implicit)
        else:
            return event.value
    convert = _CONVERT.get(tag)
    if convert is None:
        return event.value
    try:
        return convert(ScalarNode(tag, event.value))
    except (ValueError, yaml.YAMLError):
        return event.value


def _pos(mark) -> Position:
    return (mark.line + 1, mark.column + 1)


def _build(text: str, display: str) -> Parsed:
    parsed = Parsed()
    stack: list[list] = []  # frames: [container, path, pending_key, seen_keys]
    documents = 0
    root: Any = None

    def fail(code: str, mark, message: str, hint: Optional[str] = None):
        line, col = _pos(mark)
        raise _Stop(error(code, display, message, line=line, column=col, hint=hint))

    def attach(value: Any, mark) -> Optional[Path]:
        nonlocal root
        if not stack:
            root = value
            return ()
        frame = stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            item_path = path + (len(container),)
            container.append(value)
            parsed.positions[item_path] = _pos(mark)
            return item_path
        key = frame[2]
        frame[2] = _NO_KEY
        container[key] = value
        return path + (key,)

    for event in yaml.parse(text, Loader=_Parser):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.tag is not None and event.tag not in _STANDARD_TAGS:
                fail("E008", event.start_mark, f"tag {_short(event.tag)} is not allowed in a record", "remove the tag; records hold plain text, numbers and lists")
            value = _scalar(event)
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                frame = stack[-1]
                if not isinstance(value, (str, int, float, bool)) and value is not None:
                    fail("E103", event.start_mark, "a mapping key must be plain text")
                seen = frame[3]
                if value in seen:
                    fail("E003", event.start_mark, f"duplicate key {_short(value)} (first at line {seen[value]})", "delete one of the two; YAML would silently keep the last")
                seen[value] = event.start_mark.line + 1
                frame[2] = value
                parsed.positions[frame[1] + (value,)] = _pos(event.start_mark)
            else:
                attach(value, event.start_mark)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.tag is not None and event.tag not in _STANDARD_TAGS:
                fail("E008", event.start_mark, f"tag {_short(event.tag)} is not allowed in a record", "remove the tag")
            if len(stack) >= MAX_DEPTH:
                fail("E009", event.start_mark, f"nesting deeper than {MAX_DEPTH} levels")
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                fail("E103", event.start_mark, "a mapping key must be plain text, not a list or mapping")
            container: Any = {} if kind is yaml.MappingStartEvent else []
            path = attach(container, event.start_mark)
            stack.append([container, path, _NO_KEY, {}])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
        elif kind is yaml.AliasEvent:
            fail("E008", event.start_mark, f"alias *{_short(event.anchor, quote=False)} is not allowed in a record", "write the value out in full")
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                fail("E007", event.start_mark, "more than one YAML document in the file", "one record per file: remove the '---' and split the file")
    parsed.data = root
    return parsed


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()


def _short(value: Any, quote: bool = True, limit: int = 60) -> str:
    """A value safe to print: control characters escaped, long text cut."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    return f"'{text}'" if quote else text


def parse_record(raw: bytes, display: str) -> Parsed:
    """Parse one record file; problems are returned, never raised."""
    if len(raw) > MAX_BYTES:
        return Parsed(problems=[error("E006", display, f"file is {len(raw):,} bytes, more than the {MAX_BYTES:,} a record may have", line=1, hint="a record is one claim or one source; split or shorten it")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = _line_of_offset(raw, exc.start)
        return Parsed(problems=[error("E005", display, f"byte 0x{raw[exc.start]:02x} at offset {exc.start} is not UTF-8", line=line, hint="save the file as UTF-8")])
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return Parsed(problems=[error("E004", display, "file is empty", line=1, hint="write a record, or delete the file")])
    try:
        parsed = _build(text, display)
    except _Stop as stop:
        return Parsed(problems=[stop.problem])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (_pos(mark) if mark else (None, None))
        problem_text = exc.problem or "invalid YAML"
        if "\\t" in problem_text or "\t" in problem_text or (mark is not None and _tab_at(text, mark)):
            return Parsed(problems=[error("E002", display, "tab character used for indentation", line=line, column=col, hint="indent with spaces")])
        if exc.context and exc.context_mark is not None and exc.context_mark.line != getattr(mark, "line", None):
            problem_text += f" ({exc.context} at line {exc.context_mark.line + 1})"
        return Parsed(problems=[error("E001", display, f"invalid YAML: {problem_text}", line=line, column=col)])
    except (yaml.YAMLError, RecursionError, MemoryError) as exc:
        return Parsed(problems=[error("E001", display, f"invalid YAML: {type(exc).__name__}", line=1)])
    if not isinstance(parsed.data, dict):
        found = "nothing" if parsed.data is None else ("a list" if isinstance(parsed.data, list) else "a single value")
        return Parsed(problems=[error("E004", display, f"expected a mapping of fields at the top of the file, found {found}", line=1, hint="start the file with 'id: ...'")])
    return parsed


def _tab_at(text: str, mark) -> bool:
    lines = text.splitlines()
    if mark.line >= len(lines):
        return False
    line = lines[mark.line]
    return "\t" in line[: len(line) - len(line.lstrip())]
