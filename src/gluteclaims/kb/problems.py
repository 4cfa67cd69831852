"""A problem is a value: what is wrong, where, and how to fix it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Level = Literal["error", "warning"]

CODES: dict[str, str] = {
    "E001": "the file is not valid YAML",
    "E002": "tab characters used for indentation",
    "E003": "a key appears twice in one mapping",
    "E004": "the file is empty or is not a mapping",
    "E005": "the file is not UTF-8 text",
    "E006": "the file is too large",
    "E007": "more than one YAML document in a file",
    "E008": "a YAML tag or anchor that records may not use",
    "E009": "the YAML is nested too deeply",
    "E010": "a hidden character in a value: a control character, a zero-width character or a bidi override",
    "W001": "a file or folder in claims/ or sources/ that is not a record file, so it is not read",
    "E101": "an unknown field",
    "E102": "a required field is missing",
    "E103": "a value of the wrong type or outside its vocabulary",
    "E201": "the id does not match the file name",
    "E202": "the file name is not a safe id",
    "E203": "two records share one id",
    "E204": "a reference to a source that does not exist",
    "E205": "a reference to a claim that does not exist",
    "E206": "the same study recorded twice (same DOI, PMID or PMCID)",
    "E207": "a popular article used as evidence",
    "E208": "a claim related to itself",
    "E209": "an appearance that is not in a popular article",
    "E210": "a source without any identifier",
    "E211": "a verification record that contradicts itself",
    "W201": "two sources with near-identical titles",
    "W202": "a claim with neither evidence nor a no-evidence note",
    "W203": "a source listed twice on one claim",
    "W204": "a review includes a source that is not a primary study in the knowledge base",
    "W205": "a verification address that is a copy or summary of a record (a mirror), not the canonical page",
    "W206": "a claim without the plain question (title) or the bottom line the site shows readers",
    "W207": "a bottom line longer than 40 words",
    "W301": "a contested claim: substantial evidence on both sides",
    "W302": "two claims that contradict each other are both graded supported",
    "W303": "a supported claim whose mechanism (depends-on) is refuted or unsupported",
    "W304": "one source cited both ways: opposite directions on one claim, or support for two contradicting claims",
    "W305": "a myth: asserted by popular articles but the evidence is against it or cannot support it",
    "W306": "claims that depend on each other in a cycle",
    "W307": "a review and a primary study it includes cited for one claim",
    "W401": "a reviewer's judgement on a GRADE domain without a reason",
    "W402": "a reviewer's judgement two or more levels from the computed suggestion",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the knowledge base, located to a file and line."""

    code: str
    level: Level
    path: str
    line: int | None
    column: int | None
    record: str | None
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.level}[{self.code}] {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_tuple(self) -> tuple:
        """The comparable core of a problem: file, line, code."""
        return (self.path, self.line, self.code)


def error(code: str, path: str, message: str, *, line=None, column=None, record=None, hint=None) -> Problem:
    """An error: the knowledge base is wrong and `check` exits 1."""
    return Problem(code, "error", path, line, column, record, message, hint)


def warning(code: str, path: str, message: str, *, line=None, column=None, record=None, hint=None) -> Problem:
    """A warning: worth a look, but `check` still passes."""
    return Problem(code, "warning", path, line, column, record, message, hint)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file, line, code order, so output is stable."""
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.column or 0, p.code, p.message))


def summary_line(problems: list[Problem]) -> str:
    """'2 errors, 1 warning' (or 'no problems')."""
    errors = sum(1 for p in problems if p.level == "error")
    warnings = len(problems) - errors
    if not problems:
        return "no problems"
    return f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"


def format_text(problems: list[Problem]) -> str:
    """Compiler-style lines, then the count."""
    return "\n".join([*(str(p) for p in problems), summary_line(problems)])


def format_json(problems: list[Problem]) -> str:
    """The same problems as a JSON document for machines."""
    errors = sum(1 for p in problems if p.level == "error")
    return json.dumps(
        {"errors": errors, "warnings": len(problems) - errors, "problems": [asdict(p) for p in problems]},
        indent=2,
        ensure_ascii=False,
    )


def report(problems: list[Problem], fmt: str) -> tuple[str, int]:
    """What `check` prints for these problems (text or json), and its exit code: 1 if any is an error."""
    output = format_json(problems) if fmt == "json" else format_text(problems)
    return output, 1 if any(p.level == "error" for p in problems) else 0
