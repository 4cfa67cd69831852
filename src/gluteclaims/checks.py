"""Checks across records: ids, references, duplicates and rules no single file can see."""

from __future__ import annotations

import re
from typing import Iterator, Optional

from rapidfuzz import fuzz, process

from gluteclaims.knowledge import KnowledgeBase
from gluteclaims.models import ID_PATTERN
from gluteclaims.problems import Problem, error, warning

_ID = re.compile(ID_PATTERN)
TITLE_SIMILARITY = 95.0
TITLE_WINDOW = 4


def check_knowledge_base(kb: KnowledgeBase) -> list[Problem]:
    """Every cross-record problem in the knowledge base."""
    return [
        *check_ids(kb),
        *check_references(kb),
        *check_duplicate_identifiers(kb),
        *check_similar_titles(kb),
        *check_sources(kb),
        *check_claims(kb),
    ]


def _at(kb: KnowledgeBase, kind: str, record_id: str, loc: tuple) -> dict:
    origin = kb.origin(kind, record_id)
    line, column = origin.line_of(loc)
    return {"line": line, "column": column, "record": record_id}


def did_you_mean(wrong: str, choices) -> Optional[str]:
    """The closest existing id, if any is close enough to be a typo."""
    match = process.extractOne(wrong, choices, scorer=fuzz.ratio, score_cutoff=70)
    return f"did you mean '{match[0]}'?" if match else None


def check_ids(kb: KnowledgeBase) -> Iterator[Problem]:
    """File name equals id, file names are safe ids, and claims and sources do not share ids."""
    for (kind, record_id), origin in kb.origins.items():
        stem = origin.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if not _ID.match(stem):
            yield error("E202", origin.path, f"file name '{stem}' is not a valid id", line=1, record=record_id, hint="use lower-case letters, digits and single hyphens")
        if stem != record_id:
            yield error("E201", origin.path, f"id '{record_id}' does not match the file name '{stem}'", **_at(kb, kind, record_id, ("id",)), hint=f"rename the file to {record_id}.yaml or change the id to '{stem}'")
    for shared in sorted(set(kb.claims) & set(kb.sources)):
        yield error("E203", kb.origin("claims", shared).path, f"id '{shared}' is used by a claim and by a source", **_at(kb, "claims", shared, ("id",)), hint="give the claim a statement-like id")


def check_references(kb: KnowledgeBase) -> Iterator[Problem]:
    """Every referenced source and claim exists."""
    source_ids = sorted(set(kb.sources) | kb.broken["sources"])
    claim_ids = sorted(set(kb.claims) | kb.broken["claims"])
    for claim in kb.claims.values():
        path = kb.origin("claims", claim.id).path
        for i, link in enumerate(claim.evidence):
            if not kb.source_exists(link.source):
                yield error("E204", path, f"unknown source '{link.source}'", **_at(kb, "claims", claim.id, ("evidence", i, "source")), hint=did_you_mean(link.source, source_ids))
        for i, appearance in enumerate(claim.appearances):
            if not kb.source_exists(appearance.source):
                yield error("E204", path, f"unknown source '{appearance.source}'", **_at(kb, "claims", claim.id, ("appearances", i, "source")), hint=did_you_mean(appearance.source, source_ids))
        for i, relation in enumerate(claim.relations):
            if not kb.claim_exists(relation.claim):
                yield error("E205", path, f"unknown claim '{relation.claim}'", **_at(kb, "claims", claim.id, ("relations", i, "claim")), hint=did_you_mean(relation.claim, claim_ids))
    for source in kb.sources.values():
        path = kb.origin("sources", source.id).path
        for i, included in enumerate(source.includes):
            if not kb.source_exists(included):
                yield error("E204", path, f"unknown source '{included}'", **_at(kb, "sources", source.id, ("includes", i)), hint=did_you_mean(included, source_ids))
        target = source.verification.resolved_to
        if target and not kb.source_exists(target):
            yield error("E204", path, f"unknown source '{target}'", **_at(kb, "sources", source.id, ("verification", "resolved_to")), hint=did_you_mean(target, source_ids))


def check_duplicate_identifiers(kb: KnowledgeBase) -> Iterator[Problem]:
    """The same study recorded twice: same DOI, PMID or PMCID (failed citations excepted)."""
    for field in ("doi", "pmid", "pmcid"):
        seen: dict[str, str] = {}
        for source in kb.sources.values():
            value = getattr(source.identifiers, field)
            if not value or source.verification.status == "failed":
                continue
            key = value.lower()
            if key in seen:
                yield error("E206", kb.origin("sources", source.id).path, f"{field.upper()} {value} is also in source '{seen[key]}'", **_at(kb, "sources", source.id, ("identifiers", field)), hint="one study, one record: merge the two")
            else:
                seen[key] = source.id


_WORD = re.compile(r"[a-z0-9]+")


def normalise_title(title: str) -> str:
    """Lower-case words only, so punctuation and case do not hide a duplicate."""
    return " ".join(_WORD.findall(title.lower()))


def similar_title_pairs(titles: dict[str, str]) -> Iterator[tuple[str, str, float]]:
    """Pairs of ids whose titles are near-identical, without comparing every pair.

    Titles are compared with their neighbours in sorted order, forwards and by their words
    reversed, so a difference at either end is still found; the work grows as n log n.
    """
    return _similar_normalised({record_id: normalise_title(t) for record_id, t in titles.items()})


