"""The claim graph and each kind of contradiction, on small knowledge bases where the answer is obvious."""

from __future__ import annotations

import json

import networkx as nx

from gluteclaims.analysis.check import validate_knowledge_base
from gluteclaims.analysis.graph import (
    build_graph,
    contradiction_problems,
    find_contradictions,
    graph_to_graphml,
    graph_to_json,
)
from gluteclaims.grading.grade import grade_all
from gluteclaims.kb.problems import CODES
from tests.conftest import claim, source
from tests.test_grade import kb_of, link, popular, study


def trials(prefix: str, n: int = 3) -> list[dict]:
    return [study(f"{prefix}{i}-2020") for i in range(n)]


def supported(claim_id: str, prefix: str, **fields) -> tuple[list[dict], dict]:
    """A claim with three large, precise, low-risk trials behind it: supported, high certainty."""
    sources = trials(prefix)
    return sources, claim(claim_id, evidence=[link(s["id"], interval="rules-in") for s in sources], **fields)


def opposite(claim_id: str, prefix: str, **fields) -> tuple[list[dict], dict]:
    """A claim with three large, precise, low-risk trials against it: opposite, high certainty."""
    sources = trials(prefix)
    return sources, claim(
        claim_id, evidence=[link(s["id"], "favours-opposite", interval="rules-in") for s in sources], **fields
    )


def findings(*records: dict) -> list:
    kb = kb_of(*records)
    return find_contradictions(kb, grade_all(kb))


def kinds(found) -> list[str]:
    return [f.kind for f in found]


def asserts(article: str) -> dict:
    return {"source": article, "position": "asserts", "locator": "paragraph 1"}


def test_a_clean_knowledge_base_has_no_findings() -> None:
    sources, c = supported("a", "s")
    assert findings(*sources, c) == []


# The graph


def test_graph_has_claims_sources_and_typed_edges() -> None:
    review = study("r-2020", kind="meta-analysis", sample={"studies": 4}, includes=["s0-2020"])
    sources, a = supported("a", "s", relations=[{"claim": "b", "type": "depends-on"}], appearances=[asserts("blog")])
    b = claim("b")
    kb = kb_of(
        *sources,
        review,
        popular("blog"),
        a,
        b,
        source("ghost-2011", verification={"status": "failed", "failure": "mis-cited", "resolved_to": "r-2020"}),
    )
    graph = build_graph(kb, grade_all(kb))
    assert graph.nodes["claim:a"] | {"label": None} == {
        "kind": "claim",
        "label": None,
        "outcome": "hypertrophy",
        "topics": "",
        "verdict": "supported",
        "certainty": "high",
    }
    assert graph.nodes["source:blog"]["kind"] == "popular-article"
    assert (graph.nodes["source:r-2020"]["design"], graph.nodes["source:r-2020"]["kind"]) == ("meta-analysis", "source")
    edges = sorted(
        (u, v, d["type"], d.get("direction") or d.get("relation") or d.get("position") or "")
        for u, v, d in graph.edges(data=True)
    )
    assert edges == [
        ("claim:a", "claim:b", "relation", "depends-on"),
        ("source:blog", "claim:a", "appearance", "asserts"),
        ("source:ghost-2011", "source:r-2020", "resolved-to", ""),
        ("source:r-2020", "source:s0-2020", "includes", ""),
        ("source:s0-2020", "claim:a", "evidence", "favours-claim"),
        ("source:s1-2020", "claim:a", "evidence", "favours-claim"),
        ("source:s2-2020", "claim:a", "evidence", "favours-claim"),
    ]
    assert all(d["counted"] for _, _, d in graph.edges(data=True) if d["type"] == "evidence")


def test_graphml_round_trips_through_networkx() -> None:
    sources, a = supported("a", "s")
    kb = kb_of(*sources, a)
    text = graph_to_graphml(build_graph(kb, grade_all(kb)))
    back = nx.parse_graphml(text, force_multigraph=True)
    assert set(back.nodes) == {"claim:a", "source:s0-2020", "source:s1-2020", "source:s2-2020"}
    assert back.nodes["claim:a"]["verdict"] == "supported"
    assert back.nodes["source:s0-2020"]["participants"] == 200
    assert back.number_of_edges() == 3


def test_json_export_is_node_link_data() -> None:
    sources, a = supported("a", "s")
    kb = kb_of(*sources, a)
    data = json.loads(json.dumps(graph_to_json(build_graph(kb, grade_all(kb)))))
    assert {n["id"] for n in data["nodes"]} == {"claim:a", "source:s0-2020", "source:s1-2020", "source:s2-2020"}
    assert {(e["source"], e["target"], e["direction"]) for e in data["edges"]} == {
        (f"source:s{i}-2020", "claim:a", "favours-claim") for i in range(3)
    }


# 1. Contested claims


