"""How each page of the site reads: the Jinja2 templates filled from one knowledge base, its grades and findings."""

from __future__ import annotations

import functools
import json
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from gluteclaims.analysis.graph import AGAINST, NEEDS_A_FIX, UNSUPPORTED, Finding
from gluteclaims.grading.grade import Grade
from gluteclaims.grading.labels import CERTAINTY_LABELS, COMPARISON_WORDS, DESIGN_WORDS, VERDICT_LABELS, VERDICTS
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.models import Claim, Relation, Source
from gluteclaims.refs import cite
from gluteclaims.refs.claimreview import claimreview
from gluteclaims.refs.exports import Citations, citations
from gluteclaims.site import glossary, markup
from gluteclaims.site.claim_graph import claim_graph
from gluteclaims.site.views import (
    LOOKUP_FIELDS,
    OUTCOME_WORDS,
    Badge,
    Names,
    claim_badge,
    claim_title,
    field_words,
    first_sentence,
    source_name,
    stance_label,
    study_rows,
    topic_anchor,
    topic_words,
    verdict_badge,
    verdict_heading,
)

# The templates, the site's styles and scripts and its mkdocs.yml are package data: the project's
# site_templates/ folder, installed as gluteclaims.site.templates (see pyproject.toml).
TEMPLATES = Path(str(resources.files("gluteclaims.site.templates")))


@dataclass(frozen=True)
class SiteInput:
    """Everything a page shows: records, grades, where the site lives, when each record changed."""

    kb: KnowledgeBase
    grades: Mapping[str, Grade]
    base_url: str
    changed: Mapping[str, str] = field(default_factory=dict)


