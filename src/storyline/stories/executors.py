"""Where the parallel parts of an ingest run: in this process (``embedded``), in a pool of local
processes (``processes``: the standard library's, no cluster to run), or as Ray tasks (``ray``).

The parallel parts are pure functions of their input -- reading a file, an article's features
(:func:`~storyline.stories.features.article_features`), a changed story's brief (which splits,
cleans and folds its articles) -- so both executors return the same values in the same order, and
the online clustering between them, on the driver, sees the same input either way.

Ray (Moritz et al., OSDI 2018, "Ray: A Distributed Framework for Emerging AI Applications"): with
no address, :func:`ray.init` starts a local cluster of ``workers`` CPUs; with ``--ray-address`` or
``RAY_ADDRESS`` it joins a running cluster, whose workers need this package installed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from storyline.errors import ConfigError, MissingDependencyError

__all__ = ["EXECUTORS", "EmbeddedExecutor", "Executor", "Pending", "ProcessExecutor", "RayExecutor", "make_executor"]

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")
EXECUTORS = ("embedded", "processes", "ray")
# Items per Ray task: a task costs ~1 ms to schedule, an article's features ~2 ms to compute, so
# 64 articles a task keep scheduling under 1% while giving each of 2 workers several tasks a batch.
CHUNK = 64


class Pending(Generic[R]):
    """Results on their way: :meth:`result` waits for them (or, embedded, computes them)."""

    def __init__(self, compute: Callable[[], list[R]], *, refs: Sequence[Any] = ()) -> None:
        self._compute = compute
        self._refs = tuple(refs)

    @property
    def refs(self) -> tuple[Any, ...]:
        """On Ray: the objects the results will be read from, each a list of results (one chunk's), so that
        a thin driver (:mod:`.thin`) can hand them to another task without reading them itself."""
        return self._refs

    @property
    def remote(self) -> bool:
        """Whether the results are Ray's objects (:attr:`refs`), not computed here."""
        return bool(self._refs)

    def result(self) -> list[R]:
        return self._compute()


class Executor(Protocol):
    """Maps a picklable function over items, keeping their order."""

    name: str
    workers: int

    def map(self, fn: Callable[[T], R], items: Sequence[T], *, chunk: int = CHUNK) -> list[R]: ...

    def submit(self, fn: Callable[[T], R], items: Sequence[T], *, chunk: int = CHUNK) -> Pending[R]:
        """Start mapping now, return at once (the embedded executor starts when the result is asked)."""
        ...

    def close(self) -> None: ...


class EmbeddedExecutor:
    """Everything in this process, one item after another."""

    name = "embedded"
    workers = 1

    def map(self, fn: Callable[[T], R], items: Sequence[T], *, chunk: int = CHUNK) -> list[R]:
        return [fn(item) for item in items]

    def submit(self, fn: Callable[[T], R], items: Sequence[T], *, chunk: int = CHUNK) -> Pending[R]:
        return Pending(lambda: self.map(fn, items))

    def close(self) -> None:
        return None


def start_ray(*, workers: int | None = None, address: str | None = None) -> tuple[Any, bool]:
    """The ``ray`` module, initialised (a local cluster of ``workers`` CPUs unless ``address`` or
    ``RAY_ADDRESS`` names one), and whether this call started it (then :meth:`close` shuts it down)."""
    try:
        import ray
    except ImportError:
        raise MissingDependencyError(
            "--executor ray needs ray; install it with: pip install 'storyline[ray]'"
        ) from None
    address = address or os.environ.get("RAY_ADDRESS") or None
    if ray.is_initialized():
        return ray, False
    options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.WARNING}
    if address:
        ray.init(address=address, **options)
    else:
        # The driver's environment (PYTHONPATH included) is the workers': they import this package.
        env = {k: v for k, v in os.environ.items() if k in ("PYTHONPATH", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
        ray.init(num_cpus=workers or os.cpu_count() or 1, runtime_env={"env_vars": env}, **options)
    return ray, True


def _apply(fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    return [fn(item) for item in items]


def _warm_up(_: object) -> None:
    """Import what an ingest's tasks run (reading, features, the clustering by windows, the store) and load
    the language check's profiles (~1 s a worker, else paid in the middle of the first texts not plainly English)."""
    import storyline.stories.feed  # noqa: F401
    from storyline.ingest.language import load_detector

    load_detector()


class ProcessExecutor:
    """Each chunk of items a task in a pool of ``workers`` local processes (``concurrent.futures``).

    On one machine this uses its cores without Ray: the driver clusters one batch while the
    workers compute the next batches' features and build briefs. Processes are spawned, not
    forked (the ingest has threads: a live feed's reader, the brief refresher). ``warm_up`` runs
    in each worker as it starts, and with it every worker starts at once.
    """

    name = "processes"

    def __init__(self, *, workers: int | None = None, warm_up: Callable[[], object] | None = None) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers or os.cpu_count() or 1
        context = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=warm_up)
        if warm_up is not None:  # start (and warm) every worker now, not at its first task
            for _ in range(self.workers):
                self._pool.submit(int)

    def map(self, fn: Callable[[T], R], items: Sequence[T], *, chunk: int = CHUNK) -> list[R]:
        return self.submit(fn, items, chunk=chunk).result()

    def submit(self, fn: Callable[[T], R], items: Sequence[T], *, chunk: int = CHUNK) -> Pending[R]:
        futures = [self._pool.submit(_apply, fn, list(items[i : i + chunk])) for i in range(0, len(items), chunk)]
        return Pending(lambda: [result for future in futures for result in future.result()])

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class RayExecutor:
    """Each chunk of items a Ray task; a local cluster of ``workers`` CPUs unless ``address`` names one."""

    name = "ray"

    def __init__(self, *, workers: int | None = None, address: str | None = None) -> None:
        ray, self._owned = start_ray(workers=workers, address=address)
        self._ray = ray
        self.workers = int(ray.cluster_resources().get("CPU", 1))
        self._task = ray.remote(num_cpus=1)(_apply)
        # Every worker imports the ingest's modules now, one task each at once (an import takes ~1 s, so
        # none is done before the others start): else the first batch pays for the imports, and the first
        # worker to finish its own takes the next tasks while the others still import.
        ray.get([self._task.remote(_warm_up, [None]) for _ in range(self.workers)])

    def map(self, fn: Callable[[T], R], items: Sequence[T], *, chunk: int = CHUNK) -> list[R]:
        return self.submit(fn, items, chunk=chunk).result()

    def submit(self, fn: Callable[[T], R], items: Sequence[T], *, chunk: int = CHUNK) -> Pending[R]:
        refs = [self._task.remote(fn, list(items[i : i + chunk])) for i in range(0, len(items), chunk)]
        ray = self._ray
        return Pending(lambda: [result for part in ray.get(refs) for result in part], refs=refs)

    def close(self) -> None:
        if self._owned and self._ray.is_initialized():
            self._ray.shutdown()


def make_executor(
    name: str, *, workers: int | None = None, address: str | None = None, windows: bool = False
) -> Executor:
    """The executor called ``name`` (one of :data:`EXECUTORS`); on Ray with ``windows`` (``ingest
    --windows``), one actor a CPU (:mod:`.actors`), one of which keeps the store (:mod:`.thin`) --
    except through Ray Client (``ray://``), whose workers cannot reach the driver's store file."""
    if name == "embedded":
        if address:
            raise ConfigError("--ray-address needs --executor ray")
        return EmbeddedExecutor()
    if name == "processes":
        if address:
            raise ConfigError("--ray-address needs --executor ray")
        return ProcessExecutor(workers=workers)
    if name == "ray":
        chosen = address or os.environ.get("RAY_ADDRESS") or ""
        if windows and not chosen.startswith("ray://"):
            from storyline.stories.actors import RayActorExecutor

            return RayActorExecutor(workers=workers, address=address)
        return RayExecutor(workers=workers, address=address)
    raise ConfigError(f"unknown executor {name!r}; choose one of {', '.join(EXECUTORS)}")
