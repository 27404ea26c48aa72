"""Seed documents built by hand, so the text stages are tested without the readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.model import Article, Document
from storyline.text.sentences import split_sentences

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def seed_articles() -> list[Article]:
    """The seeds, headline rule as in the readers: a short first line with no final period."""
    articles = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        first = text.split("\n", 1)[0]
        headline = "\n" in text and len(first.split()) <= 15 and not first.rstrip().endswith((".", "!", "?", "”", '"'))
        articles.append(
            Article(id=path.stem, text=text, title=first if headline else None, body_start=len(first) + 1 if headline else 0)
        )
    return articles


@pytest.fixture(scope="session")
def seed_documents() -> tuple[Document, ...]:
    return tuple(Document(a, split_sentences(a)) for a in seed_articles())