@functools.lru_cache(maxsize=8)
def environment(templates: Path) -> jinja2.Environment:
    """The Jinja2 environment for the page templates under `templates`: record text escaped by default.

    One per folder, kept: it keeps the compiled templates, and compiles a template again only
    when its file changes (Jinja2 checks the time), so `serve` does not recompile on every edit.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates / "pages"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        # Every {{ value }} is record text unless it is Markup we built: escape by default.
        finalize=markup.text,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        link=markup.link, tabs=markup.tabs, json_ld=markup.json_ld, yaml_string=markup.yaml_string, url=markup.url
    )
    env.globals.update(
        VERDICTS=VERDICTS,
        CERTAINTY_RANK=CERTAINTY_RANK,
        VERDICT_LABELS=VERDICT_LABELS,
        CERTAINTY_LABELS=CERTAINTY_LABELS,
        DESIGN_WORDS=DESIGN_WORDS,
        COMPARISON_WORDS=COMPARISON_WORDS,
        stance_label=stance_label,
        first_sentence=first_sentence,
        claim_title=claim_title,
        topic_words=topic_words,
        field_words=field_words,
        LOOKUP_FIELDS=LOOKUP_FIELDS,
        OUTCOME_WORDS=OUTCOME_WORDS,
        TERMS=glossary.TERMS,
        topic_anchor=topic_anchor,
        verdict_badge=verdict_badge,
        verdict_heading=verdict_heading,
        Markup=Markup,
    )
    return env


class Pages:
    """Renders each kind of page from one set of records, grades and findings."""

    def __init__(self, site: SiteInput, env: jinja2.Environment, findings: list[Finding]):
        self.site, self.env, self.findings = site, env, findings
        self.kb = site.kb
        self.names = Names(self.kb)
        # Built once: looking these up page by page made rendering quadratic in the records.
        self.bearing = _claims_by_source(self.kb)
        self.incoming = _incoming_relations(self.kb)
        self.cited_by: dict[str, list[str]] = {}
        for other in sorted(self.kb.sources.values(), key=lambda s: s.id):
            if other.verification.resolved_to:
                self.cited_by.setdefault(other.verification.resolved_to, []).append(other.id)
        self.findings_by_record: dict[str, list[Finding]] = {}
        for finding in findings:
            for record_id in _finding_ids(finding):
                self.findings_by_record.setdefault(record_id, []).append(finding)

    def _render(self, template: str, path: str, **context) -> str:
        def href(target: str, anchor: str = "") -> Markup:
            relative = posixpath.relpath(target, posixpath.dirname(path) or ".")
            return Markup(relative + (f"#{anchor}" if anchor else ""))

        def asset(target: str) -> Markup:
            # Raw HTML is not rewritten by the site engine: point at the built page's own folder.
            built = posixpath.dirname(path) if path.endswith("index.md") else path.removesuffix(".md")
            return Markup(posixpath.relpath(target, built or "."))

        return self.env.get_template(template).render(
            href=href,
            asset=asset,
            badge=self.badge,
            ref=self.ref,
            grade_of=self.site.grades.__getitem__,
            readable=self.names.readable,
            **context,
        )

    def plain(self, template: str, **context) -> str:
        """A page whose content does not depend on the records beyond what it is given."""
        return self._render(template, template.removesuffix(".j2"), **context)

    def badge(self, claim_id: str) -> Badge:
        """The verdict and certainty badge of a claim."""
        return claim_badge(self.site.grades[claim_id])

    def ref(self, source_id: str) -> str:
        """A short reference for a source ('Contreras et al. 2015'), or the id when it has no record."""
        source = self.kb.sources.get(source_id)
        return source_name(source) if source else source_id

    def _claims(self, ids: Iterable[str]) -> list[Claim]:
        return [self.kb.claims[i] for i in ids if i in self.kb.claims]

    def home(self) -> str:
        """Search, popular claims the evidence is against, popular claims nobody has shown, the best-supported."""
        grades = self.site.grades
        asserted = {cid: sum(1 for a in c.appearances if a.position == "asserts") for cid, c in self.kb.claims.items()}
        popular = sorted((cid for cid in grades if asserted[cid]), key=lambda cid: (-asserted[cid], cid))
        myths = [cid for cid in popular if grades[cid].verdict in AGAINST]
        unshown = [cid for cid in popular if grades[cid].verdict in UNSUPPORTED and grades[cid].verdict not in AGAINST]
        best = sorted(
            (cid for cid, g in grades.items() if g.verdict == "supported"),
            key=lambda cid: (CERTAINTY_RANK[grades[cid].certainty], -len(grades[cid].counted), cid),
        )
        counts = {v: sum(1 for g in grades.values() if g.verdict == v) for v in VERDICTS}
        return self._render(
            "home.md.j2",
            "index.md",
            myths=[(self.kb.claims[c], asserted[c]) for c in myths[:6]],
            unshown=[(self.kb.claims[c], asserted[c]) for c in unshown[:6]],
            unshown_total=len(unshown),
            best=self._claims(best[:6]),
            counts=counts,
            total_claims=len(self.kb.claims),
            total_sources=len(self.kb.sources),
        )

    def claim_index(self) -> str:
        """Every claim in a sortable table."""
        return self._render(
            "claim_index.md.j2",
            "claims/index.md",
            claims=[self.kb.claims[i] for i in sorted(self.kb.claims)],
            grades=self.site.grades,
        )

    def source_index(self) -> str:
        """Every source in a sortable table."""
        return self._render(
            "source_index.md.j2",
            "sources/index.md",
            sources=[self.kb.sources[i] for i in sorted(self.kb.sources)],
            bearing=self.bearing,
        )

    def by_verdict(self) -> str:
        """Claims grouped by verdict, most certain first."""
        grades = self.site.grades
        groups = {
            v: self._claims(
                sorted(
                    (c for c, g in grades.items() if g.verdict == v),
                    key=lambda c: (CERTAINTY_RANK[grades[c].certainty], c),
                )
            )
            for v in VERDICTS
        }
        return self._render("verdicts.md.j2", "browse/verdicts.md", groups=groups)

    def articles(self) -> str:
        """The popular articles read, most claims first, each with the claims it makes and their verdicts."""
        said: dict[str, list[tuple[Claim, str]]] = {}
        for claim_id in sorted(self.kb.claims):
            claim = self.kb.claims[claim_id]
            for position in dict.fromkeys((a.source, a.position) for a in claim.appearances):
                said.setdefault(position[0], []).append((claim, position[1]))
        articles = [
            (self.kb.sources[sid], claims)
            for sid, claims in said.items()
            if sid in self.kb.sources and self.kb.sources[sid].is_popular
        ]
        articles.sort(key=lambda item: (-len(item[1]), item[0].title.lower()))
        claim_total = len({claim.id for _, claims in articles for claim, _ in claims})
        return self._render("articles.md.j2", "articles.md", articles=articles, claim_total=claim_total)

    def by_topic(self) -> str:
        """Claims grouped by topic tag."""
        topics: dict[str, list[Claim]] = {}
        for claim_id in sorted(self.kb.claims):
            for topic in self.kb.claims[claim_id].topics or ["untagged"]:
                topics.setdefault(topic, []).append(self.kb.claims[claim_id])
        return self._render("topics.md.j2", "browse/topics.md", topics=dict(sorted(topics.items())))

    def contradictions(self) -> str:
        """What the evidence disagrees about, a sentence a finding, grouped by claim; record faults stay in `check`."""
        groups: dict[str, list[Markup]] = {}
        rank: dict[str, int] = {}
        for finding in self.findings:
            if finding.kind in FOR_MAINTAINERS:
                continue
            claim_id = _first_claim(finding)
            if claim_id in self.kb.claims:
                groups.setdefault(claim_id, []).append(self.finding_sentence(finding, claim_id, "contradictions.md"))
                rank[claim_id] = min(rank.get(claim_id, 9), READER_ORDER.index(finding.kind))
        order = sorted(groups, key=lambda c: (rank[c], -len(groups[c]), claim_title(self.kb.claims[c]).lower()))
        return self._render(
            "contradictions.md.j2",
            "contradictions.md",
            groups=[(self.kb.claims[c], groups[c]) for c in order],
            for_maintainers=sum(1 for f in self.findings if f.kind in FOR_MAINTAINERS),
        )

    def finding_sentence(self, finding: Finding, claim_id: str, page: str) -> Markup:
        """One finding about a claim as one sentence a reader can follow on `page`, naming records by their names."""
        grades, kb = self.site.grades, self.kb
        here = posixpath.dirname(page) or "."
        others = [r.split(":", 1)[1] for r in finding.records if r.startswith("claim:") and r[6:] != claim_id]
        sources = [r.split(":", 1)[1] for r in finding.records if r.startswith("source:")]

        def claim_link(other: str) -> str:
            target = posixpath.relpath(f"claims/{other}.md", here)
            return f"[{markup.text(claim_title(kb.claims[other]))}]({target}) ({grades[other].summary})"

        def refs(ids: list[str]) -> str:
            return ", ".join(
                f"[{markup.text(self.ref(s))}]({posixpath.relpath(f'sources/{s}.md', here)})"
                for s in ids
                if s in kb.sources
            )

        summary = grades[claim_id].summary
        if finding.kind == "contested":
            text = f"The studies counted point in opposite directions, so it is graded {summary}."
        elif finding.kind == "contradicting-supported" and others:
            text = (
                f"It contradicts {claim_link(others[0])}, yet both are graded supported: one of the two "
                "relations or sets of results is probably wrong."
            )
        elif finding.kind == "unsupported-mechanism" and others:
            text = f"It is graded supported, but the mechanism it depends on, {claim_link(others[0])}, is not."
        elif finding.kind == "myth":
            count = f"{len(sources)} popular article{'s' if len(sources) != 1 else ''}"
            against = grades[claim_id].verdict in AGAINST
            text = (
                f"{count} repeat it ({refs(sources)}), but "
                + ("the evidence is against it" if against else "no study has shown it")
                + f" ({summary})."
            )
        elif finding.kind == "double-counting" and len(sources) == 2:
            text = (
                f"It cites the review {refs(sources[:1])} and {refs(sources[1:])}, a study the review includes; "
                "the grade counts that study only once, through the review."
            )
        else:
            text = markup.text(self.names.readable(finding.message)) + "."
        return Markup(text)

    def record_path(self, node: str) -> str | None:
        """The page of a graph node ('claim:x', 'source:y') named in a finding, if it has one."""
        kind, _, record_id = node.rpartition(":")
        if kind in ("claim", "") and record_id in self.kb.claims:
            return f"claims/{record_id}.md"
        if kind in ("source", "") and record_id in self.kb.sources:
            return f"sources/{record_id}.md"
        return None

    def inputs(self, kind: str, record_id: str) -> tuple:
        """Everything the page of a claim or source shows, as values that compare equal when the page would not change.

        A record, the grades of claims it shows, the records it names (None when missing) and
        its date. Tested against full renders after edits of every kind: anything a page
        shows and this leaves out would leave that page stale in `serve`.
        """
        kb, grades = self.kb, self.site.grades
        if kind == "claim":
            claim = kb.claims[record_id]
            named = {link.source for link in claim.evidence} | {a.source for a in claim.appearances}
            related = tuple(
                (other_id, kb.claims.get(other_id), grades.get(other_id), rel_type, note, outgoing)
                for other_id, rel_type, note, outgoing in _relations(kb, record_id, self.incoming)
            )
            findings = tuple(self.findings_by_record.get(record_id, []))
            in_findings = tuple(
                (r, kb.claims.get(r), grades.get(r), kb.sources.get(r)) for f in findings for r in _finding_ids(f)
            )
            grade = grades[record_id]
            texts = [
                claim.statement,
                claim.summary,
                claim.bottom_line or "",
                claim.no_evidence_note or "",
                *(link.finding for link in claim.evidence),
                *(reason.sentence for reason in grade.reasons),
                *(rating.reason for rating in grade.ratings),
                *(why for _, why in grade.not_counted.items()),
                *(f.message for f in findings),
            ]
            return (
                claim,
                grade,
                self.names.mentioned(texts),
                tuple((sid, kb.sources.get(sid)) for sid in sorted(named)),
                related,
                findings,
                in_findings,
                self.site.changed.get(f"claims/{record_id}"),
                self.site.base_url,
            )
        source = kb.sources[record_id]
        bearing = tuple(
            (claim, grades[claim.id], stance, said) for claim, stance, said in self.bearing.get(record_id, [])
        )
        cited_by = tuple((sid, kb.sources.get(sid)) for sid in self.cited_by.get(record_id, []))
        resolved = source.verification.resolved_to
        return (
            source,
            bearing,
            cited_by,
            (resolved, kb.sources.get(resolved)) if resolved else None,
            self.site.changed.get(f"sources/{record_id}"),
        )

    def claim(self, claim: Claim) -> str:
        """One claim: verdict, reasons, evidence, where it is claimed, relations, citation, JSON-LD."""
        grade = self.site.grades[claim.id]
        path = f"claims/{claim.id}.md"
        related: list[tuple[Claim, str, str | None]] = []
        contradicting: list[tuple[Claim, str, str | None]] = []
        for other_id, rel_type, note, outgoing in _relations(self.kb, claim.id, self.incoming):
            if other_id not in self.kb.claims:
                continue
            entry = (self.kb.claims[other_id], _relation_words(rel_type, outgoing), note)
            (contradicting if rel_type == "contradicts" else related).append(entry)
        findings = [
            self.finding_sentence(f, claim.id, path)
            for f in self.findings_by_record.get(claim.id, [])
            if f.kind not in FOR_MAINTAINERS and _first_claim(f) == claim.id
        ]
        url = self.site.base_url.rstrip("/") + f"/claims/{claim.id}/"
        seen: set[str] = set()
        glossary_href = posixpath.relpath("glossary", f"claims/{claim.id}") + "/"

        def gloss(value) -> Markup:
            return glossary.gloss(markup.text(value), seen, glossary_href)

        visible = [
            claim.title or "",
            claim.statement,
            claim.bottom_line or "",
            grade.statement,
            claim.summary,
            *(r.sentence for r in grade.reasons),
            *(link.finding for link in claim.evidence),
        ]
        return self._render(
            "claim.md.j2",
            path,
            claim=claim,
            grade=grade,
            excluded=grade.not_counted,
            rows=study_rows(claim, grade, self.kb, self.names),
            terms_box=glossary.terms_box(glossary.terms_in(visible), glossary_href),
            terms=glossary.terms_in(visible),
            gloss=gloss,
            claim_graph=claim_graph(
                claim, self.site.grades, self.kb, [(other, words) for other, words, _ in contradicting + related], path
            ),
            sources=self.kb.sources,
            related=related,
            contradicting=contradicting,
            findings=findings,
            changed=self.site.changed.get(f"claims/{claim.id}"),
            url=url,
            citation=_claim_citation(claim, grade, url, self.site.changed.get(f"claims/{claim.id}")),
            jsonld=claimreview(
                claim, grade, self.kb, self.site.base_url, date_published=self.site.changed.get(f"claims/{claim.id}")
            ),
            record_path=self.record_path,
        )

    def source(self, source: Source, formatted: Citations | None = None) -> str:
        """One source: full reference, verification and integrity, the claims it bears on, citations."""
        bearing = self.bearing.get(source.id, [])
        formatted = formatted or citations(source)
        tabs = [
            ("APA", cite.to_apa(source), "text"),
            ("BibTeX", formatted.bibtex, "bibtex"),
            ("CSL-JSON", json.dumps(formatted.csl, ensure_ascii=False, indent=2), "json"),
            ("RIS", formatted.ris, "text"),
        ]
        cited_by = self.cited_by.get(source.id, [])
        return self._render(
            "source.md.j2",
            f"sources/{source.id}.md",
            source=source,
            bearing=bearing,
            citations=tabs,
            cited_by=cited_by,
            design=DESIGN_WORDS.get(source.kind, source.kind),
            apa_authors=cite.apa_authors(source),
            changed=self.site.changed.get(f"sources/{source.id}"),
        )


CERTAINTY_RANK = {"high": 0, "moderate": 1, "low": 2, "very-low": 3, None: 4}
# Findings a reader learns something from, most telling first; the rest are bookkeeping the grade
# already handles (a study counted through its review) or faults in the records, for `check`.
READER_ORDER = ("contradicting-supported", "unsupported-mechanism", "contested", "myth")
FOR_MAINTAINERS = NEEDS_A_FIX | {"double-counting"}


def _claims_by_source(kb: KnowledgeBase) -> dict[str, list[tuple[Claim, str, str]]]:
    """(claim, stance or position, finding or quote) for every claim a source bears on."""
    out: dict[str, list[tuple[Claim, str, str]]] = {}
    for claim_id in sorted(kb.claims):
        claim = kb.claims[claim_id]
        for link in claim.evidence:
            out.setdefault(link.source, []).append((claim, link.direction, link.finding))
        for appearance in claim.appearances:
            out.setdefault(appearance.source, []).append(
                (claim, appearance.position, appearance.quote or appearance.locator)
            )
    return out


def _incoming_relations(kb: KnowledgeBase) -> dict[str, list[tuple[str, Relation]]]:
    """For each claim, the (other claim, relation) pairs that point at it, in order of the other's id."""
    incoming: dict[str, list[tuple[str, Relation]]] = {}
    for other_id in sorted(kb.claims):
        for rel in kb.claims[other_id].relations:
            incoming.setdefault(rel.claim, []).append((other_id, rel))
    return incoming


