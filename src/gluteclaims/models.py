"""The record model: one claim or one source per YAML file, the file name is the id."""

from __future__ import annotations

import datetime
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

SourceKind = Literal[
    "meta-analysis",
    "systematic-review",
    "randomised-trial",
    "crossover",
    "cohort",
    "case-control",
    "cross-sectional",
    "case-series",
    "narrative-review",
    "expert-opinion",
    "book",
    "thesis",
    "popular-article",
]
SOURCE_KINDS: tuple[str, ...] = SourceKind.__args__

Outcome = Literal[
    "emg",
    "hypertrophy",
    "strength",
    "power",
    "performance",
    "pain",
    "disability",
    "injury",
    "function",
    "posture",
    "range-of-motion",
    "motor-control",
    "body-composition",
    "muscle-damage",
    "protein-synthesis",
    "nerve-function",
    "cardiometabolic",
    "beliefs",
    "kinematics",
    "other",
]
OUTCOMES: tuple[str, ...] = Outcome.__args__

Stance = Literal["supports", "refutes", "mixed", "no-clear-effect"]
STANCES: tuple[str, ...] = Stance.__args__

TrainingStatus = Literal["untrained", "recreational", "trained", "athletes", "clinical", "mixed", "not-reported"]
Sex = Literal["male", "female", "mixed", "not-reported"]
VerificationStatus = Literal["confirmed", "partly-confirmed", "failed"]
FailureKind = Literal["not-found", "mis-cited"]
IntegrityFlagKind = Literal["retraction", "expression-of-concern", "data-integrity-concern"]
AppearancePosition = Literal["asserts", "disputes"]
RelationType = Literal["contradicts", "depends-on", "refines"]
PopulationMatch = Literal["direct", "indirect"]
EffectSize = Literal["large", "very-large"]
PrimaryDesign = Literal["randomised-trial", "crossover", "cohort", "case-control", "cross-sectional", "case-series"]


