"""Read reference exports (BibTeX, RIS, CSL-JSON, PubMed MEDLINE/nbib) into one neutral value.

BibTeX is read with bibtexparser (nested braces, @string macros, comments, von/jr name parts
and broken entries with their line numbers are easy to get wrong by hand) and its LaTeX with
pylatexenc; RIS and MEDLINE are simple tagged lines and CSL-JSON is JSON, so those are read here.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser import middlewares
from pylatexenc.latex2text import LatexNodes2Text

from gluteclaims.kb.names import Name, parse_person, stored
from gluteclaims.kb.problems import Problem, error

FORMATS = ("bibtex", "ris", "csl-json", "medline")
CANNOT_READ = "I001"

# bibtexparser reports broken blocks through logging as well as in its result; we report them ourselves.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

_DOI = re.compile(r"10\.\d{4,9}/\S+")
_PMCID = re.compile(r"\bPMC\d+\b")
_PMID_NOTE = re.compile(r"\bPMID:?\s*(\d{1,9})\b")
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")


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

    @property
    def where(self) -> str:
        """'file:line' of the reference, for messages."""
        return f"{self.path}:{self.line}" if self.line else self.path


def detect_format(text: str) -> str | None:
    """Which export format the text is in, judged by its content; None when it is none of them."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith(("[", "{")):
        return "csl-json"
    if re.search(r"^PMID- ", text, re.M):
        return "medline"
    if re.search(r"^TY  - ", text, re.M):
        return "ris"
    if re.search(r"^\s*@\w+\s*[{(]", text, re.M):
        return "bibtex"
    return None


def read_references(text: str, path: str, fmt: str | None = None) -> tuple[list[Reference], list[Problem]]:
    """Every reference in an export, and a located problem for each entry that could not be read."""
    fmt = fmt or detect_format(text)
    if fmt is None:
        return [], [
            error(
                CANNOT_READ,
                path,
                "not a BibTeX, RIS, CSL-JSON or PubMed MEDLINE (nbib) export",
                line=1,
                hint="export the references again, or pass --format",
            )
        ]
    readers: dict[str, Callable[[str, str], tuple[list[Reference], list[Problem]]]] = {
        "bibtex": read_bibtex,
        "ris": read_ris,
        "csl-json": read_csl_json,
        "medline": read_medline,
    }
    return readers[fmt](text.lstrip("\ufeff"), path)


# Shared clean-up


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _title(value: object) -> str | None:
    text = _clean(value)
    if text and text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return text


def _pages(value: object) -> str | None:
    text = _clean(value)
    return re.sub(r"\s*(?:--|[\u2013\u2014-])\s*", "-", text) if text else None


def _doi(value: object) -> str | None:
    match = _DOI.search(_clean(value) or "")
    return match.group(0).rstrip(".,;") if match else None


def _year(value: object) -> int | None:
    match = _YEAR.search(_clean(value) or "")
    return int(match.group(1)) if match else None


def _digits(value: object) -> str | None:
    text = _clean(value)
    return text if text and text.isdigit() and len(text) <= 9 else None


def _pmcid(value: object) -> str | None:
    match = _PMCID.search(_clean(value) or "")
    return match.group(0) if match else None


def _isbn(value: object) -> str | None:
    text = _clean(value) or ""
    match = re.search(r"(?:97[89][- ]?)?\d[\d -]{7,14}[\dXx]", text)
    if not match:
        return None
    isbn = match.group(0).replace(" ", "-")
    return isbn if len(re.sub(r"[^0-9Xx]", "", isbn)) in (10, 13) else None


def _url(value: object) -> str | None:
    text = _clean(value)
    return text if text and re.match(r"^https?://\S+$", text) else None


def _pmid_in_notes(*notes: object) -> str | None:
    for note in notes:
        match = _PMID_NOTE.search(_clean(note) or "")
        if match:
            return match.group(1)
    return None


# BibTeX

_LATEX = LatexNodes2Text(math_mode="text", strict_latex_spaces=True)
_BIBTEX_VENUE = (
    "journal",
    "journaltitle",
    "booktitle",
    "publisher",
    "school",
    "institution",
    "organization",
    "howpublished",
)


def _latex_text(value: str) -> str:
    try:
        return _LATEX.latex_to_text(value)
    except Exception:  # pylatexenc gives up on malformed LaTeX: keep the raw text rather than lose the field
        return value


def _bibtex_name(parts: middlewares.NameParts) -> str:
    family = _latex_text(" ".join([*parts.von, *parts.last]))
    given = _latex_text(" ".join(parts.first))
    if parts.jr:
        given = f"{given}, {_latex_text(' '.join(parts.jr))}" if given else _latex_text(" ".join(parts.jr))
    return stored(Name(family=family, given=given)) if given else stored(Name(literal=family))


def read_bibtex(text: str, path: str) -> tuple[list[Reference], list[Problem]]:
    """Entries of a BibTeX or biblatex file."""
    library = bibtexparser.parse_string(
        text, append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()]
    )
    problems = [
        error(
            CANNOT_READ,
            path,
            "this BibTeX entry could not be read (unbalanced braces or quotes?)",
            line=block.start_line + 1,
        )
        for block in library.failed_blocks
    ]
    references = []
    for entry in library.entries:
        fields = {f.key.lower(): f.value for f in entry.fields}
        plain = {k: _latex_text(v) for k, v in fields.items() if isinstance(v, str)}
        authors = tuple(_bibtex_name(p) for p in fields.get("author", []) if isinstance(p, middlewares.NameParts))
        eprint_pmid = plain.get("eprint") if plain.get("eprinttype", "").lower() == "pubmed" else None
        references.append(
            Reference(
                path=path,
                line=entry.start_line + 1,
                format="bibtex",
                entry_type=entry.entry_type.lower(),
                key=entry.key,
                title=_title(plain.get("title")),
                authors=authors,
                year=_year(plain.get("year") or plain.get("date")),
                venue=_clean(next((plain[k] for k in _BIBTEX_VENUE if plain.get(k)), None)),
                volume=_clean(plain.get("volume")),
                issue=_clean(plain.get("number") or plain.get("issue")),
                pages=_pages(plain.get("pages")),
                doi=_doi(fields.get("doi")),
                pmid=_digits(fields.get("pmid"))
                or _digits(eprint_pmid)
                or _pmid_in_notes(plain.get("note"), plain.get("annote"), plain.get("extra")),
                pmcid=_pmcid(fields.get("pmcid")),
                isbn=_isbn(plain.get("isbn")),
                url=_url(fields.get("url")),
            )
        )
    return references, problems


# RIS and MEDLINE: tagged lines


def _tagged_records(
    text: str, tag_line: re.Pattern, starts: Callable[[str], bool], ends: Callable[[str], bool]
) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    """(first line, [(tag, value), ...]) for each record; untagged lines continue the previous value."""
    record: list[tuple[str, str]] = []
    first = 0
    for number, line in enumerate(text.splitlines(), start=1):
        match = tag_line.match(line)
        if match:
            tag, value = match.group(1), (match.group(2) or "").strip()
            if starts(tag) and record:
                yield first, record
                record = []
            if not record:
                first = number
            record.append((tag, value))
            if ends(tag):
                yield first, record
                record = []
        elif line.strip() and record:
            tag, value = record[-1]
            record[-1] = (tag, f"{value} {line.strip()}")
    if record:
        yield first, record


def _values(record: list[tuple[str, str]], *tags: str) -> list[str]:
    return [value for tag, value in record if tag in tags and value]


def _first(record: list[tuple[str, str]], *tags: str) -> str | None:
    for tag in tags:
        found = _values(record, tag)
        if found:
            return found[0]
    return None


_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: ?(.*))?$")


