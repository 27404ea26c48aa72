"""Several articles, 40 words: the WCEP kind WCEP dev lacks, stood in for by Multi-News dev (issue 10).

    bench/run.py wcep_budget runs it after bench/wcep_budget.py's single-article table.

Multi-News dev clusters of two or more articles are summarized in 40 words and
scored by the wcep protocol against the editor's opening sentences (a stand-in for
a one-line event summary: the editor's summary is 220 words). The learned models
are fitted on the other folds (5 by cluster over both dev files, as
``python -m storyline.rankers.train --cv-out`` folds them). It measures the budget
gate of :func:`storyline.rankers.learned.cover_budget` against the cover under any
budget and against lead.
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from storyline.eval.datasets import load_benchmark
from storyline.eval.protocols import Protocol
from storyline.eval.rouge import Rouge
from storyline.eval.stats import paired_p_value
from storyline.eval.systems import prepare
from storyline.features.context import Features
from storyline.features.embeddings import Embedder
from storyline.rankers.base import Coverage
from storyline.rankers.lead import Lead
from storyline.rankers.learned import COVER_SENTENCES, LearnedCoverage
from storyline.rankers.train import examples, fit, fold_of
from storyline.select import summarize

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
FOLDS = 5
FORMER = "the default before the budget gate (cover under any budget)"


class AlwaysCover(LearnedCoverage):
    """The default as it was before the budget gate: the cover under any budget."""

    def coverage(self, features: Features) -> Coverage | None:
        cover = super().coverage(features)
        return None if cover is None else replace(cover, min_words=0)


class ThreeSentenceGate(LearnedCoverage):
    """The budget gate at three median sentences instead of two."""

    def coverage(self, features: Features) -> Coverage | None:
        cover = super().coverage(features)
        lengths = [int(w) for w, item in zip(features.words, features.items, strict=True) if item.selectable]
        return None if cover is None else replace(cover, min_words=int(np.ceil(3 * float(np.median(lengths)))))


class LeadAnchor(LearnedCoverage):
    """The default, holding the main-event statement even where lead sentences stand in for headlines."""

    def anchor(self, features: Features) -> int | None:
        event = features.main_event
        return None if event is None else event.statement


def opening(summary: str, words: int = 20) -> str:
    """The editor's opening sentences, at least ``words`` words of them: a stand-in for a one-line event summary."""
    taken: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", summary.lstrip("\u2013- ").strip()):
        taken.append(sentence)
        if len(" ".join(taken).split()) >= words:
            break
    return " ".join(taken)


def several(protocol: Protocol, embedder: Embedder | None) -> list[tuple[str, np.ndarray]]:
    """Multi-News dev clusters of 2+ articles cut to 40 words against the editor's opening (the WCEP kind of
    several articles, which WCEP dev lacks): lead and the default's variants, models fitted on the other folds."""
    data = [e for name in ("multinews", "wcep") for e in examples(DATA / name / "dev.jsonl")]
    _, news = load_benchmark(DATA / "multinews" / "dev.jsonl")
    proxy = [(c, opening(c.references[0]), prepare(c)) for c in news if len(c.articles) >= 2]
    rouge = Rouge(protocol)
    names = (
        "lead",
        FORMER,
        "the default (budget gate)",
        "the gate at three median sentences",
        "the default + the main-event statement held where lead sentences stand in for headlines",
    )
    scores: dict[str, dict[str, np.ndarray]] = {name: {} for name in names}
    for fold in range(FOLDS):
        sentences, concepts = fit([e for e in data if fold_of(e.cluster, FOLDS) != fold])
        rankers = (
            Lead(),
            AlwaysCover(sentences, concepts),
            LearnedCoverage(sentences, concepts),
            ThreeSentenceGate(sentences, concepts),
            LeadAnchor(sentences, concepts),
        )
        for cluster, reference, prepared in proxy:
            if fold_of(cluster.id, FOLDS) != fold:
                continue
            f = Features(prepared.story, embedder=embedder)
            for name, ranker in zip(names, rankers, strict=True):
                chosen = summarize(f, ranker, words=protocol.words, overflow=True)
                s = rouge.score(protocol.cut([f.items[i].text for i in chosen]), [reference])
                scores[name][cluster.id] = np.array([s["rouge1"], s["rouge2"]])
        print(f"wcep_budget: multi-article fold {fold + 1}/{FOLDS}", file=sys.stderr)
    ids = [c.id for c, _, _ in proxy]
    return [(name, np.array([scores[name][i] for i in ids])) for name in names]


def several_section(protocol: Protocol, embedder: Embedder | None) -> str:
    rows = several(protocol, embedder)
    lead, former = rows[0][1], dict(rows)[FORMER]
    lines = [
        "",
        "### Several articles, 40 words (the WCEP kind WCEP dev lacks): a stand-in",
        "",
        f"`bench/wcep_several.py`: Multi-News dev clusters of 2+ articles ({len(lead)}), each summarized in 40 "
        "words and scored by the wcep protocol against the editor's opening sentences (at least 20 words of them; "
        "the editor's summary itself is 220 words); learned models out of fold (5 folds by cluster over both dev "
        "files, storyline.rankers.train.fit). The budget gate (storyline.rankers.learned.cover_budget): no concept "
        f"cover under a budget of fewer than {COVER_SENTENCES} median sentences of the story; the sentence scores "
        "choose, as in a one-article story. Multi-News dev at 220 words and WCEP dev (one article) are unchanged "
        "by it. p: paired bootstrap that the system is not better. The cover's solver has a time limit, so its "
        "rows move by a few hundredths from run to run on a loaded machine.",
        "",
        "| system | R1 / R2 | p vs lead | p vs the former default | differ from lead |",
        "|---|---:|---:|---:|---:|",
        f"| lead | {100 * lead[:, 0].mean():.2f} / {100 * lead[:, 1].mean():.2f} | - | - | - |",
    ]
    for name, values in rows[1:]:
        versus = [_p(values, lead), "-" if name == FORMER else _p(values, former)]
        differ = int(np.sum(np.any(np.abs(values - lead) > 1e-12, axis=1)))
        lines.append(
            f"| {name} | {100 * values[:, 0].mean():.2f} / {100 * values[:, 1].mean():.2f} | {versus[0]} | "
            f"{versus[1]} | {differ} |"
        )
    return "\n".join(lines) + "\n"


def _p(values: np.ndarray, other: np.ndarray) -> str:
    ps = [paired_p_value(values[:, m], other[:, m]) for m in (0, 1)]
    return " / ".join("<0.001" if v < 0.001 else f"{v:.3f}" for v in ps)
