"""`gluteclaims grade`: verdict, certainty and the reasons behind them, per claim."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click

from gluteclaims.cli.options import format_option, load_valid, root_option
from gluteclaims.grading.grade import Grade, grade_all
from gluteclaims.grading.labels import VERDICT_LABELS, VERDICTS
from gluteclaims.kb.checks import did_you_mean


def format_grade(grade: Grade) -> str:
    """One claim's grade as text: the verdict line, then each reason on its own line."""
    lines = [f"{grade.claim}: {grade.summary}", f"  {grade.statement}"]
    for reason in grade.reasons:
        effect = f" {reason.effect:+d}" if reason.effect else ""
        lines.append(f"  [{reason.rule}{effect}] {reason.sentence}")
    return "\n".join(lines)


def verdict_counts(grades: list[Grade]) -> str:
    """'3 claims: 1 supported, 2 uncertain' (verdicts in a fixed order)."""
    counts = Counter(g.verdict for g in grades)
    parts = [f"{counts[v]} {VERDICT_LABELS[v]}" for v in VERDICTS if counts[v]]
    return f"{len(grades)} claim{'s' if len(grades) != 1 else ''}: {', '.join(parts) or 'none'}"


@click.command()
@click.argument("claim_ids", nargs=-1, metavar="[ID]...")
@root_option
@format_option
def grade(claim_ids: tuple[str, ...], root: Path, fmt: str) -> None:
    """Grade claims as GRADE does: verdict, certainty, statement, and why.

    Grades every claim, or only the claims whose ids are given: the certainty of the body of
    evidence that answers the claim's question, and the verdict said the way Cochrane says it.
    Each grade lists the steps, in order, with how many levels each moved the certainty; the
    rules are those on the methodology page.

    Example:

        gluteclaims grade glute-amnesia-from-sitting --format text
    """
    kb = load_valid(root)
    for claim_id in claim_ids:
        if claim_id not in kb.claims:
            hint = did_you_mean(claim_id, sorted(kb.claims))
            raise click.ClickException(f"unknown claim '{claim_id}'" + (f" ({hint})" if hint else ""))
    grades = grade_all(kb)
    chosen = [grades[i] for i in dict.fromkeys(claim_ids)] if claim_ids else list(grades.values())
    if fmt == "json":
        click.echo(json.dumps({"grades": [g.to_dict() for g in chosen]}, indent=2, ensure_ascii=False))
    else:
        click.echo("\n\n".join([*(format_grade(g) for g in chosen), verdict_counts(chosen)]))


COMMANDS = [grade]
