"""Cross-record checks, each on a tiny knowledge base where the answer is obvious."""

from __future__ import annotations

import random

from gluteclaims.analysis.check import validate_knowledge_base
from gluteclaims.kb.titles import similar_title_pairs
from tests.conftest import claim, source


def found(root) -> list[tuple[str, str]]:
    _, problems = validate_knowledge_base(root)
    return [(p.path, p.code) for p in problems]


def link(source_id: str, direction: str = "favours-claim") -> dict:
    return {"source": source_id, "direction": direction, "outcome": "hypertrophy", "finding": "x"}


def test_clean_knowledge_base(kb_dir) -> None:
    root = kb_dir({"sources/a-2020.yaml": source("a-2020"), "claims/c.yaml": claim("c", evidence=[link("a-2020")])})
    assert found(root) == []


def test_unknown_claim_in_relation_with_suggestion(kb_dir) -> None:
    root = kb_dir(
        {"claims/hip-thrust.yaml": claim("hip-thrust", relations=[{"claim": "hip-thrsut", "type": "refines"}])}
    )
    _, problems = validate_knowledge_base(root)
    assert [(p.code, p.hint) for p in problems] == [("E205", "did you mean 'hip-thrust'?")]


def test_claim_and_source_sharing_an_id(kb_dir) -> None:
    root = kb_dir({"sources/same.yaml": source("same"), "claims/same.yaml": claim("same")})
    assert found(root) == [("claims/same.yaml", "E203")]


def test_same_pmid_twice(kb_dir) -> None:
    root = kb_dir(
        {
            "sources/a-2020.yaml": source("a-2020", identifiers={"pmid": "123"}),
            "sources/b-2020.yaml": source(
                "b-2020", identifiers={"pmid": "123"}, title="Something else entirely about squats"
            ),
        }
    )
    assert found(root) == [("sources/b-2020.yaml", "E206")]


def test_failed_citation_may_repeat_the_real_studys_doi(kb_dir) -> None:
    root = kb_dir(
        {
            "sources/a-2020.yaml": source("a-2020"),
            "sources/a-2020-citation.yaml": source(
                "a-2020-citation",
                title="As cited",
                identifiers={"doi": "10.1000/a-2020"},
                verification={"status": "failed", "failure": "mis-cited", "resolved_to": "a-2020"},
            ),
        }
    )
    assert found(root) == []


def test_near_identical_titles_warn(kb_dir) -> None:
    root = kb_dir(
        {
            "sources/a-2020.yaml": source(
                "a-2020", title="Gluteus maximus activation during common strength exercises"
            ),
            "sources/b-2021.yaml": source(
                "b-2021", title="Gluteus Maximus Activation During Common Strength Exercises."
            ),
        }
    )
    assert found(root) == [("sources/b-2021.yaml", "W201")]


def test_similar_titles_found_without_comparing_all_pairs() -> None:
    rng = random.Random(7)
    vocabulary = [
        f"{stem}{n}" for stem in ("squat", "thrust", "gluteus", "lumbar", "sprint", "hinge") for n in range(40)
    ]
    titles = {f"s{i}": " ".join(rng.sample(vocabulary, 8)) for i in range(2000)}
    titles["dup"] = titles["s1234"] + "s"
    assert [(a, b) for a, b, _ in similar_title_pairs(titles)] == [("dup", "s1234")]


def test_source_without_identifiers(kb_dir) -> None:
    root = kb_dir({"sources/a-2020.yaml": source("a-2020", identifiers={})})
    assert found(root) == [("sources/a-2020.yaml", "E210")]


def test_unconfirmed_identifiers_are_allowed(kb_dir) -> None:
    root = kb_dir(
        {
            "sources/a-2020.yaml": source(
                "a-2020", identifiers={}, verification={"status": "partly-confirmed", "unconfirmed": ["identifiers"]}
            )
        }
    )
    assert found(root) == []


