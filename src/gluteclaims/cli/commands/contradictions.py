"""`gluteclaims contradictions`: what graph analysis finds wrong or contested in the knowledge base."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click

from gluteclaims.analysis.graph import FINDING_KINDS, Finding, find_contradictions
from gluteclaims.cli.options import format_option, load_valid, root_option
from gluteclaims.grading.grade import grade_all


def format_finding(finding: Finding) -> str:
    """A finding as text: where and what, then the records involved."""
    where = finding.path or ""
    if finding.line is not None:
        where += f":{finding.line}" + (f":{finding.column}" if finding.column is not None else "")
    return (
        f"{where}: {finding.severity}[{FINDING_KINDS[finding.kind][0]}] {finding.title}: {finding.message}\n  "
        f"records: {', '.join(finding.records)}"
    )


def findings_summary(findings: list[Finding]) -> str:
    """'3 findings: 1 contested claim, 2 myths' in report order."""
    if not findings:
        return "no findings"
    counts = Counter(f.kind for f in findings)
    parts = [f"{counts[k]} × {FINDING_KINDS[k][1]}" for k in FINDING_KINDS if counts[k]]
    return f"{len(findings)} finding{'s' if len(findings) != 1 else ''}: {', '.join(parts)}"


@click.command()
@root_option
@format_option
def contradictions(root: Path, fmt: str) -> None:
    """Report contradictions found by graph analysis of claims and sources.

    Finds contested claims, contradicting claims that are both supported, supported claims
    whose mechanism is not, sources cited both ways, myths repeated by popular articles
    (ranked by how many repeat them), cycles of depends-on relations, and reviews cited
    together with a study they include. `gluteclaims check` warns only about the findings
    that need a fix (a source cited both ways, dependency cycles).

    Example:

        gluteclaims contradictions --format json
    """
    kb = load_valid(root)
    findings = find_contradictions(kb, grade_all(kb))
    if fmt == "json":
        click.echo(json.dumps({"findings": [f.to_dict() for f in findings]}, indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join([*(format_finding(f) for f in findings), findings_summary(findings)]))


COMMANDS = [contradictions]
