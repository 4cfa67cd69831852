"""How well the audit finds what the knowledge base records: recall and precision on an article.

Each claim's appearances say where a popular article asserts or disputes it, with a verbatim
quote. An appearance is found when the audit matches a sentence overlapping the quote to that
claim. A match is correct when it is such a sentence, or when a reviewer has judged the sentence
to state the claim (the reviewed pairs are passed in).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from gluteclaims.audit.matcher import AuditedSentence
from gluteclaims.kb.models import Claim

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Recorded:
    """One appearance of a claim in the article, located as a span of the plain text."""

    claim: str
    quote: str
    start: int
    end: int


@dataclass
class ArticleScore:
    """Recall and precision of an audit of one article, with what was missed and what was extra."""

    source: str
    recorded: int = 0
    found: int = 0
    matches: int = 0
    correct: int = 0
    missed: list[tuple[str, str]] = field(default_factory=list)
    wrong: list[tuple[str, str, float]] = field(default_factory=list)
    unlocated: list[tuple[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Share of recorded appearances the audit found (1.0 when none are recorded)."""
        return self.found / self.recorded if self.recorded else 1.0

    @property
    def precision(self) -> float:
        """Share of the audit's matches that are recorded or reviewed (1.0 when it matched nothing)."""
        return self.correct / self.matches if self.matches else 1.0

    def add(self, other: ArticleScore) -> ArticleScore:
        """The two scores pooled, as for several articles together."""
        return ArticleScore(
            f"{self.source}+{other.source}" if self.source else other.source,
            self.recorded + other.recorded,
            self.found + other.found,
            self.matches + other.matches,
            self.correct + other.correct,
            self.missed + other.missed,
            self.wrong + other.wrong,
            self.unlocated + other.unlocated,
        )


def squeeze(text: str) -> str:
    """Text with every run of white space made one space, for comparing sentences and quotes."""
    return _SPACE.sub(" ", text).strip()


def locate(plain: str, quote: str) -> tuple[int, int] | None:
    """Where a quote stands in the text, ignoring differences in white space; None if absent."""
    words = [re.escape(w) for w in quote.split()]
    if not words:
        return None
    match = re.search(r"\s+".join(words), plain)
    return (match.start(), match.end()) if match else None


def recorded_in(source: str, plain: str, claims: Iterable[Claim]) -> tuple[list[Recorded], list[tuple[str, str]]]:
    """The appearances in this article that have a quote, located; and those whose quote is not in it."""
    located: list[Recorded] = []
    unlocated: list[tuple[str, str]] = []
    for claim in claims:
        for appearance in claim.appearances:
            if appearance.source != source or not appearance.quote:
                continue
            span = locate(plain, appearance.quote)
            if span is None:
                unlocated.append((claim.id, appearance.quote))
            else:
                located.append(Recorded(claim.id, appearance.quote, *span))
    return located, unlocated


def score_article(
    source: str, plain: str, audited: list[AuditedSentence], claims: Iterable[Claim], reviewed: set[tuple[str, str]]
) -> ArticleScore:
    """Recall and precision of an audit of an article against its recorded appearances."""
    recorded, unlocated = recorded_in(source, plain, claims)
    score = ArticleScore(source, recorded=len(recorded), unlocated=unlocated)

    def overlaps(item: AuditedSentence, rec: Recorded) -> bool:
        return item.sentence.start < rec.end and rec.start < item.sentence.end

    for rec in recorded:
        if any(overlaps(item, rec) and any(m.claim == rec.claim for m in item.matches) for item in audited):
            score.found += 1
        else:
            score.missed.append((rec.claim, squeeze(rec.quote)))
    for item in audited:
        for match in item.matches:
            score.matches += 1
            on_record = any(rec.claim == match.claim and overlaps(item, rec) for rec in recorded)
            if on_record or (squeeze(item.sentence.text), match.claim) in reviewed:
                score.correct += 1
            else:
                score.wrong.append((squeeze(item.sentence.text), match.claim, match.score))
    return score
