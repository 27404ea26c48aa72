"""Ingest: read a feed in batches, put each article in a story online, commit each batch to the store.

One batch: the executor computes every article's features (in parallel on Ray); the driver drops
articles the store already holds (same content hash and id), renames a new article whose id is
taken, stores the same content under a new id as a copy in its original's story, assigns the rest
one by one in date order (:class:`~storyline.stories.cluster.Clusterer`), merges stories that
converged, and commits it all in one transaction; when asked, the briefs of the stories that
changed are rebuilt meanwhile, in the background (:mod:`.refresh`).

Order: the articles of a batch are taken by date; an undated article counts as dated like the
article before it in the input (a feed delivers it "now"), so an undated stream keeps its order.
"""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from storyline.model import Article
from storyline.stories.cluster import Assignment, Clusterer, placeable
from storyline.stories.decision import DEFAULT_MODEL, Model
from storyline.stories.executors import EmbeddedExecutor, Executor, Pending
from storyline.stories.features import ArticleFeatures, article_features, content_hash
from storyline.stories.reading import BATCH, Batch, date_order, in_date_order, read_paths, read_stream
from storyline.stories.refresh import BriefRefresher, OnBrief
from storyline.stories.store import Store, StoredArticle
from storyline.stories.windows import absorb_window, window_results

__all__ = ["BATCH", "Batch", "IngestReport", "Ingestion", "ingest", "read_paths", "read_stream"]


@dataclass
class IngestReport:
    """What an ingest did; every article read is counted in exactly one of added, known."""

    read: int = 0
    total: int | None = None
    added: int = 0
    known: int = 0
    copies: int = 0
    new_stories: int = 0
    joined: int = 0
    merged: int = 0
    briefs: int = 0
    batches: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items()}

    def count(self, assignment: Assignment) -> None:
        """One article added: a new story, or one joined (as a copy or not)."""
        self.added += 1
        self.new_stories += assignment.new
        self.joined += not assignment.new
        self.copies += assignment.copy_of is not None

    def lines(self) -> list[str]:
        rate = f", {self.read / self.seconds:.0f} articles/s" if self.seconds else ""
        lines = [
            f"read {self.read} articles in {self.batches} batches ({self.seconds:.1f} s{rate})",
            f"added {self.added}: {self.new_stories} new stories, {self.joined} joined a story "
            f"({self.copies} of them copies); {self.known} already in the store",
            f"merged {self.merged} stories into others; built {self.briefs} briefs",
        ]
        return lines + [f"warning: {w}" for w in self.warnings]


def ingest(
    batches: Iterable[Batch],
    store: Store,
    *,
    executor: Executor | None = None,
    briefs: bool = False,
    model: Model = DEFAULT_MODEL,
    on_batch: Callable[[IngestReport], None] | None = None,
    lookahead: int = 0,
    windows: bool = False,
    on_brief: OnBrief | None = None,
    brief_executor: Executor | None = None,
) -> IngestReport:
    """Ingest every batch into ``store``; ``on_batch`` is called after each committed batch.

    ``briefs``: rebuild the briefs of changed stories in the background as batches commit (all
    built when this returns), on ``brief_executor`` (default: ``executor``; the command line gives
    them processes of their own); ``on_brief(story, version, monotonic time, quick)`` after each.
    The stories still to brief are queued in the store with each batch, so that after a crash the
    next ingest with ``briefs`` builds them.

    ``lookahead``: how many batches to read and start computing features for before the current
    one is committed (a file's batches are all there; a live feed's next batch is not, so 0).
    ``windows``: cluster each batch by windows on the executor's workers, then merge across
    windows (:mod:`.windows`), instead of one article at a time on the driver; batches read with
    ``read_paths(..., windows=model)`` come clustered by window from their reading.
    """
    executor = executor or EmbeddedExecutor()
    if windows and hasattr(executor, "hold"):  # Ray's actors: the thin driver (thin.py)
        from storyline.stories.thin import ingest_thin

        return ingest_thin(
            batches,
            store,
            executor,  # type: ignore[arg-type]
            briefs=briefs,
            model=model,
            on_batch=on_batch,
            lookahead=lookahead,
            on_brief=on_brief,
            brief_executor=brief_executor,
        )
    started = time.monotonic()
    ingestion = Ingestion(store, model, executor=executor, windows=windows, queue_briefs=briefs)
    report = ingestion.report
    ahead: deque[tuple[Batch, Pending[ArticleFeatures] | None]] = deque()

    def start(batch: Batch) -> Pending[ArticleFeatures] | None:
        """The features of the batch's articles, started now (on Ray: by the workers) unless they come
        with its reading or ``windows`` computes them with the clustering."""
        if windows or batch.prepared:
            return None
        return executor.submit(article_features, in_date_order(batch.articles))

    def process(batch: Batch, pending: Pending[ArticleFeatures] | None) -> None:
        changed = ingestion.take(batch, pending)
        if refresher is not None and changed:
            refresher.changed(changed)
        report.seconds = time.monotonic() - started
        if on_batch is not None:
            on_batch(report)

    # Briefs are rebuilt beside the ingest (refresh.py), so a batch never waits for them.
    refresher = BriefRefresher(store.path, brief_executor or executor, on_brief=on_brief) if briefs else None
    try:
        for batch in batches:
            # The next batches are parsed and their features computed (on Ray: by the workers) while
            # this one is clustered.
            ahead.append((batch, start(batch)))
            if len(ahead) > lookahead:
                process(*ahead.popleft())
        while ahead:
            process(*ahead.popleft())
    except BaseException:
        if refresher is not None:
            refresher.close(drain=False)
        raise
    if refresher is not None:
        report.briefs = refresher.close()
    ingestion.finish(time.monotonic() - started)
    return report


