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
2. **While splitting**, measured on this machine as it is now (a loaded one is several times
   slower than the calibration): the summary's stages cost about :data:`CORE_OVER_SPLIT` times
   what splitting the same text costs, whatever the machine's speed, so splitting stops at the
   line where the time it has taken, times that ratio, would end those stages past their share
   of the budget (:meth:`Deadline.split_stop`); the rest is cut there. Whatever the machine, no
   constant of seconds is trusted here: only the pace of this brief.
3. **Inside the fact sections**: their long loops call :func:`checkpoint`, which raises
   :class:`BudgetSpent` once the budget is spent; the section then is left out whole (never a
   partial section with wrong source counts), and the sections not started are left out too.
   spaCy's NER, the costliest of them, runs only on what it reads in the time then left at this
   brief's own pace (:func:`entity_backend`), else the rules find the entities.

4. **Hard stops**, where the process owns its signals (:func:`hard_stops`: the CLI and the web
   app's workers): the three ways above are forecasts, and a forecast made at one pace fails when
   the machine's load changes under it (a web worker at nice +15 on a busy machine ran 17 s of
   ranking on 1.3 s of CPU). So the summary's stages are interrupted (SIGALRM, raising
   :class:`BudgetSpent` between two bytecodes of whatever runs) once :data:`CORE_HARD_SHARE` of the
   budget has passed, and the brief's summary is then its lead sentences
   (:meth:`Deadline.hard`); the fact sections are interrupted at ``1 - RENDER_SHARE`` of it, the
   rest being the renderer's. Each is a named warning. An interrupt can land in the middle of
   anything, so a process that took one is not reused for another brief (:func:`interrupted`).

