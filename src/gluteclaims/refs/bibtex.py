"""Read BibTeX and biblatex files entry by entry, as BibTeX and biber read them.

bibtexparser splits the file into blocks (nested braces, quotes, comments and broken entries
with their line numbers are easy to get wrong by hand) and splits names by BibTeX's rules.
Its middlewares resolve a lone @string but not a '#' concatenation, look field names up case by
case, and drop a whole entry for one odd name, so values are resolved here from the raw text:
macros and concatenation, crossref inheritance, then LaTeX to Unicode (refs.latex).
"""

from __future__ import annotations

import logging
import re

import bibtexparser
from bibtexparser import model
from bibtexparser.middlewares.names import (
    InvalidNameError,
    NameParts,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)

from gluteclaims.kb.names import Name, stored
from gluteclaims.kb.problems import Problem
from gluteclaims.refs import latex
from gluteclaims.refs import reference as ref
from gluteclaims.refs.reference import Reference

# bibtexparser reports broken blocks through logging as well as in its result; we report them ourselves.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

_MONTHS = dict(
    zip(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        strict=True,
    )
)
# EndNote and Mendeley write '@article{title = ...}' with no key; a comma makes it an empty key.
_KEYLESS = re.compile(r"(@(?!string\b|preamble\b|comment\b)[A-Za-z]+\s*\{)(?=\s*[A-Za-z][\w-]*\s*=)", re.I)
_VENUES = ("journal", "journaltitle", "booktitle", "publisher", "school", "institution", "organization", "howpublished")
# What a crossref child never takes from its parent: what identifies the parent, not the child.
_OWN = {"ids", "crossref", "xref", "key", "doi", "url", "isbn", "issn", "pmid", "pmcid", "eprint", "eprinttype"}
_GROUPS = {
    "set": "a biblatex @set groups other entries; it is not a reference itself",
    "xdata": "a biblatex @xdata holds fields for other entries; it is not a reference itself",
}


def _pieces(raw: str) -> list[str]:
    """A raw value split at the '#' that concatenate its parts (outside braces and quotes)."""
    pieces, depth, quoted, start = [], 0, False, 0
    for pos, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            pieces.append(raw[start:pos])
            start = pos + 1
    pieces.append(raw[start:])
    return [piece.strip() for piece in pieces]


def _resolve(raw: object, macros: dict[str, str]) -> str:
    """A raw field value with its delimiters removed, @string macros replaced and parts joined."""
    if not isinstance(raw, str):
        return ""
    parts = []
    for piece in _pieces(raw):
        if len(piece) >= 2 and (piece[0], piece[-1]) in (("{", "}"), ('"', '"')):
            parts.append(piece[1:-1])
        elif piece.isdigit():
            parts.append(piece)
        else:
            parts.append(macros.get(piece.lower(), piece))
    return "".join(parts)


def _macros(library: bibtexparser.Library) -> dict[str, str]:
    macros = dict(_MONTHS)
    for string in library.strings:
        macros[string.key.lower()] = _resolve(string.value, macros)
    return macros


def _fields(entry: model.Entry, macros: dict[str, str]) -> dict[str, str]:
    """Field values by lower-case name; of two spellings of one field ('Author', 'author') the first counts."""
    fields: dict[str, str] = {}
    for item in entry.fields:
        fields.setdefault(item.key.lower(), _resolve(item.value, macros))
    return fields


def _inherit(fields: dict[str, str], parent: dict[str, str]) -> dict[str, str]:
    """A crossref child with what it lacks taken from its parent (the parent's title as its booktitle)."""
    merged = dict(fields)
    for name, value in parent.items():
        if name not in _OWN:
            merged.setdefault(name, value)
    if parent.get("title"):
        merged.setdefault("booktitle", parent["title"])
    return merged


def _person(parts: NameParts) -> str:
    family = latex.to_text(" ".join([*parts.von, *parts.last]))
    given = latex.to_text(" ".join(parts.first))
    suffix = latex.to_text(" ".join(parts.jr))
    if suffix:
        given = f"{given}, {suffix}" if given else suffix
    return stored(Name(family=family, given=given)) if given else ref.organisation(family)


def _people(value: str) -> list[str]:
    """Names as records store them; InvalidNameError for a name BibTeX cannot split."""
    people = []
    for braced in split_multiple_persons_names(latex.brace_accents(value)):
        try:
            parts = parse_single_name_into_parts(braced)
        except InvalidNameError:
            # A trailing or doubled comma ('Doe, John,') is a slip; more commas than three parts is not.
            parts = parse_single_name_into_parts(", ".join(p for p in braced.split(",") if p.strip()))
        if parts.last or parts.first:
            people.append(_person(parts))
    return people


