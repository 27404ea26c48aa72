"""Clustering by window, for an executor with many workers: each window alone, then a merge across windows.

The online clustering (:mod:`.cluster`) is sequential: each article sees every earlier one. To
spread it over workers, a batch's articles are cut, in input order, into windows of
:data:`WINDOW` (a streamed file's :data:`WINDOW` lines, else articles); each window's new
articles are clustered on their own, in date order, by a worker (their features, the window's own
IDF and stories: :func:`clustered`), and the driver then takes each window's stories, in order,
into the global state like articles (:func:`absorb_window`): a window story joins the most
probable global story when the same model says so, else it becomes a global story. Windows have a
fixed size, so the stories do not depend on the number of workers; they may differ from the
embedded path's, which sees one article at a time -- bench/feed.py measures by how much.

A window's new articles are all clustered, copies included: the same text as an article stored
earlier, under another id, is stored as its copy (not an independent source) in the story its
window's clustering gives it -- not, as one article at a time, always in its original's story,
which may be past the time gap (bench/feed.py's stream repeats texts 45 days apart).

A streamed file's windows are clustered by the tasks that parse them (:func:`.reading.parse_lines`),
so a window's articles travel to the driver once, with their hashes and the window's stories; a
window one of whose articles the store already has (or stores under a new id) is clustered again
without it (:func:`window_results`), so the stories are always those of the new articles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from storyline.model import Article
from storyline.stories.cluster import COPY_JACCARD, Assignment, Clusterer, LiveStory, _query
from storyline.stories.decision import Model
from storyline.stories.executors import Executor
from storyline.stories.features import ArticleFeatures, article_features, sketch_similarity
from storyline.stories.vectors import CENTROID_TERMS, Vector, add_into

__all__ = ["WINDOW", "WindowResult", "absorb_window", "cluster_window", "clustered", "parsed_window", "window_results"]

# Articles per window: enough for a window's own IDF to weigh common words down (the dev stream's
# tuning half shows the IDF of 250 articles ranks the same top terms as that of 470 for 9 in 10
# articles), few enough that a batch of 500 gives two workers a window each.
WINDOW = 250


@dataclass(frozen=True)
class WindowResult:
    """One window clustered alone: each article's assignment, the window's stories, its document frequencies."""

    assignments: tuple[Assignment, ...]
    stories: tuple[LiveStory, ...]
    documents: int
    frequencies: tuple[dict[str, int], ...]
    model: Model
    left_out: tuple[int, ...] = ()  # positions (in the window's input order) of the repeats left out of it


def parsed_window(
    articles: Sequence[Article], features: Sequence[ArticleFeatures], order: Sequence[int], model: Model
) -> WindowResult:
    """A parsed window's clustering (``articles`` and ``features`` in input order, ``order`` their date
    order), its repeats left out as the driver will leave them out: the same text under the same id
    as an earlier article of the window (stored already). The driver checks what it left out against
    ``left_out`` (:func:`window_results`); a window it left more out of (what the store holds) is redone."""
    seen: set[tuple[str, str]] = set()
    kept: list[int] = []
    left_out: list[int] = []
    for n in order:
        key = (features[n].hash, articles[n].id)
        (left_out if key in seen else kept).append(n)
        seen.add(key)
    window = clustered([articles[n] for n in kept], [features[n] for n in kept], model)
    return replace(window, left_out=tuple(sorted(left_out)))


def cluster_window(job: tuple[Sequence[Article], Model]) -> WindowResult:
    """Features and online clustering of one window's articles (in date order) from a fresh state."""
    articles, model = job
    return clustered(articles, [article_features(a) for a in articles], model)


def clustered(articles: Sequence[Article], features: Sequence[ArticleFeatures], model: Model) -> WindowResult:
    """The online clustering of one window's articles (in date order, with their features) from a fresh state."""
    clusterer = Clusterer(model=model)
    assignments = [clusterer.assign(a.id, f, a.date) for a, f in zip(articles, features, strict=True)]
    stories = tuple(sorted(clusterer.stories.values(), key=lambda s: s.created))
    frequencies = tuple(dict(f) for f in clusterer.idf.frequencies)
    return WindowResult(tuple(assignments), stories, clusterer.idf.documents, frequencies, model)


