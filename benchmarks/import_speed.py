"""Time `gluteclaims import --dry-run` on a large reference library in each format it reads.

Writes a synthetic library of N entries (default 7,166, the size of the library in issue 18)
as BibTeX (with LaTeX accents and @string macros), RIS, CSL-JSON and MEDLINE under
benchmarks/out/import/, imports each into an empty knowledge base with --dry-run (reading,
duplicate search and record text, nothing written), and prints the wall time. Exits 1 when one
takes longer than the limit (10 s for 7,000 entries, scaled by N).

    python benchmarks/import_speed.py [--entries 7166]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

from generate import WORDS

OUT = Path(__file__).parent / "out" / "import"
LIMIT_SECONDS_PER_7000 = 10.0
FAMILIES = ("Contreras", "Schoenfeld", "Vigotsky", "Müller", "Muñoz", "Ødegaard", "Smith", "Nguyen", "Kim", "Silva")


def _entries(count: int, seed: int = 18) -> list[dict]:
    rng = random.Random(seed)
    entries = []
    for number in range(count):
        words = rng.sample(WORDS, 9)
        authors = [(rng.choice(FAMILIES), rng.choice("ABCDEFGHJKLMNPRST")) for _ in range(rng.randint(1, 6))]
        entries.append(
            {
                "key": f"ref{number}",
                "title": f"{' '.join(words).capitalize()} {number}",
                "authors": authors,
                "year": rng.randint(1980, 2024),
                "journal": "Journal of Strength and Conditioning Research",
                "volume": str(rng.randint(1, 40)),
                "pages": f"{(p := rng.randint(1, 900))}-{p + rng.randint(3, 15)}",
                "doi": f"10.1000/bench.{number}" if number % 10 else None,
                "url": f"https://example.org/paper/{number}",
            }
        )
    return entries


def _latex(family: str) -> str:
    return family.replace("ü", '{\\"u}').replace("ñ", "\\~n").replace("Ø", "{\\O}")


def _bibtex(entries: list[dict]) -> str:
    out = ['@string{jscr = "Journal of Strength and " # "Conditioning Research"}\n']
    for e in entries:
        names = " and ".join(f"{_latex(f)}, {g}." for f, g in e["authors"])
        doi = f"  doi = {{{e['doi']}}},\n" if e["doi"] else ""
        out.append(
            f"@article{{{e['key']},\n  author = {{{names}}},\n  title = {{{e['title']}}},\n  journal = jscr,\n"
            f"  year = {e['year']},\n  volume = {{{e['volume']}}},\n  pages = {{{e['pages'].replace('-', '--')}}},\n"
            f"{doi}  url = {{{e['url']}}}\n}}\n"
        )
    return "\n".join(out)


def _ris(entries: list[dict]) -> str:
    out = []
    for e in entries:
        lines = ["TY  - JOUR", *(f"AU  - {f}, {g}." for f, g in e["authors"]), f"TI  - {e['title']}"]
        lines += [f"T2  - {e['journal']}", f"PY  - {e['year']}", f"VL  - {e['volume']}"]
        start, end = e["pages"].split("-")
        lines += [f"SP  - {start}", f"EP  - {end}", f"UR  - {e['url']}"]
        lines += [f"DO  - {e['doi']}"] if e["doi"] else []
        out.append("\n".join([*lines, "ER  - ", ""]))
    return "\n".join(out)


def _csl(entries: list[dict]) -> str:
    items = [
        {
            "id": e["key"],
            "type": "article-journal",
            "title": e["title"],
            "author": [{"family": f, "given": f"{g}."} for f, g in e["authors"]],
            "issued": {"date-parts": [[e["year"]]]},
            "container-title": e["journal"],
            "volume": e["volume"],
            "page": e["pages"],
            "URL": e["url"],
            **({"DOI": e["doi"]} if e["doi"] else {}),
        }
        for e in entries
    ]
    return "[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n]\n"


def _medline(entries: list[dict]) -> str:
    out = []
    for number, e in enumerate(entries, start=1):
        lines = [f"PMID- {number}", f"TI  - {e['title']}."]
        lines += [f"FAU - {f}, {g}" for f, g in e["authors"]]
        lines += [f"DP  - {e['year']}", f"JT  - {e['journal']}", f"VI  - {e['volume']}", f"PG  - {e['pages']}"]
        lines += [f"LID - {e['doi']} [doi]"] if e["doi"] else []
        out.append("\n".join([*lines, ""]))
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=7166)
    count = parser.parse_args().entries
    limit = LIMIT_SECONDS_PER_7000 * max(count, 7000) / 7000
    entries = _entries(count)
    root = OUT / "kb"
    for folder in ("claims", "sources"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    slow = False
    for name, text in (
        ("library.bib", _bibtex(entries)),
        ("library.ris", _ris(entries)),
        ("library.json", _csl(entries)),
        ("library.nbib", _medline(entries)),
    ):
        path = OUT / name
        path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "gluteclaims", "import", str(path), "--root", str(root), "--dry-run"],
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        planned = done.stdout.count("would write ")
        status = "ok" if seconds <= limit and done.returncode == 0 else "TOO SLOW" if seconds > limit else "FAILED"
        slow |= status != "ok"
        print(
            f"{name:14} {count:>6,} entries  {planned:>6,} planned  {seconds:6.2f} s  (limit {limit:.0f} s)  {status}"
        )
        if done.returncode != 0:
            print(done.stderr[-2000:], file=sys.stderr)
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
