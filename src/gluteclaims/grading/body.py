"""The body of evidence for one claim: which links answer its question, and which are only context.

GRADE rates the certainty of a body of evidence answering one question, never of single
studies. Here the body is chosen from a claim's evidence links:
- popular articles, failed citations and retracted studies never count;
- opinion, books and narrative reviews (no comparison) are context;
- a study included in a counted review counts through the review; an older review updated
  by a counted one, or overlapping it, is context;
- results whose direction is not reported are context;
- direct evidence (every PICO element direct) is the body when any exists, and indirect
  evidence is then context; only without direct evidence does indirect evidence count;
- of the designs left, the one that starts at the highest certainty is the body (randomised
  before observational, unless the question is one of association, where well-done
  observational studies start high).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.models import Claim, EvidenceLink, Source

# The design a link's comparison is taken to have when nobody has judged it, from the source's kind.
KIND_DESIGNS: dict[str, str | None] = {
    "randomised-trial": "randomised",
    "cohort": "observational",
    "case-control": "observational",
    "cross-sectional": "observational",
    "case-series": "uncontrolled",
    "narrative-review": "none",
    "expert-opinion": "none",
    "book": "none",
    "crossover": None,  # randomised order or not: not known until judged
    "thesis": None,
    "meta-analysis": None,
    "systematic-review": None,
}
POOLED_DESIGNS = {
    "randomised-trial": "randomised",
    "crossover": "randomised",
    "cohort": "observational",
    "case-control": "observational",
    "cross-sectional": "observational",
    "case-series": "uncontrolled",
}
REVIEW_KINDS = ("meta-analysis", "systematic-review")


@dataclass(frozen=True)
class Item:
    """One evidence link with its source and the design its comparison is taken to have."""

    link: EvidenceLink
    source: Source
    design: str  # a ComparisonDesign, or "unjudged"

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def participants(self) -> int | None:
        """Participants analysed in this comparison: the link's own count, else the source's (a review's pooled N)."""
        if self.link.participants is not None:
            return self.link.participants
        return self.source.sample.participants if self.source.sample else None


@dataclass(frozen=True)
class Body:
    """The links that answer the claim's question, and what was set aside, each with why."""

    items: tuple[Item, ...]
    direct: bool
    context: tuple[tuple[str, str], ...]
    excluded: tuple[tuple[str, str], ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)


def comparison_design(link: EvidenceLink, source: Source) -> str:
    """The design of a link's comparison: as judged on the link, else as the source's kind fixes it, else 'unjudged'."""
    if link.design:
        return link.design
    if source.kind in REVIEW_KINDS and source.pooled_design:
        return POOLED_DESIGNS[source.pooled_design]
    return KIND_DESIGNS.get(source.kind) or "unjudged"


def _never_counts(source: Source | None) -> str | None:
    if source is None:
        return "no valid record for this source"
    if source.is_popular:
        return "popular article: never evidence"
    if source.verification.status == "failed":
        v = source.verification
        why = "citation failed verification: " + (
            "no such study could be found" if v.failure == "not-found" else "the study is mis-cited"
        )
        return why + (f", probably meaning {v.resolved_to}" if v.resolved_to else "")
    if any(flag.flag == "retraction" for flag in source.integrity):
        return "retracted"
    return None


def _indirect_why(link: EvidenceLink) -> str:
    elements = " and ".join(link.directness.elements_not_direct)
    if link.directness.outcome in ("surrogate", "validated-surrogate"):
        elements = elements.replace(
            "outcome", f"outcome ({'validated ' if link.directness.outcome == 'validated-surrogate' else ''}surrogate)"
        )
    return f"indirect {elements}" + (f": {link.directness.why}" if link.directness.why else "")


def body_of_evidence(claim: Claim, kb: KnowledgeBase, starts: Mapping[str, int]) -> Body:
    """The body of evidence that answers the claim's question, as the module docstring says."""
    excluded: list[tuple[str, str]] = []
    context: list[tuple[str, str]] = []
    items: list[Item] = []
    for link in claim.first_link_per_source:
        source = kb.sources.get(link.source)
        why = _never_counts(source)
        if why or source is None:
            excluded.append((link.source, why or "no valid record for this source"))
            continue
        design = comparison_design(link, source)
        if design == "none":
            context.append((source.id, f"{source.kind.replace('-', ' ')}: no comparison of its own, so context only"))
        else:
            items.append(Item(link, source, design))
    seen = {link.source for link in claim.evidence}
    for appearance in claim.appearances:
        if appearance.source not in seen:
            seen.add(appearance.source)
            excluded.append(
                (appearance.source, f"popular article that {appearance.position} the claim: never evidence")
            )
    items = _once(items, context)
    context.extend(
        (item.id, "the direction of its result for this question is not reported")
        for item in items
        if item.link.direction == "not-reported"
    )
    reported = [item for item in items if item.link.direction != "not-reported"]
    direct = [item for item in reported if item.link.is_direct]
    if direct:
        context.extend(
            (item.id, f"{_indirect_why(item.link)}; direct evidence exists")
            for item in reported
            if not item.link.is_direct
        )
        reported = direct
    if reported:
        # The body is the evidence of the design that starts highest (`starts`: design -> level).
        best = max(starts[item.design] for item in reported)
        context.extend(
            (item.id, f"a {item.design.replace('-', ' ')} comparison, where evidence of a stronger design exists")
            for item in reported
            if starts[item.design] < best
        )
        reported = [item for item in reported if starts[item.design] == best]
    return Body(tuple(reported), bool(direct), tuple(context), tuple(excluded))


def _once(items: list[Item], context: list[tuple[str, str]]) -> list[Item]:
    """Evidence counted once: studies through the review that includes them, reviews through their update."""
    reviews = {item.id: item for item in items if item.source.kind in REVIEW_KINDS}
    kept: list[Item] = []
    for item in items:
        updater = next((r for r in reviews.values() if r.source.updates == item.id), None)
        container = next((r for r in reviews.values() if item.id in r.source.includes and r.id != item.id), None)
        overlapping = next(
            (
                r
                for r in reviews.values()
                if r.id != item.id
                and item.id in reviews
                and _newer(r.source, item.source)
                and set(r.source.includes) & set(item.source.includes)
            ),
            None,
        )
        if updater is not None:
            context.append((item.id, f"updated by {updater.id}, which is counted"))
        elif container is not None:
            context.append((item.id, f"included in review {container.id}, which is counted"))
        elif overlapping is not None:
            context.append((item.id, f"overlaps with the newer review {overlapping.id}, which is counted"))
        else:
            kept.append(item)
    return kept


def _newer(a: Source, b: Source) -> bool:
    return (a.year or 0, a.id) > (b.year or 0, b.id)
