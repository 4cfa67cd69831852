"""Every command explains itself: --help with an example, and a section in docs/cli.md that is current."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from gluteclaims.cli import main as cli_module
from gluteclaims.cli.docs import CLI_DOC, cli_markdown
from gluteclaims.cli.main import COMMAND_MODULES, cli, load_all_commands
from tests.conftest import REPO

COMMANDS = sorted(load_all_commands())


def test_the_commands_of_this_issue_exist():
    assert {"import", "new", "find", "show", "diff", "export", "check"} <= set(COMMANDS)


def help_problems(name: str, help_text: str) -> list[str]:
    """What is missing from a command's help: a summary, and an example that runs the command."""
    if not help_text.strip():
        return [f"`gluteclaims {name}` has no help: write a docstring"]
    if "Example:" not in help_text:
        return [f"`gluteclaims {name}` --help has no 'Example:' section"]
    example = help_text.split("Example:", 1)[1].strip().splitlines()[0].strip()
    if not example.startswith(f"gluteclaims {name}"):
        return [f"the example of `gluteclaims {name}` should run that command, not: {example}"]
    return []


@pytest.mark.parametrize("name", COMMANDS)
def test_help_has_a_summary_and_an_example(name: str):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert help_problems(name, cli.commands[name].help or "") == []
    assert "Example:" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented_in_docs_cli_md(name: str):
    text = (REPO / CLI_DOC).read_text(encoding="utf-8")
    assert f"\n## gluteclaims {name}\n" in text, (
        f"{CLI_DOC} does not document `gluteclaims {name}`: run python -m gluteclaims.cli.docs > {CLI_DOC}"
    )


def test_docs_cli_md_is_current():
    assert (REPO / CLI_DOC).read_text(encoding="utf-8") == cli_markdown(cli), (
        f"{CLI_DOC} is stale: run python -m gluteclaims.cli.docs > {CLI_DOC}"
    )


def test_a_command_without_an_example_would_fail(monkeypatch):
    import click

    @click.command()
    def bare() -> None:
        """Does something."""

    monkeypatch.setitem(cli.commands, "bare", bare)
    assert help_problems("bare", cli.commands["bare"].help or "") == [
        "`gluteclaims bare` --help has no 'Example:' section"
    ]
    assert help_problems("bare", "Does something.\n\nExample:\n\n    gluteclaims check") == [
        "the example of `gluteclaims bare` should run that command, not: gluteclaims check"
    ]
    assert "\n## gluteclaims bare\n" in cli_markdown(cli)
    assert cli_markdown(cli) != (REPO / CLI_DOC).read_text(encoding="utf-8")


def test_the_table_of_command_modules_names_every_command_once():
    import importlib
    import pkgutil

    from gluteclaims.cli import commands

    defined = {}
    for info in pkgutil.iter_modules(commands.__path__):
        for command in getattr(importlib.import_module(f"gluteclaims.cli.commands.{info.name}"), "COMMANDS", ()):
            defined[command.name] = info.name
    assert defined == COMMAND_MODULES
    assert cli_module.COMMAND_MODULES is COMMAND_MODULES


def test_check_does_not_import_the_site_or_the_audit():
    code = (
        "import sys; from gluteclaims.cli.main import main; sys.argv = ['gluteclaims', 'check', "
        "'--help']\ntry:\n    main()\nexcept SystemExit:\n    pass\nprint(sorted(m for m in sys.modules if "
        "m.startswith(('gluteclaims.site.render', 'gluteclaims.site.build', 'gluteclaims.audit.matcher', "
        "'jinja2'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
