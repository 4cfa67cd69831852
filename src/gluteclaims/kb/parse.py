"""Turn the bytes of one record file into plain data and the line of every key.

The YAML is read as a stream of parser events (libyaml's C parser where available) and built
into dicts and lists here, so that nothing is ever constructed from a tag, aliases cannot
expand, nesting depth is bounded without recursion, and duplicate keys are caught.

This loop is the cost of `check` (libyaml's own loader is slower), so it is written for
speed: one pass, local variables, and positions kept as a flat array of numbers in the order
the keys and items appear; the path of each is worked out from the data only when asked for.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from sys import intern
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from gluteclaims.kb.problems import Problem, error

_Parser: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
try:
    _Parser = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - only without libyaml
    _Parser = yaml.SafeLoader

MAX_BYTES = 1_000_000
MAX_DEPTH = 32
HIDDEN_CHARACTER = "E010"
# Characters that do not show, or that reorder what is shown (Trojan Source), in text people review:
# C0 and C1 controls other than tab and newline, zero-width characters, and bidi overrides and isolates.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]")

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
# A plain scalar can only become something other than text when its first character starts
# a pattern of one of the types above, so every other plain scalar is text without a regex.
# Booleans and nulls are words of at most five letters (false, FALSE, null, yes, ~ ...).
_LONGEST_WORD = 5
_WORD_TAGS = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}
_TYPED = {
    first: {tag for tag, _ in resolvers} & set(_CONVERT)
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
    if first
}
_WORD_STARTS = frozenset(first for first, tags in _TYPED.items() if tags and tags <= _WORD_TAGS)
_NUMBER_STARTS = frozenset(first for first, tags in _TYPED.items() if tags - _WORD_TAGS)
_NO_FAST_TEXT = None in Resolver.yaml_implicit_resolvers


class Positions(Mapping):
    """Line and column of every key and list item, by path, decoded from a flat array on first use.

    `flat` holds 0-based (line, column) pairs in the order the keys and items appear in the
    file, which is the pre-order walk of `data`, since duplicate keys are refused.
    """

    __slots__ = ("_by_path", "data", "flat")

    def __init__(self, data: Any, flat: bytes):
        self.data = data
        self.flat = flat
        self._by_path: dict[Path, Position] | None = None

    def _decoded(self) -> dict[Path, Position]:
        if self._by_path is None:
            numbers = array("I")
            numbers.frombytes(self.flat)
            paths: list[Path] = []
            _walk(self.data, (), paths.append)
            pairs = iter(numbers)
            self._by_path = {
                path: (line + 1, column + 1) for path, line, column in zip(paths, pairs, pairs, strict=False)
            }
        return self._by_path

    def __getitem__(self, path: Path) -> Position:
        return self._decoded()[path]

    def __contains__(self, path: object) -> bool:
        return path in self._decoded()

    def __iter__(self) -> Iterator[Path]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return len(self._decoded())

    def __repr__(self) -> str:
        return f"Positions({self._decoded()!r})"


def _walk(value: Any, path: Path, visit) -> None:
    """Visit the path of every key and list item under value, in the order they were written."""
    # Depth is bounded by MAX_DEPTH, so recursion is safe here.
    if type(value) is dict:
        for key, child in value.items():
            inner = (*path, key)
            visit(inner)
            _walk(child, inner, visit)
    elif type(value) is list:
        for index, child in enumerate(value):
            inner = (*path, index)
            visit(inner)
            _walk(child, inner, visit)


@dataclass
class Parsed:
    """The data of one file (None when it could not be read), where each value stands, and what is wrong.

    `problems` stopped the reading; `hidden` did not (hidden characters in values): the data is
    complete, so it can still be validated, but the record is not usable.
    """

    data: Any = None
    positions: Positions | Mapping[Path, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    hidden: list[Problem] = field(default_factory=list)


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


def _fail(display: str, code: str, mark, message: str, hint: str | None = None):
    line, col = _pos(mark)
    raise _Stop(error(code, display, message, line=line, column=col, hint=hint))


def _hidden_problem(text: str, display: str, event: Any, where: str) -> Problem:
    """E010 at the first hidden character of a scalar, located in the text when written there (not escaped)."""
    found = _HIDDEN.search(event.value)
    assert found is not None  # only called for a value that has one
    char = found.group()
    start = event.start_mark
    at = text.find(char, start.index, event.end_mark.index)
    if at < 0:
        line, column = start.line + 1, start.column + 1
    else:
        line, column = start.line + 1 + text.count("\n", start.index, at), at - text.rfind("\n", 0, at)
    name = unicodedata.name(char, "a control character")
    return error(
        HIDDEN_CHARACTER,
        display,
        f"hidden character U+{ord(char):04X} ({name}) in {where}",
        line=line,
        column=column,
        hint="delete it: it does not show, yet it changes how the text is displayed, searched and compared",
    )


def _build(text: str, display: str) -> Parsed:
    """Build the data from parser events; the first problem stops the build, but hidden characters are all collected."""
    ScalarEvent, MappingStartEvent, SequenceStartEvent = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    MappingEndEvent, SequenceEndEvent, StreamEndEvent = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.StreamEndEvent
    number_starts, word_starts, longest_word, no_fast_text, no_key = (
        _NUMBER_STARTS,
        _WORD_STARTS,
        _LONGEST_WORD,
        _NO_FAST_TEXT,
        _NO_KEY,
    )
    flat: list[int] = []
    record = flat.extend
    # The open container and its state live in locals; `parents` holds the enclosing ones.
    parents: list[tuple] = []
    container: Any = None  # None until the root value starts
    is_map = False
    key: Any = no_key  # the key waiting for its value, in a mapping
    seen: dict = {}  # key -> line of the keys of the open mapping, for duplicate messages
    documents = 0
    root: Any = None
    # Most files hold no hidden character, raw or as an escape, and skip the per-value check. YAML
    # refuses raw control characters and turns raw line breaks into newlines, so ASCII text can
    # only hide one behind a backslash escape.
    may_hide = "\\" in text or (not text.isascii() and _HIDDEN.search(text) is not None)
    hidden: list[Problem] = []
    get_event = _Parser(text).get_event
    while True:
        # PyYAML's events carry their fields by kind; the checks below dispatch on the kind.
        event: Any = get_event()
        kind = type(event)
        if kind is ScalarEvent:
            tag = event.tag
            value = event.value
            if tag is None:
                if event.implicit[0] and (
                    no_fast_text
                    or not value
                    or value[0] in number_starts
                    or (value[0] in word_starts and len(value) <= longest_word)
                ):
                    value = _scalar(event)
            elif tag in _STANDARD_TAGS:
                value = _scalar(event)
            else:
                _fail(
                    display,
                    "E008",
                    event.start_mark,
                    f"tag {printable(tag)} is not allowed in a record",
                    "remove the tag; records hold plain text, numbers and lists",
                )
            if may_hide and type(value) is str and _HIDDEN.search(value):
                where = (
                    (f"the key {printable(value)}" if key is no_key else f"the value of {printable(key)}")
                    if is_map
                    else "a list item"
                )
                hidden.append(_hidden_problem(text, display, event, where))
            if is_map:
                if key is no_key:
                    mark = event.start_mark
                    if value in seen:
                        _fail(
                            display,
                            "E003",
                            mark,
                            f"duplicate key {printable(value)} (first at line {seen[value]})",
                            "delete one of the two; YAML would silently keep the last",
                        )
                    seen[value] = mark.line + 1
                    # Every record repeats the same few keys: one shared string each saves memory.
                    key = intern(value) if type(value) is str else value
                    record((mark.line, mark.column))
                else:
                    container[key] = value
                    key = no_key
            elif container is not None:
                mark = event.start_mark
                record((mark.line, mark.column))
                container.append(value)
            else:
                root = value
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            mark = event.start_mark
            if event.tag is not None and event.tag not in _STANDARD_TAGS:
                _fail(display, "E008", mark, f"tag {printable(event.tag)} is not allowed in a record", "remove the tag")
            if len(parents) >= MAX_DEPTH - 1 and container is not None:
                _fail(display, "E009", mark, f"nesting deeper than {MAX_DEPTH} levels")
            if is_map and key is no_key:
                _fail(display, "E103", mark, "a mapping key must be plain text, not a list or mapping")
            child: Any = {} if kind is MappingStartEvent else []
            if is_map:
                container[key] = child
            elif container is not None:
                record((mark.line, mark.column))
                container.append(child)
            else:
                root = child
            if container is not None:
                parents.append((container, is_map, seen))
            container, is_map, key, seen = child, kind is MappingStartEvent, no_key, {}
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            if parents:
                container, is_map, seen = parents.pop()
            else:
                container, is_map, seen = None, False, {}
            key = no_key
        elif kind is yaml.AliasEvent:
            _fail(
                display,
                "E008",
                event.start_mark,
                f"alias *{printable(event.anchor, quote=False)} is not allowed in a record",
                "write the value out in full",
            )
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                _fail(
                    display,
                    "E007",
                    event.start_mark,
                    "more than one YAML document in the file",
                    "one record per file: remove the '---' and split the file",
                )
        elif kind is StreamEndEvent or event is None:
            break
    return Parsed(data=root, positions=Positions(root, array("I", flat).tobytes()), hidden=hidden)


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()


def printable(value: Any, quote: bool = True, limit: int = 60) -> str:
    """A value safe to print in a one-line message: control characters escaped, long text cut."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    return f"'{text}'" if quote else text


