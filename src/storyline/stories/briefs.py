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

__all__ = ["FORMATS", "QUICK_CONFIG", "QUICK_FORMATS", "quick_renderings", "renderings", "story_brief", "warm_up"]

FORMATS = ("text", "md", "json", "html")
# A quick brief (refresh.py) is built with the cheapest options: entities by the rules, the lead
# sentences as the summary (the news baseline: a story's first reports say what happened), no
# sentence embeddings. On 40 dev stories of one to three articles it takes ~19-23 ms CPU to build
# where the default options take ~100 ms (spaCy's entities, the learned ranker over embeddings);
# the full brief follows when no changed story waits.
QUICK_CONFIG = {"entities": "rules", "ranker": "lead", "embeddings": "none"}


def renderings(
    articles: list[Article],
    *,
    formats: tuple[str, ...] = FORMATS,
    entities: str = "auto",
    ranker: str = "default",
    embeddings: str = "auto",
) -> dict[str, str]:
    """The brief of ``articles`` in each of ``formats`` (text without colour).

    Besides the formats, ``entities`` names the entity backend it was built with; ``ranker`` and
    ``embeddings`` are the :class:`~storyline.BriefConfig` fields of those names.
    """
    config = storyline.BriefConfig(entities=entities, ranker=ranker, embeddings=embeddings)
    brief = storyline.build_brief(articles, config)
    rendered = {fmt: to_text(brief, color=False) if fmt == "text" else storyline.render(brief, fmt) for fmt in formats}
    return rendered | {"entities": entities}


# A quick brief is rendered for the web app (html, json) and md; not as text, which costs as much
# as the other three together (~6 ms of a quick brief's ~30): asked for text, a story whose
# full brief is not built yet gets it then (story_brief).
QUICK_FORMATS = ("md", "json", "html")


def quick_renderings(articles: list[Article]) -> dict[str, str]:
    """:func:`renderings` with the quick options (:data:`QUICK_CONFIG`) in :data:`QUICK_FORMATS`."""
    return renderings(articles, formats=QUICK_FORMATS, **QUICK_CONFIG)


def warm_up() -> None:
    """Build a quick and a full brief of two short articles: a brief worker's first story then finds
    the stages imported and the models loaded (a spawned process starts with neither)."""
    text = "The council said on Monday it had approved the new bridge. Officials said 12 people objected."
    articles = [Article(id="a", text=text), Article(id="b", text=text.replace("12", "15"))]
    quick_renderings(articles)
    renderings(articles)


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
    if cached is None or fmt not in cached:
        cached = renderings(store.articles(row.id))
        store.cache_brief(row.id, row.version, cached)
    return cached[fmt]
