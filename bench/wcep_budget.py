"""Choosing within a 40-word budget on WCEP dev: what was tried against lead, every figure out of fold.

    python bench/wcep_budget.py        # print the Markdown section (bench/run.py wcep_budget)

Issue 10's third round. WCEP dev holds one article per event (../shared/data/README.md), so
what other documents' leads agree on cannot be measured there; what can is the choice a
40-word budget leaves: which sentence the summary starts with (it takes most of the budget)
and what fills the last words. Each variant is fitted on four folds of the clusters (5 folds
by :func:`storyline.rankers.train.fold_of`, the split ``python -m storyline.rankers.train --cv-out``
uses) and scored on the fifth; a margin or threshold is chosen on the training folds alone
(nested). Summaries go through :func:`storyline.select.select` (the default's path: the
main-event anchor, then greedy by score, overflow cut by the protocol) unless the variant
reads on from a chosen start sentence. p: paired bootstrap that the variant is not better
than lead (:func:`storyline.eval.stats.paired_p_value`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from wcep_stories import LEAD_COLUMNS, Scorer, Story, stories

from storyline.eval.datasets import Cluster, load_benchmark
from storyline.eval.rouge import Rouge
from storyline.eval.stats import paired_p_value
from storyline.features.concepts import content_words
from storyline.features.embeddings import load_embedder
from storyline.rankers.train import TREES, fold_of, sentence_labels
from storyline.select import needs_context, select

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data"
FOLDS = 5
#: Gradient boosting for the small start and fill choosers (a few hundred rows): shallower, slower.
SMALL_TREES = {"n_estimators": 200, "max_depth": 2, "learning_rate": 0.05, "subsample": 0.5, "random_state": 0}
MARGINS = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3)


def zscore(v: np.ndarray) -> np.ndarray:
    return (v - v.mean()) / v.std() if v.size and v.std() > 0 else np.zeros_like(v)


def regressor(
    x: np.ndarray, y: np.ndarray, params: dict[str, object] | None = None
) -> Callable[[np.ndarray], np.ndarray]:
    from sklearn.ensemble import GradientBoostingRegressor

    model = GradientBoostingRegressor(**(params or TREES)).fit(x, y)
    return lambda rows: np.asarray(model.predict(rows)) if len(rows) else np.zeros(0)


def out_of_fold(
    wcep: list[Story],
    rows: Callable[[Story], np.ndarray],
    labels: dict[str, np.ndarray],
    extra: list[tuple[np.ndarray, np.ndarray]],
) -> dict[str, np.ndarray]:
    """Sentence scores of each WCEP story by a model fitted on the other folds (plus ``extra`` rows, never WCEP)."""
    scores: dict[str, np.ndarray] = {}
    for fold in range(FOLDS):
        train = [s for s in wcep if fold_of(s.id, FOLDS) != fold and len(s.features)]
        x = np.vstack([rows(s) for s in train] + [e[0] for e in extra])
        y = np.concatenate([labels[s.id] for s in train] + [e[1] for e in extra])
        predict = regressor(x, y)
        for s in wcep:
            if fold_of(s.id, FOLDS) == fold:
                scores[s.id] = predict(rows(s))
    return scores


def through_select(s: Story, scores: np.ndarray, anchored: bool = True) -> list[int]:
    return select(s.features, scores, words=40, overflow=True, anchor=s.anchor if anchored else None)


def reading_on(s: Story, start: int | None) -> list[int]:
    return s.order[s.order.index(start) :] if start is not None else s.order


def nested(wcep: list[Story], value: Callable[[Story, float], np.ndarray]) -> np.ndarray:
    """Each story's scores with the margin that did best on the other folds."""
    out = np.zeros((len(wcep), 2))
    for fold in range(FOLDS):
        train = [s for s in wcep if fold_of(s.id, FOLDS) != fold]
        margin = max(MARGINS, key=lambda m: sum(float(value(s, m).sum()) for s in train))
        for n, s in enumerate(wcep):
            if fold_of(s.id, FOLDS) == fold:
                out[n] = value(s, margin)
    return out


