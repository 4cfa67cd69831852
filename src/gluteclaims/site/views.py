"""Small display values the pages share: verdict badges, short references, graph elements, field tables."""

from __future__ import annotations

import hashlib
import math
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from gluteclaims.grading.grade import Grade
from gluteclaims.grading.labels import (
    CERTAINTY_DOTS,
    CERTAINTY_LABELS,
    COMPARISON_WORDS,
    DESIGN_WORDS,
    DIRECTION_SYMBOLS,
    DIRECTION_WORDS,
    VERDICT_SYMBOLS,
    verdict_words,
)
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.models import Claim, EvidenceLink, Source
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
                    "label": _clip(claim_title(claim)),
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
                    "label": source_name(source),
                    "kind": kind,
                    "url": f"sources/{source_id}/",
                    "detail": _clip(source.title, 120),
                }
            }
        )
    known = {n["data"]["id"] for n in nodes}
    edges = [e for e in edges if e["data"]["source"] in known and e["data"]["target"] in known]
    positions = _layout(sorted(known), [(e["data"]["source"], e["data"]["target"]) for e in edges])
    for node in nodes:
        x, y = positions[node["data"]["id"]]
        node["position"] = {"x": x, "y": y}  # type: ignore[dict-item]  # cytoscape's element format mixes kinds
    return {"nodes": nodes, "edges": edges}


