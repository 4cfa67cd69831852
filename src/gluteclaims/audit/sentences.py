"""Prose as sentences: plain text from Markdown or HTML, then sentences with their places.

Not every line is prose: a line marked as a Markdown heading ("## Does sitting switch off your
glutes?") is a heading whatever it says, in Markdown and in pasted plain text alike; so is a short
line with no closing punctuation, not a list item, that a punctuated line follows; and a line laid
out like a bibliography entry is a reference. Both are kept, so line numbers and listings stay
whole, but marked, so the audit does not read them as claims.

site_templates/assets/javascripts/audit.js mirrors every rule here, so the site's "check a text" page
splits pasted text exactly as `gluteclaims audit` does; change both together (a test compares them).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from typing import Literal

TextFormat = Literal["text", "markdown", "html"]
SentenceKind = Literal["prose", "heading", "reference", "link", "date"]

# A hard boundary no sentence crosses: the block-level HTML tags and Markdown blocks become it,
# and it is not a newline, so line numbers in the plain text still match the input's.
BREAK = "\u2029"

ABBREVIATIONS = (
    "al",
    "e.g",
    "i.e",
    "eg",
    "ie",
    "vs",
    "cf",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "st",
    "fig",
    "approx",
    "etc",
    "ca",
)

_SCRIPT = re.compile(r"<(script|style|template|noscript)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|header|footer|pre|hr|dd|dt|figcaption|title)\b[^>]*>",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"<li\b", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_NOT_NEWLINE = re.compile(r"[^\n]")
_LOOKS_HTML = re.compile(r"<(?:p|div|br|li|h[1-6]|html|body|span|a|article|section)\b[^>]*>", re.IGNORECASE)

# A heading line keeps its mark, which the splitter reads and leaves out of the sentence, and is
# closed by a BREAK so that a lower-case line after it does not run on as a wrapped sentence.
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6}[ \t]+[^\n]*)", re.MULTILINE)
_MD_QUOTE = re.compile(r"^ {0,3}>[ \t]?", re.MULTILINE)
_MD_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+", re.MULTILINE)
_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3}|`+)")

# A sentence ends at . ! ? (and any closing quotes or brackets) followed by a space and a capital,
# digit, opening quote or bracket; a line that does not end inside a sentence also ends one.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=[ \t]+[\"'“‘(\[A-Z0-9•])")
# Matched at a sentence's start with .match(text, pos), which anchors it there.
_ITEM_MARK = re.compile(r"(?:[-*+•▪◦–—]|\d{1,3}[.)])[ \t]+")
_HEADING_MARK = re.compile(r"#{1,6}[ \t]+")
# The closing marks of a heading written "## Title ##".
_HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_TRIM = " \t\r\n" + BREAK

# A heading announces a topic: one short line, no closing punctuation, and text after it.
# (A line the splitter sees as a list item is never a heading, so Markdown items keep a marker.)
HEADING_MAX_WORDS = 12
_CLOSED = re.compile(r"[.!?:;…][\"'”’)\]]*$")
# A bibliography entry: a year standing alone after a title or journal ("J Strength Cond Res.
# 2002;16:428"), an APA author list ("Contreras, B., ... (2015). Title"), or a DOI. Only short
# lines count, so a paragraph that cites a DOI is still read.
REFERENCE_MAX_WORDS = 80
# Written with ASCII classes ([0-9], not \d) so that audit.js's copy matches the same text.
_REFERENCE = re.compile(
    r"[.?!][\"'”’]?[ \t]+(?:19|20)[0-9][0-9][a-z]?[.;:]"
    r"|^[A-Z][^\s,]*,[ \t]+(?:[A-Z]\.[ \t]?)+.*\((?:19|20)[0-9][0-9][a-z]?\)\."
    r"|(?<![A-Za-z0-9])(?:doi|DOI)(?::[ \t]*|\.org/)10\.[0-9]{4,}"
)


# A pasted address, or a date line ("Updated March 3, 2024"): neither says anything, whatever words
# the address holds. Written with ASCII classes so audit.js's copy matches the same text.
_URL = re.compile(r"(?:https?://|www\.)[^\s]+|[A-Za-z0-9.-]+\.(?:com|org|net|io|co|uk|gov|edu)(?:/[^\s]*)?")
_DATE_WORDS = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*"
    r"|updated|posted|published|last|modified|reviewed|on|at|am|pm|st|nd|rd|th|[0-9]+",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"[0-9]")
_DATE_FILLER = re.compile(r"[\s,./:|()\-–—]+")


def _line_kind(text: str) -> SentenceKind | None:
    """link for a sentence that is only web addresses, date for one that is only a date; else None."""
    digits = _DIGIT.search(text) is not None
    if not digits and not _URL.search(text):
        return None
    if not _DATE_FILLER.sub("", _URL.sub("", text)):
        return "link"
    rest = _DATE_FILLER.sub(" ", text).split()
    if digits and rest and all(_DATE_WORDS.fullmatch(w) for w in rest):
        return "date"
    return None


@dataclass(frozen=True)
class Sentence:
    """One sentence of the plain text: where it starts and ends, its line, and its words."""

    start: int
    end: int
    line: int
    text: str
    kind: SentenceKind = "prose"


def detect_format(text: str, name: str = "") -> TextFormat:
    """html, markdown or text, from the file name's suffix, else from the content."""
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    if lower.endswith(".txt"):
        return "text"
    return "html" if _LOOKS_HTML.search(text) else "text"


