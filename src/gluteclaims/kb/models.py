"""The record model: one claim or one source per YAML file, the file name is the id."""

from __future__ import annotations

import datetime
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)

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
OUTCOMES: tuple[str, ...] = get_args(Outcome)

Direction = Literal["favours-claim", "little-or-no-difference", "favours-opposite", "not-reported"]
DIRECTIONS: tuple[str, ...] = get_args(Direction)
ClaimType = Literal["effect", "cause", "association", "mechanism"]
CLAIM_TYPES: tuple[str, ...] = get_args(ClaimType)
ComparisonDesign = Literal["randomised", "non-randomised", "observational", "uncontrolled", "none"]
COMPARISON_DESIGNS: tuple[str, ...] = get_args(ComparisonDesign)
ElementMatch = Literal["direct", "indirect"]
OutcomeMatch = Literal["direct", "indirect", "surrogate", "validated-surrogate"]
Interval = Literal["rules-in", "rules-out", "crosses", "not-reported"]
Certainty = Literal["high", "moderate", "low", "very-low"]
RiskOfBiasRating = Literal["low", "some-concerns", "high"]
ConflictStatus = Literal["none-declared", "declared", "not-reported"]
Domain = Literal[
    "risk-of-bias",
    "inconsistency",
    "indirectness",
    "imprecision",
    "publication-bias",
    "large-effect",
    "dose-response",
    "review-rating",
]
DOMAINS: tuple[str, ...] = get_args(Domain)

TrainingStatus = Literal["untrained", "recreational", "trained", "athletes", "clinical", "mixed", "not-reported"]
Sex = Literal["male", "female", "mixed", "not-reported"]
VerificationStatus = Literal["confirmed", "partly-confirmed", "failed"]
FailureKind = Literal["not-found", "mis-cited"]
IntegrityFlagKind = Literal["retraction", "expression-of-concern", "data-integrity-concern"]
AppearancePosition = Literal["asserts", "disputes"]
RelationType = Literal["contradicts", "depends-on", "refines"]
EffectSize = Literal["large", "very-large"]
PrimaryDesign = Literal["randomised-trial", "crossover", "cohort", "case-control", "cross-sectional", "case-series"]


