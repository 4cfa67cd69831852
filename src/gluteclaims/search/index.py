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

# How trainers and clients say what the claims say: each group is one meaning. A query word matches
# its group's other words a little less well than itself. Whole words only, so "dead" never reaches
# "deadlift"; the browser also compares words without a plural "s" ("squats" is "squat").
THESAURUS: tuple[tuple[str, ...], ...] = (
    ("growth", "grow", "grows", "growing", "hypertrophy", "bigger", "size", "build", "builds", "building", "mass"),
    ("butt", "glute", "gluteal", "gluteus", "buttock", "booty", "backside", "bum", "ass", "behind"),
    (
        "inhibition",
        "inhibit",
        "inhibited",
        "inhibits",
        "asleep",
        "sleep",
        "sleeping",
        "amnesia",
        "dormant",
        "shut",
        "switched",
        "switch",
        "switches",
        "silent",
        "lazy",
    ),
    (
        "activation",
        "activate",
        "activates",
        "activated",
        "activity",
        "emg",
        "firing",
        "fire",
        "fires",
        "recruit",
        "recruitment",
        "engage",
        "engagement",
        "work",
        "works",
    ),
    ("deadlift", "rdl", "hinge", "hinging"),
    ("strength", "strong", "stronger", "strengthen", "strengthening", "weak", "weakness"),
    ("fat", "burn", "burning", "lose", "losing", "loss"),
    ("reduction", "reduce", "reducing"),
    ("sitting", "sit", "seated", "desk", "chair", "sedentary"),
    ("damage", "soreness", "sore", "doms", "tear", "tearing"),
    ("eccentric", "eccentrics", "negative", "negatives", "lowering", "tempo"),
    ("frequency", "times", "often", "sessions", "session", "weekly"),
    ("overtraining", "overtrain", "overtrained", "burnout", "cns"),
    ("cardio", "running", "run", "runs", "jog", "jogging", "aerobic", "endurance"),
    ("ketogenic", "keto", "carb", "carbs", "carbohydrate", "carbohydrates"),
    ("drill", "drills", "band", "bands", "banded", "clamshell", "clamshells", "warm", "warmup"),
    ("shoe", "shoes", "sneaker", "sneakers", "footwear"),
    ("back", "lumbar", "spine", "spinal"),
    ("performance", "faster", "speed", "athletic", "quicker"),
    ("toning", "tone", "toned", "firm", "firmer"),
    ("medius", "med"),
    ("abduction", "abductor", "abductors", "abduct"),
    ("hydrated", "water", "hydrate", "hydration", "drink", "drinking", "dehydrated", "dehydration"),
    ("language", "words", "telling", "nocebo", "scary", "threatening", "threat"),
    ("repetitions", "reps", "rep"),
    ("load", "weight", "heavier", "heavy"),
    ("deep", "depth", "full", "parallel"),
    ("partial", "half", "shallow"),
    ("protein", "whey"),
    ("recovery", "fix", "heal", "recover", "rehab", "rehabilitation"),
    ("tired", "fatigue", "fatigued", "tiring"),
    ("better", "more", "best", "superior", "beat", "beats", "outperform", "greater", "higher", "king"),
)


def words(texts: Iterable[str]) -> list[str]:
    """Distinct lower-case words of two or more letters, stopwords dropped, in first-seen order."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in _WORD.findall(text.lower()):
            if len(word) >= 2 and word not in STOPWORDS and not word.isdigit():
                seen.setdefault(word, None)
    return list(seen)


def fuzzy_index(kb: KnowledgeBase, grades: Mapping[str, Grade]) -> dict:
    """Documents the browser matches a query against, and the thesaurus it widens a query with.

    For a claim: address, question (title), statement, aliases, verdict, certainty, the verdict's
    one-line statement, and its words by weight: headline (question and aliases), key (statement
    and topics), other (summary, population, findings). For a source: title, reference, words and
    authors' names.
    """
    docs = []
    for claim_id in sorted(kb.claims):
        claim = kb.claims[claim_id]
        grade = grades[claim_id]
        headline = words([claim.title or "", *claim.aliases])
        key = [w for w in words([claim.statement, *(t.replace("-", " ") for t in claim.topics)]) if w not in headline]
        seen = set(headline) | set(key)
        other = [
            w
            for w in words(
                [
                    claim.summary,
                    claim.bottom_line or "",
                    claim.population,
                    claim.notes or "",
                    *(e.finding for e in claim.evidence),
                ]
            )
            if w not in seen
        ]
        docs.append(
            {
                "u": f"claims/{claim_id}/",
                "q": claim.title or "",
                "t": " ".join(claim.statement.split()),
                "a": list(claim.aliases),
                "v": grade.verdict,
                "c": grade.certainty or "",
                "s": grade.statement,
                "d": grade.summary,
                "h": headline,
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
                "h": [],
                "k": key,
                "w": [],
                "n": words(source.authors),
            }
        )
    return {"version": 2, "docs": docs, "thesaurus": [list(group) for group in THESAURUS]}
