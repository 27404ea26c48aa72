"""The example cluster read by hand, so the text stages are tested without the readers.

The headline rule is the readers' own: the first line is a headline when it is short (at most
15 words), has no final ``.``, ``!`` or ``?``, and more lines follow.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.model import Article, Document
from storyline.text.sentences import split_sentences

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
HEADLINE_WORDS = 15


def read_seed(path: Path) -> Article:
    text = path.read_text(encoding="utf-8")
    first, newline, _ = text.partition("\n")
    headline = bool(newline) and len(first.split()) <= HEADLINE_WORDS and not first.rstrip().endswith((".", "!", "?"))
    return Article(
        id=path.stem,
        text=text,
        title=first.strip() if headline else None,
        body_start=len(first) + 1 if headline else 0,
        path=str(path),
    )


def seed_articles() -> list[Article]:
    assert SEEDS.is_dir(), f"the example cluster is missing: {SEEDS}"
    return [read_seed(p) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="session")
def seed_paragraphs() -> list[str]:
    """Every body line of the seeds (material for generated texts)."""
    return [line for a in seed_articles() for line in a.text[a.body_start :].split("\n") if line.strip()]


@pytest.fixture(scope="session")
def seed_documents() -> tuple[Document, ...]:
    return tuple(Document(a, split_sentences(a)) for a in seed_articles())
