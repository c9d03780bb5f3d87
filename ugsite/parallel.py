"""Map a pure function over many items in forked worker processes, when that pays."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_TASK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def worker_count() -> int:
    """Return how many processes a build may use by default: UGSITE_JOBS, else the number of cores."""
    value = os.environ.get("UGSITE_JOBS", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return os.cpu_count() or 1


def fork_map(function: Callable[[Item], Result], items: Sequence[Item], threshold: int,
             workers: int) -> list[Result]:
    """Return `[function(item) for item in items]`, worked out by up to `workers` forked processes.

    The workers inherit `function` and `items` (and all they refer to) by forking, so only
    indexes travel to them and results back. Below `threshold` items, with one worker, or
    where the system cannot fork, the work is done here. A caller that runs threads (the
    preview server) passes one worker: forking a process with threads is unsafe.
    """
    if len(items) < threshold or workers < 2 or "fork" not in mp.get_all_start_methods():
        return [function(item) for item in items]
    global _TASK
    _TASK = (function, items)
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            # Small chunks, so that both workers finish at about the same time.
            return pool.map(_run, range(len(items)), chunksize=max(1, len(items) // (32 * workers)))
    finally:
        _TASK = None


def _run(index: int) -> Any:
    assert _TASK is not None, "fork_map sets the task before the workers start"
    function, items = _TASK
    return function(items[index])
