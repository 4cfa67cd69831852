"""Turn references read from an export into new source records, refusing studies already present."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from pydantic import ValidationError
from rapidfuzz import fuzz, process

from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.models import Source
from gluteclaims.kb.names import family_key, split_name
from gluteclaims.kb.problems import Problem, error
from gluteclaims.kb.scaffold import record_text
from gluteclaims.kb.titles import TITLE_SIMILARITY, normalise_title
from gluteclaims.refs.readers import Reference

ALREADY_PRESENT = "I002"
NO_TITLE = "I003"

# Filled from the export; whatever is missing is listed as unconfirmed.
BIBLIOGRAPHIC = ("authors", "year", "venue", "volume", "issue", "pages")
# Never in an export: the contributor reads the paper for these.
FROM_THE_PAPER = ("population", "sample", "outcomes", "findings")
# When nothing says otherwise, the lowest-certainty primary design, so an unchecked import cannot raise a grade.
DEFAULT_KIND = "case-series"

_PUBLICATION_TYPES = {
    "meta-analysis": "meta-analysis",
    "systematic review": "systematic-review",
    "randomized controlled trial": "randomised-trial",
    "clinical trial": "randomised-trial",
    "review": "narrative-review",
    "case reports": "case-series",
    "comment": "expert-opinion",
    "editorial": "expert-opinion",
}
_ENTRY_TYPES = {
    "book": "book",
    "inbook": "book",
    "BOOK": "book",
    "CHAP": "book",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "THES": "thesis",
    "online": "popular-article",
    "ELEC": "popular-article",
    "BLOG": "popular-article",
    "webpage": "popular-article",
    "post-weblog": "popular-article",
    "article-newspaper": "popular-article",
    "article-magazine": "popular-article",
}
_TITLE_WORDS = (
    (r"meta-?analys", "meta-analysis"),
    (r"systematic review", "systematic-review"),
    (r"randomi[sz]ed|controlled trial", "randomised-trial"),
    (r"cross-?over", "crossover"),
    (r"cohort|prospective|longitudinal", "cohort"),
    (r"case-control", "case-control"),
    (r"cross-sectional", "cross-sectional"),
    (r"case (?:series|report)", "case-series"),
    (r"\breview\b", "narrative-review"),
)


@dataclass(frozen=True)
class NewSource:
    """A source record the import will write: its id, its file and where in the export it came from."""

    record_id: str
    path: str
    text: str
    reference: Reference
    kind_from: str
    unconfirmed: tuple[str, ...]


def guess_kind(reference: Reference) -> tuple[str, str]:
    """The source kind and what it was guessed from (publication type, entry type, title, or nothing)."""
    for publication_type in reference.publication_types:
        kind = _PUBLICATION_TYPES.get(publication_type.lower())
        if kind:
            return kind, f"PubMed publication type '{publication_type}'"
    kind = _ENTRY_TYPES.get(reference.entry_type)
    if kind:
        return kind, f"entry type '{reference.entry_type}'"
    title = (reference.title or "").lower()
    for pattern, kind in _TITLE_WORDS:
        if re.search(pattern, title):
            return kind, "a word in the title"
    return (
        DEFAULT_KIND,
        "nothing in the export (the lowest primary design, so an unchecked import cannot raise a grade)",
    )


def _author(text: str) -> str:
    """Records write PubMed-style initials ('Vigotsky, AD'); exports often write 'Vigotsky, A. D.'."""
    name = split_name(text)
    if name.literal or not re.fullmatch(r"(?:[A-Z]\.?[\s-]*)+", name.given):
        return text
    return f"{name.family}, {re.sub(r'[^A-Z]', '', name.given)}"


def _clip(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def find_existing(reference: Reference, kb: KnowledgeBase) -> tuple[str, str] | None:
    """The id of a source already recording this study, and why: same DOI, same PMID or near-identical title."""
    real = [s for s in kb.sources.values() if s.verification.status != "failed"]
    for source in real:
        ids = source.identifiers
        if reference.doi and ids.doi and reference.doi.lower() == ids.doi.lower():
            return source.id, f"same DOI {ids.doi}"
        if reference.pmid and ids.pmid == reference.pmid:
            return source.id, f"same PMID {ids.pmid}"
    if reference.title and len(normalise_title(reference.title)) > 20:
        titles = {s.id: normalise_title(s.title) for s in real}
        match = process.extractOne(
            normalise_title(reference.title), titles, scorer=fuzz.ratio, score_cutoff=TITLE_SIMILARITY
        )
        if match:
            return match[2], f"{match[1]:.0f}% similar title"
    return None


def new_id(reference: Reference, taken: set[str]) -> str:
    """'family-year' of the first author (as in contreras-2015), with b, c, ... when taken."""
    first = next(iter(reference.authors), None)
    stem = family_key(split_name(first)) if first else None
    if not stem:
        words = [w for w in normalise_title(reference.title or "").split() if len(w) > 3][:3]
        stem = "-".join(words) or "source"
    base = f"{stem}-{reference.year or 'nd'}"
    candidate, suffix = base, ord("b")
    while candidate in taken:
        candidate, suffix = f"{base}{chr(suffix)}", suffix + 1
    return candidate


def _values(reference: Reference, record_id: str, kind: str, kind_from: str) -> tuple[dict, list[str]]:
    values: dict = {
        "id": record_id,
        "kind": kind,
        "title": reference.title,
        "authors": [_author(a) for a in reference.authors],
        "year": reference.year,
        "venue": reference.venue,
        "volume": reference.volume,
        "issue": reference.issue,
        "pages": reference.pages,
        "identifiers": {
            k: v
            for k, v in (
                ("doi", reference.doi),
                ("pmid", reference.pmid),
                ("pmcid", reference.pmcid),
                ("isbn", reference.isbn),
                ("url", reference.url),
            )
            if v
        },
    }
    unconfirmed = [name for name in BIBLIOGRAPHIC if not values[name]]
    if not values["identifiers"]:
        unconfirmed.append("identifiers")
    return values, unconfirmed


def _drop_invalid(values: dict, unconfirmed: list[str]) -> None:
    """Leave out any exported value the model rejects (a malformed DOI, say) and list it as unconfirmed."""
    for _ in range(len(values) + 10):
        try:
            Source.model_validate(values)
            return
        except ValidationError as exc:
            loc = exc.errors()[0]["loc"]
            if not loc or (loc[0] in ("id", "kind", "title", "identifiers", "verification") and len(loc) == 1):
                raise
            container, name = values, loc[0]
            if loc[0] == "identifiers" and len(loc) > 1:
                container, name = values["identifiers"], loc[1]
            container.pop(name, None)
            unconfirmed.append(".".join(str(part) for part in loc[:2]) if loc[0] == "identifiers" else str(name))


def _pages_to_check(identifiers: dict) -> str:
    pages = []
    if identifiers.get("doi"):
        pages.append(f"https://doi.org/{identifiers['doi']}")
    if identifiers.get("pmid"):
        pages.append(f"https://pubmed.ncbi.nlm.nih.gov/{identifiers['pmid']}/")
    return " or ".join(pages) if pages else "the publisher's page"


def plan_import(
    references: Iterable[Reference], kb: KnowledgeBase, source_file: str, files: Iterable[str] = ()
) -> tuple[list[NewSource], list[Problem]]:
    """The records an import would write, and a problem for each reference refused.

    `files` names what is in claims/ and sources/ already: a new id never takes the name of a
    file there, nor of a record's file whose id differs from its name.
    """
    planned: list[NewSource] = []
    problems: list[Problem] = []
    taken = set(kb.sources) | set(kb.claims) | kb.broken["sources"] | kb.broken["claims"]
    # Lower-cased, as a file system that ignores case would find Smith-2020.yml in the way of smith-2020.yaml.
    taken |= {
        name.rsplit("/", 1)[-1].partition(".")[0].lower()
        for name in (*files, *(origin.path for origin in kb.origins.values()))
    }
    batch = KnowledgeBase()
    for reference in references:
        if not reference.title:
            problems.append(
                error(
                    NO_TITLE,
                    reference.path,
                    "reference has no title",
                    line=reference.line,
                    hint="add the title in your reference manager and export again",
                )
            )
            continue
        for where, pool in (("the knowledge base", kb), ("this file", batch)):
            existing = find_existing(reference, pool)
            if existing:
                other, why = existing
                shown = (
                    kb.origin("sources", other).path if pool is kb else f"{batch.origin('sources', other).path} (new)"
                )
                problems.append(
                    error(
                        ALREADY_PRESENT,
                        reference.path,
                        f"'{_clip(reference.title)}' is already in {where} as {shown} ({why})",
                        line=reference.line,
                        record=other,
                        hint=f"link the existing source '{other}' instead of importing it again",
                    )
                )
                break
        else:
            kind, kind_from = guess_kind(reference)
            values, unconfirmed = _values(reference, "new-source", kind, kind_from)
            unconfirmed = ["kind", *unconfirmed, *FROM_THE_PAPER]
            values["verification"] = {"status": "partly-confirmed", "unconfirmed": unconfirmed}
            _drop_invalid(values, unconfirmed)
            # The id is made last, so a year the model refused does not end up in it.
            record_id = new_id(replace(reference, year=values.get("year")), taken)
            taken.add(record_id)
            values["id"] = record_id
            values["verification"] = {
                "status": "partly-confirmed",
                "unconfirmed": unconfirmed,
                "note": (
                    f"Imported from {source_file} ({reference.format}). Open "
                    f"{_pages_to_check(values['identifiers'])}, check every field against it, and list that page "
                    f"under checked."
                ),
            }
            path = f"sources/{record_id}.yaml"
            source = Source.model_validate(values)
            batch.sources[record_id] = source
            batch.origins[("sources", record_id)] = batch.origin("sources", record_id)
            remarks = {
                "kind": f"GUESSED from {kind_from}: check the study design and correct it.",
                "population": "From the paper: fill in what you can, then remove it from verification.unconfirmed.",
            }
            text = record_text(
                "sources",
                values,
                explain=False,
                template={*unconfirmed, "verification.checked", "notes"},
                remarks=remarks,
            )
            planned.append(NewSource(record_id, path, text, reference, kind_from, tuple(unconfirmed)))
    return planned, problems
