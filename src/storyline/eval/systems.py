"""The systems compared in one evaluation run, all on the same candidate sentences.

Every system sees the cluster after Storyline's reading, splitting, cleaning
and folding (one :class:`Prepared` per cluster), and fills the same word
budget: sentences are taken in the system's order until the budget is
reached; the protocol then cuts the summary to its length.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.eval.rouge import Rouge
from storyline.features.context import Features
from storyline.features.embeddings import load_embedder
from storyline.model import Story
from storyline.rankers import DEFAULT_RANKER, RANKERS
from storyline.select import select


@dataclass(frozen=True)
class Prepared:
    """One cluster, ready for every system: the story and its candidate sentences."""

    story: Story
    candidates: tuple[str, ...]  # selectable items' texts, in document order
    references: tuple[str, ...]


@dataclass(frozen=True)
class System:
    """A named summarizer: ``run(prepared, words, rouge)`` returns summary sentences."""

    name: str
    kind: str  # "reference", "sumy" or "storyline"
    run: Callable[[Prepared, int, Rouge], list[str]]


def fill(ordered: Sequence[str], words: int) -> list[str]:
    """Sentences in the given order until ``words`` is reached (the last may cross it)."""
    chosen, used = [], 0
    for sentence in ordered:
        if used >= words:
            break
        chosen.append(sentence)
        used += len(sentence.split())
    return chosen


def _random(prepared: Prepared, words: int, rouge: Rouge) -> list[str]:
    order = list(prepared.candidates)
    random.Random(len(order) * 7919 + len(prepared.references)).shuffle(order)
    return fill(order, words)


def oracle(prepared: Prepared, words: int, rouge: Rouge) -> list[str]:
    """Greedy extractive oracle: add the sentence that raises ROUGE-1 + ROUGE-2 most,
    until the budget is full or nothing helps (as in Nallapati et al., 2017 and
    Kedzie et al., 2018): the extractive upper bound on these candidates."""
    chosen: list[str] = []
    best = 0.0
    remaining = list(dict.fromkeys(prepared.candidates))
    while remaining and sum(len(s.split()) for s in chosen) < words:
        gains = []
        for sentence in remaining:
            scores = rouge.score([*chosen, sentence], prepared.references)
            gains.append(scores["rouge1"] + scores["rouge2"])
        top = max(range(len(gains)), key=gains.__getitem__)
        if gains[top] <= best:
            break
        best = gains[top]
        chosen.append(remaining.pop(top))
    return chosen


def _storyline(name: str) -> Callable[[Prepared, int, Rouge], list[str]]:
    ranker = RANKERS[name]

    def run(prepared: Prepared, words: int, rouge: Rouge) -> list[str]:
        embedder = load_embedder("static" if ranker.needs_embeddings else "auto")
        features = Features(prepared.story, embedder=embedder)
        chosen = select(features, ranker.score(features), words=words, overflow=True)
        return [features.items[i].text for i in chosen]

    return run


class _Tokenizer:
    """Word tokenizer for sumy that needs no NLTK download."""

    language = "english"
    _WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(self._WORD.findall(text))

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:  # not used: sentences are given
        return (paragraph,)


def _sumy(kind: str) -> Callable[[Prepared, int, Rouge], list[str]]:
    def run(prepared: Prepared, words: int, rouge: Rouge) -> list[str]:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
        from sumy.nlp.stemmers import Stemmer
        from sumy.utils import get_stop_words

        tokenizer = _Tokenizer()
        sentences = [Sentence(text, tokenizer) for text in dict.fromkeys(prepared.candidates)]
        if not sentences:
            return []
        document = ObjectDocumentModel([Paragraph(sentences)])
        summarizer = _SUMY[kind](Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        ranked: list[Any] = []

        def capture(infos: list[Any]) -> list[Any]:
            # sumy passes the sentences sorted by its rating, best first: keep that order.
            ranked.extend(infos)
            return infos

        summarizer(document, capture)
        return fill([str(info.sentence) for info in ranked], words)

    return run


def _sumy_classes() -> dict[str, Any]:
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    return {
        "lexrank": LexRankSummarizer,  # Erkan & Radev, 2004
        "textrank": TextRankSummarizer,  # Mihalcea & Tarau, 2004
        "lsa": LsaSummarizer,  # Steinberger & Jezek, 2004
        "luhn": LuhnSummarizer,  # Luhn, 1958
        "sumbasic": SumBasicSummarizer,  # Nenkova & Vanderwende, 2005
    }


class _LazyClasses(dict[str, Any]):
    def __missing__(self, key: str) -> Any:
        self.update(_sumy_classes())
        return dict.__getitem__(self, key)


_SUMY = _LazyClasses()

SUMY_METHODS = ("lexrank", "textrank", "lsa", "luhn", "sumbasic")


def all_systems() -> dict[str, System]:
    """Every system, by name: references, sumy's classics, Storyline's rankers."""
    systems = [
        System("random", "reference", _random),
        System("oracle", "reference", oracle),
        *[System(f"sumy-{m}", "sumy", _sumy(m)) for m in SUMY_METHODS],
        *[System(name, "storyline", _storyline(name)) for name in RANKERS],
    ]
    return {s.name: s for s in systems}


def choose(spec: str) -> list[str]:
    """System names from a ``--ranker`` value: ``all``, ``default``, or NAME[,NAME...]."""
    from storyline.errors import ConfigError

    systems = all_systems()
    if spec == "all":
        return list(systems)
    names = [DEFAULT_RANKER if n.strip() == "default" else n.strip() for n in spec.split(",") if n.strip()]
    unknown = [n for n in names if n not in systems]
    if unknown:
        raise ConfigError(f"unknown system {unknown[0]!r}; choose all, default or from {', '.join(systems)}")
    context = ["random", "lead", "oracle"]
    return list(dict.fromkeys([*names, *[c for c in context if c not in names]]))


def timed(system: System, prepared: Prepared, words: int, rouge: Rouge) -> tuple[list[str], float]:
    start = time.perf_counter()
    summary = system.run(prepared, words, rouge)
    return summary, time.perf_counter() - start
