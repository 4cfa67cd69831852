"""The command-line reference (docs/cli.md), generated from the commands' own --help.

Regenerate it with `python -m gluteclaims.clidocs > docs/cli.md`; a test fails when it is stale.
"""

from __future__ import annotations

import click

WIDTH = 100
CLI_DOC = "docs/cli.md"
INTRO = """\
# Command-line reference

Every `gluteclaims` command, with the help it prints for `--help`. This page is generated from
the commands themselves (`python -m gluteclaims.clidocs > docs/cli.md`); a test fails when it is
out of date, so it always matches the installed version.
"""


def command_help(group: click.Group, name: str) -> str:
    """The --help text of one subcommand, wrapped at a fixed width so it is the same on every terminal."""
    settings = {**group.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    parent = click.Context(group, info_name="gluteclaims", **settings)
    command = group.get_command(parent, name)
    ctx = click.Context(command, parent=parent, info_name=name, **settings)
    return command.get_help(ctx)


def cli_markdown(group: click.Group) -> str:
    """The whole reference as Markdown: one section per command, in alphabetical order."""
    ctx = click.Context(group, info_name="gluteclaims")
    parts = [INTRO]
    for name in sorted(group.list_commands(ctx)):
        first_line = (group.get_command(ctx, name).help or "").strip().split("\n")[0]
        parts.append(f"## gluteclaims {name}\n\n{first_line}\n\n```text\n{command_help(group, name)}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    from gluteclaims.cli import cli

    click.echo(cli_markdown(cli), nl=False)
