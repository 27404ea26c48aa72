"""How far the feed's clustering could go on the dev stream: candidate recall and an offline ceiling.

Two diagnostics for bench/feed.py's quality table, neither used to tune anything:

* **Candidate recall**: replaying a half online (as ``ingest`` does, without the merge pass), for
  each article whose gold story already has articles in live stories, whether one of those
  stories is among the candidates the index proposes. Where it is not, no decision rule could
  join it.
* **Offline ceiling**: the same features as the online model (TF-IDF cosines of body and names,
  combined with the model's weights) but with the whole half's IDF, every pair compared, and an
  average-link agglomerative clustering cut at the threshold that is best *against the gold*
  (Manning et al. 2008, ch. 17). No online clustering over these features can expect to beat
  it by much; it says whether the goal needs better decisions or better features.
"""

from __future__ import annotations

import datetime as dt

from storyline.model import Article
from storyline.stories.cluster import Clusterer, LiveStory, placeable
from storyline.stories.decision import DEFAULT_MODEL
from storyline.stories.features import article_features
from storyline.stories.scoring import bcubed, pairwise
from storyline.stories.vectors import OnlineIdf

__all__ = ["candidate_recall", "offline_ceiling"]


def _article(record: dict) -> Article:
    return Article(id=record["id"], text=record["text"], title=record.get("title"))


class _Recording(Clusterer):
    """A clusterer that keeps the candidates it proposed for the last article."""

    last: list[LiveStory]

    def _candidates(self, terms: list[str], date: dt.date | None) -> list[LiveStory]:
        self.last = super()._candidates(terms, date)
        return self.last


def candidate_recall(records: list[dict]) -> dict[str, float]:
    """Share of placeable articles with an earlier gold-mate whose live story the index proposed."""
    clusterer = _Recording()
    story_of: dict[str, str] = {}  # article -> predicted story
    live_of_gold: dict[str, set[str]] = {}  # gold story -> predicted stories of its articles so far
    with_mate = proposed = joined = 0
    for record in records:
        features = article_features(_article(record))
        clusterer.last = []
        assignment = clusterer.assign(record["id"], features)
        mates = {s for s in live_of_gold.get(record["story"], set()) if s in clusterer.stories}
        if mates and placeable(features):
            with_mate += 1
            proposed += bool(mates & {s.id for s in clusterer.last})
            joined += assignment.story in mates
        story_of[record["id"]] = assignment.story
        live_of_gold.setdefault(record["story"], set()).add(assignment.story)
    return {
        "with_mate": with_mate,
        "recall": proposed / with_mate if with_mate else 1.0,
        "joined": joined / with_mate if with_mate else 1.0,
    }


def offline_ceiling(records: list[dict]) -> dict[str, float]:
    """Average-link clustering of all pairs on the online model's features, cut at the gold's best threshold."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.sparse import csr_matrix

    features = [article_features(_article(r)) for r in records]
    idf = OnlineIdf()
    for f in features:
        idf.add(f.counts)
    vectors = [idf.vectors(f.counts) for f in features]

    def gram(field: int) -> np.ndarray:
        vocabulary: dict[str, int] = {}
        rows, cols, values = [], [], []
        for i, v in enumerate(vectors):
            for term, weight in v[field].items():
                rows.append(i)
                cols.append(vocabulary.setdefault(term, len(vocabulary)))
                values.append(weight)
        m = csr_matrix((values, (rows, cols)), shape=(len(vectors), max(1, len(vocabulary))))
        return np.asarray((m @ m.T).todense())

    body_weight, names_weight = DEFAULT_MODEL.weights[:2]
    score = body_weight * gram(1) + names_weight * gram(2)
    top = float(score.max())
    distance = top - score
    n = len(records)
    condensed = distance[np.triu_indices(n, 1)]
    tree = linkage(condensed, "average")
    gold = {r["id"]: r["story"] for r in records}
    best: dict[str, float] = {"pw_f": -1.0}
    for cut in np.linspace(0.0, top, 240):
        labels = fcluster(tree, top - cut, "distance")
        predicted = {r["id"]: str(label) for r, label in zip(records, labels, strict=True)}
        pw, b3 = pairwise(predicted, gold), bcubed(predicted, gold)
        if pw[2] > best["pw_f"]:
            best = {"pw_p": pw[0], "pw_r": pw[1], "pw_f": pw[2], "b3_f": b3[2]}
    short = [not placeable(f) for f in features]
    pairs = unplaceable = 0
    members: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        members.setdefault(r["story"], []).append(i)
    for group in members.values():
        for a in range(len(group)):
            for b in range(a + 1, len(group)):
                pairs += 1
                unplaceable += short[group[a]] or short[group[b]]
    return best | {"gold_pairs": pairs, "short_pairs": unplaceable}