def to_plain(text: str, fmt: TextFormat) -> str:
    """The readable text of a plain, Markdown or HTML document, with its line breaks kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if fmt == "html":
        return _html_to_plain(text)
    if fmt == "markdown":
        return _markdown_to_plain(text)
    return text


def _blank(match: re.Match) -> str:
    return _NOT_NEWLINE.sub("", match.group(0))


def _html_to_plain(text: str) -> str:
    text = _SCRIPT.sub(_blank, text)
    text = _COMMENT.sub(_blank, text)
    text = _BLOCK_TAG.sub(lambda m: _blank(m) + BREAK + ("• " if _LIST_ITEM.match(m.group(0)) else ""), text)
    text = _TAG.sub(_blank, text)
    return html.unescape(text)


def _markdown_to_plain(text: str) -> str:
    text = _html_to_plain(text) if _LOOKS_HTML.search(text) else text
    text = _MD_HEADING.sub(BREAK + r"\1" + BREAK, text)
    text = _MD_QUOTE.sub("", text)
    # Every list item gets the same marker, which the splitter drops, so it is known as an item.
    text = _MD_ITEM.sub(BREAK + "• ", text)
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub("", text)


def _is_abbreviation(plain: str, stop: int) -> bool:
    """True when the full stop at plain[stop] ends an abbreviation or an initial, not a sentence."""
    if plain[stop] != ".":
        return False
    begin = stop
    while begin > 0 and ((plain[begin - 1].isascii() and plain[begin - 1].isalpha()) or plain[begin - 1] == "."):
        begin -= 1
    word = plain[begin:stop]
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _soft_wrap(plain: str, newline: int) -> bool:
    """True when the newline at plain[newline] only wraps a sentence: a lower-case word or a comma
    before it, and a lower-case word after it."""
    before = newline - 1
    while before >= 0 and plain[before] in " \t":
        before -= 1
    after = newline + 1
    while after < len(plain) and plain[after] in " \t":
        after += 1
    if before < 0 or after >= len(plain):
        return False
    return (plain[before].islower() or plain[before] == ",") and plain[after].islower()


def _pieces(plain: str) -> list[tuple[int, int]]:
    """Spans of plain between hard boundaries: BREAK, and newlines that are not soft wraps."""
    spans = []
    start = 0
    for index, char in enumerate(plain):
        if char == BREAK or (char == "\n" and not _soft_wrap(plain, index)):
            spans.append((start, index))
            start = index + 1
    spans.append((start, len(plain)))
    return spans


class _Lines:
    """Line numbers of ascending offsets, counted from the last offset asked for, so a whole text costs one pass."""

    def __init__(self, plain: str) -> None:
        self.plain = plain
        self.offset = 0
        self.line = 1

    def at(self, offset: int) -> int:
        self.line += self.plain.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def split_sentences(plain: str) -> list[Sentence]:
    """The sentences of a plain text, each with its place, its 1-based line number and its kind.

    Linear in the text's length: every rule looks at a bounded stretch around its place.
    """
    found: list[Sentence] = []
    # (first sentence, kind, marked): a marked heading stays one; a candidate only when text follows.
    blocks: list[tuple[int, SentenceKind, bool]] = []
    lines = _Lines(plain)
    for piece_start, piece_end in _pieces(plain):
        first = len(found)
        cut = piece_start
        while cut < piece_end and plain[cut] in _TRIM:
            cut += 1
        mark = _HEADING_MARK.match(plain, cut, piece_end)
        if mark:
            cut = mark.end()
            close = _HEADING_CLOSE.search(plain, cut, piece_end)
            piece_end = close.start() if close else piece_end
        for match in _END.finditer(plain, cut, piece_end):
            if _is_abbreviation(plain, match.start()):
                continue
            _add(found, plain, cut, match.end(), lines)
            cut = match.end()
        _add(found, plain, cut, piece_end, lines)
        if len(found) > first:
            kind = "heading" if mark else _piece_kind(plain, piece_start, found[first:])
            blocks.append((first, kind, bool(mark)))
    # A heading introduces text: a run of short open lines (a list, a table) and the last line are prose.
    for number, (first, kind, marked) in enumerate(blocks):
        following = blocks[number + 1][1] if number + 1 < len(blocks) else "heading"
        if kind == "heading" and following == "heading" and not marked:
            kind = "prose"
        if kind != "prose":
            last = blocks[number + 1][0] if number + 1 < len(blocks) else len(found)
            found[first:last] = [
                replace(sentence, kind=kind) if sentence.kind == "prose" else sentence for sentence in found[first:last]
            ]
    return found


def _piece_kind(plain: str, piece_start: int, sentences: list[Sentence]) -> SentenceKind:
    """What one line (or block) of the text looks like: a reference entry, a heading, or prose.

    A heading here is only a candidate: split_sentences keeps it a heading when text follows.
    """
    text = " ".join(s.text for s in sentences)
    size = len(text.split())
    if size <= REFERENCE_MAX_WORDS and _REFERENCE.search(text):
        return "reference"
    start = piece_start
    while plain[start] in _TRIM:
        start += 1
    if (
        len(sentences) == 1
        and size <= HEADING_MAX_WORDS
        and not _CLOSED.search(text)
        and not _ITEM_MARK.match(plain, start)
    ):
        return "heading"
    return "prose"


def _add(found: list[Sentence], plain: str, start: int, end: int, lines: _Lines) -> None:
    while start < end and plain[start] in _TRIM:
        start += 1
    while end > start and plain[end - 1] in _TRIM:
        end -= 1
    mark = _ITEM_MARK.match(plain, start, end)
    if mark:
        start = mark.end()
    if start >= end or not any(c.isalnum() for c in plain[start:end]):
        return
    text = " ".join(plain[start:end].replace(BREAK, " ").split())
    found.append(Sentence(start, end, lines.at(start), text, _line_kind(text) or "prose"))
