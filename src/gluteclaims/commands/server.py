"""`gluteclaims server`: start, stop and ask about the check server that keeps records between checks."""

from __future__ import annotations

import time
from pathlib import Path

import click

from gluteclaims import checkserver
from gluteclaims.commands.options import require_root, root_option


@click.group()
def server() -> None:
    """Keep a knowledge base in memory so `check` answers in a fraction of a second.

    A maintainer who runs `gluteclaims check` on every save starts one server per knowledge
    base; from then on `check` asks it and prints exactly what checking from scratch would.
    The server re-reads only files whose size or times changed (and any changed in the last
    two seconds), re-parses only files whose bytes changed, and re-checks only the records an
    edit touched. It stops by itself after three hours without a check. Its socket and log are
    in $XDG_RUNTIME_DIR/gluteclaims (else /tmp/gluteclaims-UID); set GLUTECLAIMS_RUNTIME_DIR to
    put them elsewhere.

    Example:

        gluteclaims server start --root .
    """


@server.command()
@root_option
@click.option("--idle-timeout", type=float, default=checkserver.IDLE_DEFAULT / 60, show_default=True, help="Minutes without a check before the server stops by itself; 0 keeps it running.")
def start(root: Path, idle_timeout: float) -> None:
    """Start the check server for a knowledge base in the background.

    Waits until the server has loaded every record, then returns. Does nothing if one is
    already running for this folder with this version of gluteclaims.

    Example:

        gluteclaims server start --root .
    """
    require_root(root)
    try:
        info = checkserver.start(root, idle=idle_timeout * 60)
    except checkserver.ServerError as exc:
        raise click.ClickException(str(exc)) from exc
    verb = "already running" if info.get("already") else "started"
    click.echo(f"check server {verb} for {info['root']} (pid {info['pid']}, {info['records']} files); `gluteclaims check` now asks it")


@server.command()
@root_option
def stop(root: Path) -> None:
    """Stop the check server for a knowledge base.

    Example:

        gluteclaims server stop --root .
    """
    try:
        stopped = checkserver.stop(root)
    except checkserver.ServerError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"check server for {root.resolve()} stopped" if stopped else f"no check server is running for {root.resolve()}")


@server.command()
@root_option
def status(root: Path) -> None:
    """Say whether a check server is running for a knowledge base, and what it last did.

    Exits 0 when one is running, 1 when none is.

    Example:

        gluteclaims server status --root .
    """
    info = checkserver.status(root)
    if info is None:
        click.echo(f"no check server is running for {root.resolve()}")
        raise SystemExit(1)
    since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(info["since"]))
    click.echo(f"check server for {info['root']}: pid {info['pid']}, {info['records']} files, running since {since}")
    click.echo(f"{info['checks']} checks answered; the last took {info['last_check_seconds'] * 1000:.0f} ms, read {info['last_files_read']} files again and parsed {info['last_files_parsed']}")
    if not info["code_matches"]:
        click.echo("it runs an older version of gluteclaims: the next `check` stops it and checks in-process")
    idle = info["idle_timeout"]
    click.echo(f"stops after {idle / 60:.0f} minutes without a check" if idle else "runs until stopped")


COMMANDS = [server]
