"""The thin driver of ``ingest --executor ray --windows``: every article's work on Ray's workers.

With the merge across windows and the store on the driver (:func:`.feed.ingest`), the driver's
part per article (~0.6 CPU ms of ~1.7: the merge, the store's writes, the merge pass) runs beside
the workers, so one worker already has the driver as a second core and two workers gain little
on two cores; on a cluster the driver is the floor whatever the workers. Here the driver only
reads lines, sends them out and collects each batch's counts: on the actors of
:class:`.actors.RayActorExecutor`, each window of lines is parsed and clustered alone by any
actor (as before), and each batch is then committed by the keeper, the actor that holds the store
and the clustering's state (:class:`Keeper`): the batch's windows merged into the stories so far,
the merge pass, the store's transaction -- the very code of the driver's path
(:class:`.feed.Ingestion`), on the same windows, so the stories are the same. Batches are
committed in order, one after another, while the other actors parse and cluster the next windows
(a pipeline: window k+1 is clustered while window k merges).

A batch is sent to the keeper once its windows are all clustered, so the keeper never waits on a
window while windows of later batches queue behind the wait. A failure stops the ingest with one
line: the batch it struck was not committed (its transaction rolled back, or never begun), the
keeper commits nothing after it, and the store holds every batch before it, as after a crash.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from storyline.errors import ExecutorError, StorylineError
from storyline.model import Article
from storyline.stories.actors import RayActorExecutor
from storyline.stories.decision import DEFAULT_MODEL, Model
from storyline.stories.executors import Executor
from storyline.stories.features import article_features
from storyline.stories.feed import Ingestion, IngestReport
from storyline.stories.reading import Batch, Parsed, date_order
from storyline.stories.refresh import BriefRefresher, OnBrief
from storyline.stories.store import Store
from storyline.stories.windows import WINDOW, parsed_window

__all__ = ["Keeper", "ingest_thin"]


class Keeper:
    """On the keeper actor: the store and the ingest's state; commits the batches in the order sent."""

    def __init__(self, path: str, model: Model, queue_briefs: bool) -> None:
        self.store = Store.open(path)
        self.ingestion = Ingestion(self.store, model, windows=True, queue_briefs=queue_briefs)
        self.next = 0  # the number of the batch to commit next
        self.failed: str | None = None
        self.warned = 0  # the report's warnings already sent to the driver

    def commit(
        self, number: int, head: Parsed, before: tuple[str, ...], total: int | None, *parts: list[Parsed]
    ) -> tuple[IngestReport, list[str]]:
        """Commit batch ``number`` of its parts; the report so far (with the warnings not sent before) and
        the stories that changed. A batch after one that was not committed is refused."""
        if self.failed or number != self.next:
            raise ExecutorError(f"batch {number + 1} not committed: {self.failed or f'batch {self.next + 1} was not'}")
        batch = Batch.of_parts([head, *(p for part in parts for p in part)], before, total)
        try:
            changed = self.ingestion.take(batch)
        except BaseException as error:  # the state in memory is past the store's: nothing more is committed
            self.failed = f"batch {number + 1} failed ({type(error).__name__}: {error})"
            raise
        self.next += 1
        report = self.ingestion.report
        sent, self.warned = report.warnings[self.warned :], len(report.warnings)
        return replace(report, warnings=sent), changed

    def finish(self, seconds: float) -> None:
        self.ingestion.finish(seconds)
        self.store.db.close()


