"""`gluteclaims check`: the command maintainers run before every pull request."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gluteclaims.analysis.check import validate_knowledge_base
from gluteclaims.cli.options import format_option, require_root, root_option
from gluteclaims.kb.problems import report


@click.command()
@root_option
@format_option
def check(root: Path, fmt: str) -> None:
    """Check every record for errors and warnings.

    Prints one line per problem, compiler style (file:line:column: level[code] message),
    then a count. Exits 0 when there are no errors, 1 when there are.

    Example:

        gluteclaims check --root . --format text
    """
    require_root(root)
    output, exit_code = report(validate_knowledge_base(root)[1], fmt)
    click.echo(output)
    sys.exit(exit_code)


COMMANDS = [check]
