"""A small graph for one claim page: the claim, the studies that bear on it, and related claims, as static SVG.

Drawn here rather than by a layout engine in the browser: the layout is the same on every load,
needs no script, and is a single column that reads on a phone. Every node links to its page.
"""

from __future__ import annotations

import posixpath
import textwrap
from collections.abc import Mapping

from markupsafe import Markup, escape

from gluteclaims.grading.grade import Grade
from gluteclaims.grading.labels import DIRECTION_SYMBOLS, DIRECTION_WORDS, VERDICT_SYMBOLS, verdict_words
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.models import Claim
from gluteclaims.site.views import claim_title, source_name

WIDTH = 360
ROW = 30
TRUNK = 22
COLOURS = {
    "favours-claim": "#15803d",
    "favours-opposite": "#b91c1c",
    "little-or-no-difference": "#4b5563",
    "not-reported": "#6b7280",
}
VERDICT_COLOURS = {
    "supported": "#15803d",
    "opposite": "#b91c1c",
    "little-or-no-difference": "#b91c1c",
    "conflicting": "#b45309",
    "uncertain": "#4b5563",
    "not-studied": "#6b7280",
}


def claim_graph(
    claim: Claim,
    grades: Mapping[str, Grade],
    kb: KnowledgeBase,
    related: list[tuple[Claim, str]],
    page: str,
) -> Markup:
    """The SVG figure for the page `page` ('claims/x.md'): the claim, one row per study, then related claims."""
    here = page.removesuffix(".md")
    grade = grades[claim.id]
    counted = set(grade.counted)
    context = dict(grade.context)
    parts: list[str] = []
    lines = textwrap.wrap(claim_title(claim), 44)[:3]
    box = 18 + 17 * len(lines) + 18
    colour = VERDICT_COLOURS[grade.verdict]
    verdict = f"{VERDICT_SYMBOLS[grade.verdict]} {verdict_words(grade.verdict)}"
    parts.append(
        f'<rect x="1" y="1" width="{WIDTH - 2}" height="{box}" rx="6" fill="#ffffff" stroke="{colour}" '
        'stroke-width="2"/>'
    )
    for i, line in enumerate(lines):
        parts.append(f'<text x="12" y="{22 + 17 * i}" class="gc-cg-claim">{escape(line)}</text>')
    parts.append(f'<text x="12" y="{box - 8}" class="gc-cg-verdict" fill="{colour}">{escape(verdict)}</text>')
    y = box + 10
    rows: list[str] = []
    links = claim.first_link_per_source
    for link in links:
        source = kb.sources.get(link.source)
        name = source_name(source) if source else link.source
        status = "counted" if link.source in counted else "context" if link.source in context else "not counted"
        colour = COLOURS[link.direction]
        label = f"{DIRECTION_SYMBOLS[link.direction]} {textwrap.shorten(name, 30, placeholder='…')}"
        dash = "" if status == "counted" else ' stroke-dasharray="4 3"'
        target = posixpath.relpath(f"sources/{link.source}/", here) + "/"
        rows.append(
            f'<a href="{escape(target)}"><title>{escape(name)}: {escape(DIRECTION_WORDS[link.direction])}, '
            f"{status}</title>"
            f'<line x1="{TRUNK}" y1="{y + ROW / 2}" x2="{TRUNK + 18}" y2="{y + ROW / 2}" stroke="{colour}" '
            f'stroke-width="2"{dash}/>'
            f'<rect x="{TRUNK + 18}" y="{y + 3}" width="{WIDTH - TRUNK - 20}" height="{ROW - 6}" rx="4" '
            f'fill="#ffffff" stroke="{colour}"{dash}/>'
            f'<text x="{TRUNK + 26}" y="{y + 19}" class="gc-cg-study" fill="{colour}">{escape(label)}</text>'
            f'<text x="{WIDTH - 8}" y="{y + 19}" class="gc-cg-status" text-anchor="end">{status}</text></a>'
        )
        y += ROW
    if rows:
        parts.append(
            f'<line x1="{TRUNK}" y1="{box + 1}" x2="{TRUNK}" y2="{y - ROW / 2}" stroke="#9ca3af" stroke-width="2"/>'
        )
        parts.extend(rows)
    if related:
        y += 8
        parts.append(f'<text x="4" y="{y + 14}" class="gc-cg-heading">Related claims</text>')
        y += 22
        for other, words in related:
            other_grade = grades[other.id]
            colour = VERDICT_COLOURS[other_grade.verdict]
            target = posixpath.relpath(f"claims/{other.id}/", here) + "/"
            label = (
                f"{VERDICT_SYMBOLS[other_grade.verdict]} {textwrap.shorten(claim_title(other), 46, placeholder='…')}"
            )
            parts.append(
                f'<a href="{escape(target)}"><title>This claim {escape(words)}: {escape(claim_title(other))} '
                f"({escape(other_grade.summary)})</title>"
                f'<rect x="1" y="{y + 3}" width="{WIDTH - 2}" height="{ROW - 6}" rx="4" fill="#ffffff" '
                f'stroke="{colour}" stroke-dasharray="4 3"/>'
                f'<text x="10" y="{y + 19}" class="gc-cg-study" fill="{colour}">{escape(label)}</text></a>'
            )
            y += ROW
    height = y + 4
    counted_n = sum(1 for link in links if link.source in counted)
    caption = (
        f"This claim, the {len(links)} stud{'y' if len(links) == 1 else 'ies'} linked to it ({counted_n} counted in "
        f"the grade) and {len(related)} related claim{'' if len(related) == 1 else 's'}. ▲ favours the claim, "
        "▼ favours the opposite, ○ little or no difference; dashed: not counted."
    )
    svg = (
        f'<svg class="gc-cg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="gc-cg-caption">{"".join(parts)}</svg>'
    )
    return Markup(
        f'<figure class="gc-claim-graph">{svg}<figcaption id="gc-cg-caption">{escape(caption)} '
        f'<a href="{posixpath.relpath("graph/", here)}/">The whole graph</a>.</figcaption></figure>'
    )
