"""The grading rubric, one rule at a time, on small knowledge bases built in memory."""

from __future__ import annotations

import dataclasses
import json

import pytest

from gluteclaims.grading.grade import CERTAINTIES, CERTAINTY_LABELS, RUBRIC, Rubric, grade_all, grade_claim
from gluteclaims.grading.methodology import methodology_markdown
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.load import load_knowledge_base
from gluteclaims.kb.models import Claim, Source
from tests.conftest import REPO, claim, source


def kb_of(*records: dict) -> KnowledgeBase:
    """A knowledge base from record dicts: those with a statement are claims."""
    kb = KnowledgeBase()
    for record in records:
        if "statement" in record:
            kb.claims[record["id"]] = Claim.model_validate(record)
        else:
            kb.sources[record["id"]] = Source.model_validate(record)
    return kb


def link(source_id: str, stance: str = "supports", outcome: str = "hypertrophy", **extra) -> dict:
    return {"source": source_id, "stance": stance, "outcome": outcome, "finding": "What it found.", **extra}


def study(source_id: str, participants: int | None = 40, **overrides) -> dict:
    overrides.setdefault("sample", {"participants": participants} if participants is not None else None)
    return source(source_id, **overrides)


def popular(source_id: str) -> dict:
    return source(source_id, kind="popular-article", population=None, sample=None, outcomes=[])


def failed(source_id: str, **verification) -> dict:
    return source(source_id, verification={"status": "failed", "failure": "not-found", **verification})


def grade(*records: dict, links=(), appearances=(), **claim_fields):
    """Grade claim 'c' with the given evidence links against the given sources."""
    kb = kb_of(*records, claim("c", evidence=list(links), appearances=list(appearances), **claim_fields))
    return grade_claim(kb.claims["c"], kb)


def rules(g) -> list[tuple[str, int]]:
    return [(r.rule, r.effect) for r in g.reasons]


def reason(g, rule: str):
    return next(r for r in g.reasons if r.rule == rule)


def three(kind: str = "randomised-trial", stance: str = "supports", **overrides) -> tuple[list[dict], list[dict]]:
    """Three studies of one design, 40 participants each: enough to escape imprecision."""
    sources = [study(f"s{i}-2020", kind=kind, **overrides) for i in range(3)]
    return sources, [link(s["id"], stance) for s in sources]


# What counts


def test_no_evidence_is_insufficient_at_very_low_certainty() -> None:
    g = grade()
    assert (g.verdict, g.certainty, rules(g), g.counted, g.excluded) == ("insufficient", "very-low", [("no-evidence", 0)], (), ())


def test_popular_articles_never_count_and_are_listed() -> None:
    sources, links = three()
    g = grade(*sources, popular("blog"), popular("mag"), links=[*links, link("blog")], appearances=[{"source": "mag", "position": "asserts", "locator": "para 2"}])
    assert g.counted == ("s0-2020", "s1-2020", "s2-2020")
    assert [s for s, _ in g.excluded] == ["blog", "mag"]
    assert all("never counted as evidence" in why for _, why in g.excluded)
    assert rules(g)[0] == ("not-counted", 0)
    assert reason(g, "not-counted").sources == ("blog", "mag")


def test_failed_citation_counts_for_nothing() -> None:
    g = grade(failed("ghost-2014", resolved_to=None, cited_as="Ghost et al. 2014"), links=[link("ghost-2014")])
    assert (g.verdict, g.certainty, g.counted) == ("insufficient", "very-low", ())
    assert g.excluded == (("ghost-2014", "citation failed verification: no such study could be found"),)
    assert rules(g) == [("not-counted", 0), ("no-evidence", 0)]


def test_failed_citation_names_the_study_it_probably_meant() -> None:
    g = grade(source("real-2012"), failed("real-2011", failure="mis-cited", resolved_to="real-2012"), links=[link("real-2011")])
    assert g.excluded == (("real-2011", "citation failed verification: the study is mis-cited, probably meaning real-2012"),)


