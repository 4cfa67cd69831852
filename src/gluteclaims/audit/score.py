"""How well the audit finds what the knowledge base records, and what blind labels say.

Two kinds of ground truth. The seed articles: each claim's appearances say where a popular
article asserts or disputes it, with a verbatim quote (score_article). The evaluation set
(tests/fixtures/audit_eval): real articles whose every sentence was labelled, before any matcher
ran, with the claim it states or disputes and how (score_labelled), so precision there never
counts a match approved after reading a matcher's output.

On a seed article, an appearance is found when the audit matches a sentence overlapping the quote to that
claim. A match is correct when it is such a sentence, or when a reviewer has judged the sentence
to state the claim (the reviewed pairs are passed in).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from gluteclaims.audit.matcher import AuditedSentence, Stance
from gluteclaims.kb.models import Claim

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Recorded:
    """One appearance of a claim in the article, located as a span of the plain text."""

    claim: str
    quote: str
    start: int
    end: int


@dataclass
class ArticleScore:
    """Recall and precision of an audit of one article, with what was missed and what was extra."""

    source: str
    recorded: int = 0
    found: int = 0
    matches: int = 0
    correct: int = 0
    missed: list[tuple[str, str]] = field(default_factory=list)
    wrong: list[tuple[str, str, float]] = field(default_factory=list)
    unlocated: list[tuple[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Share of recorded appearances the audit found (1.0 when none are recorded)."""
        return self.found / self.recorded if self.recorded else 1.0

    @property
    def precision(self) -> float:
        """Share of the audit's matches that are recorded or reviewed (1.0 when it matched nothing)."""
        return self.correct / self.matches if self.matches else 1.0

    def add(self, other: ArticleScore) -> ArticleScore:
        """The two scores pooled, as for several articles together."""
        return ArticleScore(
            f"{self.source}+{other.source}" if self.source else other.source,
            self.recorded + other.recorded,
            self.found + other.found,
            self.matches + other.matches,
            self.correct + other.correct,
            self.missed + other.missed,
            self.wrong + other.wrong,
            self.unlocated + other.unlocated,
        )


def squeeze(text: str) -> str:
    """Text with every run of white space made one space, for comparing sentences and quotes."""
    return _SPACE.sub(" ", text).strip()


def locate(plain: str, quote: str) -> tuple[int, int] | None:
    """Where a quote stands in the text, ignoring differences in white space; None if absent."""
    words = [re.escape(w) for w in quote.split()]
    if not words:
        return None
    match = re.search(r"\s+".join(words), plain)
    return (match.start(), match.end()) if match else None


def recorded_in(source: str, plain: str, claims: Iterable[Claim]) -> tuple[list[Recorded], list[tuple[str, str]]]:
    """The appearances in this article that have a quote, located; and those whose quote is not in it."""
    located: list[Recorded] = []
    unlocated: list[tuple[str, str]] = []
    for claim in claims:
        for appearance in claim.appearances:
            if appearance.source != source or not appearance.quote:
                continue
            span = locate(plain, appearance.quote)
            if span is None:
                unlocated.append((claim.id, appearance.quote))
            else:
                located.append(Recorded(claim.id, appearance.quote, *span))
    return located, unlocated


def score_article(
    source: str, plain: str, audited: list[AuditedSentence], claims: Iterable[Claim], reviewed: set[tuple[str, str]]
) -> ArticleScore:
    """Recall and precision of an audit of an article against its recorded appearances."""
    recorded, unlocated = recorded_in(source, plain, claims)
    score = ArticleScore(source, recorded=len(recorded), unlocated=unlocated)

    def overlaps(item: AuditedSentence, rec: Recorded) -> bool:
        return item.sentence.start < rec.end and rec.start < item.sentence.end

    for rec in recorded:
        if any(overlaps(item, rec) and any(m.claim == rec.claim for m in item.matches) for item in audited):
            score.found += 1
        else:
            score.missed.append((rec.claim, squeeze(rec.quote)))
    for item in audited:
        for match in item.matches:
            score.matches += 1
            on_record = any(rec.claim == match.claim and overlaps(item, rec) for rec in recorded)
            if on_record or (squeeze(item.sentence.text), match.claim) in reviewed:
                score.correct += 1
            else:
                score.wrong.append((squeeze(item.sentence.text), match.claim, match.score))
    return score


EVAL_HEADER_LINES = 3


