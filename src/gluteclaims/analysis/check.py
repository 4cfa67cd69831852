"""One call that reads a knowledge base and returns it with every problem found."""

from __future__ import annotations

from pathlib import Path

from gluteclaims.kb.checks import check_knowledge_base
from gluteclaims.analysis.graph import contradiction_problems
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.load import load_knowledge_base
from gluteclaims.kb.problems import Problem, sort_problems


def validate_knowledge_base(root: Path | str) -> tuple[KnowledgeBase, list[Problem]]:
    """Load, then check across records; problems sorted by file and line."""
    kb, problems = load_knowledge_base(root)
    return kb, sort_problems(problems + cross_record_problems(kb))


def cross_record_problems(kb: KnowledgeBase) -> list[Problem]:
    """What no single file shows: references, duplicates, and the contradictions grading reveals."""
    return check_knowledge_base(kb) + contradiction_problems(kb)