def _venue(fields: dict[str, str]) -> str | None:
    for name in _VENUES:
        value = fields.get(name)
        if value and not ref.url_in(value):
            return ref.clean(latex.to_text(value))
    return None


def _reference(entry: model.Entry, fields: dict[str, str], path: str) -> Reference:
    text = {name: latex.to_text(fields[name]) for name in ("title", "note", "annote", "extra") if name in fields}
    eprint_type = fields.get("eprinttype", fields.get("archiveprefix", "")).lower()
    eprint = latex.verbatim(fields.get("eprint", ""))
    doi_field = latex.verbatim(fields.get("doi", ""))
    url = ref.url(latex.verbatim(fields.get("url", ""))) or ref.short_doi_url(doi_field)
    if not url and eprint_type == "arxiv" and eprint:
        url = f"https://arxiv.org/abs/{eprint}"
    url = url or ref.url_in(
        *(latex.verbatim(fields[name]) for name in ("howpublished", "note") if "\\url" in fields.get(name, ""))
    )
    people = fields.get("author") or fields.get("editor") or ""
    return Reference(
        path=path,
        line=(entry.start_line or 0) + 1,
        format="bibtex",
        entry_type=entry.entry_type.lower(),
        key=entry.key or None,
        title=ref.title(text.get("title")),
        authors=tuple(_people(people)),
        year=ref.year(fields.get("year") or fields.get("date")),
        venue=_venue(fields),
        volume=ref.clean(latex.to_text(fields.get("volume", ""))),
        issue=ref.clean(latex.to_text(fields.get("number") or fields.get("issue") or "")),
        pages=ref.pages(latex.to_text(fields.get("pages", ""))),
        doi=ref.doi(doi_field),
        pmid=ref.digits(fields.get("pmid"))
        or (ref.digits(eprint) if eprint_type == "pubmed" else None)
        or ref.pmid_in_notes(text.get("note"), text.get("annote"), text.get("extra")),
        pmcid=ref.pmcid(fields.get("pmcid")) or ref.pmcid(text.get("note")),
        isbn=ref.isbn(fields.get("isbn")),
        url=url,
        failure=ref.failure_in(text.get("note")),
        # Zotero and others write a web page as @misc with an access date or its address as 'howpublished'.
        web_page="urldate" in fields or "\\url" in fields.get("howpublished", ""),
    )


def _entries(library: bibtexparser.Library, path: str) -> tuple[list[model.Entry], list[Problem]]:
    """Every entry, a duplicate key's too (it may be another work), and a problem for each unreadable block."""
    entries, problems = list(library.entries), []
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, model.DuplicateBlockKeyBlock | model.DuplicateFieldKeyBlock):
            if isinstance(block.ignore_error_block, model.Entry):
                entries.append(block.ignore_error_block)
            continue
        reason = getattr(block.error, "abort_reason", None) or str(block.error) or "a syntax error"
        reason = " ".join(reason.split()).rstrip(".")
        key = re.match(r"\s*@\w+\s*[{(]\s*([^,\s=]+)\s*,", block.raw or "")
        named = f"'{key.group(1)}'" if key else "this BibTeX entry"
        problems.append(
            ref.cannot_read(path, line, f"{named} could not be read: {reason}", hint="unbalanced braces or quotes?")
        )
    entries.sort(key=lambda e: e.start_line or 0)
    return entries, problems


def read_bibtex(text: str, path: str) -> tuple[list[Reference], list[Problem]]:
    """Entries of a BibTeX or biblatex file; a located problem for each entry that cannot be used."""
    library = bibtexparser.parse_string(_KEYLESS.sub(r"\1,", text), parse_stack=[])
    entries, problems = _entries(library, path)
    macros = _macros(library)
    by_key = {e.key.lower(): _fields(e, macros) for e in reversed(entries) if e.key}
    references = []
    for entry in entries:
        line = (entry.start_line or 0) + 1
        kind = entry.entry_type.lower()
        if kind in _GROUPS:
            problems.append(ref.not_a_source(path, line, f"'{entry.key}': {_GROUPS[kind]}"))
            continue
        fields = _fields(entry, macros)
        parent = by_key.get(fields.get("crossref", "").strip().lower())
        if parent is not None:
            fields = _inherit(fields, parent)
        try:
            references.append(_reference(entry, fields, path))
        except InvalidNameError as exc:
            problems.append(
                ref.cannot_read(
                    path,
                    line,
                    f"'{entry.key}': cannot split the name '{' '.join(exc.name.split())}' ({exc.reason.lower()})",
                    hint="separate authors with 'and', and write each as 'Family, Given'",
                )
            )
    return references, sorted(problems, key=lambda p: p.line or 0)
