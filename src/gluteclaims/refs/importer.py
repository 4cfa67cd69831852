"""Turn references read from an export into new source records, refusing studies already present."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from pydantic import ValidationError
from rapidfuzz import fuzz

from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.models import ID_PATTERN, Source
from gluteclaims.kb.names import family_key, split_name
from gluteclaims.kb.parse import printable
from gluteclaims.kb.problems import Problem, error
from gluteclaims.kb.scaffold import record_text
from gluteclaims.kb.titles import TITLE_SIMILARITY, TITLE_WINDOW, normalise_title, title_orders
from gluteclaims.refs.reference import CANNOT_READ, NOT_A_SOURCE, Reference

ALREADY_PRESENT = "I002"
NO_TITLE = "I003"
NO_IDENTIFIER = "I004"

# Filled from the export; whatever is missing is listed as unconfirmed.
BIBLIOGRAPHIC = ("authors", "year", "venue", "volume", "issue", "pages")
# Never in an export: the contributor reads the paper for these.
FROM_THE_PAPER = ("population", "sample", "outcomes", "findings")
# When nothing says otherwise, the lowest-certainty primary design, so an unchecked import cannot raise a grade.
DEFAULT_KIND = "case-series"
# Identifiers that name one work: two records with different values of one of them are two works.
WORK_IDENTIFIERS = ("doi", "pmid", "pmcid")

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
# Entry types of BibTeX/biblatex (lower case), RIS (upper case) and CSL-JSON.
_ENTRY_TYPES = {
    "book": "book",
    "inbook": "book",
    "incollection": "book",
    "collection": "book",
    "proceedings": "book",
    "mvbook": "book",
    "BOOK": "book",
    "CHAP": "book",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "THES": "thesis",
}
# Web pages, news and blogs: popular articles, which are never evidence.
_WEB = {
    "online",
    "www",
    "webpage",
    "electronic",
    "ELEC",
    "WEB",
    "BLOG",
    "NEWS",
    "MGZN",
    "ICOMM",
    "post",
    "post-weblog",
    "article-newspaper",
    "article-magazine",
}
# Kinds of work the knowledge base has no record kind for; none of them is a study.
_NOT_SOURCES = {
    "patent": "a patent",
    "PAT": "a patent",
    "dataset": "a data set",
    "DATA": "a data set",
    "DBASE": "a data set",
    "AGGR": "a data set",
    "software": "software",
    "COMP": "software",
    "map": "a map",
    "MAP": "a map",
    "ART": "a work of art",
    "artwork": "a work of art",
    "VIDEO": "a video",
    "motion_picture": "a video",
    "broadcast": "a broadcast",
    "SOUND": "a sound recording",
    "song": "a sound recording",
    "standard": "a standard",
    "STAND": "a standard",
}
_MISC = {"misc", "GEN", ""}
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
# The characters `check` refuses in a value (E010): controls, zero-width characters, bidi overrides.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
_ID = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class NewSource:
    """A source record the import will write: its id, its file and where in the export it came from."""

    record_id: str
    path: str
    text: str
    reference: Reference
    kind_from: str
    unconfirmed: tuple[str, ...]


def not_a_source(reference: Reference) -> str | None:
    """What the reference is, when it is a kind of work the knowledge base does not record (a patent, say)."""
    return _NOT_SOURCES.get(reference.entry_type)


def guess_kind(reference: Reference) -> tuple[str, str]:
    """The source kind and what it was guessed from (publication type, entry type, title, or nothing)."""
    for publication_type in reference.publication_types:
        kind = _PUBLICATION_TYPES.get(publication_type.lower())
        if kind:
            return kind, f"PubMed publication type '{publication_type}'"
    kind = _ENTRY_TYPES.get(reference.entry_type)
    if kind:
        return kind, f"entry type '{reference.entry_type}'"
    if reference.entry_type in _WEB:
        return "popular-article", f"entry type '{reference.entry_type}' (a web page, never evidence)"
    if (
        reference.web_page
        and reference.entry_type in _MISC
        and not (reference.doi or reference.pmid or reference.pmcid)
    ):
        return "popular-article", "an access date or a web address as how it was published (a web page, never evidence)"
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
    # Hyphenated initials ('L-M') stay as written: without the hyphen they would read as two given names.
    if name.literal or "-" in name.given or not re.fullmatch(r"(?:[A-Z]\.?\s*)+", name.given):
        return text
    return f"{name.family}, {re.sub(r'[^A-Z]', '', name.given)}"


class SourceIndex:
    """Sources by identifier and by title, to find the one a reference duplicates in about log n steps.

    Titles are kept sorted the three ways kb.titles sorts them, so a near-identical title is among
    the few neighbours of the place a new title would take.
    """

    def __init__(self) -> None:
        self.by_identifier: dict[tuple[str, str], str] = {}
        self.identifiers: dict[str, dict[str, str]] = {}
        self.orders: list[list[tuple[str, str]]] = [[], [], []]
        self.normal: dict[str, str] = {}
        self.shown: dict[str, str] = {}

    def add(self, source_id: str, title: str, identifiers: dict[str, str | None], shown: str) -> None:
        """Index one source; `shown` is how a message names its file."""
        ids = {k: v for k, v in identifiers.items() if k in WORK_IDENTIFIERS and v}
        self.identifiers[source_id] = ids
        self.shown[source_id] = shown
        for name, value in ids.items():
            self.by_identifier.setdefault((name, value.lower()), source_id)
        normal = normalise_title(title)
        if len(normal) > 20:
            self.normal[source_id] = normal
            for order, key in zip(self.orders, title_orders(normal), strict=True):
                bisect.insort(order, (key, source_id))

    def find(self, reference: Reference) -> tuple[str, str] | None:
        """The id of a source recording this work, and why: same DOI, PMID or PMCID, else a near-identical title.

        A title is compared only when the two do not carry different DOIs, PMIDs or PMCIDs, so
        'Part I' and 'Part II' of one paper, each with its DOI, are two works.
        """
        ids = {n: (getattr(reference, n) or "").lower() for n in WORK_IDENTIFIERS}
        for name, value in ids.items():
            found = self.by_identifier.get((name, value)) if value else None
            if found:
                return found, f"same {name.upper()} {self.identifiers[found][name]}"
        normal = normalise_title(reference.title or "")
        if len(normal) <= 20:
            return None
        best: tuple[float, str] | None = None
        for order, key in zip(self.orders, title_orders(normal), strict=True):
            at = bisect.bisect_left(order, (key, ""))
            for _, source_id in order[max(0, at - TITLE_WINDOW) : at + TITLE_WINDOW]:
                other = self.identifiers[source_id]
                if any(ids[n] and other.get(n) and other[n].lower() != ids[n] for n in WORK_IDENTIFIERS):
                    continue
                score = fuzz.ratio(normal, self.normal[source_id], score_cutoff=TITLE_SIMILARITY)
                if score and (best is None or score > best[0]):
                    best = (score, source_id)
        return (best[1], f"{best[0]:.0f}% similar title") if best else None


def _index(kb: KnowledgeBase, failed: bool) -> SourceIndex:
    index = SourceIndex()
    for source in kb.sources.values():
        if (source.verification.status == "failed") == failed:
            index.add(source.id, source.title, source.identifiers.model_dump(), kb.origin("sources", source.id).path)
    return index


def find_existing(reference: Reference, kb: KnowledgeBase) -> tuple[str, str] | None:
    """The id of a source already recording this study, and why: same DOI, same PMID or near-identical title."""
    return _index(kb, failed=reference.failure is not None).find(reference)


def _suffixes() -> Iterable[str]:
    """b, c, ... z, then aa, ab, ...: letters only, so an id stays lower-case letters, digits and hyphens."""
    yield from "bcdefghijklmnopqrstuvwxyz"
    width = 2
    while True:
        for number in range(26**width):
            letters = ""
            for _ in range(width):
                number, digit = divmod(number, 26)
                letters = chr(ord("a") + digit) + letters
            yield letters
        width += 1


def new_id(reference: Reference, taken: set[str]) -> str:
    """The citation key when it is a valid id, else 'family-year' of the first author; b, c, ... when taken."""
    key = (reference.key or "").strip()
    if _ID.match(key) and re.search("[a-z]", key) and key not in taken:
        return key
    first = next(iter(reference.authors), None)
    stem = family_key(split_name(first)) if first else None
    if not stem:
        words = [w for w in normalise_title(reference.title or "").split() if len(w) > 3][:3]
        stem = "-".join(words) or "source"
    base = f"{stem}-{reference.year or 'nd'}"
    if base not in taken:
        return base
    return next(f"{base}{suffix}" for suffix in _suffixes() if f"{base}{suffix}" not in taken)


def _visible(value: object) -> object:
    if isinstance(value, str):
        return " ".join(_HIDDEN.sub("", value).split()) or None
    if isinstance(value, list):
        return [v for v in map(_visible, value) if v]
    if isinstance(value, dict):
        return {k: v for k, v in ((k, _visible(v)) for k, v in value.items()) if v}
    return value


def _values(reference: Reference, record_id: str, kind: str) -> tuple[dict, list[str]]:
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
            "doi": reference.doi,
            "pmid": reference.pmid,
            "pmcid": reference.pmcid,
            "isbn": reference.isbn,
            "url": reference.url,
        },
    }
    values = {k: _visible(v) for k, v in values.items()}
    values["identifiers"] = values["identifiers"] or {}
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
    if not pages and identifiers.get("url"):
        pages.append(identifiers["url"])
    return " or ".join(pages) if pages else "the publisher's page"


def _refusal(reference: Reference) -> Problem | None:
    """Why an entry cannot become a record, before any record is compared with it."""
    if not reference.title:
        return error(
            NO_TITLE,
            reference.path,
            f"{reference.named}: it has no title",
            line=reference.line,
            hint="add the title in your reference manager and export again",
        )
    what = not_a_source(reference)
    if what:
        return error(
            NOT_A_SOURCE,
            reference.path,
            f"{reference.named}: it is {what}, not a study, review, book, thesis or article",
            line=reference.line,
        )
    identified = reference.doi or reference.pmid or reference.pmcid or reference.isbn or reference.url
    if not identified and reference.failure is None:
        return error(
            NO_IDENTIFIER,
            reference.path,
            f"{reference.named}: no DOI, PMID, PMCID, ISBN or URL says which work it is",
            line=reference.line,
            hint="add one in your reference manager and export again",
        )
    return None


def _record(reference: Reference, record_id: str, source_file: str) -> tuple[dict, list[str], str]:
    """The record's values, the fields left unconfirmed, and what the kind was guessed from."""
    kind, kind_from = guess_kind(reference)
    values, unconfirmed = _values(reference, record_id, kind)
    unconfirmed = ["kind", *unconfirmed]
    if reference.failure is None:
        unconfirmed += FROM_THE_PAPER
        values["verification"] = {"status": "partly-confirmed", "unconfirmed": unconfirmed}
    else:
        values["verification"] = {"status": "failed", "unconfirmed": unconfirmed, "failure": reference.failure}
    _drop_invalid(values, unconfirmed)
    values["verification"]["note"] = (
        f"Imported from {source_file} ({reference.format}). Open {_pages_to_check(values['identifiers'])}, check "
        f"every field against it, and list that page under checked."
    )
    return values, unconfirmed, kind_from


