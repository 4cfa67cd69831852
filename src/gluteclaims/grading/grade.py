"""Grade each claim from its evidence: a GRADE-style rubric whose parameters all live in `Rubric`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional

from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.models import Claim, EvidenceLink, Source

Verdict = Literal["supported", "refuted", "mixed", "insufficient"]
Certainty = Literal["high", "moderate", "low", "very-low"]

# Certainty levels as numbers: index + 1 is the level, so very-low is 1 and high is 4.
CERTAINTIES: tuple[Certainty, ...] = ("very-low", "low", "moderate", "high")
HIGH = len(CERTAINTIES)

VERDICT_LABELS: dict[str, str] = {
    "supported": "supported",
    "refuted": "refuted",
    "mixed": "mixed evidence",
    "insufficient": "insufficient evidence",
}
CERTAINTY_LABELS: dict[str, str] = {"high": "high", "moderate": "moderate", "low": "low", "very-low": "very low"}

DESIGN_WORDS: dict[str, str] = {
    "meta-analysis": "meta-analysis",
    "systematic-review": "systematic review",
    "randomised-trial": "randomised trial",
    "crossover": "crossover (within-subject) study",
    "cohort": "cohort study",
    "case-control": "case-control study",
    "cross-sectional": "cross-sectional study",
    "case-series": "case series",
    "narrative-review": "narrative review",
    "expert-opinion": "expert opinion",
    "book": "book",
    "thesis": "thesis",
    "popular-article": "popular article",
}
DESIGN_PLURALS: dict[str, str] = {
    "randomised-trial": "randomised trials",
    "crossover": "crossover (within-subject) studies",
    "cohort": "cohort studies",
    "case-control": "case-control studies",
    "cross-sectional": "cross-sectional studies",
    "case-series": "case series",
}
REVIEW_KINDS = ("meta-analysis", "systematic-review", "narrative-review")
POOLING_KINDS = ("meta-analysis", "systematic-review")
AGAINST_STANCES = ("refutes", "no-clear-effect")


def _default_start() -> dict[str, int]:
    return {
        "meta-analysis": 4,
        "systematic-review": 4,
        "randomised-trial": 4,
        # A thesis's design is not recorded, so it starts with observational studies; being
        # unpublished and not peer reviewed is a further risk-of-bias penalty.
        "thesis": 2,
        "crossover": 3,
        "cohort": 2,
        "case-control": 2,
        "cross-sectional": 2,
        "case-series": 1,
        "narrative-review": 1,
        "expert-opinion": 1,
        "book": 1,
    }


@dataclass(frozen=True)
class Rubric:
    """Every number the grading uses; the methodology page is generated from these."""

    start: dict[str, int] = field(default_factory=_default_start)
    unknown_pooled_design_start: int = 3
    weights: tuple[int, ...] = (1, 2, 4, 8)
    dominance: float = 2.0
    min_verdict_level: int = 2
    retraction_penalty: int = 2
    concern_penalty: int = 1
    thesis_penalty: int = 1
    max_bias_penalty: int = 2
    outcome_penalty: int = 1
    population_penalty: int = 1
    max_indirectness_penalty: int = 2
    inconsistency_penalty: int = 1
    imprecision_penalty: int = 1
    very_serious_imprecision_penalty: int = 2
    imprecision_min_studies: int = 3
    imprecision_min_participants: int = 100
    very_serious_participants: int = 30
    large_effect_bonus: int = 1
    very_large_effect_bonus: int = 2
    contested_min_weight: int = 8

    def weight(self, level: int) -> int:
        """How much one source at this certainty level weighs in the balance."""
        return self.weights[clamp_level(level) - 1]


RUBRIC = Rubric()


@dataclass(frozen=True)
class Reason:
    """One rule that fired: how far it moved certainty, in words, and the sources behind it."""

    rule: str
    effect: int
    sentence: str
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return {"rule": self.rule, "effect": self.effect, "sentence": self.sentence, "sources": list(self.sources)}


@dataclass(frozen=True)
class Grade:
    """The verdict and certainty for one claim, with the reasons that produced them."""

    claim: str
    verdict: Verdict
    certainty: Certainty
    reasons: tuple[Reason, ...]
    counted: tuple[str, ...]
    excluded: tuple[tuple[str, str], ...]
    support_weight: float = 0.0
    against_weight: float = 0.0

    @property
    def summary(self) -> str:
        """'supported, moderate certainty' in plain words."""
        return f"{VERDICT_LABELS[self.verdict]}, {CERTAINTY_LABELS[self.certainty]} certainty"

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return {
            "claim": self.claim,
            "verdict": self.verdict,
            "verdict_label": VERDICT_LABELS[self.verdict],
            "certainty": self.certainty,
            "certainty_label": CERTAINTY_LABELS[self.certainty],
            "reasons": [r.to_dict() for r in self.reasons],
            "counted": list(self.counted),
            "excluded": [{"source": s, "why": why} for s, why in self.excluded],
            "support_weight": self.support_weight,
            "against_weight": self.against_weight,
        }


@dataclass(frozen=True)
class Assessed:
    """One counted evidence link with its own certainty: design, less bias and indirectness."""

    link: EvidenceLink
    source: Source
    start: int
    design: str
    bias: tuple[tuple[str, int], ...]
    indirect: tuple[str, ...]
    bias_penalty: int
    indirect_penalty: int

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def level(self) -> int:
        return clamp_level(self.start - self.bias_penalty - self.indirect_penalty)

    @property
    def side(self) -> str:
        if self.link.stance == "supports":
            return "for"
        return "against" if self.link.stance in AGAINST_STANCES else "mixed"


def clamp_level(level: int) -> int:
    """A certainty level kept between very low (1) and high (4)."""
    return max(1, min(HIGH, level))


def levels_in_words(n: int) -> str:
    """'one level', 'two levels'."""
    return "one level" if abs(n) == 1 else f"{_number(abs(n))} levels"


def _number(n: int) -> str:
    return {1: "one", 2: "two", 3: "three"}.get(n, str(n))


def _plural(n: int, word: str, plural: Optional[str] = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _outcome_words(outcome: str) -> str:
    return "EMG (muscle activity)" if outcome == "emg" else outcome.replace("-", " ")


def _ids(items) -> str:
    return ", ".join(items)


def starting_level(source: Source, kb: KnowledgeBase, rubric: Rubric = RUBRIC) -> tuple[int, str]:
    """A source's starting certainty from its design, and the design in words.

    A systematic review or meta-analysis is only as good as the designs it pools: it starts at
    their level (never above its own), taken from `pooled_design`, else from the best design
    among the included studies recorded in the knowledge base, else at a fixed default.
    """
    own = rubric.start.get(source.kind, 1)
    word = DESIGN_WORDS[source.kind]
    if source.kind not in POOLING_KINDS:
        return own, word
    if source.pooled_design:
        return min(own, rubric.start[source.pooled_design]), f"{word} of {DESIGN_PLURALS[source.pooled_design]}"
    included = [kb.sources[i] for i in source.includes if i in kb.sources and kb.sources[i].kind in DESIGN_PLURALS]
    if included:
        best = max((s.kind for s in included), key=lambda k: rubric.start[k])
        return min(own, rubric.start[best]), f"{word} whose included studies in the knowledge base are at best {DESIGN_PLURALS[best]}"
    return min(own, rubric.unknown_pooled_design_start), f"{word} whose pooled designs are not recorded"


def assess(link: EvidenceLink, source: Source, claim: Claim, kb: KnowledgeBase, rubric: Rubric = RUBRIC) -> Assessed:
    """The certainty one source brings to one claim before the body of evidence is judged."""
    bias: list[tuple[str, int]] = []
    for flag in source.integrity:
        if flag.flag == "retraction":
            bias.append(("is retracted", rubric.retraction_penalty))
        else:
            bias.append((f"has {'an expression of concern' if flag.flag == 'expression-of-concern' else 'a data-integrity concern'}", rubric.concern_penalty))
    if source.kind == "thesis":
        bias.append(("is an unpublished thesis, not peer reviewed", rubric.thesis_penalty))
    indirect: list[str] = []
    penalty = 0
    if link.outcome != claim.outcome:
        indirect.append(f"measured {_outcome_words(link.outcome)}, not {_outcome_words(claim.outcome)}")
        penalty += rubric.outcome_penalty
    if link.directness.population == "indirect":
        indirect.append("studied another population")
        penalty += rubric.population_penalty
    start, design = starting_level(source, kb, rubric)
    return Assessed(
        link=link,
        source=source,
        start=start,
        design=design,
        bias=tuple(bias),
        indirect=tuple(indirect),
        bias_penalty=min(rubric.max_bias_penalty, sum(p for _, p in bias)),
        indirect_penalty=min(rubric.max_indirectness_penalty, penalty),
    )


def partition(claim: Claim, kb: KnowledgeBase, rubric: Rubric = RUBRIC) -> tuple[list[Assessed], list[tuple[str, str]], list[Reason]]:
    """Split a claim's sources into counted evidence and what is not counted, and why."""
    excluded: list[tuple[str, str]] = []
    candidates: list[tuple[EvidenceLink, Source]] = []
    seen: set[tuple[str, str]] = set()
    for link in claim.evidence:
        source = kb.sources.get(link.source)
        if (link.source, link.stance) in seen:
            continue
        seen.add((link.source, link.stance))
        if source is None:
            excluded.append((link.source, "no valid record for this source"))
        elif source.is_popular:
            excluded.append((source.id, "popular article: never counted as evidence"))
        elif source.verification.status == "failed":
            excluded.append((source.id, _failed_why(source)))
        else:
            candidates.append((link, source))
    for appearance in claim.appearances:
        if all(s != appearance.source for s, _ in excluded):
            source = kb.sources.get(appearance.source)
            what = "popular article" if source is None or source.is_popular else "source listed as an appearance"
            excluded.append((appearance.source, f"{what} that {appearance.position} the claim: never counted as evidence"))
    reasons: list[Reason] = []
    if excluded:
        reasons.append(Reason("not-counted", 0, "Not counted: " + "; ".join(f"{s} ({why})" for s, why in excluded) + ".", tuple(s for s, _ in excluded)))
    counted_reviews = {s.id: s for _, s in candidates if s.includes}
    overlap: list[tuple[str, str]] = []
    kept: list[tuple[EvidenceLink, Source]] = []
    for link, source in candidates:
        review = next((r for r in counted_reviews.values() if source.id in r.includes and r.id != source.id), None)
        if review is not None:
            overlap.append((source.id, review.id))
        else:
            kept.append((link, source))
    if overlap:
        excluded.extend((s, f"included in review {r}, which is counted") for s, r in overlap)
        reasons.append(Reason("overlap", 0, "Counted once: " + "; ".join(f"{s} is included in review {r}, so it counts only through the review" for s, r in overlap) + ".", tuple(s for s, _ in overlap)))
    return [assess(link, source, claim, kb, rubric) for link, source in kept], excluded, reasons


