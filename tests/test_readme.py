"""The README's promises: two Quick start commands that exist, and only commands that exist."""

from __future__ import annotations

import os
import re

from gluteclaims.cli.main import load_all_commands
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()]


def test_quick_start_has_exactly_two_commands_and_both_are_executable_scripts() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    for command in commands:
        script = REPO / command.split()[0]
        assert script.is_file() and os.access(script, os.X_OK), command


def test_ci_runs_the_quick_start_test_command() -> None:
    test_command = quick_start_commands()[1]
    assert f"exec {test_command}" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_every_gluteclaims_command_the_readme_shows_exists() -> None:
    shown = set(re.findall(r"^\$? ?gluteclaims ([a-z-]+)", README, re.M))
    commands = set(load_all_commands())  # commands are registered when first used: load them all
    assert shown and shown <= commands, shown - commands