class Record(BaseModel):
    """Shared configuration: unknown fields are errors and records are immutable values."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Identifiers(Record):
    """How to find the source; at least one identifier is required."""

    doi: str | None = Field(
        None,
        description="Digital Object Identifier without the https://doi.org/ prefix, e.g. 10.1123/jab.2014-0301.",
        pattern=r"^10\.\d{4,9}/\S+$",
    )
    pmid: str | None = Field(
        None, description="PubMed identifier, digits only, quoted so YAML keeps it a string.", pattern=r"^\d{1,9}$"
    )
    pmcid: str | None = Field(None, description="PubMed Central identifier, e.g. PMC3823723.", pattern=r"^PMC\d+$")
    isbn: str | None = Field(None, description="ISBN of a book, digits and hyphens.", pattern=r"^[0-9Xx-]{10,17}$")
    url: str | None = Field(
        None,
        description="A web address where the source (or, for a failed citation, the citing text) can be read.",
        pattern=r"^https?://\S+$",
    )

    def any(self) -> bool:
        """True when at least one identifier is set."""
        return any((self.doi, self.pmid, self.pmcid, self.isbn, self.url))


class Population(Record):
    """Who was studied."""

    description: str = Field(description="Who the participants were, in plain words, e.g. 'resistance-trained women'.")
    training_status: TrainingStatus = Field("not-reported", description="Training background of the participants.")
    sex: Sex = Field("not-reported", description="Sex of the participants.")
    age: str | None = Field(None, description="Age as reported, e.g. '24.1 ± 3.2 years' or '18-35 years'.")


class SampleSize(Record):
    """How many were studied; for reviews, how many studies and the participants they pooled."""

    participants: int | None = Field(
        None,
        ge=0,
        description="Number of participants analysed (for reviews: in all included studies, where reported).",
    )
    studies: int | None = Field(
        None, ge=0, description="For reviews and meta-analyses: the number of included studies."
    )
    note: str | None = Field(None, description="Groups, drop-outs or other detail, e.g. '10 with LBP, 10 controls'.")


class Verification(Record):
    """Whether the bibliographic facts and findings were seen on a real page."""

    status: VerificationStatus = Field(
        description=(
            "confirmed: every field seen on a real page; partly-confirmed: see `unconfirmed`; failed: the "
            "citation could not be found or is mis-cited."
        )
    )
    checked: list[str] = Field(
        default_factory=list, description="Addresses of the pages (PubMed, PMC, publisher) where the facts were seen."
    )
    unconfirmed: list[str] = Field(
        default_factory=list,
        description=(
            "Names of fields that were not seen on any page (e.g. 'authors', 'sample.participants'); required "
            "when partly confirmed."
        ),
    )
    failure: FailureKind | None = Field(
        None,
        description=(
            "For failed verification: not-found (no such study could be located) or mis-cited (real study, wrong "
            "details)."
        ),
    )
    cited_as: str | None = Field(
        None, description="For failed verification: how the popular article cited it, quoted briefly."
    )
    found_instead: str | None = Field(None, description="For failed verification: what was found instead, if anything.")
    resolved_to: str | None = Field(
        None,
        description=(
            "For failed verification: the id of the source the citation most probably meant, if one exists in "
            "the knowledge base."
        ),
    )
    note: str | None = Field(None, description="How the verification was done, or what is still open.")


class IntegrityFlag(Record):
    """A reason to trust a source less than its design alone suggests."""

    flag: IntegrityFlagKind = Field(description="retraction, expression-of-concern or data-integrity-concern.")
    note: str = Field(description="What was flagged, by whom, and where it was seen.")
    url: str | None = Field(None, description="Where the notice or concern can be read.", pattern=r"^https?://\S+$")


class RiskOfBias(Record):
    """How far the source's own methods could have biased its results."""

    rating: RiskOfBiasRating = Field(
        description="low, some-concerns or high, for the results this knowledge base uses."
    )
    tool: str = Field(
        min_length=1,
        description=(
            "How it was judged: 'RoB 2', 'ROBINS-I', 'AMSTAR 2', 'rating given by REVIEW-ID' or 'judged from the "
            "abstract'."
        ),
    )
    reason: str = Field(
        min_length=1,
        description="Why, in a sentence: randomisation, blinding, drop-outs, selective reporting, funding.",
    )


class Conflicts(Record):
    """Conflicts of interest the authors declared."""

    status: ConflictStatus = Field(description="none-declared, declared, or not-reported (no statement seen).")
    note: str | None = Field(None, description="What was declared, e.g. 'first author sells a hip thrust device'.")


class ReviewRating(Record):
    """The certainty a systematic review or meta-analysis gave its own evidence for one outcome."""

    outcome: Outcome = Field(description="The outcome the rating is for.")
    certainty: Certainty = Field(description="high, moderate, low or very-low, as the review rated it.")
    system: str = Field("GRADE", description="The rating system the review used, e.g. GRADE.")
    locator: str | None = Field(
        None, description="Where the rating is given, e.g. 'Abstract, Conclusions' or 'Table 3'."
    )


