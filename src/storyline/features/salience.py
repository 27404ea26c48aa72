"""News salience features: one row per item, computed once per story.

What a news brief leads with, as signals a model can weigh: where the sentence
stands (news puts the main event first: Nenkova, 2005), how close it is to the
headlines (Edmundson, 1969), how many independent sources report it
(SumBasic's cross-document frequency, Nenkova & Vanderwende, 2005), how much of
the story's widely shared bigram concepts it holds (Gillick & Favre, 2009),
its centroid and graph centrality (Radev et al., 2004; Erkan & Radev, 2004),
its length, and whether it carries names, numbers and dates. Story-level
columns (document and sentence counts) let a learned model tell a one-article
story from a ten-article one.

The ``reported`` columns count the documents that report a sentence's fact,
rewordings included (:mod:`storyline.features.reports`): they read the
story's embeddings when in use (the models were fitted with the static
ones), on TF-IDF alone same-content sentences only.

Every column is linear in the story's words; the sparse products never form an
items x items or items x headlines dense matrix.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from storyline.features.concepts import content_words
from storyline.features.graph import above, pagerank

if TYPE_CHECKING:
    from storyline.features.context import Features, Headline

#: Items x headlines up to which the headline closeness is one dense table (a 1,000-document story's would not fit).
DENSE_CLOSENESS = 1 << 16
#: Up to this many items the centrality's PageRank is one dense solve: on one BLAS thread it costs a
#: Multi-News cluster (65-200 items) 0.4-0.7 ms against the iteration's 1.0 ms, and beyond ~250 items more;
#: its percentiles (of the ranks rounded to 9 digits) were the same on every Multi-News, WCEP and Opinosis
#: dev cluster either way.
DENSE_CENTRALITY = 200
# TF-IDF's 'related' cosine (features.context.RELATED): the features read TF-IDF whatever the embedder,
# so a model learned on them scores the same with or without embeddings.
RELATED_TFIDF = 0.3

#: The columns of :attr:`Salience.matrix`, in order.
COLUMNS = (
    "position",  # log(1 + position among the document's selectable sentences)
    "relative_position",  # position / the document's selectable sentences
    "first",  # 1 for the document's first selectable sentence
    "paragraph",  # log(1 + paragraph index)
    "in_paragraph",  # log(1 + position in its paragraph)
    "headline_max",  # share of the closest headline's content words the sentence holds
    "headline_mean",  # the same, averaged over every headline
    "support",  # log(1 + independent documents reporting related content)
    "support_share",  # the same, over the story's independent documents
    "reported",  # log(independent documents reporting its fact: copies, same content, rewordings)
    "reported_share",  # the same, over the story's independent documents
    "concept_documents",  # mean share of documents holding each of its bigram concepts
    "concept_count",  # mean occurrences of its concepts, over the story's most frequent concept
    "concept_early",  # share of its concepts that first appear in a document's first two sentences
    "centroid",  # cosine to the TF-IDF centroid, as a percentile within the story
    "centrality",  # PageRank in the TF-IDF graph, as a percentile within the story
    "words",  # log(number of words)
    "numbers",  # 1 when it holds a figure
    "names",  # share of capitalised words after the first
    "dates",  # 1 when it names a month or weekday
    "quote",  # 1 when it holds a quotation mark
    "documents",  # log(independent documents in the story)
    "sentences",  # log(items in the story)
)

# Every name opens with one of the letters in the lookahead: the search skips other positions at once.
_MONTH_OR_DAY = re.compile(
    r"\b(?=[ADFJMNOSTW])(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_ASCII_DIGIT = re.compile(r"[0-9]")
_QUOTE = re.compile('["\u201c\u201d]')
_CAPITALISED = re.compile(r"^[A-Z][\w'\u2019.-]*$")
#: A whitespace-delimited word that :data:`_CAPITALISED` matches, found in the whole text at once (the same
#: words: ``str.split`` and the pattern's ``\s`` both cut at Unicode whitespace).
_CAPITALISED_WORD = re.compile(r"(?<!\S)[A-Z][\w'\u2019.-]*(?!\S)")


class Salience:
    """The salience features of one story's items (see :data:`COLUMNS`)."""

    def __init__(self, features: Features) -> None:
        self.features = features

    @cached_property
    def matrix(self) -> np.ndarray:
        """items x :data:`COLUMNS`, float."""
        f = self.features
        n = len(f)
        if n == 0:
            return np.zeros((0, len(COLUMNS)))
        columns = {
            **self._positions(),
            **self._headline_closeness(),
            **self._support(),
            **self._concepts(),
            "centroid": _percentile(self._centroid()),
            # Rounded: the direct and the iterated PageRank agree to ~1e-9; ties must stay ties either way.
            "centrality": _percentile(np.round(pagerank(above(f.graph_tfidf, 0.1), dense_up_to=DENSE_CENTRALITY), 9)),
            "words": np.log(np.maximum(f.words, 1)),
            **self._surface(),
            "documents": np.full(n, np.log(self._independent_documents())),
            "sentences": np.full(n, np.log(n)),
        }
        return np.column_stack([np.asarray(columns[c], dtype=float) for c in COLUMNS])

    def column(self, name: str) -> np.ndarray:
        return self.matrix[:, COLUMNS.index(name)]

    def _independent_documents(self) -> int:
        return max(1, sum(1 for d in self.features.story.documents if d.duplicate_of is None))

    def _positions(self) -> dict[str, np.ndarray]:
        f = self.features
        position = f.position
        length: dict[str, int] = {}
        where: dict[tuple[str, int], int] = {}
        for doc in f.story.documents:
            seen: dict[int, int] = {}  # paragraph -> selectable sentences seen in it so far
            for s in doc.sentences:
                if s.selectable:
                    where[(doc.id, s.index)] = seen.get(s.paragraph, 0)
                    seen[s.paragraph] = seen.get(s.paragraph, 0) + 1
            length[doc.id] = max(sum(seen.values()), 1)
        paragraphs = np.array([item.sentence.paragraph for item in f.items], dtype=float)
        in_paragraph = np.array([where.get((it.sentence.doc_id, it.sentence.index), 0) for it in f.items], dtype=float)
        sizes = np.array([length.get(item.sentence.doc_id, 1) for item in f.items], dtype=float)
        return {
            "position": np.log1p(position),
            "relative_position": np.minimum(position / sizes, 1.0),
            "first": (position == 0).astype(float),
            "paragraph": np.log1p(paragraphs),
            "in_paragraph": np.log1p(in_paragraph),
        }

    def _headline_closeness(self) -> dict[str, np.ndarray]:
        """Share of each headline's content words the sentence holds (a lead sentence is not its own headline)."""
        f = self.features
        headlines = f.headlines
        n = len(f)
        if not headlines:
            return {"headline_max": np.zeros(n), "headline_mean": np.zeros(n)}
        sentence_words = [content_words(t) for t in f.texts]
        headline_words = [content_words(h.text) for h in headlines]
        if n * len(headlines) <= DENSE_CLOSENESS:
            return _dense_closeness(sentence_words, headline_words, headlines)
        vocabulary: dict[str, int] = {}
        for words in (*sentence_words, *headline_words):
            for w in words:
                vocabulary.setdefault(w, len(vocabulary))
        sentences = _incidence(sentence_words, vocabulary)
        heads = _incidence(headline_words, vocabulary)
        sizes = np.maximum(np.asarray(heads.sum(axis=1)).ravel(), 1.0)
        overlap = (sentences @ heads.T).tocsr().astype(float)
        overlap = sp.csr_matrix(overlap.multiply(1.0 / sizes[None, :]))
        # A lead sentence standing in for a missing headline is not close to itself.
        own = [(h.item, column) for column, h in enumerate(headlines) if h.item is not None]
        if own:
            rows, cols = zip(*own, strict=True)
            itself = sp.csr_matrix((np.ones(len(own)), (rows, cols)), shape=overlap.shape)
            overlap = sp.csr_matrix(overlap - overlap.multiply(itself))
            overlap.eliminate_zeros()
        best = np.asarray(overlap.max(axis=1).toarray()).ravel() if overlap.nnz else np.zeros(n)
        mean = np.asarray(overlap.sum(axis=1)).ravel() / len(headlines)
        return {"headline_max": best, "headline_mean": mean}

    def _support(self) -> dict[str, np.ndarray]:
        f = self.features
        sources = f.sources_in(f.graph_tfidf, RELATED_TFIDF)
        reported = f.reported_sources
        documents = self._independent_documents()
        return {
            "support": np.log1p(sources),
            "support_share": sources / documents,
            "reported": np.log(np.maximum(reported, 1.0)),
            "reported_share": reported / documents,
        }

    def _concepts(self) -> dict[str, np.ndarray]:
        f = self.features
        concepts = f.concepts
        n = len(f)
        if len(concepts) == 0:
            return {"concept_documents": np.zeros(n), "concept_count": np.zeros(n), "concept_early": np.zeros(n)}
        matrix = concepts.matrix
        held = np.maximum(np.asarray(matrix.sum(axis=1)).ravel(), 1.0)
        share = concepts.documents / self._independent_documents()
        count = concepts.count / concepts.count.max()
        early = (concepts.first <= 1).astype(float)
        return {
            "concept_documents": np.asarray(matrix @ share).ravel() / held,
            "concept_count": np.asarray(matrix @ count).ravel() / held,
            "concept_early": np.asarray(matrix @ early).ravel() / held,
        }

    def _centroid(self) -> np.ndarray:
        f = self.features
        weights = np.array([len(item.members) for item in f.items], dtype=float)
        centroid = np.asarray(f.tfidf.T @ weights).ravel()
        norm = np.linalg.norm(centroid)
        return np.asarray(f.tfidf @ (centroid / norm)).ravel() if norm > 0 else np.zeros(len(f))

    def _surface(self) -> dict[str, np.ndarray]:
        texts = self.features.texts
        return {
            "numbers": np.array([_has_digit(t) for t in texts], dtype=float),
            "names": np.array([_names_share(t) for t in texts]),
            "dates": np.array([bool(_MONTH_OR_DAY.search(t)) for t in texts], dtype=float),
            "quote": np.array([bool(_QUOTE.search(t)) for t in texts], dtype=float),
        }


