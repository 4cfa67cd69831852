"""The spelling-tolerant search index: each claim's and source's words, for the site's fuzzy fallback."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from gluteclaims.grading.grade import Grade
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.refs.cite import short_ref

# Words too common to tell one claim from another; "but" stays, since "dead but" means "dead butt".
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "do",
        "does",
        "for",
        "from",
        "has",
        "have",
        "how",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "were",
        "what",
        "when",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
    ]
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(texts: Iterable[str]) -> list[str]:
    """Distinct lower-case words of two or more letters, stopwords dropped, in first-seen order."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in _WORD.findall(text.lower()):
            if len(word) >= 2 and word not in STOPWORDS and not word.isdigit():
                seen.setdefault(word, None)
    return list(seen)


def fuzzy_index(kb: KnowledgeBase, grades: Mapping[str, Grade]) -> dict:
    """Documents the browser matches a query against: page address, title, key words, other words, authors' names."""
    docs = []
    for claim_id in sorted(kb.claims):
        claim = kb.claims[claim_id]
        grade = grades[claim_id]
        key = words([claim.statement, *claim.aliases, *claim.topics])
        other = [
            w
            for w in words(
                [
                    claim.summary,
                    claim.population,
                    claim.notes or "",
                    *(r.sentence for r in grade.reasons),
                    *(e.finding for e in claim.evidence),
                ]
            )
            if w not in key
        ]
        docs.append(
            {
                "u": f"claims/{claim_id}/",
                "t": claim.statement,
                "a": list(claim.aliases),
                "d": grade.summary,
                "k": key,
                "w": other,
            }
        )
    for source_id in sorted(kb.sources):
        source = kb.sources[source_id]
        key = words([source.title, *source.authors, source_id])
        docs.append(
            {
                "u": f"sources/{source_id}/",
                "t": source.title,
                "a": [],
                "d": short_ref(source),
                "k": key,
                "w": [],
                "n": words(source.authors),
            }
        )
    return {"version": 1, "docs": docs}
