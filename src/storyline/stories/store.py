"""The story store: one SQLite file (stdlib ``sqlite3``, write-ahead log) of articles, stories, assignments, briefs.

Every ingest batch is one transaction: its articles, their assignments, the changed stories and
the IDF counts are committed together or not at all, so a crash loses at most the batch in
flight and never leaves a half-written store; the next run skips what is stored (identity by
content hash, then by id) and goes on. The clustering's state (IDF counts, live stories'
centroids) is stored too, so a resumed run decides exactly as an uninterrupted one.

The IDF counts are the one part written less often than every batch (every
:data:`IDF_FLUSH_BATCHES` batches, and when an ingest ends): rewriting every term a batch touched
was half of a commit's cost. A resumed run recounts the articles stored since the last flush
(meta ``idf_seq``), so its counts are the uninterrupted run's all the same.

The schema has a version (table ``schema_version``) and a list of migrations; opening an older
store applies the missing ones in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path
from urllib.parse import urlsplit

from storyline.errors import InputError
from storyline.model import Article
from storyline.stories import backlog
from storyline.stories.cluster import LIVE_STORIES, Assignment, Clusterer, LiveStory
from storyline.stories.decision import DEFAULT_MODEL, Model
from storyline.stories.features import article_features
from storyline.stories.vectors import OnlineIdf

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "StoredArticle", "StoryRow", "Store"]

MIGRATIONS: tuple[str, ...] = (
    # 1: articles, stories, assignments, cached briefs, the clustering's IDF counts.
    """
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, hash TEXT NOT NULL,
        title TEXT, date TEXT, source TEXT, url TEXT, outlet TEXT, text TEXT NOT NULL,
        body_start INTEGER NOT NULL DEFAULT 0, copy_of TEXT, arrived REAL NOT NULL);
    CREATE INDEX articles_hash ON articles(hash);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY, created INTEGER NOT NULL, title TEXT, articles INTEGER NOT NULL,
        sources INTEGER NOT NULL, first_date TEXT, last_date TEXT, last_seq INTEGER NOT NULL,
        changed REAL NOT NULL, version INTEGER NOT NULL, state TEXT NOT NULL);
    CREATE INDEX stories_last_seq ON stories(last_seq);
    CREATE TABLE assignments (
        article TEXT PRIMARY KEY, story TEXT NOT NULL, probability REAL NOT NULL, reason TEXT NOT NULL);
    CREATE INDEX assignments_story ON assignments(story);
    CREATE TABLE briefs (story TEXT PRIMARY KEY, version INTEGER NOT NULL, brief BLOB NOT NULL, built REAL NOT NULL);
    CREATE TABLE idf (field INTEGER NOT NULL, term TEXT NOT NULL, df INTEGER NOT NULL,
        PRIMARY KEY (field, term)) WITHOUT ROWID;
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: a merged story keeps its id as a pointer to the one it joined; each ingest run's report.
    """
    ALTER TABLE stories ADD COLUMN merged_into TEXT;
    CREATE TABLE runs (id INTEGER PRIMARY KEY, started REAL NOT NULL, finished REAL NOT NULL,
        added INTEGER NOT NULL, known INTEGER NOT NULL, warnings TEXT NOT NULL);
    """,
    # 3: merged stories by the story they joined. A merge repoints the stories merged into the
    # absorbed one; without an index that scanned every story's row (and its stored state) once a
    # merge, the one cost of an ingest that grew with the store. Partial: only merged stories.
    """
    CREATE INDEX stories_merged_into ON stories(merged_into) WHERE merged_into IS NOT NULL;
    """,
    # 4: the briefs still to build (backlog.py), so that a crash during `ingest --briefs` loses none.
    """
    CREATE TABLE brief_queue (story TEXT PRIMARY KEY, since REAL NOT NULL, quick INTEGER NOT NULL) WITHOUT ROWID;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
# Batches between two writes of the IDF counts: a resumed run recounts at most this many batches
# of stored articles (~2 s for 4,000), and the terms that recur across batches are written once.
IDF_FLUSH_BATCHES = 8


@dataclass(frozen=True)
class StoryRow:
    """A story as listed: counts, dates and when it last changed."""

    id: str
    title: str | None
    articles: int
    sources: int
    first_date: str | None
    last_date: str | None
    changed: float
    version: int
    last_seq: int

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "articles": self.articles,
            "sources": self.sources,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "changed": dt.datetime.fromtimestamp(self.changed, dt.UTC).isoformat(timespec="seconds"),
            "version": self.version,
            "seq": self.last_seq,
        }


@dataclass(frozen=True)
class StoredArticle:
    """An article to store with where it went (its content hash is its identity)."""

    article: Article
    hash: str
    assignment: Assignment


class Store:
    """One store file; open it with :meth:`open` (``with Store.open(path) as store``)."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path
        # Terms counted since the last flush, per field (sets of strings: cheaper than (field, term) pairs).
        self._idf_pending: tuple[set[str], ...] = (set(), set(), set())
        self._idf_batches = 0

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> Store:
        """Open (creating and migrating unless ``read_only``) the store at ``path``."""
        path = Path(path)
        if read_only and not path.exists():
            raise InputError(f"no store at {path}; create it with `storyline ingest ... --store {path}`")
        try:
            if read_only:
                db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            else:
                db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                # 64 MB of page cache (SQLite's default is 2 MB): the indexes of random ids and hashes
                # outgrow 2 MB at ~20,000 articles, and each batch's inserts then reread their pages.
                db.execute("PRAGMA cache_size=-65536")
            db.execute("PRAGMA busy_timeout=10000")
            store = cls(db, path)
            if not read_only:
                store.migrate()
                store._mark_idf_flushed()
            elif store.version() != SCHEMA_VERSION:
                raise InputError(
                    f"{path}: store schema {store.version()}, this version reads {SCHEMA_VERSION}; run ingest"
                )
        except sqlite3.DatabaseError as error:
            raise InputError(f"{path} is not a story store ({error})") from None
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.db.close()

    # --- schema ------------------------------------------------------------------------
    def version(self) -> int:
        try:
            row = self.db.execute("SELECT version FROM schema_version").fetchone()
        except sqlite3.OperationalError:  # no such table: an empty file
            return 0
        return int(row[0]) if row else 0

    def migrate(self, target: int = SCHEMA_VERSION) -> None:
        """Apply the migrations from the store's version up to ``target``, all in one transaction."""
        current = self.version()
        if current > SCHEMA_VERSION:
            raise InputError(f"{self.path}: store schema {current} is newer than this version's {SCHEMA_VERSION}")
        if current >= target:
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            for script in MIGRATIONS[current:target]:
                for statement in filter(str.strip, script.split(";")):
                    self.db.execute(statement)
            self.db.execute("DELETE FROM schema_version")
            self.db.execute("INSERT INTO schema_version VALUES (?)", (target,))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    # --- identity ----------------------------------------------------------------------
    def by_hash(self, hashes: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        """For each content hash already stored: the ``(article id, story)`` pairs that have it, oldest first."""
        found: dict[str, list[tuple[str, str]]] = {}
        unique = sorted(set(hashes))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            rows = self.db.execute(
                f"SELECT a.hash, a.id, s.story FROM articles a JOIN assignments s ON s.article = a.id "
                f"WHERE a.hash IN ({','.join('?' * len(chunk))}) ORDER BY a.seq",
                chunk,
            )
            for h, article, story in rows:
                found.setdefault(h, []).append((article, story))
        return found

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        return self._existing("id", ids)

    def _existing(self, column: str, values: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(values), 500):
            chunk = list(values[start : start + 500])
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0] for r in self.db.execute(f"SELECT {column} FROM articles WHERE {column} IN ({marks})", chunk)
            )
        return found

    # --- the clustering's state ----------------------------------------------------------
    def clusterer(self, model: Model = DEFAULT_MODEL) -> Clusterer:
        """A clusterer in the state the last committed batch left: IDF counts and the live stories."""
        documents = int(self._meta("documents") or 0)
        frequencies: tuple[dict[str, int], ...] = ({}, {}, {})
        for field, term, df in self.db.execute("SELECT field, term, df FROM idf"):
            frequencies[field][term] = df
        clusterer = Clusterer(model=model, idf=OnlineIdf(documents, frequencies))
        # The feed's clock first, so that stories it has closed are closed again as they are read.
        for key in ("newest", "dated_since"):
            value = self._meta(key)
            setattr(clusterer, key, dt.date.fromisoformat(value) if value else None)
        # Articles committed after the last IDF flush: counted again.
        for article in self._articles_after(int(self._meta("idf_seq") or 0)):
            counts = article_features(article).counts
            clusterer.idf.add(counts)
            for pending, table in zip(self._idf_pending, counts, strict=True):
                pending.update(table)
        rows = self.db.execute(
            "SELECT id, state FROM (SELECT id, state, last_seq FROM stories WHERE merged_into IS NULL "
            "ORDER BY last_seq DESC LIMIT ?) ORDER BY last_seq",
            (LIVE_STORIES,),
        )
        for story, state in rows:
            clusterer.restore(LiveStory.from_state(story, json.loads(state)))
        clusterer.created = max(clusterer.created, int(self._meta("stories_created") or 0))
        return clusterer

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    # --- one batch, one transaction --------------------------------------------------------
    def commit_batch(
        self,
        stored: Sequence[StoredArticle],
        clusterer: Clusterer,
        idf_terms: Sequence[Iterable[str]],
        merges: Sequence[tuple[str, str]],
        *,
        queue_briefs: bool = False,
    ) -> list[str]:
        """Write a batch's articles, assignments, merges, changed stories and IDF counts atomically;
        with ``queue_briefs``, the changed stories into the brief queue (:mod:`.backlog`) as well.

        Returns the ids of the stories that changed (merged-away ones excluded).
        """
        now = time.time()
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            # One statement per table for the whole batch (executemany), not two per article.
            db.executemany(
                "INSERT INTO articles (id, hash, title, date, source, url, outlet, text, body_start, copy_of, "
                "arrived) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        a.id,
                        item.hash,
                        a.title,
                        a.date.isoformat() if a.date else None,
                        a.source,
                        a.url,
                        _outlet(a),
                        a.text,
                        a.body_start,
                        item.assignment.copy_of,
                        now,
                    )
                    for item in stored
                    for a in (item.article,)
                ],
            )
            db.executemany(
                "INSERT INTO assignments VALUES (?,?,?,?)",
                [
                    (item.article.id, item.assignment.story, item.assignment.probability, item.assignment.reason)
                    for item in stored
                ],
            )
            changed: dict[str, None] = dict.fromkeys(item.assignment.story for item in stored)
            # A story absorbed in this batch is written first, so that its id stays a known pointer.
            self._write_stories(clusterer, list(changed) + [a for a, _ in merges if a not in changed], now)
            last_seq = db.execute("SELECT max(seq) FROM articles").fetchone()[0]
            for absorbed, survivor in merges:
                db.execute("UPDATE assignments SET story = ? WHERE story = ?", (survivor, absorbed))
                db.execute("UPDATE stories SET merged_into = ? WHERE merged_into = ?", (survivor, absorbed))
                db.execute(
                    "UPDATE stories SET merged_into = ?, changed = ?, last_seq = ? WHERE id = ?",
                    (survivor, now, last_seq, absorbed),
                )
                changed.pop(absorbed, None)
                changed[survivor] = None
            for absorbed in {a for a, _ in merges}:
                changed.pop(absorbed, None)
            if queue_briefs:
                backlog.dequeue(db, {a for a, _ in merges})
                backlog.enqueue(db, changed, now)
            # A survivor may itself be absorbed later in the same pass (A into B, then B into C).
            absorbed_ids = {a for a, _ in merges}
            self._write_stories(clusterer, list(dict.fromkeys(s for _, s in merges if s not in absorbed_ids)), now)
            for pending, terms in zip(self._idf_pending, idf_terms, strict=True):
                pending.update(terms)
            self._idf_batches += 1
            meta = [("stories_created", str(clusterer.created))]
            meta += [(key, day.isoformat()) for key in ("newest", "dated_since") if (day := getattr(clusterer, key))]
            if self._idf_batches >= IDF_FLUSH_BATCHES:
                meta += self._write_idf(clusterer, last_seq)
            self._set_meta(meta)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return list(changed)

    def _mark_idf_flushed(self) -> None:
        """A store written before the IDF flush was deferred has no ``idf_seq``: its counts cover every article."""
        if self._meta("idf_seq") is None:
            last_seq = self.db.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
            self._set_meta([("idf_seq", str(last_seq))])

    def flush_idf(self, clusterer: Clusterer) -> None:
        """Write the IDF counts of the batches committed since the last flush (an ingest's end)."""
        if not any(self._idf_pending):
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            last_seq = self.db.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
            self._set_meta(self._write_idf(clusterer, last_seq))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _write_idf(self, clusterer: Clusterer, last_seq: int) -> list[tuple[str, str]]:
        """Upsert the pending terms' counts; the meta rows that go with them (inside the caller's transaction)."""
        tables = clusterer.idf.frequencies
        terms = [sorted(pending) for pending in self._idf_pending]
        # The rows built in C (zip, map): a Python loop over the ~10,000 terms of a flush cost as much as writing them.
        rows = (zip(repeat(f), ts, map(tables[f].__getitem__, ts)) for f, ts in enumerate(terms))
        self.db.executemany(
            "INSERT INTO idf VALUES (?,?,?) ON CONFLICT (field, term) DO UPDATE SET df = excluded.df",
            chain.from_iterable(rows),
        )
        for pending in self._idf_pending:
            pending.clear()
        self._idf_batches = 0
        return [("documents", str(clusterer.idf.documents)), ("idf_seq", str(last_seq))]

    def _set_meta(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.db.executemany(
            "INSERT INTO meta VALUES (?,?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", pairs
        )

    def _articles_after(self, seq: int) -> list[Article]:
        rows = self.db.execute("SELECT id, text, title, body_start FROM articles WHERE seq > ? ORDER BY seq", (seq,))
        return [Article(id=i, text=t, title=ti, body_start=b) for i, t, ti, b in rows]

    def _write_stories(self, clusterer: Clusterer, stories: Sequence[str], now: float) -> None:
        """Upsert the rows of ``stories`` (counts, dates, title, state): two queries and one write per
        chunk of stories, not per story."""
        for start in range(0, len(stories), 500):
            chunk = list(stories[start : start + 500])
            marks = ",".join("?" * len(chunk))
            counts = {
                row[0]: row[1:]
                for row in self.db.execute(
                    "SELECT s.story, count(*), count(DISTINCT CASE WHEN a.copy_of IS NULL THEN a.outlet END) "
                    "+ coalesce(sum(a.outlet IS NULL AND a.copy_of IS NULL), 0), min(a.date), "
                    "max(a.date), max(a.seq), min(a.seq) FROM assignments s JOIN articles a ON a.id = s.article "
                    f"WHERE s.story IN ({marks}) GROUP BY s.story",
                    chunk,
                )
            }
            # A story's title: its first titled article's, else the start of its first article.
            titles = dict(
                self.db.execute(
                    "SELECT story, title FROM (SELECT s.story, coalesce(a.title, substr(a.text, 1, 120)) AS title, "
                    "row_number() OVER (PARTITION BY s.story ORDER BY a.title IS NULL, a.seq) AS n "
                    f"FROM assignments s JOIN articles a ON a.id = s.article WHERE s.story IN ({marks})) WHERE n = 1",
                    chunk,
                )
            )
            rows = []
            for story in chunk:
                live = clusterer.stories.get(story)
                n, sources, first, last, last_seq, first_seq = counts[story]
                state = json.dumps(live.to_state()) if live else "{}"
                created = live.created if live else first_seq
                rows.append((story, created, _first_line(titles[story]), n, sources, first, last, last_seq, now, state))
            self.db.executemany(
                "INSERT INTO stories (id, created, title, articles, sources, first_date, last_date, last_seq, changed, "
                "version, state) VALUES (?,?,?,?,?,?,?,?,?,1,?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
                "articles = excluded.articles, sources = excluded.sources, first_date = excluded.first_date, "
                "last_date = excluded.last_date, last_seq = excluded.last_seq, changed = excluded.changed, "
                "version = stories.version + 1, state = excluded.state",
                rows,
            )

    def record_run(self, started: float, added: int, known: int, warnings: Sequence[str]) -> None:
        self.db.execute(
            "INSERT INTO runs (started, finished, added, known, warnings) VALUES (?,?,?,?,?)",
            (started, time.time(), added, known, json.dumps(list(warnings))),
        )

    # --- reading -----------------------------------------------------------------------------
    def stories(self, *, limit: int | None = None, after_seq: int = 0) -> list[StoryRow]:
        """Live (not merged) stories, the most recently changed first; only those changed after ``after_seq``."""
        rows = self.db.execute(
            "SELECT id, title, articles, sources, first_date, last_date, changed, version, last_seq FROM stories "
            "WHERE merged_into IS NULL AND last_seq > ? ORDER BY last_seq DESC LIMIT ?",
            (after_seq, -1 if limit is None else limit),
        )
        return [StoryRow(*row) for row in rows]

    def merged_since(self, after_seq: int) -> list[tuple[str, int]]:
        """Stories merged into another after ``after_seq``: ``(id, seq of the merge)``."""
        rows = self.db.execute(
            "SELECT id, last_seq FROM stories WHERE merged_into IS NOT NULL AND last_seq > ?", (after_seq,)
        )
        return [(str(i), int(q)) for i, q in rows]

    def count(self) -> int:
        """How many stories there are (merged ones not counted)."""
        return int(self.db.execute("SELECT count(*) FROM stories WHERE merged_into IS NULL").fetchone()[0])

    def resolve(self, story: str) -> str:
        """The id a story is now known by (a merged story's survivor); InputError for an unknown id."""
        for _ in range(64):  # merge chains are short; the bound guards a corrupted file
            row = self.db.execute("SELECT merged_into FROM stories WHERE id = ?", (story,)).fetchone()
            if row is None:
                raise InputError(
                    f"no story {story!r} in {self.path}; `storyline stories --store {self.path}` lists them"
                )
            if row[0] is None:
                return story
            story = row[0]
        raise InputError(f"story {story!r}: merge chain too long in {self.path}")

    def story(self, story: str) -> StoryRow:
        row = self.db.execute(
            "SELECT id, title, articles, sources, first_date, last_date, changed, version, last_seq FROM stories "
            "WHERE id = ?",
            (self.resolve(story),),
        ).fetchone()
        return StoryRow(*row)

    def articles(self, story: str) -> list[Article]:
        """The story's articles in arrival order, as they were read."""
        rows = self.db.execute(
            "SELECT a.id, a.text, a.title, a.date, a.source, a.url, a.body_start FROM assignments s "
            "JOIN articles a ON a.id = s.article WHERE s.story = ? ORDER BY a.seq",
            (self.resolve(story),),
        )
        return [
            Article(
                id=i, text=t, title=ti, date=dt.date.fromisoformat(d) if d else None, source=so, url=u, body_start=b
            )
            for i, t, ti, d, so, u, b in rows
        ]

    def assignments_of(self, articles: Sequence[str]) -> dict[str, str]:
        """The story of each of ``articles`` that is stored: article id -> story id."""
        found: dict[str, str] = {}
        unique = sorted(set(articles))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(f"SELECT article, story FROM assignments WHERE article IN ({marks})", chunk))
        return found

    def assignments(self) -> dict[str, str]:
        """Every article's story (merges followed): article id -> story id."""
        return dict(self.db.execute("SELECT article, story FROM assignments"))

    # --- cached briefs -------------------------------------------------------------------------
    def cached_brief(self, story: str, version: int) -> dict[str, str] | None:
        """The brief of ``story`` at ``version`` rendered in every format (text, md, json, html), if cached."""
        row = self.db.execute("SELECT version, brief FROM briefs WHERE story = ?", (story,)).fetchone()
        if row is None or row[0] != version:
            return None
        renderings: dict[str, str] = json.loads(row[1])
        return renderings

    def cache_brief(self, story: str, version: int, renderings: dict[str, str]) -> None:
        self.db.execute(
            # Never over a newer version's brief (two builders of one story finishing out of order).
            "INSERT INTO briefs VALUES (?,?,?,?) ON CONFLICT (story) DO UPDATE SET version = excluded.version, "
            "brief = excluded.brief, built = excluded.built WHERE excluded.version >= briefs.version",
            (story, version, json.dumps(renderings), time.time()),
        )

    def keep_brief(self, story: str, version: int, renderings: dict[str, str], *, quick: bool) -> None:
        """:meth:`cache_brief` and the brief queue's row brought up to date (:func:`.backlog.briefed`), atomically."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.cache_brief(story, version, renderings)
            backlog.briefed(self.db, story, version, quick=quick, now=time.time())
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def brief_backlog(self) -> list[tuple[str, float, bool]]:
        """The queued briefs (:func:`.backlog.pending`): ``(story, since, quick brief built)``, oldest first."""
        return backlog.pending(self.db)

    def brief_built(self, story: str) -> float | None:
        """When the cached brief of ``story`` was built (seconds since the epoch), if it is."""
        row = self.db.execute("SELECT built FROM briefs WHERE story = ?", (story,)).fetchone()
        return float(row[0]) if row else None


def _outlet(article: Article) -> str | None:
    """Who published it: the source, else the host of its URL; None when neither is known."""
    if article.source:
        return article.source.strip().lower()
    if article.url:
        host = urlsplit(article.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def _first_line(text: str | None) -> str | None:
    if not text:
        return None
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= 100 else line[:99].rsplit(" ", 1)[0] + "…"
