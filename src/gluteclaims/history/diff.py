"""What a change to the knowledge base does: records added, changed and removed, grades that moved and why,
new contradictions and new problems; and all of it as Markdown for a pull-request comment."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from gluteclaims.analysis.graph import FINDING_KINDS, Finding, find_contradictions
from gluteclaims.grading.grade import Grade, Reason, grade_all
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.models import RECORD_TYPES
from gluteclaims.kb.problems import Problem
from gluteclaims.refs.cite import short_ref

# Contradictions also reach `check` as W3xx warnings; the diff reports them once, as contradictions.
_FINDING_CODES = {code for code, _, _ in FINDING_KINDS.values()}
MARKER = "<!-- gluteclaims-diff -->"


@dataclass(frozen=True)
class Snapshot:
    """A knowledge base with everything derived from it that a diff compares."""

    kb: KnowledgeBase
    grades: dict[str, Grade]
    findings: list[Finding]
    problems: list[Problem]


def snapshot(kb: KnowledgeBase, problems: list[Problem]) -> Snapshot:
    """Grade the claims and find the contradictions of a loaded knowledge base."""
    grades = grade_all(kb)
    return Snapshot(kb, grades, find_contradictions(kb, grades), [p for p in problems if p.code not in _FINDING_CODES])


@dataclass(frozen=True)
class RecordChange:
    """One record file added, changed (with the fields that changed) or removed."""

    kind: str
    id: str
    change: Literal["added", "changed", "removed"]
    fields: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        """The record's file, relative to the knowledge-base root."""
        return f"{self.kind}/{self.id}.yaml"


@dataclass(frozen=True)
class GradeMove:
    """A claim whose grade moved (or that is new or gone), the reasons that differ, and the records behind it."""

    claim: str
    before: Grade | None
    after: Grade | None
    gained: tuple[Reason, ...] = ()
    lost: tuple[Reason, ...] = ()
    because: tuple[str, ...] = ()


@dataclass(frozen=True)
class Diff:
    """Everything that differs between two snapshots."""

    records: list[RecordChange] = field(default_factory=list)
    moves: list[GradeMove] = field(default_factory=list)
    new_findings: list[Finding] = field(default_factory=list)
    resolved_findings: list[Finding] = field(default_factory=list)
    new_problems: list[Problem] = field(default_factory=list)
    fixed_problems: list[Problem] = field(default_factory=list)
    unread_before: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing at all changed."""
        return not (
            self.records
            or self.moves
            or self.new_findings
            or self.resolved_findings
            or self.new_problems
            or self.fixed_problems
        )


def record_changes(old: KnowledgeBase, new: KnowledgeBase) -> list[RecordChange]:
    """Records added, changed and removed, by kind then id."""
    changes = []
    for kind in RECORD_TYPES:
        before, after = getattr(old, kind), getattr(new, kind)
        for record_id in sorted(set(before) | set(after)):
            if record_id not in before:
                changes.append(RecordChange(kind, record_id, "added"))
            elif record_id not in after:
                changes.append(RecordChange(kind, record_id, "removed"))
            else:
                a, b = before[record_id].model_dump(), after[record_id].model_dump()
                fields = tuple(name for name in a if a[name] != b.get(name))
                if fields:
                    changes.append(RecordChange(kind, record_id, "changed", fields))
    return changes


def _reason_key(reason: Reason) -> tuple:
    return (reason.rule, reason.effect, reason.sentence)


def _feeding(claim_id: str, *kbs: KnowledgeBase) -> set[str]:
    """Paths of the claim's own file and of every source it links, in either version."""
    paths = {f"claims/{claim_id}.yaml"}
    for kb in kbs:
        claim = kb.claims.get(claim_id)
        if claim is not None:
            paths |= {f"sources/{link.source}.yaml" for link in claim.evidence}
            paths |= {f"sources/{a.source}.yaml" for a in claim.appearances}
    return paths


def grade_moves(old: Snapshot, new: Snapshot, records: list[RecordChange]) -> list[GradeMove]:
    """Claims whose grade differs, with the reasons gained and lost and the changed records they draw on."""
    changed = {r.path: r for r in records}
    moves = []
    for claim_id in sorted(set(old.grades) | set(new.grades)):
        before, after = old.grades.get(claim_id), new.grades.get(claim_id)
        if before and after and (before.verdict, before.certainty) == (after.verdict, after.certainty):
            continue
        before_keys = {_reason_key(r) for r in before.reasons} if before else set()
        after_keys = {_reason_key(r) for r in after.reasons} if after else set()
        gained = tuple(r for r in (after.reasons if after else ()) if _reason_key(r) not in before_keys)
        lost = tuple(r for r in (before.reasons if before else ()) if _reason_key(r) not in after_keys)
        because = tuple(
            sorted(_describe_change(changed[p]) for p in _feeding(claim_id, old.kb, new.kb) if p in changed)
        )
        moves.append(GradeMove(claim_id, before, after, gained, lost, because))
    return moves


def _describe_change(change: RecordChange) -> str:
    return f"{change.path} {change.change}" + (f" ({', '.join(change.fields)})" if change.fields else "")


def _finding_key(finding: Finding) -> tuple:
    return (finding.kind, tuple(sorted(finding.records)))


def _problem_key(problem: Problem) -> tuple:
    # Lines shift whenever a file is edited, so a problem is the same problem wherever it now stands.
    return (problem.code, problem.path, problem.record, problem.message)


def unread(snap: Snapshot) -> tuple[str, ...]:
    """Record files of a snapshot that did not load (broken then, or in a record format no longer read)."""
    loaded = {f"{kind}/{record_id}.yaml" for kind in RECORD_TYPES for record_id in getattr(snap.kb, kind)}
    return tuple(sorted({p.path for p in snap.problems if p.level == "error" and p.path not in loaded}))


