"""`gluteclaims check` output and exit codes, asserted exactly."""

from __future__ import annotations

import json

from click.testing import CliRunner

from gluteclaims.cli.main import cli
from tests.conftest import REPO, claim, source


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_clean_knowledge_base_exits_zero(kb_dir) -> None:
    root = kb_dir({"sources/a-2020.yaml": source("a-2020")})
    result = run("check", "--root", str(root))
    assert (result.exit_code, result.output) == (0, "no problems\n")


def test_errors_exit_one_with_compiler_style_lines(kb_dir) -> None:
    root = kb_dir(
        {
            "sources/contreras-2015.yaml": source("contreras-2015"),
            "claims/glute-amnesia.yaml": claim(
                "glute-amnesia",
                evidence=[{"source": "contreras-2051", "direction": "favours-claim", "outcome": "emg", "finding": "x"}],
            ),
        }
    )
    result = run("check", "--root", str(root))
    assert result.exit_code == 1
    assert result.output == (
        "claims/glute-amnesia.yaml:7:3: error[E204] unknown source 'contreras-2051' (did you mean 'contreras-2015'?)\n"
        "1 error, 0 warnings\n"
    )


def test_json_format_lists_the_same_problems(kb_dir) -> None:
    root = kb_dir({"claims/c.yaml": claim("c", no_evidence_note=None)})
    result = run("check", "--root", str(root), "--format", "json")
    report = json.loads(result.output)
    assert result.exit_code == 0
    assert (report["errors"], report["warnings"]) == (0, 1)
    assert report["problems"][0] | {"message": None} == {
        "code": "W202",
        "level": "warning",
        "path": "claims/c.yaml",
        "line": 2,
        "column": 1,
        "record": "c",
        "message": None,
        "hint": "link studies, or say what was searched",
    }


def test_bad_usage_exits_two() -> None:
    assert run("check", "--format", "xml").exit_code == 2


def test_root_without_a_knowledge_base_is_a_one_line_error(tmp_path) -> None:
    result = run("check", "--root", str(tmp_path))
    assert result.exit_code == 1
    assert (
        result.output
        == f"Error: {tmp_path} has no claims/ or sources/ folder (use --root to point at a knowledge base)\n"
    )


def test_bundled_knowledge_base_has_no_errors() -> None:
    result = run("check", "--root", str(REPO))
    assert result.exit_code == 0, result.output
