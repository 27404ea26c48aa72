"""Briefs run in worker processes, so one request can never stall the server or other clients.

A brief is CPU-bound Python: a thread cannot be stopped, and while it runs it holds the GIL that
the event loop answering ``/healthz`` needs. So each brief runs in a separate process, at most
``size`` at once; a job that outlives its timeout has its process killed (and replaced on the
next request), and the request gets a one-line error. Workers are long-lived, so the embedding
model and the word tables load once per worker, not once per request. ``size=0`` runs jobs in
the calling thread (no isolation, no hard timeout): for embedding the app where processes
cannot be started.

Processes are started with ``spawn``: forking a server that runs threads can copy a lock held by
another thread and deadlock the child. Workers run at a lower scheduling priority
(:data:`WORKER_NICENESS`): on a machine with fewer free cores than busy workers, the server's own
process (``/healthz``, accepting requests) then gets a core first (bench/hostile.py measures it).
A pool's niceness can be higher still (:data:`LARGE_NICENESS`: the web app's lane for huge
requests, so an ordinary brief beside a huge one gets the core first too).

A worker warms up (``warm_up``: imports the stages, loads the embedding and NER models) before its
first job, and :meth:`WorkerPool.start` starts every worker at once (the app does it when it
starts): a worker started only when a request comes costs that request seconds of loading, which
bench/hostile.py saw as a 10 s seed brief beside a huge one. A worker killed for its timeout is
replaced at once, the replacement warming up while no request waits for it. So is a worker whose
job a hard stop of the time budget interrupted (:func:`storyline.budget.interrupted`): an interrupt
can land anywhere, and nothing it left half-built may reach the next request.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from storyline import budget
from storyline.errors import ConfigError, InputError, MissingDependencyError, StorylineError
from storyline.web.uploads import TooLarge

__all__ = ["LARGE_NICENESS", "WORKER_NICENESS", "Busy", "JobFailed", "TimedOut", "WorkerPool"]

#: How much lower a worker's priority is than the server's (``nice``): CFS then gives a busy worker
#: about a third of a core's share against the server process (weights 335 and 1024).
WORKER_NICENESS = 5
#: The niceness of workers for huge requests: against a worker at :data:`WORKER_NICENESS` CFS gives
#: one about a tenth of a shared core (weights 36 and 335), so an ordinary brief keeps its pace.
LARGE_NICENESS = 15

_ERRORS: dict[str, type[StorylineError]] = {
    "ConfigError": ConfigError,
    "InputError": InputError,
    "MissingDependencyError": MissingDependencyError,
    "TooLarge": TooLarge,
}


class TimedOut(StorylineError):
    """The job ran past its timeout; its process was killed (HTTP 503)."""


class Busy(StorylineError):
    """Every worker stayed busy while the request waited (HTTP 503)."""


class JobFailed(Exception):
    """The job raised an unexpected exception; ``name`` is its type (the worker keeps no traceback)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _serve(conn: Connection, niceness: int, warm_up: Callable[[], object] | None) -> None:
    """A worker's loop: warm up, then run each ``(function, args)`` received, send back its outcome."""
    with contextlib.suppress(AttributeError, OSError):  # no os.nice on Windows; a sandbox may refuse it
        os.nice(niceness)
    if warm_up is not None:
        # A failed warm-up only leaves the loading to the first job, which reports its own error.
        with contextlib.suppress(Exception):
            warm_up()
    conn.send(_READY)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        function, args = job
        try:
            outcome: tuple[str, Any, str] = ("ok", function(*args), "")
        except StorylineError as error:
            outcome = ("error", type(error).__name__, " ".join(str(error).split()))
        except BaseException as error:  # any: the server answers with a one-line 500, the worker lives on
            outcome = ("failed", type(error).__name__, "")
        retire = budget.interrupted()
        conn.send((*outcome, retire))
        if retire:
            return


#: What a worker sends once warm, before its first job.
_READY = ("ready", None, "", False)