def _failed_why(source: Source) -> str:
    v = source.verification
    why = "citation failed verification: " + ("no such study could be found" if v.failure == "not-found" else "the study is mis-cited")
    if v.resolved_to:
        why += f", probably meaning {v.resolved_to}"
    return why


def _balance(assessed: list[Assessed], rubric: Rubric) -> tuple[float, float, Verdict, Reason]:
    weigh = {"for": 0.0, "against": 0.0, "mixed": 0.0}
    count = {"for": 0, "against": 0, "mixed": 0}
    for a in assessed:
        weigh[a.side] += rubric.weight(a.level)
        count[a.side] += 1
    support = weigh["for"] + weigh["mixed"] / 2
    against = weigh["against"] + weigh["mixed"] / 2
    if support > against and support >= rubric.dominance * against:
        verdict: Verdict = "supported"
    elif against > support and against >= rubric.dominance * support:
        verdict = "refuted"
    else:
        verdict = "mixed"
    parts = []
    if count["for"]:
        parts.append(f"{_plural(count['for'], 'source')} {'supports' if count['for'] == 1 else 'support'} the claim")
    if count["against"]:
        parts.append(f"{_plural(count['against'], 'source')} {'goes' if count['against'] == 1 else 'go'} against {'it' if parts else 'the claim'}")
    if count["mixed"]:
        parts.append(f"{_plural(count['mixed'], 'source')} {'finds' if count['mixed'] == 1 else 'find'} mixed results")
    sentence = f"{'; '.join(parts)}. Weighed by certainty, {weight_in_words(support)} for and {weight_in_words(against)} against: {VERDICT_LABELS[verdict]}."
    return support, against, verdict, Reason("balance", 0, sentence[0].upper() + sentence[1:], tuple(a.id for a in assessed))


