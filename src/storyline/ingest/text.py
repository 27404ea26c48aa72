"""Plain-text articles: an optional headline line, then one paragraph per line."""

from __future__ import annotations

import re
from pathlib import Path

from storyline.model import Article

# Headlines in the seeds run 6-12 words; a first line longer than this is a lead paragraph.
HEADLINE_WORDS = 15
HEADLINE_CHARS = 150
# A line ending like a sentence (. ! ?, perhaps inside a closing quote or bracket) is body text;
# a final colon introduces what follows, so it is body text too.
_SENTENCE_END = re.compile(r"""(?:[.!?]["'”’»)\]]*|:)$""")


def is_headline(line: str) -> bool:
    """Whether a first line reads like a headline: short, and not ending like a sentence."""
    line = line.strip()
    return (
        bool(line)
        and len(line.split()) <= HEADLINE_WORDS
        and len(line) <= HEADLINE_CHARS
        and _SENTENCE_END.search(line) is None
    )


def article_from_text(text: str, *, doc_id: str, path: Path | None = None) -> Article:
    """An article whose first line is its title when it reads like a headline and more text follows.

    ``text`` is kept whole (headline included) because later stages compute
    offsets into it; ``body_start`` is the offset just after the headline
    line's newline, 0 when there is no headline (seed 000 opens with a sentence).
    """
    first, newline, rest = text.partition("\n")
    headline = bool(newline) and bool(rest.strip()) and is_headline(first)
    return Article(
        id=doc_id,
        text=text,
        title=first.strip() if headline else None,
        body_start=len(first) + 1 if headline else 0,
        path=str(path) if path is not None else None,
    )


__all__ = ["article_from_text", "is_headline"]
