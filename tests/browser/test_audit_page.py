"""The "Check a text" page in Debian's Chromium: the same matches and stances as `gluteclaims audit`, accessible."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gluteclaims.cli.main import cli

from .conftest import AXE, REPO

# Written for this test in the manner of the seed articles: claims said in a writer's words, one
# repeated and then disputed, one cause and effect, a myth, a sentence stating no claim, and a
# Markdown heading asked as a question (a heading, never matched).
SEED_LIKE = """Why your glutes feel dead after work

## Does sitting switch off your glutes?

Hours at a desk put your glutes to sleep, so they forget how to fire when you stand up.
Sitting does not make your glutes forget how to fire.
Weak glutes cause back pain, knee pain and hip pain.
Tight hip flexors shut the glutes down.
Hip thrusts build bigger glutes than squats.
Spot reduction is a myth: crunches will not burn the fat on your belly.
Drink a glass of water with every meal.
"""


@pytest.fixture(scope="module")
def expected() -> list[tuple[str, list[tuple[str, str]]]]:
    """What the command line finds in the text: each matching sentence with its (claim, stance) pairs."""
    result = CliRunner().invoke(cli, ["audit", "-", "--root", str(REPO), "--format", "json"], input=SEED_LIKE)
    assert result.exit_code == 0, result.output
    found = [
        (s["text"], [(m["claim"], m["stance"]) for m in s["matches"]]) for s in json.loads(result.output)["sentences"]
    ]
    stances = {stance for _, pairs in found for _, stance in pairs}
    assert len(found) >= 4 and stances == {"asserts", "disputes"}, found
    assert not any("Does sitting" in text for text, _ in found), found
    # Calling spot reduction a myth and denying that crunches burn belly fat both assert the claim.
    myth = next(pairs for text, pairs in found if text.startswith("Spot reduction is a myth"))
    assert ("spot-reduction-does-not-work", "asserts") in myth, myth
    return found


def check(page, server: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Paste the text, press the button; each highlighted sentence with the (claim, stance) pairs shown."""
    page.goto(f"{server}/real/check/")
    page.locator("#gc-audit-input").fill(SEED_LIKE)
    page.get_by_role("button", name="Check the text").click()
    page.wait_for_selector("#gc-audit-output .gc-audit-summary")
    return page.eval_on_selector_all(
        "#gc-audit-output mark.gc-audit-hit",
        """marks => marks.map(mark => [
            mark.textContent.split(/\\s+/).join(" ").trim(),
            Array.from(mark.nextElementSibling.querySelectorAll(".gc-audit-match")).map(match => [
                match.querySelector(".gc-audit-claim-id").textContent.trim().split(" ")[0],
                match.classList.contains("gc-audit-match--disputes") ? "disputes" : "asserts",
            ]),
        ])""",
    )


def test_the_page_finds_what_the_command_finds(sized, server, expected, outside):
    shown = [(text, [tuple(pair) for pair in pairs]) for text, pairs in check(sized, server)]
    assert shown == expected
    readings = sized.locator("#gc-audit-output .gc-audit-reading").all_inner_texts()
    assert any(r.startswith("disputes ") for r in readings) and any(r.startswith("repeats ") for r in readings)
    assert outside == [], "the page tried to reach the network"


def test_the_page_with_its_results_has_no_serious_accessibility_violations(sized, server, expected, outside):
    assert AXE.is_file(), f"axe-core is missing at {AXE}: run scripts/install-test-deps.sh"
    assert check(sized, server), "nothing was highlighted"
    sized.add_script_tag(path=str(AXE))
    result = sized.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert outside == [], "the page tried to reach the network"