def _similar_normalised(normal: dict[str, str]) -> Iterator[tuple[str, str, float]]:
    words = {record_id: text.split() for record_id, text in normal.items()}
    orders = (
        sorted(normal, key=normal.__getitem__),
        sorted(normal, key=lambda i: " ".join(reversed(words[i]))),
        sorted(normal, key=lambda i: "".join(sorted(words[i]))),
    )
    found: set[tuple[str, str]] = set()
    ratio = fuzz.ratio
    for ordered in orders:
        texts = [normal[i] for i in ordered]
        for pos, text in enumerate(texts):
            for other in range(pos + 1, min(len(texts), pos + 1 + TITLE_WINDOW)):
                # With a cutoff, rapidfuzz gives up early on dissimilar titles and returns 0.
                score = ratio(text, texts[other], score_cutoff=TITLE_SIMILARITY)
                if score < TITLE_SIMILARITY:
                    continue
                left, right = ordered[pos], ordered[other]
                pair = (left, right) if left < right else (right, left)
                if pair not in found:
                    found.add(pair)
                    yield pair[0], pair[1], score


def check_similar_titles(kb: KnowledgeBase) -> Iterator[Problem]:
    """Warn about two studies with near-identical titles."""
    normal = {s.id: normalise_title(s.title) for s in kb.sources.values() if s.verification.status != "failed"}
    normal = {record_id: text for record_id, text in normal.items() if len(text) > 20}
    for left, right, score in _similar_normalised(normal):
        yield warning("W201", kb.origin("sources", right).path, f"title is {score:.0f}% similar to source '{left}'", **_at(kb, "sources", right, ("title",)), hint="if they are the same study, merge them")


def check_sources(kb: KnowledgeBase) -> Iterator[Problem]:
    """Identifiers present, verification consistent, review inclusions sensible."""
    for source in kb.sources.values():
        path = kb.origin("sources", source.id).path
        v = source.verification
        if not source.identifiers.any() and "identifiers" not in v.unconfirmed and v.status != "failed":
            yield error("E210", path, "no DOI, PMID, PMCID, ISBN or URL", **_at(kb, "sources", source.id, ("identifiers",)), hint="add one, or list 'identifiers' under verification.unconfirmed")
        if v.status == "partly-confirmed" and not v.unconfirmed:
            yield error("E211", path, "partly-confirmed, but no field is listed as unconfirmed", **_at(kb, "sources", source.id, ("verification", "status")), hint="list the unconfirmed fields, or set status: confirmed")
        if v.status == "confirmed" and v.unconfirmed:
            yield error("E211", path, "confirmed, but fields are listed as unconfirmed", **_at(kb, "sources", source.id, ("verification", "unconfirmed")), hint="set status: partly-confirmed")
        if v.status == "failed" and v.failure is None:
            yield error("E211", path, "failed verification without saying how", **_at(kb, "sources", source.id, ("verification", "status")), hint="add failure: not-found or mis-cited")
        if v.status != "failed" and v.failure is not None:
            yield error("E211", path, f"failure '{v.failure}' given, but status is {v.status}", **_at(kb, "sources", source.id, ("verification", "failure")), hint="set status: failed, or remove failure")
        for i, included in enumerate(source.includes):
            target = kb.sources.get(included)
            if target is not None and (target.is_popular or included == source.id):
                yield warning("W204", path, f"includes '{included}', which is not a primary study", **_at(kb, "sources", source.id, ("includes", i)))


def check_claims(kb: KnowledgeBase) -> Iterator[Problem]:
    """Popular articles are never evidence, claims do not relate to themselves, and more."""
    for claim in kb.claims.values():
        path = kb.origin("claims", claim.id).path
        seen: dict[str, int] = {}
        for i, link in enumerate(claim.evidence):
            source = kb.sources.get(link.source)
            if source is not None and source.is_popular:
                yield error("E207", path, f"popular article '{link.source}' used as evidence", **_at(kb, "claims", claim.id, ("evidence", i, "source")), hint="popular articles are not evidence: move it to appearances")
            if link.source in seen and claim.evidence[seen[link.source]].stance == link.stance:
                yield warning("W203", path, f"source '{link.source}' is listed twice", **_at(kb, "claims", claim.id, ("evidence", i, "source")), hint="merge the two links")
            seen.setdefault(link.source, i)
        for i, appearance in enumerate(claim.appearances):
            source = kb.sources.get(appearance.source)
            if source is not None and not source.is_popular:
                yield error("E209", path, f"appearance in '{appearance.source}', which is a {source.kind}, not a popular article", **_at(kb, "claims", claim.id, ("appearances", i, "source")), hint="studies go under evidence")
        for i, relation in enumerate(claim.relations):
            if relation.claim == claim.id:
                yield error("E208", path, f"claim is related to itself ({relation.type})", **_at(kb, "claims", claim.id, ("relations", i, "claim")), hint="remove the relation")
        if not claim.evidence and not claim.no_evidence_note:
            yield warning("W202", path, "no evidence and no no_evidence_note", **_at(kb, "claims", claim.id, ("statement",)), hint="link studies, or say what was searched")
