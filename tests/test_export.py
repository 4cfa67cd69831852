"""`gluteclaims export`: every format readable by the tool it is for, written whole or not at all."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from gluteclaims.cli.main import cli
from tests.conftest import REPO, claim, source, write_kb

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


# A knowledge base with what broke the exports: a name suffix, an organisation with a comma, CSL
# markup in a title, a thesis, a book, a web page, an article without a journal, a failed citation.
WIDE = {
    "sources/king-2018.yaml": source(
        "king-2018",
        title="<i>In vivo</i> fascicle length of the <b>gluteus maximus</b>",
        authors=["King, Martin Luther, Jr.", "{World Health Organization, Regional Office for Europe}", "Doe, J"],
        identifiers={"doi": "10.1000/king", "pmid": "123456", "pmcid": "PMC654321"},
        volume="3",
        issue="2",
        pages="10-20",
    ),
    "sources/thesis-2019.yaml": source(
        "thesis-2019", kind="thesis", venue="University of Tests", identifiers={"url": "https://uni.example/t"}
    ),
    "sources/book-2001.yaml": source(
        "book-2001", kind="book", venue="Test Press", identifiers={"isbn": "978-3-16-148410-0"}
    ),
    "sources/nojournal-2020.yaml": source("nojournal-2020", venue=None, identifiers={"doi": "10.1000/nojournal"}),
    "sources/blog-2021.yaml": source(
        "blog-2021",
        kind="popular-article",
        authors=[],
        venue="Glute Blog",
        identifiers={"url": "https://blog.example/glutes"},
    ),
    "sources/ghost-2014.yaml": source(
        "ghost-2014",
        title="A study the article cited that could not be found",
        authors=["Ghost, G"],
        identifiers={"url": "https://blog.example/cites-ghost"},
        verification={"status": "failed", "failure": "not-found", "note": "searched PubMed"},
    ),
}


@pytest.fixture
def wide(tmp_path: Path) -> Path:
    root = write_kb(tmp_path / "wide", WIDE)
    assert CliRunner().invoke(cli, ["check", "--root", str(root)]).exit_code == 0
    return root


def _exported(root: Path, fmt: str, out: Path) -> Path:
    result = export(root, "--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_bibtex_passes_bibtex_with_plain_bst(wide: Path, tmp_path: Path):
    _exported(wide, "bibtex", tmp_path / "refs.bib")
    (tmp_path / "doc.aux").write_text("\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n")
    done = subprocess.run(["bibtex", "doc"], cwd=tmp_path, capture_output=True, text=True, check=False)
    log = done.stdout + done.stderr
    assert "error message" not in log and "isn't style-file defined" not in log and "need author or key" not in log
    bbl = " ".join((tmp_path / "doc.bbl").read_text().split())
    assert bbl.count("\\bibitem") == len(WIDE)
    assert "{World Health Organization, Regional Office for Europe}" in bbl  # one author, braced
    assert "Martin~Luther King, Jr." in bbl  # the suffix after the family name, as BibTeX places it


def test_bibtex_uses_only_classic_types_and_biblatex_keeps_the_rich_ones(wide: Path):
    classic = export(wide, "--format", "bibtex").stdout
    rich = export(wide, "--format", "biblatex").stdout
    assert sorted(re.findall(r"^@(\w+)\{", classic, re.M)) == [
        "article",
        "article",
        "book",
        "misc",
        "misc",
        "phdthesis",
    ]
    assert sorted(re.findall(r"^@(\w+)\{", rich, re.M)) == ["article", "article", "book", "misc", "online", "thesis"]
    assert "eprinttype = {pubmed}" in rich and "pmid = {123456}" in classic


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_biber_reads_the_export_without_errors(wide: Path, tmp_path: Path, fmt: str):
    bib = _exported(wide, fmt, tmp_path / "refs.bib")
    done = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", bib.name], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "ERROR" not in done.stdout, done.stdout
    warnings = [line for line in done.stdout.splitlines() if line.startswith("WARN")]
    if fmt == "biblatex":
        assert warnings == [], done.stdout
    else:
        assert not [w for w in warnings if "entry type" in w.lower() or "author" in w], done.stdout


def test_pybtex_reads_names_as_bibtex_does(wide: Path, tmp_path: Path):
    from pybtex.database import parse_file

    data = parse_file(str(_exported(wide, "bibtex", tmp_path / "refs.bib")), bib_format="bibtex")
    king, organisation, _ = data.entries["king-2018"].persons["author"]
    assert (king.first_names + king.middle_names, king.last_names, king.lineage_names) == (
        ["Martin", "Luther"],
        ["King"],
        ["Jr."],
    )
    assert organisation.last_names == ["{World Health Organization, Regional Office for Europe}"]
    assert data.entries["king-2018"].fields["title"] == "In vivo fascicle length of the gluteus maximus"
    assert data.entries["ghost-2014"].fields["note"] == "Failed citation: no such study could be found"


def test_rispy_reads_the_ris(wide: Path):
    import rispy

    records = {r["id"]: r for r in rispy.loads(export(wide, "--format", "ris").stdout)}
    assert records["king-2018"]["authors"][0] == "King, Martin Luther, Jr."
    assert records["king-2018"]["title"] == "In vivo fascicle length of the gluteus maximus"
    assert records["ghost-2014"]["notes"] == ["Failed citation: no such study could be found"]
    assert records["blog-2021"]["type_of_reference"] == "ELEC"


def test_csl_json_is_read_by_pandoc_with_suffix_organisation_and_failure(wide: Path, tmp_path: Path):
    csl = _exported(wide, "csl-json", tmp_path / "refs.json")
    items = {i["id"]: i for i in json.loads(csl.read_text())}
    assert items["king-2018"]["author"][:2] == [
        {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
        {"literal": "World Health Organization, Regional Office for Europe"},
    ]
    assert items["ghost-2014"]["note"] == "Failed citation: no such study could be found"
    read = subprocess.run(
        ["/usr/bin/pandoc", "-f", "csljson", "-t", "csljson", str(csl)], capture_output=True, text=True, check=True
    )
    assert {i["id"] for i in json.loads(read.stdout)} == set(items)


def test_apa_marks_a_failed_citation(wide: Path):
    from gluteclaims.kb.load import load_knowledge_base
    from gluteclaims.refs.cite import to_apa

    kb, _ = load_knowledge_base(wide)
    assert to_apa(kb.sources["ghost-2014"]).endswith("[Failed citation: no such study could be found]")
    assert "King, M. L., Jr., World Health Organization, Regional Office for Europe, & Doe, J." in to_apa(
        kb.sources["king-2018"]
    )


def test_graphml_booleans_are_lower_case_and_read_back_as_booleans(root: Path, tmp_path: Path):
    out = _exported(root, "graphml", tmp_path / "graph.graphml")
    text = out.read_text()
    assert 'attr.type="boolean"' in text and ">True<" not in text and ">False<" not in text
    edges = list(nx.read_graphml(out).edges(data=True))
    assert [(data["direct"], data["counted"]) for _, _, data in edges if data["type"] == "evidence"] == [(True, True)]


def test_claimreview_has_its_date_and_who_made_the_claim_when(root: Path):
    [review] = json.loads(export(root, "--format", "claimreview").stdout)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", review["datePublished"])
    item = review["itemReviewed"]
    assert (item["author"], item["datePublished"]) == ([{"@type": "Person", "name": "J Doe"}], "2020")


def test_exported_file_gets_the_users_usual_permissions(root: Path, tmp_path: Path):
    old = os.umask(0o022)
    try:
        out = _exported(root, "bibtex", tmp_path / "new.bib")
        assert out.stat().st_mode & 0o777 == 0o644
        out.chmod(0o640)
        _exported(root, "bibtex", out)
        assert out.stat().st_mode & 0o777 == 0o640  # an existing file keeps its permissions
    finally:
        os.umask(old)


ROUND_TRIP = ["bibtex", "biblatex", "csl-json", "ris"]


def _round_trip(root: Path, tmp_path: Path, fmt: str) -> tuple[str, str, str]:
    first = export(root, "--format", fmt).stdout
    suffix = {"bibtex": ".bib", "biblatex": ".bib", "csl-json": ".json", "ris": ".ris"}[fmt]
    (tmp_path / f"first{suffix}").write_text(first, encoding="utf-8")
    (tmp_path / f"again-{fmt}").mkdir()
    again = write_kb(tmp_path / f"again-{fmt}", {})
    imported = CliRunner().invoke(cli, ["import", str(tmp_path / f"first{suffix}"), "--root", str(again)])
    checked = CliRunner().invoke(cli, ["check", "--root", str(again)])
    assert checked.exit_code == 0, checked.output
    return first, export(again, "--format", fmt).stdout, imported.output


@pytest.mark.parametrize("fmt", ROUND_TRIP)
def test_export_import_export_is_identical(wide: Path, tmp_path: Path, fmt: str):
    first, second, imported = _round_trip(wide, tmp_path, fmt)
    assert "skipped[" not in imported and second == first


@pytest.mark.parametrize("fmt", ROUND_TRIP)
def test_the_bundled_knowledge_base_round_trips(tmp_path: Path, fmt: str):
    from gluteclaims.kb.load import load_knowledge_base

    kb, _ = load_knowledge_base(REPO)
    # A source no identifier names is refused on import (I004), so it is left out of the comparison.
    unnamed = sorted(s.id for s in kb.sources.values() if not s.identifiers.any() and s.verification.status != "failed")
    first, second, imported = _round_trip(REPO, tmp_path, fmt)
    assert re.findall(r"skipped\[(I\d+)\]", imported) == ["I004"] * len(unnamed)
    blocks = {"ris": "\nER  - \n", "csl-json": "\n"}.get(fmt, "\n}\n")
    kept = [
        b for b in first.split(blocks) if not any(f"{{{i}," in b or f'"{i}"' in b or f"- {i}\n" in b for i in unnamed)
    ]
    assert second.split(blocks) == kept