_YAML_SPACE = " \t\r\n"
# libyaml (0.2.5 and later) stops deep input itself, before our own depth check sees it.
_LIBYAML_DEPTH = re.compile(r"\b(?:max|maximum) (?:nesting )?depth\b")


def parse_record(raw: bytes, display: str) -> Parsed:
    """Parse one record file; problems are returned, never raised."""
    if len(raw) > MAX_BYTES:
        return Parsed(
            problems=[
                error(
                    "E006",
                    display,
                    f"file is {len(raw):,} bytes, more than the {MAX_BYTES:,} a record may have",
                    line=1,
                    hint="a record is one claim or one source; split or shorten it",
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = _line_of_offset(raw, exc.start)
        return Parsed(
            problems=[
                error(
                    "E005",
                    display,
                    f"byte 0x{raw[exc.start]:02x} at offset {exc.start} is not UTF-8",
                    line=bad_line,
                    hint="save the file as UTF-8",
                )
            ]
        )
    # YAML's white space is spaces, tabs and line breaks only: Python's strip() would also eat a
    # no-break space, which can start a key ("\u00a0#: x" is a record, not a comment).
    if all(not ln.strip(_YAML_SPACE) or ln.lstrip(_YAML_SPACE).startswith("#") for ln in text.splitlines()):
        return Parsed(
            problems=[error("E004", display, "file is empty", line=1, hint="write a record, or delete the file")]
        )
    try:
        parsed = _build(text, display)
    except _Stop as stop:
        return Parsed(problems=[stop.problem])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line: int | None = None
        col: int | None = None
        if mark:
            line, col = _pos(mark)
        problem_text = exc.problem or "invalid YAML"
        if _LIBYAML_DEPTH.search(problem_text):
            return Parsed(
                problems=[error("E009", display, f"nesting deeper than {MAX_DEPTH} levels", line=line, column=col)]
            )
        if "\\t" in problem_text or "\t" in problem_text or (mark is not None and _tab_at(text, mark)):
            return Parsed(
                problems=[
                    error(
                        "E002",
                        display,
                        "tab character used for indentation",
                        line=line,
                        column=col,
                        hint="indent with spaces",
                    )
                ]
            )
        if exc.context and exc.context_mark is not None and exc.context_mark.line != getattr(mark, "line", None):
            problem_text += f" ({exc.context} at line {exc.context_mark.line + 1})"
        return Parsed(problems=[error("E001", display, f"invalid YAML: {problem_text}", line=line, column=col)])
    except (yaml.YAMLError, RecursionError, MemoryError) as exc:
        return Parsed(problems=[error("E001", display, f"invalid YAML: {type(exc).__name__}", line=1)])
    if not isinstance(parsed.data, dict):
        found = "nothing" if parsed.data is None else ("a list" if isinstance(parsed.data, list) else "a single value")
        return Parsed(
            problems=[
                error(
                    "E004",
                    display,
                    f"expected a mapping of fields at the top of the file, found {found}",
                    line=1,
                    hint="start the file with 'id: ...'",
                )
            ]
        )
    return parsed


def _tab_at(text: str, mark) -> bool:
    lines = text.splitlines()
    if mark.line >= len(lines):
        return False
    line = lines[mark.line]
    return "\t" in line[: len(line) - len(line.lstrip())]
