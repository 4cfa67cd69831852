"""Rendered pages: golden files for a claim and a source page, escaping, links between pages."""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gluteclaims.analysis.check import validate_knowledge_base
from gluteclaims.grading.grade import grade_all
from gluteclaims.site.render import SiteInput, render_site

from .conftest import REPO, claim, source, write_kb

GOLDEN = REPO / "tests" / "golden"
HOSTILE = REPO / "tests" / "fixtures" / "hostile"
UPDATE = os.environ.get("GLUTECLAIMS_UPDATE_GOLDEN") == "1"


def prose(text: str) -> str:
    """The Markdown a page's readers see as text: no front matter, JSON-LD or code blocks (all data, escaped)."""
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    body = body.split('<script type="application/ld+json">')[0]
    body = re.sub(r'<pre class="highlight"><code class="language-[\w-]+">[^<]*</code></pre>', "", body)
    return re.sub(r"(`{3,}).*?\1", "", body, flags=re.S)


def render(root: Path, changed: dict | None = None) -> dict[str, str]:
    kb, problems = validate_knowledge_base(root)
    assert [p for p in problems if p.level == "error"] == []
    site = SiteInput(kb=kb, grades=grade_all(kb), base_url="https://example.org/kb/", changed=changed or {})
    return render_site(site)


@pytest.fixture(scope="module")
def hostile() -> dict[str, str]:
    return render(HOSTILE, {"claims/hostile-claim": "2025-01-02", "sources/hostile-2020": "2024-12-31"})


@pytest.mark.parametrize(
    "page, golden", [("claims/hostile-claim.md", "claim.md"), ("sources/hostile-2020.md", "source.md")]
)
def test_page_matches_golden_file(hostile, page, golden):
    path = GOLDEN / golden
    if UPDATE:
        path.write_text(hostile[page], encoding="utf-8")
    assert hostile[page] == path.read_text(encoding="utf-8"), (
        f"{page} changed; if intended, rerun with GLUTECLAIMS_UPDATE_GOLDEN=1 and review the diff of {path}"
    )


def test_record_text_never_reaches_markdown_as_markup(hostile):
    for path, text in hostile.items():
        if not path.endswith(".md"):
            continue
        body = prose(text)
        # The only SVG is the claim page's own graph, whose text is escaped.
        assert "<img" not in body and not re.search(r'<svg(?! class="gc-cg")', body) and "<iframe" not in body, path
        assert not re.search(r'<script(?! src="(\.\./)*assets/)', body), path
        assert not re.search(r"(?<!\\)\]\(javascript:", body), path
    claim_page = hostile["claims/hostile-claim.md"]
    assert "&lt;img src=x onerror=" in claim_page
    assert r"\# Not a heading \*not bold\* \[not a link\]" in claim_page
    jsonld = claim_page.split('<script type="application/ld+json">')[1]
    assert "</script" not in jsonld.rsplit("</script>", 1)[0]


def test_unsafe_addresses_are_not_links(hostile):
    page = hostile["sources/hostile-2020.md"]
    assert "javascript:window.\\_\\_pwned='checked'" in page
    assert not re.search(r"(?<!\\)\]\(javascript:", prose(page))
    assert "[https://pubmed.ncbi.nlm.nih.gov/12345678/](https://pubmed.ncbi.nlm.nih.gov/12345678/)" in page


def test_every_internal_link_points_at_a_generated_page(hostile, tmp_path):
    kb = write_kb(
        tmp_path,
        {
            "sources/a-2020.yaml": source("a-2020"),
            "claims/one.yaml": claim(
                "one",
                evidence=[
                    {"source": "a-2020", "direction": "favours-claim", "outcome": "hypertrophy", "finding": "Grew."}
                ],
                topics=["squat"],
                relations=[{"claim": "two", "type": "contradicts"}],
                no_evidence_note=None,
            ),
            "claims/two.yaml": claim("two", topics=["Odd Topic!"]),
        },
    )
    for files in (render(kb), render(HOSTILE)):
        for path, text in files.items():
            if not path.endswith(".md"):
                continue
            for target in re.findall(r"(?<!\\)\]\(([^)\s]+)\)", prose(text)):
                if "://" in target or target.startswith("#"):
                    continue
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target.split("#")[0]))
                assert resolved in files, f"{path} links to missing {target}"


