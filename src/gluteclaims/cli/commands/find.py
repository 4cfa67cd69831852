"""`gluteclaims find`: which claims and sources match some words, and what the verdict is."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import click

from gluteclaims.cli.options import format_option, load_valid, root_option
from gluteclaims.grading.grade import grade_all
from gluteclaims.refs.cite import short_ref
from gluteclaims.search.find import find as find_records
from gluteclaims.search.find import verdict_of
from gluteclaims.site.views import VERDICT_SYMBOLS


@click.command()
@click.argument("query", nargs=-1, required=True)
@root_option
@format_option
@click.option(
    "--limit", type=click.IntRange(1, 200), default=10, show_default=True, help="Show at most this many matches."
)
def find(query: tuple[str, ...], root: Path, fmt: str, limit: int) -> None:
    """Find claims and sources by words, spelling mistakes forgiven, with each claim's verdict.

    Matches claim statements, the ways people say them (aliases), topics, source titles and
    ids. Each claim shows its verdict and certainty, so the answer is right there.

    Example:

        gluteclaims find "does sitting switch off my glutes"
    """
    text = " ".join(query)
    kb = load_valid(root)
    grades = grade_all(kb)
    matches = find_records(kb, text, limit=limit)
    if fmt == "json":
        rows = [
            {
                "kind": m.kind,
                "id": m.id,
                "score": m.score,
                "matched": {"field": m.field, "text": m.text},
                **({"grade": g.to_dict()} if (g := verdict_of(m, grades)) else {}),
            }
            for m in matches
        ]
        click.echo(json.dumps({"query": text, "matches": rows}, indent=2, ensure_ascii=False))
        return
    if not matches:
        raise click.ClickException(f"nothing matches '{text}' (try fewer or other words)")
    blocks = []
    for m in matches:
        grade = verdict_of(m, grades)
        if grade:
            head = f"{VERDICT_SYMBOLS[grade.verdict]} {grade.summary}"
            body = kb.claims[m.id].statement
        else:
            source = kb.sources[m.id]
            head = f"source: {short_ref(source)}, {source.kind}"
            body = source.title
        lines = [
            f"{m.id}  [{head}]",
            *textwrap.wrap(body, 96, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False),
        ]
        if m.field not in ("statement", "title", "id"):
            lines.append(f"  matched {m.field}: {m.text}")
        blocks.append("\n".join(lines))
    click.echo("\n\n".join(blocks))
    click.echo("\n`gluteclaims show ID` prints a record in full.")


COMMANDS = [find]
