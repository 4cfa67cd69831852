"""`gluteclaims build` and `gluteclaims serve`: the static site."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import click

from gluteclaims.cli.options import require_root, root_option
from gluteclaims.site import serve_hooks
from gluteclaims.site.build import BuildError, build_site, render_tree_again, write_config
from gluteclaims.site.render import TEMPLATES, Rendered

site_url_option = click.option(
    "--site-url",
    default=None,
    help=(
        "Address the site will be published at (default: site_url in mkdocs.yml); used in links for machines, "
        "such as ClaimReview."
    ),
)


@click.command()
@root_option
# Files are let through so that build_site refuses them with the same one-line error as any other unsafe --out.
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    metavar="DIRECTORY",
    default=None,
    help="Folder to write the site into.  [default: ROOT/site]",
)
@site_url_option
def build(root: Path, out: Path | None, site_url: str | None) -> None:
    """Build the static site from the knowledge base.

    Renders a page per claim and per source, the browse pages, reports and downloads into
    ROOT/.generated/docs, then runs mkdocs-material with warnings as errors. The new site
    replaces the old one only when the build succeeds.

    Example:

        gluteclaims build --root . --out site --site-url https://example.org/gluteclaims/
    """
    require_root(root)
    out = out or root / "site"
    started = time.monotonic()
    try:
        stats = build_site(root, out, site_url=site_url)
    except BuildError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"built {out} in {time.monotonic() - started:.1f}s ({stats.written} pages written, {stats.unchanged} "
        f"unchanged, {stats.removed} removed)"
    )


@click.command()
@root_option
@click.option("--port", type=int, default=8000, show_default=True, help="Port to serve on, on 127.0.0.1.")
@site_url_option
def serve(root: Path, port: int, site_url: str | None) -> None:
    """Preview the site with live reload while you edit records.

    Re-renders the pages whenever a file under claims/, sources/ or site_templates/ changes;
    mkdocs then rebuilds and reloads the browser. Stop with Ctrl+C.

    Example:

        gluteclaims serve --root . --port 8000
    """
    require_root(root)
    work = root / ".generated"
    try:
        previous: Rendered | None
        _, previous = render_tree_again(root, work, work / "site", site_url, None)
    except BuildError as exc:
        raise click.ClickException(str(exc)) from exc
    # Its own configuration, with a hook that keeps the theme's compiled templates between rebuilds.
    config = write_config(work, work / "site", site_url, name="mkdocs-serve.yml", hooks=(Path(serve_hooks.__file__),))
    engine = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--livereload",
            "--dirty",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(config),
        ]
    )
    seen = _snapshot(root)
    try:
        while engine.poll() is None:
            time.sleep(POLL_SECONDS)
            now = _snapshot(root)
            if now != seen:
                # Pages are reused only while the templates that made them are unchanged.
                if _templates(now) != _templates(seen):
                    previous = None
                seen = now
                try:
                    stats, previous = render_tree_again(root, work, work / "site", site_url, previous)
                    click.echo(f"re-rendered: {stats.written} pages changed")
                except BuildError as exc:
                    click.echo(f"Error: {exc}", err=True)
    except KeyboardInterrupt:
        pass
    finally:
        engine.terminate()
        engine.wait(timeout=10)


POLL_SECONDS = 0.2


def _templates(snapshot: dict[str, float]) -> dict[str, float]:
    return {path: mtime for path, mtime in snapshot.items() if path.startswith(str(TEMPLATES))}


def _snapshot(root: Path) -> dict[str, float]:
    files = [
        p
        for folder in (root / "claims", root / "sources", TEMPLATES)
        if folder.is_dir()
        for p in folder.rglob("*")
        if p.is_file()
    ]
    return {str(p): p.stat().st_mtime for p in files}


COMMANDS = [build, serve]
