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

Another process may make some of these results for this one (the command line's one-shot brief:
:mod:`storyline.extract.nlp_sibling`): within :func:`supplied_by`, the pipeline tells the
:class:`Supplier` the documents of the story it is about to analyse (:func:`announce`), and a
:class:`Kept` that misses a text while results of its kind are still on their way waits for them
(:meth:`Supplier.supply`) before it answers; what the supplier never brings is made here as always.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    from storyline.model import Document

__all__ = ["Kept", "Supplier", "announce", "clear", "is_keeping", "keeping", "named", "supplied_by", "supplying"]

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
        """The result kept for ``text`` (now the most recently used), or None (once what a supplier
        brings for this kind is in: :func:`supplied_by`)."""
        found = self._get(text)
        if found is None and _awaited(self.name):
            found = self._get(text)
        return found

    def _get(self, text: str) -> V | None:
        with self._lock:
            entry = self._held.get(text)
            if entry is None:
                return None
            self._held.move_to_end(text)
            return entry[0]

    def lookup(self, texts: Iterable[str]) -> tuple[dict[str, V], list[str]]:
        """The kept results of ``texts``, and the distinct texts without one, in their first order (once
        what a supplier brings for this kind is in: :func:`supplied_by`)."""
        found, missing = self._lookup(texts)
        if missing and _awaited(self.name):
            more, missing = self._lookup(missing)
            found.update(more)
        return found, missing

    def _lookup(self, texts: Iterable[str]) -> tuple[dict[str, V], list[str]]:
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


def named(name: str) -> Kept[object]:
    """The :class:`Kept` of that name (the kinds: "ner", "parse", "numbers (parse)", "numbers (word order)")."""
    for kept in _ALL:
        if kept.name == name:
            return kept
    raise KeyError(f"no kept results named {name!r}; the kinds: {', '.join(k.name for k in _ALL)}")


class Supplier(Protocol):
    """Results made elsewhere (another process) for the story being briefed here."""

    def story(self, documents: Sequence[Document]) -> tuple[str, ...]:
        """Start on the story of these documents; the names of the kinds of results it will bring."""

    def supply(self, name: str) -> None:
        """Wait for the results of kind ``name`` and keep them (:meth:`Kept.keep`); return without
        them if they cannot come (whatever the supplier failed at, it keeps it to itself)."""


class _Supply:
    """The supplier of this process's brief, and the kinds of results it is still to bring."""

    def __init__(self) -> None:
        self.by: Supplier | None = None
        self.awaited: set[str] = set()


_SUPPLY = _Supply()


@contextmanager
def supplied_by(supplier: Supplier | None) -> Iterator[None]:
    """Within the block, results of the story :func:`announce` names may come from ``supplier`` (None: none)."""
    _SUPPLY.by, _SUPPLY.awaited = supplier, set()
    try:
        yield
    finally:
        _SUPPLY.by, _SUPPLY.awaited = None, set()


def supplying() -> bool:
    """Whether a supplier is making some of this brief's results (its spaCy pipeline loaded there, not here)."""
    return bool(_SUPPLY.awaited)


def announce(documents: Sequence[Document]) -> None:
    """Tell the supplier, if there is one, the documents whose results the brief is about to ask for."""
    if _SUPPLY.by is not None and _STATE["on"]:
        _SUPPLY.awaited = set(_SUPPLY.by.story(documents))


def _awaited(name: str) -> bool:
    """Wait for the supplier's results of kind ``name`` if they are still to come; whether they were."""
    if _SUPPLY.by is None or name not in _SUPPLY.awaited:
        return False
    _SUPPLY.awaited.discard(name)  # asked once: a text the supplier did not bring is made here
    _SUPPLY.by.supply(name)
    return True


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
