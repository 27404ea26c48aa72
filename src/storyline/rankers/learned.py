"""Learned news salience: sentence and concept scorers trained on dev clusters' reference summaries.

Two gradient-boosted tree models (Friedman, 2001) read the salience features
of :mod:`storyline.features.salience` and :mod:`storyline.features.concept_salience`:

* the sentence model predicts how much of the reference a sentence holds
  (its ROUGE against it: the regression labels of supervised extractive
  summarizers such as Cao et al., AAAI 2015);
* the concept model predicts whether a reference holds a bigram concept
  (Li, Qian & Liu, ACL 2013), its probability becoming the concept's weight in
  the coverage ILP of Gillick & Favre (2009).

``learned`` greedily selects by the sentence model; ``salience`` covers the
learned concept weights exactly, with the sentence model's scores in the
objective. Both are rebuilt by ``python -m storyline.rankers.train``, which
also reports their figures cross-validated by cluster.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from storyline.features.concept_salience import CONCEPT_COLUMNS, concept_salience
from storyline.features.context import Features
from storyline.features.salience import COLUMNS
from storyline.rankers.base import Coverage
from storyline.rankers.consensus import Consensus
from storyline.rankers.trees import Forest, load_forest

SENTENCE_MODEL = "salience-sentences"
CONCEPT_MODEL = "salience-concepts"
#: A cover needs room for at least this many typical sentences (see :func:`cover_budget`).
COVER_SENTENCES = 2


@cache
def shipped(name: str) -> Forest:
    """A model shipped in ``storyline/models``, loaded once."""
    return load_forest(name)


def _checked(forest: Forest, columns: tuple[str, ...]) -> Forest:
    if forest.columns != columns:
        raise ValueError(f"model columns {forest.columns} do not match the features {columns}; retrain it")
    return forest


class LearnedSentences:
    """Greedy selection by the learned sentence scorer (salience features -> predicted ROUGE)."""

    name = "learned"
    description = "learned sentence scorer on news salience features (gradient-boosted trees)"
    needs_embeddings = False

    def __init__(self, sentences: Forest | None = None) -> None:
        self._sentences = sentences

    @property
    def sentences(self) -> Forest:
        return _checked(self._sentences or shipped(SENTENCE_MODEL), COLUMNS)

    def score(self, features: Features) -> np.ndarray:
        if len(features) == 0:
            return np.zeros(0)
        return self.sentences.predict(features.salience.matrix)

    def anchor(self, features: Features) -> int | None:
        """The sentence stating the main-event headline (:mod:`storyline.features.main_event`), when the
        story has real headlines: a news summary states what happened first. A lead sentence standing in
        for missing headlines is not forced in (out of fold on Multi-News dev, where no document has a
        headline, forcing the best supported lead lost 0.12 R1 / 0.42 R2; on WCEP dev it gained 0.29 / 0.07)."""
        if len(features) == 0 or not articles(features):
            return None
        event = features.main_event
        if event is None or features.headlines[event.headline].item is not None:
            return None
        return event.statement


def articles(features: Features) -> bool:
    """Whether the story is made of articles (documents of several sentences), the models' training domain.

    A story of one-sentence documents (reviews, posts: the Opinosis kind) has
    no position, lead or headline for the models to read.
    """
    documents = [d for d in features.story.documents if d.duplicate_of is None]
    sentences = sum(1 for d in documents for s in d.sentences if s.selectable)
    return bool(documents) and sentences >= 2 * len(documents)


class LearnedCoverage(LearnedSentences):
    """Coverage of learned concept weights, with the learned sentence scores in the objective.

    The cover is the cost-scaled greedy with swaps (:func:`storyline.cover.greedy_cover`), at about a
    tenth of the exact optimum's time (``salience-ilp``); out of fold on Multi-News dev it scored 45.16 /
    15.50 R1 / R2 against the exact cover's 45.27 / 15.72 (paired bootstrap p 0.25 / 0.09 that the exact
    is better) and the former default's (exact over 60 candidates) 45.44 / 15.84 (p 0.08 / 0.06).

    Outside the models' domain (a story of one-sentence documents, see
    :func:`articles`) it ranks as ``consensus``, whose weights were set on such stories.
    """

    name = "salience"
    description = (
        "greedy coverage of learned concept weights + learned sentence scores (Gillick & Favre 2009; Li et al. 2013;"
        " Lin & Bilmes 2010)"
    )

    def __init__(
        self,
        sentences: Forest | None = None,
        concepts: Forest | None = None,
        *,
        sentence_weight: float = 0.3,
        floor: float = 0.1,
        min_confirmed: int = 2,
        solver: str = "greedy",
    ) -> None:
        super().__init__(sentences)
        self._concepts = concepts
        self.sentence_weight = sentence_weight
        self.floor = floor
        self.min_confirmed = min_confirmed
        self.solver = solver

    @property
    def concepts(self) -> Forest:
        return _checked(self._concepts or shipped(CONCEPT_MODEL), CONCEPT_COLUMNS)

    def score(self, features: Features) -> np.ndarray:
        if len(features) and not articles(features):
            return Consensus().score(features)
        return super().score(features)

    def concept_weights(self, features: Features, concepts: np.ndarray | None = None) -> np.ndarray:
        """Each concept's probability of being in the reference, less ``floor`` (at least 0); only
        those at indices ``concepts`` when given."""
        if len(features.concepts) == 0 or (concepts is not None and concepts.size == 0):
            return np.zeros(0)
        probability = 1.0 / (1.0 + np.exp(-self.concepts.predict(concept_salience(features, concepts))))
        return np.maximum(probability - self.floor, 0.0)

    def coverage(self, features: Features) -> Coverage | None:
        """The learned concept weights; None for a one-document story, where no concept is reported
        by several sources and the sentence scores alone choose (greedily), and outside the domain.
        The selector covers only under a budget of at least :func:`cover_budget` words.

        The cover holds at least ``min_confirmed`` sentences whose fact several independent sources
        report (:attr:`Features.reported_sources`), where the story has them: a brief of several
        sources leads with what they confirm. Out of fold on Multi-News dev this lost nothing
        (45.26/15.79 -> 45.18/15.73 R1/R2 alone, 45.44/15.88 with the ``reported`` columns;
        bench/results/quality.md, "What we tried")."""
        if sum(1 for d in features.story.documents if d.duplicate_of is None) <= 1 or not articles(features):
            return None
        return Coverage(
            features.concepts.matrix,
            sentence_weight=self.sentence_weight,
            weigh=lambda concepts: self.concept_weights(features, concepts),
            confirmed=features.reported_sources >= 2,
            min_confirmed=self.min_confirmed,
            solver=self.solver,
            min_words=cover_budget(features),
        )


def cover_budget(features: Features) -> int:
    """The fewest words a cover needs: :data:`COVER_SENTENCES` of the story's median selectable sentences.

    A cover trades sentences for the concepts they hold, which takes room for
    several (Gillick & Favre's summaries run 100-250 words). When the budget
    holds about one sentence (a 40-word event line, the WCEP kind), that one
    sentence decides and the cover only picks shorter, weaker ones: out of fold
    on Multi-News dev clusters of 2+ articles cut to 40 words against the
    editor's opening sentences, the cover scored below lead, greedy by the
    sentence scores above it (bench/results/wcep_budget.md).
    """
    lengths = [int(w) for w, item in zip(features.words, features.items, strict=True) if item.selectable]
    return int(np.ceil(COVER_SENTENCES * float(np.median(lengths)))) if lengths else 0


class ExactLearnedCoverage(LearnedCoverage):
    """``salience`` with the exact optimum of its objective (the ILP, HiGHS): the default until the greedy
    came close at a tenth of the time (see :class:`LearnedCoverage`)."""

    name = "salience-ilp"
    description = (
        "ILP coverage of learned concept weights + learned sentence scores (Gillick & Favre 2009; Li et al. 2013)"
    )

    def __init__(self, sentences: Forest | None = None, concepts: Forest | None = None) -> None:
        super().__init__(sentences, concepts, solver="exact")


__all__ = [
    "CONCEPT_MODEL",
    "COVER_SENTENCES",
    "SENTENCE_MODEL",
    "ExactLearnedCoverage",
    "LearnedCoverage",
    "LearnedSentences",
    "cover_budget",
    "shipped",
]
