"""Near-identical titles: sorted neighbours find each planted near-duplicate, and only true near-duplicates."""

from __future__ import annotations

import random

from rapidfuzz import fuzz

from gluteclaims.kb.titles import TITLE_SIMILARITY, normalise_title, similar_title_pairs

WORDS = [
    "gluteus",
    "maximus",
    "medius",
    "activation",
    "hip",
    "thrust",
    "squat",
    "electromyography",
    "trained",
    "women",
    "men",
    "strength",
    "hypertrophy",
    "sprint",
]


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 9)))


def test_a_near_duplicate_is_found_whichever_end_differs() -> None:
    titles = {
        "a": "Gluteus maximus activation during the barbell hip thrust",
        "b": "Gluteus maximus activation during the barbell hip thrusts",
        "c": "Sprint performance in trained women",
    }
    assert [(left, right) for left, right, _ in similar_title_pairs(titles)] == [("a", "b")]


def test_planted_near_duplicates_are_found_as_comparing_every_pair_finds_them() -> None:
    rng = random.Random(7)
    titles = {f"s{i:03}": _title(rng) for i in range(300)}
    for i in range(0, 300, 10):  # a letter more at the end, a letter less at the start, two words swapped
        words = titles[f"s{i:03}"].split()
        titles[f"d{i:03}"] = titles[f"s{i:03}"] + "s"
        titles[f"e{i:03}"] = titles[f"s{i:03}"][1:]
        titles[f"f{i:03}"] = " ".join(words[1:2] + words[:1] + words[2:])
    normal = {i: normalise_title(t) for i, t in titles.items()}
    every_pair = {
        (a, b)
        for a in sorted(normal)
        for b in sorted(normal)
        if a < b and fuzz.ratio(normal[a], normal[b]) >= TITLE_SIMILARITY
    }
    found = {(a, b) for a, b, _ in similar_title_pairs(titles)}
    planted = {tuple(sorted((f"s{i:03}", f"{p}{i:03}"))) for i in range(0, 300, 10) for p in "de"}
    assert planted <= every_pair
    assert planted <= found <= every_pair
