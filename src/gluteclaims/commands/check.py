"""`gluteclaims check`: the command maintainers run before every pull request."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gluteclaims import checkserver
from gluteclaims.commands.options import format_option, require_root, root_option


@click.command()
@root_option
@format_option
@click.option("--server/--no-server", "use_server", default=True, show_default=True, help="Ask the check server for this folder, if one is running (see `gluteclaims server`).")
def check(root: Path, fmt: str, use_server: bool) -> None:
    """Check every record for errors and warnings.

    Prints one line per problem, compiler style (file:line:column: level[code] message),
    then a count. Exits 0 when there are no errors, 1 when there are.

    Parsed records are cached by content hash in the user's cache folder, so a second run
    only re-reads changed files; set GLUTECLAIMS_CACHE_DIR to move the cache, or to 'off'.
    If a check server is running for this folder (`gluteclaims server start`), it answers
    instead, with the same output, in a fraction of the time.

    Example:

        gluteclaims check --root . --format text
    """
    require_root(root)
    answered = checkserver.check(root, fmt) if use_server else None
    if answered is None:
        from gluteclaims.problems import report
        from gluteclaims.validate import validate_knowledge_base

        answered = report(validate_knowledge_base(root)[1], fmt)
    output, exit_code = answered
    click.echo(output)
    sys.exit(exit_code)


COMMANDS = [check]
