"""Features: everything the rankers and the selector share, computed once and lazily.

Rankers never build their own TF-IDF or similarity matrices; they read them
here, so a brief pays for each representation at most once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import scipy.sparse as sp

from storyline.features.concepts import Concepts, build_concepts
from storyline.features.embeddings import Embedder
from storyline.features.graph import Matrix, above, knn_graph
from storyline.features.main_event import MainEvent, main_event
from storyline.features.reports import reports
from storyline.features.salience import Salience
from storyline.features.tfidf import english_stop_words, tfidf
from storyline.model import Document, Item, Story

# Cosine above which two sentences are taken to report the same content, per
# representation. TF-IDF: the usual redundancy cut-off of extractive
# summarizers (0.5, as in MEAD's reranker). Embeddings put any two sentences of
# one story far above zero, so their cut-offs sit above the 99.5th percentile
# of cosines between the seeds' distinct sentences (static 0.75, full 0.65),
# where the pairs left are rewordings of one fact (bench/RESULTS.md).
SAME_CONTENT = {"tfidf": 0.5, "minilm-static": 0.83, "all-MiniLM-L6-v2": 0.72}
# Looser: close enough that a summary should not hold both, and that one counts
# as support for the other in ranking. Set on the Opinosis dev topics.
RELATED = {"tfidf": 0.3, "minilm-static": 0.72, "all-MiniLM-L6-v2": 0.6}
# Neighbours kept per item in the shared similarity graph: enough for centrality
# (LexRank's scores change little beyond a few dozen edges) at O(n * 50) memory.
NEIGHBOURS = 50


@dataclass(frozen=True)
class Headline:
    """A document's headline, or the lead sentence standing in for it (``item``: that sentence's item)."""

    text: str
    doc: str
    item: int | None


class Features:
    """Lazily computed representations of a story's items."""

    def __init__(self, story: Story, *, embedder: Embedder | None = None) -> None:
        self.story = story
        self.items: tuple[Item, ...] = story.items
        self.texts: list[str] = [item.text for item in story.items]
        self.embedder = embedder
        order = {d.id: rank for rank, d in enumerate(_by_date(story))}
        self._doc_rank = np.array([order[item.sentence.doc_id] for item in self.items], dtype=float)

    def __len__(self) -> int:
        return len(self.items)

    @cached_property
    def tfidf(self) -> sp.csr_matrix:
        """L2-normalized TF-IDF rows, sublinear term frequency, English stop words removed."""
        if not self.items:
            return sp.csr_matrix((0, 0))
        # scikit-learn's TfidfVectorizer(stop_words="english", sublinear_tf=True, token_pattern=...), then
        # its defaults on raw words, value for value (features/tfidf.py), without importing scikit-learn.
        for options in (
            {"token_pattern": r"(?u)\b\w[\w'-]*\b", "stop_words": english_stop_words(), "sublinear_tf": True},
            {"token_pattern": r"(?u)\b\w+\b"},
        ):
            try:
                return tfidf(self.texts, **options)
            except ValueError:  # no words left (stop words only, or punctuation only): try raw words
                continue
        return sp.csr_matrix((len(self.items), 1))

    @cached_property
    def embeddings(self) -> np.ndarray | None:
        """Normalized sentence embeddings, or None when no embedder is in use."""
        encoded = self._encoded
        return None if encoded is None else encoded[0]

    @cached_property
    def _encoded(self) -> tuple[np.ndarray, np.ndarray] | None:
        """The items' embeddings, then the real headlines' (in :attr:`headlines` order), from one call to the
        embedder: a call's set-up costs a small story about as much as a few sentences, and a row's embedding
        does not depend on the rows encoded with it."""
        if self.embedder is None or not self.items:
            return None
        titles = [h.text for h in self.headlines if h.item is None]
        rows = self.embedder.encode([*self.texts, *titles])
        return rows[: len(self.texts)], rows[len(self.texts) :]

    def headline_embeddings(self) -> dict[int, np.ndarray]:
        """Each headline's embedding by its index in :attr:`headlines` (a lead sentence's is its item's);
        empty when no embedder is in use."""
        encoded = self._encoded
        if encoded is None:
            return {}
        items, titles = encoded
        result, title = {}, 0
        for k, headline in enumerate(self.headlines):
            if headline.item is not None:
                result[k] = items[headline.item]
            else:
                result[k] = titles[title]
                title += 1
        return result

    @property
    def space(self) -> str:
        """``tfidf``, or the name of the embedding model in use."""
        return self.embedder.name if self.embedder is not None else "tfidf"

    @property
    def same_content_threshold(self) -> float:
        return SAME_CONTENT.get(self.space, SAME_CONTENT["all-MiniLM-L6-v2"])

    @property
    def related_threshold(self) -> float:
        return RELATED.get(self.space, RELATED["all-MiniLM-L6-v2"])

    @cached_property
    def vectors(self) -> Matrix:
        """The best representation available: embeddings, else TF-IDF."""
        return self.embeddings if self.embeddings is not None else self.tfidf

    def similarity_to(self, i: int, others: list[int]) -> np.ndarray:
        """Cosine similarity of item ``i`` to each item in ``others``."""
        if not others:
            return np.zeros(0)
        v = self.vectors
        sims = v[others] @ v[i].T
        return np.asarray(sims.toarray() if sp.issparse(sims) else sims).ravel()

    @cached_property
    def graph(self) -> sp.csr_matrix:
        """Each item's 50 nearest neighbours in :attr:`vectors`, shared by rankers and support."""
        return knn_graph(self.vectors, threshold=0.0, k=NEIGHBOURS)

    @cached_property
    def graph_tfidf(self) -> sp.csr_matrix:
        """:attr:`graph` in TF-IDF space, whatever the embedder (the salience features read this one)."""
        if self.embeddings is None:
            return self.graph
        return knn_graph(self.tfidf, threshold=0.0, k=NEIGHBOURS)

    @cached_property
    def headlines(self) -> tuple[Headline, ...]:
        """Each independent document's headline; where it has none, its first selectable sentence stands in."""
        item_of = {(m.doc_id, m.index): i for i, item in enumerate(self.items) for m in item.members}
        result = []
        for doc in self.story.documents:
            if doc.duplicate_of is not None:
                continue
            if doc.article.title and doc.article.title.strip():
                result.append(Headline(doc.article.title.strip(), doc.id, None))
                continue
            lead = next(
                (item_of[(doc.id, s.index)] for s in doc.sentences if s.selectable and (doc.id, s.index) in item_of),
                None,
            )
            if lead is not None:
                result.append(Headline(self.items[lead].text, doc.id, lead))
        return tuple(result)

    @cached_property
    def main_event(self) -> MainEvent | None:
        """The headline the other sources most support, and its statement (:mod:`storyline.features.main_event`)."""
        return main_event(self)

    @cached_property
    def concepts(self) -> Concepts:
        """The story's bigram concepts (:mod:`storyline.features.concepts`)."""
        return build_concepts(self.story, self.position, [h.text for h in self.headlines])

    @cached_property
    def salience(self) -> Salience:
        """News salience features (:mod:`storyline.features.salience`), computed once."""
        return Salience(self)

    @cached_property
    def support(self) -> np.ndarray:
        """How many independent documents report each item's content.

        Counts the item's own copies (folded syndication counts once) plus
        documents holding a sentence of the same content.
        """
        return self.sources_above(self.same_content_threshold)

    @cached_property
    def _same_content_graph(self) -> sp.csr_matrix:
        return above(self.graph, self.same_content_threshold)

    def same_content(self, i: int) -> list[int]:
        """The items whose content is the same as item ``i``'s (cosine above :attr:`same_content_threshold`)."""
        graph = self._same_content_graph
        return [int(j) for j in graph.indices[graph.indptr[i] : graph.indptr[i + 1]] if j != i]

    @cached_property
    def reports(self) -> sp.csr_matrix:
        """items x items: 1 where two items report the same fact (:mod:`storyline.features.reports`)."""
        return reports(self)

    def reported_by(self, i: int) -> list[int]:
        """The items that report item ``i``'s fact: same-content items and rewordings in other documents,
        none contradicting it (:func:`storyline.features.reports.reports`)."""
        graph = self.reports
        return sorted(int(j) for j in graph.indices[graph.indptr[i] : graph.indptr[i + 1]] if j != i)

    @cached_property
    def reported_sources(self) -> np.ndarray:
        """Per item: the independent documents reporting its fact (its copies', and those of :meth:`reported_by`)."""
        canonical = {d.id: d.duplicate_of or d.id for d in self.story.documents}
        docs = [{canonical[m.doc_id] for m in item.members} for item in self.items]
        return np.array(
            [len(docs[i].union(*(docs[j] for j in self.reported_by(i)))) for i in range(len(self))], dtype=float
        )

    def sources_above(self, threshold: float) -> np.ndarray:
        """Per item: independent documents among its copies and its neighbours closer than ``threshold``."""
        return self.sources_in(self.graph, threshold)

    def sources_in(self, graph: sp.csr_matrix, threshold: float) -> np.ndarray:
        """Per item: independent documents among its copies and its neighbours in ``graph`` above ``threshold``."""
        n = len(self.items)
        if n == 0:
            return np.zeros(0)
        doc_of, member_rows, member_docs, documents = self._document_numbers
        # Distinct (item, document) keys over the copies and the kept edges, counted per item: exact counts,
        # without a Python set per item or the thresholded graph's scipy build.
        keep = graph.data > threshold
        rows = np.concatenate([member_rows, np.repeat(np.arange(n), np.diff(graph.indptr))[keep]])
        docs = np.concatenate([member_docs, doc_of[graph.indices[keep]]])
        keys = np.unique(rows * documents + docs)
        return np.bincount(keys // documents, minlength=n).astype(float)

    @cached_property
    def _document_numbers(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
        """Independent documents numbered: each item's sentence's, each (item, copy's document) pair, how many."""
        canonical = {d.id: d.duplicate_of or d.id for d in self.story.documents}
        number: dict[str, int] = {}
        for d in self.story.documents:
            number.setdefault(canonical[d.id], len(number))
        doc_of = np.array([number[canonical[item.sentence.doc_id]] for item in self.items], dtype=np.int64)
        pairs = [(i, number[canonical[m.doc_id]]) for i, item in enumerate(self.items) for m in item.members]
        member_rows = np.array([i for i, _ in pairs], dtype=np.int64)
        member_docs = np.array([d for _, d in pairs], dtype=np.int64)
        return doc_of, member_rows, member_docs, max(len(number), 1)

    @cached_property
    def position(self) -> np.ndarray:
        """0-based index of each item's sentence among its document's selectable sentences."""
        rank: dict[tuple[str, int], int] = {}
        for doc in self.story.documents:
            for n, s in enumerate(x for x in doc.sentences if x.selectable):
                rank[(doc.id, s.index)] = n
        return np.array(
            [rank.get((item.sentence.doc_id, item.sentence.index), len(rank)) for item in self.items], dtype=float
        )

    @property
    def doc_rank(self) -> np.ndarray:
        """Rank of each item's document in date order (earliest first, undated last)."""
        return self._doc_rank

    @cached_property
    def words(self) -> np.ndarray:
        return np.array([len(t.split()) for t in self.texts], dtype=int)


def _by_date(story: Story) -> list[Document]:
    """Documents ordered by date (undated last), then input order."""
    ordered = sorted(
        enumerate(story.documents), key=lambda p: (p[1].article.date is None, p[1].article.date or dt.date.min, p[0])
    )
    return [d for _, d in ordered]
