"""Checks across records: ids, references, duplicates and rules no single file can see."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from rapidfuzz import fuzz, process

from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.mirrors import is_mirror
from gluteclaims.kb.models import ID_PATTERN, Claim, Source
from gluteclaims.kb.problems import Problem, error, warning
from gluteclaims.kb.titles import normalise_title, similar_title_pairs

_ID = re.compile(ID_PATTERN)
BOTTOM_LINE_WORDS = 40


def check_knowledge_base(kb: KnowledgeBase) -> list[Problem]:
    """Every cross-record problem in the knowledge base."""
    ids = _Ids(kb)
    problems: list[Problem] = []
    for claim in kb.claims.values():
        problems += claim_problems(kb, claim, ids)
    for source in kb.sources.values():
        problems += source_problems(kb, source, ids)
    problems += check_shared_ids(kb)
    problems += check_duplicate_identifiers(kb)
    problems += check_similar_titles(kb)
    return problems


class _Ids:
    """Every id in sorted order, for 'did you mean' hints; listed only if a reference is wrong."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    @cached_property
    def sources(self) -> list[str]:
        return sorted(set(self.kb.sources) | self.kb.broken["sources"])

    @cached_property
    def claims(self) -> list[str]:
        return sorted(set(self.kb.claims) | self.kb.broken["claims"])


def _at(kb: KnowledgeBase, kind: str, record_id: str, loc: tuple) -> dict:
    origin = kb.origin(kind, record_id)
    line, column = origin.line_of(loc)
    return {"line": line, "column": column, "record": record_id}


def did_you_mean(wrong: str, choices) -> str | None:
    """The closest existing id, if any is close enough to be a typo."""
    match = process.extractOne(wrong, choices, scorer=fuzz.ratio, score_cutoff=70)
    return f"did you mean '{match[0]}'?" if match else None


def check_file_name(kb: KnowledgeBase, kind: str, record_id: str) -> Iterator[Problem]:
    """The file name is a safe id, and equals the record's id."""
    origin = kb.origin(kind, record_id)
    stem = origin.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if not _ID.fullmatch(stem):
        yield error(
            "E202",
            origin.path,
            f"file name '{stem}' is not a valid id",
            line=1,
            record=record_id,
            hint="use lower-case letters, digits and single hyphens",
        )
    if stem != record_id:
        yield error(
            "E201",
            origin.path,
            f"id '{record_id}' does not match the file name '{stem}'",
            **_at(kb, kind, record_id, ("id",)),
            hint=f"rename the file to {record_id}.yaml or change the id to '{stem}'",
        )


def check_shared_ids(kb: KnowledgeBase) -> Iterator[Problem]:
    """Claims and sources do not share ids."""
    for shared in sorted(set(kb.claims) & set(kb.sources)):
        yield error(
            "E203",
            kb.origin("claims", shared).path,
            f"id '{shared}' is used by a claim and by a source",
            **_at(kb, "claims", shared, ("id",)),
            hint="give the claim a statement-like id",
        )


