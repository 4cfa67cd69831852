"""Popular articles kept under tests/fixtures/articles: each text names its source, and quotes are verbatim."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gluteclaims.analysis.check import validate_knowledge_base
from tests.conftest import REPO

ARTICLES = REPO / "tests" / "fixtures" / "articles"
HEADER = re.compile(r"\A# url: (?P<url>https?://\S+)\n# read: (?P<read>\d{4}-\d{2}-\d{2})\n")


@pytest.fixture(scope="module")
def kb():
    kb, problems = validate_knowledge_base(REPO)
    assert [str(p) for p in problems if p.level == "error"] == []
    return kb


def article_texts() -> dict[str, str]:
    """The stored text of each article, by the id of its source record (the file name)."""
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(ARTICLES.glob("*.txt"))}


def test_there_are_article_texts() -> None:
    assert article_texts(), f"no article texts in {ARTICLES}"


@pytest.mark.parametrize("article", sorted(article_texts()))
def test_article_text_starts_with_its_address_and_read_date(article: str) -> None:
    match = HEADER.match(article_texts()[article])
    assert match, f"{article}.txt must start with '# url: ADDRESS' and '# read: YYYY-MM-DD' lines"
    assert match.end() < len(article_texts()[article]), f"{article}.txt has no text after its header"


def test_every_article_text_is_a_popular_article_source_at_the_same_address(kb) -> None:
    wrong = []
    for article, text in article_texts().items():
        source = kb.sources.get(article)
        match = HEADER.match(text)
        if source is None or not source.is_popular:
            wrong.append((article, "no popular-article source with this id"))
        elif match and source.identifiers.url != match["url"]:
            wrong.append((article, f"source url {source.identifiers.url} differs from {match['url']}"))
    assert wrong == []


def test_every_article_with_a_text_is_quoted_by_some_claim(kb) -> None:
    quoted = {a.source for claim in kb.claims.values() for a in claim.appearances if a.quote}
    assert sorted(set(article_texts()) - quoted) == []


def test_appearance_quotes_are_verbatim_in_the_article_texts(kb) -> None:
    texts = article_texts()
    wrong = [
        (claim.id, appearance.source, appearance.quote)
        for claim in kb.claims.values()
        for appearance in claim.appearances
        if appearance.source in texts and (not appearance.quote or appearance.quote not in texts[appearance.source])
    ]
    assert wrong == [], "each appearance quote must occur exactly (same characters) in its article's text"


def test_the_verbatim_check_would_catch_a_changed_quote() -> None:
    text = next(iter(article_texts().values()))
    body = text[HEADER.match(text).end() :]
    sentence = body.strip().splitlines()[0]
    assert sentence in text
    assert sentence + " (edited)" not in text


def test_texts_are_kept_apart_from_the_check_a_text_evaluation_set() -> None:
    reserved = {Path(p).stem for p in (REPO / "tests" / "fixtures" / "audit_eval" / "articles").glob("*.txt")}
    manifest = (REPO / "tests" / "fixtures" / "audit_eval" / "manifest.yaml").read_text(encoding="utf-8")
    reserved_urls = set(re.findall(r'url: "([^"]+)"', manifest))
    clashes = [
        article
        for article, text in article_texts().items()
        if article in reserved or (HEADER.match(text) and HEADER.match(text)["url"] in reserved_urls)
    ]
    assert clashes == []
