"""Variants of the feed's features and decision, measured on the dev stream's *tuning* half only.

Each variant is the online clustering of storyline/stories/cluster.py with more features in its
logistic model (Miranda et al., EMNLP 2018: title, body and entity similarities apart, learned
together) or another decision rule:

* ``title``: the title TF-IDF cosine (Miranda et al.'s third field);
* ``lead``: the cosine of the lead's TF-IDF (its first 120 words) with the story's lead centroid;
* ``rare``: the rarity of the rarest name shared with the story (its idf over log of documents);
* ``size``: log(1 + the story's articles);
* ``emb``: the packaged static embedding (model2vec) of the first 3,000 characters, against the
  story's sum of member embeddings;
* ``margin``: join only when the best story's probability beats the second's by the margin;
* ``bridge``: when the second story also reaches the bridge probability, the two merge and the
  article joins them (the article is evidence that they are one story);
* a merge pass whose threshold is chosen from a grid reaching below the landed 0.5.

Fair inside the tuning half: its stories are split in two by a byte of SHA-1 of the gold id;
on one fold the model is fit (logistic regression on (article, candidate) pairs replaying the
gold stories, as ``bench/feed.py fit``) and the join and merge thresholds are chosen (the best
B-cubed F1 + pairwise F1 of the whole online run); the other fold is clustered and scored. Both
ways, for four different splits (bytes 0-3): the table gives the mean over the eight runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import time
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from feed_errors import lead_counts, static_embeddings

from storyline.model import Article
from storyline.stories.cluster import Assignment, Clusterer, LiveStory, _query, placeable
from storyline.stories.decision import Model
from storyline.stories.features import ArticleFeatures, article_features
from storyline.stories.scoring import bcubed, pairwise
from storyline.stories.vectors import Vector, cosine

__all__ = ["VARIANTS", "Variant", "variant_lines"]

JOINS = (0.05, 0.08, 0.12, 0.15, 0.2, 0.3, 0.4)
MERGES = (0.3, 0.5, 1.01)  # 1.01: no merge pass
SPLITS = (0, 1, 2, 3)  # the SHA-1 bytes whose parity splits the tuning half's stories


@dataclass(frozen=True)
class Variant:
    name: str
    extra: tuple[str, ...] = ()
    margin: float = 0.0
    bridge: float | None = None
    merges: tuple[float, ...] = MERGES
    fixed: tuple[tuple[float, ...], float] | None = None  # weights and bias kept, not refit


VARIANTS = (
    Variant("landed weights, not refit (fit on the whole tuning half: in-fold)", fixed=((11.2, 3.4, -0.8), -4.4)),
    Variant("refit body + names (the baseline)"),
    Variant("+ title (learns 'titled means alone': only singletons have titles)", ("title",)),
    Variant("+ lead", ("lead",)),
    Variant("+ rarest shared name", ("rare",)),
    Variant("+ story size", ("size",)),
    Variant("+ static embedding", ("emb",)),
    Variant("+ lead, rarest name, embedding", ("lead", "rare", "emb")),
    Variant("margin 0.2 over the second story", margin=0.2),
    Variant("bridge: second story at 0.3 merges", bridge=0.3),
    Variant("merge pass threshold from 0.15 up", merges=(0.15, 0.2, 0.3, 0.5, 1.01)),
)


@dataclass
class _Item:
    """One article of a fold: its record, features and the variants' extra inputs."""

    record: dict
    features: ArticleFeatures
    lead: Counter[str]
    emb: np.ndarray | None = None
    lead_vector: Vector = field(default_factory=dict)


@dataclass
class _Side:
    """A story's extra centroids: the sum of its members' lead vectors and embeddings."""

    lead: Vector = field(default_factory=dict)
    emb: np.ndarray | None = None

    def add(self, lead: Vector, emb: np.ndarray | None) -> None:
        for t, w in lead.items():
            self.lead[t] = self.lead.get(t, 0.0) + w
        if emb is not None:
            self.emb = emb.copy() if self.emb is None else self.emb + emb