def weight_in_words(weight: float) -> str:
    """A weight without a needless decimal point."""
    return str(int(weight)) if weight == int(weight) else f"{weight:.1f}"


def _deciding(assessed: list[Assessed], verdict: Verdict) -> list[Assessed]:
    if verdict == "supported":
        return [a for a in assessed if a.side == "for"]
    if verdict == "refuted":
        return [a for a in assessed if a.side == "against"]
    return list(assessed)


def _imprecision(body: list[Assessed], rubric: Rubric) -> tuple[int, str]:
    studies = sum((a.source.sample.studies if a.source.sample and a.source.sample.studies else 1) if a.source.kind in REVIEW_KINDS else 1 for a in body)
    unknown = [a for a in body if not (a.source.sample and a.source.sample.participants is not None)]
    participants = sum(a.source.sample.participants for a in body if a not in unknown)
    described = f"{_plural(studies, 'study', 'studies')}, {_plural(participants, 'participant')} in total"
    if unknown:
        described = f"{_plural(studies, 'study', 'studies')}, {'at least ' if participants else ''}{_plural(participants, 'participant')} (sample size not recorded for {_ids(a.id for a in unknown)})"
    if any(a.source.kind in REVIEW_KINDS for a in unknown):
        # A review's pooled sample is usually large; without it, judge the number of studies alone.
        return (rubric.imprecision_penalty if studies < rubric.imprecision_min_studies else 0), described
    if participants < rubric.very_serious_participants:
        return rubric.very_serious_imprecision_penalty, described
    if studies < rubric.imprecision_min_studies or participants < rubric.imprecision_min_participants:
        return rubric.imprecision_penalty, described
    return 0, described


