"""Record files as text for people to finish: every field explained by its model description."""

from __future__ import annotations

import functools
import re
import textwrap
import types
import typing
from collections.abc import Collection
from typing import Any, Literal, get_args, get_origin

import yaml
from pydantic.fields import FieldInfo

from gluteclaims.kb.models import RECORD_TYPES, Record
from gluteclaims.kb.schema import SCHEMA_DIR

COMMENT_WIDTH = 100


def schema_hint(kind: str) -> str:
    """The first line of a record file: tells YAML editors which JSON Schema to validate against."""
    return f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{kind[:-1]}.schema.json"


def _unwrap(annotation: Any) -> Any:
    if get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _record_model(annotation: Any) -> type[Record] | None:
    annotation = _unwrap(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, Record) else None


def _list_item(annotation: Any) -> Any | None:
    annotation = _unwrap(annotation)
    return get_args(annotation)[0] if get_origin(annotation) is list else None


def _choices(annotation: Any) -> tuple[str, ...]:
    annotation = _unwrap(annotation)
    item = _list_item(annotation)
    target = item if item is not None else annotation
    return get_args(target) if get_origin(target) is Literal else ()


_Dumper: type[yaml.SafeDumper] | type[yaml.CSafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def scalar(value: Any) -> str:
    """One YAML scalar, quoted only where YAML needs it (so '31' stays a string)."""
    # libyaml's emitter when present: the same text as PyYAML's own, in half the time of an import.
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=10**9, default_flow_style=True)
    if text.startswith("'"):
        # The records are written with double quotes where quotes are needed.
        text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=10**9, default_style='"')
    return text.removesuffix("\n...\n").removesuffix("\n")


@functools.lru_cache(maxsize=512)
def _explained(model: type[Record], name: str, indent: str) -> tuple[str, ...]:
    """A field's description as comment lines, wrapped once: it is the same in every record an import writes."""
    info = model.model_fields[name]
    return tuple(_comment(info, info.annotation, indent))


@functools.lru_cache(maxsize=512)
def _template(model: type[Record], name: str, indent: str) -> tuple[str, ...]:
    """How to fill an empty field: its description, then its lines (commented out unless required)."""
    info = model.model_fields[name]
    field_lines = _template_lines(name, info.annotation, indent)
    # A required field is left empty, not commented out, so `check` points at it until it is filled.
    return (
        *_comment(info, info.annotation, indent),
        *(field_lines if info.is_required() else _comment_out(field_lines)),
    )


def _comment(info: FieldInfo, annotation: Any, indent: str) -> list[str]:
    text = info.description or ""
    choices = _choices(annotation)
    if choices:
        text += f" One of: {', '.join(choices)}."
    if info.is_required():
        text = "Required. " + text
    prefix = f"{indent}# "
    return textwrap.wrap(
        text,
        COMMENT_WIDTH,
        initial_indent=prefix,
        subsequent_indent=prefix,
        break_on_hyphens=False,
        break_long_words=False,
    )


def _nested(template: bool | Collection[str], name: str) -> Collection[str]:
    """The part of a template selection that applies inside field `name` ('verification.checked' gives 'checked')."""
    if isinstance(template, bool):
        return ()
    return {t.split(".", 1)[1] for t in template if t.startswith(f"{name}.")}


def _value_lines(name: str, annotation: Any, value: Any, indent: str, template: Collection[str] = ()) -> list[str]:
    model = _record_model(annotation)
    item = _list_item(annotation)
    if model is not None and isinstance(value, dict):
        return [f"{indent}{name}:", *_fields(model, value, indent + "  ", explain=False, template=template)]
    if item is not None and isinstance(value, list):
        item_model = _record_model(item)
        if (
            item_model is None
            and all(isinstance(v, str) and re.fullmatch(r"[\w.-]+", v) for v in value)
            and len(", ".join(value)) < 80
        ):
            return [f"{indent}{name}: [{', '.join(scalar(v) for v in value)}]"]
        lines = [f"{indent}{name}:"]
        for entry in value:
            if item_model is not None and isinstance(entry, dict):
                inner = _fields(item_model, entry, indent + "    ", explain=False, template=False)
                lines += [f"{indent}  - {inner[0].lstrip()}", *inner[1:]] if inner else [f"{indent}  - {{}}"]
            else:
                lines.append(f"{indent}  - {scalar(entry)}")
        return lines
    return [f"{indent}{name}: {scalar(value)}"]


def _template_lines(name: str, annotation: Any, indent: str) -> list[str]:
    """Lines that show how to fill a field, commented out with the descriptions of its parts."""
    model = _record_model(annotation)
    item = _list_item(annotation)
    if model is not None:
        return [f"{indent}{name}:", *_fields(model, {}, indent + "  ", explain=True, template=True)]
    if item is not None:
        item_model = _record_model(item)
        if item_model is not None:
            inner = _fields(item_model, {}, indent + "    ", explain=True, template=True)
            first = next(i for i, line in enumerate(inner) if not line.lstrip().startswith("#"))
            lead = [f"{indent}  {line.lstrip()}" for line in inner[:first]]
            return [f"{indent}{name}:", *lead, f"{indent}  - {inner[first].lstrip()}", *inner[first + 1 :]]
        example = "[]" if _choices(annotation) else ""
        return [f"{indent}{name}: {example}".rstrip()] if example else [f"{indent}{name}:", f"{indent}  -"]
    return [f"{indent}{name}:"]


def _comment_out(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        out.append(line if stripped.startswith("#") else f"{indent}# {stripped}")
    return out


def _fields(
    model: type[Record],
    values: dict,
    indent: str,
    *,
    explain: bool,
    template: bool | Collection[str],
    remarks: dict[str, str] | None = None,
) -> list[str]:
    lines: list[str] = []
    for name, info in model.model_fields.items():
        value = values.get(name)
        filled = value not in (None, [], {})
        if remarks and name in remarks:
            prefix = f"{indent}# "
            lines += textwrap.wrap(
                remarks[name],
                COMMENT_WIDTH,
                initial_indent=prefix,
                subsequent_indent=prefix,
                break_on_hyphens=False,
                break_long_words=False,
            )
        if filled:
            if explain:
                lines += _explained(model, name, indent)
            lines += _value_lines(name, info.annotation, value, indent, _nested(template, name))
        elif template is True or (template and name in template):
            lines += _template(model, name, indent)
    return lines


def record_text(
    kind: str,
    values: dict,
    *,
    explain: bool,
    template: bool | Collection[str],
    remarks: dict[str, str] | None = None,
) -> str:
    """A record file: the schema hint, then the given values in model order.

    With `explain`, each written field has its description above it; with `template` (True, or
    the names of the fields to show, dotted for nested ones), fields without a value are shown too, commented
    out, so a person can fill them in. `remarks` are
    comments put above top-level fields, e.g. to say a value was guessed.
    """
    model = RECORD_TYPES[kind]
    return (
        "\n".join([schema_hint(kind), *_fields(model, values, "", explain=explain, template=template, remarks=remarks)])
        + "\n"
    )


def scaffold(kind: str, record_id: str) -> str:
    """A new, empty record of kind 'claims' or 'sources', every field explained; `check` fails until it is filled."""
    return record_text(kind, {"id": record_id}, explain=True, template=True)
