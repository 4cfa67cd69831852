"""Citation formats, checked by exact text and by Debian's pandoc reading them back."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from gluteclaims.kb.models import Source
from gluteclaims.refs.cite import bibtex_key, to_apa, to_bibtex, to_csl, to_ris

PANDOC = "/usr/bin/pandoc"

# Facts from sources/contreras-2015.yaml and docs/examples/source.yaml.
CONTRERAS = Source.model_validate(
    {
        "id": "contreras-2015",
        "kind": "crossover",
        "title": (
            "A Comparison of Gluteus Maximus, Biceps Femoris, and Vastus Lateralis Electromyographic Activity in "
            "the Back Squat and Barbell Hip Thrust Exercises"
        ),
        "authors": ["Contreras, B", "Vigotsky, AD", "Schoenfeld, BJ", "Beardsley, C", "Cronin, J"],
        "year": 2015,
        "venue": "Journal of Applied Biomechanics",
        "volume": "31",
        "issue": "6",
        "pages": "452-458",
        "identifiers": {"doi": "10.1123/jab.2014-0301", "pmid": "26214739"},
        "verification": {"status": "partly-confirmed", "unconfirmed": ["issue"]},
    }
)
# Facts from sources/amabile-2017.yaml.
AMABILE = Source.model_validate(
    {
        "id": "amabile-2017",
        "kind": "case-control",
        "title": "Atrophy of gluteus maximus among women with a history of chronic low back pain",
        "authors": ["Amabile, AH", "Bolte, JH", "Richter, SD"],
        "year": 2017,
        "venue": "PLoS ONE",
        "volume": "12",
        "issue": "7",
        "pages": "e0177008",
        "identifiers": {"doi": "10.1371/journal.pone.0177008", "pmid": "28715424", "pmcid": "PMC5513394"},
        "verification": {"status": "confirmed"},
    }
)


def source(**fields) -> Source:
    base = {
        "id": "x-2020",
        "kind": "expert-opinion",
        "title": "A title",
        "identifiers": {"url": "https://example.org/a"},
        "verification": {"status": "confirmed"},
    }
    return Source.model_validate({**base, **fields})


def test_apa_journal_article():
    assert to_apa(CONTRERAS) == (
        "Contreras, B., Vigotsky, A. D., Schoenfeld, B. J., Beardsley, C., & Cronin, J. (2015). "
        "A Comparison of Gluteus Maximus, Biceps Femoris, and Vastus Lateralis Electromyographic Activity "
        "in the Back Squat and Barbell Hip Thrust Exercises. Journal of Applied Biomechanics, 31(6), 452\u2013458. "
        "https://doi.org/10.1123/jab.2014-0301"
    )


def test_apa_two_authors_full_given_names_and_article_number():
    s = source(
        authors=["Lewis, Cara L", "Sahrmann, Shirley"],
        year=2009,
        venue="PLoS ONE",
        volume="12",
        pages="e0177008",
        kind="crossover",
    )
    assert to_apa(s) == "Lewis, C. L., & Sahrmann, S. (2009). A title. PLoS ONE, 12, e0177008. https://example.org/a"


def test_apa_without_author_or_year_puts_the_title_first():
    s = source(kind="popular-article", title="Fascia, Fluid, and Flow: Why Hydration Matters", venue="A clinic blog")
    assert to_apa(s) == "Fascia, Fluid, and Flow: Why Hydration Matters. (n.d.). A clinic blog. https://example.org/a"


def test_apa_book_keeps_question_mark_and_publisher():
    s = source(
        kind="book",
        title="Is this a book?",
        authors=["McGill, Stuart"],
        year=2016,
        venue="Human Kinetics",
        identifiers={"isbn": "978-0-7360-6692-4"},
    )
    assert to_apa(s) == "McGill, S. (2016). Is this a book? Human Kinetics."


def test_apa_more_than_twenty_authors_uses_an_ellipsis():
    s = source(authors=[f"Author{i}, A" for i in range(1, 25)], year=2020)
    text = to_apa(s)
    assert text.startswith("Author1, A., Author2, A., ")
    assert "Author19, A., . . . Author24, A. (2020)." in text
    assert "Author20" not in text and "&" not in text


def test_bibtex_entry_exact():
    assert to_bibtex(AMABILE) == (
        "@article{amabile-2017,\n"
        "  author = {Amabile, A. H. and Bolte, J. H. and Richter, S. D.},\n"
        "  title = {Atrophy of gluteus maximus among women with a history of chronic low back pain},\n"
        "  journal = {PLoS ONE},\n"
        "  year = {2017},\n"
        "  volume = {12},\n"
        "  number = {7},\n"
        "  pages = {e0177008},\n"
        "  doi = {10.1371/journal.pone.0177008},\n"
        "  pmid = {28715424},\n"
        "  pmcid = {PMC5513394},\n"
        "}\n"
    )


def test_bibtex_key_is_the_id():
    assert bibtex_key(CONTRERAS) == "contreras-2015"


def test_bibtex_escapes_latex_and_protects_acronyms():
    s = source(
        title="EMG of 50% & {more} \\ #1_x", authors=["Krause Neto, W", "World Health Organization"], venue="Q&A"
    )
    entry = to_bibtex(s)
    assert "title = {{EMG} of 50\\% \\& \\{more\\} \\textbackslash{} \\#1\\_x}," in entry
    assert "author = {{Krause Neto}, W. and {World Health Organization}}," in entry
    assert entry.count("{") == entry.count("}")


def test_csl_item():
    assert to_csl(CONTRERAS) == {
        "id": "contreras-2015",
        "type": "article-journal",
        "title": CONTRERAS.title,
        "author": [
            {"family": "Contreras", "given": "B."},
            {"family": "Vigotsky", "given": "A. D."},
            {"family": "Schoenfeld", "given": "B. J."},
            {"family": "Beardsley", "given": "C."},
            {"family": "Cronin", "given": "J."},
        ],
        "issued": {"date-parts": [[2015]]},
        "container-title": "Journal of Applied Biomechanics",
        "volume": "31",
        "issue": "6",
        "page": "452-458",
        "DOI": "10.1123/jab.2014-0301",
        "PMID": "26214739",
    }


def test_csl_book_and_organisation_author():
    item = to_csl(source(kind="book", authors=["World Health Organization"], venue="WHO Press"))
    assert item["type"] == "book" and item["publisher"] == "WHO Press"
    assert item["author"] == [{"literal": "World Health Organization"}]


def test_ris_record_exact():
    assert to_ris(CONTRERAS) == (
        "TY  - JOUR\n"
        "ID  - contreras-2015\n"
        "AU  - Contreras, B.\n"
        "AU  - Vigotsky, A. D.\n"
        "AU  - Schoenfeld, B. J.\n"
        "AU  - Beardsley, C.\n"
        "AU  - Cronin, J.\n"
        f"TI  - {CONTRERAS.title}\n"
        "T2  - Journal of Applied Biomechanics\n"
        "PY  - 2015\n"
        "VL  - 31\n"
        "IS  - 6\n"
        "SP  - 452\n"
        "EP  - 458\n"
        "DO  - 10.1123/jab.2014-0301\n"
        "AN  - 26214739\n"
        "ER  - \n"
    )


def test_ris_folds_newlines_so_a_title_cannot_inject_tags():
    text = to_ris(source(title="First line\nER  - \nTY  - JOUR"))
    assert text.count("\nER  - ") == 1


# Debian's pandoc reads our files back.


def _pandoc(*args: str, stdin: str | None = None) -> str:
    done = subprocess.run([PANDOC, *args], input=stdin, capture_output=True, text=True, check=True, timeout=60)
    return done.stdout


HOSTILE = source(
    id="hostile-2020",
    kind="randomised-trial",
    title="Curly {braces}, 100% \\ backslash & #hash_tag",
    authors=["O'Neil-Smith, Jean-Pierre"],
    year=2020,
    venue="Journal of A & B",
    identifiers={"doi": "10.1000/a_b(c)"},
)


@pytest.mark.parametrize("source_", [CONTRERAS, AMABILE, HOSTILE], ids=lambda s: s.id)
def test_pandoc_reads_our_bibtex_back_to_the_same_reference(tmp_path: Path, source_: Source):
    bib = tmp_path / "refs.bib"
    bib.write_text(to_bibtex(source_), encoding="utf-8")
    [item] = json.loads(_pandoc("-f", "bibtex", "-t", "csljson", str(bib)))
    ours = to_csl(source_)
    assert item["id"] == ours["id"]
    # pandoc reads BibTeX as LaTeX, so a straight apostrophe comes back typographic.
    assert json.loads(json.dumps(item["author"]).replace("\\u2019", "'")) == ours["author"]
    assert item["title"].lower() == ours["title"].lower()
    assert item["issued"] == ours["issued"]
    for key in ("container-title", "volume", "issue", "page", "DOI", "PMID"):
        assert item.get(key) == ours.get(key), key


def test_pandoc_citeproc_renders_bibtex_and_csl_json_alike(tmp_path: Path):
    (tmp_path / "refs.bib").write_text(to_bibtex(CONTRERAS) + "\n" + to_bibtex(AMABILE), encoding="utf-8")
    (tmp_path / "refs.json").write_text(json.dumps([to_csl(CONTRERAS), to_csl(AMABILE)]), encoding="utf-8")
    doc = "See [@contreras-2015] and [@amabile-2017].\n"
    outputs = [
        " ".join(
            _pandoc(
                "--citeproc", "--bibliography", str(tmp_path / name), "-t", "plain", "--wrap=none", stdin=doc
            ).split()
        )
        for name in ("refs.bib", "refs.json")
    ]
    for text in outputs:
        assert "See (Contreras et al. 2015) and (Amabile, Bolte, and Richter 2017)." in text
        assert "Contreras, B., A. D. Vigotsky, B. J. Schoenfeld, C. Beardsley, and J. Cronin. 2015." in text
        assert "Journal of Applied Biomechanics 31 (6): 452\u201358. https://doi.org/10.1123/jab.2014-0301." in text
        assert "PLoS ONE 12 (7): e0177008. https://doi.org/10.1371/journal.pone.0177008." in text


def test_an_organisation_in_braces_is_one_name_whatever_its_commas() -> None:
    from gluteclaims.kb.names import split_name

    assert split_name("{Centre for Health, Research and Policy}").literal == "Centre for Health, Research and Policy"
    assert (split_name("Contreras, Bret").family, split_name("Contreras, Bret").given) == ("Contreras", "Bret")
