"""One call that reads a knowledge base and returns it with every problem found."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from gluteclaims.analysis.graph import contradiction_problems
from gluteclaims.grading.grade import RUBRIC, Grade, grade_all
from gluteclaims.kb.checks import check_knowledge_base
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.load import load_knowledge_base
from gluteclaims.kb.problems import Problem, sort_problems, warning


def validate_knowledge_base(root: Path | str) -> tuple[KnowledgeBase, list[Problem]]:
    """Load, then check across records; problems sorted by file and line."""
    kb, _, problems = validate_and_grade(root)
    return kb, problems


def validate_and_grade(root: Path | str) -> tuple[KnowledgeBase, dict[str, Grade], list[Problem]]:
    """Load, grade once, then check across records (the checks read the grades); problems sorted by file and line."""
    kb, problems = load_knowledge_base(root)
    grades = grade_all(kb)
    return kb, grades, sort_problems(problems + cross_record_problems(kb, grades))


def cross_record_problems(kb: KnowledgeBase, grades: Mapping[str, Grade]) -> list[Problem]:
    """What no single file shows: references, duplicates, judgements, and the contradictions that need a fix."""
    return check_knowledge_base(kb) + judgement_problems(kb, grades) + contradiction_problems(kb, grades)


def judgement_problems(kb: KnowledgeBase, grades: Mapping[str, Grade]) -> list[Problem]:
    """Judgements a reader cannot follow: no reason, or two levels or more from the computed suggestion."""
    problems: list[Problem] = []
    for claim_id, claim in kb.claims.items():
        origin = kb.origin("claims", claim_id)
        suggested = {r.domain: r.suggested for r in grades[claim_id].ratings}
        for i, judgement in enumerate(claim.judgements):
            line, column = origin.line_of(("judgements", i))
            where = {"line": line, "column": column, "record": claim_id}
            if not judgement.reason:
                problems.append(
                    warning(
                        "W401",
                        origin.path,
                        f"judgement on {judgement.domain} has no reason",
                        **where,
                        hint="say why, in a sentence a reader can check",
                    )
                )
            departure = abs(judgement.levels - suggested.get(judgement.domain, 0))
            if departure >= RUBRIC.judgement_departure_warning:
                problems.append(
                    warning(
                        "W402",
                        origin.path,
                        (
                            f"judgement on {judgement.domain} ({judgement.levels:+d}) departs {departure} levels "
                            f"from the computed {suggested.get(judgement.domain, 0):+d}"
                        ),
                        **where,
                        hint="check the judgement and its reason, or the records it overrides",
                    )
                )
    return problems
