"""Online clustering of a stream of articles into stories (Miranda et al., EMNLP 2018).

Each arriving article is weighted with the stream's IDF so far (:mod:`.vectors`), compared with the
centroids of the candidate stories an inverted index proposes, and joins the most probable one when
the logistic model of :mod:`.decision` says so, else starts a new story. Copies of an article
already in the best story (bottom-k sketch Jaccard at least :data:`COPY_JACCARD`) always join it.

Cost per article stays flat as stories accumulate: the index keeps, for each term, only the
:data:`POSTINGS` stories that most recently used it, at most :data:`CANDIDATES` stories are scored,
and a story closes -- it leaves the live set and every posting -- once the feed's dates have moved
:data:`CLOSE_AFTER_DAYS` past its last change, or when :data:`LIVE_STORIES` others changed since.

A story's id is ``s-`` and the first 12 hex digits of its first article's content hash (of the
hash and the article's id, for a text too short to place): the same input gives the same ids in
every run and on every executor.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import struct
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter

from storyline.stories.decision import DEFAULT_MODEL, MAX_GAP_DAYS, Model, gap_feature
from storyline.stories.features import ArticleFeatures, sketch_similarity
from storyline.stories.vectors import CENTROID_TERMS, OnlineIdf, Vector, add_into, cosine, norm_of, top_terms

__all__ = ["MIN_TERMS", "Assignment", "Clusterer", "LiveStory", "placeable", "story_id"]

# Index terms per article: its 12 heaviest body terms, 6 names and its title's 4. Two articles of
# one story share at least one of them in 99% of the tuning half's same-story pairs.
QUERY_TERMS = (4, 12, 6)
# The most recent stories kept per term: a term shared by more stories than this (a common word
# the IDF has not yet pushed down) proposes only the latest ones.
POSTINGS = 64
# Stories scored per article: the ones sharing the most index terms with it.
CANDIDATES = 24
# Stories kept in memory; a story unchanged while this many others changed is closed.
LIVE_STORIES = 20_000
# A story unchanged while the newest date of the feed moved on by this much is closed. An article
# further than MAX_GAP_DAYS from a story's newest one is never scored against it, so closing it
# changes no decision for an article up to MAX_GAP_DAYS older than the newest yet (a feed that
# arrives out of order by up to a month). Without it a dated feed's postings fill with stories
# past the gap: each article counts ever longer postings, and stale stories take the candidates'
# places (the cost per article grew by half from 1,000 to 20,000 articles of bench/feed.py's stream).
CLOSE_AFTER_DAYS = 2 * MAX_GAP_DAYS
# A wire copy or a lightly edited rewrite shares most of its 3-shingles with its original; two
# outlets' own reports of one event share under 0.3 on the dev stream.
COPY_JACCARD = 0.6
# Sketches kept per story to find copies: the first articles, which later copies repeat.
COPY_MEMBERS = 32
# A text of fewer distinct content words than this (title included) is too short to tell which
# story it belongs to: in a scraped feed such texts are mostly page templates -- an archive's
# notice, a video player's or a social widget's text -- identical across unrelated stories. It
# starts a story of its own that nothing joins (it is never a candidate, nor a copy's original).
# On the dev stream's tuning half, and on a second split, 20 to 30 scored alike (B-cubed F1 +0.008
# to +0.011, pairwise +0.03 to +0.06 over none); 20 is the lowest, to leave wire flashes be.
MIN_TERMS = 20


def story_id(first_article_hash: str) -> str:
    return f"s-{first_article_hash[:12]}"


def placeable(features: ArticleFeatures) -> bool:
    """Whether an article has words enough (:data:`MIN_TERMS`) to be compared with stories."""
    return len(features.counts[1]) >= MIN_TERMS


@dataclass
class LiveStory:
    """A story's centroid per field (sums of unit member vectors, truncated) and what the index needs."""

    id: str
    centroid: list[Vector]
    norms: list[float]
    size: int = 0
    titled: int = 0
    created: int = 0
    last_date: dt.date | None = None
    sketches: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    alone: bool = False  # started by a text too short to place (see placeable): never a candidate
    seen: dt.date | None = None  # the feed's newest date when the story last changed (None: no date yet)

    def add(self, vectors: tuple[Vector, ...], date: dt.date | None) -> None:
        for f, vector in enumerate(vectors):
            self.centroid[f], self.norms[f] = add_into(self.centroid[f], vector, CENTROID_TERMS[f])
        self.size += 1
        self.titled += bool(vectors[0])
        if date is not None and (self.last_date is None or date > self.last_date):
            self.last_date = date

    def to_state(self) -> dict[str, object]:
        """What the store keeps to resume: centroid, counts, newest date, copy sketches."""
        return {
            "centroid": self.centroid,
            "size": self.size,
            "titled": self.titled,
            "created": self.created,
            "last_date": self.last_date.isoformat() if self.last_date else None,
            "sketches": [(a, _packed(s)) for a, s in self.sketches],
            "terms": self.terms,
            "alone": self.alone,
            "seen": self.seen.isoformat() if self.seen else None,
        }

    @classmethod
    def from_state(cls, story: str, state: dict[str, object]) -> LiveStory:
        centroid = [dict(v) for v in state["centroid"]]  # type: ignore[attr-defined]
        date = state.get("last_date")
        sketches = [(str(a), _unpacked(s)) for a, s in state.get("sketches", [])]  # type: ignore[attr-defined]
        live = cls(story, centroid, [norm_of(v) for v in centroid], int(state["size"]), int(state["titled"]))  # type: ignore[call-overload]
        live.created = int(state.get("created", 0))  # type: ignore[call-overload]
        live.last_date = dt.date.fromisoformat(str(date)) if date else None
        live.sketches = sketches
        live.terms = [str(t) for t in state.get("terms", [])]  # type: ignore[attr-defined]
        live.alone = bool(state.get("alone", False))
        seen = state.get("seen")
        live.seen = dt.date.fromisoformat(str(seen)) if seen else live.last_date
        return live


