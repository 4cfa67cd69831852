"""The methodology page, written from the rubric's parameters so the page and the code cannot disagree."""

from __future__ import annotations

from gluteclaims.grading.grade import CERTAINTIES, CERTAINTY_LABELS, DESIGN_WORDS, HIGH, RUBRIC, Rubric, clamp_level, levels_in_words, weight_in_words


def methodology_markdown(rubric: Rubric = RUBRIC) -> str:
    """The methodology page, written from the rubric's parameters so the two cannot disagree."""

    def level(n: int) -> str:
        return CERTAINTY_LABELS[CERTAINTIES[clamp_level(n) - 1]]

    starts = "\n".join(f"| {DESIGN_WORDS[kind]} | {level(n)} |" for kind, n in sorted(rubric.start.items(), key=lambda kv: (-kv[1], kv[0])))
    weights = "\n".join(f"| {level(n)} | {rubric.weight(n)} |" for n in range(HIGH, 0, -1))
    return f"""# How claims are graded

Every verdict and certainty on this site is computed from the records by the rules below, in
the spirit of GRADE, the method behind Cochrane's Summary of Findings tables. Nobody types a
grade in: change the evidence and the grade follows. Each grade lists the rules that fired, in
order, with the sources behind each.

## What counts as evidence

- Popular articles never count as evidence. Where they assert or dispute a claim, they are
  listed as not counted.
- Citations that failed verification (no such study could be found, or the study is mis-cited)
  count for nothing and are listed as not counted.
- When a review and a primary study it includes are both cited for one claim, the primary study
  counts only through the review, so no result is counted twice.

## Certainty starts from study design

Certainty has four levels: high, moderate, low and very low.

| design | starting certainty |
|---|---|
{starts}

A systematic review or meta-analysis is only as certain as the studies it pools: it starts at
the level of the design of most of its pooled studies (recorded as `pooled_design`), never above
its own. When that is not recorded, it starts at the level of the best design among its included
studies that are in the knowledge base, or else at {level(rubric.unknown_pooled_design_start)}.

## Each source's own certainty

Each counted source starts at its design's level and is then rated down:

- **Risk of bias**: {levels_in_words(rubric.retraction_penalty)} for a retraction, {levels_in_words(rubric.concern_penalty)} for an
  expression of concern or a data-integrity concern, {levels_in_words(rubric.thesis_penalty)} for an unpublished thesis;
  at most {levels_in_words(rubric.max_bias_penalty)} in all.
- **Indirectness**: {levels_in_words(rubric.outcome_penalty)} when the source measured another outcome than the claim is
  about (for example EMG evidence offered for a muscle-growth claim), {levels_in_words(rubric.population_penalty)} when it
  studied another population; at most {levels_in_words(rubric.max_indirectness_penalty)} in all.

## The verdict

Each counted source weighs according to its own certainty:

| certainty | weight |
|---|---|
{weights}

Sources that support the claim add their weight to its side; sources that refute it or find no
clear effect add theirs to the other side; a source with mixed results adds half its weight to
each. A side wins when its weight is at least {weight_in_words(rubric.dominance)} times the other's: the
claim is then **supported** or **refuted**. Otherwise the evidence is **mixed**. With no counted
evidence the verdict is **insufficient evidence**.

## The certainty of the verdict

The evidence on the winning side (all of it, for a mixed verdict) is the body of evidence. Its
certainty starts from its most certain source, carrying that source's ratings for risk of bias
and indirectness, and is then:

- **rated down for inconsistency**, {levels_in_words(rubric.inconsistency_penalty)}, when evidence as certain as the best points
  the other way or reports mixed results, and always for a mixed verdict;
- **rated down for imprecision**, {levels_in_words(rubric.imprecision_penalty)}, when the sources in the body of evidence that are at
  least as direct as its most certain source add up to fewer than
  {rubric.imprecision_min_studies} studies or fewer than {rubric.imprecision_min_participants} participants, and {levels_in_words(rubric.very_serious_imprecision_penalty)} when it adds up to
  fewer than {rubric.very_serious_participants} participants (a review counts as the number of studies it
  includes; a study whose sample size is not recorded adds no participants; when a review's
  pooled sample is not recorded, only the number of studies is judged);
- **rated up for a large, consistent effect**, {levels_in_words(rubric.large_effect_bonus)} for a large effect and {levels_in_words(rubric.very_large_effect_bonus)} for a very large
  one, only for designs that start below high, and only when the evidence was not rated down for
  risk of bias, inconsistency or imprecision.

Certainty never goes above high or below very low.

## When the answer is "insufficient evidence"

A verdict needs at least {level(rubric.min_verdict_level)} certainty. When the certainty is lower, the verdict is
**insufficient evidence**, and the reasons say which way the evidence leans.

## Contested claims

A claim is reported as contested when each side carries a weight of at least
{rubric.contested_min_weight} (with the weights above: as much as {weight_in_words(rubric.contested_min_weight / rubric.weights[-1])} high-certainty source{'' if rubric.contested_min_weight == rubric.weights[-1] else 's'}).
"""
