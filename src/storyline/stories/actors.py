"""Ray with one actor a CPU: the executor of ``ingest --executor ray --windows`` (Moritz et al., OSDI 2018).

Ray's tasks hold no state between calls, and the clustering's state (every live story's centroid,
the IDF counts, the index) is what the merge across windows needs at each window: passing it from
task to task would pickle all of it every window, a cost that grows with the stories. So the
workers are actors, one per CPU of the cluster, each taking calls in the order they are sent:
chunks of items as any executor's (:meth:`RayActorExecutor.submit`), and, on the first one -- the
keeper, placed on the driver's node, where the store file is -- calls to an object it holds
(:meth:`RayActorExecutor.hold`, :meth:`RayActorExecutor.call`): the store and the clustering's
state (:class:`.thin.Keeper`). Each actor reserves one CPU, so one worker does everything the
ingest does, and two share it with only the driver's scheduling beside them.

Ray queues an actor's calls in the order they are sent, and a call sent to a busy actor waits for
it even when another is free; so chunks wait here, in order, and each goes to an actor as soon as
one has fewer than :data:`DEPTH` calls not yet done (the keeper last among equals: a batch's commit
there costs about what a window's parsing and clustering does).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from storyline.stories.executors import CHUNK, Pending, _apply, _warm_up, start_ray

__all__ = ["RayActorExecutor"]

T = TypeVar("T")
R = TypeVar("R")
# Calls an actor has at once: the one it runs and the next, so that it never waits for the driver's
# next call, and no chunk waits behind a long call while another actor is free.
DEPTH = 2


@dataclass
class _Chunk:
    """Items waiting to be sent to an actor; ``ref``: the result's object once sent."""

    fn: Callable[[Any], Any]
    items: list[Any]
    ref: Any = None


class _Queued(Pending[R]):
    """Chunks queued on a :class:`RayActorExecutor`: their objects once every one is sent to an actor."""

    def __init__(self, executor: RayActorExecutor, chunks: list[_Chunk]) -> None:
        super().__init__(lambda: [r for part in executor.get_all(self.refs) for r in part])
        self._executor = executor
        self._chunks = chunks

    @property
    def refs(self) -> tuple[Any, ...]:
        self._executor.send(self._chunks)
        return tuple(c.ref for c in self._chunks)

    @property
    def remote(self) -> bool:
        return True


class _Worker:
    """One actor: maps a function over a chunk; on the keeper, also holds one object and calls its methods."""

    def __init__(self) -> None:
        self.held: Any = None

    def apply(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        return _apply(fn, items)

    def hold(self, factory: Callable[..., Any], *args: Any) -> None:
        self.held = factory(*args)

    def call(self, method: str, *args: Any) -> Any:
        return getattr(self.held, method)(*args)


class RayActorExecutor:
    """Each chunk of items a call to one of ``workers`` actors (one CPU each); the first also keeps state."""

    name = "ray"

    def __init__(self, *, workers: int | None = None, address: str | None = None) -> None:
        ray, self._owned = start_ray(workers=workers, address=address)
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        self._ray = ray
        self.workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor = ray.remote(num_cpus=1)(_Worker)
        here = NodeAffinitySchedulingStrategy(node_id=ray.get_runtime_context().get_node_id(), soft=False)
        self._actors = [actor.options(scheduling_strategy=here).remote()]
        self._actors += [actor.options(scheduling_strategy="SPREAD").remote() for _ in range(self.workers - 1)]
        self._busy: list[list[Any]] = [[] for _ in self._actors]  # each actor's calls not known to be done
        self._queue: deque[_Chunk] = deque()  # chunks not yet sent to an actor, in order
        self._lock = threading.Lock()  # the brief refresher's threads submit too
        # Every actor imports the ingest's modules now, all at once (see RayExecutor).
        ray.get([a.apply.remote(_warm_up, [None]) for a in self._actors])

    def map(self, fn: Callable[[T], R], items: Sequence[T], *, chunk: int = CHUNK) -> list[R]:
        return self.submit(fn, items, chunk=chunk).result()

    def submit(self, fn: Callable[[T], R], items: Sequence[T], *, chunk: int = CHUNK) -> Pending[R]:
        chunks = [_Chunk(fn, list(items[i : i + chunk])) for i in range(0, len(items), chunk)]
        with self._lock:
            self._queue.extend(chunks)
            self._send_to_free()
        return _Queued(self, chunks)

    def hold(self, factory: Callable[..., Any], *args: Any) -> None:
        """Make ``factory(*args)`` the keeper's object (waits until it is made: an error is raised here)."""
        self._ray.get(self._actors[0].hold.remote(factory, *args))

    def call(self, method: str, *args: Any) -> Any:
        """Call ``method`` of the keeper's object, after every call sent to the keeper before; its result's ref
        (Ray's objects among ``args`` are read by the keeper, not here)."""
        with self._lock:
            ref = self._actors[0].call.remote(method, *args)
            self._busy[0].append(ref)
        return ref

    def ready(self, ref: Any) -> bool:
        """Whether the call of ``ref`` is done (its result, or its error, to get); queued chunks sent meanwhile."""
        with self._lock:
            self._send_to_free()
        done, _ = self._ray.wait([ref], timeout=0, fetch_local=False)
        return bool(done)

    def wait(self, refs: Sequence[Any]) -> None:
        """Until every call of ``refs`` is done, sending queued chunks to the actors as they free."""
        if not refs:
            return
        self._until(lambda: not self._ray.wait(list(refs), num_returns=len(refs), timeout=0, fetch_local=False)[1])

    def get(self, ref: Any) -> Any:
        self.wait([ref])
        return self._ray.get(ref)

    def get_all(self, refs: Sequence[Any]) -> list[Any]:
        self.wait(refs)
        return list(self._ray.get(list(refs)))

    def send(self, chunks: Sequence[_Chunk]) -> None:
        """Until every one of ``chunks`` is sent to an actor (those queued before them first)."""
        self._until(lambda: all(c.ref is not None for c in chunks))

    def _until(self, done: Callable[[], bool]) -> None:
        """Send queued chunks to the actors as they free until ``done()``."""
        while True:
            with self._lock:
                self._send_to_free()
                if done():
                    return
                running = [ref for refs in self._busy for ref in refs]
            if running:  # until one call ends (a second at most: another thread may send meanwhile)
                self._ray.wait(running, num_returns=1, timeout=1.0, fetch_local=False)

    def _send_to_free(self) -> None:
        """Send queued chunks, in order, to the actors with fewer than DEPTH calls not done (under the lock)."""
        everything = [ref for refs in self._busy for ref in refs]
        if everything:
            done, _ = self._ray.wait(everything, num_returns=len(everything), timeout=0, fetch_local=False)
            finished = set(done)
            self._busy = [[r for r in refs if r not in finished] for refs in self._busy]
        while self._queue:
            n = min(range(len(self._actors)), key=lambda n: (len(self._busy[n]), -n))
            if len(self._busy[n]) >= DEPTH:
                return
            chunk = self._queue.popleft()
            chunk.ref = self._actors[n].apply.remote(chunk.fn, chunk.items)
            self._busy[n].append(chunk.ref)

    def close(self) -> None:
        if self._owned and self._ray.is_initialized():
            self._ray.shutdown()
            return
        for actor in self._actors:
            self._ray.kill(actor)