def test_a_study_included_in_a_cited_review_counts_only_through_the_review() -> None:
    g = grade(
        study("p-2018"),
        study("r-2020", kind="meta-analysis", pooled_design="randomised-trial", sample={"studies": 5, "participants": 300}, includes=["p-2018"]),
        links=[link("p-2018"), link("r-2020")],
    )
    assert g.counted == ("r-2020",)
    assert g.excluded == (("p-2018", "included in review r-2020, which is counted"),)
    assert reason(g, "overlap").sources == ("p-2018",)
    assert (g.verdict, g.certainty) == ("supported", "high")


# Starting certainty


@pytest.mark.parametrize(
    ("kind", "certainty"),
    [("randomised-trial", "high"), ("crossover", "moderate"), ("cohort", "low"), ("case-control", "low"), ("cross-sectional", "low")],
)
def test_certainty_starts_from_study_design(kind: str, certainty: str) -> None:
    sources, links = three(kind)
    g = grade(*sources, links=links)
    assert (g.verdict, g.certainty) == ("supported", certainty)
    assert rules(g) == [("balance", 0), ("start", 0)]


@pytest.mark.parametrize("kind", ["case-series", "narrative-review", "expert-opinion", "book"])
def test_lowest_designs_alone_leave_the_evidence_insufficient(kind: str) -> None:
    sources, links = three(kind)
    g = grade(*sources, links=links)
    assert (g.verdict, g.certainty) == ("insufficient", "very-low")
    assert rules(g)[-1] == ("too-uncertain", 0)
    assert "leans towards supported" in reason(g, "too-uncertain").sentence


def test_a_review_starts_at_the_level_of_the_design_it_pools() -> None:
    review = study("r-2020", kind="meta-analysis", sample={"studies": 12, "participants": 400}, pooled_design="case-control")
    g = grade(review, links=[link("r-2020")])
    assert g.certainty == "low"
    assert reason(g, "start").sentence == "Starts at low certainty, from the design of the best evidence: r-2020 (meta-analysis of case-control studies)."


def test_a_review_of_trials_starts_high() -> None:
    review = study("r-2020", kind="systematic-review", sample={"studies": 12, "participants": 400}, pooled_design="randomised-trial")
    assert grade(review, links=[link("r-2020")]).certainty == "high"


def test_a_review_without_a_recorded_pooled_design_starts_at_moderate() -> None:
    review = study("r-2020", kind="meta-analysis", sample={"studies": 12, "participants": 400})
    g = grade(review, links=[link("r-2020")])
    assert g.certainty == "moderate"
    assert "whose pooled designs are not recorded" in reason(g, "start").sentence


def test_a_review_takes_its_start_from_included_studies_in_the_knowledge_base() -> None:
    review = study("r-2020", kind="systematic-review", sample={"studies": 12, "participants": 400}, includes=["x-2015", "y-2016"])
    g = grade(review, study("x-2015", kind="crossover"), study("y-2016", kind="cohort"), links=[link("r-2020")])
    assert g.certainty == "moderate"
    assert "at best crossover (within-subject) studies" in reason(g, "start").sentence


# Risk of bias


@pytest.mark.parametrize(
    ("flag", "effect", "certainty", "words"),
    [
        ("expression-of-concern", -1, "moderate", "has an expression of concern"),
        ("data-integrity-concern", -1, "moderate", "has a data-integrity concern"),
        ("retraction", -2, "low", "is retracted"),
    ],
)
def test_integrity_flags_rate_down_for_risk_of_bias(flag: str, effect: int, certainty: str, words: str) -> None:
    sources, links = three(integrity=[{"flag": flag, "note": "Seen on the publisher's page."}])
    g = grade(*sources, links=links)
    assert (g.verdict, g.certainty) == ("supported", certainty)
    assert rules(g) == [("balance", 0), ("start", 0), ("risk-of-bias", effect)]
    assert words in reason(g, "risk-of-bias").sentence