def test_inconsistent_verification(kb_dir) -> None:
    root = kb_dir(
        {
            "sources/a-2020.yaml": source("a-2020", verification={"status": "partly-confirmed"}),
            "sources/b-2020.yaml": source("b-2020", verification={"status": "failed"}),
            "sources/c-2020.yaml": source("c-2020", verification={"status": "confirmed", "unconfirmed": ["year"]}),
        }
    )
    assert found(root) == [
        ("sources/a-2020.yaml", "E211"),
        ("sources/b-2020.yaml", "E211"),
        ("sources/c-2020.yaml", "E211"),
    ]


def test_appearance_must_be_in_a_popular_article(kb_dir) -> None:
    root = kb_dir(
        {
            "sources/a-2020.yaml": source("a-2020"),
            "claims/c.yaml": claim("c", appearances=[{"source": "a-2020", "position": "asserts", "locator": "p. 1"}]),
        }
    )
    assert found(root) == [("claims/c.yaml", "E209")]


def test_claim_without_evidence_or_note_warns(kb_dir) -> None:
    root = kb_dir({"claims/c.yaml": claim("c", no_evidence_note=None)})
    assert found(root) == [("claims/c.yaml", "W202")]


def test_same_source_twice_with_same_direction_warns(kb_dir) -> None:
    root = kb_dir(
        {
            "sources/a-2020.yaml": source("a-2020"),
            "claims/c.yaml": claim("c", evidence=[link("a-2020"), link("a-2020")]),
        }
    )
    assert ("claims/c.yaml", "W203") in found(root)


def test_unknown_included_study_and_resolved_to(kb_dir) -> None:
    root = kb_dir(
        {
            "sources/rev-2020.yaml": source("rev-2020", kind="meta-analysis", includes=["nope-2019"]),
            "sources/cit-2020.yaml": source(
                "cit-2020", verification={"status": "failed", "failure": "not-found", "resolved_to": "rev-2021"}
            ),
        }
    )
    assert found(root) == [("sources/cit-2020.yaml", "E204"), ("sources/rev-2020.yaml", "E204")]


def test_a_judgement_without_a_reason_or_far_from_the_suggestion_is_a_warning(kb_dir) -> None:
    from gluteclaims.analysis.check import validate_knowledge_base

    judgements = [
        {"domain": "publication-bias", "levels": -2},
        {"domain": "imprecision", "levels": 0, "reason": "We think it precise."},
    ]
    root = kb_dir(
        {
            "sources/s-2020.yaml": source("s-2020"),
            "claims/c.yaml": claim("c", evidence=[link("s-2020")], judgements=judgements),
        }
    )
    problems = [(p.code, p.message) for p in validate_knowledge_base(root)[1] if p.code.startswith("W4")]
    assert problems == [
        ("W401", "judgement on publication-bias has no reason"),
        ("W402", "judgement on publication-bias (-2) departs 2 levels from the computed +0"),
        ("W402", "judgement on imprecision (+0) departs 2 levels from the computed -2"),
    ]


def test_a_file_name_that_is_not_a_whole_id_is_an_error(kb_dir) -> None:
    from gluteclaims.kb.checks import check_file_name
    from gluteclaims.kb.knowledge import KnowledgeBase, Origin

    kb = KnowledgeBase()
    for stem in ("good-id", "good-id\n", "Bad_Id"):
        kb.origins[("sources", stem)] = Origin(f"sources/{stem}.yaml")
    codes = {
        stem: [p.code for p in check_file_name(kb, "sources", stem)] for stem in ("good-id", "good-id\n", "Bad_Id")
    }
    assert codes == {"good-id": [], "good-id\n": ["E202"], "Bad_Id": ["E202"]}


