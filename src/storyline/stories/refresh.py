"""Keeping briefs current: a background queue that rebuilds the briefs of changed stories, oldest change first.

Clustering a batch takes milliseconds, a story's brief a tenth of a second to seconds, so briefs
are built beside the ingest, never in its way: each committed batch hands its changed stories to
a :class:`BriefRefresher`, whose thread builds, up to ``executor.workers`` at a time, the briefs
of the stories waiting longest (the time of their oldest change not yet briefed), and caches
each under the story version it was built from. A story that changes again while it waits is
still one entry (its brief, built later, holds every change: the queue debounces by itself); one
that changes while its brief is being built waits again, for a brief of its new version.

Two tiers: a changed story first gets a *quick* brief (the cheapest options,
:data:`~storyline.stories.briefs.QUICK_CONFIG`: the lead as summary, entities by the rules, at
about a quarter of the cost); when no changed story waits, the quick briefs are rebuilt in
full (the default options), oldest first, under the same version. At 20 articles a second of the
dev stream, some 15 stories a second change, which full briefs alone (~0.1 s CPU each) could not
follow on two cores.

The thread reads and writes through its own connection to the store (SQLite's write-ahead log
lets it read while the ingest writes), so a brief never holds up a batch's commit for longer
than its own small write.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from storyline.stories.briefs import quick_renderings, renderings
from storyline.stories.executors import Executor
from storyline.stories.store import Store

__all__ = ["BriefRefresher"]


class BriefRefresher:
    """Rebuild the briefs of the stories :meth:`changed` names, in a background thread (see module)."""

    def __init__(
        self,
        path: Path,
        executor: Executor,
        *,
        on_brief: Callable[[str, int, float], None] | None = None,
    ) -> None:
        self.path = path
        self.executor = executor
        self.on_brief = on_brief  # (story, version, when built): for the freshness bench
        self.built = 0
        self.error: BaseException | None = None
        self._waiting: dict[str, float] = {}  # story -> when its oldest unbriefed change came
        self._quick: dict[str, float] = {}  # story -> when its quick brief was built (to build in full)
        self._closing = False
        self._wake = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="storyline-briefs", daemon=True)
        self._thread.start()

    def changed(self, stories: Iterable[str]) -> None:
        """Stories whose new version needs a brief (a story already waiting keeps its place)."""
        now = time.monotonic()
        with self._wake:
            for story in stories:
                self._waiting.setdefault(story, now)
                self._quick.pop(story, None)
            self._wake.notify()

    def close(self, *, drain: bool = True) -> int:
        """Build what is waiting (unless not ``drain``), stop the thread; how many briefs were built.

        Re-raises the thread's failure, if any.
        """
        with self._wake:
            self._closing = True
            if not drain:
                self._waiting.clear()
                self._quick.clear()
            self._wake.notify()
        self._thread.join()
        if self.error is not None:
            raise self.error
        return self.built

    def _next(self) -> tuple[list[str], bool] | None:
        """The stories waiting longest, up to one per worker, and whether their briefs are to be
        quick ones; None when closing with nothing left."""
        with self._wake:
            while not self._waiting and not self._quick and not self._closing:
                self._wake.wait()
            queue, quick = (self._waiting, True) if self._waiting else (self._quick, False)
            if not queue:
                return None
            oldest = sorted(queue, key=queue.__getitem__)[: max(1, self.executor.workers)]
            for story in oldest:
                del queue[story]
            return oldest, quick

    def _run(self) -> None:
        try:
            with Store.open(self.path) as store:
                while (work := self._next()) is not None:
                    self._build(store, *work)
        except BaseException as error:  # handed to close(), which the ingest calls
            self.error = error

    def _build(self, store: Store, stories: list[str], quick: bool) -> None:
        # One read transaction: each story's articles are those of the version they are cached under.
        store.db.execute("BEGIN")
        try:
            rows = [store.story(story) for story in stories]
            live = [row for row in dict((row.id, row) for row in rows).values() if row.articles]
            inputs = [store.articles(row.id) for row in live]
        finally:
            store.db.execute("COMMIT")
        built = self.executor.map(quick_renderings if quick else renderings, inputs, chunk=1)
        for row, rendered in zip(live, built, strict=True):
            store.cache_brief(row.id, row.version, rendered)
            self.built += 1
            if quick:
                with self._wake:
                    if row.id not in self._waiting:
                        self._quick[row.id] = time.monotonic()
            if self.on_brief is not None:
                self.on_brief(row.id, row.version, time.monotonic())
