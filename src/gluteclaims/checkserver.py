"""The check server: one background process per knowledge base that keeps its records between checks.

`gluteclaims server start` runs `python -m gluteclaims.checkserver`, which loads the
knowledge base once and then answers on a Unix socket. `gluteclaims check` asks it when one
is running for the same folder and prints what it answers, which is exactly what checking
in-process would print (see `session.py` for how it stays up to date, the way `dmypy` does
for mypy). Only the standard library is imported here, so asking costs a client next to
nothing; the server imports the checker when it starts.

The socket lives in a folder only this user can enter ($XDG_RUNTIME_DIR/gluteclaims, else
/tmp/gluteclaims-UID), named by a hash of the knowledge base's resolved path. A request is
one line of JSON and so is the answer. A server started by other code (the package was
upgraded or edited) stops when a client of the new code asks it, and the client checks
in-process instead, so an answer never comes from old code.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import importlib.util
import json
import os
import signal
import socket
import stat
import sys
import time
from pathlib import Path
from typing import Any, Iterator, Optional

RUNTIME_ENV = "GLUTECLAIMS_RUNTIME_DIR"
IDLE_DEFAULT = 3 * 60 * 60  # seconds without a request before the server stops by itself
START_TIMEOUT = 600.0  # seconds `start` waits for the first load (50,000 records take about 15)
_LIBRARIES = ("pydantic", "pydantic_core", "yaml", "rapidfuzz", "networkx")


class ServerError(Exception):
    """The server cannot be used here; the message says why."""


def runtime_dir(create: bool = True) -> Path:
    """The folder for sockets, logs and locks: this user's only, or an error saying why not.

    Only starting a server creates it; a client that finds no folder has no server to ask.
    """
    chosen = os.environ.get(RUNTIME_ENV)
    if chosen:
        folder = Path(chosen)
    elif os.environ.get("XDG_RUNTIME_DIR") and Path(os.environ["XDG_RUNTIME_DIR"]).is_dir():
        folder = Path(os.environ["XDG_RUNTIME_DIR"]) / "gluteclaims"
    else:
        folder = Path("/tmp") / f"gluteclaims-{os.getuid()}"
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError as exc:
        raise ServerError(f"cannot use {folder} for the check server: {exc.strerror or exc}") from exc
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise ServerError(f"{folder} is not a folder only you can use (owner, permissions 700); remove it or set {RUNTIME_ENV}")
    return folder


def _name(root: Path) -> str:
    return hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:20]


_SOCKET_PATH_MAX = 100  # Unix sockets' addresses are at most 107 bytes on Linux, 103 elsewhere


def socket_path(root: Path, create: bool = True) -> Path:
    """Where the server for the knowledge base at root listens (its folder made if `create`)."""
    where = runtime_dir(create) / f"{_name(root)}.sock"
    if len(os.fsencode(where)) > _SOCKET_PATH_MAX:
        raise ServerError(f"the socket path {where} is too long for a Unix socket; set {RUNTIME_ENV} to a shorter folder")
    return where


def log_path(root: Path) -> Path:
    """Where the server for root writes what it did (and any crash)."""
    return runtime_dir() / f"{_name(root)}.log"


def _lock_path(root: Path) -> Path:
    return runtime_dir() / f"{_name(root)}.lock"


def code_fingerprint() -> str:
    """This package's source and the versions of the libraries it checks with: what an answer depends on besides the records."""
    digest = hashlib.sha256(sys.version.encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _LIBRARIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec and spec.origin else ""
        try:
            info = os.stat(origin) if origin else None
        except OSError:
            info = None
        digest.update(f"{name}={origin}:{info.st_mtime_ns if info else ''}:{info.st_size if info else ''}\0".encode())
    return digest.hexdigest()[:32]


# The client side: used by `gluteclaims check` and `gluteclaims server`.


def ask(root: Path, request: dict[str, Any], timeout: Optional[float] = 120.0) -> Optional[dict[str, Any]]:
    """The server's answer for root, or None when no server is listening there."""
    if not hasattr(socket, "AF_UNIX") or not hasattr(os, "getuid"):
        return None  # no Unix sockets here (Windows): there is never a server to ask
    try:
        where = socket_path(root, create=False)
    except ServerError:
        return None
    if not where.exists():
        return None
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.settimeout(timeout)
    try:
        client.connect(str(where))
        client.sendall(json.dumps({**request, "root": str(Path(root).resolve())}).encode() + b"\n")
        reply = _read_line(client)
    except OSError:
        return None
    finally:
        client.close()
    try:
        answer = json.loads(reply)
    except ValueError:
        return None
    return answer if isinstance(answer, dict) else None


def check(root: Path, fmt: str) -> Optional[tuple[str, int]]:
    """What `gluteclaims check` prints and its exit code, from the server; None to check in-process instead."""
    answer = ask(root, {"op": "check", "format": fmt, "code": code_fingerprint()})
    if answer is None:
        return None
    if answer.get("stale"):
        print("gluteclaims: the check server for this folder ran older code, so it stopped; checking here instead. Start it again with `gluteclaims server start`.", file=sys.stderr)
        _wait_gone(root, 10.0)
        return None
    if "output" not in answer:
        return None
    return str(answer["output"]), int(answer.get("exit", 1))


def status(root: Path) -> Optional[dict[str, Any]]:
    """What the server for root says about itself, or None if none is running."""
    return ask(root, {"op": "status", "code": code_fingerprint()}, timeout=10.0)


def stop(root: Path) -> bool:
    """Ask the server for root to stop; True if one was running (it has stopped when this returns)."""
    answer = ask(root, {"op": "stop"}, timeout=10.0)
    if answer is None:
        return False
    _wait_gone(root, 10.0)
    return True


def start(root: Path, idle: float = IDLE_DEFAULT) -> dict[str, Any]:
    """Start a server for root in the background and wait until it has loaded the knowledge base; its status."""
    if not hasattr(socket, "AF_UNIX") or not hasattr(os, "getuid"):
        raise ServerError("the check server needs Unix sockets (Linux, macOS, BSD); `gluteclaims check` works without it")
    socket_path(root)  # a clear error now if the runtime folder or the socket path cannot be used
    running = status(root)
    if running is not None and running.get("code_matches"):
        return {**running, "already": True}
    if running is not None:
        stop(root)
    import subprocess  # only starting a server needs it

    log = log_path(root)
    with open(log, "ab") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "gluteclaims.checkserver", "--root", str(Path(root).resolve()), "--idle", str(idle)],
            stdin=subprocess.DEVNULL,
            stdout=handle,
            stderr=handle,
            start_new_session=True,
            close_fds=True,
        )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        answer = status(root)
        if answer is not None:
            return answer
        if process.poll() is not None:
            raise ServerError(f"the check server stopped while starting (exit {process.returncode}); see {log}:\n{_tail(log)}")
        time.sleep(0.05)
    process.terminate()
    raise ServerError(f"the check server did not start within {START_TIMEOUT:.0f} s; see {log}")


