"""Shared test helpers: build a small knowledge base on disk from a dict."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
ARTICLE_SEEDS = {
    "worldmindhub-glute-retraining": "000_",
    "joachim-glute-amnesia": "001_",
    "gluteal-amnesia-recovery": "002_",
    "glute-leg-workout-guide": "003_",
}
"""The four popular articles' record ids and the prefixes of their text files in the seeds folder."""

SEEDS_ENV = "GLUTECLAIMS_SEEDS"
"""Names the folder with the four seed articles' text (copyrighted, so the repository keeps no copy)."""
SEEDS_NEEDED = f"set {SEEDS_ENV} to a folder with the four seed articles' text"


def seeds_folder() -> Path | None:
    """The folder GLUTECLAIMS_SEEDS names, or None when it is unset."""
    value = os.environ.get(SEEDS_ENV, "").strip()
    return Path(value).expanduser().resolve() if value else None


def seed_path(folder: Path, article: str) -> Path:
    """The text file of one popular article (by record id) in the seeds folder."""
    found = sorted(folder.glob(f"{ARTICLE_SEEDS[article]}*.txt"))
    if not found:
        raise FileNotFoundError(f"{SEEDS_ENV}={folder} has no {ARTICLE_SEEDS[article]}*.txt (the text of {article})")
    return found[0]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seeds folder; the test is skipped when GLUTECLAIMS_SEEDS is unset, and fails when it is wrong."""
    folder = seeds_folder()
    if folder is None:
        pytest.skip(SEEDS_NEEDED)
    if not folder.is_dir():
        pytest.fail(f"{SEEDS_ENV}={folder} is not a folder", pytrace=False)
    missing = [f"{prefix}*.txt" for prefix in ARTICLE_SEEDS.values() if not any(folder.glob(f"{prefix}*.txt"))]
    if missing:
        pytest.fail(f"{SEEDS_ENV}={folder} lacks {', '.join(missing)} (the four seed articles' text)", pytrace=False)
    return folder


def write_kb(root: Path, files: dict[str, Any]) -> Path:
    """Write each value (a dict, dumped as YAML, or raw str/bytes) at its relative path under root."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (root / "claims").mkdir(exist_ok=True)
    (root / "sources").mkdir(exist_ok=True)
    return root


def source(id: str, **overrides: Any) -> dict:
    """A minimal valid source record as a dict."""
    record = {
        "id": id,
        "kind": "randomised-trial",
        "title": f"Study {id}",
        "authors": ["Doe, J"],
        "year": 2020,
        "venue": "Journal of Tests",
        "identifiers": {"doi": f"10.1000/{id}"},
        "population": {"description": "trained adults", "training_status": "trained", "sex": "mixed"},
        "sample": {"participants": 20},
        "outcomes": ["hypertrophy"],
        "findings": "It found something measurable.",
        "verification": {
            "status": "confirmed",
            "checked": [f"https://pubmed.ncbi.nlm.nih.gov/{abs(hash(id)) % 10**8}/"],
        },
    }
    record.update(overrides)
    return record


def claim(id: str, **overrides: Any) -> dict:
    """A minimal valid claim record as a dict."""
    record = {
        "id": id,
        "statement": f"The statement of {id}.",
        "summary": "What the evidence says.",
        "outcome": "hypertrophy",
        "population": "trained adults",
        "evidence": [],
        "no_evidence_note": "Searched PubMed; nothing found.",
    }
    record.update(overrides)
    # Last, so that the lines of every other field stay where tests expect them.
    record.setdefault("title", f"Is {id} true?")
    record.setdefault("bottom_line", "What to tell a client.")
    return record


@pytest.fixture
def kb_dir(tmp_path: Path):
    """A function that writes a knowledge base into a fresh temporary folder."""

    def make(files: dict[str, Any]) -> Path:
        return write_kb(tmp_path / "kb", files)

    return make