def test_an_unpublished_thesis_starts_low_and_is_rated_down_for_risk_of_bias() -> None:
    sources, links = three("thesis")
    g = grade(*sources, links=links)
    assert (g.verdict, g.certainty) == ("insufficient", "very-low")
    assert rules(g) == [("balance", 0), ("start", 0), ("risk-of-bias", -1), ("too-uncertain", 0)]
    assert "s0-2020 is an unpublished thesis, not peer reviewed" in reason(g, "risk-of-bias").sentence


def test_a_clean_study_of_the_same_design_is_preferred_over_a_flawed_one() -> None:
    sources, links = three()
    flawed = study("bad-2019", integrity=[{"flag": "expression-of-concern", "note": "x"}])
    g = grade(*sources, flawed, links=[*links, link("bad-2019")])
    assert (g.certainty, rules(g)) == ("high", [("balance", 0), ("start", 0)])


# Indirectness


def test_evidence_on_another_outcome_is_rated_down_for_indirectness() -> None:
    sources = [study(f"s{i}-2020", kind="crossover") for i in range(3)]
    g = grade(*sources, links=[link(s["id"], outcome="emg") for s in sources])
    assert (g.verdict, g.certainty) == ("supported", "low")
    assert rules(g) == [("balance", 0), ("start", 0), ("indirectness", -1)]
    assert reason(g, "indirectness").sentence.startswith("Rated down one level for indirectness: s0-2020 measured EMG (muscle activity), not hypertrophy; ")


def test_another_population_is_rated_down_for_indirectness() -> None:
    sources, _ = three()
    g = grade(*sources, links=[link(s["id"], population_match="indirect") for s in sources])
    assert (g.certainty, rules(g)[-1]) == ("moderate", ("indirectness", -1))
    assert "s1-2020 studied another population" in reason(g, "indirectness").sentence


def test_outcome_and_population_both_indirect_rate_down_two_levels() -> None:
    sources, _ = three()
    g = grade(*sources, links=[link(s["id"], outcome="emg", population_match="indirect") for s in sources])
    assert (g.certainty, rules(g)[-1]) == ("low", ("indirectness", -2))


def test_direct_evidence_of_a_weaker_design_is_as_good_as_indirect_evidence_of_a_stronger() -> None:
    direct = [study(f"d{i}-2020", kind="crossover") for i in range(3)]
    g = grade(*direct, study("t-2021"), links=[*(link(s["id"]) for s in direct), link("t-2021", outcome="emg")])
    assert g.certainty == "moderate"


# The verdict and inconsistency


def test_comparable_evidence_on_both_sides_is_mixed_and_rated_down_for_inconsistency() -> None:
    sources = [study(f"s{i}-2020") for i in range(4)]
    g = grade(*sources, links=[link("s0-2020"), link("s1-2020"), link("s2-2020", "refutes"), link("s3-2020", "no-clear-effect")])
    assert (g.verdict, g.certainty) == ("mixed", "moderate")
    assert rules(g) == [("balance", 0), ("start", 0), ("inconsistency", -1)]
    assert (g.support_weight, g.against_weight) == (16, 16)
    assert reason(g, "balance").sentence == "2 sources support the claim; 2 sources go against it. Weighed by certainty, 16 for and 16 against: mixed evidence."


def test_refutes_and_no_clear_effect_both_weigh_against_the_claim() -> None:
    sources = [study(f"s{i}-2020") for i in range(3)]
    g = grade(*sources, links=[link("s0-2020", "refutes"), link("s1-2020", "no-clear-effect"), link("s2-2020", "no-clear-effect")])
    assert (g.verdict, g.certainty, g.against_weight) == ("refuted", "high", 24)


