"""A source as a reference: APA 7 text, BibTeX, CSL-JSON and RIS."""

from __future__ import annotations

import re

from gluteclaims.kb.models import Source
from gluteclaims.kb.names import Name, given_for_citation, initials, split_name

APA_MAX_AUTHORS = 20
_PAGE_RANGE = re.compile(r"^\s*(\w+)\s*[-\u2013\u2014]+\s*(\w+)\s*$")


def _names(source: Source) -> list[Name]:
    return [split_name(author) for author in source.authors if author.strip()]


def _page_range(pages: str | None) -> tuple[str, str] | None:
    match = _PAGE_RANGE.match(pages or "")
    return (match.group(1), match.group(2)) if match else None


def doi_url(doi: str) -> str:
    """The resolvable address of a DOI."""
    return f"https://doi.org/{doi}"


def link(source: Source) -> str | None:
    """Where a reader can follow the reference: the DOI address, else the URL."""
    ids = source.identifiers
    return doi_url(ids.doi) if ids.doi else ids.url


# APA 7


def _apa_name(name: Name) -> str:
    if name.literal:
        return name.literal
    given = initials(name.given)
    return f"{name.family}, {given}" if given else name.family


def apa_authors(source: Source) -> str:
    """The author list as APA 7 writes it: '&' before the last, an ellipsis past twenty."""
    names = [_apa_name(n) for n in _names(source)]
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]}, & {names[1]}"
    if len(names) > APA_MAX_AUTHORS:
        return ", ".join(names[: APA_MAX_AUTHORS - 1]) + ", . . . " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _apa_container(source: Source) -> str:
    if not source.venue:
        return ""
    if source.kind in ("book", "thesis", "popular-article"):
        return _sentence(source.venue)
    part = source.venue
    if source.volume:
        part += f", {source.volume}"
        if source.issue:
            part += f"({source.issue})"
    elif source.issue:
        part += f", ({source.issue})"
    if source.pages:
        pages = _page_range(source.pages)
        part += f", {pages[0]}\u2013{pages[1]}" if pages else f", {source.pages}"
    return _sentence(part)


def to_apa(source: Source) -> str:
    """The reference in APA 7 style, as plain text (no italics)."""
    date = f"({source.year})." if source.year else "(n.d.)."
    authors = apa_authors(source)
    title = _sentence(source.title)
    head = f"{_sentence(authors)} {date} {title}" if authors else f"{title} {date}"
    parts = [head, _apa_container(source), link(source) or ""]
    return " ".join(part for part in parts if part)


# BibTeX

_BIBTEX_TYPES = {"book": "book", "thesis": "thesis", "popular-article": "online"}
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_SPECIAL = re.compile("|".join(re.escape(c) for c in _LATEX_SPECIALS))
# Words such as 'EMG' or 'PLoS' keep their capitals when a style puts titles in sentence case.
_KEEP_CASE = re.compile(r"(?<![\w\\{])([^\W\d_]*[A-Z][^\W\d_]*[A-Z][^\W_]*)")


def bibtex_key(source: Source) -> str:
    """The citation key: the source's id, unique in the knowledge base and valid in BibTeX and pandoc."""
    return source.id


def _latex(text: str) -> str:
    return _LATEX_SPECIAL.sub(lambda m: _LATEX_SPECIALS[m.group(0)], " ".join(text.split()))


def _verbatim(text: str) -> str:
    # DOIs and URLs are verbatim fields: only braces and backslashes could break the entry.
    return re.sub(r"[{}\\\s]", lambda m: f"%{ord(m.group(0)):02X}", text.strip())


def _bibtex_name(name: Name) -> str:
    if name.literal:
        return "{" + _latex(name.literal) + "}"
    family = _latex(name.family)
    if " " in name.family:
        family = "{" + family + "}"
    given = given_for_citation(name.given)
    return f"{family}, {_latex(given)}" if given else family


def _bibtex_title(title: str) -> str:
    return _KEEP_CASE.sub(r"{\1}", _latex(title))


