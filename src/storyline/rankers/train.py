"""Train the learned salience models on the dev clusters, and cross-validate them by cluster.

    python -m storyline.rankers.train                  # fit on ../shared/data, write src/storyline/models/
    python -m storyline.rankers.train --cv-out FILE    # also: out-of-fold ROUGE per cluster (JSONL)

Labels come from each cluster's reference summaries (the ``eval`` extra's
rouge-score tokenizer, as the evaluation scores them):

* a sentence's label is its ROUGE-1 + ROUGE-2 precision against the
  references (the share of its words and word pairs a reference holds: what a
  word of budget spent on it buys), standardized within its story so that the
  model learns which sentences of a story lead, not which stories score high;
* a concept's label is whether a reference holds it (Li, Qian & Liu, 2013).

Figures of a learned model are only ever reported out of fold: clusters are
split into ``--folds`` folds by a hash of their id, and each cluster is
summarized by the models fitted on the other folds, through the same path as
``storyline eval`` (prepared story, static embeddings, :func:`storyline.select.summarize`).
Features are computed with the static embeddings, as a brief computes them by default
(the ``reported`` columns read them).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from storyline.eval.datasets import load_benchmark
from storyline.eval.protocols import Protocol
from storyline.eval.rouge import Rouge
from storyline.eval.systems import Context, Prepared, RankerSystem, prepare
from storyline.features.concept_salience import CONCEPT_COLUMNS, concept_salience
from storyline.features.concepts import bigrams
from storyline.features.context import Features
from storyline.features.embeddings import load_embedder
from storyline.features.salience import COLUMNS
from storyline.rankers.learned import (
    CONCEPT_MODEL,
    SENTENCE_MODEL,
    ExactLearnedCoverage,
    LearnedCoverage,
    LearnedSentences,
)
from storyline.rankers.trees import Forest

#: The rankers whose figures are cross-validated (they read the learned models).
LEARNED = ("learned", "salience", "salience-ilp")
#: The dev files the shipped models learn from (relative to ``--data``).
DEV_FILES = ("multinews/dev.jsonl", "wcep/dev.jsonl")
MODELS = Path(__file__).resolve().parent.parent / "models"
#: Gradient boosting settings (scikit-learn's GradientBoosting*): small trees, half-sampled rows.
TREES = {"n_estimators": 100, "max_depth": 3, "learning_rate": 0.1, "subsample": 0.5, "random_state": 0}
#: Concepts a reference does not hold are many (about 95%): a sample of them, weighted back up, is enough.
NEGATIVE_SAMPLE = 0.15


@dataclass(frozen=True)
class Example:
    """One dev cluster, prepared, with its features and labels."""

    dataset: str
    protocol: Protocol
    prepared: Prepared
    sentences: np.ndarray  # items x COLUMNS
    sentence_labels: np.ndarray
    concepts: np.ndarray  # concepts x CONCEPT_COLUMNS
    concept_labels: np.ndarray

    @property
    def cluster(self) -> str:
        return self.prepared.cluster.id


def fold_of(cluster: str, folds: int) -> int:
    """The cross-validation fold of a cluster: a stable hash of its id."""
    return zlib.crc32(cluster.encode("utf-8")) % folds


def examples(path: Path) -> list[Example]:
    """Every cluster of a benchmark file with its salience features and labels."""
    protocol, clusters = load_benchmark(path)
    rouge = Rouge(protocol)
    embedder = load_embedder("static")
    dataset = path.parent.name
    result = []
    for cluster in clusters:
        prepared = prepare(cluster)
        features = Features(prepared.story, embedder=embedder)
        result.append(
            Example(
                dataset,
                protocol,
                prepared,
                features.salience.matrix,
                sentence_labels(features, cluster.references, rouge),
                concept_salience(features),
                concept_labels(features, cluster.references),
            )
        )
    return result


def sentence_labels(features: Features, references: Sequence[str], rouge: Rouge) -> np.ndarray:
    """ROUGE-1 + ROUGE-2 precision of each item against the references (their mean), z-scored in the story."""
    refs = [rouge.ngrams(rouge.tokens(r)) for r in references]
    values = np.zeros(len(features))
    for i, text in enumerate(features.texts):
        own = rouge.ngrams(rouge.tokens(text))
        for attr in ("unigrams", "bigrams"):
            mine = getattr(own, attr)
            total = sum(mine.values())
            if total:
                values[i] += np.mean([sum((mine & getattr(r, attr)).values()) / total for r in refs])
    spread = values.std()
    return (values - values.mean()) / spread if spread > 0 else np.zeros_like(values)


def concept_labels(features: Features, references: Sequence[str]) -> np.ndarray:
    """1 where a reference holds the concept (same stems and pairs as the story's concepts)."""
    held = {concept for reference in references for concept in bigrams(reference)}
    return np.array([name in held for name in features.concepts.names], dtype=float)


def fit(train: Sequence[Example]) -> tuple[Forest, Forest]:
    """The sentence model (regression) and the concept model (classification) fitted on ``train``."""
    from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor

    x = np.vstack([e.sentences for e in train])
    y = np.concatenate([e.sentence_labels for e in train])
    sentences = GradientBoostingRegressor(**TREES).fit(x, y)
    cx = np.vstack([e.concepts for e in train])
    cy = np.concatenate([e.concept_labels for e in train])
    keep = (cy > 0) | (np.random.default_rng(0).random(cy.size) < NEGATIVE_SAMPLE)
    weight = np.where(cy[keep] > 0, 1.0, 1.0 / NEGATIVE_SAMPLE)
    concepts = GradientBoostingClassifier(**TREES).fit(cx[keep], cy[keep], sample_weight=weight)
    return (
        Forest.from_sklearn(sentences, COLUMNS, x[:500]),
        Forest.from_sklearn(concepts, CONCEPT_COLUMNS, cx[:500]),
    )


def cross_validate(data: Sequence[Example], folds: int) -> list[dict[str, object]]:
    """Out-of-fold ROUGE of each learned ranker on every cluster (models fitted on the other folds)."""
    records: list[dict[str, object]] = []
    contexts: dict[str, Context] = {}
    for fold in range(folds):
        held_out = [e for e in data if fold_of(e.cluster, folds) == fold]
        sentences, concepts = fit([e for e in data if fold_of(e.cluster, folds) != fold])
        rankers = (
            LearnedSentences(sentences),
            LearnedCoverage(sentences, concepts),
            ExactLearnedCoverage(sentences, concepts),
        )
        for ranker in rankers:
            system = RankerSystem(ranker)
            for e in held_out:
                context = contexts.setdefault(e.dataset, Context(e.protocol, embeddings="static"))
                summary = e.protocol.cut(system.summarize(e.prepared, context))
                scores = context.rouge.score(summary, e.prepared.cluster.references)
                where = {"dataset": e.dataset, "cluster": e.cluster, "system": ranker.name, "fold": fold}
                records.append({**where, **scores})
        print(f"train: fold {fold + 1}/{folds} done", file=sys.stderr)
    return records


def write_models(sentences: Forest, concepts: Forest, out: Path = MODELS) -> None:
    for name, forest in ((SENTENCE_MODEL, sentences), (CONCEPT_MODEL, concepts)):
        (out / f"{name}.json").write_text(json.dumps(forest.to_dict(), separators=(",", ":")) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="the benchmark data folder")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (by cluster)")
    parser.add_argument("--cv-out", type=Path, help="write out-of-fold ROUGE per cluster here (JSONL)")
    parser.add_argument("--no-write", action="store_true", help="do not overwrite the shipped models")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    data = [e for name in DEV_FILES for e in examples(args.data / name)]
    print(f"train: {len(data)} clusters read in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    if args.cv_out is not None:
        records = cross_validate(data, args.folds)
        args.cv_out.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        for dataset in sorted({str(r["dataset"]) for r in records}):
            for system in LEARNED:
                mine = [r for r in records if r["dataset"] == dataset and r["system"] == system]
                means = {m: 100 * float(np.mean([float(r[m]) for r in mine])) for m in ("rouge1", "rouge2")}  # type: ignore[arg-type]
                print(f"{dataset} {system} (out of fold): R1 {means['rouge1']:.2f} R2 {means['rouge2']:.2f}")
    if not args.no_write:
        write_models(*fit(data))
        print(f"train: models written to {MODELS}", file=sys.stderr)


if __name__ == "__main__":
    main()