class Ingestion:
    """One ingest's state where its batches are committed: the clustering (as the store left it), the report.

    On the driver (:func:`ingest`), or, for the thin driver, on Ray's keeper actor (:mod:`.thin`).
    """

    def __init__(
        self,
        store: Store,
        model: Model = DEFAULT_MODEL,
        *,
        executor: Executor | None = None,
        windows: bool = False,
        queue_briefs: bool = False,
    ) -> None:
        self.store = store
        self.clusterer = store.clusterer(model)
        self.report = IngestReport()
        self.executor = executor or EmbeddedExecutor()
        self.windows = windows
        self.queue_briefs = queue_briefs

    def take(self, batch: Batch, pending: Pending[ArticleFeatures] | None = None) -> list[str]:
        """Cluster and commit one batch (its features from ``pending`` when they are not with it); the
        stories that changed."""
        report = self.report
        report.warnings.extend(batch.warnings)
        report.total = batch.total or report.total
        order = date_order(batch.articles)
        if self.windows:
            changed = _commit_windows(
                self.store, self.clusterer, batch, order, self.executor, report, self.queue_briefs
            )
        else:
            articles = [batch.articles[n] for n in order]
            computed = batch.features
            features = [computed[n] for n in order] if computed is not None else pending.result() if pending else []
            changed = _commit(self.store, self.clusterer, articles, features, report, self.queue_briefs)
        report.batches += 1
        return changed

    def finish(self, seconds: float) -> None:
        """The IDF counts written and the run recorded, after ``seconds`` of ingest."""
        self.report.seconds = seconds
        self.store.flush_idf(self.clusterer)
        self.store.record_run(time.time() - seconds, self.report.added, self.report.known, self.report.warnings)


def _commit(
    store: Store,
    clusterer: Clusterer,
    articles: Sequence[Article],
    features: Sequence[ArticleFeatures],
    report: IngestReport,
    queue_briefs: bool,
) -> list[str]:
    """Assign a batch's new articles and commit them; the ids of the stories that changed."""
    report.read += len(articles)
    twins = store.by_hash([f.hash for f in features])
    taken = store.known_ids([a.id for a in articles])
    stored: list[StoredArticle] = []
    terms: tuple[set[str], ...] = (set(), set(), set())  # the IDF terms the batch counted, per field
    for article, feature in zip(articles, features, strict=True):
        same = twins.setdefault(feature.hash, [])
        stored_as = _to_store(article, same, taken, report)
        if stored_as is None:
            continue
        article = stored_as
        if same and placeable(feature):  # the same content under another id: a copy, in its original's story
            assignment = clusterer.add_copy(article.id, feature, article.date, story=same[0][1], copy_of=same[0][0])
        else:
            assignment = clusterer.assign(article.id, feature, article.date)
        same.append((article.id, assignment.story))
        report.count(assignment)
        for field_terms, counts in zip(terms, feature.counts, strict=True):
            field_terms.update(counts)
        stored.append(StoredArticle(article, feature.hash, assignment))
    if not stored:
        return []
    merges = clusterer.merge_pass(_grown(stored, clusterer.model))
    report.merged += len(merges)
    return store.commit_batch(stored, clusterer, terms, merges, queue_briefs=queue_briefs)


