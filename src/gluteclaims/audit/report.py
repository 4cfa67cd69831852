"""An audited text as a writer reads it: each matching sentence, the claim, its verdict and page."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from gluteclaims.audit.matcher import AuditedSentence, Match, Stance
from gluteclaims.grading.grade import Grade

UrlFor = Callable[[str], str]


# What the evidence says of the claim, after "repeats X" or "disputes X", by the claim's verdict:
# a sentence that repeats a claim the evidence is against is flagged; one that disputes it is not.
_EVIDENCE_SAYS: dict[str, tuple[str, str]] = {
    "supported": ("which the evidence supports", "which the evidence supports"),
    "little-or-no-difference": ("which the evidence is against", "and the evidence agrees"),
    "opposite": ("which the evidence is against", "and the evidence agrees"),
    "conflicting": ("on which the evidence conflicts", "on which the evidence conflicts"),
    "uncertain": ("which the evidence cannot settle yet", "which the evidence cannot settle yet"),
    "not-studied": ("which no study has tested", "which no study has tested"),
}


def reading(claim: str, stance: Stance, verdict: str | None) -> str:
    """What a writer reads of a match: "repeats X, which the evidence is against" or "disputes X, and ..."."""
    verb = "repeats" if stance == "asserts" else "disputes"
    if verdict is None:
        return f"{verb} {claim} (not graded yet)"
    return f"{verb} {claim}, {_EVIDENCE_SAYS[verdict][stance == 'disputes']}"


def _verdict(grade: Grade | None) -> str:
    return grade.summary if grade else "not graded"


def _summary(audited: list[AuditedSentence]) -> str:
    matched = [a for a in audited if a.matches]
    claims = {m.claim for a in matched for m in a.matches}
    s = "" if len(audited) == 1 else "s"
    c = "" if len(claims) == 1 else "s"
    return f"{len(matched)} of {len(audited)} sentence{s} repeat or dispute a graded claim ({len(claims)} claim{c})."


def format_text(
    name: str, audited: list[AuditedSentence], grades: Mapping[str, Grade], url_for: UrlFor, show_all: bool = False
) -> str:
    """Compiler-style lines: 'name:line: sentence', then each matched claim with verdict and page."""
    lines: list[str] = []
    for item in audited:
        if not item.matches and not show_all:
            continue
        lines.append(f"{name}:{item.sentence.line}: {item.sentence.text}")
        if not item.matches:
            lines.append("  (no known claim)")
        for match in item.matches:
            grade = grades.get(match.claim)
            lines.append(
                f"  -> {reading(match.claim, match.stance, grade.verdict if grade else None)} (match "
                f"{match.score:.2f}): {_verdict(grade)}"
            )
            lines.append(f"     {url_for(match.claim)}")
    lines.append(_summary(audited))
    return "\n".join(lines)


def _md_escape(text: str) -> str:
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def format_markdown(
    name: str, audited: list[AuditedSentence], grades: Mapping[str, Grade], url_for: UrlFor, show_all: bool = False
) -> str:
    """A Markdown report: each sentence quoted, its claims as links with their verdicts."""
    lines = [f"# Claims found in {_md_escape(name)}", "", _summary(audited), ""]
    for item in audited:
        if not item.matches and not show_all:
            continue
        lines.append(f"> {_md_escape(item.sentence.text)}")
        lines.append(f"> (line {item.sentence.line})")
        lines.append("")
        for match in item.matches:
            grade = grades.get(match.claim)
            verb, _, rest = reading(match.claim, match.stance, grade.verdict if grade else None).partition(" ")
            rest = rest.removeprefix(match.claim)
            lines.append(
                f"- {verb} [{match.claim}]({url_for(match.claim)}){rest}: **{_verdict(grade)}** (match "
                f"{match.score:.2f})"
            )
        if not item.matches:
            lines.append("- no known claim")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _match_data(match: Match, grades: Mapping[str, Grade], url_for: UrlFor) -> dict:
    grade = grades.get(match.claim)
    return {
        "claim": match.claim,
        "score": match.score,
        "matched_phrase": match.phrase,
        "stance": match.stance,
        "reading": reading(match.claim, match.stance, grade.verdict if grade else None),
        "shared_terms": list(match.shared),
        "verdict": grade.verdict if grade else None,
        "certainty": grade.certainty if grade else None,
        "url": url_for(match.claim),
    }


def to_json(
    name: str,
    audited: list[AuditedSentence],
    grades: Mapping[str, Grade],
    url_for: UrlFor,
    min_score: float,
    show_all: bool = False,
) -> str:
    """The audit as JSON: the input's name, the threshold, and each (matching) sentence."""
    sentences = [
        {
            "line": item.sentence.line,
            "start": item.sentence.start,
            "end": item.sentence.end,
            "text": item.sentence.text,
            "matches": [_match_data(m, grades, url_for) for m in item.matches],
        }
        for item in audited
        if item.matches or show_all
    ]
    data = {"input": name, "min_score": min_score, "sentences_read": len(audited), "sentences": sentences}
    return json.dumps(data, ensure_ascii=False, indent=2)
