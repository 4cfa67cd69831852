"""The audit on real articles nobody tuned it on: blind labels, dev and held-out halves, floors.

tests/fixtures/audit_eval holds 20 popular articles, every sentence labelled before any matcher
ran. The labels refer to the 55 claims that existed when they were made (CLAIMS_AT_LABELLING);
matches to claims added since are not counted either way. Held-out figures here are floors under
the single measurement of each design recorded in benchmarks/README.md, never a tuning signal.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gluteclaims.audit.matcher import audit_text, build_matcher, score_sentence
from gluteclaims.audit.score import LabelledScore, load_eval_set, score_labelled
from gluteclaims.kb.load import load_knowledge_base
from tests.conftest import REPO

EVAL_SET = Path(__file__).parent / "fixtures" / "audit_eval"
# `git ls-tree --name-only 4a01f03 claims/`: the claims the labels were made against.
CLAIMS_AT_LABELLING = frozenset(
    [
        "activation-drills-alone-do-not-grow-glutes",
        "activation-drills-before-loading-a-hinge",
        "arthrogenic-inhibition-mainly-affects-quadriceps",
        "back-pain-different-recruitment-not-silent-glutes",
        "back-pain-means-inhibited-glutes",
        "breaking-up-sitting-protects",
        "cardio-before-leg-training-blunts-power",
        "deep-squat-more-glute-activation-than-partial-squat",
        "deep-squat-more-glute-growth-than-partial-squat",
        "dehydrated-fascia-reduces-muscle-recruitment",
        "drinking-water-keeps-fascia-supple",
        "eccentric-phase-causes-most-muscle-damage",
        "foam-rolling-hip-flexors-improves-glute-activation",
        "four-leg-sessions-weekly-cause-overtraining",
        "glute-activation-drills-improve-athletic-performance",
        "glute-activity-higher-with-pain-or-injury",
        "glute-amnesia-from-sitting",
        "glute-inhibition-causes-anterior-pelvic-tilt",
        "glute-inhibition-causes-back-hip-knee-pain",
        "glute-medius-isolation-adds-little-size",
        "glute-medius-training-improves-hip-stability",
        "glute-rehab-three-phases-in-order",
        "gluteal-amnesia-recovery-takes-six-weeks-to-six-months",
        "hamstring-cramp-in-rdl-signals-glute-inhibition",
        "hamstrings-and-lower-back-compensate-for-glutes",
        "heavy-compound-lifts-beat-activation-drills-for-glute-strength",
        "hip-flexors-inhibit-glutes",
        "hip-thrust-more-glute-activation-than-squat",
        "hip-thrust-more-glute-growth-than-squat",
        "ketogenic-diet-impairs-high-intensity-leg-training",
        "knees-forward-in-hinge-means-glutes-asleep",
        "leucine-triggers-muscle-protein-synthesis",
        "lifters-lose-glute-activation-in-hinge-when-fatigued",
        "low-movement-not-sitting-is-the-problem",
        "mild-gluteal-amnesia-improves-in-six-to-eight-weeks",
        "muscle-damage-drives-hypertrophy",
        "no-evidence-glutes-shut-off",
        "progressing-reps-or-load-both-build-muscle",
        "progressive-loading-six-to-eight-weeks-wakes-glutes",
        "progressive-overload-required-for-muscle-growth",
        "protein-0-8-to-1-g-per-lb-needed-for-growth",
        "rdl-lowering-past-hip-travel-adds-no-glute-work",
        "running-shoes-make-squats-unstable",
        "single-leg-exercises-high-glute-activation",
        "sitting-pressure-does-not-impair-superior-gluteal-nerve",
        "slow-eccentric-emphasis-builds-more-muscle",
        "split-squat-forward-lean-more-glute-activation",
        "spot-reduction-does-not-work",
        "sprinting-and-sled-pushing-near-top-for-glute-activation",
        "squats-alone-give-big-quads-and-flat-glutes",
        "targeted-activation-raises-glute-emg-30-to-70-percent",
        "threatening-language-worsens-pain-beliefs",
        "toning-means-building-muscle-and-losing-fat",
        "two-to-three-leg-sessions-weekly-sufficient-for-growth",
        "underperforming-glute-medius-causes-poor-balance",
    ]
)


def measure(matcher, split: str, claim_ids: frozenset[str] = CLAIMS_AT_LABELLING) -> list[LabelledScore]:
    """The score of each article of one half of the evaluation set."""
    return [
        score_labelled(article.slug, audit_text(article.text, matcher, "markdown"), article.labels, set(claim_ids))
        for article in load_eval_set(EVAL_SET)
        if article.split == split
    ]


def pooled(scores: list[LabelledScore], name: str) -> LabelledScore:
    """Several articles' scores as one."""
    total = LabelledScore(name)
    for score in scores:
        total = total.add(score)
    total.name = name
    return total


