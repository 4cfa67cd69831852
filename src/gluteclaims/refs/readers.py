"""Read reference exports (BibTeX, RIS, CSL-JSON, PubMed MEDLINE/nbib) into one neutral value.

BibTeX is read by refs.bibtex (bibtexparser and pylatexenc), RIS by rispy, which knows what each
tag means; records are split here first, so one broken record is reported at its line and the
others are read. MEDLINE is simple tagged lines and CSL-JSON is JSON, so those are read here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator

import rispy

from gluteclaims.kb.names import Name, parse_person, stored
from gluteclaims.kb.problems import Problem
from gluteclaims.refs import reference as ref
from gluteclaims.refs.bibtex import read_bibtex
from gluteclaims.refs.reference import CANNOT_READ, Reference

__all__ = ["CANNOT_READ", "FORMATS", "Reference", "detect_format", "read_references"]

FORMATS = ("bibtex", "ris", "csl-json", "medline")

# Tags only MEDLINE uses (RIS tags are two characters, MEDLINE's up to four, both padded to 'XX  - ').
_MEDLINE_ONLY = re.compile(r"^(?:PMID|FAU|STAT|OWN|DP  |PT  |JT  |TA  |PG  |LID|AID|PHST|MH  )- ", re.M)


def detect_format(text: str) -> str | None:
    """Which export format the text is in, judged by its content; None when it is none of them."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith(("[", "{")):
        return "csl-json"
    if re.search(r"^TY  - ", text, re.M):
        return "ris"
    if _MEDLINE_ONLY.search(text):
        return "medline"
    if re.search(r"^\s*@\w+\s*[{(]", text, re.M):
        return "bibtex"
    return None


def read_references(text: str, path: str, fmt: str | None = None) -> tuple[list[Reference], list[Problem]]:
    """Every reference in an export, and a located problem for each entry that could not be read."""
    fmt = fmt or detect_format(text)
    if fmt is None:
        return [], [
            ref.cannot_read(
                path,
                1,
                "not a BibTeX, RIS, CSL-JSON or PubMed MEDLINE (nbib) export",
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


# RIS

_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
# Embase and Ovid write 'Fanning E.' or 'Fanning E.A.': family name, then initials, no comma.
_FAMILY_INITIALS = re.compile(r"^(\S.*?)\s+((?:[A-Z]\.?-?){1,4})$")


def ris_person(text: str) -> str:
    """A RIS author as records store it, whichever way round the exporter wrote it."""
    text = " ".join(text.split())
    match = _FAMILY_INITIALS.match(text) if "," not in text else None
    if match:
        return stored(Name(family=match.group(1), given=match.group(2)))
    return stored(parse_person(text))


def _ris_records(text: str, path: str) -> Iterator[tuple[int, str] | Problem]:
    """(first line, text) of each TY ... ER record, or a problem for lines outside any record."""
    lines: list[str] = []
    first, stray = 0, 0
    for number, line in enumerate(text.splitlines(), start=1):
        match = _RIS_LINE.match(line)
        tag = match.group(1) if match else None
        if tag == "TY":
            if lines:
                yield ref.cannot_read(path, first, "this RIS record has no end (ER) before the next TY")
            lines, first = [line], number
        elif lines:
            lines.append(line)
            if tag == "ER":
                yield first, "\n".join(lines) + "\n"
                lines = []
        elif line.strip() and not stray:
            stray = number
            yield ref.cannot_read(path, number, "a RIS line outside any record (each record starts with TY)")
        elif not line.strip():
            stray = 0
    if lines:
        yield ref.cannot_read(path, first, "this RIS record has no end (ER)")


def _ris_reference(record: dict, line: int, path: str) -> Reference:
    kind = str(record.get("type_of_reference", "")).upper()
    start, end = record.get("start_page"), record.get("end_page")
    pages = f"{start}-{end}" if start and end and end != start else start
    book = kind in ("BOOK", "CHAP", "EBOOK", "EDBOOK", "THES")
    notes = [*record.get("notes", []), record.get("note"), record.get("accession_number"), record.get("type_of_work")]
    urls = [*record.get("urls", []), *record.get("file_attachments2", [])]
    doi_value = record.get("doi")
    authors = [*record.get("authors", []), *record.get("first_authors", [])]
    return Reference(
        path=path,
        line=line,
        format="ris",
        entry_type=kind,
        key=ref.clean(record.get("id")),
        title=ref.title(record.get("title") or record.get("primary_title")),
        authors=tuple(ris_person(a) for a in authors if a.strip()),
        year=ref.year(record.get("year") or record.get("publication_year") or record.get("date")),
        venue=ref.clean(
            record.get("publisher")
            if book
            else record.get("secondary_title")
            or record.get("alternate_title3")
            or record.get("journal_name")
            or record.get("alternate_title2")
        ),
        volume=ref.clean(record.get("volume")),
        issue=ref.clean(record.get("number")),
        pages=ref.pages(pages),
        # EndNote puts the DOI in UR as a doi.org address; a publisher's address with a DOI in it is only a URL.
        doi=ref.doi(doi_value) or ref.doi(" ".join(u for u in urls if re.match(r"https?://(dx\.)?doi\.org/", u))),
        pmid=ref.digits(record.get("accession_number")) or ref.pmid_in_notes(*notes, record.get("custom2")),
        pmcid=ref.pmcid(" ".join(str(v) for v in (record.get("custom2"), *notes) if v)),
        isbn=ref.isbn(record.get("issn")) if book else None,
        url=next((u for u in map(ref.url, urls) if u), None) or ref.short_doi_url(doi_value),
        failure=ref.failure_in(*notes),
    )


def read_ris(text: str, path: str) -> tuple[list[Reference], list[Problem]]:
    """Records of a RIS file (Zotero, EndNote, Mendeley, Embase, journal sites)."""
    references, problems = [], []
    for item in _ris_records(text, path):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        line, record_text = item
        try:
            [record] = rispy.loads(record_text)
        except Exception as exc:  # rispy raises bare exceptions on tags it cannot place
            problems.append(ref.cannot_read(path, line, f"this RIS record could not be read: {exc}"))
            continue
        references.append(_ris_reference(record, line, path))
    return references, problems


# MEDLINE: tagged lines

_MEDLINE_LINE = re.compile(r"^([A-Z]{2,4}) *- (.*)$")


def _medline_records(text: str) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    """(first line, [(tag, value), ...]) for each record: records end at a blank line or a new PMID."""
    record: list[tuple[str, str]] = []
    first = 0
    for number, line in enumerate(text.splitlines(), start=1):
        match = _MEDLINE_LINE.match(line)
        if match:
            tag, value = match.group(1), match.group(2).strip()
            if tag == "PMID" and record:
                yield first, record
                record = []
            if not record:
                first = number
            record.append((tag, value))
        elif line.strip() and record:
            tag, value = record[-1]
            record[-1] = (tag, f"{value} {line.strip()}")
        elif not line.strip() and record:
            yield first, record
            record = []
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


def _medline_pages(pages: str | None) -> str | None:
    """MEDLINE shortens page ranges ('452-8' for 452-458); spell them out."""
    text = ref.pages(pages)
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
    """Records of a PubMed MEDLINE export (the .nbib file PubMed's 'Cite' button gives, or Ovid's)."""
    references = []
    for line, record in _medline_records(text):
        ids = _values(record, "AID", "LID")
        doi = next((ref.doi(v) for v in ids if v.endswith("[doi]")), None)
        full_names = _values(record, "FAU")
        types = tuple(_values(record, "PT"))
        references.append(
            Reference(
                path=path,
                line=line,
                format="medline",
                entry_type=types[0] if types else "",
                key=_first(record, "PMID"),
                title=ref.title(_first(record, "TI", "BTI")),
                authors=tuple(_medline_author(a) for a in (full_names or _values(record, "AU"))),
                year=ref.year(_first(record, "DP")),
                venue=ref.clean(_first(record, "JT", "TA", "PB")),
                volume=ref.clean(_first(record, "VI")),
                issue=ref.clean(_first(record, "IP")),
                pages=_medline_pages(_first(record, "PG")),
                doi=doi,
                pmid=ref.digits(_first(record, "PMID")),
                pmcid=ref.pmcid(_first(record, "PMC")),
                isbn=ref.isbn(_first(record, "ISBN")),
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
    line, counted = 1, 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return
        item, end = decoder.raw_decode(text, pos)
        line += text.count("\n", counted, pos)
        counted = pos
        yield line, item
        pos = end


def _csl_name(name: object) -> str | None:
    if not isinstance(name, dict):
        return None
    if name.get("literal"):
        return ref.organisation(ref.clean(name["literal"]) or "")
    family = " ".join(str(name[k]) for k in ("non-dropping-particle", "family") if name.get(k))
    given = " ".join(str(name[k]) for k in ("given", "dropping-particle") if name.get(k))
    if name.get("suffix"):
        given = f"{given}, {name['suffix']}" if given else str(name["suffix"])
    if not family:
        return ref.clean(given)
    return stored(Name(family=ref.clean(family) or "", given=ref.clean(given) or ""))


def _csl_year(issued: object) -> int | None:
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return ref.year(parts[0][0])
        return ref.year(issued.get("raw") or issued.get("literal"))
    return ref.year(issued)


def _csl_reference(item: dict, line: int, path: str) -> Reference:
    kind = str(item.get("type", ""))
    book = kind in ("book", "thesis", "report")
    author = item.get("author")
    people: list = author if isinstance(author, list) else []
    doi_value = item.get("DOI")
    return Reference(
        path=path,
        line=line,
        format="csl-json",
        entry_type=kind,
        key=ref.clean(item.get("id")),
        title=ref.title(item.get("title")),
        authors=tuple(n for n in map(_csl_name, people) if n),
        year=_csl_year(item.get("issued")),
        venue=ref.clean(item.get("publisher") if book else item.get("container-title") or item.get("publisher")),
        volume=ref.clean(item.get("volume")),
        issue=ref.clean(item.get("issue")),
        pages=ref.pages(item.get("page")),
        doi=ref.doi(doi_value),
        pmid=ref.digits(item.get("PMID")) or ref.pmid_in_notes(item.get("note")),
        pmcid=ref.pmcid(item.get("PMCID")),
        isbn=ref.isbn(item.get("ISBN")),
        url=ref.url(item.get("URL")) or ref.short_doi_url(doi_value),
        failure=ref.failure_in(item.get("note")),
    )


def read_csl_json(text: str, path: str) -> tuple[list[Reference], list[Problem]]:
    """Items of a CSL-JSON file (Zotero's 'CSL JSON' export, pandoc, citation.js)."""
    references, problems = [], []
    try:
        items = list(_json_items(text))
    except json.JSONDecodeError as exc:
        return [], [ref.cannot_read(path, exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})")]
    for line, item in items:
        if not isinstance(item, dict):
            problems.append(ref.cannot_read(path, line, "a CSL-JSON item must be an object"))
            continue
        references.append(_csl_reference(item, line, path))
    return references, problems