def _relations(
    kb: KnowledgeBase, claim_id: str, incoming: dict[str, list[tuple[str, Relation]]]
) -> list[tuple[str, str, str | None, bool]]:
    """(other claim, relation type, note, True when this claim states it) in both directions, once each."""
    seen: set[tuple[str, str]] = set()
    found: list[tuple[str, str, str | None, bool]] = []
    for rel in kb.claims[claim_id].relations:
        seen.add((rel.claim, rel.type))
        found.append((rel.claim, rel.type, rel.note, True))
    for other_id, rel in incoming.get(claim_id, []):
        if (other_id, rel.type) not in seen:
            seen.add((other_id, rel.type))
            found.append((other_id, rel.type, rel.note, False))
    return found


def _relation_words(rel_type: str, outgoing: bool) -> str:
    words = {
        ("contradicts", True): "contradicts",
        ("contradicts", False): "contradicts",
        ("depends-on", True): "depends on",
        ("depends-on", False): "is the mechanism behind",
        ("refines", True): "is a narrower version of",
        ("refines", False): "is refined by",
    }
    return words[(rel_type, outgoing)]


def _first_claim(finding: Finding) -> str:
    """The claim a finding is about: the first claim among its records."""
    return next((r.split(":", 1)[1] for r in finding.records if r.startswith("claim:")), "")


def _finding_ids(finding: Finding) -> set[str]:
    """Record ids in a finding, whose records are graph nodes like 'claim:x' and 'source:y'."""
    return {str(r).split(":", 1)[-1] for r in finding.records}


def _claim_citation(claim: Claim, grade: Grade, url: str, changed: str | None) -> list[tuple[str, str, str]]:
    """The claim page as a reference, in plain text and BibTeX."""
    year = (changed or "")[:4] or "n.d."
    verdict = grade.summary
    text = f"gluteclaims. ({year}). {claim.statement.rstrip('.')} [Claim review: {verdict}]. {url}"
    accessed = f"\n  urldate = {{{changed}}}," if changed else ""
    bibtex = (
        f"@misc{{gluteclaims-{claim.id},\n"
        f"  author = {{{{gluteclaims}}}},\n"
        f"  title = {{{{{cite.latex_text(claim.statement.rstrip('.'))}}}: claim review ({verdict})}},\n"
        f"  year = {{{year}}},\n"
        f"  url = {{{url}}},{accessed}\n"
        f"  note = {{Evidence-graded claim review}}\n}}"
    )
    return [("Text", text, "text"), ("BibTeX", bibtex, "bibtex")]
