"""Where the feed's clustering goes wrong on the dev stream's *tuning* half, and what the features could give.

Read on the tuning half only (bench/feed.py's split); the held-back half is never looked at here.

* **Errors of the online run**: B-cubed and pairwise precision and recall apart; the gold pairs it
  splits (how many have a member too short to place, how similar the rest are) and the pairs of
  different gold stories it puts together (how many between two WCEP articles, each its own story).
* **Reachability**: for each score threshold (the landed model's body and name weights, article
  against article, the whole half's IDF), the share of pairs above it that are gold pairs, and the
  share of gold pairs an oracle could still join by chaining such edges *inside their own gold
  story* (single link). No clustering over these features can join a gold pair it cannot reach.
* **Pair-level representations** (the Miranda et al. 2018 features apart, and others): a logistic
  model over pair features, fit on one half of the tuning half's stories (split by SHA-1 of the
  gold id), its threshold chosen there, F1 of the pairs of the other half; the mean of both ways.
"""

from __future__ import annotations

import hashlib
import itertools
import math
from collections import Counter
from collections.abc import Callable

import numpy as np

from storyline.model import Article
from storyline.stories.cluster import placeable
from storyline.stories.decision import DEFAULT_MODEL
from storyline.stories.features import _STOP, _WORD, LEAD_WORDS, article_features
from storyline.stories.scoring import bcubed, pairwise
from storyline.stories.vectors import OnlineIdf

__all__ = ["EMBEDDED_CHARS", "error_lines", "lead_counts", "static_embeddings"]

# The static model embeds an article's first 3,000 characters (about its first 500 words): the
# whole text of most dev articles, and a bounded cost for long ones.
EMBEDDED_CHARS = 3000


def lead_counts(text: str) -> Counter[str]:
    """The content words of the lead (the first :data:`LEAD_WORDS` words), counted."""
    return Counter(w for w in _WORD.findall(text.lower())[:LEAD_WORDS] if w not in _STOP and len(w) > 1)


def static_embeddings(texts: list[str]) -> np.ndarray:
    """Unit rows of the packaged static model (model2vec, minilm-static) for the texts' first characters."""
    from storyline.features.embeddings import load_embedder

    embedder = load_embedder("static")
    assert embedder is not None
    return np.asarray(embedder.encode([t[:EMBEDDED_CHARS] for t in texts]), dtype=np.float64)


def _article(record: dict) -> Article:
    return Article(id=record["id"], text=record["text"], title=record.get("title"))