def pair_rows(s: Story) -> np.ndarray:
    """Features of starting at the second eligible sentence instead of the first: both rows and their difference."""
    a, b = s.order[0], s.order[1]
    x = np.concatenate([s.salience, s.lead], axis=1)
    return np.concatenate([x[a], x[b], x[b] - x[a]])


def fill_candidates(s: Story) -> list[int]:
    """After the first eligible sentence (when it leaves words over), the later sentences that could fill the rest."""
    if len(s.order) < 3 or s.features.words[s.order[0]] >= 40:
        return []
    return [j for j in s.order[2:20] if not needs_context(s.features.texts[j])]


def fill_rows(s: Story) -> np.ndarray:
    a = s.order[0]
    left = 40 - int(s.features.words[a])
    seen, title = (
        content_words(s.features.texts[a]),
        content_words(s.features.headlines[0].text) if s.features.headlines else set(),
    )
    rows = []
    for j in fill_candidates(s):
        opening = content_words(" ".join(s.features.texts[j].split()[:left]))
        new = opening - seen
        rows.append(
            np.concatenate(
                [
                    s.salience[j],
                    s.lead[j],
                    [left, len(new) / max(len(opening), 1), len(new & title) / max(len(title), 1)],
                ]
            )
        )
    return np.array(rows)


