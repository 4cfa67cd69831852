"""The built site in Debian's Chromium: search, claim and source pages, copying, JSON-LD, accessibility, safety."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from gluteclaims.analysis.check import validate_knowledge_base
from gluteclaims.grading.grade import grade_all
from gluteclaims.grading.labels import CERTAINTY_LABELS, VERDICT_LABELS
from gluteclaims.refs import cite
from gluteclaims.site.views import Names

from .conftest import ARTIFACTS, AXE, REPO


@pytest.fixture(scope="module")
def real():
    kb, _ = validate_knowledge_base(REPO)
    return kb, grade_all(kb)


def claims_where(kb, test) -> set[str]:
    """Ids of the claims for which test(claim) holds, so tests follow the records, not fixed ids."""
    found = {c.id for c in kb.claims.values() if test(c)}
    assert found, "no claim in the knowledge base fits this search test"
    return found


def by_alias(kb, alias: str) -> set[str]:
    return claims_where(kb, lambda c: any(a.lower() == alias for a in c.aliases))


def by_statement(kb, *words: str) -> set[str]:
    return claims_where(kb, lambda c: all(w in c.statement.lower() for w in words))


def search(page, server: str, query: str) -> list[str]:
    """Type the query into the home page's search box key by key; the result pages' paths, best first."""
    page.goto(f"{server}/real/")
    page.locator("#gc-search-input").click()
    box = page.locator("input[data-md-component=search-query]")
    expect(box).to_be_focused()
    box.press_sequentially(query, delay=40)
    page.wait_for_selector(".md-search-result li.md-search-result__item")
    page.wait_for_timeout(800)
    return page.eval_on_selector_all(
        ".md-search-result li.md-search-result__item",
        "items => items.map(li => new URL(li.querySelector('a').href).pathname)",
    )


def reach(page, server: str, query: str, targets: set[str]) -> str:
    """Search, check a target claim is among the first three results, open it; the claim id reached."""
    paths = search(page, server, query)
    wanted = [f"/real/claims/{t}/" for t in targets]
    hits = [i for i, path in enumerate(paths) if path in wanted]
    assert hits and hits[0] < 3, f"{query!r}: none of {sorted(targets)} in the first three results {paths[:5]}"
    page.locator(".md-search-result li.md-search-result__item").nth(hits[0]).locator("a").first.click()
    page.wait_for_load_state()
    reached = page.url.split("/claims/")[1].split("/")[0]
    assert reached in targets
    expect(page.locator("h1")).to_be_visible()
    return reached


@pytest.mark.parametrize("query", ["dead butt", "reciprocal inhibition", "hip thrust squat"])
def test_plain_words_find_the_claim(page, server, real, query):
    kb, _ = real
    targets = {
        "dead butt": by_alias(kb, "dead butt syndrome"),
        "reciprocal inhibition": by_statement(kb, "reciprocal inhibition"),
        "hip thrust squat": by_statement(kb, "hip thrust", "squat"),
    }[query]
    reach(page, server, query, targets)


@pytest.mark.parametrize(
    "query, alias",
    [("glute amnesai", "gluteal amnesia"), ("dead but syndrom", "dead butt syndrome"), ("reciprical inhibition", None)],
)
def test_misspellings_still_find_the_claim(page, server, real, query, alias):
    kb, _ = real
    targets = by_alias(kb, alias) if alias else by_statement(kb, "reciprocal inhibition")
    reach(page, server, query, targets)


def test_the_theme_alone_misses_a_misspelling_the_fallback_catches(page, server, real):
    kb, _ = real
    target = f"/real/claims/{min(by_alias(kb, 'gluteal amnesia'))}/"
    search(page, server, "gluteal amnesai")
    theme = page.eval_on_selector_all(
        ".md-search-result > ol.md-search-result__list > li",
        "items => items.map(li => new URL(li.querySelector('a').href).pathname)",
    )
    fallback = page.eval_on_selector_all(
        ".gc-fuzzy li", "items => items.map(li => new URL(li.querySelector('a').href).pathname)"
    )
    assert target not in theme[:3]
    assert fallback[0] == target
    # Enter opens the best spelling-tolerant match, as it opens the theme's best result otherwise.
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")


def test_claim_page_shows_verdict_and_sortable_evidence(page, server, real):
    kb, grades = real
    claim_id = min(by_alias(kb, "dead butt syndrome"))
    claim, grade = kb.claims[claim_id], grades[claim_id]
    page.goto(f"{server}/real/claims/{claim_id}/")
    badge = page.locator(".gc-verdict-line .gc-badge")
    expect(badge).to_contain_text(VERDICT_LABELS[grade.verdict], ignore_case=True)
    expect(page.locator(".gc-verdict-line .gc-certainty")).to_contain_text(
        f"{CERTAINTY_LABELS[grade.certainty]} certainty"
    )
    table = page.locator("#evidence ~ .md-typeset__scrollwrap table, #evidence + .md-typeset__scrollwrap table").first
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    assert headers == ["Study", "Design", "Participants", "Measured", "Result", "In the grade", "Finding"]
    assert table.locator("tbody tr").count() == len(claim.evidence)
    participants = table.locator("thead th", has_text="Participants")
    participants.click()
    expect(participants).to_have_attribute("aria-sort", "ascending")
    participants.click()
    expect(participants).to_have_attribute("aria-sort", "descending")
    names = Names(kb)
    for reason in grade.reasons:
        expect(page.locator("#why-this-grade + ol")).to_contain_text(names.readable(reason.sentence)[:40])


def test_the_claims_table_sorts_certainty_by_level_not_alphabetically(page, server, real):
    _, grades = real
    page.goto(f"{server}/real/claims/")
    table = page.locator("article table").first
    rank = {
        **{CERTAINTY_LABELS[level]: i for i, level in enumerate(["high", "moderate", "low", "very-low"])},
        "none": 4,
    }
    heading = table.locator("thead th", has_text="Certainty")
    for direction in ("ascending", "descending"):
        heading.click()
        expect(heading).to_have_attribute("aria-sort", direction)
        column = [rank[text.strip()] for text in table.locator("tbody tr td:nth-child(3)").all_inner_texts()]
        assert column == sorted(column, reverse=direction == "descending") and len(set(column)) > 1
    assert len(column) == len(grades)


def test_selecting_a_node_on_a_phone_zooms_to_what_it_links_to(browser, server, real):
    kb, _ = real
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{server}/real/graph/")
    page.wait_for_function("window.gcGraph && window.gcGraph.nodes().length > 0")
    whole = page.evaluate("window.gcGraph.zoom()")
    claim = min(kb.claims)
    # Evaluated as statements: returning Cytoscape's objects to Python would try to serialise the whole graph.
    page.evaluate(f"() => {{ window.gcGraph.getElementById('claim:{claim}').emit('tap'); }}")
    expect(page.locator("#gc-graph-selected a")).to_have_attribute("href", f"{server}/real/claims/{claim}/")
    page.wait_for_function(f"window.gcGraph.zoom() > {whole} * 1.5")
    page.evaluate("() => { window.gcGraph.emit('tap'); }")
    page.wait_for_function(f"Math.abs(window.gcGraph.zoom() - {whole}) < {whole} * 0.2")
    page.close()


def test_copy_bibtex_from_a_source_page(page, server, real):
    kb, _ = real
    source = kb.sources[min(s for s in kb.sources if kb.sources[s].identifiers.doi)]
    page.goto(f"{server}/real/sources/{source.id}/")
    tabs = page.locator("#cite-this-source ~ .tabbed-set").first
    tabs.locator(".tabbed-labels label", has_text="BibTeX").click()
    block = tabs.locator(".tabbed-block").nth(1)
    expect(block).to_be_visible()
    block.hover()
    block.locator("button[data-md-type=copy]").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == cite.to_bibtex(source).strip()


def test_claimreview_json_ld(page, server, real):
    kb, grades = real
    claim_id = min(c.id for c in kb.claims.values() if any(a.position == "asserts" for a in c.appearances))
    claim, grade = kb.claims[claim_id], grades[claim_id]
    page.goto(f"{server}/real/claims/{claim_id}/")
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "ClaimReview"
    assert data["url"] == f"http://127.0.0.1/real/claims/{claim_id}/"
    assert data["claimReviewed"] == claim.statement
    assert VERDICT_LABELS[grade.verdict] not in data["claimReviewed"].lower()
    rating = data["reviewRating"]
    assert {"ratingValue", "bestRating", "worstRating", "alternateName"} <= set(rating)
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert VERDICT_LABELS[grade.verdict] in rating["alternateName"].lower()
    item = data["itemReviewed"]
    assert item["@type"] == "Claim"
    urls = {a["url"] for a in item["appearance"]} | {item["firstAppearance"]["url"]}
    asserting = {kb.sources[a.source].identifiers.url for a in claim.appearances if a.position == "asserts"}
    assert urls <= asserting | {None} and urls & asserting
    assert data["author"]["name"]
    assert data["datePublished"][:4].isdigit()


PAGE_TYPES = {
    "home": "",
    "claim": "claims/{claim}/",
    "source": "sources/{source}/",
    "claims index": "claims/",
    "sources index": "sources/",
    "by verdict": "browse/verdicts/",
    "by topic": "browse/topics/",
    "contradictions": "contradictions/",
    "methodology": "methodology/",
    "graph": "graph/",
    "contributing": "contributing/",
    "downloads": "downloads/",
    "glossary": "glossary/",
}


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_no_serious_accessibility_violations(page, server, real, outside, kind):
    assert AXE.is_file(), f"axe-core is missing at {AXE}: run scripts/install-test-deps.sh"
    kb, _ = real
    claim = min(by_alias(kb, "dead butt syndrome"))
    source = min(s for s in kb.sources if kb.sources[s].verification.status == "failed")
    page.goto(f"{server}/real/" + PAGE_TYPES[kind].format(claim=claim, source=source))
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert outside == [], "the page tried to reach the network"


@pytest.mark.parametrize(
    "path",
    [
        "claims/hostile-claim/",
        "sources/hostile-2020/",
        "sources/hostile-blog/",
        "",
        "claims/",
        "sources/",
        "browse/topics/",
        "graph/",
    ],
)
def test_hostile_text_is_shown_not_run(page, server, path):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server}/hostile/{path}")
    page.wait_for_load_state("networkidle")
    page.mouse.move(400, 400)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert (
        page.locator(
            "article img[src=x], article svg[onload], article iframe, article "
            "script:not([type='application/ld+json']):not([src])"
        ).count()
        == 0
    )
    if path == "claims/hostile-claim/":
        expect(page.locator("h1")).to_contain_text("<img src=x onerror=\"window.__pwned='title'\">")
        expect(page.locator(".gc-claim-statement")).to_contain_text(
            "<img src=x onerror=\"window.__pwned='statement'\">"
        )
        expect(page.locator(".gc-bottom-line--client")).to_contain_text(
            "<script>window.__pwned='bottom-line'</script> Tell them **squats** [work](javascript:"
        )
        expect(page.locator(".gc-aliases")).to_contain_text("<b onmouseover=")
        expect(page.locator("article")).to_contain_text("# Not a heading *not bold* [not a link]")
        data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
        assert data["claimReviewed"].startswith("<img src=x")
    if path == "sources/hostile-2020/":
        expect(page.locator("h1")).to_contain_text("<script>window.__pwned='script'</script>")
        assert page.locator("a[href^='javascript:']").count() == 0


def test_sources_are_found_by_author_though_the_theme_does_not_index_them(page, server, real):
    kb, _ = real
    source = kb.sources["barbalho-2020"]
    paths = search(page, server, "barbalho")
    assert "/real/sources/barbalho-2020/" in paths[:3], paths[:5]
    expect(page.locator(".gc-fuzzy .gc-fuzzy__meta")).to_have_text("Sources:")
    expect(page.locator(".gc-fuzzy").first).to_contain_text(source.title[:40])


def test_hostile_titles_in_search_results_stay_text(page, server):
    page.goto(f"{server}/hostile/")
    page.locator("#gc-search-input").click()
    page.locator("input[data-md-component=search-query]").press_sequentially("onerror squats", delay=40)
    page.wait_for_selector(".md-search-result li.md-search-result__item")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0
    expect(page.locator(".md-search-result").first).to_contain_text("<img src=x")


@pytest.mark.parametrize("width, height, name", [(1280, 900, "desktop"), (390, 844, "phone")])
def test_screenshots(browser, server, real, width, height, name):
    kb, _ = real
    claim = min(by_alias(kb, "dead butt syndrome"))
    source = min(s for s in kb.sources if kb.sources[s].identifiers.doi)
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=name == "phone", has_touch=name == "phone"
    )
    page = context.new_page()
    for label, path in (("home", ""), ("claim", f"claims/{claim}/"), ("source", f"sources/{source}/")):
        page.goto(f"{server}/real/{path}")
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{label} scrolls sideways on {name}"
        page.screenshot(path=str(ARTIFACTS / f"{label}-{name}.png"), full_page=True)
        page.screenshot(path=str(ARTIFACTS / f"{label}-{name}-top.png"))
    context.close()
