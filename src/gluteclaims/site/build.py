"""The only writer of the site: render pages into a docs tree, run the site engine, swap site/ in whole."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from gluteclaims.analysis.check import validate_knowledge_base
from gluteclaims.grading.grade import grade_all
from gluteclaims.kb.problems import format_text
from gluteclaims.site.render import TEMPLATES, Rendered, SiteInput, render_again

CONFIG = TEMPLATES / "mkdocs.yml"
ASSETS = TEMPLATES / "assets"
# Each engine is run from the environment gluteclaims is installed in, never from PATH.
ENGINES = {
    "mkdocs": [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f"],
    "zensical": [str(Path(sys.executable).with_name("zensical")), "build", "--strict", "-f"],
}


class BuildError(Exception):
    """A build that stopped; the previous site is untouched."""


SITE_MARKER = ".gluteclaims-site"
"""The file every built site holds, so a later build knows the folder is its own to replace."""
MARKER_TEXT = "This folder is a site built by gluteclaims; `gluteclaims build` replaces it whole.\n"


@dataclass(frozen=True)
class TreeStats:
    """How many generated files were written, left as they were, and removed."""

    written: int
    unchanged: int
    removed: int


def base_config(config: Path = CONFIG) -> dict:
    """The project's site configuration as data."""
    try:
        return yaml.safe_load(config.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BuildError(f"cannot read the site configuration {config}: {exc}") from exc


def gather(root: Path, site_url: str | None = None) -> SiteInput:
    """Load and grade the knowledge base; refuse one with errors, naming each file and line."""
    kb, problems = validate_knowledge_base(root)
    grades = grade_all(kb)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise BuildError(
            f"the knowledge base has errors; fix them (see `gluteclaims check`) and build again:\n{format_text(errors)}"
        )
    url = site_url or base_config().get("site_url") or "http://127.0.0.1:8000/"
    return SiteInput(kb=kb, grades=grades, base_url=url.rstrip("/") + "/", changed=record_dates(root))


def record_dates(root: Path) -> dict[str, str]:
    """The date of the last commit that touched each record ('claims/x' -> 'YYYY-MM-DD'); {} outside git."""
    try:
        log = subprocess.run(
            ["git", "-C", str(root), "log", "--relative", "--format=%x00%cs", "--name-only", "--", "claims", "sources"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, str] = {}
    date = ""
    for line in log.splitlines():
        if line.startswith("\x00"):
            date = line[1:]
        elif line.endswith((".yaml", ".yml")) and date:
            dates.setdefault(line.rsplit(".", 1)[0], date)
    return dates


def write_tree(files: dict[str, str], docs: Path, assets: Path = ASSETS) -> TreeStats:
    """Make `docs` hold exactly the rendered files plus the static assets, rewriting only what changed."""
    wanted: dict[Path, bytes] = {}
    for path in sorted(assets.rglob("*")):
        if path.is_file():
            wanted[docs / "assets" / path.relative_to(assets)] = path.read_bytes()
    for rel, text in files.items():
        wanted[docs / rel] = text.encode("utf-8")
    written = unchanged = removed = 0
    for path, data in wanted.items():
        if path.is_file() and path.read_bytes() == data:
            unchanged += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        written += 1
    if docs.is_dir():
        for path in sorted(docs.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return TreeStats(written, unchanged, removed)


def write_config(
    work: Path, site_dir: Path, site_url: str | None = None, name: str = "mkdocs.yml", hooks: tuple[Path, ...] = ()
) -> Path:
    """The engine configuration for a generated tree: the project's, pointed at `work/docs` and `site_dir`."""
    config = base_config()
    config["docs_dir"] = "docs"
    site_dir = site_dir.resolve()
    # Zensical accepts only a site_dir inside the folder of its configuration.
    config["site_dir"] = (
        site_dir.relative_to(work.resolve()).as_posix() if site_dir.is_relative_to(work.resolve()) else str(site_dir)
    )
    if site_url:
        config["site_url"] = site_url
    if hooks:
        config["hooks"] = [str(hook) for hook in hooks]
    path = work / name
    text = "# Generated by gluteclaims from the project's mkdocs.yml: do not edit.\n" + yaml.safe_dump(
        config, sort_keys=False, allow_unicode=True
    )
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def render_tree(root: Path, work: Path, site_dir: Path, site_url: str | None = None) -> TreeStats:
    """Render the knowledge base at `root` into `work/docs` and write `work/mkdocs.yml`."""
    return render_tree_again(root, work, site_dir, site_url, None)[0]


def render_tree_again(
    root: Path, work: Path, site_dir: Path, site_url: str | None, previous: Rendered | None
) -> tuple[TreeStats, Rendered]:
    """`render_tree` reusing the record pages of a `previous` render that an edit did not change."""
    site = gather(root, site_url)
    work.mkdir(parents=True, exist_ok=True)
    rendered = render_again(site, previous)
    stats = write_tree(rendered.files, work / "docs")
    write_config(work, site_dir, site.base_url)
    return stats, rendered


def run_engine(config: Path, engine: str = "mkdocs") -> None:
    """Build the site described by `config` with mkdocs (or Zensical); warnings fail the build."""
    try:
        config = config.resolve()
        done = subprocess.run(
            [*ENGINES[engine], str(config)], cwd=config.parent, capture_output=True, text=True, timeout=1800
        )
    except OSError as exc:
        raise BuildError(f"cannot run {engine}: {exc}") from exc
    if done.returncode != 0:
        output = "\n".join((done.stdout + done.stderr).strip().splitlines()[-30:])
        raise BuildError(f"{engine} failed (exit {done.returncode}):\n{output}")


def swap_in(new: Path, out: Path) -> None:
    """Replace `out` with the finished build `new`; `out` is never half-written, and on Linux never missing."""
    if not out.exists():
        os.rename(new, out)
        return
    if _exchange(new, out):
        shutil.rmtree(new, ignore_errors=True)  # now holds the previous site
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rename(out, old / out.name)
    os.rename(new, out)
    shutil.rmtree(old, ignore_errors=True)


_RENAME_EXCHANGE = 2  # from <linux/fs.h>
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 with RENAME_EXCHANGE), so a server reading `b` never finds it gone.

    False where the system cannot, and the caller falls back to two renames.
    """
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def check_out(root: Path, out: Path, work: Path | None = None) -> None:
    """Refuse an output folder that a build could not replace without destroying someone's files.

    Only a folder that is absent, empty, or holds the marker of an earlier build may be replaced;
    never one that holds, is inside or contains the records or the generated pages.
    """
    root, out = Path(root).resolve(), Path(out).resolve()
    refuse = f"will not build the site into {out}: "
    own = f"; choose a folder of its own, such as {root / 'site'}"
    if out.exists() and not out.is_dir():
        raise BuildError(refuse + "it is a file, not a folder")
    if out == root:
        raise BuildError(refuse + "it is the knowledge base itself" + own)
    if out in root.parents:
        raise BuildError(refuse + f"it contains the knowledge base {root}" + own)
    for folder in (root / "claims", root / "sources", Path(work).resolve() if work else root / ".generated"):
        if out == folder or folder in out.parents:
            raise BuildError(
                refuse + f"it {'is' if out == folder else 'is inside'} {folder}, which the build uses" + own
            )
        if out in folder.parents:
            raise BuildError(refuse + f"it contains {folder}, which the build uses" + own)
    if out.is_dir() and not (out / SITE_MARKER).is_file() and any(out.iterdir()):
        raise BuildError(
            refuse
            + f"it holds files that no gluteclaims build made (it has no {SITE_MARKER}); choose a new or empty folder"
        )


def build_site(root: Path, out: Path, work: Path | None = None, site_url: str | None = None) -> TreeStats:
    """Render, build into a fresh folder beside `out`, and swap it in only when the build succeeded.

    Nothing is written when `out` is not a folder a build may replace (see `check_out`).
    """
    root, out = Path(root), Path(out).resolve()
    check_out(root, out, work)
    work = Path(work) if work else root / ".generated"
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        stats = render_tree(root, work, fresh / "site", site_url)
        run_engine(work / "mkdocs.yml")
        (fresh / "site" / SITE_MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        swap_in(fresh / "site", out)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return stats
