"""GRADE, one rule at a time, on small knowledge bases built in memory; then the real one."""

from __future__ import annotations

import dataclasses
import json

import pytest

from gluteclaims.grading.grade import RUBRIC, Rubric, grade_all, grade_claim
from gluteclaims.grading.methodology import methodology_markdown
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.load import load_knowledge_base
from gluteclaims.kb.models import Claim, Source
from tests.conftest import REPO, claim, source

QUESTION = {
    "type": "effect",
    "intervention": "Hip thrust training",
    "comparator": "back squat training",
    "outcome": "glute growth",
    "effect": "more glute growth than back squat training",
    "opposite": "less glute growth than back squat training",
    "important_difference": {"threshold": "SMD 0.2", "reason": "A small standardised effect."},
}


def kb_of(*records: dict) -> KnowledgeBase:
    """A knowledge base from record dicts: those with a statement are claims."""
    kb = KnowledgeBase()
    for record in records:
        if "statement" in record:
            kb.claims[record["id"]] = Claim.model_validate(record)
        else:
            kb.sources[record["id"]] = Source.model_validate(record)
    return kb


def link(source_id: str, direction: str = "favours-claim", outcome: str = "hypertrophy", **extra) -> dict:
    extra.setdefault("design", "randomised")
    return {"source": source_id, "outcome": outcome, "direction": direction, "finding": "What it found.", **extra}


def study(source_id: str, participants: int | None = 200, rob: str | None = "low", **overrides) -> dict:
    overrides.setdefault("sample", {"participants": participants} if participants is not None else None)
    if rob:
        overrides.setdefault("risk_of_bias", {"rating": rob, "tool": "RoB 2", "reason": "As the test needs."})
    return source(source_id, **overrides)


def popular(source_id: str) -> dict:
    return source(source_id, kind="popular-article", population=None, sample=None, outcomes=[])


def failed(source_id: str, **verification) -> dict:
    return source(source_id, verification={"status": "failed", "failure": "not-found", **verification})


def grade(*records: dict, links=(), rubric: Rubric = RUBRIC, **claim_fields):
    """Grade claim 'c' (the hip thrust question unless told otherwise) with the given links."""
    claim_fields.setdefault("question", QUESTION)
    kb = kb_of(*records, claim("c", evidence=list(links), **claim_fields))
    return grade_claim(kb.claims["c"], kb, rubric)


def ratings(g) -> dict[str, int]:
    return {r.domain: r.levels for r in g.ratings}


def two_big_trials(
    direction: str = "favours-claim", interval: str = "rules-in", **link_fields
) -> tuple[list[dict], list[dict]]:
    """Two large, low-risk randomised trials (200 each) agreeing on one direction: nothing to rate down."""
    sources = [study(f"s{i}-2020") for i in range(2)]
    return sources, [link(s["id"], direction, interval=interval, **link_fields) for s in sources]


# The statement and the labels


def test_large_precise_low_risk_trials_give_high_certainty_and_a_plain_statement() -> None:
    g = grade(*two_big_trials()[0], links=two_big_trials()[1])
    assert (g.verdict, g.certainty) == ("supported", "high")
    assert g.statement == "Hip thrust training results in more glute growth than back squat training (high certainty)."
    assert ratings(g) == {
        "risk-of-bias": 0,
        "inconsistency": 0,
        "indirectness": 0,
        "imprecision": 0,
        "publication-bias": 0,
        "large-effect": 0,
        "dose-response": 0,
    }


def test_precise_null_results_say_little_or_no_difference_the_way_cochrane_does() -> None:
    sources, links = two_big_trials("little-or-no-difference", "rules-out")
    g = grade(*sources, links=links)
    assert (g.verdict, g.certainty) == ("little-or-no-difference", "high")
    assert g.statement == (
        "Hip thrust training results in little or no difference in glute growth compared with back squat "
        "training (high certainty)."
    )


