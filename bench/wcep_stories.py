"""WCEP dev stories for bench/wcep_budget.py: features, eligible reading order, lead columns, cached ROUGE."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from storyline.eval.datasets import Cluster, load_benchmark
from storyline.eval.protocols import Protocol
from storyline.eval.rouge import Rouge
from storyline.eval.systems import prepare
from storyline.features.concepts import content_words
from storyline.features.context import Features
from storyline.features.embeddings import Embedder
from storyline.rankers.learned import LearnedSentences
from storyline.select import ineligibility

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
# A wire-service dateline: 'CITY (AP) —'.
_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'-]{1,40}\((?:AP|Reuters|AFP|CNN|UPI)[^)]*\)\s*[-\u2014\u2013]")
_FIRST_PERSON = re.compile(r"\b(?:I|we|my|our|you|your)\b")
LEAD_COLUMNS = ("title_cosine", "title_share", "dateline", "question", "first_person", "eligible_position")


@dataclass
class Story:
    """One cluster: its features, eligible sentences in reading order, anchor and references."""

    cluster: Cluster
    features: Features
    order: list[int]  # eligible items in reading order
    anchor: int | None
    salience: np.ndarray
    lead: np.ndarray = field(init=False)  # items x LEAD_COLUMNS

    def __post_init__(self) -> None:
        self.lead = lead_columns(self.features, self.order)

    @property
    def id(self) -> str:
        return self.cluster.id


def lead_columns(f: Features, order: list[int]) -> np.ndarray:
    """Per item: closeness to the document's title (static-embedding cosine; rarity-weighted share of its
    content words), a wire dateline, a question, first or second person, log position among eligible ones."""
    n = len(f)
    out = np.zeros((n, len(LEAD_COLUMNS)))
    titled = bool(f.headlines) and f.headlines[0].item is None
    title = f.headline_embeddings().get(0) if titled else None
    title_words = content_words(f.headlines[0].text) if titled else set()
    words = [content_words(t) for t in f.texts]
    df = Counter(w for ws in words for w in ws)

    def idf(w: str) -> float:
        return math.log((n + 1) / (df.get(w, 0) + 1)) + 1.0

    total = sum(idf(w) for w in title_words) or 1.0
    rank = {i: k for k, i in enumerate(order)}
    for i, text in enumerate(f.texts):
        if title is not None and f.embeddings is not None:
            out[i, 0] = float(f.embeddings[i] @ title)
        out[i, 1] = sum(idf(w) for w in words[i] & title_words) / total
        out[i, 2] = float(bool(_DATELINE.match(text)))
        out[i, 3] = float("?" in text)
        out[i, 4] = float(bool(_FIRST_PERSON.search(text)))
        out[i, 5] = math.log1p(rank.get(i, 50))
    return out


def stories(name: str, embedder: Embedder | None, clusters: Sequence[Cluster] | None = None) -> list[Story]:
    if clusters is None:
        _, clusters = load_benchmark(DATA / name / "dev.jsonl")
    result = []
    for cluster in clusters:
        f = Features(prepare(cluster).story, embedder=embedder)
        order = sorted(range(len(f)), key=lambda i: (f.doc_rank[i], f.items[i].sentence.index))
        eligible = [i for i in order if ineligibility(f.items[i]) is None]
        anchor = LearnedSentences().anchor(f)
        result.append(Story(cluster, f, eligible, anchor, f.salience.matrix))
    return result


class Scorer:
    """ROUGE-1 / ROUGE-2 of summaries as the protocol cuts them, cached by the items chosen."""

    def __init__(self, protocol: Protocol) -> None:
        self.protocol, self.rouge = protocol, Rouge(protocol)
        self._cache: dict[tuple[str, tuple[int, ...]], np.ndarray] = {}

    def __call__(self, story: Story, chosen: Sequence[int]) -> np.ndarray:
        key = (story.id, tuple(chosen))
        if key not in self._cache:
            texts = self.protocol.cut([story.features.texts[i] for i in chosen])
            s = self.rouge.score(texts, story.cluster.references)
            self._cache[key] = np.array([s["rouge1"], s["rouge2"]])
        return self._cache[key]

    def single(self, story: Story) -> np.ndarray:
        """Each item's R1 + R2 F1 as the whole summary (cut to the budget)."""
        return np.array([self(story, [i]).sum() for i in range(len(story.features))])

    def forward(self, story: Story) -> np.ndarray:
        """Each item's R1 + R2 F1 of the summary that starts with it and reads on (eligible items)."""
        values = np.zeros(len(story.features))
        for k, i in enumerate(story.order):
            values[i] = self(story, story.order[k:]).sum()
        return values
