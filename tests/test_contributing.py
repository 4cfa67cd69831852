"""The contribution path: CONTRIBUTING.md, the GitHub forms and workflows, pre-commit, and the records themselves.

The GitHub files are validated by check-jsonschema against the schemas it ships for them, the
records against our published schemas; the guide's commands and YAML snippet are run and
validated, so none of them can drift from the code.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gluteclaims.cli.main import load_all_commands
from gluteclaims.kb.models import DIRECTIONS, OUTCOMES, SOURCE_KINDS, EvidenceLink, Source
from gluteclaims.kb.scaffold import schema_hint
from tests.conftest import REPO

GITHUB = REPO / ".github"
GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def check_jsonschema(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", *args], capture_output=True, text=True, timeout=300
    )


def form(name: str) -> dict:
    return yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))


def element(data: dict, element_id: str) -> dict:
    return next(e for e in data["body"] if e.get("id") == element_id)


@pytest.mark.parametrize(
    "schema, files",
    [
        ("vendor.github-workflows", sorted((GITHUB / "workflows").glob("*.yml"))),
        (
            "vendor.github-issue-forms",
            [GITHUB / "ISSUE_TEMPLATE" / "add-a-study.yml", GITHUB / "ISSUE_TEMPLATE" / "challenge-a-verdict.yml"],
        ),
        ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"]),
    ],
)
def test_github_files_are_valid(schema: str, files: list[Path]):
    assert files
    done = check_jsonschema("--builtin-schema", schema, *map(str, files))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("kind, schema", [("sources", "source.schema.json"), ("claims", "claim.schema.json")])
def test_every_record_validates_against_the_published_schema(kind: str, schema: str):
    files = sorted((REPO / kind).glob("*.yaml"))
    assert files, f"no records in {kind}/"
    done = check_jsonschema("--schemafile", str(REPO / "schemas" / schema), *map(str, files))
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_jsonschema_rejects_a_bad_record(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: Bad Id\nkind: anecdote\ntitle: x\nidentifiers: {}\nverification: {status: confirmed}\n")
    done = check_jsonschema("--schemafile", str(REPO / "schemas" / "source.schema.json"), str(bad))
    assert done.returncode == 1 and "kind" in done.stdout + done.stderr


@pytest.mark.parametrize("kind", ["sources", "claims"])
def test_every_record_starts_with_the_editor_schema_hint(kind: str):
    missing = [
        p.name
        for p in sorted((REPO / kind).glob("*.yaml"))
        if p.read_text(encoding="utf-8").split("\n", 1)[0] != schema_hint(kind)
    ]
    assert missing == [], f"add '{schema_hint(kind)}' as the first line of: {', '.join(missing)}"


def test_add_a_study_form_mirrors_the_source_model():
    data = form("add-a-study.yml")
    assert tuple(element(data, "kind")["attributes"]["options"]) == (*SOURCE_KINDS, "not sure")
    assert tuple(element(data, "outcomes")["attributes"]["options"]) == OUTCOMES
    assert tuple(element(data, "direction")["attributes"]["options"]) == DIRECTIONS
    ids = {e["id"] for e in data["body"] if "id" in e}
    source_fields = set(Source.model_fields) | {"doi", "pmid", "url", "checked"}
    assert {
        "title",
        "authors",
        "year",
        "venue",
        "kind",
        "population",
        "sample",
        "outcomes",
        "findings",
    } <= ids & source_fields


def test_challenge_form_asks_for_the_claim_and_the_evidence():
    data = form("challenge-a-verdict.yml")
    assert element(data, "claim")["validations"]["required"] and element(data, "evidence")["validations"]["required"]


def test_workflow_checks_tests_and_posts_the_diff():
    text = (GITHUB / "workflows" / "knowledge-base.yml").read_text(encoding="utf-8")
    runs = "\n".join(step.get("run", "") for step in yaml.safe_load(text)["jobs"]["check"]["steps"])
    assert "gluteclaims check" in runs and "scripts/test" in runs and "gluteclaims diff" in runs
    assert "pytest" in (REPO / "scripts" / "test").read_text(encoding="utf-8")
    comment = yaml.safe_load((GITHUB / "workflows" / "diff-comment.yml").read_text(encoding="utf-8"))
    assert comment[True]["workflow_run"]["workflows"] == [yaml.safe_load(text)["name"]]


def test_pre_commit_hook_runs_check_on_changed_records():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    hook = hooks["gluteclaims-check"]
    assert hook["entry"] == "gluteclaims check"
    pattern = re.compile(hook["files"])
    assert (
        pattern.search("sources/smith-2024.yaml")
        and pattern.search("claims/x.yaml")
        and not pattern.search("src/gluteclaims/cli.py")
    )


def test_pre_commit_runs_the_code_checks_the_tests_run():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = {h["id"]: h["entry"] for repo in config["repos"] for h in repo["hooks"]}
    assert entries["ruff-check"].startswith("ruff check")
    assert entries["ruff-format"].startswith("ruff format") and "--check" in entries["ruff-format"]
    assert entries["mypy"] == "mypy" and entries["import-layers"] == "lint-imports"


def test_every_command_the_guide_names_exists():
    named = set(re.findall(r"(?:`|^\s*)gluteclaims ([a-z][a-z-]*)", GUIDE, re.M))
    # Commands are registered when first used: load them all, so the test does not depend on the order tests run in.
    assert named - set(load_all_commands()) == set()
    assert {"import", "new", "find", "show", "check", "diff"} <= named


def test_the_guides_evidence_snippet_is_a_valid_evidence_link():
    block = GUIDE.split("add an entry under `evidence:`", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    [entry] = yaml.safe_load(block)
    EvidenceLink.model_validate(entry)


def test_pull_request_template_has_the_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 5 and "gluteclaims check" in text and "gluteclaims diff" in text
