"""The parse cache: found by the hash of a file's bytes, never stale, and harmless when damaged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from gluteclaims import cache, load
from gluteclaims.load import load_knowledge_base
from tests.conftest import claim, source, write_kb


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache in a temporary folder, used however small the knowledge base is."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    monkeypatch.setattr(cache, "MIN_FILES", 0)
    return folder


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The display path of every file the loader actually parses."""
    seen: list[str] = []
    real = load.parse_record

    def counting(raw: bytes, display: str):
        seen.append(display)
        return real(raw, display)

    monkeypatch.setattr(load, "parse_record", counting)
    return seen


def small_kb(root: Path) -> Path:
    return write_kb(root, {"sources/a-2020.yaml": source("a-2020"), "sources/b-2021.yaml": source("b-2021"), "claims/c.yaml": claim("c")})


def test_second_load_parses_nothing_and_gives_the_same_records(tmp_path: Path, cached: Path, parses: list[str]) -> None:
    root = small_kb(tmp_path / "kb")
    first, first_problems = load_knowledge_base(root)
    assert sorted(parses) == ["claims/c.yaml", "sources/a-2020.yaml", "sources/b-2021.yaml"]
    parses.clear()
    second, second_problems = load_knowledge_base(root)
    assert parses == []
    assert (second.sources, second.claims, second_problems) == (first.sources, first.claims, first_problems)


def test_a_one_byte_change_is_seen(tmp_path: Path, cached: Path, parses: list[str]) -> None:
    root = small_kb(tmp_path / "kb")
    load_knowledge_base(root)
    path = root / "sources" / "a-2020.yaml"
    raw = path.read_bytes()
    assert b"year: 2020" in raw
    path.write_bytes(raw.replace(b"year: 2020", b"year: 2021"))
    parses.clear()
    kb, _ = load_knowledge_base(root)
    assert kb.sources["a-2020"].year == 2021
    assert parses == ["sources/a-2020.yaml"]


def test_cached_records_report_problems_at_the_same_lines(tmp_path: Path, cached: Path) -> None:
    root = write_kb(tmp_path / "kb", {"sources/a-2020.yaml": source("a-2020", kind="anecdote", sample={"participants": -3}), "claims/c.yaml": claim("c", evidence=[{"source": "nope", "stance": "supports", "outcome": "emg", "finding": "x"}])})
    fresh_kb, fresh = load_knowledge_base(root)
    again_kb, again = load_knowledge_base(root)
    assert [(p.path, p.line, p.column, p.code) for p in again] == [(p.path, p.line, p.column, p.code) for p in fresh]
    assert len(fresh) == 2
    assert dict(again_kb.origin("claims", "c").positions) == dict(fresh_kb.origin("claims", "c").positions)


def test_files_that_fail_to_parse_are_reported_every_time(tmp_path: Path, cached: Path) -> None:
    root = write_kb(tmp_path / "kb", {"sources/bad.yaml": "id: bad\nid: again\n", "sources/a-2020.yaml": source("a-2020")})
    for _ in range(2):
        _, problems = load_knowledge_base(root)
        assert [(p.path, p.line, p.code) for p in problems] == [("sources/bad.yaml", 2, "E003")]


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: b"",
        lambda blob: blob[: len(blob) // 2],
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]),
        lambda blob: b"not a cache at all" * 10,
        lambda blob: blob[: len(cache._MAGIC) + 4] + bytes(32) + blob[len(cache._MAGIC) + 36 :],
        lambda blob: blob[: len(cache._MAGIC)] + b"\xff\xff\xff\x7f" + blob[len(cache._MAGIC) + 4 :],
    ],
    ids=["empty", "truncated", "flipped-bit", "foreign", "bad-checksum", "bad-length"],
)
def test_a_damaged_cache_file_is_ignored(tmp_path: Path, cached: Path, parses: list[str], damage) -> None:
    root = small_kb(tmp_path / "kb")
    expected, _ = load_knowledge_base(root)
    [written] = cached.glob("parsed-*.bin")
    written.write_bytes(damage(written.read_bytes()))
    parses.clear()
    kb, problems = load_knowledge_base(root)
    assert (kb.sources, kb.claims, problems) == (expected.sources, expected.claims, [])
    assert len(parses) == 3


