"""The site as text: a knowledge base and its grades in, {relative path: Markdown or data} out.

Which pages there are, which an edit changes, and which process renders them; how each page
reads is `pages.Pages`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gluteclaims.analysis.graph import find_contradictions
from gluteclaims.audit.browser import INDEX_PATH, PAGE_PATH, audit_index_script
from gluteclaims.audit.matcher import DEFAULT_MIN_SCORE
from gluteclaims.grading.methodology import methodology_markdown
from gluteclaims.kb import forked
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.refs.exports import FILES, Citations, citations, data_files, reference_files
from gluteclaims.search.index import fuzzy_index
from gluteclaims.site.pages import TEMPLATES, Pages, SiteInput, environment
from gluteclaims.site.views import contributing_fields, graph_elements

# Below this many record pages, starting worker processes costs more than it saves.
PARALLEL_MIN_PAGES = 1_500


@dataclass(frozen=True)
class Rendered:
    """A render's files, and what each record page showed, to tell which pages a later edit changes."""

    files: dict[str, str]
    inputs: dict[str, tuple]
    citations: dict[str, Citations] = field(default_factory=dict)
    claims_shown: tuple = ()  # every claim and its grade: all the "Check a text" index shows


def render_site(site: SiteInput, templates: Path = TEMPLATES, workers: int | None = None) -> dict[str, str]:
    """Every generated page and data file of the site, by path relative to the docs folder.

    With many records, claim and source pages are rendered in forked worker processes (one per
    core, or `workers`; 0 renders everything here) while this process renders the rest.
    """
    return _render(site, None, templates, workers, remember=False).files


def render_again(
    site: SiteInput, previous: Rendered | None, templates: Path = TEMPLATES, workers: int | None = None
) -> Rendered:
    """The site again after an edit: record pages whose inputs equal the last render's are reused.

    The output is the same as `render_site`'s; `previous` must come from the same templates.
    """
    return _render(site, previous, templates, workers, remember=True)


def _render(
    site: SiteInput, previous: Rendered | None, templates: Path, workers: int | None, remember: bool
) -> Rendered:
    """The site; with `remember`, also what each record page showed, for the next `render_again`."""
    global _pages
    env = environment(templates)
    findings = find_contradictions(site.kb, site.grades)
    pages = Pages(site, env, findings)
    paths = {f"{kind}s/{record_id}.md": (kind, record_id) for kind, record_id in _records(site.kb)}
    inputs = {path: pages.inputs(*record) for path, record in paths.items()} if remember or previous else {}
    kept = {
        path: previous.files[path] for path, shown in inputs.items() if previous and previous.inputs.get(path) == shown
    }
    records = [record for path, record in paths.items() if path not in kept]
    if workers is None:
        workers = forked.cores() if len(records) >= PARALLEL_MIN_PAGES and forked.fork_is_safe() else 0
    _pages = pages
    try:
        shared = forked.Forked(_record_pages, forked.chunked(records, 4 * workers), workers) if workers > 1 else None
        # The "Check a text" index shows every claim and its grade, and nothing else of the knowledge base.
        claims_shown = tuple((i, site.kb.claims[i], site.grades.get(i)) for i in sorted(site.kb.claims))
        reuse_index = previous is not None and previous.claims_shown == claims_shown
        out = _site_wide_pages(site, pages, previous.files[INDEX_PATH] if previous and reuse_index else None)
        files = data_files(site.kb, site.grades)
        fresh: dict[str, str] = {}
        # A kept source page showed an unchanged source: its citations are unchanged too.
        formatted = {
            i: previous.citations[i]
            for i in site.kb.sources
            if previous and f"sources/{i}.md" in kept and i in previous.citations
        }
        for chunk_pages, chunk_citations in shared.results() if shared else [_record_pages(records)]:
            fresh.update(chunk_pages)
            formatted.update(chunk_citations)
    finally:
        _pages = None
    out.update((path, kept[path] if path in kept else fresh[path]) for path in paths)
    # The reference files reuse each source's citations as its page formatted them.
    files.update(reference_files(site.kb, formatted))
    out.update((f"downloads/{name}", files[name]) for name in FILES)
    return Rendered(out, inputs, formatted, claims_shown if remember else ())


def _records(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(kind, id) of every record page, claims then sources, each in id order."""
    return [("claim", i) for i in sorted(kb.claims)] + [("source", i) for i in sorted(kb.sources)]


# The Pages a forked worker renders from: set before the workers start, so each starts with a copy.
_pages: Pages | None = None


def _record_pages(records: Sequence[tuple[str, str]]) -> tuple[dict[str, str], dict[str, Citations]]:
    """The page of each (kind, id), rendered from the Pages set for this render, and each source's citations."""
    assert _pages is not None
    kb = _pages.kb
    pages: dict[str, str] = {}
    formatted: dict[str, Citations] = {}
    for kind, record_id in records:
        if kind == "claim":
            pages[f"claims/{record_id}.md"] = _pages.claim(kb.claims[record_id])
        else:
            formatted[record_id] = citations(kb.sources[record_id])
            pages[f"sources/{record_id}.md"] = _pages.source(kb.sources[record_id], formatted[record_id])
    return pages, formatted


def _site_wide_pages(site: SiteInput, pages: Pages, audit_index: str | None = None) -> dict[str, str]:
    """Pages and data files that draw on the whole knowledge base (`audit_index`: the last one, still true)."""
    return {
        "index.md": pages.home(),
        "claims/index.md": pages.claim_index(),
        "sources/index.md": pages.source_index(),
        "browse/verdicts.md": pages.by_verdict(),
        "browse/topics.md": pages.by_topic(),
        "articles.md": pages.articles(),
        "contradictions.md": pages.contradictions(),
        "methodology.md": methodology_markdown(),
        "glossary.md": pages.plain("glossary.md.j2"),
        "graph.md": pages.plain("graph.md.j2"),
        "contributing.md": pages.plain("contributing.md.j2", fields=contributing_fields()),
        "downloads.md": pages.plain("downloads.md.j2", files=FILES),
        "assets/javascripts/graph-data.js": "window.GLUTECLAIMS_GRAPH = "
        + json.dumps(graph_elements(site.kb, site.grades), ensure_ascii=False, sort_keys=True)
        + ";\n",
        PAGE_PATH: pages.plain("check.md.j2", min_score=DEFAULT_MIN_SCORE),
        INDEX_PATH: audit_index if audit_index is not None else audit_index_script(site.kb, site.grades),
        "assets/fuzzy-index.json": json.dumps(fuzzy_index(site.kb, site.grades), ensure_ascii=False, sort_keys=True),
    }