@dataclass(frozen=True)
class Assignment:
    """Where one article went: its story, whether that story is new, the model's probability and why."""

    article: str
    story: str
    new: bool
    probability: float
    copy_of: str | None = None
    too_short: bool = False

    @property
    def reason(self) -> str:
        if self.too_short:
            return f"new story (under {MIN_TERMS} distinct words: too short to place)"
        if self.copy_of:
            return f"copy of {self.copy_of}"
        if self.new:
            return "new story" if self.probability == 0 else f"new story (best candidate p={self.probability:.2f})"
        return f"joined (p={self.probability:.2f})"


class Clusterer:
    """The online state: the IDF so far, the live stories and the index that proposes candidates."""

    def __init__(self, *, model: Model = DEFAULT_MODEL, idf: OnlineIdf | None = None) -> None:
        self.model = model
        self.idf = idf or OnlineIdf()
        self.stories: OrderedDict[str, LiveStory] = OrderedDict()
        self.postings: dict[str, OrderedDict[str, None]] = {}
        self.created = 0  # stories started so far: their age order, which decides merges
        # The feed's newest date so far, and its first: a story changed before any date counts as
        # changed on the first one (see _close_old).
        self.newest: dt.date | None = None
        self.dated_since: dt.date | None = None

    # --- the online step -------------------------------------------------------------------
    def assign(self, article: str, features: ArticleFeatures, date: dt.date | None = None) -> Assignment:
        """Put one article in a story (updating the IDF, the story and the index) and say where."""
        self.idf.add(features.counts)
        vectors = self.idf.vectors(features.counts)
        if not placeable(features):
            return self._start(article, features, vectors, [], date, alone=True)
        terms = _query(vectors)
        best, best_p, copy_of = None, 0.0, None
        for story in self._candidates(terms, date):
            p = self.model.probability(self.features(vectors, story, date))
            if p > best_p:
                best, best_p = story, p
        if best is not None:
            copy_of = next((a for a, s in best.sketches if sketch_similarity(s, features.sketch) >= COPY_JACCARD), None)
        if best is not None and (best_p >= self.model.join or copy_of):
            self._update(best, vectors, terms, date, article, features.sketch)
            return Assignment(article, best.id, False, best_p, copy_of)
        return self._start(article, features, vectors, terms, date, probability=best_p)

    def _start(
        self,
        article: str,
        features: ArticleFeatures,
        vectors: tuple[Vector, ...],
        terms: list[str],
        date: dt.date | None,
        *,
        probability: float = 0.0,
        alone: bool = False,
    ) -> Assignment:
        """A new story of ``article``; an ``alone`` one is left out of the index and keeps no copy sketch."""
        self.created += 1
        # Identical short texts are not copies (see MIN_TERMS): each one's story is named after its id too.
        digest = hashlib.sha256(f"{features.hash}\n{article}".encode()).hexdigest() if alone else features.hash
        new = LiveStory(story_id(digest), [{} for _ in vectors], [0.0 for _ in vectors], created=self.created)
        new.alone = alone
        self._update(new, vectors, terms, date, article, () if alone else features.sketch)
        return Assignment(article, new.id, True, probability, too_short=alone)

    def add_copy(
        self, article: str, features: ArticleFeatures, date: dt.date | None, *, story: str, copy_of: str
    ) -> Assignment:
        """Put an exact copy (same content hash as ``copy_of``) in its original's ``story``.

        It counts in the IDF and the story's centroid as an assigned article does.
        """
        self.idf.add(features.counts)
        live = self.stories.get(story)
        if live is not None:
            vectors = self.idf.vectors(features.counts)
            self._update(live, vectors, _query(vectors), date, article, features.sketch)
        return Assignment(article, story, False, 1.0, copy_of)

    def features(self, vectors: tuple[Vector, ...], story: LiveStory, date: dt.date | None) -> list[float]:
        """The model's inputs for an article (unit vectors per field) against a story."""
        gap = None if date is None or story.last_date is None else (date - story.last_date).days
        body = cosine(vectors[1], story.centroid[1], story.norms[1])
        names = cosine(vectors[2], story.centroid[2], story.norms[2])
        return [body, names, gap_feature(gap)]

    def _candidates(self, terms: list[str], date: dt.date | None) -> list[LiveStory]:
        postings = self.postings
        # One count over every posting (in C), in the order the postings are read, so ties rank as before.
        hits = Counter(chain.from_iterable([postings[t] for t in terms if t in postings]))
        result = []
        # Counter.most_common(n) is heapq.nlargest, a Python loop over every story hit; the same
        # ranking, ties in first-seen order, from one sort in C.
        for sid, _ in sorted(hits.items(), key=_COUNT, reverse=True)[:CANDIDATES]:
            story = self.stories.get(sid)
            if story is None:
                continue
            if date is not None and story.last_date is not None and (date - story.last_date).days > MAX_GAP_DAYS:
                continue
            result.append(story)
        return result

    def _update(
        self,
        story: LiveStory,
        vectors: tuple[Vector, ...],
        terms: list[str],
        date: dt.date | None,
        article: str,
        sketch: tuple[int, ...],
    ) -> None:
        story.add(vectors, date)
        if sketch and len(story.sketches) < COPY_MEMBERS:
            story.sketches.append((article, sketch))
        story.terms = list(dict.fromkeys(story.terms + terms))[-200:]
        self._touch(story, terms)

    def _touch(self, story: LiveStory, terms: list[str], *, restored: bool = False) -> None:
        """Make ``story`` the most recent live story and the most recent posting of ``terms``."""
        if story.last_date is not None and (self.newest is None or story.last_date > self.newest):
            self.newest = story.last_date
            self.dated_since = self.dated_since or story.last_date
        if not restored:
            story.seen = self.newest
        self.stories[story.id] = story
        self.stories.move_to_end(story.id)
        postings = self.postings
        for term in terms:
            posting = postings.get(term)
            if posting is None:  # not setdefault(term, OrderedDict()): it would build a dict every call
                posting = postings[term] = OrderedDict()
            posting[story.id] = None
            posting.move_to_end(story.id)
            if len(posting) > POSTINGS:
                posting.popitem(last=False)
        self._close_old()

    def _close_old(self) -> None:
        """Close the least recently changed stories while they are past :data:`CLOSE_AFTER_DAYS` or over
        :data:`LIVE_STORIES`: the live set is in change order, and so in order of ``seen``."""
        stories = self.stories
        while len(stories) > LIVE_STORIES:
            self._close(next(iter(stories.values())))
        if self.newest is None or self.dated_since is None:
            return
        horizon = self.newest - dt.timedelta(days=CLOSE_AFTER_DAYS)
        while stories:
            oldest = next(iter(stories.values()))
            if (oldest.seen or self.dated_since) >= horizon:
                return
            self._close(oldest)

    def _close(self, story: LiveStory) -> None:
        """Take ``story`` out of the live set and out of the postings of its terms (an emptied posting goes)."""
        del self.stories[story.id]
        postings = self.postings
        for term in story.terms:
            posting = postings.get(term)
            if posting is not None:
                posting.pop(story.id, None)
                if not posting:
                    del postings[term]

    # --- stories that converge -----------------------------------------------------------
    def merge_pass(self, changed: list[str]) -> list[tuple[str, str]]:
        """Merge each changed story into an older live story it has converged with.

        Two stories converge when articles bridging them arrive after both started. The centroid
        of the younger (by first article) is scored against the older's like an article, and
        they merge at :attr:`Model.merge`. Returns ``(absorbed, survivor)`` pairs; the survivor
        keeps its id, so ids stay stable.
        """
        merges: list[tuple[str, str]] = []
        for sid in changed:
            story = self.stories.get(sid)
            if story is None or story.alone:
                continue
            units = tuple(
                {t: w / n for t, w in c.items()} if n else {} for c, n in zip(story.centroid, story.norms, strict=True)
            )
            terms = _query(units)
            best, best_p = None, 0.0
            for other in self._candidates(terms, story.last_date):
                if other.id == story.id:
                    continue
                p = self.model.probability(self.features(units, other, story.last_date))
                if p > best_p:
                    best, best_p = other, p
            if best is None or best_p < self.model.merge:
                continue
            survivor, absorbed = (best, story) if best.created < story.created else (story, best)
            self._absorb(survivor, absorbed)
            merges.append((absorbed.id, survivor.id))
        return merges

    def _absorb(self, survivor: LiveStory, absorbed: LiveStory) -> None:
        for f in range(len(survivor.centroid)):
            survivor.centroid[f], survivor.norms[f] = add_into(
                survivor.centroid[f], absorbed.centroid[f], CENTROID_TERMS[f]
            )
        survivor.size += absorbed.size
        survivor.titled += absorbed.titled
        if absorbed.last_date and (survivor.last_date is None or absorbed.last_date > survivor.last_date):
            survivor.last_date = absorbed.last_date
        survivor.sketches = (survivor.sketches + absorbed.sketches)[:COPY_MEMBERS]
        self._close(absorbed)
        self._touch(survivor, absorbed.terms)
        survivor.terms = list(dict.fromkeys(survivor.terms + absorbed.terms))[-200:]

    def restore(self, story: LiveStory) -> None:
        """Bring back a story read from a store (oldest first, so recency order is kept)."""
        self.created = max(self.created, story.created)
        if not story.alone and not story.terms:  # a store written before the terms were kept
            story.terms = _query(tuple(story.centroid))
        self._touch(story, [] if story.alone else story.terms, restored=True)


_COUNT = itemgetter(1)


def _packed(sketch: tuple[int, ...]) -> str:
    """A copy sketch as hex of little-endian 32-bit words: a sixth of the JSON list's encoding cost."""
    return struct.pack(f"<{len(sketch)}I", *sketch).hex()


def _unpacked(stored: str | list[int]) -> tuple[int, ...]:
    """A stored sketch: hex (see :func:`_packed`) or, in stores written before it, a list of ints."""
    if isinstance(stored, str):
        raw = bytes.fromhex(stored)
        return struct.unpack(f"<{len(raw) // 4}I", raw)
    return tuple(stored)


def _query(vectors: tuple[Vector, ...]) -> list[str]:
    """The index terms of an article or a centroid: its heaviest terms per field."""
    terms: list[str] = []
    for vector, count in zip(vectors, QUERY_TERMS, strict=True):
        terms.extend(top_terms(vector, count))
    return list(dict.fromkeys(terms))