def read_ris(text: str, path: str) -> tuple[list[Reference], list[Problem]]:
    """Records of a RIS file (Zotero, EndNote, Mendeley, journal sites)."""
    references, problems = [], []
    for line, record in _tagged_records(text, _RIS_LINE, starts=lambda t: t == "TY", ends=lambda t: t == "ER"):
        if record[0][0] != "TY":
            problems.append(
                error(CANNOT_READ, path, f"RIS record does not start with TY (found {record[0][0]})", line=line)
            )
            continue
        entry_type = record[0][1].upper()
        start, end = _first(record, "SP"), _first(record, "EP")
        pages = f"{start}-{end}" if start and end and end != start else start
        book = entry_type in ("BOOK", "CHAP", "EBOOK", "THES")
        references.append(
            Reference(
                path=path,
                line=line,
                format="ris",
                entry_type=entry_type,
                key=_first(record, "ID"),
                title=_title(_first(record, "TI", "T1", "CT")),
                authors=tuple(stored(parse_person(a)) for a in _values(record, "AU", "A1")),
                year=_year(_first(record, "PY", "Y1", "DA")),
                venue=_clean(_first(record, "PB") if book else _first(record, "T2", "JF", "JO", "JA", "BT")),
                volume=_clean(_first(record, "VL")),
                issue=_clean(_first(record, "IS")),
                pages=_pages(pages),
                doi=_doi(_first(record, "DO")) or _doi(" ".join(_values(record, "UR", "M3", "N1"))),
                pmid=_digits(_first(record, "AN")) or _pmid_in_notes(*_values(record, "N1", "M1", "AN", "M2")),
                pmcid=_pmcid(" ".join(_values(record, "C2", "N1", "M1"))),
                isbn=_isbn(_first(record, "SN")) if book else None,
                url=next((u for u in map(_url, _values(record, "UR", "L2", "LK")) if u), None),
            )
        )
    return references, problems


