"""Share work between forked worker processes, one per core, where that is safe and pays off.

A forked worker starts with a copy of this process's memory, so what it works on (a knowledge
base, a set of pages being rendered) is never pickled on the way in; only results travel back.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def fork_is_safe() -> bool:
    """Forking copies only the calling thread: safe on Linux while no other thread holds a lock."""
    return sys.platform == "linux" and threading.active_count() == 1


def chunked(items: Sequence[T], pieces: int) -> list[Sequence[T]]:
    """`items` cut into at most `pieces` runs of nearly equal length, in order."""
    size = max(1, math.ceil(len(items) / max(1, pieces)))
    return [items[i : i + size] for i in range(0, len(items), size)]


class Forked(Generic[T, R]):
    """`work` applied to chunks of items in forked workers, while the caller gets on with other work.

    Start it, do something else in this process, then `results()` yields each chunk's result in
    order. If the workers cannot start or one dies, the chunks not yet returned are done here.
    """

    def __init__(self, work: Callable[[Sequence[T]], R], chunks: list[Sequence[T]], workers: int):
        self.work, self.chunks = work, chunks
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[Future[R]] = []
        try:
            self.pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("fork"), initializer=gc.disable
            )
            self.futures = [self.pool.submit(work, chunk) for chunk in chunks]
        except (OSError, BrokenProcessPool):
            self._shut()

    def results(self) -> Iterator[R]:
        """Each chunk's result, in the order of the chunks."""
        done = 0
        try:
            for future in self.futures:
                yield future.result()
                done += 1
        except (OSError, BrokenProcessPool):
            pass
        finally:
            self._shut()
        for chunk in self.chunks[done:]:
            yield self.work(chunk)

    def _shut(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        self.futures = []
