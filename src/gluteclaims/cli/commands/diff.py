"""`gluteclaims diff`: what a change does to the knowledge base, as Markdown for a pull request."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from gluteclaims.analysis.check import validate_knowledge_base
from gluteclaims.cli.options import require_root, root_option
from gluteclaims.cli.output import emit
from gluteclaims.history.diff import compare, diff_markdown, snapshot
from gluteclaims.history.git import RevisionError, default_base, describe, knowledge_base_at


@click.command()
@click.argument("rev", required=False)
@root_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the Markdown to this file instead of standard output.",
)
def diff(rev: str | None, root: Path, out: Path | None) -> None:
    """Compare the knowledge base at a git revision with the working tree, as Markdown.

    REV defaults to the merge base with main, so on a branch it shows what the branch
    changes. It lists records added, changed and removed; verdicts and certainty levels
    that moved, with the reasons that changed and the records behind them; new
    contradictions; and new problems. Uncommitted edits count: run it before you commit.

    Example:

        gluteclaims diff origin/main --out diff.md
    """
    require_root(root)
    try:
        base = rev or default_base(root)
        label, note = describe(root, base), rev or "where this branch left main"
        with tempfile.TemporaryDirectory(prefix="gluteclaims-diff-") as tmp:
            old_root = knowledge_base_at(root, base, Path(tmp))
            old = snapshot(*validate_knowledge_base(old_root))
    except RevisionError as exc:
        raise click.ClickException(str(exc)) from None
    new = snapshot(*validate_knowledge_base(root))
    text = diff_markdown(compare(old, new), old, new, label, note)
    emit(text, out)


COMMANDS = [diff]
