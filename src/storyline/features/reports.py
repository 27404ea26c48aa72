"""Which sentences of other documents report the same fact as a sentence: a high-precision paraphrase match.

A summary sentence is "reported by" every independent document holding a
sentence that states the same fact: its folded copies, sentences of the same
content (:attr:`Features.same_content_threshold`), and rewordings, which share
few exact words ("bombardment could still be heard" / "loud explosions were
heard"). A rewording is matched when all of these hold (Dolan & Brockett's
paraphrase pairs, 2005, are found by the same kind of evidence: close meaning,
shared rare words, no contradiction):

* close meaning: cosine of the sentence embeddings at least the model's
  :data:`PARAPHRASE` cut-off (only in an embedding space calibrated here; on
  TF-IDF alone only same-content sentences count);
* shared words: TF-IDF cosine at least :data:`MIN_TFIDF`, and each sentence
  holds at least :data:`MIN_CONTAINMENT` of the other's content words,
  weighted by their rarity in the story (the shared words are what the two
  say, not the story's topic words every sentence repeats);
* no contradiction: both negated or neither, and when both carry figures
  they share one ("since 1980" and "since 1880" are two facts).

Two sentences sharing a figure that is not a year ("about 80 percent" /
"about 80%") are anchored by it: they need a closer embedding
(:data:`FIGURE_PARAPHRASE`) but fewer shared words (:data:`FIGURE_TFIDF`,
:data:`FIGURE_CONTAINMENT`).

Calibrated on Multi-News dev by hand (bench/support_judgements.jsonl: 40
pairs sampled from clusters 0-119, each judged "the second sentence reports
the fact the first states"); on 30 pairs the rule matches in clusters 120-237,
held back from calibration, 24 were the same fact (precision 0.80; the misses
were quotes of different speakers on one topic).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from storyline.features.concepts import content_words
from storyline.text.normalize import NEGATIONS, is_negation, is_number, tokens

if TYPE_CHECKING:
    from storyline.features.context import Features

#: Embedding cosine from which two sentences may be rewordings of one fact, per calibrated model.
PARAPHRASE = {"minilm-static": 0.68}
MIN_TFIDF = 0.2
MIN_CONTAINMENT = 0.3
#: Two sentences sharing a figure (not a year) need fewer shared words: the figure is the fact's anchor.
FIGURE_TFIDF = 0.15
FIGURE_CONTAINMENT = 0.2
#: Embedding cosine for a figure-anchored rewording, per calibrated model.
FIGURE_PARAPHRASE = {"minilm-static": 0.72}
_YEAR = re.compile(r"(?:19|20)\d\d")


def reports(features: Features) -> sp.csr_matrix:
    """items x items, symmetric, 1 where two items report the same fact.

    Same-content items (any documents) and rewordings in different independent
    documents (both selectable: a photo caption or a credit is no rewording of
    a report), never two that contradict each other (a negation or a figure apart).

    Candidates are the shared similarity graph's edges (each item's nearest
    neighbours), so the cost stays linear in the story.
    """
    n = len(features)
    if n == 0:
        return sp.csr_matrix((0, 0))
    graph = features.graph.tocoo()
    canonical = {d.id: d.duplicate_of or d.id for d in features.story.documents}
    documents = [frozenset(canonical[m.doc_id] for m in item.members) for item in features.items]
    same = features.same_content_threshold
    cut = PARAPHRASE.get(features.space)
    keep = (graph.row < graph.col) & (graph.data > (same if cut is None else min(cut, same)))
    rows, cols, weights = graph.row[keep], graph.col[keep], graph.data[keep]
    if rows.size == 0:  # no candidate pair: the word checks need not be prepared
        return sp.csr_matrix((n, n))
    checker = _Rewording(features)
    selectable = [item.selectable for item in features.items]
    # Each candidate pair is one (True), none (False), or a rewording to check (None): the checks need the
    # pair's TF-IDF cosine, computed for those pairs alone, in one sparse product (a pair at a time costs a
    # sparse slice each; a one-document story has none to check).
    verdicts: list[bool | None] = []
    for a, b, w in zip(rows.tolist(), cols.tolist(), weights.tolist(), strict=True):
        if checker.contradict(a, b):
            verdicts.append(False)
        elif w > same:
            verdicts.append(True)
        elif cut is not None and w >= cut and selectable[a] and selectable[b] and not documents[a] & documents[b]:
            verdicts.append(None)
        else:
            verdicts.append(False)
    checked = np.flatnonzero(np.array([v is None for v in verdicts], dtype=bool))
    if checked.size:
        tfidf = features.tfidf
        shared = np.asarray(tfidf[rows[checked]].multiply(tfidf[cols[checked]]).sum(axis=1)).ravel()
        for k, t in zip(checked.tolist(), shared.tolist(), strict=True):
            verdicts[k] = checker.matches(int(rows[k]), int(cols[k]), float(weights[k]), t)
    pairs = [(a, b) for a, b, v in zip(rows.tolist(), cols.tolist(), verdicts, strict=True) if v]
    if not pairs:
        return sp.csr_matrix((n, n))
    left, right = (np.array(side) for side in zip(*pairs, strict=True))
    matrix = sp.csr_matrix((np.ones(2 * len(pairs)), (np.r_[left, right], np.r_[right, left])), shape=(n, n))
    matrix.data[:] = 1.0
    return matrix


class _Rewording:
    """The word-level checks of a rewording (see the module docstring), on one story's items."""

    def __init__(self, features: Features) -> None:
        self.features = features
        self._tokens: dict[int, tuple[bool, frozenset[str]]] = {}

    @cached_property
    def words(self) -> list[set[str]]:
        """Each item's content words (read only for pairs :meth:`matches` checks)."""
        return [content_words(t) for t in self.features.texts]

    @cached_property
    def rarity(self) -> dict[str, float]:
        """Each content word's rarity in the story: log(items / items holding it), plus a little."""
        frequency = Counter(w for ws in self.words for w in ws)
        total = max(len(self.words), 1)
        return {w: math.log(total / c) + 1e-3 for w, c in frequency.items()}

    def matches(self, a: int, b: int, cosine: float, tfidf_cosine: float) -> bool:
        """Whether items ``a`` and ``b`` (embedding cosine ``cosine``, TF-IDF cosine ``tfidf_cosine``, not
        contradicting) reword one fact."""
        figures_a, figures_b = self._surface(a)[1], self._surface(b)[1]
        anchored = any(not _YEAR.fullmatch(f) for f in figures_a & figures_b)
        if anchored and cosine >= FIGURE_PARAPHRASE.get(self.features.space, 1.0):
            tfidf_cut, containment = FIGURE_TFIDF, FIGURE_CONTAINMENT
        else:
            tfidf_cut, containment = MIN_TFIDF, MIN_CONTAINMENT
        if tfidf_cosine < tfidf_cut:
            return False
        held = sum(self.rarity[w] for w in self.words[a] & self.words[b])
        return all(held >= containment * sum(self.rarity[w] for w in self.words[side]) for side in (a, b))

    def contradict(self, a: int, b: int) -> bool:
        """One negated and the other not, or both with figures and none shared."""
        negated_a, figures_a = self._surface(a)
        negated_b, figures_b = self._surface(b)
        return negated_a != negated_b or bool(figures_a and figures_b and not figures_a & figures_b)

    def _surface(self, i: int) -> tuple[bool, frozenset[str]]:
        if i not in self._tokens:
            words = tokens(self.features.texts[i])
            # is_negation and is_number per word, their cheap cases first: a word of letters alone holds no digit.
            negated = not NEGATIONS.isdisjoint(words) or any(is_negation(w) for w in words if "'" in w)
            self._tokens[i] = (negated, frozenset(w for w in words if not w.isalpha() and is_number(w)))
        return self._tokens[i]


__all__ = [
    "FIGURE_CONTAINMENT",
    "FIGURE_PARAPHRASE",
    "FIGURE_TFIDF",
    "MIN_CONTAINMENT",
    "MIN_TFIDF",
    "PARAPHRASE",
    "reports",
]
