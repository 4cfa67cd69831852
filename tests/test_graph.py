"""The claim graph and each kind of contradiction, on small knowledge bases where the answer is obvious."""

from __future__ import annotations

import json

import networkx as nx

from gluteclaims.grading.grade import grade_all
from gluteclaims.analysis.graph import build_graph, contradiction_problems, find_contradictions, graph_to_graphml, graph_to_json
from gluteclaims.kb.problems import CODES
from gluteclaims.analysis.check import validate_knowledge_base
from tests.conftest import claim, source
from tests.test_grade import kb_of, link, popular, study


def trials(prefix: str, n: int = 3) -> list[dict]:
    return [study(f"{prefix}{i}-2020") for i in range(n)]


def supported(claim_id: str, prefix: str, **fields) -> tuple[list[dict], dict]:
    """A claim with three trials behind it: supported, high certainty."""
    sources = trials(prefix)
    return sources, claim(claim_id, evidence=[link(s["id"]) for s in sources], **fields)


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
    kb = kb_of(*sources, review, popular("blog"), a, b, source("ghost-2011", verification={"status": "failed", "failure": "mis-cited", "resolved_to": "r-2020"}))
    graph = build_graph(kb, grade_all(kb))
    assert graph.nodes["claim:a"] | {"label": None} == {"kind": "claim", "label": None, "outcome": "hypertrophy", "topics": "", "verdict": "supported", "certainty": "high"}
    assert graph.nodes["source:blog"]["kind"] == "popular-article"
    assert (graph.nodes["source:r-2020"]["design"], graph.nodes["source:r-2020"]["kind"]) == ("meta-analysis", "source")
    edges = sorted((u, v, d["type"], d.get("stance") or d.get("relation") or d.get("position") or "") for u, v, d in graph.edges(data=True))
    assert edges == [
        ("claim:a", "claim:b", "relation", "depends-on"),
        ("source:blog", "claim:a", "appearance", "asserts"),
        ("source:ghost-2011", "source:r-2020", "resolved-to", ""),
        ("source:r-2020", "source:s0-2020", "includes", ""),
        ("source:s0-2020", "claim:a", "evidence", "supports"),
        ("source:s1-2020", "claim:a", "evidence", "supports"),
        ("source:s2-2020", "claim:a", "evidence", "supports"),
    ]
    assert all(d["counted"] for _, _, d in graph.edges(data=True) if d["type"] == "evidence")


def test_graphml_round_trips_through_networkx() -> None:
    sources, a = supported("a", "s")
    kb = kb_of(*sources, a)
    text = graph_to_graphml(build_graph(kb, grade_all(kb)))
    back = nx.parse_graphml(text, force_multigraph=True)
    assert set(back.nodes) == {"claim:a", "source:s0-2020", "source:s1-2020", "source:s2-2020"}
    assert back.nodes["claim:a"]["verdict"] == "supported"
    assert back.nodes["source:s0-2020"]["participants"] == 40
    assert back.number_of_edges() == 3


def test_json_export_is_node_link_data() -> None:
    sources, a = supported("a", "s")
    kb = kb_of(*sources, a)
    data = json.loads(json.dumps(graph_to_json(build_graph(kb, grade_all(kb)))))
    assert {n["id"] for n in data["nodes"]} == {"claim:a", "source:s0-2020", "source:s1-2020", "source:s2-2020"}
    assert {(e["source"], e["target"], e["stance"]) for e in data["edges"]} == {(f"source:s{i}-2020", "claim:a", "supports") for i in range(3)}


# 1. Contested claims


def test_substantial_evidence_on_both_sides_is_contested() -> None:
    sources = trials("s", 4)
    c = claim("c", evidence=[link("s0-2020"), link("s1-2020"), link("s2-2020", "refutes"), link("s3-2020", "refutes")])
    [found] = findings(*sources, c)
    assert (found.kind, found.severity) == ("contested", "info")
    assert found.records == ("claim:c", "source:s0-2020", "source:s1-2020", "source:s2-2020", "source:s3-2020")
    assert found.message == "c: weight 16 for and 16 against; graded mixed evidence, moderate certainty"


def test_a_lone_weak_dissent_is_not_contested() -> None:
    sources, c = supported("c", "s")
    c["evidence"].append(link("cs-2019", "refutes"))
    assert findings(*sources, study("cs-2019", kind="case-series"), c) == []


# 2. Contradicting claims both supported


