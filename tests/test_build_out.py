"""`build --out` replaces only an absent, empty or earlier-built folder; anything else is refused before writing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gluteclaims.cli.main import cli
from gluteclaims.site import build as site
from gluteclaims.site.build import MARKER_TEXT, SITE_MARKER, BuildError, build_site

from .conftest import claim, source, write_kb

# Stands in for mkdocs: writes one page into the configured site_dir, so these tests need no real site build.
FAKE_ENGINE = (
    "import os, sys, yaml; c = yaml.safe_load(open(sys.argv[-1])); os.makedirs(c['site_dir'], exist_ok=True); "
    "open(os.path.join(c['site_dir'], 'index.html'), 'w').write('built')"
)


@pytest.fixture(autouse=True)
def fake_engine(monkeypatch):
    monkeypatch.setitem(site.ENGINES, "mkdocs", [sys.executable, "-c", FAKE_ENGINE])


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_kb(tmp_path / "kb", {"sources/a-2020.yaml": source("a-2020"), "claims/one.yaml": claim("one")})


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under `folder`."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))
    }


def built(out: Path) -> bool:
    return (out / "index.html").read_text() == "built" and (out / SITE_MARKER).read_text() == MARKER_TEXT


def test_an_absent_folder_is_created(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "new" / "site"
    build_site(root, out)
    assert built(out)
    assert sorted(p.name for p in out.iterdir()) == [SITE_MARKER, "index.html"]


def test_an_empty_folder_is_filled(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    build_site(root, out)
    assert built(out)


def test_an_earlier_build_is_replaced_whole(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(root, out)
    (out / "stale.html").write_text("from the earlier build")
    build_site(root, out)
    assert built(out) and not (out / "stale.html").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")], "temporary build folders left behind"


def refused(root: Path, out: Path, tmp_path: Path) -> str:
    """Build into `out`, which must be refused with nothing on disk changed; the message."""
    before = tree(tmp_path)
    with pytest.raises(BuildError) as caught:
        build_site(root, out)
    assert tree(tmp_path) == before
    return str(caught.value)


def test_a_folder_of_someone_elses_files_is_refused(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    assert refused(root, out, tmp_path) == (
        f"will not build the site into {out}: it holds files that no gluteclaims build made (it has no "
        f"{SITE_MARKER}); choose a new or empty folder"
    )


def test_the_knowledge_base_itself_is_refused(root: Path, tmp_path: Path) -> None:
    assert refused(root, root, tmp_path) == (
        f"will not build the site into {root}: it is the knowledge base itself; choose a folder of its own, "
        f"such as {root / 'site'}"
    )


@pytest.mark.parametrize("folder", ["claims", "sources"])
def test_a_records_folder_is_refused(root: Path, tmp_path: Path, folder: str) -> None:
    out = root / folder
    assert refused(root, out, tmp_path) == (
        f"will not build the site into {out}: it is {out}, which the build uses; choose a folder of its own, "
        f"such as {root / 'site'}"
    )


def test_a_new_folder_inside_claims_is_refused(root: Path, tmp_path: Path) -> None:
    out = root / "claims" / "site"
    assert refused(root, out, tmp_path) == (
        f"will not build the site into {out}: it is inside {root / 'claims'}, which the build uses; choose a "
        f"folder of its own, such as {root / 'site'}"
    )


def test_the_generated_pages_folder_is_refused(root: Path, tmp_path: Path) -> None:
    out = root / ".generated"
    assert refused(root, out, tmp_path) == (
        f"will not build the site into {out}: it is {out}, which the build uses; choose a folder of its own, "
        f"such as {root / 'site'}"
    )


def test_a_parent_of_the_knowledge_base_is_refused(root: Path, tmp_path: Path) -> None:
    assert refused(root, tmp_path, tmp_path) == (
        f"will not build the site into {tmp_path}: it contains the knowledge base {root}; choose a folder of "
        f"its own, such as {root / 'site'}"
    )


def test_an_empty_parent_of_the_knowledge_base_would_be_refused_too(root: Path, tmp_path: Path) -> None:
    marked = tmp_path / SITE_MARKER
    marked.write_text(MARKER_TEXT)  # even a marker does not make a folder holding the records replaceable
    assert "it contains the knowledge base" in refused(root, tmp_path, tmp_path)


def test_a_file_is_refused(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.write_text("not a folder")
    assert refused(root, out, tmp_path) == f"will not build the site into {out}: it is a file, not a folder"


@pytest.mark.parametrize("out", [".", "sources", "claims/x", "../notes.txt", "../mine"])
def test_the_command_refuses_in_one_line_and_writes_nothing(root: Path, tmp_path: Path, monkeypatch, out: str) -> None:
    (tmp_path / "notes.txt").write_text("a file")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("years of work")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    monkeypatch.chdir(root)
    before = tree(tmp_path)
    result = CliRunner().invoke(cli, ["build", "--out", out])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: will not build the site into {(root / out).resolve()}: ")
    assert len(result.output.splitlines()) == 1
    assert tree(tmp_path) == before


def test_the_command_builds_the_default_folder_twice(root: Path, monkeypatch) -> None:
    monkeypatch.chdir(root)
    for _ in range(2):
        result = CliRunner().invoke(cli, ["build"])
        assert result.exit_code == 0, result.output
        assert result.output.startswith("built site in ")
    assert built(root / "site")
