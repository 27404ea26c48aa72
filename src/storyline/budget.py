"""The size and time budget of one brief (``BriefConfig.max_documents``, ``max_chars``, ``time_budget_s``).

Over the size budget, the corpus is cut to what fits before anything is computed: whole articles
in input order while they fit, the first one cut at a line break when it alone is too long (a
prefix, so every offset into it is an offset into the article as read).

A time budget is kept three ways, each a named warning in the brief; nothing is dropped silently:

1. **Up front**, it is a size budget too: the summary's stages (split, clean, date, fold, rank,
   select) cannot be left out, so the corpus is first cut to what they get through in
   :data:`CORE_SHARE` of the budget at :data:`CORE_CHARS_PER_S` (calibrated in bench/hostile.py on
   real news, the costliest text per character for them). Within it, the default entity finder
   (``entities="auto"``) reads with spaCy only what its NER gets through in :data:`SPACY_SHARE`
   of the budget at :data:`SPACY_CHARS_PER_S`, else with the rules (about 15 times faster).
2. **While splitting**, on a machine slower than calibrated (a loaded one): once
   :data:`SPLIT_SHARE` of the budget is spent, the rest is cut at the line reached. Splitting
   costs about an eighth of the summary's stages on news, so what is split by then still fits.
3. **Inside the fact sections**: their long loops call :func:`checkpoint`, which raises
   :class:`BudgetSpent` once the budget is spent; the section then is left out whole (never a
   partial section with wrong source counts), and the sections not started are left out too.

Hard stops (a process killed at a deadline) are the web app's job (:mod:`storyline.web.workers`):
Python cannot interrupt a CPU-bound stage from outside it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from typing import TypeVar

from storyline.model import Article, Corpus

__all__ = [
    "CORE_CHARS_PER_S",
    "CORE_SHARE",
    "MIN_CHARS",
    "SPACY_CHARS_PER_S",
    "SPACY_SHARE",
    "SPLIT_SHARE",
    "BudgetSpent",
    "Deadline",
    "checkpoint",
    "core_chars",
    "entity_backend",
    "fit",
]

T = TypeVar("T")

#: Characters of news a second through the summary's stages on 2 cores at load ~1 (bench/hostile.py:
#: 1 MB of Multi-News dev paragraphs in about 8 s, default options but the fact sections).
CORE_CHARS_PER_S = 120_000
#: The share of a time budget the summary's stages are sized for; the fact sections get the rest.
CORE_SHARE = 0.5
#: Characters of news a second through spaCy's NER (en_core_web_sm) on 2 cores at load ~1
#: (bench/hostile.py: about 20 s a MB).
SPACY_CHARS_PER_S = 50_000
#: A time budget never cuts the text shorter than this (a long article; well under a second's work):
#: a brief of nothing is no answer to a small budget.
MIN_CHARS = 10_000
#: The share of a time budget spaCy's NER is sized for.
SPACY_SHARE = 0.25
#: The share of a time budget after which splitting stops (the rest of the text is cut).
SPLIT_SHARE = 0.1

_CURRENT: ContextVar[Deadline | None] = ContextVar("storyline_deadline", default=None)


class BudgetSpent(Exception):  # noqa: N818 - a signal inside the pipeline, not an error a caller sees
    """The running brief's time budget is spent: the section being built is left out."""


def checkpoint() -> None:
    """Raise :class:`BudgetSpent` when the time budget of the brief being built is spent.

    Cheap (a context variable and a clock read), so long loops call it once an item.
    """
    deadline = _CURRENT.get()
    if deadline is not None and deadline.spent():
        raise BudgetSpent


