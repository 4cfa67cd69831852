"""Run the speed benchmarks: every stage of `check` and of the site, against floors from the same run.

Generates the synthetic knowledge bases it needs (under benchmarks/out/, git-ignored), times
each stage round-robin in a child process (benchmarks/stages.py), times the real commands
(`gluteclaims check`, `gluteclaims build`, `gluteclaims serve`) as a user runs them, measures
the site's search index in Chromium, and prints the results as Markdown.
With --readme the results replace the speed section of benchmarks/README.md.

Example:

    python benchmarks/run.py --readme                       # all sizes, about 30 minutes on 2 cores
    python benchmarks/run.py --sizes 1k --site-sizes 1k --serve-size 1k --repeat 1   # a quick look
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate
import report

OUT = HERE / "out"
README = HERE / "README.md"
TARGET_SIZE = "12k"
BIG_SIZE = "50k"
CHECK_STAGES = [
    "list",
    "read",
    "floor-parse",
    "parse",
    "validate",
    "load",
    "load-one-process",
    "checks",
    "titles",
    "grade",
    "graph",
]
RENDER_STAGES = ["render", "write-floor", "write-tree", "rewrite-same", "rerender-one"]
BROWSER_RUNS = 5


def kb_for(size: str) -> Path:
    """The synthetic knowledge base of a preset size, generated when missing."""
    return generate.ensure(OUT / f"kb-{size}", size)


def gluteclaims(*args: str) -> list[str]:
    return [sys.executable, "-m", "gluteclaims", *args]


def run_stages(root: Path, stages: list[str], repeat: int) -> dict[str, Any]:
    """Timings of the given stages from one child process (benchmarks/stages.py)."""
    done = subprocess.run(
        [sys.executable, str(HERE / "stages.py"), str(root), "--repeat", str(repeat), "--stages", ",".join(stages)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"stages.py failed on {root}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def _tree_pss_kb(pid: int) -> int:
    """Proportional memory of a process and all its descendants (pages shared after fork counted once in all)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(child) for child in (task / "children").read_text().split())
        except (OSError, AttributeError, ValueError):
            continue
    return total


def timed(command: list[str], env: dict | None = None, cwd: Path | None = None, sample: bool = True) -> dict[str, Any]:
    """Wall time, exit code and peak memory (own resident, and proportional of the process tree) of one command.

    Without `sample`, the process tree's memory is not read: reading /proc every 20 ms takes CPU
    from a command that uses every core, so runs timed against a floor are not sampled.
    """
    peak = [0]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}, cwd=cwd
    )
    stop = threading.Event()

    def sample_memory() -> None:
        while not stop.wait(0.02):
            peak[0] = max(peak[0], _tree_pss_kb(process.pid))

    sampler = threading.Thread(target=sample_memory, daemon=True)
    if sample:
        sampler.start()
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    if sample:
        sampler.join()
    return {
        "seconds": seconds,
        "exit": process.returncode,
        "peak_mb": usage.ru_maxrss / 1024,
        "tree_peak_mb": peak[0] / 1024,
        "stderr": stderr.decode(errors="replace")[-2000:],
    }


def check_rounds(root: Path, repeat: int) -> dict[str, Any]:
    """`gluteclaims check` as a user runs it, each run paired with a floor run just before it."""
    floors, colds = [], []
    for _ in range(repeat):
        floors.append(run_stages(root, ["floor-parse"], 1)["floor-parse"]["times"][0])
        colds.append(timed(gluteclaims("check", "--root", str(root)), sample=False))
    # Memory is sampled in a run of its own, so the sampling does not slow the timed runs.
    return {"floor": floors, "cold": colds, "memory": [timed(gluteclaims("check", "--root", str(root)))]}


