"""Clustering by window, for an executor with many workers: each window alone, then a merge across windows.

The online clustering (:mod:`.cluster`) is sequential: each article sees every earlier one. To
spread it over workers, a batch's articles are cut, in date order, into windows of
:data:`WINDOW` articles; each window is clustered on its own by a worker (its features, its own
IDF and stories: :func:`cluster_window`), and the driver then takes each window's stories, in
order, into the global state like articles (:func:`absorb_window`): a window story joins the most
probable global story when the same model says so, else it becomes a global story. Windows have a
fixed size, so the stories do not depend on the number of workers; they may differ from the
embedded path's, which sees one article at a time -- bench/feed.py measures by how much.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import Article
from storyline.stories.cluster import Assignment, Clusterer, LiveStory, _query
from storyline.stories.decision import DEFAULT_MODEL, Model
from storyline.stories.features import article_features, sketch_similarity
from storyline.stories.vectors import CENTROID_TERMS, Vector, add_into

__all__ = ["WINDOW", "WindowResult", "absorb_window", "cluster_window"]

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
    hashes: tuple[str, ...]


def cluster_window(job: tuple[Sequence[Article], Model]) -> WindowResult:
    """Features and online clustering of one window's articles (in date order) from a fresh state."""
    articles, model = job
    clusterer = Clusterer(model=model)
    assignments, hashes = [], []
    for article in articles:
        features = article_features(article)
        assignments.append(clusterer.assign(article.id, features, article.date))
        hashes.append(features.hash)
    stories = tuple(sorted(clusterer.stories.values(), key=lambda s: s.created))
    frequencies = tuple(dict(f) for f in clusterer.idf.frequencies)
    return WindowResult(tuple(assignments), stories, clusterer.idf.documents, frequencies, tuple(hashes))


def window_jobs(articles: Sequence[Article], model: Model = DEFAULT_MODEL) -> list[tuple[Sequence[Article], Model]]:
    return [(articles[i : i + WINDOW], model) for i in range(0, len(articles), WINDOW)]


def absorb_window(clusterer: Clusterer, window: WindowResult) -> list[Assignment]:
    """Take a window's stories into the global state; each article's assignment to a global story."""
    clusterer.idf.documents += window.documents
    for table, counts in zip(clusterer.idf.frequencies, window.frequencies, strict=True):
        table.update(counts)
    target: dict[str, tuple[str, float, bool]] = {}
    for story in window.stories:
        units = tuple(_unit(c, n) for c, n in zip(story.centroid, story.norms, strict=True))
        best, best_p = None, 0.0
        for other in [] if story.alone else clusterer._candidates(_query(units), story.last_date):
            p = clusterer.model.probability(clusterer.features(units, other, story.last_date))
            if p > best_p:
                best, best_p = other, p
        copy = best is not None and any(
            sketch_similarity(a, b) >= 0.6 for _, a in story.sketches[:4] for _, b in best.sketches
        )
        if best is not None and (best_p >= clusterer.model.join or copy):
            _join(clusterer, best, story)
            target[story.id] = (best.id, best_p, False)
        else:
            clusterer.created += 1
            story.created = clusterer.created
            clusterer._touch(story, story.terms)
            target[story.id] = (story.id, best_p, True)
    result = []
    for a in window.assignments:
        global_id, p, new = target[a.story]
        if global_id == a.story:
            result.append(Assignment(a.article, global_id, a.new and new, a.probability, a.copy_of))
        else:
            result.append(Assignment(a.article, global_id, False, p, a.copy_of))
    return result


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
