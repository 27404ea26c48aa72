"""The systems compared: Storyline's rankers, sumy's summarizers, and three references.

Every system sees the same prepared cluster: one :class:`~storyline.model.Story`
built once by :func:`storyline.pipeline.prepare_story`, so all of them choose
among the same candidate sentences (the items cleaning did not set aside).

* Storyline rankers score, and :func:`storyline.select.select` picks with
  ``overflow=True`` (the last sentence may cross the budget; the protocol
  then cuts the summary to its word count).
* Baselines (``random`` and sumy's LexRank, TextRank, LSA, Luhn, SumBasic)
  order the candidates their own way and add them in that order until the
  summary has at least the budget's words: the same budget rule, without
  Storyline's eligibility and redundancy checks.
* ``sumy_*+select`` (``--baseline-selector storyline``): sumy's order turned
  into scores (the first sentence highest) and picked by the same
  :func:`storyline.select.select` as Storyline's rankers, with the same
  embeddings, so a comparison with them measures the ranking alone.
  sumy is imported on first use (:mod:`storyline.eval.sumy_baselines`):
  without it, the other systems still run.
* ``oracle`` greedily adds the candidate that most raises ROUGE-1 + ROUGE-2
  against the references: an upper reference for extractive summaries.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from storyline.errors import ConfigError, MissingDependencyError
from storyline.eval.datasets import Cluster
from storyline.eval.protocols import Protocol as EvalProtocol
from storyline.eval.rouge import Rouge
from storyline.features.context import Features
from storyline.features.embeddings import Embedder, load_embedder
from storyline.model import Corpus, Story
from storyline.pipeline import prepare_story
from storyline.rankers import DEFAULT_RANKER, RANKERS, Ranker
from storyline.select import reading_order, summarize

#: The systems every comparison includes: chance, the news baseline, and the ceiling.
REFERENCES = ("random", "lead", "oracle")
SUMY = ("sumy_lexrank", "sumy_textrank", "sumy_lsa", "sumy_luhn", "sumy_sumbasic")
#: Suffix of a sumy baseline run through Storyline's selector.
THROUGH_SELECT = "+select"
#: ``--baseline-selector``: sumy's own budget rule, Storyline's select(), or both side by side.
BASELINE_SELECTORS = ("own", "storyline", "both")


@dataclass(frozen=True)
class Prepared:
    """A cluster ready for every system: its story and the candidate items (indices into ``story.items``)."""

    cluster: Cluster
    story: Story
    candidates: tuple[int, ...]
    seconds: float


def prepare(cluster: Cluster) -> Prepared:
    """Split, clean and fold a cluster once; every system then reads the same sentences."""
    start = time.perf_counter()
    story = prepare_story(Corpus(cluster.articles))
    candidates = tuple(i for i, item in enumerate(story.items) if item.selectable)
    return Prepared(cluster, story, candidates, time.perf_counter() - start)


class Context:
    """What systems share during one evaluation: the protocol, ROUGE, the embedder, the seed.

    ``embeddings`` is the mode given to Storyline's rankers (as ``BriefConfig.embeddings``);
    the model loads on first use, once.
    """

    def __init__(self, protocol: EvalProtocol, *, embeddings: str = "static", seed: int = 0) -> None:
        self.protocol = protocol
        self.rouge = Rouge(protocol)
        self.embeddings = embeddings
        self.seed = seed
        self._embedder: Embedder | None = None
        self._loaded = False
        self.load_seconds = 0.0
        #: Why no embedding model is in use although one was asked for ('' when one is, or none was asked).
        self.unavailable = ""

    def embedder(self) -> Embedder | None:
        """The embedder, loaded on first call; None when the mode is ``none`` or its model is not installed."""
        if not self._loaded:
            start = time.perf_counter()
            try:
                self._embedder = load_embedder(self.embeddings)
            except MissingDependencyError as error:  # rankers that can run on TF-IDF still run
                self._embedder, self.unavailable = None, str(error)
            if self._embedder is None and self.embeddings != "none" and not self.unavailable:
                self.unavailable = f"no embedding model is installed for mode {self.embeddings!r}"
            self.load_seconds = time.perf_counter() - start
            self._loaded = True
        return self._embedder

    def rng(self, cluster: Cluster) -> np.random.Generator:
        """A generator seeded by the run's seed and the cluster id: the same draw whatever else runs."""
        return np.random.default_rng([self.seed, zlib.crc32(cluster.id.encode("utf-8"))])


class System(Protocol):
    """Summarizes a prepared cluster: sentence texts, at least the budget's words (uncut)."""

    name: str
    kind: str
    description: str

    def summarize(self, prepared: Prepared, context: Context) -> list[str]: ...


class RankerSystem:
    """A Storyline ranker: fresh :class:`Features` (so embedding time counts), score, select."""

    kind = "storyline"

    def __init__(self, ranker: Ranker) -> None:
        self.ranker = ranker
        self.name = ranker.name
        self.kind = "reference" if ranker.name in REFERENCES else "storyline"  # lead: the news baseline
        self.description = ranker.description

    def summarize(self, prepared: Prepared, context: Context) -> list[str]:
        embedder = context.embedder()
        if self.ranker.needs_embeddings and embedder is None:
            raise ConfigError(f"ranker {self.name!r} needs embeddings, but embeddings are {context.embeddings!r}")
        features = Features(prepared.story, embedder=embedder)
        chosen = summarize(features, self.ranker, words=context.protocol.words, overflow=True)
        return [features.items[i].text for i in chosen]


