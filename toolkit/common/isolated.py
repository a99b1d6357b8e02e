"""Work on untrusted input in child processes, where a crash costs only the item at hand.

    with Isolated(work, setup, args, workers=2, memory=1 << 30, seconds=60) as pool:
        for index, outcome in pool.run(items):
            outcome.value        # what work(item) returned, when outcome.ok
            outcome.failure      # else: CRASHED (the process died) or TIMED_OUT

A reader written in another language (python-calamine is Rust) may end the whole process on a
hostile file: an allocation of hundreds of gigabytes aborts, it does not raise. Each worker is a
process of its own, with a cap on its address space (where the system has one) and a time limit
per item; a worker that dies or overruns is replaced and the item it held is reported as failed,
so the rest of the items go on. Workers are forked where the system forks (cheap: no imports
again), else spawned; `setup(*args)` runs once in each.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import wait

log = logging.getLogger("workplan")

CRASHED, TIMED_OUT = "crashed", "timed out"


@dataclass
class Outcome:
    value: object = None
    failure: str = ""  # CRASHED or TIMED_OUT
    detail: str = ""  # the exit code or signal, for the log

    @property
    def ok(self) -> bool:
        return not self.failure


def _context():
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _limit_memory(budget: int) -> None:
    """Cap the address space at what the process holds now plus `budget` bytes."""
    try:
        import resource
    except ImportError:  # Windows: no cap, the crash still costs only this process
        return
    held = _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = held + budget
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY:
        cap = min(cap, soft)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        pass


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _quiet() -> None:
    """A dying reader prints its own messages (and a backtrace) to stderr: the parent says it
    in one line instead."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass
    os.environ["RUST_BACKTRACE"] = "0"


HELD = {getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name)}


@contextmanager
def _interrupts_held():
    """Interrupts wait while a worker is forked, and arrive just after: one that came inside
    fork's own handlers (logging releases its lock there) would be ignored, with a traceback
    on the screen, instead of stopping the run."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _serve(conn, work, setup, args, memory: int) -> None:
    if hasattr(signal, "pthread_sigmask"):  # a forked worker starts with them held
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)
    _quiet()
    _limit_memory(memory)
    if setup is not None:
        setup(*args)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        try:
            reply = ("ok", work(item))
        except KeyboardInterrupt:
            reply = ("interrupt", "")
        except BaseException as exc:  # noqa: BLE001 - the parent decides what it means
            log.exception("isolated work failed")
            reply = ("error", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except Exception as exc:  # noqa: BLE001 - a result that cannot be sent back
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


DEPTH = 2  # items given to a worker at once: the next waits in its pipe while it works


class _Worker:
    def __init__(self, ctx, work, setup, args, memory: int):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, work, setup, args, memory),
                                   daemon=True)
        with _interrupts_held():
            self.process.start()
        child.close()
        self.held: deque = deque()  # (index, item) given and not yet answered, oldest first
        self.started = 0.0  # when the oldest began

    def give(self, index: int, item) -> None:
        if not self.held:
            self.started = time.monotonic()
        self.conn.send(item)
        self.held.append((index, item))

    def answered(self) -> int:
        index, _ = self.held.popleft()
        self.started = time.monotonic()  # the next one, if any, begins now
        return index

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class Isolated:
    """A pool of worker processes running `work` on one item at a time each (see the module)."""

    def __init__(self, work, setup=None, args=(), *, workers: int = 2, memory: int = 1 << 30,
                 seconds: float = 60.0):
        self.work, self.setup, self.args = work, setup, args
        self.size = max(1, workers)
        self.memory, self.seconds = memory, seconds
        self.ctx = _context()
        self.workers: list[_Worker] = []

    def __enter__(self) -> "Isolated":
        return self

    def __exit__(self, *exc) -> None:
        for worker in self.workers:
            worker.stop(kill=bool(worker.held))
        self.workers = []

    def _worker(self) -> _Worker:
        return _Worker(self.ctx, self.work, self.setup, self.args, self.memory)

    def run(self, items):
        """(index, Outcome) of every item, in the order they finish. A worker that dies or
        overruns costs the item it was working on; the ones queued behind it go to another."""
        pending = deque(enumerate(items))
        while len(self.workers) < min(self.size, len(pending)):
            self.workers.append(self._worker())
        while pending or any(w.held for w in self.workers):
            self._fill(pending)
            busy = [w for w in self.workers if w.held]
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                         timeout=self._wait_time(busy))
            for worker in busy:
                outcome = self._outcome(worker, ready)
                if outcome is None:
                    continue
                index = worker.answered()
                if not outcome.ok:
                    pending.extendleft(reversed(worker.held))
                    worker.held.clear()
                    self._replace(worker)
                yield index, outcome

    def _fill(self, pending: deque) -> None:
        for worker in self.workers:
            while pending and len(worker.held) < DEPTH:
                index, item = pending.popleft()
                try:
                    worker.give(index, item)
                except OSError:  # it died before it took the item
                    pending.appendleft((index, item))
                    pending.extendleft(reversed(worker.held))
                    worker.held.clear()
                    self._replace(worker)
                    return

    def _wait_time(self, workers) -> float:
        now = time.monotonic()
        return max(0.01, min(w.started + self.seconds - now for w in workers))

    def _outcome(self, worker: _Worker, ready) -> Outcome | None:
        if worker.conn in ready or worker.process.sentinel in ready:
            try:
                if worker.conn.poll():
                    kind, value = worker.conn.recv()
                    if kind == "ok":
                        return Outcome(value)
                    if kind == "interrupt":  # Ctrl+C reached the worker first
                        raise KeyboardInterrupt
                    return Outcome(failure=CRASHED, detail=str(value))
            except (EOFError, OSError):
                pass
            worker.process.join(1)
            return Outcome(failure=CRASHED, detail=f"exit code {worker.process.exitcode}")
        if time.monotonic() - worker.started > self.seconds:
            return Outcome(failure=TIMED_OUT, detail=f"over {self.seconds:g} s")
        return None

    def _replace(self, worker: _Worker) -> None:
        worker.stop(kill=True)
        self.workers[self.workers.index(worker)] = self._worker()