A process killed at a deadline is the web app's last resort (:mod:`storyline.web.workers`).
"""

from __future__ import annotations

import math
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from typing import TypeVar

from storyline.extract.analyses import supplying
from storyline.model import Article, Corpus

__all__ = [
    "CORE_CHARS_PER_S",
    "CORE_HARD_SHARE",
    "CORE_OVER_SPLIT",
    "CORE_SHARE",
    "MIN_CHARS",
    "RENDER_SHARE",
    "SPACY_CHARS_PER_S",
    "SPACY_LOAD_S",
    "SPACY_SHARE",
    "BudgetSpent",
    "Deadline",
    "checkpoint",
    "core_chars",
    "entity_backend",
    "fit",
    "hard_stops",
    "interrupted",
    "left_of",
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
#: Seconds to import spaCy and load its model on 2 cores at load ~1, paid once a process (the
#: storyline.extract.nlp docstring): a command's first brief pays it inside its budget.
SPACY_LOAD_S = 2.5
#: What the summary's stages (split, clean, date, fold, rank, select) cost over what splitting alone
#: costs on the same text: a ratio of two CPU-bound stages in one process, so the machine's speed
#: and load cancel out (measured as bench/hostile.py's inputs at load ~20: news 9 at 0.3 MB and 21
#: at 1 MB, the seeds 12, a long line 8, a long token 3; the largest, so that what is split fits).
CORE_OVER_SPLIT = 20

#: Where hard stops are on, the share of a time budget by which the summary's stages (split to
#: select) must be done: past it they are interrupted and the summary is the lead sentences. Their
#: forecast aims at :data:`CORE_SHARE`; the difference is the forecast's margin of error.
CORE_HARD_SHARE = 0.7
#: The share of a time budget kept for rendering the brief and handing it over (the CLI prints it,
#: a web worker serialises and sends it): the fact sections are interrupted before it.
RENDER_SHARE = 0.05

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


def left_of(budget_s: float | None, started: float) -> float | None:
    """What is left of a budget of ``budget_s`` seconds counted from ``started`` (``time.monotonic()``,
    which is one clock for every process of a Linux machine): a command's or a request's budget covers
    starting, reading and parsing too. Never under a fifth of it, so that a brief that started late
    (a request queued behind others) still has time for its first stages."""
    if budget_s is None:
        return None
    left = max(budget_s / 5, budget_s - (time.monotonic() - started))
    # Tenths, rounded down (what is left is never overstated): the warnings then read "19.4 s".
    return math.floor(left * 10) / 10 if left >= 1 else left


# Hard stops: on in the main thread of a process within hard_stops(); a region armed by Deadline.hard.
_hard = {"enabled": 0, "armed": False, "fired": False}


def _on_alarm(_signum: int, _frame: object) -> None:
    if _hard["armed"]:
        _hard["fired"] = True
        raise BudgetSpent


@contextmanager
def hard_stops() -> Iterator[bool]:
    """Within, a budgeted brief's stages are interrupted at their deadlines (point 4 of the module
    docstring); yields whether they can be. Only for a process that owns its signals (SIGALRM and the
    real-time interval timer are taken over inside, then given back) and only in its main thread,
    where Python runs signal handlers; elsewhere, and on systems without ``setitimer``, the budget is
    kept by its forecasts and checkpoints alone."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield False
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _hard["enabled"] += 1
    try:
        yield True
    finally:
        _hard["enabled"] -= 1
        _hard["armed"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def interrupted() -> bool:
    """Whether a hard stop interrupted something in this process since the last call (which resets it)."""
    fired, _hard["fired"] = _hard["fired"], False
    return bool(fired)


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


def entity_backend(backend: str, chars: int, deadline: Deadline) -> tuple[str, tuple[str, ...]]:
    """The entity finder to run on ``chars`` characters: ``"auto"`` is the rules when spaCy's NER
    would not get through them in its share of the time budget, nor in the time left at the pace
    this brief has run so far (:meth:`Deadline.pace`), with a warning saying so."""
    if backend != "auto" or deadline.seconds is None:
        return backend, ()
    seconds = min(deadline.seconds * SPACY_SHARE, deadline.left())
    # Not loaded yet in this process, nor in the one reading for it (storyline.extract.nlp_sibling): loading
    # it is part of the cost.
    if "spacy" not in sys.modules and not supplying():
        seconds -= SPACY_LOAD_S * deadline.slowdown
    fits = max(0, int(seconds * SPACY_CHARS_PER_S / deadline.slowdown))
    if chars <= fits:
        return backend, ()
    pace = f", {deadline.slowdown:.1f} times slower than calibrated" if deadline.slowdown > 1 else ""
    return "rules", (
        f"entities found by the rules, not spaCy: {chars:,} characters are more than spaCy reads in "
        f"what is left of time_budget_s={deadline.seconds:g} (about {fits:,}{pace})",
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
        #: What the hard stops cut besides whole sections (:meth:`cut`), each a warning of its own.
        self.cuts: list[str] = []
        #: How many times slower than calibrated this brief's summary stages ran (:meth:`pace`).
        self.slowdown = 1.0

    def spent(self, share: float = 1.0) -> bool:
        """Whether ``share`` of the budget has passed."""
        if self._end is None or self.seconds is None:
            return False
        if share == 1.0:
            return time.monotonic() > self._end
        return time.monotonic() - self._start > share * self.seconds

    def left(self) -> float:
        """Seconds left of the budget (infinite without one)."""
        if self._end is None:
            return float("inf")
        return max(0.0, self._end - time.monotonic())

    def split_stop(self) -> Callable[[], bool] | None:
        """The ``stop`` of a splitting (:func:`storyline.text.sentences.split_until`), None without a
        budget: true once splitting has taken so long that the summary's stages, at
        :data:`CORE_OVER_SPLIT` times its cost, would end past :data:`CORE_SHARE` of the budget."""
        if self.seconds is None:
            return None
        end = self._start + CORE_SHARE * self.seconds
        started: list[float] = []

        def stop() -> bool:
            # Timed from the first question on, after the first line: that line pays the splitter's
            # first-use costs (imports, patterns compiled), which no later line pays again.
            now = time.monotonic()
            if not started:
                started.append(now)
                return now > end
            return started[0] + CORE_OVER_SPLIT * (now - started[0]) > end

        return stop

    def pace(self, chars: int) -> None:
        """Note that the summary's stages got through ``chars`` characters by now: :attr:`slowdown`
        is then how much longer they took than :data:`CORE_CHARS_PER_S` says (the machine's load),
        counting at least a second for them (a small brief's fixed costs are no slowness)."""
        expected = max(chars / CORE_CHARS_PER_S, 1.0)
        self.slowdown = max(1.0, (time.monotonic() - self._start) / expected)

    @contextmanager
    def active(self) -> Iterator[Deadline]:
        """While inside, :func:`checkpoint` answers for this budget."""
        token = _CURRENT.set(self)
        try:
            yield self
        finally:
            _CURRENT.reset(token)

    @contextmanager
    def hard(self, share: float) -> Iterator[Deadline]:
        """Inside, :class:`BudgetSpent` is raised once ``share`` of the budget has passed: at once when it
        has already, else by an interrupt within :func:`hard_stops` (and at every :func:`checkpoint`
        past the whole budget, as in :meth:`active`)."""
        if self.seconds is None:
            with self.active():
                yield self
            return
        left = self._start + share * self.seconds - time.monotonic()
        if left <= 0:
            raise BudgetSpent
        if not _hard["enabled"] or threading.current_thread() is not threading.main_thread():
            with self.active():
                yield self
            return
        signal.setitimer(signal.ITIMER_REAL, left)
        _hard["armed"] = True
        try:
            with self.active():
                yield self
        finally:
            _hard["armed"] = False  # first: an alarm from here on raises nothing
            signal.setitimer(signal.ITIMER_REAL, 0)

    def run(self, name: str, stage: Callable[[], tuple[T, ...]]) -> tuple[T, ...]:
        """``stage()``, or nothing (and ``name`` in :meth:`warnings`) when the budget, less the
        renderer's share, is spent before it starts or while it runs."""
        if self.spent(1 - RENDER_SHARE):
            self.left_out.append(name)
            return ()
        try:
            with self.hard(1 - RENDER_SHARE):
                return stage()
        except BudgetSpent:
            self.stopped.append(name)
            return ()

    def cut(self, warning: str) -> None:
        """Note what a hard stop cut, as a warning of the brief."""
        self.cuts.append(warning)

    def warnings(self) -> tuple[str, ...]:
        if not self.left_out and not self.stopped:
            return tuple(self.cuts)
        parts = [f"{', '.join(self.stopped)} stopped before the end" if self.stopped else ""]
        parts += [f"{', '.join(self.left_out)} not started" if self.left_out else ""]
        done = "; ".join(p for p in parts if p)
        left = ", ".join(self.stopped + self.left_out)
        return (*self.cuts, f"time budget of {self.seconds:g} s spent: {left} left out ({done}; time_budget_s)")
