"""Stories from a feed: online clustering of incoming articles into stories, kept in a store.

``storyline ingest`` reads articles (:mod:`.feed`), puts each in a story online (:mod:`.cluster`,
after Miranda et al., EMNLP 2018, "Multilingual Clustering of Streaming News"), and commits each
batch to a SQLite store (:mod:`.store`); the parallel parts run on an executor (:mod:`.executors`:
in process, or on Ray). A story's brief is built with :func:`storyline.build_brief` and cached
until the story changes (:mod:`.briefs`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.stories.cluster import Assignment, Clusterer
    from storyline.stories.executors import EXECUTORS, make_executor
    from storyline.stories.feed import IngestReport, ingest
    from storyline.stories.reading import Batch, read_paths, read_stream
    from storyline.stories.store import SCHEMA_VERSION, Store, StoryRow

# Resolved on first use (PEP 562), so that the CLI's commands module imports no numpy or sklearn.
_SOURCES = {
    "Assignment": "cluster",
    "Clusterer": "cluster",
    "EXECUTORS": "executors",
    "make_executor": "executors",
    "Batch": "reading",
    "IngestReport": "feed",
    "ingest": "feed",
    "read_paths": "reading",
    "read_stream": "reading",
    "SCHEMA_VERSION": "store",
    "Store": "store",
    "StoryRow": "store",
}


def __getattr__(name: str) -> Any:
    if name not in _SOURCES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_SOURCES[name]}"), name)


__all__ = [
    "EXECUTORS",
    "SCHEMA_VERSION",
    "Assignment",
    "Batch",
    "Clusterer",
    "IngestReport",
    "Store",
    "StoryRow",
    "ingest",
    "make_executor",
    "read_paths",
    "read_stream",
]