def window_results(
    articles: Sequence[Article],
    fresh: Mapping[int, Article],
    prepared: Sequence[WindowResult] | None,
    model: Model,
    executor: Executor,
) -> list[WindowResult]:
    """The clusterings of a batch's windows of new articles, in order.

    ``articles``: the batch in input order; ``fresh``: position -> the new ones, as stored (a
    renamed one under its new id); ``prepared``: the windows clustered as the batch was parsed
    (:func:`parsed_window`), each of the articles of its lines. A prepared window whose articles
    are the new ones, under their ids, is taken as it is, the others are clustered again from their
    new articles; with none prepared, every window of :data:`WINDOW` articles is, on ``executor``.
    """
    from storyline.stories.reading import in_date_order  # reading imports this module

    if prepared is not None and any(w.model != model for w in prepared):
        prepared = None
    sizes = (
        [len(w.assignments) + len(w.left_out) for w in prepared]
        if prepared is not None
        else [WINDOW] * -(-len(articles) // WINDOW)
    )
    results: list[WindowResult | None] = []
    redo: list[tuple[int, list[Article]]] = []
    start = 0
    for number, size in enumerate(sizes):
        span = range(start, min(start + size, len(articles)))
        kept = [fresh[n] for n in span if n in fresh]
        if prepared is not None:
            left_out = tuple(n - start for n in span if n not in fresh)
            same = left_out == prepared[number].left_out and all(fresh[n] is articles[n] for n in span if n in fresh)
            results.append(prepared[number] if same else None)
        else:
            results.append(None)
        if results[-1] is None and kept:
            redo.append((number, in_date_order(kept)))
        start += size
    jobs = [(window, model) for _, window in redo]
    # A prepared batch's few windows to redo are clustered here: on the executor they would wait behind
    # the later batches' windows already queued there.
    computed = (
        [cluster_window(job) for job in jobs] if prepared is not None else executor.map(cluster_window, jobs, chunk=1)
    )
    for (position, _), result in zip(redo, computed, strict=True):
        results[position] = result
    return [r for r in results if r is not None]


def absorb_window(clusterer: Clusterer, window: WindowResult) -> tuple[list[Assignment], list[str]]:
    """Take a window's stories into the global state: each article's assignment to a global story, and
    the global stories a window story joined (those the merge pass looks at, as feed._grown says)."""
    clusterer.idf.merge(window.documents, window.frequencies)
    target: dict[str, tuple[str, float, bool]] = {}
    joined: list[str] = []
    for story in window.stories:
        units = tuple(_unit(c, n) for c, n in zip(story.centroid, story.norms, strict=True))
        best, best_p = None, 0.0
        for other in [] if story.alone else clusterer._candidates(_query(units), story.last_date):
            p = clusterer.model.probability(clusterer.features(units, other, story.last_date))
            if p > best_p:
                best, best_p = other, p
        # The copy check (sketches) only where the model alone would not join.
        if best is not None and (best_p >= clusterer.model.join or _copy(story, best)):
            _join(clusterer, best, story)
            target[story.id] = (best.id, best_p, False)
            joined.append(best.id)
        else:
            clusterer.created += 1
            story.created = clusterer.created
            clusterer._touch(story, story.terms)
            target[story.id] = (story.id, best_p, True)
    result = []
    for a in window.assignments:
        global_id, p, new = target[a.story]
        if global_id == a.story:
            result.append(replace(a, new=a.new and new))
        else:
            result.append(replace(a, story=global_id, new=False, probability=p))
    return result, joined


def _copy(story: LiveStory, other: LiveStory) -> bool:
    """Whether one of the window story's first articles is a copy of one of ``other``'s (cluster.COPY_JACCARD)."""
    return any(sketch_similarity(a, b) >= COPY_JACCARD for _, a in story.sketches[:4] for _, b in other.sketches)


def _join(clusterer: Clusterer, survivor: LiveStory, window_story: LiveStory) -> None:
    for f in range(len(survivor.centroid)):
        survivor.centroid[f], survivor.norms[f] = add_into(
            survivor.centroid[f], window_story.centroid[f], CENTROID_TERMS[f]
        )
    survivor.size += window_story.size
    survivor.titled += window_story.titled
    if window_story.last_date and (survivor.last_date is None or window_story.last_date > survivor.last_date):
        survivor.last_date = window_story.last_date
    survivor.sketches = (survivor.sketches + window_story.sketches)[:32]
    survivor.terms = list(dict.fromkeys(survivor.terms + window_story.terms))[-200:]
    clusterer._touch(survivor, window_story.terms)


def _unit(centroid: Vector, norm: float) -> Vector:
    return {t: w / norm for t, w in centroid.items()} if norm else {}
