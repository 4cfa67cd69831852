"""Every kind of bad input gets a located error and exit 1 from the real command, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "bad_input"


def run_check(root: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gluteclaims", "check", "--root", str(root), *extra],
        capture_output=True,
        text=True,
        timeout=60,
    )


def expected(case: Path) -> list[tuple[str, int, str]]:
    rows = []
    for line in (case / "expected.txt").read_text().splitlines():
        where, code = line.split()
        path, lineno = where.rsplit(":", 1)
        rows.append((path, int(lineno), code))
    return rows


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_bad_input_case(case: str) -> None:
    folder = CASES / case
    result = run_check(folder, "--format", "json")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    found = [(p["path"], p["line"], p["code"]) for p in report["problems"]]
    assert found == expected(folder)


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_bad_input_text_output_names_file_and_line(case: str) -> None:
    result = run_check(CASES / case)
    first = result.stdout.splitlines()[0]
    path, line, code = expected(CASES / case)[0]
    assert first.startswith(f"{path}:{line}:") and f"error[{code}]" in first


def test_twenty_megabyte_file_is_refused_quickly(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "huge.yaml").write_bytes(b"id: huge\nnotes: " + b"x" * 20_000_000 + b"\n")
    result = run_check(tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("sources/huge.yaml:1: error[E006] file is 20,000,017 bytes")


def test_python_tag_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "tag.yaml").write_text(
        f"id: tag\ntitle: !!python/object/apply:os.system ['touch {marker}']\n"
    )
    result = run_check(tmp_path)
    assert result.returncode == 1 and "error[E008]" in result.stdout
    assert not marker.exists()


def test_all_problems_of_a_run_are_collected(tmp_path: Path) -> None:
    for case in ("duplicate-key", "unknown-field", "negative-sample", "empty-file"):
        for path in (CASES / case / "sources").glob("*.yaml"):
            target = tmp_path / "sources" / path.name
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(path.read_bytes())
    result = run_check(tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "4 errors, 0 warnings"


def test_hostile_strings_are_printed_escaped(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "evil.yaml").write_text('id: evil\nkindd: "\\e[31m<script>alert(1)</script>"\n')
    result = run_check(tmp_path)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout
    assert "unknown field 'kindd'" in result.stdout
