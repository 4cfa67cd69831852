"""`gluteclaims import`: new source records from a reference manager's or PubMed's export."""

from __future__ import annotations

from pathlib import Path

import click

from gluteclaims.cli.options import require_root, root_option
from gluteclaims.kb.load import load_knowledge_base
from gluteclaims.refs.importer import ALREADY_PRESENT, plan_import
from gluteclaims.refs.readers import FORMATS, read_references

NEXT_STEPS = """\
Next:
  1. Open each new file. Check every field against the DOI or PubMed page, fix the guessed
     kind, list that page under verification.checked, and remove from verification.unconfirmed
     what you filled in or confirmed.
  2. Fill in population, sample, outcomes and findings from the paper.
  3. Link the source from a claim's evidence (`gluteclaims find WORDS` finds the claim), then
     run `gluteclaims check` and `gluteclaims diff`."""


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@root_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", *FORMATS]),
    default="auto",
    show_default=True,
    help="Format of FILE; auto tells by its content.",
)
@click.option(
    "--skip-existing",
    is_flag=True,
    help="Write the new studies and skip those already present, instead of refusing the whole file.",
)
@click.option("--dry-run", is_flag=True, help="Say what would be written, write nothing.")
def import_(file: Path, root: Path, fmt: str, skip_existing: bool, dry_run: bool) -> None:
    """Write one source file per reference in a BibTeX, RIS, CSL-JSON or PubMed (nbib) export.

    Fills in what the export holds (title, authors, year, journal, volume, issue, pages, DOI,
    PMID, PMCID, ISBN, URL), guesses the study design, and lists every field it could not
    fill under verification.unconfirmed. Each entry is imported on its own: one that cannot
    be read, has no title, has nothing that identifies it (DOI, PMID, PMCID, ISBN or URL) or
    is not a kind of work the knowledge base records (a patent, a data set) is skipped with
    one line saying why, the others are written, and the exit status is 1. A study already in
    the knowledge base (same DOI, PMID or PMCID, or a near-identical title) is refused, and the
    record it matches is named; then nothing is written unless --skip-existing is given.

    Example:

        gluteclaims import ~/Downloads/pubmed-hipthrust.nbib --dry-run
    """
    require_root(root)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise click.ClickException(f"{file} is not UTF-8 text (export it again as UTF-8)") from None
    references, problems = read_references(text, str(file), None if fmt == "auto" else fmt)
    if not references and not problems:
        raise click.ClickException(f"{file} holds no references")
    total = len(references) + len(problems)
    kb, _ = load_knowledge_base(root)
    files = [
        entry.name for folder in (root / "claims", root / "sources") if folder.is_dir() for entry in folder.iterdir()
    ]
    planned, refused = plan_import(references, kb, file.name, files)
    problems += refused
    duplicates = [p for p in problems if p.code == ALREADY_PRESENT]
    skipped = [p for p in problems if p.code != ALREADY_PRESENT]
    for problem in problems:
        shown = str(problem)
        if problem.code != ALREADY_PRESENT or skip_existing:
            shown = shown.replace(": error[", ": skipped[", 1)
        click.echo(shown, err=True)
    if duplicates and not skip_existing:
        raise click.ClickException(
            f"nothing written: {len(duplicates)} of {total} references already present (use --skip-existing to "
            f"import only the new ones)"
        )
    written, appeared = 0, []
    for new in planned:
        target = root / new.path
        if dry_run:
            click.echo(f"would write {new.path} ({new.reference.where})")
            continue
        try:
            created = _create(target, new.text)
        except OSError as exc:
            raise click.ClickException(
                f"cannot write {exc.filename or target}: {exc.strerror or exc} ({written} of {len(planned)} "
                f"written before it)"
            ) from exc
        if not created:
            appeared.append(new.path)
            click.echo(f"skipped {new.path} ({new.reference.where}): the file appeared while importing", err=True)
            continue
        written += 1
        click.echo(f"wrote {new.path} ({new.reference.where}); still to fill in: {', '.join(new.unconfirmed)}")
    if written:
        click.echo(NEXT_STEPS)
    if appeared:
        raise click.ClickException(
            f"{len(appeared)} of {len(planned)} not written: their files appeared while importing (import "
            f"again with --skip-existing to write them under new ids)"
        )
    if skipped:
        raise click.ClickException(
            f"{len(skipped)} of {total} references skipped (see above): fix them in your reference manager and "
            f"import the file again with --skip-existing"
        )


def _create(target: Path, text: str) -> bool:
    """Write `text` to a new file at `target`; False, writing nothing, when a file is already there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        # "x": a file that appeared since the knowledge base was read is never overwritten.
        with open(target, "x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        return False
    return True


COMMANDS = [import_]