class Source(Record):
    """A study, review, book, thesis or popular article."""

    id: str = Field(
        description="Identifier, the same as the file name without .yaml, e.g. contreras-2015.", pattern=ID_PATTERN
    )
    kind: SourceKind = Field(
        description="Study design or kind of publication; it sets the starting certainty when grading."
    )
    title: str = Field(min_length=1, description="Title as published (for a failed citation: as cited).")
    authors: list[str] = Field(
        default_factory=list,
        description=(
            "Authors in published order, each as 'Family, Given' (e.g. 'Contreras, Bret'), or an organisation's "
            "name (in braces if it holds a comma, e.g. '{Danish College of General Practitioners, The}'); empty "
            "when unknown, with 'authors' listed as unconfirmed."
        ),
    )
    year: int | None = Field(None, ge=1800, description="Year of publication.")
    venue: str | None = Field(None, description="Journal, publisher or website.")
    volume: str | None = Field(None, description="Journal volume.")
    issue: str | None = Field(None, description="Journal issue.")
    pages: str | None = Field(None, description="Page range or article number.")
    identifiers: Identifiers = Field(
        description="DOI, PMID, PMCID, ISBN and URL; at least one, unless 'identifiers' is listed as unconfirmed."
    )
    population: Population | None = Field(
        None, description="Who was studied (not needed for books, opinion and popular articles)."
    )
    sample: SampleSize | None = Field(
        None, description="Sample size; for reviews, the number of studies and participants."
    )
    outcomes: list[Outcome] = Field(default_factory=list, description="Outcomes the source measured.")
    findings: str | None = Field(None, description="What it found, in our own words, with its numbers.")
    verification: Verification = Field(description="Whether the facts in this record were seen on a real page.")
    integrity: list[IntegrityFlag] = Field(
        default_factory=list, description="Retractions, expressions of concern, data-integrity concerns."
    )
    pooled_design: PrimaryDesign | None = Field(
        None,
        description=(
            "For systematic reviews and meta-analyses: the design of most of the studies pooled (e.g. "
            "randomised-trial, crossover, case-control). It sets the review's starting certainty; when empty, "
            "the review starts at moderate."
        ),
    )
    includes: list[str] = Field(
        default_factory=list,
        description=(
            "For reviews: ids of included primary studies that are also in the knowledge base (used to detect "
            "double counting)."
        ),
    )
    updates: str | None = Field(
        None,
        pattern=ID_PATTERN,
        description="For reviews: id of the earlier review this one updates; only the newer counts when grading.",
    )
    risk_of_bias: RiskOfBias | None = Field(
        None,
        description=(
            "Risk of bias of the results used here (for reviews: of the review's methods and the studies it "
            "pooled); empty when not yet judged."
        ),
    )
    conflicts: Conflicts | None = Field(None, description="Conflicts of interest the authors declared.")
    certainty_ratings: list[ReviewRating] = Field(
        default_factory=list,
        description=(
            "For reviews: the certainty the review gave its own evidence, per outcome; ours cannot be higher "
            "unless the claim says why."
        ),
    )
    notes: str | None = Field(
        None, description="Anything else a reader should know: limitations, funding, how it is cited."
    )

    @field_validator("year")
    @classmethod
    def _not_in_future(cls, year: int | None) -> int | None:
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


class Directness(Record):
    """How directly a study answers the claim's question, element by element (PICO)."""

    population: ElementMatch = Field(
        "direct",
        description="indirect when the study's participants differ in a way that matters from the claim's population.",
    )
    intervention: ElementMatch = Field(
        "direct",
        description=(
            "indirect when the study's intervention or exposure differs from the claim's (e.g. eccentric-only "
            "training for 'slow lowering in normal lifts')."
        ),
    )
    comparator: ElementMatch = Field(
        "direct", description="indirect when the study compared against something other than the claim's comparator."
    )
    outcome: OutcomeMatch = Field(
        "direct",
        description=(
            "direct; surrogate (a stand-in such as EMG for growth, not validated); validated-surrogate; or "
            "indirect (another outcome)."
        ),
    )
    why: str | None = Field(None, description="Why any element is not direct, in a sentence; required when one is not.")

    @property
    def elements_not_direct(self) -> tuple[str, ...]:
        """The PICO elements that are not direct, in order."""
        return tuple(
            name for name in ("population", "intervention", "comparator", "outcome") if getattr(self, name) != "direct"
        )


def _bound(value: float | None) -> str:
    return "not reported" if value is None else f"{value:g}"


class Estimate(Record):
    """An effect estimate as the paper reports it; never computed or invented here."""

    measure: str = Field(
        min_length=1, description="What the number is, e.g. 'SMD', 'mean difference', 'ES difference', 'odds ratio'."
    )
    value: float = Field(description="The point estimate.")
    ci_low: float | None = Field(None, description="Lower bound of the 95% confidence interval, if reported.")
    ci_high: float | None = Field(None, description="Upper bound of the 95% confidence interval, if reported.")
    units: str | None = Field(None, description="Units, if the measure has any, e.g. 'cm', '% of MVIC'.")

    @model_validator(mode="after")
    def _value_inside_interval(self) -> Estimate:
        # A reported interval holds its point estimate; a bound typed in the wrong field or a slipped
        # digit shows up here, where it would otherwise move the imprecision rating unseen.
        low, high = self.ci_low, self.ci_high
        if low is not None and high is not None and low > high:
            raise ValueError(f"ci_low {low:g} is above ci_high {high:g}: check the paper's interval")
        if (low is not None and self.value < low) or (high is not None and self.value > high):
            raise ValueError(
                f"value {self.value:g} lies outside its interval ({_bound(low)} to {_bound(high)}): "
                "check the paper's estimate and interval"
            )
        return self


