"""`gluteclaims export`: the whole knowledge base in one format, for other tools."""

from __future__ import annotations

import json
from pathlib import Path

import click

from gluteclaims.cli.options import load_valid, root_option
from gluteclaims.cli.output import emit
from gluteclaims.grading.grade import grade_all
from gluteclaims.refs.claimreview import claimreview
from gluteclaims.refs.exports import downloads

FORMATS = {
    "json": "gluteclaims.json",
    "bibtex": "references.bib",
    "csl-json": "references.csl.json",
    "ris": "references.ris",
    "graphml": "graph.graphml",
    "claimreview": None,
}
DEFAULT_BASE_URL = "https://gluteclaims.example.org/"


@click.command()
@root_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    required=True,
    help=(
        "json: claims with grades and sources; bibtex, csl-json, ris: references; graphml: the claim graph; "
        "claimreview: schema.org ClaimReview JSON-LD of every claim."
    ),
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write; standard output when left out.",
)
@click.option(
    "--base-url",
    default=DEFAULT_BASE_URL,
    show_default=True,
    help="Address of the published site, for the links in claimreview output.",
)
def export(root: Path, fmt: str, out: Path | None, base_url: str) -> None:
    """Export the knowledge base as JSON, BibTeX, CSL-JSON, RIS, GraphML or ClaimReview.

    Refuses a knowledge base with errors (run `gluteclaims check`), so an export is never
    half right. The BibTeX and CSL-JSON work with pandoc --citeproc, Zotero and LaTeX.

    Example:

        gluteclaims export --format bibtex --out references.bib
    """
    kb = load_valid(root)
    grades = grade_all(kb)
    if fmt == "claimreview":
        reviews = [claimreview(kb.claims[i], grades[i], kb, base_url) for i in sorted(kb.claims)]
        text = json.dumps(reviews, ensure_ascii=False, indent=1) + "\n"
    else:
        text = downloads(kb, grades)[FORMATS[fmt]]
    emit(text, out)


COMMANDS = [export]
