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
  sumy is imported on first use: without it, the other systems still run.
* ``oracle`` greedily adds the candidate that most raises ROUGE-1 + ROUGE-2
  against the references: an upper reference for extractive summaries.
"""

from __future__ import annotations

import re
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Protocol

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
from storyline.select import reading_order, select

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
        chosen = select(features, self.ranker.score(features), words=context.protocol.words, overflow=True)
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


class _WordTokenizer:
    """Duck-types sumy's ``Tokenizer`` without NLTK's punkt model (no download): regex words.

    Sentences are never split here: sumy gets Storyline's own sentences.
    """

    language = "english"
    _WORD = re.compile(r"\w+(?:['’]\w+)*")

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(self._WORD.findall(sentence))


class _Ranking:
    """Passed to sumy as ``sentences_count``: sumy calls it with every sentence sorted by its rating."""

    def __init__(self) -> None:
        self.order: list[int] | None = None

    def __call__(self, infos: Sequence[Any]) -> Sequence[Any]:
        self.order = [info.order for info in infos]
        return infos


class SumySystem(OrderSystem):
    """One of sumy's summarizers, ranking Storyline's candidate sentences through sumy's API.

    The document is built directly (``ObjectDocumentModel`` of one ``Paragraph``
    per article), English stop words and Snowball stemmer as in sumy's CLI.
    With ``through_select`` sumy's order becomes scores for
    :func:`storyline.select.select` (see the module docstring).
    """

    def __init__(
        self, name: str, factory: Callable[[Any], Any], description: str, *, through_select: bool = False
    ) -> None:
        self.through_select = through_select
        self.name = name + THROUGH_SELECT if through_select else name
        self.description = description + (" through Storyline's select()" if through_select else "")
        self._factory = factory
        self._summarizer: Any = None
        self._dom: Any = None

    def summarize(self, prepared: Prepared, context: Context) -> list[str]:
        if not self.through_select:
            return super().summarize(prepared, context)
        features = Features(prepared.story, embedder=context.embedder())
        order = self.order(prepared, context)
        scores = np.full(len(features), np.nan)
        scores[order] = np.arange(len(order), 0, -1, dtype=float)
        chosen = select(features, scores, words=context.protocol.words, overflow=True, candidates=prepared.candidates)
        return [features.items[i].text for i in chosen]

    def order(self, prepared: Prepared, context: Context) -> list[int]:
        if self._summarizer is None:  # sumy is imported here, on first use
            self._dom = _sumy()
            self._summarizer = self._factory(self._dom.Stemmer("english"))
            self._summarizer.stop_words = self._dom.get_stop_words("english")  # sumy's API sets options by attribute
        dom, tokenizer = self._dom, _WordTokenizer()
        items = prepared.story.items
        by_doc: dict[str, list[int]] = {}
        for i in prepared.candidates:
            by_doc.setdefault(items[i].sentence.doc_id, []).append(i)
        flat = [i for doc in by_doc.values() for i in doc]  # sumy's sentence order
        document = dom.ObjectDocumentModel(
            [dom.Paragraph([dom.Sentence(items[i].text, tokenizer) for i in doc]) for doc in by_doc.values()]
        )
        ranking = _Ranking()
        self._summarizer(document, ranking)
        if ranking.order is None:  # sumy returned early (no words at all): keep document order
            return flat
        return [flat[o] for o in ranking.order]


def sumy_missing() -> str:
    """Why the sumy baselines cannot run ('' when sumy is installed)."""
    try:
        _sumy()
    except MissingDependencyError as error:
        return str(error)
    return ""


def _sumy() -> Any:
    """sumy's document model, stemmer and stop words (the ``eval`` extra)."""
    try:
        import sumy.models.dom as dom
        from sumy.nlp.stemmers import Stemmer
        from sumy.utils import get_stop_words
    except ImportError as error:
        raise MissingDependencyError(
            f"sumy is needed for the sumy baselines ({error}); pip install 'storyline[eval]'"
        ) from None
    return SimpleNamespace(
        ObjectDocumentModel=dom.ObjectDocumentModel,
        Paragraph=dom.Paragraph,
        Sentence=dom.Sentence,
        Stemmer=Stemmer,
        get_stop_words=get_stop_words,
    )


def _sumy_factory(module: str, cls: str) -> Callable[[Any], Any]:
    def build(stemmer: Any) -> Any:
        import importlib

        return getattr(importlib.import_module(f"sumy.summarizers.{module}"), cls)(stemmer)

    return build


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


_SUMY_METHODS = (
    ("sumy_lexrank", "lex_rank", "LexRankSummarizer", "sumy LexRank (Erkan & Radev, 2004)"),
    ("sumy_textrank", "text_rank", "TextRankSummarizer", "sumy TextRank (Mihalcea & Tarau, 2004)"),
    ("sumy_lsa", "lsa", "LsaSummarizer", "sumy LSA (Steinberger & Jezek, 2004)"),
    ("sumy_luhn", "luhn", "LuhnSummarizer", "sumy Luhn (Luhn, 1958)"),
    ("sumy_sumbasic", "sum_basic", "SumBasicSummarizer", "sumy SumBasic (Nenkova & Vanderwende, 2005)"),
)


def all_systems() -> dict[str, System]:
    """Every system by name: references (oracle, random, lead), sumy's five (then the same through
    Storyline's selector), Storyline's rankers (default first). Building them imports no sumy."""
    rankers = [DEFAULT_RANKER, *sorted(n for n in RANKERS if n not in (DEFAULT_RANKER, *REFERENCES))]
    systems: list[System] = [
        OracleSystem(),
        RandomSystem(),
        RankerSystem(RANKERS["lead"]),
        *(
            SumySystem(name, _sumy_factory(module, cls), description, through_select=through)
            for name, module, cls, description in _SUMY_METHODS
            for through in (False, True)
        ),
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
    "SumySystem",
    "System",
    "all_systems",
    "is_sumy",
    "prepare",
    "resolve",
    "sumy_missing",
]
