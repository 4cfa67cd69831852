"""Rendering again after an edit: the same pages as a full render, with unchanged record pages reused."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from gluteclaims.analysis.check import validate_knowledge_base
from gluteclaims.grading.grade import grade_all
from gluteclaims.site.render import Rendered, SiteInput, render_again, render_site

from .conftest import REPO


def load(root: Path) -> SiteInput:
    kb, problems = validate_knowledge_base(root)
    assert [p for p in problems if p.level == "error"] == []
    return SiteInput(
        kb=kb,
        grades=grade_all(kb),
        base_url="https://example.org/kb/",
        changed={"claims/glute-amnesia-from-sitting": "2025-01-02"},
    )


def edit(root: Path, path: str, change: Callable[[dict], None]) -> None:
    file = root / path
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def set_key(key: str, value):
    return lambda data: data.__setitem__(key, value)


def first_evidence(key: str, value):
    return lambda data: data["evidence"][0].__setitem__(key, value)


def every_direction(direction: str):
    return lambda data: [link.__setitem__("direction", direction) for link in data["evidence"]]


def add_relation(target: str, rel_type: str):
    return lambda data: data.setdefault("relations", []).append(
        {"claim": target, "type": rel_type, "note": "Added in a test."}
    )


EDITS = {
    "a source's authors (its short reference on claim pages)": (
        "sources/barbalho-2020.yaml",
        set_key("authors", ["Someone, A"]),
    ),
    "a source's title": ("sources/barbalho-2020.yaml", set_key("title", "A new title")),
    "a source's sample size (grades may move)": (
        "sources/barbalho-2020.yaml",
        set_key("sample", {"participants": 4000}),
    ),
    "a claim's statement (source pages and related claims show it)": (
        "claims/glute-amnesia-from-sitting.yaml",
        set_key("statement", "Sitting for hours switches the glutes off, restated."),
    ),
    "a direction": (
        "claims/hip-thrust-more-glute-growth-than-squat.yaml",
        first_evidence("direction", "favours-opposite"),
    ),
    "every direction (the verdict moves, shown on every page citing the claim)": (
        "claims/hip-thrust-more-glute-activation-than-squat.yaml",
        every_direction("favours-opposite"),
    ),
    "a retraction (grades move; other sources of those claims show the new badge)": (
        "sources/plotkin-2023.yaml",
        set_key("integrity", [{"flag": "retraction", "note": "Retracted in a test."}]),
    ),
    "a finding shown on a source page": (
        "claims/hip-thrust-more-glute-growth-than-squat.yaml",
        first_evidence("finding", "Changed finding."),
    ),
    "a relation added (the other claim lists it too)": (
        "claims/hip-thrust-more-glute-growth-than-squat.yaml",
        add_relation("glute-amnesia-from-sitting", "contradicts"),
    ),
    "a mis-citation resolved elsewhere (cited-by list)": (
        "sources/darlow-2013-citation.yaml",
        lambda d: d["verification"].__setitem__("resolved_to", "barbalho-2020"),
    ),
}


@pytest.fixture(scope="module")
def before(tmp_path_factory) -> tuple[Path, Rendered]:
    root = tmp_path_factory.mktemp("kb")
    for folder in ("claims", "sources"):
        shutil.copytree(REPO / folder, root / folder)
    return root, render_again(load(root), None, workers=0)


@pytest.mark.parametrize("what", list(EDITS))
def test_an_edit_renders_the_same_site_as_a_full_render(before, tmp_path, what):
    root, previous = before
    copy = tmp_path / "kb"
    shutil.copytree(root, copy)
    path, change = EDITS[what]
    edit(copy, path, change)
    site = load(copy)
    again = render_again(site, previous, workers=0)
    assert again.files == render_site(site, workers=0)
    if what.startswith("a retraction"):
        assert (
            site.grades["squats-alone-give-big-quads-and-flat-glutes"]
            != load(root).grades["squats-alone-give-big-quads-and-flat-glutes"]
        )
    reused = [p for p, shown in again.inputs.items() if previous.inputs.get(p) == shown]
    assert 0 < len(reused) < len(again.inputs) - 1, (
        "an edit should re-render its page and its neighbours, not nothing or everything"
    )


def test_nothing_changed_reuses_every_record_page(before):
    root, previous = before
    again = render_again(load(root), previous, workers=0)
    assert again.files == previous.files
    assert again.inputs == previous.inputs


def test_a_new_record_is_rendered_and_a_removed_one_is_gone(before, tmp_path):
    root, previous = before
    copy = tmp_path / "kb"
    shutil.copytree(root, copy)
    added = yaml.safe_load((copy / "sources/barbalho-2020.yaml").read_text(encoding="utf-8"))
    added.update(id="barbalho-2020-copy", title="A different trial", identifiers={"url": "https://example.org/trial"})
    (copy / "sources/barbalho-2020-copy.yaml").write_text(yaml.safe_dump(added, sort_keys=False), encoding="utf-8")
    records = sorted((copy / "claims").glob("*.yaml")) + sorted((copy / "sources").glob("*.yaml"))
    unused = next(
        p
        for p in sorted((copy / "sources").glob("*.yaml"))
        if p.stem != "barbalho-2020-copy"
        and not any(p.stem in r.read_text(encoding="utf-8") for r in records if r != p)
    )
    unused.unlink()
    site = load(copy)
    again = render_again(site, previous, workers=0)
    assert again.files == render_site(site, workers=0)
    assert "sources/barbalho-2020-copy.md" in again.files and f"sources/{unused.stem}.md" not in again.files


def test_the_check_a_text_index_is_built_again_only_when_a_claim_or_grade_changes(before, tmp_path, monkeypatch):
    from gluteclaims.site import render

    root, previous = before
    built = []
    real = render.audit_index_script
    monkeypatch.setattr(render, "audit_index_script", lambda kb, grades: built.append(1) or real(kb, grades))
    for what in ("a source's title", "a claim's statement (source pages and related claims show it)"):
        copy = tmp_path / what.split()[1]
        shutil.copytree(root, copy)
        edit(copy, *EDITS[what])
        site = load(copy)
        built.clear()
        again = render_again(site, previous, workers=0)
        assert again.files == render_site(site, workers=0)
        # The full render above builds it once; render_again only when a claim changed.
        assert len(built) == (1 if what.startswith("a source") else 2), what
