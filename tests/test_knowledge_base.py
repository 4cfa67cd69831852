"""The bundled knowledge base keeps its own promises: featured claims, evidence, verification."""

from __future__ import annotations

import re

import pytest

from gluteclaims.analysis.check import validate_knowledge_base
from tests.conftest import ARTICLE_SEEDS, REPO, seed_path

FEATURED = (
    "glute-amnesia-from-sitting",
    "hip-flexors-inhibit-glutes",
    "back-pain-means-inhibited-glutes",
    "hip-thrust-more-glute-activation-than-squat",
    "hip-thrust-more-glute-growth-than-squat",
)
REVIEW_KINDS = {"systematic-review", "meta-analysis"}


@pytest.fixture(scope="module")
def kb():
    kb, problems = validate_knowledge_base(REPO)
    assert [str(p) for p in problems if p.level == "error"] == []
    return kb


def counted_sources(kb, claim) -> list:
    return [kb.sources[link.source] for link in claim.evidence if kb.sources[link.source].counts_as_evidence]


@pytest.mark.parametrize("claim_id", FEATURED)
def test_featured_claim_has_six_studies(kb, claim_id: str) -> None:
    assert len({s.id for s in counted_sources(kb, kb.claims[claim_id])}) >= 6


@pytest.mark.parametrize("claim_id", FEATURED)
def test_featured_claim_links_a_review_or_says_none_exists(kb, claim_id: str) -> None:
    claim = kb.claims[claim_id]
    has_review = any(s.kind in REVIEW_KINDS for s in counted_sources(kb, claim))
    assert has_review or re.search(r"no systematic review", claim.notes or "", re.I)


def test_every_claim_has_evidence_or_a_no_evidence_note(kb) -> None:
    assert [c.id for c in kb.claims.values() if not counted_sources(kb, c) and not c.no_evidence_note] == []


def test_every_claim_is_asserted_or_disputed_somewhere_or_explains_why_not(kb) -> None:
    assert [c.id for c in kb.claims.values() if not c.appearances and not c.notes] == []


def test_every_verified_source_says_where_it_was_checked(kb) -> None:
    assert [s.id for s in kb.sources.values() if s.verification.status != "failed" and not s.verification.checked] == []


def test_failed_citations_say_how_they_were_cited(kb) -> None:
    failed = [s for s in kb.sources.values() if s.verification.status == "failed"]
    assert len(failed) >= 7
    assert [s.id for s in failed if not s.verification.cited_as or s.verification.failure is None] == []


def test_the_known_citation_failures_are_recorded(kb) -> None:
    for source_id in (
        "emami-2014",
        "marshall-2011",
        "unverifiable-jscr-2021-hinge",
        "unverifiable-sportsmed-2020-meta",
        "mcgowan-2021",
        "leinonen-2000-citation",
        "darlow-2013-citation",
    ):
        assert kb.sources[source_id].verification.status == "failed", source_id


def test_the_four_popular_articles_are_popular_articles(kb) -> None:
    assert {s.id for s in kb.sources.values() if s.is_popular} >= set(ARTICLE_SEEDS)


def test_appearance_quotes_are_verbatim_from_the_articles(kb, seeds_dir) -> None:
    texts = {article: seed_path(seeds_dir, article).read_text(encoding="utf-8") for article in ARTICLE_SEEDS}
    wrong = [
        (claim.id, appearance.source, appearance.quote)
        for claim in kb.claims.values()
        for appearance in claim.appearances
        if appearance.quote and appearance.source in texts and appearance.quote not in texts[appearance.source]
    ]
    assert wrong == []


def test_record_files_carry_the_schema_hint() -> None:
    for kind, schema in (("claims", "claim"), ("sources", "source")):
        for path in (REPO / kind).glob("*.yaml"):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../schemas/{schema}.schema.json", path.name