@dataclass(frozen=True)
class Label:
    """A labelled sentence of an evaluation article: its line, the claim it states or disputes, and how."""

    line: int
    claim: str
    stance: Stance
    text: str


@dataclass(frozen=True)
class EvalArticle:
    """One article of the evaluation set: its text (header lines blanked), split and labels."""

    slug: str
    split: str
    text: str
    labels: tuple[Label, ...]


@dataclass
class LabelledScore:
    """Recall, precision and stance accuracy of an audit against blind sentence labels, with counts."""

    name: str
    labelled: int = 0
    found: int = 0
    matches: int = 0
    correct: int = 0
    stance_right: int = 0
    missed: list[tuple[int, str, str]] = field(default_factory=list)
    wrong: list[tuple[int, str, str]] = field(default_factory=list)
    stance_wrong: list[tuple[int, str, str]] = field(default_factory=list)
    ignored: int = 0

    @property
    def recall(self) -> float:
        """Share of labelled (sentence, claim) pairs the audit matched (1.0 when none are labelled)."""
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        """Share of the audit's (sentence, claim) matches that are labelled (1.0 when it matched nothing)."""
        return self.correct / self.matches if self.matches else 1.0

    @property
    def stance_accuracy(self) -> float:
        """Share of correct matches whose asserts/disputes call agrees with the label."""
        return self.stance_right / self.correct if self.correct else 1.0

    def add(self, other: LabelledScore) -> LabelledScore:
        """The two scores pooled."""
        return LabelledScore(
            other.name if not self.name else self.name,
            self.labelled + other.labelled,
            self.found + other.found,
            self.matches + other.matches,
            self.correct + other.correct,
            self.stance_right + other.stance_right,
            self.missed + other.missed,
            self.wrong + other.wrong,
            self.stance_wrong + other.stance_wrong,
            self.ignored + other.ignored,
        )

    def line(self) -> str:
        """One line of figures with their counts."""
        return (
            f"{self.name}: recall {self.found}/{self.labelled} = {self.recall:.2f}, precision "
            f"{self.correct}/{self.matches} = {self.precision:.2f}, stance {self.stance_right}/{self.correct} = "
            f"{self.stance_accuracy:.2f}"
        )


def load_eval_set(folder: Path) -> list[EvalArticle]:
    """The evaluation articles of folder (manifest.yaml, articles/, labels/), in the manifest's order."""
    manifest = yaml.safe_load((folder / "manifest.yaml").read_text(encoding="utf-8"))
    out = []
    for entry in manifest["articles"]:
        slug = entry["slug"]
        lines = (folder / "articles" / f"{slug}.txt").read_text(encoding="utf-8").split("\n")
        # The header lines are blanked, not dropped, so line numbers stay those of the labels.
        text = "\n" * EVAL_HEADER_LINES + "\n".join(lines[EVAL_HEADER_LINES:])
        labelled = yaml.safe_load((folder / "labels" / f"{slug}.yaml").read_text(encoding="utf-8"))
        labels = tuple(
            Label(item["line"], item["claim"], item["stance"], item["text"]) for item in labelled.get("sentences") or ()
        )
        out.append(EvalArticle(slug, entry["split"], text, labels))
    return out


def score_labelled(
    name: str, audited: list[AuditedSentence], labels: Iterable[Label], claim_ids: set[str]
) -> LabelledScore:
    """Recall, precision and stance accuracy of an audit against labels, by (line, claim).

    Matches to claims outside claim_ids (those the labels were made against) are not counted
    either way; their number is kept in `ignored`.
    """
    wanted = {(label.line, label.claim): label for label in labels if label.claim in claim_ids}
    made: dict[tuple[int, str], tuple[str, str]] = {}
    score = LabelledScore(name, labelled=len(wanted))
    for item in audited:
        for match in item.matches:
            if match.claim not in claim_ids:
                score.ignored += 1
                continue
            made.setdefault((item.sentence.line, match.claim), (match.stance, item.sentence.text))
    for key, label in wanted.items():
        if key in made:
            score.found += 1
        else:
            score.missed.append((label.line, label.claim, label.text))
    for (line, claim), (stance, text) in made.items():
        score.matches += 1
        found_label = wanted.get((line, claim))
        if found_label is None:
            score.wrong.append((line, claim, text))
            continue
        score.correct += 1
        if found_label.stance == stance:
            score.stance_right += 1
        else:
            score.stance_wrong.append((line, claim, f"{stance} (label: {found_label.stance}): {text}"))
    return score