def test_contradicting_claims_both_supported() -> None:
    sa, a = supported("a", "s", relations=[{"claim": "b", "type": "contradicts"}])
    sb, b = supported("b", "t")
    [found] = findings(*sa, *sb, a, b)
    assert (found.kind, found.records) == ("contradicting-supported", ("claim:a", "claim:b"))


def test_contradicting_claims_are_fine_when_one_is_refuted() -> None:
    sa, a = supported("a", "s", relations=[{"claim": "b", "type": "contradicts"}])
    sb = trials("t")
    b = claim("b", evidence=[link(s["id"], "refutes") for s in sb], relations=[{"claim": "a", "type": "contradicts"}])
    assert findings(*sa, *sb, a, b) == []


# 3. A supported claim whose mechanism is not


def test_supported_claim_depending_on_an_unsupported_mechanism() -> None:
    sa, a = supported("a", "s", relations=[{"claim": "mech", "type": "depends-on"}])
    [found] = findings(*sa, a, claim("mech"))
    assert (found.kind, found.records) == ("unsupported-mechanism", ("claim:a", "claim:mech"))
    assert found.message == "a is supported, but the mechanism it depends on, mech, is insufficient evidence, very low certainty"


def test_supported_claim_depending_on_a_refuted_mechanism() -> None:
    sa, a = supported("a", "s", relations=[{"claim": "mech", "type": "depends-on"}])
    sm = trials("m")
    mech = claim("mech", evidence=[link(s["id"], "refutes") for s in sm])
    assert kinds(findings(*sa, *sm, a, mech)) == ["unsupported-mechanism"]


def test_a_supported_mechanism_is_fine() -> None:
    sa, a = supported("a", "s", relations=[{"claim": "mech", "type": "depends-on"}])
    sm, mech = supported("mech", "m")
    assert findings(*sa, *sm, a, mech) == []


# 4. One source cited both ways


def test_same_source_with_opposite_stances_on_one_claim() -> None:
    sources, c = supported("c", "s")
    c["evidence"].append(link("s0-2020", "no-clear-effect"))
    found = [f for f in findings(*sources, c) if f.kind == "source-both-ways"]
    assert [(f.records, f.message) for f in found] == [(("source:s0-2020", "claim:c"), "s0-2020 is cited on c both as supporting it and as going against it")]


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
    refuted_sources = trials("r")
    refuted = claim("refuted-twice", evidence=[link(s["id"], "refutes") for s in refuted_sources], appearances=[asserts("blog-1"), asserts("blog-2")])
    sources, true_claim = supported("true", "s", appearances=[asserts("blog-0")])
    found = findings(*articles, *refuted_sources, *sources, once, thrice, refuted, true_claim)
    assert [(f.kind, f.records[0]) for f in found] == [("myth", "claim:thrice"), ("myth", "claim:refuted-twice"), ("myth", "claim:once")]
    assert found[1].message == "refuted-twice is asserted by 2 popular articles (blog-1, blog-2) but graded refuted, high certainty"


def test_refuted_myths_come_before_unsupported_ones_and_are_titled_apart() -> None:
    sources = trials("r")
    refuted = claim("refuted", evidence=[link(s["id"], "refutes") for s in sources], appearances=[asserts("blog")])
    unsupported = claim("a-unsupported", appearances=[asserts("blog")])
    found = findings(popular("blog"), *sources, refuted, unsupported)
    assert [(f.records[0], f.title) for f in found] == [("claim:refuted", "myth"), ("claim:a-unsupported", "popular claim without support")]


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
    assert (found.kind, found.records, found.message) == ("dependency-cycle", ("claim:a", "claim:b", "claim:c"), "a depends on b depends on c depends on a")


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


def test_findings_become_located_check_warnings(kb_dir) -> None:
    root = kb_dir({
        "sources/blog.yaml": popular("blog"),
        "claims/myth.yaml": claim("myth", appearances=[asserts("blog")]),
    })
    kb, problems = validate_knowledge_base(root)
    assert [(p.as_tuple(), p.level) for p in problems] == [(("claims/myth.yaml", 9, "W305"), "warning")]
    assert problems[0].message == "popular claim without support: myth is asserted by 1 popular article (blog) but graded insufficient evidence, very low certainty"
    assert [p.code for p in contradiction_problems(kb)] == ["W305"]


def test_every_finding_code_is_documented() -> None:
    assert {"W301", "W302", "W303", "W304", "W305", "W306", "W307"} <= set(CODES)


def _as_read(text: str):
    back = nx.parse_graphml(text, force_multigraph=True)
    return dict(back.nodes(data=True)), sorted((u, v, k, sorted(d.items())) for u, v, k, d in back.edges(keys=True, data=True))


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