def test_substantial_evidence_on_both_sides_is_contested() -> None:
    # Two trials for and two against, 200 participants each: graded conflicting.
    sources = trials("s", 4)
    c = claim(
        "c",
        evidence=[
            link("s0-2020"),
            link("s1-2020"),
            link("s2-2020", "favours-opposite"),
            link("s3-2020", "favours-opposite"),
        ],
    )
    [found] = findings(*sources, c)
    assert (found.kind, found.severity) == ("contested", "info")
    assert found.records == ("claim:c", "source:s0-2020", "source:s1-2020", "source:s2-2020", "source:s3-2020")
    assert (
        found.message == "c: the counted studies point in opposite directions; graded conflicting, moderate certainty"
    )


def test_a_lone_weak_dissent_is_not_contested() -> None:
    # A small uncontrolled case series against three large trials is context, not part of the body.
    sources, c = supported("c", "s")
    c["evidence"].append(link("cs-2019", "favours-opposite", design="uncontrolled"))
    kb = kb_of(*sources, study("cs-2019", participants=12, kind="case-series"), c)
    grades = grade_all(kb)
    assert (grades["c"].verdict, grades["c"].certainty) == ("supported", "high")
    assert find_contradictions(kb, grades) == []


# 2. Contradicting claims both supported


def test_contradicting_claims_both_supported() -> None:
    sa, a = supported("a", "s", relations=[{"claim": "b", "type": "contradicts"}])
    sb, b = supported("b", "t")
    [found] = findings(*sa, *sb, a, b)
    assert (found.kind, found.records) == ("contradicting-supported", ("claim:a", "claim:b"))
    assert found.message == (
        "a (supported, high certainty) contradicts b (supported, high certainty), yet both are supported: "
        "one relation or one set of results is probably wrong"
    )


def test_contradicting_claims_are_fine_when_one_is_graded_opposite() -> None:
    sa, a = supported("a", "s", relations=[{"claim": "b", "type": "contradicts"}])
    sb, b = opposite("b", "t", relations=[{"claim": "a", "type": "contradicts"}])
    assert findings(*sa, *sb, a, b) == []


# 3. A supported claim whose mechanism is not


def test_supported_claim_depending_on_an_unsupported_mechanism() -> None:
    sa, a = supported("a", "s", relations=[{"claim": "mech", "type": "depends-on"}])
    [found] = findings(*sa, a, claim("mech"))
    assert (found.kind, found.records) == ("unsupported-mechanism", ("claim:a", "claim:mech"))
    assert found.message == "a is supported, but the mechanism it depends on, mech, is not studied"


def test_supported_claim_depending_on_a_mechanism_graded_opposite() -> None:
    sa, a = supported("a", "s", relations=[{"claim": "mech", "type": "depends-on"}])
    sm, mech = opposite("mech", "m")
    [found] = findings(*sa, *sm, a, mech)
    assert (found.kind, found.records) == ("unsupported-mechanism", ("claim:a", "claim:mech"))
    assert found.message == "a is supported, but the mechanism it depends on, mech, is opposite, high certainty"


def test_a_supported_mechanism_is_fine() -> None:
    sa, a = supported("a", "s", relations=[{"claim": "mech", "type": "depends-on"}])
    sm, mech = supported("mech", "m")
    assert findings(*sa, *sm, a, mech) == []


# 4. One source cited both ways


def test_same_source_with_opposite_directions_on_one_claim() -> None:
    sources, c = supported("c", "s")
    c["evidence"].append(link("s0-2020", "favours-opposite"))
    found = [f for f in findings(*sources, c) if f.kind == "source-both-ways"]
    assert [(f.records, f.message) for f in found] == [
        (("source:s0-2020", "claim:c"), "s0-2020 is cited on c both as supporting it and as going against it")
    ]


def test_same_source_supporting_two_contradicting_claims() -> None:
    sa, a = supported("a", "s", relations=[{"claim": "b", "type": "contradicts"}])
    b = claim("b", evidence=[link("s1-2020")])
    found = [f for f in findings(*sa, a, b) if f.kind == "source-both-ways"]
    assert [f.records for f in found] == [("source:s1-2020", "claim:a", "claim:b")]


# 5. Myths


def test_myths_are_ranked_by_how_many_articles_repeat_them() -> None:
    articles = [popular(f"blog-{i}") for i in range(3)]
    once = claim("once", appearances=[asserts("blog-0")])
    thrice = claim("thrice", appearances=[asserts("blog-0"), asserts("blog-1"), asserts("blog-2")])
    opposite_sources, twice = opposite("opposite-twice", "r", appearances=[asserts("blog-1"), asserts("blog-2")])
    sources, true_claim = supported("true", "s", appearances=[asserts("blog-0")])
    found = findings(*articles, *opposite_sources, *sources, once, thrice, twice, true_claim)
    assert [(f.kind, f.records[0]) for f in found] == [
        ("myth", "claim:thrice"),
        ("myth", "claim:opposite-twice"),
        ("myth", "claim:once"),
    ]
    assert found[1].records == ("claim:opposite-twice", "source:blog-1", "source:blog-2")
    assert (
        found[1].message
        == "opposite-twice is asserted by 2 popular articles (blog-1, blog-2) but graded opposite, high certainty"
    )
    assert found[2].message == "once is asserted by 1 popular article (blog-0) but graded not studied"


