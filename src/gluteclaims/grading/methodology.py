"""The methodology page, written from the rubric's parameters so the page and the code cannot disagree."""

from __future__ import annotations

from gluteclaims.grading.grade import RUBRIC, Rubric, clamp_level
from gluteclaims.grading.labels import CERTAINTIES, CERTAINTY_LABELS, VERDICT_LABELS, VERDICT_MEANINGS, VERDICTS


def methodology_markdown(rubric: Rubric = RUBRIC) -> str:
    """The methodology page, written from the rubric's parameters so the two cannot disagree."""

    def level(n: int) -> str:
        return CERTAINTY_LABELS[CERTAINTIES[clamp_level(n) - 1]]

    designs = {
        "randomised": "randomised comparisons (parallel or crossover)",
        "non-randomised": "non-randomised interventions",
        "observational": "observational comparisons (cohort, case-control, cross-sectional)",
        "uncontrolled": "uncontrolled studies (case series)",
        "unjudged": "design not yet judged (e.g. a crossover whose order may not be randomised)",
    }
    starts = "\n".join(
        f"| {designs[d]} | {level(n)} |" for d, n in sorted(rubric.starts.items(), key=lambda kv: -kv[1])
    )
    verdicts = "\n".join(f"| {VERDICT_LABELS[v]} | {VERDICT_MEANINGS[v]} |" for v in VERDICTS)
    return f"""# How claims are graded

Every grade on this site is computed from the records, the way GRADE rates the certainty of a
body of evidence (the method behind Cochrane's Summary of Findings tables), and stated the way
Cochrane states results. Nobody types a grade in; a reviewer can record a judgement on one
domain, with its reason, and the page shows it like a footnote.

## A claim is a question

Each claim records its question: the type (effect of an intervention or a comparison, cause,
association, mechanism), the population, the intervention or exposure, the comparator, the
outcome, and the smallest difference in that outcome that would matter, with the reason for it.
Each study linked to the claim says how it answers that question: the design of the comparison
it makes for this claim, the direction of its result, the estimate and confidence interval
where the paper reports them, whether the interval rules an important difference in or out, and
how directly each element of the question (population, intervention, comparator, outcome) is
answered. An outcome that stands in for another (muscle activity for growth) is a surrogate.

## The body of evidence

- Popular articles, citations that failed verification and retracted studies never count.
- Expert opinion, books and narrative reviews make no comparison of their own: they are context.
- A study included in a counted review counts through the review; a review updated by a
  counted review, or overlapping a newer one, is context. Evidence is counted once.
- When any study answers the question directly, only direct evidence counts, and indirect
  evidence (another population, intervention, comparator or a surrogate outcome) is context.
  Only when nothing direct exists does indirect evidence count, rated down.
- Results whose direction is not reported are context. Of the rest, the design that starts at
  the highest certainty forms the body (randomised before observational evidence).

## Direction, never significance

A study's result is counted by the direction of its estimate (favours the claim, little or no
difference, favours the opposite), as SWiM allows when results cannot be pooled, never by whether
it was statistically significant: a small study that found "no significant difference" is not
evidence of no effect. Directions are weighed by participants. When at least
{rubric.consensus_share:.0%} point one way, that is the body's direction; when results favouring the claim
and favouring the opposite each hold at least {rubric.conflict_share:.0%}, the evidence is conflicting.

## Certainty

The body starts from its design:

| body of | starts at |
| --- | --- |
{starts}

For questions of association, well-done observational studies start at
{level(rubric.association_observational_start)}, as GRADE does for prognosis.

Then it is rated down, one or two levels per domain:

- **Risk of bias**: each study's risk of bias (low, some concerns, high; data-integrity concerns
  count as high; a study not yet assessed counts as some concerns), weighed by participants.
  A mean of {rubric.serious_rob:g} or more (1 is all high) rates down one level,
  {rubric.very_serious_rob:g} or more two.
- **Inconsistency**: precise results that disagree in direction, results favouring and opposing
  the claim in strength, or a review reporting I² of {rubric.serious_heterogeneity:g}% or more. One study with mixed
  results is never inconsistency.
- **Indirectness**: only when the body is indirect: one level for one indirect element or a
  validated surrogate, two for an unvalidated surrogate or two or more indirect elements.
- **Imprecision**: where intervals are reported, rated down when every interval crosses the
  important difference (two levels below {rubric.very_small_body} participants), or one level when the intervals
  are clear but the body is below the optimal information size of {rubric.optimal_information_size} participants.
  Without intervals: one level below {rubric.optimal_information_size} participants, two below {rubric.very_small_body}.
  A review counts once, with its pooled number; a multi-arm trial with the arms compared.
- **Publication bias**: only by a reviewer's recorded judgement.

An observational body with nothing rated down can be rated up for a large effect (one level,
two for a very large one) or a dose-response gradient. A review's own certainty rating for
the outcome caps ours unless a reviewer records why we differ.

## The verdict, in words

| verdict | meaning |
| --- | --- |
{verdicts}

Very low certainty is always "uncertain". "Little or no difference" needs evidence precise
enough to rule out an important effect; without it, the verdict is "uncertain", said as "may
result in little or no difference ..., but the studies could not rule out an important effect".
The statement on each claim page follows GRADE's informative statements (Santesso et al. 2020,
J Clin Epidemiol 119:126-135): high certainty "results in", moderate "probably results in",
low "may result in", very low "the evidence is very uncertain".

## Anchors

- Schünemann H, et al. GRADE Handbook (2013); Cochrane Handbook for Systematic Reviews of
  Interventions, chapters 12 (synthesising without meta-analysis) and 14 (Summary of Findings).
- Campbell M, et al. Synthesis without meta-analysis (SWiM) in systematic reviews: reporting
  guideline. BMJ 2020;368:l6890.
- Santesso N, et al. GRADE guidelines 26: informative statements to communicate the findings of
  systematic reviews of interventions. J Clin Epidemiol 2020;119:126-135.
"""