def test_an_estimate_outside_its_interval_is_an_error_at_its_line(kb_dir) -> None:
    def with_estimate(estimate: dict) -> dict:
        return claim("c", evidence=[{**link("s-2020"), "estimate": {"measure": "SMD", **estimate}}])

    cases = {
        "swapped": {"value": 0.3, "ci_low": 0.7, "ci_high": -0.1},
        "outside": {"value": 1.3, "ci_low": -0.1, "ci_high": 0.7},
        "below one bound": {"value": -0.5, "ci_low": -0.1},
        "inside": {"value": 0.3, "ci_low": -0.1, "ci_high": 0.7},
        "no interval": {"value": 0.3},
    }
    seen = {}
    for name, estimate in cases.items():
        root = kb_dir({"sources/s-2020.yaml": source("s-2020"), "claims/c.yaml": with_estimate(estimate)})
        lines = (root / "claims/c.yaml").read_text(encoding="utf-8").splitlines()
        problems = [p for p in validate_knowledge_base(root)[1] if p.level == "error"]
        seen[name] = [(p.code, lines[p.line - 1].strip() if p.line else None, p.message) for p in problems]
    assert seen["inside"] == seen["no interval"] == []
    assert [(code, line) for code, line, _ in seen["swapped"]] == [("E103", "estimate:")]
    assert seen["swapped"][0][2].startswith("evidence.0.estimate: ci_low 0.7 is above ci_high -0.1")
    assert "value 1.3 lies outside its interval (-0.1 to 0.7)" in seen["outside"][0][2]
    assert "value -0.5 lies outside its interval (-0.1 to not reported)" in seen["below one bound"][0][2]


def test_a_mirror_in_verification_checked_is_a_warning_at_its_line(kb_dir) -> None:
    checked = [
        "https://pubmed.ncbi.nlm.nih.gov/30839305/",
        "https://www.scribd.com/document/1/a-copy-of-the-paper",
        "https://ebusca.uv.mx/Record/pubmed-6454257/Details",
        "https://notscribd.com/x",
    ]
    verification = {"status": "confirmed", "checked": checked}
    failed = {"status": "failed", "failure": "not-found", "checked": checked[1:2]}
    blog = {"status": "confirmed", "checked": ["https://someone.blogspot.com/2020/glutes"]}
    root = kb_dir(
        {
            "sources/a-2020.yaml": source("a-2020", verification=verification),
            "sources/cited-2020.yaml": source("cited-2020", verification=failed),
            # A popular article is its own page, wherever it is published.
            "sources/blog.yaml": source("blog", kind="popular-article", verification=blog),
            "sources/b-2020.yaml": source("b-2020", identifiers={"url": "https://www.researchgate.net/publication/1"}),
        }
    )
    warned = [p for p in validate_knowledge_base(root)[1] if p.code == "W205"]

    def line(path: str, number: int) -> str:
        return (root / path).read_text(encoding="utf-8").splitlines()[number - 1].strip()

    # Where a failed citation was looked for may be anywhere; only pages where facts were seen must be canonical.
    assert [(p.path, line(p.path, p.line)) for p in warned] == [
        ("sources/a-2020.yaml", f"- {checked[1]}"),
        ("sources/a-2020.yaml", f"- {checked[2]}"),
        ("sources/b-2020.yaml", "url: https://www.researchgate.net/publication/1"),
    ]
    assert "https://doi.org/DOI" in warned[0].hint


def test_a_claim_without_title_or_bottom_line_or_with_a_long_bottom_line_warns(kb_dir) -> None:
    bare = claim("bare")
    del bare["title"], bare["bottom_line"]
    root = kb_dir(
        {
            "claims/bare.yaml": bare,
            "claims/wordy.yaml": claim("wordy", bottom_line=" ".join(["word"] * 41)),
            "claims/fine.yaml": claim("fine", bottom_line=" ".join(["word"] * 40)),
        }
    )
    problems = [(p.path, p.code, p.message) for p in validate_knowledge_base(root)[1] if p.code in ("W206", "W207")]
    assert sorted(problems) == [
        ("claims/bare.yaml", "W206", "no bottom_line: the page has nothing to tell a client"),
        ("claims/bare.yaml", "W206", "no title: the page is headed by the bare statement"),
        ("claims/wordy.yaml", "W207", "the bottom line has 41 words; a client hears at most 40"),
    ]


def test_a_mirror_host_matches_itself_and_its_subdomains_only() -> None:
    from gluteclaims.kb.mirrors import is_mirror

    assert [
        is_mirror(address)
        for address in (
            "https://WWW.Scribd.com/document/1",
            "https://es.scribd.com/document/2",
            "https://scribd.com",
            "https://notscribd.com/x",
            "https://scribd.com.example.org/x",
            "https://pubmed.ncbi.nlm.nih.gov/30839305/",
            "not an address",
        )
    ] == [True, True, True, False, False, False, False]