_MEDLINE_LINE = re.compile(r"^([A-Z]{2,4}) *- (.*)$")


def _medline_pages(pages: str | None) -> str | None:
    """MEDLINE shortens page ranges ('452-8' for 452-458); spell them out."""
    text = _pages(pages)
    match = re.match(r"^(\d+)-(\d+)$", text or "")
    if match and len(match.group(2)) < len(match.group(1)):
        start, end = match.groups()
        return f"{start}-{start[: len(start) - len(end)]}{end}"
    return text


def _medline_author(full: str) -> str:
    # AU holds 'Contreras B'; FAU holds 'Contreras, Bret' and is preferred when present.
    if "," in full:
        return stored(parse_person(full))
    family, _, given = full.rpartition(" ")
    return f"{family}, {given}" if family else full


def read_medline(text: str, path: str) -> tuple[list[Reference], list[Problem]]:
    """Records of a PubMed MEDLINE export (the .nbib file PubMed's 'Cite' button gives)."""
    references = []
    for line, record in _tagged_records(text, _MEDLINE_LINE, starts=lambda t: t == "PMID", ends=lambda t: False):
        ids = _values(record, "AID", "LID")
        doi = next((_doi(v) for v in ids if v.endswith("[doi]")), None)
        full_names = _values(record, "FAU")
        types = tuple(_values(record, "PT"))
        references.append(
            Reference(
                path=path,
                line=line,
                format="medline",
                entry_type=types[0] if types else "",
                key=_first(record, "PMID"),
                title=_title(_first(record, "TI", "BTI")),
                authors=tuple(_medline_author(a) for a in (full_names or _values(record, "AU"))),
                year=_year(_first(record, "DP")),
                venue=_clean(_first(record, "JT", "TA", "PB")),
                volume=_clean(_first(record, "VI")),
                issue=_clean(_first(record, "IP")),
                pages=_medline_pages(_first(record, "PG")),
                doi=doi,
                pmid=_digits(_first(record, "PMID")),
                pmcid=_pmcid(_first(record, "PMC")),
                isbn=_isbn(_first(record, "ISBN")),
                publication_types=types,
            )
        )
    return references, []


# CSL-JSON


def _json_items(text: str) -> Iterator[tuple[int, object]]:
    """(line, item) for each element of a top-level array (or the single top-level object)."""
    decoder = json.JSONDecoder()
    pos = len(text) - len(text.lstrip())
    if pos >= len(text):
        return
    if text[pos] == "{":
        yield text.count("\n", 0, pos) + 1, decoder.raw_decode(text, pos)[0]
        return
    pos += 1
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return
        item, end = decoder.raw_decode(text, pos)
        yield text.count("\n", 0, pos) + 1, item
        pos = end


def _csl_name(name: object) -> str | None:
    if not isinstance(name, dict):
        return None
    if name.get("literal"):
        return _clean(name["literal"])
    family = " ".join(str(name[k]) for k in ("non-dropping-particle", "family") if name.get(k))
    given = " ".join(str(name[k]) for k in ("given", "dropping-particle") if name.get(k))
    if not family:
        return _clean(given)
    return stored(Name(family=_clean(family) or "", given=_clean(given) or ""))


def _csl_year(issued: object) -> int | None:
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return _year(parts[0][0])
        return _year(issued.get("raw") or issued.get("literal"))
    return _year(issued)


def read_csl_json(text: str, path: str) -> tuple[list[Reference], list[Problem]]:
    """Items of a CSL-JSON file (Zotero's 'CSL JSON' export, pandoc, citation.js)."""
    references, problems = [], []
    try:
        items = list(_json_items(text))
    except json.JSONDecodeError as exc:
        return [], [error(CANNOT_READ, path, f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno)]
    for line, item in items:
        if not isinstance(item, dict):
            problems.append(error(CANNOT_READ, path, "a CSL-JSON item must be an object", line=line))
            continue
        kind = str(item.get("type", ""))
        book = kind in ("book", "thesis", "report")
        authors = [
            n for n in map(_csl_name, item.get("author") or [] if isinstance(item.get("author"), list) else []) if n
        ]
        references.append(
            Reference(
                path=path,
                line=line,
                format="csl-json",
                entry_type=kind,
                key=_clean(item.get("id")),
                title=_title(item.get("title")),
                authors=tuple(authors),
                year=_csl_year(item.get("issued")),
                venue=_clean(item.get("publisher") if book else item.get("container-title") or item.get("publisher")),
                volume=_clean(item.get("volume")),
                issue=_clean(item.get("issue")),
                pages=_pages(item.get("page")),
                doi=_doi(item.get("DOI")),
                pmid=_digits(item.get("PMID")) or _pmid_in_notes(item.get("note")),
                pmcid=_pmcid(item.get("PMCID")),
                isbn=_isbn(item.get("ISBN")),
                url=_url(item.get("URL")),
            )
        )
    return references, problems