def test_well_checksummed_entries_of_the_wrong_shape_are_ignored(tmp_path: Path, cached: Path, parses: list[str]) -> None:
    root = small_kb(tmp_path / "kb")
    expected, _ = load_knowledge_base(root)
    where = cache.cache_file(root)
    keys = list(cache.load(where).entries)
    where.write_bytes(cache._MAGIC + cache._framed(cache.segment([("parsed", key, "not data", b"") for key in keys] + [("parsed", b"short", {}, b"")])))
    parses.clear()
    kb, _ = load_knowledge_base(root)
    assert (kb.sources, kb.claims) == (expected.sources, expected.claims)
    assert len(parses) == 3


def test_entries_of_deleted_files_are_dropped(tmp_path: Path, cached: Path) -> None:
    root = small_kb(tmp_path / "kb")
    load_knowledge_base(root)
    (root / "sources" / "b-2021.yaml").unlink()
    load_knowledge_base(root)
    assert len(cache.load(cache.cache_file(root)).entries) == 2


def test_a_warm_run_appends_what_changed_and_stale_entries_are_compacted_away(tmp_path: Path, cached: Path) -> None:
    files = {f"sources/s-{i}.yaml": source(f"s-{i}") for i in range(8)}
    root = write_kb(tmp_path / "kb", files)
    load_knowledge_base(root)
    where = cache.cache_file(root)
    size = where.stat().st_size
    edited = root / "sources" / "s-0.yaml"
    for year in (2001, 2002):
        edited.write_text(edited.read_text().replace("year: 2020", f"year: {year}").replace("year: 2001", f"year: {year}"))
        kb, _ = load_knowledge_base(root)
        assert kb.sources["s-0"].year == year
    loaded = cache.load(where)
    assert (len(loaded.entries), loaded.stored) == (10, 10)  # two appended entries, both kept: 2 stale of 8 live
    assert where.stat().st_size > size
    edited.write_text(edited.read_text().replace("year: 2002", "year: 2003"))
    load_knowledge_base(root)
    loaded = cache.load(where)
    assert (len(loaded.entries), loaded.stored) == (8, 8)  # a third stale entry is one too many: rewritten


def test_the_cache_file_changes_with_the_parser(tmp_path: Path, cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.cache_file(tmp_path)
    monkeypatch.setattr(yaml, "__version__", yaml.__version__ + ".post1")
    assert cache.cache_file(tmp_path) != before
    assert cache.cache_file(tmp_path).parent == before.parent == cached


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    monkeypatch.setattr(cache, "MIN_FILES", 0)
    root = small_kb(tmp_path / "kb")
    load_knowledge_base(root)
    load_knowledge_base(root)
    assert cache.cache_file(root) is None
    assert len(parses) == 6


def test_small_knowledge_bases_leave_no_cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    load_knowledge_base(small_kb(tmp_path / "kb"))
    assert not folder.exists()


def test_the_cache_lives_outside_the_knowledge_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = tmp_path / "kb"
    assert cache.cache_file(root).parent == tmp_path / "xdg" / "gluteclaims"


def test_only_the_most_recently_used_cache_files_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "KEEP_FILES", 2)
    for age, name in enumerate(["parsed-new.bin", "parsed-newer.bin", "parsed-old.bin", "parsed-older.bin"]):
        (tmp_path / name).write_bytes(b"x")
        stamp = 1_700_000_000 - [2, 1, 3, 4][age] * 1000
        os.utime(tmp_path / name, (stamp, stamp))
    (tmp_path / "unrelated.txt").write_text("kept")
    cache._prune(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["parsed-new.bin", "parsed-newer.bin", "unrelated.txt"]


def test_an_unwritable_cache_folder_does_not_stop_loading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    monkeypatch.setattr(cache, "MIN_FILES", 0)
    kb, problems = load_knowledge_base(small_kb(tmp_path / "kb"))
    assert (sorted(kb.sources), problems) == (["a-2020", "b-2021"], [])


def test_batches_parsed_by_worker_processes_are_cached(tmp_path: Path, cached: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_kb(tmp_path / "kb", {f"sources/s-{i}.yaml": source(f"s-{i}") for i in range(20)})
    monkeypatch.setattr(load, "_cores", lambda: 2)
    monkeypatch.setattr(load, "_use_workers", lambda count: True)
    first, _ = load_knowledge_base(root)
    assert cache.load(cache.cache_file(root)).stored == 20
    parses.clear()
    second, _ = load_knowledge_base(root)
    assert parses == []
    assert second.sources == first.sources