def _wait_gone(root: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    with contextlib.suppress(ServerError):
        where = socket_path(root, create=False)
        while where.exists() and time.monotonic() < deadline:
            time.sleep(0.02)


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _read_line(connection: socket.socket, limit: int = 1 << 30) -> bytes:
    chunks, size = [], 0
    while True:
        chunk = connection.recv(1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if chunk.endswith(b"\n") or size > limit:
            break
    return b"".join(chunks)


# The server side.


class Server:
    """Answers check, status and stop requests for one knowledge base until stopped or idle too long."""

    def __init__(self, root: Path, idle: float):
        from gluteclaims.session import Session  # the checker: only the server pays for importing it

        self.root = Path(root).resolve()
        self.idle = idle
        self.session = Session(self.root)
        self.code = code_fingerprint()
        self.started = time.time()
        self.checks = 0
        self.last_seconds = 0.0

    def answer(self, request: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """The answer to one request, and whether to stop after sending it."""
        op = request.get("op")
        if request.get("root") != str(self.root):
            return {"error": f"this server checks {self.root}"}, False
        if op == "stop":
            return {"stopped": True}, True
        if op == "status":
            return self.describe(code_matches=request.get("code") == self.code), False
        if op == "check":
            if request.get("code") != self.code:
                return {"stale": True}, True
            return self.run_check(request.get("format", "text")), False
        return {"error": f"unknown request {op!r}"}, False

    def run_check(self, fmt: str) -> dict[str, Any]:
        from gluteclaims.problems import report

        started = time.perf_counter()
        output, exit_code = report(self.session.check(), fmt)
        self.checks += 1
        self.last_seconds = time.perf_counter() - started
        return {"output": output, "exit": exit_code}

    def describe(self, code_matches: bool) -> dict[str, Any]:
        work = self.session.work
        return {
            "pid": os.getpid(),
            "root": str(self.root),
            "records": len(self.session.kept),
            "since": self.started,
            "checks": self.checks,
            "last_check_seconds": round(self.last_seconds, 4),
            "last_files_read": work.read,
            "last_files_parsed": work.parsed,
            "idle_timeout": self.idle,
            "code_matches": code_matches,
        }


def serve(root: Path, idle: float) -> int:
    """Run the server for root in this process until stopped; the exit code."""
    root = Path(root).resolve()
    with _exclusive(root) as held:
        if not held:
            print(f"a check server for {root} is already running", file=sys.stderr)
            return 1
        server = Server(root, idle)
        server.run_check("text")  # the first load, before anyone can connect
        # The collector would walk the kept records again and again during a check (a third
        # of its time); instead it runs once after each answer, while nobody waits.
        gc.disable()
        where = socket_path(root)
        with contextlib.suppress(FileNotFoundError):
            where.unlink()  # left by a server that was killed: the lock says none is running
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(str(where))
        os.chmod(where, 0o600)
        listener.listen(16)
        mine = os.stat(where).st_ino
        print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} serving {root} on {where} (pid {os.getpid()}, {len(server.session.kept)} files)", flush=True)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            _loop(server, listener)
        finally:
            listener.close()
            with contextlib.suppress(OSError):
                if os.stat(where).st_ino == mine:
                    where.unlink()
            print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} stopped after {server.checks} checks", flush=True)
    return 0


def _loop(server: Server, listener: socket.socket) -> None:
    """Answer requests until asked to stop, the folder goes, or no check came for `idle` seconds (status requests do not count)."""
    last_check = time.monotonic()
    while True:
        left = last_check + server.idle - time.monotonic()
        if server.idle > 0 and left <= 0:
            return
        listener.settimeout(left if server.idle > 0 else None)
        try:
            connection, _ = listener.accept()
        except socket.timeout:
            return
        checks_before = server.checks
        with connection:
            connection.settimeout(30.0)
            try:
                request = json.loads(_read_line(connection))
                reply, stop_after = server.answer(request if isinstance(request, dict) else {})
            except Exception:  # a bad request or a bug: say so, keep serving
                import traceback

                traceback.print_exc()
                sys.stderr.flush()
                reply, stop_after = {"error": "the server failed on this request; see its log"}, False
            with contextlib.suppress(OSError):
                connection.sendall(json.dumps(reply).encode() + b"\n")
        if stop_after or not server.root.is_dir():
            return
        if server.checks != checks_before:
            last_check = time.monotonic()
        gc.collect()


@contextlib.contextmanager
def _exclusive(root: Path) -> Iterator[bool]:
    """Hold the lock that says a server for root is running (released when this process ends, however it ends)."""
    import fcntl  # POSIX only, like the server

    handle = open(_lock_path(root), "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EACCES):
                yield False
                return
            raise
        yield True
    finally:
        handle.close()


def main(argv: Optional[list[str]] = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m gluteclaims.checkserver", description="Run a check server in this process (`gluteclaims server start` runs it in the background).")
    parser.add_argument("--root", required=True, type=Path)
    parser.add_argument("--idle", type=float, default=IDLE_DEFAULT, help="seconds without a request before stopping; 0 never")
    args = parser.parse_args(argv)
    return serve(args.root, args.idle)


if __name__ == "__main__":
    sys.exit(main())
