"""The `gluteclaims` command: a thin layer that opens, calls one library function, and reports."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from gluteclaims import __version__, commands


class GluteclaimsError(click.ClickException):
    """A domain failure the user can act on: printed as one 'Error: ...' line, exit 1."""


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="gluteclaims")
def cli() -> None:
    """gluteclaims: an evidence-graded knowledge base of claims about the glutes.

    Run `gluteclaims COMMAND --help` for what each command does, with an example.
    """


def _register() -> None:
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        for command in getattr(module, "COMMANDS", ()):
            cli.add_command(command)


_register()


def main() -> None:
    """Entry point of the console script."""
    try:
        cli.main(prog_name="gluteclaims")
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
