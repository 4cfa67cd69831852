"""The `gluteclaims` command: a thin layer that opens, calls one library function, and reports."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from gluteclaims import __version__
from gluteclaims.cli import commands

# Which module under commands/ defines each command. A command's module is imported only when
# that command runs, so `check` does not pay for importing the site builder, the audit and the
# citation parsers (a fifth of a second). A test keeps this table equal to the modules' COMMANDS.
COMMAND_MODULES = {
    "audit": "audit",
    "build": "build",
    "check": "check",
    "contradictions": "contradictions",
    "diff": "diff",
    "export": "export",
    "find": "find",
    "grade": "grade",
    "import": "import_",
    "new": "new",
    "schema": "schema",
    "serve": "build",
    "show": "show",
}


class Commands(click.Group):
    """A group that imports each command's module the first time the command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(COMMAND_MODULES))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMAND_MODULES:
            _register(COMMAND_MODULES[name])
        return self.commands.get(name)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="gluteclaims")
def cli() -> None:
    """gluteclaims: an evidence-graded knowledge base of claims about the glutes.

    Run `gluteclaims COMMAND --help` for what each command does, with an example.
    """


def _register(module_name: str) -> None:
    module = importlib.import_module(f"{commands.__name__}.{module_name}")
    for command in getattr(module, "COMMANDS", ()):
        cli.add_command(command)


def load_all_commands() -> dict[str, click.Command]:
    """Every command module imported and registered (for documentation and tests); the commands by name."""
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        _register(info.name)
    return dict(cli.commands)


def main() -> None:
    """Entry point of the console script."""
    try:
        cli.main(prog_name="gluteclaims")
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
