"""One record as terminal text: a claim with its grade, evidence and contradictions, or a source with its reference."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping

from gluteclaims.analysis.graph import FINDING_KINDS, Finding
from gluteclaims.grading.grade import Grade
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.models import Claim, Source
from gluteclaims.refs.cite import short_ref, to_apa

WIDTH = 96


def _wrap(text: str, indent: str = "  ") -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=False,
    ) or [indent.rstrip()]


def _section(title: str, lines: list[str]) -> list[str]:
    return ["", f"{title}:", *lines] if lines else []


def findings_about(record_id: str, findings: Iterable[Finding]) -> list[Finding]:
    """The findings that involve a claim or source, by id."""
    nodes = {f"claim:{record_id}", f"source:{record_id}"}
    return [f for f in findings if nodes & set(f.records)]


def _finding_lines(findings: list[Finding]) -> list[str]:
    lines = []
    for f in findings:
        lines += _wrap(f"{f.severity}[{FINDING_KINDS[f.kind][0]}] {f.title}: {f.message}")
    return lines


def describe_claim(claim: Claim, grades: Mapping[str, Grade], kb: KnowledgeBase, findings: Iterable[Finding]) -> str:
    """A claim: statement, verdict and the rules behind it, evidence, appearances, relations, findings."""
    grade = grades[claim.id]
    lines = [
        f"{claim.id}  ({kb.origin('claims', claim.id).path})",
        *_wrap(claim.statement, ""),
        "",
        f"Verdict: {grade.summary}",
        *_wrap(grade.statement, ""),
    ]
    for reason in grade.reasons:
        effect = f" {reason.effect:+d}" if reason.effect else ""
        lines += _wrap(f"[{reason.rule}{effect}] {reason.sentence}")
    lines += ["", "Summary:", *_wrap(claim.summary)]
    if claim.aliases:
        lines += ["", "Also said as:", *(f"  {alias}" for alias in claim.aliases)]
    excluded = grade.not_counted
    evidence = []
    for link in claim.evidence:
        source = kb.sources.get(link.source)
        ref = f"{short_ref(source)}, {source.kind}" if source else "unknown source"
        status = (
            "counted" if link.source in grade.counted else f"not counted: {excluded.get(link.source, 'see reasons')}"
        )
        directness = "direct" if link.is_direct else "indirect " + ", ".join(link.directness.elements_not_direct)
        evidence.append(f"  {link.direction:<24} {link.source} ({ref}; {link.outcome}, {directness}; {status})")
        evidence += _wrap(link.finding, "      ")
    lines += _section(f"Evidence ({len(claim.evidence)})", evidence)
    lines += _section(
        "Where it is claimed",
        [
            f"  {a.position:<15} {a.source} ({a.locator})" + (f': "{a.quote}"' if a.quote else "")
            for a in claim.appearances
        ],
    )
    relations = []
    for relation in claim.relations:
        other = grades.get(relation.claim)
        relations.append(f"  {relation.type:<15} {relation.claim} ({other.summary if other else 'unknown claim'})")
    lines += _section("Relations", relations)
    lines += _section("Contradictions and findings", _finding_lines(findings_about(claim.id, findings)))
    return "\n".join(lines)


def describe_source(source: Source, kb: KnowledgeBase, grades: Mapping[str, Grade], findings: Iterable[Finding]) -> str:
    """A source: its reference, design, verification, findings, and the claims it bears on."""
    v = source.verification
    lines = [
        f"{source.id}  ({kb.origin('sources', source.id).path})",
        *_wrap(to_apa(source), ""),
        "",
        f"Kind: {source.kind}",
    ]
    status = v.status + (f" (unconfirmed: {', '.join(v.unconfirmed)})" if v.unconfirmed else "")
    lines.append(f"Verification: {status}")
    lines += [f"  checked: {page}" for page in v.checked]
    for flag in source.integrity:
        lines += _wrap(f"Integrity: {flag.flag}: {flag.note}", "")
    if source.population:
        lines.append(f"Population: {source.population.description}")
    if source.sample and source.sample.participants is not None:
        lines.append(f"Participants: {source.sample.participants}")
    if source.findings:
        lines += ["", "Findings:", *_wrap(source.findings)]
    bearing = []
    for claim in sorted(kb.claims.values(), key=lambda c: c.id):
        for link in claim.evidence:
            if link.source == source.id:
                grade = grades.get(claim.id)
                bearing.append(f"  {link.direction:<24} {claim.id}" + (f" ({grade.summary})" if grade else ""))
        for appearance in claim.appearances:
            if appearance.source == source.id:
                bearing.append(f"  {appearance.position:<15} {claim.id}")
    lines += _section("Claims it bears on", bearing)
    lines += _section("Contradictions and findings", _finding_lines(findings_about(source.id, findings)))
    return "\n".join(lines)
