"""schema.org ClaimReview JSON-LD for a graded claim, as fact-check readers and search engines read it."""

from __future__ import annotations

from gluteclaims.grading.grade import Grade
from gluteclaims.grading.labels import CERTAINTY_LABELS, verdict_words
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.models import Claim, Source
from gluteclaims.refs.cite import given_and_suffix, person, title

PUBLISHER = "gluteclaims"
# An ordinal truth scale: evidence for the opposite is worst, support best; what the evidence cannot
# decide (conflicting, uncertain, not studied) sits between "little or no difference" and support.
RATINGS: dict[str, int] = {
    "opposite": 1,
    "little-or-no-difference": 2,
    "conflicting": 3,
    "uncertain": 3,
    "not-studied": 3,
    "supported": 4,
}
BEST_RATING = max(RATINGS.values())
WORST_RATING = min(RATINGS.values())


def claim_url(base_url: str, claim_id: str) -> str:
    """The address of a claim's page on the site."""
    return f"{base_url.rstrip('/')}/claims/{claim_id}/"


def rating_label(grade: Grade) -> str:
    """The textual rating, e.g. 'Little or no difference (low certainty)'."""
    certainty = f" ({CERTAINTY_LABELS[grade.certainty]} certainty)" if grade.certainty else ""
    return f"{verdict_words(grade.verdict)}{certainty}"


def _person(author: str) -> dict:
    name = person(author)
    if name.literal:
        return {"@type": "Organization", "name": name.literal}
    given, suffix = given_and_suffix(name.given)
    return {"@type": "Person", "name": " ".join(part for part in (given, name.family, suffix) if part)}


def _authors(source: Source) -> list[dict]:
    """Who made a source: its authors, else the site or publisher it appeared on."""
    if source.authors:
        return [_person(a) for a in source.authors]
    return [{"@type": "Organization", "name": source.venue}] if source.venue else []


def _creative_work(source: Source) -> dict:
    work: dict = {"@type": "CreativeWork", "headline": title(source)}
    if source.identifiers.url:
        work["url"] = source.identifiers.url
    if source.authors:
        work["author"] = [_person(a) for a in source.authors]
    if source.year:
        work["datePublished"] = str(source.year)
    if source.venue:
        work["publisher"] = {"@type": "Organization", "name": source.venue}
    return work


def claimreview(
    claim: Claim, grade: Grade, kb: KnowledgeBase, base_url: str, *, date_published: str | None = None
) -> dict:
    """The ClaimReview of one claim: what is claimed, where it appears, and our rating of it.

    `date_published` (ISO date) is when the review was last changed; it is left out when unknown.
    """
    asserting = [kb.sources[a.source] for a in claim.appearances if a.position == "asserts" and a.source in kb.sources]
    item: dict = {"@type": "Claim", "name": claim.statement}
    if asserting:
        item["appearance"] = [_creative_work(s) for s in asserting]
        dated = [s for s in asserting if s.year]
        first = min(dated, key=lambda s: s.year or 0) if dated else asserting[0]
        item["firstAppearance"] = _creative_work(first)
        # Who made the claim and when, as fact-check readers look for them on the claim itself.
        if _authors(first):
            item["author"] = _authors(first)
        if first.year:
            item["datePublished"] = str(first.year)
    review: dict = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim_url(base_url, claim.id),
        "claimReviewed": claim.statement,
        "reviewBody": claim.summary,
        "author": {"@type": "Organization", "name": PUBLISHER, "url": base_url},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS[grade.verdict],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": rating_label(grade),
        },
        "itemReviewed": item,
    }
    if date_published:
        review["datePublished"] = date_published
    return review