def ingest_thin(
    batches: Iterable[Batch],
    store: Store,
    executor: RayActorExecutor,
    *,
    briefs: bool = False,
    model: Model = DEFAULT_MODEL,
    on_batch: Callable[[IngestReport], None] | None = None,
    lookahead: int = 0,
    on_brief: OnBrief | None = None,
    brief_executor: Executor | None = None,
) -> IngestReport:
    """:func:`.feed.ingest` with ``windows``, every batch committed by the keeper actor (same arguments)."""
    started = time.monotonic()
    _on_ray(lambda: executor.hold(Keeper, str(Path(store.path).resolve()), model, briefs), "opening the store")
    report = IngestReport()
    ahead: deque[Callable[[], _Shipped]] = deque()  # batches read, their windows queued on the actors
    sent: deque[Any] = deque()  # the keeper's calls not yet collected, in batch order
    numbers = iter(range(1 << 62))

    def send(shipped: Callable[[], _Shipped]) -> None:
        """The batch's commit sent to the keeper once its windows are clustered."""
        head, before, total, parts = shipped()
        executor.wait(parts)
        sent.append(executor.call("commit", next(numbers), head, before, total, *parts))

    def collect(*, every: bool) -> None:
        """Take the keeper's results that are there (all of them, waiting, with ``every``), in order."""
        while sent and (every or len(sent) > lookahead + 1 or executor.ready(sent[0])):
            got, changed = _on_ray(lambda: executor.get(sent.popleft()), f"batch {report.batches + 1}")
            warnings = report.warnings + got.warnings
            report.__dict__.update(got.__dict__)
            report.warnings = warnings
            if refresher is not None and changed:
                refresher.changed(changed)
            report.seconds = time.monotonic() - started
            if on_batch is not None:
                on_batch(report)

    refresher = BriefRefresher(store.path, brief_executor or executor, on_brief=on_brief) if briefs else None
    try:
        for batch in batches:
            ahead.append(_shipped(batch, executor, model))
            if len(ahead) > lookahead:
                send(ahead.popleft())
            # A live feed's (no lookahead) batch is collected at once: its stories' briefs wait for no later line.
            collect(every=lookahead == 0)
        while ahead:
            send(ahead.popleft())
        collect(every=True)
    except BaseException:
        if refresher is not None:
            refresher.close(drain=False)
        raise
    if refresher is not None:
        report.briefs = refresher.close()
    report.seconds = time.monotonic() - started
    _on_ray(lambda: executor.get(executor.call("finish", report.seconds)), "the end of the ingest")
    return report


_Shipped = tuple[Parsed, tuple[str, ...], int | None, tuple[Any, ...]]


def _shipped(batch: Batch, executor: RayActorExecutor, model: Model) -> Callable[[], _Shipped]:
    """What the keeper needs of a batch, when it is sent: the part read here, the warnings before it, the
    input's total and the Ray objects of its windows. A batch read here (folders, a live feed) is cut
    into windows now, each clustered by an actor as a streamed file's windows are."""
    shipped = batch.shipped
    if shipped is not None:
        head, before, parsing = shipped
        return lambda: (head, before, batch.total, parsing.refs)
    articles = batch.articles
    jobs = [(articles[i : i + WINDOW], model) for i in range(0, len(articles), WINDOW)]
    head = Parsed((), batch.warnings, hashes=(), windows=())
    pending = executor.submit(_window_of, jobs, chunk=1)
    return lambda: (head, (), batch.total, pending.refs)


def _window_of(job: tuple[Sequence[Article], Model]) -> Parsed:
    """A window of articles read on the driver, clustered as :func:`.reading.parse_lines` clusters a
    window of lines (its repeats left out, in date order), with the articles' hashes."""
    articles, model = job
    features = [article_features(a) for a in articles]
    window = parsed_window(articles, features, date_order(articles), model)
    return Parsed(tuple(articles), (), hashes=tuple(f.hash for f in features), windows=(window,))


def _on_ray(action: Callable[[], Any], what: str) -> Any:
    """``action``'s result; a Ray error (a task's, or an actor's that died) as one line that says where."""
    from ray.exceptions import RayError, RayTaskError

    try:
        return action()
    except RayTaskError as error:
        cause = error.cause
        if isinstance(cause, StorylineError):
            raise type(cause)(str(cause)) from None
        message = " ".join(str(cause).split()) or type(cause).__name__
        raise ExecutorError(f"{what}: a task on Ray failed ({type(cause).__name__}: {message}){_KEPT}") from None
    except RayError as error:
        first = next((line for line in str(error).splitlines() if line.strip()), type(error).__name__)
        raise ExecutorError(f"{what}: Ray failed ({first.strip()}){_KEPT}") from None


_KEPT = "; the store keeps every batch before it, and the next ingest goes on from there"