def test_moderate_and_low_certainty_say_probably_and_may() -> None:
    sources = [study("big-2020", participants=300, rob="high"), study("small-2020", participants=100)]
    links = [link(s["id"], interval="rules-in") for s in sources]
    assert (
        grade(*sources, links=links).statement
        == "Hip thrust training probably results in more glute growth than back squat training (moderate certainty)."
    )
    links = [link(s["id"], interval="crosses") for s in sources]
    assert (
        grade(*sources, links=links).statement
        == "Hip thrust training may result in more glute growth than back squat training (low certainty)."
    )


def test_nothing_that_answers_the_question_is_not_studied_without_a_certainty() -> None:
    g = grade(
        popular("blog"),
        failed("ghost-2020"),
        links=[link("ghost-2020")],
        appearances=[{"source": "blog", "position": "asserts", "locator": "p 1"}],
    )
    assert (g.verdict, g.certainty) == ("not-studied", None)
    assert g.summary == "not studied"
    assert g.statement == (
        "No study in the knowledge base answers whether hip thrust training results in more glute growth "
        "than back squat training."
    )
    assert dict(g.excluded) == {
        "ghost-2020": "citation failed verification: no such study could be found",
        "blog": "popular article that asserts the claim: never evidence",
    }


def test_very_low_certainty_is_uncertain_whatever_the_direction() -> None:
    g = grade(study("a-2020", participants=20, rob="high"), links=[link("a-2020", design="observational")])
    assert (g.verdict, g.certainty) == ("uncertain", "very-low")
    assert g.statement == (
        "The evidence is very uncertain about whether hip thrust training results in more glute growth than "
        "back squat training (very low certainty)."
    )


# Significance is not evidence: direction, intervals, imprecision


def test_a_small_null_study_whose_interval_includes_an_important_effect_is_not_evidence_of_no_effect() -> None:
    g = grade(
        study("small-2020", participants=30), links=[link("small-2020", "little-or-no-difference", interval="crosses")]
    )
    assert g.verdict == "uncertain"
    assert ratings(g)["imprecision"] == -2
    assert g.certainty == "low"
    assert "could not rule out an important effect" in g.statement


def test_null_results_without_intervals_need_the_optimal_information_size() -> None:
    sources = [study(f"s{i}-2020", participants=150) for i in range(2)]
    g = grade(*sources, links=[link(s["id"], "little-or-no-difference") for s in sources])
    assert (g.verdict, ratings(g)["imprecision"]) == ("uncertain", -1)
    sources = [study(f"s{i}-2020", participants=250) for i in range(2)]
    g = grade(*sources, links=[link(s["id"], "little-or-no-difference") for s in sources])
    assert (g.verdict, g.certainty, ratings(g)["imprecision"]) == ("little-or-no-difference", "high", 0)


def test_non_significant_estimates_favouring_the_claim_count_by_their_direction() -> None:
    # The eccentric-training case: point estimates favour the claim, every interval crosses.
    sources = [study("ma-2020", participants=600), study("ma-2017", participants=400)]
    g = grade(
        *sources,
        links=[
            link(
                "ma-2020",
                interval="crosses",
                estimate={"measure": "SMD", "value": 0.285, "ci_low": -0.131, "ci_high": 0.701},
            ),
            link("ma-2017", interval="crosses"),
        ],
    )
    assert g.verdict == "supported"
    assert (ratings(g)["imprecision"], g.certainty) == (-1, "moderate")


def test_clear_intervals_below_the_optimal_information_size_rate_down_one_level() -> None:
    g = grade(study("a-2020", participants=120), links=[link("a-2020", interval="rules-in")])
    assert (ratings(g)["imprecision"], g.certainty) == (-1, "moderate")


# The body of evidence: direct before indirect, surrogates, designs


