"""A source as a reference: APA 7 text, BibTeX (classic or biblatex), CSL-JSON and RIS."""

from __future__ import annotations

import re

from gluteclaims.kb.models import Source
from gluteclaims.kb.names import Name, given_for_citation, initials, split_name
from gluteclaims.refs.reference import FAILURE_NOTES, strip_markup

APA_MAX_AUTHORS = 20
_PAGE_RANGE = re.compile(r"^\s*(\w+)\s*[-\u2013\u2014]+\s*(\w+)\s*$")


def person(author: str) -> Name:
    """An author's parts; '{Name, with comma}' is an organisation, kept whole as BibTeX keeps it."""
    text = author.strip()
    if text.startswith("{") and text.endswith("}") and text.count("{") == 1:
        return Name(literal=text[1:-1].strip())
    return split_name(text)


def given_and_suffix(given: str) -> tuple[str, str]:
    """'Martin Luther, Jr.' as ('Martin Luther', 'Jr.'): records write a suffix after the given names."""
    name, _, suffix = given.rpartition(", ")
    return (name, suffix) if name else (given, "")


def _names(source: Source) -> list[Name]:
    return [person(author) for author in source.authors if author.strip()]


def title(source: Source) -> str:
    """The title without the rich-text tags reference managers leave in it (<i>, <b>, <sup>)."""
    return strip_markup(source.title)


def failure_note(source: Source) -> str | None:
    """The mark every format carries for a citation that failed verification."""
    if source.verification.status != "failed":
        return None
    return FAILURE_NOTES[source.verification.failure or "not-found"]


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
    given, suffix = given_and_suffix(name.given)
    text = f"{name.family}, {initials(given)}" if given else name.family
    return f"{text}, {suffix}" if suffix else text


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
    heading = _sentence(title(source))
    head = f"{_sentence(authors)} {date} {heading}" if authors else f"{heading} {date}"
    failed = failure_note(source)
    parts = [head, _apa_container(source), link(source) or "", f"[{failed}]" if failed else ""]
    return " ".join(part for part in parts if part)


# BibTeX

# Classic BibTeX types only (plain.bst knows them); biblatex has its own for theses and web pages.
_BIBTEX_TYPES = {"book": "book", "thesis": "phdthesis"}
_BIBLATEX_TYPES = {"book": "book", "thesis": "thesis", "popular-article": "online"}
_VENUE_FIELDS = {
    "article": "journal",
    "book": "publisher",
    "phdthesis": "school",
    "thesis": "institution",
    "online": "organization",
    "misc": "howpublished",
}
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


def latex_text(text: str) -> str:
    """Text for a BibTeX field: LaTeX's special characters (\\ { } % & $ # _ ~ ^) escaped, white space folded."""
    return _LATEX_SPECIAL.sub(lambda m: _LATEX_SPECIALS[m.group(0)], " ".join(text.split()))


def _verbatim(text: str) -> str:
    # DOIs and URLs are verbatim fields: only braces and backslashes could break the entry.
    return re.sub(r"[{}\\\s]", lambda m: f"%{ord(m.group(0)):02X}", text.strip())


def _bibtex_name(name: Name) -> str:
    if name.literal:
        return "{" + latex_text(name.literal) + "}"
    family = latex_text(name.family)
    if " " in name.family or "," in name.family:
        family = "{" + family + "}"
    given, suffix = given_and_suffix(name.given)
    given = latex_text(given_for_citation(given))
    # BibTeX's three-part form is 'von Last, Jr, First'.
    if suffix:
        return f"{family}, {latex_text(suffix)}, {given}" if given else f"{family}, {latex_text(suffix)},"
    return f"{family}, {given}" if given else family


def _bibtex_title(text: str) -> str:
    return _KEEP_CASE.sub(r"{\1}", latex_text(text))


def bibtex_type(source: Source, biblatex: bool = False) -> str:
    """The entry type: a journal article needs a journal, so one without is @misc."""
    types = _BIBLATEX_TYPES if biblatex else _BIBTEX_TYPES
    entry_type = types.get(source.kind)
    if entry_type:
        return entry_type
    return "article" if source.venue and source.kind != "popular-article" else "misc"