def bibtex_fields(source: Source) -> list[tuple[str, str]]:
    """The (field, already escaped value) pairs of the BibTeX entry, in a stable order."""
    fields: list[tuple[str, str]] = []
    names = _names(source)
    if names:
        fields.append(("author", " and ".join(_bibtex_name(n) for n in names)))
    fields.append(("title", _bibtex_title(source.title)))
    if source.venue:
        venue_field = {"book": "publisher", "thesis": "institution", "popular-article": "organization"}.get(
            source.kind, "journal"
        )
        fields.append((venue_field, _latex(source.venue)))
    if source.year:
        fields.append(("year", str(source.year)))
    for name, value in (("volume", source.volume), ("number", source.issue)):
        if value:
            fields.append((name, _latex(value)))
    if source.pages:
        pages = _page_range(source.pages)
        fields.append(("pages", f"{_latex(pages[0])}--{_latex(pages[1])}" if pages else _latex(source.pages)))
    ids = source.identifiers
    if ids.doi:
        fields.append(("doi", _verbatim(ids.doi)))
    if ids.isbn:
        fields.append(("isbn", _latex(ids.isbn)))
    if ids.pmid:
        fields.append(("pmid", ids.pmid))
    if ids.pmcid:
        fields.append(("pmcid", ids.pmcid))
    if ids.url:
        fields.append(("url", _verbatim(ids.url)))
    return fields


def to_bibtex(source: Source) -> str:
    """The source as one BibTeX (biblatex-compatible) entry, ending with a newline."""
    entry_type = _BIBTEX_TYPES.get(source.kind, "article")
    lines = [f"@{entry_type}{{{bibtex_key(source)},"]
    lines += [f"  {name} = {{{value}}}," for name, value in bibtex_fields(source)]
    lines.append("}")
    return "\n".join(lines) + "\n"


# CSL-JSON

_CSL_TYPES = {"book": "book", "thesis": "thesis", "popular-article": "webpage"}


def _csl_name(name: Name) -> dict:
    if name.literal:
        return {"literal": name.literal}
    given = given_for_citation(name.given)
    return {"family": name.family, "given": given} if given else {"family": name.family}


def to_csl(source: Source) -> dict:
    """The source as a CSL-JSON item, as citeproc processors and pandoc read it."""
    item: dict = {
        "id": bibtex_key(source),
        "type": _CSL_TYPES.get(source.kind, "article-journal"),
        "title": source.title,
    }
    names = _names(source)
    if names:
        item["author"] = [_csl_name(n) for n in names]
    if source.year:
        item["issued"] = {"date-parts": [[source.year]]}
    if source.venue:
        item["publisher" if source.kind in ("book", "thesis") else "container-title"] = source.venue
    for key, value in (("volume", source.volume), ("issue", source.issue), ("page", source.pages)):
        if value:
            item[key] = value
    ids = source.identifiers
    for key, value in (
        ("DOI", ids.doi),
        ("PMID", ids.pmid),
        ("PMCID", ids.pmcid),
        ("ISBN", ids.isbn),
        ("URL", ids.url),
    ):
        if value:
            item[key] = value
    return item


# RIS

_RIS_TYPES = {"book": "BOOK", "thesis": "THES", "popular-article": "ELEC"}


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def to_ris(source: Source) -> str:
    """The source as one RIS record (TY to ER), ending with a newline."""
    lines = [_ris_line("TY", _RIS_TYPES.get(source.kind, "JOUR"))]
    for name in _names(source):
        if name.literal:
            lines.append(_ris_line("AU", name.literal))
        else:
            given = given_for_citation(name.given)
            lines.append(_ris_line("AU", f"{name.family}, {given}" if given else name.family))
    lines.append(_ris_line("TI", source.title))
    if source.venue:
        lines.append(_ris_line("PB" if source.kind in ("book", "thesis") else "T2", source.venue))
    if source.year:
        lines.append(_ris_line("PY", str(source.year)))
    if source.volume:
        lines.append(_ris_line("VL", source.volume))
    if source.issue:
        lines.append(_ris_line("IS", source.issue))
    if source.pages:
        pages = _page_range(source.pages)
        lines += [_ris_line("SP", pages[0]), _ris_line("EP", pages[1])] if pages else [_ris_line("SP", source.pages)]
    ids = source.identifiers
    # AN (accession number) and C2 carry the PMID and PMCID, as PubMed's and EndNote's RIS do.
    for tag, value in (("DO", ids.doi), ("SN", ids.isbn), ("AN", ids.pmid), ("C2", ids.pmcid), ("UR", ids.url)):
        if value:
            lines.append(_ris_line(tag, value))
    lines.append("ER  - ")
    return "\n".join(lines) + "\n"


def short_ref(source: Source) -> str:
    """'Contreras et al. 2015', 'Lehman & Smith 2004', or the venue for a source without authors."""
    families = [n.family or n.literal for n in (split_name(a) for a in source.authors) if n.family or n.literal]
    year = str(source.year) if source.year else "n.d."
    if not families:
        who = source.venue or source.title
        who = who if len(who) <= 40 else who[:39].rstrip() + "…"
    elif len(families) == 1:
        who = families[0]
    elif len(families) == 2:
        who = f"{families[0]} & {families[1]}"
    else:
        who = f"{families[0]} et al."
    return f"{who} {year}"