def _gram(vectors: list[dict[str, float]]) -> np.ndarray:
    """Cosines of every pair of unit sparse vectors."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for i, v in enumerate(vectors):
        for term, weight in v.items():
            rows.append(i)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
            values.append(weight)
    m = csr_matrix((values, (rows, cols)), shape=(len(vectors), max(1, len(vocabulary))))
    return np.asarray((m @ m.T).todense())


class _Pairs:
    """Every pair's features on one half (the whole half's IDF), with the gold labels."""

    def __init__(self, records: list[dict]) -> None:
        self.records = records
        self.features = [article_features(_article(r)) for r in records]
        idf = OnlineIdf()
        for f in self.features:
            idf.add(f.counts)
        vectors = [idf.vectors(f.counts) for f in self.features]
        self.title, self.body, self.names = (_gram([v[k] for v in vectors]) for k in range(3))
        n = len(records)
        self.upper = np.triu_indices(n, 1)
        gold = [r["story"] for r in records]
        self.gold = gold
        self.same = np.array([[a == b for b in gold] for a in gold])[self.upper]
        self.score = DEFAULT_MODEL.weights[0] * self.body + DEFAULT_MODEL.weights[1] * self.names
        leads = [lead_counts(r["text"]) for r in records]
        df: Counter[str] = Counter()
        for lead in leads:
            df.update(lead.keys())
        self.lead = _gram([_unit(lead, df, n) for lead in leads])
        self.emb = (lambda e: e @ e.T)(static_embeddings([r["text"] for r in records]))
        names_df = idf.frequencies[2]
        self.rare = np.zeros((n, n))
        for i, j in zip(*self.upper, strict=True):
            shared = vectors[i][2].keys() & vectors[j][2].keys()
            if shared:  # the rarest shared name's idf, on a 0-1 scale
                self.rare[i, j] = max(math.log(n / (names_df[t] + 1)) for t in shared) / math.log(n + 1)
        self.rare = self.rare + self.rare.T


def _unit(counts: Counter[str], df: Counter[str], n: int) -> dict[str, float]:
    weights = {t: (1 + math.log(c)) * (math.log(n + 1) + 1 - math.log(df[t] + 1)) for t, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


def _quartiles(values: list[float]) -> str:
    if not values:
        return "-"
    return " / ".join(f"{q:.2f}" for q in np.quantile(values, [0.25, 0.5, 0.75]))


def _reachable(pairs: _Pairs, threshold: float) -> int:
    """Gold pairs joined by chains of edges scoring at least ``threshold`` inside their own gold story."""
    full = np.zeros((len(pairs.records),) * 2)
    full[pairs.upper] = pairs.score[pairs.upper]
    members: dict[str, list[int]] = {}
    for i, g in enumerate(pairs.gold):
        members.setdefault(g, []).append(i)
    reached = 0
    for group in members.values():
        parent = {i: i for i in group}

        def root(x: int, parent: dict[int, int] = parent) -> int:
            while parent[x] != x:
                x = parent[x]
            return x

        for a, b in itertools.combinations(group, 2):
            if full[a, b] >= threshold:
                parent[root(a)] = root(b)
        sizes = Counter(root(i) for i in group)
        reached += sum(v * (v - 1) // 2 for v in sizes.values())
    return reached


def _pair_f1(pairs: _Pairs, matrices: list[np.ndarray]) -> tuple[float, float]:
    """Out-of-fold pair F1 of a logistic model over ``matrices``' pair values (2 folds by story)."""
    from sklearn.linear_model import LogisticRegression

    x = np.stack([m[pairs.upper] for m in matrices], 1)
    y = pairs.same
    fold = np.array([hashlib.sha1(g.encode()).digest()[0] % 2 for g in pairs.gold])
    fi, fj = fold[pairs.upper[0]], fold[pairs.upper[1]]
    scores = []
    for k in (0, 1):
        train, test = (fi == k) & (fj == k), (fi == 1 - k) & (fj == 1 - k)
        lr = LogisticRegression(C=10.0, max_iter=2000).fit(x[train], y[train])
        fitted = lr.decision_function(x[train])
        order = np.argsort(-fitted)
        hits = np.cumsum(y[train][order])
        f1 = 2 * hits / (np.arange(1, len(order) + 1) + y[train].sum())
        claimed = lr.decision_function(x[test]) >= fitted[order][f1.argmax()]
        both = (claimed & y[test]).sum()
        p, r = both / max(1, claimed.sum()), both / max(1, y[test].sum())
        scores.append(2 * p * r / (p + r) if p + r else 0.0)
    return scores[0], scores[1]


