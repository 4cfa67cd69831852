"""`gluteclaims diff`: a temporary git repository, a change to it, and the Markdown that describes it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from gluteclaims.analysis.check import validate_knowledge_base
from gluteclaims.cli.main import cli
from gluteclaims.history.diff import compare, diff_markdown, md, record_changes, snapshot
from gluteclaims.history.git import RevisionError, default_base, knowledge_base_at
from tests.conftest import claim, source, write_kb

GIT_ENV = {
    "GIT_AUTHOR_NAME": "T",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "T",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}

TRIAL = source("trial-2020", kind="randomised-trial", sample={"participants": 200})
CLAIM = claim(
    "squats-grow-glutes",
    statement="Squats grow the glutes.",
    no_evidence_note=None,
    evidence=[
        {"source": "trial-2020", "direction": "favours-claim", "outcome": "hypertrophy", "finding": "They grew."}
    ],
)


def make_kb(folder: Path, files: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return write_kb(folder, files)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True, env={**os.environ, **GIT_ENV}
    )
    return done.stdout.strip()


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_kb(tmp_path / "repo", {"sources/trial-2020.yaml": TRIAL, "claims/squats-grow-glutes.yaml": CLAIM})
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "first")
    return root


def add_opposing_study(root: Path) -> None:
    """The change a contributor makes: a new, larger study whose result favours the opposite, linked from the claim."""
    write_kb(
        root,
        {
            "sources/null-2024.yaml": source(
                "null-2024", kind="randomised-trial", title="No growth from squats", sample={"participants": 400}
            )
        },
    )
    data = yaml.safe_load((root / "claims/squats-grow-glutes.yaml").read_text())
    data["evidence"].append(
        {"source": "null-2024", "direction": "favours-opposite", "outcome": "hypertrophy", "finding": "No growth."}
    )
    write_kb(root, {"claims/squats-grow-glutes.yaml": data})


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_knowledge_base_at_a_revision_is_the_committed_one(repo: Path, tmp_path: Path):
    first = git(repo, "rev-parse", "HEAD")
    add_opposing_study(repo)
    commit_all(repo, "second")
    old_root = knowledge_base_at(repo, first, tmp_path / "old")
    kb, problems = validate_knowledge_base(old_root)
    assert (sorted(kb.sources), problems) == (["trial-2020"], [])
    assert [link.source for link in kb.claims["squats-grow-glutes"].evidence] == ["trial-2020"]


def test_knowledge_base_in_a_subfolder_of_the_repository(tmp_path: Path):
    top = tmp_path / "top"
    top.mkdir()
    root = make_kb(top / "kb", {"sources/trial-2020.yaml": TRIAL})
    (top / "README").write_text("not part of the knowledge base")
    git(top, "init", "-q", "-b", "main")
    rev = commit_all(top, "first")
    old_root = knowledge_base_at(root, rev, tmp_path / "old")
    assert old_root == tmp_path / "old" / "kb"
    assert sorted(p.name for p in (old_root / "sources").iterdir()) == ["trial-2020.yaml"]
    assert not (tmp_path / "old" / "README").exists()


def test_a_revision_without_the_folders_gives_an_empty_knowledge_base(tmp_path: Path):
    root = tmp_path / "repo"
    root.mkdir()
    (root / "README").write_text("x")
    git(root, "init", "-q", "-b", "main")
    rev = commit_all(root, "empty")
    old_root = knowledge_base_at(root, rev, tmp_path / "old")
    kb, _ = validate_knowledge_base(old_root)
    assert (kb.claims, kb.sources) == ({}, {})


def test_default_base_is_the_merge_base_with_main(repo: Path):
    first = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "add-study")
    add_opposing_study(repo)
    commit_all(repo, "on the branch")
    assert default_base(repo) == first


def test_unknown_revision_is_a_one_line_error(repo: Path):
    with pytest.raises(RevisionError, match="unknown revision 'nope'"):
        knowledge_base_at(repo, "nope", repo / "tmp")
    result = run("diff", "nope", "--root", str(repo))
    assert result.exit_code == 1 and result.output == "Error: unknown revision 'nope'\n"


def test_diff_outside_a_git_repository_is_a_one_line_error(tmp_path: Path):
    root = write_kb(tmp_path, {})
    result = run("diff", "--root", str(root))
    assert result.exit_code == 1 and result.output.startswith("Error: git rev-parse failed: ")
    assert "\n" not in result.output.rstrip("\n")


def test_diff_reports_the_added_study_and_the_verdict_it_moved(repo: Path):
    first = git(repo, "rev-parse", "--short", "HEAD")
    before = run("grade", "squats-grow-glutes", "--root", str(repo)).output.splitlines()[0]
    add_opposing_study(repo)
    after = run("grade", "squats-grow-glutes", "--root", str(repo)).output.splitlines()[0]
    assert before != after, "the fixture must move the grade"
    result = run("diff", "main", "--root", str(repo))
    assert result.exit_code == 0, result.output
    text = result.output
    assert f"Compared with `{first}` (main)." in text
    assert "| Records | 1 added, 1 changed, 0 removed |" in text
    assert "| Grades that moved | 1 |" in text
    old_words, new_words = before.split(": ", 1)[1], after.split(": ", 1)[1]
    assert f"| `squats-grow-glutes` | {old_words} | **{new_words}** |" in text
    assert (
        "- `squats-grow-glutes`, because `claims/squats-grow-glutes.yaml` changed (evidence), "
        "`sources/null-2024.yaml` added:"
    ) in text
    # 200 participants for, 400 against: conflicting; the 600 together are no longer imprecise.
    assert (old_words, new_words) == ("supported, moderate certainty", "conflicting, moderate certainty")
    assert (
        "  - now: [inconsistency -1] Rated down one level for inconsistency (computed): the results point in "
        "opposite directions."
    ) in text
    assert (
        "  - no longer: [imprecision -1] Rated down one level for imprecision (computed): no interval is "
        "reported and 200 participants is below the optimal information size of 400."
    ) in text
    assert "- added `sources/null-2024.yaml`: Doe 2020, No growth from squats" in text
    assert "- changed `claims/squats-grow-glutes.yaml` (fields: evidence): Squats grow the glutes." in text


def test_diff_reports_new_problems_and_fixed_ones(repo: Path):
    data = yaml.safe_load((repo / "claims/squats-grow-glutes.yaml").read_text())
    data["evidence"][0]["source"] = "trial-2021"
    write_kb(repo, {"claims/squats-grow-glutes.yaml": data})
    text = run("diff", "main", "--root", str(repo)).output
    assert "| New problems | 1 error, 0 warnings (0 fixed) |" in text
    assert (
        "- `claims/squats-grow-glutes.yaml:" in text
        and "error\\[E204\\] unknown source 'trial-2021' (did you mean 'trial-2020'?)" in text
    )


def test_no_change_says_so(repo: Path):
    text = run("diff", "main", "--root", str(repo)).output
    assert text.endswith("No changes to claims, sources, grades, contradictions or problems.\n")


def test_diff_writes_to_a_file(repo: Path, tmp_path: Path):
    add_opposing_study(repo)
    out = tmp_path / "diff.md"
    result = run("diff", "main", "--root", str(repo), "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text().startswith("<!-- gluteclaims-diff -->\n### gluteclaims: what this change does")


def test_record_changes_name_the_changed_fields(tmp_path: Path):
    old, _ = validate_knowledge_base(
        make_kb(tmp_path / "a", {"claims/c.yaml": claim("c"), "sources/s.yaml": source("s")})
    )
    new, _ = validate_knowledge_base(
        make_kb(tmp_path / "b", {"claims/c.yaml": claim("c", summary="Changed.", aliases=["x"])})
    )
    assert [(c.path, c.change, c.fields) for c in record_changes(old, new)] == [
        ("claims/c.yaml", "changed", ("summary", "aliases")),
        ("sources/s.yaml", "removed", ()),
    ]


def test_hostile_record_text_cannot_mention_people_or_inject_markdown(tmp_path: Path):
    hostile = "@octocat <img src=x onerror=alert(1)> [click](https://evil.example) | ![x](y) `code`"
    old = snapshot(*validate_knowledge_base(make_kb(tmp_path / "a", {})))
    new = snapshot(*validate_knowledge_base(make_kb(tmp_path / "b", {"claims/c.yaml": claim("c", statement=hostile)})))
    text = diff_markdown(compare(old, new), old, new, "abc1234")
    assert "@octocat" not in text and "<img" not in text and "](" not in text.replace("\\](", "")
    assert md(hostile) in text
    assert md("a|b") == "a\\|b" and md("x\ny") == "x y"


def test_resolved_contradictions_are_listed(tmp_path: Path):
    blog = source("blog-2019", kind="popular-article", identifiers={"url": "https://blog.example/"})
    asserted = claim("c", appearances=[{"source": "blog-2019", "position": "asserts", "locator": "title"}])
    old = snapshot(
        *validate_knowledge_base(make_kb(tmp_path / "a", {"claims/c.yaml": asserted, "sources/blog-2019.yaml": blog}))
    )
    new = snapshot(
        *validate_knowledge_base(make_kb(tmp_path / "b", {"claims/c.yaml": claim("c"), "sources/blog-2019.yaml": blog}))
    )
    assert old.findings, "the fixture must have a finding to resolve"
    diff = compare(old, new)
    assert (diff.new_findings, [f.kind for f in diff.resolved_findings]) == ([], [f.kind for f in old.findings])
    text = diff_markdown(diff, old, new, "abc1234")
    assert "| New contradictions | 0 (1 resolved) |" in text and "#### Contradictions resolved" in text


def test_records_the_old_revision_cannot_read_are_named_not_passed_off_as_new(repo: Path):
    # An older record format: a field this version does not know, so the claim did not load then.
    old_format = dict(CLAIM, verdict_override="supported")
    write_kb(repo, {"claims/squats-grow-glutes.yaml": old_format})
    commit_all(repo, "old format")
    write_kb(repo, {"claims/squats-grow-glutes.yaml": CLAIM})
    text = run("diff", "HEAD", "--root", str(repo)).output
    assert "**1 record at" in text and "could not be read** by this version of gluteclaims" in text
    assert "| Records | 1 added, 0 changed, 0 removed |" in text


def test_a_diff_between_readable_revisions_has_no_unread_note(repo: Path):
    add_opposing_study(repo)
    assert "could not be read" not in run("diff", "main", "--root", str(repo)).output