def plan_import(
    references: Iterable[Reference], kb: KnowledgeBase, source_file: str, files: Iterable[str] = ()
) -> tuple[list[NewSource], list[Problem]]:
    """The records an import would write, and a problem for each reference refused.

    Each reference is planned or refused on its own. `files` names what is in claims/ and
    sources/ already: a new id never takes the name of a file there, nor of a record's file
    whose id differs from its name.
    """
    planned: list[NewSource] = []
    problems: list[Problem] = []
    taken = set(kb.sources) | set(kb.claims) | kb.broken["sources"] | kb.broken["claims"]
    # Lower-cased, as a file system that ignores case would find Smith-2020.yml in the way of smith-2020.yaml.
    taken |= {
        name.rsplit("/", 1)[-1].partition(".")[0].lower()
        for name in (*files, *(origin.path for origin in kb.origins.values()))
    }
    # Failed citations are compared with failed citations only: a real study may share a citation's title.
    existing = {failed: _index(kb, failed) for failed in (False, True)}
    batch = {failed: SourceIndex() for failed in (False, True)}
    for reference in references:
        refusal = _refusal(reference)
        if refusal:
            problems.append(refusal)
            continue
        failed = reference.failure is not None
        for where, index in (("the knowledge base", existing[failed]), ("this file", batch[failed])):
            found = index.find(reference)
            if found:
                other, why = found
                problems.append(
                    error(
                        ALREADY_PRESENT,
                        reference.path,
                        f"{printable(reference.title or '', limit=70)} is already in {where} "
                        f"as {index.shown[other]} ({why})",
                        line=reference.line,
                        record=other,
                        hint=f"link the existing source '{other}' instead of importing it again",
                    )
                )
                break
        else:
            try:
                values, unconfirmed, kind_from = _record(reference, "new-source", source_file)
                # The id is made last, so a year the model refused does not end up in it.
                record_id = new_id(replace(reference, year=values.get("year")), taken)
                values["id"] = record_id
                Source.model_validate(values)
            except ValidationError as exc:
                problems.append(
                    error(
                        CANNOT_READ,
                        reference.path,
                        f"{reference.named}: {exc.errors()[0]['msg']} in {exc.errors()[0]['loc']}",
                        line=reference.line,
                    )
                )
                continue
            taken.add(record_id)
            path = f"sources/{record_id}.yaml"
            batch[failed].add(record_id, values["title"], values["identifiers"], f"{path} (new)")
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
