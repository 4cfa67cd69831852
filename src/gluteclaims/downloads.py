"""The knowledge base as files to download: JSON, BibTeX, CSL-JSON, RIS and GraphML."""

from __future__ import annotations

import json
from typing import Mapping

from gluteclaims import cite
from gluteclaims.grade import Grade
from gluteclaims.graph import build_graph, graph_to_graphml
from gluteclaims.knowledge import KnowledgeBase

FILES = {
    "gluteclaims.json": "every claim with its grade, and every source, as JSON",
    "references.bib": "all references as BibTeX",
    "references.csl.json": "all references as CSL-JSON (Zotero, pandoc, citeproc)",
    "references.ris": "all references as RIS (EndNote, Mendeley, Zotero)",
    "graph.graphml": "claims, sources and their links as GraphML (Gephi, Cytoscape, networkx)",
}


def downloads(kb: KnowledgeBase, grades: Mapping[str, Grade]) -> dict[str, str]:
    """Each download by file name."""
    sources = [kb.sources[i] for i in sorted(kb.sources)]
    everything = {
        "claims": [{**kb.claims[i].model_dump(mode="json"), "grade": grades[i].to_dict()} for i in sorted(kb.claims)],
        "sources": [s.model_dump(mode="json") for s in sources],
    }
    # One record a line: readable, and written by json's C encoder (indenting falls back to Python's, 2-3 times slower).
    return {
        "gluteclaims.json": _json_lines(everything) + "\n",
        "references.bib": "\n".join(cite.to_bibtex(s).rstrip() + "\n" for s in sources),
        "references.csl.json": _json_list([cite.to_csl(s) for s in sources]) + "\n",
        "references.ris": "".join(cite.to_ris(s) for s in sources),
        "graph.graphml": graph_to_graphml(build_graph(kb, grades)),
    }


def _json_list(items: list) -> str:
    """A JSON array with one item a line."""
    return "[\n" + ",\n".join(json.dumps(item, ensure_ascii=False) for item in items) + "\n]"


def _json_lines(groups: dict[str, list]) -> str:
    """A JSON object of arrays, one array item a line."""
    return "{\n" + ",\n".join(f"{json.dumps(key)}: {_json_list(items)}" for key, items in groups.items()) + "\n}"