def fit(corpus: Corpus, *, max_documents: int, max_chars: int, time_budget_s: float | None = None) -> Corpus:
    """``corpus`` cut to at most ``max_documents`` articles and ``max_chars`` characters of text, with warnings.

    With ``time_budget_s``, ``max_chars`` is at most what the summary's stages get through in their
    share of it (point 1 of the module docstring).
    """
    limit = f"max_chars={max_chars:,}"
    if time_budget_s is not None and core_chars(time_budget_s) < max_chars:
        max_chars = core_chars(time_budget_s)
        limit = f"time_budget_s={time_budget_s:g} fits about {max_chars:,} characters"
    kept: list[Article] = []
    total = 0
    warnings: list[str] = []
    for article in corpus.articles[:max_documents]:
        if total + len(article.text) <= max_chars:
            kept.append(article)
            total += len(article.text)
            continue
        if not kept:
            cut = _prefix(article, max_chars)
            warnings.append(
                f"{article.id}: cut to its first {cut:,} of {len(article.text):,} characters "
                f"(over the brief's budget: {limit})"
            )
            kept.append(replace(article, text=article.text[:cut]))
            total = cut
        break
    left = corpus.articles[len(kept) :]
    if left:
        chars = sum(len(a.text) for a in left)
        reason = f"max_documents={max_documents:,}" if len(kept) == max_documents else limit
        warnings.append(
            f"over the brief's budget ({reason}): {len(left):,} of {len(corpus.articles):,} articles "
            f"({chars:,} characters) left out, the first {left[0].id}"
        )
    if not warnings:
        return corpus
    return Corpus(tuple(kept), corpus.warnings + tuple(warnings))


def core_chars(time_budget_s: float) -> int:
    """Characters the summary's stages get through in their share of ``time_budget_s``."""
    return max(MIN_CHARS, int(time_budget_s * CORE_SHARE * CORE_CHARS_PER_S))


def entity_backend(backend: str, chars: int, time_budget_s: float | None) -> tuple[str, tuple[str, ...]]:
    """The entity finder to run on ``chars`` characters: ``"auto"`` is the rules when spaCy's NER
    would not get through them in its share of the time budget (with a warning saying so)."""
    if backend != "auto" or time_budget_s is None:
        return backend, ()
    fits = int(time_budget_s * SPACY_SHARE * SPACY_CHARS_PER_S)
    if chars <= fits:
        return backend, ()
    return "rules", (
        f"entities found by the rules, not spaCy: {chars:,} characters are more than spaCy reads in "
        f"time_budget_s={time_budget_s:g} (about {fits:,})",
    )


def _prefix(article: Article, max_chars: int) -> int:
    """Where to cut an article longer than the budget: the last line break before it, else the budget itself."""
    line_break = article.text.rfind("\n", article.body_start, max_chars)
    return line_break + 1 if line_break > article.body_start else max(max_chars, article.body_start)


class Deadline:
    """A time budget started now (``None``: no budget); remembers what it left out."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._start = time.monotonic()
        self._end = None if seconds is None else self._start + seconds
        self.left_out: list[str] = []
        self.stopped: list[str] = []

    def spent(self, share: float = 1.0) -> bool:
        """Whether ``share`` of the budget has passed."""
        if self._end is None or self.seconds is None:
            return False
        if share == 1.0:
            return time.monotonic() > self._end
        return time.monotonic() - self._start > share * self.seconds

    @contextmanager
    def active(self) -> Iterator[Deadline]:
        """While inside, :func:`checkpoint` answers for this budget."""
        token = _CURRENT.set(self)
        try:
            yield self
        finally:
            _CURRENT.reset(token)

    def run(self, name: str, stage: Callable[[], tuple[T, ...]]) -> tuple[T, ...]:
        """``stage()``, or nothing (and ``name`` in :meth:`warnings`) when the budget is spent
        before it starts or while it runs."""
        if self.spent():
            self.left_out.append(name)
            return ()
        try:
            with self.active():
                return stage()
        except BudgetSpent:
            self.stopped.append(name)
            return ()

    def warnings(self) -> tuple[str, ...]:
        if not self.left_out and not self.stopped:
            return ()
        parts = [f"{', '.join(self.stopped)} stopped before the end" if self.stopped else ""]
        parts += [f"{', '.join(self.left_out)} not started" if self.left_out else ""]
        done = "; ".join(p for p in parts if p)
        left = ", ".join(self.stopped + self.left_out)
        return (f"time budget of {self.seconds:g} s spent: {left} left out ({done}; time_budget_s)",)