class Record(BaseModel):
    """Shared configuration: unknown fields are errors and records are immutable values."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Identifiers(Record):
    """How to find the source; at least one identifier is required."""

    doi: Optional[str] = Field(None, description="Digital Object Identifier without the https://doi.org/ prefix, e.g. 10.1123/jab.2014-0301.", pattern=r"^10\.\d{4,9}/\S+$")
    pmid: Optional[str] = Field(None, description="PubMed identifier, digits only, quoted so YAML keeps it a string.", pattern=r"^\d{1,9}$")
    pmcid: Optional[str] = Field(None, description="PubMed Central identifier, e.g. PMC3823723.", pattern=r"^PMC\d+$")
    isbn: Optional[str] = Field(None, description="ISBN of a book, digits and hyphens.", pattern=r"^[0-9Xx-]{10,17}$")
    url: Optional[str] = Field(None, description="A web address where the source (or, for a failed citation, the citing text) can be read.", pattern=r"^https?://\S+$")

    def any(self) -> bool:
        """True when at least one identifier is set."""
        return any((self.doi, self.pmid, self.pmcid, self.isbn, self.url))


class Population(Record):
    """Who was studied."""

    description: str = Field(description="Who the participants were, in plain words, e.g. 'resistance-trained women'.")
    training_status: TrainingStatus = Field("not-reported", description="Training background of the participants.")
    sex: Sex = Field("not-reported", description="Sex of the participants.")
    age: Optional[str] = Field(None, description="Age as reported, e.g. '24.1 ± 3.2 years' or '18-35 years'.")


class SampleSize(Record):
    """How many were studied; for reviews, how many studies and the participants they pooled."""

    participants: Optional[int] = Field(None, ge=0, description="Number of participants analysed (for reviews: in all included studies, where reported).")
    studies: Optional[int] = Field(None, ge=0, description="For reviews and meta-analyses: the number of included studies.")
    note: Optional[str] = Field(None, description="Groups, drop-outs or other detail, e.g. '10 with LBP, 10 controls'.")


class Verification(Record):
    """Whether the bibliographic facts and findings were seen on a real page."""

    status: VerificationStatus = Field(description="confirmed: every field seen on a real page; partly-confirmed: see `unconfirmed`; failed: the citation could not be found or is mis-cited.")
    checked: list[str] = Field(default_factory=list, description="Addresses of the pages (PubMed, PMC, publisher) where the facts were seen.")
    unconfirmed: list[str] = Field(default_factory=list, description="Names of fields that were not seen on any page (e.g. 'authors', 'sample.participants'); required when partly confirmed.")
    failure: Optional[FailureKind] = Field(None, description="For failed verification: not-found (no such study could be located) or mis-cited (real study, wrong details).")
    cited_as: Optional[str] = Field(None, description="For failed verification: how the popular article cited it, quoted briefly.")
    found_instead: Optional[str] = Field(None, description="For failed verification: what was found instead, if anything.")
    resolved_to: Optional[str] = Field(None, description="For failed verification: the id of the source the citation most probably meant, if one exists in the knowledge base.")
    note: Optional[str] = Field(None, description="How the verification was done, or what is still open.")


class IntegrityFlag(Record):
    """A reason to trust a source less than its design alone suggests."""

    flag: IntegrityFlagKind = Field(description="retraction, expression-of-concern or data-integrity-concern.")
    note: str = Field(description="What was flagged, by whom, and where it was seen.")
    url: Optional[str] = Field(None, description="Where the notice or concern can be read.", pattern=r"^https?://\S+$")


class Source(Record):
    """A study, review, book, thesis or popular article."""

    id: str = Field(description="Identifier, the same as the file name without .yaml, e.g. contreras-2015.", pattern=ID_PATTERN)
    kind: SourceKind = Field(description="Study design or kind of publication; it sets the starting certainty when grading.")
    title: str = Field(min_length=1, description="Title as published (for a failed citation: as cited).")
    authors: list[str] = Field(default_factory=list, description="Authors in published order, each as 'Family, Given' (e.g. 'Contreras, Bret'); empty when unknown, with 'authors' listed as unconfirmed.")
    year: Optional[int] = Field(None, ge=1800, description="Year of publication.")
    venue: Optional[str] = Field(None, description="Journal, publisher or website.")
    volume: Optional[str] = Field(None, description="Journal volume.")
    issue: Optional[str] = Field(None, description="Journal issue.")
    pages: Optional[str] = Field(None, description="Page range or article number.")
    identifiers: Identifiers = Field(description="DOI, PMID, PMCID, ISBN and URL; at least one, unless 'identifiers' is listed as unconfirmed.")
    population: Optional[Population] = Field(None, description="Who was studied (not needed for books, opinion and popular articles).")
    sample: Optional[SampleSize] = Field(None, description="Sample size; for reviews, the number of studies and participants.")
    outcomes: list[Outcome] = Field(default_factory=list, description="Outcomes the source measured.")
    findings: Optional[str] = Field(None, description="What it found, in our own words, with its numbers.")
    verification: Verification = Field(description="Whether the facts in this record were seen on a real page.")
    integrity: list[IntegrityFlag] = Field(default_factory=list, description="Retractions, expressions of concern, data-integrity concerns.")
    pooled_design: Optional[PrimaryDesign] = Field(None, description="For systematic reviews and meta-analyses: the design of most of the studies pooled (e.g. randomised-trial, crossover, case-control). It sets the review's starting certainty; when empty, the review starts at moderate.")
    includes: list[str] = Field(default_factory=list, description="For reviews: ids of included primary studies that are also in the knowledge base (used to detect double counting).")
    notes: Optional[str] = Field(None, description="Anything else a reader should know: limitations, funding, how it is cited.")

    @field_validator("year")
    @classmethod
    def _not_in_future(cls, year: Optional[int]) -> Optional[int]:
        if year is not None and year > datetime.date.today().year:
            raise ValueError(f"year {year} is in the future")
        return year

    @property
    def is_popular(self) -> bool:
        """Popular articles assert claims but are never evidence."""
        return self.kind == "popular-article"

    @property
    def counts_as_evidence(self) -> bool:
        """A failed citation or a popular article counts for nothing when grading."""
        return not self.is_popular and self.verification.status != "failed"


class EvidenceLink(Record):
    """What one source says about one claim."""

    source: str = Field(description="Id of the source.", pattern=ID_PATTERN)
    stance: Stance = Field(description="supports, refutes, mixed or no-clear-effect, for this claim.")
    outcome: Outcome = Field(description="The outcome the source measured (it may differ from the claim's: that is indirect evidence).")
    population_match: PopulationMatch = Field("direct", description="indirect when the source studied a different population from the one the claim is about.")
    effect_size: Optional[EffectSize] = Field(None, description="Only when the source reports a large effect on this outcome: large (e.g. standardised mean difference above 0.8, or risk ratio above 2 or below 0.5) or very-large (risk ratio above 5 or below 0.2). It can rate certainty up.")
    finding: str = Field(min_length=1, description="What the source found that bears on this claim, in our own words.")
    locator: Optional[str] = Field(None, description="Where in the source, e.g. 'Abstract, Results' or 'Table 2'.")


class Appearance(Record):
    """Where a popular article asserts or disputes the claim."""

    source: str = Field(description="Id of the popular-article source.", pattern=ID_PATTERN)
    position: AppearancePosition = Field(description="asserts or disputes.")
    locator: str = Field(min_length=1, description="Where in the article, e.g. 'paragraph 3' or a heading.")
    quote: Optional[str] = Field(None, description="The sentence that makes the claim, quoted briefly.")


class Relation(Record):
    """How this claim stands to another claim."""

    claim: str = Field(description="Id of the other claim.", pattern=ID_PATTERN)
    type: RelationType = Field(description="contradicts; depends-on (the other claim is this one's mechanism); refines (this claim is a narrower version of the other).")
    note: Optional[str] = Field(None, description="Why the two are related.")


class Claim(Record):
    """One falsifiable statement, with its evidence and where it is made."""

    id: str = Field(description="Identifier, the same as the file name without .yaml, e.g. glute-amnesia-from-sitting.", pattern=ID_PATTERN)
    statement: str = Field(min_length=1, description="The claim, stated precisely enough to test.")
    summary: str = Field(min_length=1, description="What the evidence says, in plain language for a trainer.")
    aliases: list[str] = Field(default_factory=list, description="How people actually say it, e.g. 'dead butt syndrome'.")
    topics: list[str] = Field(default_factory=list, description="Topic tags for browsing, lower-case, e.g. 'sitting', 'hip-thrust'.")
    outcome: Outcome = Field(description="The outcome the claim is about.")
    population: str = Field(min_length=1, description="The population the claim is about, e.g. 'healthy adults who sit for long periods'.")
    evidence: list[EvidenceLink] = Field(default_factory=list, description="Sources that bear on the claim, each with its stance.")
    no_evidence_note: Optional[str] = Field(None, description="When no direct evidence was found: what was searched, where and when.")
    appearances: list[Appearance] = Field(default_factory=list, description="Popular articles that assert or dispute the claim.")
    relations: list[Relation] = Field(default_factory=list, description="Relations to other claims.")
    notes: Optional[str] = Field(None, description="Anything else an editor should know.")


RECORD_TYPES: dict[str, type[Record]] = {"claims": Claim, "sources": Source}