def _layout(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Fixed positions, so the graph looks the same on every load: claims on a ring, grouped by what links them;
    each source just outside the claims it bears on (at their mean direction), spread so that few overlap.
    """
    claims = [n for n in nodes if n.startswith("claim:")]
    linked: dict[str, list[str]] = {}
    for a, b in edges:
        if a.startswith("claim:") and b.startswith("claim:"):
            continue
        source, claim = (a, b) if b.startswith("claim:") else (b, a)
        linked.setdefault(source, []).append(claim)
    # Claims that share sources sit next to each other: order by the first source they share, then id.
    first_source = {c: min((s for s, cs in linked.items() if c in cs), default="~") for c in claims}
    ring = sorted(claims, key=lambda c: (first_source[c], c))
    radius = max(400.0, 60.0 * len(ring) / (2 * math.pi))
    at: dict[str, tuple[float, float]] = {}
    for i, claim in enumerate(ring):
        angle = 2 * math.pi * i / max(1, len(ring))
        at[claim] = (radius * math.cos(angle), radius * math.sin(angle))
    crowd: dict[tuple[int, int], int] = {}
    for node in nodes:
        if node in at:
            continue
        targets = [at[c] for c in linked.get(node, []) if c in at] or [(0.0, 0.0)]
        x = sum(p[0] for p in targets) / len(targets)
        y = sum(p[1] for p in targets) / len(targets)
        angle = math.atan2(y, x) if (x or y) else 0.0
        # A source of one claim sits outside the ring; one shared by many sits inside, towards them.
        reach = radius * (1.25 if len(targets) == 1 else max(0.35, math.hypot(x, y) / radius))
        cell = (round(angle * 12), round(reach / 80))
        crowd[cell] = crowd.get(cell, 0) + 1
        reach += 45.0 * (crowd[cell] - 1)
        at[node] = (reach * math.cos(angle), reach * math.sin(angle))
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in at.items()}


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


def source_name(source: Source) -> str:
    """A source's short reference; for one without authors, its site or venue up to the first aside, and the year."""
    if source.authors:
        return short_ref(source)
    who = re.split(r" \(|, | — | - ", source.venue or source.title)[0]
    who = textwrap.shorten(who, 40, placeholder="…")
    return f"{who} {source.year or 'n.d.'}"


def claim_title(claim: Claim) -> str:
    """The claim as a plain question ('Does sitting switch your glutes off?'), or its statement when it has none."""
    return claim.title or " ".join(claim.statement.split())


_ID_TOKEN = re.compile(r"(?<![\w-])(?:claim:|source:)?(\w+(?:-\w+)*)(?![\w-])")


class Names:
    """Readable names for record ids in generated text: a source's short reference, a claim's title."""

    def __init__(self, kb: KnowledgeBase):
        self.names = {source_id: source_name(source) for source_id, source in kb.sources.items()}
        self.names.update({claim_id: f"“{claim_title(claim)}”" for claim_id, claim in kb.claims.items()})
        # Every whole word-and-hyphen token, with an optional 'claim:' or 'source:' graph prefix, is
        # looked up: one dictionary look-up a token, where an alternation of every id cost time in
        # proportion to the number of records on every page (12k pages: 130 s).
        self.pattern = _ID_TOKEN

    def mentioned(self, texts: list[str]) -> tuple[tuple[str, str], ...]:
        """(id, readable name) of every record the texts name by id, for telling when a page must change."""
        found = {token for text in texts for token in self.pattern.findall(text) if token in self.names}
        return tuple((i, self.names[i]) for i in sorted(found))

    def readable(self, text: str) -> str:
        """`text` with every record id in it replaced by the record's readable name."""
        names = self.names
        return self.pattern.sub(lambda m: names.get(m.group(1), m.group(0)), text)


@dataclass(frozen=True)
class StudyRow:
    """One study on a claim page: what it is, what it measured, which way it went, and how it counted."""

    source: str
    link: EvidenceLink
    design: str
    participants: str
    measured: str
    counted: bool
    weight: float | None
    why_not: str | None

    @property
    def in_the_grade(self) -> str:
        """'Counted: 45% of the participants weighed'; 'Context only: ...'; 'Not counted: ...'."""
        if self.counted:
            return f"Counted, {self.weight:.0%} of the weight" if self.weight is not None else "Counted"
        return f"Not counted: {self.why_not}" if self.why_not else "Not counted"


def study_rows(claim: Claim, grade: Grade, kb: KnowledgeBase, names: Names) -> list[StudyRow]:
    """One row per evidence link; the weight of a counted study is its share of the body's participants.

    As the grading weighs them: a study whose sample is unknown weighs as the smallest known one.
    """
    counted = set(grade.counted)
    sizes = {}
    for link in claim.evidence:
        if link.source in counted:
            sizes[link.source] = _participants(link, kb.sources.get(link.source))
    known = [n for n in sizes.values() if n]
    fallback = min(known) if known else 1
    weights = {sid: float(n or fallback) for sid, n in sizes.items()}
    total = sum(weights.values()) or 1.0
    not_counted = grade.not_counted
    rows = []
    for link in claim.evidence:
        source = kb.sources.get(link.source)
        n = _participants(link, source)
        studies = source.sample.studies if source and source.sample else None
        size = f"{n:,}" if n is not None else "not reported"
        if studies:
            size += f" in {studies} studies"
        kind = DESIGN_WORDS.get(source.kind, source.kind) if source else "unknown"
        design = f"{kind}: {COMPARISON_WORDS[link.design]}" if link.design else kind
        measured = OUTCOME_WORDS.get(link.outcome, link.outcome.replace("-", " "))
        if link.directness.elements_not_direct:
            outcome = link.directness.outcome
            measured += (
                f"; a surrogate for {OUTCOME_WORDS.get(claim.outcome, claim.outcome)}"
                if outcome in ("surrogate", "validated-surrogate")
                else f"; indirect {', '.join(link.directness.elements_not_direct)}"
            )
        why = not_counted.get(link.source)
        rows.append(
            StudyRow(
                link.source,
                link,
                design,
                size,
                measured,
                link.source in counted,
                weights[link.source] / total if link.source in weights else None,
                names.readable(why) if why else None,
            )
        )
    return rows


def _participants(link: EvidenceLink, source: Source | None) -> int | None:
    if link.participants is not None:
        return link.participants
    return source.sample.participants if source and source.sample else None


OUTCOME_WORDS: dict[str, str] = {
    "emg": "muscle activation (EMG)",
    "hypertrophy": "muscle growth",
    "strength": "strength",
    "power": "power",
    "performance": "performance",
    "pain": "pain",
    "disability": "disability",
    "injury": "injury",
    "function": "function",
    "posture": "posture",
    "range-of-motion": "range of motion",
    "motor-control": "movement control",
    "body-composition": "body composition",
    "muscle-damage": "muscle damage",
    "protein-synthesis": "muscle protein synthesis",
    "nerve-function": "nerve function",
    "cardiometabolic": "heart and metabolic health",
    "beliefs": "beliefs",
    "kinematics": "movement (kinematics)",
    "other": "another outcome",
}

# Field names a source record may list as not seen on any page, in words.
FIELD_WORDS: dict[str, str] = {
    "identifiers.pmid": "PubMed id",
    "identifiers.doi": "DOI",
    "identifiers.pmcid": "PubMed Central id",
    "identifiers": "identifiers",
    "sample.participants": "number of participants",
    "sample.studies": "number of studies",
    "authors": "author list",
    "year": "year",
    "pages": "page numbers",
    "issue": "issue number",
    "volume": "volume",
    "venue": "journal",
    "title": "title",
    "findings": "findings",
    "population": "population",
    "population.sex": "participants' sex",
    "population.training_status": "participants' training status",
    "population.age": "participants' age",
    "includes": "list of included studies",
    "pooled_design": "design of the pooled studies",
    "kind": "study design",
    "certainty_ratings": "review's own certainty ratings",
}
# Missing only these, a record's reference and findings were still seen: nothing to warn about.
LOOKUP_FIELDS = frozenset({"identifiers.pmid", "identifiers.doi", "identifiers.pmcid", "identifiers"})


def field_words(fields: list[str]) -> str:
    """'the PubMed id and the number of participants'."""
    words = [FIELD_WORDS.get(f, f.replace(".", " ").replace("_", " ")) for f in fields]
    if not words:
        return ""
    listed = ", ".join(f"the {w}" for w in words[:-1])
    return f"{listed} and the {words[-1]}" if listed else f"the {words[-1]}"


def topic_words(topic: str) -> str:
    """A topic tag as words: 'gluteal-amnesia' -> 'gluteal amnesia'."""
    return topic.replace("-", " ")