def _grown(stored: Sequence[StoredArticle], model: Model) -> list[str]:
    """The stories the merge pass looks at: those an article joined in this batch.

    A story an article started and nothing joined is that article, just scored against every
    candidate and found below the join threshold: with the merge threshold above it (the default
    model's), the merge pass would score it again for nothing (half of the pass's cost on the dev
    stream); a story it could converge with has grown, and is scored from its side. A model
    that merges below its join threshold looks at every changed story.
    """
    every = model.merge <= model.join
    return list(dict.fromkeys(s.assignment.story for s in stored if every or not s.assignment.new))


def _to_store(article: Article, same: list[tuple[str, str]], taken: set[str], report: IngestReport) -> Article | None:
    """The article under the id it is stored with; None when it is stored already (the same content
    under its id, or under the id it was renamed to), counted as known."""
    if any(i == article.id or i.startswith(article.id + "~") for i, _ in same):
        report.known += 1
        return None
    if article.id in taken:
        article = _renamed(article, taken, report.warnings)
    taken.add(article.id)
    return article


def _commit_windows(
    store: Store,
    clusterer: Clusterer,
    batch: Batch,
    order: Sequence[int],
    executor: Executor,
    report: IngestReport,
    queue_briefs: bool,
) -> list[str]:
    """:func:`_commit`, with the batch's new articles clustered by window (:mod:`.windows`): as the
    batch was parsed when it was, else now on the executor. A copy is clustered like the others."""
    every = batch.articles
    report.read += len(every)
    hashes = batch.hashes or tuple(content_hash(a) for a in every)  # from the workers when parsed by windows
    twins = store.by_hash(hashes)
    taken = store.known_ids([a.id for a in every])
    fresh: dict[int, Article] = {}  # input position -> the new article, as stored; in date order
    originals: dict[str, str] = {}  # a copy's id -> its original's
    for n in order:
        same = twins.setdefault(hashes[n], [])
        article = _to_store(every[n], same, taken, report)
        if article is None:
            continue
        fresh[n] = article
        if same:
            originals[article.id] = same[0][0]
        same.append((article.id, ""))
    assigned: dict[str, Assignment] = {}
    grown: dict[str, None] = {}  # the global stories a window story joined
    terms: tuple[set[str], ...] = (set(), set(), set())
    for window in window_results(every, fresh, batch.windows, clusterer.model, executor):
        assignments, joined = absorb_window(clusterer, window)
        grown.update(dict.fromkeys(joined))
        for assignment in assignments:
            original = originals.get(assignment.article)
            assigned[assignment.article] = replace(assignment, copy_of=original) if original else assignment
        for field_terms, table in zip(terms, window.frequencies, strict=True):
            field_terms.update(table)
    stored = [StoredArticle(a, hashes[n], assigned[a.id]) for n, a in fresh.items()]
    for item in stored:
        report.count(item.assignment)
    if not stored:
        return []
    # A window story that became a global story was just scored against every candidate, as an article
    # starting a story is (see _grown): the merge pass looks at the stories window stories joined.
    every_changed = clusterer.model.merge <= clusterer.model.join
    merges = clusterer.merge_pass(_grown(stored, clusterer.model) if every_changed else list(grown))
    report.merged += len(merges)
    return store.commit_batch(stored, clusterer, terms, merges, queue_briefs=queue_briefs)


def _renamed(article: Article, taken: set[str], warnings: list[str]) -> Article:
    """A new article whose id the store already uses for other content keeps both: it gets ``~2``, ``~3``."""
    number = 2
    while f"{article.id}~{number}" in taken:
        number += 1
    new_id = f"{article.id}~{number}"
    warnings.append(f"id {article.id!r} is in the store with other content; this article stored as {new_id!r}")
    return replace(article, id=new_id)


def report_json(report: IngestReport) -> str:
    return json.dumps(report.to_dict(), indent=2)