def test_direct_evidence_makes_surrogates_and_other_questions_context() -> None:
    sources, links = two_big_trials()
    emg = study("emg-2015", kind="crossover")
    emg_link = link(
        "emg-2015", "favours-opposite", outcome="emg", directness={"outcome": "surrogate", "why": "EMG is not growth."}
    )
    g = grade(*sources, emg, links=[*links, emg_link])
    assert g.counted == ("s0-2020", "s1-2020")
    assert g.not_counted["emg-2015"] == "indirect outcome (surrogate): EMG is not growth.; direct evidence exists"
    assert g.verdict == "supported" and ratings(g)["inconsistency"] == 0


def test_without_direct_evidence_a_surrogate_counts_rated_down_two_levels() -> None:
    emg = [study(f"emg-{i}", kind="crossover") for i in range(2)]
    links = [
        link(
            s["id"],
            outcome="emg",
            interval="rules-in",
            directness={"outcome": "surrogate", "why": "EMG is not growth."},
        )
        for s in emg
    ]
    g = grade(*emg, links=links)
    assert (ratings(g)["indirectness"], g.certainty, g.verdict) == (-2, "low", "supported")


def test_one_indirect_element_rates_down_one_level() -> None:
    sources, links = two_big_trials(directness={"intervention": "indirect", "why": "Eccentric-only training."})
    g = grade(*sources, links=links)
    assert (ratings(g)["indirectness"], g.certainty) == (-1, "moderate")


def test_a_direct_study_without_a_reported_direction_leaves_the_indirect_evidence_counted() -> None:
    silent = study("silent-2020")
    indirect = study("strength-2019")
    links = [
        link("silent-2020", "not-reported"),
        link("strength-2019", "little-or-no-difference", directness={"intervention": "indirect", "why": "Strength."}),
    ]
    g = grade(silent, indirect, links=links)
    assert g.counted == ("strength-2019",)
    assert g.not_counted["silent-2020"] == "the direction of its result for this question is not reported"
    assert ratings(g)["indirectness"] == -1


def test_randomised_evidence_is_the_body_and_observational_evidence_is_context() -> None:
    sources, links = two_big_trials()
    cohort = study("cohort-2019", kind="cohort")
    g = grade(*sources, cohort, links=[*links, link("cohort-2019", "favours-opposite", design="observational")])
    assert "cohort-2019" not in g.counted
    assert g.not_counted["cohort-2019"] == "a observational comparison, where evidence of a stronger design exists"


def test_an_observational_body_starts_low_but_high_for_an_association_question() -> None:
    sources = [study(f"c{i}-2020", kind="cross-sectional") for i in range(2)]
    links = [link(s["id"], design="observational", interval="rules-in") for s in sources]
    assert grade(*sources, links=links).certainty == "low"
    association = {
        **QUESTION,
        "type": "association",
        "intervention": "Low back pain",
        "effect": "lower glute activation",
    }
    g = grade(*sources, links=links, question=association)
    assert g.certainty == "high"
    assert g.statement == "Low back pain is associated with lower glute activation (high certainty)."


def test_opinion_books_and_narrative_reviews_never_count() -> None:
    g = grade(study("book-2000", kind="book", participants=None), links=[link("book-2000", design=None)])
    assert g.verdict == "not-studied"
    assert g.not_counted["book-2000"] == "book: no comparison of its own, so context only"


def test_a_design_nobody_judged_starts_between_randomised_and_observational() -> None:
    sources = [study(f"x{i}-2020", kind="crossover") for i in range(2)]
    g = grade(*sources, links=[link(s["id"], design=None, interval="rules-in") for s in sources])
    assert g.certainty == "moderate"


# Counted once


def test_a_study_counts_through_the_review_that_includes_it() -> None:
    review = study("ma-2021", kind="meta-analysis", participants=800, includes=["t-2019"])
    g = grade(
        review, study("t-2019"), links=[link("ma-2021", interval="rules-in"), link("t-2019", interval="rules-in")]
    )
    assert g.counted == ("ma-2021",)
    assert g.not_counted["t-2019"] == "included in review ma-2021, which is counted"


