"""`gluteclaims check`: the command maintainers run before every pull request."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gluteclaims.commands.options import format_option, require_root, root_option
from gluteclaims.problems import format_json, format_text
from gluteclaims.validate import validate_knowledge_base


@click.command()
@root_option
@format_option
def check(root: Path, fmt: str) -> None:
    """Check every record for errors and warnings.

    Prints one line per problem, compiler style (file:line:column: level[code] message),
    then a count. Exits 0 when there are no errors, 1 when there are.

    Parsed records are cached by content hash in the user's cache folder, so a second run
    only re-reads changed files; set GLUTECLAIMS_CACHE_DIR to move the cache, or to 'off'.

    Example:

        gluteclaims check --root . --format text
    """
    require_root(root)
    _, problems = validate_knowledge_base(root)
    click.echo(format_json(problems) if fmt == "json" else format_text(problems))
    sys.exit(1 if any(p.level == "error" for p in problems) else 0)


COMMANDS = [check]
