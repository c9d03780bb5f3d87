"""fork_map: the same results as a loop, worked out by this process and forked ones, failures told; Beside: one result
worked out by a forked process while this one goes on."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from ugsite.parallel import Beside, WorkerFailed, WorkerStopped, fork_map

PARENT = os.getpid()


def slow_pid(item: int) -> tuple[int, int]:
    time.sleep(0.001)  # long enough that every process takes some chunks
    return item * item, os.getpid()


def test_results_in_order_from_several_processes() -> None:
    results = fork_map(slow_pid, range(400), 10, 2)
    assert [square for square, _ in results] == [n * n for n in range(400)]
    assert len({pid for _, pid in results}) == 2 and PARENT in {pid for _, pid in results}


def test_below_the_threshold_or_with_one_worker_the_work_stays_here() -> None:
    assert {pid for _, pid in fork_map(slow_pid, range(50), 100, 2)} == {PARENT}
    assert {pid for _, pid in fork_map(slow_pid, range(400), 10, 1)} == {PARENT}


def fails_in_a_worker(item: int) -> int:
    time.sleep(0.001)
    if os.getpid() != PARENT:
        raise ValueError(f"item {item} is bad")
    return item


def test_an_exception_in_a_worker_is_raised_here() -> None:
    with pytest.raises(ValueError, match=r"item \d+ is bad"):
        fork_map(fails_in_a_worker, range(400), 10, 2)


class Unpicklable(Exception):
    def __init__(self) -> None:
        super().__init__("cannot travel")
        self.lock = threading.Lock()


def fails_unpicklably(item: int) -> int:
    time.sleep(0.001)
    if os.getpid() != PARENT:
        raise Unpicklable()
    return item


def test_an_exception_that_cannot_travel_comes_back_as_its_traceback() -> None:
    with pytest.raises(WorkerFailed, match="Unpicklable: cannot travel"):
        fork_map(fails_unpicklably, range(400), 10, 2)


def dies_in_a_worker(item: int) -> int:
    time.sleep(0.001)
    if os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return item


def test_a_worker_that_dies_is_not_taken_for_one_that_finished() -> None:
    with pytest.raises(WorkerStopped, match=r"stopped by SIGKILL \(the system may have run short of memory\) before"):
        fork_map(dies_in_a_worker, range(400), 10, 2)


def test_when_this_process_fails_its_workers_are_stopped_and_reaped(tmp_path: Path) -> None:
    pids = tmp_path / "pids"

    def fails_here(item: int) -> int:
        with pids.open("a") as file:
            file.write(f"{os.getpid()}\n")
        time.sleep(0.01)
        if os.getpid() == PARENT:
            raise KeyError("here")
        return item

    with pytest.raises(KeyError):
        fork_map(fails_here, range(400), 10, 2)
    workers = {int(pid) for pid in pids.read_text().split()} - {PARENT}
    assert len(workers) == 1
    for pid in workers:
        with pytest.raises(ProcessLookupError):  # neither running nor waiting to be reaped
            os.kill(pid, 0)


def test_beside_works_out_a_result_in_a_forked_process_meanwhile() -> None:
    started = time.perf_counter()
    beside = Beside(lambda: (time.sleep(0.5), os.getpid())[1], 2)
    assert time.perf_counter() - started < 0.4  # it did not wait for the work
    assert beside.result() != PARENT
    assert Beside(os.getpid, 1).result() == PARENT  # one worker: worked out here, when asked for


def test_beside_works_the_result_out_here_when_the_forked_process_fails() -> None:
    def dies_forked() -> int:
        if os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        return os.getpid()

    def fails_forked() -> int:
        if os.getpid() != PARENT:
            raise ValueError("only there")
        return os.getpid()

    assert Beside(dies_forked, 2).result() == PARENT
    assert Beside(fails_forked, 2).result() == PARENT


def test_a_cancelled_beside_leaves_no_process_behind(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"

    def waits() -> None:
        pid_file.write_text(str(os.getpid()))
        time.sleep(30)

    beside = Beside(waits, 2)
    for _ in range(200):
        if pid_file.exists() and pid_file.read_text():
            break
        time.sleep(0.01)
    beside.cancel()
    with pytest.raises(ProcessLookupError):  # neither running nor waiting to be reaped
        os.kill(int(pid_file.read_text()), 0)