def test_myths_the_evidence_is_against_come_before_unsupported_ones_and_are_titled_apart() -> None:
    sources, against = opposite("opposite", "r", appearances=[asserts("blog")])
    null_sources = trials("n")
    no_difference = claim(
        "no-difference",
        evidence=[link(s["id"], "little-or-no-difference", interval="rules-out") for s in null_sources],
        appearances=[asserts("blog")],
    )
    unsupported = claim("a-unsupported", appearances=[asserts("blog")])
    found = findings(popular("blog"), *sources, *null_sources, against, no_difference, unsupported)
    assert [(f.records[0], f.title) for f in found] == [
        ("claim:no-difference", "myth"),
        ("claim:opposite", "myth"),
        ("claim:a-unsupported", "popular claim without support"),
    ]
    assert (
        found[0].message
        == "no-difference is asserted by 1 popular article (blog) but graded little or no difference, high certainty"
    )


def test_only_popular_articles_make_a_myth() -> None:
    # A study wrongly listed as an appearance is an error (E209), not a myth.
    assert findings(study("a-2020"), claim("c", appearances=[asserts("a-2020")])) == []


def test_a_claim_only_disputed_by_articles_is_not_a_myth() -> None:
    disputed = claim("c", appearances=[{"source": "blog", "position": "disputes", "locator": "end"}])
    assert findings(popular("blog"), disputed) == []


# 6. Cycles in depends-on


def test_cycles_of_depends_on_are_found_once() -> None:
    a = claim("a", relations=[{"claim": "b", "type": "depends-on"}])
    b = claim("b", relations=[{"claim": "c", "type": "depends-on"}])
    c = claim("c", relations=[{"claim": "a", "type": "depends-on"}])
    d = claim("d", relations=[{"claim": "a", "type": "depends-on"}])
    [found] = findings(a, b, c, d)
    assert (found.kind, found.records, found.message) == (
        "dependency-cycle",
        ("claim:a", "claim:b", "claim:c"),
        "a depends on b depends on c depends on a",
    )


# 7. Double counting


def test_review_and_included_study_cited_together() -> None:
    sources, c = supported("c", "s")
    review = study("r-2021", kind="meta-analysis", sample={"studies": 6}, includes=["s1-2020"])
    c["evidence"].append(link("r-2021"))
    [found] = findings(*sources, review, c)
    assert (found.kind, found.records) == ("double-counting", ("claim:c", "source:r-2021", "source:s1-2020"))


def test_a_review_cited_without_its_included_studies_is_fine() -> None:
    sources, c = supported("c", "s")
    review = study("r-2021", kind="meta-analysis", sample={"studies": 6}, includes=["x-2019"])
    c["evidence"].append(link("r-2021"))
    assert findings(*sources, review, study("x-2019"), c) == []


# Warnings in `check`


def test_findings_that_need_a_fix_become_located_check_warnings(kb_dir) -> None:
    # A dependency cycle is a fault in the records: a located warning. A myth is what the evidence
    # says: not a `check` warning.
    root = kb_dir(
        {
            "sources/blog.yaml": popular("blog"),
            "claims/myth.yaml": claim("myth", appearances=[asserts("blog")]),
            "claims/a.yaml": claim("a", relations=[{"claim": "b", "type": "depends-on"}]),
            "claims/b.yaml": claim("b", relations=[{"claim": "a", "type": "depends-on"}]),
        }
    )
    kb, problems = validate_knowledge_base(root)
    assert "myth" in kinds(find_contradictions(kb, grade_all(kb)))
    assert [(p.as_tuple(), p.level) for p in problems] == [(("claims/a.yaml", 9, "W306"), "warning")]
    assert problems[0].message == "claims that depend on each other in a cycle: a depends on b depends on a"
    assert [p.code for p in contradiction_problems(kb, grade_all(kb))] == ["W306"]


def test_every_finding_code_is_documented() -> None:
    assert {"W301", "W302", "W303", "W304", "W305", "W306", "W307"} <= set(CODES)


def _as_read(text: str):
    back = nx.parse_graphml(text, force_multigraph=True)
    return dict(back.nodes(data=True)), sorted(
        (u, v, k, sorted(d.items())) for u, v, k, d in back.edges(keys=True, data=True)
    )


def test_graphml_reads_back_exactly_as_networkx_own_writer_does() -> None:
    from gluteclaims.analysis.check import validate_knowledge_base
    from tests.conftest import REPO

    kb, _ = validate_knowledge_base(REPO)
    graph = build_graph(kb, grade_all(kb))
    graph.add_node("source:hostile", label='<script>alert("x")</script> & \x07 bell', year=2020, kind="source")
    graph.add_edge("source:hostile", "claim:glute-amnesia-from-sitting", type="evidence", counted=False)
    ours = graph_to_graphml(graph)
    theirs = "\n".join(nx.generate_graphml(graph, prettyprint=False)).replace("\x07", "\ufffd")
    assert _as_read(ours) == _as_read(theirs)
    assert "<script>" not in ours