def section() -> str:
    embedder = load_embedder("static")
    protocol, clusters = load_benchmark(DATA / "wcep" / "dev.jsonl")
    wcep = stories("wcep", embedder, clusters)
    score = Scorer(protocol)
    lead = np.array([score(s, s.order) for s in wcep])
    # Multi-News rows for the default's sentence model, and its articles as one-article stories whose
    # reference is the editor's first sentence (extra start-choice pairs; no WCEP cluster among them).
    _, news = load_benchmark(DATA / "multinews" / "dev.jsonl")
    news_rouge = Rouge(load_benchmark(DATA / "multinews" / "dev.jsonl", limit=1)[0])
    news_stories = stories("multinews", embedder, news)
    news_rows = [(s.salience, sentence_labels(s.features, s.cluster.references, news_rouge)) for s in news_stories]
    singles = [
        Cluster(f"{c.id}/{a.id}", (a,), (re.split(r"(?<=[.!?])\s+", c.references[0].lstrip("\u2013- "))[0],))
        for c in news
        for a in c.articles
    ]
    single_stories = [s for s in stories("multinews", embedder, singles) if len(s.order) >= 2]
    print(
        f"wcep_budget: {len(wcep)} WCEP stories, {len(single_stories)} one-article Multi-News stories", file=sys.stderr
    )

    wrouge = Rouge(protocol)
    precision = {s.id: sentence_labels(s.features, s.cluster.references, wrouge) for s in wcep}
    single = {s.id: zscore(score.single(s)) for s in wcep}
    forward = {s.id: score.forward(s) for s in wcep}
    rows: list[tuple[str, np.ndarray]] = []

    def salience(s: Story) -> np.ndarray:
        return s.salience

    def with_lead(s: Story) -> np.ndarray:
        return np.concatenate([s.salience, s.lead], axis=1)

    default = out_of_fold(wcep, salience, precision, news_rows)
    rows.append(
        (
            "the default's sentence model (R1+R2 precision, z-scored; WCEP + Multi-News rows), anchor, greedy",
            np.array([score(s, through_select(s, default[s.id])) for s in wcep]),
        )
    )
    rows.append(
        (
            "the same without the main-event anchor",
            np.array([score(s, through_select(s, default[s.id], anchored=False)) for s in wcep]),
        )
    )
    f1 = out_of_fold(wcep, salience, single, [])
    rows.append(
        (
            "label: R1+R2 F1 of the sentence cut to 40 words, z-scored (WCEP rows only), anchor, greedy",
            np.array([score(s, through_select(s, f1[s.id])) for s in wcep]),
        )
    )
    mixed = out_of_fold(wcep, salience, single, news_rows)
    rows.append(
        (
            "label: 40-word F1 on WCEP rows, precision on Multi-News rows (one model), anchor, greedy",
            np.array([score(s, through_select(s, mixed[s.id])) for s in wcep]),
        )
    )
    lead_model = out_of_fold(wcep, with_lead, single, [])
    rows.append(
        (
            f"40-word F1 label + lead columns ({', '.join(LEAD_COLUMNS)}), anchor, greedy",
            np.array([score(s, through_select(s, lead_model[s.id])) for s in wcep]),
        )
    )
    start = out_of_fold(wcep, salience, {k: zscore(v) for k, v in forward.items()}, [])
    rows.append(
        (
            "label: 40-word F1 of the summary reading on from the sentence; the best-scored one starts",
            np.array(
                [score(s, reading_on(s, max(s.order, key=lambda i: start[s.id][i]) if s.order else None)) for s in wcep]
            ),
        )
    )

    # Start chooser: does starting at the second eligible sentence beat the first?
    def pair_gain(s: Story) -> float:
        return float(score(s, s.order[1:]).sum() - score(s, s.order).sum())

    pairs = [s for s in wcep if len(s.order) >= 2]
    extra_pairs = (np.array([pair_rows(s) for s in single_stories]), np.array([pair_gain(s) for s in single_stories]))
    switch: dict[str, float] = {}
    for fold in range(FOLDS):
        train = [s for s in pairs if fold_of(s.id, FOLDS) != fold]
        x = np.vstack([np.array([pair_rows(s) for s in train]), extra_pairs[0]])
        y = np.concatenate([[pair_gain(s) for s in train], extra_pairs[1]])
        predict = regressor(x, y, SMALL_TREES)
        switch.update({s.id: float(predict(pair_rows(s)[None])[0]) for s in pairs if fold_of(s.id, FOLDS) == fold})

    def start_value(s: Story, margin: float) -> np.ndarray:
        moved = s.id in switch and switch[s.id] > margin
        return score(s, s.order[1:] if moved else s.order)

    rows.append(
        (
            "start chooser: trees on (first, second) sentence features predict the gain of starting second "
            "(+ one-article Multi-News pairs); margin nested",
            nested(wcep, start_value),
        )
    )

    def title_value(s: Story, margin: float, k: int = 3) -> np.ndarray:
        if not s.order:
            return np.zeros(2)
        share = s.lead[:, 1]
        best = s.order[0]
        for rank, i in enumerate(s.order[1:k], 1):
            if share[i] > share[s.order[0]] + margin * rank and share[i] > share[best]:
                best = i
        return score(s, reading_on(s, best))

    rows.append(
        (
            "start at the sentence of the first three closest to the title (rarity-weighted share), "
            "margin a position; nested",
            nested(wcep, title_value),
        )
    )

    fillable = [s for s in wcep if fill_candidates(s)]
    fill_pred: dict[str, np.ndarray] = {}
    for fold in range(FOLDS):
        train = [s for s in fillable if fold_of(s.id, FOLDS) != fold]
        x = np.vstack([fill_rows(s) for s in train])
        y = np.concatenate(
            [[(score(s, [s.order[0], j]) - score(s, s.order[:2])).sum() for j in fill_candidates(s)] for s in train]
        )
        predict = regressor(x, y, SMALL_TREES)
        fill_pred.update({s.id: predict(fill_rows(s)) for s in fillable if fold_of(s.id, FOLDS) == fold})

    def fill_value(s: Story, margin: float) -> np.ndarray:
        if s.id not in fill_pred or fill_pred[s.id].max() <= margin:
            return score(s, s.order)
        return score(s, [s.order[0], fill_candidates(s)[int(np.argmax(fill_pred[s.id]))]])

    rows.append(
        (
            "fill: after the first sentence, the later sentence whose opening words trees predict add most "
            "(instead of the second); margin nested",
            nested(wcep, fill_value),
        )
    )

    ceilings = [
        ("the best of the first 2 eligible sentences to start from", 2),
        ("the best of the first 3", 3),
        ("the best of any", 10**6),
    ]
    ceiling_rows = [
        (
            name,
            np.array(
                [
                    max(
                        (score(s, s.order[k:]) for k in range(min(limit, len(s.order)))),
                        key=np.sum,
                        default=np.zeros(2),
                    )
                    for s in wcep
                ]
            ),
        )
        for name, limit in ceilings
    ]
    ceiling_rows.append(
        (
            "the first sentence, then the best other single sentence",
            np.array(
                [
                    max([score(s, [s.order[0], j]) for j in s.order[1:]] + [score(s, s.order[:1])], key=np.sum)
                    if s.order
                    else np.zeros(2)
                    for s in wcep
                ]
            ),
        )
    )
    # The several-article stand-in is its own section since the fourth round (bench/wcep_several.py).
    return render(lead, rows, ceiling_rows, pairs, pair_gain, len(single_stories))