def grade_claim(claim: Claim, kb: KnowledgeBase, rubric: Rubric = RUBRIC) -> Grade:
    """Verdict and certainty for one claim, computed from its evidence by the rubric."""
    assessed, excluded, reasons = partition(claim, kb, rubric)
    counted = tuple(a.id for a in assessed)
    if not assessed:
        reasons.append(Reason("no-evidence", 0, "No counted evidence: no verified study bears on this claim, so the evidence is insufficient."))
        return Grade(claim.id, "insufficient", "very-low", tuple(reasons), counted, tuple(excluded))
    support, against, verdict, balance = _balance(assessed, rubric)
    reasons.append(balance)
    body = _deciding(assessed, verdict)
    ranked = sorted(body, key=lambda a: (-a.level, -a.start, a.id))
    top = ranked[0]
    anchor = [a for a in ranked if (a.start, a.bias_penalty, a.indirect_penalty) == (top.start, top.bias_penalty, top.indirect_penalty)]
    level = top.start
    reasons.append(Reason("start", 0, f"Starts at {CERTAINTY_LABELS[CERTAINTIES[level - 1]]} certainty, from the design of the best evidence: " + "; ".join(f"{a.id} ({a.design})" for a in anchor) + ".", tuple(a.id for a in anchor)))

    def move(rule: str, by: int, sentence: str, sources) -> None:
        nonlocal level
        before = level
        level = clamp_level(level + by)
        moved = level - before
        note = ""
        if moved == 0:
            note = f" (certainty was already {CERTAINTY_LABELS[CERTAINTIES[before - 1]]})"
        elif moved != by:
            note = f" (it moved only {levels_in_words(moved)}, to {CERTAINTY_LABELS[CERTAINTIES[level - 1]]})"
        reasons.append(Reason(rule, moved, sentence + note + ".", tuple(sources)))

    if top.bias_penalty:
        flawed = [a for a in anchor if a.bias]
        move("risk-of-bias", -top.bias_penalty, f"Rated down {levels_in_words(top.bias_penalty)} for risk of bias: " + "; ".join(f"{a.id} {' and '.join(w for w, _ in a.bias)}" for a in flawed), (a.id for a in flawed))
    if top.indirect_penalty:
        indirect = [a for a in anchor if a.indirect]
        move("indirectness", -top.indirect_penalty, f"Rated down {levels_in_words(top.indirect_penalty)} for indirectness: " + "; ".join(f"{a.id} {' and '.join(a.indirect)}" for a in indirect), (a.id for a in indirect))
    inconsistent = False
    if verdict == "mixed":
        inconsistent = True
        move("inconsistency", -rubric.inconsistency_penalty, f"Rated down {levels_in_words(rubric.inconsistency_penalty)} for inconsistency: the evidence points both ways", (a.id for a in body))
    else:
        opposing = [a for a in assessed if a not in body and a.level >= top.level]
        if opposing:
            inconsistent = True
            move("inconsistency", -rubric.inconsistency_penalty, f"Rated down {levels_in_words(rubric.inconsistency_penalty)} for inconsistency: evidence as certain as the best points the other way or is mixed ({_ids(a.id for a in opposing)})", (a.id for a in opposing))
    # Less direct evidence than the best cannot make the estimate more precise.
    as_direct = [a for a in body if a.indirect_penalty <= top.indirect_penalty]
    by, described = _imprecision(as_direct, rubric)
    if by:
        move("imprecision", -by, f"Rated down {levels_in_words(by)} for imprecision: {described}", (a.id for a in as_direct))
    large = [a for a in body if a.link.effect_size in ("large", "very-large")]
    # GRADE trusts a large effect only where nothing else casts doubt on it.
    if large and verdict != "mixed" and not (inconsistent or by or top.bias_penalty) and top.start < HIGH:
        bonus = rubric.very_large_effect_bonus if any(a.link.effect_size == "very-large" for a in large) else rubric.large_effect_bonus
        move("large-effect", bonus, f"Rated up {levels_in_words(bonus)} for a large, consistent effect ({_ids(a.id for a in large)})", (a.id for a in large))
    certainty = CERTAINTIES[level - 1]
    if level < rubric.min_verdict_level:
        leaning = "it points both ways" if verdict == "mixed" else f"it leans towards {VERDICT_LABELS[verdict]}"
        reasons.append(Reason("too-uncertain", 0, f"Verdict: insufficient evidence, because the certainty is {CERTAINTY_LABELS[certainty]} ({leaning}).", tuple(a.id for a in body)))
        verdict = "insufficient"
    return Grade(claim.id, verdict, certainty, tuple(reasons), counted, tuple(excluded), support, against)


def grade_all(kb: KnowledgeBase, rubric: Rubric = RUBRIC) -> dict[str, Grade]:
    """A grade for every claim, by claim id in sorted order."""
    return {claim_id: grade_claim(kb.claims[claim_id], kb, rubric) for claim_id in sorted(kb.claims)}
