"""The verdict said the way Cochrane says it: GRADE informative statements (Santesso et al. 2020).

Certainty sets the verb ("results in", "probably results in", "may result in"); very low
certainty says the evidence is very uncertain. The phrases come from the claim's question.
"""

from __future__ import annotations

from gluteclaims.grading.labels import CERTAINTY_LABELS
from gluteclaims.kb.models import Claim

# (verb for effect, cause and mechanism questions; verb for association questions), by certainty.
VERBS: dict[str, tuple[str, str]] = {
    "high": ("results in", "is associated with"),
    "moderate": ("probably results in", "is probably associated with"),
    "low": ("may result in", "may be associated with"),
}


def _lower_first(text: str) -> str:
    """'Hip thrust training' -> 'hip thrust training'; an acronym such as 'EMG' stays as it is."""
    first = text.split(" ", 1)[0]
    return text if len(first) > 1 and first.isupper() else text[:1].lower() + text[1:]


def informative_statement(claim: Claim, verdict: str, certainty: str | None) -> str:
    """E.g. 'Hip thrust training may result in little or no difference in glute growth ... (low certainty).'"""
    q = claim.question
    if q is None:
        return _without_question(verdict, certainty)
    subject, effect, outcome, comparator, opposite, association = (
        q.intervention,
        q.effect,
        q.outcome,
        q.comparator,
        q.opposite,
        q.type == "association",
    )
    plain = "is associated with" if association else "results in"
    whether = f"whether {_lower_first(subject)} {plain} {effect}"
    level = f" ({CERTAINTY_LABELS[certainty]} certainty)" if certainty else ""
    if verdict == "not-studied":
        return f"No study in the knowledge base answers {whether}."
    if certainty == "very-low" or certainty is None:
        return f"The evidence is very uncertain about {whether}{level}."
    verb = VERBS[certainty][1 if association else 0]
    compared = f" compared with {comparator}" if comparator else ""
    if verdict == "supported":
        return f"{subject} {verb} {effect}{level}."
    no_difference = f"{subject} {verb} little or no difference in {outcome}{compared}"
    if verdict == "little-or-no-difference":
        return f"{no_difference}{level}."
    if verdict == "opposite":
        return f"{subject} {verb} {opposite or f'the opposite of {effect}'}{level}."
    if verdict == "conflicting":
        return f"Studies disagree about {whether}{level}."
    # Uncertain above very low certainty: null results too imprecise to rule out an important effect.
    return f"{no_difference}, but the studies could not rule out an important effect{level}."


def _without_question(verdict: str, certainty: str | None) -> str:
    """A plainer statement for a claim whose question is not yet recorded."""
    level = f" ({CERTAINTY_LABELS[certainty]} certainty)" if certainty else ""
    if verdict == "not-studied":
        return "No study in the knowledge base answers this claim."
    if certainty == "very-low" or certainty is None:
        return f"The evidence is very uncertain about this claim{level}."
    words = {
        "supported": "The evidence favours this claim",
        "little-or-no-difference": "The evidence shows little or no difference",
        "opposite": "The evidence points the other way",
        "conflicting": "Studies disagree about this claim",
        "uncertain": "The studies found little or no difference but could not rule out an important effect",
    }
    return f"{words[verdict]}{level}."
