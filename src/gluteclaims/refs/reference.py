"""One reference read from an export, whatever its format, and the clean-up every reader shares."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from gluteclaims.kb.problems import Problem, error

CANNOT_READ = "I001"
NOT_A_SOURCE = "I005"

# How an export marks a citation that failed verification, so the mark survives a round trip.
FAILURE_NOTES = {
    "not-found": "Failed citation: no such study could be found",
    "mis-cited": "Failed citation: the cited details do not match the study",
}

_DOI = re.compile(r"10\.\d{4,9}/\S+")
# shortDOI (https://shortdoi.org): '10/fqd6hj', resolved by doi.org like a full DOI.
_SHORT_DOI = re.compile(r"(?<![\w.])10/[a-z0-9]{3,}\b", re.I)
_PMCID = re.compile(r"\bPMC\d+\b")
_PMID_NOTE = re.compile(r"\bPMID:?\s*(\d{1,9})\b")
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
_URL = re.compile(r"https?://[^\s<>\"{}]+")
# The rich-text tags CSL-JSON (and publishers' RIS) put in titles: <i>, <b>, <sup>, <sub>, <span ...>.
_MARKUP = re.compile(r"</?(?:i|b|em|strong|sup|sub|sc|span|mml:[a-z]+)(?:\s[^<>]*)?>", re.I)


@dataclass(frozen=True)
class Reference:
    """One bibliographic reference read from an export, whatever its format."""

    path: str
    line: int | None
    format: str
    entry_type: str = ""
    key: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    isbn: str | None = None
    url: str | None = None
    publication_types: tuple[str, ...] = field(default=())
    failure: str | None = None
    web_page: bool = False

    @property
    def where(self) -> str:
        """'file:line' of the reference, for messages."""
        return f"{self.path}:{self.line}" if self.line else self.path

    @property
    def named(self) -> str:
        """How a message names the entry: its key, or the start of its title."""
        if self.key:
            return f"'{self.key}'"
        if self.title:
            return f"'{self.title[:50]}'"
        return "the entry"


def organisation(name: str) -> str:
    """An organisation as an author: in braces when it has a comma, as BibTeX writes it, so it stays one name."""
    return f"{{{name}}}" if "," in name else name


def not_a_source(path: str, line: int | None, message: str) -> Problem:
    """An entry that is not a reference to a work the knowledge base records."""
    return error(NOT_A_SOURCE, path, message, line=line)


def cannot_read(path: str, line: int | None, message: str, hint: str | None = None) -> Problem:
    """An entry that could not be read at all."""
    return error(CANNOT_READ, path, message, line=line, hint=hint)


def clean(value: object) -> str | None:
    """The value as one line of text, None when empty."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def strip_markup(text: str) -> str:
    """Rich-text tags out, HTML entities decoded (CSL-JSON's '<i>in vivo</i>' is 'in vivo')."""
    return html.unescape(_MARKUP.sub("", text)) if "<" in text or "&" in text else text


def title(value: object) -> str | None:
    """A title without markup or a final full stop."""
    text = clean(strip_markup(str(value))) if value is not None else None
    if text and text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return text


def pages(value: object) -> str | None:
    """A page range written with one hyphen."""
    text = clean(value)
    return re.sub(r"\s*(?:--|[\u2013\u2014-])\s*", "-", text) if text else None


def doi(value: object) -> str | None:
    """The DOI in a value (a bare DOI or a doi.org address)."""
    match = _DOI.search(clean(value) or "")
    return match.group(0).rstrip(".,;") if match else None


def short_doi_url(value: object) -> str | None:
    """The doi.org address of a shortDOI ('10/fqd6hj'), which the DOI field cannot hold."""
    text = clean(value) or ""
    match = _SHORT_DOI.search(text) if not _DOI.search(text) else None
    return f"https://doi.org/{match.group(0).lower()}" if match else None


def year(value: object) -> int | None:
    """The first plausible year in a date."""
    match = _YEAR.search(clean(value) or "")
    return int(match.group(1)) if match else None


def digits(value: object) -> str | None:
    """A PMID: up to nine digits, nothing else."""
    text = clean(value)
    return text if text and text.isdigit() and len(text) <= 9 else None


def pmcid(value: object) -> str | None:
    """The PMCID in a value."""
    match = _PMCID.search(clean(value) or "")
    return match.group(0) if match else None


def isbn(value: object) -> str | None:
    """The first ISBN-10 or ISBN-13 in a value."""
    text = clean(value) or ""
    match = re.search(r"(?:97[89][- ]?)?\d[\d -]{7,14}[\dXx]", text)
    if not match:
        return None
    found = match.group(0).replace(" ", "-")
    return found if len(re.sub(r"[^0-9Xx]", "", found)) in (10, 13) else None


def url(value: object) -> str | None:
    """A web address, when the value is one."""
    text = clean(value)
    return text if text and re.match(r"^https?://\S+$", text) else None


def url_in(*values: object) -> str | None:
    """The first web address written anywhere in the values (a note, a howpublished)."""
    for value in values:
        match = _URL.search(clean(value) or "")
        if match:
            return match.group(0).rstrip(".,;)")
    return None


def pmid_in_notes(*notes: object) -> str | None:
    """A PMID written in a note ('PMID: 123')."""
    for note in notes:
        match = _PMID_NOTE.search(clean(note) or "")
        if match:
            return match.group(1)
    return None


def failure_in(*notes: object) -> str | None:
    """The failure kind a note marks, when the reference is one of our exported failed citations."""
    for note in notes:
        text = clean(note) or ""
        for kind, mark in FAILURE_NOTES.items():
            if mark in text:
                return kind
    return None
