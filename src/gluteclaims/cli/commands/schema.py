"""`gluteclaims schema`: write the JSON Schemas that editors use to validate records."""

from __future__ import annotations

from pathlib import Path

import click

from gluteclaims.kb.schema import SCHEMA_DIR, write_schemas


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=SCHEMA_DIR,
    show_default=True,
    help="Folder to write claim.schema.json and source.schema.json into.",
)
def schema(out: Path) -> None:
    """Write the JSON Schemas generated from the record models.

    Record files point at them with `# yaml-language-server: $schema=../schemas/...`, so
    editors flag mistakes while you type. A test fails when the committed files are stale.

    Example:

        gluteclaims schema --out schemas
    """
    for path in write_schemas(out):
        click.echo(f"wrote {path}")


COMMANDS = [schema]
