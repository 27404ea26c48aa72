"""What is new: the part of a story that later articles add to earlier ones (the TAC update task).

The earlier and the newer articles are read, split and folded as one story, so a newer article
that copies an earlier one folds into it. An item is *new* when no earlier document holds it, a
copy of it, or a sentence close enough to it that a summary would not hold both (the selector's
``related_threshold``): the update should repeat nothing the reader already has. Every fact
(quote, figure, timeline event, disagreement) is kept only when a newer document reports it
and, for quotes, figures and events, no earlier one does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from storyline.errors import InputError
from storyline.features.context import Features
from storyline.model import Corpus, Story

__all__ = ["earlier_by_date", "merge", "new_facts", "novel_items"]


def merge(earlier: Corpus, newer: Corpus) -> tuple[Corpus, tuple[str, ...]]:
    """One corpus, the earlier articles first, and the ids of the earlier ones.

    An article given in both sets (same id, same text) counts as earlier, with a warning; the same
    id with different texts is an :class:`InputError`, since Refs could not tell them apart.
    """
    known = {a.id: a for a in earlier.articles}
    warnings = list(earlier.warnings + newer.warnings)
    articles = list(earlier.articles)
    for article in newer.articles:
        previous = known.get(article.id)
        if previous is None:
            articles.append(article)
        elif previous.text == article.text:
            warnings.append(f"{article.id}: given as both earlier and newer; counted as earlier")
        else:
            raise InputError(f"article id {article.id!r} names different texts in the earlier and newer sets")
    if len(articles) == len(earlier.articles):
        raise InputError("no newer articles: every article given is also in the earlier set")
    return Corpus(tuple(articles), tuple(warnings)), tuple(known)


def earlier_by_date(story: Story, since: dt.date) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ids of the documents dated before ``since``, and warnings.

    Undated documents count as earlier: they cannot be shown to be new.
    """
    earlier = tuple(d.id for d in story.documents if d.article.date is None or d.article.date < since)
    undated = [d.id for d in story.documents if d.article.date is None]
    warnings = [f"undated, so counted as earlier than {since.isoformat()}: {', '.join(undated)}"] if undated else []
    if len(earlier) == len(story.documents):
        raise InputError(f"no article is dated {since.isoformat()} or later")
    if not earlier:
        warnings.append(f"no article is dated before {since.isoformat()}: the update covers the whole story")
    return earlier, tuple(warnings)


def novel_items(features: Features, earlier: Iterable[str]) -> list[int]:
    """Items no earlier document reports: no earlier member, and no earlier item above the related threshold."""
    earlier = set(earlier)
    old = [i for i, item in enumerate(features.items) if any(m.doc_id in earlier for m in item.members)]
    old_set = set(old)
    novel = []
    for i in range(len(features)):
        if i in old_set:
            continue
        if old and features.similarity_to(i, old).max() > features.related_threshold:
            continue
        novel.append(i)
    return novel


Fact = TypeVar("Fact")


def new_facts(items: Iterable[Fact], earlier: Iterable[str], *, any_new: bool = False) -> tuple[Fact, ...]:
    """The items no earlier document supports (``any_new``: those at least one newer document supports).

    An item is a typed fact (its ``support``, or a disagreement's claims' support) or a brief dict.
    """
    earlier = set(earlier)
    kept = []
    for item in items:
        docs = set(_docs(item))
        if (docs - earlier) if any_new else not (docs & earlier):
            kept.append(item)
    return tuple(kept)


def _docs(item: Any) -> Iterator[str]:
    """Every document an item cites, claims included (disagreements)."""
    if isinstance(item, dict):
        for ref in item.get("support", []):
            yield str(ref["doc"])
        for claim in item.get("claims", []):
            yield from _docs(claim)
        return
    for ref in item.support:
        yield ref.doc
