"""`gluteclaims export`: the whole knowledge base in one format, for other tools."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import click

from gluteclaims.cli.options import load_valid, root_option
from gluteclaims.cli.output import emit
from gluteclaims.grading.grade import grade_all
from gluteclaims.refs.claimreview import claimreview
from gluteclaims.refs.exports import biblatex_file, downloads
from gluteclaims.site.build import record_dates

FORMATS = {
    "json": "gluteclaims.json",
    "bibtex": "references.bib",
    "biblatex": None,
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
        "json: claims with grades and sources; bibtex (classic entry types, for bibtex and any .bst), biblatex "
        "(biblatex's types and fields, for biber), csl-json, ris: references; graphml: the claim graph; "
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
    """Export the knowledge base as JSON, BibTeX, biblatex, CSL-JSON, RIS, GraphML or ClaimReview.

    Refuses a knowledge base with errors (run `gluteclaims check`), so an export is never
    half right. The BibTeX uses only the entry types classic BibTeX styles know; biblatex
    keeps biblatex's own (@online, @thesis). Both work with pandoc --citeproc, Zotero and
    LaTeX. A citation that failed verification is marked as such in every format. A
    ClaimReview is dated by the last commit that changed the claim (or its file's date).

    Example:

        gluteclaims export --format bibtex --out references.bib
    """
    kb = load_valid(root)
    grades = grade_all(kb)
    if fmt == "claimreview":
        dates = record_dates(root)
        reviews = [
            claimreview(kb.claims[i], grades[i], kb, base_url, date_published=_changed(root, i, dates))
            for i in sorted(kb.claims)
        ]
        text = json.dumps(reviews, ensure_ascii=False, indent=1) + "\n"
    elif fmt == "biblatex":
        text = biblatex_file(kb)
    else:
        text = downloads(kb, grades)[FORMATS[fmt] or ""]
    emit(text, out)


def _changed(root: Path, claim_id: str, dates: dict[str, str]) -> str | None:
    """When the claim was last changed: its last commit, else its file's modification date."""
    if f"claims/{claim_id}" in dates:
        return dates[f"claims/{claim_id}"]
    for suffix in (".yaml", ".yml"):
        path = root / "claims" / f"{claim_id}{suffix}"
        if path.is_file():
            return datetime.date.fromtimestamp(path.stat().st_mtime).isoformat()
    return None


COMMANDS = [export]