class _VariantClusterer(Clusterer):
    def __init__(self, model: Model, variant: Variant) -> None:
        super().__init__(model=model)
        self.variant = variant
        self.side: dict[str, _Side] = {}
        self.current: _Side = _Side()  # the article (or, in the merge pass, the story) being scored
        self.bridged: dict[str, str] = {}  # absorbed story -> survivor, merged while assigning

    def enter(self, item: _Item) -> None:
        n, df = self.idf.documents + 1, self.idf.frequencies[1]
        weights = {t: (1 + math.log(c)) * (math.log(n) + 1 - math.log(df.get(t, 0) + 1)) for t, c in item.lead.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        item.lead_vector = {t: w / norm for t, w in weights.items()}
        self.current = _Side(item.lead_vector, item.emb)

    def features(self, vectors: tuple[Vector, ...], story: LiveStory, date: dt.date | None) -> list[float]:
        out = super().features(vectors, story, date)
        side = self.side.get(story.id, _Side())
        for name in self.variant.extra:
            if name == "title":
                out.append(cosine(vectors[0], story.centroid[0], story.norms[0]))
            elif name == "lead":
                norm = math.sqrt(sum(w * w for w in side.lead.values()))
                out.append(cosine(_unit(self.current.lead), side.lead, norm))
            elif name == "rare":
                shared = vectors[2].keys() & story.centroid[2].keys()
                n, df = self.idf.documents + 1, self.idf.frequencies[2]
                out.append(max((math.log(n / (df.get(t, 0) + 1)) for t in shared), default=0.0) / math.log(n + 1))
            elif name == "size":
                out.append(math.log1p(story.size))
            elif name == "emb":
                a, b = self.current.emb, side.emb
                norms = 0.0 if a is None or b is None else float(np.linalg.norm(a) * np.linalg.norm(b))
                out.append(float(a @ b) / norms if a is not None and b is not None and norms else 0.0)
        return out

    def _update(self, story, vectors, terms, date, article, sketch) -> None:  # type: ignore[no-untyped-def]
        super()._update(story, vectors, terms, date, article, sketch)
        self.side.setdefault(story.id, _Side()).add(self.current.lead, self.current.emb)

    def _absorb(self, survivor: LiveStory, absorbed: LiveStory) -> None:
        super()._absorb(survivor, absorbed)
        gone = self.side.pop(absorbed.id, _Side())
        self.side.setdefault(survivor.id, _Side()).add(gone.lead, gone.emb)

    def assign(self, article: str, features: ArticleFeatures, date: dt.date | None = None) -> Assignment:
        if not self.variant.margin and self.variant.bridge is None:
            return super().assign(article, features, date)
        self.idf.add(features.counts)
        vectors = self.idf.vectors(features.counts)
        if not placeable(features):
            return self._start(article, features, vectors, [], date, alone=True)
        terms = _query(vectors)
        scored = [(self.model.probability(self.features(vectors, s, date)), s) for s in self._candidates(terms, date)]
        scored.sort(key=lambda x: -x[0])  # stable: ties keep the candidates' order, as the landed loop
        if not scored or scored[0][0] < self.model.join:
            return self._start(article, features, vectors, terms, date, probability=scored[0][0] if scored else 0.0)
        (best_p, best), second = scored[0], scored[1] if len(scored) > 1 else (0.0, None)
        if self.variant.bridge is not None and second[1] is not None and second[0] >= self.variant.bridge:
            other = second[1]
            survivor, absorbed = (best, other) if best.created < other.created else (other, best)
            self._absorb(survivor, absorbed)
            self.bridged[absorbed.id] = survivor.id
            best = survivor
        elif best_p - second[0] < self.variant.margin:
            return self._start(article, features, vectors, terms, date, probability=best_p)
        self._update(best, vectors, terms, date, article, features.sketch)
        return Assignment(article, best.id, False, best_p)

    def merge_pass(self, changed: list[str]) -> list[tuple[str, str]]:
        """The landed merge pass, with each story's own extra centroids as the 'article' scored."""
        merges = []
        for sid in changed:
            if sid not in self.stories:
                continue
            self.current = self.side.get(sid, _Side())
            merges += super().merge_pass([sid])
        return merges


def _unit(vector: Vector) -> Vector:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def _items(records: list[dict], embed: bool) -> list[_Item]:
    items = [
        _Item(r, article_features(Article(id=r["id"], text=r["text"], title=r.get("title"))), lead_counts(r["text"]))
        for r in records
    ]
    if embed:
        for item, vector in zip(items, static_embeddings([r["text"] for r in records]), strict=True):
            item.emb = vector
    return items


def _online(items: list[_Item], model: Model, variant: Variant) -> dict[str, str]:
    """One batch (as ingest's 500), then the merge pass over the stories articles joined; article -> story."""
    clusterer = _VariantClusterer(model, variant)
    predicted, grown = {}, []
    for item in items:
        clusterer.enter(item)
        assignment = clusterer.assign(item.record["id"], item.features)
        predicted[item.record["id"]] = assignment.story
        if not assignment.new:
            grown.append(assignment.story)
    merged = clusterer.bridged | dict(clusterer.merge_pass(list(dict.fromkeys(grown))))
    for article, story in predicted.items():
        while story in merged:
            story = merged[story]
        predicted[article] = story
    return predicted


def _training_pairs(items: list[_Item], variant: Variant) -> tuple[np.ndarray, np.ndarray]:
    """(features, joined?) of each article against its candidates, the gold stories replayed (bench/feed.py fit)."""
    clusterer = _VariantClusterer(Model((0.0,) * (3 + len(variant.extra)), 0.0, 0.5, 1.0), variant)
    x, y = [], []
    for item in items:
        clusterer.enter(item)
        clusterer.idf.add(item.features.counts)
        vectors = clusterer.idf.vectors(item.features.counts)
        if not placeable(item.features):
            continue
        terms = _query(vectors)
        gold = item.record["story"]
        for story in clusterer._candidates(terms, None):
            x.append(clusterer.features(vectors, story, None))
            y.append(int(story.id == gold))
        story = clusterer.stories.get(gold) or LiveStory(gold, [{}, {}, {}], [0.0, 0.0, 0.0])
        clusterer._update(story, vectors, terms, None, item.record["id"], item.features.sketch)
    return np.array(x), np.array(y)


def _fit(items: list[_Item], variant: Variant) -> tuple[tuple[float, ...], float]:
    from sklearn.linear_model import LogisticRegression

    if variant.fixed:
        return variant.fixed
    x, y = _training_pairs(items, variant)
    columns = [i for i in range(x.shape[1]) if i != 2]  # the gap is 0 on the undated stream; its weight is set
    lr = LogisticRegression(C=10.0, max_iter=2000).fit(x[:, columns], y)
    weights = [float(w) for w in lr.coef_[0]]
    weights.insert(2, -0.8)
    return tuple(weights), float(lr.intercept_[0])


def _scores(predicted: dict[str, str], records: list[dict]) -> tuple[float, ...]:
    gold = {r["id"]: r["story"] for r in records}
    return bcubed(predicted, gold) + pairwise(predicted, gold)


def _out_of_fold(tuning: list[dict], variant: Variant, byte: int) -> list[tuple[float, ...]]:
    folds = [[r for r in tuning if hashlib.sha1(r["story"].encode()).digest()[byte] % 2 == k] for k in (0, 1)]
    items = [_items(f, "emb" in variant.extra) for f in folds]
    result = []
    for train, test in ((0, 1), (1, 0)):
        weights, bias = _fit(items[train], variant)
        best: tuple[float, Model] | None = None
        for join in JOINS:
            for merge in variant.merges:
                model = Model(weights, bias, join, merge)
                s = _scores(_online(items[train], model, variant), folds[train])
                if best is None or s[2] + s[5] > best[0]:
                    best = (s[2] + s[5], model)
        assert best is not None
        result.append(_scores(_online(items[test], best[1], variant), folds[test]))
    return result


def variant_lines(tuning: list[dict]) -> list[str]:
    """The variants' table: mean out-of-fold B-cubed and pairwise P/R/F1, and the spread of F1 across runs."""
    lines = [
        "| variant | B3 P | B3 R | B3 F1 | pair P | pair R | pair F1 | B3 F1 range | pair F1 range | CPU s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for variant in VARIANTS:
        started = time.process_time()
        runs = [s for byte in SPLITS for s in _out_of_fold(tuning, variant, byte)]
        mean = [sum(r[i] for r in runs) / len(runs) for i in range(6)]
        b3, pw = [r[2] for r in runs], [r[5] for r in runs]
        lines.append(
            f"| {variant.name} | " + " | ".join(f"{m:.3f}" for m in mean) + f" | {min(b3):.3f}-{max(b3):.3f} "
            f"| {min(pw):.3f}-{max(pw):.3f} | {time.process_time() - started:.0f} |"
        )
    return lines


def section() -> str:
    """The feed_variants section: the tuning half's error analysis, pair-level features, online variants."""
    from feed import cluster_half, half, rows
    from feed_errors import error_lines

    tuning = [r for r in rows() if half(r) == "tuning"]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        "## Stories from a feed: the clustering's errors and variants, on the tuning half only",
        "",
        f"bench/feed_errors.py and bench/feed_variants.py (load average at the start: {load}). Everything here is",
        "read on the tuning half of ../shared/data/streams/dev.jsonl (bench/feed.py's split); the held-back half",
        "is not read.",
        "",
    ]
    lines += error_lines(tuning, cluster_half(tuning))
    lines += [
        "",
        "Online variants (bench/feed_variants.py's docstring says each): fit and thresholds on one fold of the",
        "tuning half's stories, scored on the other, both ways, four splits (SHA-1 bytes 0-3); means of the 8",
        "out-of-fold runs, the range of their F1s, and the CPU seconds of the variant's 8 fits and threshold grids.",
        "",
    ]
    lines += variant_lines(tuning)
    lines += ["", _embedding_cost(tuning)]
    return "\n".join(lines)


def _embedding_cost(records: list[dict]) -> str:
    """CPU ms an article of the static embedding (its WordPiece memo warm, as in a long feed) against
    ingest + clustering's own (bench/feed.py run 4000 embedded 1, a fresh process)."""
    from feed import _run_fresh

    texts = [r["text"] for r in records]
    static_embeddings(texts)  # the model loaded, the WordPiece memo filled
    started = time.process_time()
    static_embeddings(texts)
    embedding = 1000 * (time.process_time() - started) / len(texts)
    run = _run_fresh(4000, "embedded", 1)
    if "error" in run:
        return f"Cost: the static embedding takes {embedding:.2f} ms CPU an article; ingest failed: {run['error']}"
    ingest = 1000 / float(run["cpu_rate"])  # type: ignore[arg-type]
    return (
        f"Cost: the static embedding takes {embedding:.2f} ms CPU an article (the tuning half, warm); ingest +"
        f" clustering {ingest:.2f} ms (4,000 articles of the scaled stream, a fresh process): with the embedding"
        f" {1000 / (ingest + embedding):.0f} articles per CPU-second instead of {1000 / ingest:.0f}"
        f" (load average now {', '.join(f'{x:.1f}' for x in os.getloadavg())})."
    )
