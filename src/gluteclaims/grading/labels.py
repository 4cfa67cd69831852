"""The words and symbols of a grade: verdict labels, certainty levels, designs, and badges."""

from __future__ import annotations

from typing import Literal

Verdict = Literal["supported", "little-or-no-difference", "opposite", "conflicting", "uncertain", "not-studied"]
Certainty = Literal["high", "moderate", "low", "very-low"]

VERDICTS: tuple[Verdict, ...] = (
    "supported",
    "little-or-no-difference",
    "opposite",
    "conflicting",
    "uncertain",
    "not-studied",
)
# Certainty levels as numbers: index + 1 is the level, so very-low is 1 and high is 4.
CERTAINTIES: tuple[Certainty, ...] = ("very-low", "low", "moderate", "high")
HIGH = len(CERTAINTIES)

VERDICT_LABELS: dict[str, str] = {
    "supported": "supported",
    "little-or-no-difference": "little or no difference",
    "opposite": "opposite",
    "conflicting": "conflicting",
    "uncertain": "uncertain",
    "not-studied": "not studied",
}
# What each label means, for the methodology page, badges' titles and ClaimReview.
VERDICT_MEANINGS: dict[str, str] = {
    "supported": "the evidence favours what the claim says",
    "little-or-no-difference": "little or no difference, precise enough to rule out an important one",
    "opposite": "the evidence points the other way from the claim",
    "conflicting": "studies as trustworthy as each other point both ways",
    "uncertain": (
        "studies exist, but they cannot tell whether the claim holds (very low certainty, or too small to rule "
        "out an important effect)"
    ),
    "not-studied": "no study answers the claim's question, directly or indirectly",
}
CERTAINTY_LABELS: dict[str, str] = {"high": "high", "moderate": "moderate", "low": "low", "very-low": "very low"}
# A symbol and words beside every colour, so a verdict never depends on seeing colour.
VERDICT_SYMBOLS: dict[str, str] = {
    "supported": "✓",
    "little-or-no-difference": "≈",
    "opposite": "✗",
    "conflicting": "±",
    "uncertain": "?",
    "not-studied": "∅",
}
CERTAINTY_DOTS: dict[str, str] = {"high": "●●●●", "moderate": "●●●○", "low": "●●○○", "very-low": "●○○○"}

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
COMPARISON_WORDS: dict[str, str] = {
    "randomised": "randomised comparison",
    "non-randomised": "non-randomised comparison",
    "observational": "observational comparison",
    "uncontrolled": "uncontrolled study",
    "none": "no comparison",
}
DIRECTION_WORDS: dict[str, str] = {
    "favours-claim": "favours the claim",
    "little-or-no-difference": "little or no difference",
    "favours-opposite": "favours the opposite",
    "not-reported": "direction not reported",
}
DIRECTION_SYMBOLS: dict[str, str] = {
    "favours-claim": "▲",
    "little-or-no-difference": "○",
    "favours-opposite": "▼",
    "not-reported": "◆",
    "asserts": "▲",
    "disputes": "▼",
}


def levels_in_words(n: int) -> str:
    """'one level', 'two levels'."""
    words = {1: "one", 2: "two", 3: "three"}
    return "one level" if abs(n) == 1 else f"{words.get(abs(n), str(abs(n)))} levels"


def summary_words(verdict: str, certainty: str | None) -> str:
    """'supported, moderate certainty'; 'not studied' has no certainty."""
    return (
        VERDICT_LABELS[verdict]
        if certainty is None
        else f"{VERDICT_LABELS[verdict]}, {CERTAINTY_LABELS[certainty]} certainty"
    )


def verdict_words(verdict: str) -> str:
    """'Little or no difference', capitalised for a badge."""
    label = VERDICT_LABELS[verdict]
    return label[0].upper() + label[1:]
