"""Fuzzy search over claims and sources for the terminal: statements, aliases, titles and ids."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, utils

from gluteclaims.grading.grade import Grade
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.search.index import STOPWORDS

MIN_SCORE = 70.0
COVERAGE_WEIGHT = 0.8


@dataclass(frozen=True)
class Match:
    """One record that matches a query, how well (0-100), and the text that matched best."""

    kind: Literal["claim", "source"]
    id: str
    score: float
    field: str
    text: str


def _texts(kb: KnowledgeBase) -> Iterator[tuple[Literal["claim", "source"], str, str, str]]:
    """(kind, id, field, text) for everything a query is matched against."""
    for claim in kb.claims.values():
        yield "claim", claim.id, "statement", claim.statement
        for alias in claim.aliases:
            yield "claim", claim.id, "alias", alias
        yield "claim", claim.id, "id", claim.id.replace("-", " ")
        for topic in claim.topics:
            yield "claim", claim.id, "topic", topic.replace("-", " ")
    for source in kb.sources.values():
        yield "source", source.id, "title", source.title
        yield "source", source.id, "id", source.id.replace("-", " ")


def _words(text: str) -> list[str]:
    words = utils.default_process(text).split()
    meaningful = [w for w in words if len(w) > 2 and w not in STOPWORDS]
    return meaningful or words


def _score(query_words: list[str], query: str, text: str) -> float:
    """How much of the query the text covers, word by word and typo-tolerant, then how alike the two are overall.

    Coverage comes first so that a short text holding one query word ('squat') cannot outrank
    a statement that holds them all.
    """
    text_words = _words(text)
    if not text_words:
        return 0.0
    coverage = sum(max(fuzz.ratio(q, t) for t in text_words) for q in query_words) / len(query_words)
    return COVERAGE_WEIGHT * coverage + (1 - COVERAGE_WEIGHT) * fuzz.WRatio(
        query, text, processor=utils.default_process
    )


def find(kb: KnowledgeBase, query: str, limit: int = 10, min_score: float = MIN_SCORE) -> list[Match]:
    """Claims and sources ranked by how well their text matches the query, best first."""
    query_words = _words(query)
    if not query_words:
        return []
    best: dict[tuple[str, str], Match] = {}
    for kind, record_id, field, text in _texts(kb):
        score = _score(query_words, query, text)
        key = (kind, record_id)
        if score >= min_score and (key not in best or score > best[key].score):
            best[key] = Match(kind, record_id, round(score, 1), field, text)
    ranked = sorted(best.values(), key=lambda m: (-m.score, m.kind != "claim", m.id))
    return ranked[:limit]


def verdict_of(match: Match, grades: Mapping[str, Grade]) -> Grade | None:
    """The grade of a matched claim (None for a source)."""
    return grades.get(match.id) if match.kind == "claim" else None