def bibtex_fields(source: Source, biblatex: bool = False) -> list[tuple[str, str]]:
    """The (field, already escaped value) pairs of the BibTeX entry, in a stable order."""
    fields: list[tuple[str, str]] = []
    names = _names(source)
    if names:
        fields.append(("author", " and ".join(_bibtex_name(n) for n in names)))
    fields.append(("title", _bibtex_title(title(source))))
    entry_type = bibtex_type(source, biblatex)
    if entry_type == "thesis":
        fields.append(("type", "Thesis"))
    web_page = source.kind == "popular-article" and entry_type == "misc"
    if source.venue:
        fields.append(("organization" if web_page else _VENUE_FIELDS[entry_type], latex_text(source.venue)))
    if web_page and source.identifiers.url:
        # plain.bst prints howpublished (never url); an address there is also how readers know a web page.
        fields.append(("howpublished", f"\\url{{{_verbatim(source.identifiers.url)}}}"))
    if source.year:
        fields.append(("year", str(source.year)))
    for name, value in (("volume", source.volume), ("number", source.issue)):
        if value:
            fields.append((name, latex_text(value)))
    if source.pages:
        pages = _page_range(source.pages)
        fields.append(
            ("pages", f"{latex_text(pages[0])}--{latex_text(pages[1])}" if pages else latex_text(source.pages))
        )
    ids = source.identifiers
    notes = []
    if ids.doi:
        fields.append(("doi", _verbatim(ids.doi)))
    if ids.isbn:
        fields.append(("isbn", latex_text(ids.isbn)))
    if biblatex:
        # biblatex's data model has no pmid or pmcid field: a PubMed id is an eprint, a PMCID goes in the note.
        if ids.pmid:
            fields += [("eprint", ids.pmid), ("eprinttype", "pubmed")]
        if ids.pmcid:
            notes.append(f"PMCID: {ids.pmcid}")
    else:
        if ids.pmid:
            fields.append(("pmid", ids.pmid))
        if ids.pmcid:
            fields.append(("pmcid", ids.pmcid))
    if ids.url:
        fields.append(("url", _verbatim(ids.url)))
    failed = failure_note(source)
    if failed:
        notes.append(failed)
    if notes:
        fields.append(("note", latex_text(". ".join(notes))))
    if not names and not biblatex:
        # plain.bst sorts by author, else by this key; without either it warns and sorts by nothing.
        fields.append(("key", latex_text(source.venue or title(source))))
    return fields


def to_bibtex(source: Source, biblatex: bool = False) -> str:
    """The source as one BibTeX entry (classic types, or biblatex's with `biblatex`), ending with a newline."""
    lines = [f"@{bibtex_type(source, biblatex)}{{{bibtex_key(source)},"]
    lines += [f"  {name} = {{{value}}}," for name, value in bibtex_fields(source, biblatex)]
    lines.append("}")
    return "\n".join(lines) + "\n"


# CSL-JSON

_CSL_TYPES = {"book": "book", "thesis": "thesis", "popular-article": "webpage"}


def _csl_name(name: Name) -> dict:
    if name.literal:
        return {"literal": name.literal}
    given, suffix = given_and_suffix(name.given)
    item = {"family": name.family}
    if given:
        item["given"] = given_for_citation(given)
    if suffix:
        item["suffix"] = suffix
    return item


def to_csl(source: Source) -> dict:
    """The source as a CSL-JSON item, as citeproc processors and pandoc read it."""
    item: dict = {
        "id": bibtex_key(source),
        "type": _CSL_TYPES.get(source.kind, "article-journal"),
        "title": title(source),
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
    failed = failure_note(source)
    if failed:
        item["note"] = failed
    return item


# RIS

_RIS_TYPES = {"book": "BOOK", "thesis": "THES", "popular-article": "ELEC"}


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def to_ris(source: Source) -> str:
    """The source as one RIS record (TY to ER), ending with a newline."""
    lines = [_ris_line("TY", _RIS_TYPES.get(source.kind, "JOUR")), _ris_line("ID", bibtex_key(source))]
    for name in _names(source):
        if name.literal:
            lines.append(_ris_line("AU", name.literal))
        else:
            # RIS writes 'Family, Given, Suffix'.
            given, suffix = given_and_suffix(name.given)
            parts = [name.family, given_for_citation(given), suffix]
            lines.append(_ris_line("AU", ", ".join(p for p in parts if p) if given else name.family))
    lines.append(_ris_line("TI", title(source)))
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
    failed = failure_note(source)
    if failed:
        lines.append(_ris_line("N1", failed))
    lines.append("ER  - ")
    return "\n".join(lines) + "\n"


def short_ref(source: Source) -> str:
    """'Contreras et al. 2015', 'Lehman & Smith 2004', or the venue for a source without authors."""
    families = [n.family or n.literal for n in _names(source) if n.family or n.literal]
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
