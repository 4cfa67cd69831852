"""`gluteclaims export`: every format readable by the tool it is for, written whole or not at all."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from gluteclaims.cli.main import cli
from tests.conftest import claim, source, write_kb

FILES = {
    "sources/trial-2020.yaml": source("trial-2020", authors=["Doe, J", "Roe, R"], title="Squats & glutes: a {trial}"),
    "sources/blog-2019.yaml": source(
        "blog-2019", kind="popular-article", title="Squat deep", identifiers={"url": "https://blog.example/"}
    ),
    "claims/squats-grow-glutes.yaml": claim(
        "squats-grow-glutes",
        statement="Squats grow the glutes.",
        no_evidence_note=None,
        evidence=[
            {"source": "trial-2020", "direction": "favours-claim", "outcome": "hypertrophy", "finding": "They grew."}
        ],
        appearances=[{"source": "blog-2019", "position": "asserts", "locator": "title"}],
    ),
}


def export(root: Path, *args: str):
    return CliRunner().invoke(cli, ["export", "--root", str(root), *args])


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_kb(tmp_path, FILES)


def test_json_has_claims_with_grades_and_sources(root: Path):
    data = json.loads(export(root, "--format", "json").stdout)
    [c] = data["claims"]
    assert c["id"] == "squats-grow-glutes" and c["grade"]["verdict"] in ("supported", "insufficient")
    assert sorted(s["id"] for s in data["sources"]) == ["blog-2019", "trial-2020"]


def test_bibtex_is_read_by_pandoc(root: Path, tmp_path: Path):
    out = tmp_path / "refs.bib"
    result = export(root, "--format", "bibtex", "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    items = json.loads(
        subprocess.run(
            ["/usr/bin/pandoc", "-f", "bibtex", "-t", "csljson", str(out)], capture_output=True, text=True, check=True
        ).stdout
    )
    titles = {i["id"]: i["title"] for i in items}
    assert titles["trial-2020"].lower() == "squats & glutes: a {trial}"


def test_ris_has_one_record_per_source(root: Path):
    text = export(root, "--format", "ris").stdout
    assert text.count("TY  - ") == 2 and text.count("ER  - ") == 2


def test_graphml_is_read_by_networkx(root: Path, tmp_path: Path):
    out = tmp_path / "graph.graphml"
    assert export(root, "--format", "graphml", "--out", str(out)).exit_code == 0
    graph = nx.read_graphml(out)
    assert {"claim:squats-grow-glutes", "source:trial-2020", "source:blog-2019"} <= set(graph.nodes)


def test_claimreview_uses_the_base_url(root: Path):
    [review] = json.loads(export(root, "--format", "claimreview", "--base-url", "https://site.example/").stdout)
    assert review["@type"] == "ClaimReview" and review["url"] == "https://site.example/claims/squats-grow-glutes/"


def test_a_knowledge_base_with_errors_is_not_exported(tmp_path: Path):
    root = write_kb(
        tmp_path,
        {
            **FILES,
            "claims/bad.yaml": claim(
                "bad", evidence=[{"source": "nope", "direction": "favours-claim", "outcome": "emg", "finding": "x"}]
            ),
        },
    )
    out = tmp_path / "refs.bib"
    result = export(root, "--format", "bibtex", "--out", str(out))
    assert result.exit_code == 1 and result.output.startswith(
        "Error: the knowledge base has 1 error, first: claims/bad.yaml:"
    )
    assert not out.exists()
