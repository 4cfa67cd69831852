"""Results kept from one check to the next while everything they were computed from is unchanged.

A check server keeps its knowledge base in memory and, after an edit, replaces only the
records of changed files; every other record stays the same Python object. A result is
therefore kept with what it read: the records (compared by identity, so an edited record
never passes for its old self even when it compares equal) and any plain facts (compared
by value). It is reused only when all of them are the same again. Holding the records
keeps them alive, so an identity can never be taken over by a new object.
"""

from __future__ import annotations

import operator
from typing import Any, Callable, Hashable, TypeVar

T = TypeVar("T")

# What a result read: (records and other objects, by identity; plain facts, by value).
Reads = tuple[tuple[Any, ...], Any]


class Memo:
    """Results by key, each reused while what it read is the same."""

    def __init__(self) -> None:
        self._kept: dict[Hashable, tuple[Any, tuple, Any]] = {}
        self._used: dict[Hashable, tuple[Any, tuple, Any]] = {}

    def get(self, key: Hashable, compute: Callable[[], T], reads: Callable[[], Reads]) -> T:
        """The kept result for key if what `reads` returns is unchanged, else `compute()`."""
        objects, facts = reads()
        kept = self._kept.get(key)
        if kept is not None and len(kept[1]) == len(objects) and all(map(operator.is_, kept[1], objects)) and kept[2] == facts:
            value = kept[0]
        else:
            value = compute()
        self._used[key] = (value, objects, facts)
        return value

    def sweep(self) -> None:
        """End of a check: forget every result it did not ask for (deleted or renamed records)."""
        self._kept, self._used = self._used, {}


class Fresh:
    """Stands in for a Memo where nothing is kept: every result is computed, nothing is read twice."""

    def get(self, key: Hashable, compute: Callable[[], T], reads: Callable[[], Reads]) -> T:
        return compute()

    def sweep(self) -> None:
        pass


FRESH = Fresh()