class OrderSystem:
    """A baseline that orders the candidates; the budget rule and reading order are shared."""

    kind = "baseline"
    name = ""
    description = ""

    def order(self, prepared: Prepared, context: Context) -> list[int]:
        raise NotImplementedError

    def summarize(self, prepared: Prepared, context: Context) -> list[str]:
        features = Features(prepared.story)
        chosen: list[int] = []
        used = 0
        for i in self.order(prepared, context):
            if used >= context.protocol.words:
                break
            chosen.append(i)
            used += int(features.words[i])
        return [features.items[i].text for i in reading_order(features, chosen)]


class RandomSystem(OrderSystem):
    """Candidates in a random order, seeded per cluster."""

    kind = "reference"
    name = "random"
    description = "random candidates (seeded)"

    def order(self, prepared: Prepared, context: Context) -> list[int]:
        return [prepared.candidates[i] for i in context.rng(prepared.cluster).permutation(len(prepared.candidates))]


class OracleSystem:
    """Greedy extractive oracle: add the candidate that most raises ROUGE-1 + ROUGE-2 (F1 or recall
    per protocol, of the summary as cut), until nothing raises it or the budget is reached.

    The usual greedy oracle of extractive summarization (e.g. Nallapati et al., 2017;
    Kedzie et al., 2018), over the same candidates as every other system.
    """

    kind = "reference"
    name = "oracle"
    description = "greedy ROUGE-1+2 maximizing extract (upper reference)"

    def summarize(self, prepared: Prepared, context: Context) -> list[str]:
        rouge, protocol = context.rouge, context.protocol
        items = prepared.story.items
        refs = [rouge.ngrams(rouge.tokens(r)) for r in prepared.cluster.references]
        words = {i: rouge.word_tokens(items[i].text) for i in prepared.candidates}
        chosen: list[int] = []
        best_value = 0.0
        while sum(len(words[i]) for i in chosen) < protocol.words:
            best, best_gain = -1, best_value
            for i in prepared.candidates:
                if i in chosen:
                    continue
                value = rouge.rouge12(rouge.ngrams(_cut_tokens([words[j] for j in [*chosen, i]], protocol)), refs)
                if value > best_gain:
                    best, best_gain = i, value
            if best < 0:
                break
            chosen.append(best)
            best_value = best_gain
        return [items[i].text for i in chosen]


def _cut_tokens(sentences: list[list[list[str]]], protocol: EvalProtocol) -> list[str]:
    """The rouge tokens of the summary as the protocol cuts it (see :meth:`Rouge.word_tokens`)."""
    flat = [word for sentence in sentences for word in sentence]
    if protocol.truncate:
        flat = flat[: protocol.words]
    return [token for word in flat for token in word]


def all_systems() -> dict[str, System]:
    """Every system by name: references (oracle, random, lead), sumy's five (then the same through
    Storyline's selector), Storyline's rankers (default first). Building them imports no sumy."""
    from storyline.eval.sumy_baselines import sumy_systems  # it builds on this module's classes

    rankers = [DEFAULT_RANKER, *sorted(n for n in RANKERS if n not in (DEFAULT_RANKER, *REFERENCES))]
    systems: list[System] = [
        OracleSystem(),
        RandomSystem(),
        RankerSystem(RANKERS["lead"]),
        *sumy_systems(),
        *(RankerSystem(RANKERS[n]) for n in rankers),
    ]
    return {s.name: s for s in systems}


def is_sumy(name: str) -> bool:
    return name.removesuffix(THROUGH_SELECT) in SUMY


def resolve(spec: str, baseline_selector: str = "own") -> list[str]:
    """System names for ``--ranker``: ``all``; ``default``; or ``NAME[,NAME]`` (each plus random, lead, oracle).

    Names are Storyline rankers or any other system (``sumy_lexrank`` ...).
    ``baseline_selector`` sets how the chosen sumy baselines pick sentences:
    ``own`` (their order and the budget), ``storyline`` (``+select``), or ``both``.
    """
    if baseline_selector not in BASELINE_SELECTORS:
        raise ConfigError(
            f"unknown baseline selector {baseline_selector!r}; choose one of {', '.join(BASELINE_SELECTORS)}"
        )
    systems = all_systems()
    spec = spec.strip()
    if spec == "all":
        wanted = [n for n in systems if not n.endswith(THROUGH_SELECT)]
    else:
        wanted = [DEFAULT_RANKER if n.strip() == "default" else n.strip() for n in spec.split(",") if n.strip()]
        if not wanted:
            raise ConfigError("no system named; choose all, default, or NAME[,NAME]")
        unknown = [n for n in wanted if n not in systems]
        if unknown:
            raise ConfigError(f"unknown system {unknown[0]!r}; choose all, default, or from {', '.join(systems)}")
    chosen = set(wanted) | set(REFERENCES)
    for name in [n for n in chosen if is_sumy(n)]:
        base = name.removesuffix(THROUGH_SELECT)
        if baseline_selector in ("storyline", "both"):
            chosen.add(base + THROUGH_SELECT)
        if baseline_selector == "storyline" and name == base:
            chosen.discard(base)
        if baseline_selector == "both":
            chosen.add(base)
    return [n for n in systems if n in chosen]


__all__ = [
    "BASELINE_SELECTORS",
    "REFERENCES",
    "SUMY",
    "THROUGH_SELECT",
    "Context",
    "OracleSystem",
    "OrderSystem",
    "Prepared",
    "RandomSystem",
    "RankerSystem",
    "System",
    "all_systems",
    "is_sumy",
    "prepare",
    "resolve",
]
