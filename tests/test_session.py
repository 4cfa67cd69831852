"""A kept session answers exactly as a check from scratch, edit after edit, and never from stale records."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
import yaml

from gluteclaims import session as sessions
from gluteclaims.session import Session
from gluteclaims.validate import validate_knowledge_base
from tests.conftest import REPO


@pytest.fixture
def kb(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the bundled knowledge base; files count as racy for 0.2 s here (2 s in use), so tests need not wait long."""
    monkeypatch.setattr(sessions, "RACY_NS", 200_000_000)
    root = tmp_path / "kb"
    for folder in ("claims", "sources"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def _settle() -> None:
    """Let every file written so far leave the racy window."""
    time.sleep(0.25)


def _edit(path: Path, change) -> None:
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _fresh(root: Path) -> list:
    return validate_knowledge_base(root)[1]


def _first_with(root: Path, folder: str, key: str) -> Path:
    return next(p for p in sorted((root / folder).glob("*.yaml")) if yaml.safe_load(p.read_text(encoding="utf-8")).get(key))


EDITS = {
    "a finding reworded": lambda root: _edit(root / "sources" / "contreras-2015.yaml", lambda r: r.update(findings=r["findings"] + " Reworded.")),
    "a stance flipped": lambda root: _edit(_first_with(root, "claims", "evidence"), lambda r: r["evidence"][0].update(stance="refutes" if r["evidence"][0]["stance"] == "supports" else "supports")),
    "a title made a near-duplicate": lambda root: _edit(root / "sources" / "contreras-2015.yaml", lambda r: r.update(title=yaml.safe_load((root / "sources" / "contreras-2015.yaml").read_text())["title"])),
    "a review's inclusions changed": lambda root: _edit(_first_with(root, "sources", "includes"), lambda r: r.update(includes=r["includes"][:-1])),
    "a source deleted (references dangle)": lambda root: (root / "sources" / "contreras-2015.yaml").unlink(),
    "a new source added": lambda root: shutil.copy(root / "sources" / "contreras-2015.yaml", root / "sources" / "copy-of-contreras.yaml"),
    "broken YAML": lambda root: (root / "claims" / "glute-amnesia-from-sitting.yaml").write_text("id: [unclosed\n", encoding="utf-8"),
    "a wrong type": lambda root: _edit(root / "sources" / "contreras-2015.yaml", lambda r: r.update(year="twenty")),
    "a file renamed": lambda root: (root / "claims" / "glute-amnesia-from-sitting.yaml").rename(root / "claims" / "renamed.yaml"),
    "an id changed to an existing one": lambda root: _edit(root / "claims" / "glute-amnesia-from-sitting.yaml", lambda r: r.update(id=sorted(p.stem for p in (root / "claims").glob("*.yaml"))[0])),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_after_each_edit_the_session_answers_as_a_fresh_check(kb: Path, edit: str) -> None:
    session = Session(kb)
    assert session.check() == _fresh(kb)
    EDITS[edit](kb)
    assert session.check() == _fresh(kb)
    assert session.work.parsed <= 2


def test_a_run_of_edits_then_undoing_them_matches_throughout(kb: Path) -> None:
    session = Session(kb)
    originals = {p: p.read_bytes() for p in kb.rglob("*.yaml")}
    last = ["a file renamed", "a source deleted (references dangle)"]  # the others still need those files
    for edit in [*sorted(set(EDITS) - set(last)), *last]:
        EDITS[edit](kb)
        assert session.check() == _fresh(kb), edit
    for path in kb.rglob("*.yaml"):
        if path not in originals:
            path.unlink()
    for path, raw in originals.items():
        path.write_bytes(raw)
    assert session.check() == _fresh(kb)


def test_unchanged_files_are_not_read_again(kb: Path) -> None:
    _settle()
    session = Session(kb)
    session.check()
    session.check()
    assert session.work.read == 0 and session.work.parsed == 0
    path = kb / "sources" / "contreras-2015.yaml"
    path.write_bytes(path.read_bytes() + b"\n")  # new bytes, the same record
    session.check()
    assert (session.work.read, session.work.parsed) == (1, 1)


def test_a_one_byte_change_with_the_same_size_and_times_is_seen(kb: Path) -> None:
    """Within the racy window a file is read again even if its size and times look unchanged."""
    session = Session(kb)
    path = kb / "sources" / "contreras-2015.yaml"
    raw = path.read_bytes()
    session.check()
    before = path.stat()
    at = raw.index(b"year: ") + len(b"year: ")
    edited = raw[:at] + b"1" + raw[at + 1 :]  # 2015 becomes 1015: same size
    path.write_bytes(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same mtime
    assert path.stat().st_size == before.st_size
    problems = session.check()
    assert problems == _fresh(kb)
    assert any(p.path == "sources/contreras-2015.yaml" and p.level == "error" for p in problems)


def test_a_file_written_just_before_a_check_is_read_again_and_the_rest_are_trusted(kb: Path) -> None:
    _settle()
    session = Session(kb)
    session.check()
    written = kb / "claims" / "glute-amnesia-from-sitting.yaml"
    written.write_bytes(written.read_bytes())
    session.check()
    session.check()
    assert session.work.read == 1
    _settle()
    session.check()
    session.check()
    assert session.work.read == 0


def test_editing_the_second_of_two_files_with_one_id_leaves_the_first_in_place(kb: Path) -> None:
    session = Session(kb)
    shutil.copy(kb / "sources" / "contreras-2015.yaml", kb / "sources" / "zz-copy.yaml")
    assert session.check() == _fresh(kb)
    _edit(kb / "sources" / "zz-copy.yaml", lambda r: r.update(findings="Only the copy says this."))
    assert session.check() == _fresh(kb)


def test_grades_kept_in_a_memo_follow_every_source_they_read() -> None:
    """Each source in turn changes its design (which moves reviews that include it) or becomes a popular article."""
    from gluteclaims.grade import RUBRIC, grade_all
    from gluteclaims.memo import Memo

    kb, _ = validate_knowledge_base(REPO)
    memo = Memo()
    grade_all(kb, RUBRIC, memo)
    moved = 0
    for source_id in sorted(kb.sources):
        original = kb.sources[source_id]
        for kind in ("case-series", "popular-article"):
            kb.sources[source_id] = original.model_copy(update={"kind": kind})
            kept, fresh = grade_all(kb, RUBRIC, memo), grade_all(kb)
            memo.sweep()
            assert kept == fresh, (source_id, kind)
            kb.sources[source_id] = original
            moved += kept != grade_all(kb)
    assert moved > 50  # the edits did move grades, so the comparison meant something