def test_a_dominant_side_wins_but_comparable_dissent_rates_down_for_inconsistency() -> None:
    sources = [study(f"s{i}-2020") for i in range(4)]
    g = grade(*sources, links=[link("s0-2020"), link("s1-2020"), link("s2-2020"), link("s3-2020", "refutes")])
    assert (g.verdict, g.certainty) == ("supported", "moderate")
    assert reason(g, "inconsistency").sources == ("s3-2020",)


def test_dissent_from_weaker_evidence_is_not_inconsistency() -> None:
    sources, links = three()
    g = grade(*sources, study("cs-2019", kind="case-series"), links=[*links, link("cs-2019", "refutes")])
    assert (g.verdict, g.certainty, g.against_weight) == ("supported", "high", 1)


def test_a_source_with_mixed_results_weighs_half_on_each_side() -> None:
    sources, links = three("crossover")
    g = grade(*sources, study("m-2020", kind="crossover"), links=[*links, link("m-2020", "mixed")])
    assert (g.support_weight, g.against_weight, g.verdict) == (14, 2, "supported")
    assert (g.certainty, reason(g, "inconsistency").sources) == ("low", ("m-2020",))


def test_the_winning_side_needs_the_dominance_ratio() -> None:
    # 8 for against 4.5 is less than twice: mixed.
    g = grade(study("t-2020", participants=200), study("c-2020", kind="crossover"), study("o-2020", kind="case-series"), links=[link("t-2020"), link("c-2020", "refutes"), link("o-2020", "mixed")])
    assert (g.support_weight, g.against_weight, g.verdict) == (8.5, 4.5, "mixed")


# Imprecision


def test_few_studies_and_few_participants_rate_down_one_level_with_the_numbers() -> None:
    g = grade(study("a-2020", participants=20), study("b-2021", participants=27), links=[link("a-2020"), link("b-2021")])
    assert (g.verdict, g.certainty) == ("supported", "moderate")
    assert reason(g, "imprecision").sentence == "Rated down one level for imprecision: 2 studies, 47 participants in total."
    assert reason(g, "imprecision").effect == -1


def test_a_very_small_total_sample_rates_down_two_levels() -> None:
    g = grade(study("a-2020", participants=12), links=[link("a-2020")])
    assert (g.certainty, rules(g)[-1]) == ("low", ("imprecision", -2))
    assert reason(g, "imprecision").sentence == "Rated down two levels for imprecision: 1 study, 12 participants in total."


def test_imprecision_counts_the_whole_side_not_only_its_best_study() -> None:
    weaker = [study(f"c{i}-2020", kind="crossover", participants=30) for i in range(3)]
    g = grade(study("t-2020", participants=40), *weaker, links=[link("t-2020"), *(link(s["id"]) for s in weaker)])
    assert (g.certainty, [r.rule for r in g.reasons]) == ("high", ["balance", "start"])


def test_less_direct_evidence_does_not_make_the_estimate_more_precise() -> None:
    indirect = [study(f"e{i}-2020", participants=100) for i in range(3)]
    g = grade(study("t-2020", participants=40), *indirect, links=[link("t-2020"), *(link(s["id"], outcome="emg") for s in indirect)])
    assert (g.certainty, reason(g, "imprecision").sources) == ("moderate", ("t-2020",))


def test_many_studies_with_enough_participants_are_precise() -> None:
    sources, links = three()
    assert "imprecision" not in [r.rule for r in grade(*sources, links=links).reasons]


def test_one_large_study_is_still_imprecise_for_being_alone() -> None:
    g = grade(study("big-2020", participants=900), links=[link("big-2020")])
    assert (g.certainty, reason(g, "imprecision").sentence) == ("moderate", "Rated down one level for imprecision: 1 study, 900 participants in total.")


def test_a_review_counts_as_its_number_of_studies() -> None:
    review = study("r-2020", kind="meta-analysis", pooled_design="randomised-trial", sample={"studies": 9, "participants": 350})
    assert grade(review, links=[link("r-2020")]).certainty == "high"


