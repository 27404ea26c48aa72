"""sumy's summarizers as baselines: ranking Storyline's candidate sentences through sumy's API.

sumy (the ``eval`` extra) is imported on first use, so building the registry
needs none of it and ``storyline eval --ranker lead`` runs without it
(:func:`sumy_missing` says why the sumy baselines are skipped). Each method
comes twice: with its own budget rule (:class:`~storyline.eval.systems.OrderSystem`)
and, as ``NAME+select``, through Storyline's :func:`storyline.select.select`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any

import numpy as np

from storyline.errors import MissingDependencyError
from storyline.eval.systems import THROUGH_SELECT, Context, OrderSystem, Prepared
from storyline.features.context import Features
from storyline.select import select


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


_SUMY_METHODS = (
    ("sumy_lexrank", "lex_rank", "LexRankSummarizer", "sumy LexRank (Erkan & Radev, 2004)"),
    ("sumy_textrank", "text_rank", "TextRankSummarizer", "sumy TextRank (Mihalcea & Tarau, 2004)"),
    ("sumy_lsa", "lsa", "LsaSummarizer", "sumy LSA (Steinberger & Jezek, 2004)"),
    ("sumy_luhn", "luhn", "LuhnSummarizer", "sumy Luhn (Luhn, 1958)"),
    ("sumy_sumbasic", "sum_basic", "SumBasicSummarizer", "sumy SumBasic (Nenkova & Vanderwende, 2005)"),
)


def sumy_systems() -> list[SumySystem]:
    """Every sumy method, each followed by its ``+select`` variant (no sumy import yet)."""
    return [
        SumySystem(name, _sumy_factory(module, cls), description, through_select=through)
        for name, module, cls, description in _SUMY_METHODS
        for through in (False, True)
    ]


__all__ = ["SumySystem", "sumy_missing", "sumy_systems"]
