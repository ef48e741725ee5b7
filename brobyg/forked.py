"""Run independent pieces of work side by side in forked processes.

MkDocs renders on one core; before it starts, checking the cases and writing
their pages can use the others. Threads would not help (the GIL), so each
extra piece runs in a child made with fork(): it sees the parent's memory as
it was, needs nothing pickled to start, and sends its result back through a
pipe. Results come back in the order of the tasks, so merged output is the
same as from a single process, byte for byte.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import pickle
import signal
import sys
from typing import Callable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items (cases) per process a fork costs more than it saves:
# a fork and its result take about 2 ms, a case about 0.3 ms to check and to render.
MIN_CHUNK = 20


# False inside in_this_process(): the caller runs threads (a server, a file
# watcher), and a child forked from a threaded process can inherit a lock
# another thread held at that moment and then wait for it forever.
_may_fork: contextvars.ContextVar[bool] = contextvars.ContextVar("may_fork", default=True)


@contextlib.contextmanager
def in_this_process() -> Iterator[None]:
    """Within this block, chunks() never splits: all work stays in this process."""
    token = _may_fork.set(False)
    try:
        yield
    finally:
        _may_fork.reset(token)


class WorkerDied(Exception):
    """A child process ended without a result (killed, out of memory)."""


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS has no affinity call
        return os.cpu_count() or 1


def chunks(items: Sequence[T], workers: int | None = None, min_chunk: int | None = None,
           first_share: float = 1.0) -> list[Sequence[T]]:
    """``items`` cut into contiguous slices, one per process (one slice when
    there is no fork or too little work). The first slice, done by this
    process, is ``first_share`` of the others' size: less when this process
    has other work besides."""
    if not sys.platform.startswith("linux") or not _may_fork.get():  # fork is missing on Windows and fragile on macOS
        return [items]
    n = max(1, min(workers or cpus(), len(items) // max(1, min_chunk or MIN_CHUNK)))
    if n == 1:
        return [items]
    shares = [first_share] + [1.0] * (n - 1)
    bounds = [round(len(items) * sum(shares[:i]) / sum(shares)) for i in range(n + 1)]
    return [items[bounds[i]:bounds[i + 1]] for i in range(n)]


def run_side_by_side(tasks: Sequence[Callable[[], R]]) -> list[R]:
    """Run ``tasks[0]`` here and every other task in a forked child; return
    all results in task order. A child's exception is raised here."""
    children = [_start(task) for task in tasks[1:]]
    try:
        results = [tasks[0]()] if tasks else []
    except BaseException:
        for pid, fd in children:
            _abandon(pid, fd)
        raise
    failure: BaseException | None = None
    for pid, fd in children:
        ok, value = _collect(pid, fd)
        if ok:
            results.append(value)
        elif failure is None:
            failure = value
    if failure is not None:
        raise failure
    return results


def _start(task: Callable[[], R]) -> tuple[int, int]:
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: run, send the result, leave without cleanup handlers
        os.close(read_fd)
        code = 0
        try:
            try:
                payload = pickle.dumps((True, task()), pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:  # noqa: BLE001 - everything goes to the parent
                payload = _pickled_failure(exc)
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(payload)
        except BaseException:  # noqa: BLE001 - the parent sees a missing result
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    return pid, read_fd


def _pickled_failure(exc: BaseException) -> bytes:
    try:
        return pickle.dumps((False, exc), pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - an exception that cannot travel travels as text
        return pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")), pickle.HIGHEST_PROTOCOL)


def _collect(pid: int, fd: int) -> tuple[bool, object]:
    with os.fdopen(fd, "rb") as pipe:
        data = pipe.read()  # read before waiting: a full pipe would block the child
    os.waitpid(pid, 0)
    if not data:
        return False, WorkerDied("En hjælpeproces stoppede uventet uden resultat")
    try:
        return pickle.loads(data)
    except Exception as exc:  # noqa: BLE001
        return False, WorkerDied(f"En hjælpeproces sendte et ulæseligt resultat ({exc})")


def _abandon(pid: int, fd: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.close(fd)
    os.waitpid(pid, 0)
