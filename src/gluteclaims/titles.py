"""Near-identical titles, found among sorted neighbours rather than by comparing every pair.

Titles are normalised (lower-case words only), then sorted three ways: as they are, by
their words reversed and by their words sorted, so a difference at either end or a swap of
words still leaves two near-identical titles close together. Each title is compared with
the few that follow it in each order; the work grows as n log n.

`Neighbours` keeps the three orders and what was found between checks. After an edit it
compares again only around the titles that changed (where they were and where they are
now): two unchanged titles with no change between them are exactly as far apart as before,
so what was found between them still holds. The result equals a full comparison.
"""

from __future__ import annotations

import re
from typing import Iterator

from rapidfuzz import fuzz

TITLE_SIMILARITY = 95.0
TITLE_WINDOW = 4
_ORDERS = 3
_FULL_WHEN = 8  # compare everything again when more than 1/8 of the titles changed

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


def similar_title_pairs(titles: dict[str, str]) -> Iterator[tuple[str, str, float]]:
    """Pairs of ids (in id order) whose titles are near-identical, with their similarity."""
    return iter(Neighbours().update({record_id: title_orders(normalise_title(t)) for record_id, t in titles.items()}))


class Neighbours:
    """The near-identical pairs among a set of titles, kept up to date as titles change."""

    def __init__(self) -> None:
        self.keys: dict[str, Keys] = {}
        self.orders: list[list[str]] = [[] for _ in range(_ORDERS)]
        self.found: list[dict[Pair, float]] = [{} for _ in range(_ORDERS)]

    def update(self, keys: dict[str, Keys]) -> list[tuple[str, str, float]]:
        """The pairs among these titles (by id), in id order, with their similarity."""
        changed = {i for i in self.keys.keys() | keys.keys() if self.keys.get(i) != keys.get(i)} if self.keys else None
        for order in range(_ORDERS):
            ordered = sorted(keys, key=lambda i: keys[i][order])
            if changed is None or len(changed) * _FULL_WHEN > len(keys):
                found = _compare(keys, ordered, range(len(ordered)))
            else:
                found = self._again(keys, order, ordered, changed)
            self.orders[order], self.found[order] = ordered, found
        self.keys = dict(keys)
        pairs: dict[Pair, float] = {}
        for found in self.found:
            pairs.update(found)
        return [(left, right, score) for (left, right), score in sorted(pairs.items())]

    def _again(self, keys: dict[str, Keys], order: int, ordered: list[str], changed: set[str]) -> dict[Pair, float]:
        """One order's pairs: the old ones away from any change, and fresh comparisons around each change."""
        before = self.orders[order]
        was = {record_id: p for p, record_id in enumerate(before)}
        now = {record_id: p for p, record_id in enumerate(ordered)}
        near: set[str] = set()
        for record_id in changed:
            for position, sequence in ((was.get(record_id), before), (now.get(record_id), ordered)):
                if position is not None:
                    near.update(sequence[max(0, position - TITLE_WINDOW) : position + TITLE_WINDOW + 1])
        touched = near | changed
        near &= keys.keys()
        found = {pair: score for pair, score in self.found[order].items() if pair[0] not in touched and pair[1] not in touched}
        around = sorted({q for record_id in near for q in range(max(0, now[record_id] - TITLE_WINDOW), now[record_id] + 1)})
        found.update(_compare(keys, ordered, around))
        return found


def _compare(keys: dict[str, Keys], ordered: list[str], starts) -> dict[Pair, float]:
    """Pairs found comparing the title at each start position with the TITLE_WINDOW after it."""
    found: dict[Pair, float] = {}
    ratio = fuzz.ratio
    texts = [keys[i][0] for i in ordered]
    for pos in starts:
        text = texts[pos]
        for other in range(pos + 1, min(len(texts), pos + 1 + TITLE_WINDOW)):
            # With a cutoff, rapidfuzz gives up early on dissimilar titles and returns 0.
            score = ratio(text, texts[other], score_cutoff=TITLE_SIMILARITY)
            if score >= TITLE_SIMILARITY:
                left, right = ordered[pos], ordered[other]
                found[(left, right) if left < right else (right, left)] = score
    return found