def _site_stats(site: Path) -> dict[str, Any]:
    def sizes(path: Path) -> dict[str, float] | None:
        if not path.is_file():
            return None
        raw = path.read_bytes()
        return {"mb": len(raw) / 2**20, "gzip_mb": len(gzip.compress(raw, 6)) / 2**20}

    home = (site / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', home, re.S)
    return {
        "pages": sum(1 for _ in site.rglob("index.html")),
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20,
        "search_index": sizes(site / "search" / "search_index.json"),
        "fuzzy_index": sizes(site / "assets" / "fuzzy-index.json"),
        "nav_links": len(re.findall(r'class="md-nav__link', nav.group(0) if nav else home)),
        "home_kb": len(home.encode()) / 1024,
    }


def site_round(root: Path, size: str) -> dict[str, Any]:
    """`gluteclaims build` from scratch, mkdocs alone, a rebuild after one edit; the site's size and search."""
    out = OUT / f"site-{size}"
    shutil.rmtree(root / ".generated", ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    env: dict[str, str] = {}
    result: dict[str, Any] = {
        "build": timed(gluteclaims("build", "--root", str(root), "--out", str(out)), env, sample=False)
    }
    if result["build"]["exit"] != 0:
        return result
    config = root / ".generated" / "mkdocs.yml"
    result["mkdocs"] = timed(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "-d", str(OUT / f"mkdocs-only-{size}")],
        sample=False,
    )
    shutil.rmtree(OUT / f"mkdocs-only-{size}", ignore_errors=True)
    result["stats"] = _site_stats(out)
    result["browser"] = {}
    for label, throttle in (("desktop", 1), ("cpu_4x_slower", 4)):
        try:
            import browser

            # A fresh browser each time, whose load varies by a second or more: the median of five.
            runs = [browser.first_result_seconds(out, "hip thrust", throttle) for _ in range(BROWSER_RUNS)]
            result["browser"][label] = statistics.median(runs)
            result["browser"][f"{label}_runs"] = runs
        except Exception as exc:  # the browser is optional for the rest of the run
            result["browser"][label] = f"not measured: {type(exc).__name__}: {exc}"[:300]
    return result


def _edit_title(path: Path, marker: str) -> None:
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["title"] = f"{record['title']} {marker}"
    path.write_text(generate._dump(record, "source"), encoding="utf-8")


def serve_round(root: Path, timeout_s: float = 600.0, edits: int = 5) -> dict[str, Any]:
    """Seconds from saving an edited record to `gluteclaims serve` showing it on the page (median of several edits)."""
    port = 8700 + os.getpid() % 200
    victim = sorted((root / "sources").glob("*.yaml"))[0]
    original = victim.read_bytes()
    process = subprocess.Popen(
        gluteclaims("serve", "--root", str(root), "--port", str(port)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ),
        start_new_session=True,
    )
    page = f"http://127.0.0.1:{port}/sources/{victim.stem}/"
    try:
        started = time.perf_counter()
        if not _wait_for(page, lambda text: True, started + timeout_s, process):
            return {"error": f"serve did not answer on {page} within {timeout_s:.0f}s (exit {process.poll()})"}
        first_page = time.perf_counter() - started
        visible = []
        for edit in range(edits):  # the watchers poll, so one edit's time depends on where it falls: time several
            marker = f"EDITED{int(time.time())}N{edit}"
            time.sleep(2)  # let the watchers settle on the current files
            edited = time.perf_counter()
            _edit_title(victim, marker)
            if not _wait_for(page, lambda text, marker=marker: marker in text, edited + timeout_s, process):
                return {"first_page": first_page, "error": f"edit {edit + 1} did not show within {timeout_s:.0f}s"}
            visible.append(time.perf_counter() - edited)
        return {"first_page": first_page, "edit_visible": statistics.median(visible), "edits_visible": visible}
    finally:
        victim.write_bytes(original)
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_for(url: str, ready, deadline: float, process: subprocess.Popen) -> bool:
    while time.perf_counter() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if ready(answer.read().decode("utf-8", "replace")):
                    return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    import mkdocs
    import pydantic
    from yaml import _yaml

    model = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    return {
        "date": datetime.date.today().isoformat(),
        "cpu": model.group(1) if model else platform.processor(),
        "cores": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "pyyaml": yaml.__version__,
        "libyaml": _yaml.get_version_string(),
        "pydantic": pydantic.VERSION,
        "mkdocs": mkdocs.__version__,
        "load_before": os.getloadavg(),
    }


def main() -> None:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1k,5k,12k,50k", help="knowledge-base sizes for the check stages")
    parser.add_argument("--render-sizes", default="1k,5k,12k", help="sizes at which pages are rendered and written")
    parser.add_argument("--site-sizes", default="1k,5k", help="sizes at which the whole site is built with mkdocs")
    parser.add_argument("--serve-size", default="1k", help="size at which `gluteclaims serve` is timed ('' to skip)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage; the median is reported")
    parser.add_argument("--readme", action="store_true", help="write the results into benchmarks/README.md")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    sizes = [s for s in args.sizes.split(",") if s]
    render_sizes = [s for s in args.render_sizes.split(",") if s]
    site_sizes = [s for s in args.site_sizes.split(",") if s]
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:])
    results: dict[str, Any] = {"machine": machine(), "command": command.strip(), "repeat": args.repeat, "sizes": {}}
    wanted = set(sizes + render_sizes + site_sizes + ([args.serve_size] if args.serve_size else []))
    for size in [s for s in generate.PRESETS if s in wanted]:
        root = kb_for(size)
        print(
            f"[{time.strftime('%H:%M:%S')}] {size}: {generate.PRESETS[size]} sources, claims",
            file=sys.stderr,
            flush=True,
        )
        entry: dict[str, Any] = {"records": sum(generate.PRESETS[size]), "load_before": os.getloadavg()}
        stages = (CHECK_STAGES if size in sizes else []) + (RENDER_STAGES if size in render_sizes else [])
        if stages:
            entry["stages"] = run_stages(root, stages, args.repeat)
        if size in sizes:
            entry["check"] = check_rounds(root, args.repeat)
        if size in site_sizes:
            entry["site"] = site_round(root, size)
        if size == args.serve_size:
            entry["serve"] = serve_round(root)
        entry["load_after"] = os.getloadavg()
        results["sizes"][size] = entry
    shutil.rmtree(OUT / "scratch", ignore_errors=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    (OUT / f"results-{stamp}.json").write_text(json.dumps(results, indent=1))
    text = report.markdown(results)
    print(text)
    if args.readme:
        report.write_readme(README, text)


if __name__ == "__main__":
    main()