def test_a_review_counts_once_through_its_update() -> None:
    old = study("ma-2017", kind="meta-analysis", participants=300)
    new = study("ma-2025", kind="meta-analysis", participants=700, updates="ma-2017")
    g = grade(old, new, links=[link("ma-2017", interval="rules-in"), link("ma-2025", interval="rules-in")])
    assert g.counted == ("ma-2025",)


def test_a_reviews_own_rating_caps_ours_unless_a_reviewer_says_why() -> None:
    review = study(
        "ma-2025",
        kind="meta-analysis",
        participants=700,
        certainty_ratings=[{"outcome": "hypertrophy", "certainty": "very-low"}],
    )
    g = grade(review, links=[link("ma-2025", interval="rules-in")])
    assert (g.certainty, g.verdict) == ("very-low", "uncertain")
    judged = grade(
        review,
        links=[link("ma-2025", interval="rules-in")],
        judgements=[{"domain": "review-rating", "levels": 0, "reason": "The review rated an older set of trials."}],
    )
    assert judged.certainty == "high"
    # The cap is recorded as a rating in both cases, with what it would have moved.
    assert ratings(g)["review-rating"] == -3
    capped = next(r for r in judged.ratings if r.domain == "review-rating")
    assert (capped.suggested, capped.levels, capped.judged) == (-3, 0, True)


# The other domains


def test_risk_of_bias_weighs_studies_by_participants() -> None:
    sources = [study("big-2020", participants=600, rob="high"), study("small-2020", participants=200, rob="low")]
    g = grade(*sources, links=[link(s["id"], interval="rules-in") for s in sources])
    assert ratings(g)["risk-of-bias"] == -1
    sources = [study("big-2020", participants=200, rob="high"), study("small-2020", participants=600, rob="low")]
    assert ratings(grade(*sources, links=[link(s["id"], interval="rules-in") for s in sources]))["risk-of-bias"] == 0


def test_precise_results_pointing_both_ways_are_conflicting_and_inconsistent() -> None:
    sources = [study("a-2020"), study("b-2020")]
    g = grade(
        *sources, links=[link("a-2020", interval="rules-in"), link("b-2020", "favours-opposite", interval="rules-in")]
    )
    assert (g.verdict, ratings(g)["inconsistency"]) == ("conflicting", -1)
    assert g.statement.startswith("Studies disagree about whether hip thrust training results in more glute growth")


def test_heterogeneity_a_review_reports_is_inconsistency_and_one_mixed_study_is_not() -> None:
    review = study("ma-2025", kind="meta-analysis", participants=700)
    assert ratings(grade(review, links=[link("ma-2025", interval="rules-in", heterogeneity=84)]))["inconsistency"] == -1
    assert ratings(grade(review, links=[link("ma-2025", interval="rules-in", heterogeneity=40)]))["inconsistency"] == 0


def test_only_observational_bodies_with_nothing_rated_down_are_rated_up() -> None:
    sources = [study(f"c{i}-2020", participants=300, kind="cohort") for i in range(2)]
    links = [link(s["id"], design="observational", interval="rules-in", effect_size="large") for s in sources]
    assert (ratings(grade(*sources, links=links))["large-effect"], grade(*sources, links=links).certainty) == (
        1,
        "moderate",
    )
    trials, trial_links = two_big_trials(effect_size="very-large")
    assert ratings(grade(*trials, links=trial_links))["large-effect"] == 0


def test_a_judgement_replaces_the_computed_suggestion_and_carries_its_reason() -> None:
    sources, links = two_big_trials()
    g = grade(
        *sources,
        links=links,
        judgements=[{"domain": "publication-bias", "levels": -1, "reason": "Only positive trials were published."}],
    )
    rating = next(r for r in g.ratings if r.domain == "publication-bias")
    assert (rating.suggested, rating.levels, rating.judged, rating.reason) == (
        0,
        -1,
        True,
        "Only positive trials were published.",
    )
    assert g.certainty == "moderate"
    assert any("judged by a reviewer" in r.sentence and "Only positive trials" in r.sentence for r in g.reasons)


# Plain data and the real knowledge base


