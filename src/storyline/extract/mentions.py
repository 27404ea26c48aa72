"""The mention layer: what each sentence mentions, computed once per sentence and shared by every stage.

As in news-tls, a sentence knows its article's date and the dates it mentions, each with its
precision; it also knows the numbers it writes, each with what it counts. The timeline, the figures
and the disagreements all read this one layer, so a date or a number is read one way everywhere.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import replace

from storyline.budget import checkpoint
from storyline.extract.analyses import Kept
from storyline.extract.dates import Context, document_contexts, sentence_dates
from storyline.extract.event_parse import parse_available
from storyline.extract.numbers import Number, sentence_numbers
from storyline.extract.parses import read_batched
from storyline.model import DAY, DateMention, Document, Sentence, Story

__all__ = ["Mentions", "story_mentions"]


class Mentions:
    """Date and number mentions of the sentences of some documents, each computed on first use and kept."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self._documents = {d.id: d for d in documents}
        self._dates: dict[str, tuple[DateMention, ...]] = {}
        self._contexts: dict[str, list[Context]] = {}
        self._numbers: dict[str, tuple[Number, ...]] = {}

    def dates(self, s: Sentence) -> tuple[DateMention, ...]:
        """The sentence's date mentions, resolved against its document's date."""
        if s.key not in self._dates:
            checkpoint()
            document = self._documents[s.doc_id]
            anchor = document.article.date
            context = None
            if anchor is None:  # an undated document: what its text ties a month and day to, read once
                if s.doc_id not in self._contexts:
                    self._contexts[s.doc_id] = document_contexts(document.sentences)
                context = self._contexts[s.doc_id][s.index]
            self._dates[s.key] = sentence_dates(s, anchor, context)
        return self._dates[s.key]

    def first_day(self, s: Sentence) -> DateMention | None:
        """The sentence's first day-precision date mention: the day it reports on, if it says."""
        return next((m for m in self.dates(s) if m.precision == DAY), None)

    def numbers(self, s: Sentence) -> tuple[Number, ...]:
        """The numbers the sentence writes, each with what it counts."""
        if s.key not in self._numbers:
            self._numbers[s.key] = _numbers(s)
        return self._numbers[s.key]

    def read_numbers(self, sentences: Iterable[Sentence]) -> None:
        """Read the numbers of these sentences now, the parses of their figures' events made in batches
        (:func:`storyline.extract.parses.read_batched`): the same numbers, several times faster."""
        pending = [s for s in dict.fromkeys(sentences) if s.key not in self._numbers]
        for s, numbers in zip(pending, read_batched(pending, _numbers), strict=True):
            self._numbers[s.key] = numbers


def _weight(text: str, numbers: tuple[Number, ...]) -> int:
    """About the bytes a kept sentence's numbers hold: the text, the entry, ~250 bytes a number (its object
    and the short strings it holds)."""
    return sys.getsizeof(text) + 150 + 250 * len(numbers)


# The numbers of each sentence text, kept across briefs (storyline.extract.analyses) with their spans
# relative to the sentence: what sentence_numbers reads of a sentence (the figures, their units, their
# events) depends on its text alone, the document and offsets aside, and on whether the events are read
# from the parse (a brief with rule-based entities reads them by word order: event_parse.parsing), so
# each way has its own. 32 MB each: the 1,000-document cluster's 30,209 sentences (20,835 distinct, 6,339
# numbers) weigh ~9 MB so (5 MB traced beside the sentences' own texts, which the keys then keep), and a
# rebuilt story reads no number twice (the figures were a tenth of that cluster's rebuild,
# bench/results/stages.md).
_KEPT: dict[bool, Kept[tuple[Number, ...]]] = {
    parsed: Kept(f"numbers ({'parse' if parsed else 'word order'})", 32 << 20, _weight) for parsed in (True, False)
}


def _numbers(s: Sentence) -> tuple[Number, ...]:
    checkpoint()
    cache = _KEPT[parse_available()]
    kept = cache.get(s.text)
    if kept is not None:
        return tuple(
            replace(n, doc=s.doc_id, sentence=s.index, start=s.start + n.start, end=s.start + n.end) for n in kept
        )
    numbers = sentence_numbers(s)  # may raise ParseWanted (read_batched's first pass): nothing kept then
    cache.keep(
        s.text, tuple(replace(n, doc="", sentence=0, start=n.start - s.start, end=n.end - s.start) for n in numbers)
    )
    return numbers


def story_mentions(story: Story) -> Mentions:
    """The story's mention layer, computed once and kept with the story."""
    layer = story.cache.get("mentions")
    if not isinstance(layer, Mentions):
        layer = Mentions(story.documents)
        story.cache["mentions"] = layer
    return layer
