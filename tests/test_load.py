"""The loader validates records, locates every pydantic error and never raises."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from gluteclaims.kb import load
from gluteclaims.kb.load import load_knowledge_base, load_one
from tests.conftest import claim, source


def test_valid_records_load(kb_dir) -> None:
    root = kb_dir({"sources/a-2020.yaml": source("a-2020"), "claims/c.yaml": claim("c")})
    kb, problems = load_knowledge_base(root)
    assert problems == []
    assert list(kb.sources) == ["a-2020"] and list(kb.claims) == ["c"]
    assert kb.origin("sources", "a-2020").path == "sources/a-2020.yaml"


def test_nested_error_points_at_the_offending_key() -> None:
    text = yaml.safe_dump(
        claim(
            "c",
            evidence=[
                {"source": "a", "direction": "favours-claim", "outcome": "emg", "finding": "x"},
                {"source": "b", "direction": "agrees", "outcome": "emg", "finding": "y"},
            ],
        ),
        sort_keys=False,
    )
    direction_line = next(i for i, line in enumerate(text.splitlines(), 1) if "agrees" in line)
    problems = load_one("claims", text.encode(), "claims/c.yaml").problems
    assert [(p.code, p.line) for p in problems] == [("E103", direction_line)]
    assert "evidence.1.direction" in problems[0].message


def test_missing_nested_field_points_at_its_parent() -> None:
    record = source("a-2020")
    del record["verification"]["status"]
    text = yaml.safe_dump(record, sort_keys=False)
    parent_line = next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith("verification:"))
    problems = load_one("sources", text.encode(), "sources/a-2020.yaml").problems
    assert [(p.code, p.line, p.message) for p in problems] == [
        ("E102", parent_line, "missing required field 'verification.status'")
    ]


def test_unknown_nested_field_suggests_the_right_one() -> None:
    record = source("a-2020", identifiers={"dio": "10.1/x"})
    problems = load_one("sources", yaml.safe_dump(record).encode(), "sources/a-2020.yaml").problems
    assert [(p.code, p.hint) for p in problems] == [("E101", "did you mean 'doi'?")]


def test_every_error_in_a_file_is_reported() -> None:
    record = source("a-2020", kind="anecdote", year="soon", sample={"participants": -1})
    problems = load_one("sources", yaml.safe_dump(record).encode(), "sources/a-2020.yaml").problems
    assert sorted(p.message.split(":")[0] for p in problems) == ["kind", "sample.participants", "year"]


def test_invalid_file_id_is_remembered_so_references_do_not_cascade(kb_dir) -> None:
    root = kb_dir({"sources/a-2020.yaml": source("a-2020", kind="anecdote")})
    kb, _ = load_knowledge_base(root)
    assert kb.source_exists("a-2020") and "a-2020" not in kb.sources


def test_missing_folders_give_an_empty_knowledge_base(tmp_path: Path) -> None:
    kb, problems = load_knowledge_base(tmp_path)
    assert (kb.claims, kb.sources, problems) == ({}, {}, [])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "kind",
                    "title",
                    "evidence",
                    "source",
                    "stance",
                    "sample",
                    "participants",
                    "identifiers",
                    "doi",
                    "x",
                ]
            )
            | st.text(max_size=8),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["claims", "sources"]), json_values)
def test_random_structures_never_raise(kind: str, value) -> None:
    raw = yaml.safe_dump(value, allow_unicode=True).encode()
    loaded = load_one(kind, raw, f"{kind}/x.yaml")
    record, problems = loaded.record, loaded.problems
    assert (record is None) == bool([p for p in problems if p.level == "error"])
    assert all(p.line is not None for p in problems)


def mixed_kb(kb_dir) -> Path:
    """Valid, invalid, unparsable, duplicate and unreadable files together."""
    files = {f"sources/s-{i}.yaml": source(f"s-{i}") for i in range(12)}
    files["sources/bad-kind.yaml"] = source("bad-kind", kind="anecdote")
    files["sources/dupkey.yaml"] = "id: dupkey\nid: dupkey\n"
    files["sources/copy.yaml"] = source("s-3")
    files["claims/c.yaml"] = claim(
        "c", evidence=[{"source": "s-1", "direction": "favours-claim", "outcome": "emg", "finding": "x"}]
    )
    root = kb_dir(files)
    (root / "sources" / "gone.yaml").symlink_to(root / "nowhere.yaml")  # cannot be read: E001
    return root


def _force_workers(monkeypatch) -> list[int]:
    """Make load use two worker processes for any size; returns the job counts they are given."""
    monkeypatch.setattr(load, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(load, "_cores", lambda: 2)
    # Earlier tests may leave threads running (a test HTTP server), which rightly turns
    # forking off; these tests are about the workers themselves, so they ask for them.
    monkeypatch.setattr(load, "_use_workers", lambda count: True)
    started: list[int] = []
    real = load._in_workers
    monkeypatch.setattr(load, "_in_workers", lambda jobs: started.append(len(jobs)) or real(jobs))
    return started


def test_worker_processes_give_what_one_process_gives(kb_dir, monkeypatch) -> None:
    root = mixed_kb(kb_dir)
    alone, alone_problems = load_knowledge_base(root)
    used = _force_workers(monkeypatch)
    together, together_problems = load_knowledge_base(root)
    assert used == [17]
    assert (together.sources, together.claims, together.broken) == (alone.sources, alone.claims, alone.broken)
    assert together_problems == alone_problems
    assert sorted(p.code for p in alone_problems) == ["E001", "E003", "E103", "E203"]
    assert dict(together.origin("claims", "c").positions) == dict(alone.origin("claims", "c").positions)


_TEST_PROCESS = os.getpid()
_PARSE_CHUNK = load._parse_chunk


def _die(chunk) -> bytes:
    """A worker that dies; the same function run by the test process itself (the fallback) works."""
    if os.getpid() != _TEST_PROCESS:
        os._exit(3)
    return _PARSE_CHUNK(chunk)


def test_a_dead_worker_falls_back_to_this_process(kb_dir, monkeypatch) -> None:
    root = mixed_kb(kb_dir)
    alone, alone_problems = load_knowledge_base(root)
    started = _force_workers(monkeypatch)
    monkeypatch.setattr(load, "_parse_chunk", _die)
    together, together_problems = load_knowledge_base(root)
    assert started == [17]
    assert (together.sources, together_problems) == (alone.sources, alone_problems)


def test_loading_leaves_the_garbage_collector_as_it_found_it(kb_dir) -> None:
    root = kb_dir({"sources/a-2020.yaml": source("a-2020")})
    assert gc.isenabled()
    load_knowledge_base(root)
    assert gc.isenabled()
    gc.disable()
    try:
        load_knowledge_base(root)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_files_that_are_not_records_are_named_not_skipped(kb_dir) -> None:
    text = yaml.safe_dump(source("a-2020"))
    root = kb_dir(
        {
            "sources/a-2020.yaml": source("a-2020"),
            "sources/b-2021.yml": source("b-2021"),
            "sources/c-2022.YAML": text,
            "sources/d-2023.json": "{}",
            "sources/notes.txt": "to do",
            "sources/README": "x",
            "sources/old/e-2019.yaml": text,
            "claims/drafts/x.yaml": claim("x"),
            "claims/.x.yaml.swp": "editor backup",
            "claims/.hidden/y.yaml": claim("y"),
        }
    )
    kb, problems = load_knowledge_base(root)
    assert sorted(kb.sources) == ["a-2020", "b-2021"] and kb.claims == {}
    assert [(p.code, p.level, p.path, p.line, p.message, p.hint) for p in problems] == [
        (
            "W001",
            "warning",
            "claims/drafts",
            None,
            "folder not read: record files are NAME.yaml directly in claims/",
            "move its records up into claims/, or the folder out of claims/",
        ),
        (
            "W001",
            "warning",
            "sources/README",
            None,
            "file not read: record files are NAME.yaml directly in sources/",
            "move it out of sources/",
        ),
        (
            "W001",
            "warning",
            "sources/c-2022.YAML",
            None,
            "file not read: record files are NAME.yaml directly in sources/",
            "rename it to c-2022.yaml",
        ),
        (
            "W001",
            "warning",
            "sources/d-2023.json",
            None,
            "file not read: record files are NAME.yaml directly in sources/",
            "move it out of sources/",
        ),
        (
            "W001",
            "warning",
            "sources/notes.txt",
            None,
            "file not read: record files are NAME.yaml directly in sources/",
            "move it out of sources/",
        ),
        (
            "W001",
            "warning",
            "sources/old",
            None,
            "folder not read: record files are NAME.yaml directly in sources/",
            "move its records up into sources/, or the folder out of sources/",
        ),
    ]


def test_a_hostile_file_name_is_printed_escaped(kb_dir) -> None:
    root = kb_dir({"claims/\x1b[31mred.txt": "x"})
    _, problems = load_knowledge_base(root)
    assert [p.path for p in problems] == ["claims/\\x1b[31mred.txt"]


def test_files_not_read_are_warnings_so_check_passes(kb_dir) -> None:
    from gluteclaims.analysis.check import validate_knowledge_base

    root = kb_dir({"sources/a-2020.yaml": source("a-2020"), "sources/a-2020.yaml.bak": "old"})
    _, problems = validate_knowledge_base(root)
    assert [str(p) for p in problems] == [
        (
            "sources/a-2020.yaml.bak: warning[W001] file not read: record files are NAME.yaml directly in "
            "sources/ (move it out of sources/)"
        )
    ]