def labelled_matcher():
    """The matcher built from the claims the labels were made against, as they read now.

    Claims added since would compete for sentences the labels give to the older ones, and
    change how much each idea weighs; leaving them out keeps the figures comparable over time.
    """
    kb, _ = load_knowledge_base(REPO)
    return build_matcher(c for c in kb.claims.values() if c.id in CLAIMS_AT_LABELLING)


@pytest.fixture(scope="module")
def matcher():
    return labelled_matcher()


def test_the_evaluation_set_is_whole_and_split_in_halves():
    articles = load_eval_set(EVAL_SET)
    assert [a.split for a in articles].count("dev") == 10 and [a.split for a in articles].count("heldout") == 10
    assert len(CLAIMS_AT_LABELLING) == 55
    for article in articles:
        lines = article.text.split("\n")
        for label in article.labels:
            assert label.claim in CLAIMS_AT_LABELLING, (article.slug, label.claim)
            assert " ".join(lines[label.line - 1].split()) == " ".join(label.text.split()), (article.slug, label.line)


# Design 3 (issue #17: design 1 with stance read clause by clause and marked Markdown headings never
# matched), measured once on each half on 2026-12-02 and recorded in benchmarks/README.md; every
# figure is at or above design 1's (dev 15/39, 15/59, 15/15; held-out 24/52, 24/68, 18/24). Floors
# sit 0.05 under each figure so that a regression fails; they are not the target (0.8 / 0.8 /
# 0.9 on the held-out half), which this design misses by far.
MEASURED = {
    "dev": (16 / 39, 16 / 58, 16 / 16),
    "heldout": (24 / 52, 24 / 66, 18 / 24),
}


@pytest.mark.parametrize("split", sorted(MEASURED))
def test_figures_on_real_articles_keep_their_floors(matcher, split):
    total = pooled(measure(matcher, split), split)
    recall, precision, stance = MEASURED[split]
    assert total.recall >= recall - 0.05, total.line()
    assert total.precision >= precision - 0.05, total.line()
    assert total.stance_accuracy >= stance - 0.05, total.line()


def test_a_sentence_that_disputes_a_claim_is_told_from_one_that_repeats_it(matcher):
    from gluteclaims.audit.matcher import score_sentence

    said = score_sentence("Sitting makes your glutes forget how to fire.", matcher)
    denied = score_sentence("Sitting does not make your glutes forget how to fire.", matcher)
    doubted = score_sentence("Sitting makes your glutes forget how to fire?", matcher)
    assert [(m.claim, m.stance) for m in said] == [("glute-amnesia-from-sitting", "asserts")]
    assert [(m.claim, m.stance) for m in denied] == [("glute-amnesia-from-sitting", "disputes")]
    assert [(m.claim, m.stance) for m in doubted] == [("glute-amnesia-from-sitting", "disputes")]


@pytest.mark.parametrize(
    ("text", "claim", "stance"),
    [
        # Two clauses that each deny: the opposite idea called a myth, then a negative claim's own wording negated.
        (
            "Spot reduction is a myth: crunches will not burn the fat on your belly.",
            "spot-reduction-does-not-work",
            "asserts",
        ),
        (
            "It is a myth that squats burn butt fat, and ab exercises do not burn belly fat either.",
            "spot-reduction-does-not-work",
            "asserts",
        ),
        ("Your glutes are not switched off: gluteal amnesia is a myth.", "no-evidence-glutes-shut-off", "asserts"),
        (
            "Spot reduction is not a myth: crunches will burn the fat on your belly.",
            "spot-reduction-does-not-work",
            "disputes",
        ),
    ],
)
def test_negations_in_separate_clauses_do_not_cancel_out(matcher, text, claim, stance):
    assert [(m.claim, m.stance) for m in score_sentence(text, matcher)] == [(claim, stance)]


def test_cause_and_effect_keep_their_order(matcher):
    from gluteclaims.audit.matcher import score_sentence

    claims = [m.claim for m in score_sentence("Weak glutes cause back pain.", matcher)]
    assert "glute-inhibition-causes-back-hip-knee-pain" in claims
    assert "back-pain-means-inhibited-glutes" not in claims


@pytest.mark.parametrize(
    "text",
    [
        "Lift your hips off the ground and hold.",
        "Lie on your back, knees bent.",
        "It has a negative health effect.",
        "Tons of people do this.",
        "Stay awake at your desk chair.",
        "https://example.com/sitting-switches-your-glutes-off",
        "Updated March 3, 2024",
    ],
)
def test_other_senses_urls_and_dates_match_nothing(matcher, text):
    audited = audit_text(text, matcher)
    assert [m.claim for a in audited for m in a.matches] == [], text