class EvidenceLink(Record):
    """How one source answers one claim's question."""

    source: str = Field(description="Id of the source.", pattern=ID_PATTERN)
    outcome: Outcome = Field(description="The outcome the source measured for this comparison.")
    design: ComparisonDesign | None = Field(
        None,
        description=(
            "The design of the comparison this source makes for this claim: randomised (parallel or crossover "
            "with randomised allocation or order), non-randomised (an intervention without randomisation), "
            "observational (cohort, case-control, cross-sectional), uncontrolled (case series, single group), or "
            "none (no comparison: opinion, narrative). Empty when not yet judged: it is then taken from the "
            "source's kind."
        ),
    )
    direction: Direction = Field(
        description=(
            "Which way the result goes for this claim: favours-claim, little-or-no-difference, favours-opposite, "
            "or not-reported."
        )
    )
    directness: Directness = Field(
        default_factory=Directness,
        description="How directly the source answers the claim's question, element by element.",
    )
    estimate: Estimate | None = Field(
        None, description="The effect estimate and its confidence interval, where the paper reports them."
    )
    interval: Interval = Field(
        "not-reported",
        description=(
            "The confidence interval against the claim's important difference: rules-in (wholly beyond it, in "
            "the direction of the result), rules-out (wholly inside it: no important effect), crosses (includes "
            "both), not-reported."
        ),
    )
    participants: int | None = Field(
        None,
        ge=0,
        description=(
            "Participants analysed in this comparison, where it differs from the source's sample (e.g. the two "
            "arms compared in a multi-arm trial)."
        ),
    )
    heterogeneity: float | None = Field(
        None, ge=0, le=100, description="For meta-analyses: I-squared (%) reported for this outcome."
    )
    effect_size: EffectSize | None = Field(
        None,
        description=(
            "Only when the source reports a large effect on this outcome: large (e.g. standardised mean "
            "difference above 0.8, or risk ratio above 2 or below 0.5) or very-large (risk ratio above 5 or "
            "below 0.2). It can rate observational evidence up."
        ),
    )
    dose_response: bool = Field(
        False,
        description=(
            "True when the source reports a dose-response gradient for this outcome. It can rate observational "
            "evidence up."
        ),
    )
    finding: str = Field(min_length=1, description="What the source found that bears on this claim, in our own words.")
    locator: str | None = Field(None, description="Where in the source, e.g. 'Abstract, Results' or 'Table 2'.")

    @property
    def is_direct(self) -> bool:
        """True when every PICO element is direct."""
        return not self.directness.elements_not_direct


class Appearance(Record):
    """Where a popular article asserts or disputes the claim."""

    source: str = Field(description="Id of the popular-article source.", pattern=ID_PATTERN)
    position: AppearancePosition = Field(description="asserts or disputes.")
    locator: str = Field(min_length=1, description="Where in the article, e.g. 'paragraph 3' or a heading.")
    quote: str | None = Field(None, description="The sentence that makes the claim, quoted briefly.")


class Relation(Record):
    """How this claim stands to another claim."""

    claim: str = Field(description="Id of the other claim.", pattern=ID_PATTERN)
    type: RelationType = Field(
        description=(
            "contradicts; depends-on (the other claim is this one's mechanism); refines (this claim is a "
            "narrower version of the other)."
        )
    )
    note: str | None = Field(None, description="Why the two are related.")


class ImportantDifference(Record):
    """The smallest difference in the claim's outcome that would matter to a trainer or patient."""

    threshold: str = Field(
        min_length=1,
        description=(
            "In the outcome's units or as a standardised mean difference, e.g. 'SMD 0.2' or '5% more muscle thickness'."
        ),
    )
    reason: str = Field(min_length=1, description="Why that threshold, with its source where there is one.")


