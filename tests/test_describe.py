"""`show`: a claim with its grade, evidence and contradictions; a source with its reference and claims."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from gluteclaims.cli.main import cli
from tests.conftest import claim, source, write_kb

FILES = {
    "sources/trial-2020.yaml": source(
        "trial-2020", authors=["Doe, J", "Roe, R"], title="Squats and glutes", sample={"participants": 200}
    ),
    "sources/blog-2019.yaml": source(
        "blog-2019",
        kind="popular-article",
        title="Squat for a bigger butt",
        identifiers={"url": "https://blog.example/"},
    ),
    "claims/squats-grow-glutes.yaml": claim(
        "squats-grow-glutes",
        statement="Squats grow the glutes.",
        aliases=["squats build a butt"],
        no_evidence_note=None,
        evidence=[
            {
                "source": "trial-2020",
                "direction": "favours-claim",
                "outcome": "hypertrophy",
                "finding": "Glutes grew 5%.",
            }
        ],
        appearances=[{"source": "blog-2019", "position": "asserts", "locator": "paragraph 2", "quote": "squat deep"}],
        relations=[{"claim": "squats-do-not-grow-glutes", "type": "contradicts"}],
        question={
            "type": "effect",
            "intervention": "Squat training",
            "outcome": "glute size",
            "effect": "bigger glutes",
            "opposite": "smaller glutes",
        },
    ),
    "claims/squats-do-not-grow-glutes.yaml": claim(
        "squats-do-not-grow-glutes", statement="Squats do not grow the glutes."
    ),
}


def show(tmp_path: Path, record_id: str):
    return CliRunner().invoke(cli, ["show", record_id, "--root", str(write_kb(tmp_path, FILES))])


def test_show_claim_has_grade_reasons_evidence_appearances_and_relations(tmp_path: Path):
    result = show(tmp_path, "squats-grow-glutes")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:2] == ["squats-grow-glutes  (claims/squats-grow-glutes.yaml)", "Squats grow the glutes."]
    # One randomised trial of 200: high to moderate, rated down once for imprecision (below 400 participants).
    assert lines[3:5] == [
        "Verdict: supported, moderate certainty",
        "Squat training probably results in bigger glutes (moderate certainty).",
    ]
    assert "  [start] Starts at high certainty: a body of randomised comparisons." in lines
    assert any(
        line.startswith("  [imprecision -1] Rated down one level for imprecision (computed): ") for line in lines
    )
    assert "Evidence (1):" in lines
    assert (
        "  favours-claim            trial-2020 (Doe & Roe 2020, randomised-trial; hypertrophy, direct; counted)"
        in lines
    )
    assert "      Glutes grew 5%." in lines
    assert '  asserts         blog-2019 (paragraph 2): "squat deep"' in lines
    assert "  contradicts     squats-do-not-grow-glutes (not studied)" in lines


def test_show_source_has_reference_and_the_claims_it_bears_on(tmp_path: Path):
    result = show(tmp_path, "trial-2020")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "trial-2020  (sources/trial-2020.yaml)"
    assert lines[1].startswith("Doe, J., & Roe, R. (2020). Squats and glutes. Journal of Tests.")
    assert "Verification: confirmed" in lines and "Participants: 200" in lines
    assert "  favours-claim            squats-grow-glutes (supported, moderate certainty)" in lines


def test_show_unknown_id_suggests_the_nearest(tmp_path: Path):
    result = show(tmp_path, "trial-2021")
    assert (
        result.exit_code == 1
        and result.output == "Error: no claim or source with id 'trial-2021' (did you mean 'trial-2020'?)\n"
    )
