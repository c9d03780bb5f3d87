"""Map a pure function over many items in forked worker processes, when that pays."""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import struct
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

CHUNKS_PER_WORKER = 32  # small chunks, so that every process finishes at about the same time
MAX_CHUNKS = 2048  # their numbers fill 8 KB of the pipe, which holds 16 KB or more everywhere
_RECORD = struct.Struct("=I")  # a chunk's number, as it travels through the pipe of chunks
_LENGTH = struct.Struct("=Q")  # the length of a record of results that follows in a worker's file


def worker_count() -> int:
    """Return how many processes a build may use by default: UGSITE_JOBS, else the number of cores."""
    value = os.environ.get("UGSITE_JOBS", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return os.cpu_count() or 1


class WorkerFailed(RuntimeError):
    """A forked worker raised an exception that could not travel back as itself."""


class WorkerStopped(RuntimeError):
    """A forked worker was stopped from outside (the system short of memory, a signal) before its work was done."""


def fork_map(function: Callable[[Item], Result], items: Sequence[Item], threshold: int,
             workers: int, meanwhile: Callable[[], object] | None = None) -> list[Result]:
    """Return `[function(item) for item in items]`, worked out by this process and `workers - 1` forked ones.

    The forked processes inherit `function` and `items` (and all they refer to), so only
    results travel, and only theirs: this process works through its share as one of the
    workers, and keeps what it made where it is. The items are cut into chunks, whose
    numbers wait in a pipe; every process takes the next one when it is free (reading a few
    bytes from a pipe is atomic), so none waits while others work. A worker appends each
    chunk's results to a file of its own as soon as they are made, and this process takes
    them in between its own chunks, so that at the end neither waits long for the other.
    Below `threshold` items, with one worker, or where the system cannot fork, the work is
    done here alone. A caller that runs threads (the preview server) passes one worker:
    forking a process with threads is unsafe. `meanwhile` is work that only this process
    needs (templates compiled before the next stage forks): when there are workers, it is
    done here first, while they start on the chunks, which then share themselves out around
    it; without workers it is left undone.
    """
    if len(items) < threshold or workers < 2 or not hasattr(os, "fork"):
        return [function(item) for item in items]
    size = max(1, len(items) // (CHUNKS_PER_WORKER * workers), -(-len(items) // MAX_CHUNKS))
    chunks_read, chunks_write = os.pipe()
    try:
        os.write(chunks_write, b"".join(_RECORD.pack(n) for n in range(-(-len(items) // size))))
    finally:
        os.close(chunks_write)  # the pipe now ends after the last chunk's number
    children: list[_Worker] = []
    results: list[Any] = [None] * len(items)
    parent = os.getpid()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        for _ in range(workers - 1):
            worker = _Worker(_results_file())
            children.append(worker)  # before forking: its file is closed below even if the fork fails
            worker.pid = os.fork()
            if worker.pid == 0:  # the child: work, send what it made, and leave without running the parent's exit handlers
                _serve(function, items, size, chunks_read, worker.file, parent)
        if meanwhile is not None:
            meanwhile()
        for start, made in _work(function, items, size, chunks_read):
            results[start:start + len(made)] = made
            for worker in children:
                worker.receive(results)
        for worker in children:
            worker.receive(results)  # what it made while this process did its last chunk
            _, status = os.waitpid(worker.pid, 0)
            worker.pid = 0
            worker.receive(results)
            if status != 0:
                raise WorkerStopped(_stopped(status))
    finally:
        os.close(chunks_read)
        for worker in children:  # when this process failed first, its workers' work is of no use
            if worker.pid:
                _end(worker.pid)
            os.close(worker.file)
    return results


class Beside(Generic[Result]):
    """The result of `function()`, worked out by a forked process while this one goes on with other work.

    `result()` waits for it. With one worker, where the system cannot fork, or when the
    forked process fails, `function` runs here instead, when the result is first asked for;
    so `function` must be pure. `cancel()` stops the forked process when the result is not needed.
    """

    def __init__(self, function: Callable[[], Result], workers: int) -> None:
        self._function = function
        self._child: tuple[int, int] | None = None
        if workers < 2 or not hasattr(os, "fork"):
            return
        results_read, results_write = os.pipe()
        parent = os.getpid()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: send the result and leave without running the parent's exit handlers
            os.close(results_read)
            status = 1
            try:
                _stop_with(parent)
                with os.fdopen(results_write, "wb") as stream:
                    pickle.dump(function(), stream, pickle.HIGHEST_PROTOCOL)
                status = 0
            finally:
                os._exit(status)
        os.close(results_write)
        self._child = (pid, results_read)

    def result(self) -> Result:
        """Return the result: the forked process's, else worked out here."""
        if self._child is not None:
            pid, results_read = self._child
            self._child = None
            try:
                with os.fdopen(results_read, "rb") as stream:
                    value: Result = pickle.load(stream)
                if os.waitpid(pid, 0)[1] == 0:
                    return value
            except (OSError, EOFError, pickle.UnpicklingError):
                _end(pid)
        return self._function()

    def cancel(self) -> None:
        """Stop the forked process, if there is one still at work."""
        if self._child is not None:
            pid, results_read = self._child
            self._child = None
            os.close(results_read)
            _end(pid)


def _end(pid: int) -> None:
    """Stop the forked process `pid`, if it still runs, and collect its exit status."""
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        os.waitpid(pid, 0)
    except OSError:
        pass


def _work(function: Callable[[Any], Any], items: Sequence[Any], size: int,
          chunks: int) -> Any:
    """Yield (start, results) for each chunk this process takes from the pipe, until none is left."""
    while True:
        record = os.read(chunks, _RECORD.size)
        if not record:
            return
        start = _RECORD.unpack(record)[0] * size
        yield start, [function(item) for item in items[start:start + size]]


def _serve(function: Callable[[Any], Any], items: Sequence[Any], size: int, chunks: int, results: int,
           parent: int) -> None:
    """In a forked worker: append each chunk's results, or the exception that stopped it, to `results`; then exit."""
    status = 0
    _stop_with(parent)
    try:
        try:
            for start, made in _work(function, items, size, chunks):
                _append(results, (start, made, None))
        except BaseException as exc:  # noqa: BLE001 - it travels to the parent, which raises it
            _append(results, (0, [], _travelling(exc)))
            status = 1
    except BaseException:  # noqa: BLE001 - the parent sees the records end early and the exit status
        status = 2
    finally:
        os._exit(status)


def _append(file: int, record: tuple[int, list[Any], BaseException | None]) -> None:
    """Append `record` to the results file `file`, its length first (a file, unlike a pipe, never makes a writer wait)."""
    data = pickle.dumps(record, pickle.HIGHEST_PROTOCOL)
    view = memoryview(_LENGTH.pack(len(data)) + data)
    while view:
        view = view[os.write(file, view):]


def _stop_with(parent: int) -> None:
    """Let the system stop this worker when `parent` dies (a killed build leaves no worker running on)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it died before that was asked
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _stopped(status: int) -> str:
    """Say how a worker that ended with wait `status` was stopped."""
    code = os.waitstatus_to_exitcode(status)
    if code >= 0:
        return f"a worker process ended with status {code} before its work was done"
    try:
        name = signal.Signals(-code).name
    except ValueError:  # a real-time signal has no name
        name = f"signal {-code}"
    why = " (the system may have run short of memory)" if -code == signal.SIGKILL else ""
    return f"a worker process was stopped by {name}{why} before its work was done"


def _travelling(exc: BaseException) -> BaseException:
    """Return `exc` if it survives pickling, else a WorkerFailed carrying its traceback."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - any exception can fail to pickle in its own way
        return WorkerFailed("".join(traceback.format_exception(exc)))


def _results_file() -> int:
    """Return a new anonymous file for one worker's results: in memory where the system has such files."""
    if hasattr(os, "memfd_create"):
        try:
            return os.memfd_create("ugsite-results", os.MFD_CLOEXEC)
        except OSError:
            pass
    with tempfile.TemporaryFile() as file:
        return os.dup(file.fileno())


class _Worker:
    """One forked worker of fork_map: its process, the file it appends its results to, and how far this process has read it."""

    def __init__(self, file: int) -> None:
        self.file = file
        self.pid = 0
        self.read = 0

    def receive(self, results: list[Any]) -> None:
        """Place the records the worker has finished writing into `results`; raise the exception that stopped it, if one did."""
        while True:
            header = os.pread(self.file, _LENGTH.size, self.read)
            if len(header) < _LENGTH.size:
                return
            length = _LENGTH.unpack(header)[0]
            data = os.pread(self.file, length, self.read + _LENGTH.size)
            if len(data) < length:  # still being written
                return
            self.read += _LENGTH.size + length
            start, made, exc = pickle.loads(data)
            if exc is not None:
                raise exc
            results[start:start + len(made)] = made