class Question(Record):
    """The claim as a question the evidence can answer (PICO), in the words its statement is made of."""

    type: ClaimType = Field(
        description=(
            "effect (of an intervention, or a comparison of two); cause; association (or description); mechanism."
        )
    )
    intervention: str = Field(
        min_length=1,
        description=(
            "Intervention or exposure, as a singular noun phrase that can start a sentence, e.g. 'Hip thrust "
            "training' or 'Prolonged sitting'."
        ),
    )
    comparator: str | None = Field(
        None,
        description="What it is compared with, as a noun phrase, e.g. 'back squat training'; empty when there is none.",
    )
    outcome: str = Field(min_length=1, description="The outcome in plain words, e.g. 'glute growth'.")
    effect: str = Field(
        min_length=1,
        description=(
            "What the claim says results, as a noun phrase that follows 'results in', e.g. 'more glute growth "
            "than back squat training'."
        ),
    )
    opposite: str | None = Field(
        None, description="The opposite result, in the same form, e.g. 'less glute growth than back squat training'."
    )
    important_difference: ImportantDifference | None = Field(
        None, description="The smallest difference that would matter; imprecision is judged against it."
    )


class Judgement(Record):
    """A reviewer's judgement on one GRADE domain, replacing the computed suggestion."""

    domain: Domain = Field(
        description=(
            "risk-of-bias, inconsistency, indirectness, imprecision, publication-bias (rate down, levels -2 to "
            "0), large-effect or dose-response (rate up, 0 to 2), or review-rating (0 to depart from a review's "
            "own rating)."
        )
    )
    levels: int = Field(ge=-2, le=2, description="How many levels the domain moves certainty: -2, -1, 0, 1 or 2.")
    reason: str | None = Field(
        None, description="Why, in a sentence a reader can check; shown on the claim page like a footnote."
    )


class Claim(Record):
    """One falsifiable statement, with its evidence and where it is made."""

    id: str = Field(
        description="Identifier, the same as the file name without .yaml, e.g. glute-amnesia-from-sitting.",
        pattern=ID_PATTERN,
    )
    title: str | None = Field(
        None,
        min_length=1,
        max_length=90,
        description=(
            "The claim as a plain question a person would ask, e.g. 'Does sitting switch your glutes off?' "
            "Expected: the site leads with it (check warns without it)."
        ),
    )
    statement: str = Field(min_length=1, description="The claim, stated precisely enough to test.")
    bottom_line: str | None = Field(
        None,
        min_length=1,
        description=(
            "What to tell a client, in at most 40 plain words, consistent with the grade. Expected: the site "
            "shows it under the verdict (check warns without it)."
        ),
    )
    summary: str = Field(min_length=1, description="What the evidence says, in plain language for a trainer.")
    aliases: list[str] = Field(
        default_factory=list, description="How people actually say it, e.g. 'dead butt syndrome'."
    )
    topics: list[str] = Field(
        default_factory=list, description="Topic tags for browsing, lower-case, e.g. 'sitting', 'hip-thrust'."
    )
    outcome: Outcome = Field(description="The outcome the claim is about.")
    population: str = Field(
        min_length=1, description="The population the claim is about, e.g. 'healthy adults who sit for long periods'."
    )
    question: Question | None = Field(
        None, description="The claim as a question (type, intervention, comparator, outcome, important difference)."
    )
    evidence: list[EvidenceLink] = Field(
        default_factory=list, description="Sources that bear on the claim, each with how it answers the question."
    )
    judgements: list[Judgement] = Field(
        default_factory=list,
        description="Reviewer judgements that replace a domain's computed suggestion, each with its reason.",
    )
    no_evidence_note: str | None = Field(
        None, description="When no direct evidence was found: what was searched, where and when."
    )
    appearances: list[Appearance] = Field(
        default_factory=list, description="Popular articles that assert or dispute the claim."
    )
    relations: list[Relation] = Field(default_factory=list, description="Relations to other claims.")
    notes: str | None = Field(None, description="Anything else an editor should know.")

    @property
    def first_link_per_source(self) -> list[EvidenceLink]:
        """Each source's first evidence link, in order: a source linked again (another outcome) counts once."""
        firsts: dict[str, EvidenceLink] = {}
        for link in self.evidence:
            firsts.setdefault(link.source, link)
        return list(firsts.values())


RECORD_TYPES: dict[str, type[Claim] | type[Source]] = {"claims": Claim, "sources": Source}
