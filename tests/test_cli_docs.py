"""Every command explains itself: --help with an example, and a section in docs/cli.md that is current."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from gluteclaims.cli import cli
from gluteclaims.clidocs import CLI_DOC, cli_markdown
from tests.conftest import REPO

COMMANDS = sorted(cli.commands)


def test_the_commands_of_this_issue_exist():
    assert {"import", "new", "find", "show", "diff", "export", "check"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_help_has_a_summary_and_an_example(name: str):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    help_text = cli.commands[name].help or ""
    assert help_text.strip(), f"`gluteclaims {name}` has no help: write a docstring"
    assert "Example:" in help_text, f"`gluteclaims {name}` --help has no 'Example:' section"
    example = help_text.split("Example:", 1)[1].strip().splitlines()[0].strip()
    assert example.startswith(f"gluteclaims {name}"), f"the example of `gluteclaims {name}` should run that command, not: {example}"
    assert "Example:" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented_in_docs_cli_md(name: str):
    text = (REPO / CLI_DOC).read_text(encoding="utf-8")
    assert f"\n## gluteclaims {name}\n" in text, f"{CLI_DOC} does not document `gluteclaims {name}`: run python -m gluteclaims.clidocs > {CLI_DOC}"


def test_docs_cli_md_is_current():
    assert (REPO / CLI_DOC).read_text(encoding="utf-8") == cli_markdown(cli), f"{CLI_DOC} is stale: run python -m gluteclaims.clidocs > {CLI_DOC}"


def test_a_command_without_an_example_would_fail(monkeypatch):
    import click

    @click.command()
    def bare() -> None:
        """Does something."""

    monkeypatch.setitem(cli.commands, "bare", bare)
    assert "Example:" not in (cli.commands["bare"].help or "")
    assert "\n## gluteclaims bare\n" in cli_markdown(cli)
    assert cli_markdown(cli) != (REPO / CLI_DOC).read_text(encoding="utf-8")
