"""The briefs still to build, kept in the store (table ``brief_queue``), so that a crash loses none.

A row is a story whose brief is behind its current version: ``since`` is when its oldest change
not yet briefed was committed (the refresher builds the oldest first), ``quick`` is 1 once a
quick brief of the current version is cached (the full one is still to come). The ingest writes
the rows of a batch's changed stories in the batch's own transaction, and the refresher updates
or deletes a row in the transaction that caches the brief, and only if the story is still at the
version the brief was built from: a row disappears exactly when its story's full brief is
current, whatever crashes in between, and the next ``ingest --briefs`` picks up the rest.

Every function here runs inside the caller's transaction on the store's connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

__all__ = ["briefed", "dequeue", "enqueue", "pending"]


def enqueue(db: sqlite3.Connection, stories: Iterable[str], now: float) -> None:
    """Stories changed at ``now``: queued for a quick brief; one already waiting keeps its place,
    one whose quick brief was built waits again from ``now`` (its change since is not briefed)."""
    db.executemany(
        "INSERT INTO brief_queue VALUES (?, ?, 0) ON CONFLICT (story) DO UPDATE SET "
        "since = CASE WHEN brief_queue.quick THEN excluded.since ELSE brief_queue.since END, quick = 0",
        [(story, now) for story in stories],
    )


def dequeue(db: sqlite3.Connection, stories: Iterable[str]) -> None:
    """Stories that need no brief of their own any more (merged into another, which is queued)."""
    db.executemany("DELETE FROM brief_queue WHERE story = ?", [(story,) for story in stories])


def briefed(db: sqlite3.Connection, story: str, version: int, *, quick: bool, now: float) -> bool:
    """A brief of ``story`` at ``version`` was just cached: a quick one leaves the row waiting for the
    full brief (from ``now``), a full one removes it; nothing when the story has moved on since.
    Whether the row was changed."""
    current = "(SELECT version FROM stories WHERE id = ?) = ?"
    if quick:
        done = db.execute(
            f"UPDATE brief_queue SET quick = 1, since = ? WHERE story = ? AND quick = 0 AND {current}",
            (now, story, story, version),
        )
    else:
        done = db.execute(f"DELETE FROM brief_queue WHERE story = ? AND {current}", (story, story, version))
    return done.rowcount > 0


def pending(db: sqlite3.Connection) -> list[tuple[str, float, bool]]:
    """Every queued story: ``(story, since, quick brief built)``, oldest first."""
    rows = db.execute("SELECT story, since, quick FROM brief_queue ORDER BY since")
    return [(str(story), float(since), bool(quick)) for story, since, quick in rows]
