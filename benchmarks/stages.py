"""Time the stages of `check` and of the site build on one knowledge base, in one process.

Stages run round-robin (every stage once, then every stage again, ...), so a burst of load
from elsewhere on the machine falls on all of them alike and ratios against the floors stay
fair. Inputs a stage needs (the bytes, the parsed data, the records, the grades, the pages)
are prepared once, before any clock starts. Prints one JSON object: for each stage, the wall
time of each run and the counts it reports; a stage whose module has not landed reports
{"missing": "..."} instead of numbers.

Example:

    python benchmarks/stages.py benchmarks/out/kb-12k --repeat 3 --stages read,floor-parse,parse
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

try:
    _CLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - the floor needs libyaml
    sys.exit("the parse floor needs PyYAML built with libyaml (yaml.CSafeLoader)")


BASE_URL = "http://127.0.0.1:8000/"


class Missing(Exception):
    """The module a stage calls has not landed yet."""


def _need(module: str):
    try:
        return __import__(f"gluteclaims.{module}", fromlist=["_"])
    except ImportError as exc:
        raise Missing(f"gluteclaims.{module} has not landed ({exc})") from exc


class Inputs:
    """What the stages work on, each made once when first needed."""

    def __init__(self, root: Path, scratch: Path):
        self.root, self.scratch = root, scratch

    @functools.cached_property
    def files(self) -> list[tuple[str, Path]]:
        return _need("kb.load").record_files(self.root)

    @functools.cached_property
    def raws(self) -> list[tuple[str, bytes, str]]:
        return [(kind, path.read_bytes(), path.relative_to(self.root).as_posix()) for kind, path in self.files]

    @functools.cached_property
    def parsed(self) -> list:
        parse_record = _need("kb.parse").parse_record
        return [(kind, parse_record(raw, display), display) for kind, raw, display in self.raws]

    @functools.cached_property
    def kb(self):
        return _need("kb.load").load_knowledge_base(self.root)[0]

    @functools.cached_property
    def grades(self):
        return _need("grading.grade").grade_all(self.kb)

    @functools.cached_property
    def site(self):
        return _need("site.render").SiteInput(kb=self.kb, grades=self.grades, base_url=BASE_URL, changed={})

    @functools.cached_property
    def pages(self) -> dict[str, str]:
        return _need("site.render").render_site(self.site)

    def fresh_folder(self) -> Path:
        return Path(tempfile.mkdtemp(dir=self.scratch))


# A stage takes the inputs and returns (run, counts); run() is what the clock measures. A run
# that needs a fresh folder gets one made (and the previous one removed) before the clock starts.
Stage = Callable[[Inputs], tuple[Callable, dict]]


def stage_list(i: Inputs):
    record_files = _need("kb.load").record_files
    return lambda: record_files(i.root), {}


def stage_read(i: Inputs):
    files = i.files
    return lambda: [path.read_bytes() for _, path in files], {"files": len(files)}


def stage_floor_parse(i: Inputs):
    raws = i.raws

    def run() -> None:
        for _, raw, _ in raws:
            yaml.load(raw, Loader=_CLoader)

    return run, {"files": len(raws), "bytes": sum(len(raw) for _, raw, _ in raws)}


def stage_parse(i: Inputs):
    parse_record = _need("kb.parse").parse_record
    raws = i.raws

    def run() -> None:
        for _, raw, display in raws:
            parse_record(raw, display)

    return run, {"files": len(raws)}


def stage_validate(i: Inputs):
    validate = _need("kb.load").validate
    Origin = _need("kb.knowledge").Origin
    parsed = i.parsed
    return (lambda: [validate(kind, p.data, Origin(display, p.positions)) for kind, p, display in parsed]), {
        "records": len(parsed)
    }


def stage_load(i: Inputs, one_process: bool = False):
    load = _need("kb.load")

    def run():
        saved = load.PARALLEL_MIN_FILES
        if one_process:
            load.PARALLEL_MIN_FILES = sys.maxsize
        try:
            return load.load_knowledge_base(i.root)
        finally:
            load.PARALLEL_MIN_FILES = saved

    return run, {"cores": len(os.sched_getaffinity(0))}


def stage_checks(i: Inputs):
    check_knowledge_base = _need("kb.checks").check_knowledge_base
    kb = i.kb
    return lambda: check_knowledge_base(kb), {}


def stage_titles(i: Inputs):
    check_similar_titles = _need("kb.checks").check_similar_titles
    kb = i.kb
    return lambda: list(check_similar_titles(kb)), {"sources": len(kb.sources)}


def stage_grade(i: Inputs):
    grade_all = _need("grading.grade").grade_all
    kb = i.kb
    return lambda: grade_all(kb), {"claims": len(kb.claims)}


def stage_graph(i: Inputs):
    find_contradictions = _need("analysis.graph").find_contradictions
    kb, grades = i.kb, i.grades
    return lambda: find_contradictions(kb, grades), {"findings": len(find_contradictions(kb, grades))}


def stage_render(i: Inputs):
    render_site = _need("site.render").render_site
    site, pages = i.site, i.pages
    return lambda: render_site(site), {
        "files": len(pages),
        "mb": round(sum(len(t.encode()) for t in pages.values()) / 2**20, 1),
    }


def _write_plain(pages: dict[str, str], docs: Path) -> None:
    """The floor for writing the pages: create each file and write its bytes, nothing else."""
    for rel, text in pages.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def stage_write_floor(i: Inputs):
    pages = i.pages
    return (lambda folder: _write_plain(pages, folder / "docs")), {"files": len(pages), "fresh": True}


def stage_write_tree(i: Inputs):
    write_tree = _need("site.build").write_tree
    pages = i.pages
    return (lambda folder: write_tree(pages, folder / "docs")), {"files": len(pages), "fresh": True}


def stage_rewrite_same(i: Inputs):
    """Write the same pages over an existing tree: nothing should be touched."""
    write_tree = _need("site.build").write_tree
    pages = i.pages
    docs = i.fresh_folder() / "docs"
    write_tree(pages, docs)
    written: list[int] = []
    return (lambda: written.append(write_tree(pages, docs).written)), {"written": written}


def stage_rerender_one(i: Inputs):
    """Edit the title of the source most claims cite, render everything and write what changed."""
    render_site, write_tree = _need("site.render").render_site, _need("site.build").write_tree
    kb, site = i.kb, i.site
    docs = i.fresh_folder() / "docs"
    write_tree(i.pages, docs)
    cited: dict[str, int] = {}
    for claim in kb.claims.values():
        for link in claim.evidence:
            cited[link.source] = cited.get(link.source, 0) + 1
    target = max(sorted(cited), key=cited.__getitem__)
    original = kb.sources[target]
    written: list[int] = []

    def run() -> None:
        kb.sources[target] = original.model_copy(update={"title": f"{original.title} (edit {len(written) + 1})"})
        written.append(write_tree(render_site(site), docs).written)

    sitewide = len(i.pages) - len(kb.claims) - len(kb.sources)
    return run, {
        "record": f"sources/{target}.yaml",
        "citing_claims": cited[target],
        "files": len(i.pages),
        "sitewide": sitewide,
        "written": written,
    }


STAGES: dict[str, Stage] = {
    "list": stage_list,
    "read": stage_read,
    "floor-parse": stage_floor_parse,
    "parse": stage_parse,
    "validate": stage_validate,
    "load": stage_load,
    "load-one-process": functools.partial(stage_load, one_process=True),
    "checks": stage_checks,
    "titles": stage_titles,
    "grade": stage_grade,
    "graph": stage_graph,
    "render": stage_render,
    "write-floor": stage_write_floor,
    "write-tree": stage_write_tree,
    "rewrite-same": stage_rewrite_same,
    "rerender-one": stage_rerender_one,
}


def measure(root: Path, stages: list[str], repeat: int, scratch: Path) -> dict[str, Any]:
    """Each stage `repeat` times, round-robin; times and counts by stage."""
    inputs = Inputs(root, scratch)
    ready: dict[str, tuple[Callable, dict]] = {}
    results: dict[str, Any] = {}
    for name in stages:
        try:
            ready[name] = STAGES[name](inputs)
            results[name] = {"times": [], **{k: v for k, v in ready[name][1].items() if k != "fresh"}}
        except Missing as exc:
            results[name] = {"missing": str(exc)}
        except Exception as exc:  # another module is broken right now: say so, time the rest
            results[name] = {"failed": f"{type(exc).__name__}: {exc}"[:300]}
    for _ in range(repeat):
        for name, (run, counts) in list(ready.items()):
            folder: Path | None = inputs.fresh_folder() if counts.get("fresh") else None
            started = time.perf_counter()
            try:
                run(folder) if folder else run()
            except Exception as exc:
                results[name] = {"failed": f"{type(exc).__name__}: {exc}"[:300]}
                del ready[name]
                continue
            finally:
                if folder:
                    shutil.rmtree(folder, ignore_errors=True)
            results[name]["times"].append(time.perf_counter() - started)
    results["process"] = {"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    return results


def main() -> None:
    """Command line: python benchmarks/stages.py ROOT [--repeat N] [--stages a,b,...]."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stages", default=",".join(STAGES))
    parser.add_argument("--scratch", type=Path, default=Path(__file__).resolve().parent / "out" / "scratch")
    args = parser.parse_args()
    args.scratch.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=args.scratch))
    try:
        print(json.dumps(measure(args.root.resolve(), args.stages.split(","), args.repeat, scratch)))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
