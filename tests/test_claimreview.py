"""ClaimReview JSON-LD: the fields schema.org and fact-check readers look for, from real values."""

from __future__ import annotations

from pathlib import Path

from gluteclaims.analysis.check import validate_knowledge_base
from gluteclaims.grading.grade import grade_all
from gluteclaims.grading.labels import VERDICTS
from gluteclaims.refs.claimreview import BEST_RATING, RATINGS, WORST_RATING, claimreview
from tests.conftest import claim, source, write_kb


def _kb(tmp_path: Path):
    files = {
        "sources/blog-2019.yaml": source(
            "blog-2019",
            kind="popular-article",
            title="Sitting kills your glutes",
            authors=["Doe, Jane"],
            year=2019,
            venue="A blog",
            identifiers={"url": "https://blog.example/a"},
        ),
        "sources/blog-2017.yaml": source(
            "blog-2017",
            kind="popular-article",
            title="Dead butt syndrome",
            authors=["Acme Fitness"],
            year=2017,
            venue="Acme",
            identifiers={"url": "https://acme.example/b"},
        ),
        "sources/trial-2020.yaml": source("trial-2020"),
        "claims/sitting-switches-off-glutes.yaml": claim(
            "sitting-switches-off-glutes",
            statement="Sitting switches off the glutes.",
            summary="It does not.",
            evidence=[
                {
                    "source": "trial-2020",
                    "direction": "favours-opposite",
                    "outcome": "hypertrophy",
                    "finding": "No change.",
                }
            ],
            appearances=[
                {"source": "blog-2019", "position": "asserts", "locator": "paragraph 1"},
                {"source": "blog-2017", "position": "asserts", "locator": "title"},
            ],
        ),
    }
    kb, problems = validate_knowledge_base(write_kb(tmp_path, files))
    assert not [p for p in problems if p.level == "error"], problems
    return kb


def test_claimreview_has_the_fields_search_engines_read(tmp_path: Path):
    kb = _kb(tmp_path)
    grade = grade_all(kb)["sitting-switches-off-glutes"]
    review = claimreview(
        kb.claims["sitting-switches-off-glutes"], grade, kb, "https://site.example/", date_published="2024-05-01"
    )
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["url"] == "https://site.example/claims/sitting-switches-off-glutes/"
    assert review["claimReviewed"] == "Sitting switches off the glutes."
    assert review["datePublished"] == "2024-05-01"
    assert review["author"] == {"@type": "Organization", "name": "gluteclaims", "url": "https://site.example/"}
    rating = review["reviewRating"]
    assert rating["ratingValue"] == RATINGS[grade.verdict]
    assert (rating["bestRating"], rating["worstRating"]) == (4, 1) == (BEST_RATING, WORST_RATING)
    assert rating["alternateName"].lower().startswith(grade.verdict)
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert [w["url"] for w in item["appearance"]] == ["https://blog.example/a", "https://acme.example/b"]
    assert (
        item["firstAppearance"]["headline"] == "Dead butt syndrome"
        and item["firstAppearance"]["datePublished"] == "2017"
    )
    assert item["firstAppearance"]["author"] == [{"@type": "Organization", "name": "Acme Fitness"}]
    assert item["appearance"][0]["author"] == [{"@type": "Person", "name": "Jane Doe"}]


def test_opposite_is_worst_and_supported_best():
    assert set(RATINGS) == set(VERDICTS)
    assert RATINGS["opposite"] == WORST_RATING and RATINGS["supported"] == BEST_RATING
    assert RATINGS["opposite"] < RATINGS["little-or-no-difference"] < RATINGS["uncertain"] < RATINGS["supported"]
    # Evidence that cannot tell either way (or none at all) sits in the middle, all alike.
    assert RATINGS["conflicting"] == RATINGS["uncertain"] == RATINGS["not-studied"]


def test_without_appearances_or_date_those_keys_are_left_out(tmp_path: Path):
    kb, _ = validate_knowledge_base(write_kb(tmp_path, {"claims/c.yaml": claim("c")}))
    review = claimreview(kb.claims["c"], grade_all(kb)["c"], kb, "https://site.example")
    assert "appearance" not in review["itemReviewed"] and "datePublished" not in review
    assert review["url"] == "https://site.example/claims/c/"