def compare(old: Snapshot, new: Snapshot) -> Diff:
    """The difference between two snapshots of the knowledge base."""
    records = record_changes(old.kb, new.kb)
    old_findings = {_finding_key(f) for f in old.findings}
    new_findings = {_finding_key(f) for f in new.findings}
    old_problems = {_problem_key(p) for p in old.problems}
    new_problems = {_problem_key(p) for p in new.problems}
    return Diff(
        records=records,
        moves=grade_moves(old, new, records),
        new_findings=[f for f in new.findings if _finding_key(f) not in old_findings],
        resolved_findings=[f for f in old.findings if _finding_key(f) not in new_findings],
        new_problems=[p for p in new.problems if _problem_key(p) not in old_problems],
        fixed_problems=[p for p in old.problems if _problem_key(p) not in new_problems],
        unread_before=unread(old),
    )


# Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~!])")


def md(text: str) -> str:
    """Record text made inert in GitHub Markdown: no links, emphasis, tables, HTML or @mentions."""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def code(text: str) -> str:
    """An id or path as inline code (ids are safe: lower-case letters, digits, hyphens, slashes)."""
    return f"`{text}`" if re.fullmatch(r"[\w./:-]+", text) else md(text)


def _grade_words(grade: Grade | None, missing: str) -> str:
    return grade.summary if grade else missing


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _reason_line(sign: str, reason: Reason) -> str:
    effect = f" {reason.effect:+d}" if reason.effect else ""
    return f"  - {sign} [{md(reason.rule)}{effect}] {md(reason.sentence)}"


def _record_line(change: RecordChange, old: KnowledgeBase, new: KnowledgeBase) -> str:
    kb = old if change.change == "removed" else new
    if change.kind == "sources":
        source = kb.sources[change.id]
        what = f"{md(short_ref(source))}, {md(source.title)}"
    else:
        what = md(kb.claims[change.id].statement)
    fields = f" (fields: {', '.join(change.fields)})" if change.fields else ""
    return f"- {change.change} {code(change.path)}{fields}: {what}"


def diff_markdown(diff: Diff, old: Snapshot, new: Snapshot, against: str, note: str = "") -> str:
    """The diff as a pull-request comment in GitHub Markdown; `against` names the old revision."""
    compared = f"Compared with {code(against)}" + (f" ({md(note)})" if note else "") + "."
    lines = [MARKER, "### gluteclaims: what this change does to the knowledge base", "", compared, ""]
    if diff.unread_before:
        # Else a whole knowledge base written in an older record format reads as added, and its grades as new.
        lines += [
            f"**{_plural(len(diff.unread_before), 'record')} at {code(against)} could not be read** by this version "
            "of gluteclaims (broken then, or written in an older record format): they count as added below, "
            "and grades that rest on them are shown as new. Compare with a later revision for a like-for-like diff.",
            "",
        ]
    if diff.empty:
        return "\n".join([*lines, "No changes to claims, sources, grades, contradictions or problems."]) + "\n"
    counts = {c: sum(1 for r in diff.records if r.change == c) for c in ("added", "changed", "removed")}
    errors = sum(1 for p in diff.new_problems if p.level == "error")
    lines += [
        "| | |",
        "|---|---|",
        f"| Records | {counts['added']} added, {counts['changed']} changed, {counts['removed']} removed |",
        f"| Grades that moved | {len(diff.moves)} |",
        f"| New contradictions | {len(diff.new_findings)} ({len(diff.resolved_findings)} resolved) |",
        (
            f"| New problems | {_plural(errors, 'error')}, {_plural(len(diff.new_problems) - errors, 'warning')} "
            f"({len(diff.fixed_problems)} fixed) |"
        ),
    ]
    if diff.moves:
        lines += ["", "#### Grades that moved", "", "| Claim | Before | After |", "|---|---|---|"]
        lines += [
            (
                f"| {code(m.claim)} | {_grade_words(m.before, '(new claim)')} | "
                f"**{_grade_words(m.after, '(claim removed)')}** |"
            )
            for m in diff.moves
        ]
        for move in diff.moves:
            lines += [
                "",
                f"- {code(move.claim)}"
                + (f", because {', '.join(code_words(b) for b in move.because)}" if move.because else "")
                + ":",
            ]
            lines += [_reason_line("now:", r) for r in move.gained]
            lines += [_reason_line("no longer:", r) for r in move.lost]
    if diff.records:
        lines += ["", "#### Records", ""]
        lines += [_record_line(r, old.kb, new.kb) for r in diff.records]
    if diff.new_findings:
        lines += ["", "#### New contradictions", ""]
        lines += [
            f"- {f.severity}[{FINDING_KINDS[f.kind][0]}] {md(f.title)}: {md(f.message)}" for f in diff.new_findings
        ]
    if diff.resolved_findings:
        lines += ["", "#### Contradictions resolved", ""]
        lines += [
            f"- {f.severity}[{FINDING_KINDS[f.kind][0]}] {md(f.title)}: {md(f.message)}" for f in diff.resolved_findings
        ]
    if diff.new_problems:
        lines += ["", "#### New problems", "", "Run `gluteclaims check` to see them with their lines.", ""]
        for p in diff.new_problems:
            where = f"{p.path}:{p.line}" if p.line else p.path
            hint = f" ({md(p.hint)})" if p.hint else ""
            lines.append(f"- {code(where)} {p.level}\\[{p.code}\\] {md(p.message)}{hint}")
    return "\n".join(lines) + "\n"


def code_words(change: str) -> str:
    """'sources/x.yaml added (fields)' with the path as code."""
    path, _, rest = change.partition(" ")
    return f"{code(path)} {md(rest)}"
