"""The spelling-tolerant search index."""

from __future__ import annotations

from gluteclaims.analysis.check import validate_knowledge_base
from gluteclaims.grading.grade import grade_all
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
    assert {"sitting", "switches", "glutes", "dead", "butt", "syndrome"} <= set(one["k"])
    assert {"reciprocal", "inhibition"} <= set(one["w"]) and not set(one["w"]) & set(one["k"])
    assert one["d"] == "not studied"
    assert "contreras" in docs["sources/a-2020/"]["k"] and "contreras" in docs["sources/a-2020/"]["n"]