def test_a_review_without_a_pooled_sample_is_judged_on_its_number_of_studies() -> None:
    review = study("r-2020", kind="meta-analysis", pooled_design="randomised-trial", sample={"studies": 2})
    g = grade(review, links=[link("r-2020")])
    assert reason(g, "imprecision").sentence == "Rated down one level for imprecision: 2 studies, 0 participants (sample size not recorded for r-2020)."
    review = study("r-2020", kind="meta-analysis", pooled_design="randomised-trial", sample={"studies": 20})
    assert grade(review, links=[link("r-2020")]).certainty == "high"


def test_a_study_without_a_sample_size_adds_no_participants() -> None:
    sources = [study("a-2020", participants=20), study("b-2020", participants=20), study("c-2020", participants=None)]
    g = grade(*sources, links=[link(s["id"]) for s in sources])
    assert reason(g, "imprecision").sentence == "Rated down one level for imprecision: 3 studies, at least 40 participants (sample size not recorded for c-2020)."


def test_certainty_never_goes_below_very_low_and_says_so() -> None:
    g = grade(study("a-2020", kind="cohort", participants=10), links=[link("a-2020", outcome="emg", population_match="indirect")])
    assert rules(g) == [("balance", 0), ("start", 0), ("indirectness", -1), ("imprecision", 0), ("too-uncertain", 0)]
    assert reason(g, "imprecision").sentence == "Rated down two levels for imprecision: 1 study, 10 participants in total (certainty was already very low)."


def test_a_rating_cut_short_at_very_low_says_how_far_it_moved() -> None:
    g = grade(study("a-2020", kind="cohort", participants=12), links=[link("a-2020")])
    assert rules(g)[2] == ("imprecision", -1)
    assert reason(g, "imprecision").sentence == "Rated down two levels for imprecision: 1 study, 12 participants in total (it moved only one level, to very low)."


# Rating up


def test_a_large_consistent_effect_rates_observational_evidence_up() -> None:
    sources, _ = three("cohort")
    g = grade(*sources, links=[link(s["id"], effect_size="large") for s in sources])
    assert (g.verdict, g.certainty, rules(g)[-1]) == ("supported", "moderate", ("large-effect", 1))


def test_a_very_large_effect_rates_up_two_levels() -> None:
    sources, _ = three("cohort")
    g = grade(*sources, links=[link(s["id"], effect_size="very-large") for s in sources])
    assert (g.certainty, rules(g)[-1]) == ("high", ("large-effect", 2))


def test_no_rating_up_for_trials_or_for_imprecise_evidence() -> None:
    sources, _ = three()
    assert "large-effect" not in [r.rule for r in grade(*sources, links=[link(s["id"], effect_size="large") for s in sources]).reasons]
    g = grade(study("a-2020", kind="cohort", participants=12), links=[link("a-2020", effect_size="large")])
    assert "large-effect" not in [r.rule for r in g.reasons]


# The whole grade


def test_reasons_come_in_rule_order_with_their_sources() -> None:
    g = grade(
        popular("blog"),
        study("a-2020", participants=20, integrity=[{"flag": "expression-of-concern", "note": "x"}]),
        study("b-2021", participants=20, integrity=[{"flag": "expression-of-concern", "note": "x"}]),
        links=[link("blog"), link("a-2020", outcome="strength"), link("b-2021", outcome="strength")],
    )
    assert rules(g) == [("not-counted", 0), ("balance", 0), ("start", 0), ("risk-of-bias", -1), ("indirectness", -1), ("imprecision", -1), ("too-uncertain", 0)]
    assert reason(g, "risk-of-bias").sources == ("a-2020", "b-2021")
    assert (g.verdict, g.certainty) == ("insufficient", "very-low")