def error_lines(records: list[dict], predicted: dict[str, str]) -> list[str]:
    """The error analysis and the pair-level table for one half and its online clustering."""
    gold = {r["id"]: r["story"] for r in records}
    b3, pw = bcubed(predicted, gold), pairwise(predicted, gold)
    pairs = _Pairs(records)
    ids = [r["id"] for r in records]
    index = {a: i for i, a in enumerate(ids)}
    short = [not placeable(f) for f in pairs.features]
    full = np.zeros((len(ids),) * 2)
    full[pairs.upper] = pairs.score[pairs.upper]
    full = full + full.T
    split, merged, joined = [], [], []
    for a, b in itertools.combinations(ids, 2):
        same_gold, same_story = gold[a] == gold[b], predicted[a] == predicted[b]
        if same_gold != same_story or same_gold:
            (joined if same_gold and same_story else split if same_gold else merged).append((index[a], index[b]))
    split_short = [p for p in split if short[p[0]] or short[p[1]]]
    split_placed = [full[p] for p in split if p not in split_short]
    titled = [bool(r.get("title")) for r in records]
    merged_titled = sum(titled[a] and titled[b] for a, b in merged)
    gold_pairs = int(pairs.same.sum())
    different = pairs.score[pairs.upper][~pairs.same]
    same = pairs.score[pairs.upper][pairs.same]
    level = float(np.quantile(different, 0.999))
    lines = [
        f"The online run as landed: B-cubed P {b3[0]:.3f} R {b3[1]:.3f} F1 {b3[2]:.3f}; pairwise P {pw[0]:.3f} "
        f"R {pw[1]:.3f} F1 {pw[2]:.3f}.",
        f"Of {gold_pairs} gold pairs it joins {len(joined)} and splits {len(split)}. {len(split_short)} of the split "
        "ones have a member too short",
        "to place (under the clusterer's MIN_TERMS distinct words: an archive's notice, a player's or a shop's text).",
        f"The other {len(split_placed)} score {_quartiles(split_placed)} (quartiles; the score: the landed model's z "
        "without its bias,",
        f"11.2 body cosine + 3.4 names cosine, article against article, whole-half IDF), the joined gold pairs "
        f"{_quartiles([full[p] for p in joined])}.",
        f"It puts together {len(merged)} pairs of different gold stories, scoring "
        f"{_quartiles([full[p] for p in merged])} ({merged_titled} of them two WCEP",
        "articles, each its own story, on one running conflict or negotiation: only dates would tell them apart).",
        f"Of the {len(different):,} pairs of different stories, {int((different > level).sum())} (1 in 1,000) score "
        f"above {level:.2f}; {int((same < level).sum())} of the {gold_pairs}",
        "gold pairs score below that.",
        "",
        "Reachability (an oracle that joins, inside each gold story, the pairs linked by chains of edges above a",
        "score; no clustering over these features joins a gold pair it cannot reach):",
        "",
        "| edge score at least | share of such edges inside one gold story | gold pairs reachable |",
        "|---|---|---|",
    ]
    for threshold in (0.5, 1.0, 2.0, 3.0):
        above = pairs.score[pairs.upper] >= threshold
        precision = (above & pairs.same).sum() / max(1, above.sum())
        reached = _reachable(pairs, threshold)
        lines.append(f"| {threshold} | {precision:.3f} | {reached} / {gold_pairs} = {reached / gold_pairs:.3f} |")
    variants: list[tuple[str, Callable[[], list[np.ndarray]]]] = [
        ("body + names (the landed features)", lambda: [pairs.body, pairs.names]),
        ("+ title (Miranda et al.'s third field)", lambda: [pairs.body, pairs.names, pairs.title]),
        ("+ lead (its first 120 words' TF-IDF)", lambda: [pairs.body, pairs.names, pairs.lead]),
        ("+ rarest shared name", lambda: [pairs.body, pairs.names, pairs.rare]),
        ("+ static embedding (first 3,000 characters)", lambda: [pairs.body, pairs.names, pairs.emb]),
        ("+ lead, rarest name, embedding", lambda: [pairs.body, pairs.names, pairs.lead, pairs.rare, pairs.emb]),
        ("static embedding alone", lambda: [pairs.emb]),
    ]
    lines += [
        "",
        "Pair-level representations: a logistic model over each pair's features, fit and thresholded on one half",
        "of the tuning half's stories (SHA-1 of the gold id), pair F1 on the other half's pairs, both ways:",
        "",
        "| pair features | F1, fold 1 | F1, fold 2 | mean |",
        "|---|---|---|---|",
    ]
    for name, matrices in variants:
        a, b = _pair_f1(pairs, matrices())
        lines.append(f"| {name} | {a:.3f} | {b:.3f} | {(a + b) / 2:.3f} |")
    return lines