def render(
    lead: np.ndarray,
    rows: list[tuple[str, np.ndarray]],
    ceilings: list[tuple[str, np.ndarray]],
    pairs: list[Story],
    pair_gain: Callable[[Story], float],
    singles: int,
) -> str:
    def cells(values: np.ndarray) -> str:
        p = [paired_p_value(values[:, m], lead[:, m]) for m in (0, 1)]
        differ = int(np.sum(np.any(np.abs(values - lead) > 1e-12, axis=1)))
        ps = " / ".join("<0.001" if v < 0.001 else f"{v:.3f}" for v in p)
        return f"{100 * values[:, 0].mean():.2f} / {100 * values[:, 1].mean():.2f} | {ps} | {differ}"

    gains = np.array([pair_gain(s) for s in pairs])
    closer = np.array([s.lead[s.order[1], 1] - s.lead[s.order[0], 1] for s in pairs])
    edges = np.quantile(closer, np.linspace(0, 1, 6))
    bins = np.clip(np.searchsorted(edges, closer, side="right") - 1, 0, 4)
    by_bin = ", ".join(f"{100 * gains[bins == b].mean():+.1f}" for b in range(5))
    lines = [
        "## Choosing within a 40-word budget on WCEP dev (issue 10, third round)",
        "",
        "`python bench/wcep_budget.py` (bench/run.py wcep_budget): wcep/dev, 300 one-article events, 40 words, "
        "the wcep protocol (rouge-score F1, not stemmed), static embeddings. Every learned figure out of fold "
        "(5 folds by cluster, storyline.rankers.train.fold_of); margins chosen on the training folds (nested). "
        f"Multi-News rows (all 238 clusters; {singles} of their articles as one-article stories whose reference is "
        "the editor's first sentence) only ever train. p: paired bootstrap that the variant is not better than "
        "lead; 'differ': clusters whose summary is not lead's.",
        "",
        "| variant | R1 / R2 | p vs lead | differ |",
        "|---|---:|---:|---:|",
        f"| lead (reference: the eligible sentences in reading order) | {100 * lead[:, 0].mean():.2f} / "
        f"{100 * lead[:, 1].mean():.2f} | - | - |",
        *(f"| {name} | {cells(values)} |" for name, values in rows),
        "",
        "Ceilings (the reference picks; not systems):",
        "",
        "| choice | R1 / R2 | p vs lead | differ |",
        "|---|---:|---:|---:|",
        *(f"| {name} | {cells(values)} |" for name, values in ceilings),
        "",
        "Why the start cannot be learned here: starting at the second eligible sentence instead of the first "
        f"changes R1+R2 F1 by {100 * gains.mean():+.1f} points on average (better in {int(np.sum(gains > 0))} of "
        f"{len(gains)} events), and by {by_bin} in the five quintiles of how much closer to the title the second "
        "sentence is than the first (rarity-weighted share of the title's content words): even where the second "
        "holds clearly more of the title, starting there loses on average. With one article, the first sentence "
        "is the best start a model can find from these signals; the gains left are in the last few words. "
        "The mixed labels (the best row above) through the full training path (python -m storyline.rankers.train "
        "--cv-out, its labels patched, not kept): WCEP dev 27.96 / 8.90, but Multi-News dev's default 45.10 / 15.43 "
        "against 45.32 / 15.77 unpatched in the same conditions; rejected.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(section())
