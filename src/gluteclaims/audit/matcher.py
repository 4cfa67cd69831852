"""Find the known claims in a text: each sentence scored against every claim's statement and aliases.

A claim's statement and each of its aliases is a phrase, reduced to the ideas it names (see
lexicon.terms). A sentence matches a phrase by how much of the phrase's weight it covers, where
rare ideas weigh more than ideas many claims share ("glute" weighs little, "fascia" a lot), and
only if it names more than half of the phrase's ideas. A claim's score for a sentence is its best
phrase's; a claim that fits a sentence only through ideas a better match already explains is
dropped. A match asserts or disputes its claim by comparing what the sentence's clauses say of
the shared ideas with what the matched phrase says (polarity_about). Headings and reference-list
entries are not matched. site_templates/assets/javascripts/audit.js
mirrors `score_sentence` and `audit_text` on the same weights and phrases, shipped in the audit index.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal

from gluteclaims.audit.lexicon import clause_polarities, doubts, negations, relation, terms, words
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
    """A way a claim is said: its statement or one alias, the ideas it names, whether it denies, and its cause
    and effect ideas when it relates them."""

    claim: str
    text: str
    terms: tuple[str, ...]
    polarity: int = 0
    cause: tuple[str, ...] = ()
    effect: tuple[str, ...] = ()


@dataclass(frozen=True)
class Matcher:
    """Every claim's phrases, the weight of each idea, and which claims contradict which, ready to score sentences."""

    phrases: tuple[Phrase, ...]
    weights: dict[str, float]
    floor: float
    twins: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """Plain data for the browser's audit index."""
        return {
            "weights": self.weights,
            "floor": self.floor,
            "phrases": [[p.claim, list(p.terms), p.polarity, list(p.cause), list(p.effect)] for p in self.phrases],
            "twins": self.twins,
        }

    @cached_property
    def ideas_of(self) -> dict[str, frozenset[str]]:
        """Every idea each claim's phrases name."""
        out: dict[str, set[str]] = {}
        for phrase in self.phrases:
            out.setdefault(phrase.claim, set()).update(phrase.terms)
        return {claim: frozenset(found) for claim, found in out.items()}

    @cached_property
    def statement_terms(self) -> dict[str, tuple[str, ...]]:
        """The ideas of each claim's statement (its first phrase), in order."""
        out: dict[str, tuple[str, ...]] = {}
        for phrase in self.phrases:
            out.setdefault(phrase.claim, phrase.terms)
        return out

    @cached_property
    def statement_ideas(self) -> dict[str, frozenset[str]]:
        """The ideas of each claim's statement (its first phrase)."""
        out: dict[str, frozenset[str]] = {}
        for phrase in self.phrases:
            out.setdefault(phrase.claim, frozenset(phrase.terms))
        return out

    def own_ideas(self, claim: str, twin: str) -> frozenset[str]:
        """The ideas a claim's statement names that none of its twin's phrases does."""
        return self.statement_ideas.get(claim, frozenset()) - self.ideas_of.get(twin, frozenset())

    @cached_property
    def by_term(self) -> dict[str, tuple[int, ...]]:
        """The phrases (by position) that name each idea, so a sentence is compared only with phrases it touches."""
        out: dict[str, list[int]] = {}
        for number, phrase in enumerate(self.phrases):
            for term in phrase.terms:
                out.setdefault(term, []).append(number)
        return {term: tuple(numbers) for term, numbers in out.items()}


@dataclass(frozen=True)
class Match:
    """One claim a sentence states or denies: how sure the match is, the phrase it matched best, and its stance."""

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
    """The phrases of every claim, idea weights that favour ideas few claims name, and contradicting pairs."""
    claims = sorted(claims, key=lambda c: c.id)
    phrases: list[Phrase] = []
    for claim in claims:
        for text in (claim.statement, *claim.aliases):
            found = tuple(dict.fromkeys(terms(text)))
            if found:
                cause, effect = relation(text) or ((), ())
                phrases.append(Phrase(claim.id, text, found, 0, tuple(sorted(cause)), tuple(sorted(effect))))
    named_by = Counter(
        term
        for claim_id in {p.claim for p in phrases}
        for term in {t for p in phrases if p.claim == claim_id for t in p.terms}
    )
    total = len({p.claim for p in phrases})
    weights = {term: round(math.log(1 + total / count), PLACES) for term, count in sorted(named_by.items())}
    # A phrase's polarity is read as a sentence's is, clause by clause, over the ideas it names.
    phrases = [replace(p, polarity=polarity_about(p.text, p.terms, weights)) for p in phrases]
    known = {c.id for c in claims}
    twins: dict[str, set[str]] = {}
    for claim in claims:
        for link in claim.relations:
            if link.type == "contradicts" and link.claim in known:
                twins.setdefault(claim.id, set()).add(link.claim)
                twins.setdefault(link.claim, set()).add(claim.id)
    return Matcher(
        tuple(phrases),
        weights,
        round(MIN_PHRASE_IDEAS * max(weights.values(), default=0.0), PLACES),
        {claim: tuple(sorted(others)) for claim, others in sorted(twins.items())},
    )


