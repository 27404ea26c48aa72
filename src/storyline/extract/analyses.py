"""The NLP layer's results kept per process by the exact text analysed: a rebuilt brief analyses only what is new.

A story's brief is rebuilt whenever the story changes (:mod:`storyline.stories.refresh`): a story
that gained one article brings its other articles' text back unchanged. spaCy reads each text given
to ``nlp.pipe`` on its own, whatever else is in the batch (the NER a paragraph's chunk,
:mod:`.entities_spacy`; the parser a sentence, :mod:`.parses`; tests/extract/test_nlp.py), so what
it gave a text once is what it gives that text again, and keeping it, keyed by that exact text (the
unit passed to ``nlp.pipe``, after NFC) and by the kind of analysis, leaves every brief byte for byte
as it was (tests/extract/test_analyses.py).

The numbers read off a sentence (:mod:`.mentions`: its figures, their units, the events its parse
gives them) are kept the same way, by the sentence's text, with their spans relative to it: they
follow from that text alone (and from whether the parse may be read: two caches).

Each kind of result is one :class:`Kept`: least recently used out first, bounded by an estimate of
the memory it holds (each bound's reason is beside it, where it is made). A process's threads share
it (a lock guards it); processes each have their own (the brief workers are spawned, not forked; a
fork's child starts with every kept result but a fresh lock). :func:`clear` empties every one (a
bench timing the cold path, a test); ``STORYLINE_NLP_CACHE=off`` in the environment, or
:func:`keeping` ``(False)``, keeps nothing (each call analyses afresh, as before the cache).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

__all__ = ["Kept", "clear", "is_keeping", "keeping"]

V = TypeVar("V")

_ALL: list[Kept[object]] = []
_STATE = {"on": os.environ.get("STORYLINE_NLP_CACHE", "on").strip().lower() not in ("off", "0", "no", "false")}


class Kept(Generic[V]):
    """Results by the text they are of, at most ``limit`` (estimated bytes, ``weigh(text, result)`` each) held."""

    def __init__(self, name: str, limit: int, weigh: Callable[[str, V], int]) -> None:
        self.name = name
        self.limit = limit
        self._weigh = weigh
        self._held: OrderedDict[str, tuple[V, int]] = OrderedDict()
        self.weight = 0  # the estimated bytes held: never over ``limit``
        self._lock = threading.Lock()
        _ALL.append(self)  # type: ignore[arg-type]  # a Kept is only read back to be cleared

    def __len__(self) -> int:
        return len(self._held)

    def get(self, text: str) -> V | None:
        """The result kept for ``text`` (now the most recently used), or None."""
        with self._lock:
            entry = self._held.get(text)
            if entry is None:
                return None
            self._held.move_to_end(text)
            return entry[0]

    def lookup(self, texts: Iterable[str]) -> tuple[dict[str, V], list[str]]:
        """The kept results of ``texts``, and the distinct texts without one, in their first order."""
        found: dict[str, V] = {}
        missing: list[str] = []
        with self._lock:
            for text in dict.fromkeys(texts):
                entry = self._held.get(text)
                if entry is None:
                    missing.append(text)
                else:
                    self._held.move_to_end(text)
                    found[text] = entry[0]
        return found, missing

    def keep(self, text: str, result: V) -> None:
        """Keep ``result`` for ``text``, dropping the least recently used past the limit (nothing when
        keeping is off, or when the one result alone weighs more than the limit)."""
        if not _STATE["on"]:
            return
        weight = self._weigh(text, result)
        if weight > self.limit:
            return
        with self._lock:
            old = self._held.pop(text, None)
            if old is not None:
                self.weight -= old[1]
            self._held[text] = (result, weight)
            self.weight += weight
            while self.weight > self.limit:
                _, (_, dropped) = self._held.popitem(last=False)
                self.weight -= dropped

    def clear(self) -> None:
        with self._lock:
            self._held.clear()
            self.weight = 0

    def _after_fork(self) -> None:
        self._lock = threading.Lock()  # the parent's may have been held by a thread the child does not have


def clear() -> None:
    """Empty every kept result of this process."""
    for kept in _ALL:
        kept.clear()


def keeping(on: bool) -> None:
    """Keep results from now on (the default), or keep none and empty what is kept."""
    _STATE["on"] = on
    if not on:
        clear()


def is_keeping() -> bool:
    return _STATE["on"]


def _renew_locks() -> None:
    for kept in _ALL:
        kept._after_fork()


os.register_at_fork(after_in_child=_renew_locks)
