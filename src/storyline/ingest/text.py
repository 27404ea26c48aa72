"""Plain-text articles: an optional headline line, then one paragraph per line."""

from __future__ import annotations

from pathlib import Path

from storyline.model import Article

HEADLINE_WORDS = 15
HEADLINE_CHARS = 150
_FINAL = (".", "!", "?", ".”", "!”", "?”", '."', '!"', '?"', ".’", ".'", ":")


def article_from_text(text: str, *, doc_id: str, path: Path | None = None) -> Article:
    """An article whose first line is its headline when it reads like one.

    A headline is short, has no final sentence punctuation and is followed by
    more text (seed 000 opens with a sentence; 001-004 with headlines).
    """
    first, newline, rest = text.partition("\n")
    headline = first.strip()
    is_headline = (
        bool(newline and rest.strip() and headline)
        and len(headline.split()) <= HEADLINE_WORDS
        and len(headline) <= HEADLINE_CHARS
        and not headline.endswith(_FINAL)
    )
    return Article(
        id=doc_id,
        text=text,
        title=headline if is_headline else None,
        body_start=len(first) + 1 if is_headline else 0,
        path=str(path) if path else None,
    )
