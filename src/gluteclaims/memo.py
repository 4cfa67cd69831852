"""Results kept from one check to the next while everything they were computed from is unchanged.

A check server keeps its knowledge base in memory and, after an edit, replaces only the
records of changed files; every other record stays the same Python object. A result is
therefore kept with what it read: the records (compared by identity, so an edited record
never passes for its old self even when it compares equal) and any plain facts (compared
by value). It is reused only when all of them are the same again. Holding the records
keeps them alive, so an identity can never be taken over by a new object.

A result computed again but equal to the one kept is replaced by the kept object (an "early
cutoff", as build systems call it), so results computed from it stay kept in turn: a study
edited without changing any grade leaves the contradiction analysis alone.

A record object is made only together with its origin (the file and the lines of its
values), so the same record object means the same origin too: results that report lines
need not list the origin among what they read.
"""

from __future__ import annotations

import operator
from typing import Any, Callable, Hashable, Mapping, Optional, TypeVar

R = TypeVar("R")
T = TypeVar("T")

# What a result read: (records and other objects, by identity; plain facts, by value).
Reads = tuple[tuple[Any, ...], Any]


class Memo:
    """Results by key, each reused while what it read is the same."""

    def __init__(self) -> None:
        self._kept: dict[Hashable, tuple[Any, tuple, Any]] = {}
        self._used: dict[Hashable, tuple[Any, tuple, Any]] = {}
        self._each: dict[Hashable, dict[str, tuple[Any, Optional[tuple], Any]]] = {}
        self._each_used: dict[Hashable, dict[str, tuple[Any, Optional[tuple], Any]]] = {}
        self._objects: dict[Hashable, Any] = {}

    def get(self, key: Hashable, compute: Callable[[], T], reads: Callable[[], Reads]) -> T:
        """The kept result for key if what `reads` returns is unchanged, else `compute()`."""
        objects, facts = reads()
        kept = self._kept.get(key)
        if kept is not None and len(kept[1]) == len(objects) and all(map(operator.is_, kept[1], objects)) and kept[2] == facts:
            value = kept[0]
        else:
            value = compute()
            if kept is not None and kept[0] == value:
                value = kept[0]
        self._used[key] = (value, objects, facts)
        return value

    def each(self, name: Hashable, records: Mapping[str, R], compute: Callable[[R], T], reads: Optional[Callable[[R], Optional[tuple]]] = None) -> dict[str, T]:
        """`compute(record)` for every record, by id; each kept while the record is the same object.

        `reads(record)`, if given, returns the records the result reads besides its own (or
        None when the result must never be reused). Those are compared by value, since a
        result may use what they say but never where they are: a record re-read unchanged
        from an edited file leaves the result as it was.
        """
        before = self._each.get(name, {})
        now: dict[str, tuple[Any, Optional[tuple], Any]] = {}
        values: dict[str, T] = {}
        for record_id, record in records.items():
            extra = reads(record) if reads is not None else ()
            kept = before.get(record_id)
            if kept is None or kept[0] is not record or extra is None or kept[1] != extra:
                value = compute(record)
                kept = (record, extra, kept[2] if kept is not None and kept[2] == value else value)
            now[record_id] = kept
            values[record_id] = kept[2]
        self._each_used[name] = now
        return values

    def kept(self, name: Hashable, make: Callable[[], T]) -> T:
        """An object kept from check to check (made the first time), for a computation that updates itself."""
        if name not in self._objects:
            self._objects[name] = make()
        return self._objects[name]

    def sweep(self) -> None:
        """End of a check: forget every result it did not ask for (deleted or renamed records)."""
        self._kept, self._used = self._used, {}
        self._each, self._each_used = self._each_used, {}


class Fresh:
    """Stands in for a Memo where nothing is kept: every result is computed, nothing is read twice."""

    def get(self, key: Hashable, compute: Callable[[], T], reads: Callable[[], Reads]) -> T:
        return compute()

    def each(self, name: Hashable, records: Mapping[str, R], compute: Callable[[R], T], reads: Optional[Callable[[R], Optional[tuple]]] = None) -> dict[str, T]:
        return {record_id: compute(record) for record_id, record in records.items()}

    def kept(self, name: Hashable, make: Callable[[], T]) -> T:
        return make()

    def sweep(self) -> None:
        pass


FRESH = Fresh()
