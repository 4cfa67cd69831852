"""`gluteclaims new`: an empty record with every field explained, for people who type."""

from __future__ import annotations

import re
from pathlib import Path

import click

from gluteclaims.cli.options import root_option
from gluteclaims.kb.models import ID_PATTERN
from gluteclaims.kb.scaffold import scaffold

KINDS = {"source": "sources", "claim": "claims"}


@click.command()
@click.argument("kind", type=click.Choice(sorted(KINDS)))
@click.argument("record_id", metavar="ID")
@root_option
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the record instead of writing the file.")
def new(kind: str, record_id: str, root: Path, to_stdout: bool) -> None:
    """Start a new source or claim file, every field commented with what it means.

    Required fields are left empty, so `gluteclaims check` points at each one until it is
    filled; optional fields are commented out. To add a study from a reference manager or
    PubMed, `gluteclaims import` fills in more for you.

    Example:

        gluteclaims new claim hip-thrust-builds-bigger-glutes
    """
    # fullmatch: re.match's '$' would also let a trailing newline through into the file name.
    if not re.fullmatch(ID_PATTERN, record_id):
        shown = record_id if record_id.isprintable() else record_id.encode("unicode_escape").decode("ascii")
        raise click.ClickException(
            f"'{shown}' is not a valid id (lower-case letters, digits and single hyphens, e.g. smith-2024)"
        )
    folder = KINDS[kind]
    text = scaffold(folder, record_id)
    if to_stdout:
        click.echo(text, nl=False)
        return
    path = root / folder / f"{record_id}.yaml"
    if path.exists():
        raise click.ClickException(f"{path} already exists")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(f"wrote {path}: fill in the empty fields, then run `gluteclaims check`")


COMMANDS = [new]