def claim_problems(kb: KnowledgeBase, claim: Claim, ids: _Ids | None = None) -> Iterator[Problem]:
    """Everything wrong with one claim that its file alone does not show."""
    ids = ids or _Ids(kb)
    path = kb.origin("claims", claim.id).path
    yield from check_file_name(kb, "claims", claim.id)
    seen: dict[str, int] = {}
    for i, link in enumerate(claim.evidence):
        source = kb.sources.get(link.source)
        if source is None and not kb.source_exists(link.source):
            yield error(
                "E204",
                path,
                f"unknown source '{link.source}'",
                **_at(kb, "claims", claim.id, ("evidence", i, "source")),
                hint=did_you_mean(link.source, ids.sources),
            )
        if source is not None and source.is_popular:
            yield error(
                "E207",
                path,
                f"popular article '{link.source}' used as evidence",
                **_at(kb, "claims", claim.id, ("evidence", i, "source")),
                hint="popular articles are not evidence: move it to appearances",
            )
        if link.source in seen and claim.evidence[seen[link.source]].direction == link.direction:
            yield warning(
                "W203",
                path,
                f"source '{link.source}' is listed twice",
                **_at(kb, "claims", claim.id, ("evidence", i, "source")),
                hint="merge the two links",
            )
        seen.setdefault(link.source, i)
    for i, appearance in enumerate(claim.appearances):
        source = kb.sources.get(appearance.source)
        if source is None and not kb.source_exists(appearance.source):
            yield error(
                "E204",
                path,
                f"unknown source '{appearance.source}'",
                **_at(kb, "claims", claim.id, ("appearances", i, "source")),
                hint=did_you_mean(appearance.source, ids.sources),
            )
        if source is not None and not source.is_popular:
            yield error(
                "E209",
                path,
                f"appearance in '{appearance.source}', which is a {source.kind}, not a popular article",
                **_at(kb, "claims", claim.id, ("appearances", i, "source")),
                hint="studies go under evidence",
            )
    for i, relation in enumerate(claim.relations):
        if not kb.claim_exists(relation.claim):
            yield error(
                "E205",
                path,
                f"unknown claim '{relation.claim}'",
                **_at(kb, "claims", claim.id, ("relations", i, "claim")),
                hint=did_you_mean(relation.claim, ids.claims),
            )
        if relation.claim == claim.id:
            yield error(
                "E208",
                path,
                f"claim is related to itself ({relation.type})",
                **_at(kb, "claims", claim.id, ("relations", i, "claim")),
                hint="remove the relation",
            )
    yield from _what_readers_see(kb, claim, path)
    if not claim.evidence and not claim.no_evidence_note:
        yield warning(
            "W202",
            path,
            "no evidence and no no_evidence_note",
            **_at(kb, "claims", claim.id, ("statement",)),
            hint="link studies, or say what was searched",
        )


def source_problems(kb: KnowledgeBase, source: Source, ids: _Ids | None = None) -> Iterator[Problem]:
    """Identifiers present, verification consistent, review inclusions sensible, references resolved."""
    ids = ids or _Ids(kb)
    path = kb.origin("sources", source.id).path
    yield from check_file_name(kb, "sources", source.id)
    v = source.verification
    if not source.identifiers.any() and "identifiers" not in v.unconfirmed and v.status != "failed":
        yield error(
            "E210",
            path,
            "no DOI, PMID, PMCID, ISBN or URL",
            **_at(kb, "sources", source.id, ("identifiers",)),
            hint="add one, or list 'identifiers' under verification.unconfirmed",
        )
    if v.status == "partly-confirmed" and not v.unconfirmed:
        yield error(
            "E211",
            path,
            "partly-confirmed, but no field is listed as unconfirmed",
            **_at(kb, "sources", source.id, ("verification", "status")),
            hint="list the unconfirmed fields, or set status: confirmed",
        )
    if v.status == "confirmed" and v.unconfirmed:
        yield error(
            "E211",
            path,
            "confirmed, but fields are listed as unconfirmed",
            **_at(kb, "sources", source.id, ("verification", "unconfirmed")),
            hint="set status: partly-confirmed",
        )
    if v.status == "failed" and v.failure is None:
        yield error(
            "E211",
            path,
            "failed verification without saying how",
            **_at(kb, "sources", source.id, ("verification", "status")),
            hint="add failure: not-found or mis-cited",
        )
    if v.status != "failed" and v.failure is not None:
        yield error(
            "E211",
            path,
            f"failure '{v.failure}' given, but status is {v.status}",
            **_at(kb, "sources", source.id, ("verification", "failure")),
            hint="set status: failed, or remove failure",
        )
    yield from _mirrors(kb, source, path)
    for i, included in enumerate(source.includes):
        target = kb.sources.get(included)
        if target is None and not kb.source_exists(included):
            yield error(
                "E204",
                path,
                f"unknown source '{included}'",
                **_at(kb, "sources", source.id, ("includes", i)),
                hint=did_you_mean(included, ids.sources),
            )
        if target is not None and (target.is_popular or included == source.id):
            yield warning(
                "W204",
                path,
                f"includes '{included}', which is not a primary study",
                **_at(kb, "sources", source.id, ("includes", i)),
            )
    if v.resolved_to and not kb.source_exists(v.resolved_to):
        yield error(
            "E204",
            path,
            f"unknown source '{v.resolved_to}'",
            **_at(kb, "sources", source.id, ("verification", "resolved_to")),
            hint=did_you_mean(v.resolved_to, ids.sources),
        )


