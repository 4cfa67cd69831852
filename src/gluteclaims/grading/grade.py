"""Grade each claim as GRADE does: the certainty of the body of evidence that answers its question.

Start from the body's design, rate down for risk of bias, inconsistency, indirectness,
imprecision and publication bias, rate observational bodies up for a large effect or a
dose-response gradient, cap at a review's own rating, then let a reviewer's recorded
judgement replace any domain's suggestion. The verdict follows the direction of the results
(never a count of significant ones), and the statement says it the way Cochrane does.
Every number lives in `Rubric`; the methodology page is generated from it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from gluteclaims.grading.body import Body, Item, body_of_evidence
from gluteclaims.grading.labels import (
    CERTAINTIES,
    CERTAINTY_LABELS,
    HIGH,
    Certainty,
    Verdict,
    levels_in_words,
    summary_words,
)
from gluteclaims.grading.statement import informative_statement
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.models import Claim


def _default_starts() -> dict[str, int]:
    return {"randomised": 4, "non-randomised": 2, "observational": 2, "uncontrolled": 1, "unjudged": 3}


@dataclass(frozen=True)
class Rubric:
    """Every number the grading uses; the methodology page is generated from these."""

    starts: dict[str, int] = field(default_factory=_default_starts)
    association_observational_start: int = 4
    consensus_share: float = 0.75  # share of participants whose results point one way for that to be the verdict
    conflict_share: float = 0.25  # each of two opposite directions at least this share: conflicting
    rob_scores: dict[str, float] = field(default_factory=lambda: {"low": 0.0, "some-concerns": 0.5, "high": 1.0})
    unassessed_rob_score: float = 0.5
    # Mean risk-of-bias score (weighted by participants) from which to rate down one level: worse than
    # "some concerns" throughout.
    serious_rob: float = 0.6
    very_serious_rob: float = 0.9
    serious_heterogeneity: float = 75.0  # I-squared (%) a review reports
    optimal_information_size: int = 400  # participants, for continuous outcomes (GRADE's rule of thumb)
    very_small_body: int = 100
    large_effect_levels: dict[str, int] = field(default_factory=lambda: {"large": 1, "very-large": 2})
    judgement_departure_warning: int = 2

    def start(self, design: str, claim_type: str | None) -> int:
        """The certainty a body of this design starts at, for this type of question."""
        if design == "observational" and claim_type == "association":
            return self.association_observational_start
        return self.starts[design]


RUBRIC = Rubric()


@dataclass(frozen=True)
class Reason:
    """One step of the grade: how far it moved certainty, in words, and the sources behind it."""

    rule: str
    effect: int
    sentence: str
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return {"rule": self.rule, "effect": self.effect, "sentence": self.sentence, "sources": list(self.sources)}


@dataclass(frozen=True)
class Rating:
    """One GRADE domain: the computed suggestion, the levels applied, and whether a reviewer's judgement set them."""

    domain: str
    suggested: int
    levels: int
    judged: bool
    reason: str
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return {
            "domain": self.domain,
            "suggested": self.suggested,
            "levels": self.levels,
            "judged": self.judged,
            "reason": self.reason,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Grade:
    """The verdict, certainty and statement for one claim, with the reasons that produced them."""

    claim: str
    verdict: Verdict
    certainty: Certainty | None
    statement: str
    reasons: tuple[Reason, ...]
    counted: tuple[str, ...]
    context: tuple[tuple[str, str], ...] = ()
    excluded: tuple[tuple[str, str], ...] = ()
    ratings: tuple[Rating, ...] = ()

    @property
    def summary(self) -> str:
        """'supported, moderate certainty' in plain words ('not studied' alone)."""
        return summary_words(self.verdict, self.certainty)

    @property
    def not_counted(self) -> dict[str, str]:
        """Why each source that bears on the claim but is not counted was left out or kept as context."""
        return dict(self.excluded) | dict(self.context)

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return {
            "claim": self.claim,
            "verdict": self.verdict,
            "summary": self.summary,
            "certainty": self.certainty,
            "certainty_label": CERTAINTY_LABELS[self.certainty] if self.certainty else None,
            "statement": self.statement,
            "reasons": [r.to_dict() for r in self.reasons],
            "ratings": [r.to_dict() for r in self.ratings],
            "counted": list(self.counted),
            "context": [{"source": s, "why": why} for s, why in self.context],
            "excluded": [{"source": s, "why": why} for s, why in self.excluded],
        }


def clamp_level(level: int) -> int:
    """A certainty level kept between very low (1) and high (4)."""
    return max(1, min(HIGH, level))


def _weights(items: tuple[Item, ...]) -> dict[str, float]:
    """Each item's weight: its participants; an item whose count is unknown weighs as the smallest known one."""
    known = [item.participants for item in items if item.participants]
    fallback = float(min(known)) if known else 1.0
    return {item.id: float(item.participants) if item.participants else fallback for item in items}


def direction_of(items: tuple[Item, ...], rubric: Rubric = RUBRIC) -> tuple[str, dict[str, float]]:
    """The body's direction (or 'conflicting') and each direction's share of participants."""
    weights = _weights(items)
    total = sum(weights.values()) or 1.0
    shares = {
        d: sum(weights[i.id] for i in items if i.link.direction == d) / total
        for d in ("favours-claim", "little-or-no-difference", "favours-opposite")
    }
    if shares["favours-claim"] >= rubric.conflict_share and shares["favours-opposite"] >= rubric.conflict_share:
        return "conflicting", shares
    leading = max(shares, key=lambda d: shares[d])
    if shares[leading] < rubric.consensus_share and min(shares["favours-claim"], shares["favours-opposite"]) > 0:
        return "conflicting", shares
    return leading, shares


def _ids(items) -> tuple[str, ...]:
    return tuple(item.id for item in items)


def _names(items) -> str:
    return ", ".join(item.id for item in items)


def _risk_of_bias(items: tuple[Item, ...], rubric: Rubric) -> Rating:
    weights = _weights(items)
    total = sum(weights.values()) or 1.0
    scores, unassessed, high = 0.0, [], []
    for item in items:
        rob = item.source.risk_of_bias
        concern = any(flag.flag != "retraction" for flag in item.source.integrity)
        score = 1.0 if concern else (rubric.rob_scores[rob.rating] if rob else rubric.unassessed_rob_score)
        if rob is None and not concern:
            unassessed.append(item)
        if score >= 1.0:
            high.append(item)
        scores += score * weights[item.id]
    mean = scores / total
    levels = -2 if mean >= rubric.very_serious_rob else -1 if mean >= rubric.serious_rob else 0
    parts = []
    if high:
        parts.append(f"high risk of bias or an integrity concern in {_names(high)}")
    if unassessed:
        parts.append(f"risk of bias not yet assessed for {_names(unassessed)}")
    detail = "; ".join(parts) or "no counted study is at high risk of bias"
    return Rating(
        "risk-of-bias", levels, levels, False, f"{detail} (weighted score {mean:.2f} of 1)", _ids(high + unassessed)
    )


def _inconsistency(items: tuple[Item, ...], direction: str, rubric: Rubric) -> Rating:
    if direction == "conflicting":
        return Rating("inconsistency", -1, -1, False, "the results point in opposite directions", _ids(items))
    precise_for = [i for i in items if i.link.direction == "favours-claim" and i.link.interval == "rules-in"]
    precise_against = [
        i
        for i in items
        if (i.link.direction == "favours-opposite" and i.link.interval == "rules-in")
        or (i.link.direction == "little-or-no-difference" and i.link.interval == "rules-out")
    ]
    if precise_for and precise_against:
        return Rating(
            "inconsistency",
            -1,
            -1,
            False,
            f"precise results disagree: {_names(precise_for)} against {_names(precise_against)}",
            _ids(precise_for + precise_against),
        )
    heterogeneous = [
        i for i in items if i.link.heterogeneity is not None and i.link.heterogeneity >= rubric.serious_heterogeneity
    ]
    if heterogeneous:
        detail = ", ".join(f"{i.id} (I² = {i.link.heterogeneity:g}%)" for i in heterogeneous)
        return Rating(
            "inconsistency",
            -1,
            -1,
            False,
            f"a review reports considerable heterogeneity: {detail}",
            _ids(heterogeneous),
        )
    return Rating(
        "inconsistency", 0, 0, False, "no precise results disagree and no review reports considerable heterogeneity"
    )


def _indirectness(body: Body) -> Rating:
    if body.direct or not body.items:
        return Rating("indirectness", 0, 0, False, "the counted evidence answers the question directly")

    # The most direct counted link sets the level: rating down for the best of the indirect evidence.
    def severity(item: Item) -> int:
        d = item.link.directness
        if d.outcome == "surrogate" or len(d.elements_not_direct) >= 2:
            return 2
        return 1

    best = min(body.items, key=severity)
    levels = -severity(best)
    elements = ", ".join(best.link.directness.elements_not_direct)
    why = f": {best.link.directness.why}" if best.link.directness.why else ""
    kind = "very serious" if levels == -2 else "serious"
    return Rating(
        "indirectness",
        levels,
        levels,
        False,
        f"no direct evidence; {kind} indirectness even in the most direct study, {best.id} (indirect {elements}{why})",
        _ids(body.items),
    )


def _imprecision(items: tuple[Item, ...], rubric: Rubric) -> tuple[Rating, bool]:
    """The imprecision rating, and whether an important effect remains possible."""
    known = [i for i in items if i.participants]
    total = sum(i.participants or 0 for i in known)
    size = f"{total} participants" + (
        f" (sample size not recorded for {_names([i for i in items if not i.participants])})"
        if len(known) < len(items)
        else ""
    )
    judged = [i for i in items if i.link.interval != "not-reported"]
    if judged:
        crossing = [i for i in judged if i.link.interval == "crosses"]
        if len(crossing) == len(judged):
            levels = -2 if total < rubric.very_small_body else -1
            return Rating(
                "imprecision",
                levels,
                levels,
                False,
                f"the confidence intervals include both an important effect and one too small to matter "
                f"({_names(crossing)}); {size}",
                _ids(crossing),
            ), True
        if total < rubric.optimal_information_size:
            return Rating(
                "imprecision",
                -1,
                -1,
                False,
                (
                    f"the intervals are clear of the important difference, but {size} is below the optimal "
                    f"information size of {rubric.optimal_information_size}"
                ),
                _ids(items),
            ), False
        return Rating(
            "imprecision", 0, 0, False, f"the intervals are clear of the important difference; {size}", _ids(items)
        ), False
    if not known:
        return Rating(
            "imprecision", -1, -1, False, "no interval is reported and no sample size is recorded", _ids(items)
        ), True
    if total < rubric.very_small_body:
        return Rating(
            "imprecision", -2, -2, False, f"no interval is reported and the body is very small: {size}", _ids(items)
        ), True
    if total < rubric.optimal_information_size:
        return Rating(
            "imprecision",
            -1,
            -1,
            False,
            (
                f"no interval is reported and {size} is below the optimal information size of "
                f"{rubric.optimal_information_size}"
            ),
            _ids(items),
        ), True
    return Rating(
        "imprecision",
        0,
        0,
        False,
        f"{size}, above the optimal information size of {rubric.optimal_information_size}",
        _ids(items),
    ), False


def _rate_up(items: tuple[Item, ...], start: int, rated_down: bool, rubric: Rubric) -> list[Rating]:
    """Large effect and dose-response: only for observational bodies, and only when nothing was rated down."""
    if start >= HIGH - 1 or rated_down:
        why = "only observational evidence with nothing rated down can be rated up"
        return [Rating("large-effect", 0, 0, False, why), Rating("dose-response", 0, 0, False, why)]
    large = [i for i in items if i.link.effect_size]
    up = max((rubric.large_effect_levels[i.link.effect_size] for i in large if i.link.effect_size), default=0)
    gradient = [i for i in items if i.link.dose_response]
    return [
        Rating(
            "large-effect",
            up,
            up,
            False,
            f"a large effect is reported by {_names(large)}" if large else "no large effect is reported",
            _ids(large),
        ),
        Rating(
            "dose-response",
            1 if gradient else 0,
            1 if gradient else 0,
            False,
            f"a dose-response gradient is reported by {_names(gradient)}"
            if gradient
            else "no dose-response gradient is reported",
            _ids(gradient),
        ),
    ]


def _review_cap(items: tuple[Item, ...]) -> tuple[int, Item, str] | None:
    """The lowest certainty a counted review gave its own evidence on this outcome, with the review and its rating."""
    found = []
    for item in items:
        for rating in item.source.certainty_ratings:
            if rating.outcome == item.link.outcome:
                found.append((CERTAINTIES.index(rating.certainty) + 1, item, rating.certainty))
    return min(found, key=lambda f: f[0]) if found else None


def _judged(rating: Rating, claim: Claim) -> Rating:
    judgement = next((j for j in claim.judgements if j.domain == rating.domain), None)
    if judgement is None:
        return rating
    return Rating(
        rating.domain, rating.suggested, judgement.levels, True, judgement.reason or "no reason given", rating.sources
    )


def grade_claim(claim: Claim, kb: KnowledgeBase, rubric: Rubric = RUBRIC) -> Grade:
    """Verdict, certainty and informative statement for one claim, from the body of evidence that answers it."""
    claim_type = claim.question.type if claim.question else None
    starts = {design: rubric.start(design, claim_type) for design in rubric.starts}
    body = body_of_evidence(claim, kb, starts)
    reasons: list[Reason] = []
    if body.excluded:
        reasons.append(
            Reason(
                "not-counted",
                0,
                "Never counted: " + "; ".join(f"{s} ({why})" for s, why in body.excluded) + ".",
                tuple(s for s, _ in body.excluded),
            )
        )
    if body.context:
        reasons.append(
            Reason(
                "context",
                0,
                "Context, not counted: " + "; ".join(f"{s} ({why})" for s, why in body.context) + ".",
                tuple(s for s, _ in body.context),
            )
        )
    if not body.items:
        reasons.append(
            Reason(
                "not-studied",
                0,
                "No study in the knowledge base answers this question with a result whose direction is reported.",
            )
        )
        return Grade(
            claim.id,
            "not-studied",
            None,
            informative_statement(claim, "not-studied", None),
            tuple(reasons),
            (),
            body.context,
            body.excluded,
        )
    direction, shares = direction_of(body.items, rubric)
    design = body.items[0].design
    start = starts[design]
    share_words = ", ".join(
        f"{share:.0%} {name}"
        for name, share in zip(
            ("favour the claim", "show little or no difference", "favour the opposite"), shares.values(), strict=True
        )
        if share
    )
    reasons.append(
        Reason(
            "body",
            0,
            (
                f"The body of evidence: {_names(body.items)} ({'direct' if body.direct else 'indirect'} "
                f"evidence; by participants, {share_words})."
            ),
            body.ids,
        )
    )
    reasons.append(
        Reason(
            "start",
            0,
            (
                f"Starts at {CERTAINTY_LABELS[CERTAINTIES[start - 1]]} certainty: a body of {design.replace('-', ' ')} "
                f"comparisons"
            )
            + (" (design not yet judged: between randomised and observational)" if design == "unjudged" else "")
            + ".",
            body.ids,
        )
    )
    down = [_risk_of_bias(body.items, rubric), _inconsistency(body.items, direction, rubric), _indirectness(body)]
    imprecision, important_possible = _imprecision(body.items, rubric)
    down += [imprecision, Rating("publication-bias", 0, 0, False, "not suspected: no review in the body reports it")]
    down = [_judged(r, claim) for r in down]
    rated_down = any(r.levels < 0 for r in down)
    ratings = down + [_judged(r, claim) for r in _rate_up(body.items, start, rated_down, rubric)]
    level = start
    for rating in ratings:
        if rating.levels == 0:
            continue
        before = level
        level = clamp_level(level + rating.levels)
        verb = "Rated down" if rating.levels < 0 else "Rated up"
        by = "judged by a reviewer" if rating.judged else "computed"
        moved = (
            ""
            if level - before == rating.levels
            else (
                f" (certainty was already {CERTAINTY_LABELS[CERTAINTIES[before - 1]]})"
                if level == before
                else f" (certainty moved only {levels_in_words(level - before)})"
            )
        )
        reasons.append(
            Reason(
                rating.domain,
                level - before,
                (
                    f"{verb} {levels_in_words(rating.levels)} for {rating.domain.replace('-', ' ')} ({by}): "
                    f"{rating.reason}{moved}."
                ),
                rating.sources,
            )
        )
    for rating in ratings:
        if rating.judged and rating.levels == 0:
            reasons.append(
                Reason(
                    rating.domain,
                    0,
                    (
                        f"Not rated for {rating.domain.replace('-', ' ')} (judged by a reviewer; computed: "
                        f"{rating.suggested}): {rating.reason}."
                    ),
                    rating.sources,
                )
            )
    cap = _review_cap(body.items)
    if cap and cap[0] < level:
        cap_level, review, rated = cap
        judgement = next((j for j in claim.judgements if j.domain == "review-rating"), None)
        suggested = cap_level - level
        if judgement is None:
            sentence = (
                f"Capped at {CERTAINTY_LABELS[rated]} certainty: {review.id} rated its own evidence "
                f"{CERTAINTY_LABELS[rated]}, and no reviewer recorded why ours should differ."
            )
            rating = Rating("review-rating", suggested, suggested, False, f"{review.id} rated its own evidence {rated}")
            level = cap_level
        else:
            why = judgement.reason or "no reason given"
            sentence = f"Not capped at {review.id}'s own rating ({CERTAINTY_LABELS[rated]}): {why}."
            rating = Rating("review-rating", suggested, 0, True, why)
        reasons.append(Reason("review-rating", rating.levels, sentence, (review.id,)))
        ratings.append(dataclasses.replace(rating, sources=(review.id,)))
    certainty: Certainty = CERTAINTIES[level - 1]
    verdict = _verdict(direction, certainty, important_possible)
    if verdict == "uncertain" and certainty != "very-low":
        reasons.append(
            Reason(
                "uncertain",
                0,
                (
                    "Verdict: uncertain, because the studies found little or no difference but were too "
                    "imprecise to rule out an important effect."
                ),
                body.ids,
            )
        )
    return Grade(
        claim.id,
        verdict,
        certainty,
        informative_statement(claim, verdict, certainty),
        tuple(reasons),
        body.ids,
        body.context,
        body.excluded,
        tuple(ratings),
    )


def _verdict(direction: str, certainty: Certainty, important_possible: bool) -> Verdict:
    if certainty == "very-low":
        return "uncertain"
    if direction == "little-or-no-difference":
        # "No difference" from studies too small to rule out an important one is absence of evidence.
        return "uncertain" if important_possible else "little-or-no-difference"
    return {"favours-claim": "supported", "favours-opposite": "opposite", "conflicting": "conflicting"}[direction]  # type: ignore[return-value]


def grade_all(kb: KnowledgeBase, rubric: Rubric = RUBRIC) -> dict[str, Grade]:
    """A grade for every claim, by claim id in sorted order."""
    return {claim_id: grade_claim(kb.claims[claim_id], kb, rubric) for claim_id in sorted(kb.claims)}
