"""The downloads: every record in each format, each file readable by the tools that use the format."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from gluteclaims.analysis.check import validate_knowledge_base
from gluteclaims.grading.grade import grade_all
from gluteclaims.refs.exports import FILES, downloads
from gluteclaims.site.render import SiteInput, render_site

from .conftest import REPO


@pytest.fixture(scope="module")
def real():
    kb, _ = validate_knowledge_base(REPO)
    grades = grade_all(kb)
    return kb, grades, downloads(kb, grades)


def test_every_file_listed_is_made(real):
    _, _, files = real
    assert set(files) == set(FILES)


def test_json_holds_every_record_and_grade(real):
    kb, grades, files = real
    data = json.loads(files["gluteclaims.json"])
    assert [c["id"] for c in data["claims"]] == sorted(kb.claims)
    assert [s["id"] for s in data["sources"]] == sorted(kb.sources)
    claim = data["claims"][0]
    assert claim["grade"]["verdict"] == grades[claim["id"]].verdict
    assert files["gluteclaims.json"].count("\n") == len(kb.claims) + len(kb.sources) + 6


def test_reference_files_have_one_entry_per_source(real):
    kb, _, files = real
    csl = json.loads(files["references.csl.json"])
    assert [item["id"] for item in csl] == sorted(kb.sources)
    assert files["references.bib"].count("\n@") + files["references.bib"].startswith("@") == len(kb.sources)
    assert files["references.ris"].count("\nER  -") + files["references.ris"].startswith("ER  -") == len(kb.sources)


def test_graphml_reads_back_with_every_record(real, tmp_path):
    kb, _, files = real
    path = tmp_path / "graph.graphml"
    path.write_text(files["graph.graphml"], encoding="utf-8")
    graph = nx.read_graphml(path)
    assert {n for n in graph.nodes if n.startswith("claim:")} == {f"claim:{c}" for c in kb.claims}
    assert len([n for n in graph.nodes if n.startswith("source:")]) == len(kb.sources)


def test_the_site_offers_the_same_files_whether_citations_come_from_its_pages_or_not(real):
    kb, grades, files = real
    for workers in (0, 2):
        pages = render_site(SiteInput(kb=kb, grades=grades, base_url="https://example.org/kb/"), workers=workers)
        assert {name: pages[f"downloads/{name}"] for name in files} == files