def _dense_closeness(
    sentence_words: list[set[str]], headline_words: list[set[str]], headlines: tuple[Headline, ...]
) -> dict[str, np.ndarray]:
    """:meth:`Salience._headline_closeness` of a small story, in a dense items x headlines table: the sparse
    path's floats (each share a count times the headline's inverse size; the row sums over the nonzero
    shares, columns ascending, by ``np.add.reduceat`` as scipy's CSR row sum makes them)."""
    inverse = 1.0 / np.maximum(np.array([len(h) for h in headline_words], dtype=float), 1.0)
    overlap = np.array([[len(s & h) for h in headline_words] for s in sentence_words], dtype=float) * inverse
    for column, headline in enumerate(headlines):
        if headline.item is not None:  # a lead sentence standing in for a missing headline is not close to itself
            overlap[headline.item, column] = 0.0
    held = overlap != 0.0
    counts = held.sum(axis=1)
    total = np.zeros(len(sentence_words))
    if counts.any():
        starts = (np.cumsum(counts) - counts)[counts > 0]
        total[counts > 0] = np.add.reduceat(overlap[held], starts)
    return {"headline_max": overlap.max(axis=1), "headline_mean": total / len(headlines)}


def _has_digit(text: str) -> bool:
    """Whether a character of ``text`` is a digit (``str.isdigit``: superscripts too); ASCII text by one search."""
    return bool(_ASCII_DIGIT.search(text)) if text.isascii() else any(map(str.isdigit, text))


