"""The Memo keeps a result only while every record it read is the very same object."""

from __future__ import annotations

from gluteclaims.memo import FRESH, Memo


class Thing:
    """Stands in for a record: equal by value, yet a new object after every edit."""

    def __init__(self, value: int):
        self.value = value

    def __eq__(self, other) -> bool:
        return isinstance(other, Thing) and other.value == self.value

    __hash__ = None


def counting():
    calls = []

    def compute(value):
        calls.append(value)
        return value * 10

    return calls, compute


def test_get_reuses_while_the_same_objects_and_facts_are_read() -> None:
    memo, calls, compute = Memo(), *counting()
    a, b = Thing(1), Thing(2)
    assert memo.get("k", lambda: compute(1), lambda: ((a, b), "fact")) == 10
    memo.sweep()
    assert memo.get("k", lambda: compute(1), lambda: ((a, b), "fact")) == 10
    assert calls == [1]


def test_an_equal_but_new_object_is_not_the_same() -> None:
    memo, calls, compute = Memo(), *counting()
    a = Thing(1)
    memo.get("k", lambda: compute(1), lambda: ((a,), None))
    memo.sweep()
    memo.get("k", lambda: compute(2), lambda: ((Thing(1),), None))
    assert calls == [1, 2]


def test_facts_are_compared_by_value_and_a_changed_fact_recomputes() -> None:
    memo, calls, compute = Memo(), *counting()
    memo.get("k", lambda: compute(1), lambda: ((), {"x": ("a", "b")}))
    memo.sweep()
    memo.get("k", lambda: compute(2), lambda: ((), {"x": ("a", "b")}))
    memo.sweep()
    memo.get("k", lambda: compute(3), lambda: ((), {"x": ("a", "c")}))
    assert calls == [1, 3]


def test_sweep_forgets_what_the_last_check_did_not_ask_for() -> None:
    memo, calls, compute = Memo(), *counting()
    a = Thing(1)
    memo.get("k", lambda: compute(1), lambda: ((a,), None))
    memo.sweep()
    memo.sweep()  # a check that did not ask for "k" (its record was deleted)
    memo.get("k", lambda: compute(1), lambda: ((a,), None))
    assert calls == [1, 1]


def test_each_recomputes_changed_records_and_those_whose_named_records_changed_value() -> None:
    memo, calls = Memo(), []
    other = Thing(0)
    records = {"a": Thing(1), "b": Thing(2), "c": Thing(3)}

    def compute(thing):
        calls.append(thing.value)
        return thing.value

    def reads(thing):
        return None if thing.value == 3 else (other,)  # "c" reads something missing: never kept

    assert memo.each("n", records, compute, reads) == {"a": 1, "b": 2, "c": 3}
    memo.sweep()
    records["b"] = Thing(2)
    assert memo.each("n", records, compute, reads) == {"a": 1, "b": 2, "c": 3}
    assert calls == [1, 2, 3, 2, 3]
    memo.sweep()
    other = Thing(0)  # re-read but unchanged: what the results read is the same
    memo.each("n", records, compute, reads)
    assert calls[5:] == [3]
    memo.sweep()
    other = Thing(5)  # changed: every result that read it is computed again
    memo.each("n", records, compute, reads)
    assert calls[6:] == [1, 2, 3]


def test_kept_objects_live_from_check_to_check_and_fresh_keeps_nothing() -> None:
    memo = Memo()
    assert memo.kept("x", list) is memo.kept("x", list)
    assert FRESH.kept("x", list) is not FRESH.kept("x", list)
    calls, compute = counting()
    FRESH.get("k", lambda: compute(1), lambda: ((), None))
    FRESH.get("k", lambda: compute(1), lambda: ((), None))
    assert calls == [1, 1]


def test_a_result_computed_again_but_equal_keeps_the_old_object() -> None:
    """Early cutoff: what was computed from the result can stay kept."""
    memo = Memo()
    records = {"a": Thing(1)}
    first = memo.each("n", records, lambda thing: [thing.value])["a"]
    memo.sweep()
    records["a"] = Thing(1)
    again = memo.each("n", records, lambda thing: [thing.value])["a"]
    assert again is first
    memo.sweep()
    records["a"] = Thing(2)
    assert memo.each("n", records, lambda thing: [thing.value])["a"] == [2]
