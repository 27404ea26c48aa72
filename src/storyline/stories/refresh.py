"""Keeping briefs current: background builders of the changed stories' briefs, the longest waiting first.

Clustering a batch takes milliseconds, a story's brief a tenth of a second or more, so briefs
are built beside the ingest, never in its way: each committed batch hands its changed stories to
a :class:`BriefRefresher`, whose builders (one thread per worker of its executor, each sending
one story at a time) take the story waiting longest (the time of its oldest change not yet
briefed) and cache its brief under the story version it was built from. The command line gives
the refresher processes of its own (``--brief-workers``, 2 by default: at 20 articles a second the
quick briefs below need ~0.7 of a core, which one process on a loaded machine does not always
get), so a brief never holds the GIL the clustering needs, and the ingest's feature tasks never
queue behind briefs.

Coalescing: a story that changes again while it waits is still one entry (its brief, built later,
holds every article that arrived meanwhile); one that changes while its brief is being built
waits again, for a brief of its new version, and no second builder takes it meanwhile.

Two tiers: a changed story first gets a *quick* brief (the cheapest options,
:data:`~storyline.stories.briefs.QUICK_CONFIG`: the lead as summary, entities by the rules, ~29
ms CPU a story of the dev stream); when no changed story waits, the quick briefs are rebuilt in
full (the default options, ~140 ms), oldest first, under the same version. At 20 articles a second
of the dev stream some 15 stories a second change: full briefs alone would need ~2.1 CPU-seconds
a second, more than two cores, while quick ones need ~0.45.

The queue is kept in the store too (:mod:`.backlog`, written in each batch's transaction and
updated with each cached brief), so a crash loses no brief: a refresher starts with whatever the
store's queue holds.

Each builder reads and writes through its own connection to the store (SQLite's write-ahead log
lets it read while the ingest writes), so a brief never holds up a batch's commit for longer
than its own small write.
"""

from __future__ import annotations

import heapq
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from storyline.stories.briefs import quick_renderings, renderings
from storyline.stories.executors import Executor
from storyline.stories.store import Store

__all__ = ["BriefRefresher", "OnBrief"]

#: Called after each cached brief: (story, version, monotonic time it was cached, whether quick).
OnBrief = Callable[[str, int, float, bool], None]


class _Queue:
    """Stories by the time they started waiting, the oldest taken first: a dict, and a heap whose
    entries no longer in the dict are skipped when they come up, so that taking one costs
    O(log n) however long the queue (a crash can leave tens of thousands of stories in it)."""

    def __init__(self) -> None:
        self._since: dict[str, float] = {}
        self._heap: list[tuple[float, str]] = []

    def __contains__(self, story: str) -> bool:
        return story in self._since

    def __bool__(self) -> bool:
        return bool(self._since)

    def add(self, story: str, since: float) -> None:
        """Queue ``story`` from ``since``; one already queued keeps its place."""
        if story not in self._since:
            self._since[story] = since
            heapq.heappush(self._heap, (since, story))

    def discard(self, story: str) -> None:
        self._since.pop(story, None)

    def take(self, busy: set[str]) -> str | None:
        """Remove and return the story queued longest that is not in ``busy``; None if there is none."""
        held = []  # queued but busy: put back (at most one per builder)
        found = None
        while self._heap:
            since, story = heapq.heappop(self._heap)
            if self._since.get(story) != since:
                continue  # taken or discarded since; a later entry is current
            if story in busy:
                held.append((since, story))
                continue
            del self._since[story]
            found = story
            break
        for entry in held:
            heapq.heappush(self._heap, entry)
        return found


class BriefRefresher:
    """Rebuild the briefs of the stories :meth:`changed` names, and of the store's queue, in the background."""

    def __init__(self, path: Path, executor: Executor, *, on_brief: OnBrief | None = None) -> None:
        self.path = path
        self.executor = executor
        self.on_brief = on_brief
        self.built = 0
        self.error: BaseException | None = None
        self._waiting = _Queue()  # stories by when their oldest unbriefed change came (time.time())
        self._quick = _Queue()  # stories with a quick brief, by when it was built (to build in full)
        self._building: set[str] = set()
        self._closing = False
        self._drain = True
        self._wake = threading.Condition()
        with Store.open(path) as store:  # what a run before this one left to build
            for story, since, quick in store.brief_backlog():
                (self._quick if quick else self._waiting).add(story, since)
        self._threads = [
            threading.Thread(target=self._run, name=f"storyline-briefs-{n}", daemon=True)
            for n in range(max(1, executor.workers))
        ]
        for thread in self._threads:
            thread.start()

    def changed(self, stories: Iterable[str]) -> None:
        """Stories whose new version needs a brief (a story already waiting keeps its place)."""
        now = time.time()
        with self._wake:
            for story in stories:
                self._waiting.add(story, now)
                self._quick.discard(story)
            self._wake.notify_all()

    def close(self, *, drain: bool = True) -> int:
        """Build what is waiting (unless not ``drain``: it stays in the store's queue), stop the
        builders; how many briefs were built. Re-raises a builder's failure, if any."""
        with self._wake:
            self._closing, self._drain = True, drain
            self._wake.notify_all()
        for thread in self._threads:
            thread.join()
        if self.error is not None:
            raise self.error
        return self.built

    def _next(self) -> tuple[str, bool] | None:
        """The story waiting longest that no builder has, and whether its brief is to be quick;
        None when closing with nothing left (or after a builder failed)."""
        with self._wake:
            while True:
                if self.error is not None or (self._closing and not self._drain):
                    return None
                for queue, quick in ((self._waiting, True), (self._quick, False)):
                    story = queue.take(self._building)
                    if story is not None:
                        self._building.add(story)
                        return story, quick
                if self._closing and not self._building and not self._waiting and not self._quick:
                    return None
                self._wake.wait()

    def _run(self) -> None:
        try:
            with Store.open(self.path) as store:
                while (work := self._next()) is not None:
                    try:
                        self._build(store, *work)
                    finally:
                        with self._wake:
                            self._building.discard(work[0])
                            self._wake.notify_all()
        except BaseException as error:  # handed to close(), which the ingest calls
            with self._wake:
                self.error = self.error or error
                self._wake.notify_all()

    def _build(self, store: Store, story: str, quick: bool) -> None:
        # One read transaction: the articles are those of the version the brief is cached under.
        store.db.execute("BEGIN")
        try:
            row = store.story(story)  # a merged story's survivor (queued itself by the merge)
            articles = store.articles(row.id) if row.articles else []
        finally:
            store.db.execute("COMMIT")
        if not articles:
            return
        (rendered,) = self.executor.map(quick_renderings if quick else renderings, [articles], chunk=1)
        store.keep_brief(row.id, row.version, rendered, quick=quick)
        with self._wake:
            self.built += 1
            if quick and row.id not in self._waiting:
                self._quick.add(row.id, time.time())
        if self.on_brief is not None:
            self.on_brief(row.id, row.version, time.monotonic(), quick)
