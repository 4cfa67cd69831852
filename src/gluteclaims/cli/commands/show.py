"""`gluteclaims show`: one claim or source in full."""

from __future__ import annotations

import json
from pathlib import Path

import click

from gluteclaims.analysis.graph import find_contradictions
from gluteclaims.cli.describe import describe_claim, describe_source, findings_about
from gluteclaims.cli.options import format_option, load_valid, root_option
from gluteclaims.grading.grade import grade_all
from gluteclaims.kb.checks import did_you_mean
from gluteclaims.refs.cite import to_apa


@click.command()
@click.argument("record_id", metavar="ID")
@root_option
@format_option
def show(record_id: str, root: Path, fmt: str) -> None:
    """Print one claim (grade, reasons, evidence, contradictions) or one source (reference, verification, claims).

    Example:

        gluteclaims show hip-thrust-more-glute-growth-than-squat
    """
    kb = load_valid(root)
    if record_id not in kb.claims and record_id not in kb.sources:
        hint = did_you_mean(record_id, sorted({*kb.claims, *kb.sources}))
        raise click.ClickException(
            f"no claim or source with id '{record_id}'" + (f" ({hint})" if hint else " (try `gluteclaims find WORDS`)")
        )
    grades = grade_all(kb)
    findings = find_contradictions(kb, grades)
    if fmt == "json":
        data: dict[str, object]
        if record_id in kb.claims:
            data = {"claim": kb.claims[record_id].model_dump(mode="json"), "grade": grades[record_id].to_dict()}
        else:
            data = {"source": kb.sources[record_id].model_dump(mode="json"), "citation": to_apa(kb.sources[record_id])}
        data["findings"] = [f.to_dict() for f in findings_about(record_id, findings)]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    elif record_id in kb.claims:
        click.echo(describe_claim(kb.claims[record_id], grades, kb, findings))
    else:
        click.echo(describe_source(kb.sources[record_id], kb, grades, findings))


COMMANDS = [show]
