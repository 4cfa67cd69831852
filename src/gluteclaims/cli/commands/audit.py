"""`gluteclaims audit`: find the graded claims a text repeats, sentence by sentence."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

import click

from gluteclaims.audit import report as audit_report
from gluteclaims.audit.matcher import DEFAULT_MIN_SCORE, audit_text, build_matcher
from gluteclaims.audit.sentences import TextFormat, detect_format
from gluteclaims.cli.options import load_valid, root_option
from gluteclaims.grading.grade import grade_all
from gluteclaims.refs.claimreview import claim_url
from gluteclaims.site.build import BuildError, base_config

MAX_BYTES = 20_000_000


def _read(file: str) -> tuple[str, str]:
    """The text of FILE (or standard input for '-') and the name to report it under."""
    if file == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        name = "<stdin>"
    else:
        path = Path(file)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise click.ClickException(
                    f"{file} is larger than {MAX_BYTES // 1_000_000} MB; audit an article, not an archive"
                )
            data = path.read_bytes()
        except OSError as exc:
            raise click.ClickException(f"cannot read {file}: {exc.strerror}") from exc
        name = file
    if len(data) > MAX_BYTES:
        raise click.ClickException(
            f"{name} is larger than {MAX_BYTES // 1_000_000} MB; audit an article, not an archive"
        )
    try:
        return data.decode("utf-8-sig"), name
    except UnicodeDecodeError as exc:
        raise click.ClickException(
            f"{name} is not UTF-8 text (byte {exc.start} cannot be read); save it as UTF-8 and try again"
        ) from exc


@click.command()
@click.argument("file", metavar="FILE")
@root_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="Report for people (text), machines (json) or a page (markdown).",
)
@click.option(
    "--input-format",
    type=click.Choice(["auto", "text", "markdown", "html"]),
    default="auto",
    show_default=True,
    help="How to read FILE; auto goes by its suffix (.md, .html, .txt), else looks for HTML tags.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_MIN_SCORE,
    show_default=True,
    help="How sure a match must be (0 to 1): lower finds more paraphrases and more false alarms.",
)
@click.option("--all", "show_all", is_flag=True, help="Also print the sentences that match no claim.")
@click.option(
    "--site-url", default=None, help="Address of the published site, for claim links (default: site_url in mkdocs.yml)."
)
def audit(
    file: str, root: Path, fmt: str, input_format: str, min_score: float, show_all: bool, site_url: str | None
) -> None:
    """Check a text: find the graded claims it repeats, with their verdicts.

    Reads FILE (plain text, Markdown or HTML; '-' for standard input), splits it into
    sentences and matches each against every claim's statement and aliases, so paraphrases
    are found too. Prints each matching sentence with its line, the claim, how sure the match
    is (0 to 1), the claim's verdict and certainty, and a link to its page. Exits 0 whether
    or not claims were found.

    Example:

        gluteclaims audit draft.md --format markdown > claims-in-draft.md
    """
    kb = load_valid(root)
    text, name = _read(file)
    kind = detect_format(text, name) if input_format == "auto" else cast(TextFormat, input_format)
    try:
        base = site_url or base_config().get("site_url") or ""
    except BuildError as exc:
        raise click.ClickException(str(exc)) from exc
    grades = grade_all(kb)
    audited = audit_text(text, build_matcher(kb.claims.values()), kind, min_score)

    def url_for(claim_id: str) -> str:
        return claim_url(base, claim_id) if base else f"claims/{claim_id}/"

    if fmt == "json":
        click.echo(audit_report.to_json(name, audited, grades, url_for, min_score, show_all))
    elif fmt == "markdown":
        click.echo(audit_report.format_markdown(name, audited, grades, url_for, show_all), nl=False)
    else:
        click.echo(audit_report.format_text(name, audited, grades, url_for, show_all))


COMMANDS = [audit]
