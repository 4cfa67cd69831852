"""Fuzzy finding: misspellings forgiven, aliases count, the best match first."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from gluteclaims.analysis.check import validate_knowledge_base
from gluteclaims.cli.main import cli
from gluteclaims.search.find import find
from tests.conftest import claim, source, write_kb

FILES = {
    "claims/glute-amnesia-from-sitting.yaml": claim(
        "glute-amnesia-from-sitting",
        statement="Prolonged sitting switches off the glutes.",
        aliases=["dead butt syndrome"],
        topics=["sitting"],
    ),
    "claims/hip-thrust-beats-squat.yaml": claim(
        "hip-thrust-beats-squat",
        statement="The hip thrust grows the glutes more than the back squat.",
        topics=["squat", "hip-thrust"],
    ),
    "claims/squat-depth.yaml": claim(
        "squat-depth", statement="Deep squats work the glutes more than half squats.", topics=["squat"]
    ),
    "sources/contreras-2015.yaml": source(
        "contreras-2015", title="A Comparison of Gluteus Maximus EMG in the Back Squat and Barbell Hip Thrust"
    ),
}


def kb(tmp_path: Path):
    return validate_knowledge_base(write_kb(tmp_path, FILES))[0]


def test_alias_is_found_despite_a_misspelling(tmp_path: Path):
    [best, *_] = find(kb(tmp_path), "ded but syndrom")
    assert (best.id, best.field, best.text) == ("glute-amnesia-from-sitting", "alias", "dead butt syndrome")


def test_a_text_holding_every_query_word_beats_a_short_topic_holding_one(tmp_path: Path):
    ids = [m.id for m in find(kb(tmp_path), "hip thrust versus squat glutes")]
    assert ids[0] == "hip-thrust-beats-squat"
    assert "contreras-2015" in ids


def test_sources_are_found_by_id(tmp_path: Path):
    [best, *_] = find(kb(tmp_path), "contreras 2015")
    assert (best.kind, best.id) == ("source", "contreras-2015")


def test_nothing_matches_nonsense_or_an_empty_query(tmp_path: Path):
    assert find(kb(tmp_path), "xyzzy quux") == []
    assert find(kb(tmp_path), "  ?! ") == []


def test_find_command_shows_the_verdict(tmp_path: Path):
    root = write_kb(tmp_path, FILES)
    result = CliRunner().invoke(cli, ["find", "dead", "butt", "--root", str(root), "--limit", "1"])
    assert result.exit_code == 0
    assert result.output == (
        "glute-amnesia-from-sitting  [∅ not studied]\n"
        "  Prolonged sitting switches off the glutes.\n"
        "  matched alias: dead butt syndrome\n"
        "\n"
        "`gluteclaims show ID` prints a record in full.\n"
    )
    missing = CliRunner().invoke(cli, ["find", "xyzzy", "--root", str(root)])
    assert missing.exit_code == 1 and missing.output == "Error: nothing matches 'xyzzy' (try fewer or other words)\n"
