"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click

from gluteclaims.kb.checks import check_knowledge_base
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.load import load_knowledge_base

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Knowledge-base folder, the one holding claims/ and sources/.",
)
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output for people (text) or machines (json).",
)


def require_root(root: Path) -> Path:
    """The root, if it holds a knowledge base; otherwise a one-line error."""
    if not (root / "claims").is_dir() and not (root / "sources").is_dir():
        raise click.ClickException(
            f"{root} has no claims/ or sources/ folder (use --root to point at a knowledge base)"
        )
    return root


def load_valid(root: Path) -> KnowledgeBase:
    """The knowledge base under root, or a one-line error naming the first problem."""
    require_root(root)
    kb, problems = load_knowledge_base(root)
    errors = [p for p in problems + check_knowledge_base(kb) if p.level == "error"]
    if errors:
        s = "s" if len(errors) != 1 else ""
        raise click.ClickException(
            f"the knowledge base has {len(errors)} error{s}, first: {errors[0]} (run `gluteclaims check`)"
        )
    return kb
