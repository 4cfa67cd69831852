"""`gluteclaims grade` and `gluteclaims contradictions` on a tiny knowledge base, output asserted exactly."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gluteclaims.cli.main import cli
from tests.conftest import claim, source

BLOG = source("blog", kind="popular-article", population=None, sample=None, outcomes=[])
TINY = {
    "sources/blog.yaml": BLOG,
    "sources/plotkin-2023.yaml": source("plotkin-2023", sample={"participants": 34}),
    "sources/kubo-2019.yaml": source("kubo-2019", sample={"participants": 17}),
    "claims/squats-flatten-glutes.yaml": claim(
        "squats-flatten-glutes",
        evidence=[
            {
                "source": "plotkin-2023",
                "direction": "favours-opposite",
                "outcome": "hypertrophy",
                "finding": "Both groups grew their glutes.",
            },
            {
                "source": "kubo-2019",
                "direction": "favours-opposite",
                "outcome": "hypertrophy",
                "finding": "Squats grew the glutes.",
            },
        ],
        appearances=[{"source": "blog", "position": "asserts", "locator": "paragraph 4"}],
        question={
            "type": "effect",
            "intervention": "Squat training",
            "outcome": "glute size",
            "effect": "flatter glutes",
            "opposite": "bigger glutes",
        },
    ),
    "claims/glute-amnesia.yaml": claim(
        "glute-amnesia",
        appearances=[{"source": "blog", "position": "asserts", "locator": "title"}],
        question={
            "type": "cause",
            "intervention": "Prolonged sitting",
            "outcome": "glute activation",
            "effect": "glutes that no longer activate",
        },
    ),
}

AMNESIA = (
    "glute-amnesia: not studied\n"
    "  No study in the knowledge base answers whether prolonged sitting results in glutes that no longer activate.\n"
    "  [not-counted] Never counted: blog (popular article that asserts the claim: never evidence).\n"
    "  [not-studied] No study in the knowledge base answers this question with a result whose direction is reported.\n"
)
# Two small randomised trials whose results favour the opposite: high certainty, two levels down for 51 participants.
SQUATS = (
    "squats-flatten-glutes: opposite, low certainty\n"
    "  Squat training may result in bigger glutes (low certainty).\n"
    "  [not-counted] Never counted: blog (popular article that asserts the claim: never evidence).\n"
    "  [body] The body of evidence: plotkin-2023, kubo-2019 (direct evidence; by participants, 100% favour "
    "the opposite).\n"
    "  [start] Starts at high certainty: a body of randomised comparisons.\n"
    "  [imprecision -2] Rated down two levels for imprecision (computed): no interval is reported and the "
    "body is very small: 51 participants.\n"
)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def tiny(kb_dir) -> str:
    return str(kb_dir(TINY))


def test_grade_prints_every_claim_with_its_reasons_and_a_count(tiny: str) -> None:
    result = run("grade", "--root", tiny)
    assert (result.exit_code, result.output) == (0, AMNESIA + "\n" + SQUATS + "\n2 claims: 1 opposite, 1 not studied\n")


def test_grade_prints_only_the_claims_asked_for(tiny: str) -> None:
    result = run("grade", "squats-flatten-glutes", "--root", tiny)
    assert (result.exit_code, result.output) == (0, SQUATS + "\n1 claim: 1 opposite\n")


def test_grade_json_has_the_reasons_as_data(tiny: str) -> None:
    result = run("grade", "squats-flatten-glutes", "--root", tiny, "--format", "json")
    [grade] = json.loads(result.output)["grades"]
    assert (grade["verdict"], grade["certainty"], grade["counted"]) == (
        "opposite",
        "low",
        ["plotkin-2023", "kubo-2019"],
    )
    assert grade["statement"] == "Squat training may result in bigger glutes (low certainty)."
    assert grade["reasons"][-1] == {
        "rule": "imprecision",
        "effect": -2,
        "sentence": (
            "Rated down two levels for imprecision (computed): no interval is reported and the body is very "
            "small: 51 participants."
        ),
        "sources": ["plotkin-2023", "kubo-2019"],
    }
    assert {r["domain"]: r["levels"] for r in grade["ratings"]} == {
        "risk-of-bias": 0,
        "inconsistency": 0,
        "indirectness": 0,
        "imprecision": -2,
        "publication-bias": 0,
        "large-effect": 0,
        "dose-response": 0,
    }


def test_grade_of_an_unknown_claim_is_a_one_line_error(tiny: str) -> None:
    result = run("grade", "glute-amnesa", "--root", tiny)
    assert (result.exit_code, result.output) == (
        1,
        "Error: unknown claim 'glute-amnesa' (did you mean 'glute-amnesia'?)\n",
    )


def test_grade_refuses_a_knowledge_base_with_errors(kb_dir) -> None:
    root = kb_dir(
        {
            "claims/c.yaml": claim(
                "c", evidence=[{"source": "ghost", "direction": "favours-claim", "outcome": "emg", "finding": "x"}]
            )
        }
    )
    for command in ("grade", "contradictions"):
        result = run(command, "--root", str(root))
        assert (result.exit_code, result.output) == (
            1,
            (
                "Error: the knowledge base has 1 error, first: claims/c.yaml:7:3: error[E204] unknown source "
                "'ghost' (run `gluteclaims check`)\n"
            ),
        )


def test_contradictions_lists_findings_with_their_records(tiny: str) -> None:
    result = run("contradictions", "--root", tiny)
    assert (result.exit_code, result.output) == (
        0,
        "claims/squats-flatten-glutes.yaml:17:3: info[W305] myth: squats-flatten-glutes is asserted by 1 "
        "popular article (blog) but graded opposite, low certainty\n"
        "  records: claim:squats-flatten-glutes, source:blog\n"
        "claims/glute-amnesia.yaml:9:3: info[W305] popular claim without support: glute-amnesia is asserted "
        "by 1 popular article (blog) but graded not studied\n"
        "  records: claim:glute-amnesia, source:blog\n"
        "2 findings: 2 × myth\n",
    )


def test_contradictions_json(tiny: str) -> None:
    result = run("contradictions", "--root", tiny, "--format", "json")
    found = json.loads(result.output)["findings"]
    assert [(f["kind"], f["code"], f["records"], f["path"], f["line"]) for f in found] == [
        ("myth", "W305", ["claim:squats-flatten-glutes", "source:blog"], "claims/squats-flatten-glutes.yaml", 17),
        ("myth", "W305", ["claim:glute-amnesia", "source:blog"], "claims/glute-amnesia.yaml", 9),
    ]


def test_contradictions_on_a_clean_knowledge_base(kb_dir) -> None:
    result = run("contradictions", "--root", str(kb_dir({"sources/a-2020.yaml": source("a-2020")})))
    assert (result.exit_code, result.output) == (0, "no findings\n")


def test_check_shows_findings_that_need_a_fix_as_warnings_and_still_passes(kb_dir) -> None:
    # kubo-2019 cited both for and against one claim is a fault in the records; the myths are what the evidence says.
    squats = dict(TINY["claims/squats-flatten-glutes.yaml"])
    squats["evidence"] = [
        *squats["evidence"],
        {
            "source": "kubo-2019",
            "direction": "favours-claim",
            "outcome": "strength",
            "finding": "Squats flattened the glutes.",
        },
    ]
    root = kb_dir({**TINY, "claims/squats-flatten-glutes.yaml": squats})
    result = run("check", "--root", str(root))
    assert (result.exit_code, result.output) == (
        0,
        "claims/squats-flatten-glutes.yaml:15:3: warning[W304] one source cited both ways: kubo-2019 is "
        "cited on squats-flatten-glutes both as supporting it and as going against it\n"
        "0 errors, 1 warning\n",
    )


def test_check_leaves_myths_to_the_contradictions_report(tiny: str) -> None:
    assert run("contradictions", "--root", tiny).output.count("[W305]") == 2
    result = run("check", "--root", tiny)
    assert (result.exit_code, result.output) == (0, "no problems\n")


@pytest.mark.parametrize("command", ["grade", "contradictions"])
def test_help_has_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0 and "Example:" in result.output
