"""The command-line reference (docs/cli.md), generated from the commands' own --help.

Regenerate it with `python -m gluteclaims.cli.docs > docs/cli.md`; a test fails when it is stale.
"""

from __future__ import annotations

import click

WIDTH = 100
CLI_DOC = "docs/cli.md"
INTRO = """\
# Command-line reference

Every `gluteclaims` command, with the help it prints for `--help`. This page is generated from
the commands themselves (`python -m gluteclaims.cli.docs > docs/cli.md`); a test fails when it is
out of date, so it always matches the installed version.
"""


def command_help(group: click.Group, name: str, path: tuple[str, ...] = ()) -> str:
    """The --help text of one subcommand (of a subgroup, given its path), wrapped at a fixed width."""
    settings = {**group.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    ctx = click.Context(group, info_name="gluteclaims", **settings)
    command: click.Command | None = group
    for part in (*path, name):
        assert isinstance(command, click.Group), f"{part} is not under a group"
        command = command.get_command(ctx, part)
        assert command is not None, f"no command {part}"
        ctx = click.Context(command, parent=ctx, info_name=part, **settings)
    assert command is not None
    return command.get_help(ctx)


def cli_markdown(group: click.Group) -> str:
    """The whole reference as Markdown: one section per command, in alphabetical order; a group's commands follow it."""
    ctx = click.Context(group, info_name="gluteclaims")
    parts = [INTRO]
    for name in sorted(group.list_commands(ctx)):
        command = group.get_command(ctx, name)
        assert command is not None
        parts.append(_section(group, (), name, command))
        if isinstance(command, click.Group):
            inner = click.Context(command, parent=ctx, info_name=name)
            subcommands = {sub: command.get_command(inner, sub) for sub in sorted(command.list_commands(inner))}
            parts.extend(_section(group, (name,), sub, found) for sub, found in subcommands.items() if found)
    return "\n".join(parts)


def _section(group: click.Group, path: tuple[str, ...], name: str, command: click.Command) -> str:
    first_line = (command.help or "").strip().split("\n")[0]
    heading = "#" * (2 + len(path))
    usage = command_help(group, name, path)
    return f"{heading} gluteclaims {' '.join((*path, name))}\n\n{first_line}\n\n```text\n{usage}\n```\n"


if __name__ == "__main__":
    from gluteclaims.cli.main import cli

    click.echo(cli_markdown(cli), nl=False)
