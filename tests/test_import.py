"""Importing references: real export files in, well-formed source records out, duplicates refused."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from gluteclaims.analysis.check import validate_knowledge_base
from gluteclaims.cli.main import cli
from gluteclaims.kb.knowledge import KnowledgeBase
from gluteclaims.kb.models import ID_PATTERN
from gluteclaims.refs.importer import find_existing, guess_kind, new_id, plan_import
from gluteclaims.refs.readers import Reference, detect_format, read_references
from tests.conftest import source, write_kb

FIXTURES = Path(__file__).parent / "fixtures" / "references"

# What the records in sources/ say about these papers (ids, DOIs, PMIDs, authors as stored).
EXPECTED = {
    "contreras-2015": (
        "10.1123/jab.2014-0301",
        "26214739",
        ["Contreras, B", "Vigotsky, AD", "Schoenfeld, BJ", "Beardsley, C", "Cronin, J"],
    ),
    "barbalho-2020": (
        "10.1055/a-1082-1126",
        "31975359",
        ["Barbalho, M", "Coswig, V", "Souza, D", "Serrão, JC", "Campos, MH", "Gentil, P"],
    ),
    "hungerford-2003": ("10.1097/00007632-200307150-00022", "12865851", ["Hungerford, B", "Gilleard, W", "Hodges, P"]),
    "cooper-2016": (
        "10.1007/s00586-015-4027-6",
        "26006705",
        ["Cooper, NA", "Scavo, KM", "Strickland, KJ", "Tipayamongkol, N", "Nicholson, JD", "Bewyer, DC", "Sluka, KA"],
    ),
    "delgado-2019": (
        "10.1519/JSC.0000000000003290",
        "31356511",
        ["Delgado, J", "Drinkwater, EJ", "Banyard, HG", "Haff, GG", "Nosaka, K"],
    ),
    "amabile-2017": ("10.1371/journal.pone.0177008", "28715424", ["Amabile, AH", "Bolte, JH", "Richter, SD"]),
    "krauseneto-2025": ("10.3389/fphys.2025.1542334", "40276368", ["Krause Neto, W", "Krause, TLV", "Gama, EF"]),
}
FILES = {
    "zotero.bib": ["contreras-2015", "barbalho-2020", "hungerford-2003"],
    "endnote.ris": ["cooper-2016", "delgado-2019"],
    "pubmed.nbib": ["contreras-2015", "hungerford-2003"],
    "zotero.json": ["amabile-2017", "krauseneto-2025"],
}


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def empty_kb(tmp_path: Path) -> Path:
    (tmp_path / "kb").mkdir()
    return write_kb(tmp_path / "kb", {})


def read(name: str):
    path = FIXTURES / name
    return read_references(path.read_text(encoding="utf-8"), name)


@pytest.mark.parametrize(
    "name, fmt",
    [("zotero.bib", "bibtex"), ("endnote.ris", "ris"), ("pubmed.nbib", "medline"), ("zotero.json", "csl-json")],
)
def test_format_is_told_by_content(name: str, fmt: str):
    assert detect_format((FIXTURES / name).read_text(encoding="utf-8")) == fmt


def test_unknown_format_is_one_located_problem():
    refs, problems = read_references("just some words\n", "notes.txt")
    assert refs == [] and [p.as_tuple() for p in problems] == [("notes.txt", 1, "I001")]


def test_bibtex_reads_latex_accents_note_pmids_and_eprints():
    refs, problems = read("zotero.bib")
    assert problems == []
    contreras, barbalho, hungerford = refs
    assert contreras.title.startswith("A Comparison of Gluteus Maximus")
    assert (contreras.line, contreras.pages, contreras.issue) == (2, "452-458", None)
    assert "Serrão, J. C." in barbalho.authors
    assert barbalho.pmid == "31975359"  # from note = {PMID: ...}
    assert hungerford.pmid == "12865851"  # from eprint with eprinttype pubmed


def test_broken_bibtex_entry_is_reported_at_its_line():
    text = (FIXTURES / "zotero.bib").read_text(encoding="utf-8") + "\n@article{broken,\n  title = {Unclosed\n"
    refs, problems = read_references(text, "refs.bib")
    assert len(refs) == 3
    assert [p.as_tuple() for p in problems] == [("refs.bib", text.splitlines().index("@article{broken,") + 1, "I001")]


def test_medline_spells_out_shortened_page_ranges_and_drops_the_final_full_stop():
    contreras, hungerford = read("pubmed.nbib")[0]
    assert (contreras.pages, hungerford.pages) == ("452-458", "1593-1600")
    assert contreras.title.endswith("Hip Thrust Exercises")
    assert contreras.doi == "10.1123/jab.2014-0301" and contreras.pmid == "26214739"


def test_ris_joins_continued_lines_and_strips_doi_addresses():
    _, delgado = read("endnote.ris")[0]
    assert delgado.title == (
        "Comparison Between Back Squat, Romanian Deadlift, and Barbell Hip Thrust for Leg and Hip Muscle "
        "Activities During Hip Extension"
    )
    assert delgado.doi == "10.1519/JSC.0000000000003290"
    assert delgado.pmid == "31356511"  # from N1 PMID: ...


def test_invalid_csl_json_is_located():
    refs, problems = read_references('[\n  {"title": "x",}\n]', "refs.json")
    assert refs == [] and [p.as_tuple() for p in problems] == [("refs.json", 2, "I001")]


def test_kind_is_guessed_from_publication_type_entry_type_or_title_and_defaults_low():
    ref = Reference(
        path="x",
        line=1,
        format="medline",
        title="Anything",
        publication_types=("Journal Article", "Randomized Controlled Trial"),
    )
    assert guess_kind(ref)[0] == "randomised-trial"
    assert guess_kind(Reference(path="x", line=1, format="bibtex", entry_type="phdthesis", title="T"))[0] == "thesis"
    assert (
        guess_kind(
            Reference(path="x", line=1, format="ris", title="Effects of X: a systematic review and meta-analysis")
        )[0]
        == "meta-analysis"
    )
    assert guess_kind(Reference(path="x", line=1, format="ris", title="Glute EMG in the squat"))[0] == "case-series"


def test_new_ids_follow_family_year_and_never_collide():
    ref = Reference(path="x", line=1, format="ris", title="T", authors=("Krause Neto, W",), year=2025)
    assert new_id(ref, set()) == "krauseneto-2025"
    assert new_id(ref, {"krauseneto-2025", "krauseneto-2025b"}) == "krauseneto-2025c"
    anonymous = Reference(path="x", line=1, format="ris", title="Effects of Prolonged Sitting on a Lifting Task")
    assert new_id(anonymous, set()) == "effects-prolonged-sitting-nd"


def test_existing_study_is_found_by_doi_pmid_or_title(tmp_path: Path):
    kb, _ = validate_knowledge_base(
        write_kb(
            tmp_path,
            {
                "sources/doe-2020.yaml": source(
                    "doe-2020",
                    title="Hip thrust versus back squat for gluteal hypertrophy in trained women",
                    identifiers={"doi": "10.1000/ABC", "pmid": "123"},
                )
            },
        )
    )
    base = dict(path="x", line=1, format="ris")
    assert find_existing(Reference(**base, title="Other", doi="10.1000/abc"), kb) == (
        "doe-2020",
        "same DOI 10.1000/ABC",
    )
    assert find_existing(Reference(**base, title="Other", pmid="123"), kb) == ("doe-2020", "same PMID 123")
    assert (
        find_existing(
            Reference(**base, title="Hip thrust versus back squat for gluteal hypertrophy in trained women."), kb
        )[0]
        == "doe-2020"
    )
    assert (
        find_existing(
            Reference(**base, title="Hip thrust versus back squat for quadriceps hypertrophy in untrained men"), kb
        )
        is None
    )


def test_a_study_twice_in_one_file_is_refused():
    refs, _ = read("zotero.bib")
    planned, problems = plan_import([refs[0], refs[0]], KnowledgeBase(), "zotero.bib")
    assert [n.record_id for n in planned] == ["contreras-2015"]
    assert [p.code for p in problems] == ["I002"] and "sources/contreras-2015.yaml (new)" in problems[0].message


def test_imported_record_lists_what_it_could_not_fill():
    refs, _ = read("zotero.bib")
    [new], _ = plan_import(refs[:1], KnowledgeBase(), "zotero.bib")
    assert new.text.startswith("# yaml-language-server: $schema=../schemas/source.schema.json\n")
    data = yaml.safe_load(new.text)
    assert data["verification"]["status"] == "partly-confirmed"
    assert data["verification"]["unconfirmed"] == ["kind", "issue", "population", "sample", "outcomes", "findings"]
    assert data["authors"] == EXPECTED["contreras-2015"][2]
    assert "# issue:" in new.text and "# findings:" in new.text and "\n  # checked:\n" in new.text
    assert data["verification"]["note"].startswith(
        "Imported from zotero.bib (bibtex). Open https://doi.org/10.1123/jab.2014-0301 or "
        "https://pubmed.ncbi.nlm.nih.gov/26214739/, check"
    )


@pytest.mark.parametrize("name", sorted(FILES))
def test_import_check_export_round_trips_identifiers_and_authors(tmp_path: Path, name: str):
    root = empty_kb(tmp_path)
    result = run("import", str(FIXTURES / name), "--root", str(root))
    assert result.exit_code == 0, result.output
    assert [line.split()[1] for line in result.output.splitlines() if line.startswith("wrote ")] == [
        f"sources/{i}.yaml" for i in FILES[name]
    ]
    checked = run("check", "--root", str(root))
    assert checked.exit_code == 0 and "error[" not in checked.output, checked.output
    exported = run("export", "--root", str(root), "--format", "csl-json")
    assert exported.exit_code == 0, exported.output
    items = {item["id"]: item for item in json.loads(exported.output)}
    assert sorted(items) == sorted(FILES[name])
    for record_id in FILES[name]:
        doi, pmid, authors = EXPECTED[record_id]
        assert (items[record_id]["DOI"], items[record_id]["PMID"]) == (doi, pmid)
        assert [
            f"{a['family']}, {a['given'].replace('.', '').replace(' ', '')}" for a in items[record_id]["author"]
        ] == authors


def test_exported_bibtex_of_an_import_reads_back_in_pandoc(tmp_path: Path):
    root = empty_kb(tmp_path)
    assert run("import", str(FIXTURES / "pubmed.nbib"), "--root", str(root)).exit_code == 0
    out = tmp_path / "refs.bib"
    assert run("export", "--root", str(root), "--format", "bibtex", "--out", str(out)).exit_code == 0
    items = json.loads(
        subprocess.run(
            ["/usr/bin/pandoc", "-f", "bibtex", "-t", "csljson", str(out)], capture_output=True, text=True, check=True
        ).stdout
    )
    assert {(i["id"], i["DOI"], i["page"]) for i in items} == {
        ("contreras-2015", "10.1123/jab.2014-0301", "452-458"),
        ("hungerford-2003", "10.1097/00007632-200307150-00022", "1593-1600"),
    }


def test_import_refuses_a_study_already_present_and_names_the_record(tmp_path: Path):
    root = write_kb(
        tmp_path / "kb",
        {"sources/contreras-2015.yaml": source("contreras-2015", identifiers={"doi": "10.1123/jab.2014-0301"})},
    )
    result = run("import", str(FIXTURES / "zotero.bib"), "--root", str(root))
    assert result.exit_code == 1
    assert "zotero.bib:2: error[I002]" in result.output
    assert (
        "already in the knowledge base as sources/contreras-2015.yaml (same DOI 10.1123/jab.2014-0301)" in result.output
    )
    assert result.output.strip().endswith(
        "Error: nothing written: 1 of 3 references already present (use --skip-existing to import only the new ones)"
    )
    assert sorted(p.name for p in (root / "sources").iterdir()) == ["contreras-2015.yaml"]


def test_skip_existing_writes_only_the_new_studies(tmp_path: Path):
    root = write_kb(
        tmp_path / "kb", {"sources/contreras-2015.yaml": source("contreras-2015", identifiers={"pmid": "26214739"})}
    )
    result = run("import", str(FIXTURES / "zotero.bib"), "--root", str(root), "--skip-existing")
    assert result.exit_code == 0, result.output
    assert "skipped[I002]" in result.output and "same PMID 26214739" in result.output
    assert sorted(p.name for p in (root / "sources").iterdir()) == [
        "barbalho-2020.yaml",
        "contreras-2015.yaml",
        "hungerford-2003.yaml",
    ]


def test_dry_run_writes_nothing(tmp_path: Path):
    root = empty_kb(tmp_path)
    result = run("import", str(FIXTURES / "endnote.ris"), "--root", str(root), "--dry-run")
    assert result.output.splitlines() == [
        "would write sources/cooper-2016.yaml (endnote.ris:1)".replace("endnote.ris", str(FIXTURES / "endnote.ris")),
        f"would write sources/delgado-2019.yaml ({FIXTURES / 'endnote.ris'}:21)",
    ]
    assert list((root / "sources").iterdir()) == []


def test_import_of_a_non_utf8_file_is_one_error_line(tmp_path: Path):
    bad = tmp_path / "refs.bib"
    bad.write_bytes(b"@article{x, title={Caf\xe9}}\n")
    result = run("import", str(bad), "--root", str(empty_kb(tmp_path)))
    assert result.exit_code == 1 and result.output == f"Error: {bad} is not UTF-8 text (export it again as UTF-8)\n"


def test_a_value_the_model_rejects_is_left_out_and_listed_as_unconfirmed():
    text = "TY  - JOUR\nAU  - Doe, J.\nTI  - A study from the future\nPY  - 2999\nDO  - 10.1000/xyz\nER  - \n"
    refs, _ = read_references(text, "future.ris")
    [new], problems = plan_import(refs, KnowledgeBase(), "future.ris")
    data = yaml.safe_load(new.text)
    assert problems == [] and "year" not in data and "year" in data["verification"]["unconfirmed"]
    assert new.record_id == "doe-nd"


def test_a_file_in_the_way_gives_the_new_record_another_id(tmp_path: Path):
    root = write_kb(
        tmp_path / "kb",
        {
            "sources/contreras-2015.yaml": source("someone-else-2015"),  # id and file name differ (E201)
            "sources/Barbalho-2020.YML": "not read, but in the way where case is ignored",
        },
    )
    (root / "sources" / "hungerford-2003.yaml").mkdir()
    result = run("import", str(FIXTURES / "zotero.bib"), "--root", str(root))
    assert result.exit_code == 0, result.output
    assert [line.split()[1] for line in result.output.splitlines() if line.startswith("wrote ")] == [
        "sources/contreras-2015b.yaml",
        "sources/barbalho-2020b.yaml",
        "sources/hungerford-2003b.yaml",
    ]
    assert yaml.safe_load((root / "sources" / "contreras-2015.yaml").read_text())["id"] == "someone-else-2015"


def test_plan_import_avoids_the_names_of_files_it_is_given():
    refs, _ = read("zotero.bib")
    planned, _ = plan_import(
        refs, KnowledgeBase(), "zotero.bib", ["contreras-2015.yml", "Barbalho-2020.yaml", ".hungerford-2003.yaml.swp"]
    )
    assert [n.record_id for n in planned] == ["contreras-2015b", "barbalho-2020b", "hungerford-2003"]


def test_a_file_that_appears_while_importing_is_skipped_never_overwritten(tmp_path: Path, monkeypatch):
    from gluteclaims.cli.commands import import_ as command

    root = empty_kb(tmp_path)
    planned_by = command.plan_import

    def plan_then_race(*args):
        planned = planned_by(*args)
        (root / "sources" / "barbalho-2020.yaml").write_text("someone else's\n")
        return planned

    monkeypatch.setattr(command, "plan_import", plan_then_race)
    result = CliRunner().invoke(cli, ["import", str(FIXTURES / "zotero.bib"), "--root", str(root)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    lines = result.output.splitlines()
    assert [line for line in lines if line.startswith(("wrote ", "skipped ", "Error: "))] == [
        f"wrote sources/contreras-2015.yaml ({FIXTURES / 'zotero.bib'}:2); still to fill in: kind, issue, "
        f"population, sample, outcomes, findings",
        f"skipped sources/barbalho-2020.yaml ({FIXTURES / 'zotero.bib'}:13): the file appeared while importing",
        (
            f"wrote sources/hungerford-2003.yaml ({FIXTURES / 'zotero.bib'}:26); still to fill in: kind, "
            f"population, sample, outcomes, findings"
        ),
        (
            "Error: 1 of 3 not written: their files appeared while importing (import again with --skip-existing "
            "to write them under new ids)"
        ),
    ]
    assert (root / "sources" / "barbalho-2020.yaml").read_text() == "someone else's\n"


def test_a_file_that_cannot_be_written_is_one_error_line(tmp_path: Path):
    root = empty_kb(tmp_path)
    (root / "sources").rmdir()
    (root / "sources").write_text("a file where the folder should be")
    result = CliRunner().invoke(cli, ["import", str(FIXTURES / "endnote.ris"), "--root", str(root)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output.splitlines() == [
        f"Error: cannot write {root / 'sources'}: File exists (0 of 2 written before it)"
    ]


CASES = Path(__file__).parent / "fixtures" / "import_cases"
CASE_EXPECTATIONS = yaml.safe_load((CASES / "expected.yaml").read_text(encoding="utf-8"))


def _flat(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {**data, **data.get("identifiers", {})}


def _lines(output: str, label: str) -> list[str]:
    return [f"{m.group(1)} {m.group(2)}" for m in re.finditer(rf":(\d+): {label}\[(I\d+)\]", output)]


@pytest.mark.parametrize("case", sorted(CASE_EXPECTATIONS))
def test_import_case(tmp_path: Path, case: str):
    expected = CASE_EXPECTATIONS[case]
    root = empty_kb(tmp_path)
    result = run("import", str(CASES / case), "--root", str(root))
    refused = [str(r).split(" #")[0] for r in expected.get("refused", [])]
    args = ["import", str(CASES / case), "--root", str(root)]
    if refused:
        assert result.exit_code == 1 and _lines(result.output, "error") == refused, result.output
        result = run(*args, "--skip-existing")
    skipped = [str(s) for s in expected.get("skipped", [])]
    assert _lines(result.output, "skipped") == skipped + refused, result.output
    assert result.exit_code == (1 if skipped else 0), result.output
    written = [line.split()[1] for line in result.output.splitlines() if line.startswith("wrote ")]
    assert written == [f"sources/{i}.yaml" for i in expected["written"]]
    for record_id, fields in expected["written"].items():
        record = _flat(root / "sources" / f"{record_id}.yaml")
        assert {k: record.get(k) for k in fields} == fields, record_id
    checked = run("check", "--root", str(root))
    assert checked.exit_code == 0 and "error[" not in checked.output, checked.output


def test_same_first_author_and_year_thirty_times_gives_thirty_plain_ids(tmp_path: Path):
    root = empty_kb(tmp_path)
    result = run("import", str(CASES / "same-author-and-year.ris"), "--root", str(root), "--dry-run")
    ids = [line.split()[2].removeprefix("sources/").removesuffix(".yaml") for line in result.output.splitlines()]
    assert result.exit_code == 0 and len(set(ids)) == 30
    assert ids[:2] == ["name1-nd", "name1-ndb"] and ids[-5:] == [f"name1-nd{s}" for s in ("z", "aa", "ab", "ac", "ad")]
    assert all(re.fullmatch(ID_PATTERN, i) for i in ids)
