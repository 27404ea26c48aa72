"""Storyline: turn a cluster of news articles into a sourced brief.

>>> import storyline
>>> brief = storyline.build_brief(storyline.load_articles("../shared/seeds"))  # doctest: +SKIP

The public names load on first use (PEP 562 module ``__getattr__``): ``import
storyline`` costs nothing until a name is used, so the CLI's ``--help`` and a
reader of one model record never import scikit-learn or an embedding model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Bound now, not on first use: ``render`` is also a subpackage's name, and importing
# ``storyline.render.json`` before the first use would bind the subpackage here instead.
from storyline.render import render

if TYPE_CHECKING:
    from storyline.config import BriefConfig
    from storyline.errors import ConfigError, InputError, MissingDependencyError, StorylineError
    from storyline.ingest import load_articles
    from storyline.model import Article, Brief, Corpus, Document, Item, Ref, Sentence, Story, SummaryItem
    from storyline.pipeline import build_brief, build_update
    from storyline.rankers import DEFAULT_RANKER, RANKERS, get_ranker

__version__ = "0.1.0"

# Each public name and the module that defines it.
_SOURCES = {
    "BriefConfig": "storyline.config",
    **dict.fromkeys(("ConfigError", "InputError", "MissingDependencyError", "StorylineError"), "storyline.errors"),
    "load_articles": "storyline.ingest",
    **dict.fromkeys(
        ("Article", "Brief", "Corpus", "Document", "Item", "Ref", "Sentence", "Story", "SummaryItem"), "storyline.model"
    ),
    **dict.fromkeys(("build_brief", "build_update"), "storyline.pipeline"),
    **dict.fromkeys(("DEFAULT_RANKER", "RANKERS", "get_ranker"), "storyline.rankers"),
}


def __getattr__(name: str) -> Any:
    """Import the module behind a public name on first use, and keep the name here for the next."""
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module 'storyline' has no attribute {name!r}")
    value = getattr(importlib.import_module(source), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_SOURCES))


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
