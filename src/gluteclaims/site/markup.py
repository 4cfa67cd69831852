"""Record text made safe for generated Markdown: it shows as typed and can never become markup."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

# Characters Python-Markdown (with tables and attr_list) would read as syntax anywhere in a line.
_INLINE_CHARS = r"\\`*_{}\[\]|"
_INLINE = re.compile(f"([{_INLINE_CHARS}])")
# Characters that start a block (heading, list, quote, numbered list) at the start of a line.
_BLOCK_START = re.compile(r"^(\s*)([#>+\-]|\d+(?=[.)]))")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$")
# Words of none of those characters nor HTML's, joined by single spaces, are safe as they are (most values are).
_PLAIN_WORD = f'[^&<>"{_INLINE_CHARS}\\s]+'
_NOTHING_TO_ESCAPE = re.compile(f"(?:{_PLAIN_WORD}(?: {_PLAIN_WORD})*)?")


def text(value: Any) -> Markup:
    """Inline Markdown that renders exactly as `value` reads: HTML and Markdown syntax escaped."""
    if isinstance(value, Markup):
        return value
    value = str(value)
    if _NOTHING_TO_ESCAPE.fullmatch(value) and not _BLOCK_START.match(value):
        return Markup(value)
    return escape_text(value)


def escape_text(value: str) -> Markup:
    """`text` without its shortcut for values that need no escaping."""
    raw = " ".join(value.split())
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


def tabs(blocks: Iterable[tuple[str, str, str]]) -> Markup:
    """Tabs of copyable code blocks, one per (label, content, language), as the theme's tab markup.

    Written as raw HTML, which the site engine passes through untouched: as Markdown (a tab and a
    fenced block each) these cost a third of a source page's conversion. Content is HTML-escaped,
    so nothing in it can close the block or become markup.
    """
    blocks = list(blocks)
    inputs = "".join(
        f'<input{" checked" if i == 0 else ""} id="gc-tab-{i}" name="gc-tabs" type="radio">' for i in range(len(blocks))
    )
    labels = "".join(f'<label for="gc-tab-{i}">{escape(label)}</label>' for i, (label, _, _) in enumerate(blocks))
    panels = "".join(
        (
            f'<div class="tabbed-block"><pre class="highlight"><code '
            f'class="language-{escape(lang)}">{escape(content.rstrip())}</code></pre></div>'
        )
        for _, content, lang in blocks
    )
    return Markup(
        f'<div class="tabbed-set tabbed-alternate" data-tabs="1:{len(blocks)}">{inputs}<div '
        f'class="tabbed-labels">{labels}</div><div class="tabbed-content">{panels}</div></div>'
    )


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
