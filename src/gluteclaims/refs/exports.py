"""The knowledge base as files to download: JSON, BibTeX, CSL-JSON, RIS and GraphML."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from gluteclaims.analysis.graph import build_graph, graph_to_graphml
from gluteclaims.grading.grade import Grade
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.models import Source
from gluteclaims.refs import cite

FILES = {
    "gluteclaims.json": "every claim with its grade, and every source, as JSON",
    "references.bib": "all references as BibTeX (classic entry types)",
    "references.csl.json": "all references as CSL-JSON (Zotero, pandoc, citeproc)",
    "references.ris": "all references as RIS (EndNote, Mendeley, Zotero)",
    "graph.graphml": "claims, sources and their links as GraphML (Gephi, Cytoscape, networkx)",
}


@dataclass(frozen=True)
class Citations:
    """One source as a reference in each format the downloads and its page offer."""

    bibtex: str
    csl: dict
    ris: str


def citations(source: Source) -> Citations:
    """A source formatted as BibTeX, CSL-JSON data and RIS."""
    return Citations(cite.to_bibtex(source), cite.to_csl(source), cite.to_ris(source))


def downloads(kb: KnowledgeBase, grades: Mapping[str, Grade]) -> dict[str, str]:
    """Each download by file name."""
    return {**data_files(kb, grades), **reference_files(kb)}


def data_files(kb: KnowledgeBase, grades: Mapping[str, Grade]) -> dict[str, str]:
    """The records with their grades as JSON, and the graph of claims and sources as GraphML."""
    everything = {
        "claims": [{**kb.claims[i].model_dump(mode="json"), "grade": grades[i].to_dict()} for i in sorted(kb.claims)],
        "sources": [kb.sources[i].model_dump(mode="json") for i in sorted(kb.sources)],
    }
    # One record a line: readable, and written by json's C encoder (indenting falls back to Python's, 2-3 times slower).
    return {
        "gluteclaims.json": _json_lines(everything) + "\n",
        "graph.graphml": graph_to_graphml(build_graph(kb, grades)),
    }


def reference_files(kb: KnowledgeBase, formatted: Mapping[str, Citations] | None = None) -> dict[str, str]:
    """Every source as BibTeX, CSL-JSON and RIS, using the `formatted` citations where given."""
    formatted = formatted or {}
    refs = [formatted.get(i) or citations(kb.sources[i]) for i in sorted(kb.sources)]
    return {
        "references.bib": "\n".join(r.bibtex.rstrip() + "\n" for r in refs),
        "references.csl.json": _json_list([r.csl for r in refs]) + "\n",
        "references.ris": "".join(r.ris for r in refs),
    }


def biblatex_file(kb: KnowledgeBase) -> str:
    """Every source as a biblatex entry (biblatex's types and fields, for biber)."""
    return "\n".join(cite.to_bibtex(kb.sources[i], biblatex=True) for i in sorted(kb.sources))


def _json_list(items: list) -> str:
    """A JSON array with one item a line."""
    return "[\n" + ",\n".join(json.dumps(item, ensure_ascii=False) for item in items) + "\n]"


def _json_lines(groups: dict[str, list]) -> str:
    """A JSON object of arrays, one array item a line."""
    return "{\n" + ",\n".join(f"{json.dumps(key)}: {_json_list(items)}" for key, items in groups.items()) + "\n}"
