"""Storyline: turn a cluster of news articles into a sourced brief.

>>> import storyline
>>> brief = storyline.build_brief(storyline.load_articles("../shared/seeds"))  # doctest: +SKIP
"""

from __future__ import annotations

from storyline.config import BriefConfig
from storyline.errors import ConfigError, InputError, MissingDependencyError, StorylineError
from storyline.ingest import load_articles
from storyline.model import Article, Brief, Corpus, Document, Item, Ref, Sentence, Story, SummaryItem
from storyline.pipeline import build_brief, build_update
from storyline.rankers import DEFAULT_RANKER, RANKERS, get_ranker
from storyline.render import render

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_RANKER",
    "RANKERS",
    "Article",
    "Brief",
    "BriefConfig",
    "ConfigError",
    "Corpus",
    "Document",
    "InputError",
    "Item",
    "MissingDependencyError",
    "Ref",
    "Sentence",
    "Story",
    "StorylineError",
    "SummaryItem",
    "__version__",
    "build_brief",
    "build_update",
    "get_ranker",
    "load_articles",
    "render",
]
