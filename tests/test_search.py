"""The spelling-tolerant search index."""

from __future__ import annotations

from gluteclaims.analysis.check import validate_knowledge_base
from gluteclaims.grading.grade import grade_all
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.search.index import fuzzy_index, words

from .conftest import claim, source, write_kb


def test_words_are_lower_case_distinct_and_without_stopwords():
    assert words(["The dead BUTT, dead but syndrome of 2020"]) == ["dead", "butt", "but", "syndrome"]


def test_claims_are_indexed_by_statement_aliases_and_page_words(tmp_path):
    root = write_kb(
        tmp_path,
        {
            "sources/a-2020.yaml": source("a-2020", authors=["Contreras, Bret"]),
            "claims/one.yaml": claim(
                "one",
                statement="Sitting switches glutes off.",
                aliases=["dead butt syndrome"],
                summary="Reciprocal inhibition is not shown.",
                topics=["sitting"],
            ),
        },
    )
    kb, _ = validate_knowledge_base(root)
    docs = {d["u"]: d for d in fuzzy_index(kb, grade_all(kb))["docs"]}
    one = docs["claims/one/"]
    assert one["t"] == "Sitting switches glutes off." and one["a"] == ["dead butt syndrome"]
    # The question and aliases weigh most, then the statement and topics, then the rest of the page.
    assert {"dead", "butt", "syndrome"} <= set(one["h"])
    assert {"sitting", "switches", "glutes"} <= set(one["k"]) and not set(one["k"]) & set(one["h"])
    assert {"reciprocal", "inhibition"} <= set(one["w"]) and not set(one["w"]) & (set(one["k"]) | set(one["h"]))
    assert (one["d"], one["v"], one["c"]) == ("not studied", "not-studied", "")
    assert one["s"].startswith("No study")
    assert "contreras" in docs["sources/a-2020/"]["k"] and "contreras" in docs["sources/a-2020/"]["n"]


def test_the_thesaurus_joins_what_people_say_and_never_a_word_to_its_stem():
    data = fuzzy_index(*_empty_kb())
    groups = [set(group) for group in data["thesaurus"]]
    assert any({"growth", "hypertrophy"} <= g for g in groups)
    assert any({"butt", "glute"} <= g for g in groups)
    assert not any({"dead", "deadlift"} <= g for g in groups)
    # A word means one thing: it is in at most one group.
    every = [w for g in data["thesaurus"] for w in g]
    assert len(every) == len(set(every))


def _empty_kb():
    return KnowledgeBase(claims={}, sources={}), {}
