"""Near-identical titles: kept neighbours give exactly what comparing from scratch gives."""

from __future__ import annotations

import random

from gluteclaims.titles import Neighbours, normalise_title, similar_title_pairs, title_orders

WORDS = "gluteus maximus medius activation hip thrust squat electromyography trained women men strength hypertrophy sprint".split()


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 9)))


def _keys(titles: dict[str, str]) -> dict:
    return {i: title_orders(normalise_title(t)) for i, t in titles.items()}


def test_a_near_duplicate_is_found_whichever_end_differs() -> None:
    titles = {"a": "Gluteus maximus activation during the barbell hip thrust", "b": "Gluteus maximus activation during the barbell hip thrusts", "c": "Sprint performance in trained women"}
    assert [(left, right) for left, right, _ in similar_title_pairs(titles)] == [("a", "b")]


def test_updating_after_random_edits_equals_a_fresh_comparison() -> None:
    rng = random.Random(7)
    titles = {f"s{i}": _title(rng) for i in range(300)}
    for i in range(0, 300, 10):  # plant near-duplicates: a title and the same with one letter more
        titles[f"d{i}"] = titles[f"s{i}"] + "s"
    kept = Neighbours()
    kept.update(_keys(titles))
    for step in range(60):
        action = rng.choice(["edit", "plant", "remove", "add"])
        target = rng.choice(sorted(titles))
        if action == "edit":
            titles[target] = _title(rng)
        elif action == "plant":
            titles[target] = titles[rng.choice(sorted(titles))] + "x"
        elif action == "remove":
            del titles[target]
        else:
            titles[f"n{step}"] = titles[target][:-1] if len(titles[target]) > 25 else _title(rng)
        keys = _keys(titles)
        assert kept.update(keys) == Neighbours().update(keys), f"step {step}: {action} {target}"
    assert any(Neighbours().update(_keys(titles)))  # the planted pairs are there to be found
