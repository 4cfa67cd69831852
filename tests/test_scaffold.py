"""Scaffolded records: every field explained, the schema hint on top, and `check` failing until filled."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from gluteclaims.analysis.check import validate_knowledge_base
from gluteclaims.cli.main import cli
from gluteclaims.kb.models import Claim, Source
from gluteclaims.kb.scaffold import scaffold
from tests.conftest import write_kb


def test_every_model_field_is_named_and_explained():
    for kind, model in (("sources", Source), ("claims", Claim)):
        text = scaffold(kind, "x-1")
        for name, info in model.model_fields.items():
            assert f"{name}:" in text, name
            assert info.description, f"{name} has no description"
            # The scaffold wraps each description into comment lines: compare its words in order.
            explained = " ".join(text.replace("#", " ").split())
            assert " ".join(info.description.split()) in explained, name


def test_scaffold_starts_with_the_schema_hint_and_keeps_the_id():
    text = scaffold("sources", "smith-2024")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/source.schema.json"
    assert yaml.safe_load(text)["id"] == "smith-2024"


def test_an_unfilled_scaffold_fails_check_at_each_required_field(tmp_path: Path):
    root = write_kb(tmp_path, {"sources/smith-2024.yaml": scaffold("sources", "smith-2024")})
    _, problems = validate_knowledge_base(root)
    text = (root / "sources/smith-2024.yaml").read_text().splitlines()
    flagged = {text[p.line - 1].split(":")[0].strip() for p in problems if p.level == "error"}
    assert flagged == {"kind", "title", "identifiers", "status"}


def test_filled_scaffold_passes_check(tmp_path: Path):
    text = scaffold("claims", "squats-grow-glutes")
    text = text.replace("\nstatement:\n", "\nstatement: Squats grow the glutes.\n").replace(
        "\nsummary:\n", "\nsummary: They do.\n"
    )
    text = text.replace("\noutcome:\n", "\noutcome: hypertrophy\n").replace(
        "\npopulation:\n", "\npopulation: trained adults\n"
    )
    text = text.replace("# no_evidence_note:", "no_evidence_note: Searched PubMed.")
    text = text.replace("# title:", "title: Do squats grow the glutes?").replace(
        "# bottom_line:", "bottom_line: Squats grow the glutes."
    )
    _, problems = validate_knowledge_base(write_kb(tmp_path, {"claims/squats-grow-glutes.yaml": text}))
    assert problems == []


def test_new_command_writes_the_file_and_refuses_to_overwrite(tmp_path: Path):
    root = write_kb(tmp_path, {})
    runner = CliRunner()
    first = runner.invoke(cli, ["new", "claim", "squats-grow-glutes", "--root", str(root)])
    assert first.exit_code == 0 and (root / "claims/squats-grow-glutes.yaml").read_text() == scaffold(
        "claims", "squats-grow-glutes"
    )
    again = runner.invoke(cli, ["new", "claim", "squats-grow-glutes", "--root", str(root)])
    assert again.exit_code == 1 and again.output == f"Error: {root / 'claims/squats-grow-glutes.yaml'} already exists\n"
    bad = runner.invoke(cli, ["new", "source", "Smith 2024", "--root", str(root)])
    assert bad.exit_code == 1 and "is not a valid id" in bad.output


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("bad-id\n", "bad-id\\n"),
        ("Smith 2024", "Smith 2024"),
        ("a--b", "a--b"),
        ("-a", "-a"),
        ("a-", "a-"),
        ("", ""),
        ("../x", "../x"),
        ("a\x1b[31m", "a\\x1b[31m"),
        ("smith-2024\u200b", "smith-2024\\u200b"),
    ],
)
def test_new_command_refuses_a_bad_id_in_one_line(tmp_path: Path, typed: str, shown: str):
    root = write_kb(tmp_path, {})
    result = CliRunner().invoke(cli, ["new", "--root", str(root), "claim", "--", typed])
    assert (result.exit_code, result.output) == (
        1,
        f"Error: '{shown}' is not a valid id (lower-case letters, digits and single hyphens, e.g. smith-2024)\n",
    )
    assert sorted(root.rglob("*")) == [root / "claims", root / "sources"]