def test_to_dict_is_plain_json_data() -> None:
    g = grade(*two_big_trials()[0], links=two_big_trials()[1])
    data = json.loads(json.dumps(g.to_dict()))
    assert (data["verdict"], data["certainty"], data["statement"]) == ("supported", "high", g.statement)
    assert {r["domain"] for r in data["ratings"]} >= {"risk-of-bias", "imprecision"}


def test_grade_all_grades_every_claim_in_id_order() -> None:
    kb = kb_of(claim("b"), claim("a"))
    assert list(grade_all(kb)) == ["a", "b"]


@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    kb, problems = load_knowledge_base(REPO)
    assert [p for p in problems if p.level == "error"] == []
    return kb


def test_no_bundled_verdict_of_little_or_no_difference_rests_on_imprecise_results(bundled: KnowledgeBase) -> None:
    for claim_id, g in grade_all(bundled).items():
        if g.verdict == "little-or-no-difference":
            assert next(r for r in g.ratings if r.domain == "imprecision").levels == 0, claim_id


def test_no_bundled_surrogate_counts_where_direct_evidence_exists(bundled: KnowledgeBase) -> None:
    for claim_id, g in grade_all(bundled).items():
        links = {link.source: link for link in bundled.claims[claim_id].evidence}
        counted = [links[s] for s in g.counted]
        if any(link.is_direct for link in counted):
            assert all(link.is_direct for link in counted), claim_id


def _bookkeeping_cleared(kb: KnowledgeBase, filled: bool) -> KnowledgeBase:
    sources = {}
    for source_id, s in kb.sources.items():
        if s.kind in ("meta-analysis", "systematic-review"):
            s = s.model_copy(
                update={
                    "pooled_design": "randomised-trial" if filled else None,
                    "includes": [] if not filled else s.includes,
                }
            )
        sources[source_id] = s
    return KnowledgeBase(claims=kb.claims, sources=sources, origins=kb.origins, broken=kb.broken)


def test_filling_in_or_clearing_a_reviews_bookkeeping_never_moves_a_certainty_two_levels(
    bundled: KnowledgeBase,
) -> None:
    order = (None, "very-low", "low", "moderate", "high")
    for variant in (_bookkeeping_cleared(bundled, True), _bookkeeping_cleared(bundled, False)):
        before, after = grade_all(bundled), grade_all(variant)
        for claim_id in before:
            moved = abs(order.index(before[claim_id].certainty) - order.index(after[claim_id].certainty))
            assert moved < 2 or None in (before[claim_id].certainty, after[claim_id].certainty), claim_id


def test_every_bundled_claim_is_graded_with_a_statement_and_a_question(bundled: KnowledgeBase) -> None:
    for claim_id, g in grade_all(bundled).items():
        assert bundled.claims[claim_id].question is not None, claim_id
        assert g.statement.endswith(".") and "This claim" not in g.statement, claim_id


# The methodology page


def _changed(rubric: Rubric, name: str) -> Rubric:
    value = getattr(rubric, name)
    if isinstance(value, dict):
        key = next(iter(value))
        return dataclasses.replace(rubric, **{name: {**value, key: value[key] - 1}})
    return dataclasses.replace(
        rubric, **{name: value + 1 if value < 3 else value - 1 if isinstance(value, int) else value / 2}
    )


@pytest.mark.parametrize(
    "name",
    [
        f.name
        for f in dataclasses.fields(Rubric)
        if f.name not in ("rob_scores", "unassessed_rob_score", "large_effect_levels", "judgement_departure_warning")
    ],
)
def test_methodology_page_is_written_from_the_rubric(name: str) -> None:
    assert methodology_markdown(_changed(RUBRIC, name)) != methodology_markdown(RUBRIC)


def test_methodology_page_cites_its_anchors() -> None:
    text = " ".join(methodology_markdown().split())
    for expected in (
        "| randomised comparisons (parallel or crossover) | high |",
        "SWiM",
        "Santesso",
        "BMJ 2020;368:l6890",
        "may result in",
    ):
        assert expected in text