def test_to_dict_is_plain_json_data() -> None:
    g = grade(popular("blog"), study("a-2020", participants=20), links=[link("a-2020")], appearances=[{"source": "blog", "position": "asserts", "locator": "p1"}])
    data = json.loads(json.dumps(g.to_dict()))
    assert data["verdict"] == "supported" and data["verdict_label"] == "supported"
    assert data["certainty"] == "low" and data["certainty_label"] == "low"
    assert data["excluded"] == [{"source": "blog", "why": "popular article that asserts the claim: never counted as evidence"}]
    assert [r["rule"] for r in data["reasons"]] == ["not-counted", "balance", "start", "imprecision"]
    assert data["reasons"][-1]["sources"] == ["a-2020"]


def test_grade_all_grades_every_claim_in_id_order() -> None:
    kb = kb_of(study("a-2020"), claim("zeta", evidence=[link("a-2020")]), claim("alpha"))
    grades = grade_all(kb)
    assert list(grades) == ["alpha", "zeta"]
    assert (grades["alpha"].verdict, grades["zeta"].verdict) == ("insufficient", "supported")


def test_grading_ignores_links_to_sources_that_did_not_load() -> None:
    g = grade(links=[link("missing-2020")])
    assert (g.verdict, g.excluded) == ("insufficient", (("missing-2020", "no valid record for this source"),))


def test_a_different_rubric_changes_the_grade() -> None:
    kb = kb_of(study("a-2020", participants=20), study("b-2021", participants=27), claim("c", evidence=[link("a-2020"), link("b-2021")]))
    lenient = Rubric(imprecision_min_studies=1, imprecision_min_participants=10, very_serious_participants=5)
    assert (grade_claim(kb.claims["c"], kb).certainty, grade_claim(kb.claims["c"], kb, lenient).certainty) == ("moderate", "high")


# The methodology page


def _changed(rubric: Rubric, name: str) -> Rubric:
    value = getattr(rubric, name)
    if isinstance(value, dict):
        return dataclasses.replace(rubric, **{name: {**value, "cohort": value["cohort"] + 1}})
    if isinstance(value, tuple):
        return dataclasses.replace(rubric, **{name: (value[0] + 10, *value[1:])})
    return dataclasses.replace(rubric, **{name: value + 1 if value < 3 else value - 1})


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(Rubric)])
def test_methodology_page_is_written_from_every_rubric_parameter(name: str) -> None:
    assert methodology_markdown(_changed(RUBRIC, name)) != methodology_markdown(RUBRIC)


def test_methodology_page_states_the_default_numbers() -> None:
    text = " ".join(methodology_markdown().split())
    for expected in (
        "| randomised trial | high |",
        "| crossover (within-subject) study | moderate |",
        "| cross-sectional study | low |",
        "| case series | very low |",
        "| high | 8 |",
        "| very low | 1 |",
        "at least 2 times the other's",
        "fewer than 3 studies or fewer than 100 participants",
        "fewer than 30 participants",
        "two levels for a retraction",
        "A verdict needs at least low certainty",
        "or else at moderate",
        "at least 8 (with the weights above: as much as 1 high-certainty source).",
    ):
        assert expected in text, expected


# The bundled knowledge base


def test_every_bundled_claim_has_a_grade_whose_reasons_add_up() -> None:
    kb, _ = load_knowledge_base(REPO)
    words = {label: i + 1 for i, label in enumerate(CERTAINTY_LABELS[c] for c in CERTAINTIES)}
    for claim_id, g in grade_all(kb).items():
        assert g.reasons and all(r.sentence for r in g.reasons), claim_id
        cited = set(g.counted) | {s for s, _ in g.excluded}
        assert all(set(r.sources) <= cited for r in g.reasons), claim_id
        start = next((r for r in g.reasons if r.rule == "start"), None)
        if start is not None:
            level = words[start.sentence.removeprefix("Starts at ").split(" certainty")[0]]
            assert level + sum(r.effect for r in g.reasons) == CERTAINTIES.index(g.certainty) + 1, claim_id
