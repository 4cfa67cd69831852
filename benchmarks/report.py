"""Turn a benchmark run (the JSON that run.py writes) into the Markdown tables of benchmarks/README.md.

Example:

    python benchmarks/report.py benchmarks/out/results-20260101-120000.json
"""

from __future__ import annotations

import json
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import generate

START = "<!-- speed:start: written by `python benchmarks/run.py --readme`; notes go below speed:end -->"
END = "<!-- speed:end -->"
TARGET = "12k"
BIG = "50k"

STAGE_ROWS = [
    ("list the record files", "list"),
    ("read the bytes (**floor 1**)", "read"),
    ("parse with libyaml's C loader alone, one process (**floor 2**)", "floor-parse"),
    ("parse with `gluteclaims.kb.parse`, one process", "parse"),
    ("validate with pydantic", "validate"),
    ("load (read, parse, validate), all cores, no cache", "load"),
    ("load, one process, no cache", "load-one-process"),
    ("cross-record checks", "checks"),
    ("&nbsp;&nbsp;of which near-duplicate titles", "titles"),
    ("grading (`grade_all`)", "grade"),
    ("contradiction analysis (`find_contradictions`)", "graph"),
    ("render every page in memory (`render_site`)", "render"),
    ("write the same files, plain (**floor 3**)", "write-floor"),
    ("`write_tree` into an empty folder", "write-tree"),
    ("`write_tree` again, nothing changed", "rewrite-same"),
    ("edit one source, render all, `write_tree`", "rerender-one"),
]


def median(values: list[float]) -> float:
    return statistics.median(values)


def seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def _stage(results: dict, size: str, name: str) -> dict | None:
    return results["sizes"].get(size, {}).get("stages", {}).get(name)


def _stage_median(results: dict, size: str, name: str) -> float | None:
    stage = _stage(results, size, name)
    return median(stage["times"]) if stage and stage.get("times") else None


def _timed(stage: dict | None) -> bool:
    return bool(stage and stage.get("times"))


def _cell(results: dict, size: str, name: str) -> str:
    stage = _stage(results, size, name)
    if stage is None:
        return "–"
    if "missing" in stage:
        return "module not landed"
    if "failed" in stage:
        return f"failed ({stage['failed'].split(':')[0]})"
    text = seconds(median(stage["times"]))
    floor = {"parse": "floor-parse", "render": "write-floor", "write-tree": "write-floor"}.get(name)
    base = _stage_median(results, size, floor) if floor else None
    if base:
        text += f" ({median(stage['times']) / base:.2f}×)"
    if "written" in stage:
        text += f", {max(stage['written'])} written"
    return text


def _check(results: dict, size: str) -> dict | None:
    return results["sizes"].get(size, {}).get("check")


def _site(results: dict, size: str) -> dict | None:
    return results["sizes"].get(size, {}).get("site")


def _sizes(results: dict) -> list[str]:
    return [s for s in generate.PRESETS if s in results["sizes"]]


def stage_table(results: dict) -> list[str]:
    sizes = _sizes(results)
    lines = [
        "| stage | " + " | ".join(f"{s} ({results['sizes'][s]['records']:,} records)" for s in sizes) + " |",
        "|---" * (len(sizes) + 1) + "|",
    ]
    for label, name in STAGE_ROWS:
        if any(_stage(results, s, name) for s in sizes):
            lines.append(f"| {label} | " + " | ".join(_cell(results, s, name) for s in sizes) + " |")

    def row(label: str, value: Callable[[str], str]) -> None:
        lines.append(f"| {label} | " + " | ".join(value(s) for s in sizes) + " |")

    def cli(kind: str) -> Callable[[str], str]:
        def value(size: str) -> str:
            check = _check(results, size)
            if not check:
                return "–"
            runs = check[kind]
            text = seconds(median([r["seconds"] for r in runs]))
            if kind == "cold":
                text += (
                    f" ({median([r['seconds'] / f for r, f in zip(runs, check['floor'], strict=False)]):.2f}× floor 2)"
                )
            if any(r["exit"] != 0 for r in runs):
                text += " exit≠0"
            return text

        return value

    row("`gluteclaims check`, whole command", cli("cold"))
    row(
        "peak memory of cold `check`: main process / all processes",
        lambda s: (
            (
                f"{max(r['peak_mb'] for r in _memory(_check(results, s))):.0f} / "
                f"{max(r['tree_peak_mb'] for r in _memory(_check(results, s))):.0f} MB"
            )
            if _check(results, s)
            else "–"
        ),
    )

    def site_value(pick: Callable[[dict], str]) -> Callable[[str], str]:
        def value(size: str) -> str:
            site = _site(results, size)
            if not site:
                return "–"
            if site["build"]["exit"] != 0:
                return "build failed"
            return pick(site)

        return value

    row(
        "`gluteclaims build` from scratch (render + mkdocs)", site_value(lambda site: seconds(site["build"]["seconds"]))
    )
    row("&nbsp;&nbsp;of which `mkdocs build` alone", site_value(lambda site: seconds(site["mkdocs"]["seconds"])))
    row(
        "pages built; whole site",
        site_value(lambda site: f"{site['stats']['pages']:,}; {site['stats']['site_mb']:.0f} MB"),
    )
    row("mkdocs search index (gzip)", site_value(lambda site: _index(site["stats"]["search_index"])))
    row("spelling-tolerant index (gzip)", site_value(lambda site: _index(site["stats"]["fuzzy_index"])))
    row("links in the home page's navigation", site_value(lambda site: str(site["stats"]["nav_links"])))
    row(
        "first search result in Chromium: desktop / 4× slower CPU",
        site_value(
            lambda site: " / ".join(_maybe_seconds(site["browser"].get(k)) for k in ("desktop", "cpu_4x_slower"))
        ),
    )
    serve = {s: results["sizes"][s].get("serve") for s in sizes}
    if any(serve.values()):
        row("`gluteclaims serve`: first page / an edited record visible", lambda s: _serve(serve[s]))
    return lines


