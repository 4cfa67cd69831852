"""The knowledge base as a graph of claims and sources, and the contradictions found in it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from gluteclaims.analysis.graphml import to_graphml
from gluteclaims.grading.grade import Grade
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.models import Claim
from gluteclaims.kb.problems import Problem, warning

Severity = Literal["warning", "info"]

# kind: (problem code for `check`, title, severity). Order is the order of the report.
FINDING_KINDS: dict[str, tuple[str, str, Severity]] = {
    "contested": ("W301", "contested claim", "info"),
    "contradicting-supported": ("W302", "contradicting claims both supported", "warning"),
    "unsupported-mechanism": ("W303", "supported claim with an unsupported mechanism", "warning"),
    "source-both-ways": ("W304", "one source cited both ways", "warning"),
    "myth": ("W305", "myth", "info"),  # titled UNSUPPORTED_MYTH when the evidence is not against the claim
    "dependency-cycle": ("W306", "claims that depend on each other in a cycle", "warning"),
    "double-counting": ("W307", "review and included study cited together", "warning"),
}
# Findings that point at a fault in the records rather than at what the evidence says.
NEEDS_A_FIX = frozenset({"source-both-ways", "dependency-cycle"})
# A myth is a popular claim the evidence is against; one nobody could show either way is only unsupported.
AGAINST = ("opposite", "little-or-no-difference")
UNSUPPORTED = (*AGAINST, "uncertain", "not-studied", "conflicting")
# A popular claim with too little evidence either way is not shown to be false, only unsupported.
UNSUPPORTED_MYTH = "popular claim without support"


@dataclass(frozen=True)
class Finding:
    """One contradiction or oddity, with the records involved and the claim file line it is about."""

    kind: str
    title: str
    message: str
    records: tuple[str, ...]
    severity: Severity = "warning"
    path: str | None = None
    line: int | None = None
    column: int | None = None

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return {
            "kind": self.kind,
            "code": FINDING_KINDS[self.kind][0],
            "title": self.title,
            "message": self.message,
            "records": list(self.records),
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
        }


def claim_node(claim_id: str) -> str:
    """Graph node id of a claim."""
    return f"claim:{claim_id}"


def source_node(source_id: str) -> str:
    """Graph node id of a source."""
    return f"source:{source_id}"


def _attrs(**values) -> dict:
    # GraphML has no null: leave unknown values out.
    return {k: v for k, v in values.items() if v is not None}


def build_graph(kb: KnowledgeBase, grades: Mapping[str, Grade]) -> nx.MultiDiGraph:
    """Claims and sources as nodes; evidence, appearances, relations and inclusions as edges."""
    graph = nx.MultiDiGraph()
    for claim in kb.claims.values():
        grade = grades.get(claim.id)
        graph.add_node(
            claim_node(claim.id),
            **_attrs(
                kind="claim",
                label=claim.statement,
                outcome=claim.outcome,
                topics=", ".join(claim.topics),
                verdict=grade.verdict if grade else None,
                certainty=grade.certainty if grade else None,
            ),
        )
    for source in kb.sources.values():
        sample = source.sample.participants if source.sample else None
        graph.add_node(
            source_node(source.id),
            **_attrs(
                kind="popular-article" if source.is_popular else "source",
                label=source.title,
                design=source.kind,
                year=source.year,
                verification=source.verification.status,
                participants=sample,
                integrity_flags=len(source.integrity),
            ),
        )
    for claim in kb.claims.values():
        target = claim_node(claim.id)
        counted = set(grades[claim.id].counted) if claim.id in grades else set()
        for link in claim.evidence:
            if link.source in kb.sources:
                graph.add_edge(
                    source_node(link.source),
                    target,
                    type="evidence",
                    direction=link.direction,
                    outcome=link.outcome,
                    direct=link.is_direct,
                    counted=link.source in counted,
                )
        for appearance in claim.appearances:
            if appearance.source in kb.sources:
                graph.add_edge(source_node(appearance.source), target, type="appearance", position=appearance.position)
        for relation in claim.relations:
            if relation.claim in kb.claims:
                graph.add_edge(target, claim_node(relation.claim), type="relation", relation=relation.type)
    for source in kb.sources.values():
        for included in source.includes:
            if included in kb.sources:
                graph.add_edge(source_node(source.id), source_node(included), type="includes")
        resolved = source.verification.resolved_to
        if resolved and resolved in kb.sources:
            graph.add_edge(source_node(source.id), source_node(resolved), type="resolved-to")
    return graph


def graph_to_graphml(graph: nx.MultiDiGraph) -> str:
    """GraphML text for Gephi or Cytoscape (see graphml.py)."""
    return to_graphml(graph)


def graph_to_json(graph: nx.MultiDiGraph) -> dict:
    """Node-link JSON data (nodes, edges) for scripts and Cytoscape."""
    return nx.node_link_data(graph, edges="edges")


def _finding(kb: KnowledgeBase, kind: str, message: str, records, claim_id: str, loc: tuple) -> Finding:
    _, title, severity = FINDING_KINDS[kind]
    origin = kb.origin("claims", claim_id)
    line, column = origin.line_of(loc)
    return Finding(kind, title, message, tuple(records), severity, origin.path, line, column)


def _contradiction_pairs(kb: KnowledgeBase) -> Iterator[tuple[str, str, Claim, int]]:
    """Each contradicting pair once, with the claim and relation index that declared it first."""
    seen: set[frozenset] = set()
    for claim in sorted(kb.claims.values(), key=lambda c: c.id):
        for i, relation in enumerate(claim.relations):
            pair = frozenset((claim.id, relation.claim))
            if relation.type == "contradicts" and relation.claim in kb.claims and len(pair) == 2 and pair not in seen:
                seen.add(pair)
                yield claim.id, relation.claim, claim, i


def _contested(kb: KnowledgeBase, grades: Mapping[str, Grade]) -> Iterator[Finding]:
    for claim_id, grade in grades.items():
        if grade.verdict == "conflicting":
            message = f"{claim_id}: the counted studies point in opposite directions; graded {grade.summary}"
            yield _finding(
                kb,
                "contested",
                message,
                [claim_node(claim_id), *map(source_node, grade.counted)],
                claim_id,
                ("statement",),
            )


def _contradicting_supported(kb: KnowledgeBase, grades: Mapping[str, Grade]) -> Iterator[Finding]:
    for left, right, claim, i in _contradiction_pairs(kb):
        if grades[left].verdict == "supported" and grades[right].verdict == "supported":
            message = (
                f"{left} ({grades[left].summary}) contradicts {right} ({grades[right].summary}), yet both are "
                f"supported: one relation or one set of results is probably wrong"
            )
            yield _finding(
                kb,
                "contradicting-supported",
                message,
                [claim_node(left), claim_node(right)],
                claim.id,
                ("relations", i, "claim"),
            )


def _unsupported_mechanism(kb: KnowledgeBase, grades: Mapping[str, Grade]) -> Iterator[Finding]:
    for claim in sorted(kb.claims.values(), key=lambda c: c.id):
        if grades[claim.id].verdict != "supported":
            continue
        for i, relation in enumerate(claim.relations):
            mechanism = grades.get(relation.claim)
            if relation.type == "depends-on" and mechanism is not None and mechanism.verdict in UNSUPPORTED:
                message = (
                    f"{claim.id} is supported, but the mechanism it depends on, {relation.claim}, is "
                    f"{mechanism.summary}"
                )
                yield _finding(
                    kb,
                    "unsupported-mechanism",
                    message,
                    [claim_node(claim.id), claim_node(relation.claim)],
                    claim.id,
                    ("relations", i, "claim"),
                )


def _source_both_ways(kb: KnowledgeBase) -> Iterator[Finding]:
    for claim in sorted(kb.claims.values(), key=lambda c: c.id):
        first: dict[str, tuple[str, int]] = {}
        reported: set[str] = set()
        for i, link in enumerate(claim.evidence):
            side = {"favours-claim": "for", "favours-opposite": "against"}.get(link.direction)
            if side is None:
                continue
            earlier = first.setdefault(link.source, (side, i))
            if earlier[0] != side and link.source not in reported:
                reported.add(link.source)
                message = f"{link.source} is cited on {claim.id} both as supporting it and as going against it"
                yield _finding(
                    kb,
                    "source-both-ways",
                    message,
                    [source_node(link.source), claim_node(claim.id)],
                    claim.id,
                    ("evidence", i, "source"),
                )
    for left, right, _claim, _ in _contradiction_pairs(kb):
        supporting = {link.source for link in kb.claims[right].evidence if link.direction == "favours-claim"}
        for i, link in enumerate(kb.claims[left].evidence):
            if link.direction == "favours-claim" and link.source in supporting:
                message = f"{link.source} is cited in support of both {left} and {right}, which contradict each other"
                yield _finding(
                    kb,
                    "source-both-ways",
                    message,
                    [source_node(link.source), claim_node(left), claim_node(right)],
                    left,
                    ("evidence", i, "source"),
                )


def _myths(kb: KnowledgeBase, grades: Mapping[str, Grade]) -> Iterator[Finding]:
    myths = []
    for claim in kb.claims.values():
        articles = sorted(
            {
                a.source
                for a in claim.appearances
                if a.position == "asserts" and a.source in kb.sources and kb.sources[a.source].is_popular
            }
        )
        if articles and grades[claim.id].verdict in UNSUPPORTED:
            myths.append((claim, articles))
    # Ranked by how many popular articles repeat the claim; evidence against before merely unsupported.
    for claim, articles in sorted(myths, key=lambda m: (-len(m[1]), grades[m[0].id].verdict not in AGAINST, m[0].id)):
        index = next(i for i, a in enumerate(claim.appearances) if a.position == "asserts" and a.source in articles)
        count = f"{len(articles)} popular article{'s' if len(articles) != 1 else ''}"
        message = f"{claim.id} is asserted by {count} ({', '.join(articles)}) but graded {grades[claim.id].summary}"
        found = _finding(
            kb,
            "myth",
            message,
            [claim_node(claim.id), *map(source_node, articles)],
            claim.id,
            ("appearances", index, "source"),
        )
        yield found if grades[claim.id].verdict in AGAINST else dataclasses.replace(found, title=UNSUPPORTED_MYTH)


def _dependency_cycles(kb: KnowledgeBase) -> Iterator[Finding]:
    depends = nx.DiGraph()
    for claim in kb.claims.values():
        for relation in claim.relations:
            if relation.type == "depends-on" and relation.claim in kb.claims and relation.claim != claim.id:
                depends.add_edge(claim.id, relation.claim)
    cycles = []
    for cycle in nx.simple_cycles(depends):
        start = cycle.index(min(cycle))
        cycles.append(cycle[start:] + cycle[:start])
    for cycle in sorted(cycles):
        first = kb.claims[cycle[0]]
        index = next(
            i for i, r in enumerate(first.relations) if r.type == "depends-on" and r.claim == cycle[1 % len(cycle)]
        )
        message = " depends on ".join([*cycle, cycle[0]])
        yield _finding(kb, "dependency-cycle", message, map(claim_node, cycle), cycle[0], ("relations", index, "claim"))


def _double_counting(kb: KnowledgeBase) -> Iterator[Finding]:
    for claim in sorted(kb.claims.values(), key=lambda c: c.id):
        cited = {link.source for link in claim.evidence}
        reviews = [
            (review_id, review.includes)
            for review_id in sorted(cited)
            if (review := kb.sources.get(review_id)) is not None and review.includes
        ]
        if not reviews:
            continue
        reported: set[tuple[str, str]] = set()
        for i, link in enumerate(claim.evidence):
            for review_id, includes in reviews:
                if review_id == link.source or link.source not in includes or (review_id, link.source) in reported:
                    continue
                reported.add((review_id, link.source))
                message = (
                    f"{claim.id} cites review {review_id} and {link.source}, a study the review includes; the "
                    f"grade counts {link.source} only through the review"
                )
                yield _finding(
                    kb,
                    "double-counting",
                    message,
                    [claim_node(claim.id), source_node(review_id), source_node(link.source)],
                    claim.id,
                    ("evidence", i, "source"),
                )


def find_contradictions(kb: KnowledgeBase, grades: Mapping[str, Grade]) -> list[Finding]:
    """Every contradiction the graph shows, in the order of FINDING_KINDS."""
    return [
        *_contested(kb, grades),
        *_contradicting_supported(kb, grades),
        *_unsupported_mechanism(kb, grades),
        *_source_both_ways(kb),
        *_myths(kb, grades),
        *_dependency_cycles(kb),
        *_double_counting(kb),
    ]


def contradiction_problems(kb: KnowledgeBase, grades: Mapping[str, Grade]) -> list[Problem]:
    """The findings a maintainer must fix, as `check` warnings (W3xx) at the claim file and line.

    The rest (myths, contested claims, ...) are what the evidence says, not faults in the
    records: `gluteclaims contradictions` and the site report them.
    """
    findings = [f for f in find_contradictions(kb, grades) if f.kind in NEEDS_A_FIX]
    return [
        warning(
            FINDING_KINDS[f.kind][0],
            f.path or "",
            f"{f.title}: {f.message}",
            line=f.line,
            column=f.column,
            record=next(r.split(":", 1)[1] for r in f.records if r.startswith("claim:")),
        )
        for f in findings
    ]
