"""Record text made safe for generated Markdown: it shows as typed and can never become markup."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

# Characters Python-Markdown (with tables and attr_list) would read as syntax anywhere in a line.
_INLINE = re.compile(r"([\\`*_{}\[\]|])")
# Characters that start a block (heading, list, quote, numbered list) at the start of a line.
_BLOCK_START = re.compile(r"^(\s*)([#>+\-]|\d+(?=[.)]))")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$")


def text(value: Any) -> Markup:
    """Inline Markdown that renders exactly as `value` reads: HTML and Markdown syntax escaped."""
    if isinstance(value, Markup):
        return value
    raw = " ".join(str(value).split())
    escaped = raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    escaped = _INLINE.sub(r"\\\1", escaped)
    escaped = _BLOCK_START.sub(_escape_block_start, escaped)
    return Markup(escaped)


def _escape_block_start(match: re.Match) -> str:
    indent, mark = match.groups()
    return f"{indent}{mark}\\" if mark[0].isdigit() else f"{indent}\\{mark}"


def url(value: str) -> Markup | None:
    """An http(s) address safe to put in a Markdown link target, or None for anything else."""
    if not value or not _SAFE_URL.match(value):
        return None
    return Markup(quote(value, safe=":/?#@!$&'*+,;=%~"))


def link(label: Any, href: str | None) -> Markup:
    """A Markdown link to an external address, or just the escaped label when the address is unsafe."""
    safe = url(href) if href else None
    return Markup(f"[{text(label)}]({safe})") if safe else text(label)


def fence(content: str, lang: str = "text") -> Markup:
    """A fenced code block longer than any backtick run inside, so the content cannot close it early."""
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    marks = "`" * max(3, longest + 1)
    return Markup(f"{marks} {lang}\n{content.rstrip()}\n{marks}")


def json_ld(data: dict) -> Markup:
    """A JSON-LD script element whose content cannot end the element or open a comment."""
    body = json.dumps(data, ensure_ascii=False, indent=2)
    body = body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">\n{body}\n</script>')


def yaml_string(value: Any) -> Markup:
    """A YAML double-quoted scalar for front matter, HTML-escaped because themes insert titles raw."""
    raw = " ".join(str(value).split())
    escaped = raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return Markup(json.dumps(escaped, ensure_ascii=False))
