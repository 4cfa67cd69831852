"""Find the known claims in a text: each sentence scored against every claim's statement and aliases.

A claim's statement and each of its aliases is a phrase, reduced to the ideas it names (see
lexicon.terms). A sentence matches a phrase by how much of the phrase's weight it covers, where
rare ideas weigh more than ideas many claims share ("glute" weighs little, "fascia" a lot), and
only if it names more than half of the phrase's ideas. A claim's score for a sentence is its best
phrase's; a claim that fits a sentence only through ideas a better match already explains is
dropped. Headings and reference-list entries are not matched. site_templates/assets/javascripts/audit.js
mirrors `score_sentence` and `audit_text` on the same weights and phrases, shipped in the audit index.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from gluteclaims.audit.lexicon import terms, words
from gluteclaims.audit.sentences import Sentence, TextFormat, split_sentences, to_plain
from gluteclaims.kb.models import Claim

Stance = Literal["asserts", "disputes"]

DEFAULT_MIN_SCORE = 0.65
# A phrase of several ideas is not matched by one shared idea alone, however heavy, nor by half
# its ideas or fewer: two rare ideas ("tight", "hip flexors") do not make the claim that relates
# four ("tight hip flexors turn the glutes off").
MIN_SHARED = 2
MAX_MATCHES = 4
# Claims that explain a sentence clearly worse than the best one are dropped.
MARGIN = 0.25
# Ideas borrowed from the sentence before, for a sentence that opens with a pronoun.
CONTEXT_FACTOR = 0.5
PRONOUNS = frozenset({"it", "this", "that", "they", "these", "those", "he", "she", "its", "their", "them"})
# A phrase naming few or common ideas ("gluteal amnesia") is a topic, not the claim: its weight
# counts as at least this many times the rarest idea's, so it alone cannot make a sure match.
MIN_PHRASE_IDEAS = 1.25
# Weights are rounded so the browser, adding the same numbers in the same order, gets the same scores.
PLACES = 4


@dataclass(frozen=True)
class Phrase:
    """A way a claim is said: its statement or one alias, and the ideas it names."""

    claim: str
    text: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Matcher:
    """Every claim's phrases and the weight of each idea, ready to score sentences."""

    phrases: tuple[Phrase, ...]
    weights: dict[str, float]
    floor: float

    def to_dict(self) -> dict:
        """Plain data for the browser's audit index."""
        return {
            "weights": self.weights,
            "floor": self.floor,
            "phrases": [[p.claim, list(p.terms)] for p in self.phrases],
        }


@dataclass(frozen=True)
class Match:
    """One claim a sentence repeats: how sure the match is, and the phrase it matched best."""

    claim: str
    score: float
    phrase: str
    shared: tuple[str, ...]
    stance: Stance = "asserts"


@dataclass(frozen=True)
class AuditedSentence:
    """A sentence of the audited text and the claims it matches (best first; maybe none)."""

    sentence: Sentence
    matches: tuple[Match, ...]


def build_matcher(claims: Iterable[Claim]) -> Matcher:
    """The phrases of every claim, and idea weights that favour ideas few claims name."""
    phrases: list[Phrase] = []
    for claim in sorted(claims, key=lambda c: c.id):
        for text in (claim.statement, *claim.aliases):
            found = tuple(dict.fromkeys(terms(text)))
            if found:
                phrases.append(Phrase(claim.id, text, found))
    named_by = Counter(
        term
        for claim_id in {p.claim for p in phrases}
        for term in {t for p in phrases if p.claim == claim_id for t in p.terms}
    )
    total = len({p.claim for p in phrases})
    weights = {term: round(math.log(1 + total / count), PLACES) for term, count in sorted(named_by.items())}
    return Matcher(tuple(phrases), weights, round(MIN_PHRASE_IDEAS * max(weights.values(), default=0.0), PLACES))


def score_sentence(
    text: str, matcher: Matcher, min_score: float = DEFAULT_MIN_SCORE, context: Iterable[str] = ()
) -> tuple[Match, ...]:
    """The claims this sentence matches at min_score or more, best first (at most MAX_MATCHES).

    `context` holds the ideas of the sentence a pronoun ("It", "They") refers back to; they
    count for CONTEXT_FACTOR of their weight.
    """
    present = set(terms(text))
    borrowed = set(context) - present
    best: dict[str, Match] = {}
    for phrase in matcher.phrases:
        own = [t for t in phrase.terms if t in present]
        lent = [t for t in phrase.terms if t in borrowed]
        shared = len(own) + len(lent)
        if shared < min(MIN_SHARED, len(phrase.terms)) or 2 * shared <= len(phrase.terms) or not own:
            continue
        total = max(matcher.floor, sum(matcher.weights[t] for t in phrase.terms))
        covered = sum(matcher.weights[t] for t in own) + CONTEXT_FACTOR * sum(matcher.weights[t] for t in lent)
        score = round(covered / total, PLACES)
        if score >= min_score and (phrase.claim not in best or score > best[phrase.claim].score):
            best[phrase.claim] = Match(phrase.claim, score, phrase.text, tuple(own + lent))
    ranked = sorted(best.values(), key=lambda m: (-m.score, m.claim))
    kept: list[Match] = []
    for match in ranked:
        # A claim that a better match already explains with the same ideas ("hip thrust", "squat",
        # "glute") is that evidence read twice: the sentence is about the better fitting claim.
        if not any(k.score > match.score and set(match.shared) <= set(k.shared) for k in kept):
            kept.append(match)
    return tuple(m for m in kept[:MAX_MATCHES] if m.score >= kept[0].score - MARGIN)


def refers_back(text: str) -> bool:
    """True when a sentence opens with a pronoun, so its subject is in the sentence before."""
    first = words(text[:20])
    return bool(first) and first[0] in PRONOUNS


def audit_text(
    text: str, matcher: Matcher, fmt: TextFormat = "text", min_score: float = DEFAULT_MIN_SCORE
) -> list[AuditedSentence]:
    """Every sentence of a plain, Markdown or HTML text with the claims it matches (never headings or references)."""
    plain = to_plain(text, fmt)
    audited: list[AuditedSentence] = []
    previous: set[str] = set()
    for sentence in split_sentences(plain):
        context = previous if refers_back(sentence.text) else set()
        # A heading names a topic and a reference names a study; neither asserts anything.
        matches = score_sentence(sentence.text, matcher, min_score, context) if sentence.kind == "prose" else ()
        audited.append(AuditedSentence(sentence, matches))
        previous = set(terms(sentence.text)) | context
    return audited