def _names_share(text: str) -> float:
    """The share of the words after the first that are capitalised (:data:`_CAPITALISED`)."""
    words = text.split()
    capitalised = len(_CAPITALISED_WORD.findall(text)) - bool(words and _CAPITALISED.match(words[0]))
    return capitalised / max(len(words) - 1, 1)


def _incidence(rows: list[set[str]], vocabulary: dict[str, int]) -> sp.csr_matrix:
    """A binary rows x vocabulary matrix (every word of ``rows`` is in ``vocabulary``)."""
    r = [i for i, words in enumerate(rows) for _ in words]
    c = [vocabulary[w] for words in rows for w in words]
    return sp.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(rows), max(len(vocabulary), 1)))


def _percentile(values: np.ndarray) -> np.ndarray:
    """Each value's rank within the story, scaled to [0, 1] (ties share the mean rank)."""
    n = values.size
    if n <= 1:
        return np.ones(n)
    order = np.argsort(values, kind="stable")
    ranks = np.empty(n)
    ranks[order] = np.arange(n, dtype=float)
    _, inverse = np.unique(values, return_inverse=True)
    mean_rank = np.bincount(inverse, weights=ranks) / np.bincount(inverse)
    return np.asarray(mean_rank[inverse] / (n - 1))


__all__ = ["COLUMNS", "Salience"]
