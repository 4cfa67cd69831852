"""Near-identical titles, found among sorted neighbours rather than by comparing every pair.

Titles are normalised (lower-case words only), then sorted three ways: as they are, by
their words reversed and by their words sorted, so a difference at either end or a swap of
words still leaves two near-identical titles close together. Each title is compared with
the few that follow it in each order; the work grows as n log n.

`Neighbours` keeps the three orders and what was found between checks. After an edit it
takes the changed titles out and puts them back by bisection, and compares again only around
them (where they were and where they are now): two unchanged titles with no change between
them are exactly as far apart as before, so what was found between them still holds. The
result equals a full comparison, which a randomised test checks.
"""

from __future__ import annotations

import bisect
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
    """The near-identical pairs among a set of titles, kept up to date as titles change.

    Each order is a sorted list of (sort key, id), so ties between equal keys always fall the
    same way and a changed title can be taken out and put back in by bisection.
    """

    def __init__(self) -> None:
        self.keys: dict[str, Keys] = {}
        self.orders: list[list[tuple[str, str]]] = [[] for _ in range(_ORDERS)]
        self.found: list[dict[Pair, float]] = [{} for _ in range(_ORDERS)]
        self.pairs: list[tuple[str, str, float]] = []

    def update(self, keys: dict[str, Keys]) -> list[tuple[str, str, float]]:
        """The pairs among these titles (by id), in id order, with their similarity."""
        before = self.keys
        changed = {i for i, k in keys.items() if before.get(i) is not k} | (before.keys() - keys.keys())
        if before and not changed:
            return self.pairs
        full = not before or len(changed) * _FULL_WHEN > len(keys)
        for order in range(_ORDERS):
            if full:
                self.orders[order] = sorted((k[order], i) for i, k in keys.items())
                self.found[order] = _compare(keys, self.orders[order], range(len(keys)))
            else:
                self.found[order] = self._again(before, keys, order, changed)
        self.keys = dict(keys)
        pairs: dict[Pair, float] = {}
        for found in self.found:
            pairs.update(found)
        self.pairs = [(left, right, score) for (left, right), score in sorted(pairs.items())]
        return self.pairs

    def _again(self, before: dict[str, Keys], keys: dict[str, Keys], order: int, changed: set[str]) -> dict[Pair, float]:
        """One order brought up to date: changed titles taken out and put back, and compared again around each.

        Every title within the window of a title taken out (when it is taken out) or put in
        (once all are in) is 'near'. A pair of titles neither of which is near had no change
        between them, so it is exactly as far apart as before and what was found still holds.
        """
        sequence = self.orders[order]
        near: set[str] = set()
        for record_id in changed & before.keys():
            position = bisect.bisect_left(sequence, (before[record_id][order], record_id))
            near.update(i for _, i in sequence[max(0, position - TITLE_WINDOW) : position + TITLE_WINDOW + 1])
            del sequence[position]
        added = changed & keys.keys()
        for record_id in added:
            bisect.insort(sequence, (keys[record_id][order], record_id))
        for record_id in added:
            position = bisect.bisect_left(sequence, (keys[record_id][order], record_id))
            near.update(i for _, i in sequence[max(0, position - TITLE_WINDOW) : position + TITLE_WINDOW + 1])
        touched = near | changed
        found = {pair: score for pair, score in self.found[order].items() if pair[0] not in touched and pair[1] not in touched}
        starts = set()
        for record_id in near & keys.keys():
            position = bisect.bisect_left(sequence, (keys[record_id][order], record_id))
            starts.update(range(max(0, position - TITLE_WINDOW), position + 1))
        found.update(_compare(keys, sequence, sorted(starts)))
        return found


def _compare(keys: dict[str, Keys], sequence: list[tuple[str, str]], starts) -> dict[Pair, float]:
    """Pairs found comparing the title at each start position with the TITLE_WINDOW after it."""
    found: dict[Pair, float] = {}
    ratio = fuzz.ratio
    ids = [i for _, i in sequence]
    texts = [keys[i][0] for i in ids] if len(starts) == len(ids) else None
    for pos in starts:
        text = texts[pos] if texts else keys[ids[pos]][0]
        for other in range(pos + 1, min(len(ids), pos + 1 + TITLE_WINDOW)):
            # With a cutoff, rapidfuzz gives up early on dissimilar titles and returns 0.
            score = ratio(text, texts[other] if texts else keys[ids[other]][0], score_cutoff=TITLE_SIMILARITY)
            if score >= TITLE_SIMILARITY:
                left, right = ids[pos], ids[other]
                found[(left, right) if left < right else (right, left)] = score
    return found
