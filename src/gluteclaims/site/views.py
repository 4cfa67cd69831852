"""Small display values the pages share: verdict badges, short references, graph elements, field tables."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from gluteclaims.grading.grade import Grade
from gluteclaims.grading.labels import (
    CERTAINTY_DOTS,
    CERTAINTY_LABELS,
    DIRECTION_SYMBOLS,
    DIRECTION_WORDS,
    VERDICT_SYMBOLS,
    verdict_words,
)
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.models import Claim, Source
from gluteclaims.refs.cite import short_ref


@dataclass(frozen=True)
class Badge:
    """A claim's verdict and certainty, as words, symbols and a CSS class."""

    verdict: str
    certainty: str | None

    @property
    def verdict_words(self) -> str:
        """'Little or no difference', 'Not studied'."""
        return verdict_words(self.verdict)

    @property
    def certainty_words(self) -> str:
        """'low certainty'; 'no studies' for a claim nothing answers."""
        return f"{CERTAINTY_LABELS[self.certainty]} certainty" if self.certainty else "no studies"

    @property
    def html(self) -> Markup:
        """Inline badge: symbol and verdict, then certainty as dots and words."""
        badge = (
            f'<span class="gc-badge gc-badge--{self.verdict}">{VERDICT_SYMBOLS[self.verdict]} '
            f"{self.verdict_words}</span>"
        )
        if not self.certainty:
            return Markup(badge)
        return Markup(
            f'{badge} <span class="gc-certainty gc-certainty--{self.certainty}" title="{self.certainty_words}">'
            f'<span aria-hidden="true">{CERTAINTY_DOTS[self.certainty]}</span> {self.certainty_words}</span>'
        )

    @property
    def compact(self) -> Markup:
        """The verdict badge alone, for tables."""
        return Markup(
            f'<span class="gc-badge gc-badge--{self.verdict}">{VERDICT_SYMBOLS[self.verdict]} '
            f"{self.verdict_words}</span>"
        )


def verdict_badge(verdict: str) -> Markup:
    """The badge of a verdict on its own, as on the verdict counts."""
    return Badge(verdict, "high").compact


def verdict_heading(verdict: str) -> str:
    """'✓ Supported', for headings."""
    return f"{VERDICT_SYMBOLS[verdict]} {Badge(verdict, 'high').verdict_words}"


def claim_badge(grade: Grade) -> Badge:
    """The badge for a claim's grade."""
    return Badge(grade.verdict, grade.certainty)


def stance_label(stance: str) -> Markup:
    """A result's direction (or an article's position) with its symbol: '▼ favours the opposite'."""
    words = DIRECTION_WORDS.get(stance, stance.replace("-", " "))
    return Markup(f'<span class="gc-stance gc-stance--{stance}">{DIRECTION_SYMBOLS.get(stance, "")} {words}</span>')


def first_sentence(value: str, limit: int = 220) -> str:
    """The first sentence of a summary, for lists where the whole summary is too long."""
    value = " ".join(value.split())
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z\"“(])", value)
    sentence = value[: match.start()] if match else value
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def topic_anchor(topic: str) -> str:
    """A stable HTML id for a topic tag, whatever characters the tag holds."""
    slug = re.sub(r"[^a-z0-9]+", "-", topic.lower()).strip("-")
    if slug and slug == topic:
        return f"topic-{slug}"
    return f"topic-{slug or 'x'}-{hashlib.sha1(topic.encode()).hexdigest()[:6]}"


def graph_elements(kb: KnowledgeBase, grades: Mapping[str, Grade]) -> dict:
    """Claims and sources as Cytoscape nodes; evidence, appearances and relations as edges."""
    nodes, edges = [], []
    used: set[str] = set()
    for claim_id in sorted(kb.claims):
        claim = kb.claims[claim_id]
        grade = grades[claim_id]
        nodes.append(
            {
                "data": {
                    "id": f"claim:{claim_id}",
                    "label": _clip(claim.statement),
                    "kind": "claim",
                    "verdict": grade.verdict,
                    "url": f"claims/{claim_id}/",
                    "detail": grade.summary,
                }
            }
        )
        for link in claim.evidence:
            used.add(link.source)
            edges.append(
                {
                    "data": {
                        "id": f"e:{claim_id}:{link.source}:{link.direction}",
                        "source": f"source:{link.source}",
                        "target": f"claim:{claim_id}",
                        "kind": link.direction,
                    }
                }
            )
        for appearance in claim.appearances:
            used.add(appearance.source)
            edges.append(
                {
                    "data": {
                        "id": f"a:{claim_id}:{appearance.source}:{appearance.position}",
                        "source": f"source:{appearance.source}",
                        "target": f"claim:{claim_id}",
                        "kind": appearance.position,
                    }
                }
            )
        for rel in claim.relations:
            if rel.claim in kb.claims:
                edges.append(
                    {
                        "data": {
                            "id": f"r:{claim_id}:{rel.claim}:{rel.type}",
                            "source": f"claim:{claim_id}",
                            "target": f"claim:{rel.claim}",
                            "kind": rel.type,
                        }
                    }
                )
    for source_id in sorted(used):
        source = kb.sources.get(source_id)
        if source is None:
            continue
        kind = "popular" if source.is_popular else ("failed" if source.verification.status == "failed" else "study")
        nodes.append(
            {
                "data": {
                    "id": f"source:{source_id}",
                    "label": short_ref(source),
                    "kind": kind,
                    "url": f"sources/{source_id}/",
                    "detail": _clip(source.title, 120),
                }
            }
        )
    known = {n["data"]["id"] for n in nodes}
    edges = [e for e in edges if e["data"]["source"] in known and e["data"]["target"] in known]
    return {"nodes": nodes, "edges": edges}


def _clip(value: str, limit: int = 70) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def contributing_fields() -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(model name, [(field, required or optional, description)]) for claims and sources."""
    tables = []
    for name, model in (("Source", Source), ("Claim", Claim)):
        rows = [
            (field, "required" if info.is_required() else "optional", info.description or "")
            for field, info in model.model_fields.items()
        ]
        tables.append((name, rows))
    return tables