def _what_readers_see(kb: KnowledgeBase, claim: Claim, path: str) -> Iterator[Problem]:
    """The title and bottom line a trainer reads first: present, and the bottom line short."""
    for missing, lacks, hint in (
        ("title", "the page is headed by the bare statement", "the claim as the question a trainer would ask"),
        ("bottom_line", "the page has nothing to tell a client", "what to tell a client, in at most 40 plain words"),
    ):
        if not getattr(claim, missing):
            yield warning(
                "W206",
                path,
                f"no {missing}: {lacks}",
                **_at(kb, "claims", claim.id, ("statement",)),
                hint=f"add a {missing}: {hint}",
            )
    if claim.bottom_line and len(claim.bottom_line.split()) > BOTTOM_LINE_WORDS:
        yield warning(
            "W207",
            path,
            f"the bottom line has {len(claim.bottom_line.split())} words; a client hears at most {BOTTOM_LINE_WORDS}",
            **_at(kb, "claims", claim.id, ("bottom_line",)),
            hint="say what to do and how sure we are; the summary holds the rest",
        )


def _mirrors(kb: KnowledgeBase, source: Source, path: str) -> Iterator[Problem]:
    """Addresses of a study that name a copy or summary of its record instead of the record itself.

    A failed citation's `checked` lists where it was looked for, and a popular article is its own page.
    """
    v = source.verification
    if v.status == "failed" or source.is_popular:
        return
    addresses: list[tuple[tuple[str | int, ...], str]] = [
        (("verification", "checked", i), address) for i, address in enumerate(v.checked)
    ]
    if source.identifiers.url:
        addresses.append((("identifiers", "url"), source.identifiers.url))
    for loc, address in addresses:
        if is_mirror(address):
            yield warning(
                "W205",
                path,
                f"{'.'.join(str(k) for k in loc[:2])} names a copy or summary, not the record itself: {address}",
                **_at(kb, "sources", source.id, loc),
                hint=(
                    "give the canonical address of what you read (https://pubmed.ncbi.nlm.nih.gov/PMID/, "
                    "PMC, https://doi.org/DOI or the publisher's page) and say in verification.note where "
                    "you read it"
                ),
            )


_IDENTIFIER_FIELDS = ("doi", "pmid", "pmcid")


def _identifiers(source: Source) -> tuple[str | None, ...] | None:
    """A source's DOI, PMID and PMCID as compared (lower case); none for a failed citation."""
    if source.verification.status == "failed":
        return None
    found = source.identifiers
    return tuple(value.lower() if value else None for value in (found.doi, found.pmid, found.pmcid))


def check_duplicate_identifiers(kb: KnowledgeBase) -> Iterator[Problem]:
    """The same study recorded twice: same DOI, PMID or PMCID (failed citations excepted)."""
    keys = {source_id: _identifiers(source) for source_id, source in kb.sources.items()}
    for index, source_id, first in _repeated(keys):
        field = _IDENTIFIER_FIELDS[index]
        value = getattr(kb.sources[source_id].identifiers, field)
        yield error(
            "E206",
            kb.origin("sources", source_id).path,
            f"{field.upper()} {value} is also in source '{first}'",
            **_at(kb, "sources", source_id, ("identifiers", field)),
            hint="one study, one record: merge the two",
        )


def _repeated(keys: dict[str, tuple[str | None, ...] | None]) -> list[tuple[int, str, str]]:
    """(field index, source id, id of the first source with that value) for every repeat."""
    repeats = []
    for index in range(len(_IDENTIFIER_FIELDS)):
        seen: dict[str, str] = {}
        for source_id, values in keys.items():
            key = values[index] if values else None
            if key is None:
                continue
            if key in seen:
                repeats.append((index, source_id, seen[key]))
            else:
                seen[key] = source_id
    return repeats


def check_similar_titles(kb: KnowledgeBase) -> Iterator[Problem]:
    """Warn about two studies with near-identical titles."""
    titles = {
        i: s.title
        for i, s in kb.sources.items()
        if s.verification.status != "failed" and len(normalise_title(s.title)) > 20
    }
    for left, right, score in similar_title_pairs(titles):
        yield warning(
            "W201",
            kb.origin("sources", right).path,
            f"title is {score:.0f}% similar to source '{left}'",
            **_at(kb, "sources", right, ("title",)),
            hint="if they are the same study, merge them",
        )