def _index(sizes: dict | None) -> str:
    return "none" if not sizes else f"{sizes['mb']:.1f} MB ({sizes['gzip_mb']:.1f} MB)"


def _maybe_seconds(value: Any) -> str:
    return seconds(value) if isinstance(value, (int, float)) else str(value or "–")


def _serve(result: dict | None) -> str:
    if not result:
        return "–"
    if "error" in result:
        return result["error"]
    each = result.get("edits_visible")
    spread = f" (median of {len(each)} edits: {', '.join(seconds(t) for t in each)})" if each else ""
    return f"{seconds(result['first_page'])} / {seconds(result['edit_visible'])}{spread}"


def targets(results: dict) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for each target of the issue that this run measured."""
    rows: list[tuple[str, str, str]] = []

    def verdict(ok: bool) -> str:
        return "**met**" if ok else "**not met**"

    check = _check(results, TARGET)
    if check:
        cold = median([r["seconds"] for r in check["cold"]])
        floor = median(check["floor"])
        # Each cold run is paired with the floor run just before it, so a burst of other work on
        # the machine falls on both; the median of those ratios is the figure judged.
        paired = median([r["seconds"] / f for r, f in zip(check["cold"], check["floor"], strict=False)])
        rows.append(
            (
                f"`gluteclaims check` ≤ 1.2 × C-loader parse ({TARGET})",
                f"{seconds(cold)} vs {seconds(floor)} (medians); median of paired ratios {paired:.3f}×",
                verdict(paired <= 1.2),
            )
        )
    grade, graph = _stage_median(results, TARGET, "grade"), _stage_median(results, TARGET, "graph")
    if grade is not None and graph is not None:
        rows.append(
            (
                f"grading + contradiction analysis < 1 s ({TARGET})",
                f"{seconds(grade)} + {seconds(graph)} = {seconds(grade + graph)}",
                verdict(grade + graph < 1),
            )
        )
    small, big = _stage(results, TARGET, "titles"), _stage(results, BIG, "titles")
    if _timed(small) and _timed(big):
        grow_n = big["sources"] / small["sources"]
        grow_t = median(big["times"]) / median(small["times"])
        rows.append(
            (
                f"near-duplicate titles not all-pairs quadratic ({TARGET} → {BIG})",
                (
                    f"{grow_n:.1f}× the sources, {grow_t:.1f}× the time (all pairs: {grow_n**2:.0f}×); "
                    f"{seconds(median(big['times']))} at {BIG}"
                ),
                verdict(grow_t < 2 * grow_n),
            )
        )
    render, floor3 = _stage_median(results, TARGET, "render"), _stage_median(results, TARGET, "write-floor")
    if render is not None and floor3:
        rows.append(
            (
                f"rendering every page ≤ 1.5 × writing the files ({TARGET})",
                f"{seconds(render)} vs {seconds(floor3)}: {render / floor3:.1f}×",
                verdict(render <= 1.5 * floor3),
            )
        )
    one = _stage(results, TARGET, "rerender-one")
    if _timed(one) and "written" in one:
        allowed = 1 + one["citing_claims"] + one["sitewide"]
        rows.append(
            (
                f"after one edited record, only dependent pages rewritten ({TARGET})",
                (
                    f"{max(one['written'])} files written of {one['files']:,}: its page, the "
                    f"{one['citing_claims']} claims citing it and at most {one['sitewide']} site-wide files"
                ),
                verdict(max(one["written"]) <= allowed),
            )
        )
    same = _stage(results, TARGET, "rewrite-same")
    if _timed(same) and "written" in same:
        rows.append(
            (
                f"unchanged files are not touched ({TARGET})",
                f"{max(same['written'])} files written when nothing changed",
                verdict(max(same["written"]) == 0),
            )
        )
    for size, limit in (("1k", 15), ("5k", 60)):
        site = _site(results, size)
        if site and site["build"]["exit"] == 0:
            built = site["build"]["seconds"]
            rows.append(
                (
                    f"full site build < {limit} s ({size}, {results['sizes'][size]['records']:,} records)",
                    seconds(built),
                    verdict(built < limit),
                )
            )
    navs = {
        s: _site(results, s)["stats"]["nav_links"]
        for s in _sizes(results)
        if _site(results, s) and "stats" in _site(results, s)
    }
    if len(navs) > 1:
        rows.append(
            (
                "the navigation does not grow with the pages",
                ", ".join(f"{n} links at {s}" for s, n in navs.items()),
                verdict(len(set(navs.values())) == 1),
            )
        )
    site = _site(results, "5k")
    if site and "stats" in site:
        index = site["stats"]["search_index"]
        phone = site["browser"].get("cpu_4x_slower")
        measured = (
            f"{_index(index)}; first result {_maybe_seconds(site['browser'].get('desktop'))} desktop, "
            f"{_maybe_seconds(phone)} with a 4× slower CPU"
        )
        runs = site["browser"].get("cpu_4x_slower_runs")
        if runs:
            measured += f" (median of {len(runs)}: {', '.join(seconds(r) for r in runs)})"
        ok = bool(index) and index["gzip_mb"] <= 1 and isinstance(phone, (int, float)) and phone <= 3
        rows.append(
            (
                "search index loads on a phone (5k): ≤ 1 MB compressed, first result ≤ 3 s at 4× slower CPU",
                measured,
                verdict(ok),
            )
        )
    for size in _sizes(results):
        serve = results["sizes"][size].get("serve")
        if serve:
            ok = "edit_visible" in serve and serve["edit_visible"] < 2
            rows.append((f"`gluteclaims serve` shows an edited record < 2 s ({size})", _serve(serve), verdict(ok)))
    big_check = _check(results, BIG)
    if big_check:
        tree = max(r["tree_peak_mb"] for r in _memory(big_check))
        main = max(r["peak_mb"] for r in _memory(big_check))
        rows.append(
            (
                f"peak memory of `check` < 1 GiB ({BIG})",
                f"{tree:.0f} MB all processes ({main:.0f} MB main process)",
                verdict(tree < 1024),
            )
        )
    return rows


def markdown(results: dict) -> str:
    """The speed section of benchmarks/README.md."""
    m = results["machine"]
    presets = ", ".join(
        f"{s} = {generate.PRESETS[s][0]:,} sources + {generate.PRESETS[s][1]:,} claims" for s in _sizes(results)
    )
    loads = "; ".join(
        f"{s}: {results['sizes'][s]['load_before'][0]:.1f} → {results['sizes'][s]['load_after'][0]:.1f}"
        for s in _sizes(results)
    )
    lines = [
        START,
        "## Speed",
        "",
        f"Reproduce: `{results['command']}` (medians of {results['repeat']} runs; every stage runs "
        f"round-robin with the others, and each cold `check` is paired with a floor run just before it).",
        "",
        f"Measured {m['date']} on {m['cpu']}, {m['cores']} cores; Python {m['python']}, PyYAML {m['pyyaml']} "
        f"with libyaml {m['libyaml']}, pydantic {m['pydantic']}, mkdocs {m['mkdocs']}. "
        f"Sizes: {presets} (the targets' size is {TARGET}). One-minute load average before → after each size: {loads}.",
        "",
        "### Targets",
        "",
        "| target | measured | |",
        "|---|---|---|",
        *(f"| {t} | {v} | {ok} |" for t, v, ok in targets(results)),
        "",
        "### Stages (median wall time; × = ratio to the floor of the same run)",
        "",
        *stage_table(results),
        END,
    ]
    return "\n".join(lines) + "\n"


def write_readme(readme: Path, section: str) -> None:
    """Replace the speed section of the README (or put it first), keeping everything else."""
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + section.rstrip("\n") + after
    else:
        text = section + "\n" + text
    readme.write_text(text, encoding="utf-8")


def _memory(check: dict) -> list[dict]:
    """The runs whose memory was sampled: a run of its own (older results: the timed runs)."""
    return check.get("memory") or check["cold"]


def main() -> None:
    """Command line: python benchmarks/report.py RESULTS.json [--readme]."""
    results = json.loads(Path(sys.argv[1]).read_text())
    text = markdown(results)
    print(text)
    if "--readme" in sys.argv[2:]:
        write_readme(Path(__file__).resolve().parent / "README.md", text)


if __name__ == "__main__":
    main()
