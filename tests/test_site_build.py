"""Building the site: into temporary folders, strict, atomic, and buildable by Zensical too."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gluteclaims.cli.main import cli
from gluteclaims.site import build as site
from gluteclaims.site.build import BuildError, build_site, render_tree, run_engine, write_config, write_tree

from .conftest import REPO, claim, source, write_kb

HOSTILE = REPO / "tests" / "fixtures" / "hostile"
pytestmark = pytest.mark.slow


def small_kb(tmp_path: Path) -> Path:
    return write_kb(
        tmp_path / "kb",
        {
            "sources/a-2020.yaml": source("a-2020"),
            "claims/one.yaml": claim(
                "one",
                aliases=["dead butt"],
                evidence=[
                    {"source": "a-2020", "direction": "favours-claim", "outcome": "hypertrophy", "finding": "Grew."}
                ],
                no_evidence_note=None,
            ),
        },
    )


def test_build_writes_a_strict_clean_site(tmp_path):
    out = tmp_path / "site"
    build_site(small_kb(tmp_path), out, work=tmp_path / "work")
    for page in (
        "index.html",
        "claims/one/index.html",
        "sources/a-2020/index.html",
        "downloads/references.bib",
        "search/search_index.json",
        "assets/fuzzy-index.json",
    ):
        assert (out / page).is_file(), page
    assert '"@type": "ClaimReview"' in (out / "claims/one/index.html").read_text()
    assert not list(tmp_path.glob(".site.*")), "temporary build folders left behind"


def test_the_real_knowledge_base_builds_with_strict_mkdocs(tmp_path):
    out = tmp_path / "site"
    build_site(REPO, out, work=tmp_path / "work", site_url="https://example.org/kb/")
    claims = sorted((REPO / "claims").glob("*.yaml"))
    assert claims and all((out / "claims" / c.stem / "index.html").is_file() for c in claims)
    assert "https://example.org/kb/claims/" in (out / "claims" / claims[0].stem / "index.html").read_text()
    # The theme's search index stays small: claims' own text, without pages and sections that repeat it.
    locations = [doc["location"] for doc in json.loads((out / "search/search_index.json").read_text())["docs"]]
    assert any(loc.startswith(f"claims/{claims[0].stem}/") for loc in locations)
    assert not [loc for loc in locations if loc.startswith(("sources/", "browse/"))]
    assert not [
        loc
        for loc in locations
        if loc.endswith(("#why-this-grade", "#evidence", "#related-claims", "#cite-this-claim"))
    ]
    assert [loc for loc in locations if loc.endswith("#where-it-is-claimed")]


def test_bad_records_leave_the_previous_site_untouched(tmp_path):
    root, out = small_kb(tmp_path), tmp_path / "site"
    build_site(root, out, work=tmp_path / "work")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (root / "claims" / "one.yaml").write_text("id: one\nstatement: [unclosed\n")
    with pytest.raises(BuildError, match=r"claims/one.yaml:\d+"):
        build_site(root, out, work=tmp_path / "work")
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_failing_engine_leaves_the_previous_site_untouched(tmp_path, monkeypatch):
    root, out = small_kb(tmp_path), tmp_path / "site"
    build_site(root, out, work=tmp_path / "work")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # An engine that writes half a site and then fails, as mkdocs does on a strict warning.
    half = (
        "import sys, yaml; c = yaml.safe_load(open(sys.argv[-1])); import os; os.makedirs(c['site_dir'], "
        "exist_ok=True); open(os.path.join(c['site_dir'], 'index.html'), 'w').write('half'); sys.exit(1)"
    )
    monkeypatch.setitem(site.ENGINES, "mkdocs", [sys.executable, "-c", half])
    with pytest.raises(BuildError, match="mkdocs failed"):
        build_site(root, out, work=tmp_path / "work")
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".site.*"))


def test_unchanged_pages_are_not_rewritten(tmp_path):
    docs = tmp_path / "docs"
    first = write_tree({"a.md": "# A\n", "b/c.md": "# C\n"}, docs, assets=tmp_path / "no-assets")
    second = write_tree({"a.md": "# A\n", "b/c.md": "# C changed\n"}, docs, assets=tmp_path / "no-assets")
    third = write_tree({"a.md": "# A\n"}, docs, assets=tmp_path / "no-assets")
    assert (first.written, second.written, second.unchanged, third.removed) == (2, 1, 1, 1)
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == ["a.md"]


def test_zensical_builds_the_same_generated_tree(tmp_path):
    work = tmp_path / "work"
    render_tree(HOSTILE, work, tmp_path / "unused")
    config = write_config(work, work / "zensical-site")
    run_engine(config, "zensical")
    page = (work / "zensical-site" / "claims" / "hostile-claim" / "index.html").read_text()
    assert '"@type": "ClaimReview"' in page
    assert "gc-badge--supported" in page
    assert "&lt;img src=x onerror=" in page and "<img src=x" not in page


def test_build_command_reports_and_fails_in_one_line(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["build", "--root", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "has no claims/ or sources/ folder" in result.output
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", "--root", str(small_kb(tmp_path)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"built {out} in ")


@pytest.mark.parametrize("exchange", [True, False], ids=["one-step exchange", "two renames"])
def test_the_new_site_replaces_the_old_whole(tmp_path, monkeypatch, exchange):
    old, new = tmp_path / "site", tmp_path / ".site.new" / "site"
    (old / "gone").mkdir(parents=True)
    (old / "gone" / "index.html").write_text("old")
    new.mkdir(parents=True)
    (new / "index.html").write_text("new")
    if not exchange:
        monkeypatch.setattr(site, "_exchange", lambda a, b: False)
    else:
        assert site._exchange(tmp_path / "x", tmp_path / "y") is False  # nothing to swap: refused, no exception
    site.swap_in(new, old)
    assert [p.relative_to(old).as_posix() for p in old.rglob("*")] == ["index.html"]
    assert (old / "index.html").read_text() == "new"
    assert not new.exists() and not list(tmp_path.glob(".site.old-*"))


def test_the_exchange_swaps_two_folders_in_one_step(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "which").write_text("a")
    (b / "which").write_text("b")
    assert site._exchange(a, b) is True
    assert (a / "which").read_text() == "b" and (b / "which").read_text() == "a"
