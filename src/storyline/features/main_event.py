"""The story's main event: the headline the other sources' content most supports, and the sentence stating it.

A cluster's documents cover one story from several angles, and each headline
states its own document's angle (a side story, a reaction, an earlier stage).
The headline that names the story is the one the *other* documents report
too: each other independent document supports a headline by its sentence
closest to it (cosine in the features' vectors: sentence embeddings when in
use, which see that "captured" and "seizing" say the same; else the share of
the headline's content words, weighted by their rarity in the story, the
sentence holds). Support sums those closenesses, so a headline the whole
cluster echoes beats one a single other document repeats word for word
(Radev et al.'s cluster centroid, 2004, applied to headlines; the headline as
the event's statement: Edmundson, 1969).

A developing story's sources report its stages: among headlines supported
about as well (within :data:`NEAR_BEST` of the best), the newest document's
states the story as it stands, so it wins (undated documents count as oldest).

The main event's **statement** is the sentence of the headline's own document,
among its first :data:`LEAD_SENTENCES` selectable ones, closest to the
headline: news states its headline's event in the lead (or the lead sentence
itself, when it stands in for a missing headline).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from storyline.blas import one_blas_thread
from storyline.features.concepts import content_words

if TYPE_CHECKING:
    from storyline.features.context import Features, Headline

#: Headlines supported at least this share of the best support are a tie, broken by recency.
NEAR_BEST = 0.9
#: The lead: where a document states its headline's event.
LEAD_SENTENCES = 3
#: Headlines compared with the story's items at once (bounds memory to items x this).
HEADLINE_BLOCK = 256


@dataclass(frozen=True)
class MainEvent:
    """The main-event headline (an index into ``Features.headlines``), its support, and its statement's item."""

    headline: int
    support: float
    statement: int | None


def main_event(features: Features) -> MainEvent | None:
    """The story's main event, or None when no document has a headline or a selectable lead."""
    headlines = features.headlines
    if not headlines:
        return None
    # A real headline names the story better than a lead sentence standing in for one.
    titled = [k for k, h in enumerate(headlines) if h.item is None]
    pool = titled or list(range(len(headlines)))
    canonical = {d.id: d.duplicate_of or d.id for d in features.story.documents}
    doc_of = np.array([canonical[item.sentence.doc_id] for item in features.items], dtype=object)
    selectable = np.array([item.selectable for item in features.items], dtype=bool)
    support = np.zeros(len(pool))
    encoded = features.headline_embeddings()  # headline -> its embedding, encoded with the items
    # Headlines a block at a time: items x headlines grows with the square of a story of one-line documents.
    for first in range(0, len(pool), HEADLINE_BLOCK):
        block = pool[first : first + HEADLINE_BLOCK]
        closeness = _closeness(features, [headlines[k] for k in block], encoded, block)  # items x block
        support[first : first + len(block)] = _support(
            closeness[selectable], doc_of[selectable], [headlines[k].doc for k in block]
        )
    best = float(support.max(initial=0.0))
    near = [c for c in range(len(pool)) if support[c] >= NEAR_BEST * best]
    dates = {d.id: d.article.date for d in features.story.documents}
    # Newest first, then most supported, then input order.
    column = min(near, key=lambda c: (-_ordinal(dates.get(headlines[pool[c]].doc)), -support[c], c))
    chosen = headlines[pool[column]]
    closeness = _closeness(features, [chosen], encoded, [pool[column]])[:, 0]
    return MainEvent(pool[column], float(support[column]), _statement(features, chosen, closeness))


def _support(closeness: np.ndarray, doc_of: np.ndarray, own_docs: list[str]) -> np.ndarray:
    """Per headline, the sum over the other documents of their closest sentence's closeness (at least 0).

    One pass per document group (``np.maximum.reduceat``), not a scan of every sentence per headline and
    document: the cost grows with sentences x headlines, not with that times the documents."""
    if not len(doc_of):
        return np.zeros(len(own_docs))
    docs, group = np.unique(doc_of.astype(str), return_inverse=True)
    order = np.argsort(group, kind="stable")
    starts = np.searchsorted(group[order], np.arange(len(docs)))
    best = np.maximum(np.maximum.reduceat(closeness[order], starts, axis=0), 0.0)  # documents x headlines
    others = docs[:, None] != np.array(own_docs, dtype=str)[None, :]
    return np.asarray((best * others).sum(axis=0), dtype=float)


def _ordinal(date: dt.date | None) -> int:
    return date.toordinal() if date is not None else 0


def _statement(features: Features, headline: Headline, closeness: np.ndarray) -> int | None:
    """The item stating the headline: the lead sentence itself, or its document's lead sentence closest to it."""
    if headline.item is not None:
        return headline.item
    item_of = {(m.doc_id, m.index): i for i, item in enumerate(features.items) for m in item.members}
    document = features.story.document(headline.doc)
    lead = [item_of[(document.id, s.index)] for s in document.sentences if s.selectable][:LEAD_SENTENCES]
    if not lead:
        return None
    return max(lead, key=lambda i: (float(closeness[i]), -lead.index(i)))


def _closeness(
    features: Features, headlines: list[Headline], encoded: dict[int, np.ndarray], keys: list[int]
) -> np.ndarray:
    """items x headlines: cosine of embeddings when in use, else the rarity-weighted share of headline words held.

    ``encoded``: every headline's embedding by its index (:meth:`Features.headline_embeddings`), ``keys``
    the indices of ``headlines``."""
    texts = [h.text for h in headlines]
    if features.embeddings is not None and features.embedder is not None:
        vectors = np.stack([encoded[key] for key in keys])
        with one_blas_thread():  # items x a few headlines: a second thread costs more than it saves
            return np.asarray(features.embeddings @ vectors.T, dtype=float)
    words = [content_words(t) for t in features.texts]
    frequency = Counter(w for ws in words for w in ws)
    n = len(words)

    def weight(word: str) -> float:
        return math.log((n + 1) / (frequency.get(word, 0) + 1)) + 1.0

    vocabulary: dict[str, int] = {}
    head_words = [content_words(t) for t in texts]
    for ws in (*words, *head_words):
        for w in ws:
            vocabulary.setdefault(w, len(vocabulary))
    weights = np.array([weight(w) for w in sorted(vocabulary, key=vocabulary.__getitem__)])
    rows = sp.csr_matrix(
        (
            np.ones(sum(len(ws) for ws in words)),
            ([i for i, ws in enumerate(words) for _ in ws], [vocabulary[w] for ws in words for w in ws]),
        ),
        shape=(n, max(len(vocabulary), 1)),
    )
    heads = np.zeros((len(texts), max(len(vocabulary), 1)))
    for k, ws in enumerate(head_words):
        for w in ws:
            heads[k, vocabulary[w]] = weights[vocabulary[w]]
    totals = np.maximum(heads.sum(axis=1), 1e-9)
    return np.asarray(rows @ heads.T) / totals[None, :]


__all__ = ["LEAD_SENTENCES", "NEAR_BEST", "MainEvent", "main_event"]
