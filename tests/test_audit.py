"""gluteclaims audit: splitting, matching, the command, the browser mirror, and the measured figures.

The four seed articles are read from the folder GLUTECLAIMS_SEEDS names (they are copyrighted, so
no copy is kept here; .ci/run points it at ../shared/seeds). The tests that need them are skipped
when it is unset, and fail when it names a folder without them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from gluteclaims.audit.browser import audit_index
from gluteclaims.audit.lexicon import stem, terms
from gluteclaims.audit.matcher import audit_text, build_matcher, score_sentence
from gluteclaims.audit.score import ArticleScore, load_eval_set, locate, score_article, squeeze
from gluteclaims.audit.sentences import detect_format, split_sentences, to_plain
from gluteclaims.cli.main import cli
from gluteclaims.grading.grade import grade_all
from gluteclaims.kb.load import load_knowledge_base
from gluteclaims.kb.models import Claim
from tests.conftest import ARTICLE_SEEDS, REPO, SEEDS_NEEDED, claim, seed_path, seeds_folder, write_kb
from tests.test_audit_eval import EVAL_SET, labelled_matcher

FIXTURES = Path(__file__).parent / "fixtures"
AUDIT_JS = REPO / "site_templates" / "assets" / "javascripts" / "audit.js"
TARGET_RECALL = 0.9
TARGET_PRECISION = 0.8


def seed_text(source: str, folder: Path | None = None) -> str:
    """The text of a seed article, from folder or else the folder GLUTECLAIMS_SEEDS names."""
    folder = folder or seeds_folder()
    if folder is None:
        raise RuntimeError(SEEDS_NEEDED)
    return seed_path(folder, source).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def kb():
    loaded, _ = load_knowledge_base(REPO)
    return loaded


@pytest.fixture(scope="module")
def matcher(kb):
    return build_matcher(kb.claims.values())


@pytest.fixture(scope="module")
def labelled():
    """The matcher of the 55 claims the seed appearances and evaluation labels were recorded against.

    Claims added since have no recorded appearances in the seeds, so their matches there would
    count as wrong whatever they say; measured figures are kept comparable by leaving them out.
    """
    return labelled_matcher()


def _claims(*records: dict) -> list[Claim]:
    return [Claim.model_validate(r) for r in records]


SMALL = _claims(
    claim(
        "glute-amnesia-from-sitting",
        statement="Prolonged sitting switches the glutes off.",
        aliases=["sitting makes your glutes fall asleep", "dead butt syndrome"],
    ),
    claim(
        "hip-flexors-inhibit-glutes",
        statement="Tight hip flexors inhibit the glutes by reciprocal inhibition.",
        aliases=["tight hip flexors turn off your glutes"],
    ),
    claim(
        "fascia-needs-water", statement="Drinking water keeps fascia supple.", aliases=["dehydrated fascia gets sticky"]
    ),
    # Claims about other things, so that ideas weigh as they do in a knowledge base of many claims.
    *(
        claim(f"other-{word}", statement=f"Claim about {word} and {word}s.")
        for word in ("protein", "footwear", "tempo", "sprint", "keto", "sleep")
    ),
)


# ---- sentences -------------------------------------------------------------------------------


def test_sentences_split_at_full_stops_but_not_abbreviations_or_initials():
    plain = "Caterisano et al. (2002) found more. Dr. Smith agreed, e.g. in J. Strength. Really? Yes!"
    assert [s.text for s in split_sentences(plain)] == [
        "Caterisano et al. (2002) found more.",
        "Dr. Smith agreed, e.g. in J. Strength.",
        "Really?",
        "Yes!",
    ]


def test_a_wrapped_line_runs_on_but_a_heading_line_ends_a_sentence():
    plain = "Sample Progression\nHip thrusts are a great\nway to train.\nRest well."
    assert [(s.line, s.text) for s in split_sentences(plain)] == [
        (1, "Sample Progression"),
        (2, "Hip thrusts are a great way to train."),
        (4, "Rest well."),
    ]


def test_list_markers_are_not_part_of_the_sentence():
    assert [s.text for s in split_sentences("• Deep back squat — deeper is better.\n- Week 1: 100 lbs.")] == [
        "Deep back squat — deeper is better.",
        "Week 1: 100 lbs.",
    ]


def test_headings_and_reference_entries_are_marked_but_list_items_and_the_last_line_are_prose():
    plain = (
        "Why sitting matters\n"
        "Sitting is fine. Move often.\n"
        "Caterisano A et al. The effect of squat depth. J Strength Cond Res. 2002;16:428-32.\n"
        "Contreras, B., & Cronin, J. (2015). Hip thrust versus back squat.\n"
        "- hip thrusts beat squats for glutes\n"
        "Plain line one\n"
        "Plain line two\n"
        "Closing words"
    )
    kinds = [(s.line, s.kind) for s in split_sentences(plain)]
    assert kinds == [
        (1, "heading"),
        (2, "prose"),
        (2, "prose"),
        (3, "reference"),
        (3, "reference"),
        (3, "reference"),
        (4, "reference"),
        (4, "reference"),
        (5, "prose"),
        (6, "prose"),
        (7, "prose"),
        (8, "prose"),
    ]


def test_markdown_and_html_list_items_are_not_headings():
    md = "- hours at a desk put your glutes to sleep\n- tight hip flexors shut the glutes down\n\nDone."
    html = "<ul><li>hours at a desk put your glutes to sleep</li></ul><p>Done.</p>"
    assert [s.kind for s in split_sentences(to_plain(md, "markdown"))] == ["prose", "prose", "prose"]
    assert [(s.text, s.kind) for s in split_sentences(to_plain(html, "html"))] == [
        ("hours at a desk put your glutes to sleep", "prose"),
        ("Done.", "prose"),
    ]


def test_html_keeps_line_numbers_and_drops_scripts_and_tags():
    html = (
        "<html><body>\n<h1>Glutes</h1>\n<p>Sitting <b>switches</b> them off.<script>alert('x. "
        "Y')</script></p>\n<p>Drink &amp; move.</p></body></html>"
    )
    assert detect_format(html) == "html"
    assert [(s.line, s.text) for s in split_sentences(to_plain(html, "html"))] == [
        (2, "Glutes"),
        (3, "Sitting switches them off."),
        (4, "Drink & move."),
    ]


def test_markdown_headings_links_and_emphasis_become_plain_sentences():
    md = "# Why *sitting* matters\nSee [the study](https://x.org) for **more**. Then rest."
    assert detect_format(md, "draft.md") == "markdown"
    assert [s.text for s in split_sentences(to_plain(md, "markdown"))] == [
        "Why sitting matters",
        "See the study for more.",
        "Then rest.",
    ]


# Heading lines as writers mark them in Markdown (and paste them as plain text): questions, full
# sentences, two in a row, a closed one, one at the end. None is prose, whatever it says.
MARKED_HEADINGS = (
    "# Glutes at the desk\n"
    "## Does sitting make your glutes fall asleep?\n"
    "Some say so. Others do not.\n"
    "### Hours at a desk put your glutes to sleep. ###\n"
    "They do not.\n"
    "## Sitting makes your glutes fall asleep"
)


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_a_line_marked_as_a_markdown_heading_is_a_heading_whatever_it_says(fmt):
    assert [(s.line, s.kind, s.text) for s in split_sentences(to_plain(MARKED_HEADINGS, fmt))] == [
        (1, "heading", "Glutes at the desk"),
        (2, "heading", "Does sitting make your glutes fall asleep?"),
        (3, "prose", "Some say so."),
        (3, "prose", "Others do not."),
        (4, "heading", "Hours at a desk put your glutes to sleep."),
        (5, "prose", "They do not."),
        (6, "heading", "Sitting makes your glutes fall asleep"),
    ]


# ---- lexicon ---------------------------------------------------------------------------------


def test_stem_joins_word_forms():
    assert {stem(w) for w in ("sitting", "sits", "sit")} == {"sit"}
    assert stem("inhibition") == stem("inhibits") == "inhibit"
    assert stem("weakness") == stem("weak") == "weak"


def test_paraphrases_name_the_same_ideas():
    assert {"SIT", "GLUTE", "OFF"} <= set(terms("Hours at a desk put your glutes to sleep"))
    assert {"SIT", "GLUTE", "OFF"} <= set(terms("Prolonged sitting switches the gluteus maximus off"))
    assert {"TIGHT", "HIPFLEXOR", "OFF", "GLUTE"} <= set(terms("Tight hip flexors shut the glutes down"))
    assert terms("You won't grow; I can't") == ["GROW"]
    assert terms("Track your progress") == ["track", "progress"] and terms("progressive overload") == ["PROGRESS"]
    assert "DEEP" not in terms("This puts the glute in a deeper stretch")


def test_articles_and_possessives_do_not_break_a_phrase():
    assert terms("the back of your thighs") == terms("back of the thigh") == ["HAMSTRING"]
    assert terms("straightening your hips") == ["HIPEXT"]
    assert terms("muscles on the outside of your hip") == ["muscl", "GMED"]


def test_the_connective_words_of_a_written_claim_are_not_ideas():
    assert terms("Squatting produces, for example, compared with people following a plan") == ["SQUAT", "plan"]


def test_lay_words_for_the_field_name_its_ideas():
    assert set(terms("Office work leaves your bum sluggish")) >= {"SIT", "GLUTE", "OFF"}
    assert terms("my glutes won't fire") == ["GLUTE", "OFF"] and terms("my glutes fire") == ["GLUTE", "ACTIVE"]
    assert terms("keto wrecks your high-intensity leg sessions") == ["KETO", "wreck", "INTENSE", "LEG"]


# ---- matching --------------------------------------------------------------------------------


def test_paraphrases_match_their_claim_and_unrelated_text_matches_nothing():
    matcher = build_matcher(SMALL)
    assert [m.claim for m in score_sentence("Hours at a desk put your glutes to sleep.", matcher)] == [
        "glute-amnesia-from-sitting"
    ]
    assert [m.claim for m in score_sentence("Tight hip flexors shut the glutes down.", matcher)] == [
        "hip-flexors-inhibit-glutes"
    ]
    assert score_sentence("Chalk helps your grip on heavy deadlifts.", matcher) == ()


def test_half_of_a_claims_ideas_is_not_the_claim():
    matcher = build_matcher(SMALL)
    # "tight" and "hip flexors" are two of the four ideas of "tight hip flexors turn off your glutes".
    assert "hip-flexors-inhibit-glutes" not in [
        m.claim for m in score_sentence("When you sit, your hip flexors get tight.", matcher, min_score=0.3)
    ]
    assert [m.claim for m in score_sentence("Tight hip flexors turn the glutes off.", matcher, min_score=0.3)] == [
        "hip-flexors-inhibit-glutes"
    ]


def test_a_claim_explained_by_the_ideas_of_a_better_match_is_dropped():
    matcher = build_matcher(
        _claims(
            claim(
                "thrust-activates-more",
                statement="In trained lifters barbell hip thrusts activate the glutes more than back squats.",
            ),
            claim(
                "thrust-grows-more",
                statement="In trained lifters barbell hip thrusts grow the glutes more than back squats.",
            ),
            *(
                claim(f"other-{word}", statement=f"Claim about {word} and {word}s.")
                for word in ("protein", "footwear", "tempo", "sprint")
            ),
        )
    )
    # The growth claim fits at 0.78 too, but only through ideas the activation claim explains.
    assert [
        m.claim
        for m in score_sentence(
            "Trained lifters: barbell hip thrusts light up the glutes more than back squats.", matcher
        )
    ] == ["thrust-activates-more"]
    # With neither "activate" nor "grow" in the sentence, the two fit equally and both are kept.
    assert [
        m.claim for m in score_sentence("Trained lifters: barbell hip thrusts beat back squats for glutes.", matcher)
    ] == ["thrust-activates-more", "thrust-grows-more"]


def test_headings_and_references_are_not_matched():
    matcher = build_matcher(SMALL)
    text = (
        "Sitting makes your glutes fall asleep\nSome say so.\nDoe J. Prolonged sitting switches the glutes off. "
        "J Test. 2020;1:1-9.\nHours at a desk put your glutes to sleep."
    )
    assert [(a.sentence.kind, [m.claim for m in a.matches]) for a in audit_text(text, matcher)] == [
        ("heading", []),
        ("prose", []),
        ("reference", []),
        ("reference", []),
        ("reference", []),
        ("prose", ["glute-amnesia-from-sitting"]),
    ]


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_marked_headings_are_not_matched(fmt):
    audited = audit_text(MARKED_HEADINGS, build_matcher(SMALL), fmt)
    assert [m.claim for a in audited for m in a.matches] == []
    # The same words as prose are the claim.
    assert [m.claim for m in score_sentence("Hours at a desk put your glutes to sleep.", build_matcher(SMALL))]


def test_a_name_alone_is_not_a_sure_match(matcher):
    assert score_sentence("Gluteal amnesia?", matcher) == ()
    assert score_sentence("Gluteal amnesia?", matcher, min_score=0.3)


def test_a_pronoun_borrows_the_ideas_of_the_sentence_before():
    matcher = build_matcher(SMALL)
    audited = audit_text("Hydrated fascia is supple. It gets sticky when dehydrated.", matcher, min_score=0.8)
    assert [m.claim for m in audited[1].matches] == ["fascia-needs-water"]
    assert score_sentence("It gets sticky when dehydrated.", matcher, min_score=0.8) == ()


def test_locate_ignores_white_space_differences():
    assert locate("one  two\nthree four", "two three") == (5, 14)
    assert locate("one two", "three") is None


def test_score_article_counts_found_missed_and_wrong_matches():
    claims = _claims(
        claim(
            "glute-amnesia-from-sitting",
            statement="Sitting switches the glutes off.",
            aliases=["sitting makes your glutes fall asleep"],
            appearances=[
                {"source": "blog", "position": "asserts", "locator": "p1", "quote": "Desks put glutes to sleep."},
                {"source": "blog", "position": "asserts", "locator": "p2", "quote": "Not in the text."},
            ],
        )
    )
    text = "Desks put glutes to sleep. Sitting makes glutes fall asleep. Chairs shut the glutes off."
    score = score_article(
        "blog",
        text,
        audit_text(text, build_matcher(claims)),
        claims,
        {("Sitting makes glutes fall asleep.", "glute-amnesia-from-sitting")},
    )
    assert (score.recorded, score.found, score.matches, score.correct) == (1, 1, 3, 2)
    assert score.unlocated == [("glute-amnesia-from-sitting", "Not in the text.")]
    assert [w[0] for w in score.wrong] == ["Chairs shut the glutes off."]


# ---- the command -----------------------------------------------------------------------------


def test_audit_command_prints_each_matching_sentence_with_claim_verdict_and_page(tmp_path):
    root = write_kb(tmp_path / "kb", {f"claims/{c.id}.yaml": c.model_dump(exclude_none=True) for c in SMALL})
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "I like cake.\nHours at a desk put your glutes to sleep.\nSitting does not make your glutes fall asleep.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["audit", str(draft), "--root", str(root), "--site-url", "https://example.org/"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"{draft}:2: Hours at a desk put your glutes to sleep.\n"
        "  -> repeats glute-amnesia-from-sitting, which no study has tested (match 1.00): not studied\n"
        "     https://example.org/claims/glute-amnesia-from-sitting/\n"
        f"{draft}:3: Sitting does not make your glutes fall asleep.\n"
        "  -> disputes glute-amnesia-from-sitting, which no study has tested (match 1.00): not studied\n"
        "     https://example.org/claims/glute-amnesia-from-sitting/\n"
        "2 of 3 sentences repeat or dispute a graded claim (1 claim).\n"
    )


def test_audit_command_reads_standard_input_and_writes_json(tmp_path):
    root = write_kb(tmp_path / "kb", {f"claims/{c.id}.yaml": c.model_dump(exclude_none=True) for c in SMALL})
    result = CliRunner().invoke(
        cli,
        ["audit", "-", "--root", str(root), "--format", "json", "--all"],
        input="Tight hip flexors shut the glutes down. Eat well.",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(s["text"], [m["claim"] for m in s["matches"]]) for s in data["sentences"]] == [
        ("Tight hip flexors shut the glutes down.", ["hip-flexors-inhibit-glutes"]),
        ("Eat well.", []),
    ]
    assert data["sentences"][0]["matches"][0]["verdict"] == "not-studied"


@pytest.mark.parametrize(
    "content, message",
    [(None, "Error: cannot read"), (b"caf\xe9 au lait", "is not UTF-8 text")],
)
def test_audit_command_reports_unreadable_input_in_one_line(tmp_path, content, message):
    root = write_kb(tmp_path / "kb", {"claims/.keep": ""})
    path = tmp_path / "in.txt"
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(cli, ["audit", str(path), "--root", str(root)])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


# ---- the browser mirror ----------------------------------------------------------------------


def test_audit_js_gives_the_same_matches_as_python_on_the_seed_articles(kb, matcher, seeds_dir):
    node = shutil.which("node")
    assert node, "node is needed to test site_templates/assets/javascripts/audit.js (node v20: apt-get install nodejs)"
    index = audit_index(kb, grade_all(kb))
    texts = {source: seed_text(source, seeds_dir) for source in ARTICLE_SEEDS}
    # And the real articles of the evaluation set, whose wording reaches rules the seeds do not.
    texts.update({a.slug: a.text for a in load_eval_set(EVAL_SET)})
    texts["marked headings"] = MARKED_HEADINGS
    # Each text read as plain text (what the page does with a paste) and as Markdown.
    script = (
        f"const a = require({json.dumps(str(AUDIT_JS))});"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const out = {};"
        "for (const [k, t] of Object.entries(input.texts)) for (const f of ['text', 'markdown']) out[k + ' ' + f] = "
        "a.auditText(t, input.index, f, "
        "0.3).sentences.map(s => [s.line, s.kind, s.text, s.matches.map(m => [m.claim, m.score, m.stance])]);"
        "console.log(JSON.stringify(out));"
    )
    run = subprocess.run(
        [node, "-e", script],
        input=json.dumps({"index": index, "texts": texts}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    from_js = json.loads(run.stdout)
    for source, text in texts.items():
        for fmt in ("text", "markdown"):
            from_python = [
                [a.sentence.line, a.sentence.kind, a.sentence.text, [[m.claim, m.score, m.stance] for m in a.matches]]
                for a in audit_text(text, matcher, fmt, 0.3)
            ]
            assert from_js[f"{source} {fmt}"] == from_python, (source, fmt)


def test_audit_index_carries_what_the_page_shows(kb):
    index = audit_index(kb, grade_all(kb))
    assert set(index["claims"]) == set(kb.claims)
    some = next(iter(index["claims"].values()))
    assert some["path"].startswith("claims/") and some["badge"]
    assert all(claim_id in kb.claims for claim_id, *_ in index["phrases"])
    assert all(claim_id in kb.claims and twins for claim_id, twins in index["twins"].items())


# ---- measured figures ------------------------------------------------------------------------


def _reviewed() -> set[tuple[str, str]]:
    items = yaml.safe_load((FIXTURES / "audit_reviewed.yaml").read_text(encoding="utf-8"))
    assert all(item.get("reason") for item in items), "every reviewed match needs a reason"
    return {(squeeze(item["sentence"]), item["claim"]) for item in items}


def measure_seeds(kb, matcher, folder: Path | None = None) -> dict[str, ArticleScore]:
    """Recall and precision of the audit on each seed article."""
    reviewed = _reviewed()
    scores = {}
    for source in ARTICLE_SEEDS:
        text = seed_text(source, folder)
        scores[source] = score_article(
            source, to_plain(text, "text"), audit_text(text, matcher), kb.claims.values(), reviewed
        )
    return scores


def _report(scores: dict[str, ArticleScore]) -> str:
    lines = [
        (
            f"{s.source}: recall {s.found}/{s.recorded} = {s.recall:.2f}, precision {s.correct}/{s.matches} = "
            f"{s.precision:.2f}"
        )
        for s in scores.values()
    ]
    for s in scores.values():
        lines += [f"  missed {c}: {q[:90]}" for c, q in s.missed]
    return "\n".join(lines)


@pytest.mark.parametrize("source", sorted(ARTICLE_SEEDS))
def test_every_recorded_quote_is_in_its_article(kb, source, seeds_dir):
    plain = to_plain(seed_text(source, seeds_dir), "text")
    missing = [
        (c.id, a.quote)
        for c in kb.claims.values()
        for a in c.appearances
        if a.source == source and a.quote and locate(plain, a.quote) is None
    ]
    assert not missing, f"appearance quotes not found verbatim in {source}: {missing}"


def test_audit_finds_recorded_appearances_in_the_seed_articles(kb, labelled, seeds_dir):
    scores = measure_seeds(kb, labelled, seeds_dir)
    total = ArticleScore("")
    for score in scores.values():
        total = total.add(score)
    report = _report(scores) + f"\nall four: recall {total.recall:.2f}, precision {total.precision:.2f}"
    print(report)
    assert total.recall >= TARGET_RECALL and total.precision >= TARGET_PRECISION, report


def test_seed_precision_without_reviewed_matches_keeps_its_floor(kb, labelled, seeds_dir):
    # audit_reviewed.yaml lists matches approved after reading the old matcher's output, so the
    # figure that counts them flatters that matcher (issue #17). This one counts only recorded
    # appearances: 79/121 = 0.65 with the 55 claims of the evaluation set, measured 2026-12-02
    # (the matcher before issue #17: 80/126 = 0.63); the floor sits a little under it.
    total = ArticleScore("")
    for source in ARTICLE_SEEDS:
        text = seed_text(source, seeds_dir)
        total = total.add(
            score_article(source, to_plain(text, "text"), audit_text(text, labelled), kb.claims.values(), set())
        )
    assert total.recall >= TARGET_RECALL and total.precision >= 0.55, (
        total.found,
        total.recorded,
        total.correct,
        total.matches,
    )


@dataclass
class ParaphraseScore:
    """Recall and precision of score_sentence on a list of paraphrases and claim-free sentences."""

    name: str
    positives: int = 0
    found: int = 0
    matches: int = 0
    correct: int = 0
    wrong: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        recall = self.found / self.positives if self.positives else 1.0
        precision = self.correct / self.matches if self.matches else 1.0
        return (
            f"{self.name}: recall {self.found}/{self.positives} = {recall:.2f}, precision "
            f"{self.correct}/{self.matches} = {precision:.2f}"
        )


def score_paraphrases(name: str, items: list[dict], matcher) -> ParaphraseScore:
    """How many paraphrases score_sentence gives their claim, and how many of its matches are right."""
    score = ParaphraseScore(name)
    for item in items:
        got = [m.claim for m in score_sentence(item["text"], matcher)]
        accepted = {item["claim"], *item.get("also", [])} - {None}
        score.positives += item["claim"] is not None
        score.found += item["claim"] in got
        score.matches += len(got)
        score.correct += sum(1 for g in got if g in accepted)
        score.wrong += [(item["text"], g) for g in got if g not in accepted] + (
            [(item["text"], f"missed {item['claim']}")] if item["claim"] and item["claim"] not in got else []
        )
    return score


# Measured once, at the end of the generalisation work, on the set nothing was tuned on
# (paraphrases_holdout2.yaml): recall 7/14 = 0.50, precision 7/14 = 0.50.
HOLDOUT2_MEASURED_RECALL = 0.50
HOLDOUT2_MEASURED_PRECISION = 0.50
# Measured once, at the end of the embedding round (issue #8), on the third set written before it
# (paraphrases_holdout3.yaml): recall 13/26 = 0.50, precision 13/26 = 0.50. Nothing was tuned on it.
HOLDOUT3_MEASURED_RECALL = 0.50
HOLDOUT3_MEASURED_PRECISION = 0.50


def _paraphrases(name: str) -> list[dict]:
    return yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"))


def test_audit_finds_the_paraphrase_set(labelled):
    # The sets were written against the 55 claims of that time; newer claims are left out, as on the seeds.
    matcher = labelled
    tuned, held_out, fresh = (
        _paraphrases("paraphrases"),
        _paraphrases("paraphrases_holdout"),
        _paraphrases("paraphrases_holdout2"),
    )
    third = _paraphrases("paraphrases_holdout3")
    assert len(tuned) >= 30 and sum(1 for i in tuned if i["claim"] is None) * 3 >= len(tuned)
    assert (len(held_out), sum(1 for i in held_out if i["claim"] is None)) == (15, 5)
    assert (len(fresh), sum(1 for i in fresh if i["claim"] is None)) == (21, 7)
    assert (len(third), sum(1 for i in third if i["claim"] is None)) == (38, 12)
    assert all(i["claim"] is None or i["claim"] in matcher_claims(matcher) for i in tuned + held_out + fresh + third)
    scores = [
        score_paraphrases("paraphrases.yaml (tuned on)", tuned, matcher),
        score_paraphrases("paraphrases_holdout.yaml (written held out, since tuned on)", held_out, matcher),
        score_paraphrases("paraphrases_holdout2.yaml (never tuned on)", fresh, matcher),
        score_paraphrases("paraphrases_holdout3.yaml (never tuned on)", third, matcher),
    ]
    development = score_paraphrases("development sets together", tuned + held_out, matcher)
    report = "\n".join(
        [s.line() for s in (*scores, development)]
        + [f"  wrong ({s.name.split()[0]}): {text} -> {claim}" for s in scores for text, claim in s.wrong]
    )
    print(report)
    # The 0.9/0.8 target, on the two sets the vocabulary was tuned on.
    assert (
        development.found >= TARGET_RECALL * development.positives
        and development.correct >= TARGET_PRECISION * development.matches
    ), report
    # Not the target: floors 0.1 under what was measured once on the untouched set. The target is
    # NOT met there (0.50/0.50, against 0.9/0.8; precision 0.8 was required and is missed), so
    # these catch a regression and say nothing about generalisation being solved.
    fresh_score = scores[2]
    assert fresh_score.found >= (HOLDOUT2_MEASURED_RECALL - 0.1) * fresh_score.positives, report
    assert fresh_score.correct >= (HOLDOUT2_MEASURED_PRECISION - 0.1) * fresh_score.matches, report
    # The same kind of floors on the third untouched set (target missed there too: 0.50/0.50).
    third_score = scores[3]
    assert third_score.found >= (HOLDOUT3_MEASURED_RECALL - 0.1) * third_score.positives, report
    assert third_score.correct >= (HOLDOUT3_MEASURED_PRECISION - 0.1) * third_score.matches, report


def matcher_claims(matcher) -> set[str]:
    return {p.claim for p in matcher.phrases}