def polarity_about(text: str, ideas: Iterable[str], weights: dict[str, float]) -> int:
    """1 when the text denies the given ideas, else 0.

    Each clause that names some of the ideas votes its own polarity, weighted by the ideas it names,
    so two clauses that each deny ("Spot reduction is a myth: crunches will not burn belly fat") do
    not cancel out as two negations in one clause would; a doubting question turns the result round.
    """
    return _vote(clause_polarities(text), list(ideas), weights, negations(text), doubts(text))


def _vote(
    parts: tuple[tuple[frozenset[str], int], ...], ideas: list[str], weights: dict[str, float], denials: int, doubt: int
) -> int:
    """The polarity the clauses naming `ideas` give them (see polarity_about); on a tie, or when no clause
    names any, the whole text's: its `denials` and `doubt` counted together."""
    votes = [0, 0]
    for named, parity in parts:
        # Whole units of weight, so that Python and the browser add exactly the same numbers.
        votes[parity] += sum(round(weights.get(t, 0.0) * 10**PLACES) for t in ideas if t in named)
    if votes[0] == votes[1]:
        return (denials + doubt) % 2
    return (int(votes[1] > votes[0]) + doubt) % 2


def _reversed(phrase: Phrase, sentence: tuple[frozenset[str], frozenset[str]] | None) -> bool:
    """True when the sentence puts one of the phrase's effects as a cause and one of its causes as an effect."""
    if sentence is None or not phrase.cause:
        return False
    cause, effect = sentence
    return any(t in effect for t in phrase.cause) and any(t in cause for t in phrase.effect)


def score_sentence(
    text: str, matcher: Matcher, min_score: float = DEFAULT_MIN_SCORE, context: Iterable[str] = ()
) -> tuple[Match, ...]:
    """The claims this sentence states or denies at min_score or more, best first (at most MAX_MATCHES).

    `context` holds the ideas of the sentence a pronoun ("It", "They") refers back to; they
    count for CONTEXT_FACTOR of their weight. A phrase of one idea needs a second idea of its
    claim in the sentence; a phrase whose cause and effect the sentence swaps is not matched.
    """
    present = set(terms(text))
    borrowed = set(context) - present
    order = relation(text)
    parts = clause_polarities(text)
    denials, doubt = negations(text), doubts(text)
    candidates = sorted({n for t in present | borrowed for n in matcher.by_term.get(t, ())})
    best: dict[str, Match] = {}
    for number in candidates:
        phrase = matcher.phrases[number]
        own = [t for t in phrase.terms if t in present]
        lent = [t for t in phrase.terms if t in borrowed]
        shared = len(own) + len(lent)
        if shared < min(MIN_SHARED, len(phrase.terms)) or 2 * shared <= len(phrase.terms) or not own:
            continue
        if len(phrase.terms) == 1 and not (matcher.ideas_of[phrase.claim] - set(phrase.terms)) & (present | borrowed):
            continue
        if _reversed(phrase, order):
            continue
        total = max(matcher.floor, sum(matcher.weights[t] for t in phrase.terms))
        covered = sum(matcher.weights[t] for t in own) + CONTEXT_FACTOR * sum(matcher.weights[t] for t in lent)
        score = round(covered / total, PLACES)
        if score >= min_score and (phrase.claim not in best or score > best[phrase.claim].score):
            # What the sentence says of the ideas it shares with this phrase and with the claim's statement.
            about = own + [t for t in matcher.statement_terms[phrase.claim] if t in present and t not in own]
            denies = _vote(parts, about, matcher.weights, denials, doubt)
            stance: Stance = "asserts" if denies == phrase.polarity else "disputes"
            best[phrase.claim] = Match(phrase.claim, score, phrase.text, tuple(own + lent), stance)
    ranked = sorted(best.values(), key=lambda m: (-m.score, m.claim))
    kept: list[Match] = []
    for match in ranked:
        # A claim that a better match already explains with the same ideas ("hip thrust", "squat",
        # "glute") is that evidence read twice: the sentence is about the better fitting claim.
        if not any(k.score > match.score and set(match.shared) <= set(k.shared) for k in kept):
            kept.append(match)
    kept = _one_of_each_twin(kept, matcher, present | borrowed)
    return tuple(m for m in kept[:MAX_MATCHES] if m.score >= kept[0].score - MARGIN)


def _one_of_each_twin(kept: list[Match], matcher: Matcher, named: set[str]) -> list[Match]:
    """Of a claim and a claim contradicting it, one: a sentence states one and denies the other.

    The one kept is the one whose own ideas (those its statement names and its twin's phrases do
    not: "sitting" for the claim that sitting switches the glutes off) the sentence names more of;
    on a tie, the better match.
    """
    out: list[Match] = []
    for match in kept:
        rival = next((k for k in out if k.claim in matcher.twins.get(match.claim, ())), None)
        if rival is None:
            out.append(match)
        elif len(matcher.own_ideas(match.claim, rival.claim) & named) > len(
            matcher.own_ideas(rival.claim, match.claim) & named
        ):
            out[out.index(rival)] = match
    return out


def refers_back(text: str) -> bool:
    """True when a sentence opens with a pronoun, so its subject is in the sentence before."""
    said = words(text)
    return bool(said) and said[0] in PRONOUNS


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
