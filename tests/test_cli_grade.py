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
            {"source": "plotkin-2023", "direction": "favours-opposite", "outcome": "hypertrophy", "finding": "Both groups grew their glutes."},
            {"source": "kubo-2019", "direction": "favours-opposite", "outcome": "hypertrophy", "finding": "Squats grew the glutes."},
        ],
        appearances=[{"source": "blog", "position": "asserts", "locator": "paragraph 4"}],
    ),
    "claims/glute-amnesia.yaml": claim("glute-amnesia", appearances=[{"source": "blog", "position": "asserts", "locator": "title"}]),
}

AMNESIA = (
    "glute-amnesia: insufficient evidence, very low certainty\n"
    "  [not-counted] Not counted: blog (popular article that asserts the claim: never counted as evidence).\n"
    "  [no-evidence] No counted evidence: no verified study bears on this claim, so the evidence is insufficient.\n"
)
SQUATS = (
    "squats-flatten-glutes: refuted, moderate certainty\n"
    "  [not-counted] Not counted: blog (popular article that asserts the claim: never counted as evidence).\n"
    "  [balance] 2 sources go against the claim. Weighed by certainty, 0 for and 16 against: refuted.\n"
    "  [start] Starts at high certainty, from the design of the best evidence: kubo-2019 (randomised trial); plotkin-2023 (randomised trial).\n"
    "  [imprecision -1] Rated down one level for imprecision: 2 studies, 51 participants in total.\n"
)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def tiny(kb_dir) -> str:
    return str(kb_dir(TINY))


def test_grade_prints_every_claim_with_its_reasons_and_a_count(tiny: str) -> None:
    result = run("grade", "--root", tiny)
    assert (result.exit_code, result.output) == (0, AMNESIA + "\n" + SQUATS + "\n2 claims: 1 refuted, 1 insufficient evidence\n")


def test_grade_prints_only_the_claims_asked_for(tiny: str) -> None:
    result = run("grade", "squats-flatten-glutes", "--root", tiny)
    assert (result.exit_code, result.output) == (0, SQUATS + "\n1 claim: 1 refuted\n")


def test_grade_json_has_the_reasons_as_data(tiny: str) -> None:
    result = run("grade", "squats-flatten-glutes", "--root", tiny, "--format", "json")
    [grade] = json.loads(result.output)["grades"]
    assert (grade["verdict"], grade["certainty"], grade["counted"]) == ("refuted", "moderate", ["plotkin-2023", "kubo-2019"])
    assert grade["reasons"][-1] == {
        "rule": "imprecision",
        "effect": -1,
        "sentence": "Rated down one level for imprecision: 2 studies, 51 participants in total.",
        "sources": ["plotkin-2023", "kubo-2019"],
    }


def test_grade_of_an_unknown_claim_is_a_one_line_error(tiny: str) -> None:
    result = run("grade", "glute-amnesa", "--root", tiny)
    assert (result.exit_code, result.output) == (1, "Error: unknown claim 'glute-amnesa' (did you mean 'glute-amnesia'?)\n")


def test_grade_refuses_a_knowledge_base_with_errors(kb_dir) -> None:
    root = kb_dir({"claims/c.yaml": claim("c", evidence=[{"source": "ghost", "direction": "favours-claim", "outcome": "emg", "finding": "x"}])})
    for command in ("grade", "contradictions"):
        result = run(command, "--root", str(root))
        assert (result.exit_code, result.output) == (
            1,
            "Error: the knowledge base has 1 error, first: claims/c.yaml:7:3: error[E204] unknown source 'ghost' (run `gluteclaims check`)\n",
        )


def test_contradictions_lists_findings_with_their_records(tiny: str) -> None:
    result = run("contradictions", "--root", tiny)
    assert (result.exit_code, result.output) == (
        0,
        "claims/squats-flatten-glutes.yaml:17:3: info[W305] myth: squats-flatten-glutes is asserted by 1 popular article (blog) but graded refuted, moderate certainty\n"
        "  records: claim:squats-flatten-glutes, source:blog\n"
        "claims/glute-amnesia.yaml:9:3: info[W305] popular claim without support: glute-amnesia is asserted by 1 popular article (blog) but graded insufficient evidence, very low certainty\n"
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


def test_check_shows_findings_as_warnings_and_still_passes(tiny: str) -> None:
    result = run("check", "--root", tiny)
    assert (result.exit_code, result.output) == (
        0,
        "claims/glute-amnesia.yaml:9:3: warning[W305] popular claim without support: glute-amnesia is asserted by 1 popular article (blog) but graded insufficient evidence, very low certainty\n"
        "claims/squats-flatten-glutes.yaml:17:3: warning[W305] myth: squats-flatten-glutes is asserted by 1 popular article (blog) but graded refuted, moderate certainty\n"
        "0 errors, 2 warnings\n",
    )


@pytest.mark.parametrize("command", ["grade", "contradictions"])
def test_help_has_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0 and "Example:" in result.output