class _Worker:
    def __init__(self, context: Any, niceness: int, warm_up: Callable[[], object] | None) -> None:
        self.conn, child = multiprocessing.Pipe()
        self.process: BaseProcess = context.Process(target=_serve, args=(child, niceness, warm_up), daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, seconds: float) -> bool:
        """Whether the worker is warm, waiting up to ``seconds`` for it: a job's timeout counts from
        when it starts, not from when the worker started loading (minutes on a loaded machine)."""
        if not self.ready and self.conn.poll(seconds):
            self.ready = self.conn.recv() == _READY
        return self.ready

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """At most ``size`` worker processes at ``niceness``, started by :meth:`start` or on demand, and reused.

    ``warm_up`` (a module-level function: it is pickled) runs in each worker before its first job.
    """

    def __init__(
        self, size: int, *, niceness: int = WORKER_NICENESS, warm_up: Callable[[], object] | None = None
    ) -> None:
        self.size = size
        self.niceness = niceness
        self.warm_up = warm_up
        self._context = multiprocessing.get_context("spawn")
        self._idle: list[_Worker] = []
        self._live = 0  # workers started and not killed, idle or busy
        self._slots = threading.BoundedSemaphore(max(size, 1))
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the workers not yet running, so that none is cold when a request comes."""
        with self._lock:
            while self._live < self.size:
                self._idle.append(self._new())

    def _new(self) -> _Worker:
        """A new worker (the caller holds the lock)."""
        self._live += 1
        return _Worker(self._context, self.niceness, self.warm_up)

    def _kill(self, worker: _Worker, *, replace: bool) -> None:
        """Kill ``worker``; with ``replace``, start its successor now (it warms up while idle)."""
        worker.kill()
        with self._lock:
            self._live -= 1
            if replace:
                self._idle.append(self._new())

    def run(self, function: Callable[..., Any], *args: Any, timeout: float | Callable[[], float], wait: float) -> Any:
        """``function(*args)`` in a worker: its result, or the :class:`StorylineError` it raised.

        Raises :class:`Busy` when no worker frees up within ``wait`` seconds (or the one free is
        not warm within the longer of ``wait`` and ``timeout``), :class:`TimedOut` when the job
        runs past ``timeout`` seconds from its start (its worker is killed; a callable ``timeout`` is
        asked when the job starts, after any wait: a deadline that the wait ate into), :class:`JobFailed` for
        any other exception in the job. ``function`` and ``args`` must pickle.
        """
        if self.size == 0:
            return function(*args)
        if not self._slots.acquire(timeout=wait):
            raise Busy(f"the server is busy: every worker stayed busy for {wait:g} s; try again")
        try:
            return self._run_in_worker(function, args, timeout, wait)
        finally:
            self._slots.release()

    def _run_in_worker(
        self, function: Callable[..., Any], args: tuple[Any, ...], limit: float | Callable[[], float], wait: float
    ) -> Any:
        worker = self._take()
        timeout = limit() if callable(limit) else limit
        warm = max(timeout, wait)
        try:
            if not worker.wait_ready(warm):
                self._kill(worker, replace=True)
                raise Busy(f"the server is busy: no worker was ready within {warm:g} s; try again")
            timeout = limit() if callable(limit) else limit  # from now: the warm-up may have taken a while
            worker.conn.send((function, args))
            finished = worker.conn.poll(timeout)
            status, value, message, retire = worker.conn.recv() if finished else ("timeout", None, "", True)
        except (EOFError, OSError, BrokenPipeError):  # the worker died (killed for memory, say)
            self._kill(worker, replace=True)
            raise JobFailed("WorkerDied") from None
        if status == "timeout":
            self._kill(worker, replace=True)
            stopped = f"the brief took longer than {timeout:.3g} s and was stopped"
            raise TimedOut(f"{stopped}; send fewer or shorter articles")
        if retire:
            self._kill(worker, replace=True)
        else:
            with self._lock:
                self._idle.append(worker)
        if status == "error":
            raise _ERRORS.get(str(value), InputError)(message)
        if status == "failed":
            raise JobFailed(str(value))
        return value

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop(0)  # the oldest first: the one most likely warm by now
                if worker.process.is_alive():
                    return worker
                worker.kill()
                self._live -= 1
            return self._new()

    def close(self) -> None:
        """Stop the idle workers (busy ones end with the server process: they are daemons)."""
        with self._lock:
            idle, self._idle = self._idle, []
            self._live -= len(idle)
        for worker in idle:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
            worker.kill()
