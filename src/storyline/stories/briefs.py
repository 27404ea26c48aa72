"""A stored story's brief: built from its articles with the public API, cached per story version.

A story's version goes up each time an article joins it or a story merges into it, and the
cached brief is keyed by that version, so a brief is rebuilt only when its story changed.
"""

from __future__ import annotations

import datetime as dt

import storyline
from storyline.model import Article
from storyline.render.text import to_text
from storyline.stories.store import Store

__all__ = ["FORMATS", "QUICK_ENTITIES", "quick_renderings", "renderings", "story_brief"]

FORMATS = ("text", "md", "json", "html")
# The entity backend of a quick brief (refresh.py): the rules take ~0.05 s CPU for a story of one
# or two dev articles where spaCy's model takes ~0.12 s (the whole brief, measured on 40 dev
# stories), so a live feed's changed stories get a brief in time and spaCy's follows when idle.
QUICK_ENTITIES = "rules"


def renderings(articles: list[Article], *, entities: str = "auto") -> dict[str, str]:
    """The brief of ``articles`` in every format of :data:`FORMATS` (text without colour).

    Besides the formats, ``entities`` names the entity backend it was built with.
    """
    brief = storyline.build_brief(articles, storyline.BriefConfig(entities=entities))
    return {
        "text": to_text(brief, color=False),
        "md": storyline.render(brief, "md"),
        "json": storyline.render(brief, "json"),
        "html": storyline.render(brief, "html"),
        "entities": entities,
    }


def quick_renderings(articles: list[Article]) -> dict[str, str]:
    """:func:`renderings` with the :data:`QUICK_ENTITIES` backend."""
    return renderings(articles, entities=QUICK_ENTITIES)


def story_brief(store: Store, story: str, fmt: str, *, since: dt.date | None = None) -> str:
    """The brief of ``story`` in ``fmt``: from the cache when the story has not changed since it was built.

    With ``since``, the update brief of what the story's articles dated from then on add (never
    cached: one per date asked).
    """
    row = store.story(story)
    if since is not None:
        update = storyline.build_update(store.articles(row.id), since_date=since, config=storyline.BriefConfig())
        return to_text(update, color=False) if fmt == "text" else storyline.render(update, fmt)
    cached = store.cached_brief(row.id, row.version)
    if cached is None:
        cached = renderings(store.articles(row.id))
        store.cache_brief(row.id, row.version, cached)
    return cached[fmt]