def test_navigation_lists_sections_not_records():
    import yaml

    nav = yaml.safe_load((REPO / "site_templates" / "mkdocs.yml").read_text())["nav"]
    flat = yaml.safe_dump(nav)
    assert "claims/index.md" in flat and "browse/verdicts.md" in flat
    assert not re.search(r"claims/[a-z0-9-]+\.md", flat.replace("claims/index.md", ""))


_RENDER_IN_A_PROCESS = """
import hashlib, json, sys
from gluteclaims.analysis.check import validate_knowledge_base
from gluteclaims.grading.grade import grade_all
from gluteclaims.site.render import SiteInput, render_site
kb, _ = validate_knowledge_base(sys.argv[1])
files = render_site(SiteInput(kb=kb, grades=grade_all(kb), base_url="https://example.org/kb/", changed={}), workers=0)
print(json.dumps({path: hashlib.sha256(text.encode()).hexdigest() for path, text in sorted(files.items())}))
"""


@pytest.mark.parametrize("root", [HOSTILE, REPO], ids=["hostile", "bundled"])
def test_rendering_is_the_same_in_processes_with_different_hash_seeds(root: Path):
    def rendered(seed: str) -> dict:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _RENDER_IN_A_PROCESS, str(root)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    first, second = rendered("1"), rendered("2")
    assert first == second
    assert any(path.startswith("claims/") for path in first)


def test_claim_page_carries_the_grade_and_its_reasons(tmp_path):
    kb = write_kb(
        tmp_path,
        {
            "sources/a-2020.yaml": source("a-2020"),
            "claims/one.yaml": claim(
                "one",
                evidence=[
                    {
                        "source": "a-2020",
                        "direction": "favours-opposite",
                        "outcome": "hypertrophy",
                        "finding": "Did not grow.",
                    }
                ],
                no_evidence_note=None,
            ),
        },
    )
    files = render(kb)
    grades = grade_all(validate_knowledge_base(kb)[0])
    page = files["claims/one.md"]
    assert f"gc-badge--{grades['one'].verdict}" in page
    for reason in grades["one"].reasons:
        assert reason.sentence.split(":")[0] in page
    assert (
        "| [Doe 2020](../sources/a-2020.md) | randomised trial | "
        '<span data-sort-value="20">20</span> | muscle growth '
        '| <span class="gc-stance gc-stance--favours-opposite">▼ favours the opposite</span> '
        '| <span class="gc-counted gc-counted--yes">Counted, 100% of the weight</span> | Did not grow. |'
    ) in page
    # Reasons name the study by its reference, never by its id.
    assert "The body of evidence: Doe 2020 (direct evidence" in page and "a-2020 (" not in page


def test_rendering_in_worker_processes_gives_the_same_pages():
    kb, _problems = validate_knowledge_base(REPO)
    site = SiteInput(
        kb=kb, grades=grade_all(kb), base_url="https://example.org/kb/", changed={"claims/x": "2025-01-01"}
    )
    here = render_site(site, workers=0)
    shared = render_site(site, workers=2)
    assert list(shared) == list(here)
    assert shared == here


def test_the_articles_page_lists_each_article_with_the_claims_it_makes_and_their_verdicts(tmp_path):
    article = source("blog-2024", kind="popular-article", population=None, sample=None, outcomes=[], title="Glutes 101")
    article["identifiers"] = {"url": "https://blog.example.org/glutes"}
    appears = [{"source": "blog-2024", "position": "disputes", "locator": "paragraph 2", "quote": "No."}]
    kb = write_kb(
        tmp_path,
        {
            "sources/blog-2024.yaml": article,
            "claims/one.yaml": claim("one", title="Does one hold?", appearances=appears),
            "claims/two.yaml": claim("two"),
        },
    )
    page = render(kb)["articles.md"]
    assert "# Articles read" in page and "1 articles,\nmaking 1 claims" in page
    assert "## Glutes 101 { #blog-2024 }" in page
    assert "[read the article](https://blog.example.org/glutes)" in page
    assert "**[Does one hold?](claims/one.md)**" in page and "<em>The article disputes this claim.</em>" in page
    assert "gc-badge--not-studied" in page and "claims/two.md" not in page


def test_a_claims_bibtex_citation_escapes_every_latex_special(tmp_path):
    kb = write_kb(tmp_path, {"claims/odd.yaml": claim("odd", statement="Sets of 10~12 at 2^3 \\ 50% & more_{x}.")})
    page = html.unescape(render(kb)["claims/odd.md"])  # the citation sits in an escaped code block
    assert r"Sets of 10\textasciitilde{}12 at 2\textasciicircum{}3 \textbackslash{} 50\% \& more\_\{x\}" in page
