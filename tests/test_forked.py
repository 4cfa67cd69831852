"""Work shared between forked worker processes: results in order, and done here when workers fail."""

from __future__ import annotations

import os

from gluteclaims.kb import forked
from gluteclaims.kb.forked import Forked, chunked


def pids_and_squares(chunk):
    return os.getpid(), [n * n for n in chunk]


def test_chunks_keep_order_and_cover_everything():
    items = list(range(10))
    chunks = chunked(items, 4)
    assert len(chunks) == 4 and [n for c in chunks for n in c] == items
    assert chunked([], 3) == [] and chunked([1], 0) == [[1]]


def test_results_come_back_in_order_from_other_processes():
    results = list(Forked(pids_and_squares, chunked(list(range(20)), 6), workers=2).results())
    assert [n for _, squares in results for n in squares] == [n * n for n in range(20)]
    assert os.getpid() not in {pid for pid, _ in results}


def test_chunks_are_done_here_when_workers_cannot_start(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no processes left")

    monkeypatch.setattr(forked, "ProcessPoolExecutor", refuse)
    results = list(Forked(pids_and_squares, chunked(list(range(5)), 2), workers=2).results())
    assert [n for _, squares in results for n in squares] == [0, 1, 4, 9, 16]
    assert {pid for pid, _ in results} == {os.getpid()}


def die(chunk):
    if os.getpid() != PARENT:
        os._exit(1)
    return list(chunk)


PARENT = os.getpid()


def test_chunks_a_dead_worker_left_are_done_here():
    results = list(Forked(die, chunked(list(range(6)), 3), workers=2).results())
    assert [n for chunk in results for n in chunk] == list(range(6))
