"""Near-identical titles, found among sorted neighbours rather than by comparing every pair.

Titles are normalised (lower-case words only), then sorted three ways: as they are, by
their words reversed and by their words sorted, so a difference at either end or a swap of
words still leaves two near-identical titles close together. Each title is compared with
the few that follow it in each order; the work grows as n log n.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

TITLE_SIMILARITY = 95.0
TITLE_WINDOW = 4
_ORDERS = 3

_WORD = re.compile(r"[a-z0-9]+")

Keys = tuple[str, str, str]  # a normalised title and its three sort keys (the first is the title)
Pair = tuple[str, str]


def normalise_title(title: str) -> str:
    """Lower-case words only, so punctuation and case do not hide a duplicate."""
    return " ".join(_WORD.findall(title.lower()))


def title_orders(normal: str) -> Keys:
    """The keys a normalised title is sorted by: as it is, its words reversed, its words sorted."""
    words = normal.split()
    return normal, " ".join(reversed(words)), "".join(sorted(words))


def similar_title_pairs(titles: dict[str, str]) -> list[tuple[str, str, float]]:
    """Pairs of ids (in id order) whose titles are near-identical, with their similarity."""
    keys = {record_id: title_orders(normalise_title(title)) for record_id, title in titles.items()}
    pairs: dict[Pair, float] = {}
    for order in range(_ORDERS):
        sequence = sorted((k[order], i) for i, k in keys.items())
        pairs.update(_compare(keys, sequence, range(len(sequence))))
    return [(left, right, score) for (left, right), score in sorted(pairs.items())]


def _compare(keys: dict[str, Keys], sequence: list[tuple[str, str]], starts) -> dict[Pair, float]:
    """Pairs found comparing the title at each start position with the TITLE_WINDOW after it."""
    found: dict[Pair, float] = {}
    ratio = fuzz.ratio
    ids = [i for _, i in sequence]
    texts = [keys[i][0] for i in ids]
    for pos in starts:
        text = texts[pos]
        for other in range(pos + 1, min(len(ids), pos + 1 + TITLE_WINDOW)):
            # With a cutoff, rapidfuzz gives up early on dissimilar titles and returns 0.
            score = ratio(text, texts[other], score_cutoff=TITLE_SIMILARITY)
            if score >= TITLE_SIMILARITY:
                left, right = ids[pos], ids[other]
                found[(left, right) if left < right else (right, left)] = score
    return found
