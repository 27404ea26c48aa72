"""The size and time budget of one brief (``BriefConfig.max_documents``, ``max_chars``, ``time_budget_s``).

Over the size budget, the corpus is cut to what fits before anything is computed: whole articles
in input order while they fit, the first one cut at a line break when it alone is too long (a
prefix, so every offset into it is an offset into the article as read). Over the time budget,
the stages still to run are left out: articles not yet split once half the budget is spent, fact
sections not yet extracted once all of it is. Each cut is a named warning in the brief; nothing
is dropped silently. Hard stops (a process killed at a deadline) are the web app's job
(:mod:`storyline.web.workers`): Python cannot interrupt a CPU-bound stage from inside.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from storyline.model import Article, Corpus

__all__ = ["Deadline", "fit"]

T = TypeVar("T")


def fit(corpus: Corpus, *, max_documents: int, max_chars: int) -> Corpus:
    """``corpus`` cut to at most ``max_documents`` articles and ``max_chars`` characters of text, with warnings."""
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
                f"(the brief's budget is {max_chars:,}; max_chars)"
            )
            kept.append(replace(article, text=article.text[:cut]))
            total = cut
        break
    left = corpus.articles[len(kept) :]
    if left:
        chars = sum(len(a.text) for a in left)
        limit = f"max_documents={max_documents:,}" if len(kept) == max_documents else f"max_chars={max_chars:,}"
        warnings.append(
            f"over the brief's budget ({limit}): {len(left):,} of {len(corpus.articles):,} articles "
            f"({chars:,} characters) left out, the first {left[0].id}"
        )
    if not warnings:
        return corpus
    return Corpus(tuple(kept), corpus.warnings + tuple(warnings))


def _prefix(article: Article, max_chars: int) -> int:
    """Where to cut an article longer than the budget: the last line break before it, else the budget itself."""
    line_break = article.text.rfind("\n", article.body_start, max_chars)
    return line_break + 1 if line_break > article.body_start else max(max_chars, article.body_start)


class Deadline:
    """A time budget started now (``None``: no budget); remembers what it left out."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._start = time.monotonic()
        self.left_out: list[str] = []

    def spent(self, share: float = 1.0) -> bool:
        """Whether ``share`` of the budget has passed."""
        return self.seconds is not None and time.monotonic() - self._start > share * self.seconds

    def run(self, name: str, stage: Callable[[], tuple[T, ...]]) -> tuple[T, ...]:
        """``stage()``, or nothing (and ``name`` in :meth:`warnings`) when the budget is spent."""
        if self.spent():
            self.left_out.append(name)
            return ()
        return stage()

    def warnings(self) -> tuple[str, ...]:
        if not self.left_out:
            return ()
        return (f"time budget of {self.seconds:g} s spent: {', '.join(self.left_out)} left out (time_budget_s)",)
